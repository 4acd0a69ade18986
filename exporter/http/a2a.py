"""The A2A protocol: agent card and JSON-RPC 2.0 on `POST /a2a`, with the a2a-sdk's types.

a2a-sdk 1.3 ships its task machinery framework-free (`DefaultRequestHandler`,
`AgentExecutor`, `TaskUpdater`, `InMemoryTaskStore`) but its HTTP layer needs Starlette,
so this module is the thin aiohttp equivalent of its JSON-RPC dispatcher: protocol 1.0
methods (`SendMessage`, `GetTask`, `CancelTask`) parsed into the SDK's protobuf types with
`google.protobuf.json_format`, and the 0.3 names older clients send (`message/send`,
`tasks/get`, `tasks/cancel`) through the SDK's own 0.3 compatibility handler.

The `canary-analysis` skill reads the plugin's context fields from a data part (or a text
part holding JSON, or the plugin's prompt sentence), runs the same analysis as
`/a2a/analyze`, and answers with a completed task whose artifact holds the analysis JSON
(as a data part, and as exact JSON text because protobuf turns every number into a double).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import OrderedDict
from typing import Any, ClassVar

from a2a.compat.v0_3 import types as types_v03
from a2a.compat.v0_3.request_handler import RequestHandler03
from a2a.helpers import new_data_part, new_text_message, new_text_part
from a2a.server.agent_execution import AgentExecutor, RequestContext
from a2a.server.context import ServerCallContext
from a2a.server.events import EventQueue
from a2a.server.request_handlers import DefaultRequestHandler, build_error_response
from a2a.server.request_handlers.response_helpers import agent_card_to_dict
from a2a.server.tasks import InMemoryTaskStore, TaskUpdater
from a2a.types import a2a_pb2 as pb
from a2a.utils import constants
from a2a.utils.errors import (
    A2AError,
    InvalidParamsError,
    InvalidRequestError,
    MethodNotFoundError,
    TaskNotFoundError,
)
from aiohttp import web
from google.protobuf.json_format import MessageToDict, ParseDict, ParseError
from pydantic import BaseModel, ValidationError

from exporter.digest.redact import redact_obj
from exporter.errors import CanaryError
from exporter.http.plugin import analyze_request, parse_canary_request, read_json_object
from exporter.http.plugin import wire_response as plugin_wire
from exporter.http.state import ApiState
from exporter.http.validation import BadRequest, json_document

log = logging.getLogger(__name__)

SKILL_ID = "canary-analysis"
RPC_PATH = "/a2a"
CARD_PATHS = ("/.well-known/agent-card.json", "/.well-known/agent.json")

# The metric-ai plugin's prompt sentence, for agents that forward it as plain text:
# "... rollout '<name>'. Namespace: <ns>. ... stable pods (selector: <sel>) vs canary pods
# (selector: <sel>). ... Additional context: <text>". Read with str.find, never a regex:
# the text is the caller's, and lazy `.*?` between markers backtracks quadratically or
# worse (a 10 KB text once blocked the event loop for 75 s).
_NAMESPACE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def _after(text: str, marker: str, start: int) -> int:
    """Index just past the first `marker` at or after `start`, or -1."""
    at = text.find(marker, start)
    return -1 if at < 0 else at + len(marker)


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def parse_prompt(text: str) -> dict[str, str] | None:
    """The plugin context fields named in its prompt sentence, or None. Linear time."""
    fields: dict[str, str] = {}
    i = _after(text, "rollout '", 0)
    end = text.find("'", i) if i >= 0 else -1
    if end <= i:
        return None
    fields["rolloutName"] = text[i:end].strip()
    i = end + 1
    while True:  # the first "Namespace:" followed by a namespace-looking word
        i = _after(text, "Namespace:", i)
        if i < 0:
            return None
        j = k = _skip_space(text, i)
        while k < len(text) and text[k] in _NAMESPACE_CHARS:
            k += 1
        if k > j:
            fields["namespace"] = text[j:k]
            i = k
            break
    for field, marker in (
        ("stableSelector", "stable pods (selector:"),
        ("canarySelector", "canary pods (selector:"),
    ):
        i = _after(text, marker, i)
        end = text.find(")", i) if i >= 0 else -1
        if end < 0:
            return None
        if value := text[i:end].strip():
            fields[field] = value
        i = end + 1
    i = _after(text, "Additional context:", i)
    if i >= 0 and (extra := text[i:].strip()):
        fields["extraPrompt"] = extra
    return fields


def agent_card(state: ApiState, base_url: str) -> pb.AgentCard:
    """The agent card; `base_url` is where the caller reached us."""
    rpc_url = base_url.rstrip("/") + RPC_PATH
    card = pb.AgentCard(
        name="ai-canary-exporter",
        description=(
            "Judges Argo Rollouts canaries from their logs: compares canary with stable "
            "(redacted log templates, rates, new signatures, pod facts), asks a model judge "
            "once under deterministic guardrails, and answers promote/abort/inconclusive "
            "with a score, confidence and evidence."
        ),
        version=state.version,
        supported_interfaces=[
            pb.AgentInterface(
                url=rpc_url,
                protocol_binding="JSONRPC",
                protocol_version=constants.PROTOCOL_VERSION_1_0,
            ),
            pb.AgentInterface(
                url=rpc_url,
                protocol_binding="JSONRPC",
                protocol_version=constants.PROTOCOL_VERSION_0_3,
            ),
        ],
        capabilities=pb.AgentCapabilities(streaming=False, push_notifications=False),
        default_input_modes=["application/json", "text/plain"],
        default_output_modes=["application/json"],
        skills=[
            pb.AgentSkill(
                id=SKILL_ID,
                name="Canary analysis",
                description=(
                    "Decide whether an Argo Rollouts canary should be promoted. Send a data "
                    "part with namespace, rolloutName, stableSelector, canarySelector "
                    "(optional extraPrompt, repoUrl, baseBranch, or stableLogs/canaryLogs "
                    "to judge given text). The completed task's artifact holds the "
                    "analysis JSON: verdict, promote, score, confidence, analysis, "
                    "rootCause, remediation, evidence, modelResults."
                ),
                tags=["argo-rollouts", "canary", "logs", "kubernetes"],
                examples=[
                    '{"namespace": "shop", "rolloutName": "checkout", '
                    '"stableSelector": "role=stable", "canarySelector": "role=canary"}'
                ],
                input_modes=["application/json", "text/plain"],
                output_modes=["application/json"],
            )
        ],
    )
    if state.settings.auth_token is not None and state.settings.auth_token.get_secret_value():
        card.security_schemes["bearer"].http_auth_security_scheme.scheme = "Bearer"
        card.security_requirements.add().schemes["bearer"].SetInParent()
    return card


def request_fields(message: pb.Message) -> dict[str, Any]:
    """The plugin context fields carried by a message (data part, JSON text or prompt)."""
    for part in message.parts:
        if part.HasField("data"):
            data = MessageToDict(part.data)
            if isinstance(data, dict):
                return _unwrap(data)
    for part in message.parts:
        if part.HasField("text") and part.text.strip():
            text = part.text.strip()
            if text.startswith("{"):
                data = json_document(text, "text part")
                if isinstance(data, dict):
                    return _unwrap(data)
            if (fields := parse_prompt(text)) is not None:
                return fields
    raise BadRequest(
        "send a data part (or JSON text) with namespace, rolloutName, stableSelector and "
        "canarySelector, or stableLogs and canaryLogs"
    )


# What an A2A answer or the task store may hold of a caller's message: the input logs are
# judged from the request itself and never kept (they are large and carry secrets), other
# free text is cut, and every string is redacted on the way out.
_INPUT_LOG_KEYS = frozenset({"stableLogs", "canaryLogs"})
KEPT_TEXT = 2000  # characters of a non-JSON text part kept in a task's history


def public_json(value: Any) -> Any:
    """A task/message JSON value safe to answer with or to keep: no input logs, redacted."""
    return redact_obj(_without_logs(value))


def _without_logs(value: Any) -> Any:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key in _INPUT_LOG_KEYS and isinstance(item, str):
                out[key] = (
                    item if _is_note(item) else f"[{len(item)} characters of log text, not kept]"
                )
            elif key == "text" and isinstance(item, str):
                out[key] = _text_without_logs(item)
            else:
                out[key] = _without_logs(item)
        return out
    if isinstance(value, list):
        return [_without_logs(item) for item in value]
    return value


def _is_note(text: str) -> bool:
    return text.startswith("[") and text.endswith(" not kept]") and len(text) < 80


def _text_without_logs(text: str) -> str:
    if text.lstrip().startswith("{"):
        try:
            doc = json_document(text, "text part")
        except BadRequest:
            doc = None
        if isinstance(doc, dict):
            return json.dumps(_without_logs(doc), ensure_ascii=False)
    if len(text) <= KEPT_TEXT or text.endswith(" more characters, not kept]"):
        return text
    return text[:KEPT_TEXT] + f"… [{len(text) - KEPT_TEXT} more characters, not kept]"


def _public_task(task: pb.Task) -> pb.Task:
    clean = pb.Task()
    ParseDict(public_json(MessageToDict(task)), clean)
    return clean


def _unwrap(data: dict[str, Any]) -> dict[str, Any]:
    """Accept the plugin's whole request body as well as its `context` alone."""
    ctx = data.get("context")
    return ctx if isinstance(ctx, dict) else data


class CanaryAnalysisExecutor(AgentExecutor):
    """The `canary-analysis` skill: one message in, one completed task with the analysis."""

    def __init__(self, state: ApiState) -> None:
        self._state = state

    async def execute(self, context: RequestContext, event_queue: EventQueue) -> None:
        message = context.message
        assert message is not None  # the handler only executes with a message
        task = context.current_task
        if task is None:
            # Built here rather than with new_task_from_user_message, which raises on odd
            # input (an agent role, an empty text part) that deserves a rejection instead.
            task = pb.Task(
                id=context.task_id or str(uuid.uuid4()),
                context_id=context.context_id or str(uuid.uuid4()),
                status=pb.TaskStatus(state=pb.TaskState.TASK_STATE_SUBMITTED),
                history=[message],
            )
            await event_queue.enqueue_event(task)
        updater = TaskUpdater(event_queue, task.id, task.context_id)

        def say(text: str) -> pb.Message:
            return new_text_message(text, context_id=task.context_id, task_id=task.id)

        try:
            if message.role == pb.Role.ROLE_AGENT:
                raise BadRequest("the message must come from the user, not an agent")
            request = parse_canary_request(request_fields(message))
        except BadRequest as exc:
            await updater.reject(say(str(exc)))
            return
        await updater.start_work()
        try:
            result = await analyze_request(self._state, request)
        except BadRequest as exc:  # e.g. a namespace this exporter does not watch
            await updater.reject(say(str(exc)))
            return
        except CanaryError as exc:
            await updater.failed(say(f"could not analyse: {exc}"))
            return
        except Exception:
            log.exception("canary analysis failed unexpectedly")
            await updater.failed(say("internal error; see the service log"))
            return
        wire = plugin_wire(result)
        await updater.add_artifact(
            [
                new_data_part(wire, media_type="application/json"),
                new_text_part(json.dumps(wire), media_type="application/json"),
            ],
            name="canary-analysis",
        )
        summary = (
            f"{wire['verdict']} (score {wire['score']}, confidence {wire['confidence']}): "
            f"{wire['analysis']}"
        )
        await updater.complete(say(summary))

    async def cancel(self, context: RequestContext, event_queue: EventQueue) -> None:
        task = context.current_task
        if task is not None:
            await TaskUpdater(event_queue, task.id, task.context_id).cancel()


class BoundedTaskStore(InMemoryTaskStore):
    """The SDK's in-memory store, keeping only the newest `limit` tasks, without input logs.

    Every A2A message creates a task; a long-running exporter must not keep them all, nor
    the megabytes of (secret-bearing) log text a message may carry.
    """

    def __init__(self, limit: int = 1000) -> None:
        super().__init__()
        self._limit = limit
        self._order: OrderedDict[str, ServerCallContext] = OrderedDict()

    async def save(self, task: pb.Task, context: ServerCallContext) -> None:
        await super().save(_public_task(task), context)
        self._order[task.id] = context
        self._order.move_to_end(task.id)
        while len(self._order) > self._limit:
            old_id, old_context = self._order.popitem(last=False)
            await super().delete(old_id, old_context)

    async def delete(self, task_id: str, context: ServerCallContext) -> None:
        self._order.pop(task_id, None)
        await super().delete(task_id, context)


class A2AEndpoint:
    """JSON-RPC 2.0 over aiohttp for the SDK's request handler, plus the agent card."""

    V10: ClassVar[dict[str, Any]] = {
        "SendMessage": pb.SendMessageRequest,
        "GetTask": pb.GetTaskRequest,
        "CancelTask": pb.CancelTaskRequest,
    }
    V03 = frozenset({"message/send", "tasks/get", "tasks/cancel"})

    def __init__(self, state: ApiState) -> None:
        self._state = state
        self.handler = DefaultRequestHandler(
            agent_executor=CanaryAnalysisExecutor(state),
            task_store=BoundedTaskStore(),
            agent_card=agent_card(state, "http://localhost"),
        )
        self._v03 = RequestHandler03(self.handler)

    async def close(self) -> None:
        await self.handler.aclose()

    async def handle_card(self, request: web.Request) -> web.Response:
        card = agent_card(self._state, _base_url(request))
        return web.json_response(agent_card_to_dict(card))

    async def handle_rpc(self, request: web.Request) -> web.Response:
        try:
            body = await read_json_object(request)
        except BadRequest as exc:
            # Not even a JSON-RPC envelope: a JSON-RPC parse error, with a 4xx status.
            return web.json_response(
                {"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": str(exc)}},
                status=400,
            )
        request_id = body.get("id")
        if isinstance(request_id, bool) or not isinstance(request_id, str | int | None):
            request_id = None
        try:
            result = await self._dispatch(request, body, request_id)
        except A2AError as exc:
            return web.json_response(build_error_response(request_id, exc))
        return web.json_response({"jsonrpc": "2.0", "id": request_id, "result": result})

    async def _dispatch(
        self, request: web.Request, body: dict[str, Any], request_id: str | int | None
    ) -> Any:
        if body.get("jsonrpc") != "2.0":
            raise InvalidRequestError(message="'jsonrpc' must be exactly '2.0'")
        method = body.get("method")
        if not isinstance(method, str) or not method:
            raise InvalidRequestError(message="'method' must be a non-empty string")
        context = ServerCallContext(
            state={"headers": dict(request.headers), "method": method, "request_id": request_id}
        )
        if method in self.V03:
            return await self._dispatch_v03(method, body, context)
        model = self.V10.get(method)
        if model is None:
            raise MethodNotFoundError(message=f"method {method!r} is not supported")
        params = body.get("params", {})
        if not isinstance(params, dict):
            raise InvalidParamsError(message="'params' must be an object")
        try:
            parsed = ParseDict(params, model(), ignore_unknown_fields=True)
        except (ParseError, TypeError, ValueError) as exc:
            raise InvalidParamsError(message=f"invalid params: {exc}") from None
        if method == "SendMessage":
            outcome = await self.handler.on_message_send(parsed, context)
            if isinstance(outcome, pb.Task):
                return public_json(MessageToDict(pb.SendMessageResponse(task=outcome)))
            return public_json(MessageToDict(pb.SendMessageResponse(message=outcome)))
        if method == "GetTask":
            task = await self.handler.on_get_task(parsed, context)
        else:
            task = await self.handler.on_cancel_task(parsed, context)
        if task is None:
            raise TaskNotFoundError
        return public_json(MessageToDict(task))

    async def _dispatch_v03(
        self, method: str, body: dict[str, Any], context: ServerCallContext
    ) -> Any:
        result: BaseModel
        try:
            if method == "message/send":
                send = types_v03.SendMessageRequest.model_validate(body)
                result = await self._v03.on_message_send(send, context)
            elif method == "tasks/get":
                get = types_v03.GetTaskRequest.model_validate(body)
                result = await self._v03.on_get_task(get, context)
            else:
                cancel = types_v03.CancelTaskRequest.model_validate(body)
                result = await self._v03.on_cancel_task(cancel, context)
        except ValidationError as exc:
            raise InvalidParamsError(message=f"invalid params: {_first_line(exc)}") from None
        return public_json(result.model_dump(mode="json", by_alias=True, exclude_none=True))


A2A_HANDLER: web.AppKey[A2AEndpoint] = web.AppKey("ai_canary_a2a", A2AEndpoint)


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _base_url(request: web.Request) -> str:
    """Where the client reached us (honours X-Forwarded-Proto/Host from an ingress)."""
    proto = request.headers.get("X-Forwarded-Proto", request.scheme).split(",")[0].strip()
    host = request.headers.get("X-Forwarded-Host", request.host).split(",")[0].strip()
    return f"{proto}://{host}"


async def handle_card(request: web.Request) -> web.Response:
    return await request.app[A2A_HANDLER].handle_card(request)


async def handle_rpc(request: web.Request) -> web.Response:
    return await request.app[A2A_HANDLER].handle_rpc(request)
