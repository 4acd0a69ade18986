"""Optional bearer-token authentication (off unless `auth_token` is set).

The token is compared with `hmac.compare_digest` so response timing does not leak it.
`/metrics` and the health/reachability endpoints can stay open (settings
`auth_open_metrics`, `auth_open_health`) because Prometheus and kubelet probes often
cannot send a token; the A2A agent card stays open as agent discovery expects.
"""

from __future__ import annotations

import hmac

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from exporter.config import Settings

HEALTH_PATHS = frozenset({"/", "/q/health", "/q/health/live", "/q/health/ready", "/a2a/health"})
CARD_PATHS = frozenset({"/.well-known/agent-card.json", "/.well-known/agent.json"})


def auth_middleware(settings: Settings) -> Middleware | None:
    """The middleware, or None when no token is configured."""
    if settings.auth_token is None or not settings.auth_token.get_secret_value():
        return None
    expected = settings.auth_token.get_secret_value().encode()
    open_paths = set(CARD_PATHS)
    if settings.auth_open_health:
        open_paths |= HEALTH_PATHS
    if settings.auth_open_metrics:
        open_paths.add("/metrics")

    @web.middleware
    async def check_token(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path in open_paths:
            return await handler(request)
        scheme, _, given = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected):
            raise web.HTTPUnauthorized(
                text="missing or wrong bearer token (Authorization: Bearer <token>)",
                headers={"WWW-Authenticate": 'Bearer realm="ai-canary-exporter"'},
            )
        return await handler(request)

    return check_token
