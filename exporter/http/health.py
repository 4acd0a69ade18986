"""Health: `GET /` for reachability, Quarkus-style `/q/health*` and `/a2a/health` for probes.

Bodies follow the reference agent (`{"status": "UP"|"DOWN", "checks": [{"name", "status",
"data"}]}`) so existing probes and dashboards keep working. Liveness (`/q/health/live`, and
`/a2a/health`, which the reference Deployment uses as liveness *and* readiness probe) says
the process is working (its loops are alive). Readiness says it can answer: discovery has
listed the targets at least once — or was refused (403, e.g. the reference ServiceAccount,
which may not list Rollouts; plugin-named targets are served then) — answers do not depend
on a failing model (they do not when `model_failure_policy=heuristic`: the deterministic
verdict answers, flagged), and the service is not shutting down. `/q/health` combines both.
`GET /` is content-negotiated: JSON by default, and an HTML status page when a renderer is
plugged in and a browser asks for `text/html`.
"""

from __future__ import annotations

from aiohttp import web

from exporter.analysis import Listener
from exporter.errors import ModelsFailed
from exporter.http.state import STATE, ApiState, Check
from exporter.model import AnalysisResult, Target

MODEL_FAILURES_UNREADY = 3  # consecutive analyses where every model failed


class ModelHealth:
    """Analyzer listener: is the model provider usable, judging by the last analyses?"""

    def __init__(self, configured: bool, name: str = "", *, fallback: bool = False) -> None:
        self.configured = configured
        self.name = name
        self.fallback = fallback  # model_failure_policy=heuristic: answers without a model
        self.consecutive_failures = 0
        self.last_error = ""

    def listener(self) -> Listener:
        def on_result(
            target: Target, result: AnalysisResult | None, error: BaseException | None
        ) -> None:
            if isinstance(error, ModelsFailed):  # model_failure_policy=error
                self.consecutive_failures += 1
                self.last_error = str(error)[:200]
                return
            if result is None or not result.model_results:
                return  # no model asked (or the analysis failed before judging)
            failed = [m for m in result.model_results if m.error]
            if len(failed) == len(result.model_results):
                self.consecutive_failures += 1
                self.last_error = failed[0].error[:200]
            else:
                self.consecutive_failures = 0
                self.last_error = ""

        return on_result

    def check(self) -> Check:
        if not self.configured:
            return Check("model", True, {"provider": "none (deterministic judge only)"})
        failing = self.consecutive_failures >= MODEL_FAILURES_UNREADY
        # With the heuristic fallback every request still gets an answer: leaving the
        # Service would turn each plugin measurement into an Error instead.
        up = not failing or self.fallback
        data: dict[str, object] = {
            "models": self.name,
            "consecutiveFailures": self.consecutive_failures,
        }
        if failing and self.fallback:
            data["answering"] = "deterministic verdict (model_failure_policy=heuristic)"
        if self.last_error:
            data["lastError"] = self.last_error
        return Check("model", up, data)


def _targets_check(state: ApiState) -> Check:
    counts = state.targets.counts_by_source()
    return Check("targets", state.targets.synced, {"synced": state.targets.synced, **counts})


def _body(checks: list[Check]) -> tuple[int, dict[str, object]]:
    up = all(c.up for c in checks)
    return (200 if up else 503), {
        "status": "UP" if up else "DOWN",
        "checks": [
            {"name": c.name, "status": "UP" if c.up else "DOWN", "data": c.data} for c in checks
        ],
    }


def _live(state: ApiState) -> list[Check]:
    return [check() for check in state.live_checks] or [Check("process", True)]


def _ready(state: ApiState) -> list[Check]:
    checks = [_targets_check(state), *(check() for check in state.ready_checks)]
    checks.append(Check("accepting", not state.draining, {"shuttingDown": state.draining}))
    return checks


async def handle_live(request: web.Request) -> web.Response:
    status, body = _body(_live(request.app[STATE]))
    return web.json_response(body, status=status)


async def handle_ready(request: web.Request) -> web.Response:
    status, body = _body(_ready(request.app[STATE]))
    return web.json_response(body, status=status)


async def handle_health(request: web.Request) -> web.Response:
    """`/q/health`: liveness and readiness together (Quarkus semantics)."""
    state = request.app[STATE]
    status, body = _body(_live(state) + _ready(state))
    return web.json_response(body, status=status)


def wants_html(request: web.Request) -> bool:
    """True when the client prefers text/html over JSON (a browser), by Accept q-values."""
    best_html = best_json = -1.0
    for i, item in enumerate(request.headers.get("Accept", "").split(",")):
        media, *params = (p.strip() for p in item.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        rank = q - i * 1e-6  # earlier wins among equals
        if media == "text/html":
            best_html = max(best_html, rank)
        elif media in ("application/json", "*/*", "application/*"):
            best_json = max(best_json, rank)
    return best_html > 0 and best_html > best_json


async def handle_root(request: web.Request) -> web.StreamResponse:
    """Service name, version and status (the plugin's reachability check); 200 always."""
    state = request.app[STATE]
    if state.status_page is not None and wants_html(request):
        return await state.status_page(request, state)
    _, ready = _body(_ready(state))
    return web.json_response(
        {
            "service": "ai-canary-exporter",
            "version": state.version,
            "status": ready["status"],
            "judge": state.judge_description or state.judge,
            "targets": state.targets.counts_by_source(),
        }
    )
