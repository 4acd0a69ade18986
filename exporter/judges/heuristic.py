"""The deterministic judge: a verdict from the digest alone, with evidence a human can read.

It is the floor under every model judge: its `hard` evidence (new fatal/panic/stack-trace
signatures only in the canary, crash loops, OOM kills, an error-rate jump) can never be
overruled into a promote, and it is the fallback verdict when models fail. So it is
conservative in one direction only: anything that clearly breaks in the canary aborts,
cosmetic change (new INFO lines, versions, ids) does not, errors that stable has at the
same rate are not the canary's fault, and too little canary evidence is `inconclusive`
rather than a guess. Log text never changes anything here: it is counted, not obeyed.

A new error is judged by its evidence: seen at least a few times (its p-value, corrected
for how many error templates exist, below 0.01) it is a strong finding; seen once it is a
weak one, and not even that when stable's own long tail of one-off errors predicts that
many (Good–Turing, `digest.stats.novelty_test`). Stack traces, panics, OOM, crash banners
and pool exhaustion only in the canary are hard when they repeat (panics, OOM and crashes
even once).

Too little evidence is about the canary: against a quiet stable (a banner, then no error)
a canary that repeats new errors is judged, not kept waiting, because no rate test can be
significant on a stable of a handful of events.

Score: 1 minus the soft penalties; hard evidence caps it below the abort threshold; the
verdict follows from the score by the thresholds, so score and verdict always agree.
Thresholds configured with an empty inconclusive band still leave too-little-evidence
verdicts inconclusive.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from exporter.digest.stats import novelty_test, rate_test
from exporter.model import Digest, Evidence, JudgeVerdict, Severity, TemplateDiff, Verdict

__all__ = ["judge_digest"]

HARD_KINDS = frozenset({"exception", "panic", "oom", "crash", "pool"})
_ALWAYS_HARD = frozenset({"panic", "oom", "crash"})
_STRONG = 0.55  # one strong finding alone takes a default-threshold score below 0.5
_NEW_ERROR_WEAK = 0.3
_INCREASED_ERROR = 0.35
_WARNING_EACH, _WARNING_CAP = 0.05, 0.15
_WARN_SHARE_JUMP = 0.05  # five more events in a hundred are failure warnings
_WARN_STORM = 0.10  # a new warning on one canary event in ten
NOVELTY_ALPHA = 0.01  # more one-off errors than the long tail explains, at this level

_REMEDIATION = {
    "oom": "Roll back; then check the canary's memory use (heap settings, leaks, cache sizes)"
    " against its memory limit.",
    "pool": "Roll back; then check connection-pool size, connection leaks (unclosed"
    " connections/transactions) and the database's connection limit.",
    "panic": "Roll back; then fix the panicking code path named in the signature.",
    "crash": "Roll back; then read the previous container's logs and the exit code of the"
    " crashing pods.",
    "exception": "Roll back; then fix the code path named in the exception signature.",
    "error": "Roll back; then fix the new error shown in the examples.",
    "rate": "Roll back; then compare the canary's failing requests/errors with stable's.",
    "image": "Roll back; then check the image reference, the registry credentials"
    " (imagePullSecrets) and that the tag was pushed.",
    "latency": "Roll back; then profile the slow code path named in the template (new queries,"
    " timeouts, sleeps, resource limits).",
}
# pods that never start: nothing to compare, but the release is broken
_CANNOT_START = frozenset(
    {
        "ImagePullBackOff",
        "ErrImagePull",
        "InvalidImageName",
        "ErrImageNeverPull",
        "CreateContainerConfigError",
        "CreateContainerError",
        "RunContainerError",
    }
)
_PULL_EVENT = ("Failed to pull image", "ErrImagePull", "ImagePullBackOff", "Back-off pulling image")


@dataclass(slots=True)
class _Findings:
    hard: list[Evidence] = field(default_factory=list)
    soft: list[tuple[Evidence, float]] = field(default_factory=list)
    info: list[Evidence] = field(default_factory=list)
    remedy: list[str] = field(default_factory=list)  # remediation keys, most important first

    def add_hard(self, kind: str, message: str, remedy: str) -> None:
        self.hard.append(Evidence(kind, "hard", message))
        self.remedy.append(remedy)

    def add_soft(self, kind: str, message: str, penalty: float, remedy: str = "") -> None:
        self.soft.append((Evidence(kind, "soft", message), penalty))
        if remedy:
            self.remedy.append(remedy)


def _pct(x: float) -> str:
    return f"{x * 100:.2f}%"


def _describe(d: TemplateDiff) -> str:
    what = d.signature or d.template
    text = (
        f"{d.severity.value} {d.kind} '{what[:200]}': canary {d.canary_count}"
        f" ({_pct(d.canary_rate)}) vs stable {d.stable_count} ({_pct(d.stable_rate)})"
    )
    if d.examples:
        text += f"; e.g. {d.examples[0][:160]}"
    return text


def _pod_findings(digest: Digest, f: _Findings) -> None:
    s, c = digest.stable, digest.canary
    c_pods = max(c.pods, len(digest.canary_facts), 1)
    s_pods = max(s.pods, len(digest.stable_facts), 1)
    if c.crash_loops and c.crash_loops / c_pods > s.crash_loops / s_pods:
        f.add_hard("crash_loop", f"{c.crash_loops} canary pod(s) in CrashLoopBackOff", "crash")
    if c.oom_kills and c.oom_kills / c_pods > s.oom_kills / s_pods:
        f.add_hard("oom_killed", f"{c.oom_kills} canary pod(s) OOMKilled", "oom")
    c_rpp, s_rpp = c.restarts / c_pods, s.restarts / s_pods
    if c.restarts >= 2 and c_rpp >= s_rpp + 1:
        f.add_hard(
            "restarts", f"canary pods restarted {c.restarts} times (stable {s.restarts})", "crash"
        )
    elif c.restarts and c_rpp > s_rpp:
        f.add_soft("restarts", f"canary pod restarted {c.restarts} time(s)", 0.3, "crash")
    stuck = [
        f"{p.name}: {p.waiting_reason}"
        for p in digest.canary_facts
        if p.waiting_reason in _CANNOT_START
        or any(marker in e for e in p.warning_events for marker in _PULL_EVENT)
    ]
    if stuck and not any(p.waiting_reason in _CANNOT_START for p in digest.stable_facts):
        f.add_hard("cannot_start", "canary pod(s) cannot start: " + "; ".join(stuck[:3]), "image")
    if c.not_ready and c.not_ready / c_pods > s.not_ready / s_pods:
        f.add_soft("not_ready", f"{c.not_ready} canary pod(s) not ready", 0.15)


def _rate_findings(digest: Digest, f: _Findings) -> None:
    s, c = digest.stable, digest.canary
    # (kind, label, stable count, stable total, canary count, canary total, hard allowed)
    checks = (
        ("error_rate_jump", "error rate", s.error_events, s.events, c.error_events, c.events, 1),
        (
            "server_error_rate_jump",
            "HTTP 5xx rate",
            s.server_errors,
            s.requests,
            c.server_errors,
            c.requests,
            1,
        ),
        # requests refused by the canary (`"POST /write …" 400`): a version that rejects
        # what stable accepts fails its clients, whatever the 4xx means
        (
            "client_error_rate_jump",
            "HTTP 4xx rate",
            s.client_errors,
            s.requests,
            c.client_errors,
            c.requests,
            0,
        ),
        # failures logged at WARN (`WARN: ActiveRecord::RecordNotFound …`) over all
        # templates: the per-template rule misses one failure split by job class or route
        (
            "failure_warning_rate_jump",
            "failure-warning rate",
            s.failure_warnings,
            s.events,
            c.failure_warnings,
            c.events,
            0,
        ),
    )
    for kind, label, s_n, s_total, c_n, c_total, can_be_hard in checks:
        if not c_total or not s_total or not c_n:
            continue
        s_rate, c_rate = s_n / s_total, c_n / c_total
        p_up, _ = rate_test(s_n, c_n, s_total, c_total)
        msg = (
            f"canary {label} {_pct(c_rate)} ({c_n}/{c_total}) vs stable {_pct(s_rate)}"
            f" ({s_n}/{s_total}), p={p_up:.2g}"
        )
        if not can_be_hard:
            # no level says these are failures: only a large jump counts, as a strong
            # (overrulable) finding; a small drift is noise
            if c_rate - s_rate >= _WARN_SHARE_JUMP and c_rate >= 3 * s_rate and p_up < 0.001:
                f.add_soft(kind, msg, _STRONG, "rate")
        elif c_rate >= 2 * s_rate and c_rate - s_rate >= 0.01 and p_up < 0.001:
            f.add_hard(kind, msg, "rate")
        elif c_rate >= 1.5 * s_rate and c_rate - s_rate >= 0.005 and p_up < 0.01:
            f.add_soft(kind, msg, 0.3, "rate")


def _seconds(x: float) -> str:
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def _latency_findings(digest: Digest, f: _Findings) -> None:
    for x in digest.latency:
        if not x.regression:
            continue
        if not x.stable_n:
            # no baseline to rank against (stable prints no delay at all): strong, but soft
            # — a version that merely starts logging its timings must stay overrulable
            f.add_soft(
                "latency_added",
                f"slower in canary: {x.canary_n} canary requests report a delay (median"
                f" {_seconds(x.canary_median)}, p95 {_seconds(x.canary_p95)}) that none of"
                " stable's requests shows",
                _STRONG,
                "latency",
            )
            continue
        f.add_hard(
            "latency_regression",
            f"slower in canary: '{x.template[:160]}' median {_seconds(x.canary_median)} vs"
            f" {_seconds(x.stable_median)} (p95 {_seconds(x.canary_p95)} vs"
            f" {_seconds(x.stable_p95)}; {x.canary_n} vs {x.stable_n} values,"
            f" Mann–Whitney p={x.p_value:.2g})",
            "latency",
        )


def _server_rate_up(digest: Digest) -> bool:
    s, c = digest.stable, digest.canary
    if not s.requests or not c.requests:
        return bool(c.server_errors)
    return rate_test(s.server_errors, c.server_errors, s.requests, c.requests)[0] < 0.01


def _novelty_expected(digest: Digest) -> tuple[bool, str]:
    """True when the canary's one-off errors are what stable's own long tail predicts."""
    tested = novelty_test(digest.stable, digest.canary)
    if tested is None:
        return False, ""
    p, expected = tested
    text = (
        f"{digest.canary.novel_error_events} canary error event(s) of never-seen templates;"
        f" stable's own long tail predicts {expected:.1f} (p={p:.2g})"
    )
    return p >= NOVELTY_ALPHA, text


def _diff_findings(
    digest: Digest, f: _Findings, quiet: bool = False, complete: bool = False
) -> None:
    long_tail, tail_text = _novelty_expected(digest)
    server_up = _server_rate_up(digest)
    if long_tail:
        f.info.append(Evidence("error_long_tail", "info", tail_text))
    warn_penalty = 0.0
    new_info = 0
    injections = 0
    for d in digest.diffs:
        if d.kind == "injection":
            injections += 1
        rank = d.severity.rank
        hard_kind = d.kind in HARD_KINDS
        remedy = d.kind if d.kind in _REMEDIATION else "error"
        if d.change == "new":
            # p is corrected for the number of error templates (digest): significant here
            # means "not one of the chance hits a long list of templates produces"
            strong = d.p_value < 0.01 if d.p_value is not None else d.canary_count >= 2
            # against a quiet stable no rate test can be significant: repetition is the test
            strong = strong or (quiet and d.canary_count >= _QUIET_REPEAT)
            # one failure spread over templates by an id in its text: judged by the family
            strong = strong or d.family_count >= _QUIET_REPEAT
            # a window that is one pass through the same sequence on both sides (a boot):
            # each line is logged once, so once is as often as anything stable logged
            strong = strong or (complete and rank >= Severity.ERROR.rank)
            if (
                hard_kind
                and rank >= Severity.WARNING.rank
                and (strong or d.kind in _ALWAYS_HARD or d.severity is Severity.FATAL)
            ):
                f.add_hard(f"new_{d.kind}", "only in canary: " + _describe(d), remedy)
            elif d.kind == "http_5xx":
                # a route+status pair, not an error signature: one stray 5xx on a route
                # stable happened not to fail on is noise, and so is a renamed route
                # (a version or colour in the line) while the 5xx rate holds; the
                # 5xx-rate test covers volume
                if d.canary_count >= 2 and server_up:
                    penalty = _STRONG if d.canary_count >= 3 and strong else _NEW_ERROR_WEAK
                    f.add_soft("new_5xx", "only in canary: " + _describe(d), penalty, "rate")
                else:
                    f.info.append(
                        Evidence("new_5xx", "info", "once, only in canary: " + _describe(d))
                    )
            elif rank >= Severity.ERROR.rank:
                if not strong and long_tail:
                    f.info.append(Evidence("new_error_once", "info", "once: " + _describe(d)))
                    continue
                if not strong and d.variant_of:
                    f.info.append(
                        Evidence(
                            "error_variant",
                            "info",
                            f"a pre-existing error with another value: {_describe(d)}; stable"
                            f" logs '{d.variant_of[:160]}'",
                        )
                    )
                    continue
                penalty = _STRONG if strong or hard_kind else _NEW_ERROR_WEAK
                f.add_soft("new_error", "only in canary: " + _describe(d), penalty, remedy)
            elif (
                rank == Severity.WARNING.rank
                and d.canary_rate >= _WARN_STORM
                and d.p_value is not None
                and d.p_value < 0.001
            ):
                # a new warning that makes up a tenth of everything the canary logs (GC
                # pauses, retries, back-pressure): a storm, not a cosmetic line
                f.add_soft("new_warning_storm", "only in canary: " + _describe(d), _STRONG)
            elif rank == Severity.WARNING.rank and d.lexical and strong:
                # a warning that reports a failure, repeated, only in the canary: what an
                # error is, at another level (`WARN … Putting block … failed`)
                f.add_soft(
                    "new_failure_warning", "only in canary: " + _describe(d), _STRONG, remedy
                )
            elif rank == Severity.WARNING.rank:
                step = min(_WARNING_EACH, _WARNING_CAP - warn_penalty)
                warn_penalty += step
                f.add_soft("new_warning", "only in canary: " + _describe(d), step)
            elif rank == Severity.INFO.rank and d.lexical and strong:
                # a failure reported at INFO (`HTTP/1.1 request failed error=…`), repeated,
                # only in the canary: weaker than at WARN, but not an INFO line like others
                f.add_soft("new_failure_info", "only in canary: " + _describe(d), _NEW_ERROR_WEAK)
            else:
                new_info += 1
        elif d.change == "increased" and rank >= Severity.ERROR.rank:
            msg = "more frequent in canary: " + _describe(d)
            if hard_kind:
                f.add_hard(f"increased_{d.kind}", msg, remedy)
            else:
                f.add_soft("increased_error", msg, _INCREASED_ERROR, remedy)
        elif (
            d.change == "increased"
            and rank == Severity.WARNING.rank
            and d.lexical
            and d.canary_rate - d.stable_rate >= _WARN_SHARE_JUMP
            and d.canary_rate >= 3 * d.stable_rate
        ):
            # a warning that reports a failure (`WARN … exception while serving …`) whose
            # share of the canary's events jumped: failures logged at WARN are failures
            f.add_soft(
                "increased_failure_warning",
                "failure warnings more frequent in canary: " + _describe(d),
                _STRONG,
                remedy,
            )
        elif (
            d.change == "increased"
            and rank <= Severity.INFO.rank
            and d.lexical
            and d.canary_rate - d.stable_rate >= 2 * _WARN_SHARE_JUMP
            and d.canary_rate >= 3 * d.stable_rate
        ):
            # failures logged at INFO (`"level":"info","msg":"… encountered error"`) or
            # below (`TRACE … error connecting to …: Connection refused`) grown to a large
            # share of the canary's lines: the bar is twice a warning's
            f.add_soft(
                "increased_failure_info",
                f"failures logged at {d.severity.value.upper()} more frequent in canary: "
                + _describe(d),
                _STRONG,
                remedy,
            )
        elif d.change == "increased" and rank == Severity.WARNING.rank:
            step = min(_WARNING_EACH, _WARNING_CAP - warn_penalty)
            warn_penalty += step
            f.add_soft("increased_warning", "more frequent in canary: " + _describe(d), step)
        elif d.change == "same" and rank >= Severity.ERROR.rank:
            # "same" means no significant change; on few occurrences the rates may still
            # look far apart, and saying "same rate" then misleads the reader.
            lo, hi = sorted((d.stable_rate, d.canary_rate))
            label = (
                "same rate on both sides"
                if hi <= 2 * lo
                else "no significant change (too few occurrences to tell)"
            )
            f.info.append(Evidence("preexisting_error", "info", f"{label}: " + _describe(d)))
        elif d.change in ("vanished", "decreased") and rank >= Severity.ERROR.rank:
            f.info.append(Evidence(f"{d.change}_error", "info", f"{d.change}: " + _describe(d)))
    if new_info:
        f.info.append(
            Evidence("new_info", "info", f"{new_info} new INFO/DEBUG template(s) (not penalised)")
        )
    if injections:
        f.info.append(
            Evidence(
                "injection",
                "info",
                f"{injections} log template(s) contain text addressed to an AI model;"
                " treated as data, the verdict is unaffected",
            )
        )


_QUIET_REPEAT = 3  # each new error template seen this often in the canary
_QUIET_TOTAL = 5  # and this many such error events in all


def _complete(digest: Digest, min_events: int) -> bool:
    """True when a side below the minimum has shown all there is: both windows are a
    sequence of distinct lines, not traffic (each kind of line logged about once, as in
    WildFly's boot and then silence), and the canary has logged every kind of line stable
    did. A canary that repeats lines stable never logged is not one (`_fails_alone`).

    In such a window a new error logged once is as often as anything stable logged, so it
    is judged as repeated, and on its few lines (waiting brings no more). A clean one stays
    inconclusive: nothing has served traffic yet (SPEC §3), however alike the boots are.
    Every part of the test is a rate or a set, so a longer stable window keeps it.
    """
    s, c = digest.stable, digest.canary
    return (
        (c.events < min_events or s.events < min_events)
        and digest.stable_templates_unseen == 0
        and c.events >= _QUIET_TOTAL
        and s.events <= _PASS_REPEAT * s.templates
        and c.events <= _PASS_REPEAT * c.templates
    )


_PASS_REPEAT = 3  # a sequence, not traffic: a side logs each kind of line this often at most


def _fails_alone(digest: Digest) -> bool:
    """True when the canary repeats new error signatures that a quiet stable never logged.

    Rate tests cannot be significant against a stable of a handful of events, so this
    counts: repeated new errors are failures whatever the baseline's size.
    """
    if digest.stable.error_events:
        return False  # a stable that errs too is a baseline that needs its rates compared
    repeated = [
        d.canary_count
        for d in digest.diffs
        if d.change == "new"
        and d.kind != "injection"
        and (
            d.severity.rank >= Severity.ERROR.rank
            or (d.severity is Severity.WARNING and d.lexical)  # `[warn]: failed to flush`
        )
        and d.canary_count >= _QUIET_REPEAT
    ]
    return sum(repeated) >= _QUIET_TOTAL


def _verdict(score: float, promote: float, abort: float) -> Verdict:
    if score >= promote:
        return Verdict.PROMOTE
    if score < abort:
        return Verdict.ABORT
    return Verdict.INCONCLUSIVE


def judge_digest(
    digest: Digest,
    *,
    promote_threshold: float = 0.8,
    abort_threshold: float = 0.5,
    min_canary_events: int = 20,
) -> JudgeVerdict:
    """Judge the digest deterministically; see the module docstring for the rules."""
    f = _Findings()
    c, s = digest.canary, digest.stable
    # a quiet stable (a banner, then silence) is a baseline too: it logged no error in the
    # window in which the canary keeps logging new ones. "Too little evidence" is about
    # the canary, and this canary has said enough
    quiet = s.events < min_canary_events <= c.events and _fails_alone(digest)
    complete = _complete(digest, min_canary_events)
    _pod_findings(digest, f)
    _rate_findings(digest, f)
    _diff_findings(digest, f, quiet, complete)
    _latency_findings(digest, f)

    score = max(0.0, 1.0 - sum(p for _, p in f.soft))
    lead: list[Evidence] = []  # the reason for the verdict when it is not a finding
    # a complete window with a strong failure in it has said all it will: waiting brings no
    # more lines (a clean one still waits: nothing has served traffic yet)
    failed_once = complete and any(p >= _STRONG for _, p in f.soft)
    low_evidence = not failed_once and (
        c.events < min_canary_events or (s.events < min_canary_events and not quiet)
    )
    if quiet:
        lead.append(
            Evidence(
                "quiet_stable",
                "info",
                f"stable logged only {s.events} event(s) and no error; the canary's"
                f" {c.events} events repeat new errors",
            )
        )
    shared = digest.comparable_events
    # half the minimum: start-up lines may make up part of a young canary's evidence, but
    # a banner and a handful of requests is not a comparison
    thin = shared is not None and 2 * shared < min_canary_events
    if not low_evidence and (not digest.comparable or thin) and score >= abort_threshold:
        # the canary logged something, but (almost) none of what stable does: no
        # comparison was possible, so the verdict waits exactly as for too little evidence
        # — unless what it did log are failures strong enough to abort on (a canary that
        # only logs repeated new errors while it never serves is broken, not young)
        low_evidence = True
        note = digest.comparable_note or (
            f"too little comparable evidence: {shared} canary event(s) of the kinds stable"
            f" logs (< {min_canary_events // 2}); the rest is start-up or probe output"
        )
        lead.append(Evidence("no_comparable_traffic", "info", note))
    if f.hard:
        score = min(score, abort_threshold * 0.4)
        confidence = min(99, 88 + 4 * len(f.hard))
    elif low_evidence:
        # never a guess: pinned inside the inconclusive band whatever the soft findings say
        score = min(max(score, abort_threshold), promote_threshold - 0.001)
        side = "canary" if c.events < min_canary_events else "stable"
        n = c.events if side == "canary" else s.events
        if not lead:
            lead.append(
                Evidence(
                    "low_evidence",
                    "info",
                    f"too little evidence: {side} has {n} log events (< {min_canary_events})",
                )
            )
            confidence = int(15 + 35 * min(1.0, n / max(1, min_canary_events)))
        else:
            confidence = 40
    else:
        volume = min(1.0, math.log10(1 + c.events) / math.log10(2000))
        edge = min(abs(score - promote_threshold), abs(score - abort_threshold))
        confidence = int((50 + 45 * volume) * (0.6 + 0.4 * min(1.0, edge / 0.2)))
    score = round(score, 4)  # the verdict follows the score as published, never a hair off
    verdict = _verdict(score, promote_threshold, abort_threshold)
    if low_evidence and not f.hard:
        verdict = Verdict.INCONCLUSIVE  # thresholds may be configured so the band is empty

    evidence = lead + f.hard + [e for e, _ in sorted(f.soft, key=lambda x: -x[1])] + f.info
    return JudgeVerdict(
        judge="heuristic",
        verdict=verdict,
        score=score,
        confidence=max(0, min(100, confidence)),
        analysis=_analysis(digest, verdict, score, f),
        root_cause=_root_cause(verdict, f, low_evidence),
        remediation=_remediation(verdict, f, low_evidence),
        evidence=evidence,
    )


def _analysis(digest: Digest, verdict: Verdict, score: float, f: _Findings) -> str:
    s, c = digest.stable, digest.canary
    text = (
        f"Canary: {c.events} events from {c.pods} pod(s), error rate {_pct(c.error_rate)};"
        f" stable: {s.events} events from {s.pods} pod(s), error rate {_pct(s.error_rate)}."
    )
    if c.requests or s.requests:
        text += (
            f" HTTP 5xx rate canary {_pct(c.server_error_rate)} vs stable"
            f" {_pct(s.server_error_rate)}."
        )
    text += (
        f" {len(f.hard)} hard and {len(f.soft)} soft finding(s)."
        f" Verdict {verdict.value} (score {score:.2f})."
    )
    top = f.hard[:2] or [e for e, _ in sorted(f.soft, key=lambda x: -x[1])[:2]]
    if top:
        text += " Main finding(s): " + " / ".join(e.message for e in top)
    elif any(e.kind == "preexisting_error" for e in f.info):
        text += " Errors seen in the canary occur at the same rate in stable."
    return text


def _root_cause(verdict: Verdict, f: _Findings, low_evidence: bool) -> str:
    if f.hard:
        return f.hard[0].message
    if f.soft and verdict is not Verdict.PROMOTE:
        return max(f.soft, key=lambda x: x[1])[0].message
    if low_evidence:
        return "Not enough canary log evidence yet to judge."
    return "No regression found in the canary's logs."


def _remediation(verdict: Verdict, f: _Findings, low_evidence: bool) -> str:
    if verdict is Verdict.PROMOTE:
        return "None needed."
    if f.remedy and (f.hard or not low_evidence):
        return _REMEDIATION[f.remedy[0]]
    if low_evidence:
        return "Wait for the canary to receive traffic (or raise its weight), then re-analyse."
    return "Keep the canary at its current weight and re-analyse; review the findings above."
