"""One place that turns a Kubernetes API call into data or into one of our errors.

Every collector request goes through `ApiCaller`: it asks the client for the raw response
(`_preload_content=False`, so a log that happens to be JSON is never re-parsed and a huge
log is read with a byte cap), retries 429/5xx/timeouts/connection errors a bounded number
of times with jittered backoff (tenacity, honouring Retry-After), and maps what is left to
`PermissionDenied` (403, naming who lacks which verb on what, and the fix) or
`CollectError`. 400/404 are returned as `NotFoundOrGone` so callers decide whether a
missing object is normal (a pod that just went away) or not.
"""

from __future__ import annotations

import asyncio
import collections
import json
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import aiohttp
from kubernetes_asyncio.client.exceptions import ApiException
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
)

from exporter.errors import CollectError, PermissionDenied

T = TypeVar("T")

RBAC_HINT = "apply deploy/base/rbac.yaml (kubectl apply -f deploy/base/rbac.yaml)"
_RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Bounded retries for transient API failures; tests pass tiny delays."""

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0
    timeout: float = 30.0  # seconds per request, whole body included


@dataclass(frozen=True, slots=True)
class Op:
    """What a request does, in RBAC terms, for messages."""

    verb: str
    resource: str
    namespace: str | None  # None = cluster scope
    name: str = ""

    def describe(self) -> str:
        where = f"namespace {self.namespace!r}" if self.namespace else "all namespaces"
        what = f"{self.resource} {self.name!r}" if self.name else self.resource
        return f"{self.verb} {what} in {where}"


class HttpStatusError(Exception):
    """A non-2xx answer, with the API server's Status message."""

    def __init__(self, status: int, message: str, retry_after: float | None = None) -> None:
        super().__init__(f"HTTP {status}: {message}")
        self.status = status
        self.message = message
        self.retry_after = retry_after


class NotFoundOrGone(CollectError):
    """The API answered 400 or 404: the object (or previous container) is not there."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, HttpStatusError):
        return exc.status in _RETRYABLE_STATUS
    if isinstance(exc, ApiException):
        return exc.status in _RETRYABLE_STATUS or exc.status == 0
    return isinstance(exc, asyncio.TimeoutError | aiohttp.ClientError)


def status_message(body: bytes) -> str:
    try:
        doc = json.loads(body)
    except ValueError:
        return body[:200].decode("utf-8", "replace").strip()
    if isinstance(doc, dict):
        return str(doc.get("message") or doc.get("reason") or "")
    return ""


async def _read_capped(resp: aiohttp.ClientResponse, limit: int | None) -> bytes:
    """Read the body, never more than `limit` bytes even if the server ignores limitBytes."""
    if limit is None:
        return await resp.read()
    chunks: list[bytes] = []
    size = 0
    async for chunk in resp.content.iter_chunked(64 * 1024):
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return b"".join(chunks)[:limit]


async def _read_tail(resp: aiohttp.ClientResponse, limit: int) -> tuple[bytes, bool]:
    """The last `limit` bytes of the body and whether anything before them was dropped.

    For logs the newest lines matter most, so a body larger than the cap loses its head."""
    kept: collections.deque[bytes] = collections.deque()
    size = 0
    dropped = False
    async for chunk in resp.content.iter_chunked(64 * 1024):
        kept.append(chunk)
        size += len(chunk)
        while size - len(kept[0]) >= limit:
            size -= len(kept.popleft())
            dropped = True
    body = b"".join(kept)
    if len(body) > limit:
        body, dropped = body[-limit:], True
    return body, dropped


class ApiCaller:
    """Runs API calls with retries and maps failures to errors that say what to do."""

    def __init__(self, identity: str, retry: RetryPolicy | None = None) -> None:
        self.identity = identity
        self.retry = retry or RetryPolicy()

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        after = getattr(exc, "retry_after", None)
        if isinstance(after, int | float) and after > 0:
            return min(float(after), self.retry.max_delay)
        delay = min(self.retry.max_delay, self.retry.base_delay * 2.0 ** (state.attempt_number - 1))
        return delay * (0.5 + random.random())  # jitter so replicas do not retry in step

    async def raw(
        self,
        op: Op,
        call: Callable[..., Awaitable[Any]],
        *args: Any,
        max_body_bytes: int | None = None,
        **kwargs: Any,
    ) -> bytes:
        """Body of a successful answer to `call(*args, **kwargs)`; raises our errors."""

        async def read(resp: aiohttp.ClientResponse) -> bytes:
            return await _read_capped(resp, max_body_bytes)

        return await self._request(op, read, call, *args, **kwargs)

    async def raw_tail(
        self,
        op: Op,
        call: Callable[..., Awaitable[Any]],
        *args: Any,
        max_body_bytes: int,
        **kwargs: Any,
    ) -> tuple[bytes, bool]:
        """Like `raw`, but a body over the cap keeps its *end*; True when the head was cut."""

        async def read(resp: aiohttp.ClientResponse) -> tuple[bytes, bool]:
            return await _read_tail(resp, max_body_bytes)

        return await self._request(op, read, call, *args, **kwargs)

    async def _request(
        self,
        op: Op,
        read: Callable[[aiohttp.ClientResponse], Awaitable[T]],
        call: Callable[..., Awaitable[Any]],
        *args: Any,
        **kwargs: Any,
    ) -> T:
        kwargs["_preload_content"] = False
        kwargs.setdefault("_request_timeout", self.retry.timeout)

        async def once() -> T:
            resp: aiohttp.ClientResponse = await call(*args, **kwargs)
            try:
                if resp.status >= 400:
                    body = await resp.read()
                    after = resp.headers.get("Retry-After")
                    raise HttpStatusError(
                        resp.status,
                        status_message(body),
                        float(after) if after and after.isdigit() else None,
                    )
                return await read(resp)
            finally:
                resp.release()

        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(self.retry.attempts),
                wait=self._wait,
                retry=retry_if_exception(_retryable),
                reraise=True,
            ):
                with attempt:
                    return await once()
        except (HttpStatusError, ApiException) as exc:
            raise self.error(op, exc) from exc
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise CollectError(
                f"Kubernetes API did not answer ({op.describe()}) after "
                f"{self.retry.attempts} attempts: {type(exc).__name__} {exc}".rstrip()
            ) from exc
        raise AssertionError("unreachable: tenacity either returns or raises")

    async def json(
        self, op: Op, call: Callable[..., Awaitable[Any]], *args: Any, **kwargs: Any
    ) -> Any:
        body = await self.raw(op, call, *args, **kwargs)
        try:
            return json.loads(body)
        except ValueError as exc:
            raise CollectError(f"Kubernetes API sent invalid JSON ({op.describe()})") from exc

    def error(
        self, op: Op, exc: HttpStatusError | ApiException, *, retried: bool = True
    ) -> CollectError:
        """Map an HTTP failure to the error a user can act on."""
        if isinstance(exc, HttpStatusError):
            status, message, after = exc.status, exc.message, exc.retry_after
        else:
            status, message, after = int(exc.status or 0), str(exc.reason or ""), None
        if status == 403:
            return PermissionDenied(
                f"Kubernetes denied {self.identity} permission to {op.describe()} "
                f"(403 Forbidden: {message}). To fix it, {RBAC_HINT} so the exporter's "
                f"service account may {op.verb} {op.resource}."
            )
        if status == 401:
            return CollectError(
                f"Kubernetes rejected {self.identity} (401 Unauthorized) while trying to "
                f"{op.describe()}: the token is missing, expired or invalid."
            )
        if status in (400, 404):
            return NotFoundOrGone(f"{op.describe()}: {message} (HTTP {status})", status)
        if status == 410:
            return CollectError(f"{op.describe()}: resource version expired (410 Gone)")
        tries = f" after {self.retry.attempts} attempts" if retried else ""
        return CollectError(
            f"Kubernetes API failed to {op.describe()}{tries} (HTTP {status}: {message})",
            retry_after=after,
        )
