"""Requests in flight, so shutdown can end them at its deadline with an answer.

aiohttp's graceful shutdown waits `shutdown_timeout` for handlers, then asks them to stop
and waits as long again, and a handler blocked on something other than its request body
(a hung Kubernetes API, say) is not interrupted by that ask: a 20-s grace became 29+ s.
`cut()` cancels every handler still running; the middleware turns that cancellation into
a 503 with Retry-After ("shutting down; retry"), which the metric-ai plugin records as an
Error and Argo Rollouts retries — against a replica that is up.
"""

from __future__ import annotations

import asyncio

from aiohttp import web
from aiohttp.typedefs import Handler

from exporter.http.errors import error_response

RETRY_AFTER_SECONDS = 5


class InFlightRequests:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[object]] = set()
        self._cut: set[asyncio.Task[object]] = set()

    def __len__(self) -> int:
        return len(self._tasks)

    def cut(self) -> int:
        """Cancel every request handler still running; each answers 503. How many."""
        running = [t for t in self._tasks if not t.done() and t not in self._cut]
        for task in running:
            self._cut.add(task)
            task.cancel()
        return len(running)

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        task = asyncio.current_task()
        if task is None:
            return await handler(request)
        self._tasks.add(task)
        try:
            return await handler(request)
        except asyncio.CancelledError:
            if task not in self._cut:
                raise  # the client went away, or aiohttp itself gave up
            task.uncancel()
            return error_response(
                503,
                "the service is shutting down; retry",
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        finally:
            self._tasks.discard(task)
            self._cut.discard(task)


IN_FLIGHT: web.AppKey[InFlightRequests] = web.AppKey("ai_canary_in_flight", InFlightRequests)
