"""deploy/overlays/sharded: a StatefulSet whose replicas shard the canaries by pod ordinal."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from exporter.config import Settings
from exporter.sharding import peer_url
from tests.test_manifests import find, one, render, selects


def _env(container: dict[str, Any]) -> dict[str, Any]:
    return {e["name"]: e.get("value", e.get("valueFrom")) for e in container["env"]}


def test_statefulset_replaces_the_deployment_with_the_same_pod() -> None:
    docs = render("sharded")
    assert not find(docs, "Deployment")
    sts = one(docs, "StatefulSet", "ai-canary-exporter")
    base = one(render("deploy"), "Deployment", "ai-canary-exporter")
    # the same pod as the single-replica install, plus the shard settings
    pod = copy.deepcopy(sts["spec"]["template"])
    (container,) = pod["spec"]["containers"]
    shard_env = {"AI_CANARY_SHARD_COUNT", "AI_CANARY_SHARD_INDEX", "AI_CANARY_SHARD_PEER_URL"}
    container["env"] = [
        e for e in container["env"] if e["name"] not in shard_env | {"POD_NAMESPACE"}
    ]
    assert pod == base["spec"]["template"]
    env = _env(sts["spec"]["template"]["spec"]["containers"][0])
    assert int(env["AI_CANARY_SHARD_COUNT"]) == sts["spec"]["replicas"]
    assert env["AI_CANARY_SHARD_INDEX"] == "ordinal"  # no hand-set index


def test_peer_urls_name_each_replica_through_the_headless_service() -> None:
    docs = render("sharded")
    sts = one(docs, "StatefulSet", "ai-canary-exporter")
    peers = one(docs, "Service", sts["spec"]["serviceName"])
    assert peers["spec"]["clusterIP"] == "None"
    labels = sts["spec"]["template"]["metadata"]["labels"]
    assert selects(peers["spec"]["selector"], labels)
    env = _env(sts["spec"]["template"]["spec"]["containers"][0])
    url = peer_url(env["AI_CANARY_SHARD_PEER_URL"], 2)
    ns = sts["metadata"]["namespace"]
    expected = (
        f"http://{sts['metadata']['name']}-2.{peers['metadata']['name']}.$(POD_NAMESPACE).svc:8080"
    )
    assert url == expected and env["POD_NAMESPACE"] == {
        "fieldRef": {"fieldPath": "metadata.namespace"}
    }
    assert ns  # $(POD_NAMESPACE) is expanded by the kubelet to this namespace


def test_service_monitor_scrapes_every_replica_once() -> None:
    docs = render("sharded")
    sts = one(docs, "StatefulSet", "ai-canary-exporter")
    (monitor,) = find(docs, "ServiceMonitor")
    matched = [
        s
        for s in find(docs, "Service")
        if selects(monitor["spec"]["selector"]["matchLabels"], s["metadata"].get("labels", {}))
    ]
    assert len(matched) == 1  # not the peers Service too: that would scrape each pod twice
    assert selects(matched[0]["spec"]["selector"], sts["spec"]["template"]["metadata"]["labels"])


@pytest.mark.parametrize(
    ("host", "index"), [("ai-canary-exporter-0", 0), ("ai-canary-exporter-11", 11)]
)
def test_shard_index_from_the_pod_ordinal(
    monkeypatch: pytest.MonkeyPatch, host: str, index: int
) -> None:
    monkeypatch.setenv("HOSTNAME", host)
    s = Settings(**{"shard_index": "ordinal", "shard_count": 12})
    assert s.shard_index == index


def test_shard_index_ordinal_needs_a_numbered_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOSTNAME", "laptop")
    with pytest.raises(ValueError, match="ending in -N"):
        Settings(**{"shard_index": "ordinal", "shard_count": 3})
