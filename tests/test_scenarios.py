"""The deterministic judge over the whole scenario suite (tests/scenarios/catalog.py).

Asserted over the suite, not per hand-picked case: every abort case must be judged abort
(recall 1.0) and overall accuracy must be ≥ 0.90. The confusion matrix and every miss are
printed (`pytest -s`) so a regression shows where it happened.
"""

from __future__ import annotations

from collections import Counter

import pytest
from scenarios.catalog import SCENARIOS, Scenario

from exporter.digest import build_digest
from exporter.judges.heuristic import judge_digest
from exporter.model import Verdict

ORDER = (Verdict.PROMOTE, Verdict.INCONCLUSIVE, Verdict.ABORT)


@pytest.fixture(scope="module")
def outcomes() -> list[tuple[Scenario, Verdict, float]]:
    results = []
    for sc in SCENARIOS:
        verdict = judge_digest(build_digest(sc.collected()))
        results.append((sc, verdict.verdict, verdict.score))
    return results


def test_suite_is_broad_enough() -> None:
    assert len(SCENARIOS) >= 30
    traps = Counter(sc.trap for sc in SCENARIOS)
    for trap in (
        "traffic_share",
        "preexisting",
        "cosmetic",
        "rare_new_error",
        "error_rate_jump",
        "stack_trace",
        "panic",
        "crash_loop",
        "oom",
        "pool",
        "no_evidence",
        "injection",
    ):
        assert traps[trap] >= 1, trap
    assert sum(traps[t] for t in ("stack_trace", "panic", "crash_loop", "oom", "pool")) >= 6
    assert len({sc.name for sc in SCENARIOS}) == len(SCENARIOS)


def test_abort_recall_and_accuracy(outcomes: list[tuple[Scenario, Verdict, float]]) -> None:
    matrix: Counter[tuple[Verdict, Verdict]] = Counter(
        (sc.expected, got) for sc, got, _ in outcomes
    )
    print("\nexpected \\ judged " + " ".join(f"{v.value:>12}" for v in ORDER))
    for exp in ORDER:
        print(f"{exp.value:>17} " + " ".join(f"{matrix[(exp, got)]:>12}" for got in ORDER))
    for sc, got, score in outcomes:
        if got is not sc.expected:
            print(
                f"MISS {sc.name} ({sc.trap}): expected {sc.expected.value},"
                f" got {got.value} ({score})"
            )

    aborts = [got for sc, got, _ in outcomes if sc.expected is Verdict.ABORT]
    recall = sum(g is Verdict.ABORT for g in aborts) / len(aborts)
    accuracy = sum(got is sc.expected for sc, got, _ in outcomes) / len(outcomes)
    print(
        f"abort recall {recall:.3f} over {len(aborts)};"
        f" accuracy {accuracy:.3f} over {len(outcomes)}"
    )
    assert recall == 1.0
    assert accuracy >= 0.90
    # and a canary must never be promoted when it should not be
    assert not [
        sc.name
        for sc, got, _ in outcomes
        if got is Verdict.PROMOTE and sc.expected is not Verdict.PROMOTE
    ]


def test_injection_text_does_not_move_the_score() -> None:
    """The same canary with and without model-addressed text gets the same score."""
    by_name = {sc.name: sc for sc in SCENARIOS}
    with_text = judge_digest(build_digest(by_name["injection-healthy"].collected()))
    assert with_text.verdict is Verdict.PROMOTE
    assert any(e.kind == "injection" for e in with_text.evidence)
    panicking = judge_digest(build_digest(by_name["injection-with-panic"].collected()))
    assert panicking.verdict is Verdict.ABORT
    assert any(e.weight == "hard" for e in panicking.evidence)
