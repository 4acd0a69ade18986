"""deploy/base/rbac.yaml allows every call the collector makes, and nothing more.

The fake API records each request as (verb, group, resource, subresource, namespace); a
full run of discovery and collection is checked against the rules parsed from the file.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

import yaml

from exporter.collect import (
    LogCollector,
    RolloutDiscovery,
    TargetRegistry,
    resolve_named_target,
)
from exporter.demo.fake_kube import ApiCall, FakeKubeState
from tests.kube_env import FAST_RETRY, add_side, eventually, kube_env

RBAC = Path(__file__).resolve().parents[1] / "deploy" / "base" / "rbac.yaml"


def documents() -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(RBAC.read_text()) if d]


def rules() -> list[dict[str, Any]]:
    (role,) = [d for d in documents() if d["kind"] == "ClusterRole"]
    return list(role["rules"])


def allowed(call: ApiCall) -> bool:
    resource = f"{call.resource}/{call.subresource}" if call.subresource else call.resource
    return any(
        call.group in r.get("apiGroups", [])
        and resource in r.get("resources", [])
        and call.verb in r.get("verbs", [])
        for r in rules()
    )


def test_binding_ties_the_service_account_to_the_role() -> None:
    docs = {d["kind"]: d for d in documents()}
    assert set(docs) == {"Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding"}
    sa, binding = docs["ServiceAccount"], docs["ClusterRoleBinding"]
    assert sa["metadata"] == {
        **sa["metadata"],
        "name": "ai-canary-exporter",
        "namespace": "ai-canary-exporter",
    }
    assert binding["roleRef"] == {
        "apiGroup": "rbac.authorization.k8s.io",
        "kind": "ClusterRole",
        "name": docs["ClusterRole"]["metadata"]["name"],
    }
    assert binding["subjects"] == [
        {"kind": "ServiceAccount", "name": "ai-canary-exporter", "namespace": "ai-canary-exporter"}
    ]


def test_role_grants_exactly_the_read_access_needed() -> None:
    granted = {
        (group, resource, verb)
        for r in rules()
        for group in r["apiGroups"]
        for resource in r["resources"]
        for verb in r["verbs"]
    }
    assert granted == {
        ("argoproj.io", "rollouts", "get"),
        ("argoproj.io", "rollouts", "list"),
        ("argoproj.io", "rollouts", "watch"),
        ("", "pods", "list"),
        ("", "pods/log", "get"),
        ("", "events", "list"),
    }
    assert all("resourceNames" not in r and "nonResourceURLs" not in r for r in rules())


async def test_every_collector_call_is_allowed(tmp_path: Path) -> None:
    calls: list[ApiCall] = []
    for namespaces in ("", "shop"):
        async with kube_env(tmp_path, namespaces=namespaces) as env:
            st = env.state
            st.put_rollout(
                FakeKubeState.make_rollout(
                    "shop",
                    "checkout",
                    match_labels={"app": "checkout"},
                    stable_hash="s1",
                    canary_hash="c2",
                )
            )
            add_side(st, "shop", "checkout", "s1", 2, "ok", containers=("istio-proxy", "app"))
            add_side(
                st,
                "shop",
                "checkout",
                "c2",
                1,
                "boom",
                restarts={"app": 2},
                last_terminated={"app": ("Error", 1)},
            )
            st.set_logs("shop", "checkout-c2-0", "app", "panic: nil map", previous=True)
            st.add_event("shop", "checkout-c2-0", "BackOff", "Back-off restarting failed container")

            registry = TargetRegistry(env.settings)
            discovery = RolloutDiscovery(env.conn, env.settings, registry, retry=FAST_RETRY)
            task = asyncio.create_task(discovery.run())
            try:
                await registry.wait_synced()
                await eventually(lambda st=st: st.open_watches >= 1)  # type: ignore[misc]
                (target,) = registry.all()
                got = await LogCollector(env.conn, env.settings, retry=FAST_RETRY).collect(target)
                named = await resolve_named_target(
                    env.conn, "shop", "checkout", "role=stable", "role=canary", retry=FAST_RETRY
                )
                assert named.canary_hash == target.canary_hash
                assert got.canary.pods[0].previous_text.startswith("20")  # it really read it
            finally:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            calls += st.calls

    used = {(c.verb, c.group, c.resource, c.subresource) for c in calls}
    assert used == {
        ("get", "argoproj.io", "rollouts", ""),
        ("list", "argoproj.io", "rollouts", ""),
        ("watch", "argoproj.io", "rollouts", ""),
        ("list", "", "pods", ""),
        ("list", "", "events", ""),
        ("get", "", "pods", "log"),
    }
    denied = [c for c in calls if not allowed(c)]
    assert denied == []
    assert {c.namespace for c in calls} == {"", "shop"}  # cluster-wide and namespaced both ran
