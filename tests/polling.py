"""`eventually`: wait for a condition by polling with a deadline, never a fixed sleep;
`answers_ok`: the condition "this URL answers 200" for a server that may not listen yet."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import aiohttp


async def eventually(
    check: Callable[[], Any], timeout: float = 15.0, interval: float = 0.02
) -> Any:
    """Poll a sync or async `check` until it returns something truthy; fail on the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s: {check}")
        await asyncio.sleep(interval)  # poll interval of a deadline loop


async def answers_ok(http: aiohttp.ClientSession, url: str) -> bool:
    """True when `url` answers 200; False while nothing listens or it answers otherwise."""
    try:
        async with http.get(url) as resp:
            return resp.status == 200
    except aiohttp.ClientConnectionError:
        return False
