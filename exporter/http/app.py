"""The aiohttp application: every endpoint of contracts/http-api.md on one port.

State lives under typed `web.AppKey`s (`STATE`, `A2A_HANDLER`); background work (the
scheduler, discovery) is handed in as cleanup contexts so it starts and stops with the
app, in order. Middlewares, outermost first: duplicate slashes merged, errors → JSON (one
place), in-flight tracking (shutdown answers what is left at its deadline), header bytes
(visible ASCII), then the optional bearer token. The body limit is aiohttp's
`client_max_size` (→ 413).

Duplicate slashes are merged in place, not redirected: the metric-ai plugin joins
`agentUrl + "/a2a/analyze"` as strings, so an `agentUrl` ending in `/` sends
`//a2a/analyze`, and a redirect would be one more thing for a POST client to get wrong.
"""

from __future__ import annotations

import functools
import re
from collections.abc import AsyncIterator, Callable, Sequence

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from exporter.http import a2a, health, plugin, targets
from exporter.http.auth import auth_middleware
from exporter.http.errors import error_middleware
from exporter.http.inflight import IN_FLIGHT, InFlightRequests
from exporter.http.state import STATE, ApiState
from exporter.http.validation import header_middleware

CleanupCtx = Callable[[web.Application], AsyncIterator[None]]


async def handle_metrics(request: web.Request) -> web.Response:
    body, content_type = request.app[STATE].metrics.render(request.headers.get("Accept"))
    response = web.Response(body=body)
    response.headers["Content-Type"] = content_type
    return response


_SLASHES = re.compile(r"/{2,}")


def merge_slashes_middleware(inner: Sequence[Middleware]) -> Middleware:
    """Serve `//a2a//analyze` as `/a2a/analyze` (same request, merged path).

    aiohttp routes before middlewares run, so a path with `//` arrives here bound to the 404
    route: resolve the merged path again and run the `inner` middlewares and its handler
    on a copy of the request, so auth and error handling see the path that is served.
    """

    @web.middleware
    async def merge_slashes(request: web.Request, handler: Handler) -> web.StreamResponse:
        raw = request.rel_url.raw_path
        if "//" not in raw:
            return await handler(request)
        merged = _SLASHES.sub("/", raw)
        query = request.rel_url.raw_query_string
        clone = request.clone(rel_url=merged + ("?" + query if query else ""))
        match = await request.app.router.resolve(clone)
        if getattr(match, "http_exception", None) is not None:
            return await handler(request)  # not a route either way: the original 404/405
        chain: Handler = match.handler
        for middleware in reversed(inner):
            chain = functools.partial(middleware, handler=chain)
        return await chain(clone)

    return merge_slashes


def create_app(state: ApiState, *, background: Sequence[CleanupCtx] = ()) -> web.Application:
    in_flight = InFlightRequests()
    inner: list[Middleware] = [error_middleware, in_flight.middleware, header_middleware]
    auth = auth_middleware(state.settings)
    if auth is not None:
        inner.append(auth)
    middlewares = [merge_slashes_middleware(inner), *inner]
    app = web.Application(middlewares=middlewares, client_max_size=state.settings.max_body_bytes)
    app[STATE] = state
    app[IN_FLIGHT] = in_flight
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
    # liveness only: the reference Deployment points both of its probes here
    app.router.add_get("/a2a/health", health.handle_live)
    for path in a2a.CARD_PATHS:
        app.router.add_get(path, a2a.handle_card)
    app.router.add_post(a2a.RPC_PATH, a2a.handle_rpc)
    app.router.add_get("/api/v1/targets", targets.handle_targets)
    return app
