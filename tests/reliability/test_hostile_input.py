"""Hostile request bodies end as 4xx / JSON-RPC errors, never as a 500 or a blocked loop.

Everything goes over the wire to the real service on 127.0.0.1 (fake cluster); nothing is
patched. Each case here once answered 500 "internal error" or blocked the event loop.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from tests.service_harness import ServiceEnv, failing_log, healthy_log, running_service

HUGE_INT = "9" * 5000  # beyond Python's int-string conversion limit (4300 digits)


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


async def _post_raw(env: ServiceEnv, path: str, raw: str) -> tuple[int, Any]:
    async with env.http.post(
        env.url + path, data=raw.encode(), headers={"Content-Type": "application/json"}
    ) as resp:
        return resp.status, await resp.json(content_type=None)


def _send_message(text: str) -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "id": "r1",
        "method": "SendMessage",
        "params": {
            "message": {
                "messageId": str(uuid.uuid4()),
                "role": "ROLE_USER",
                "parts": [{"text": text}],
            }
        },
    }


async def test_a_5000_digit_integer_in_the_plugin_body_is_a_400(tmp_path: Path) -> None:
    async with running_service(tmp_path, cluster=False) as env:
        raw = '{"context": {"namespace": "shop", "rolloutName": "x", "n": ' + HUGE_INT + "}}"
        status, body = await _post_raw(env, "/a2a/analyze", raw)
        assert status == 400, body
        assert "digits" in body["error"]


async def test_a_5000_digit_integer_in_a_json_rpc_body_is_a_parse_error(tmp_path: Path) -> None:
    async with running_service(tmp_path, cluster=False) as env:
        raw = '{"jsonrpc": "2.0", "id": ' + HUGE_INT + ', "method": "GetTask", "params": {}}'
        status, body = await _post_raw(env, "/a2a", raw)
        assert status == 400, body
        assert body["error"]["code"] == -32700


async def test_deep_nesting_in_a_plugin_body_is_a_400(tmp_path: Path) -> None:
    async with running_service(tmp_path, cluster=False) as env:
        raw = '{"context": {"namespace": "shop", "x": ' + _nested(100_000) + "}}"
        status, body = await _post_raw(env, "/a2a/analyze", raw)
        assert status == 400, body
        assert "nested" in body["error"]


async def test_deeply_nested_json_in_a_text_part_is_rejected(tmp_path: Path) -> None:
    async with running_service(tmp_path, cluster=False) as env:
        for text in (
            '{"a": ' + _nested(100_000) + "}",
            '{"n": ' + HUGE_INT + "}",
            '{"n": 1e999999}',
            '{"n": NaN}',
        ):
            status, doc = await env.post_json("/a2a", _send_message(text))
            assert status == 200, doc
            task = doc["result"]["task"]
            assert task["status"]["state"] == "TASK_STATE_REJECTED", doc
            reason = task["status"]["message"]["parts"][0]["text"]
            assert "JSON" in reason or "nested" in reason or "digits" in reason


async def test_nan_and_infinity_are_not_json(tmp_path: Path) -> None:
    async with running_service(tmp_path, cluster=False) as env:
        for literal in ("NaN", "Infinity", "-Infinity", "1e400"):
            raw = '{"context": {"stableLogs": "a", "canaryLogs": "b", "x": ' + literal + "}}"
            status, body = await _post_raw(env, "/a2a/analyze", raw)
            assert status == 400, (literal, body)


async def test_a_huge_array_is_a_400(tmp_path: Path) -> None:
    async with running_service(tmp_path, cluster=False) as env:
        raw = '{"context": {"namespace": "shop", "x": [' + ",".join(["0"] * 200_000) + "]}}"
        status, body = await _post_raw(env, "/a2a/analyze", raw)
        assert status == 400, body
        assert "items" in body["error"]


async def test_ordinary_bodies_still_parse(tmp_path: Path) -> None:
    """The limits are far from what the plugin or an A2A agent sends."""
    async with running_service(tmp_path, cluster=False) as env:
        context = {
            "namespace": "shop",
            "rolloutName": "checkout",
            "stableLogs": healthy_log(300),
            "canaryLogs": failing_log(100),
            "nested": {"a": [[[[[[1.5e10, -3, 12345678901234567890]]]]]]},
        }
        status, body = await env.post_json("/a2a/analyze", {"context": context})
        assert status == 200, body
        assert body["verdict"] == "abort"
        status, doc = await env.post_json("/a2a", _send_message(json.dumps(context)))
        assert status == 200
        assert doc["result"]["task"]["status"]["state"] == "TASK_STATE_COMPLETED", doc
