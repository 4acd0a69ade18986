"""`GET /api/v1/targets`: the canaries being scored and their latest results.

Reads the registry and the analyzer's latest results only (no analysis is started), so it
is cheap and safe to poll. Result fields are the plugin wire format (redacted, shortened),
so a script can read the same JSON shape from here, from `/a2a/analyze` and `analyze`.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from exporter.http.plugin import wire_response
from exporter.http.state import STATE


async def handle_targets(request: web.Request) -> web.Response:
    state = request.app[STATE]
    items: list[dict[str, Any]] = []
    for t in state.targets.all():
        result = state.analyzer.latest(t)
        items.append(
            {
                "namespace": t.namespace,
                "rollout": t.rollout,
                "canaryHash": t.canary_hash,
                "source": t.source,
                "stableSelector": t.stable_selector,
                "canarySelector": t.canary_selector,
                "result": wire_response(result) if result is not None else None,
            }
        )
    return web.json_response(
        {
            "synced": state.targets.synced,
            "counts": state.targets.counts_by_source(),
            "targets": items,
        }
    )
