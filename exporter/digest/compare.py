"""Builds the `Digest`: canary compared with stable as rates, template by template.

Every text is redacted before it is read (secrets never reach a template, an exemplar or a
prompt). Both sides go through one `TemplateMiner`, so a template means the same thing on
each side, and each template's canary count is tested against its stable count relative
to the sides' totals (events, or requests for access-log templates): the canary gets a
fraction of the traffic, so counts alone would always look "better" in the canary.

With thousands of templates some differences are chance, so warning and error p-values
are corrected for the number of templates that could have produced them (`_Multiplicity`).

The fingerprint hashes only what a judge would reason about — warning/error templates that
changed significantly, whether the error rates moved, pod-fact flags, evidence volume in
coarse steps — so noise in counts does not force a new model call for an unchanged canary.
"""

from __future__ import annotations

import bisect
import functools
import gc
import hashlib
import json
import math
import re
from collections.abc import Callable
from dataclasses import replace

from exporter.digest.latency import MIN_VALUES, compare_histograms, quantile
from exporter.digest.reader import ReadStats, read_events
from exporter.digest.redact import redact
from exporter.digest.signals import lexicon_hit, substring_gate
from exporter.digest.stats import novelty_test, rate_test
from exporter.digest.templates import Template, TemplateMiner, mask_emails
from exporter.model import (
    ChangeKind,
    Collected,
    Digest,
    LatencyShift,
    PodFacts,
    Severity,
    SideLogs,
    SideStats,
    TemplateDiff,
)

__all__ = ["ALPHA", "build_digest"]

ALPHA = 0.001  # significance of an increase/decrease; thousands of templates are tested
MIN_RATIO = 2.0  # and the rate must at least double (or halve) to count as a change
HARD_KINDS = frozenset({"exception", "panic", "oom", "crash", "pool"})
_SEV_WEIGHT = {
    Severity.DEBUG: 0.2,
    Severity.INFO: 1.0,
    Severity.WARNING: 2.0,
    Severity.ERROR: 4.0,
    Severity.FATAL: 6.0,
}
_CHANGE_WEIGHT: dict[str, float] = {
    "new": 3.0,
    "increased": 2.0,
    "vanished": 0.6,
    "decreased": 0.4,
    "same": 0.3,
}
_EXAMPLE_CHARS = 300


def _read_side(side: SideLogs, miner: TemplateMiner, index: int) -> tuple[SideStats, int]:
    stats = SideStats(pods=len(side.pods))
    redactions = 0
    error, fatal = Severity.ERROR, Severity.FATAL  # the severities at or above ERROR
    for pod in side.pods:
        # the previous container's logs run straight into the current ones, as a restart
        # does: a start-up banner right after a crash is then read as a crash
        prev = pod.previous_text.rstrip("\n")
        text = f"{prev}\n{pod.text}" if prev else pod.text
        if text:
            clean, n = redact(text)
            redactions += n
            rs = ReadStats()
            add = miner.add
            # counted in locals and severities tested by identity: per-event attribute
            # and dict updates were a visible share of the loop
            events = errors = fatals = requests = server_errors = client_errors = 0
            for ev in read_events(clean, stats=rs):
                events += 1
                sev = ev.severity
                if sev is error or sev is fatal:
                    errors += 1
                    if sev is fatal:
                        fatals += 1
                status = ev.http_status
                if status is not None:
                    requests += 1
                    if status >= 500:
                        server_errors += 1
                    elif status >= 400:
                        client_errors += 1
                add(ev, index)
            stats.events += events
            stats.error_events += errors
            stats.fatal_events += fatals
            stats.requests += requests
            stats.server_errors += server_errors
            stats.client_errors += client_errors
            stats.lines += rs.lines
            stats.truncated_lines += rs.truncated
    facts = side.facts
    stats.restarts = sum(f.restart_count for f in facts)
    stats.oom_kills = sum(
        1
        for f in facts
        if f.last_termination_reason == "OOMKilled" or any("OOMKill" in e for e in f.warning_events)
    )
    stats.crash_loops = sum(1 for f in facts if f.waiting_reason == "CrashLoopBackOff")
    stats.not_ready = sum(1 for f in facts if not f.ready)
    return stats, redactions


def _novelty(templates: list[Template], stable: SideStats, canary: SideStats) -> None:
    """Long-tail statistics of errors, so a judge can tell "a never-seen error" that is
    normal for this service (stable has many one-off errors) from one that is not."""
    err = Severity.ERROR.rank
    for t in templates:
        if t.severity is Severity.WARNING and (t.lexical or t.kind in HARD_KINDS):
            stable.failure_warnings += t.counts[0]
            canary.failure_warnings += t.counts[1]
        if t.severity.rank < err or t.kind == "http_5xx":
            continue
        s, c = t.counts
        stable.singleton_error_templates += s == 1
        canary.singleton_error_templates += c == 1
        if s == 0:
            canary.novel_error_events += c
        if c == 0:
            stable.novel_error_events += s


def _redacted_facts(facts: list[PodFacts]) -> tuple[list[PodFacts], int]:
    out: list[PodFacts] = []
    total = 0
    for f in facts:
        events: list[str] = []
        for e in f.warning_events[:5]:
            text, n = redact(e[:300])
            total += n
            events.append(text)
        out.append(replace(f, warning_events=events))
    return out, total


def _example(text: str) -> str:
    text = text[:_EXAMPLE_CHARS]
    # exemplars keep numbers for the reader, not people's addresses
    return mask_emails(text)


class _Multiplicity:
    """How many templates of a severity could have produced a result at least this extreme.

    With thousands of templates some look significant by chance, so the p-values of
    warning and error templates are Bonferroni-corrected by the number of templates of the
    same severity class with at least as many occurrences in total (only those can reach
    that count): a service rich in one-off errors needs more evidence than a clean one,
    while a new error seen 3 times among a handful of known errors stays significant.
    """

    def __init__(self, templates: list[Template]) -> None:
        self._totals: dict[bool, list[int]] = {True: [], False: []}
        for t in templates:
            if t.severity.rank >= Severity.WARNING.rank:
                self._totals[t.severity.rank >= Severity.ERROR.rank].append(sum(t.counts))
        for totals in self._totals.values():
            totals.sort()

    def __call__(self, severity: Severity, total: int) -> int:
        if severity.rank < Severity.WARNING.rank:
            return 1
        totals = self._totals[severity.rank >= Severity.ERROR.rank]
        return max(1, len(totals) - bisect.bisect_left(totals, total))


def _diff(
    t: Template,
    stable: SideStats,
    canary: SideStats,
    multiplicity: _Multiplicity,
    rate: Callable[[int, int, int, int], tuple[float, float]] = rate_test,
) -> TemplateDiff:
    s, c = t.counts
    if t.http and stable.requests and canary.requests:
        s_total, c_total = stable.requests, canary.requests
    else:
        s_total, c_total = stable.events, canary.events
    p_up, p_down = rate(s, c, s_total, c_total)
    m = multiplicity(t.severity, s + c)
    if m > 1:
        p_up, p_down = min(1.0, p_up * m), min(1.0, p_down * m)
    s_rate = s / s_total if s_total else 0.0
    c_rate = c / c_total if c_total else 0.0
    change: ChangeKind
    p: float | None
    if s == 0 and c > 0:
        change, p = "new", p_up
    elif c == 0 and s > 0:
        change, p = "vanished", p_down
    elif p_up < ALPHA and c_rate >= MIN_RATIO * s_rate:
        change, p = "increased", p_up
    elif p_down < ALPHA and s_rate >= MIN_RATIO * c_rate:
        change, p = "decreased", p_down
    else:
        change, p = "same", min(p_up, p_down)
    side = 0 if change in ("vanished", "decreased") else 1
    kind = t.kind
    lexical = t.lexical
    if (
        change in ("new", "increased")
        and not lexical
        and kind == "log"
        and t.severity.rank <= Severity.INFO.rank
    ):
        # lines at INFO and below are not scanned for error words (most lines are); a new
        # or grown template is, once: a proxy that logs `request failed error=…` at INFO,
        # a broker that logs `error connecting to …` at TRACE
        lexical = c >= _LEXICAL_INFO_MIN and lexicon_hit(t.text)
    if t.injection and kind == "log":
        kind = "injection"
    return TemplateDiff(
        template=t.text,
        severity=t.severity,
        change=change,
        stable_count=s,
        canary_count=c,
        stable_rate=s_rate,
        canary_rate=c_rate,
        signature=t.signature,
        kind=kind,
        examples=[_example(e) for e in t.examples[side]],
        p_value=p,
        lexical=lexical,
    )


_LEXICAL_INFO_MIN = 3  # a new INFO template is read for error words once it repeats


def importance(d: TemplateDiff) -> float:
    """How much a reader (human or model) should care about this difference."""
    weight = _SEV_WEIGHT[d.severity] * _CHANGE_WEIGHT[d.change]
    if d.lexical and d.severity is Severity.INFO:
        weight *= 2.0  # a failure reported at INFO ranks with warnings
    if d.kind in HARD_KINDS:
        weight *= 2.0
    elif d.kind in ("http_5xx", "injection"):
        weight *= 1.5
    if d.p_value is not None and d.p_value > 0:
        weight *= 1.0 + min(10.0, -math.log10(d.p_value)) / 3.0
    elif d.p_value == 0:
        weight *= 1.0 + 10.0 / 3.0
    return weight + 0.01 * math.log1p(d.canary_count + d.stable_count)


def _relevant(d: TemplateDiff) -> bool:
    if d.change != "same":
        return True
    # unchanged errors stay visible: "pre-existing, same rate" is evidence too
    return d.severity.rank >= Severity.WARNING.rank or d.kind in HARD_KINDS


def _significant(d: TemplateDiff, long_tail: bool) -> bool:
    """Changes a judge reasons about that would survive the next window's noise (used by
    the fingerprint): INFO/DEBUG churn never changes a verdict, so it is left out."""
    if d.change == "same" or (d.severity.rank < Severity.WARNING.rank and d.kind == "log"):
        return False
    if d.change == "new":
        if d.kind in ("panic", "oom", "crash") or (d.p_value is not None and d.p_value < 0.01):
            return True
        # a one-off: noise in a long-tailed service (its one-offs come and go between
        # windows), a finding in a clean one
        return d.severity.rank >= Severity.ERROR.rank and not long_tail
    return d.p_value is not None and d.p_value < ALPHA


def _shift(stable: int, canary: int, stable_total: int, canary_total: int) -> str:
    """Whether the canary's rate is significantly higher/lower: stable across windows where
    bucketed raw rates would flip at every bucket edge."""
    p_up, p_down = rate_test(stable, canary, stable_total, canary_total)
    if p_up < ALPHA:
        return "higher"
    return "lower" if p_down < ALPHA else "same"


def _volume(events: int) -> int:
    """Coarse evidence volume: 0, <20 (the default minimum), <200, <2000, more."""
    return sum(1 for edge in (1, 20, 200, 2000) if events >= edge)


def _fingerprint(
    diffs: list[TemplateDiff],
    stable: SideStats,
    canary: SideStats,
    latency: list[LatencyShift],
    comparable: bool,
    unseen: int,
) -> str:
    tested = novelty_test(stable, canary)
    long_tail = tested is not None and tested[0] >= 0.01
    changes = sorted(
        (d.template, d.change, d.severity.value, d.kind, d.signature)
        for d in diffs
        if _significant(d, long_tail)
    )
    facts = [
        (s.crash_loops > 0, s.oom_kills > 0, min(s.restarts, 3), s.not_ready > 0)
        for s in (stable, canary)
    ]
    payload = {
        "changes": changes,
        "error_rate": _shift(
            stable.error_events, canary.error_events, stable.events, canary.events
        ),
        "server_error_rate": _shift(
            stable.server_errors, canary.server_errors, stable.requests, canary.requests
        ),
        "facts": facts,
        "volume": [_volume(stable.events), _volume(canary.events)],
        "long_tail": long_tail,
        "slower": sorted(x.template for x in latency if x.regression),
        "comparable": comparable,
    }
    if not unseen and _volume(stable.events) <= 1:
        # a small stable whose every kind of line the canary has now logged: judged once
        # this holds (heuristic `_complete`), so the comparison changed; only for a small
        # stable, where it matters (a big one's rare templates come and go)
        payload["complete"] = True
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def build_digest(collected: Collected, *, max_diffs: int = 25) -> Digest:
    """Redact, read, template and compare both sides of `collected` into a bounded Digest."""
    # Reading allocates a few objects per line while thousands of templates stay alive, so
    # the cyclic collector would re-scan them every few thousand lines (~15% of the time).
    # Nothing here creates reference cycles; collection resumes when the digest is built.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(collected, max_diffs)
    finally:
        if was_enabled:
            gc.enable()


_MAX_LATENCY = 5
# health-check traffic: kubelet probes, load-balancer checks, metrics scrapes
_PROBE = re.compile(
    r"/_?(?:healthz?|health[-_]?check|livez?|readyz?|ready|readiness|liveness|ping|metrics|status"
    r"|actuator/(?:health|info|prometheus)|q/health|health/)(?![\w-])|kube-probe|ELB-HealthChecker"
    r"|GoogleHC/|Prometheus/\d"
)
# start-up lines: a stable pod that restarted in the window logged them too
_STARTUP = re.compile(
    r"\b(?:[Ss]tart(?:ed|ing)|[Ll]istening|[Ii]nitiali[sz](?:ed|ing)|[Bb]ootstrap|[Ll]oad(?:ed|ing)"
    r"|[Rr]egister(?:ed|ing)|[Cc]onnect(?:ed|ing) to|[Ss]erver created|version)\b(?![=&])"
)  # `version=2` is a request parameter (Solr's `params={…&version=2}`), not a banner
_COVER_SHARE = 0.8  # stable's activity considered: the templates making up 80% of it
_COVER_MIN = 0.5  # the canary must show more than half of it (by weight) to be comparable
_EXPECT_MIN = 3.0  # a unit is only missed when the canary should have logged ≥ 3 of it


# substring gates in front of the regexes (thousands of templates, few probes or banners)
_probe_words = substring_gate(
    "health", "Health", "live", "ready", "ping", "metrics", "status", "probe", "Prometheus/"
)
_startup_words = substring_gate(
    "tart", "isten", "nitiali", "ootstrap", "oad", "egister", "onnect", "erver created", "version"
)


def _is_probe(t: Template) -> bool:
    """Health checks and start-up lines: activity that says nothing about serving."""
    text = t.text
    if _probe_words(text) and _PROBE.search(text) is not None:
        return True
    return (
        not t.http
        and t.severity.rank <= Severity.INFO.rank
        and _startup_words(text)
        and _STARTUP.search(text) is not None
    )


def _side_probe(t: Template, side: int) -> bool:
    """Every exemplar of this side is a health check: a path can be masked or merged in
    the template (`GET "<*>"`, `GET <*> 200`), so its exemplars tell probes from requests."""
    if "<*>" not in t.text and not t.http:  # access lines: the user agent says it too
        return False
    examples = t.examples[side]
    return bool(examples) and all(
        _probe_words(e) and _PROBE.search(e) is not None for e in examples
    )


def _latency(templates: list[Template]) -> list[LatencyShift]:
    """Duration distributions compared per template and over all 2xx requests together
    (routes with too few values each still add up), slowest regressions first."""
    timed = [t for t in templates if len(t.durations) == 2 and all(t.durations)]
    pooled: list[dict[int, int]] = [{}, {}]
    ok_requests = [0, 0]
    for t in templates:
        if t.http and len(t.durations) == 2 and t.text.endswith(("200", "201", "202", "204")):
            for side in (0, 1):
                ok_requests[side] += t.counts[side]
                hist = pooled[side]
                for b, k in t.durations[side].items():
                    hist[b] = hist.get(b, 0) + k
    added = _added_delay(pooled, ok_requests)
    if added is not None:
        return [added]
    candidates: list[tuple[str, dict[int, int], dict[int, int]]] = [
        (t.text, t.durations[0], t.durations[1])
        for t in timed
        if sum(t.durations[0].values()) >= MIN_VALUES and sum(t.durations[1].values()) >= MIN_VALUES
    ]
    if all(pooled) and not any(
        sum(t.durations[0].values()) >= sum(pooled[0].values()) for t in timed
    ):  # pooled differs from every single template
        candidates.append(("all 2xx requests", pooled[0], pooled[1]))
    shifts = [
        shift
        for text, s_hist, c_hist in candidates
        if (shift := compare_histograms(text, s_hist, c_hist, len(candidates))) is not None
    ]
    shifts.sort(key=lambda x: (not x.regression, x.p_value, -x.canary_median))
    return shifts[:_MAX_LATENCY]


_ADDED_DELAY = 1.0  # seconds: a delay stable never reports must be large to count


def _added_delay(pooled: list[dict[int, int]], ok_requests: list[int]) -> LatencyShift | None:
    """Canary requests that report a delay on (nearly) every line while stable's never do
    (apps that print the delay only when there is one): nothing to rank, but a median of
    seconds added to each request is a slowdown."""
    s_n, c_n = sum(pooled[0].values()), sum(pooled[1].values())
    if s_n or ok_requests[0] < MIN_VALUES or c_n < MIN_VALUES or c_n < 0.8 * ok_requests[1]:
        return None
    median, p95 = quantile(pooled[1], 0.5), quantile(pooled[1], 0.95)
    if median < _ADDED_DELAY:
        return None
    return LatencyShift("all 2xx requests", 0, c_n, 0.0, median, 0.0, p95, 0.0, True)


def _comparable(templates: list[Template], canary_events: int) -> tuple[bool, str, int]:
    """Whether the canary logged the activity that dominates stable (requests by status,
    other work by template), probes aside: a canary that only printed its start-up banner
    or answered health checks has nothing to compare, whatever its event count."""
    units: dict[object, list[int]] = {}
    shared = 0  # canary events of (non-probe) kinds stable logs too: the comparable evidence
    # only templates that can weigh are classified (the regexes are the cost): a line kind
    # below 0.2% of stable cannot be among its main activity, and probes repeat
    floor = max(2, sum(t.counts[0] for t in templates) // 500)
    small = 0
    for t in templates:
        s_n, c_n = t.counts
        if t.http:
            if s_n + c_n >= 2 and _is_probe(t):
                continue
        elif s_n < floor:
            small += s_n
            if s_n:
                shared += c_n
            continue
        elif _is_probe(t):
            continue
        key: object = ("http", t.text.rsplit(" ", 1)[-1]) if t.http else id(t)
        counts = units.setdefault(key, [0, 0])
        for side in (0, 1):
            if t.counts[side] and not (t.counts[side] >= 2 and _side_probe(t, side)):
                counts[side] += t.counts[side]
    stable_total = small + sum(c[0] for c in units.values())
    # requests by status, other lines by template: a renamed route still compares
    shared += sum(c[1] for c in units.values() if c[0])
    if not stable_total or not canary_events:
        return True, "", shared
    ranked = sorted(units.values(), key=lambda c: -c[0])
    seen = considered = covered = 0.0
    for s_n, c_n in ranked[:20]:
        if seen >= _COVER_SHARE or not s_n:
            break
        weight = s_n / stable_total
        seen += weight
        expected = weight * canary_events
        if expected < _EXPECT_MIN:
            continue
        considered += weight
        if c_n >= max(1.0, 0.1 * expected):
            covered += weight
    if not considered or covered / considered > _COVER_MIN:
        return True, "", shared
    return (
        False,
        f"no comparable traffic: the canary logged {covered / considered:.0%} of the activity"
        f" that makes up stable's logs ({considered:.0%} of stable's events considered);"
        " its lines are start-up, probe or other output only",
        shared,
    )


def _build(collected: Collected, max_diffs: int) -> Digest:
    miner = TemplateMiner(sides=2)
    stable, r1 = _read_side(collected.stable, miner, 0)
    canary, r2 = _read_side(collected.canary, miner, 1)
    return digest_from(miner, stable, canary, collected, r1 + r2, max_diffs)


_VARIANT_MAX = 2  # only rare new errors are looked at: a repeated one is judged as new


def _mark_variants(diffs: list[TemplateDiff]) -> list[TemplateDiff]:
    """Rare new error templates that differ from one of stable's error templates of the
    same severity in exactly one whitespace token get `variant_of` set."""
    rare = [
        i
        for i, d in enumerate(diffs)
        if d.change == "new"
        and d.canary_count <= _VARIANT_MAX
        and d.kind == "log"
        and d.severity.rank >= Severity.ERROR.rank
    ]
    _mark_families(diffs)
    if not rare:
        return diffs
    known: dict[tuple[Severity, int], list[tuple[str, list[str]]]] = {}
    for d in diffs:
        if d.stable_count and d.kind == "log" and d.severity.rank >= Severity.ERROR.rank:
            words = d.template.split()
            known.setdefault((d.severity, len(words)), []).append((d.template, words))
    for i in rare:
        words = diffs[i].template.split()
        for text, other in known.get((diffs[i].severity, len(words)), ()):
            if sum(a != b for a, b in zip(words, other, strict=True)) == 1:
                diffs[i] = replace(diffs[i], variant_of=text)
                break
    return diffs


def _mark_families(diffs: list[TemplateDiff]) -> None:
    """New warning-or-worse templates that differ from each other in one whitespace token
    get the family's canary count (only families of two or more)."""
    new = [
        i
        for i, d in enumerate(diffs)
        if d.change == "new" and d.kind == "log" and d.severity.rank >= Severity.WARNING.rank
    ]
    if len(new) < 2 or len(new) > _FAMILY_MAX:
        return
    groups: dict[tuple[object, ...], list[int]] = {}
    for i in new:
        words = diffs[i].template.split()
        for pos in range(len(words)):
            key = (diffs[i].severity, len(words), pos, *words[:pos], *words[pos + 1 :])
            groups.setdefault(key, []).append(i)
    family: dict[int, int] = {}
    for members in groups.values():
        if len(members) > 1:
            total = sum(diffs[i].canary_count for i in members)
            for i in members:
                family[i] = max(family.get(i, 0), total)
    for i, total in family.items():
        diffs[i] = replace(diffs[i], family_count=total)


_FAMILY_MAX = 200  # new warning templates looked at for families (a flood is judged as is)


def digest_from(
    miner: TemplateMiner,
    stable: SideStats,
    canary: SideStats,
    collected: Collected,
    redactions: int,
    max_diffs: int = 25,
) -> Digest:
    """The comparison of what was read into `miner` and the side stats (also the window's
    sums kept by `digest.incremental`); pod facts come from `collected`."""
    templates = miner.templates()
    stable.templates = sum(1 for t in templates if t.counts[0])
    canary.templates = sum(1 for t in templates if t.counts[1])
    unseen = sum(1 for t in templates if t.counts[0] and not t.counts[1])
    _novelty(templates, stable, canary)
    multiplicity = _Multiplicity(templates)
    # thousands of templates share a few hundred count pairs: each rate test runs once
    rate = functools.lru_cache(maxsize=None)(rate_test)
    all_diffs = _mark_variants([_diff(t, stable, canary, multiplicity, rate) for t in templates])
    ranked = sorted(
        (d for d in all_diffs if _relevant(d)),
        key=lambda d: (-importance(d), d.template, d.signature),
    )
    stable_facts, r3 = _redacted_facts(collected.stable.facts)
    canary_facts, r4 = _redacted_facts(collected.canary.facts)
    # before the merge pass: merged routes (`GET <*> 200`) would hide health checks
    raw = miner.raw()  # one sort of the raw templates for both readers of them
    comparable, note, comparable_events = _comparable(raw, canary.events)
    latency = _latency(raw)
    return Digest(
        latency=latency,
        comparable=comparable,
        comparable_note=note,
        comparable_events=comparable_events,
        stable_templates_unseen=unseen,
        stable=stable,
        canary=canary,
        diffs=ranked[:max_diffs],
        stable_facts=stable_facts,
        canary_facts=canary_facts,
        redactions=redactions + r3 + r4,
        fingerprint=_fingerprint(all_diffs, stable, canary, latency, comparable, unseen),
    )
