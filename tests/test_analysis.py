"""The analyzer's own rules, with the real OpenAI client against the local fake model."""

from __future__ import annotations

from exporter.analysis import analyze_texts
from exporter.config import Settings
from exporter.model import Verdict
from tests.fakes.openai_server import FakeOpenAI
from tests.service_harness import failing_log, healthy_log


def _settings(fake: FakeOpenAI) -> Settings:
    return Settings(
        judge="openai", openai_base_url=fake.base_url, openai_api_key="k", min_canary_events=20
    )


async def test_too_little_canary_evidence_costs_no_model_call() -> None:
    async with FakeOpenAI() as fake:
        result = await analyze_texts(healthy_log(300), healthy_log(5), settings=_settings(fake))
        assert result.verdict is Verdict.INCONCLUSIVE
        assert fake.requests == []


async def test_enough_evidence_asks_the_model_once() -> None:
    async with FakeOpenAI() as fake:
        result = await analyze_texts(healthy_log(300), failing_log(100), settings=_settings(fake))
        assert result.verdict is Verdict.ABORT
        assert len(fake.requests) == 1 and result.model_results
