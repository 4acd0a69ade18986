"""`POST /a2a/analyze` as the metric-ai plugin sees it: exact request, exact response types.

The service runs for real against the fake Kubernetes API (and the fake OpenAI server where
a model is involved), all on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

from exporter.demo.fake_kube import Fault
from tests.fakes.openai_server import FakeOpenAI
from tests.service_harness import (
    ServiceEnv,
    add_canary,
    eventually,
    failing_log,
    healthy_log,
    running_service,
)

# What the plugin sends (contracts/a2a-plugin.md), byte for byte in structure.
PLUGIN_REQUEST: dict[str, Any] = {
    "userId": "argo-rollouts",
    "memoryId": "rollout:shop/checkout",
    "prompt": (
        "Analyze canary deployment for rollout 'checkout'. Namespace: shop. Use your tools to "
        "fetch and compare logs from stable pods (selector: role=stable) vs canary pods "
        "(selector: role=canary). Determine if canary should be promoted.\n\n"
        "Additional context: Ignore color changes."
    ),
    "context": {
        "namespace": "shop",
        "rolloutName": "checkout",
        "stableSelector": "role=stable",
        "canarySelector": "role=canary",
        "extraPrompt": "Ignore color changes.",
        "repoUrl": "https://github.com/org/repo",
        "baseBranch": "main",
    },
}

# Go's encoding/json view of the response the plugin decodes (metric-ai's types).
GO_TYPES = {
    "analysis": str,
    "rootCause": str,
    "remediation": str,
    "promote": bool,
    "confidence": int,
    "votingRationale": str,
}
GO_MODEL_TYPES = {
    "modelName": str,
    "analysis": str,
    "rootCause": str,
    "remediation": str,
    "promote": bool,
    "confidence": int,
    "executionTimeMs": int,
    "error": str,
}


def _role_pods(env: ServiceEnv, *, canary_log: str, namespace: str = "shop") -> None:
    """Pods labelled role=stable/role=canary, as in the plugin's default setup (no Rollout)."""
    env.state.ensure_namespace(namespace)
    for role, text in (("stable", healthy_log(300)), ("canary", canary_log)):
        pod = f"checkout-{role}-0"
        env.state.add_pod(namespace, pod, {"app": "checkout", "role": role})
        env.state.set_logs(namespace, pod, "app", text)


async def _post_raw(env: ServiceEnv, body: Any) -> tuple[int, str, dict[str, str]]:
    async with env.http.post(env.url + "/a2a/analyze", json=body) as resp:
        return resp.status, await resp.text(), dict(resp.headers)


def _check_go_types(doc: dict[str, Any]) -> None:
    for key, kind in GO_TYPES.items():
        assert type(doc[key]) is kind, (key, doc[key])
    assert "prLink" not in doc or (isinstance(doc["prLink"], str) and doc["prLink"])
    assert 0 <= doc["confidence"] <= 100
    for entry in doc["modelResults"]:
        for key, kind in GO_MODEL_TYPES.items():
            assert type(entry[key]) is kind, (key, entry[key])


async def test_plugin_request_gets_plugin_typed_answer(tmp_path: Path) -> None:
    async with running_service(tmp_path) as env:
        _role_pods(env, canary_log=failing_log(100))
        status, raw, headers = await _post_raw(env, PLUGIN_REQUEST)
        assert status == 200, raw
        assert headers["Content-Type"].startswith("application/json")
        doc = json.loads(raw)
        _check_go_types(doc)
        assert re.search(r'"confidence":\d+[,}]', raw), "confidence must be a JSON integer"
        assert doc["promote"] is False and doc["verdict"] == "abort"
        assert "prLink" not in doc  # omitted when empty
        assert doc["judge"] == "heuristic" and doc["canaryHash"].startswith("sel-")
        assert any(e["weight"] == "hard" for e in doc["evidence"])
        assert len(doc["analysis"]) <= 1200
        assert "[REDACTED" not in raw  # no secret in these logs: prose must survive redaction


async def test_healthy_canary_promotes_and_target_is_scored_continuously(tmp_path: Path) -> None:
    async with running_service(tmp_path, interval_seconds=0.5, cache_seconds=0) as env:
        _role_pods(env, canary_log=healthy_log(100, offset=3))
        status, doc = await env.post_json("/a2a/analyze", PLUGIN_REQUEST)
        assert status == 200 and doc["promote"] is True and doc["verdict"] == "promote"
        assert isinstance(doc["confidence"], int) and doc["confidence"] > 0
        _, listing = await env.get_json("/api/v1/targets")
        (entry,) = listing["targets"]
        assert entry["source"] == "a2a" and entry["rollout"] == "checkout"
        first = entry["result"]["timestamp"]

        async def rescored() -> bool:
            _, again = await env.get_json("/api/v1/targets")
            return bool(again["targets"][0]["result"]["timestamp"] > first)

        await eventually(rescored)  # the loop keeps scoring the named target


async def test_request_for_a_discovered_rollout_shares_its_analysis(tmp_path: Path) -> None:
    async with running_service(tmp_path) as env:
        add_canary(
            env.state, "shop", "checkout", stable_log=healthy_log(300), canary_log=failing_log()
        )

        async def discovered() -> bool:
            _, listing = await env.get_json("/api/v1/targets")
            return any(t["result"] for t in listing["targets"])

        await eventually(discovered)
        status, doc = await env.post_json("/a2a/analyze", PLUGIN_REQUEST)
        assert status == 200 and doc["canaryHash"] == "c4nary" and doc["verdict"] == "abort"
        _, listing = await env.get_json("/api/v1/targets")
        assert [t["source"] for t in listing["targets"]] == ["rollout"]  # no a2a duplicate


async def test_concurrent_identical_requests_share_one_model_call(tmp_path: Path) -> None:
    async with (
        FakeOpenAI(latency=0.5) as fake,
        running_service(
            tmp_path,
            judge="openai",
            openai_base_url=fake.base_url,
            openai_api_key="k",
            cache_seconds=30,
            interval_seconds=60,
        ) as env,
    ):
        _role_pods(env, canary_log=healthy_log(100, offset=3))
        answers = await asyncio.gather(
            *(env.post_json("/a2a/analyze", PLUGIN_REQUEST) for _ in range(8))
        )
        assert {status for status, _ in answers} == {200}
        assert len(fake.requests) == 1
        docs = [doc for _, doc in answers]
        assert all(d == docs[0] for d in docs)
        (model,) = docs[0]["modelResults"]
        assert model["modelName"] and isinstance(model["executionTimeMs"], int)
        _check_go_types(docs[0])
        inline = {"context": {"stableLogs": healthy_log(200), "canaryLogs": healthy_log(60)}}
        inline_answers = await asyncio.gather(
            *(env.post_json("/a2a/analyze", inline) for _ in range(5))
        )
        assert {status for status, _ in inline_answers} == {200}
        assert len(fake.requests) == 2


async def test_inline_logs_are_analysed_without_a_cluster(tmp_path: Path) -> None:
    async with running_service(tmp_path, cluster=False) as env:
        secret = "hunter2-Sup3rS3cret-Passw0rd"
        canary = failing_log(100) + f"\n2026-11-26T08:09:00Z ERROR login failed password={secret}"
        status, raw, _ = await _post_raw(
            env,
            {"context": {"stableLogs": healthy_log(200), "canaryLogs": canary, "podName": "x-1"}},
        )
        assert status == 200, raw
        doc = json.loads(raw)
        _check_go_types(doc)
        assert doc["verdict"] == "abort" and doc["promote"] is False
        assert secret not in raw
        # without inline logs there is nothing to fetch from: an error Argo retries
        status, doc = await env.post_json("/a2a/analyze", PLUGIN_REQUEST)
        assert status == 503 and "Kubernetes" in doc["error"]


async def test_inconclusive_is_an_error_by_default(tmp_path: Path) -> None:
    async with running_service(tmp_path) as env:
        _role_pods(env, canary_log=healthy_log(3))
        status, raw, headers = await _post_raw(env, PLUGIN_REQUEST)
        assert status == 503
        doc = json.loads(raw)
        assert doc["error"].startswith("inconclusive") and doc["verdict"] == "inconclusive"
        assert int(headers["Retry-After"]) >= 1


async def test_inconclusive_policy_fail_answers_promote_false(tmp_path: Path) -> None:
    async with running_service(tmp_path, inconclusive_policy="fail") as env:
        _role_pods(env, canary_log=healthy_log(3))
        status, doc = await env.post_json("/a2a/analyze", PLUGIN_REQUEST)
        assert status == 200
        assert doc["promote"] is False and doc["verdict"] == "inconclusive"
        assert isinstance(doc["confidence"], int) and doc["confidence"] <= 10


async def test_collection_failure_is_503_never_promote(tmp_path: Path) -> None:
    async with running_service(tmp_path) as env:
        _role_pods(env, canary_log=healthy_log(100))
        env.state.inject(Fault(status=403, times=100, resource="pods", namespace="shop"))
        status, raw, _ = await _post_raw(env, PLUGIN_REQUEST)
        assert status == 503
        doc = json.loads(raw)
        assert set(doc) == {"error"} and "promote" not in raw
        assert "Traceback" not in raw


async def test_malformed_requests_are_4xx_with_a_message(tmp_path: Path) -> None:
    async with running_service(tmp_path, max_body_bytes=4096) as env:
        bad_contexts = [
            {"namespace": "Shop_NS", "rolloutName": "x"},
            {"namespace": "shop", "rolloutName": "x", "canarySelector": "role in (a,"},
            {"namespace": "shop", "rolloutName": "x", "stableSelector": "=oops"},
            {"namespace": "shop", "rolloutName": "x", "canarySelector": ""},
            {"namespace": "shop", "rolloutName": "Not A Name"},
            {"namespace": "shop", "rolloutName": "x", "extraPrompt": 42},
            {"namespace": "a" * 64, "rolloutName": "x"},
            {"stableLogs": "only stable"},
            {"namespace": "shop", "rolloutName": "x", "repoUrl": "file:///etc/passwd"},
        ]
        for ctx in bad_contexts:
            status, doc = await env.post_json("/a2a/analyze", {"context": ctx})
            assert status == 400, ctx
            assert isinstance(doc["error"], str) and doc["error"], ctx
        for body in ([], "text", {"context": "x"}, {"prompt": 1, "context": {}}, {}):
            status, doc = await env.post_json("/a2a/analyze", body)
            assert status == 400 and doc["error"], body
        async with env.http.post(env.url + "/a2a/analyze", data=b"{not json") as resp:
            assert resp.status == 400 and "JSON" in (await resp.json())["error"]
        big = {"context": {"stableLogs": "x" * 5000, "canaryLogs": "y"}}
        status, doc = await env.post_json("/a2a/analyze", big)
        assert status == 413 and doc["error"]
        async with env.http.get(env.url + "/a2a/analyze") as resp:
            assert resp.status == 405 and "error" in await resp.json()


async def test_plugin_selectors_are_tied_to_the_rollouts_revision(tmp_path: Path) -> None:
    """Fixed `role=canary` selectors hash the same for every revision: the service reads the
    Rollout for its canary hash, and a new revision replaces the old one's series at once."""
    async with running_service(tmp_path, discover_rollouts=False) as env:
        _role_pods(env, canary_log=healthy_log(100, offset=3))
        rollout = env.state.make_rollout(
            "shop",
            "checkout",
            match_labels={"app": "checkout"},
            stable_hash="s1",
            canary_hash="rev1",
        )
        env.state.put_rollout(rollout)
        status, doc = await env.post_json("/a2a/analyze", PLUGIN_REQUEST)
        assert status == 200 and doc["canaryHash"] == "rev1"

        rollout["status"]["currentPodHash"] = "rev2"
        env.state.put_rollout(rollout)
        status, doc = await env.post_json("/a2a/analyze", PLUGIN_REQUEST)
        assert status == 200 and doc["canaryHash"] == "rev2"
        _, listing = await env.get_json("/api/v1/targets")
        assert [t["canaryHash"] for t in listing["targets"]] == ["rev2"]

        async def old_series_gone() -> bool:
            async with env.http.get(env.url + "/metrics") as resp:
                text = await resp.text()
            return 'canary_hash="rev2"' in text and 'canary_hash="rev1"' not in text

        await eventually(old_series_gone)


async def test_request_for_another_shards_rollout_uses_its_revision(tmp_path: Path) -> None:
    """A plugin request can reach any replica: the one that does not own the Rollout still
    answers for its discovered revision and keeps no selector-keyed duplicate of it."""
    from exporter.collect.targets import shard_of

    other = 1 - shard_of(("shop", "checkout", "c4nary"), 2)
    async with running_service(tmp_path, shard_count=2, shard_index=other) as env:
        add_canary(
            env.state, "shop", "checkout", stable_log=healthy_log(300), canary_log=failing_log()
        )
        await eventually(lambda: env.service.registry.find("shop", "checkout"))
        status, doc = await env.post_json("/a2a/analyze", PLUGIN_REQUEST)
        assert status == 200 and doc["canaryHash"] == "c4nary" and doc["verdict"] == "abort"
        _, listing = await env.get_json("/api/v1/targets")
        assert listing["targets"] == []  # scored (and exported) by the owning replica only
