"""The shipped AnalysisTemplates under Argo Rollouts' real measurement loop, on the demo cluster.

The demo's simulated cluster (`SimulatedCluster`: live pod logs at a traffic share, Rollouts
served by the fake Kubernetes API) runs with the real service (defaults, time scaled), and
`run_metric_loop` (tests/argo_analysis.py) schedules measurements as the controller does:
`initialDelay`, then `interval` after each result but 10 s after an Error, errors not
counting toward `count`, the metric Error once consecutive errors exceed
`consecutiveErrorLimit`. Each plugin measurement is the metric-ai plugin's own sequence
(tests/plugin_client.py: read the first stable/canary pod's logs, `GET /`, the Go-encoded
`POST /a2a/analyze`, Go decoding); each Prometheus measurement evaluates the template's
query and conditions on the exporter's series.

Everything runs `SPEED` times faster than real time: the cluster's clock and traffic, the
service's interval/cache/window, and the template's durations — so the arithmetic in the
templates' comments is what is tested.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import yaml

from exporter.config import Settings
from exporter.demo.cluster import NAMESPACE, SimulatedCluster, Timing
from exporter.demo.fake_kube import FakeKube
from exporter.demo.scenarios import scenario
from exporter.service import Service, build_service
from tests.argo_analysis import (
    ERROR,
    FAILED,
    SUCCESSFUL,
    MetricRun,
    measurement_phase,
    run_metric_loop,
)
from tests.plugin_client import MetricAIPlugin
from tests.polling import eventually

ROOT = Path(__file__).resolve().parent.parent
SPEED = 4.0  # the demo's traffic keeps its per-simulated-second rate up to 4x (MAX_RATE_SPEEDUP)
THIN_RPS = 1.2  # requests/s to the whole workload: the canary (10%) gets ~0.12/s
# The Prometheus template tolerates one inconclusive (thin) measurement, so its healthy thin
# canary must have its 20 events by the second one (template time 120 s). colour-web logs
# ~1.8 lines a request plus 3 start-up lines: >= 10 requests. The gauge that measurement
# reads is at most a quarter interval old while evidence lacks (the scheduler's eager
# rounds): canary age >= ~105 s. At ~0.12/s that is 12.6 requests expected and 1 run in 5
# pauses for a human, as it should on a canary that thin; at ~0.24/s (25 expected) fewer
# than 10 requests happen in 1 run in 5,000, while the first minute (~14) is still often thin.
PROMETHEUS_THIN_RPS = 2.4


def template_metric(name: str) -> dict[str, Any]:
    doc = yaml.safe_load((ROOT / "analysistemplates" / name).read_text())
    (metric,) = doc["spec"]["metrics"]
    assert isinstance(metric, dict)
    return metric


@dataclass
class Demo:
    kube: FakeKube
    cluster: SimulatedCluster
    service: Service
    http: aiohttp.ClientSession


@contextlib.asynccontextmanager
async def demo_cluster(
    tmp_path: Path, *, rps: float, rollouts: tuple[str, ...]
) -> AsyncIterator[Demo]:
    """The demo's cluster with canaries held at 10% (no step ends, no abort by itself)."""
    kube = FakeKube()
    kube.state.record_calls = False
    await kube.start()
    timing = Timing(step=1e9, abort_confirm=1e9, requests_per_second=rps)
    cluster = SimulatedCluster(
        kube.state,
        speed=SPEED,
        timing=timing,
        seed=11,
        scenarios=tuple(scenario(name) for name in rollouts),
    )
    defaults = Settings()
    settings = Settings(
        host="127.0.0.1",
        port=0,
        judge="heuristic",
        kubeconfig=str(kube.write_kubeconfig(tmp_path / "kubeconfig")),
        namespaces=[NAMESPACE],
        shutdown_grace_seconds=2,
        # the service's own defaults, on the demo's clock
        interval_seconds=defaults.interval_seconds / SPEED,
        cache_seconds=defaults.cache_seconds / SPEED,
        window_seconds=max(10, round(defaults.window_seconds / SPEED)),
        min_canary_events=defaults.min_canary_events,
    )
    service = await build_service(settings)
    service.analyzer.add_listener(cluster.on_result)
    await service.start()
    simulation = asyncio.create_task(cluster.run(period=0.25))
    try:
        # An AnalysisRun starts once the canary's pods run (after setWeight): wait for them.
        await eventually(
            lambda: all(ro.canary is not None and ro.canary.pods for ro in cluster.rollouts),
            timeout=30,
        )
        async with aiohttp.ClientSession() as http:
            yield Demo(kube, cluster, service, http)
    finally:
        simulation.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await simulation
        await service.stop()
        await kube.close()


def plugin_config(demo: Demo, rollout: str, *, agent_url: str | None = None) -> dict[str, str]:
    """The template's plugin block as Argo resolves it for this rollout."""
    return {
        "agentUrl": agent_url or demo.service.url,
        "stableLabel": f"app={rollout},role=stable",
        "canaryLabel": f"app={rollout},role=canary",
        "extraPrompt": "Colour changes are cosmetic.",
        "githubUrl": "",
        "baseBranch": "main",
    }


async def plugin_run(demo: Demo, metric: dict[str, Any], rollout: str, **config: str) -> MetricRun:
    plugin = MetricAIPlugin(demo.http, demo.kube.url)
    cfg = plugin_config(demo, rollout, **config)

    async def measure() -> tuple[str, str]:
        m = await plugin.run(NAMESPACE, rollout, cfg)
        return m.phase, f"{m.message} {m.body}".strip()

    return await run_metric_loop(metric, measure, time_scale=SPEED, max_seconds=1800)


_SAMPLE = re.compile(r"^(ai_canary_\w+)\{([^}]*)\} (\S+)$")


async def prometheus_run(demo: Demo, metric: dict[str, Any], rollout: str) -> MetricRun:
    """The Prometheus template: its query's meaning evaluated on the exporter's series."""
    age_bound = float(re.search(r"\) < (\d+)", metric["provider"]["prometheus"]["query"])[1])  # type: ignore[index]

    async def query() -> list[float]:
        ro = demo.kube.state.get("rollouts", NAMESPACE, rollout)
        assert ro is not None
        latest = ro["status"]["currentPodHash"]  # podTemplateHashValue: Latest
        async with demo.http.get(demo.service.url + "/metrics") as resp:
            text = await resp.text()
        series: dict[str, float] = {}
        for line in text.splitlines():
            m = _SAMPLE.match(line)
            if m is None:
                continue
            labels = dict(re.findall(r'(\w+)="([^"]*)"', m[2]))
            wanted = {"namespace": NAMESPACE, "rollout": rollout, "canary_hash": latest}
            if all(labels.get(k) == v for k, v in wanted.items()):
                series[m[1]] = float(m[3])
        stamp = series.get("ai_canary_last_analysis_timestamp_seconds")
        if "ai_canary_score" not in series or stamp is None:
            return []
        # time() - ts < bound, the bound in template seconds (the demo runs faster)
        if (time.time() - stamp) * SPEED >= age_bound:
            return []
        return [series["ai_canary_score"]]

    async def measure() -> tuple[str, str]:
        return measurement_phase(metric, await query()), ""

    return await run_metric_loop(metric, measure, time_scale=SPEED, max_seconds=1800)


def _summary(run: MetricRun) -> str:
    return ", ".join(
        f"{m.phase}@{m.started:.0f}s" + (f" ({m.message[:150]})" if m.message else "")
        for m in run.measurements
    )


@pytest.mark.slow
async def test_plugin_template_thin_healthy_succeeds_failing_fails_never_error(
    tmp_path: Path,
) -> None:
    metric = template_metric("metric-ai.yaml")
    async with demo_cluster(tmp_path, rps=THIN_RPS, rollouts=("colour-web", "checkout")) as demo:
        # The old template (consecutiveErrorLimit 4, no initialDelay) on the same thin canary
        old = {**metric, "consecutiveErrorLimit": 4}
        old.pop("initialDelay", None)
        healthy, failing, before = await asyncio.gather(
            plugin_run(demo, metric, "colour-web"),
            plugin_run(demo, metric, "checkout", agent_url=demo.service.url + "/"),
            plugin_run(demo, old, "colour-web"),
        )
    print("healthy-thin:", _summary(healthy))
    print("failing-thin:", _summary(failing))
    print("old template, healthy-thin:", _summary(before))
    # the evidence really was thin: the first minute of the canary got Errors (503)
    assert healthy.measurements[0].phase == ERROR, _summary(healthy)
    assert healthy.phase == SUCCESSFUL, _summary(healthy)
    assert failing.phase == FAILED, _summary(failing)
    assert before.phase == ERROR, _summary(before)  # what the shipped limit used to do


@pytest.mark.slow
async def test_plugin_template_healthy_canary_with_traffic(tmp_path: Path) -> None:
    metric = template_metric("metric-ai.yaml")
    async with demo_cluster(tmp_path, rps=24.0, rollouts=("colour-web", "gateway")) as demo:
        healthy, failing = await asyncio.gather(
            plugin_run(demo, metric, "colour-web"), plugin_run(demo, metric, "gateway")
        )
    print("healthy:", _summary(healthy))
    print("failing:", _summary(failing))
    assert healthy.phase == SUCCESSFUL, _summary(healthy)
    assert failing.phase == FAILED, _summary(failing)
    # at most the first call errs: a result computed when the canary had just started may
    # still be served from the cache (AI_CANARY_CACHE_SECONDS)
    assert ERROR not in healthy.phases()[1:], _summary(healthy)


@pytest.mark.slow
async def test_prometheus_template_thin_healthy_succeeds_failing_fails(tmp_path: Path) -> None:
    metric = template_metric("prometheus.yaml")
    async with demo_cluster(
        tmp_path, rps=PROMETHEUS_THIN_RPS, rollouts=("colour-web", "checkout")
    ) as demo:
        healthy, failing = await asyncio.gather(
            prometheus_run(demo, metric, "colour-web"), prometheus_run(demo, metric, "checkout")
        )
    print("healthy-thin:", _summary(healthy))
    print("failing-thin:", _summary(failing))
    assert healthy.phase == SUCCESSFUL, _summary(healthy)
    assert failing.phase == FAILED, _summary(failing)
