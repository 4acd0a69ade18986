"""`eval`: a labelled corpus (exporter/corpus.py) through the configured judges, as figures.

Each judge configuration (`heuristic`, or the deterministic judge with a model: `openai`,
`gemini`, `auto`) runs every case through the real pipeline — the same `Analyzer` the
service uses (digest, deterministic judge, one model request, guardrails) — and is summed up
per judge and model: accuracy, abort recall, inconclusive rate, promotes on expected-abort
cases (the number that must stay 0), prompt/completion tokens, latency p50/p95, model
failures by reason, and how often a model's opinion was overruled by the final verdict.
Cases run one at a time: latency is per analysis, and a local model server has one slot.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from exporter.analysis import Analyzer
from exporter.config import Settings
from exporter.corpus import Case
from exporter.errors import CanaryError
from exporter.judges.select import build_model_judges
from exporter.model import AnalysisResult, Collected, Target, Verdict

Progress = Callable[[str, int, int], None]  # (judge, done, total)


@dataclass(slots=True)
class CaseOutcome:
    """One case under one judge configuration."""

    case: str
    expected: Verdict
    verdict: Verdict | None  # None: the analysis failed (counted, never a promote)
    judge: str = ""
    seconds: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model_failures: list[str] = field(default_factory=list)  # failure reasons
    model_votes: list[bool] = field(default_factory=list)  # answered models' promote
    overruled: int = 0  # answered models whose side the final verdict did not take
    error: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "case": self.case,
            "expected": self.expected.value,
            "verdict": self.verdict.value if self.verdict else None,
            "judge": self.judge,
            "seconds": round(self.seconds, 3),
            "promptTokens": self.prompt_tokens,
            "completionTokens": self.completion_tokens,
            "modelFailures": self.model_failures,
            "modelVotes": ["promote" if v else "abort" for v in self.model_votes],
            "overruled": self.overruled,
            "error": self.error,
        }


@dataclass(slots=True)
class JudgeReport:
    """A judge configuration's figures over the corpus."""

    judge: str  # the configuration asked for: heuristic | openai | gemini | auto
    model: str  # provider:model of each model, "-" for the deterministic judge alone
    outcomes: list[CaseOutcome]

    @property
    def cases(self) -> int:
        return len(self.outcomes)

    def _share(self, hits: int, of: int) -> float | None:
        return hits / of if of else None

    @property
    def accuracy(self) -> float | None:
        return self._share(sum(o.verdict is o.expected for o in self.outcomes), self.cases)

    @property
    def abort_recall(self) -> float | None:
        aborts = [o for o in self.outcomes if o.expected is Verdict.ABORT]
        return self._share(sum(o.verdict is Verdict.ABORT for o in aborts), len(aborts))

    @property
    def inconclusive_rate(self) -> float | None:
        return self._share(
            sum(o.verdict is Verdict.INCONCLUSIVE for o in self.outcomes), self.cases
        )

    @property
    def promotes_on_expected_abort(self) -> int:
        return sum(
            o.verdict is Verdict.PROMOTE and o.expected is Verdict.ABORT for o in self.outcomes
        )

    @property
    def errors(self) -> int:
        return sum(o.verdict is None for o in self.outcomes)

    @property
    def prompt_tokens(self) -> int:
        return sum(o.prompt_tokens for o in self.outcomes)

    @property
    def completion_tokens(self) -> int:
        return sum(o.completion_tokens for o in self.outcomes)

    @property
    def model_failures(self) -> Counter[str]:
        return Counter(reason for o in self.outcomes for reason in o.model_failures)

    @property
    def model_answers(self) -> int:
        return sum(len(o.model_votes) for o in self.outcomes)

    @property
    def overruled(self) -> int:
        return sum(o.overruled for o in self.outcomes)

    def latency(self, q: float) -> float:
        return percentile([o.seconds for o in self.outcomes], q)

    def to_json(self) -> dict[str, Any]:
        return {
            "judge": self.judge,
            "model": self.model,
            "cases": self.cases,
            "accuracy": _round(self.accuracy),
            "abortRecall": _round(self.abort_recall),
            "inconclusiveRate": _round(self.inconclusive_rate),
            "promotesOnExpectedAbort": self.promotes_on_expected_abort,
            "analysisErrors": self.errors,
            "promptTokens": self.prompt_tokens,
            "completionTokens": self.completion_tokens,
            "latencyP50Seconds": round(self.latency(0.5), 3),
            "latencyP95Seconds": round(self.latency(0.95), 3),
            "modelAnswers": self.model_answers,
            "modelFailures": dict(sorted(self.model_failures.items())),
            "modelOverruled": self.overruled,
            "outcomes": [o.to_json() for o in self.outcomes],
        }


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


class _CorpusSource:
    """The analyzer's log source: each case's logs and pod facts, by target."""

    def __init__(self, cases: Sequence[Case]) -> None:
        self._by_target: dict[tuple[str, str, str], Collected] = {}
        for case in cases:
            collected = case.collected()
            self._by_target[collected.target.key] = collected

    async def collect(self, target: Target) -> Collected:
        return self._by_target[target.key]


def outcome_of(case: Case, result: AnalysisResult, seconds: float) -> CaseOutcome:
    final_promote = result.verdict is Verdict.PROMOTE
    answered = [m for m in result.model_results if not m.error]
    return CaseOutcome(
        case=case.name,
        expected=case.expected,
        verdict=result.verdict,
        judge=result.judge,
        seconds=seconds,
        prompt_tokens=sum(m.prompt_tokens for m in result.model_results),
        completion_tokens=sum(m.completion_tokens for m in result.model_results),
        model_failures=[m.failure or "error" for m in result.model_results if m.error],
        model_votes=[m.promote for m in answered],
        overruled=sum(m.promote != final_promote for m in answered),
    )


async def evaluate(
    cases: Sequence[Case],
    settings: Settings,
    *,
    label: str | None = None,
    progress: Progress | None = None,
) -> JudgeReport:
    """Run every case through one judge configuration (`settings.judge`)."""
    models = build_model_judges(settings)
    name = label or settings.judge
    model = models.name if models is not None else "-"
    analyzer = Analyzer(settings, source=_CorpusSource(cases), models=models)
    outcomes: list[CaseOutcome] = []
    try:
        for i, case in enumerate(cases):
            if progress is not None:
                progress(name, i, len(cases))
            target = case.collected().target
            started = time.perf_counter()
            try:
                result = await analyzer.analyze(target, max_age=0)
            except CanaryError as exc:  # e.g. model_failure_policy=error: counted, not fatal
                outcomes.append(
                    CaseOutcome(
                        case.name,
                        case.expected,
                        None,
                        seconds=time.perf_counter() - started,
                        error=str(exc),
                    )
                )
                continue
            outcomes.append(outcome_of(case, result, time.perf_counter() - started))
        if progress is not None:
            progress(name, len(cases), len(cases))
    finally:
        if models is not None:
            await models.aclose()
    return JudgeReport(judge=name, model=model, outcomes=outcomes)


_COLUMNS = (
    ("judge", "{judge}"),
    ("model", "{model}"),
    ("cases", "{cases}"),
    ("accuracy", "{accuracy}"),
    ("abort recall", "{abort_recall}"),
    ("inconclusive", "{inconclusive}"),
    ("promotes on abort", "{promotes}"),
    ("prompt tok", "{prompt}"),
    ("completion tok", "{completion}"),
    ("p50 s", "{p50}"),
    ("p95 s", "{p95}"),
    ("model failures", "{failures}"),
    ("overruled", "{overruled}"),
)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def table(reports: Sequence[JudgeReport]) -> str:
    """The per judge and model table, as aligned text."""
    rows = []
    for r in reports:
        failures = r.model_failures
        failed = sum(failures.values())
        detail = ", ".join(f"{k} {v}" for k, v in sorted(failures.items()))
        values = {
            "judge": r.judge,
            "model": r.model,
            "cases": str(r.cases),
            "accuracy": _pct(r.accuracy),
            "abort_recall": _pct(r.abort_recall),
            "inconclusive": _pct(r.inconclusive_rate),
            "promotes": str(r.promotes_on_expected_abort),
            "prompt": str(r.prompt_tokens),
            "completion": str(r.completion_tokens),
            "p50": f"{r.latency(0.5):.2f}",
            "p95": f"{r.latency(0.95):.2f}",
            "failures": f"{failed} ({detail})" if failed else "0",
            "overruled": f"{r.overruled}/{r.model_answers}" if r.model != "-" else "-",
        }
        rows.append([fmt.format(**values) for _, fmt in _COLUMNS])
    header = [title for title, _ in _COLUMNS]
    widths = [max(len(x) for x in column) for column in zip(header, *rows, strict=True)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    errors = [f"{r.judge}: {r.errors} analyses failed" for r in reports if r.errors]
    return "\n".join(lines + errors) + "\n"
