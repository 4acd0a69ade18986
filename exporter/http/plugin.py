"""`POST /a2a/analyze`: the metric-ai plugin's endpoint, byte-compatible (contracts/a2a-plugin.md).

The structured `context` is authoritative (`prompt` is free text for LLM agents and is not
needed). Inline `stableLogs`/`canaryLogs` are analysed as given; otherwise the canary is
fetched from the cluster — through the discovered Rollout's target when discovery knows
it, so the plugin, the loop and the gauges share one analysis per canary revision — and
the target is named in the registry for continuous scoring (a2a source, with a TTL).

The plugin decodes with Go's encoding/json and reads only HTTP 200: `confidence` is always
an int, texts are short and redacted (they land in `kubectl get analysisrun -o yaml`),
and "could not analyse" is a 503 so Argo Rollouts records an Error and retries. The plugin
has no "inconclusive": `inconclusive_policy` decides between 503 (default) and
`promote: false` with low confidence — never a silent promote.

Lenient where the plugin is: it has no limit on `extraPrompt` (nor on `prompt`, which
embeds it), so an over-long `extraPrompt` is cut to `EXTRA_PROMPT_LIMIT` characters and the
answer says so (`warnings`, and a sentence at the end of `analysis`, the text the plugin
keeps in the AnalysisRun) instead of a 400 that Argo would record as an Error.

`parse_canary_request` and `analyze_request` are shared with the A2A JSON-RPC skill.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from exporter.analysis import InlineLogs
from exporter.digest.redact import redact_obj
from exporter.errors import CanaryError, RequestDeadline
from exporter.http import forward
from exporter.http import validation as v
from exporter.http.admission import check_namespace, name_target
from exporter.http.errors import error_response, retry_after_header
from exporter.http.state import STATE, ApiState
from exporter.model import AnalysisResult, Target, Verdict, selector_hash

DEFAULT_STABLE = "role=stable"  # the plugin's defaults
DEFAULT_CANARY = "role=canary"
TEXT_LIMIT = 1200  # characters per free-text field in a response
MODEL_TEXT_LIMIT = 600
EVIDENCE_LIMIT = 12
INCONCLUSIVE_CONFIDENCE_CAP = 10  # inconclusive_policy=fail: promote=false, low confidence
EXTRA_PROMPT_LIMIT = v.MAX_TEXT  # characters of extraPrompt passed on to the judges


@dataclass(frozen=True, slots=True)
class CanaryRequest:
    """A validated request to judge one canary (from the plugin or an A2A message)."""

    target: Target
    inline: InlineLogs | None = None
    pod_name: str = ""
    warnings: tuple[str, ...] = ()  # what was accepted but changed (said in the answer)


def parse_canary_request(ctx: Mapping[str, Any]) -> CanaryRequest:
    """Validate the plugin `context` fields; raises `BadRequest` naming the bad field."""
    stable_logs = v.log_text(ctx.get("stableLogs"), "context.stableLogs")
    canary_logs = v.log_text(ctx.get("canaryLogs"), "context.canaryLogs")
    inline = None
    if stable_logs is not None or canary_logs is not None:
        if canary_logs is None or not canary_logs.strip():
            raise v.BadRequest("context.canaryLogs is required when context.stableLogs is given")
        inline = InlineLogs(stable=stable_logs or "", canary=canary_logs)
    pod_name = ""
    if ctx.get("podName") is not None:
        pod_name = v.object_name(ctx.get("podName"), "context.podName")
    if inline is None:
        namespace = v.namespace(ctx.get("namespace"), "context.namespace")
        rollout = v.object_name(ctx.get("rolloutName"), "context.rolloutName")
        stable = v.label_selector(
            ctx.get("stableSelector", DEFAULT_STABLE), "context.stableSelector"
        )
        canary = v.label_selector(
            ctx.get("canarySelector", DEFAULT_CANARY), "context.canarySelector"
        )
    else:  # inline logs: naming is only for the answer, so defaults are fine
        namespace = (
            v.namespace(ctx["namespace"], "context.namespace")
            if ctx.get("namespace")
            else "default"
        )
        rollout = (
            v.object_name(ctx["rolloutName"], "context.rolloutName")
            if ctx.get("rolloutName")
            else pod_name or "inline"
        )
        stable = v.label_selector(
            ctx.get("stableSelector") or DEFAULT_STABLE, "context.stableSelector"
        )
        canary = v.label_selector(
            ctx.get("canarySelector") or DEFAULT_CANARY, "context.canarySelector"
        )
    warnings: list[str] = []
    extra_prompt = v.string(ctx.get("extraPrompt"), "context.extraPrompt", max_len=sys.maxsize)
    if len(extra_prompt) > EXTRA_PROMPT_LIMIT:
        warnings.append(
            f"context.extraPrompt was {len(extra_prompt)} characters; only the first "
            f"{EXTRA_PROMPT_LIMIT} were used"
        )
        extra_prompt = extra_prompt[:EXTRA_PROMPT_LIMIT]
    target = Target(
        namespace=namespace,
        rollout=rollout,
        stable_selector=stable,
        canary_selector=canary,
        canary_hash=selector_hash(canary),
        source="a2a",
        extra_prompt=extra_prompt,
        repo_url=v.repo_url(ctx.get("repoUrl"), "context.repoUrl"),
        base_branch=v.string(ctx.get("baseBranch"), "context.baseBranch", max_len=255),
    )
    return CanaryRequest(target=target, inline=inline, pod_name=pod_name, warnings=tuple(warnings))


async def analyze_request(state: ApiState, request: CanaryRequest) -> AnalysisResult:
    """Run (or join) the analysis for a request. Raises CanaryError when none can be made.

    Within `request_timeout_seconds`: with the API hung a request once took 121–123 s to
    fail; past the deadline it answers 503 + Retry-After while the analysis goes on
    (shared and cached), so the retry gets its result.
    """
    deadline = state.settings.request_timeout_seconds
    timer = asyncio.timeout(deadline)
    try:
        async with timer:
            return await _analyze_request(state, request)
    except TimeoutError:
        if not timer.expired():
            raise
        raise RequestDeadline(
            f"the analysis did not finish within {deadline:.0f}s (request_timeout_seconds); "
            "it goes on: retry shortly for its result",
            retry_after=min(state.settings.interval_seconds, 30.0),
        ) from None


async def _analyze_request(state: ApiState, request: CanaryRequest) -> AnalysisResult:
    if request.inline is not None:
        return await state.analyzer.analyze(request.target, inline=request.inline)
    if not state.cluster:
        raise CanaryError(
            "no Kubernetes connection to fetch logs from: run the service in the cluster "
            "(or with a kubeconfig), or send context.stableLogs and context.canaryLogs"
        )
    target = _known_target(state, request.target)
    if target is None:
        check_namespace(state, request.target.namespace)
        target = request.target
        if state.resolve_target is not None:
            target = await state.resolve_target(target)
        name_target(state, target)
    return await state.analyzer.analyze(target)


def _known_target(state: ApiState, asked: Target) -> Target | None:
    """The discovered/static target of the same Rollout, with the request's extras.

    Found whichever replica's shard owns it, so a plugin request reaching any replica shares
    the revision (and never makes a second, selector-keyed target of the same canary).
    """
    known = state.targets.find(asked.namespace, asked.rollout)
    if known is None:
        return None
    extras = {
        name: getattr(asked, name)
        for name in ("extra_prompt", "repo_url", "base_branch")
        if getattr(asked, name)
    }
    return dataclasses.replace(known, **extras) if extras else known


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wire_response(result: AnalysisResult) -> dict[str, Any]:
    """The plugin response: to_wire(), texts shortened, every string redacted."""
    wire = result.to_wire()
    for key in ("analysis", "rootCause", "remediation", "votingRationale"):
        wire[key] = _cut(str(wire[key]), TEXT_LIMIT)
    models: list[dict[str, Any]] = []
    for m in result.model_results:
        entry = m.to_wire()
        for key in ("analysis", "rootCause", "remediation", "error"):
            entry[key] = _cut(str(entry[key]), MODEL_TEXT_LIMIT)
        models.append(entry)
    wire["modelResults"] = models
    evidence = wire["evidence"]
    if isinstance(evidence, list):
        wire["evidence"] = evidence[:EVIDENCE_LIMIT]
    redacted: dict[str, Any] = redact_obj(wire)
    # Types the Go plugin decodes strictly, restated after redaction.
    redacted["promote"] = bool(result.promote)
    redacted["confidence"] = int(result.confidence)
    return redacted


def plugin_answer(
    state: ApiState, result: AnalysisResult, warnings: Sequence[str] = ()
) -> web.Response:
    body = wire_response(result)
    if warnings:
        body["warnings"] = list(warnings)
        body["analysis"] = f"{body['analysis']} (Note: {'; '.join(warnings)}.)"
    if result.verdict is Verdict.INCONCLUSIVE:
        if state.settings.inconclusive_policy == "error":
            return error_response(
                503,
                "inconclusive: not enough canary evidence yet ("
                + _cut(result.analysis, 300)
                + "); retry later",
                headers=retry_after_header(min(state.settings.interval_seconds, 60.0)),
                **{
                    k: body[k]
                    for k in ("verdict", "score", "confidence", "canaryHash", "warnings")
                    if k in body
                },
            )
        body["promote"] = False
        body["confidence"] = min(int(result.confidence), INCONCLUSIVE_CONFIDENCE_CAP)
    return web.json_response(body, dumps=_dumps)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


async def read_json_object(request: web.Request) -> dict[str, Any]:
    """The request body as a JSON object, parsed within limits; 400 on anything else."""
    raw = await request.read()  # aiohttp enforces client_max_size → 413
    return v.json_object(raw)


async def handle_analyze(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE]
    body = await read_json_object(request)
    for name in ("userId", "memoryId"):
        v.string(body.get(name), name, max_len=65536)
    # The plugin's prompt embeds extraPrompt, which it does not limit: type-checked only
    # (the body size limit bounds it); it is free text we do not need.
    v.string(body.get("prompt"), "prompt", max_len=sys.maxsize)
    ctx = v.mapping(body.get("context"), "context")
    if not ctx:
        raise v.BadRequest("context is required (namespace, rolloutName, selectors)")
    parsed = parse_canary_request(ctx)
    # sharded: the replica that owns this canary answers, so it is analysed once
    owner = await forward.answer_elsewhere(
        request, state, parsed.target, inline=bool(parsed.inline)
    )
    if owner is not None:
        return owner
    result = await analyze_request(state, parsed)
    return plugin_answer(state, result, parsed.warnings)
