"""Runs the pipeline for one target: collect → digest → judges → combine.

Shared by the continuous loop, the A2A endpoints and the `analyze` command, so all of them
get the same guarantees:

- single flight: concurrent requests for the same canary revision share one analysis;
- a result younger than the cache age is returned as is;
- an unchanged digest (same fingerprint) of the same revision reuses the last verdict
  without a model call and only refreshes its timestamp;
- failures raise (never a promote); listeners (metrics, GitHub follow-up) hear of every
  outcome, success or error.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from exporter.config import Settings
from exporter.digest import build_digest
from exporter.digest.incremental import IncrementalDigests
from exporter.errors import AnalysisFailed
from exporter.judges.combine import combine
from exporter.judges.ensemble import ModelEnsemble
from exporter.judges.heuristic import judge_digest
from exporter.model import (
    AnalysisResult,
    Collected,
    Digest,
    JudgeVerdict,
    ModelResult,
    PodLogs,
    SideLogs,
    Target,
    Verdict,
)

log = logging.getLogger(__name__)
T = TypeVar("T")


class LogSource(Protocol):
    """What the analyzer needs from collection (exporter.collect.LogCollector provides it)."""

    async def collect(self, target: Target) -> Collected: ...


@dataclass(frozen=True, slots=True)
class InlineLogs:
    """Logs handed to us directly (CLI files, A2A `stableLogs`/`canaryLogs`)."""

    stable: str
    canary: str

    @property
    def digest_key(self) -> str:
        h = hashlib.sha256()
        h.update(self.stable.encode(errors="replace"))
        h.update(b"\0")
        h.update(self.canary.encode(errors="replace"))
        return h.hexdigest()[:16]


Listener = Callable[[Target, AnalysisResult | None, BaseException | None], None]
CacheKey = tuple[str, str, str, str]
INLINE_RESULTS_KEPT = 256


def _now() -> float:
    return time.time()


def _retrieve(task: asyncio.Task[AnalysisResult]) -> None:
    """Mark a shared analysis' exception retrieved: its callers re-raise it, if any remain."""
    if not task.cancelled():
        task.exception()


async def _join(task: asyncio.Task[AnalysisResult]) -> AnalysisResult:
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        me = asyncio.current_task()
        if task.cancelled() and (me is None or not me.cancelling()):
            # the analysis was cancelled under us (shutdown), not this caller
            raise AnalysisFailed(
                "the analysis was cancelled: the service is shutting down; retry"
            ) from None
        raise


class Analyzer:
    """Analyses targets on demand; the one place results are cached and shared."""

    def __init__(
        self,
        settings: Settings,
        *,
        source: LogSource | None = None,
        models: ModelEnsemble | None = None,
        clock: Callable[[], float] = _now,
    ) -> None:
        self._settings = settings
        self._source = source
        self._models = models
        self._clock = clock
        self._latest: dict[CacheKey, AnalysisResult] = {}
        # Results of inline-log requests only serve identical repeats within the cache age;
        # every distinct request makes one, so they are capped (oldest dropped), not kept.
        self._inline: OrderedDict[CacheKey, AnalysisResult] = OrderedDict()
        # One task per analysis: a caller that gives up (its request deadline, a client
        # gone) leaves it running for the other callers and the cache; shutdown cancels it.
        self._in_flight: dict[CacheKey, asyncio.Task[AnalysisResult]] = {}
        self._listeners: list[Listener] = []
        # the window's per-template counts for sources that send only new lines
        self._incremental = IncrementalDigests(
            window_seconds=settings.window_seconds, bucket_seconds=settings.interval_seconds
        )

    @property
    def models(self) -> ModelEnsemble | None:
        return self._models

    def add_listener(self, listener: Listener) -> None:
        """Called after every analysis with (target, result, None) or (target, None, error)."""
        self._listeners.append(listener)

    def latest(self, target: Target) -> AnalysisResult | None:
        """The newest result of this canary revision from the cluster (not inline logs)."""
        return self._latest.get((*target.key, ""))

    def forget(self, target: Target) -> None:
        """Drop what we hold for a canary that ended (and what the log source keeps for it)."""
        self._latest.pop((*target.key, ""), None)
        self._incremental.forget(target.key)
        drop = getattr(self._source, "forget", None)
        if callable(drop):
            drop(target)

    async def analyze(
        self,
        target: Target,
        *,
        inline: InlineLogs | None = None,
        max_age: float | None = None,
    ) -> AnalysisResult:
        """The verdict for `target`, fresh within `max_age` (default: the cache age setting).

        Raises CanaryError subclasses when no trustworthy verdict can be produced.
        """
        key: CacheKey = (*target.key, inline.digest_key if inline else "")
        age_limit = self._settings.cache_seconds if max_age is None else max_age
        results = self._inline if inline is not None else self._latest
        cached = results.get(key)
        if cached is not None and self._clock() - cached.timestamp <= age_limit:
            return cached
        running = self._in_flight.get(key)
        if running is None:
            running = asyncio.get_running_loop().create_task(
                self._analyze_once(key, target, inline, cached), name=f"analysis {key[:3]}"
            )
            running.add_done_callback(_retrieve)
            self._in_flight[key] = running
        return await _join(running)

    def cancel_all(self) -> int:
        """Cancel every analysis in flight (shutdown's grace is over); how many there were."""
        running = [task for task in self._in_flight.values() if not task.done()]
        for task in running:
            task.cancel()
        return len(running)

    async def _analyze_once(
        self,
        key: CacheKey,
        target: Target,
        inline: InlineLogs | None,
        previous: AnalysisResult | None,
    ) -> AnalysisResult:
        """One analysis in a task of its own, shared by every caller that asks meanwhile."""
        try:
            result = await self._run(target, inline, previous=previous)
        except BaseException as exc:
            self._notify(target, None, exc)
            raise
        else:
            if inline is not None:
                self._inline[key] = result
                self._inline.move_to_end(key)
                while len(self._inline) > INLINE_RESULTS_KEPT:
                    self._inline.popitem(last=False)
            else:
                self._latest[key] = result
            self._notify(target, result, None)
            return result
        finally:
            self._in_flight.pop(key, None)

    def _notify(
        self, target: Target, result: AnalysisResult | None, error: BaseException | None
    ) -> None:
        if isinstance(error, asyncio.CancelledError):
            return
        for listener in self._listeners:
            try:
                listener(target, result, error)
            except Exception:  # a broken sink must not break analysis
                log.exception("result listener failed")

    async def _run(
        self, target: Target, inline: InlineLogs | None, previous: AnalysisResult | None
    ) -> AnalysisResult:
        durations: dict[str, float] = {}
        started = time.perf_counter()

        async def timed(stage: str, work: Awaitable[T]) -> T:
            t0 = time.perf_counter()
            try:
                return await work
            finally:
                durations[stage] = time.perf_counter() - t0

        if inline is not None:
            collected = collected_from_texts(target, inline.stable, inline.canary)
        elif self._source is not None:
            collected = await timed("collect", self._source.collect(target))
        else:
            raise RuntimeError("no log source configured for cluster targets")

        digest_of = self._incremental.digest if collected.delta else build_digest
        digest = await timed("digest", asyncio.to_thread(digest_of, collected))
        heuristic = judge_digest(
            digest,
            promote_threshold=self._settings.promote_threshold,
            abort_threshold=self._settings.abort_threshold,
            min_canary_events=self._settings.min_canary_events,
        )

        if (
            previous is not None
            and previous.fingerprint
            and previous.fingerprint == digest.fingerprint
            and not _model_failed(previous)
        ):
            # Same comparison as last time: same verdict, no new model call.
            # The window's own counts (log-lines / new-signature gauges) are refreshed.
            reused = dataclasses.replace(
                previous,
                timestamp=self._clock(),
                stable_lines=digest.stable.lines,
                canary_lines=digest.canary.lines,
                new_signatures=digest.new_signatures(),
                reused=True,
            )
            reused.duration_seconds = {**durations, "total": time.perf_counter() - started}
            return reused

        model_results: list[ModelResult] | None = None
        if self._models is not None and _worth_asking(
            heuristic, digest, self._settings.min_canary_events
        ):
            model_results = await timed(
                "judge",
                self._models.judge(digest, extra_prompt=target.extra_prompt, heuristic=heuristic),
            )
        result = combine(target, digest, heuristic, model_results, settings=self._settings)
        result.timestamp = self._clock()
        durations["total"] = time.perf_counter() - started
        result.duration_seconds = durations
        return result


def _model_failed(result: AnalysisResult) -> bool:
    return bool(result.model_results) and all(m.error for m in result.model_results)


def _worth_asking(heuristic: JudgeVerdict, digest: Digest, min_events: int) -> bool:
    """No model call on too little canary evidence: combine keeps that inconclusive anyway,
    so the call would cost tokens and change nothing (hard evidence on few lines is an
    abort, not inconclusive, and still gets the model's explanation)."""
    return not (heuristic.verdict is Verdict.INCONCLUSIVE and digest.canary.events < min_events)


def collected_from_texts(target: Target, stable: str, canary: str) -> Collected:
    """Wrap two log texts as a one-pod-per-side collection."""
    return Collected(
        target=target,
        stable=SideLogs([PodLogs(pod="stable", container="", text=stable)] if stable else []),
        canary=SideLogs([PodLogs(pod="canary", container="", text=canary)] if canary else []),
    )


async def analyze_texts(
    stable: str,
    canary: str,
    *,
    settings: Settings,
    extra_prompt: str = "",
    progress: Callable[[str], None] | None = None,
) -> AnalysisResult:
    """One analysis of two log texts (the `analyze` command): no cluster, no cache."""
    from exporter.judges.select import build_model_judges, describe_choice

    say = progress or (lambda _msg: None)
    models = build_model_judges(settings)
    log.info("judge: %s", describe_choice(settings))
    target = Target(
        namespace="local",
        rollout="analyze",
        stable_selector="",
        canary_selector="",
        canary_hash="files",
        extra_prompt=extra_prompt,
    )
    analyzer = Analyzer(settings, models=models)
    say("digesting logs" if models is None else f"digesting logs, then asking {models.name}")
    try:
        return await analyzer.analyze(target, inline=InlineLogs(stable, canary), max_age=0)
    finally:
        if models is not None:
            await models.aclose()
