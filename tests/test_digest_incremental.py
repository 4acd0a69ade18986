"""The incremental digest equals a full re-digest of the same lines, cycle after cycle.

Three stable pods and one canary pod log a mix of access lines with durations, keyed
`took=` latencies, warnings, Java stack traces and a canary that turns slower and starts
failing, then crashes and restarts. Every minute each pod's new lines go to
`IncrementalDigests.digest` as a delta; the result must be equal — templates, counts,
rates, p-values, exemplars, latency findings, fingerprint — to `build_digest` over the
lines the buckets hold. Then: memory is bounded by templates × buckets, not lines; a
fresh pod and a vanished pod drop their state; `forget` drops the target.
"""

from __future__ import annotations

import random

from exporter.digest import build_digest
from exporter.digest.incremental import IncrementalDigests
from exporter.model import Collected, PodFacts, PodLogs, SideLogs, Target
from exporter.timestamps import format_ns

NS = 1_000_000_000
WINDOW, BUCKET = 600, 60
T0 = 1_780_000_000 * NS  # a fixed start, on the bucket grid
TARGET = Target("shop", "checkout", "app=c,h=s", "app=c,h=c", "c4nary", source="rollout")
ROUTES = ["/api/orders", "/api/cart", "/api/users", "/api/items", "/api/pay"]


def _event(rng: random.Random, t: int, canary: bool, minute: int) -> list[str]:
    """One log record (one or more physical lines, all stamped alike) at time t."""
    slow = canary and minute >= 8  # the canary turns slower ...
    failing = canary and minute >= 12  # ... then fails
    r = rng.random()
    if failing and r < 0.08:
        head = "ERROR c.s.PaymentClient : payment gateway timed out after 30000 ms"
        trace = [
            "java.net.SocketTimeoutException: Read timed out",
            "\tat com.shop.PaymentClient.charge(PaymentClient.java:88)",
            "\tat com.shop.OrderService.checkout(OrderService.java:42)",
        ]
        lines = [head, *trace]
    elif r < 0.6:
        ms = rng.randint(20, 60) * (6 if slow else 1)
        route = rng.choice(ROUTES)
        status = 500 if failing and rng.random() < 0.1 else 200
        lines = [f"INFO GET {route}/{rng.randint(1, 9999)} {status} in {ms}ms"]
    elif r < 0.85:
        took = rng.randint(5, 15) * (6 if slow else 1)
        lines = [f"INFO c.s.Repo : query orders_by_user rows={rng.randint(1, 90)} took={took}ms"]
    elif r < 0.97:
        lines = [f"WARN c.s.Cache : cache miss for key user:{rng.randint(1, 500)}"]
    else:
        lines = [
            "ERROR c.s.Mailer : mail relay refused",
            "java.io.IOException: relay refused",
            "\tat com.shop.Mailer.send(Mailer.java:17)",
        ]
    stamp = format_ns(t)
    return [f"{stamp} {line}\n" for line in lines]


class Pod:
    """A container's log as (stamp, lines of one event), plus its previous instance's."""

    def __init__(self, name: str, canary: bool, seed: int) -> None:
        self.name, self.canary = name, canary
        self.rng = random.Random(seed)
        self.current: list[tuple[int, list[str]]] = []
        self.previous: list[tuple[int, list[str]]] = []
        self.restarts = 0
        self.sent = 0  # events of `current` already handed over
        self.pending_previous: list[tuple[int, list[str]]] = []

    def log_until(self, end: int, per_second: int = 8) -> None:
        t = self.current[-1][0] + 1 if self.current else T0
        step = NS // per_second
        t = max(t, T0)
        while t < end:
            minute = (t - T0) // (60 * NS)
            jitter = self.rng.randrange(step // 2)
            self.current.append((t + jitter, _event(self.rng, t + jitter, self.canary, minute)))
            t += step

    def crash(self, at: int) -> None:
        """The instance dies with a panic; the next one starts with a banner."""
        self.current.append((at, [f"{format_ns(at)} FATAL main : panic: nil map in checkout\n"]))
        self.pending_previous = self.current[self.sent :]
        self.previous = self.current
        self.current = [(at + NS // 2, [f"{format_ns(at + NS // 2)} INFO Started Main in 2.1s\n"])]
        self.sent = 0
        self.restarts += 1

    def delta(self) -> PodLogs:
        new = self.current[self.sent :]
        self.sent = len(self.current)
        prev, self.pending_previous = self.pending_previous, []
        return PodLogs(
            self.name,
            "app",
            text="".join(line for _, ev in new for line in ev),
            previous_text="".join(line for _, ev in prev for line in ev),
            facts=self.facts(),
        )

    def window(self, oldest_bucket: int) -> PodLogs:
        def kept(events: list[tuple[int, list[str]]]) -> str:
            return "".join(
                line for t, ev in events if t // (BUCKET * NS) >= oldest_bucket for line in ev
            )

        return PodLogs(
            self.name,
            "app",
            text=kept(self.current),
            previous_text=kept(self.previous),
            facts=self.facts(),
        )

    def facts(self) -> PodFacts:
        return PodFacts(self.name, restart_count=self.restarts)


def collected(stable: list[Pod], canary: list[Pod], how: str, oldest: int = 0) -> Collected:
    def side(pods: list[Pod]) -> SideLogs:
        return SideLogs([p.delta() if how == "delta" else p.window(oldest) for p in pods])

    return Collected(TARGET, side(stable), side(canary), WINDOW, delta=how == "delta")


def test_incremental_digest_equals_a_full_re_digest_every_cycle() -> None:
    stable = [Pod(f"checkout-s-{i}", False, seed=i) for i in range(3)]
    canary = [Pod("checkout-c-0", True, seed=99)]
    now = [T0]
    inc = IncrementalDigests(window_seconds=WINDOW, bucket_seconds=BUCKET, clock=lambda: now[0])
    saw_latency = saw_examples = saw_abort_evidence = saw_restart = False
    for minute in range(1, 21):
        now[0] = T0 + minute * 60 * NS + 7 * NS  # cycles off the bucket grid
        for pod in stable + canary:
            pod.log_until(now[0])
        if minute == 15:
            canary[0].crash(now[0] - 3 * NS)
        got = inc.digest(collected(stable, canary, "delta"))
        oldest = (now[0] - WINDOW * NS) // (BUCKET * NS)
        full = build_digest(collected(stable, canary, "window", oldest))

        assert got == full, f"minute {minute}"
        assert got.canary.events > 0 and got.stable.lines > 0
        saw_latency |= bool(got.latency)
        saw_examples |= any(d.examples for d in got.diffs)
        saw_abort_evidence |= any(
            d.change == "new" and "timed out" in d.template for d in got.diffs
        )
        saw_restart |= any(d.kind == "crash" for d in got.diffs)
    # the comparison was not vacuous: every kind of evidence showed up along the way
    assert saw_latency and saw_examples and saw_abort_evidence and saw_restart
    # and the window slid: the stable pods' lines are ~10-11 minutes' worth, not 20
    assert 8 * 600 * 3 * 0.9 <= full.stable.lines <= 8 * 660 * 3 * 1.3


def test_memory_is_templates_times_buckets_not_lines() -> None:
    pod = Pod("p", False, seed=1)
    now = [T0]
    inc = IncrementalDigests(window_seconds=WINDOW, bucket_seconds=BUCKET, clock=lambda: now[0])
    sizes = []
    for minute in range(1, 41):
        now[0] = T0 + minute * 60 * NS
        pod.log_until(now[0], per_second=40)
        inc.digest(Collected(TARGET, SideLogs([pod.delta()]), SideLogs(), WINDOW, delta=True))
        sizes.append(inc.size(TARGET.key))
    buckets, templates = sizes[-1]
    assert buckets <= WINDOW // BUCKET + 1  # old buckets are dropped
    assert sizes[-1] == sizes[20] or templates <= sizes[20][1] * 1.1  # flat once full
    assert templates < 40 * (WINDOW // BUCKET + 1)  # a few dozen templates per bucket
    assert len(pod.current) > 40 * 60 * 30  # while ~96,000 events were read


def test_fresh_or_vanished_pods_drop_their_buckets_and_forget_drops_the_target() -> None:
    now = [T0 + 120 * NS]
    inc = IncrementalDigests(window_seconds=WINDOW, bucket_seconds=BUCKET, clock=lambda: now[0])
    line = f"{format_ns(T0 + 100 * NS)} ERROR boom only in the old instance\n"
    old = PodLogs("c-0", "app", text=line)
    d = inc.digest(Collected(TARGET, SideLogs(), SideLogs([old]), WINDOW, delta=True))
    assert d.canary.error_events == 1
    # the collector re-read this container's window from scratch (a clock step, a new pod
    # with the same name): what was counted before is not counted twice
    again = PodLogs("c-0", "app", text=line, fresh=True)
    d = inc.digest(Collected(TARGET, SideLogs(), SideLogs([again]), WINDOW, delta=True))
    assert d.canary.error_events == 1
    # the pod is gone: its counts leave the window with it
    d = inc.digest(Collected(TARGET, SideLogs(), SideLogs(), WINDOW, delta=True))
    assert d.canary.error_events == 0 and inc.size(TARGET.key) == (0, 0)
    inc.digest(Collected(TARGET, SideLogs(), SideLogs([again]), WINDOW, delta=True))
    assert inc.size(TARGET.key)[0] == 1
    inc.forget(TARGET.key)
    assert inc.size(TARGET.key) == (0, 0)
