"""Canary vs stable comparison: rates not counts, small-count statistics, redaction, facts."""

from __future__ import annotations

import math
import random

from exporter.digest import build_digest, render_digest
from exporter.digest.stats import binom_cdf, binom_sf, rate_test
from exporter.model import Collected, Digest, PodFacts, PodLogs, Severity, SideLogs, Target

TARGET = Target("shop", "orders", "role=stable", "role=canary", "abc123")


def service_log(
    seed: int, n: int, *, error_share: float = 0.01, extra: str = "", extra_share: float = 0.0
) -> str:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        r = rng.random()
        if r < error_share:
            out.append(
                f"2024-05-01 12:00:00.{i % 1000:03d} ERROR [c.e.Up] upstream timed out after"
                f" {rng.randrange(900)}ms (10.0.0.{rng.randrange(255)}:8080)"
            )
        elif extra and r < error_share + extra_share:
            out.append(extra)
        else:
            shape = rng.randrange(4)
            out.append(
                f"2024-05-01 12:00:00.{i % 1000:03d} INFO [c.e.Api] "
                + (
                    "Handled GET /orders/%d in %dms",
                    "Cache hit for product %d (%d)",
                    "Order %d created, %d items",
                    "Published event %d to partition %d",
                )[shape]
                % (rng.randrange(99999), rng.randrange(99))
            )
    return "\n".join(out) + "\n"


def digest(
    stable: str,
    canary: str,
    *,
    stable_facts: PodFacts | None = None,
    canary_facts: PodFacts | None = None,
    previous: str = "",
    **kw: int,
) -> Digest:
    return build_digest(
        Collected(
            TARGET,
            SideLogs([PodLogs("stable-0", "app", stable, facts=stable_facts)]),
            SideLogs(
                [PodLogs("canary-0", "app", canary, previous_text=previous, facts=canary_facts)]
            ),
        ),
        **kw,
    )


def test_binomial_tails_match_exact_values() -> None:
    assert math.isclose(binom_sf(3, 3, 0.1), 0.001)
    assert math.isclose(binom_cdf(0, 10, 0.5), 1 / 1024)
    assert math.isclose(binom_sf(0, 5, 0.3), 1.0)
    assert math.isclose(binom_sf(6, 10, 0.5), 386 / 1024)
    # the normal approximation for large n agrees with the exact sum near its boundary
    exact, approx = binom_sf(2600, 5000, 0.5), binom_sf(26000, 50000, 0.5)
    assert exact < 0.01 and approx < exact


def test_rate_test_uses_the_sides_totals() -> None:
    # 10 of 1000 in stable, 1 of 100 in canary: the same rate, nothing surprising
    up, down = rate_test(10, 1, 1000, 100)
    assert up > 0.3 and down > 0.3
    # 10 of 1000 vs 10 of 100: ten times the rate
    up, _ = rate_test(10, 10, 1000, 100)
    assert up < 1e-4
    assert rate_test(3, 0, 0, 100) == (1.0, 1.0)


def test_tenth_of_the_traffic_with_same_mix_shows_no_change() -> None:
    d = digest(service_log(1, 5000), service_log(2, 500))
    assert d.stable.events == 5000 and d.canary.events == 500
    assert not [x for x in d.diffs if x.change in ("new", "increased") and x.severity.rank >= 2]
    err = next(x for x in d.diffs if x.severity is Severity.ERROR)
    assert err.change == "same"
    assert err.template == "ERROR [c.e.Up] upstream timed out after <*> (<*>)"
    assert 0.005 < err.canary_rate < 0.02


def test_new_rare_error_and_rate_jump_are_reported() -> None:
    new_line = "2024-05-01 12:00:00.000 ERROR [c.e.Pay] decode failed: unknown field 'currency_v2'"
    d = digest(service_log(1, 5000), service_log(2, 500) + f"{new_line}\n" * 4)
    new = d.diffs[0]
    assert new.change == "new" and new.severity is Severity.ERROR
    assert new.stable_count == 0 and new.canary_count >= 2
    assert new.p_value is not None and new.p_value < 0.01
    assert new.examples and "currency_v2" in new.examples[0]
    assert sum(1 for v in d.new_signatures().values() if v) == 1

    jump = digest(service_log(1, 5000), service_log(2, 500, error_share=0.1))
    top = jump.diffs[0]
    assert top.change == "increased" and top.severity is Severity.ERROR
    assert jump.canary.error_rate > 5 * jump.stable.error_rate


def test_access_log_rates_are_per_request() -> None:
    def access(seed: int, n: int, share: float) -> str:
        rng = random.Random(seed)
        return "".join(
            f'10.0.0.1 - - [01/May/2024:12:00:00 +0000] "GET /api/items/{rng.randrange(999)} '
            f'HTTP/1.1" {502 if rng.random() < share else 200} 12 "-" "curl/8"\n'
            for _ in range(n)
        )

    d = digest(access(1, 4000, 0.01), access(2, 400, 0.1))
    assert d.stable.requests == 4000 and d.canary.requests == 400
    assert d.canary.server_error_rate > 0.05 > d.stable.server_error_rate
    bad = next(x for x in d.diffs if x.kind == "http_5xx")
    assert bad.change == "increased" and bad.template == "GET /api/items/<*> 502"


def test_secrets_are_redacted_before_anything_sees_them() -> None:
    secret = "AKIAIOSFODNN7EXAMPLE"
    line = f"2024-05-01 12:00:00.000 ERROR [c.e.S3] upload failed with key {secret}"
    d = digest(service_log(1, 2000), service_log(2, 200, extra=line, extra_share=0.02))
    assert d.redactions > 0
    text = render_digest(d) + repr(d)
    assert secret not in text
    assert any(x.change == "new" for x in d.diffs)


def test_pod_facts_and_previous_logs_count() -> None:
    crashed = (
        "INFO Started OrdersApplication in 3.1 seconds\n"
        "panic: assignment to entry in nil map\n\ngoroutine 1 [running]:\nmain.main()\n"
        "\t/a.go:1 +0x1\n"
    )
    facts = PodFacts(
        "canary-0",
        ready=False,
        restart_count=3,
        last_termination_reason="OOMKilled",
        waiting_reason="CrashLoopBackOff",
        warning_events=["BackOff: restarting"],
    )
    d = digest(
        service_log(1, 1000),
        "INFO Started OrdersApplication in 3.0 seconds\n",
        canary_facts=facts,
        previous=crashed,
    )
    c = d.canary
    assert (c.restarts, c.oom_kills, c.crash_loops, c.not_ready) == (3, 1, 1, 1)
    kinds = {x.kind for x in d.diffs if x.change == "new"}
    assert {"panic", "crash"} <= kinds  # the restart banner after the panic reads as a crash
    assert d.canary_facts[0].warning_events == ["BackOff: restarting"]


def test_diffs_are_bounded_and_ranked() -> None:
    # 30 new INFO templates of different lengths (no merging) and one new error
    canary = service_log(2, 500) + "".join(f"INFO feature {'x ' * i}toggled\n" for i in range(30))
    canary += "ERROR [c.e.New] brand new failure\n" * 2
    d = digest(service_log(1, 5000), canary, max_diffs=10)
    assert len(d.diffs) == 10
    assert d.diffs[0].template == "ERROR [c.e.New] brand new failure"
    assert all(x.severity is Severity.INFO for x in d.diffs[2:])


def test_fingerprint_ignores_count_noise_but_not_new_errors() -> None:
    a = digest(service_log(1, 5000), service_log(2, 500))
    b = digest(service_log(3, 5000), service_log(4, 520))
    assert a.fingerprint == b.fingerprint
    broken = digest(
        service_log(1, 5000),
        service_log(2, 500, extra="ERROR [c.e.Pay] decode failed", extra_share=0.01),
    )
    assert broken.fingerprint != a.fingerprint


def test_fingerprint_changes_when_a_canary_has_logged_all_of_a_small_stable() -> None:
    # the judge decides a small window once the canary has logged every kind of line
    # stable did (heuristic `_complete`): a cached verdict from before must not be reused
    boot = [f"INFO [org.jboss.as] (MSC service thread 1-{i}) JBAS01{i}: step {'x ' * i}done"
            for i in range(10)]  # fmt: skip
    stable = "\n".join(boot) + "\n"
    half = digest(stable, "\n".join(boot[:8]) + "\n")
    whole = digest(stable, stable)
    assert half.stable_templates_unseen == 2 and whole.stable_templates_unseen == 0
    assert half.fingerprint != whole.fingerprint


def test_render_is_bounded_and_names_the_important_parts() -> None:
    new_line = "2024-05-01 12:00:00.000 ERROR [c.e.Pay] decode failed: unknown field 'currency_v2'"
    d = digest(service_log(1, 5000), service_log(2, 500) + f"{new_line}\n" * 3)
    text = render_digest(d, max_chars=1500)
    assert len(text) <= 1500
    assert "canary: pods=1" in text and "NEW error" in text and "currency_v2" in text
    assert len(render_digest(d)) <= 6000


def test_rendered_digest_is_far_smaller_than_the_window() -> None:
    stable, canary = service_log(1, 5000), service_log(2, 500, error_share=0.05)
    text = render_digest(digest(stable, canary))
    assert len(text) * 20 < len(stable) + len(canary)


def test_significance_accounts_for_how_many_error_templates_exist() -> None:
    twice = "ERROR [c.e.New] brand new failure\n" * 2
    clean = digest(service_log(1, 5000), service_log(2, 500) + twice)
    words = [f"kind{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(300)]
    # 300 distinct one-off-ish error templates (two varying positions: never merged)
    tail = "".join(f"ERROR [c.e.Misc] rare {w} failure {w}\n" * 2 for w in words)
    noisy = digest(service_log(1, 5000) + tail, service_log(2, 500) + twice)
    p_clean = next(x.p_value for x in clean.diffs if x.template.startswith("ERROR [c.e.New]"))
    p_noisy = next(x.p_value for x in noisy.diffs if x.template.startswith("ERROR [c.e.New]"))
    assert p_clean is not None and p_noisy is not None
    assert p_clean < 0.05 and p_noisy > 10 * p_clean
