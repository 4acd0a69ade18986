"""Rollout discovery (list + watch) and the target registry, against the fake API."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from exporter.collect import RolloutDiscovery, TargetRegistry, resolve_named_target, rollout_target
from exporter.config import Settings, StaticTarget
from exporter.demo.fake_kube import FakeKubeState, Fault
from exporter.model import Target, selector_hash
from tests.kube_env import FAST_RETRY, KubeEnv, eventually, kube_env

make = FakeKubeState.make_rollout


def canary(ns: str = "shop", name: str = "checkout", **kw: Any) -> dict[str, Any]:
    kw.setdefault("match_labels", {"app": name})
    kw.setdefault("stable_hash", "aaa111")
    kw.setdefault("canary_hash", "bbb222")
    return make(ns, name, **kw)


@contextlib.asynccontextmanager
async def discovering(
    env: KubeEnv, **kw: Any
) -> AsyncIterator[tuple[TargetRegistry, RolloutDiscovery]]:
    registry = TargetRegistry(env.settings)
    kw.setdefault("backoff_base", 0.01)
    kw.setdefault("backoff_max", 0.05)
    discovery = RolloutDiscovery(env.conn, env.settings, registry, retry=FAST_RETRY, **kw)
    task = asyncio.create_task(discovery.run())
    try:
        yield registry, discovery
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def keys(registry: TargetRegistry) -> set[tuple[str, str, str]]:
    return {t.key for t in registry.all()}


# --- which rollouts are canaries ----------------------------------------------------------


def test_rollout_target_semantics() -> None:
    t = rollout_target(
        canary(
            annotations={
                "ai-canary-exporter.io/extra-prompt": "payments: watch for 402s",
                "ai-canary-exporter.io/repo-url": "https://github.com/acme/checkout",
                "ai-canary-exporter.io/base-branch": "release",
                "ai-canary-exporter.io/container": "server",
            }
        )
    )
    assert t == Target(
        namespace="shop",
        rollout="checkout",
        stable_selector="app=checkout,rollouts-pod-template-hash=aaa111",
        canary_selector="app=checkout,rollouts-pod-template-hash=bbb222",
        canary_hash="bbb222",
        source="rollout",
        stable_hash="aaa111",
        extra_prompt="payments: watch for 402s",
        repo_url="https://github.com/acme/checkout",
        base_branch="release",
        container="server",
    )
    assert rollout_target(canary(canary_hash="aaa111")) is None  # fully promoted
    assert rollout_target(canary(abort=True, phase="Degraded")) is None  # aborted
    assert rollout_target(canary(phase="Healthy")) is None
    assert rollout_target(canary(phase="Progressing")) is not None
    off = canary(annotations={"ai-canary-exporter.io/enabled": "false"})
    assert rollout_target(off) is None
    no_status = canary()
    no_status["status"] = {}
    assert rollout_target(no_status) is None  # controller has not reconciled yet


def test_rollout_selector_expressions_and_status_fallback() -> None:
    r = canary(
        match_labels={"app": "checkout", "tier": "web"},
        match_expressions=[
            {"key": "track", "operator": "In", "values": ["a", "b"]},
            {"key": "legacy", "operator": "DoesNotExist"},
        ],
    )
    t = rollout_target(r)
    assert t is not None
    assert t.canary_selector == (
        "app=checkout,tier=web,track in (a,b),!legacy,rollouts-pod-template-hash=bbb222"
    )
    ref = canary()
    ref["spec"] = {"workloadRef": {"kind": "Deployment", "name": "checkout"}}
    ref["status"]["selector"] = "app=checkout,rollouts-pod-template-hash=bbb222"
    t = rollout_target(ref)
    assert t is not None and t.stable_selector == "app=checkout,rollouts-pod-template-hash=aaa111"


# --- the watch ----------------------------------------------------------------------------


async def test_discovers_a_canary_and_drops_it_when_it_ends(tmp_path: Path) -> None:
    async with kube_env(tmp_path) as env:
        st = env.state
        st.put_rollout(canary("shop", "checkout"))
        st.put_rollout(canary("shop", "done", canary_hash="aaa111"))  # promoted long ago
        async with discovering(env) as (registry, discovery):
            await registry.wait_synced()
            assert keys(registry) == {("shop", "checkout", "bbb222")}
            await eventually(lambda: st.open_watches == 1)

            st.put_rollout(canary("web", "frontend", stable_hash="f1", canary_hash="f2"))
            await eventually(lambda: ("web", "frontend", "f2") in keys(registry))

            st.put_rollout(canary("shop", "checkout", stable_hash="bbb222", phase="Healthy"))
            await eventually(lambda: ("shop", "checkout", "bbb222") not in keys(registry))

            st.put_rollout(canary("web", "frontend", stable_hash="f1", canary_hash="f3"))
            await eventually(lambda: keys(registry) == {("web", "frontend", "f3")})

            st.put_rollout(
                canary(
                    "web",
                    "frontend",
                    stable_hash="f1",
                    canary_hash="f3",
                    abort=True,
                    phase="Degraded",
                )
            )
            await eventually(lambda: keys(registry) == set())

            st.put_rollout(canary("web", "again"))
            await eventually(lambda: len(keys(registry)) == 1)
            st.delete("rollouts", "web", "again")
            await eventually(lambda: keys(registry) == set())
            assert discovery.lists == 1
            assert registry.counts_by_source() == {"rollout": 0, "static": 0, "a2a": 0}


async def test_dropped_watch_resumes_from_last_resource_version(tmp_path: Path) -> None:
    async with kube_env(tmp_path) as env:
        st = env.state
        async with discovering(env) as (registry, discovery):
            await registry.wait_synced()
            await eventually(lambda: st.open_watches == 1)
            st.drop_watch_after(1)  # the *next* stream closes after one event
            st.drop_watches()  # close the current one now
            await eventually(lambda: sum(c.verb == "watch" for c in st.calls) == 2)
            for i in range(3):
                st.put_rollout(canary("shop", f"svc{i}"))
            await eventually(lambda: len(keys(registry)) == 3)
            assert discovery.lists == 1  # resumed, never relisted
            watches = [c for c in st.calls if c.verb == "watch"]
            assert len(watches) >= 3


async def test_gone_resource_version_relists(tmp_path: Path) -> None:
    async with kube_env(tmp_path) as env:
        st = env.state
        st.put_rollout(canary("shop", "old"))
        async with discovering(env) as (registry, discovery):
            await registry.wait_synced()
            await eventually(lambda: st.open_watches == 1)
            # events the client never sees, then history compacted: resuming must 410
            st.delete("rollouts", "shop", "old", silent=True)
            st.put_rollout(canary("shop", "new"), silent=True)
            st.compact()
            st.drop_watches()
            await eventually(lambda: keys(registry) == {("shop", "new", "bbb222")})
            assert discovery.lists == 2


async def test_watch_forbidden_and_server_errors_back_off_and_recover(tmp_path: Path) -> None:
    async with kube_env(tmp_path) as env:
        st = env.state
        st.put_rollout(canary())
        st.inject(Fault(status=403, times=2, verb="list", resource="rollouts"))
        async with discovering(env) as (registry, discovery):
            await eventually(lambda: discovery.last_error is not None)
            assert "list rollouts.argoproj.io in all namespaces" in discovery.last_error
            assert "deploy/base/rbac.yaml" in discovery.last_error
            # a forbidden list does not hold readiness: synced at once, plugin targets only
            await registry.wait_synced()
            await eventually(lambda: len(keys(registry)) == 1)  # granted later: discovered
            assert discovery.forbidden is None
            st.inject(Fault(status=500, times=2, verb="watch", resource="rollouts"))
            st.drop_watches()
            await eventually(lambda: discovery.last_error is not None)
            st.put_rollout(canary("shop", "later"))
            await eventually(lambda: len(keys(registry)) == 2)


async def test_configured_namespaces_are_watched_separately(tmp_path: Path) -> None:
    async with kube_env(tmp_path, namespaces="shop,web") as env:
        st = env.state
        st.put_rollout(canary("shop", "a"))
        st.put_rollout(canary("other", "b"))
        async with discovering(env) as (registry, _):
            await registry.wait_synced()
            assert keys(registry) == {("shop", "a", "bbb222")}
            st.put_rollout(canary("web", "c"))
            st.put_rollout(canary("other", "d"))
            await eventually(lambda: ("web", "c", "bbb222") in keys(registry))
            assert {c.namespace for c in st.calls if c.resource == "rollouts"} == {"shop", "web"}
            assert keys(registry) == {("shop", "a", "bbb222"), ("web", "c", "bbb222")}


# --- the registry -------------------------------------------------------------------------


def _target(name: str, source: str = "a2a", ns: str = "shop") -> Target:
    return Target(ns, name, f"app={name},v=1", f"app={name},v=2", f"h-{name}", source)  # type: ignore[arg-type]


async def test_registry_merges_sources_with_a2a_ttl() -> None:
    now = [1000.0]
    settings = Settings(
        discover_rollouts=False,
        a2a_target_ttl_seconds=60,
        targets=[
            StaticTarget(
                namespace="shop",
                rollout="cart",
                stable_selector="app=cart,track=stable",
                canary_selector="app=cart,track=canary",
            )
        ],
    )
    registry = TargetRegistry(settings, clock=lambda: now[0])
    assert registry.synced  # nothing to discover
    (static,) = registry.all()
    assert (
        static.canary_hash == selector_hash("app=cart,track=canary") and static.source == "static"
    )

    registry.name_a2a(_target("pay"))
    registry.replace_rollouts([_target("pay", "rollout"), _target("ship", "rollout")])
    assert registry.counts_by_source() == {"rollout": 2, "static": 1, "a2a": 0}  # rollout wins
    registry.name_a2a(_target("search"))
    assert registry.counts_by_source()["a2a"] == 1
    now[0] += 45
    registry.name_a2a(_target("search"))  # named again: TTL renewed
    now[0] += 45
    assert registry.counts_by_source()["a2a"] == 1
    now[0] += 16
    assert registry.counts_by_source()["a2a"] == 0

    found = registry.find("shop", "pay")
    assert found is not None and found.source == "rollout"
    assert registry.find("shop", "cart") == static
    assert registry.find("shop", "search") is None  # A2A-only targets are not "known"

    registry.replace_rollouts([_target("other", "rollout", ns="web")], namespace="web")
    assert {t.rollout for t in registry.all() if t.source == "rollout"} == {"pay", "ship", "other"}
    registry.replace_rollouts([], namespace="shop")
    assert {t.rollout for t in registry.all() if t.source == "rollout"} == {"other"}


def test_sharding_splits_targets_between_replicas() -> None:
    targets = [_target(f"svc{i}", "rollout") for i in range(300)]
    owned: list[set[tuple[str, str, str]]] = []
    for index in range(3):
        registry = TargetRegistry(
            Settings(discover_rollouts=False, shard_index=index, shard_count=3)
        )
        registry.replace_rollouts(targets)
        owned.append({t.key for t in registry.all()})
    assert set().union(*owned) == {t.key for t in targets}
    assert sum(len(o) for o in owned) == 300  # disjoint
    assert all(60 < len(o) < 140 for o in owned)  # roughly even

    # a target only an A2A request named stays with the replica that was asked
    for index in range(3):
        registry = TargetRegistry(
            Settings(discover_rollouts=False, shard_index=index, shard_count=3)
        )
        registry.name_a2a(_target("asked-here"))
        assert [t.rollout for t in registry.all()] == ["asked-here"]

    # a fourth replica takes targets only from the others, never reshuffles among them
    grown = []
    for index in range(4):
        registry = TargetRegistry(
            Settings(discover_rollouts=False, shard_index=index, shard_count=4)
        )
        registry.replace_rollouts(targets)
        grown.append({t.key for t in registry.all()})
    for index in range(3):
        assert grown[index] <= owned[index]


async def test_a2a_named_target_takes_the_rollout_revision(tmp_path: Path) -> None:
    async with kube_env(tmp_path) as env:
        env.state.put_rollout(canary("shop", "checkout"))
        t = await resolve_named_target(
            env.conn,
            "shop",
            "checkout",
            "role=stable",
            "role=canary",
            extra_prompt="ignore colours",
            retry=FAST_RETRY,
        )
        assert (t.canary_hash, t.stable_hash, t.source) == ("bbb222", "aaa111", "a2a")
        assert (t.stable_selector, t.canary_selector) == ("role=stable", "role=canary")
        assert t.extra_prompt == "ignore colours"

        # no such rollout (an AnalysisRun without a Rollout owner): the selector hash
        t = await resolve_named_target(
            env.conn, "shop", "ghost", "role=stable", "role=canary", retry=FAST_RETRY
        )
        assert t.canary_hash == selector_hash("role=canary") and t.stable_hash is None

        env.state.inject(Fault(status=403, verb="get", resource="rollouts"))
        t = await resolve_named_target(env.conn, "shop", "checkout", "a=b", "a=c", retry=FAST_RETRY)
        assert t.canary_hash == selector_hash("a=c")


async def test_bookmarks_advance_the_resume_point(tmp_path: Path) -> None:
    async with kube_env(tmp_path) as env:
        st = env.state
        async with discovering(env) as (registry, discovery):
            await registry.wait_synced()
            await eventually(lambda: st.open_watches == 1)
            st.put_rollout(canary("other", "quiet", phase="Healthy"), silent=True)
            st.bookmark()  # tells the client the newest resourceVersion
            st.compact()  # resuming from before the bookmark would now be 410 Gone
            watches = sum(c.verb == "watch" for c in st.calls)
            st.drop_watches()
            await eventually(lambda: sum(c.verb == "watch" for c in st.calls) > watches)
            st.put_rollout(canary("shop", "visible"))
            await eventually(lambda: len(keys(registry)) == 1)
            assert discovery.lists == 1
