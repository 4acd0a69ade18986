"""The combination of the deterministic judge and the model vote (SPEC §3 guardrails)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from exporter.config import Settings
from exporter.errors import AnalysisFailed
from exporter.judges.combine import combine, verdict_for
from exporter.judges.ensemble import vote
from exporter.model import (
    Digest,
    Evidence,
    FileChange,
    JudgeVerdict,
    ModelResult,
    Severity,
    SideStats,
    Target,
    TemplateDiff,
    Verdict,
)
from tests.data.secrets_corpus import LINES, SECRETS

TARGET = Target("shop", "checkout", "role=stable", "role=canary", "abc123")
SETTINGS = Settings(judge="heuristic")


def digest(*, canary_events: int = 400, panic: bool = False) -> Digest:
    diffs = []
    if panic:
        diffs.append(
            TemplateDiff(
                template="panic: runtime error: invalid memory address",
                severity=Severity.FATAL,
                change="new",
                stable_count=0,
                canary_count=3,
                stable_rate=0.0,
                canary_rate=3 / max(canary_events, 1),
                kind="panic",
            )
        )
    return Digest(
        stable=SideStats(pods=2, lines=4000, events=4000),
        canary=SideStats(pods=1, lines=canary_events, events=canary_events),
        diffs=diffs,
        fingerprint="fp-1",
    )


def heuristic(
    verdict: Verdict, score: float, confidence: int, *, hard: bool = False
) -> JudgeVerdict:
    evidence = [Evidence("new_signature", "hard", "new panic only in the canary")] if hard else []
    if not hard and verdict is Verdict.ABORT:
        evidence = [Evidence("warning_rate", "soft", "warning rate 3x stable")]
    return JudgeVerdict(
        judge="heuristic",
        verdict=verdict,
        score=score,
        confidence=confidence,
        analysis="deterministic analysis",
        root_cause="deterministic root cause",
        remediation="deterministic remediation",
        evidence=evidence,
    )


def model(
    promote: bool, confidence: int, *, provider: str = "openai", error: str = ""
) -> ModelResult:
    return ModelResult(
        model_name=f"{provider}-model",
        provider=provider,
        promote=promote,
        confidence=confidence,
        analysis=f"model says {'promote' if promote else 'abort'}",
        root_cause="model root cause",
        remediation="model remediation",
        error=error,
        file_changes=[FileChange("app/config.yaml", "pool: 20\n", "raise pool size")],
    )


def assert_consistent(result_score: float, verdict: Verdict) -> None:
    expected = verdict_for(
        result_score,
        promote_threshold=SETTINGS.promote_threshold,
        abort_threshold=SETTINGS.abort_threshold,
    )
    assert expected is verdict


def test_heuristic_only_keeps_the_deterministic_verdict() -> None:
    h = heuristic(Verdict.PROMOTE, 0.93, 85)
    result = combine(TARGET, digest(), h, None, settings=SETTINGS)
    assert (result.verdict, result.confidence, result.judge) == (Verdict.PROMOTE, 85, "heuristic")
    assert result.score == pytest.approx(0.93)
    assert result.analysis == "deterministic analysis"
    assert (result.stable_lines, result.canary_lines, result.fingerprint) == (4000, 400, "fp-1")
    assert result.model_results == [] and result.voting_rationale == ""


def test_model_promote_100_cannot_overrule_a_new_panic() -> None:
    h = heuristic(Verdict.ABORT, 0.1, 90, hard=True)
    result = combine(TARGET, digest(panic=True), h, [model(True, 100)], settings=SETTINGS)
    assert result.verdict is Verdict.ABORT
    assert_consistent(result.score, result.verdict)
    assert result.confidence == 90
    assert result.judge == "heuristic+openai"
    assert any(e.kind == "guardrail" for e in result.evidence)
    # The model's "all good" text is not published as the reason for an abort.
    assert result.analysis.startswith("deterministic analysis")
    assert "overruled" in result.analysis
    assert result.file_changes == []
    assert result.new_signatures == {Severity.FATAL: 1}


def test_hard_evidence_is_never_promoted_even_if_the_heuristic_was_lenient() -> None:
    # A deterministic judge that promoted despite hard evidence is still held back.
    h = heuristic(Verdict.PROMOTE, 0.95, 90, hard=True)
    result = combine(TARGET, digest(panic=True), h, [model(True, 100)], settings=SETTINGS)
    assert result.verdict is Verdict.INCONCLUSIVE
    assert_consistent(result.score, result.verdict)


def test_model_abort_turns_a_heuristic_promote_stricter() -> None:
    h = heuristic(Verdict.PROMOTE, 0.9, 70)
    result = combine(TARGET, digest(), h, [model(False, 95)], settings=SETTINGS)
    assert result.verdict is Verdict.ABORT
    assert_consistent(result.score, result.verdict)
    assert result.analysis == "model says abort"
    assert result.file_changes == [FileChange("app/config.yaml", "pool: 20\n", "raise pool size")]
    assert result.confidence < 95  # contested verdict


def test_weak_model_abort_makes_a_promote_inconclusive() -> None:
    h = heuristic(Verdict.PROMOTE, 0.9, 70)
    result = combine(TARGET, digest(), h, [model(False, 50)], settings=SETTINGS)
    assert result.verdict is Verdict.INCONCLUSIVE
    assert_consistent(result.score, result.verdict)
    assert result.file_changes == []


def test_agreeing_sides_promote_with_model_texts() -> None:
    h = heuristic(Verdict.PROMOTE, 0.95, 80)
    result = combine(TARGET, digest(), h, [model(True, 90)], settings=SETTINGS)
    assert (result.verdict, result.confidence) == (Verdict.PROMOTE, 85)
    assert result.analysis == "model says promote"
    assert result.file_changes == []  # changes only travel with an abort


def test_soft_deterministic_abort_is_softened_to_inconclusive_at_most() -> None:
    h = heuristic(Verdict.ABORT, 0.35, 60)
    result = combine(TARGET, digest(), h, [model(True, 100)], settings=SETTINGS)
    assert result.verdict is Verdict.INCONCLUSIVE
    assert_consistent(result.score, result.verdict)


def test_too_little_evidence_stays_inconclusive() -> None:
    h = heuristic(Verdict.INCONCLUSIVE, 0.6, 20)
    result = combine(TARGET, digest(canary_events=5), h, [model(True, 100)], settings=SETTINGS)
    assert result.verdict is Verdict.INCONCLUSIVE
    assert_consistent(result.score, result.verdict)
    assert result.analysis.startswith("deterministic analysis")
    assert [e.message for e in result.evidence if e.kind == "guardrail"] == [
        "model vote (promote) set aside: too little canary evidence"
    ]


def test_all_models_failed_falls_back_to_the_flagged_heuristic() -> None:
    h = heuristic(Verdict.PROMOTE, 0.9, 80)
    failed = [model(False, 0, error="timed out after 60 s")]
    result = combine(TARGET, digest(), h, failed, settings=SETTINGS)
    assert result.verdict is Verdict.PROMOTE
    assert result.judge == "heuristic (model failed)"
    assert "timed out" in result.voting_rationale
    assert result.model_results == failed


def test_all_models_failed_with_error_policy_raises() -> None:
    h = heuristic(Verdict.PROMOTE, 0.9, 80)
    failed = [model(False, 0, error="HTTP 500"), model(False, 0, provider="gemini", error="429")]
    strict = Settings(judge="heuristic", model_failure_policy="error")
    with pytest.raises(AnalysisFailed, match="every model failed"):
        combine(TARGET, digest(), h, failed, settings=strict)


def test_one_failed_model_does_not_vote() -> None:
    h = heuristic(Verdict.PROMOTE, 0.9, 80)
    results = [model(True, 90), model(False, 0, provider="gemini", error="HTTP 503")]
    result = combine(TARGET, digest(), h, results, settings=SETTINGS)
    assert result.verdict is Verdict.PROMOTE
    assert result.judge == "heuristic+openai"
    assert "gemini-model (HTTP 503)" in result.voting_rationale


def test_published_texts_are_redacted() -> None:
    h = heuristic(Verdict.PROMOTE, 0.9, 80)
    leaky = model(False, 95)
    published = ""
    for i in range(0, len(LINES), 3):  # a model echoing log lines with secrets in them
        leaky.analysis, leaky.root_cause, leaky.remediation = ([*LINES[i : i + 3], "", ""])[:3]
        result = combine(TARGET, digest(), h, [leaky], settings=SETTINGS)
        assert result.analysis == "" or result.analysis != leaky.analysis
        published += result.analysis + result.root_cause + result.remediation
    assert not [s for s in SECRETS if s in published]


def test_vote_is_confidence_weighted_and_ties_do_not_promote() -> None:
    assert vote([model(True, 90), model(False, 40)])[0] is True
    assert vote([model(True, 40), model(False, 90)])[0] is False
    assert vote([model(True, 60), model(False, 60)])[0] is False
    promote, confidence, rationale = vote([model(True, 80), model(True, 60)])
    assert (promote, confidence) == (True, 70)
    assert rationale.startswith("2 of 2 model(s) voted promote")
    assert vote([model(False, 0, error="boom")]) == (
        None,
        0,
        "no model answered; failed: openai-model (boom)",
    )
    # Disagreement lowers the confidence below the winners' own.
    assert vote([model(True, 90), model(False, 60)])[1] < 90


verdicts = st.sampled_from(list(Verdict))
models = st.lists(
    st.builds(
        model,
        st.booleans(),
        st.integers(0, 100),
        provider=st.sampled_from(["openai", "gemini"]),
        error=st.sampled_from(["", "", "", "HTTP 500"]),
    ),
    max_size=3,
)


@hsettings(max_examples=300, deadline=None)
@given(
    verdict=verdicts,
    score=st.floats(0, 1),
    confidence=st.integers(0, 100),
    hard=st.booleans(),
    canary_events=st.integers(0, 1000),
    results=models,
)
def test_guardrails_hold_for_any_input(
    verdict: Verdict,
    score: float,
    confidence: int,
    hard: bool,
    canary_events: int,
    results: list[ModelResult],
) -> None:
    h = heuristic(verdict, score, confidence, hard=hard)
    result = combine(TARGET, digest(canary_events=canary_events), h, results, settings=SETTINGS)
    assert_consistent(result.score, result.verdict)
    assert isinstance(result.confidence, int) and 0 <= result.confidence <= 100
    if hard:
        assert result.verdict is not Verdict.PROMOTE
        if verdict is Verdict.ABORT:
            assert result.verdict is Verdict.ABORT
    elif canary_events < SETTINGS.min_canary_events:
        assert result.verdict is Verdict.INCONCLUSIVE
    elif verdict is Verdict.ABORT:
        assert result.verdict is not Verdict.PROMOTE
    if results and all(r.error for r in results):
        assert result.judge == "heuristic (model failed)"
    if result.verdict is not Verdict.ABORT:
        assert result.file_changes == []


def test_model_promote_100_cannot_lift_a_new_error_out_of_inconclusive() -> None:
    h = heuristic(Verdict.INCONCLUSIVE, 0.7, 60)
    h.evidence.append(Evidence("new_error", "soft", "only in canary: error 'db timeout'"))
    result = combine(TARGET, digest(), h, [model(True, 100)], settings=SETTINGS)
    assert result.verdict is Verdict.INCONCLUSIVE
    assert_consistent(result.score, result.verdict)
    assert any(e.kind == "guardrail" for e in result.evidence)


def test_model_promote_cannot_decide_without_comparable_traffic() -> None:
    h = heuristic(Verdict.INCONCLUSIVE, 0.79, 40)
    h.evidence.append(Evidence("no_comparable_traffic", "info", "no comparable traffic: …"))
    result = combine(TARGET, digest(), h, [model(True, 100)], settings=SETTINGS)
    assert result.verdict is Verdict.INCONCLUSIVE
