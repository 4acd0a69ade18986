"""The continuous loop: which target is analysed when, how many at once, and backoff.

Every current target is re-analysed every `interval_seconds` (minus up to
`interval_jitter` of it, so a thousand canaries do not fire in the same second and no
result outlives the interval), analyses run under one semaphore
(`max_concurrent_analyses`, which bounds model calls too), a target whose analysis fails
backs off exponentially (capped, and never sooner than a far side's Retry-After), a
target whose result lacked evidence (a young or idle canary: too few events, no comparable
traffic) is re-analysed four times as often for a few rounds, so the first result that
can decide is published within a quarter interval of the evidence arriving, and a target
that leaves the registry is forgotten so its series disappear.

Time is injected (`clock`, `sleep`) so tests drive the loop in virtual time. `guarded()`
keeps a long-running task alive: a crash is logged and the task restarted after a pause,
and a task that keeps crashing fails loudly instead of looping forever in silence.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from exporter.config import Settings
from exporter.errors import CanaryError
from exporter.judges.combine import LACKING_EVIDENCE
from exporter.model import AnalysisResult, Target, Verdict

log = logging.getLogger(__name__)

Key = tuple[str, str, str]
Sleep = Callable[[float], Awaitable[None]]

# A canary that lacks evidence is re-analysed every interval / _EAGER_DIVISOR, but only
# for _EAGER_ROUNDS results in a row: a canary that never gets traffic returns to the
# normal interval instead of costing four collections an interval for ever.
_EAGER_DIVISOR = 4
_EAGER_ROUNDS = 4


class AnalyzerLike(Protocol):
    """What the loop needs from `exporter.analysis.Analyzer`."""

    async def analyze(self, target: Target, *, max_age: float | None = None) -> AnalysisResult: ...

    def forget(self, target: Target) -> None: ...


class TargetsLike(Protocol):
    """What the loop needs from the target registry: the canaries to score right now."""

    def all(self) -> Iterable[Target]: ...


@dataclass(slots=True)
class _State:
    target: Target
    due: float
    failures: int = 0
    running: asyncio.Task[None] | None = None
    last_started: float | None = None
    eager: int = 0  # results in a row that lacked evidence and brought the next one forward


def _lacks_evidence(result: AnalysisResult) -> bool:
    """Inconclusive for want of canary evidence, which more time may bring."""
    return result.verdict is Verdict.INCONCLUSIVE and any(
        e.kind in LACKING_EVIDENCE for e in result.evidence
    )


class Scheduler:
    """Keeps every target's result fresh; `run()` until cancelled, then `drain()`."""

    def __init__(
        self,
        settings: Settings,
        *,
        analyzer: AnalyzerLike,
        targets: TargetsLike,
        on_forget: Callable[[Target], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        rng: random.Random | None = None,
        poll_seconds: float = 1.0,
    ) -> None:
        self._settings = settings
        self._analyzer = analyzer
        self._targets = targets
        self._on_forget = on_forget
        self._clock = clock
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._poll = poll_seconds
        self._limit = asyncio.Semaphore(settings.max_concurrent_analyses)
        self._states: dict[Key, _State] = {}
        self._wake = asyncio.Event()
        self._stopping = False
        self.cycles = 0  # loop iterations, for tests and self-observation

    def wake(self) -> None:
        """Look at the registry now (a new target was registered), not at the next poll."""
        self._wake.set()

    def stop(self) -> None:
        """Start nothing more: analyses still queued for a slot end without running.

        (Cancel `run()` too.) Without this, a drain under a backlog kept starting queued
        analyses as slots freed: 174 s after SIGTERM with 305 targets and the API down.
        """
        self._stopping = True

    def in_flight(self) -> int:
        return sum(1 for s in self._states.values() if s.running is not None)

    async def run(self) -> None:
        """The loop. Cancel it to stop; in-flight analyses are left to `drain()`."""
        while True:
            self.tick()
            self.cycles += 1
            await self._wait(self._next_delay())

    def tick(self) -> None:
        """One pass: sync with the registry, start every due analysis."""
        now = self._clock()
        current = {t.key: t for t in self._targets.all()}
        for key in [k for k in self._states if k not in current]:
            self._drop(self._states.pop(key))
        for key, target in current.items():
            state = self._states.get(key)
            if state is None:
                # New targets start now: a canary should be scored as soon as it appears.
                self._states[key] = state = _State(target=target, due=now)
            else:
                state.target = target  # the registry may refresh selectors/TTL
            if state.running is None and state.due <= now:
                state.running = asyncio.create_task(
                    self._analyze(state), name=f"analyze {'/'.join(key)}"
                )

    async def drain(self, grace: float) -> None:
        """Let in-flight analyses finish within `grace` seconds, then cancel the rest."""
        tasks = [s.running for s in self._states.values() if s.running is not None]
        if not tasks:
            return
        _, pending = await asyncio.wait(tasks, timeout=grace)
        for task in pending:
            task.cancel()
        if pending:
            log.warning("cancelled %d analyses still running at shutdown", len(pending))
            await asyncio.gather(*pending, return_exceptions=True)

    async def _analyze(self, state: _State) -> None:
        target = state.target
        try:
            async with self._limit:
                if self._stopping:
                    return
                # The interval counts from when the analysis really starts, not from when
                # it queued for the semaphore: a backlog then spreads out instead of
                # returning as the same herd every interval.
                state.last_started = self._clock()
                # A result an A2A request produced moments ago is fresh enough, but the
                # cache age must not outlast the interval or the loop would never refresh.
                max_age = min(self._settings.cache_seconds, self._period(state) / 2)
                result = await self._analyzer.analyze(target, max_age=max_age)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            state.failures += 1
            delay = self._backoff(state.failures, exc)
            state.due = self._clock() + delay
            level = logging.WARNING if isinstance(exc, CanaryError) else logging.ERROR
            log.log(
                level,
                "analysis of %s/%s failed (%s); retry in %.0fs",
                target.namespace,
                target.rollout,
                exc,
                delay,
                exc_info=not isinstance(exc, CanaryError),
            )
        else:
            state.failures = 0
            # counted up to one past the eager rounds: used up until evidence arrives
            state.eager = min(state.eager + 1, _EAGER_ROUNDS + 1) if _lacks_evidence(result) else 0
            started = state.last_started if state.last_started is not None else self._clock()
            state.due = started + self._jittered(self._period(state))
        finally:
            state.running = None  # due again later; the loop looks at least every poll
            if self._states.get(target.key) is not state:
                # The target left while we were analysing: forget what we just stored.
                self._forget(target)

    def _drop(self, state: _State) -> None:
        if state.running is None:
            self._forget(state.target)
        # else: the running analysis notices on completion and forgets then

    def _forget(self, target: Target) -> None:
        self._analyzer.forget(target)
        if self._on_forget is not None:
            self._on_forget(target)

    def _period(self, state: _State) -> float:
        """The re-analysis period for this target: shorter while its evidence is thin."""
        interval = self._settings.interval_seconds
        return interval / _EAGER_DIVISOR if 0 < state.eager <= _EAGER_ROUNDS else interval

    def _jittered(self, period: float) -> float:
        # Jitter only shortens the period, so no result gets older than the interval
        # (plus the analysis time) because of it.
        return period * (1 - self._rng.uniform(0, self._settings.interval_jitter))

    def _backoff(self, failures: int, exc: BaseException) -> float:
        base = min(self._settings.interval_seconds, 10.0)
        delay = min(self._settings.error_backoff_max_seconds, base * 2 ** (failures - 1))
        retry_after = exc.retry_after if isinstance(exc, CanaryError) else None
        if retry_after is not None and retry_after > delay:
            delay = min(float(retry_after), self._settings.error_backoff_max_seconds)
        return float(delay)

    def _next_delay(self) -> float:
        now = self._clock()
        idle = [s.due for s in self._states.values() if s.running is None]
        if not idle:
            return self._poll
        return max(0.0, min(self._poll, min(idle) - now))

    async def _wait(self, delay: float) -> None:
        if self._wake.is_set():
            self._wake.clear()
            return
        sleeper = asyncio.ensure_future(self._sleep(delay))
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sleeper, waker):
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.gather(sleeper, waker, return_exceptions=True)
            self._wake.clear()


async def guarded(
    name: str,
    work: Callable[[], Awaitable[None]],
    *,
    restart_delay: float = 1.0,
    max_restarts: int = 5,
    sleep: Sleep = asyncio.sleep,
) -> None:
    """Run a long-lived coroutine; log and restart it when it dies, fail after repeated deaths.

    A clean return ends the guard. Cancellation passes through. After `max_restarts`
    consecutive crashes the last exception propagates, so the service fails loudly.
    """
    crashes = 0
    while True:
        started = time.monotonic()
        try:
            await work()
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            # a task that ran for a while before dying is not "repeatedly crashing"
            crashes = 1 if time.monotonic() - started > 60 else crashes + 1
            if crashes > max_restarts:
                log.critical("%s crashed %d times in a row; giving up", name, crashes)
                raise
            log.exception("%s crashed; restarting (%d/%d)", name, crashes, max_restarts)
            await sleep(restart_delay * crashes)
