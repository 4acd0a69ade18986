"""The plugin's prompt sentence is read in linear time: caller text never drives a regex.

The old lazy-`.*?` regex took 4.7 s on 5 KB of repeated markers and 75 s on 10 KB, with the
event loop blocked (liveness failed, the pod restarted). The hostile text here is 200 KB:
the old code would not finish it within the session; the client's generous timeout only
turns that hang into a failure instead of a stuck test run.
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import aiohttp
from hypothesis import given
from hypothesis import strategies as st

from exporter.http.a2a import parse_prompt
from tests.service_harness import running_service

PLUGIN_PROMPT = (
    "Analyze canary deployment for rollout '{name}'. Namespace: {ns}. Use your tools "
    "to fetch and compare logs from stable pods (selector: {stable}) vs canary pods "
    "(selector: {canary}). Determine if canary should be promoted.{extra}"
)
HOSTILE_BLOCK = "rollout 'a' Namespace: a stable pods (selector: x) "


def test_the_plugin_sentence_is_parsed() -> None:
    text = PLUGIN_PROMPT.format(
        name="checkout",
        ns="shop",
        stable="role=stable",
        canary="app=checkout,role=canary",
        extra=" Additional context: payments were migrated today",
    )
    assert parse_prompt(text) == {
        "rolloutName": "checkout",
        "namespace": "shop",
        "stableSelector": "role=stable",
        "canarySelector": "app=checkout,role=canary",
        "extraPrompt": "payments were migrated today",
    }
    assert parse_prompt("hello") is None
    assert parse_prompt("rollout '' Namespace: a") is None
    assert parse_prompt(HOSTILE_BLOCK * 4000) is None


names = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)
_PAIR = r"[a-z]{1,8}=[a-z0-9]{1,8}"
selectors = st.from_regex(rf"{_PAIR}(,{_PAIR}){{0,2}}", fullmatch=True)


@given(names, names, selectors, selectors, st.text(min_size=0, max_size=40))
def test_any_plugin_sentence_round_trips(
    name: str, ns: str, stable: str, canary: str, extra: str
) -> None:
    suffix = f" Additional context: {extra}" if extra.strip() else ""
    fields = parse_prompt(
        PLUGIN_PROMPT.format(name=name, ns=ns, stable=stable, canary=canary, extra=suffix)
    )
    assert fields is not None
    assert (fields["rolloutName"], fields["namespace"]) == (name, ns)
    assert (fields["stableSelector"], fields["canarySelector"]) == (stable, canary)
    assert fields.get("extraPrompt", "") == extra.strip()


async def test_a_hostile_prompt_neither_blocks_the_loop_nor_crashes(tmp_path: Path) -> None:
    async with running_service(tmp_path, cluster=False) as env:
        body = {
            "jsonrpc": "2.0",
            "id": "r1",
            "method": "SendMessage",
            "params": {
                "message": {
                    "messageId": str(uuid.uuid4()),
                    "role": "ROLE_USER",
                    "parts": [{"text": HOSTILE_BLOCK * 4000}],  # 200 KB
                }
            },
        }
        guard = aiohttp.ClientTimeout(total=60)

        async def live() -> int:
            async with env.http.get(env.url + "/q/health/live", timeout=guard) as resp:
                return resp.status

        async def send() -> str:
            async with env.http.post(env.url + "/a2a", json=body, timeout=guard) as resp:
                assert resp.status == 200
                doc = await resp.json()
            state: str = doc["result"]["task"]["status"]["state"]
            return state

        state, live_status = await asyncio.gather(send(), live())
        assert state == "TASK_STATE_REJECTED"
        assert live_status == 200
