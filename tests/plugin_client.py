"""The argoproj-labs/metric-ai plugin's side of the wire, ported from its Go source.

Upstream: github.com/argoproj-labs/rollouts-plugin-metric-ai at 12538eb (2026-05-01),
`internal/plugin/plugin.go` (`Run`, `fetchFirstPodLogs`), `internal/plugin/a2a.go`
(`A2ARequest`, `A2AResponse`, `AnalyzeWithAgent`, `HealthCheck`) and
`internal/plugin/ai_mode.go` (`analyzeWithKubernetesAgent`, the `analysisJSON` subset).
What a test sends and reads through this module is what the plugin sends and reads:

- the request body as Go's `json.Marshal` writes it: struct fields in declaration order
  (`userId`, `prompt`, `context`, `memoryId`), map keys sorted, `<`, `>`, `&`, U+2028 and
  U+2029 escaped, no spaces; posted with `http.Client.Post` (Content-Type
  application/json, Go's User-Agent, no Accept header, no authentication), after a
  `GET {agentUrl}/` whose status is ignored; `agentUrl` and the path are joined as strings;
- the response decoded as `json.Unmarshal` into `A2AResponse` does: only HTTP 200 is read;
  a wrong JSON type for a known field (a float `confidence`, a string `promote`) fails the
  decode; unknown fields are ignored; keys match case-insensitively when no exact match;
- the measurement as `Run` makes it: no canary pod → Successful "1" without calling the
  agent; no stable pod, an unreadable log or any agent failure → Error; `promote` →
  Successful with value `confidence/100` ("%.2f"), otherwise Failed with value "0".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import aiohttp

SUCCESSFUL, FAILED, ERROR = "Successful", "Failed", "Error"
ISTIO_CONTAINERS = ("istio-proxy", "istio-init")
GO_USER_AGENT = "Go-http-client/1.1"
CLIENT_TIMEOUT_SECONDS = 300.0  # NewA2AClient: 5 * time.Minute


# --- Go's encoding/json ------------------------------------------------------------------

_GO_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_GO_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


def go_marshal(value: Any) -> bytes:
    """`json.Marshal`: dicts are written in their order (a struct's field order, or a Go
    map's sorted keys — the caller orders them), with Go's string escaping."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # Outside strings JSON has none of these characters, so replacing everywhere is exact.
    return _GO_ESCAPE_RE.sub(lambda m: _GO_ESCAPES[m.group(0)], text).encode()


def a2a_request(
    namespace: str,
    rollout_name: str,
    stable_selector: str,
    canary_selector: str,
    extra_prompt: str = "",
    github_url: str = "",
    base_branch: str = "",
) -> dict[str, Any]:
    """`AnalyzeWithAgent`'s A2ARequest, fields in struct order, `context` as Go's sorted map."""
    prompt = (
        f"Analyze canary deployment for rollout '{rollout_name}'. Namespace: {namespace}. "
        "Use your tools to fetch and compare logs from stable pods (selector: "
        f"{stable_selector}) vs canary pods (selector: {canary_selector}). Determine if "
        "canary should be promoted."
    )
    if extra_prompt:
        prompt += f"\n\nAdditional context: {extra_prompt}"
    context: dict[str, str] = {
        "namespace": namespace,
        "rolloutName": rollout_name,
        "stableSelector": stable_selector,
        "canarySelector": canary_selector,
    }
    if extra_prompt:
        context["extraPrompt"] = extra_prompt
    if github_url:
        context["repoUrl"] = github_url
    if base_branch:
        context["baseBranch"] = base_branch
    return {
        "userId": "argo-rollouts",
        "prompt": prompt,
        "context": dict(sorted(context.items())),
        "memoryId": f"rollout:{namespace}/{rollout_name}",  # omitempty, never empty here
    }


class GoDecodeError(ValueError):
    """What `json.Unmarshal` would return as an error."""


class _GoFloat(float):
    """A JSON number written with a fraction or exponent (Go cannot put it in an int)."""


def _field(doc: dict[str, Any], name: str) -> Any:
    if name in doc:
        return doc[name]
    for key, value in doc.items():  # encoding/json falls back to case-insensitive keys
        if key.lower() == name.lower():
            return value
    return None


def _go_string(value: Any, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise GoDecodeError(f"cannot unmarshal {type(value).__name__} into {where} of type string")
    return value


def _go_bool(value: Any, where: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise GoDecodeError(f"cannot unmarshal {type(value).__name__} into {where} of type bool")
    return value


def _go_int(value: Any, where: str, bits: int = 64) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or isinstance(value, _GoFloat):
        raise GoDecodeError(f"cannot unmarshal {value!r} into {where} of type int")
    if not -(2 ** (bits - 1)) <= value < 2 ** (bits - 1):
        raise GoDecodeError(f"cannot unmarshal {value} into {where}: out of range")
    return value


_TEXT_FIELDS = {"Analysis": "analysis", "RootCause": "rootCause", "Remediation": "remediation"}


def go_decode_response(raw: bytes) -> dict[str, Any]:
    """`json.Unmarshal(body, &A2AResponse{})`: the struct's fields, or GoDecodeError."""
    try:
        doc = json.loads(raw, parse_float=_GoFloat)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoDecodeError(f"invalid JSON: {exc}") from None
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise GoDecodeError("cannot unmarshal a non-object into A2AResponse")
    out: dict[str, Any] = {}
    for go_name, key in {
        **_TEXT_FIELDS,
        "PRLink": "prLink",
        "VotingRationale": "votingRationale",
    }.items():
        out[key] = _go_string(_field(doc, key), f"A2AResponse.{go_name}")
    out["promote"] = _go_bool(_field(doc, "promote"), "A2AResponse.Promote")
    out["confidence"] = _go_int(_field(doc, "confidence"), "A2AResponse.Confidence")
    models = _field(doc, "modelResults")
    if models is not None and not isinstance(models, list):
        raise GoDecodeError(
            "cannot unmarshal into A2AResponse.ModelResults of type []ModelAnalysisResult"
        )
    out["modelResults"] = []
    for entry in models or []:
        if entry is None:
            entry = {}
        if not isinstance(entry, dict):
            raise GoDecodeError("cannot unmarshal into ModelAnalysisResult")
        where = "ModelAnalysisResult"
        out["modelResults"].append(
            {
                "modelName": _go_string(_field(entry, "modelName"), f"{where}.ModelName"),
                "analysis": _go_string(_field(entry, "analysis"), f"{where}.Analysis"),
                "rootCause": _go_string(_field(entry, "rootCause"), f"{where}.RootCause"),
                "remediation": _go_string(_field(entry, "remediation"), f"{where}.Remediation"),
                "promote": _go_bool(_field(entry, "promote"), f"{where}.Promote"),
                "confidence": _go_int(_field(entry, "confidence"), f"{where}.Confidence"),
                "executionTimeMs": _go_int(
                    _field(entry, "executionTimeMs"), f"{where}.ExecutionTimeMs"
                ),
                "error": _go_string(_field(entry, "error"), f"{where}.Error"),
            }
        )
    return out


# --- one measurement -------------------------------------------------------------------------


@dataclass
class PluginMeasurement:
    phase: str
    value: str = ""
    message: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    status: int | None = None  # the agent's HTTP status, when it was called
    body: str = ""  # the agent's answer (the plugin only logs it), for test messages


class MetricAIPlugin:
    """`RpcPlugin.Run` against a Kubernetes API (`kube_url`, unauthenticated) and the agent."""

    def __init__(self, http: aiohttp.ClientSession, kube_url: str) -> None:
        self.http = http
        self.kube_url = kube_url.rstrip("/")

    async def _first_pod_logs(self, namespace: str, selector: str) -> str | None:
        """fetchFirstPodLogs: None when no pod matches (NotFound); raises on other errors."""
        url = f"{self.kube_url}/api/v1/namespaces/{namespace}/pods"
        async with self.http.get(url, params={"labelSelector": selector}) as resp:
            if resp.status != 200:
                raise RuntimeError(f"failed to list pods for selector {selector}: {resp.status}")
            items = (await resp.json())["items"]
        if not items:
            return None
        pod = items[0]
        containers = [c["name"] for c in pod["spec"]["containers"]]
        container = next((c for c in containers if c not in ISTIO_CONTAINERS), containers[0])
        name = pod["metadata"]["name"]
        url = f"{self.kube_url}/api/v1/namespaces/{namespace}/pods/{quote(name)}/log"
        async with self.http.get(url, params={"container": container}) as resp:
            if resp.status != 200:
                raise RuntimeError(f"failed to fetch logs for pod {name}: {resp.status}")
            return await resp.text()

    async def run(
        self, namespace: str, rollout_name: str, config: dict[str, str]
    ) -> PluginMeasurement:
        stable = config.get("stableLabel") or "role=stable"
        canary = config.get("canaryLabel") or "role=canary"
        agent_url = config.get("agentUrl", "")
        if not agent_url:
            return PluginMeasurement(ERROR, message="agentUrl is required in plugin configuration")
        try:
            if await self._first_pod_logs(namespace, stable) is None:
                return PluginMeasurement(ERROR, message=f'pods "{stable}" not found')
            if await self._first_pod_logs(namespace, canary) is None:
                return PluginMeasurement(SUCCESSFUL, value="1")
        except (RuntimeError, aiohttp.ClientError) as exc:
            return PluginMeasurement(ERROR, message=str(exc))
        body = go_marshal(
            a2a_request(
                namespace,
                rollout_name,
                stable,
                canary,
                config.get("extraPrompt", ""),
                config.get("githubUrl", ""),
                config.get("baseBranch", ""),
            )
        )
        return await self.call_agent(agent_url, body)

    async def call_agent(self, agent_url: str, body: bytes) -> PluginMeasurement:
        """`analyzeWithKubernetesAgent`: reachability GET, then the POST; the measurement."""
        timeout = aiohttp.ClientTimeout(total=CLIENT_TIMEOUT_SECONDS)
        headers = {"User-Agent": GO_USER_AGENT, "Accept-Encoding": "gzip"}
        try:
            async with self.http.get(
                agent_url + "/", headers=headers, timeout=timeout, skip_auto_headers=("Accept",)
            ) as resp:
                await resp.read()  # any status counts as reachable
            async with self.http.post(
                agent_url + "/a2a/analyze",
                data=body,
                headers={**headers, "Content-Type": "application/json"},
                timeout=timeout,
                skip_auto_headers=("Accept",),
            ) as resp:
                status, raw = resp.status, await resp.read()
        except (aiohttp.ClientError, TimeoutError) as exc:
            return PluginMeasurement(ERROR, message=f"failed to send request: {exc}")
        if status != 200:
            return PluginMeasurement(
                ERROR,
                message=f"agent returned status {status}",
                status=status,
                body=raw.decode(errors="replace"),
            )
        try:
            answer = go_decode_response(raw)
        except GoDecodeError as exc:
            return PluginMeasurement(
                ERROR, message=f"failed to decode response: {exc}", status=status
            )
        analysis_json: dict[str, Any] = {
            "text": answer["analysis"],
            "promote": answer["promote"],
            "confidence": answer["confidence"],
            "rootCause": answer["rootCause"],
            "remediation": answer["remediation"],
        }
        if answer["prLink"]:
            analysis_json["prLink"] = answer["prLink"]
        metadata = {
            "analysis": answer["analysis"],
            "analysisJSON": json.dumps(analysis_json, sort_keys=True, separators=(",", ":")),
            "confidence": str(answer["confidence"]),
        }
        if answer["promote"]:
            value = f"{answer['confidence'] / 100:.2f}"
            return PluginMeasurement(SUCCESSFUL, value, metadata=metadata, status=status)
        return PluginMeasurement(FAILED, "0", metadata=metadata, status=status)
