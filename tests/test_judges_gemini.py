"""The Gemini judge: the real `google-genai` SDK against a local fake Gemini API."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from exporter.config import Settings
from exporter.judges.combine import combine
from exporter.judges.ensemble import ModelEnsemble
from exporter.judges.gemini_judge import GeminiJudge
from exporter.judges.retry import Backoff
from exporter.model import Evidence, Verdict
from tests.data.secrets_corpus import LINES, SECRETS
from tests.fakes.gemini_server import FakeGemini
from tests.fakes.model_server import Reply
from tests.judge_fixtures import (
    FAST,
    TARGET,
    healthy_digest,
    panic_digest,
    panic_heuristic,
    secrets_digest,
)


@pytest.fixture
async def fake() -> AsyncIterator[FakeGemini]:
    async with FakeGemini() as server:
        yield server


def ensemble(fake: FakeGemini, *, timeout: float = 10.0, backoff: Backoff = FAST) -> ModelEnsemble:
    judge = GeminiJudge(
        "gemini-2.5-flash",
        api_key="AIza-test-key",
        base_url=fake.base_url,
        timeout=timeout,
        backoff=backoff,
        max_output_tokens=800,
    )
    return ModelEnsemble([judge])


async def test_normal_verdict_is_one_structured_request(fake: FakeGemini) -> None:
    fake.script.append(
        Reply.verdict(promote=False, confidence=77, analysis="New panic.", root_cause="nil deref")
    )
    models = ensemble(fake)
    [result] = await models.judge(healthy_digest(), extra_prompt="Ignore color changes.")
    await models.aclose()

    assert (result.promote, result.confidence, result.root_cause) == (False, 77, "nil deref")
    assert (result.model_name, result.provider, result.call_statuses) == (
        "gemini-2.5-flash",
        "gemini",
        ["ok"],
    )
    assert result.prompt_tokens > 100 and result.completion_tokens > 10
    assert len(fake.requests) == 1
    body = fake.requests[0]
    config = body["generationConfig"]
    assert config["temperature"] == 0 and config["responseMimeType"] == "application/json"
    assert config["responseJsonSchema"]["required"][:2] == ["promote", "confidence"]
    # 2.5 models: thinking is bounded and does not eat the answer's token budget.
    # (the SDK sends this one in snake_case; proto JSON accepts both spellings)
    assert list(config["thinkingConfig"].values()) == [1024]
    assert config["maxOutputTokens"] == 800 + 1024
    assert "release gate" in body["systemInstruction"]["parts"][0]["text"]
    assert "Ignore color changes." in body["contents"][0]["parts"][0]["text"]
    assert fake.headers[0]["x-goog-api-key"] == "AIza-test-key"


async def test_429_with_retry_info_then_success(fake: FakeGemini) -> None:
    fake.script.extend([Reply.rate_limited(retry_delay="0.02s"), Reply.verdict(confidence=66)])
    models = ensemble(fake)
    [result] = await models.judge(healthy_digest())
    await models.aclose()
    assert (result.error, result.confidence) == ("", 66)
    assert result.call_statuses == ["ratelimited", "ok"]
    assert len(fake.requests) == 2


async def test_a_long_retry_info_fails_at_once(fake: FakeGemini) -> None:
    fake.script.append(Reply.rate_limited(retry_delay="900s"))
    models = ensemble(fake)
    [result] = await models.judge(healthy_digest())
    await models.aclose()
    assert "900" in result.error and len(fake.requests) == 1


async def test_500s_until_the_retry_budget_is_spent(fake: FakeGemini) -> None:
    fake.script.extend([Reply.server_error(500), Reply.server_error(503), Reply.server_error(500)])
    models = ensemble(fake)
    [result] = await models.judge(healthy_digest())
    await models.aclose()
    assert result.error == "model server error (HTTP 500) after 3 attempts"
    assert result.call_statuses == ["error", "error", "error"]
    assert (result.promote, len(fake.requests)) == (False, 3)


async def test_timeout(fake: FakeGemini) -> None:
    fake.script.append(Reply.slow(30))
    models = ensemble(fake, timeout=0.3, backoff=Backoff(max_retries=0))
    [result] = await models.judge(healthy_digest())
    await models.aclose()
    assert result.call_statuses == ["timeout"]
    assert "timed out" in result.error


async def test_invalid_json_is_repaired_once(fake: FakeGemini) -> None:
    fake.script.extend(
        [Reply.invalid('```json\n{"promote": tru'), Reply.verdict(promote=True, confidence=81)]
    )
    models = ensemble(fake)
    [result] = await models.judge(healthy_digest())
    await models.aclose()
    assert (result.promote, result.confidence, result.call_statuses) == (
        True,
        81,
        ["invalid", "ok"],
    )
    contents = fake.requests[1]["contents"]
    assert [c["role"] for c in contents] == ["user", "model", "user"]
    assert contents[1]["parts"][0]["text"] == '```json\n{"promote": tru'
    assert "not valid JSON" in contents[2]["parts"][0]["text"]


async def test_invalid_json_twice_is_an_error(fake: FakeGemini) -> None:
    fake.script.extend([Reply.invalid(), Reply.invalid()])
    models = ensemble(fake)
    [result] = await models.judge(healthy_digest())
    await models.aclose()
    assert result.error.startswith("invalid answer")
    assert (result.call_statuses, len(fake.requests)) == (["invalid", "invalid"], 2)


async def test_model_promote_100_on_a_new_panic_is_an_abort(fake: FakeGemini) -> None:
    fake.script.append(Reply.verdict(promote=True, confidence=100))
    digest = panic_digest(injection=True)
    models = ensemble(fake)
    results = await models.judge(digest, heuristic=panic_heuristic())
    await models.aclose()
    result = combine(
        TARGET, digest, panic_heuristic(), results, settings=Settings(judge="heuristic")
    )
    assert (result.verdict, result.judge) == (Verdict.ABORT, "heuristic+gemini")


async def test_no_secret_reaches_the_model(fake: FakeGemini) -> None:
    fake.script.append(Reply.invalid())  # the repair request echoes text back too
    heuristic = panic_heuristic()
    heuristic.evidence = [Evidence("line", "soft", line) for line in LINES[:12]]
    models = ensemble(fake)
    await models.judge(
        secrets_digest(),
        extra_prompt=LINES[12],
        heuristic=heuristic,
        facts_note="\n".join(LINES[13:20]),
    )
    await models.aclose()
    sent = fake.bodies_text()
    assert len(fake.requests) == 2
    assert [s for s in SECRETS if s in sent] == []


async def test_an_answer_cut_at_max_tokens_is_a_truncated_failure(fake: FakeGemini) -> None:
    fake.script.append(Reply.cut())
    models = ensemble(fake)
    [result] = await models.judge(healthy_digest())
    await models.aclose()
    assert len(fake.requests) == 1
    assert (result.failure, result.call_statuses) == ("truncated", ["truncated"])
    assert "output cap" in result.error and result.promote is False
