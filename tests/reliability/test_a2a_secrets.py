"""No secret a caller sent comes back in an A2A answer, and raw input logs are not kept.

Once, `SendMessage` and `GetTask` returned the task `history` holding the caller's raw
input logs (16 of 19 planted secrets), and up to 1,000 such tasks stayed in memory.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import aiohttp

from tests.data.secrets_corpus import LINES, SECRETS
from tests.service_harness import ServiceEnv, failing_log, healthy_log, running_service


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


def _logs_with_secrets() -> tuple[str, str]:
    stable = healthy_log(200) + "\n" + "\n".join(LINES)
    canary = failing_log(100) + "\n" + "\n".join(LINES)
    return stable, canary


async def _raw_rpc(env: ServiceEnv, method: str, params: Any) -> str:
    body = {"jsonrpc": "2.0", "id": "r1", "method": method, "params": params}
    async with env.http.post(env.url + "/a2a", json=body) as resp:
        assert resp.status == 200
        return await resp.text()


async def test_no_a2a_answer_returns_a_planted_secret(tmp_path: Path) -> None:
    stable, canary = _logs_with_secrets()
    assert _leaks(stable)  # the corpus is really in the input
    context = {"namespace": "shop", "rolloutName": "checkout"}
    messages = [
        [{"data": {**context, "stableLogs": stable, "canaryLogs": canary}}],
        [
            {
                "text": json.dumps(
                    {"context": {**context, "stableLogs": stable, "canaryLogs": canary}}
                )
            }
        ],
        [{"text": "please look at these logs:\n" + canary}],  # rejected, but stored
    ]
    async with running_service(tmp_path, cluster=False) as env:
        for parts in messages:
            message = {"messageId": str(uuid.uuid4()), "role": "ROLE_USER", "parts": parts}
            sent = await _raw_rpc(env, "SendMessage", {"message": message})
            assert not _leaks(sent), _leaks(sent)
            task_id = json.loads(sent)["result"]["task"]["id"]
            got = await _raw_rpc(env, "GetTask", {"id": task_id})
            assert not _leaks(got), _leaks(got)
            legacy = await _raw_rpc(env, "tasks/get", {"id": task_id})
            assert not _leaks(legacy), _leaks(legacy)
        # the 0.3 protocol's message/send, too
        legacy_message = {
            "kind": "message",
            "messageId": str(uuid.uuid4()),
            "role": "user",
            "parts": [
                {"kind": "data", "data": {**context, "stableLogs": stable, "canaryLogs": canary}}
            ],
        }
        sent = await _raw_rpc(env, "message/send", {"message": legacy_message})
        assert not _leaks(sent), _leaks(sent)


async def test_stored_tasks_do_not_keep_the_input_logs(tmp_path: Path) -> None:
    stable, canary = healthy_log(300), failing_log(1000)
    message = {
        "messageId": str(uuid.uuid4()),
        "role": "ROLE_USER",
        "parts": [{"data": {"stableLogs": stable, "canaryLogs": canary}}],
    }
    async with running_service(tmp_path, cluster=False) as env:
        sent = json.loads(await _raw_rpc(env, "SendMessage", {"message": message}))
        task = sent["result"]["task"]
        assert task["status"]["state"] == "TASK_STATE_COMPLETED"
        got = await _raw_rpc(env, "GetTask", {"id": task["id"]})
        assert len(got) < len(canary) // 2  # the artifact and a note, not the logs
        (first,) = json.loads(got)["result"]["history"][:1]
        data = first["parts"][0]["data"]
        assert data["canaryLogs"].startswith("[") and "not kept" in data["canaryLogs"]


async def test_debug_logging_does_not_dump_a2a_events(tmp_path: Path) -> None:
    """At LOG_LEVEL=DEBUG the A2A SDK once logged every raw event (~3 MB per 2 requests)."""
    from tests.reliability.served import served

    stable, canary = _logs_with_secrets()
    data = {"namespace": "shop", "rolloutName": "checkout", "stableLogs": stable}
    data["canaryLogs"] = canary
    message = {"messageId": str(uuid.uuid4()), "role": "ROLE_USER", "parts": [{"data": data}]}
    body = {"jsonrpc": "2.0", "id": "r1", "method": "SendMessage", "params": {"message": message}}
    async with served(tmp_path, AI_CANARY_LOG_LEVEL="DEBUG") as svc:
        async with aiohttp.ClientSession() as http:
            for _ in range(2):
                async with http.post(svc.url + "/a2a", json=body) as resp:
                    assert resp.status == 200
                    doc = await resp.json()
                assert doc["result"]["task"]["status"]["state"] == "TASK_STATE_COMPLETED"
        await svc.stop()
        logged = svc.log_text()
    assert "DEBUG" in logged  # debug logging was really on
    assert not _leaks(logged), _leaks(logged)
    assert len(logged) < len(canary), len(logged)  # no copy of the input, even redacted
