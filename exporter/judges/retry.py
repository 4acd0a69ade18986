"""Retries of model calls: bounded, with jittered backoff that honours the server's hint.

Both SDKs' own retries are switched off so that one policy applies to every provider: the
number of attempts comes from `model_max_retries`, a 429/5xx answer's `Retry-After`,
`retry-after-ms` or Google `RetryInfo.retryDelay` sets the pause, and a hint longer than
`max_hint` ends the call at once (waiting an hour inside an analysis helps nobody; the error
carries the hint so the scheduler can back off instead). Every HTTP attempt leaves a status
(ok|error|timeout|ratelimited|invalid) for the `ai_canary_llm_requests_total` counter.
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

from exporter.errors import JudgeError

T = TypeVar("T")

CallStatus = str  # "ok" | "error" | "timeout" | "ratelimited" | "invalid"


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


async def call_with_retries(
    attempt: Callable[[], Awaitable[T]],
    *,
    classify: Callable[[BaseException], Failure],
    backoff: Backoff,
    timeout: float,  # noqa: ASYNC109 - per attempt, not for the whole call
    statuses: list[CallStatus],
    deadline: float | None = None,
) -> T:
    """Run `attempt` until it succeeds, retrying retryable failures within the budget.

    Each attempt is bounded by `timeout` seconds in total (SDK timeouts bound single reads
    only) and by `deadline` (event-loop time) when given: no attempt and no pause runs past
    it. A successful attempt's status is left to the caller, who knows whether the answer
    was valid. Raises JudgeError with the last failure's message when the budget is spent.
    """
    loop = asyncio.get_running_loop()
    retry = 0
    while True:
        limit = timeout if deadline is None else min(timeout, deadline - loop.time())
        if limit <= 0:
            raise JudgeError("no time left for the model call")
        try:
            async with asyncio.timeout(limit):
                return await attempt()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # classified below; nothing escapes unrecorded
            failure = (
                Failure("timeout", True, f"timed out after {limit:g} s")
                if isinstance(exc, TimeoutError)
                else classify(exc)
            )
        statuses.append(failure.status)
        suffix = f" after {retry + 1} attempts" if retry else ""
        if failure.hint is not None and failure.hint > backoff.max_hint:
            raise JudgeError(
                f"{failure.message} (server asked to wait {failure.hint:.0f} s)",
                retry_after=failure.hint,
            )
        if not failure.retryable or retry >= backoff.max_retries:
            raise JudgeError(f"{failure.message}{suffix}", retry_after=failure.hint)
        pause = backoff.delay(retry, failure.hint)
        if deadline is not None and loop.time() + pause >= deadline:
            raise JudgeError(
                f"{failure.message}{suffix}; no time left to retry", retry_after=failure.hint
            )
        await asyncio.sleep(pause)
        retry += 1
