"""The fake Kubernetes API behaves like the real one where our client depends on it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as hs
from kubernetes_asyncio import client
from kubernetes_asyncio.client.exceptions import ApiException

from exporter.demo.kube_selectors import (
    field_selector_matches,
    label_selector_matches,
    parse_label_selector,
)
from tests.kube_env import kube_env

LABELS = {"app": "checkout", "tier": "web", "rollouts-pod-template-hash": "abc123"}


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("", True),
        ("app=checkout", True),
        ("app==checkout", True),
        ("app=cart", False),
        ("app!=cart", True),
        ("app!=checkout", False),
        ("missing!=x", True),  # != matches objects without the label
        ("app in (cart, checkout)", True),
        ("app in (cart,search)", False),
        ("app notin (cart,search)", True),
        ("missing notin (x)", True),
        ("app notin (checkout)", False),
        ("tier", True),
        ("missing", False),
        ("!missing", True),
        ("!tier", False),
        ("app=checkout,tier in (web,api),!legacy,rollouts-pod-template-hash=abc123", True),
        ("app=checkout,rollouts-pod-template-hash=zzz999", False),
        (" app = checkout , tier ", True),
    ],
)
def test_label_selector_semantics(selector: str, expected: bool) -> None:
    assert label_selector_matches(selector, LABELS) is expected


@pytest.mark.parametrize("bad", ["app=", "=x", "app in x", "a b", "app=(x)", "!"])
def test_label_selector_rejects_garbage(bad: str) -> None:
    if bad == "app=":  # an empty value is legal: `app=` matches app=""
        assert label_selector_matches(bad, {"app": ""})
        return
    with pytest.raises(ValueError):
        parse_label_selector(bad)


def test_field_selector_semantics() -> None:
    event = {"type": "Warning", "involvedObject": {"kind": "Pod", "name": "p-1"}}
    assert field_selector_matches("type=Warning,involvedObject.name=p-1", event)
    assert field_selector_matches("involvedObject.kind==Pod", event)
    assert not field_selector_matches("type!=Warning", event)
    assert not field_selector_matches("involvedObject.name=p-2", event)


async def test_real_client_lists_with_selectors_and_reads_logs(tmp_path: Path) -> None:
    async with kube_env(tmp_path) as env:
        st = env.state
        for name, labels in {
            "a": {"app": "checkout", "track": "stable"},
            "b": {"app": "checkout", "track": "canary"},
            "c": {"app": "cart"},
        }.items():
            st.add_pod("shop", name, labels, containers=("app", "istio-proxy"))
        now = time.time()
        st.set_logs("shop", "a", "app", [(now - 100, "old"), (now - 5, "one"), (now - 1, "two")])
        core = client.CoreV1Api(env.conn.api)

        async def names(selector: str) -> list[str]:
            pods = await core.list_namespaced_pod("shop", label_selector=selector)
            return [p.metadata.name for p in pods.items]

        assert await names("app=checkout") == ["a", "b"]
        assert await names("app=checkout,track!=canary") == ["a"]
        assert await names("app in (cart,search)") == ["c"]
        assert await names("!track") == ["c"]
        everywhere = await core.list_pod_for_all_namespaces(label_selector="track")
        assert len(everywhere.items) == 2

        # read_namespaced_pod_log re-parses JSON-looking bodies; our lines are plain text
        text = await core.read_namespaced_pod_log("a", "shop", container="app")
        assert text == "old\none\ntwo\n"
        text = await core.read_namespaced_pod_log("a", "shop", container="app", since_seconds=10)
        assert text == "one\ntwo\n"
        text = await core.read_namespaced_pod_log("a", "shop", container="app", tail_lines=1)
        assert text == "two\n"
        text = await core.read_namespaced_pod_log("a", "shop", container="app", limit_bytes=6)
        assert text == "old\non"
        stamped = await core.read_namespaced_pod_log("a", "shop", container="app", timestamps=True)
        assert stamped.splitlines()[2].endswith("Z two")

        with pytest.raises(ApiException) as info:  # two containers: must name one
            await core.read_namespaced_pod_log("a", "shop")
        assert info.value.status == 400 and "choose one of: [app istio-proxy]" in info.value.body
        with pytest.raises(ApiException) as info:
            await core.read_namespaced_pod_log("a", "shop", container="app", previous=True)
        assert info.value.status == 400 and "previous terminated container" in info.value.body
        with pytest.raises(ApiException) as info:
            await core.read_namespaced_pod_log("gone", "shop", container="app")
        assert info.value.status == 404 and '"kind": "Status"' in info.value.body
        with pytest.raises(ApiException) as info:
            await core.list_namespaced_pod("shop", label_selector="app in cart")
        assert info.value.status == 400

        version = await client.VersionApi(env.conn.api).get_code()
        assert (version.major, version.minor) == ("1", "31")


async def test_live_log_source_and_auth(tmp_path: Path) -> None:
    async with kube_env(tmp_path, token="sekret") as env:
        st = env.state
        st.add_pod("shop", "live", {"app": "x"})
        seen: list[float | None] = []

        def source(since: float | None, now: float) -> list[tuple[float, str]]:
            seen.append(since)
            return [(now - 120, "too old"), (now - 1, f"tick at {int(now)}")]

        st.set_logs("shop", "live", "app", source)
        core = client.CoreV1Api(env.conn.api)
        text = await core.read_namespaced_pod_log("live", "shop", since_seconds=60)
        assert text.startswith("tick at ")
        assert seen and seen[0] is not None

        anonymous = client.ApiClient(client.Configuration(host=env.kube.url))
        try:
            with pytest.raises(ApiException) as info:
                await client.CoreV1Api(anonymous).list_namespaced_pod("shop")
            assert info.value.status == 401
        finally:
            await anonymous.close()


_names = hs.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True)


@given(hs.dictionaries(_names, _names, min_size=1, max_size=5), hs.data())
def test_selector_built_from_labels_matches_them_and_negations_do_not(
    labels: dict[str, str], data: hs.DataObject
) -> None:
    exact = ",".join(f"{k}={v}" for k, v in labels.items())
    assert label_selector_matches(exact, labels)
    assert label_selector_matches(",".join(labels), labels)  # existence
    key = data.draw(hs.sampled_from(sorted(labels)))
    assert not label_selector_matches(f"{exact},{key}!={labels[key]}", labels)
    assert not label_selector_matches(f"!{key}", labels)
    assert label_selector_matches(f"{key} in (zz-other,{labels[key]})", labels)
    assert not label_selector_matches(f"{key} notin ({labels[key]})", labels)
