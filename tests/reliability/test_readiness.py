"""Readiness follows the world by probing it, not only by what traffic happens to show.

Once, readiness stayed UP through a Kubernetes API outage, and after a model outage it
stayed DOWN until something triggered an analysis (with no targets: 60 s after the model
came back). The API server really goes away here, and the fake model really recovers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exporter.demo.fake_kube import FakeKube
from tests.fakes.model_server import Reply
from tests.fakes.openai_server import FakeOpenAI
from tests.service_harness import ServiceEnv, eventually, failing_log, healthy_log, running_service


async def _ready(env: ServiceEnv) -> tuple[int, dict[str, str]]:
    status, doc = await env.get_json("/q/health/ready")
    return status, {c["name"]: c["status"] for c in doc["checks"]}


async def test_readiness_follows_kubernetes_reachability(tmp_path: Path) -> None:
    async with running_service(tmp_path, health_probe_seconds=0.1) as env:
        await eventually(lambda: env.service.registry.synced)
        assert (await _ready(env))[0] == 200
        old = env.kube
        port = old.port
        await old.close()

        async def down() -> bool:
            status, checks = await _ready(env)
            return status == 503 and checks["kubernetes"] == "DOWN"

        await eventually(down, timeout=60)
        status, doc = await env.get_json("/q/health/ready")
        (kube_check,) = [c for c in doc["checks"] if c["name"] == "kubernetes"]
        assert "unreachable" in kube_check["data"]["lastError"]
        status, _ = await env.get_json("/q/health/live")
        assert status == 200  # not a reason to restart the pod

        back = FakeKube(old.state)
        await back.start(port=port)
        try:

            async def up() -> bool:
                return (await _ready(env))[0] == 200

            await eventually(up, timeout=60)
        finally:
            await back.close()


async def test_readiness_recovers_after_a_model_outage_without_traffic(tmp_path: Path) -> None:
    async with FakeOpenAI() as fake:
        fake.script.extend(Reply.server_error(503, "overloaded") for _ in range(3))
        settings: dict[str, Any] = {
            "judge": "openai",
            "openai_base_url": fake.base_url,
            "openai_api_key": "sk-test-key",
            "model_failure_policy": "error",
            "model_max_retries": 0,
            "health_probe_seconds": 0.1,
            "cache_seconds": 0,
        }
        async with running_service(tmp_path, cluster=False, **settings) as env:
            for i in range(3):  # three analyses whose model call fails
                context = {
                    "stableLogs": healthy_log(300),
                    "canaryLogs": failing_log(100) + f"\nrun {i}",
                }
                status, _ = await env.post_json("/a2a/analyze", {"context": context})
                assert status == 503
            status, checks = await _ready(env)
            assert status == 503 and checks["model"] == "DOWN"
            asked = len(fake.requests)
            # the script is used up: the model answers again; we send nothing more

            async def up() -> bool:
                return (await _ready(env))[0] == 200

            await eventually(up, timeout=60)
            assert len(fake.requests) > asked  # a probe asked it, not our traffic
