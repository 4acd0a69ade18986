"""`ai-canary-exporter demo`: the real service against a simulated cluster, in one process.

The fake Kubernetes API (`fake_kube`) listens on 127.0.0.1 on a free port and a temporary
kubeconfig points the real service at it, so the demo exercises the real path end to end:
rollout discovery (watch), pod selection, log fetches with `sinceSeconds`, digest, judges,
gauges and the status page. Only the cluster is simulated (`cluster`, `scenarios`).

Intervals and windows are shortened (and scaled by `speed`) so verdicts change within a
minute. A model is used when a key is configured, the deterministic judge otherwise. The
GitHub follow-up is switched off: a demo must not file issues in a real repository.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

from exporter.config import ConfigError, Settings
from exporter.demo.cluster import NAMESPACE, CanaryEvent, SimulatedCluster
from exporter.demo.fake_kube import FakeKube
from exporter.demo.scenarios import SCENARIOS
from exporter.history import ScoreHistory
from exporter.http.status_page import status_page_handler
from exporter.judges.select import describe_choice
from exporter.service import build_service

log = logging.getLogger(__name__)

BASE_INTERVAL = 5.0  # seconds between analyses of a canary at speed 1
BASE_WINDOW = 60  # log window (sinceSeconds) at speed 1


def demo_settings(settings: Settings, *, kubeconfig: Path, speed: float) -> Settings:
    """The user's settings, pointed at the simulated cluster and sped up for a demo."""
    interval = max(1.0, BASE_INTERVAL / speed)
    update: dict[str, object] = {
        "kubeconfig": str(kubeconfig),
        "kube_context": "fake",
        "namespaces": [NAMESPACE],
        "discover_rollouts": True,
        "interval_seconds": interval,
        "cache_seconds": interval / 2,
        "window_seconds": max(10, round(BASE_WINDOW / speed)),
        "github_token": None,
        "targets": [],
    }
    if "host" not in settings.model_fields_set:
        update["host"] = "127.0.0.1"  # a laptop demo stays local unless --host says otherwise
    return settings.model_copy(update=update)


async def run_demo(
    settings: Settings,
    *,
    duration: float | None,
    speed: float,
    out: TextIO | None = None,
) -> int:
    """Run the demo until Ctrl-C/SIGTERM or `duration` seconds; returns the exit status."""
    if not speed > 0:
        raise ConfigError("--speed must be a positive number")
    if duration is not None and duration <= 0:
        raise ConfigError("--duration must be a positive number of seconds")
    stream = out or sys.stdout
    kube = FakeKube()
    kube.state.record_calls = False  # tests audit calls; a long demo must not hoard them
    await kube.start()
    tmp = tempfile.TemporaryDirectory(prefix="ai-canary-demo-")
    service = None
    simulation: asyncio.Task[None] | None = None
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    signals: list[signal.Signals] = []
    try:
        kubeconfig = kube.write_kubeconfig(Path(tmp.name) / "kubeconfig")
        cfg = demo_settings(settings, kubeconfig=kubeconfig, speed=speed)
        cluster = SimulatedCluster(
            kube.state,
            speed=speed,
            retention=max(300.0, 5.0 * cfg.window_seconds),  # what the window can ask for
            on_event=lambda e: _print_event(stream, e),
        )
        history = ScoreHistory()
        notice = (
            f"Demo: a simulated cluster with {len(SCENARIOS)} Argo Rollouts in namespace "
            f"'{NAMESPACE}' ({speed:g}× speed). Canaries move 10 → 30 → 60 → 100%; "
            "an abort verdict aborts them, a promote verdict lets them go on."
        )
        service = await build_service(cfg, status_page=status_page_handler(history, notice=notice))
        service.analyzer.add_listener(history.listener)
        service.analyzer.add_listener(cluster.on_result)
        try:
            await service.start()
        except OSError as exc:
            raise ConfigError(
                f"cannot listen on {cfg.host}:{cfg.port}: {exc.strerror or exc}; "
                "choose another --port"
            ) from exc
        simulation = asyncio.create_task(cluster.run(), name="demo-cluster")
        _print_guide(stream, cfg, service.url, kube, kubeconfig, speed)
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
                signals.append(sig)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(_until(stop, simulation), timeout=duration)
        _say(stream, "\nstopping the demo")
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)
        if simulation is not None:
            simulation.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await simulation
        if service is not None:
            await service.stop()
        await kube.close()
        tmp.cleanup()
    return 0


async def _until(stop: asyncio.Event, simulation: asyncio.Task[None]) -> None:
    """Wait for a stop signal; a simulation that died ends the demo too (loudly)."""
    waiter = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({waiter, simulation}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiter.cancel()
    if simulation.done() and not simulation.cancelled() and simulation.exception():
        raise RuntimeError("demo simulation stopped") from simulation.exception()


def _say(stream: TextIO, text: str) -> None:
    stream.write(text + "\n")
    stream.flush()


_EVENT_TEXT = {
    "started": "new canary",
    "step": "promoted to the next step:",
    "promoted": "fully promoted (100%), now stable;",
    "aborted": "ABORTED on the abort verdict;",
    "oom": "container",
}


def _print_event(stream: TextIO, event: CanaryEvent) -> None:
    clock = time.strftime("%H:%M:%S", time.localtime(event.at))
    _say(
        stream,
        f"[{clock}] {event.rollout:<11} {event.canary_hash}  "
        f"{_EVENT_TEXT.get(event.what, event.what)} {event.detail}",
    )


def a2a_example(url: str, rollout: str = "checkout") -> str:
    """The request the Argo metric-ai plugin sends (its a2a.go AnalyzeWithAgent), as a curl."""
    body = {
        "userId": "argo-rollouts",
        "prompt": f"Analyze canary deployment for rollout {rollout}. Namespace: {NAMESPACE}.",
        "memoryId": f"rollout:{NAMESPACE}/{rollout}",  # always sent by the plugin
        "context": {
            "namespace": NAMESPACE,
            "rolloutName": rollout,
            "stableSelector": f"app={rollout},role=stable",
            "canarySelector": f"app={rollout},role=canary",
            "extraPrompt": "Ignore color changes.",
        },
    }
    return (
        f"curl -s -X POST {url}/a2a/analyze -H 'Content-Type: application/json' \\\n"
        f"       -d '{json.dumps(body, separators=(',', ':'))}'"
    )


def _print_guide(
    stream: TextIO, settings: Settings, url: str, kube: FakeKube, kubeconfig: Path, speed: float
) -> None:
    expectations = "\n".join(
        f"    {s.name:<11} {s.title} → expect {s.expect.value}" for s in SCENARIOS
    )
    _say(
        stream,
        f"""
ai-canary-exporter demo: the real service against a simulated cluster ({speed:g}× speed)
judge: {describe_choice(settings)}

  Status page    {url}/
                 open it in a browser: every canary, its verdict, a score chart with the
                 promote/abort thresholds, the evidence and the analysis
  Metrics        {url}/metrics
                 curl -s {url}/metrics | grep -E '^ai_canary_(verdict|score)'
  Targets JSON   {url}/api/v1/targets
  Health         {url}/q/health
  Fake K8s API   {kube.url}   (kubeconfig: {kubeconfig})

Four Argo Rollouts in namespace '{NAMESPACE}'; each canary gets 10 → 30 → 60 → 100% of the
traffic, gated on our verdict like an AnalysisRun with the Prometheus provider would be:
{expectations}
Within a minute the gauges move: ai_canary_verdict 1 = promote, 0 = abort, -1 = inconclusive,
per canary_hash. An aborted canary is rolled back and a new revision starts; a promoted one
becomes stable and the next revision starts, so the demo keeps moving.

Ask like the Argo metric-ai plugin does (while a rollout has no canary pods, between
revisions or before enough canary traffic, the answer is 503 inconclusive: Argo retries):
  {a2a_example(url)}

Ctrl-C stops the demo. Canary events:""",
    )
