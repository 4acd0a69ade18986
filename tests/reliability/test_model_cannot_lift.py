"""A model alone cannot lift an inconclusive deterministic verdict with a new error to promote.

Once, a model answering "promote" at confidence 100 turned a canary with a new error
signature (deterministic score 0.70, inconclusive) into a promote. The fake model server
here answers exactly that, over the wire, to the real OpenAI SDK.
"""

from __future__ import annotations

from pathlib import Path

from tests.fakes.model_server import Reply
from tests.fakes.openai_server import FakeOpenAI
from tests.service_harness import access_lines, healthy_log, running_service


def _canary_with_a_new_error() -> str:
    lines = access_lines(200)
    for i in range(2):
        lines[i * 20] = (
            f"2026-11-26T08:05:{i:02d}Z ERROR c.s.PaymentClient - payment gateway timeout "
            f"after 3000ms (attempt {i})"
        )
    return "\n".join(lines)


async def test_a_confident_model_does_not_promote_over_a_new_error(tmp_path: Path) -> None:
    async with FakeOpenAI() as fake:
        fake.answer = lambda body: (
            Reply.verdict(promote=True, confidence=100, analysis="Looks perfectly healthy.").answer
            or {}
        )
        async with running_service(
            tmp_path,
            cluster=False,
            judge="openai",
            openai_base_url=fake.base_url,
            openai_api_key="sk-test-key",
            inconclusive_policy="fail",  # answer 200 so the verdict can be read
        ) as env:
            context = {"stableLogs": healthy_log(400), "canaryLogs": _canary_with_a_new_error()}
            status, body = await env.post_json("/a2a/analyze", {"context": context})
            assert fake.requests, "the model was asked"
            assert status == 200, body
            assert body["promote"] is False
            assert body["verdict"] != "promote"
            assert any(e["kind"] == "new_error" for e in body["evidence"])
