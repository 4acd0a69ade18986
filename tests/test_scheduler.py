"""The continuous loop in virtual time: intervals, jitter bounds, backoff, concurrency, forget.

The analyses are real (real collector against the fake Kubernetes API on 127.0.0.1, real
digest and judges); only the scheduler's clock is virtual, so nothing waits for time.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from pathlib import Path
from typing import Any

import pytest

from exporter.analysis import Analyzer
from exporter.collect import LogCollector, TargetRegistry
from exporter.config import StaticTarget
from exporter.demo.fake_kube import Fault
from exporter.judges.select import build_model_judges
from exporter.model import AnalysisResult, Target
from exporter.scheduler import Scheduler, guarded
from tests.fakes.openai_server import FakeOpenAI
from tests.kube_env import FAST_RETRY, add_side, eventually, kube_env
from tests.service_harness import failing_log, healthy_log


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


def _static(name: str) -> StaticTarget:
    return StaticTarget(
        namespace="shop",
        rollout=name,
        stable_selector=f"app={name},rollouts-pod-template-hash=s1",
        canary_selector=f"app={name},rollouts-pod-template-hash=c1",
        canary_hash="c1",
    )


def _pods(env: Any, name: str, canary_text: str | None = None) -> None:
    add_side(env.state, "shop", name, "s1", 1, healthy_log(300))
    add_side(env.state, "shop", name, "c1", 1, canary_text or healthy_log(100, offset=5))


class Loop:
    """A scheduler over a real analyzer, with every analysis outcome recorded."""

    def __init__(self, env: Any, clock: FakeClock, models: Any = None, sleep: Any = None) -> None:
        self.clock = clock
        self.registry = TargetRegistry(env.settings, clock=clock)
        self.analyzer = Analyzer(
            env.settings,
            source=LogCollector(env.conn, env.settings, retry=FAST_RETRY),
            models=models,
            clock=clock,
        )
        self.outcomes: list[tuple[str, str]] = []
        self.analyzer.add_listener(self._record)
        self.forgotten: list[Target] = []
        self.scheduler = Scheduler(
            env.settings,
            analyzer=self.analyzer,
            targets=self.registry,
            on_forget=self.forgotten.append,
            clock=clock,
            sleep=sleep or clock.sleep,
        )

    def _record(self, t: Target, r: AnalysisResult | None, e: BaseException | None) -> None:
        self.outcomes.append((t.rollout, "error" if r is None else r.verdict.value))

    async def tick_and_settle(self) -> None:
        self.scheduler.tick()
        await eventually(lambda: self.scheduler.in_flight() == 0)

    def count(self, rollout: str) -> int:
        return sum(1 for name, _ in self.outcomes if name == rollout)


async def test_every_target_is_analysed_once_per_interval(tmp_path: Path) -> None:
    async with kube_env(
        tmp_path,
        discover_rollouts=False,
        targets=[_static("a"), _static("b")],
        interval_seconds=60,
        interval_jitter=0.1,
        cache_seconds=0,
        judge="heuristic",
    ) as env:
        _pods(env, "a")
        _pods(env, "b", failing_log(100))
        loop = Loop(env, FakeClock())
        await loop.tick_and_settle()
        assert sorted(loop.outcomes) == [("a", "promote"), ("b", "abort")]
        loop.clock.now += 53.9  # before the earliest jittered due time (60 * 0.9)
        await loop.tick_and_settle()
        assert len(loop.outcomes) == 2
        loop.clock.now += 60 - 53.9  # jitter only shortens: all due by the interval
        await loop.tick_and_settle()
        assert loop.count("a") == 2 and loop.count("b") == 2


async def test_failing_target_backs_off_exponentially_and_recovers(tmp_path: Path) -> None:
    async with kube_env(
        tmp_path,
        discover_rollouts=False,
        targets=[_static("a")],
        interval_seconds=60,
        interval_jitter=0,
        cache_seconds=0,
        error_backoff_max_seconds=25,
        judge="heuristic",
    ) as env:
        _pods(env, "a")
        env.state.inject(Fault(status=403, times=1000, resource="pods", namespace="shop"))
        loop = Loop(env, FakeClock())
        attempts_at: list[float] = []
        for _ in range(60):  # one virtual second per tick
            before = len(loop.outcomes)
            await loop.tick_and_settle()
            if len(loop.outcomes) > before:
                attempts_at.append(loop.clock.now)
            loop.clock.now += 1
        gaps = [round(b - a) for a, b in itertools.pairwise(attempts_at)]
        assert gaps[:3] == [10, 20, 25]  # base min(interval, 10), doubling, capped at 25
        assert all(outcome == "error" for _, outcome in loop.outcomes)
        env.state.faults.clear()
        loop.clock.now += 25
        await loop.tick_and_settle()
        assert loop.outcomes[-1] == ("a", "promote")
        loop.clock.now += 30  # back on the normal interval, not the backoff
        await loop.tick_and_settle()
        assert loop.outcomes[-1] == ("a", "promote") and len(loop.outcomes) == len(attempts_at) + 1


async def test_canary_lacking_evidence_is_reanalysed_sooner_for_a_few_rounds(
    tmp_path: Path,
) -> None:
    async with kube_env(
        tmp_path,
        discover_rollouts=False,
        targets=[_static("a")],
        interval_seconds=60,
        interval_jitter=0,
        cache_seconds=30,
        judge="heuristic",
    ) as env:
        _pods(env, "a", healthy_log(5))  # a young canary: 5 events (< min_canary_events)
        loop = Loop(env, FakeClock())

        async def analyses_at(seconds: int) -> list[float]:
            at = []
            for _ in range(seconds):  # one virtual second per tick
                before = len(loop.outcomes)
                await loop.tick_and_settle()
                if len(loop.outcomes) > before:
                    at.append(loop.clock.now)
                loop.clock.now += 1
            return at

        thin = await analyses_at(200)
        assert {o for _, o in loop.outcomes} == {"inconclusive"}
        # a quarter interval while evidence lacks (the 30-s cache does not answer instead),
        # four rounds, then the normal interval: an idle canary does not cost 4x for ever
        assert [round(b - a) for a, b in itertools.pairwise(thin)] == [15, 15, 15, 15, 60, 60]
        # traffic arrives: a second canary pod with a hundred requests
        labels = {"app": "a", "rollouts-pod-template-hash": "c1"}
        env.state.add_pod("shop", "a-c1-1", labels)
        env.state.set_logs("shop", "a-c1-1", "app", healthy_log(100, offset=5))
        loop.clock.now = thin[-1] + 60
        settled = await analyses_at(130)
        assert loop.outcomes[-2:] == [("a", "promote"), ("a", "promote")]
        assert [round(b - a) for a, b in itertools.pairwise(settled)] == [60, 60]


async def test_targets_that_leave_are_forgotten(tmp_path: Path) -> None:
    async with kube_env(
        tmp_path,
        discover_rollouts=False,
        a2a_target_ttl_seconds=100,
        interval_seconds=30,
        judge="heuristic",
    ) as env:
        _pods(env, "a")
        clock = FakeClock()
        loop = Loop(env, clock)
        target = Target(
            "shop",
            "a",
            "app=a,rollouts-pod-template-hash=s1",
            "app=a,rollouts-pod-template-hash=c1",
            "c1",
            source="a2a",
        )
        loop.registry.name_a2a(target)
        await loop.tick_and_settle()
        assert loop.analyzer.latest(target) is not None
        clock.now += 101  # the A2A name expires
        await loop.tick_and_settle()
        assert loop.forgotten == [target]
        assert loop.analyzer.latest(target) is None
        assert loop.count("a") == 1


async def test_concurrency_is_bounded(tmp_path: Path) -> None:
    async with (
        FakeOpenAI(latency=0.2) as fake,
        kube_env(
            tmp_path,
            discover_rollouts=False,
            targets=[_static(n) for n in "abcdef"],
            max_concurrent_analyses=2,
            judge="openai",
            openai_base_url=fake.base_url,
            openai_api_key="test-key",
            model_max_retries=0,
        ) as env,
    ):
        for n in "abcdef":
            _pods(env, n)
        models = build_model_judges(env.settings)
        loop = Loop(env, FakeClock(), models=models)
        try:
            await loop.tick_and_settle()
        finally:
            assert models is not None
            await models.aclose()
        assert len(loop.outcomes) == 6
        assert len(fake.requests) == 6
        assert fake.max_in_flight == 2


async def test_run_wakes_up_for_a_newly_named_target(tmp_path: Path) -> None:
    async with kube_env(tmp_path, discover_rollouts=False, judge="heuristic") as env:
        _pods(env, "a")
        never = asyncio.Event()

        async def block(_: float) -> None:
            await never.wait()  # the loop sleeps "forever" unless woken

        loop = Loop(env, FakeClock(), sleep=block)
        task = asyncio.create_task(loop.scheduler.run())
        try:
            await eventually(lambda: loop.scheduler.cycles >= 1)
            loop.registry.name_a2a(
                Target("shop", "a", "app=a,rollouts-pod-template-hash=s1",
                       "app=a,rollouts-pod-template-hash=c1", "c1", source="a2a")
            )  # fmt: skip
            loop.scheduler.wake()
            await eventually(lambda: loop.count("a") == 1)
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)


async def test_drain_cancels_what_outlives_the_grace(tmp_path: Path) -> None:
    async with kube_env(
        tmp_path, discover_rollouts=False, targets=[_static("a")], judge="heuristic"
    ) as env:
        _pods(env, "a")
        env.state.inject(Fault(status=500, times=1, resource="pods", delay=30))
        loop = Loop(env, FakeClock())
        loop.scheduler.tick()
        assert loop.scheduler.in_flight() == 1
        await loop.scheduler.drain(0.05)
        assert loop.scheduler.in_flight() == 0
        assert loop.outcomes == []  # cancelled work reports nothing


async def test_guarded_restarts_a_crashing_task_then_fails_loudly() -> None:
    clock = FakeClock()
    runs = 0

    async def flaky() -> None:
        nonlocal runs
        runs += 1
        if runs < 3:
            raise RuntimeError("watch died")

    await guarded("flaky", flaky, sleep=clock.sleep)
    assert runs == 3
    assert clock.sleeps == [1.0, 2.0]

    async def broken() -> None:
        raise RuntimeError("always")

    with pytest.raises(RuntimeError, match="always"):
        await guarded("broken", broken, max_restarts=2, sleep=clock.sleep)


async def test_unchanged_digest_reuses_the_verdict_without_a_model_call(tmp_path: Path) -> None:
    async with (
        FakeOpenAI() as fake,
        kube_env(
            tmp_path,
            discover_rollouts=False,
            targets=[_static("a")],
            interval_seconds=60,
            interval_jitter=0,
            judge="openai",
            openai_base_url=fake.base_url,
            openai_api_key="test-key",
        ) as env,
    ):
        _pods(env, "a")  # canary: 100 healthy lines
        now = time.time()
        lines = healthy_log(130, offset=5).splitlines()
        grown = [(now - 60 + i * 0.5, line) for i, line in enumerate(lines)]
        env.state.set_logs("shop", "a-c1-0", "app", grown[:100])
        models = build_model_judges(env.settings)
        loop = Loop(env, FakeClock(), models=models)
        try:
            await loop.tick_and_settle()
            (target,) = loop.registry.all()
            first = loop.analyzer.latest(target)
            assert first is not None and first.canary_lines == 100
            # more of the same traffic (the log grows): same comparison, same fingerprint
            env.state.set_logs("shop", "a-c1-0", "app", grown)
            loop.clock.now += 60
            await loop.tick_and_settle()
        finally:
            assert models is not None
            await models.aclose()
        again = loop.analyzer.latest(target)
        assert again is not None and again is not first
        assert len(fake.requests) == 1  # no second model call
        assert again.verdict is first.verdict and again.fingerprint == first.fingerprint
        assert again.timestamp == first.timestamp + 60  # refreshed
        assert again.canary_lines == 130  # the window's own counts are fresh
        assert again.reused and not first.reused  # sinks must not recount its model calls
