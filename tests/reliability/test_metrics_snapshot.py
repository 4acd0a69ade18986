"""`/metrics` is served from pre-rendered bodies: a scrape does no rendering of its own.

Under load, scrapes that rendered everything themselves waited 354–456 ms (p99; idle
16 ms, target ≤ 50 ms) — see `bench/load.py` for the figures. Here: the pre-rendered
body is byte-identical to a fresh render, a change shows after one period, and a hundred
scrapes do not take a hundred snapshots of the service's state.
"""

from __future__ import annotations

import asyncio
import contextlib

from exporter.metrics import Metrics, Snapshot
from exporter.model import AnalysisResult, Target, Verdict
from tests.polling import eventually

OPENMETRICS = "application/openmetrics-text; version=1.0.0"


class World:
    def __init__(self) -> None:
        self.results: list[AnalysisResult] = []
        self.snapshots = 0

    def snapshot(self) -> Snapshot:
        self.snapshots += 1
        return Snapshot(results=list(self.results), targets_by_source={"rollout": 1})


def _result(rollout: str, score: float) -> AnalysisResult:
    target = Target("shop", rollout, "app=x,h=1", "app=x,h=2", "c4nary", source="rollout")
    return AnalysisResult(
        target=target,
        verdict=Verdict.ABORT,
        score=score,
        confidence=90,
        judge="heuristic",
        timestamp=1_795_000_000.0,
    )


async def test_scrapes_are_served_from_the_pre_rendered_snapshot() -> None:
    world = World()
    world.results = [_result("checkout", 0.42)]
    metrics = Metrics(version="1.0", judge="heuristic", snapshot=world.snapshot)
    fresh = {accept: metrics.render(accept) for accept in ("", OPENMETRICS)}
    task = asyncio.create_task(metrics.prerender(period=0.01, max_age=3600))
    try:
        await eventually(lambda: world.snapshots >= 3)  # two fresh renders + the first pre-render
        for accept, body in fresh.items():
            assert metrics.render(accept) == body  # same bytes, same content type
        before = world.snapshots
        for _ in range(100):
            metrics.render("")
            metrics.render(OPENMETRICS)
        assert world.snapshots - before < 10  # only the pre-renderer's own, not one per scrape

        world.results = [_result("checkout", 0.13)]
        metrics.on_analysis(world.results[0].target, world.results[0], None)
        await eventually(lambda: b"ai_canary_score{" in metrics.render("")[0])
        await eventually(lambda: b"} 0.13\n" in metrics.render("")[0])
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
