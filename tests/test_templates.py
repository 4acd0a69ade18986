"""Masking and template mining: variable parts vanish, distinct messages stay distinct."""

from __future__ import annotations

import random
import tracemalloc

from exporter.digest.reader import LogEvent, read_events
from exporter.digest.templates import MAX_EXAMPLES, TemplateMiner, mask, mask_emails
from exporter.model import Severity


def test_mask_variable_parts() -> None:
    cases = {
        "GET /api/v1/orders/12345 took 250ms": "GET /api/<*>/orders/<*> took <*>",
        "req 3f2a9c1e-7b4d-4e1f-9a2b-0c8d7e6f5a4b from 10.0.3.17:8080": "req <*> from <*>",
        "hash deadbeef01234567 at 0x7ffd5e8c": "hash <*> at <*>",
        "at 2024-05-01T12:00:00.123Z retry": "at <*> retry",
        "user alice@example.org logged in": "user <EMAIL> logged in",
        "mail bob.smith+ci@mail.example.co.uk bounced": "mail <EMAIL> bounced",
        'unknown field "currency_v2" in payload': 'unknown field "<*>" in payload',
        "Starting orders v2.8.3 on pod orders-7d9f8b6c4-x2k9p": "Starting orders <*> on pod <*>",
    }
    for raw, want in cases.items():
        assert mask(raw) == want, raw


def test_module_versions_are_not_emails() -> None:
    # Go module paths carry `@version`; masking them as an address hides which module
    assert mask_emails("k8s.io/client-go@v0.21.0/tools/cache/reflector.go:167") == (
        "k8s.io/client-go@v0.21.0/tools/cache/reflector.go:167"
    )
    assert mask_emails("from otelcol@v0.79.0.x") == "from otelcol@v0.79.0.x"
    assert mask_emails("to ops@example.com.") == "to <EMAIL>."


def test_mask_keeps_words_and_free_text_quotes() -> None:
    assert mask("Connection refused") == "Connection refused"
    assert mask('said "hello there" twice') == 'said "hello there" twice'


def _ev(msg: str, sev: Severity = Severity.INFO) -> LogEvent:
    return LogEvent(msg, sev)


def test_lines_with_different_ids_share_a_template_and_counts_are_per_side() -> None:
    miner = TemplateMiner()
    for i in range(50):
        miner.add(_ev(f"Order {i} created in {i * 3}ms"), 0)
    for i in range(5):
        miner.add(_ev(f"Order {i + 900} created in {i}ms"), 1)
    miner.add(_ev("Order 1 created in 2ms", Severity.ERROR), 1)  # other severity: other template
    tpls = miner.templates()
    assert len(tpls) == 2
    info = next(t for t in tpls if t.severity is Severity.INFO)
    assert info.text == "Order <*> created in <*>"
    assert info.counts == [50, 5]
    assert len(info.examples[0]) == MAX_EXAMPLES and info.examples[0][0] == "Order 0 created in 0ms"


def test_many_digit_free_variants_merge_but_two_do_not() -> None:
    miner = TemplateMiner()
    for name in ("alice", "bob", "carol", "dave", "erin", "frank"):
        miner.add(_ev(f"session opened for {name} via sso"), 0)
    miner.add(_ev("Connection refused by upstream"), 0)
    miner.add(_ev("Connection reset by upstream"), 1)
    texts = sorted(t.text for t in miner.templates())
    assert texts == [
        "Connection refused by upstream",
        "Connection reset by upstream",
        "session opened for <*> via sso",
    ]


def test_logger_prefix_variant_of_a_stable_message_is_not_new() -> None:
    miner = TemplateMiner()
    miner.add(_ev("ERROR [c.e.OrderService] upstream timed out", Severity.ERROR), 0)
    miner.add(_ev("ERROR [c.e.PaymentClient] upstream timed out", Severity.ERROR), 1)
    (tpl,) = miner.templates()
    assert tpl.counts == [1, 1]
    # but the same prefix with a different message stays apart
    miner = TemplateMiner()
    miner.add(_ev("ERROR [c.e.OrderService] upstream timed out", Severity.ERROR), 0)
    miner.add(_ev("ERROR [c.e.OrderService] upstream refused us", Severity.ERROR), 1)
    assert len(miner.templates()) == 2


def test_signature_separates_exceptions_behind_the_same_message() -> None:
    miner = TemplateMiner()
    miner.add(
        LogEvent("Request failed", Severity.ERROR, signature="NPE @ a.b", kind="exception"), 0
    )
    miner.add(
        LogEvent("Request failed", Severity.ERROR, signature="IOE @ c.d", kind="exception"), 1
    )
    assert len(miner.templates()) == 2


def test_memory_grows_with_templates_not_lines() -> None:
    rng = random.Random(3)

    def text(n: int) -> str:
        return "".join(
            f"INFO shape{rng.randrange(20)} item {rng.randrange(10**6)} took {rng.randrange(999)}ms"
            f" id={rng.getrandbits(64):016x}\n"
            for _ in range(n)
        )

    small, big = text(2_000), text(40_000)
    peaks = []
    for t in (small, big):
        miner = TemplateMiner()
        tracemalloc.start()
        for ev in read_events(t):
            miner.add(ev, 0)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert len(miner) <= 20
        peaks.append(peak)
    # 20× the lines, about the same memory (generator, bounded exemplars, no event list)
    assert peaks[1] < peaks[0] * 4
