"""Health, readiness, authentication, content negotiation and error bodies of the HTTP API."""

from __future__ import annotations

from pathlib import Path

import aiohttp
from aiohttp import web

from exporter.config import Settings
from exporter.demo.fake_kube import FakeKube, FakeKubeState, Fault
from exporter.http import ApiState
from exporter.service import build_service
from tests.fakes.model_server import Reply
from tests.fakes.openai_server import FakeOpenAI
from tests.service_harness import (
    add_canary,
    eventually,
    failing_log,
    healthy_log,
    running_service,
)


def _status(doc: dict[str, object]) -> dict[str, str]:
    checks = doc["checks"]
    assert isinstance(checks, list)
    return {c["name"]: c["status"] for c in checks}


async def test_health_bodies_are_quarkus_style(tmp_path: Path) -> None:
    async with running_service(tmp_path) as env:
        await eventually(lambda: env.service.registry.synced)
        for path in ("/q/health", "/a2a/health", "/q/health/live", "/q/health/ready"):
            status, doc = await env.get_json(path)
            assert status == 200 and doc["status"] == "UP", (path, doc)
            for check in doc["checks"]:
                assert set(check) == {"name", "status", "data"}
        _, ready = await env.get_json("/q/health/ready")
        assert {"targets", "model", "kubernetes", "accepting"} <= set(_status(ready))
        _, live = await env.get_json("/q/health/live")
        assert _status(live) == {"scheduler": "UP", "discovery": "UP"}
        status, root = await env.get_json("/")
        assert status == 200
        assert root["service"] == "ai-canary-exporter" and root["status"] == "UP"
        assert isinstance(root["version"], str)


async def test_ready_is_down_until_the_first_target_sync(tmp_path: Path) -> None:
    kube = FakeKube(FakeKubeState())
    await kube.start()
    kube.state.inject(Fault(status=500, times=3, resource="rollouts"))  # first lists fail
    settings = Settings(
        host="127.0.0.1",
        port=0,
        judge="heuristic",
        kubeconfig=str(kube.write_kubeconfig(tmp_path / "kc")),
        shutdown_grace_seconds=1,
    )
    service = await build_service(settings)
    await service.start()
    try:
        async with aiohttp.ClientSession() as http:

            async def ready() -> tuple[int, dict[str, object]]:
                async with http.get(service.url + "/q/health/ready") as resp:
                    return resp.status, await resp.json()

            status, doc = await ready()
            assert status == 503 and doc["status"] == "DOWN"
            assert _status(doc)["targets"] == "DOWN"
            async with http.get(service.url + "/") as resp:  # reachability: always 200
                assert resp.status == 200 and (await resp.json())["status"] == "DOWN"

            async def up() -> bool:
                return (await ready())[0] == 200

            await eventually(up, timeout=30)
    finally:
        await service.stop()
        await kube.close()


async def test_ready_goes_down_when_the_model_keeps_failing_without_fallback(
    tmp_path: Path,
) -> None:
    async with FakeOpenAI() as fake:
        fake.script.extend(Reply.server_error(401, "invalid api key") for _ in range(100))
        async with running_service(
            tmp_path,
            judge="openai",
            model_failure_policy="error",  # no answers without a model: leave the Service
            openai_base_url=fake.base_url,
            openai_api_key="wrong",
            model_max_retries=0,
            interval_seconds=0.2,
            cache_seconds=0,
        ) as env:
            add_canary(
                env.state, "shop", "checkout", stable_log=healthy_log(300), canary_log=healthy_log()
            )

            async def down() -> bool:
                status, doc = await env.get_json("/q/health/ready")
                return status == 503 and _status(doc)["model"] == "DOWN"

            await eventually(down)
            status, live = await env.get_json("/a2a/health")
            assert status == 200 and live["status"] == "UP"  # liveness: no restart for it
            fake.script.clear()  # the key works again

            async def up() -> bool:
                status, _ = await env.get_json("/q/health/ready")
                return status == 200

            await eventually(up)


async def test_bearer_token_guards_the_api_but_not_probes(tmp_path: Path) -> None:
    async with running_service(tmp_path, auth_token="s3cret-token") as env:
        status, doc = await env.get_json("/api/v1/targets")
        assert status == 401 and doc["error"]
        async with env.http.get(env.url + "/api/v1/targets") as resp:
            assert resp.headers["WWW-Authenticate"].startswith("Bearer")
        status, _ = await env.get_json("/api/v1/targets", headers={"Authorization": "Bearer wrong"})
        assert status == 401
        status, doc = await env.get_json(
            "/api/v1/targets", headers={"Authorization": "Bearer s3cret-token"}
        )
        assert status == 200 and "targets" in doc
        status, _ = await env.post_json("/a2a/analyze", {"context": {}})
        assert status == 401  # before validation: no information for strangers
        for open_path in ("/metrics", "/q/health/live", "/", "/.well-known/agent-card.json"):
            async with env.http.get(env.url + open_path) as resp:
                assert resp.status == 200, open_path
        _, card = await env.get_json("/.well-known/agent-card.json")
        assert "bearer" in card["securitySchemes"]


async def test_metrics_can_be_closed_too(tmp_path: Path) -> None:
    async with running_service(tmp_path, auth_token="t0ken", auth_open_metrics=False) as env:
        async with env.http.get(env.url + "/metrics") as resp:
            assert resp.status == 401
        headers = {"Authorization": "Bearer t0ken"}
        async with env.http.get(env.url + "/metrics", headers=headers) as resp:
            assert resp.status == 200


async def test_metrics_endpoint_negotiates_openmetrics(tmp_path: Path) -> None:
    async with running_service(tmp_path) as env:
        add_canary(
            env.state, "shop", "checkout", stable_log=healthy_log(300), canary_log=failing_log()
        )

        async def scored() -> bool:
            async with env.http.get(env.url + "/metrics") as resp:
                return "ai_canary_score{" in await resp.text()

        await eventually(scored)
        async with env.http.get(env.url + "/metrics") as resp:
            assert resp.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        accept = "application/openmetrics-text;version=1.0.0,text/plain;q=0.5"
        async with env.http.get(env.url + "/metrics", headers={"Accept": accept}) as resp:
            assert resp.headers["Content-Type"].startswith("application/openmetrics-text")
            assert (await resp.text()).endswith("# EOF\n")


async def test_root_serves_html_only_through_a_plugged_renderer(tmp_path: Path) -> None:
    async def page(request: web.Request, state: ApiState) -> web.StreamResponse:
        return web.Response(text=f"<h1>{state.version}</h1>", content_type="text/html")

    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    async with running_service(tmp_path) as env:
        status, doc = await env.get_json("/", headers=browser)  # no renderer: JSON
        assert status == 200 and doc["service"] == "ai-canary-exporter"
    async with running_service(tmp_path, status_page=page) as env:
        async with env.http.get(env.url + "/", headers=browser) as resp:
            assert resp.content_type == "text/html"
        async with env.http.get(env.url + "/") as resp:  # curl, the plugin: JSON
            assert resp.content_type == "application/json"
        async with env.http.get(env.url + "/", headers={"Accept": "application/json"}) as resp:
            assert resp.content_type == "application/json"


async def test_unknown_paths_and_methods_get_json_errors(tmp_path: Path) -> None:
    async with running_service(tmp_path) as env:
        status, doc = await env.get_json("/nope")
        assert status == 404 and doc["error"]
        async with env.http.delete(env.url + "/metrics") as resp:
            assert resp.status == 405 and "GET" in resp.headers["Allow"]
            assert (await resp.json())["error"]


async def test_targets_api_lists_canaries_with_latest_results(tmp_path: Path) -> None:
    async with running_service(tmp_path) as env:
        add_canary(
            env.state, "shop", "checkout", stable_log=healthy_log(300), canary_log=failing_log()
        )

        async def scored() -> dict[str, object] | None:
            _, doc = await env.get_json("/api/v1/targets")
            return doc if doc["targets"] and doc["targets"][0]["result"] else None

        doc = await eventually(scored)
        assert doc["synced"] is True and doc["counts"]["rollout"] == 1
        (entry,) = doc["targets"]
        assert entry["canaryHash"] == "c4nary" and entry["source"] == "rollout"
        assert entry["result"]["verdict"] == "abort"
        assert isinstance(entry["result"]["confidence"], int)
