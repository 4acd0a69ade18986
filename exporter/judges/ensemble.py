"""The model side of an analysis: one prompt, every configured model asked once, concurrently,
and a confidence-weighted vote.

A single configured model is an ensemble of one, so the analysis never needs to care how
many there are. Failed models do not vote (their `ModelResult.error` says why); a tie, or a
vote where nobody is confident at all, goes to "do not promote" — the safe side.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from exporter.judges.model_judge import ModelJudge
from exporter.judges.prompt import build_prompt
from exporter.model import Digest, JudgeVerdict, ModelResult, Verdict


class ModelEnsemble:
    def __init__(self, judges: Sequence[ModelJudge], *, propose_changes: bool = False) -> None:
        if not judges:
            raise ValueError("an ensemble needs at least one model")
        self.judges = list(judges)
        # True when a follow-up PR can be opened (GitHub token + PRs enabled): only then are
        # models asked for file changes, and only for a canary the deterministic judge did
        # not find healthy (a PR follows an abort).
        self.propose_changes = propose_changes

    @property
    def name(self) -> str:
        """`provider:model` of each member, for logs and the startup message."""
        return ",".join(j.name for j in self.judges)

    @property
    def providers(self) -> str:
        """Distinct providers joined by `+` (low-cardinality `judge` label part)."""
        return "+".join(sorted({j.provider for j in self.judges}))

    async def judge(
        self,
        digest: Digest,
        *,
        extra_prompt: str = "",
        heuristic: JudgeVerdict | None = None,
        facts_note: str = "",
    ) -> list[ModelResult]:
        """Ask every model once (retries aside) with the same prompt; results in config order."""
        file_changes = self.propose_changes and (
            heuristic is None or heuristic.verdict is not Verdict.PROMOTE
        )
        prompt = build_prompt(
            digest,
            extra_prompt=extra_prompt,
            heuristic=heuristic,
            facts_note=facts_note,
            file_changes=file_changes,
        )
        return list(await asyncio.gather(*(j.judge(prompt) for j in self.judges)))

    @staticmethod
    def vote(results: Sequence[ModelResult]) -> tuple[bool | None, int, str]:
        return vote(results)

    async def aclose(self) -> None:
        await asyncio.gather(*(j.aclose() for j in self.judges), return_exceptions=True)


def vote(results: Sequence[ModelResult]) -> tuple[bool | None, int, str]:
    """Confidence-weighted vote: (promote, confidence 0..100, rationale).

    `promote` is None when no model answered. The confidence is the winners' mean confidence
    scaled by their share of the total weight, so disagreement lowers it.
    """
    answered = [r for r in results if not r.error]
    failed = [r for r in results if r.error]
    failed_note = (
        "; failed: " + ", ".join(f"{r.model_name} ({r.error})" for r in failed) if failed else ""
    )
    if not answered:
        return None, 0, f"no model answered{failed_note}"
    promote_weight = sum(r.confidence for r in answered if r.promote)
    abort_weight = sum(r.confidence for r in answered if not r.promote)
    total = promote_weight + abort_weight
    promote = promote_weight > abort_weight  # a tie is not a promote
    winners = [r for r in answered if r.promote == promote]
    if total == 0 or not winners:
        confidence = 0
    else:
        mean = sum(r.confidence for r in winners) / len(winners)
        confidence = round(mean * max(promote_weight, abort_weight) / total)
    n_promote = sum(1 for r in answered if r.promote)
    side = "promote" if promote else "abort"
    rationale = (
        f"{len(winners)} of {len(answered)} model(s) voted {side} "
        f"(confidence-weighted promote {promote_weight} vs abort {abort_weight}; "
        f"{n_promote} promote, {len(answered) - n_promote} abort){failed_note}"
    )
    return promote, max(0, min(100, confidence)), rationale
