"""What the upstream metric-ai plugin really sends, byte for byte, gets the answer it can read.

Bodies are built and encoded as the plugin's Go code does (tests/plugin_client.py: struct
field order, sorted map keys, Go's HTML escaping) and sent with its HTTP habits (Go's
User-Agent, no Accept, no Authorization, `agentUrl` + path joined as strings); answers are
decoded as Go's `json.Unmarshal` into the plugin's `A2AResponse` does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.plugin_client import (
    FAILED,
    SUCCESSFUL,
    MetricAIPlugin,
    a2a_request,
    go_decode_response,
    go_marshal,
)
from tests.service_harness import ServiceEnv, failing_log, healthy_log, running_service

ROOT = Path(__file__).resolve().parent.parent


def role_pods(env: ServiceEnv, namespace: str = "shop", *, canary_log: str) -> None:
    env.state.ensure_namespace(namespace)
    for role, text in (("stable", healthy_log(300)), ("canary", canary_log)):
        pod = f"checkout-{role}-0"
        env.state.add_pod(namespace, pod, {"app": "checkout", "role": role})
        env.state.set_logs(namespace, pod, "app", text)


# Each request shape AnalyzeWithAgent can produce (optional context keys are omitted when
# the template leaves them empty; rolloutName is the AnalysisRun's name without an owner).
SHAPES: dict[str, dict[str, Any]] = {
    "minimal": a2a_request("shop", "checkout", "role=stable", "role=canary"),
    "extra-prompt": a2a_request(
        "shop", "checkout", "role=stable", "role=canary", 'Ignore <color> & "theme" changes.'
    ),
    "github": a2a_request(
        "shop", "checkout", "role=stable", "role=canary", "", "https://github.com/org/repo", "main"
    ),
    "everything": a2a_request(
        "shop",
        "checkout",
        "app=checkout,role=stable",
        "app=checkout,role=canary",
        "Colour changes are cosmetic.\nLatency up to 20% is fine.",
        "https://github.com/org/repo",
        "release-1.2",
    ),
    "analysisrun-name": a2a_request("shop", "checkout-5d8f7b9c4-2-1", "role=stable", "role=canary"),
}


def test_go_encoding_matches_the_plugin() -> None:
    body = go_marshal(SHAPES["extra-prompt"])
    text = body.decode()
    # struct order, then Go's sorted map keys inside context
    assert text.startswith('{"userId":"argo-rollouts","prompt":"Analyze canary deployment')
    assert text.index('"context"') < text.index('"memoryId"')
    ctx = text[text.index('"context":') :]
    order = [ctx.index(f'"{k}"') for k in ("canarySelector", "extraPrompt", "namespace")]
    assert order == sorted(order)
    assert "\\u003ccolor\\u003e \\u0026" in text and "<" not in text
    assert json.loads(body)["memoryId"] == "rollout:shop/checkout"


def test_go_decoding_is_as_strict_as_the_plugin() -> None:
    ok = go_decode_response(b'{"promote":true,"confidence":92,"analysis":"a","extra":[1]}')
    assert ok["promote"] is True and ok["confidence"] == 92 and ok["rootCause"] == ""
    assert go_decode_response(b'{"Promote":true}')["promote"] is True  # case-insensitive keys
    for bad in (b'{"confidence":92.5}', b'{"confidence":92.0}', b'{"promote":"true"}', b"[]"):
        with pytest.raises(ValueError):
            go_decode_response(bad)


@pytest.mark.parametrize("shape", list(SHAPES))
async def test_each_upstream_request_shape_gets_a_decodable_answer(
    tmp_path: Path, shape: str
) -> None:
    async with running_service(tmp_path) as env:
        role_pods(env, canary_log=failing_log(100))
        plugin = MetricAIPlugin(env.http, env.kube.url)
        m = await plugin.call_agent(env.url, go_marshal(SHAPES[shape]))
        assert m.status == 200, m.body
        assert m.phase == FAILED and m.value == "0"
        stored = json.loads(m.metadata["analysisJSON"])
        assert set(stored) <= {
            "text",
            "promote",
            "confidence",
            "rootCause",
            "remediation",
            "prLink",
        }
        assert stored["text"] and stored["promote"] is False


async def test_openapi_examples_are_the_upstream_shapes() -> None:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    examples = spec["paths"]["/a2a/analyze"]["post"]["requestBody"]["content"]["application/json"][
        "examples"
    ]
    by_value = [json.dumps(e["value"], sort_keys=True) for e in examples.values()]
    for shape, body in SHAPES.items():
        assert json.dumps(body, sort_keys=True) in by_value, f"openapi.yaml lacks {shape}"


async def test_agent_url_with_a_trailing_slash_and_long_extra_prompt(tmp_path: Path) -> None:
    async with running_service(tmp_path) as env:
        role_pods(env, canary_log=healthy_log(200, offset=7))
        plugin = MetricAIPlugin(env.http, env.kube.url)
        long_prompt = "Ignore colour changes. " * 440  # 10,120 characters
        config = {"agentUrl": env.url + "/", "extraPrompt": long_prompt}
        m = await plugin.run("shop", "checkout", config)  # posts to //a2a/analyze
        assert m.status == 200 and m.phase == SUCCESSFUL, (m.message, m.body)
        assert "only the first 4096 were used" in m.metadata["analysis"]
        async with env.http.post(
            env.url + "//a2a//analyze",
            data=go_marshal(
                a2a_request("shop", "checkout", "role=stable", "role=canary", long_prompt)
            ),
            headers={"Content-Type": "application/json"},
        ) as resp:
            assert resp.status == 200
            doc = await resp.json()
        assert doc["warnings"] == [
            f"context.extraPrompt was {len(long_prompt.strip())} characters; only the first "
            "4096 were used"
        ]
        for path in ("//", "//q/health//live", "//a2a/health"):
            async with env.http.get(env.url + path) as resp:
                assert resp.status == 200, path
        async with env.http.get(env.url + "//no/such//path") as resp:
            assert resp.status == 404 and "error" in await resp.json()


async def test_with_auth_on_only_the_plugin_path_can_be_left_open(tmp_path: Path) -> None:
    """The plugin cannot send a token: with auth on, `auth_open_plugin` exempts
    /a2a/analyze (behind the NetworkPolicy in deploy/components/); the rest stays closed."""
    async with running_service(tmp_path, auth_token="t0k3n-value") as env:
        role_pods(env, canary_log=healthy_log(200, offset=7))
        plugin = MetricAIPlugin(env.http, env.kube.url)
        m = await plugin.run("shop", "checkout", {"agentUrl": env.url + "/"})
        assert m.status == 401  # what the plugin gets without the exemption
    async with running_service(tmp_path, auth_token="t0k3n-value", auth_open_plugin=True) as env:
        role_pods(env, canary_log=healthy_log(200, offset=7))
        plugin = MetricAIPlugin(env.http, env.kube.url)
        m = await plugin.run("shop", "checkout", {"agentUrl": env.url + "/"})
        assert m.status == 200 and m.phase == SUCCESSFUL, m.body
        for path in ("/api/v1/targets", "//api/v1/targets"):
            async with env.http.get(env.url + path) as resp:
                assert resp.status == 401, path
        async with env.http.post(env.url + "/a2a", json={"jsonrpc": "2.0"}) as resp:
            assert resp.status == 401
