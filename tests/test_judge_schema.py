"""Validation of untrusted model answers, and reading servers' retry hints."""

from __future__ import annotations

import email.utils
import json
import time

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exporter.config import Settings
from exporter.judges.retry import Backoff, parse_google_retry_delay, parse_retry_after
from exporter.judges.schema import (
    ANSWER_LENGTHS,
    ANSWER_SCHEMA,
    VERDICT_TOKEN_BOUND,
    InvalidAnswer,
    answer_schema,
    parse_answer,
)
from tests.data.secrets_corpus import LINES, SECRETS
from tests.fakes.model_server import count_tokens


def answer(**fields: object) -> str:
    base: dict[str, object] = {"promote": False, "confidence": 80, "analysis": "a"}
    return json.dumps({**base, **fields})


def test_a_fenced_json_answer_is_accepted() -> None:
    parsed = parse_answer("```json\n" + answer(rootCause="nil deref") + "\n```")
    assert (parsed.promote, parsed.confidence, parsed.root_cause) == (False, 80, "nil deref")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(100, 100), (150, 100), (-3, 0), (92.5, 92), (0.85, 85), (1.0, 100), (1, 1)],
)
def test_confidence_becomes_an_int_in_range(raw: float, expected: int) -> None:
    confidence = parse_answer(answer(confidence=raw)).confidence
    assert confidence == expected and type(confidence) is int


@pytest.mark.parametrize(
    "text",
    [
        "",
        "null",
        "[1, 2]",
        answer(promote="false"),
        answer(promote=1),
        answer(confidence=True),
        answer(confidence="90"),
        answer(confidence=None),
        answer(remediation={"step": 1}),
        '{"promote": false, "confidence": NaN}',
    ],
)
def test_bad_answers_are_refused(text: str) -> None:
    with pytest.raises(InvalidAnswer):
        parse_answer(text)


def test_file_changes_are_limited_to_plain_relative_paths() -> None:
    changes = [
        {"path": "src/app/config.py", "content": "POOL = 20\n", "description": "raise pool"},
        {"path": "../etc/passwd", "content": "x"},
        {"path": "/etc/passwd", "content": "x"},
        {"path": ".github/workflows/ci.yml", "content": "x"},
        {"path": "a/.git/hooks/pre-commit", "content": "x"},
        {"path": "big.txt", "content": "x" * 100_000},
        {"path": 3, "content": "x"},
        "not an object",
    ]
    parsed = parse_answer(answer(fileChanges=changes))
    assert [(c.path, c.description) for c in parsed.file_changes] == [
        ("src/app/config.py", "raise pool")
    ]
    many = [{"path": f"f{i}.txt", "content": "x", "description": ""} for i in range(20)]
    assert len(parse_answer(answer(fileChanges=many)).file_changes) == 5


def test_answer_texts_and_proposed_files_are_redacted() -> None:
    parsed = parse_answer(
        answer(
            analysis=LINES[0],
            rootCause=LINES[1],
            remediation=LINES[2],
            fileChanges=[{"path": "app.env", "content": "\n".join(LINES), "description": LINES[3]}],
        )
    )
    published = " ".join(
        [parsed.analysis, parsed.root_cause, parsed.remediation]
        + [c.content + c.description for c in parsed.file_changes]
    )
    assert [s for s in SECRETS if s in published] == []
    assert parsed.redactions > 0


@given(st.text(max_size=300))
def test_any_text_either_parses_or_is_refused(text: str) -> None:
    try:
        parsed = parse_answer(text)
    except InvalidAnswer:
        return
    assert 0 <= parsed.confidence <= 100 and isinstance(parsed.promote, bool)


def test_retry_hints() -> None:
    assert parse_retry_after({"retry-after-ms": "250", "Retry-After": "9"}) == 0.25
    assert parse_retry_after({"Retry-After": "3"}) == 3.0
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    hint = parse_retry_after({"Retry-After": when})
    assert hint is not None and 20 < hint <= 30
    assert parse_retry_after({"Retry-After": "soon"}) is None
    assert parse_retry_after({}) is None
    body = {
        "error": {
            "code": 429,
            "details": [
                {"@type": "type.googleapis.com/google.rpc.QuotaFailure"},
                {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "17s"},
            ],
        }
    }
    assert parse_google_retry_delay(body) == 17.0
    assert parse_google_retry_delay({"error": {"details": "x"}}) is None


def test_backoff_grows_is_capped_and_prefers_hints() -> None:
    backoff = Backoff(max_retries=5, base_delay=1.0, max_delay=4.0)
    assert all(0.5 <= backoff.delay(0, None) <= 1.0 for _ in range(50))
    assert all(2.0 <= backoff.delay(5, None) <= 4.0 for _ in range(50))
    assert all(3.0 <= backoff.delay(0, 3.0) <= 3.3 for _ in range(50))


# --- the schema sent to the model is bounded ----------------------------------------------
def _unbounded(schema: object, path: str = "$") -> list[str]:
    """Paths of strings/arrays without a length bound and integers without a range."""
    found: list[str] = []
    if isinstance(schema, dict):
        kind = schema.get("type")
        if kind == "string" and "maxLength" not in schema:
            found.append(path)
        if kind == "array" and "maxItems" not in schema:
            found.append(path)
        if kind == "integer" and not {"minimum", "maximum"} <= set(schema):
            found.append(path)
        for key, value in schema.get("properties", {}).items():
            found += _unbounded(value, f"{path}.{key}")
        if "items" in schema:
            found += _unbounded(schema["items"], f"{path}[]")
    return found


@pytest.mark.parametrize("file_changes", [False, True])
def test_every_string_and_array_the_model_may_fill_is_bounded(file_changes: bool) -> None:
    schema = answer_schema(file_changes=file_changes)
    assert _unbounded(schema) == []
    # strict-mode shape: every property required, nothing else allowed
    assert schema["required"] == list(schema["properties"])
    assert schema["additionalProperties"] is False
    assert ("fileChanges" in schema["properties"]) is file_changes


def test_the_verdict_schema_does_not_offer_file_changes() -> None:
    assert "fileChanges" not in ANSWER_SCHEMA["properties"]
    jsonschema.validate(json.loads(answer(rootCause="", remediation="")), ANSWER_SCHEMA)


def test_without_lengths_keeps_the_shape_and_the_ranges() -> None:
    loose = answer_schema(file_changes=True, bounded=False)
    assert "maxLength" not in json.dumps(loose) and "maxItems" not in json.dumps(loose)
    assert loose["properties"]["confidence"]["maximum"] == 100
    assert loose["required"] == answer_schema(file_changes=True)["required"]


def test_a_full_length_answer_fits_the_default_output_cap() -> None:
    """The default cap is sized to the bounded answer: every text at its maximum length in
    ordinary English, counted with a real tokenizer, stays under it."""
    words = "The canary logs a new NullPointerException in OrderService at a rate stable "
    full = {
        "promote": False,
        "confidence": 100,
        **{k: (words * 20)[:limit] for k, limit in ANSWER_LENGTHS.items()},
    }
    text = json.dumps(full)
    jsonschema.validate(full, ANSWER_SCHEMA)
    assert count_tokens(text) < Settings().model_max_output_tokens
    # and the worst case (one token per character) is within the cap too
    assert len(json.dumps({**full, "confidence": 100})) <= VERDICT_TOKEN_BOUND
    assert Settings().model_max_output_tokens >= VERDICT_TOKEN_BOUND


def test_file_changes_that_were_not_asked_for_are_dropped() -> None:
    change = {"path": "app/config.yaml", "content": "pool: 20\n", "description": "pool"}
    assert parse_answer(answer(fileChanges=[change]), file_changes=False).file_changes == []
    assert len(parse_answer(answer(fileChanges=[change])).file_changes) == 1
