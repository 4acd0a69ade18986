"""End to end: the service scraped by a real Prometheus, and `serve` stopped by SIGTERM.

Prometheus is Debian's binary (tests/prometheus.py); its client calls block, so they run in
a thread while the service answers scrapes on this test's event loop.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from exporter.config import Settings
from exporter.demo.fake_kube import FakeKube, FakeKubeState
from exporter.remediation import GitHubFollowUp
from tests.fakes.github_api import PREFIX as GITHUB_PREFIX
from tests.fakes.github_api import FakeGitHub
from tests.fakes.openai_server import FakeOpenAI
from tests.polling import answers_ok
from tests.prometheus import PrometheusServer, ScrapeJob, free_port, require_binary, sample_values
from tests.service_harness import (
    add_canary,
    eventually,
    failing_log,
    finish_canary,
    healthy_log,
    running_service,
)

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


async def test_prometheus_sees_healthy_and_failing_canaries_and_their_removal(
    tmp_path: Path,
) -> None:
    require_binary("prometheus")
    async with running_service(tmp_path, interval_seconds=1.0, cache_seconds=0) as env:
        add_canary(
            env.state,
            "shop",
            "good",
            stable_log=healthy_log(300),
            canary_log=healthy_log(100, offset=3),
        )
        bad = add_canary(
            env.state, "shop", "bad", stable_log=healthy_log(300), canary_log=failing_log(100)
        )
        prom = PrometheusServer(
            tmp_path / "prom", [ScrapeJob("ai-canary", [f"127.0.0.1:{env.service.port}"])]
        )
        await asyncio.to_thread(prom.start)
        try:

            def wait(expr: str, timeout: float = 30.0) -> list[float]:
                return sample_values(prom.wait_for(expr, timeout=timeout))

            good = 'namespace="shop",rollout="good",canary_hash="c4nary"'
            failing = 'namespace="shop",rollout="bad",canary_hash="c4nary"'
            assert await asyncio.to_thread(wait, f"ai_canary_verdict{{{good}}} == 1") == [1.0]
            assert (await asyncio.to_thread(wait, f"ai_canary_score{{{good}}} >= 0.8"))[0] <= 1
            assert await asyncio.to_thread(wait, f"ai_canary_verdict{{{failing}}} == 0") == [0.0]
            assert (await asyncio.to_thread(wait, f"ai_canary_score{{{failing}}} < 0.5"))[0] >= 0
            # the fresh-result guard the AnalysisTemplates use
            fresh = f"time() - ai_canary_last_analysis_timestamp_seconds{{{failing}}} < 120"
            assert await asyncio.to_thread(wait, fresh)
            lines = await asyncio.to_thread(
                wait, f'ai_canary_log_lines{{{failing},role="canary"}} > 0'
            )
            assert lines == [120.0]
            assert await asyncio.to_thread(wait, 'ai_canary_targets{source="rollout"} == 2')
            assert await asyncio.to_thread(
                wait, 'ai_canary_analyses_total{rollout="bad",outcome="abort"} >= 1'
            )
            assert await asyncio.to_thread(wait, 'ai_canary_build_info{judge="heuristic"} == 1')

            finish_canary(env.state, bad)  # promoted: the canary is no longer in progress

            await asyncio.to_thread(
                prom.wait_for, f"ai_canary_score{{{failing}}}", lambda r: r == [], 30.0
            )  # the series is gone, not stale-but-present
            assert prom.query(f"ai_canary_score{{{good}}}") != []
            assert await asyncio.to_thread(wait, 'ai_canary_targets{source="rollout"} == 1')
        finally:
            await asyncio.to_thread(prom.stop)


async def test_sigterm_finishes_in_flight_work_and_exits_zero(tmp_path: Path) -> None:
    port = free_port()
    async with FakeOpenAI(latency=1.5) as fake, FakeKube(FakeKubeState()) as kube:
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp_path),
            "AI_CANARY_HOST": "127.0.0.1",
            "AI_CANARY_PORT": str(port),
            "AI_CANARY_KUBECONFIG": str(kube.write_kubeconfig(tmp_path / "kubeconfig")),
            "AI_CANARY_JUDGE": "openai",
            "OPENAI_BASE_URL": fake.base_url,
            "OPENAI_API_KEY": "test",
            "AI_CANARY_SHUTDOWN_GRACE_SECONDS": "10",
            "AI_CANARY_LOG_FORMAT": "json",
        }
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "exporter",
            "serve",
            cwd=REPO,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            async with aiohttp.ClientSession() as http:
                await eventually(lambda: answers_ok(http, url + "/q/health/ready"), timeout=60)
                body = {"context": {"stableLogs": healthy_log(200), "canaryLogs": healthy_log(80)}}
                request = asyncio.create_task(http.post(url + "/a2a/analyze", json=body))
                await eventually(lambda: fake.in_flight == 1)  # the model call is running
                proc.send_signal(signal.SIGTERM)
                resp = await request
                assert resp.status == 200  # the in-flight request was allowed to finish
                assert (await resp.json())["verdict"] == "promote"
                resp.release()
                started = time.monotonic()
                code = await asyncio.wait_for(proc.wait(), timeout=30)
                assert code == 0
                assert time.monotonic() - started < 30
                with pytest.raises(aiohttp.ClientConnectionError):
                    async with http.get(url + "/"):
                        pass
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
        stderr = (await proc.stderr.read()).decode() if proc.stderr else ""
        assert '"msg": "stopped"' in stderr, stderr[-2000:]


async def test_abort_files_one_github_issue_and_links_it(
    tmp_path: Path, aiohttp_server: Any
) -> None:
    github = FakeGitHub(token="gh-test-token")
    github.add_repo("acme/shop")
    server = await aiohttp_server(github.app, host="127.0.0.1")
    github.base_url = f"http://127.0.0.1:{server.port}{GITHUB_PREFIX}"
    settings = Settings(
        github_token="gh-test-token", github_api_url=github.base_url, github_repos=["acme/*"]
    )
    followup = GitHubFollowUp(
        settings, seconds_between_requests=0, seconds_between_writes=0, retry_backoff=0
    )
    async with running_service(tmp_path, followup=followup, cache_seconds=0) as env:
        env.state.ensure_namespace("shop")
        for role, text in (("stable", healthy_log(300)), ("canary", failing_log(100))):
            env.state.add_pod("shop", f"checkout-{role}-0", {"app": "checkout", "role": role})
            env.state.set_logs("shop", f"checkout-{role}-0", "app", text)
        request = {
            "context": {
                "namespace": "shop",
                "rolloutName": "checkout",
                "stableSelector": "role=stable",
                "canarySelector": "role=canary",
                "repoUrl": "https://github.com/acme/shop",
                "baseBranch": "main",
            }
        }
        status, doc = await env.post_json("/a2a/analyze", request)
        assert status == 200 and doc["verdict"] == "abort"
        labels = {"outcome": "issue_created"}
        await eventually(
            lambda: (
                env.service.metrics.registry.get_sample_value(
                    "ai_canary_github_followups_total", labels
                )
                == 1
            )
        )
        assert len(github.issues_of("acme/shop")) == 1
        status, doc = await env.post_json("/a2a/analyze", request)  # a later measurement
        (issue,) = github.issues_of("acme/shop")
        assert status == 200 and doc["issueLink"] == issue["html_url"]
        await eventually(
            lambda: (
                env.service.metrics.registry.get_sample_value(
                    "ai_canary_github_followups_total", {"outcome": "unchanged"}
                )
                == 1
            )
        )
        assert len(github.issues_of("acme/shop")) == 1  # once per canary revision
