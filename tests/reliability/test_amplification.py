"""Requests cannot grow what the service keeps without bound.

Once, 300 plugin/A2A requests naming made-up rollouts in any namespace (outside the watched
ones too) registered 301 targets for the 30-minute TTL: `/metrics` grew 11.8 → 269 KB and a
core stayed busy; every distinct inline request also kept its result forever (~2.5 MB per
1,000 requests).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable
from pathlib import Path

from exporter.analysis import INLINE_RESULTS_KEPT, Analyzer, InlineLogs
from exporter.config import Settings
from exporter.model import AnalysisResult, Target
from tests.service_harness import (
    ServiceEnv,
    eventually,
    failing_log,
    healthy_log,
    running_service,
)


def _context(namespace: str, rollout: str) -> dict[str, object]:
    return {"context": {"namespace": namespace, "rolloutName": rollout}}


async def _refused(env: ServiceEnv, reason: str) -> float:
    async with env.http.get(env.url + "/metrics") as resp:
        text = await resp.text()
    prefix = f'ai_canary_a2a_targets_refused_total{{reason="{reason}"}} '
    values = [float(line[len(prefix) :]) for line in text.splitlines() if line.startswith(prefix)]
    return values[0] if values else 0.0


async def _is(value: Awaitable[float], expected: float) -> bool:
    return await value == expected


async def test_requests_cannot_name_targets_outside_the_watched_namespaces(
    tmp_path: Path,
) -> None:
    async with running_service(tmp_path, namespaces=["shop"]) as env:
        status, body = await env.post_json("/a2a/analyze", _context("elsewhere", "made-up"))
        assert status == 403, body
        assert "not watched" in body["error"]
        message = {
            "messageId": str(uuid.uuid4()),
            "role": "ROLE_USER",
            "parts": [{"data": {"namespace": "elsewhere", "rolloutName": "made-up"}}],
        }
        rpc = {"jsonrpc": "2.0", "id": 1, "method": "SendMessage", "params": {"message": message}}
        status, doc = await env.post_json("/a2a", rpc)
        assert doc["result"]["task"]["status"]["state"] == "TASK_STATE_REJECTED"
        status, targets = await env.get_json("/api/v1/targets")
        assert targets["counts"]["a2a"] == 0
        # /metrics is pre-rendered: the count shows within a render period
        await eventually(lambda: _is(_refused(env, "unwatched_namespace"), 2))


async def test_request_named_targets_are_capped_oldest_first(tmp_path: Path) -> None:
    async with running_service(tmp_path, max_a2a_targets=5) as env:
        for i in range(12):
            status, _ = await env.post_json("/a2a/analyze", _context("shop", f"made-up-{i}"))
            assert status < 500 or status == 503  # no pods: "could not analyse", not a crash
        status, targets = await env.get_json("/api/v1/targets")
        assert targets["counts"]["a2a"] == 5
        kept = sorted(t["rollout"] for t in targets["targets"] if t["source"] == "a2a")
        assert kept == sorted(f"made-up-{i}" for i in range(7, 12))
        await eventually(lambda: _is(_refused(env, "capped"), 7))
        # naming a kept one again renews it: it is no longer the oldest
        await env.post_json("/a2a/analyze", _context("shop", "made-up-7"))
        await env.post_json("/a2a/analyze", _context("shop", "made-up-12"))
        status, targets = await env.get_json("/api/v1/targets")
        kept = sorted(t["rollout"] for t in targets["targets"] if t["source"] == "a2a")
        assert kept == sorted(["made-up-7", *(f"made-up-{i}" for i in range(9, 13))])


async def test_inline_results_are_not_kept_forever() -> None:
    analyzer = Analyzer(Settings(judge="heuristic", cache_seconds=3600, min_canary_events=5))
    fresh: list[AnalysisResult] = []
    analyzer.add_listener(lambda t, r, e: fresh.append(r) if r is not None else None)
    target = Target("shop", "inline", "role=stable", "role=canary", "c4nary", source="a2a")
    stable = healthy_log(30)

    def logs(i: int) -> InlineLogs:
        return InlineLogs(stable=stable, canary=failing_log(30) + f"\nrequest {i} done")

    first = await analyzer.analyze(target, inline=logs(0))
    assert await analyzer.analyze(target, inline=logs(0)) is first  # a repeat is served
    for i in range(1, INLINE_RESULTS_KEPT + 10):
        await analyzer.analyze(target, inline=logs(i))
    made = len(fresh)
    assert await analyzer.analyze(target, inline=logs(INLINE_RESULTS_KEPT)) is not None
    assert len(fresh) == made  # a recent one is still served from the cache
    again = await analyzer.analyze(target, inline=logs(0))
    assert again is not first and len(fresh) == made + 1  # the oldest was dropped
