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
        self._rings: OrderedDict[Key, deque[ScorePoint]] = OrderedDict()

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
        self._append(target.key, ScorePoint(stamp, float(result.score), result.verdict))

    def record_error(self, target: Target, message: str) -> None:
        self._append(target.key, ScorePoint(self._clock(), None, None, message[:300]))

    def points(self, target: Target) -> list[ScorePoint]:
        """The canary revision's points of the last `max_age` seconds, oldest first."""
        ring = self._rings.get(target.key)
        if ring is None:
            return []
        self._expire(ring)
        return list(ring)

    def forget(self, target: Target) -> None:
        self._rings.pop(target.key, None)

    def __len__(self) -> int:
        return len(self._rings)

    def _append(self, key: Key, point: ScorePoint) -> None:
        ring = self._rings.get(key)
        if ring is None:
            ring = self._rings[key] = deque(maxlen=self._max_points)
            while len(self._rings) > self._max_targets:
                self._rings.popitem(last=False)
        else:
            self._rings.move_to_end(key)
        if ring and ring[-1].timestamp > point.timestamp:
            return  # a late, older outcome would draw the line backwards
        if ring and ring[-1].timestamp == point.timestamp and ring[-1] == point:
            return  # a cached result handed out twice is one point
        ring.append(point)
        self._expire(ring)

    def _expire(self, ring: deque[ScorePoint]) -> None:
        horizon = self._clock() - self._max_age
        while ring and ring[0].timestamp < horizon:
            ring.popleft()
