"""Model judge for any OpenAI-compatible chat completions API (OpenAI, vLLM, Ollama, Gemini's
OpenAI endpoint), on the official `openai` SDK.

The SDK's own retries are off (`max_retries=0`) so that `retry.py` applies one policy to all
providers. Structured output is requested with `response_format: json_schema` (strict);
servers that reject it with a 400 get `json_object` from then on (the prompt spells out the
fields, so that still works). Temperature 0: the same digest should get the same verdict.
"""

from __future__ import annotations

from typing import Any

import openai
from openai import AsyncOpenAI

from exporter.judges.model_judge import Completion, ModelJudge, Repair
from exporter.judges.prompt import Prompt
from exporter.judges.retry import Backoff, Failure, parse_retry_after
from exporter.judges.schema import ANSWER_SCHEMA

# Ollama and vLLM accept any key; the SDK insists on one.
PLACEHOLDER_KEY = "not-needed"


class OpenAIJudge(ModelJudge):
    provider = "openai"

    def __init__(
        self,
        model: str,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: float,
        backoff: Backoff,
        max_output_tokens: int,
    ) -> None:
        super().__init__(
            model, timeout=timeout, backoff=backoff, max_output_tokens=max_output_tokens
        )
        self.base_url = base_url
        self._json_schema = True
        self._client = AsyncOpenAI(
            api_key=api_key or PLACEHOLDER_KEY,
            base_url=base_url or None,
            timeout=timeout,
            max_retries=0,
        )

    async def aclose(self) -> None:
        await self._client.close()

    async def _complete(self, prompt: Prompt, repair: Repair | None) -> Completion:
        messages: list[Any] = [
            {"role": "system", "content": prompt.system},
            {"role": "user", "content": prompt.user},
        ]
        if repair is not None:
            messages.append({"role": "assistant", "content": repair.bad_answer})
            messages.append({"role": "user", "content": repair.message})
        response_format: Any = (
            {
                "type": "json_schema",
                "json_schema": {"name": "canary_verdict", "strict": True, "schema": ANSWER_SCHEMA},
            }
            if self._json_schema
            else {"type": "json_object"}
        )
        response = await self._client.chat.completions.create(
            model=self.model,
            messages=messages,
            temperature=0,
            max_tokens=self.max_output_tokens,
            response_format=response_format,
        )
        text = response.choices[0].message.content if response.choices else None
        usage = response.usage
        return Completion(
            text=text,
            prompt_tokens=usage.prompt_tokens if usage else 0,
            completion_tokens=usage.completion_tokens if usage else 0,
        )

    def _classify(self, exc: BaseException) -> Failure:
        if isinstance(exc, openai.APITimeoutError):
            return Failure("timeout", True, f"timed out after {self.timeout:g} s")
        if isinstance(exc, openai.APIConnectionError):
            return Failure("error", True, "cannot reach the model server")
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            hint = parse_retry_after(exc.response.headers)
            if status == 429:
                return Failure("ratelimited", True, "rate limited (HTTP 429)", hint)
            if status in (408, 409) or status >= 500:
                return Failure("error", True, f"model server error (HTTP {status})", hint)
            if status == 400 and self._json_schema and _mentions_schema(exc):
                # Older vLLM/Ollama/proxies: fall back to JSON mode and ask again at once.
                self._json_schema = False
                return Failure("error", True, "server rejected json_schema", 0.0)
            return Failure("error", False, f"model request refused (HTTP {status})")
        return Failure("error", False, f"model call failed ({type(exc).__name__})")


def _mentions_schema(exc: openai.APIStatusError) -> bool:
    text = str(exc).lower()
    return "response_format" in text or "json_schema" in text or "schema" in text
