"""The shape of a model's answer, and strict validation of what a model actually sent.

A model's output is untrusted text (the logs it read may have been written to steer it), so
it is parsed here and nowhere else: `promote` must be a real boolean, `confidence` a number
clamped to an int in 0..100, texts are strings capped in length and redacted, proposed file
changes are limited in number and size and must name a plain relative path. Anything else
is an `InvalidAnswer`, which the judge answers with one repair request and then an error.
"""

from __future__ import annotations

import json
import math
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from exporter.digest.redact import redact
from exporter.model import FileChange

TEXT_LIMITS = {"analysis": 1500, "rootCause": 600, "remediation": 1000}
MAX_FILE_CHANGES = 5
MAX_FILE_CONTENT = 64 * 1024
MAX_PATH = 300

_FILE_CHANGE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "path": {"type": "string", "description": "Repository-relative file path."},
        "content": {"type": "string", "description": "The complete new file content."},
        "description": {"type": "string", "description": "One line: what and why."},
    },
    "required": ["path", "content", "description"],
    "additionalProperties": False,
}

# Strict-mode compatible (OpenAI requires every property listed as required and no extra
# properties); `fileChanges` is therefore required but may be an empty list.
ANSWER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "promote": {"type": "boolean", "description": "true only if the canary is healthy."},
        "confidence": {"type": "integer", "description": "0-100, how sure you are."},
        "analysis": {"type": "string", "description": "2-4 sentences: what differs and why."},
        "rootCause": {"type": "string", "description": "One sentence, or empty if healthy."},
        "remediation": {"type": "string", "description": "Concrete next step, or empty."},
        "fileChanges": {
            "type": "array",
            "description": "Optional concrete fixes; usually empty.",
            "items": _FILE_CHANGE_SCHEMA,
        },
    },
    "required": ["promote", "confidence", "analysis", "rootCause", "remediation", "fileChanges"],
    "additionalProperties": False,
}


class InvalidAnswer(ValueError):
    """The model's text is not a valid answer; the message says what is wrong (no content)."""


@dataclass(slots=True)
class ModelAnswer:
    """A validated answer: safe to publish (redacted, bounded) and typed."""

    promote: bool
    confidence: int
    analysis: str
    root_cause: str
    remediation: str
    file_changes: list[FileChange] = field(default_factory=list)
    redactions: int = 0


_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


def parse_answer(text: str | None) -> ModelAnswer:
    """Parse and validate a model's raw text answer, or raise InvalidAnswer."""
    if not text or not text.strip():
        raise InvalidAnswer("empty answer")
    body = text.strip()
    fenced = _FENCE.match(body)  # some servers wrap JSON mode output in a code fence
    if fenced:
        body = fenced.group(1)
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise InvalidAnswer(f"not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc})") from None
    if not isinstance(data, dict):
        raise InvalidAnswer("the answer must be a JSON object")
    return validate_answer(data)


def validate_answer(data: dict[str, Any]) -> ModelAnswer:
    promote = data.get("promote")
    if not isinstance(promote, bool):
        raise InvalidAnswer("`promote` must be true or false")
    confidence = _confidence(data.get("confidence"))
    redactions = 0
    texts: dict[str, str] = {}
    for key, limit in TEXT_LIMITS.items():
        clean, found = _text(data.get(key), key, limit)
        texts[key] = clean
        redactions += found
    changes, found = _file_changes(data.get("fileChanges"))
    return ModelAnswer(
        promote=promote,
        confidence=confidence,
        analysis=texts["analysis"],
        root_cause=texts["rootCause"],
        remediation=texts["remediation"],
        file_changes=changes,
        redactions=redactions + found,
    )


def _confidence(value: Any) -> int:
    # bool is an int subclass: `true` is not a confidence.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidAnswer("`confidence` must be a number 0-100")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidAnswer("`confidence` must be a finite number")
    number = float(value)
    if isinstance(value, float) and 0 < number <= 1:
        number *= 100  # a probability instead of a percentage
    return max(0, min(100, round(number)))


def cap_text(text: str, limit: int) -> tuple[str, int]:
    """Redact, collapse control characters and cap to `limit` characters."""
    clean, found = redact(text)
    clean = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in clean).strip()
    if len(clean) > limit:
        clean = clean[: limit - 1].rstrip() + "…"
    return clean, found


def _text(value: Any, key: str, limit: int) -> tuple[str, int]:
    if value is None:
        return "", 0
    if not isinstance(value, str):
        raise InvalidAnswer(f"`{key}` must be a string")
    return cap_text(value, limit)


def _file_changes(value: Any) -> tuple[list[FileChange], int]:
    """Keep well-formed changes to plain relative paths; drop the rest, never fail on them."""
    if not isinstance(value, list):
        return [], 0
    changes: list[FileChange] = []
    redactions = 0
    for item in value[:MAX_FILE_CHANGES]:
        if not isinstance(item, dict):
            continue
        path, content = item.get("path"), item.get("content")
        description = item.get("description", "")
        if not isinstance(path, str) or not isinstance(content, str):
            continue
        if not isinstance(description, str):
            description = ""
        norm = posixpath.normpath(path.strip())
        if (
            not norm
            or len(norm) > MAX_PATH
            or norm.startswith(("/", "..", "."))
            or "\\" in norm
            or any(part in ("..", ".git") for part in norm.split("/"))
            or len(content) > MAX_FILE_CONTENT
        ):
            continue
        safe_content, found = redact(content)
        safe_description, found2 = cap_text(description, 300)
        redactions += found + found2
        changes.append(FileChange(path=norm, content=safe_content, description=safe_description))
    return changes, redactions
