"""Latency as evidence: per-template duration histograms compared with a rank test.

A canary can answer every request with the same 200 and still be ten times slower; only
the numbers in the lines show it. Each template that carries a duration keeps, per side, a
histogram of its values in logarithmic bins (5% wide), so memory is bounded by templates ×
bins whatever the volume, and two windows' histograms add up (incremental digests sum
them). The sides are compared with the Mann–Whitney U test (as Kayenta does for metrics)
computed on the bins — values in one bin count as ties — with the normal approximation and
its tie correction, which is accurate at the minimum evidence required here.

A finding needs enough values on both sides (`MIN_VALUES`), significance after correcting
for the number of templates tested, and a large effect: the canary's median at least
`MEDIAN_RATIO` times stable's and its p95 worse. Noise between pods (10–30%) and a faster
canary are never findings.
"""

from __future__ import annotations

import math

from exporter.model import LatencyShift

__all__ = ["MEDIAN_RATIO", "MIN_VALUES", "bin_of", "compare_histograms", "quantile"]

MIN_VALUES = 20
MEDIAN_RATIO = 2.0
ALPHA = 0.001
_STEP = math.log(1.05)
PER_STEP = 1.0 / _STEP
ZERO_BIN = -100_000  # values of 0 (and negative values, which no latency has)


def bin_of(value: float) -> int:
    """The histogram bin of a duration: 5%-wide logarithmic bins, 0 in its own bin."""
    if value <= 0.0:
        return ZERO_BIN
    return math.floor(math.log(value) * PER_STEP)


def _value(b: int) -> float:
    return 0.0 if b == ZERO_BIN else math.exp((b + 0.5) * _STEP)


def quantile(hist: dict[int, int], q: float) -> float:
    """The q-quantile of a histogram (the geometric middle of the bin holding it)."""
    total = sum(hist.values())
    if total == 0:
        return 0.0
    rank = q * (total - 1)
    seen = 0
    for b in sorted(hist):
        seen += hist[b]
        if seen > rank:
            return _value(b)
    return _value(max(hist))


def _mann_whitney_slower(stable: dict[int, int], canary: dict[int, int]) -> float:
    """One-sided p-value that canary values tend to be larger than stable's."""
    n1, n2 = sum(stable.values()), sum(canary.values())
    n = n1 + n2
    u = 0.0  # pairs (stable, canary) where canary is larger, ties counting one half
    below = 0  # stable values in lower bins
    ties = 0.0
    for b in sorted(stable.keys() | canary.keys()):
        s, c = stable.get(b, 0), canary.get(b, 0)
        u += c * (below + 0.5 * s)
        below += s
        t = s + c
        ties += t**3 - t
    mean = n1 * n2 / 2.0
    var = n1 * n2 / 12.0 * ((n + 1) - ties / (n * (n - 1)))
    if var <= 0:
        return 1.0
    z = (u - mean - 0.5) / math.sqrt(var)  # continuity correction
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def compare_histograms(
    template: str, stable: dict[int, int], canary: dict[int, int], tests: int
) -> LatencyShift | None:
    """The comparison of one template's durations, or None below the minimum evidence."""
    n1, n2 = sum(stable.values()), sum(canary.values())
    if n1 < MIN_VALUES or n2 < MIN_VALUES:
        return None
    p = min(1.0, _mann_whitney_slower(stable, canary) * max(1, tests))
    s_med, c_med = quantile(stable, 0.5), quantile(canary, 0.5)
    s_p95, c_p95 = quantile(stable, 0.95), quantile(canary, 0.95)
    ratio = c_med / s_med if s_med > 0 else (math.inf if c_med > 0 else 1.0)
    return LatencyShift(
        template=template,
        stable_n=n1,
        canary_n=n2,
        stable_median=s_med,
        canary_median=c_med,
        stable_p95=s_p95,
        canary_p95=c_p95,
        p_value=p,
        regression=p < ALPHA and ratio >= MEDIAN_RATIO and c_p95 > s_p95,
    )
