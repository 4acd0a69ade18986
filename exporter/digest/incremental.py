"""The digest of a sliding window from only the lines that are new each cycle.

`build_digest` reads the whole window every cycle, although most of it was read the cycle
before: with busy pods that is most of an analysis's CPU. `IncrementalDigests` keeps, per
target and pod, the window as time buckets (`bucket_seconds` each, on a fixed grid of the
lines' kubelet timestamps). A bucket holds what reading its lines produced — the raw
templates of `TemplateMiner` (counts, exemplars, duration histograms per side) and the
side's reading counters — never the lines. Each cycle reads the new lines (`Collected.delta`)
into the buckets they belong to, drops buckets older than the window, and builds the digest
from the buckets' sums with the same code as `build_digest` (`compare.digest_from`). So
memory per target is bounded by templates × buckets, and the result equals a full
re-digest of the lines the buckets hold (tests/test_digest_incremental.py).

Sums are taken field by field over whatever `Template` and `SideStats` hold, so a field
the digest gains later is carried too: per-side lists of numbers are added, per-side
lists of values (exemplars: at most `MAX_EXAMPLES`) concatenated in reading order,
per-side histograms (dicts) added, and everything else (text, severity, kind, flags set
from a template's first event) taken from the first bucket, as a single read would.

Where it can differ from reading the window in one piece: a multi-line event whose lines
straddle a cycle's read or a bucket edge is read as two events, and a start-up line read
in a later cycle than the crash before it is not marked as a restart-after-crash. Both
need the read to land inside an event, which lasts microseconds. The window is kept in
whole buckets: it spans between `window_seconds` and one bucket more.
"""

from __future__ import annotations

import dataclasses
import gc
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from exporter.digest.compare import _read_side, digest_from
from exporter.digest.templates import MAX_EXAMPLES, Template, TemplateMiner
from exporter.model import Collected, Digest, PodLogs, SideLogs, SideStats
from exporter.timestamps import stamp_ns

__all__ = ["IncrementalDigests"]

_NS = 1_000_000_000
Key = tuple[Any, ...]
_SUMMED = [f.name for f in dataclasses.fields(SideStats) if f.type in ("int", int)]


@dataclass(slots=True)
class _Bucket:
    id: int  # line time // bucket length
    templates: dict[Key, Template] = field(default_factory=dict)
    stats: SideStats = field(default_factory=SideStats)
    redactions: int = 0


@dataclass(slots=True)
class _Pod:
    buckets: list[_Bucket] = field(default_factory=list)  # ascending id
    # the buckets' templates merged in order, kept up to date as lines come and go, so a
    # cycle merges one sum per pod rather than every bucket
    sum: dict[Key, Template] = field(default_factory=dict)
    dirty: bool = False  # lines went into an older bucket: rebuild `sum` from the buckets


@dataclass(slots=True)
class _Target:
    sides: tuple[dict[tuple[str, str], _Pod], dict[tuple[str, str], _Pod]] = field(
        default_factory=lambda: ({}, {})
    )
    lock: threading.Lock = field(default_factory=threading.Lock)


class IncrementalDigests:
    """Per-target bucketed digest state; `digest(collected)` for `Collected.delta` input."""

    def __init__(
        self,
        *,
        window_seconds: float,
        bucket_seconds: float,
        clock: Callable[[], int] = time.time_ns,
    ) -> None:
        self._window_ns = int(window_seconds * _NS)
        # at most ~20 buckets per window: memory is templates × buckets
        self._bucket_ns = int(max(bucket_seconds, window_seconds / 20) * _NS)
        self._clock = clock
        self._targets: dict[tuple[str, str, str], _Target] = {}

    def forget(self, key: tuple[str, str, str]) -> None:
        """Drop a canary's state (it ended)."""
        self._targets.pop(key, None)

    def size(self, key: tuple[str, str, str]) -> tuple[int, int]:
        """(buckets, bucket templates) held for a target: what its memory grows with."""
        state = self._targets.get(key)
        if state is None:
            return 0, 0
        buckets = [b for side in state.sides for pod in side.values() for b in pod.buckets]
        return len(buckets), sum(len(b.templates) for b in buckets)

    def digest(self, collected: Collected, *, max_diffs: int = 25) -> Digest:
        """Add `collected`'s new lines, forget what left the window, compare the window."""
        state = self._targets.setdefault(collected.target.key, _Target())
        was_enabled = gc.isenabled()
        gc.disable()  # as build_digest: no reference cycles here, many live objects
        try:
            with state.lock:
                oldest = (self._clock() - self._window_ns) // self._bucket_ns
                for index, side in enumerate((collected.stable, collected.canary)):
                    state.sides[index].update(self._advance(state.sides[index], side, index))
                    for pod in state.sides[index].values():
                        _expire(pod, oldest)
                return self._compare(state, collected, max_diffs)
        finally:
            if was_enabled:
                gc.enable()

    def _advance(
        self, pods: dict[tuple[str, str], _Pod], side: SideLogs, index: int
    ) -> dict[tuple[str, str], _Pod]:
        current: dict[tuple[str, str], _Pod] = {}
        for logs in side.pods:
            key = (logs.pod, logs.container)
            pod = pods.get(key)
            if pod is None or logs.fresh:
                pod = _Pod()
            current[key] = pod
            self._read(pod, logs, index)
        pods.clear()  # a pod not collected this cycle is gone (deleted, replaced)
        return current

    def _read(self, pod: _Pod, logs: PodLogs, index: int) -> None:
        prev = logs.previous_text.rstrip("\n")
        text = f"{prev}\n{logs.text}" if prev else logs.text
        if not text:
            return
        # contiguous runs of lines by bucket (lines come in time order)
        lines = text.splitlines(keepends=True)
        start, run_id, last_ns = 0, None, 0
        for i, line in enumerate(lines):
            ns = stamp_ns(line)
            if ns is None:
                ns = last_ns  # an unstamped line stays with the one before it
            last_ns = ns
            bid = ns // self._bucket_ns
            if run_id is None:
                run_id = bid
            elif bid != run_id:
                self._read_run(pod, run_id, "".join(lines[start:i]), index)
                start, run_id = i, bid
        if run_id is not None:
            self._read_run(pod, run_id, "".join(lines[start:]), index)

    def _read_run(self, pod: _Pod, bucket_id: int, text: str, index: int) -> None:
        bucket = next((b for b in reversed(pod.buckets) if b.id == bucket_id), None)
        if bucket is None:
            bucket = _Bucket(bucket_id)
            pod.buckets.append(bucket)
            pod.buckets.sort(key=lambda b: b.id)
        miner = TemplateMiner(sides=2)
        stats, redactions = _read_side(SideLogs([PodLogs("", "", text)]), miner, index)
        stats.pods = 0  # counted from the collected pods, not per read
        _add_stats(bucket.stats, stats)
        bucket.redactions += redactions
        run = miner._by_key
        _merge(bucket.templates, run)
        if bucket is pod.buckets[-1] and not pod.dirty:
            _merge(pod.sum, run)  # the newest lines go last, as in a full read
        else:
            pod.dirty = True

    def _compare(self, state: _Target, collected: Collected, max_diffs: int) -> Digest:
        merged: dict[Key, Template] = {}
        totals: list[SideStats] = []
        redactions = 0
        for index, side in enumerate((collected.stable, collected.canary)):
            # pod facts and counts as a full read has them; the lines' counters summed
            facts_only = SideLogs(
                [dataclasses.replace(p, text="", previous_text="") for p in side.pods]
            )
            stats, _ = _read_side(facts_only, TemplateMiner(sides=2), index)
            pods = state.sides[index]
            for logs in side.pods:  # in the collected order, as a full read goes
                pod = pods.get((logs.pod, logs.container))
                if pod is None:
                    continue
                for bucket in pod.buckets:
                    _add_stats(stats, bucket.stats)
                    redactions += bucket.redactions
                _merge(merged, pod.sum)
            totals.append(stats)
        miner = TemplateMiner(sides=2)
        miner._by_key = merged
        return digest_from(miner, totals[0], totals[1], collected, redactions, max_diffs)


def _add_stats(into: SideStats, other: SideStats) -> None:
    for name in _SUMMED:
        setattr(into, name, getattr(into, name) + getattr(other, name))


# How each Template field is combined, decided once from a template's values: the fields
# to add up, to concatenate and to add as histograms (the rest come from the first one).
_plans: dict[str, list[str]] | None = None
_FIELDS = [f.name for f in dataclasses.fields(Template)]


def _plan_of(t: Template) -> dict[str, list[str]]:
    global _plans
    if _plans is None:
        plans: dict[str, list[str]] = {"add": [], "concat": [], "histogram": []}
        for name in _FIELDS:
            value = getattr(t, name)
            if isinstance(value, list) and value:
                first = value[0]
                if isinstance(first, int | float) and not isinstance(first, bool):
                    plans["add"].append(name)
                elif isinstance(first, list):
                    plans["concat"].append(name)
                elif isinstance(first, dict):
                    plans["histogram"].append(name)
        _plans = plans
    return _plans


def _empty(t: Template) -> Template:
    """A template like `t` (same identity and first-event fields) with nothing counted."""
    plan = _plan_of(t)
    changes: dict[str, Any] = {}
    for name in plan["add"]:
        changes[name] = [0] * len(getattr(t, name))
    for name in plan["concat"]:
        changes[name] = [[] for _ in getattr(t, name)]
    for name in plan["histogram"]:
        changes[name] = [{} for _ in getattr(t, name)]
    return dataclasses.replace(t, **changes)


def _merge(into: dict[Key, Template], templates: dict[Key, Template]) -> None:
    if not templates:
        return
    plan = _plan_of(next(iter(templates.values())))
    add, concat, histogram = plan["add"], plan["concat"], plan["histogram"]
    get = into.get
    for key, t in templates.items():
        have = get(key)
        if have is None:
            have = into[key] = _empty(t)
        for name in add:
            mine = getattr(have, name)
            for side, value in enumerate(getattr(t, name)):
                mine[side] += value
        for name in concat:
            mine = getattr(have, name)
            cap = name == "examples"
            for side, value in enumerate(getattr(t, name)):
                if value:
                    if not cap:
                        mine[side].extend(value)
                    elif len(mine[side]) < MAX_EXAMPLES:
                        mine[side].extend(value[: MAX_EXAMPLES - len(mine[side])])
        for name in histogram:
            mine = getattr(have, name)
            for side, value in enumerate(getattr(t, name)):
                if value:
                    hist = mine[side]
                    for b, k in value.items():
                        hist[b] = hist.get(b, 0) + k


def _expire(pod: _Pod, oldest: int) -> None:
    """Drop buckets before `oldest`, taking their counts out of the pod's sum."""
    if pod.buckets and pod.buckets[0].id >= oldest and not pod.dirty:
        return
    gone = [b for b in pod.buckets if b.id < oldest]
    pod.buckets = [b for b in pod.buckets if b.id >= oldest]
    if pod.dirty:
        pod.sum, pod.dirty = {}, False
        for b in pod.buckets:
            _merge(pod.sum, b.templates)
        return
    if not gone:
        return
    plan = _plan_of(next(iter(gone[0].templates.values()))) if gone[0].templates else None
    if plan is None:
        return
    add, histogram = plan["add"], plan["histogram"]
    touched: set[Key] = set()
    for b in gone:
        for key, t in b.templates.items():
            have = pod.sum[key]
            for name in add:
                mine = getattr(have, name)
                for side, value in enumerate(getattr(t, name)):
                    mine[side] -= value
            for name in histogram:
                mine = getattr(have, name)
                for side, value in enumerate(getattr(t, name)):
                    hist = mine[side]
                    for bin_, k in value.items():
                        left = hist[bin_] - k
                        if left:
                            hist[bin_] = left
                        else:
                            del hist[bin_]
            touched.add(key)
    # exemplars and first-event fields now come from the oldest remaining bucket
    for key in touched:
        have = pod.sum[key]
        if not any(any(getattr(have, name)) for name in add):
            del pod.sum[key]
            continue
        entries = [e for b in pod.buckets if (e := b.templates.get(key)) is not None]
        fresh = _empty(entries[0])  # first-event fields from the oldest remaining bucket
        for name in add + histogram:
            setattr(fresh, name, getattr(have, name))  # the sums, already reduced
        for name in plan["concat"]:
            lists: list[list[Any]] = getattr(fresh, name)
            cap = MAX_EXAMPLES if name == "examples" else None
            for side, into in enumerate(lists):
                for t in entries:
                    if cap is not None and len(into) >= cap:
                        break
                    value = getattr(t, name)[side]
                    into.extend(value if cap is None else value[: cap - len(into)])
        pod.sum[key] = fresh
