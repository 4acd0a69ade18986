"""Ensembles and judge selection: concurrency, one request per model, settings → judges."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from exporter.config import ConfigError, Settings
from exporter.judges.combine import combine
from exporter.judges.ensemble import ModelEnsemble
from exporter.judges.gemini_judge import GeminiJudge
from exporter.judges.openai_judge import OpenAIJudge
from exporter.judges.select import build_model_judges, describe_choice
from exporter.model import Verdict
from tests.fakes.gemini_server import FakeGemini
from tests.fakes.model_server import Reply
from tests.fakes.openai_server import FakeOpenAI
from tests.judge_fixtures import FAST, TARGET, healthy_digest, healthy_heuristic

ENV_NAMES = [
    "GOOGLE_API_KEY",
    "GEMINI_MODEL",
    "GEMINI_BASE_URL",
    "OPENAI_API_KEY",
    "OPENAI_MODEL",
    "OPENAI_BASE_URL",
    "ANALYSIS_MODEL",
    "ANALYSIS_BASE_URL",
    "ANALYSIS_API_KEY",
    "AI_CANARY_JUDGE",
    "AI_CANARY_MODELS",
]


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """A clean model environment: only what a test sets."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


async def test_three_models_are_asked_once_each_and_concurrently() -> None:
    async with FakeOpenAI(latency=0.3) as oai, FakeGemini(latency=0.3) as gem:
        oai.script.extend(
            [
                Reply.verdict(promote=False, confidence=90),
                Reply.verdict(promote=True, confidence=60),
            ]
        )
        gem.script.append(Reply.verdict(promote=False, confidence=70))
        judges = [
            OpenAIJudge(
                "gpt-a",
                api_key="k",
                base_url=oai.base_url,
                timeout=10,
                backoff=FAST,
                max_output_tokens=500,
            ),
            OpenAIJudge(
                "gpt-b",
                api_key="k",
                base_url=oai.base_url,
                timeout=10,
                backoff=FAST,
                max_output_tokens=500,
            ),
            GeminiJudge(
                "gemini-x",
                api_key="k",
                base_url=gem.base_url,
                timeout=10,
                backoff=FAST,
                max_output_tokens=500,
            ),
        ]
        models = ModelEnsemble(judges)
        results = await models.judge(healthy_digest(), heuristic=healthy_heuristic())
        await models.aclose()

        assert [r.model_name for r in results] == ["gpt-a", "gpt-b", "gemini-x"]
        assert (len(oai.requests), len(gem.requests)) == (2, 1)
        assert sorted(r["model"] for r in oai.requests) == ["gpt-a", "gpt-b"]
        # Both OpenAI-side requests were in flight at the same time.
        assert oai.max_in_flight == 2
        # Every model got the same prompt.
        assert oai.requests[0]["messages"] == oai.requests[1]["messages"]
        assert (
            gem.requests[0]["contents"][0]["parts"][0]["text"]
            == oai.requests[0]["messages"][1]["content"]
        )

    promote, _confidence, rationale = ModelEnsemble.vote(results)
    assert promote is False  # 160 abort vs 60 promote
    assert rationale.startswith("2 of 3 model(s) voted abort")
    result = combine(
        TARGET, healthy_digest(), healthy_heuristic(), results, settings=Settings(judge="heuristic")
    )
    assert result.judge == "heuristic+gemini+openai"
    assert result.verdict is not Verdict.PROMOTE
    assert [m.to_wire()["modelName"] for m in result.model_results] == [
        "gpt-a",
        "gpt-b",
        "gemini-x",
    ]


async def test_a_failing_model_leaves_the_others_to_vote() -> None:
    async with FakeOpenAI() as oai:
        oai.script.extend(
            [Reply.verdict(promote=True, confidence=85)] + [Reply.server_error(500)] * 3
        )
        good = OpenAIJudge(
            "good",
            api_key="k",
            base_url=oai.base_url,
            timeout=10,
            backoff=FAST,
            max_output_tokens=500,
        )
        bad = OpenAIJudge(
            "bad",
            api_key="k",
            base_url=oai.base_url,
            timeout=10,
            backoff=FAST,
            max_output_tokens=500,
        )
        models = ModelEnsemble([good, bad])
        results = await models.judge(healthy_digest())
        await models.aclose()
    by_name = {r.model_name: r for r in results}
    assert by_name["bad"].error and not by_name["good"].error
    promote, confidence, rationale = ModelEnsemble.vote(results)
    assert (promote, confidence) == (True, 85)
    assert "failed: bad (model server error (HTTP 500) after 3 attempts)" in rationale


async def test_auto_picks_gemini_when_a_google_key_is_set(env: pytest.MonkeyPatch) -> None:
    env.setenv("GOOGLE_API_KEY", "AIza-x")
    env.setenv("OPENAI_API_KEY", "sk-x")
    models = build_model_judges(Settings())
    assert models is not None and models.name == "gemini:gemini-2.5-flash"
    await models.aclose()
    assert "GOOGLE_API_KEY is set" in describe_choice(Settings())


async def test_auto_picks_openai_compatible_with_analysis_names_first(
    env: pytest.MonkeyPatch,
) -> None:
    env.setenv("OPENAI_BASE_URL", "http://127.0.0.1:1/v1")
    env.setenv("OPENAI_MODEL", "gpt-4o")
    env.setenv("ANALYSIS_BASE_URL", "http://127.0.0.1:2/v1")
    env.setenv("ANALYSIS_MODEL", "llama3.1")
    models = build_model_judges(Settings())
    assert models is not None and models.name == "openai:llama3.1"
    [judge] = models.judges
    assert isinstance(judge, OpenAIJudge) and judge.base_url == "http://127.0.0.1:2/v1"
    await models.aclose()
    assert describe_choice(Settings()).startswith(
        "deterministic judge + OpenAI-compatible llama3.1 at"
    )


def test_auto_without_any_model_setting_is_heuristic_only(env: pytest.MonkeyPatch) -> None:
    assert build_model_judges(Settings()) is None
    assert describe_choice(Settings()).startswith("deterministic judge only: no model configured")
    env.setenv("GOOGLE_API_KEY", "AIza-x")
    assert build_model_judges(Settings(judge="heuristic")) is None


@pytest.mark.parametrize(
    ("judge", "needs"), [("gemini", "GOOGLE_API_KEY"), ("openai", "OPENAI_API_KEY")]
)
def test_a_forced_judge_that_cannot_be_configured_is_a_config_error(
    env: pytest.MonkeyPatch, judge: str, needs: str
) -> None:
    with pytest.raises(ConfigError, match=needs):
        build_model_judges(Settings(judge=judge))
    assert describe_choice(Settings(judge=judge)).startswith("misconfigured model judge")


async def test_models_setting_builds_an_ensemble(env: pytest.MonkeyPatch) -> None:
    env.setenv("GOOGLE_API_KEY", "AIza-x")
    env.setenv("OPENAI_API_KEY", "sk-x")
    env.setenv("AI_CANARY_MODELS", "gemini:gemini-2.5-pro, openai:gpt-4o,openai")
    models = build_model_judges(Settings())
    assert models is not None
    assert models.name == "gemini:gemini-2.5-pro,openai:gpt-4o,openai:gpt-4o-mini"
    await models.aclose()
    env.setenv("AI_CANARY_MODELS", "claude:opus")
    with pytest.raises(ConfigError, match="provider:model"):
        build_model_judges(Settings())


@pytest.mark.parametrize(
    ("token", "prs", "expected"),
    [(None, True, False), ("ghp-x", False, False), ("ghp-x", True, True)],
)
async def test_file_changes_are_proposed_only_when_a_pr_can_be_opened(
    env: pytest.MonkeyPatch, token: str | None, prs: bool, expected: bool
) -> None:
    env.setenv("OPENAI_API_KEY", "sk-x")
    settings = Settings(github_token=token, github_pr_enabled=prs)
    models = build_model_judges(settings)
    assert models is not None and models.propose_changes is expected
    await models.aclose()


def test_a_provider_sdk_is_imported_only_when_used(tmp_path: Path) -> None:
    """`analyze --judge heuristic` never loads openai or google-genai (~1 s of start-up)."""
    log = tmp_path / "app.log"
    log.write_text("\n".join(f"INFO GET /api/{i} 200" for i in range(50)))
    probe = (
        "import sys; from exporter.cli import main; "
        f"main(['analyze', '--judge', 'heuristic', '--stable', {str(log)!r}, "
        f"'--canary', {str(log)!r}, '--format', 'json']); "
        "print('SDKS', 'openai' in sys.modules, 'google.genai' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    assert "SDKS False False" in done.stderr
    probe_openai = probe.replace("'heuristic'", "'openai'")
    env = {
        **os.environ,
        "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
        "AI_CANARY_MODEL_TIMEOUT_SECONDS": "1",
    }
    done = subprocess.run(
        [sys.executable, "-c", probe_openai], capture_output=True, text=True, timeout=120, env=env
    )
    assert "SDKS True False" in done.stderr  # the one provider in use, not the other
