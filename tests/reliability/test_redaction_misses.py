"""Three shapes redaction once let through, found by planting secrets in hostile input.

- an AWS access key glued to a lower-case word (`keyAKIA…`, `user_idAKIA…`);
- an AWS secret key written `secret <value>` (no `=` or `:`), as config dumps print it;
- a URL-encoded pair, `password%3D…` (a query string logged after one more encoding).

Each must go; their benign neighbours must stay.
"""

from __future__ import annotations

import pytest

from exporter.digest.redact import redact
from tests.data.secrets_corpus import AWS_KEY, AWS_SECRET, PASSWORD, URL_PASSWORD

AWS_EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        (f"loaded credentials keyAKIA{AWS_KEY[4:]} from env", AWS_KEY[4:]),
        (f"2026-11-26 INFO aws.user_id{AWS_KEY} rotated", AWS_KEY),
        (f"cfg=x{AWS_KEY}/prod", AWS_KEY),
        (f"aws secret {AWS_SECRET}", AWS_SECRET),
        (f"AWS_SECRET_ACCESS_KEY {AWS_EXAMPLE_SECRET}", AWS_EXAMPLE_SECRET),
        (f"  aws_secret_access_key   {AWS_SECRET}  # from vault", AWS_SECRET),
        (f"loaded secret\t{AWS_EXAMPLE_SECRET} for s3", AWS_EXAMPLE_SECRET),
        (f"GET /login?next=%2Fhome%3Fuser%3Dbob%26password%3D{URL_PASSWORD} 302", URL_PASSWORD),
        (f"redirect to /cb?state=abc&q=password%3d{URL_PASSWORD}%26x%3D1", URL_PASSWORD),
        (f"form: user%3Dbob%26pwd%3A{URL_PASSWORD}", URL_PASSWORD),
        (f"token%3D{PASSWORD}&x=1", PASSWORD),
    ],
)
def test_the_missed_shapes_are_redacted(line: str, secret: str) -> None:
    clean, count = redact(line)
    assert secret not in clean, clean
    assert count >= 1 and "[REDACTED:" in clean


@pytest.mark.parametrize(
    "line",
    [
        "the secret santa draw starts at 10:00",
        "keep this secret between us",
        "secret rotation scheduled for 2026-12-01T00:00:00Z",
        "password reset email sent to user 4821",
        "token refresh took 12ms",
        "order id ORDERAKIA1234567890ABCDEF123 shipped",  # inside an upper-case code
        "GET /search?q=password%20reset 200",
        "Nakia joined the team",
    ],
)
def test_benign_neighbours_stay(line: str) -> None:
    assert redact(line) == (line, 0)


def test_an_aws_key_keeps_the_rest_of_its_word_readable() -> None:
    clean, _ = redact(f"prefixAKIA{AWS_KEY[4:]}")
    assert clean == "prefix[REDACTED:aws-key]"
