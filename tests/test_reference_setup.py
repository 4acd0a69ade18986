"""Swapping the image in the reference setup: its probes, RBAC, settings and plugin wiring.

Upstream files are test data (tests/data/upstream/, vendored with their commit):
kdubois/kubernetes-agent's Deployment and RBAC, Argo Rollouts v1.9.0's controller RBAC
(from the metric-ai plugin repository's install.yaml) and the plugin's release workflow at
its only tag. The service runs for real against the fake Kubernetes API, which enforces the
reference ServiceAccount's ClusterRole (a Rollout list gets the API server's 403).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from exporter.config import ConfigError, load_settings
from exporter.demo.fake_kube import ApiCall, FakeKubeState
from tests.fakes.model_server import Reply
from tests.fakes.openai_server import FakeOpenAI
from tests.plugin_client import FAILED, SUCCESSFUL, MetricAIPlugin
from tests.service_harness import ServiceEnv, failing_log, healthy_log, running_service

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM = Path(__file__).resolve().parent / "data" / "upstream"
REFERENCE_SA = "system:serviceaccount:argo-rollouts:kubernetes-agent"


def upstream(name: str) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all((UPSTREAM / name).read_text()) if d]


def rules_allow(rules: list[dict[str, Any]], call: ApiCall) -> bool:
    """RBAC's rule match: group, resource (with subresource), verb; `*` is a wildcard."""
    resource = f"{call.resource}/{call.subresource}" if call.subresource else call.resource
    return any(
        (call.group in r.get("apiGroups", []) or "*" in r.get("apiGroups", []))
        and (resource in r.get("resources", []) or "*" in r.get("resources", []))
        and (call.verb in r.get("verbs", []) or "*" in r.get("verbs", []))
        for r in rules
    )


def cluster_role(docs: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    (role,) = [d for d in docs if d["kind"] == "ClusterRole" and d["metadata"]["name"] == name]
    return list(role["rules"])


REFERENCE_RULES = cluster_role(upstream("kubernetes-agent-rbac.yaml"), "kubernetes-agent")


def reference_container() -> dict[str, Any]:
    (deployment,) = [d for d in upstream("kubernetes-agent-deployment.yaml")]
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    assert isinstance(container, dict)
    return container


def reference_sa_cluster() -> FakeKubeState:
    """A fake API that enforces the reference ServiceAccount's ClusterRole."""
    state = FakeKubeState()
    state.user = REFERENCE_SA
    state.authorize = lambda call: rules_allow(REFERENCE_RULES, call)
    return state


def role_pods(env: ServiceEnv, *, canary_log: str, namespace: str = "shop") -> None:
    """A Rollout mid-canary whose pods carry the plugin's role labels."""
    env.state.ensure_namespace(namespace)
    for role, pod_hash, text in (
        ("stable", "s7ab1e", healthy_log(300)),
        ("canary", "c4n4ry", canary_log),
    ):
        pod = f"checkout-{pod_hash}-0"
        labels = {"app": "checkout", "role": role, "rollouts-pod-template-hash": pod_hash}
        env.state.add_pod(namespace, pod, labels)
        env.state.set_logs(namespace, pod, "app", text)
    env.state.put_rollout(
        env.state.make_rollout(
            namespace,
            "checkout",
            match_labels={"app": "checkout"},
            stable_hash="s7ab1e",
            canary_hash="c4n4ry",
        )
    )


class Kubelet:
    """The reference Deployment's two probes, as the kubelet runs them (time scaled).

    Each probe: `initialDelaySeconds`, then every `periodSeconds`; a result counts as a
    failure when it is not 2xx/3xx; `failureThreshold` failures in a row restart the
    container (liveness) or take the pod out of its Service (readiness).
    """

    def __init__(self, env: ServiceEnv, container: dict[str, Any], scale: float) -> None:
        self.env, self.scale = env, scale
        self.probes = {kind: container[f"{kind}Probe"] for kind in ("liveness", "readiness")}
        self.results: dict[str, list[int]] = {"liveness": [], "readiness": []}

    async def _run(self, kind: str, rounds: int) -> None:
        probe = self.probes[kind]
        await asyncio.sleep(probe["initialDelaySeconds"] / self.scale)
        for _ in range(rounds):
            async with self.env.http.get(self.env.url + probe["httpGet"]["path"]) as resp:
                self.results[kind].append(resp.status)
            await asyncio.sleep(probe["periodSeconds"] / self.scale)

    async def run(self, rounds: int) -> None:
        await asyncio.gather(self._run("liveness", rounds), self._run("readiness", rounds))

    def restarted(self) -> bool:
        return _runs_of_failures(self.results["liveness"], self.probes["liveness"])

    def ready_at_end(self) -> bool:
        return 200 <= self.results["readiness"][-1] < 400

    def dropped_out(self) -> bool:
        return _runs_of_failures(self.results["readiness"], self.probes["readiness"])


def _runs_of_failures(statuses: list[int], probe: dict[str, Any]) -> bool:
    run = 0
    for status in statuses:
        run = run + 1 if not 200 <= status < 400 else 0
        if run >= probe["failureThreshold"]:
            return True
    return False


def test_the_reference_deployment_probes_one_path_and_may_not_list_rollouts() -> None:
    container = reference_container()
    paths = {container[f"{k}Probe"]["httpGet"]["path"] for k in ("liveness", "readiness")}
    assert paths == {"/a2a/health"}
    assert rules_allow(REFERENCE_RULES, ApiCall("get", "", "pods", "log", "shop"))
    assert not rules_allow(REFERENCE_RULES, ApiCall("list", "argoproj.io", "rollouts", "", ""))


async def test_reference_pod_becomes_ready_under_403_and_answers_the_plugin(
    tmp_path: Path,
) -> None:
    async with running_service(tmp_path, kube_state=reference_sa_cluster(), cache_seconds=0) as env:
        role_pods(env, canary_log=failing_log(120))
        kubelet = Kubelet(env, reference_container(), scale=20)
        await kubelet.run(rounds=8)
        assert not kubelet.restarted(), kubelet.results
        assert kubelet.ready_at_end() and not kubelet.dropped_out(), kubelet.results
        status, health = await env.get_json("/q/health")
        assert status == 200, health
        (kube,) = [c for c in health["checks"] if c["name"] == "kubernetes"]
        assert "forbidden" in kube["data"]["rolloutDiscovery"]
        assert "403 Forbidden" in kube["data"]["lastError"]
        denied = [c for c in env.state.calls if c.resource == "rollouts"]
        assert denied and all(not rules_allow(REFERENCE_RULES, c) for c in denied)
        # the plugin's own call: named by the request, analysed with the SA's pod access
        plugin = MetricAIPlugin(env.http, env.kube.url)
        m = await plugin.run("shop", "checkout", {"agentUrl": env.url})
        assert m.status == 200 and m.phase == FAILED, m.body
        calls = [c for c in env.state.calls if c.resource == "pods"]
        assert calls and all(rules_allow(REFERENCE_RULES, c) for c in calls)


async def test_reference_pod_stays_ready_while_the_model_fails_under_heuristic_policy(
    tmp_path: Path,
) -> None:
    async with FakeOpenAI() as fake:
        fake.script.extend(Reply.server_error(500, "upstream down") for _ in range(200))
        async with running_service(
            tmp_path,
            judge="openai",
            openai_base_url=fake.base_url,
            openai_api_key="sk-test",
            model_max_retries=0,
            model_failure_policy="heuristic",
            cache_seconds=0,
            interval_seconds=0.2,
            kube_state=reference_sa_cluster(),
        ) as env:
            role_pods(env, canary_log=healthy_log(200, offset=5))
            plugin = MetricAIPlugin(env.http, env.kube.url)
            kubelet = Kubelet(env, reference_container(), scale=20)
            probing = asyncio.create_task(kubelet.run(rounds=10))
            answers = [
                await plugin.run("shop", "checkout", {"agentUrl": env.url}) for _ in range(5)
            ]
            await probing
            assert [m.phase for m in answers] == [SUCCESSFUL] * 5, [m.body for m in answers]
            status, ready = await env.get_json("/q/health/ready")
            (model,) = [c for c in ready["checks"] if c["name"] == "model"]
            assert model["data"]["consecutiveFailures"] >= 3, model
            assert status == 200 and model["status"] == "UP" and "answering" in model["data"]
            assert not kubelet.restarted() and not kubelet.dropped_out(), kubelet.results
            assert len(fake.requests) >= 3  # the model really was asked, and failed


# --- settings parity ------------------------------------------------------------------------


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    for name in (
        "QUARKUS_PROFILE", "MODELS_TO_USE", "ENABLE_MULTI_MODEL", "GOOGLE_API_KEY",
        "OPENAI_API_KEY", "OPENAI_BASE_URL", "VLLM_API_BASE", "AI_CANARY_JUDGE",
        "AI_CANARY_MODELS", "ANALYSIS_BASE_URL", "ANALYSIS_API_KEY",
    ):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    yield monkeypatch


def test_quarkus_profile_picks_the_provider_like_the_reference(
    clean_env: pytest.MonkeyPatch,
) -> None:
    # the reference Secret template fills both keys and switches with the profile
    clean_env.setenv("GOOGLE_API_KEY", "g-key")
    clean_env.setenv("OPENAI_API_KEY", "sk-key")
    assert load_settings(None).judge == "auto"  # no profile: our rule (Gemini first)
    clean_env.setenv("QUARKUS_PROFILE", "prod,openai")
    assert load_settings(None).judge == "openai"
    clean_env.setenv("QUARKUS_PROFILE", "prod,gemini")
    assert load_settings(None).judge == "gemini"
    clean_env.setenv("QUARKUS_PROFILE", "prod")
    assert load_settings(None).judge == "auto"
    clean_env.setenv("QUARKUS_PROFILE", "prod,openai")
    clean_env.setenv("AI_CANARY_JUDGE", "heuristic")
    assert load_settings(None).judge == "heuristic"  # an explicit choice wins
    clean_env.delenv("AI_CANARY_JUDGE")
    clean_env.delenv("OPENAI_API_KEY")
    with pytest.raises(ConfigError, match="QUARKUS_PROFILE='prod,openai' selects OpenAI"):
        load_settings(None)


def test_models_to_use_maps_carlossg_model_names(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("GOOGLE_API_KEY", "g-key")
    clean_env.setenv("VLLM_API_BASE", "http://gemma-4-e4b-server:8000")
    clean_env.setenv("ENABLE_MULTI_MODEL", "true")
    clean_env.setenv("MODELS_TO_USE", "gemini-3-flash-preview,gemma-4-e4b-it")  # carlossg's
    s = load_settings(None)
    assert s.models == ["gemini:gemini-3-flash-preview", "openai:gemma-4-e4b-it"]
    assert s.analysis_base_url == "http://gemma-4-e4b-server:8000"
    clean_env.setenv("MODELS_TO_USE", "llama-3")
    with pytest.raises(ConfigError, match="MODELS_TO_USE entry 'llama-3'"):
        load_settings(None)
    clean_env.delenv("MODELS_TO_USE")
    assert load_settings(None).models == ["gemini:gemini-2.5-flash", "openai:gpt-4o-mini"]
    clean_env.setenv("AI_CANARY_MODELS", "gemini:gemini-2.5-pro")
    assert load_settings(None).models == ["gemini:gemini-2.5-pro"]  # ours wins


def test_defaults_that_differ_from_the_reference_are_documented() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Coming from the reference agents") :]
    section = section[: section.index("\n#", 1)]
    s = load_settings(None)
    for name, ours, theirs in (
        ("OPENAI_MODEL", s.openai_model, "gpt-4o"),
        ("GEMINI_MODEL", s.gemini_model, "gemini-3-flash-preview"),
    ):
        row = next((line for line in section.splitlines() if line.startswith(f"| `{name}`")), "")
        assert ours in row and theirs in row, f"README's reference-defaults table lacks {name}"


# --- the reference-swap example ---------------------------------------------------------------


def reference_swap_docs() -> list[dict[str, Any]]:
    from tests.test_manifests import render

    return list(render("reference-swap"))


def test_reference_swap_grants_the_plugin_its_log_reads() -> None:
    """Stock Argo Rollouts (v1.9.0) may list pods but not read their logs: the plugin's
    fetchFirstPodLogs needs `list pods` and `get pods/log` in the AnalysisRun's namespace."""
    stock = upstream("argo-rollouts-v1.9.0-controller.yaml")
    stock_rules = cluster_role(stock, "argo-rollouts")
    needs = [
        ApiCall("list", "", "pods", "", "rollouts-demo"),
        ApiCall("get", "", "pods", "log", "rollouts-demo"),
    ]
    assert not all(rules_allow(stock_rules, c) for c in needs)  # why the example adds a role
    (sa,) = [d for d in stock if d["kind"] == "ServiceAccount"]
    controller = {
        "kind": "ServiceAccount",
        "name": sa["metadata"]["name"],
        "namespace": "argo-rollouts",
    }
    docs = reference_swap_docs()
    granted = list(stock_rules)
    for binding in (d for d in docs if d["kind"] == "ClusterRoleBinding"):
        if controller in binding["subjects"]:
            granted += cluster_role(docs, binding["roleRef"]["name"])
    assert all(rules_allow(granted, c) for c in needs), granted
    # and nothing that writes
    added = [r for r in granted if r not in stock_rules]
    assert {v for r in added for v in r["verbs"]} <= {"get", "list", "watch"}


def test_reference_swap_plugin_url_names_a_real_release_asset() -> None:
    (config,) = [
        d
        for d in reference_swap_docs()
        if d["kind"] == "ConfigMap" and d["metadata"]["name"] == "argo-rollouts-config"
    ]
    (plugin,) = yaml.safe_load(config["data"]["metricProviderPlugins"])
    workflow = yaml.safe_load((UPSTREAM / "metric-ai-v0.0.1-release.yaml").read_text())
    steps = workflow["jobs"]["build-and-release"]["steps"]
    (release,) = [s for s in steps if s.get("uses", "").startswith("softprops/action-gh-release")]
    (asset,) = release["with"]["files"].split()
    prefix = "https://github.com/argoproj-labs/rollouts-plugin-metric-ai/releases/download/"
    assert plugin["location"].startswith(prefix)
    tag, name = plugin["location"][len(prefix) :].split("/")
    assert tag == "v0.0.1" and name == asset  # the repository's only tag; the asset it builds
    # No checksum is published upstream (no checksums file in the release workflow), so the
    # example cannot carry a verified sha256: it says how to add one instead.
    assert "sha256" not in plugin
    assert (
        "sha256sum"
        in (ROOT / "examples" / "reference-swap" / "argo-rollouts-config.yaml").read_text()
    )


def test_reference_secret_keys_reach_the_service() -> None:
    docs = reference_swap_docs()
    (deployment,) = [
        d
        for d in docs
        if d["kind"] == "Deployment" and d["metadata"]["name"] == "ai-canary-exporter"
    ]
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    refs = {
        e["name"]: e["valueFrom"]["secretKeyRef"]["key"]
        for e in container["env"]
        if "secretKeyRef" in e.get("valueFrom", {})
    }
    theirs = {
        e["name"]: e["valueFrom"]["secretKeyRef"]["key"]
        for e in reference_container()["env"]
        if "secretKeyRef" in e.get("valueFrom", {})
    }
    unused = {"GOOGLE_CLOUD_PROJECT"}  # Vertex project: we call the Gemini API with the key
    assert {k: v for k, v in theirs.items() if k not in unused} == refs


def test_plugin_auth_overlay_opens_only_the_plugin_path_to_the_controller() -> None:
    from tests.test_manifests import render

    docs = list(render("plugin-auth"))
    (policy,) = [d for d in docs if d["kind"] == "NetworkPolicy"]
    (deployment,) = [d for d in docs if d["kind"] == "Deployment"]
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    selector = policy["spec"]["podSelector"]["matchLabels"]
    assert selector.items() <= pod_labels.items()
    assert policy["metadata"]["namespace"] == deployment["metadata"]["namespace"]
    (controller,) = [
        d for d in upstream("argo-rollouts-v1.9.0-controller.yaml") if d["kind"] == "Deployment"
    ]
    controller_pod = controller["spec"]["template"]["metadata"]["labels"]
    admitted = [
        peer
        for rule in policy["spec"]["ingress"]
        for peer in rule["from"]
        if peer.get("podSelector", {}).get("matchLabels", {}).items() <= controller_pod.items()
        and peer.get("namespaceSelector", {}).get("matchLabels")
        == {"kubernetes.io/metadata.name": "argo-rollouts"}
    ]
    assert admitted, "the controller's pods are not admitted"
    env = {e["name"]: e for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert env["AI_CANARY_AUTH_OPEN_PLUGIN"]["value"] == "true"
    token = env["AI_CANARY_AUTH_TOKEN"]["valueFrom"]["secretKeyRef"]
    assert token["key"] == "auth_token" and not token.get("optional", False)
