"""The demo's simulated cluster: Argo Rollouts whose canaries progress, pass or fail.

One Rollout per scenario in namespace `demo`, served by the fake Kubernetes API. Each
canary revision moves through the steps 10 → 30 → 60 → 100% of the traffic (the traffic
share drives how much its pods log), and the rollout is gated the way an AnalysisRun with
the Prometheus provider gates it on our gauges:

- a step ends when its pause is over *and* a promote verdict computed after the step began
  exists for this canary hash; after 60% the canary is fully promoted: it becomes stable
  (phase Healthy, `stableRS` = its hash) and, after a short pause, a new revision starts;
- an abort verdict for this canary hash that still holds `abort_confirm` seconds later
  (like `failureLimit`, so a single measurement does not decide) aborts the rollout:
  `status.abort`, phase Degraded, canary pods scaled away; after a pause a new revision
  (new pod-template hash) of the same workload starts again.

Verdicts arrive through `on_result`, which has the `Analyzer.add_listener` signature and
keeps only the newest verdict per (namespace, rollout, canary hash), so a verdict is always
tied to the canary revision it was computed for. Time runs at `speed` × real time; the
request rate scales with it too (up to 4×), so a faster demo still gives each step enough
log lines.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from exporter.demo.fake_kube import FakeKubeState, rfc3339
from exporter.demo.scenarios import (
    SCENARIOS,
    Flavour,
    FrozenLog,
    PodLog,
    Scenario,
    oom_last_words,
)
from exporter.model import AnalysisResult, Target, Verdict

log = logging.getLogger(__name__)

NAMESPACE = "demo"
HASH_LABEL = "rollouts-pod-template-hash"
STEPS = (10, 30, 60)  # canary weights; after the last one the canary takes 100%
SIDECAR = "istio-proxy"
COMPACT_SECONDS = 600.0
MAX_RATE_SPEEDUP = 4.0
_HASH_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"  # what Kubernetes' SafeEncodeString uses


def pod_template_hash(rollout: str, revision: int, seed: int) -> str:
    digest = hashlib.sha256(f"{rollout}/{revision}/{seed}".encode()).digest()
    return "".join(_HASH_ALPHABET[b % len(_HASH_ALPHABET)] for b in digest[:10])


@dataclass(frozen=True, slots=True)
class Timing:
    """Simulated seconds (divided by the speed factor for real time)."""

    step: float = 12.0  # pause at each weight
    restart_pause: float = 10.0  # after an abort or a promotion, before the next revision
    abort_confirm: float = 6.0  # an abort verdict must still hold this long
    requests_per_second: float = 24.0  # per rollout, split by weight over the pods
    stable_replicas: int = 2
    canary_replicas: int = 1
    backfill: float = 120.0  # stable history written at start so the first window has data


@dataclass(slots=True)
class _Pod:
    name: str
    log: PodLog
    restarts: int = 0
    last_terminated: tuple[str, int] | None = None


@dataclass(slots=True)
class _Revision:
    number: int
    hash: str
    flavour: Flavour
    started: float
    pods: list[_Pod] = field(default_factory=list)


@dataclass(slots=True)
class CanaryEvent:
    """Something a watcher of the demo would want to know (printed by `run_demo`)."""

    at: float
    rollout: str
    canary_hash: str
    what: str  # started | step | promoted | aborted | oom
    detail: str = ""


class _RolloutSim:
    def __init__(self, cluster: SimulatedCluster, scenario: Scenario) -> None:
        self.c = cluster
        self.scenario = scenario
        self.name = scenario.name
        self.revisions = 0
        self.colours = iter(scenario.next_colours * 1000)
        self.stable = self._new_revision(scenario.first_colour, buggy=False)
        self.canary: _Revision | None = None
        self.step = 0
        self.step_started = 0.0
        self.next_start = 0.0
        self.abort_since: float | None = None
        self.phase = "Healthy"
        self.aborted = False

    # --- revisions and pods -------------------------------------------------------------
    def _new_revision(self, colour: str, *, buggy: bool) -> _Revision:
        self.revisions += 1
        h = pod_template_hash(self.name, self.revisions, self.c.seed)
        return _Revision(self.revisions, h, Flavour(self.revisions, colour, buggy), self.c.now())

    def _spawn_pods(self, rev: _Revision, count: int, started: float) -> None:
        for _ in range(count):
            suffix = "".join(self.c.rng.choice(_HASH_ALPHABET) for _ in range(5))
            name = f"{self.name}-{rev.hash}-{suffix}"
            podlog = PodLog(
                self.scenario,
                pod=name,
                flavour=rev.flavour,
                started=started,
                speed=self.c.speed,
                seed=self.c.seed,
                retention=self.c.retention,
            )
            pod = _Pod(name, podlog)
            rev.pods.append(pod)
            self._put_pod(rev, pod)
            self.c.state.set_logs(NAMESPACE, name, self.scenario.container, podlog)
            self.c.state.set_logs(
                NAMESPACE, name, SIDECAR, _envoy_startup(started), spread_seconds=1.0
            )

    def _put_pod(self, rev: _Revision, pod: _Pod) -> None:
        app = self.scenario.container
        # `role` is what the metric-ai plugin's default selectors (role=stable/canary) expect
        role = "stable" if rev is self.stable else "canary"
        self.c.state.add_pod(
            NAMESPACE,
            pod.name,
            {"app": self.name, HASH_LABEL: rev.hash, "role": role},
            (app, SIDECAR),
            restarts={app: pod.restarts},
            last_terminated={app: pod.last_terminated} if pod.last_terminated else None,
        )

    def _delete_pods(self, rev: _Revision) -> None:
        for pod in rev.pods:
            self.c.state.delete("pods", NAMESPACE, pod.name)
            # a deleted pod's logs are gone in a real cluster too; keep memory flat
            for container, previous in (
                (self.scenario.container, False),
                (self.scenario.container, True),
                (SIDECAR, False),
            ):
                self.c.state.set_logs(NAMESPACE, pod.name, container, "", previous=previous)
        rev.pods.clear()

    # --- the rollout object ---------------------------------------------------------------
    def weight(self) -> int:
        return STEPS[self.step] if self.canary is not None and not self.aborted else 0

    def publish(self) -> None:
        canary = self.canary
        current = canary.hash if canary is not None else self.stable.hash
        ro = FakeKubeState.make_rollout(
            NAMESPACE,
            self.name,
            match_labels={"app": self.name},
            stable_hash=self.stable.hash,
            canary_hash=current,
            phase=self.phase,
            abort=self.aborted,
            # what a team would write for its own app; the scenario itself stays unknown
            annotations={"ai-canary-exporter.io/extra-prompt": "Colour changes are cosmetic."},
        )
        steps: list[dict[str, Any]] = []
        for w in STEPS:
            steps += [{"setWeight": w}, {"pause": {"duration": f"{self.c.timing.step:.0f}s"}}]
        ro["spec"]["strategy"]["canary"]["steps"] = steps
        ro["spec"]["replicas"] = self.c.timing.stable_replicas
        ro["spec"]["template"] = {
            "metadata": {"labels": {"app": self.name}},
            "spec": {
                "containers": [
                    {
                        "name": self.scenario.container,
                        "image": f"registry.example/{self.name}:1.{self._number()}",
                    }
                ]
            },
        }
        weight = self.weight()
        status = ro["status"]
        status["currentStepIndex"] = 2 * self.step if canary is not None else len(steps)
        status["canary"] = {
            "weights": {
                "canary": {"podTemplateHash": current, "weight": weight},
                "stable": {"podTemplateHash": self.stable.hash, "weight": 100 - weight},
            }
        }
        status["message"] = self._message()
        status["observedGeneration"] = str(self.revisions)
        self.c.state.put_rollout(ro)

    def _number(self) -> int:
        return self.canary.number if self.canary is not None else self.stable.number

    def _message(self) -> str:
        if self.aborted:
            return "RolloutAborted: Rollout aborted update to revision " + str(self._number())
        if self.canary is None:
            return ""
        return f"CanaryPauseStep: setWeight {STEPS[self.step]}"

    # --- lifecycle --------------------------------------------------------------------------
    def start(self, now: float) -> None:
        """The initial stable revision, with some history, and the first canary."""
        self._spawn_pods(self.stable, self.c.timing.stable_replicas, now - self.c.timing.backfill)
        for pod in self.stable.pods:
            pod.log.advance(now, self.c.pod_rate(100, self.c.timing.stable_replicas))
        self.publish()
        self.next_start = now  # first canary right away

    def start_canary(self, now: float) -> None:
        buggy = self.scenario.expect is Verdict.ABORT
        colour = next(self.colours) if not buggy else self.stable.flavour.colour
        self.canary = self._new_revision(colour, buggy=buggy)
        self.canary.started = now
        self._spawn_pods(self.canary, self.c.timing.canary_replicas, now)
        self.c.forget_verdicts(self.name, keep=self.canary.hash)
        self.step, self.step_started = 0, now
        self.abort_since, self.aborted, self.phase = None, False, "Paused"
        self.publish()
        self.c.emit(self.name, self.canary.hash, "started", f"weight {STEPS[0]}%")

    def tick(self, now: float) -> None:
        t = self.c.timing
        weight = self.weight()
        stable_rate = self.c.pod_rate(100 - weight, len(self.stable.pods) or 1)
        for pod in self.stable.pods:
            pod.log.advance(now, stable_rate)
        canary = self.canary
        if canary is None or self.aborted:
            if now >= self.next_start:
                if canary is not None:  # the aborted revision's pods are gone already
                    self.canary = None
                self.start_canary(now)
            return
        canary_rate = self.c.pod_rate(weight, len(canary.pods) or 1)
        for pod in canary.pods:
            pod.log.advance(now, canary_rate)
            self._maybe_oom(pod, canary, now)
        verdict = self.c.verdict_for(self.name, canary.hash, since=canary.started)
        if verdict is not None and verdict[0] is Verdict.ABORT:
            if self.abort_since is None:
                self.abort_since = now
            if now - self.abort_since >= t.abort_confirm / self.c.speed:
                self._abort(now, verdict[2])
            return
        self.abort_since = None
        step_over = now - self.step_started >= t.step / self.c.speed
        fresh_promote = (
            verdict is not None
            and verdict[0] is Verdict.PROMOTE
            and verdict[1] >= self.step_started
        )
        if step_over and fresh_promote:
            if self.step + 1 < len(STEPS):
                self.step += 1
                self.step_started = now
                self.publish()
                self.c.emit(self.name, canary.hash, "step", f"weight {STEPS[self.step]}%")
            else:
                self._promote(now, verdict[2] if verdict else 0.0)

    def _maybe_oom(self, pod: _Pod, rev: _Revision, now: float) -> None:
        limit = self.scenario.oom_after
        if limit is None or not rev.flavour.buggy or pod.log.age < limit:
            return
        app = self.scenario.container
        previous: FrozenLog = pod.log.crash(now, oom_last_words(now, self.c.rng))
        self.c.state.set_logs(NAMESPACE, pod.name, app, previous, previous=True)
        pod.log = PodLog(
            self.scenario,
            pod=pod.name,
            flavour=rev.flavour,
            started=now,
            speed=self.c.speed,
            seed=self.c.seed + pod.restarts + 1,
            retention=self.c.retention,
        )
        self.c.state.set_logs(NAMESPACE, pod.name, app, pod.log)
        pod.restarts += 1
        pod.last_terminated = ("OOMKilled", 137)
        self._put_pod(rev, pod)
        if pod.restarts > 1:
            self.c.state.add_event(
                NAMESPACE,
                pod.name,
                "BackOff",
                f"Back-off restarting failed container {app} in pod {pod.name}",
                count=pod.restarts - 1,
            )
        self.c.emit(self.name, rev.hash, "oom", f"{pod.name} OOMKilled (restart {pod.restarts})")

    def _abort(self, now: float, score: float) -> None:
        assert self.canary is not None
        self.aborted, self.phase = True, "Degraded"
        self._delete_pods(self.canary)
        self.publish()
        self.next_start = now + self.c.timing.restart_pause / self.c.speed
        self.c.emit(self.name, self.canary.hash, "aborted", f"score {score:.2f}")

    def _promote(self, now: float, score: float) -> None:
        assert self.canary is not None
        old, new = self.stable, self.canary
        self._delete_pods(old)
        self.stable, self.canary = new, None
        for pod in new.pods:
            self._put_pod(new, pod)  # relabelled role=stable
        missing = self.c.timing.stable_replicas - len(new.pods)
        if missing > 0:
            self._spawn_pods(new, missing, now)
        self.phase = "Healthy"
        self.publish()
        self.next_start = now + self.c.timing.restart_pause / self.c.speed
        self.c.emit(self.name, new.hash, "promoted", f"score {score:.2f}")


def _envoy_startup(t: float) -> str:
    ts = rfc3339(t, nanos=True)
    return "\n".join(
        f"{ts} {line}"
        for line in (
            "info\tEnvoy proxy is ready",
            "info\tads\tADS: new connection for node:sidecar~10.42.0.17",
        )
    )


class SimulatedCluster:
    """The rollouts of every scenario, advanced by `run()` (or `tick()` from a test)."""

    def __init__(
        self,
        state: FakeKubeState,
        *,
        speed: float = 1.0,
        timing: Timing | None = None,
        seed: int | None = None,
        scenarios: tuple[Scenario, ...] = SCENARIOS,
        retention: float = 900.0,
        on_event: Callable[[CanaryEvent], None] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.state = state
        self.speed = speed
        self.timing = timing or Timing()
        self.seed = random.SystemRandom().randrange(1 << 30) if seed is None else seed
        self.rng = random.Random(self.seed)
        self.retention = retention
        self.now = clock
        self._on_event = on_event
        self._verdicts: dict[tuple[str, str, str], tuple[Verdict, float, float]] = {}
        self.events: list[CanaryEvent] = []
        self._compacted = clock()
        self.rollouts = [_RolloutSim(self, s) for s in scenarios]
        state.ensure_namespace(NAMESPACE)

    def pod_rate(self, weight: float, pods: int) -> float:
        """Requests per real second one pod gets at `weight` percent of the traffic.

        Traffic speeds up with the simulation, but only up to `MAX_RATE_SPEEDUP`: beyond
        that a step gets fewer lines (still enough to judge) instead of burning a core.
        """
        speedup = min(self.speed, MAX_RATE_SPEEDUP)
        return self.timing.requests_per_second * speedup * weight / 100 / max(pods, 1)

    def start(self) -> None:
        now = self.now()
        for ro in self.rollouts:
            ro.start(now)

    def tick(self) -> None:
        now = self.now()
        for ro in self.rollouts:
            ro.tick(now)
        if now - self._compacted >= COMPACT_SECONDS:
            # like etcd compaction: the watch history would otherwise grow for ever; a
            # watch resuming from before it gets 410 Gone and relists
            self.state.compact()
            self._compacted = now

    def forget_verdicts(self, rollout: str, *, keep: str) -> None:
        for key in [k for k in self._verdicts if k[1] == rollout and k[2] != keep]:
            del self._verdicts[key]

    async def run(self, period: float = 0.5) -> None:
        """Start the rollouts and advance them every `period` seconds until cancelled."""
        self.start()
        while True:
            await asyncio.sleep(period)
            try:
                self.tick()
            except Exception:  # the demo must keep moving; a bug here is logged, not fatal
                log.exception("demo simulation step failed")

    # --- verdicts -------------------------------------------------------------------------
    def on_result(
        self, target: Target, result: AnalysisResult | None, error: BaseException | None
    ) -> None:
        """`Analyzer.add_listener` signature: remember the newest verdict per canary hash."""
        if result is None:
            return
        key = target.key
        seen = self._verdicts.get(key)
        if seen is None or result.timestamp >= seen[1]:
            self._verdicts[key] = (result.verdict, result.timestamp, result.score)

    def verdict_for(
        self, rollout: str, canary_hash: str, *, since: float
    ) -> tuple[Verdict, float, float] | None:
        """(verdict, timestamp, score) of this canary revision, if one was computed since."""
        seen = self._verdicts.get((NAMESPACE, rollout, canary_hash))
        return seen if seen is not None and seen[1] >= since else None

    def emit(self, rollout: str, canary_hash: str, what: str, detail: str = "") -> None:
        event = CanaryEvent(self.now(), rollout, canary_hash, what, detail)
        self.events.append(event)
        del self.events[:-500]
        if self._on_event is not None:
            self._on_event(event)
