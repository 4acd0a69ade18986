"""The plain data that flows down the pipeline.

collect → (PodLogs, PodFacts) → digest → Digest → judges → JudgeVerdict/ModelResult →
analysis → AnalysisResult → sinks. Every stage takes and returns these types and nothing
else, so each stage can be tested with plain values and `analyze` (two files) and `serve`
(a cluster) share the middle of the pipeline. Nothing here does I/O.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal


class Verdict(StrEnum):
    PROMOTE = "promote"
    ABORT = "abort"
    INCONCLUSIVE = "inconclusive"

    @property
    def gauge_value(self) -> int:
        """`ai_canary_verdict`: 1 promote, 0 abort, -1 inconclusive."""
        return {Verdict.PROMOTE: 1, Verdict.ABORT: 0, Verdict.INCONCLUSIVE: -1}[self]


class Severity(StrEnum):
    """Ordered severities of a log event (compare with `.rank`)."""

    DEBUG = "debug"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    FATAL = "fatal"

    # Enum's own __hash__ is a Python-level call (hash of the member name); a severity is a
    # key of the template index for every log event, so hash it as the string it equals
    __hash__ = str.__hash__

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {
    Severity.DEBUG: 0,
    Severity.INFO: 1,
    Severity.WARNING: 2,
    Severity.ERROR: 3,
    Severity.FATAL: 4,
}

TargetSource = Literal["rollout", "static", "a2a"]


def selector_hash(selector: str) -> str:
    """Stable short hash of a label selector: the canary id when no pod-template hash exists."""
    canonical = ",".join(sorted(part.strip() for part in selector.split(",") if part.strip()))
    return "sel-" + hashlib.sha256(canonical.encode()).hexdigest()[:10]


@dataclass(frozen=True, slots=True)
class Target:
    """One canary to judge: where its pods are and how to tell stable from canary.

    `canary_hash` is the canary revision (`rollouts-pod-template-hash`) or, when there is
    none, `selector_hash(canary_selector)`. Results are keyed by `key`, so a result of one
    revision is never read as another's.
    """

    namespace: str
    rollout: str
    stable_selector: str
    canary_selector: str
    canary_hash: str
    source: TargetSource = "static"
    stable_hash: str | None = None
    extra_prompt: str = ""
    repo_url: str = ""
    base_branch: str = ""
    container: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.namespace, self.rollout, self.canary_hash)


@dataclass(slots=True)
class PodFacts:
    """What Kubernetes says about one pod, independent of its logs."""

    name: str
    phase: str = "Running"
    ready: bool = True
    restart_count: int = 0
    last_termination_reason: str | None = None  # e.g. "OOMKilled", "Error"
    last_exit_code: int | None = None
    waiting_reason: str | None = None  # e.g. "CrashLoopBackOff", "ImagePullBackOff"
    warning_events: list[str] = field(default_factory=list)  # "Reason: message", newest first


@dataclass(slots=True)
class PodLogs:
    """Raw (unredacted) log text of one container of one pod; lives only inside the process."""

    pod: str
    container: str
    text: str
    previous_text: str = ""  # the previous container's logs when it restarted
    facts: PodFacts | None = None
    truncated: bool = False  # lines of the window were dropped (the newest were kept)
    # `Collected.delta`: the texts hold only lines new since the last collect, and `fresh`
    # says they start this container's window over (first read, clock step, new pod)
    fresh: bool = False


@dataclass(slots=True)
class SideLogs:
    """All that was collected for one side (stable or canary) of a target."""

    pods: list[PodLogs] = field(default_factory=list)

    @property
    def facts(self) -> list[PodFacts]:
        return [p.facts for p in self.pods if p.facts is not None]

    @property
    def truncated(self) -> bool:
        """Some pod's window was cut to its newest lines/bytes."""
        return any(p.truncated for p in self.pods)


@dataclass(slots=True)
class Collected:
    """The input of one analysis: both sides' logs and pod facts for one target."""

    target: Target
    stable: SideLogs
    canary: SideLogs
    window_seconds: int = 600
    # texts are only the lines new since this target's last collect (incremental digest:
    # `exporter.digest.incremental` keeps the window's counts); False: the whole window
    delta: bool = False


ChangeKind = Literal["new", "vanished", "increased", "decreased", "same"]


@dataclass(slots=True)
class TemplateDiff:
    """One log template compared between stable and canary (all text masked and redacted).

    Rates are per event of that side, so a canary with a tenth of the traffic compares fairly.
    """

    template: str
    severity: Severity
    change: ChangeKind
    stable_count: int
    canary_count: int
    stable_rate: float
    canary_rate: float
    signature: str = ""  # exception type + top frames for folded stack traces/panics
    kind: str = "log"  # log | exception | panic | oom | crash | pool | http_5xx | injection
    examples: list[str] = field(default_factory=list)  # 1-2 redacted exemplar lines
    p_value: float | None = None  # significance of the rate change, when tested
    lexical: bool = False  # the lines hold an error word (a WARN that reports a failure)
    # a new template one word away from one stable logs at this severity: that error with
    # another value in a slot the miner did not mask (`helo=<host>`), not a new signature
    variant_of: str = ""
    # canary events of the new templates one word away from this new one, itself included:
    # one failure whose message names an id the miner cannot mask (`Replica D#CFPZIu …`)
    family_count: int = 0


@dataclass(slots=True)
class SideStats:
    """Counts for one side over the window."""

    pods: int = 0
    lines: int = 0  # physical lines read
    events: int = 0  # events after folding multi-line traces
    error_events: int = 0  # events at severity ERROR or above
    fatal_events: int = 0
    requests: int = 0  # access-log lines recognised as HTTP requests
    server_errors: int = 0  # of those, status 5xx
    client_errors: int = 0  # of those, status 4xx
    restarts: int = 0
    oom_kills: int = 0
    crash_loops: int = 0  # pods waiting in CrashLoopBackOff
    not_ready: int = 0
    templates: int = 0  # distinct templates
    truncated_lines: int = 0
    # error templates (not access-log 5xx) seen exactly once on this side: Good–Turing's N1,
    # i.e. how long-tailed this side's errors are (how often a never-seen error is normal)
    singleton_error_templates: int = 0
    novel_error_events: int = 0  # error events (not 5xx) of templates the other side never had
    # WARN events of templates that report a failure (an error word, an exception): one
    # failure split over many templates (one per job class) still adds up to a rate
    failure_warnings: int = 0

    @property
    def error_rate(self) -> float:
        return self.error_events / self.events if self.events else 0.0

    @property
    def server_error_rate(self) -> float:
        return self.server_errors / self.requests if self.requests else 0.0


@dataclass(frozen=True, slots=True)
class LatencyShift:
    """One template's durations on both sides and the rank test's answer (digest.latency)."""

    template: str
    stable_n: int
    canary_n: int
    stable_median: float
    canary_median: float
    stable_p95: float
    canary_p95: float
    p_value: float  # one-sided (canary slower), corrected for the templates tested
    regression: bool  # significant, median ≥ 2× and p95 worse


@dataclass(slots=True)
class Digest:
    """The compact, redacted comparison of canary with stable: what judges see.

    Small enough for one model prompt; `fingerprint` changes only when the comparison does,
    so an unchanged canary needs no new model call.
    """

    stable: SideStats
    canary: SideStats
    diffs: list[TemplateDiff]  # most important first, bounded in length
    stable_facts: list[PodFacts] = field(default_factory=list)
    canary_facts: list[PodFacts] = field(default_factory=list)
    redactions: int = 0  # secrets replaced while reading
    fingerprint: str = ""
    latency: list[LatencyShift] = field(default_factory=list)  # slowest first, bounded
    # False when the canary logged none of the activity that dominates stable (only a
    # start-up banner or health probes): nothing was compared, so no verdict either way
    comparable: bool = True
    comparable_note: str = ""
    # canary events of the (non-probe) kinds stable logs too: a banner plus five requests is
    # five requests of evidence, not twenty-five events
    comparable_events: int | None = None
    # stable's templates the canary never logged: 0 when the canary has shown every kind
    # of line stable did (a boot that stable's whole window is, repeated); None: not known
    stable_templates_unseen: int | None = None

    def new_signatures(self) -> dict[Severity, int]:
        """Templates seen only in the canary, by severity (the `ai_canary_new_signatures` gauge)."""
        counts: dict[Severity, int] = {}
        for d in self.diffs:
            if d.change == "new":
                counts[d.severity] = counts.get(d.severity, 0) + 1
        return counts


EvidenceWeight = Literal["hard", "soft", "info"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """A fact behind a verdict, readable by a human, redacted.

    `hard` evidence (new fatal/panic/stack trace only in the canary, crash loop, OOMKilled,
    error-rate jump) can never be overruled into a promote by a model.
    """

    kind: str
    weight: EvidenceWeight
    message: str


@dataclass(slots=True)
class JudgeVerdict:
    """What one judge (deterministic or the model side) concluded."""

    judge: str
    verdict: Verdict
    score: float  # 0..1, 1 = canary as healthy as stable
    confidence: int  # 0..100
    analysis: str = ""
    root_cause: str = ""
    remediation: str = ""
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FileChange:
    """A concrete change a model proposed, for the GitHub follow-up PR."""

    path: str
    content: str
    description: str = ""


@dataclass(slots=True)
class ModelResult:
    """One model's answer (the plugin contract's `modelResults[]` entry)."""

    model_name: str
    provider: str
    promote: bool = False
    confidence: int = 0
    analysis: str = ""
    root_cause: str = ""
    remediation: str = ""
    execution_time_ms: int = 0
    error: str = ""  # non-empty when the call failed; then promote is False
    # why it failed: timeout | truncated (cut at the output cap) | invalid | ratelimited | error
    failure: str = ""
    file_changes: list[FileChange] = field(default_factory=list)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    # one status per HTTP attempt (ok|error|timeout|ratelimited|invalid|truncated), for metrics
    call_statuses: list[str] = field(default_factory=list)

    def to_wire(self) -> dict[str, object]:
        return {
            "modelName": self.model_name,
            "analysis": self.analysis,
            "rootCause": self.root_cause,
            "remediation": self.remediation,
            "promote": self.promote,
            "confidence": int(self.confidence),
            "executionTimeMs": int(self.execution_time_ms),
            "error": self.error,
        }


@dataclass(slots=True)
class AnalysisResult:
    """The final, combined answer for one target at one time; what every sink publishes."""

    target: Target
    verdict: Verdict
    score: float
    confidence: int  # 0..100
    judge: str  # e.g. "heuristic", "heuristic+openai", "heuristic (model failed: fallback)"
    analysis: str = ""
    root_cause: str = ""
    remediation: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    model_results: list[ModelResult] = field(default_factory=list)
    voting_rationale: str = ""
    fingerprint: str = ""
    timestamp: float = 0.0  # unix time the result was computed (or last confirmed)
    stable_lines: int = 0
    canary_lines: int = 0
    new_signatures: dict[Severity, int] = field(default_factory=dict)
    file_changes: list[FileChange] = field(default_factory=list)
    pr_link: str = ""
    issue_link: str = ""
    duration_seconds: dict[str, float] = field(default_factory=dict)  # per stage
    # True when an unchanged digest let the previous verdict stand: no model was asked, so
    # sinks must not count `model_results` (the previous analysis's calls) again.
    reused: bool = False

    @property
    def promote(self) -> bool:
        return self.verdict is Verdict.PROMOTE

    def to_wire(self) -> dict[str, object]:
        """The metric-ai plugin response (types matter: `confidence` is an int) plus our fields.

        Used by `POST /a2a/analyze`, the A2A artifact, `/api/v1/targets` and `analyze`.
        """
        wire: dict[str, object] = {
            "analysis": self.analysis,
            "rootCause": self.root_cause,
            "remediation": self.remediation,
            "promote": self.promote,
            "confidence": int(self.confidence),
            "modelResults": [m.to_wire() for m in self.model_results],
            "votingRationale": self.voting_rationale,
            "verdict": self.verdict.value,
            "score": round(float(self.score), 4),
            "judge": self.judge,
            "evidence": [
                {"kind": e.kind, "weight": e.weight, "message": e.message} for e in self.evidence
            ],
            "namespace": self.target.namespace,
            "rollout": self.target.rollout,
            "canaryHash": self.target.canary_hash,
            "timestamp": self.timestamp,
            "logLines": {"stable": self.stable_lines, "canary": self.canary_lines},
            "newSignatures": {str(k): v for k, v in self.new_signatures.items()},
        }
        if self.pr_link:
            wire["prLink"] = self.pr_link
        if self.issue_link:
            wire["issueLink"] = self.issue_link
        return wire
