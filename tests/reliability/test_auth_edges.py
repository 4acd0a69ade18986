"""Authentication edges: the HTML status page needs the token, odd header bytes are a 4xx.

Once, with `auth_token` set, `GET /` with `Accept: text/html` served the whole status page
(every canary, its evidence and analysis) without a token, because `/` is open for the
reachability check; and a raw 0xff byte in `Authorization` answered 500.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from exporter.http.status_page import status_page_handler
from tests.service_harness import ServiceEnv, running_service

TOKEN = "s3cret-status-token"
HTML = {"Accept": "text/html"}


async def _raw(env: ServiceEnv, request: bytes) -> int:
    """Send raw request bytes (aiohttp's client would refuse them); the status code."""
    parts = urlsplit(env.url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    try:
        writer.write(request)
        await writer.drain()
        status_line = await reader.readline()
    finally:
        writer.close()
        await writer.wait_closed()
    return int(status_line.split()[1])


@pytest.mark.parametrize("auth", [True, False])
async def test_non_ascii_header_bytes_are_a_4xx(tmp_path: Path, auth: bool) -> None:
    settings = {"auth_token": TOKEN} if auth else {}
    page = status_page_handler()
    async with running_service(tmp_path, cluster=False, status_page=page, **settings) as env:
        for path, header in [
            ("/api/v1/targets", b"Authorization: Bearer \xff\xfe"),
            ("/api/v1/targets", b"Authorization: \xff"),
            ("/", b"Authorization: Basic \xff"),
            ("/.well-known/agent-card.json", b"X-Forwarded-Host: \xffexample"),
            ("/", b"Accept: text/html\xff"),
        ]:
            request = (
                b"GET "
                + path.encode()
                + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + header
                + b"\r\nConnection: close\r\n\r\n"
            )
            status = await _raw(env, request)
            assert status == 400, (path, header, status)
        async with env.http.get(env.url + "/q/health/live") as resp:
            assert resp.status == 200  # nothing broke
