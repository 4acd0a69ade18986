"""Model judge for any OpenAI-compatible chat completions API (OpenAI, vLLM, Ollama, Gemini's
OpenAI endpoint), on the official `openai` SDK.

The SDK's own retries are off (`max_retries=0`) so that `retry.py` applies one policy to all
providers. Structured output is requested with `response_format: json_schema` (strict, with
bounded strings and arrays so grammar-constrained servers stop early), temperature 0 (the
same digest should get the same verdict) and `max_tokens`. Servers differ: a 400 that names
one of these makes the client fall back once and for all, at once (the schema without length
keywords; `json_object` — the prompt spells out the fields; no temperature;
`max_completion_tokens` for OpenAI's reasoning models), so one configuration works with
OpenAI, vLLM, Ollama and llama.cpp's server.
"""

from __future__ import annotations

from typing import Any

import openai
from openai import AsyncOpenAI

from exporter.judges.model_judge import Completion, ModelJudge, Repair
from exporter.judges.prompt import Prompt
from exporter.judges.retry import Backoff, Failure, parse_retry_after
from exporter.judges.schema import answer_schema

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
        # What this server accepts, learnt from its 400 answers (see `_downgrade`).
        self._json_schema = True
        self._bounded = True
        self._temperature = True
        self._max_tokens_param = "max_tokens"
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
        while True:
            try:
                response = await self._client.chat.completions.create(
                    model=self.model, messages=messages, **self._options(prompt)
                )
                break
            except openai.BadRequestError as exc:
                # Servers and models differ in what they accept: learn it once per client
                # and send again at once (within this attempt's timeout).
                if not self._downgrade(str(exc).lower()):
                    raise
        choice = response.choices[0] if response.choices else None
        usage = response.usage
        return Completion(
            text=choice.message.content if choice else None,
            prompt_tokens=usage.prompt_tokens if usage else 0,
            completion_tokens=usage.completion_tokens if usage else 0,
            truncated=choice is not None and choice.finish_reason == "length",
        )

    def _options(self, prompt: Prompt) -> dict[str, Any]:
        schema = answer_schema(file_changes=prompt.file_changes, bounded=self._bounded)
        options: dict[str, Any] = {
            "response_format": (
                {
                    "type": "json_schema",
                    "json_schema": {"name": "canary_verdict", "strict": True, "schema": schema},
                }
                if self._json_schema
                else {"type": "json_object"}
            ),
            self._max_tokens_param: self.output_cap(prompt),
        }
        if self._temperature:
            options["temperature"] = 0
        return options

    def _downgrade(self, message: str) -> bool:
        """Adapt to a 400 that names a parameter we can do without; False if none applies."""
        if self._max_tokens_param == "max_tokens" and "max_tokens" in message:
            self._max_tokens_param = "max_completion_tokens"  # OpenAI reasoning models
        elif self._temperature and "temperature" in message:
            self._temperature = False  # models that only accept the default temperature
        elif self._bounded and ("maxlength" in message or "maxitems" in message):
            self._bounded = False  # strict modes that reject length keywords (OpenAI's)
        elif self._json_schema and ("response_format" in message or "schema" in message):
            self._json_schema = False  # older vLLM/Ollama/proxies: JSON mode instead
        else:
            return False
        return True

    def _classify(self, exc: BaseException) -> Failure:
        if isinstance(exc, openai.APITimeoutError):
            # Not retried: the attempt had what was left of the deadline.
            return Failure("timeout", False, f"timed out: no answer within {self.timeout:g} s")
        if isinstance(exc, openai.APIConnectionError):
            return Failure("error", True, "cannot reach the model server")
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            hint = parse_retry_after(exc.response.headers)
            if status == 429:
                return Failure("ratelimited", True, "rate limited (HTTP 429)", hint)
            if status in (408, 409) or status >= 500:
                return Failure("error", True, f"model server error (HTTP {status})", hint)
            return Failure("error", False, f"model request refused (HTTP {status})")
        return Failure("error", False, f"model call failed ({type(exc).__name__})")
