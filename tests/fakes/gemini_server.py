"""A fake Gemini API: `POST /v1beta/models/{model}:generateContent` with the real wire format.

    async with FakeGemini() as fake:                  # GEMINI_BASE_URL = fake.base_url
        fake.script.append(Reply.rate_limited(retry_delay="0.05s"))

Errors carry the Google error body (`error.code/status/details`, with a
`google.rpc.RetryInfo` detail for scripted 429s); usage is `usageMetadata` counted with
tiktoken over the system instruction and contents received.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from tests.fakes.model_server import Reply, ScriptedModelServer


class FakeGemini(ScriptedModelServer):
    def routes(self, app: web.Application) -> None:
        app.router.add_post("/{version}/models/{model_action}", self._generate)

    async def _generate(self, request: web.Request) -> web.Response:
        model, _, action = request.match_info["model_action"].partition(":")
        if action != "generateContent":
            return web.json_response(
                {
                    "error": {
                        "code": 404,
                        "message": f"unknown action {action}",
                        "status": "NOT_FOUND",
                    }
                },
                status=404,
            )
        return await self.respond(request, model)

    def prompt_text(self, body: dict[str, Any]) -> str:
        parts: list[str] = []
        system = body.get("systemInstruction") or body.get("system_instruction") or {}
        parts.extend(str(p.get("text", "")) for p in system.get("parts", []))
        for content in body.get("contents", []):
            parts.extend(str(p.get("text", "")) for p in content.get("parts", []))
        return "\n".join(parts)

    def success(
        self, body: dict[str, Any], model: str, text: str, *, truncated: bool = False
    ) -> dict[str, Any]:
        prompt_tokens = self.tokens(self.prompt_text(body))
        completion_tokens = self.tokens(text)
        return {
            "candidates": [
                {
                    "content": {"parts": [{"text": text}], "role": "model"},
                    "finishReason": "MAX_TOKENS" if truncated else "STOP",
                    "index": 0,
                }
            ],
            "usageMetadata": {
                "promptTokenCount": prompt_tokens,
                "candidatesTokenCount": completion_tokens,
                "totalTokenCount": prompt_tokens + completion_tokens,
            },
            "modelVersion": model,
            "responseId": f"fake{len(self.requests)}",
        }

    def error_body(self, reply: Reply) -> dict[str, Any]:
        status = {429: "RESOURCE_EXHAUSTED", 503: "UNAVAILABLE"}.get(reply.status, "INTERNAL")
        error: dict[str, Any] = {
            "code": reply.status,
            "message": reply.message or f"fake error {reply.status}",
            "status": status,
        }
        if reply.retry_delay is not None:
            error["details"] = [
                {
                    "@type": "type.googleapis.com/google.rpc.RetryInfo",
                    "retryDelay": reply.retry_delay,
                }
            ]
        return {"error": error}
