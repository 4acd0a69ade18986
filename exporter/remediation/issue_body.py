"""The text of the follow-up: issue title and body, the follow-up comment, the PR body.

Pure functions over an `AnalysisResult`, so the wording is testable without GitHub. Every
text passes `redact()` once more on the way out: the result was built from redacted logs,
but model output is untrusted and a public tracker is the worst place for a leak.

The issue body carries a hidden marker naming the canary revision
(`<!-- ai-canary-exporter:ns/rollout/hash -->`) to find the issue again, and the root-cause
fingerprint it was written for (`rc=`), so a later abort comments only when the root
cause changed.
"""

from __future__ import annotations

import hashlib
import re

from exporter.digest.redact import redact
from exporter.model import AnalysisResult, Target

MARKER_PREFIX = "<!-- ai-canary-exporter:"
LABEL = "ai-canary"
MAX_EVIDENCE = 8
_MAX_FIELD = 4000  # characters per free-text field; GitHub bodies stop at 65,536
_PINGS = re.compile(r"[@#][A-Za-z0-9]")
_RC_RE = re.compile(r"<!-- ai-canary-exporter:[^ ]+ rc=([0-9a-f]+) -->")


def _clean(text: str, limit: int = _MAX_FIELD) -> str:
    clean = redact(text)[0].strip()
    if len(clean) > limit:
        clean = clean[: limit - 1] + "…"
    # the marker and HTML comments are ours: a model must not forge or hide parts of them
    clean = clean.replace("<!--", "&lt;!--").replace("-->", "--&gt;")
    # log text is attacker-influenced: no @mentions that notify people, no #123 references
    # that cross-link (or, as "fixes #123" in a PR, close) unrelated issues
    return _PINGS.sub(lambda m: m.group(0)[0] + "\u200b" + m.group(0)[1:], clean)


def revision_key(target: Target) -> str:
    raw = f"{target.namespace}/{target.rollout}/{target.canary_hash}"
    return re.sub(r"[^\w./:-]", "_", raw)  # names are DNS labels; keep the marker one token


def marker(target: Target) -> str:
    """The hidden marker's searchable part (without the root-cause fingerprint)."""
    return f"{MARKER_PREFIX}{revision_key(target)} "


def root_cause_fingerprint(result: AnalysisResult) -> str:
    """Short hash of the normalised root cause (or analysis when there is none)."""
    text = result.root_cause or result.analysis or result.verdict.value
    norm = " ".join(re.sub(r"\d+", "#", redact(text)[0].lower()).split())
    return hashlib.sha256(norm.encode()).hexdigest()[:12]


def fingerprint_in(body: str) -> str | None:
    m = _RC_RE.search(body)
    return m.group(1) if m else None


def issue_title(result: AnalysisResult) -> str:
    t = result.target
    return _clean(f"Canary aborted: {t.namespace}/{t.rollout} revision {t.canary_hash}", 240)


def _summary(result: AnalysisResult) -> list[str]:
    t = result.target
    lines = [
        "| | |",
        "|---|---|",
        f"| Verdict | **{result.verdict.value}** |",
        f"| Score | {result.score:.2f} |",
        f"| Confidence | {int(result.confidence)} |",
        f"| Judge | {_clean(result.judge, 200)} |",
        f"| Namespace / rollout | `{_clean(t.namespace, 100)}/{_clean(t.rollout, 100)}` |",
        f"| Canary revision | `{_clean(t.canary_hash, 100)}` |",
    ]
    if t.stable_hash:
        lines.append(f"| Stable revision | `{_clean(t.stable_hash, 100)}` |")
    lines.append(f"| Log lines (stable / canary) | {result.stable_lines} / {result.canary_lines} |")
    return lines


def _section(title: str, text: str) -> list[str]:
    return [f"### {title}", "", _clean(text) or "_none given_", ""]


def _evidence(result: AnalysisResult) -> list[str]:
    ranked = sorted(
        result.evidence, key=lambda e: {"hard": 0, "soft": 1, "info": 2}.get(e.weight, 3)
    )
    if not ranked:
        return []
    out = ["### Top evidence", ""]
    for ev in ranked[:MAX_EVIDENCE]:
        out.append(f"- **{ev.weight}** `{_clean(ev.kind, 60)}`: {_clean(ev.message, 600)}")
    if len(ranked) > MAX_EVIDENCE:
        out.append(f"- … and {len(ranked) - MAX_EVIDENCE} more")
    return [*out, ""]


def issue_body(result: AnalysisResult) -> str:
    parts = [
        "The canary analysis of this rollout revision ended in **abort**.",
        "",
        *_summary(result),
        "",
        *_section("Analysis", result.analysis),
        *_section("Root cause", result.root_cause),
        *_section("Remediation", result.remediation),
        *_evidence(result),
        "_Filed by ai-canary-exporter; later analyses of the same revision update this issue "
        "instead of opening another. Log excerpts are redacted._",
        "",
        f"{marker(result.target)}rc={root_cause_fingerprint(result)} -->",
    ]
    return "\n".join(parts)


def followup_comment(result: AnalysisResult) -> str:
    parts = [
        "A later analysis of the same revision also aborted, with a different root cause.",
        "",
        *_summary(result),
        "",
        *_section("Root cause", result.root_cause),
        *_section("Remediation", result.remediation),
        *_evidence(result),
        f"{MARKER_PREFIX}followup {revision_key(result.target)} -->",
    ]
    return "\n".join(parts)


def is_followup_comment(body: str, target: Target) -> bool:
    return f"{MARKER_PREFIX}followup {revision_key(target)} -->" in body


def pr_title(result: AnalysisResult) -> str:
    t = result.target
    return _clean(f"Fix canary abort of {t.namespace}/{t.rollout} ({t.canary_hash})", 240)


def pr_body(result: AnalysisResult, issue_number: int | None) -> str:
    changes = [
        f"- `{_clean(c.path, 300)}`: {_clean(c.description, 500) or 'changed'}"
        for c in result.file_changes
    ]
    refs = [f"Refs #{issue_number}", ""] if issue_number else []
    return "\n".join(
        [
            "A model proposed this change after the canary analysis aborted. "
            "**Review it carefully**: it is generated from log evidence and is untrusted.",
            "",
            *refs,
            *_section("Root cause", result.root_cause),
            *_section("Remediation", result.remediation),
            "### Changed files",
            "",
            *changes,
            "",
            f"<!-- ai-canary-exporter-pr:{revision_key(result.target)} -->",
        ]
    )


def commit_message(result: AnalysisResult, path: str) -> str:
    t = result.target
    return _clean(f"ai-canary: proposed fix for {t.rollout} ({t.canary_hash}): {path}", 300)
