"""The kubelet's log timestamps (`timestamps=true`): parsed to, and printed from, nanoseconds.

Shared by collection (cursors, `sinceTime`) and the incremental digest (time buckets), so
both read a line's time the same way; plain functions, no I/O.
"""

from __future__ import annotations

import calendar
import time

_NS = 1_000_000_000
_seconds_cache: dict[str, int] = {}


def stamp_ns(line: str) -> int | None:
    """Nanoseconds since the epoch of a line's RFC 3339 timestamp prefix, None without one."""
    if len(line) < 20 or line[4] != "-" or line[10] != "T":
        return None
    head = line[:19]
    secs = _seconds_cache.get(head)
    if secs is None:
        try:
            secs = calendar.timegm(
                (
                    int(head[0:4]),
                    int(head[5:7]),
                    int(head[8:10]),
                    int(head[11:13]),
                    int(head[14:16]),
                    int(head[17:19]),
                )
            )
        except ValueError:
            return None
        if len(_seconds_cache) > 4096:  # one entry per second of log; keep it small
            _seconds_cache.clear()
        _seconds_cache[head] = secs
    frac = 0
    i = 19
    if line[i] == ".":
        end = line.find("Z", i)
        if end < 0:
            end = line.find(" ", i)
        digits = line[i + 1 : end] if end > 0 else ""
        if not digits.isdigit():
            return None
        frac = int((digits + "000000000")[:9])
        i = end
    if line[i] not in "Z+-":
        return None
    return secs * _NS + frac


def format_ns(ns: int) -> str:
    """RFC 3339 with nanoseconds, the form `sinceTime` accepts and the kubelet prints."""
    secs, frac = divmod(ns, _NS)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(secs)) + f".{frac:09d}Z"
