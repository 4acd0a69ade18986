"""Retries of model calls: tenacity (as in `collect/apicall.py`), bounded by one deadline,
with jittered backoff that honours the server's hint.

Both SDKs' own retries are switched off so that one policy applies to every provider: the
number of attempts comes from `model_max_retries`, a 429/5xx answer's `Retry-After`,
`retry-after-ms` or Google `RetryInfo.retryDelay` sets the pause, and a hint longer than
`max_hint` ends the call at once (waiting an hour inside an analysis helps nobody; the error
carries the hint so the scheduler can back off instead). A timeout is not retried: the
attempt had the whole remaining deadline, and the same request would only time out again.
Every HTTP attempt leaves a status (ok|error|timeout|ratelimited|invalid|truncated) for the
`ai_canary_llm_requests_total` counter.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt
from tenacity.stop import stop_base

from exporter.errors import JudgeError

T = TypeVar("T")

# "ok" | "error" | "timeout" | "ratelimited" | "invalid" | "truncated"
CallStatus = str


@dataclass(frozen=True, slots=True)
class Failure:
    """How one failed attempt is to be treated (produced by a provider's classifier)."""

    status: CallStatus
    retryable: bool
    message: str
    hint: float | None = None  # seconds the server asked us to wait


@dataclass(frozen=True, slots=True)
class Backoff:
    """Exponential backoff with full jitter; server hints win when present and sane."""

    max_retries: int = 3
    base_delay: float = 0.5
    max_delay: float = 20.0
    max_hint: float = 60.0

    def delay(self, retry: int, hint: float | None) -> float:
        if hint is not None:
            # A little jitter on top of the hint so that many canaries do not retry in step.
            return max(0.0, hint) * (1.0 + random.uniform(0.0, 0.1))
        cap = min(self.max_delay, self.base_delay * (2**retry))
        return random.uniform(cap / 2, cap)


def parse_retry_after(headers: Mapping[str, str] | None) -> float | None:
    """Seconds from `retry-after-ms` (OpenAI) or `Retry-After` (seconds or HTTP date)."""
    if not headers:
        return None
    lower = {k.lower(): v for k, v in headers.items()}
    ms = lower.get("retry-after-ms")
    if ms is not None:
        try:
            return max(0.0, float(ms) / 1000.0)
        except ValueError:
            pass
    value = lower.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)s\s*$")


def parse_google_retry_delay(error_json: Any) -> float | None:
    """`RetryInfo.retryDelay` ("2s", "0.5s") from a Google API error body's `details`."""
    if not isinstance(error_json, dict):
        return None
    inner = error_json.get("error", error_json)
    details = inner.get("details") if isinstance(inner, dict) else None
    if not isinstance(details, list):
        return None
    for item in details:
        if isinstance(item, dict) and str(item.get("@type", "")).endswith("google.rpc.RetryInfo"):
            match = _DURATION.match(str(item.get("retryDelay", "")))
            if match:
                return float(match.group(1))
    return None


class _stop_at(stop_base):
    """Stop when the pause before the next attempt would reach the deadline."""

    def __init__(self, deadline: float, loop: asyncio.AbstractEventLoop) -> None:
        self.deadline = deadline
        self.loop = loop

    def __call__(self, retry_state: RetryCallState) -> bool:
        return self.loop.time() + retry_state.upcoming_sleep >= self.deadline


class _Failed(Exception):
    """One classified failed attempt, carried through tenacity."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.message)
        self.failure = failure


async def call_with_retries(
    attempt: Callable[[], Awaitable[T]],
    *,
    classify: Callable[[BaseException], Failure],
    backoff: Backoff,
    statuses: list[CallStatus],
    deadline: float,
    budget: float,
) -> T:
    """Run `attempt` until it succeeds, retrying retryable failures before `deadline`.

    `deadline` (event-loop time) is the analysis's one deadline for the model: each attempt
    may use what is left of it (SDK timeouts bound single reads only), and no pause runs
    past it. A timed-out attempt therefore used the whole remaining budget and is not sent
    again; 429/5xx/connection errors are retried (tenacity) with jittered backoff or the
    server's hint. A successful attempt's status is left to the caller, who knows whether
    the answer was valid. Raises JudgeError with the last failure's message.
    """
    loop = asyncio.get_running_loop()
    attempts = 0

    async def once() -> T:
        nonlocal attempts
        left = deadline - loop.time()
        if left <= 0:
            raise JudgeError(f"no time left for the model call (deadline {budget:g} s)")
        attempts += 1
        try:
            async with asyncio.timeout(left):
                return await attempt()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # classified here; nothing escapes unrecorded
            failure = (
                Failure("timeout", False, f"timed out: no answer within the {budget:g}-s deadline")
                if isinstance(exc, TimeoutError)
                else classify(exc)
            )
        statuses.append(failure.status)
        raise _Failed(failure)

    def retryable(exc: BaseException) -> bool:
        if not isinstance(exc, _Failed):
            return False
        hint = exc.failure.hint
        return exc.failure.retryable and (hint is None or hint <= backoff.max_hint)

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        hint = exc.failure.hint if isinstance(exc, _Failed) else None
        return backoff.delay(state.attempt_number - 1, hint)

    try:
        async for attempt_state in AsyncRetrying(
            stop=stop_after_attempt(backoff.max_retries + 1) | _stop_at(deadline, loop),
            wait=wait,
            retry=retry_if_exception(retryable),
            reraise=True,
        ):
            with attempt_state:
                return await once()
    except _Failed as exc:
        failure = exc.failure
        suffix = f" after {attempts} attempts" if attempts > 1 else ""
        if failure.hint is not None and failure.hint > backoff.max_hint:
            message = f"{failure.message} (server asked to wait {failure.hint:.0f} s)"
        elif retryable(exc) and attempts <= backoff.max_retries:
            message = f"{failure.message}{suffix}; no time left to retry"
        else:
            message = f"{failure.message}{suffix}"
        raise JudgeError(message, retry_after=failure.hint, reason=failure.status) from None
    raise AssertionError("unreachable: tenacity either returns or raises")
