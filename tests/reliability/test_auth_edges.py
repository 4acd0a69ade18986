"""Authentication edges: the HTML status page needs the token, odd header bytes are a 4xx.

Once, with `auth_token` set, `GET /` with `Accept: text/html` served the whole status page
(every canary, its evidence and analysis) without a token, because `/` is open for the
reachability check; and a raw 0xff byte in `Authorization` answered 500.
"""

from __future__ import annotations

import asyncio
import base64
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


async def test_the_status_page_needs_the_token_when_auth_is_on(tmp_path: Path) -> None:
    page = status_page_handler()
    async with running_service(tmp_path, cluster=False, status_page=page, auth_token=TOKEN) as env:
        async with env.http.get(env.url + "/", headers=HTML) as resp:
            assert resp.status == 401
            assert "Basic" in resp.headers["WWW-Authenticate"]  # a browser can log in
            assert "<html" not in (await resp.text()).lower()
        async with env.http.get(
            env.url + "/", headers={**HTML, "Authorization": f"Bearer {TOKEN}"}
        ) as resp:
            assert resp.status == 200 and "<html" in (await resp.text()).lower()
        basic = base64.b64encode(f"anyone:{TOKEN}".encode()).decode()
        async with env.http.get(
            env.url + "/", headers={**HTML, "Authorization": f"Basic {basic}"}
        ) as resp:
            assert resp.status == 200
        wrong = base64.b64encode(b"anyone:nope").decode()
        async with env.http.get(
            env.url + "/", headers={**HTML, "Authorization": f"Basic {wrong}"}
        ) as resp:
            assert resp.status == 401
        # the reachability check (JSON) stays open for probes and the plugin
        async with env.http.get(env.url + "/") as resp:
            assert resp.status == 200
            assert (await resp.json())["service"] == "ai-canary-exporter"


async def test_basic_credentials_do_not_open_the_api(tmp_path: Path) -> None:
    async with running_service(tmp_path, cluster=False, auth_token=TOKEN) as env:
        basic = base64.b64encode(f"anyone:{TOKEN}".encode()).decode()
        async with env.http.get(
            env.url + "/api/v1/targets", headers={"Authorization": f"Basic {basic}"}
        ) as resp:
            assert resp.status == 401  # the API takes the bearer token only


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
