"""What every model judge does, whatever the provider: one request, checked, at most repaired.

A provider subclass only knows how to send a prompt with its SDK (`_complete`) and how to
read that SDK's exceptions (`_classify`). The flow is the same for all, within one deadline
per analysis (`model_timeout_seconds`): one request (429/5xx/connection errors retried by
`retry.call_with_retries` while time is left; a timed-out request is not sent again), strict
validation of the answer, one repair request on an invalid answer, then an error. An answer
cut at the output cap is not repaired or re-sent (at temperature 0 the same request is cut
again). `judge` never raises (except on cancellation): a failure is a `ModelResult` with
`error` (what happened) and `failure` (timeout|truncated|invalid|ratelimited|error) set and
`promote` false, so an ensemble can vote with the others and the combination can apply the
failure policy.
"""

from __future__ import annotations

import asyncio
import logging
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass

from exporter.errors import JudgeError
from exporter.judges.prompt import Prompt, repair_message
from exporter.judges.retry import Backoff, Failure, call_with_retries
from exporter.judges.schema import (
    FILE_CHANGES_OUTPUT_TOKENS,
    InvalidAnswer,
    ModelAnswer,
    cap_text,
    parse_answer,
)
from exporter.model import ModelResult

log = logging.getLogger(__name__)

MAX_ERROR_CHARS = 300
MAX_ECHOED_ANSWER = 4000


@dataclass(frozen=True, slots=True)
class Completion:
    """One successful HTTP exchange: the answer text and the provider's token counts."""

    text: str | None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    truncated: bool = False  # the server stopped at the output cap (finish reason "length")


@dataclass(frozen=True, slots=True)
class Repair:
    """The conversation continued after an unusable answer."""

    bad_answer: str
    message: str


class ModelJudge(ABC):
    """One configured model. Subclasses: `OpenAIJudge`, `GeminiJudge`."""

    provider: str = "model"

    def __init__(
        self, model: str, *, timeout: float, backoff: Backoff, max_output_tokens: int
    ) -> None:
        self.model = model
        self.timeout = timeout
        self.backoff = backoff
        self.max_output_tokens = max_output_tokens

    @property
    def name(self) -> str:
        return f"{self.provider}:{self.model}"

    def output_cap(self, prompt: Prompt) -> int:
        """Completion tokens allowed: the answer's size, more when file changes are asked."""
        extra = FILE_CHANGES_OUTPUT_TOKENS if prompt.file_changes else 0
        return self.max_output_tokens + extra

    @abstractmethod
    async def _complete(self, prompt: Prompt, repair: Repair | None) -> Completion:
        """Send one request with the SDK; raise the SDK's exception on failure."""

    @abstractmethod
    def _classify(self, exc: BaseException) -> Failure:
        """Map an SDK exception to a status, retryability and the server's wait hint."""

    @abstractmethod
    async def aclose(self) -> None:
        """Release the SDK client's connections."""

    async def judge(self, prompt: Prompt) -> ModelResult:
        result = ModelResult(model_name=self.model, provider=self.provider)
        started = time.perf_counter()
        # One deadline for everything of this judgement (retries, the repair request), so a
        # struggling provider cannot hold an analysis (and the plugin's request) for long.
        deadline = asyncio.get_running_loop().time() + self.timeout
        try:
            answer = await self._answer(prompt, result, deadline)
        except JudgeError as exc:
            result.error = cap_text(str(exc), MAX_ERROR_CHARS)[0] or "model call failed"
            result.failure = exc.reason
        except Exception as exc:  # a bug or an SDK surprise must not take the service down
            result.error = cap_text(f"unexpected {type(exc).__name__}: {exc}", MAX_ERROR_CHARS)[0]
            result.failure = "error"
        else:
            result.promote = answer.promote
            result.confidence = answer.confidence
            result.analysis = answer.analysis
            result.root_cause = answer.root_cause
            result.remediation = answer.remediation
            result.file_changes = answer.file_changes
        if result.error:
            result.promote, result.confidence = False, 0
            log.warning("model %s failed (%s): %s", self.name, result.failure, result.error)
        result.execution_time_ms = round((time.perf_counter() - started) * 1000)
        return result

    async def _answer(self, prompt: Prompt, result: ModelResult, deadline: float) -> ModelAnswer:
        completion = await self._call(prompt, None, result, deadline)
        try:
            answer = parse_answer(completion.text, file_changes=prompt.file_changes)
        except InvalidAnswer as exc:
            result.call_statuses.append("invalid")
            if deadline - asyncio.get_running_loop().time() <= 0:
                raise JudgeError(
                    f"invalid answer ({exc}); no time left for a repair request",
                    reason="invalid",
                ) from None
            # The model only ever saw redacted text, but its echo is redacted again anyway.
            bad = cap_text(completion.text or "", MAX_ECHOED_ANSWER)[0]
            message = repair_message(str(exc), file_changes=prompt.file_changes)
            repair = Repair(bad_answer=bad or "(empty)", message=message)
            completion = await self._call(prompt, repair, result, deadline)
            try:
                answer = parse_answer(completion.text, file_changes=prompt.file_changes)
            except InvalidAnswer as again:
                result.call_statuses.append("invalid")
                raise JudgeError(
                    f"invalid answer, also after a repair request: {again}", reason="invalid"
                ) from None
        result.call_statuses.append("ok")
        return answer

    async def _call(
        self, prompt: Prompt, repair: Repair | None, result: ModelResult, deadline: float
    ) -> Completion:
        completion = await call_with_retries(
            lambda: self._complete(prompt, repair),
            classify=self._classify,
            backoff=self.backoff,
            statuses=result.call_statuses,
            deadline=deadline,
            budget=self.timeout,
        )
        result.prompt_tokens += completion.prompt_tokens
        result.completion_tokens += completion.completion_tokens
        if completion.truncated:
            result.call_statuses.append("truncated")
            raise JudgeError(
                f"answer cut at the {self.output_cap(prompt)}-token output cap "
                f"({completion.completion_tokens} tokens generated)",
                reason="truncated",
            )
        return completion
