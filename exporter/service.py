"""Wiring for `serve` (and `demo`): build every part once, run until SIGTERM, stop in order.

`build_service(settings)` connects to the cluster (in-cluster, or the kubeconfig in
settings — the demo passes its simulated cluster's), then creates the target registry,
discovery, log collector, model judges, analyzer, metrics, GitHub follow-up, scheduler and
the aiohttp app. Nothing starts until `Service.start()`; everything stops in a fixed
order in `Service.stop()`:

1. readiness goes DOWN, the loop stops starting analyses (at once: queued ones never
   start), and the listening socket closes (no new requests);
2. the loop's analyses in flight finish or are cancelled with the rest at the deadline;
3. in-flight HTTP requests and analyses get `shutdown_grace_seconds` in total; then every
   analysis still running is cancelled (a request waiting for one answers 503, retry),
   and a request still running a second later is cut off;
4. discovery stops, pending GitHub follow-ups finish or are cancelled, clients close.

Without a reachable cluster configuration the service still runs: `/a2a/analyze` and
A2A judge inline logs, and health says so.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import signal
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, replace

from aiohttp import web

from exporter import __version__
from exporter.analysis import Analyzer, LogSource
from exporter.collect import (
    KubeConnection,
    LogCollector,
    RolloutDiscovery,
    TargetRegistry,
    connect,
    resolve_named_target,
)
from exporter.collect.reachability import api_unreachable
from exporter.config import Settings
from exporter.errors import CollectError
from exporter.history import ScoreHistory
from exporter.http import ApiState, Check, create_app
from exporter.http.health import ModelHealth
from exporter.http.inflight import IN_FLIGHT
from exporter.http.probes import KubeHealth, probes_context
from exporter.http.state import StatusPage
from exporter.http.status_page import status_page_handler
from exporter.judges.ensemble import ModelEnsemble
from exporter.judges.select import build_model_judges, describe_choice
from exporter.metrics import Metrics, Snapshot
from exporter.model import AnalysisResult, Target, Verdict
from exporter.remediation import GitHubFollowUp
from exporter.scheduler import Scheduler, guarded

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Service:
    """The assembled service. `start()` listens; `stop()` shuts down in order."""

    settings: Settings
    app: web.Application
    state: ApiState
    analyzer: Analyzer
    registry: TargetRegistry
    scheduler: Scheduler
    metrics: Metrics
    connection: KubeConnection | None = None
    discovery: RolloutDiscovery | None = None
    models: ModelEnsemble | None = None
    followup: GitHubFollowUp | None = None
    runner: web.AppRunner | None = None
    port: int = 0
    _deadline: float = 0.0
    _loop_task: asyncio.Task[None] | None = None
    _followups: set[asyncio.Task[None]] = field(default_factory=set)
    _stopped: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def url(self) -> str:
        host = self.settings.host
        host = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
        return f"http://{host}:{self.port}"

    async def start(self) -> None:
        self.runner = web.AppRunner(
            self.app,
            # a second past the grace: a request waiting for an analysis answers 503 when
            # that is cancelled at the deadline, before aiohttp cuts the connection
            shutdown_timeout=self.settings.shutdown_grace_seconds + 1.0,
            handle_signals=False,
        )
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.settings.host, self.settings.port)
        await site.start()
        self.port = int(self.runner.addresses[0][1])  # the bound port when port=0
        log.info(
            "serving on %s (judge: %s; cluster: %s)",
            self.url,
            self.state.judge_description,
            self.connection.source if self.connection else "none, inline logs only",
        )

    async def stop(self) -> None:
        """Graceful shutdown in the order of the module docstring; idempotent."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        grace = self.settings.shutdown_grace_seconds
        self._deadline = time.monotonic() + grace
        self.state.draining = True
        self.scheduler.stop()
        if self._loop_task is not None:
            self._loop_task.cancel()
        at_deadline = asyncio.get_running_loop().call_later(grace, self._cancel_analyses)
        try:
            if self.runner is not None:
                await self.runner.cleanup()  # on_shutdown → in-flight requests → cleanup_ctx
            else:  # never started: close what build_service opened
                await self._close_clients()
        finally:
            at_deadline.cancel()
            self._cancel_analyses()

    def _cancel_analyses(self) -> None:
        cancelled = self.analyzer.cancel_all()
        cut = self.app[IN_FLIGHT].cut() if IN_FLIGHT in self.app else 0
        if cancelled or cut:
            log.warning(
                "shutdown grace over: cancelled %d analyses and answered %d requests 503",
                cancelled,
                cut,
            )

    def remaining_grace(self) -> float:
        return max(0.0, self._deadline - time.monotonic())

    # --- listeners ------------------------------------------------------------------
    def on_result(
        self, target: Target, result: AnalysisResult | None, error: BaseException | None
    ) -> None:
        """GitHub follow-up after an abort, off the analysis path.

        Runs before the result reaches any caller, so links already filed for this canary
        revision go into every later answer (the plugin's `prLink`).
        """
        if self.followup is None or result is None:
            return
        if not result.issue_link and not result.pr_link:
            result.issue_link, result.pr_link = self.followup.links(target)
        if result.verdict is not Verdict.ABORT or not target.repo_url:
            return
        if self.state.draining:
            return
        if (result.target.repo_url, result.target.base_branch) != (
            target.repo_url,
            target.base_branch,
        ):
            # a result computed for the same revision by the scheduler (its target, from
            # the Rollout, names no repository) answering a plugin request that does: the
            # follow-up goes where the request says, or it would be skipped every time
            result = replace(result, target=target)
        task = asyncio.get_running_loop().create_task(self._follow_up(result))
        self._followups.add(task)
        task.add_done_callback(self._followups.discard)

    async def _follow_up(self, result: AnalysisResult) -> None:
        assert self.followup is not None
        try:
            outcome = await self.followup.on_result(result)
        except Exception:  # it promises not to raise; a bug there must not kill us
            log.exception("GitHub follow-up failed")
            self.metrics.on_followup("error")
            return
        self.metrics.on_followup(outcome.status)
        if outcome.pr_created:
            self.metrics.on_followup("pr_created")

    # --- lifecycle contexts (started/stopped with the app) -------------------------------
    async def _clients_ctx(self, app: web.Application) -> AsyncIterator[None]:
        yield
        if self._followups:
            _, pending = await asyncio.wait(self._followups, timeout=self.remaining_grace())
            for task in pending:
                task.cancel()
        if self.followup is not None:
            await self.followup.aclose(grace_seconds=0)
        await self._close_clients()

    async def _close_clients(self) -> None:
        if self.models is not None:
            await self.models.aclose()
        if self.connection is not None:
            await self.connection.close()

    async def _discovery_ctx(self, _: web.Application) -> AsyncIterator[None]:
        task = None
        if self.discovery is not None:
            task = asyncio.create_task(
                guarded("rollout discovery", self.discovery.run), name="discovery"
            )
            task.add_done_callback(_fail_loudly)
            running = task
            self.state.live_checks.append(
                lambda: Check("discovery", not running.done() or running.cancelled())
            )
        yield
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def _metrics_ctx(self, _: web.Application) -> AsyncIterator[None]:
        task = asyncio.create_task(guarded("metrics", self.metrics.prerender), name="metrics")
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task

    async def _scheduler_ctx(self, app: web.Application) -> AsyncIterator[None]:
        task = asyncio.create_task(guarded("scheduler", self.scheduler.run), name="scheduler")
        task.add_done_callback(_fail_loudly)
        self._loop_task = task

        async def stop_loop(_: web.Application) -> None:
            # on_shutdown runs before in-flight requests are awaited: no new analyses.
            task.cancel()

        app.on_shutdown.append(stop_loop)
        self.state.live_checks.append(
            lambda: Check("scheduler", not task.done() or task.cancelled())
        )
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
        await self.scheduler.drain(self.remaining_grace())


def _fail_loudly(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.critical("%s stopped for good: %s", task.get_name(), task.exception())


def judge_label(models: ModelEnsemble | None) -> str:
    return "heuristic" if models is None else f"heuristic+{models.providers}"


async def build_service(
    settings: Settings,
    *,
    connection: KubeConnection | None = None,
    connect_cluster: bool = True,
    status_page: StatusPage | None = None,
    followup: GitHubFollowUp | None = None,
    clock: Callable[[], float] = time.time,
) -> Service:
    """Assemble the service. `connection` overrides cluster discovery (tests, demo).

    With `connect_cluster=False` and no connection, the service runs without a cluster.
    Raises ConfigError when the model settings cannot work (fail at start, not per call).
    """
    if connection is None and connect_cluster:
        try:
            connection = await connect(settings)
        except CollectError as exc:
            log.warning("no Kubernetes cluster: %s — serving inline-log analyses only", exc)
    registry = TargetRegistry(settings)
    source: LogSource | None = None
    discovery = None
    if connection is not None:
        source = LogCollector(connection, settings)
        if settings.discover_rollouts:
            discovery = RolloutDiscovery(connection, settings, registry)
    else:
        registry.mark_synced()  # nothing to list: do not hold readiness DOWN forever
    models = build_model_judges(settings)
    analyzer = Analyzer(settings, source=source, models=models, clock=clock)

    def snapshot() -> Snapshot:
        current = registry.all()
        results = [r for t in current if (r := analyzer.latest(t)) is not None]
        counts = {"rollout": 0, "static": 0, "a2a": 0}
        for t in current:
            counts[t.source] += 1
        return Snapshot(results=results, targets_by_source=counts)

    judge = judge_label(models)
    metrics = Metrics(version=__version__, judge=judge, snapshot=snapshot)
    analyzer.add_listener(metrics.on_analysis)
    model_health = ModelHealth(
        models is not None,
        models.name if models else "",
        fallback=settings.model_failure_policy == "heuristic",
    )
    analyzer.add_listener(model_health.listener())

    scheduler = Scheduler(
        settings,
        analyzer=analyzer,
        targets=registry,
        on_forget=lambda t: metrics.forget(t, still_current=registry.all()),
    )
    if followup is None and settings.github_token is not None:
        followup = GitHubFollowUp(settings)
    state = ApiState(
        settings=settings,
        analyzer=analyzer,
        targets=registry,
        metrics=metrics,
        version=__version__,
        judge=judge,
        judge_description=describe_choice(settings),
        cluster=connection is not None,
        on_target_named=scheduler.wake,
        status_page=status_page,
    )
    if connection is not None:
        state.resolve_target = functools.partial(_resolve_target, connection)
    state.ready_checks.append(model_health.check)
    kube_health = KubeHealth(connection.source) if connection is not None else None
    state.ready_checks.append(_cluster_check(kube_health, discovery))
    service = Service(
        settings=settings,
        app=web.Application(),  # replaced below, once the lifecycle contexts exist
        state=state,
        analyzer=analyzer,
        registry=registry,
        scheduler=scheduler,
        metrics=metrics,
        connection=connection,
        discovery=discovery,
        models=models,
        followup=followup,
    )
    analyzer.add_listener(service.on_result)
    probes = probes_context(
        settings.health_probe_seconds,
        kube=kube_health,
        kube_probe=functools.partial(api_unreachable, connection) if connection else None,
        model=model_health,
        models=models,
    )
    service.app = create_app(
        state,
        background=[
            service._clients_ctx,
            service._discovery_ctx,
            probes,
            service._metrics_ctx,
            service._scheduler_ctx,
        ],
    )
    return service


async def _resolve_target(connection: KubeConnection, asked: Target) -> Target:
    return await resolve_named_target(
        connection,
        asked.namespace,
        asked.rollout,
        asked.stable_selector,
        asked.canary_selector,
        extra_prompt=asked.extra_prompt,
        repo_url=asked.repo_url,
        base_branch=asked.base_branch,
    )


def _cluster_check(
    kube: KubeHealth | None, discovery: RolloutDiscovery | None
) -> Callable[[], Check]:
    def check() -> Check:
        if kube is None:
            return Check("kubernetes", True, {"connected": False, "mode": "inline logs only"})
        checked = kube.check(discovery.last_error if discovery is not None else None)
        if discovery is not None and discovery.forbidden:
            checked.data["rolloutDiscovery"] = "forbidden: scoring plugin/A2A-named canaries only"
        return checked

    return check


async def run_service(settings: Settings, *, status_page: StatusPage | None = None) -> int:
    """Serve until SIGTERM/SIGINT, then shut down gracefully. Returns the exit status."""
    history = ScoreHistory()  # browsers get the HTML status page at GET /, last hour charted
    service = await build_service(settings, status_page=status_page or status_page_handler(history))
    service.analyzer.add_listener(history.listener)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await service.start()
        await stop.wait()
        log.info("shutting down (grace %.0fs)", settings.shutdown_grace_seconds)
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
        await service.stop()
    log.info("stopped")
    return 0
