"""The exceptions that cross stage boundaries; the HTTP layer maps them to status codes once.

Each carries a message fit for a user (what failed and what to do), never a secret.
"""

from __future__ import annotations


class CanaryError(Exception):
    """Base of our errors. `retry_after` (seconds) is set when the far side asked for a pause."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class CollectError(CanaryError):
    """Logs or pod facts could not be read (Kubernetes down, forbidden, timed out)."""


class PermissionDenied(CollectError):
    """Kubernetes answered 403; the message names the service account, verb and resource."""


class JudgeError(CanaryError):
    """A model judge failed after its retries (the ensemble decides what that means).

    `reason` is the precise kind of failure: timeout, truncated (answer cut at the output
    cap), invalid (unusable answer), ratelimited or error.
    """

    def __init__(
        self, message: str, *, retry_after: float | None = None, reason: str = "error"
    ) -> None:
        super().__init__(message, retry_after=retry_after)
        self.reason = reason


class RequestDeadline(CanaryError):
    """A request's analysis did not finish within `request_timeout_seconds` (it goes on)."""


class AnalysisFailed(CanaryError):
    """No trustworthy verdict could be produced; never to be read as a promote."""


class ModelsFailed(AnalysisFailed):
    """Every model failed and `model_failure_policy=error` forbids answering without one."""
