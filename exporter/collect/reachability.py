"""Is the Kubernetes API answering at all? A cheap `GET /version` for readiness.

Any authenticated identity may read `/version` (the `system:public-info-viewer` role), so
the answer says whether the API server is reachable, not whether our RBAC is complete —
a 403 on Rollouts is discovery's business and must not take the pod out of its Service.
"""

from __future__ import annotations

import aiohttp
from kubernetes_asyncio import client
from kubernetes_asyncio.client.exceptions import ApiException

from exporter.collect.client import KubeConnection

PROBE_TIMEOUT = 5.0  # seconds


async def api_unreachable(conn: KubeConnection) -> str | None:
    """None when the API server answers `/version`, else what went wrong (one line)."""
    try:
        await client.VersionApi(conn.api).get_code(_request_timeout=PROBE_TIMEOUT)
    except ApiException as exc:
        if exc.status is not None and exc.status < 500:
            return None  # it answered (401/403 still proves it is up)
        return f"Kubernetes API answered HTTP {exc.status} to GET /version"
    except (TimeoutError, aiohttp.ClientError, OSError) as exc:
        return f"Kubernetes API unreachable: {type(exc).__name__} {exc}".strip()
    return None
