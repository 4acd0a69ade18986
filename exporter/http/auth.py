"""Optional bearer-token authentication (off unless `auth_token` is set).

The token is compared with `hmac.compare_digest` so response timing does not leak it.
`/metrics` and the health/reachability endpoints can stay open (settings
`auth_open_metrics`, `auth_open_health`) because Prometheus and kubelet probes often
cannot send a token; the A2A agent card stays open as agent discovery expects. `GET /` is
open as the reachability check (JSON) only: the HTML status page shows every canary's
evidence, so it needs the token too — as a bearer token, or as the password of HTTP Basic
credentials (any user name), which is what a browser can send when it is challenged.
The metric-ai plugin sends no authentication header at all: `auth_open_plugin` exempts
`POST /a2a/analyze`, to be paired with a NetworkPolicy that lets only the Argo Rollouts
controller (and the clients that hold the token) reach the pods (deploy/components/).
"""

from __future__ import annotations

import base64
import binascii
import hmac

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from exporter.config import Settings
from exporter.http.health import wants_html
from exporter.http.state import STATE

HEALTH_PATHS = frozenset({"/", "/q/health", "/q/health/live", "/q/health/ready", "/a2a/health"})
CARD_PATHS = frozenset({"/.well-known/agent-card.json", "/.well-known/agent.json"})
PLUGIN_PATH = "/a2a/analyze"


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
    if settings.auth_open_plugin:
        open_paths.add(PLUGIN_PATH)

    def bearer_ok(scheme: str, given: str) -> bool:
        return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), expected)

    def basic_ok(scheme: str, given: str) -> bool:
        if scheme.lower() != "basic":
            return False
        try:
            decoded = base64.b64decode(given.strip(), validate=True)
        except (binascii.Error, ValueError):
            return False
        password = decoded.partition(b":")[2]
        return hmac.compare_digest(password, expected)

    @web.middleware
    async def check_token(request: web.Request, handler: Handler) -> web.StreamResponse:
        status_page = (
            request.path == "/"
            and request.app[STATE].status_page is not None
            and wants_html(request)
        )
        if request.path in open_paths and not status_page:
            return await handler(request)
        scheme, _, given = request.headers.get("Authorization", "").partition(" ")
        if bearer_ok(scheme, given) or (status_page and basic_ok(scheme, given)):
            return await handler(request)
        if status_page:  # a browser: let it ask for the token
            raise web.HTTPUnauthorized(
                text="the status page needs the API token (as the password; any user name)",
                headers={"WWW-Authenticate": 'Basic realm="ai-canary-exporter", charset="UTF-8"'},
            )
        raise web.HTTPUnauthorized(
            text="missing or wrong bearer token (Authorization: Bearer <token>)",
            headers={"WWW-Authenticate": 'Bearer realm="ai-canary-exporter"'},
        )

    return check_token
