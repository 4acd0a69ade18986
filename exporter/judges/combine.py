"""The final verdict: the deterministic judge and the model vote, combined under guardrails.

SPEC §3 in code. The score is a confidence-weighted blend of the deterministic score and
the model side's score (a promote vote with confidence c scores 0.5 + c/200, an abort vote
0.5 - c/200); the verdict follows from the score by the configured thresholds (without a
model answer the deterministic verdict stands as given), and then the
guardrails may only make it stricter (promote < inconclusive < abort), after which the
score is moved into the verdict's band so score and verdict always agree:

- hard deterministic evidence (new panic/fatal/stack trace, crash loop, OOMKilled, error
  rate jump) is never a promote; when the deterministic judge aborted on it, the result is
  abort whatever the models said (a model may be stricter, never looser);
- a deterministic abort on soft evidence can be softened by the models to inconclusive at
  most;
- too little canary evidence stays inconclusive;
- when every model failed, `model_failure_policy` decides: the deterministic verdict,
  flagged in `judge`, or `AnalysisFailed` (never a promote by default).

Confidence: with both sides, the agreeing sides' confidence averaged over both sides (so a
contested verdict is less sure); an inconclusive result gets the lower of the two; a
guardrail verdict keeps the deterministic confidence. Texts come from the best model that
voted the way the result went, otherwise from the evidence; everything is redacted.
"""

from __future__ import annotations

from collections.abc import Sequence

from exporter.config import Settings
from exporter.errors import ModelsFailed
from exporter.judges.ensemble import vote
from exporter.judges.schema import TEXT_LIMITS, cap_text
from exporter.model import (
    AnalysisResult,
    Digest,
    Evidence,
    JudgeVerdict,
    ModelResult,
    Target,
    Verdict,
)

_STRICTNESS = {Verdict.PROMOTE: 0, Verdict.INCONCLUSIVE: 1, Verdict.ABORT: 2}
_BAND_EPSILON = 0.001


# evidence kinds that say the canary has not shown enough yet (more time may bring it):
# such a result stays inconclusive here and is re-analysed sooner by the scheduler
LACKING_EVIDENCE = frozenset({"low_evidence", "no_comparable_traffic"})

_FAILURE_KINDS = frozenset(
    {
        "new_error",
        "new_5xx",
        "increased_error",
        "increased_failure_warning",
        "new_failure_warning",
        "new_failure_info",
        "increased_failure_info",
        "failure_warning_rate_jump",
        "client_error_rate_jump",
        "new_warning_storm",
        "latency_added",
        "error_rate_jump",
        "server_error_rate_jump",
        "restarts",
    }
)


def verdict_for(score: float, *, promote_threshold: float, abort_threshold: float) -> Verdict:
    """The documented mapping: score ≥ promote → promote; score < abort → abort."""
    if score >= promote_threshold:
        return Verdict.PROMOTE
    if score < abort_threshold:
        return Verdict.ABORT
    return Verdict.INCONCLUSIVE


def combine(
    target: Target,
    digest: Digest,
    heuristic: JudgeVerdict,
    model_results: Sequence[ModelResult] | None,
    *,
    settings: Settings,
) -> AnalysisResult:
    """Combine both sides into the published result (timestamp and durations: the caller)."""
    results = list(model_results or [])
    answered = [r for r in results if not r.error]
    base = heuristic.judge or "heuristic"
    evidence = list(heuristic.evidence)
    hard = any(e.weight == "hard" for e in evidence)
    lacking = not hard and (
        digest.canary.events < settings.min_canary_events
        or any(e.kind in LACKING_EVIDENCE for e in evidence)
    )
    # soft findings of failure: a model may not lift them from inconclusive to promote
    failing = any(e.weight == "soft" and e.kind in _FAILURE_KINDS for e in evidence)
    promote_t, abort_t = settings.promote_threshold, settings.abort_threshold

    model_promote: bool | None = None
    model_conf = 0
    rationale = ""
    if results:
        model_promote, model_conf, rationale = vote(results)
    if results and not answered:
        if settings.model_failure_policy == "error":
            raise ModelsFailed(
                f"every model failed and model_failure_policy is 'error': {rationale}"
            )
        judge = f"{base} (model failed)"
        evidence.append(Evidence("model", "info", "no model answered; deterministic verdict used"))
    elif answered:
        judge = base + "+" + "+".join(sorted({r.provider for r in answered}))
    else:
        judge = base

    # 1. Blend the scores, weighted by each side's confidence.
    # Without a model answer the deterministic verdict stands as given.
    score = _clamp(heuristic.score)
    verdict = heuristic.verdict
    if model_promote is not None:
        model_score = 0.5 + (model_conf / 200 if model_promote else -model_conf / 200)
        weight_h = max(heuristic.confidence, 1)
        score = (score * weight_h + model_score * model_conf) / (weight_h + model_conf)
        verdict = verdict_for(score, promote_threshold=promote_t, abort_threshold=abort_t)

    # 2. Guardrails: each may only make the verdict stricter.
    floor = Verdict.PROMOTE
    guard = ""
    if lacking:
        guard = "too little canary evidence"
        if verdict is not Verdict.INCONCLUSIVE and model_promote is not None:
            evidence.append(
                Evidence("guardrail", "info", f"model vote ({verdict.value}) set aside: {guard}")
            )
        verdict = Verdict.INCONCLUSIVE
    elif hard:
        floor = Verdict.ABORT if heuristic.verdict is Verdict.ABORT else Verdict.INCONCLUSIVE
        guard = "hard deterministic evidence"
    elif heuristic.verdict is Verdict.ABORT:
        floor, guard = Verdict.INCONCLUSIVE, "deterministic abort"
    elif heuristic.verdict is Verdict.INCONCLUSIVE and failing:
        floor, guard = Verdict.INCONCLUSIVE, "a new or more frequent error in the canary"
    if _STRICTNESS[floor] > _STRICTNESS[verdict]:
        if model_promote is not None:
            evidence.append(
                Evidence(
                    "guardrail",
                    "info",
                    f"model vote ({verdict.value}) overruled by {guard}: {floor.value}",
                )
            )
        verdict = floor
    score = _fit(score, verdict, promote_t, abort_t)

    # 3. Confidence.
    confidence = heuristic.confidence
    if model_promote is not None and not lacking:
        model_verdict = Verdict.PROMOTE if model_promote else Verdict.ABORT
        if hard and verdict is Verdict.ABORT:
            confidence = max(heuristic.confidence, model_conf if not model_promote else 0)
        elif verdict is Verdict.INCONCLUSIVE:
            confidence = min(heuristic.confidence, model_conf)
        else:
            agreeing = [
                c
                for v, c in ((heuristic.verdict, heuristic.confidence), (model_verdict, model_conf))
                if v is verdict
            ]
            confidence = round(sum(agreeing) / 2)

    # 4. Texts: the best model that voted the way the result went, else the evidence.
    final_promote = verdict is Verdict.PROMOTE
    voters = sorted(
        (r for r in answered if r.promote == final_promote),
        key=lambda r: r.confidence,
        reverse=True,
    )
    # Too little evidence is the reason of an inconclusive, whatever a model made of it.
    speaker = voters[0] if voters and not lacking else None
    if speaker is not None:
        analysis, root_cause, remediation = (
            speaker.analysis,
            speaker.root_cause,
            speaker.remediation,
        )
    else:
        analysis, root_cause, remediation = _evidence_texts(heuristic)
        dissent = [r for r in answered if r.promote != final_promote]
        if dissent:
            top = max(dissent, key=lambda r: r.confidence)
            side = "promote" if top.promote else "abort"
            analysis += f" (Model {top.model_name} voted {side} with confidence {top.confidence}"
            analysis += f", overruled: {guard}.)" if guard else ".)"

    file_changes = []
    if verdict is Verdict.ABORT and speaker is not None and not speaker.promote:
        file_changes = list(speaker.file_changes)

    return AnalysisResult(
        target=target,
        verdict=verdict,
        score=round(score, 4),
        confidence=max(0, min(100, int(confidence))),
        judge=judge,
        analysis=cap_text(analysis, TEXT_LIMITS["analysis"])[0],
        root_cause=cap_text(root_cause, TEXT_LIMITS["rootCause"])[0],
        remediation=cap_text(remediation, TEXT_LIMITS["remediation"])[0],
        evidence=evidence,
        model_results=results,
        voting_rationale=cap_text(rationale, 1000)[0],
        fingerprint=digest.fingerprint,
        stable_lines=digest.stable.lines,
        canary_lines=digest.canary.lines,
        new_signatures=digest.new_signatures(),
        file_changes=file_changes,
    )


def _evidence_texts(heuristic: JudgeVerdict) -> tuple[str, str, str]:
    analysis = heuristic.analysis
    if not analysis:
        strongest = sorted(
            heuristic.evidence, key=lambda e: ("hard", "soft", "info").index(e.weight)
        )
        analysis = "; ".join(e.message for e in strongest[:4]) or "No notable difference."
    return analysis, heuristic.root_cause, heuristic.remediation


def _clamp(score: float) -> float:
    return max(0.0, min(1.0, float(score)))


def _fit(score: float, verdict: Verdict, promote_t: float, abort_t: float) -> float:
    """Move the score into the band of the verdict so the two always agree."""
    score = _clamp(score)
    if verdict is Verdict.PROMOTE:
        return max(score, promote_t)
    if verdict is Verdict.ABORT:
        return min(score, max(0.0, abort_t - _BAND_EPSILON))
    return max(abort_t, min(score, promote_t - _BAND_EPSILON))
