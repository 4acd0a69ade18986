"""The aiohttp application: every endpoint of contracts/http-api.md on one port.

State lives under typed `web.AppKey`s (`STATE`, `A2A_HANDLER`); background work (the
scheduler, discovery) is handed in as cleanup contexts so it starts and stops with the
app, in order. Middlewares, outermost first: errors → JSON (one place), header bytes
(visible ASCII), then the optional bearer token. The body limit is aiohttp's
`client_max_size` (→ 413).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence

from aiohttp import web
from aiohttp.typedefs import Middleware

from exporter.http import a2a, health, plugin, targets
from exporter.http.auth import auth_middleware
from exporter.http.errors import error_middleware
from exporter.http.state import STATE, ApiState
from exporter.http.validation import header_middleware

CleanupCtx = Callable[[web.Application], AsyncIterator[None]]


async def handle_metrics(request: web.Request) -> web.Response:
    body, content_type = request.app[STATE].metrics.render(request.headers.get("Accept"))
    response = web.Response(body=body)
    response.headers["Content-Type"] = content_type
    return response


def create_app(state: ApiState, *, background: Sequence[CleanupCtx] = ()) -> web.Application:
    middlewares: list[Middleware] = [error_middleware, header_middleware]
    auth = auth_middleware(state.settings)
    if auth is not None:
        middlewares.append(auth)
    app = web.Application(middlewares=middlewares, client_max_size=state.settings.max_body_bytes)
    app[STATE] = state
    endpoint = a2a.A2AEndpoint(state)
    app[a2a.A2A_HANDLER] = endpoint

    async def a2a_lifecycle(_: web.Application) -> AsyncIterator[None]:
        yield
        await endpoint.close()

    app.cleanup_ctx.append(a2a_lifecycle)
    app.cleanup_ctx.extend(background)

    app.router.add_get("/", health.handle_root)
    app.router.add_get("/metrics", handle_metrics)
    app.router.add_post("/a2a/analyze", plugin.handle_analyze)
    app.router.add_get("/q/health", health.handle_health)
    app.router.add_get("/q/health/live", health.handle_live)
    app.router.add_get("/q/health/ready", health.handle_ready)
    app.router.add_get("/a2a/health", health.handle_health)
    for path in a2a.CARD_PATHS:
        app.router.add_get(path, a2a.handle_card)
    app.router.add_post(a2a.RPC_PATH, a2a.handle_rpc)
    app.router.add_get("/api/v1/targets", targets.handle_targets)
    return app
