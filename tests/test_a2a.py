"""The A2A side: agent card and JSON-RPC, checked against the a2a-sdk's own models and client."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import httpx
from a2a.client import ClientConfig, create_client
from a2a.client.card_resolver import parse_agent_card
from a2a.compat.v0_3 import types as types_v03
from a2a.helpers import new_data_part, new_text_part
from a2a.server.context import ServerCallContext
from a2a.types import a2a_pb2 as pb
from google.protobuf.json_format import MessageToDict, ParseDict

from exporter.http.a2a import BoundedTaskStore
from tests.service_harness import ServiceEnv, failing_log, healthy_log, running_service

INLINE_CONTEXT = {
    "namespace": "shop",
    "rolloutName": "checkout",
    "stableLogs": healthy_log(300),
    "canaryLogs": failing_log(100),
}


async def _rpc(env: ServiceEnv, method: str, params: Any, **headers: str) -> dict[str, Any]:
    body = {"jsonrpc": "2.0", "id": "req-1", "method": method, "params": params}
    async with env.http.post(env.url + "/a2a", json=body, headers=headers) as resp:
        assert resp.status == 200
        doc: dict[str, Any] = await resp.json()
    assert doc["jsonrpc"] == "2.0" and doc["id"] == "req-1"
    return doc


def _artifact_json(task: pb.Task) -> dict[str, Any]:
    (artifact,) = task.artifacts
    assert artifact.name == "canary-analysis"
    texts = [p.text for p in artifact.parts if p.HasField("text")]
    doc: dict[str, Any] = json.loads(texts[0])
    return doc


async def test_agent_card_parses_with_the_sdk_in_both_versions(tmp_path: Path) -> None:
    async with running_service(tmp_path) as env:
        for path in ("/.well-known/agent-card.json", "/.well-known/agent.json"):
            status, doc = await env.get_json(path)
            assert status == 200
            card = parse_agent_card(dict(doc))
            assert card.name == "ai-canary-exporter" and card.version
            (skill,) = card.skills
            assert skill.id == "canary-analysis"
            assert card.capabilities.streaming is False
            urls = {i.url for i in card.supported_interfaces}
            assert urls == {env.url + "/a2a"}
            legacy = types_v03.AgentCard.model_validate(doc)  # what 0.3 clients read
            assert legacy.url == env.url + "/a2a" and legacy.skills[0].id == "canary-analysis"


async def test_send_message_v1_completes_a_task_with_the_analysis(tmp_path: Path) -> None:
    async with running_service(tmp_path, cluster=False) as env:
        message = pb.Message(
            message_id=str(uuid.uuid4()),
            role=pb.Role.ROLE_USER,
            parts=[new_data_part(INLINE_CONTEXT)],
        )
        params = MessageToDict(pb.SendMessageRequest(message=message))
        doc = await _rpc(env, "SendMessage", params, **{"A2A-Version": "1.0"})
        response = ParseDict(doc["result"], pb.SendMessageResponse())
        task = response.task
        assert task.status.state == pb.TaskState.TASK_STATE_COMPLETED
        analysis = _artifact_json(task)
        assert analysis["verdict"] == "abort" and analysis["promote"] is False
        assert isinstance(analysis["confidence"], int)
        again = await _rpc(env, "GetTask", {"id": task.id})
        fetched = ParseDict(again["result"], pb.Task())
        assert fetched.id == task.id and fetched.status.state == pb.TaskState.TASK_STATE_COMPLETED


async def test_v03_message_send_and_tasks_get(tmp_path: Path) -> None:
    async with running_service(tmp_path, cluster=False) as env:
        params = {
            "message": {
                "kind": "message",
                "messageId": str(uuid.uuid4()),
                "role": "user",
                "parts": [{"kind": "text", "text": json.dumps({"context": INLINE_CONTEXT})}],
            }
        }
        doc = await _rpc(env, "message/send", params)
        parsed = types_v03.SendMessageResponse.model_validate(doc)
        task = parsed.root.result  # type: ignore[union-attr]
        assert isinstance(task, types_v03.Task)
        assert task.status.state == types_v03.TaskState.completed
        data_parts = [p.root for p in task.artifacts[0].parts if p.root.kind == "data"]  # type: ignore[index]
        assert data_parts and data_parts[0].data["verdict"] == "abort"
        got = await _rpc(env, "tasks/get", {"id": task.id})
        fetched = types_v03.GetTaskResponse.model_validate(got)
        assert fetched.root.result.id == task.id  # type: ignore[union-attr]


async def test_the_sdk_client_talks_to_us(tmp_path: Path) -> None:
    async with running_service(tmp_path, cluster=False) as env, httpx.AsyncClient() as http:
        client = await create_client(
            env.url, client_config=ClientConfig(streaming=False, httpx_client=http)
        )
        request = pb.SendMessageRequest(
            message=pb.Message(
                message_id=str(uuid.uuid4()),
                role=pb.Role.ROLE_USER,
                parts=[new_text_part(json.dumps(INLINE_CONTEXT))],
            )
        )
        events = [event async for event in client.send_message(request)]
        task = events[-1].task
        assert task.status.state == pb.TaskState.TASK_STATE_COMPLETED
        assert _artifact_json(task)["verdict"] == "abort"
        fetched = await client.get_task(pb.GetTaskRequest(id=task.id))
        assert fetched.id == task.id


async def test_plugin_prompt_text_is_understood(tmp_path: Path) -> None:
    async with running_service(tmp_path, cluster=False) as env:
        prompt = (
            "Analyze canary deployment for rollout 'checkout'. Namespace: shop. Use your tools "
            "to fetch and compare logs from stable pods (selector: role=stable) vs canary pods "
            "(selector: role=canary). Determine if canary should be promoted."
        )
        params = {
            "message": {
                "messageId": "m1",
                "role": "ROLE_USER",
                "parts": [{"text": prompt}],
            }
        }
        doc = await _rpc(env, "SendMessage", params, **{"A2A-Version": "1.0"})
        task = ParseDict(doc["result"], pb.SendMessageResponse()).task
        # parsed (namespace, rollout, selectors), but no cluster to fetch from: failed task
        assert task.status.state == pb.TaskState.TASK_STATE_FAILED
        assert "Kubernetes" in task.status.message.parts[0].text


async def test_bad_skill_input_rejects_the_task(tmp_path: Path) -> None:
    async with running_service(tmp_path, cluster=False) as env:
        params = {
            "message": {
                "messageId": "m2",
                "role": "ROLE_USER",
                "parts": [{"data": {"namespace": "Not_Valid", "rolloutName": "x"}}],
            }
        }
        doc = await _rpc(env, "SendMessage", params, **{"A2A-Version": "1.0"})
        task = ParseDict(doc["result"], pb.SendMessageResponse()).task
        assert task.status.state == pb.TaskState.TASK_STATE_REJECTED
        assert "namespace" in task.status.message.parts[0].text


async def test_json_rpc_errors(tmp_path: Path) -> None:
    async with running_service(tmp_path, cluster=False) as env:
        doc = await _rpc(env, "NoSuchMethod", {})
        assert doc["error"]["code"] == -32601
        doc = await _rpc(env, "GetTask", {"id": "does-not-exist"})
        assert doc["error"]["code"] == -32001  # TaskNotFound
        doc = await _rpc(env, "SendMessage", {"message": {"parts": "nope"}})
        assert doc["error"]["code"] == -32602
        doc = await _rpc(env, "tasks/get", {"nope": 1})
        assert doc["error"]["code"] == -32602
        async with env.http.post(env.url + "/a2a", json={"id": 1, "method": "GetTask"}) as resp:
            assert (await resp.json())["error"]["code"] == -32600
        async with env.http.post(env.url + "/a2a", data=b"[1,") as resp:
            assert resp.status == 400
            body = await resp.json()
            assert body["error"]["code"] == -32700


async def test_task_store_keeps_only_the_newest_tasks() -> None:
    store = BoundedTaskStore(limit=2)
    context = ServerCallContext()
    for task_id in ("t1", "t2", "t3"):
        await store.save(pb.Task(id=task_id, context_id="c"), context)
    assert await store.get("t1", context) is None
    assert (await store.get("t3", context)).id == "t3"  # type: ignore[union-attr]


async def test_odd_messages_are_rejected_not_crashes(tmp_path: Path) -> None:
    async with running_service(tmp_path, cluster=False) as env:
        odd_parts = [
            {"role": "ROLE_AGENT", "parts": [{"text": "hi"}]},
            {"role": "ROLE_USER", "parts": [{"text": ""}]},
            {"role": "ROLE_USER", "parts": [{"url": "http://example.invalid/x"}]},
            {"role": "ROLE_USER", "parts": [{"data": [1, 2]}]},
        ]
        for message in odd_parts:
            params = {"message": {"messageId": str(uuid.uuid4()), **message}}
            doc = await _rpc(env, "SendMessage", params, **{"A2A-Version": "1.0"})
            task = ParseDict(doc["result"], pb.SendMessageResponse()).task
            assert task.status.state == pb.TaskState.TASK_STATE_REJECTED, message
        legacy = {
            "message": {
                "kind": "message",
                "messageId": "m3",
                "role": "agent",
                "parts": [{"kind": "text", "text": "x"}],
            }
        }
        doc = await _rpc(env, "message/send", legacy)
        assert doc["result"]["status"]["state"] == "rejected"
        for path in ("/a2a", "/a2a/analyze"):
            async with env.http.post(env.url + path, data=b"[" * 100_000) as resp:
                assert resp.status == 400
