"""Model judge for Gemini on the `google-genai` SDK.

The SDK's retries are disabled (`HttpRetryOptions(attempts=1)`, which also stops its
implicit retry of connection errors) so `retry.py` applies our policy; a 429's wait hint is
read from `RetryInfo.retryDelay` in the error details, else from `Retry-After`. The SDK's
timeout is in milliseconds. Structured output via `response_mime_type: application/json`
and `response_json_schema`; temperature 0. `GEMINI_BASE_URL` points it at a proxy or a fake.
"""

from __future__ import annotations

from typing import Any

import aiohttp
from google import genai
from google.genai import errors as genai_errors
from google.genai import types

from exporter.judges.model_judge import Completion, ModelJudge, Repair
from exporter.judges.prompt import Prompt
from exporter.judges.retry import Backoff, Failure, parse_google_retry_delay, parse_retry_after
from exporter.judges.schema import answer_schema

# Thinking tokens allowed to Gemini 2.5 models (valid for Flash, Flash-Lite and Pro).
THINKING_BUDGET = 1024


class GeminiJudge(ModelJudge):
    provider = "gemini"

    def __init__(
        self,
        model: str,
        *,
        api_key: str,
        base_url: str | None,
        timeout: float,
        backoff: Backoff,
        max_output_tokens: int,
    ) -> None:
        super().__init__(
            model, timeout=timeout, backoff=backoff, max_output_tokens=max_output_tokens
        )
        self.base_url = base_url
        self._client = genai.Client(
            vertexai=False,  # the Gemini API key path, whatever GOOGLE_GENAI_USE_VERTEXAI says
            api_key=api_key,
            http_options=types.HttpOptions(
                base_url=base_url or None,
                timeout=int(timeout * 1000),
                retry_options=types.HttpRetryOptions(attempts=1),
            ),
        )

    async def aclose(self) -> None:
        await self._client.aio.aclose()

    async def _complete(self, prompt: Prompt, repair: Repair | None) -> Completion:
        contents = [types.Content(role="user", parts=[types.Part(text=prompt.user)])]
        if repair is not None:
            contents.append(types.Content(role="model", parts=[types.Part(text=repair.bad_answer)]))
            contents.append(types.Content(role="user", parts=[types.Part(text=repair.message)]))
        thinking = None
        max_output_tokens = self.output_cap(prompt)
        if "gemini-2.5" in self.model:
            # 2.5 models think by default and their thoughts count against
            # max_output_tokens, which can starve the JSON answer: bound both.
            thinking = types.ThinkingConfig(thinking_budget=THINKING_BUDGET)
            max_output_tokens += THINKING_BUDGET
        config = types.GenerateContentConfig(
            system_instruction=prompt.system,
            temperature=0,
            max_output_tokens=max_output_tokens,
            response_mime_type="application/json",
            response_json_schema=answer_schema(file_changes=prompt.file_changes),
            thinking_config=thinking,
        )
        response = await self._client.aio.models.generate_content(
            model=self.model, contents=contents, config=config
        )
        usage = response.usage_metadata
        completion_tokens = 0
        if usage is not None:
            # Thinking tokens are billed as output, so they count as completion tokens.
            completion_tokens = (usage.candidates_token_count or 0) + (
                usage.thoughts_token_count or 0
            )
        candidate = response.candidates[0] if response.candidates else None
        return Completion(
            text=response.text,
            prompt_tokens=(usage.prompt_token_count or 0) if usage else 0,
            completion_tokens=completion_tokens,
            truncated=candidate is not None
            and candidate.finish_reason == types.FinishReason.MAX_TOKENS,
        )

    def _classify(self, exc: BaseException) -> Failure:
        if isinstance(exc, genai_errors.APIError):
            status = exc.code
            hint = parse_google_retry_delay(exc.details)
            if hint is None:
                hint = parse_retry_after(_headers(exc))
            if status == 429:
                return Failure("ratelimited", True, "rate limited (HTTP 429)", hint)
            if status in (408, 409) or status >= 500:
                return Failure("error", True, f"model server error (HTTP {status})", hint)
            return Failure("error", False, f"model request refused (HTTP {status})")
        if isinstance(exc, aiohttp.ClientError | ConnectionError):
            return Failure("error", True, "cannot reach the model server")
        return Failure("error", False, f"model call failed ({type(exc).__name__})")


def _headers(exc: genai_errors.APIError) -> dict[str, str] | None:
    headers: Any = getattr(exc.response, "headers", None)
    if headers is None:
        return None
    return {str(k): str(v) for k, v in headers.items()}
