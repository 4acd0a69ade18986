"""The one place exceptions become HTTP responses: `{"error": "..."}` JSON, never a trace.

- `BadRequest` (validation) → 400, `Forbidden` (a namespace not watched) → 403; aiohttp's
  own 4xx (404, 405, 413 body too large, …) keep their status but get the same JSON body;
- `CanaryError` (could not collect/judge) → 503 with `Retry-After` (the far side's when it
  gave one, else 10 s), so the metric-ai plugin records an Error and Argo Rollouts
  retries — never a promote;
- anything else → 500 with a generic message; the details go to our (redacted) log only.
"""

from __future__ import annotations

import logging
import math

from aiohttp import web
from aiohttp.typedefs import Handler

from exporter.errors import CanaryError
from exporter.http.validation import BadRequest, Forbidden

log = logging.getLogger(__name__)

DEFAULT_RETRY_AFTER = 10.0  # seconds, for a 503 whose cause gave no pause of its own


def error_response(
    status: int, message: str, *, headers: dict[str, str] | None = None, **extra: object
) -> web.Response:
    return web.json_response({"error": message, **extra}, status=status, headers=headers)


def retry_after_header(seconds: float | None) -> dict[str, str]:
    if seconds is None or seconds <= 0 or not math.isfinite(seconds):
        return {}
    return {"Retry-After": str(max(1, math.ceil(seconds)))}


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except Forbidden as exc:
        return error_response(403, str(exc))
    except BadRequest as exc:
        return error_response(400, str(exc))
    except CanaryError as exc:
        # a 503 always says when to retry: the far side's pause, else ours
        after = exc.retry_after if exc.retry_after else DEFAULT_RETRY_AFTER
        return error_response(503, str(exc), headers=retry_after_header(after))
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        headers = {
            k: v
            for k, v in exc.headers.items()
            if k in ("Allow", "WWW-Authenticate", "Retry-After")
        }
        message = exc.text if exc.text and not exc.text.startswith(f"{exc.status}:") else ""
        return error_response(exc.status, message or exc.reason, headers=headers)
    except Exception:
        log.exception("unhandled error in %s %s", request.method, request.path)
        return error_response(500, "internal error; see the service log")
