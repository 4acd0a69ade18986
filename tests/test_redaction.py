"""Redaction: no corpus secret survives, ordinary log lines pass unchanged, logs are clean."""

from __future__ import annotations

import io
import json
import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exporter.digest.redact import RedactingFilter, redact, redact_obj
from tests.data import secrets_corpus as c
from tests.data.secrets_corpus import BENIGN, CASES, LINES, MULTILINE, PEM_BODY, SECRETS


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


@pytest.mark.parametrize(
    ("kind", "secret", "line"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_no_secret_survives_a_line(kind: str, secret: str, line: str) -> None:
    clean, count = redact(line)
    assert secret not in clean
    assert count >= 1
    assert "[REDACTED:" in clean


@pytest.mark.parametrize("text", MULTILINE)
def test_private_key_blocks_are_removed_whole_and_line_by_line(text: str) -> None:
    clean, count = redact(text)
    assert _leaks(clean) == []
    assert count >= 1
    # the digest may read a pod log line by line: every line alone must be clean too
    for line in text.splitlines():
        assert _leaks(redact(line)[0]) == []


def test_whole_log_at_once() -> None:
    text = "\n".join(LINES + BENIGN)
    clean, count = redact(text)
    assert _leaks(clean) == []
    assert count >= len(LINES)
    assert clean.splitlines()[len(LINES) :] == BENIGN


@pytest.mark.parametrize("line", BENIGN)
def test_ordinary_lines_are_unchanged(line: str) -> None:
    assert redact(line) == (line, 0)


def test_keys_and_context_stay_readable() -> None:
    clean, _ = redact("2026-11-26 ERROR db login failed password=hunter2! user=bob took 12ms")
    assert clean == "2026-11-26 ERROR db login failed password=[REDACTED:secret] user=bob took 12ms"
    clean, _ = redact("connecting to postgres://app:Sup3rS3cret@db:5432/orders")
    assert clean == "connecting to postgres://app:[REDACTED:url-credentials]@db:5432/orders"


def test_a_truncated_key_block_does_not_swallow_the_rest_of_the_log() -> None:
    text = (
        "ERROR bad key: -----BEGIN RSA PRIVATE KEY-----\n"
        + "\n".join(PEM_BODY)
        + "\nINFO retrying with the mounted secret\nINFO started in 3.1s"
    )
    clean, count = redact(text)
    assert clean == (
        "ERROR bad key: [REDACTED:private-key]\n"
        "INFO retrying with the mounted secret\nINFO started in 3.1s"
    )
    assert count == 1


def test_windows_line_endings_and_length_changing_unicode() -> None:
    text = "\r\n".join(["İstanbul DC: user İ", *PEM_BODY, LINES[0], "done"]) + "\r\n"
    clean, count = redact(text)
    assert _leaks(clean) == []
    assert count == len(PEM_BODY) + 1
    assert clean.startswith("İstanbul DC: user İ\r\n") and clean.endswith("done\r\n")
    assert clean.count("\r\n") == text.count("\r\n")


def test_url_credentials_keep_the_host_even_when_the_user_names_a_token() -> None:
    clean, count = redact("cloning https://x-access-token:ghs_abc@github.com/acme/shop.git")
    assert (
        clean
        == "cloning https://x-access-token:[REDACTED:url-credentials]@github.com/acme/shop.git"
    )
    assert count == 1


def test_tokens_inside_longer_words_are_not_tokens() -> None:
    line = "started task-processor-worker-pool-AbC123dEf456GhI789 on ghp_node"
    assert redact(line) == (line, 0)


@pytest.mark.parametrize("line", LINES + BENIGN)
def test_redaction_is_idempotent(line: str) -> None:
    once, _ = redact(line)
    assert redact(once) == (once, 0)


@given(st.text(max_size=300))
def test_arbitrary_text_never_breaks(text: str) -> None:
    clean, count = redact(text)
    assert isinstance(clean, str)
    if count == 0:
        assert clean == text


# Secrets whose shape alone gives them away: they must go wherever they appear.
_SELF_EVIDENT = [
    c.GH_PAT, c.GH_OAUTH, c.GH_APP, c.GH_FINE, c.GITLAB, c.SLACK_BOT, c.SLACK_USER, c.JWT,
    c.AWS_KEY, c.AWS_TEMP_KEY, c.GOOGLE_KEY, c.OPENAI_PROJ, c.OPENAI_LEGACY, c.STRIPE_LIVE,
    c.STRIPE_RESTRICTED, c.STRIPE_TEST,
]  # fmt: skip
_SEPARATORS = st.sampled_from([" ", "\t", "=", ": ", '"', "'", "(", ")", "[", "]", ",", ";", "|"])


@given(
    secret=st.sampled_from(_SELF_EVIDENT),
    before=st.sampled_from(BENIGN),
    after=st.sampled_from(BENIGN),
    left=_SEPARATORS,
    right=_SEPARATORS,
    newline=st.booleans(),
)
def test_self_evident_tokens_go_wherever_they_appear(
    secret: str, before: str, after: str, left: str, right: str, newline: bool
) -> None:
    joint = "\n" if newline else " "
    text = f"{before}{joint}{left}{secret}{right}{joint}{after}"
    clean, count = redact(text)
    assert secret not in clean
    assert count >= 1
    assert clean.startswith(before) and clean.endswith(after)  # the neighbours are intact


def test_redact_obj_walks_nested_json() -> None:
    doc = {
        "target": {"namespace": "shop", "rollout": "orders", "hash": "7d9f8b6c5d"},
        "evidence": [{"message": line} for line in LINES],
        "config": {"password": "hunter2", "token_count": 512, "apiKey": "abc12345xyz"},
        "ids": ("550e8400-e29b-41d4-a716-446655440000",),
    }
    clean = redact_obj(doc)
    dumped = json.dumps(clean)
    assert _leaks(dumped) == []
    assert "hunter2" not in dumped
    assert "abc12345xyz" not in dumped
    assert clean["config"]["token_count"] == 512
    assert clean["target"] == doc["target"]
    assert clean["ids"] == doc["ids"]


def _logger_with_filter(stream: io.StringIO, fmt: str) -> logging.Logger:
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter(fmt))
    logger = logging.getLogger(f"test.redaction.{id(stream)}")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger


def test_filter_redacts_message_args_exception_and_extra() -> None:
    stream = io.StringIO()
    logger = _logger_with_filter(stream, "%(levelname)s %(message)s %(detail)s")
    for line in LINES:
        logger.info("upstream said: %s", line, extra={"detail": line})
    logger.warning(LINES[0], extra={"detail": "-"})  # secret in the message itself
    try:
        raise RuntimeError(f"config invalid: {LINES[1]}")
    except RuntimeError:
        logger.exception("boom %d", 1, extra={"detail": "-"})
    output = stream.getvalue()
    assert _leaks(output) == []
    assert output.count("[REDACTED:") >= 2 * len(LINES)
    assert "RuntimeError: config invalid" in output


def test_filter_keeps_ordinary_records_intact() -> None:
    stream = io.StringIO()
    logger = _logger_with_filter(stream, "%(message)s")
    logger.info("scored %s/%s rev %s: score=%.2f", "shop", "orders", "7d9f8b6c5d", 0.93)
    assert stream.getvalue() == "scored shop/orders rev 7d9f8b6c5d: score=0.93\n"


def test_filter_survives_bad_format_args() -> None:
    stream = io.StringIO()
    logger = _logger_with_filter(stream, "%(message)s")
    logger.info("two args %s %s", LINES[0])
    assert _leaks(stream.getvalue()) == []


def test_redact_obj_keeps_prose_but_not_random_tokens_or_secrets_in_it() -> None:
    prose = (
        "error exception 'java.lang.NullPointerException @ com.shop.OrderService.total': "
        'canary 10 (10.00%) vs stable 0; e.g. Cannot invoke "Discount.rate()" because null'
    )
    token = "q8Zr3LxV0pWm7TnKc2YbHs9DfGj4Ae6U"  # random, one token, under an ordinary key
    out = redact_obj({"message": prose, "value": token, "note": f"{prose} {c.GH_PAT}"})
    assert out["message"] == prose
    assert token not in out["value"]
    assert c.GH_PAT not in out["note"] and out["note"].startswith("error exception")
