"""A fake OpenAI-compatible server: `POST /v1/chat/completions` with the real wire format.

    async with FakeOpenAI(latency=2.0) as fake:       # base_url = http://127.0.0.1:N/v1
        fake.script.append(Reply.rate_limited(retry_after_ms="50"))
        ...  # point AsyncOpenAI / OPENAI_BASE_URL at fake.base_url
        assert len(fake.requests) == 2

Usage (`prompt_tokens`, `completion_tokens`) is counted with tiktoken over the messages'
text, as a real server would count it with its own tokenizer.
"""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from tests.fakes.model_server import Reply, ScriptedModelServer


class FakeOpenAI(ScriptedModelServer):
    def routes(self, app: web.Application) -> None:
        app.router.add_post("/v1/chat/completions", self._chat)

    def url_for(self, port: int) -> str:
        return f"http://127.0.0.1:{port}/v1"

    async def _chat(self, request: web.Request) -> web.Response:
        return await self.respond(request, "")

    def prompt_text(self, body: dict[str, Any]) -> str:
        parts = []
        for message in body.get("messages", []):
            content = message.get("content")
            if isinstance(content, str):
                parts.append(content)
            elif isinstance(content, list):
                parts.extend(str(p.get("text", "")) for p in content if isinstance(p, dict))
        return "\n".join(parts)

    def success(
        self, body: dict[str, Any], model: str, text: str, *, truncated: bool = False
    ) -> dict[str, Any]:
        prompt_tokens = self.tokens(self.prompt_text(body))
        completion_tokens = self.tokens(text)
        return {
            "id": f"chatcmpl-fake{len(self.requests)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "fake"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text, "refusal": None},
                    "logprobs": None,
                    "finish_reason": "length" if truncated else "stop",
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }

    def error_body(self, reply: Reply) -> dict[str, Any]:
        kind = "rate_limit_exceeded" if reply.status == 429 else "server_error"
        return {
            "error": {
                "message": reply.message or f"fake error {reply.status}",
                "type": kind,
                "param": None,
                "code": kind,
            }
        }
