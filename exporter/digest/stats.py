"""The small statistics the comparison needs, written with `math` (scipy is not a dependency).

Canary and stable are compared as rates over very different totals (the canary sees a
fraction of the traffic) and often on tiny counts, so the test is the exact conditional
one for two Poisson rates: given k = s + c occurrences of a template, under "same rate"
the canary's share c is Binomial(k, p0) with p0 = canary total / (stable + canary total).
It stays exact for the small counts that matter most (a new error seen 3 times) and falls
back to a normal approximation only when k is large.
"""

from __future__ import annotations

import math

from exporter.model import SideStats

__all__ = ["LONG_TAIL_MIN_ERRORS", "binom_cdf", "binom_sf", "novelty_test", "rate_test"]

LONG_TAIL_MIN_ERRORS = 30  # Good–Turing needs a real sample of stable's errors

_EXACT_MAX = 5000


def _log_pmf(i: int, n: int, p: float) -> float:
    return (
        math.lgamma(n + 1)
        - math.lgamma(i + 1)
        - math.lgamma(n - i + 1)
        + i * math.log(p)
        + (n - i) * math.log1p(-p)
    )


def _normal_sf(z: float) -> float:
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def binom_sf(k: int, n: int, p: float) -> float:
    """P(X ≥ k) for X ~ Binomial(n, p)."""
    if k <= 0:
        return 1.0
    if k > n or p <= 0.0:
        return 0.0
    if p >= 1.0:
        return 1.0
    if n > _EXACT_MAX:
        mean, sd = n * p, math.sqrt(n * p * (1 - p))
        return _normal_sf((k - 0.5 - mean) / sd)
    term = math.exp(_log_pmf(k, n, p))
    total = term
    ratio = p / (1 - p)
    for i in range(k, n):
        term *= (n - i) / (i + 1) * ratio
        total += term
        if term < total * 1e-15 and i > n * p:
            break
    return min(1.0, total)


def binom_cdf(k: int, n: int, p: float) -> float:
    """P(X ≤ k) for X ~ Binomial(n, p)."""
    if k >= n:
        return 1.0
    if k < 0:
        return 0.0
    return binom_sf(n - k, n, 1.0 - p)


def rate_test(
    stable: int, canary: int, stable_total: int, canary_total: int
) -> tuple[float, float]:
    """(p_up, p_down): how surprising the canary's count is, if both sides had the same rate.

    `p_up` is small when the canary has significantly more than its share, `p_down` when
    it has significantly less. Totals of zero give (1.0, 1.0): nothing can be concluded.
    """
    if stable_total <= 0 or canary_total <= 0:
        return 1.0, 1.0
    k = stable + canary
    if k == 0:
        return 1.0, 1.0
    p0 = canary_total / (stable_total + canary_total)
    return binom_sf(canary, k, p0), binom_cdf(canary, k, p0)


def novelty_test(stable: SideStats, canary: SideStats) -> tuple[float, float] | None:
    """(p, expected): are the canary's never-seen errors more than stable's long tail predicts?

    Good–Turing: in stable, the chance that the next error is of a never-seen template is
    about N1/N (templates seen once / error events). A healthy canary's errors meet unseen
    templates at that rate too, so its count of novel error events is tested against
    Binomial(canary errors, N1/N). None when there is nothing to test or too few stable
    errors to know their tail (then no one-off error can be excused as "normal here").
    """
    n = stable.error_events - stable.server_errors
    base = canary.error_events - canary.server_errors
    if n < LONG_TAIL_MIN_ERRORS or base <= 0 or canary.novel_error_events == 0:
        return None
    q = min(1.0, stable.singleton_error_templates / n)
    return binom_sf(canary.novel_error_events, base, q), base * q
