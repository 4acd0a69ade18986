"""Score history per canary revision: the last hour of results, for the status page chart.

Fed by an `Analyzer` listener (`ScoreHistory.listener`), read by the HTTP layer. It lives
outside the pipeline layers because it only holds `model` values: the HTTP layer can import
it without reaching into the scheduler or the analyzer.

Memory is bounded twice over: a ring of at most `max_points` per canary and at most
`max_targets` canaries (the least recently updated one is dropped first), so a cluster with
many short-lived canaries cannot grow it without limit.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

from exporter.model import AnalysisResult, Target, Verdict

Key = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class ScorePoint:
    """One analysis outcome: a score and verdict, or an error (score and verdict None)."""

    timestamp: float
    score: float | None
    verdict: Verdict | None
    error: str = ""


@dataclass(slots=True)
class _Series:
    target: Target
    points: deque[ScorePoint]
    last: AnalysisResult | None = None


class ScoreHistory:
    """Bounded per-canary rings of `ScorePoint`, newest last, older than `max_age` dropped."""

    def __init__(
        self,
        *,
        max_age: float = 3600.0,
        max_points: int = 720,
        max_targets: int = 2000,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._max_age = max_age
        self._max_points = max_points
        self._max_targets = max_targets
        self._clock = clock
        self._rings: OrderedDict[Key, _Series] = OrderedDict()

    @property
    def max_age(self) -> float:
        return self._max_age

    def listener(
        self, target: Target, result: AnalysisResult | None, error: BaseException | None
    ) -> None:
        """`Analyzer.add_listener` signature: record every outcome of every analysis."""
        if result is not None:
            self.record(target, result)
        elif error is not None:
            self.record_error(target, str(error) or type(error).__name__)

    def record(self, target: Target, result: AnalysisResult) -> None:
        stamp = result.timestamp or self._clock()
        series = self._append(target, ScorePoint(stamp, float(result.score), result.verdict))
        if series is not None:
            series.last = result

    def record_error(self, target: Target, message: str) -> None:
        self._append(target, ScorePoint(self._clock(), None, None, message[:300]))

    def points(self, target: Target) -> list[ScorePoint]:
        """The canary revision's points of the last `max_age` seconds, oldest first."""
        series = self._rings.get(target.key)
        if series is None:
            return []
        self._expire(series.points)
        return list(series.points)

    def recent(
        self, *, exclude: set[Key] | frozenset[Key] = frozenset(), limit: int = 10
    ) -> list[tuple[Target, AnalysisResult | None, list[ScorePoint]]]:
        """Canary revisions with points in the last `max_age`, newest first, minus `exclude`
        (the status page lists canaries that finished: aborted, promoted or gone)."""
        out: list[tuple[Target, AnalysisResult | None, list[ScorePoint]]] = []
        for key in reversed(self._rings):
            if len(out) >= limit:
                break
            if key in exclude:
                continue
            series = self._rings[key]
            self._expire(series.points)
            if series.points:
                out.append((series.target, series.last, list(series.points)))
        return out

    def forget(self, target: Target) -> None:
        self._rings.pop(target.key, None)

    def __len__(self) -> int:
        return len(self._rings)

    def _append(self, target: Target, point: ScorePoint) -> _Series | None:
        key = target.key
        series = self._rings.get(key)
        if series is None:
            self._drop_stale()
            series = self._rings[key] = _Series(target, deque(maxlen=self._max_points))
            while len(self._rings) > self._max_targets:
                self._rings.popitem(last=False)
        else:
            self._rings.move_to_end(key)
        ring = series.points
        if ring and ring[-1].timestamp > point.timestamp:
            return None  # a late, older outcome would draw the line backwards
        if ring and ring[-1] == point:
            return None  # a cached result handed out twice is one point
        ring.append(point)
        self._expire(ring)
        return series

    def _drop_stale(self) -> None:
        """Forget canaries whose newest point left the window (least recently updated first,
        so this stops at the first live one)."""
        horizon = self._clock() - self._max_age
        while self._rings:
            oldest = next(iter(self._rings.values()))
            if oldest.points and oldest.points[-1].timestamp >= horizon:
                break
            self._rings.popitem(last=False)

    def _expire(self, ring: deque[ScorePoint]) -> None:
        horizon = self._clock() - self._max_age
        while ring and ring[0].timestamp < horizon:
            ring.popleft()
