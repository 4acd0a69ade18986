"""One container's log lines inside the analysis window, carried from cycle to cycle.

The kubelet prefixes every line with a fixed-width RFC 3339 nano timestamp when asked
(`timestamps=true`). A `ContainerWindow` keeps the lines it has read, newest last, as a few
text chunks (one per read) with each line's stamp in nanoseconds, so the next read asks only
for what is newer (`since_time()`, sent as `sinceTime`) and `trim()` drops what left the
window. `sinceTime` selects lines *at or after* it, so the boundary line comes back on the
next read: `add()` drops lines older than the newest one held and as many lines stamped
exactly like it as are already held (several lines can share a stamp).

Plain data, no I/O: `exporter.collect.logs` does the requests and decides when a window is
reset (a restarted container, a clock step).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass, field

from exporter.timestamps import format_ns, stamp_ns

__all__ = ["Added", "ContainerWindow", "format_ns", "stamp_ns"]


@dataclass(slots=True)
class _Chunk:
    text: str  # complete lines, each ending in "\n"
    stamps: array[int]  # ns per line
    starts: array[int]  # offset of each line in text

    def drop_before(self, cutoff_ns: int) -> _Chunk | None:
        i = bisect_left(self.stamps, cutoff_ns)
        if i == 0:
            return self
        if i >= len(self.stamps):
            return None
        base = self.starts[i]
        return _Chunk(
            self.text[base:],
            self.stamps[i:],
            array("q", (s - base for s in self.starts[i:])),
        )

    def keep_last(self, n: int) -> _Chunk:
        i = len(self.stamps) - n
        base = self.starts[i]
        return _Chunk(
            self.text[base:], self.stamps[i:], array("q", (s - base for s in self.starts[i:]))
        )


@dataclass(slots=True)
class Added:
    """What one read contributed: new lines after de-duplication, and their bytes."""

    lines: int = 0
    duplicates: int = 0
    text: str = ""


@dataclass(slots=True)
class ContainerWindow:
    """Lines of one container (current or previous instance) within the window."""

    chunks: deque[_Chunk] = field(default_factory=deque)
    lines: int = 0
    last_ns: int | None = None
    at_last: int = 0  # lines held whose stamp equals last_ns
    cut_ns: int = 0  # lines stamped before this were lost (a read or a cap kept the newest)
    retain: bool = True  # False: only the cursor is kept (the digest keeps its own state)
    first_ns: int = 0  # stamp of the first line the last add() kept

    def truncated(self, cutoff_ns: int) -> bool:
        """Whether lines of the window starting at `cutoff_ns` are missing."""
        return cutoff_ns < self.cut_ns

    def lost_before_first(self) -> None:
        """The last add() kept only the newest lines: everything before them is gone."""
        if self.first_ns:
            self.cut_ns = max(self.cut_ns, self.first_ns)

    def since_time(self) -> str | None:
        return None if self.last_ns is None else format_ns(self.last_ns)

    def text(self) -> str:
        return "".join(c.text for c in self.chunks)

    def add(self, body: str, *, head_cut: bool = False) -> Added:
        """Append a read's lines (oldest first), skipping the ones already held.

        `head_cut`: the body lost its beginning, so its first line may be partial."""
        raw = body.splitlines(keepends=True)
        if head_cut and raw:
            raw = raw[1:]
        if raw and not raw[-1].endswith("\n"):
            raw[-1] += "\n"
        stamps = array("q")
        starts = array("q")
        kept: list[str] = []
        last, at_last = self.last_ns, self.at_last
        skipped = 0
        pos = 0
        prev_ns = last if last is not None else 0
        skipping = False
        for line in raw:
            ns = stamp_ns(line)
            if ns is None:  # an unstamped line belongs with the one before it
                if skipping:
                    skipped += 1
                    continue
                ns = prev_ns
            elif last is not None and (ns < last or (ns == last and at_last > 0)):
                at_last -= ns == last
                skipped += 1
                skipping = True
                continue
            skipping = False
            prev_ns = ns
            stamps.append(ns)
            starts.append(pos)
            kept.append(line)
            pos += len(line)
        if not kept:
            return Added(duplicates=skipped)
        text = "".join(kept)
        self.first_ns = stamps[0]
        if self.retain:
            self.chunks.append(_Chunk(text, stamps, starts))
            self.lines += len(kept)
        newest = stamps[-1]
        if newest == self.last_ns:
            self.at_last += sum(1 for s in stamps if s == newest)
        else:
            self.last_ns = newest
            self.at_last = sum(1 for s in stamps if s == newest)
        return Added(lines=len(kept), duplicates=skipped, text=text)

    def trim(self, cutoff_ns: int, max_lines: int) -> None:
        """Forget lines stamped before `cutoff_ns` and all but the newest `max_lines`."""
        while self.chunks:
            first = self.chunks[0].drop_before(cutoff_ns)
            if first is None:
                self.lines -= len(self.chunks.popleft().stamps)
                continue
            self.lines -= len(self.chunks[0].stamps) - len(first.stamps)
            self.chunks[0] = first
            break
        while self.lines > max_lines and self.chunks:
            excess = self.lines - max_lines
            head = self.chunks[0]
            if len(head.stamps) <= excess:
                self.chunks.popleft()
                self.lines -= len(head.stamps)
            else:
                self.chunks[0] = head.keep_last(len(head.stamps) - excess)
                self.lines -= excess
            if self.chunks:
                self.cut_ns = max(self.cut_ns, self.chunks[0].stamps[0])

    def take(self, other: ContainerWindow) -> None:
        """Move `other`'s lines in front of ours (the old container's, at a restart)."""
        self.chunks.extendleft(reversed(other.chunks))
        self.lines += other.lines
        if self.last_ns is None:
            self.last_ns, self.at_last = other.last_ns, other.at_last
        self.cut_ns = max(self.cut_ns, other.cut_ns)
        other.chunks = deque()
        other.lines = 0
