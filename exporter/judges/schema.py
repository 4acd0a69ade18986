"""The shape of a model's answer, and strict validation of what a model actually sent.

A model's output is untrusted text (the logs it read may have been written to steer it), so
it is parsed here and nowhere else: `promote` must be a real boolean, `confidence` a number
clamped to an int in 0..100, texts are strings capped in length and redacted, proposed file
changes are limited in number and size and must name a plain relative path. Anything else
is an `InvalidAnswer`, which the judge answers with one repair request and then an error.

The schema sent to the model is bounded (`maxLength`, `maxItems`, a confidence range) so that
grammar-constrained decoding ends well under the output cap; file changes are asked for only
when a follow-up PR could be opened with them.
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

# Validation caps (characters) on what a model sent; combine.py caps the published texts too.
TEXT_LIMITS = {"analysis": 1500, "rootCause": 600, "remediation": 1000}
MAX_FILE_CHANGES = 5
MAX_FILE_CONTENT = 64 * 1024
MAX_PATH = 300

# What the schema asks for, tighter than the validation caps: with grammar-constrained decoding
# (llama.cpp, vLLM, Ollama) every string and array must be bounded, or a weak model fills
# them until the output cap (issue 12: `fileChanges` ran to 2,048 tokens on every request).
ANSWER_LENGTHS = {"analysis": 300, "rootCause": 120, "remediation": 160}
# Upper bound of a verdict answer's tokens under the bounded schema: at most one token per
# character of text, plus the JSON around it. The default output cap is at least this, so a
# constrained answer always ends before the cap, whatever the model writes.
VERDICT_TOKEN_BOUND = sum(ANSWER_LENGTHS.values()) + 100
ASKED_FILE_CHANGES = 2
ASKED_FILE_CONTENT = 4000
ASKED_PATH = 200
ASKED_DESCRIPTION = 200
# Output tokens added to the cap when file changes are asked for (2 files of 4,000 chars).
FILE_CHANGES_OUTPUT_TOKENS = 3000
# Length keywords the bounded schema uses, dropped for a server that rejects them.
_LENGTH_KEYWORDS = ("maxLength", "maxItems")

_DESCRIPTIONS = {
    "analysis": "2-4 sentences: what differs and why.",
    "rootCause": "One sentence, or empty if healthy.",
    "remediation": "Concrete next step, or empty.",
}


def _file_change_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "path": {
                "type": "string",
                "maxLength": ASKED_PATH,
                "description": "Repository-relative file path.",
            },
            "content": {
                "type": "string",
                "maxLength": ASKED_FILE_CONTENT,
                "description": "The complete new file content.",
            },
            "description": {
                "type": "string",
                "maxLength": ASKED_DESCRIPTION,
                "description": "One line: what and why.",
            },
        },
        "required": ["path", "content", "description"],
        "additionalProperties": False,
    }


def answer_schema(*, file_changes: bool = False, bounded: bool = True) -> dict[str, Any]:
    """The answer's JSON schema, strict-mode compatible (every property required, no extras).

    `fileChanges` is part of it only when a follow-up PR could use them (otherwise a model
    is not even offered the array). `bounded=False` drops the length keywords for servers
    whose strict mode rejects them; the numbers keep their range.
    """
    properties: dict[str, Any] = {
        "promote": {"type": "boolean", "description": "true only if the canary is healthy."},
        "confidence": {
            "type": "integer",
            "minimum": 0,
            "maximum": 100,
            "description": "0-100, how sure you are.",
        },
    }
    for key, limit in ANSWER_LENGTHS.items():
        properties[key] = {"type": "string", "maxLength": limit, "description": _DESCRIPTIONS[key]}
    if file_changes:
        properties["fileChanges"] = {
            "type": "array",
            "maxItems": ASKED_FILE_CHANGES,
            "description": "Only a clear one-file fix; usually empty.",
            "items": _file_change_schema(),
        }
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    return schema if bounded else _without_lengths(schema)


def _without_lengths(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_lengths(v) for k, v in value.items() if k not in _LENGTH_KEYWORDS}
    if isinstance(value, list):
        return [_without_lengths(v) for v in value]
    return value


# The verdict-only schema (what most calls send).
ANSWER_SCHEMA: dict[str, Any] = answer_schema()


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


def parse_answer(text: str | None, *, file_changes: bool = True) -> ModelAnswer:
    """Parse and validate a model's raw text answer, or raise InvalidAnswer.

    With `file_changes=False` (they were not asked for) any proposed changes are dropped.
    """
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
    return validate_answer(data, file_changes=file_changes)


def validate_answer(data: dict[str, Any], *, file_changes: bool = True) -> ModelAnswer:
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
    changes, found = _file_changes(data.get("fileChanges")) if file_changes else ([], 0)
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
