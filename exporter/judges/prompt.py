"""Builds the one request every model judge sends: the digest, never the raw logs.

The wording lives in `prompts/verdict.md` (sections `system`, `user`, `repair`) so it can be
read and reviewed as prose. Everything that came from logs or from Kubernetes (the rendered
digest, pod facts, the deterministic judge's evidence) goes inside one data fence whose
marker is derived from the fenced text itself, so a log line cannot close the fence early;
the model is told that instructions inside it are to be ignored. The operator's
`extraPrompt` stays outside the fence (it comes from the AnalysisTemplate, not from logs)
but is capped. The finished prompt is redacted once more as a last line of defence.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from string import Template

from exporter.digest import render_digest
from exporter.digest.redact import redact
from exporter.model import Digest, JudgeVerdict

MAX_DIGEST_CHARS = 6000
MAX_EXTRA_PROMPT = 1000
MAX_FACTS_NOTE = 1500
MAX_EVIDENCE_ITEMS = 12
MAX_EVIDENCE_CHARS = 240


@dataclass(frozen=True, slots=True)
class Prompt:
    """A ready request: system instructions and one user message, both redacted."""

    system: str
    user: str
    redactions: int = 0
    # Whether the answer may carry file changes (a follow-up PR could be opened with them).
    file_changes: bool = False

    @property
    def chars(self) -> int:
        return len(self.system) + len(self.user)


@cache
def _sections() -> dict[str, Template]:
    text = resources.files("exporter.judges").joinpath("prompts/verdict.md").read_text("utf-8")
    parts = re.split(r"^<!-- (\w+) -->\n", text, flags=re.MULTILINE)
    # re.split yields ["", name1, body1, name2, body2, ...]
    return {
        name: Template(body.strip()) for name, body in zip(parts[1::2], parts[2::2], strict=True)
    }


def build_prompt(
    digest: Digest,
    *,
    extra_prompt: str = "",
    heuristic: JudgeVerdict | None = None,
    facts_note: str = "",
    max_digest_chars: int = MAX_DIGEST_CHARS,
    file_changes: bool = False,
) -> Prompt:
    """The request for one analysis, identical for every model of an ensemble.

    `file_changes` adds the `fileChanges` field to the answer asked for (only when a
    follow-up PR could be opened with them: they cost tokens and time on every call).
    """
    # Texts are redacted before they are cut, so a cut never splits a secret past redaction.
    data_parts = [render_digest(digest, max_chars=max_digest_chars)]
    if facts_note.strip():
        data_parts.append("Pod facts:\n" + _redacted(facts_note.strip(), MAX_FACTS_NOTE))
    if heuristic is not None and heuristic.evidence:
        lines = [
            f"- [{e.weight}] {e.kind}: {_redacted(e.message, MAX_EVIDENCE_CHARS)}"
            for e in heuristic.evidence[:MAX_EVIDENCE_ITEMS]
        ]
        data_parts.append("Evidence found by the deterministic checks:\n" + "\n".join(lines))
    data = "\n\n".join(data_parts)
    fence = hashlib.sha256(data.encode("utf-8", "replace")).hexdigest()[:16]
    # The marker is unguessable from inside the data, but strip look-alikes anyway.
    data = data.replace("<<<DATA", "<<< DATA").replace("DATA " + fence, "DATA")

    extra = _redacted(_one_line(extra_prompt), MAX_EXTRA_PROMPT) or "(none)"
    sections = _sections()
    values = {
        "fence": fence,
        "heuristic_verdict": heuristic.verdict.value if heuristic else "(not run)",
        "heuristic_score": f"{heuristic.score:.2f}" if heuristic else "-",
        "heuristic_confidence": str(heuristic.confidence) if heuristic else "-",
        "extra_prompt": extra,
        "data": data,
    }
    system_text = sections["system"].safe_substitute(values)
    if file_changes:
        system_text += "\n" + sections["file_changes"].safe_substitute(values)
    system, found_system = redact(system_text)
    user, found_user = redact(sections["user"].safe_substitute(values))
    return Prompt(
        system=system,
        user=user,
        redactions=found_system + found_user,
        file_changes=file_changes,
    )


def repair_message(problem: str, *, file_changes: bool = False) -> str:
    """The follow-up user message asking for valid JSON after an unusable answer."""
    more = " and fileChanges (array, may be empty)" if file_changes else ""
    return _sections()["repair"].safe_substitute(problem=_one_line(problem)[:200], more=more)


def _redacted(text: str, limit: int) -> str:
    return redact(text)[0][:limit]


def _one_line(text: str) -> str:
    return " ".join(text.split())
