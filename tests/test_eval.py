"""`eval --corpus DIR`: the labelled corpus format through the real pipeline, as figures.

The deterministic judge runs on the shipped example corpus (examples/corpus/); model
configurations run against the fake OpenAI server here (a scripted model that always says
promote at confidence 100, or whose answers are cut at the cap), and against the real local
model in tests/test_real_model.py.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from exporter.cli import _Bar
from exporter.config import Settings
from exporter.corpus import load_corpus
from exporter.evaluate import evaluate, percentile, table
from exporter.model import Verdict
from tests.fakes.model_server import Reply
from tests.fakes.openai_server import FakeOpenAI

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "corpus"


def run_cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    import subprocess

    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AI_CANARY_", "OPENAI_", "ANALYSIS_", "GOOGLE_", "GEMINI_"))
    }
    proc = subprocess.run(
        [sys.executable, "-m", "exporter", "eval", *args],
        cwd=REPO,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_the_example_corpus_covers_every_label_and_loads() -> None:
    cases = load_corpus(EXAMPLES)
    assert len(cases) >= 8
    assert {c.expected for c in cases} == set(Verdict)
    assert any(c.canary_facts for c in cases)  # pod facts (OOMKilled) are part of the format


def test_eval_heuristic_prints_the_table(tmp_path: Path) -> None:
    code, out, err = run_cli("--corpus", str(EXAMPLES), "--judge", "heuristic")
    assert code == 0, err
    header, row = out.splitlines()[:2]
    for column in (
        "accuracy",
        "abort recall",
        "inconclusive",
        "promotes on abort",
        "prompt tok",
        "completion tok",
        "p50 s",
        "p95 s",
        "model failures",
    ):
        assert column in header
    assert row.split()[:3] == ["heuristic", "-", str(len(load_corpus(EXAMPLES)))]
    assert "eval heuristic: deterministic judge only" in err


def test_eval_json_has_the_figures_and_every_outcome() -> None:
    code, out, err = run_cli("--corpus", str(EXAMPLES), "--judge", "heuristic", "--json")
    assert code == 0, err
    doc = json.loads(out)
    [report] = doc["judges"]
    cases = load_corpus(EXAMPLES)
    assert doc["cases"] == report["cases"] == len(cases)
    assert len(report["outcomes"]) == len(cases)
    right = sum(o["verdict"] == o["expected"] for o in report["outcomes"])
    assert report["accuracy"] == round(right / len(cases), 4)
    # the deterministic judge's bar on its own example: every abort caught, none promoted
    assert report["abortRecall"] == 1.0 and report["promotesOnExpectedAbort"] == 0
    assert report["promptTokens"] == 0 and report["modelFailures"] == {}


async def test_a_model_that_always_promotes_is_overruled_and_counted() -> None:
    cases = load_corpus(EXAMPLES)
    always = lambda body: {  # noqa: E731
        "promote": True,
        "confidence": 100,
        "analysis": "Looks fine.",
        "rootCause": "",
        "remediation": "",
    }
    async with FakeOpenAI(answer=always) as fake:
        settings = Settings(judge="openai", openai_base_url=fake.base_url, openai_model="m")
        report = await evaluate(cases, settings)
    aborts = [o for o in report.outcomes if o.expected is Verdict.ABORT]
    assert report.model == "openai:m" and report.model_answers == len(fake.requests) > 0
    assert report.promotes_on_expected_abort == 0  # guardrails hold against a promote-100 model
    # the model said promote on every abort case it was asked about: all overruled
    assert report.overruled >= sum(bool(o.model_votes) for o in aborts) > 0
    assert report.prompt_tokens > 0 and report.completion_tokens > 0
    assert report.to_json()["modelOverruled"] == report.overruled


async def test_model_failures_are_counted_by_reason() -> None:
    cases = load_corpus(EXAMPLES)[:3]
    async with FakeOpenAI() as fake:
        fake.script.extend([Reply.cut(), Reply.slow(5.0), Reply.invalid(), Reply.invalid()])
        settings = Settings(
            judge="openai",
            openai_base_url=fake.base_url,
            openai_model="m",
            model_timeout_seconds=0.5,
            model_max_retries=0,
            min_canary_events=1,  # every case is worth a model call here
        )
        report = await evaluate(cases, settings)
    assert report.model_failures == {"truncated": 1, "timeout": 1, "invalid": 1}
    assert report.promotes_on_expected_abort == 0
    assert "3 (invalid 1, timeout 1, truncated 1)" in table([report])


def test_a_bad_corpus_is_one_line_on_stderr(tmp_path: Path) -> None:
    case = tmp_path / "c1"
    case.mkdir()
    (case / "case.json").write_text('{"expected": "maybe"}')
    code, out, err = run_cli("--corpus", str(tmp_path))
    assert code == 1 and out == ""
    assert err.strip().count("\n") == 0 and "'expected' must be promote, abort" in err
    code, _, err = run_cli("--corpus", str(tmp_path / "missing"))
    assert code == 1 and "not a directory" in err


def test_an_unconfigured_model_judge_fails_before_any_work(tmp_path: Path) -> None:
    code, out, err = run_cli("--corpus", str(EXAMPLES), "--judge", "openai")
    assert code == 1 and out == "" and "OPENAI_API_KEY" in err


def test_progress_is_a_bar_on_a_terminal_only() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        bar = _Bar(stream)
        bar.show("openai", 3, 12)
        bar.done()
    assert "openai [" in tty.getvalue() and "] 3/12" in tty.getvalue()
    assert pipe.getvalue() == ""


@pytest.mark.parametrize(
    ("values", "q", "expected"), [([], 0.5, 0.0), ([3.0, 1.0, 2.0], 0.5, 2.0), ([1, 2], 0.95, 2)]
)
def test_percentile_is_nearest_rank(values: list[Any], q: float, expected: float) -> None:
    assert percentile(values, q) == expected
