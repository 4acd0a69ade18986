"""The fault matrix: each fault injected on the wire by a local server, never by patching.

One `World` holds the real service (in-process, port 0) with a fake Kubernetes API
serving a failing canary (`shop/checkout`: a new NullPointerException), the real OpenAI
SDK talking to `FakeOpenAI` through `ModelFront` (a local proxy that can also reset the
connection or send a body that never ends), and the real PyGithub client of the follow-up
talking to `FakeGitHub`. Each scenario turns its fault on, asks the service while it lasts,
turns it off and measures the time until answers are normal again.

Every answer during a fault is checked: the canary is failing, so a promote can only be
one the fault caused. Used by `tests/reliability/test_fault_matrix.py` (short faults,
invariants asserted) and `bench/faults.py` (the printed table, Kubernetes down 60 s).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from prometheus_client import generate_latest

from exporter.config import Settings
from exporter.demo.fake_kube import FakeKube, Fault
from exporter.remediation import GitHubFollowUp
from tests.data.secrets_corpus import LINES
from tests.fakes.github_api import PREFIX, FakeGitHub
from tests.fakes.model_server import Reply
from tests.fakes.openai_server import FakeOpenAI
from tests.service_harness import (
    ServiceEnv,
    add_canary,
    failing_log,
    healthy_log,
    running_service,
)

REPO_URL = "https://github.com/acme/shop"
TOKEN = "ghp_faultmatrixFAKEtoken000000000000000000"
# every log (inline and the cluster's pods) carries the secrets corpus: a fault's error path
# must not leak them either
SECRET_TEXT = "\n" + "\n".join(LINES)
CLUSTER_REQUEST = {
    "context": {
        "namespace": "shop",
        "rolloutName": "checkout",
        "repoUrl": REPO_URL,
        "baseBranch": "main",
    }
}


@dataclass
class Row:
    """One line of the table."""

    fault: str
    answers: list[str] = field(default_factory=list)  # what the requests got during the fault
    promotes: int = 0  # promotes answered or exported during the fault (must be 0)
    live: bool = True  # liveness stayed UP throughout
    ready: str = "UP"  # readiness during the fault (and the checks that were DOWN)
    signal: str = ""  # what tells an operator (check, metric delta)
    recovered_s: float | None = None  # fault off → first normal answer

    @property
    def answer(self) -> str:
        seen: list[str] = []
        for a in self.answers:
            if a not in seen:
                seen.append(a)
        return "; ".join(seen)


class ModelFront:
    """A local proxy in front of the fake model: `mode` normal, reset or endless."""

    def __init__(self, upstream: FakeOpenAI) -> None:
        self.upstream = upstream
        self.mode = "normal"
        self.base_url = ""
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_post("/v1/chat/completions", self._handle)
        self._runner = web.AppRunner(app, shutdown_timeout=0.2, handler_cancellation=True)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.base_url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/v1"
        self._session = aiohttp.ClientSession()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        if self.mode == "reset":
            assert request.transport is not None
            request.transport.abort()  # RST: the client sees a connection reset
            return web.Response()
        if self.mode == "endless":  # a 200 whose body never ends
            resp = web.StreamResponse(headers={"Content-Type": "application/json"})
            await resp.prepare(request)
            await resp.write(b'{"id": "chatcmpl-endless", "choices": [')
            while True:
                await resp.write(b" ")
                await asyncio.sleep(0.05)
        assert self._session is not None
        async with self._session.post(
            self.upstream.base_url + "/chat/completions",
            data=body,
            headers={"Content-Type": "application/json"},
        ) as upstream:
            payload = await upstream.read()
            headers = {
                k: v for k, v in upstream.headers.items() if k.lower().startswith("retry-after")
            }
            return web.Response(
                body=payload,
                status=upstream.status,
                headers=headers,
                content_type="application/json",
            )


@dataclass
class World:
    env: ServiceEnv
    model: FakeOpenAI
    front: ModelFront
    github: FakeGitHub
    followup: GitHubFollowUp
    hold: float  # seconds a fault lasts before it is turned off (K8s down: the bench's 60 s)
    emitted: list[str] = field(default_factory=list)  # every answer body, for leak checks

    async def post(self, path: str, body: Any) -> tuple[int, dict[str, Any]]:
        async with self.env.http.post(self.env.url + path, json=body) as resp:
            text = await resp.text()
        self.emitted.append(text)
        return resp.status, json.loads(text)

    def everything_emitted(self) -> str:
        """Answers, what the fake model and fake GitHub received, and `/metrics` now."""
        m = self.env.service.metrics
        parts = [
            *self.emitted,
            self.model.bodies_text(),
            *(r.text for r in self.github.requests),
            (m.canaries.exposition().encode() + generate_latest(m.registry)).decode(),
        ]
        return "\n".join(parts)

    async def metrics(self) -> dict[str, float]:
        """The counters `/metrics` shows, read fresh (its pre-rendered body lags ≤ 1 s)."""
        m = self.env.service.metrics
        text = (m.canaries.exposition().encode() + generate_latest(m.registry)).decode()
        out: dict[str, float] = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                out[name] = float(value)
        return out

    async def inline(self) -> tuple[int, dict[str, Any]]:
        """An inline request the model is always asked about (a fresh digest each time)."""
        context = {
            "namespace": "shop",
            "rolloutName": "inline",
            "stableLogs": healthy_log(300) + SECRET_TEXT,
            "canaryLogs": failing_log(200) + SECRET_TEXT + f"\nrequest {uuid.uuid4().hex} done",
        }
        return await self.post("/a2a/analyze", {"context": context})

    async def cluster(self) -> tuple[int, dict[str, Any]]:
        return await self.post("/a2a/analyze", CLUSTER_REQUEST)

    async def readiness(self) -> str:
        status, doc = await self.env.get_json("/q/health/ready")
        down = [c["name"] for c in doc["checks"] if c["status"] == "DOWN"]
        return "UP" if status == 200 else "DOWN (" + ", ".join(down) + ")"

    async def live(self) -> bool:
        status, _ = await self.env.get_json("/q/health/live")
        return status == 200

    async def exported_promotes(self) -> int:
        m = await self.metrics()
        return sum(1 for k, v in m.items() if k.startswith("ai_canary_verdict{") and v == 1.0)


def _describe(status: int, body: dict[str, Any]) -> str:
    if status == 200:
        judge = str(body.get("judge", ""))
        return f"200 {body.get('verdict')} ({judge})"
    return f"{status} {str(body.get('error', ''))[:48]}"


async def _observe(
    world: World,
    row: Row,
    ask: Callable[[], Awaitable[tuple[int, dict[str, Any]]]],
    *,
    times: int = 2,
) -> None:
    for _ in range(times):
        status, body = await ask()
        row.answers.append(_describe(status, body))
        if status == 200 and body.get("promote") is True:
            row.promotes += 1
        row.live = row.live and await world.live()
    row.promotes += await world.exported_promotes()
    row.ready = await world.readiness()


async def _recover(
    row: Row,
    fault_off: float,
    normal: Callable[[], Awaitable[bool]],
    timeout: float = 120.0,
    interval: float = 0.05,
) -> None:
    while time.monotonic() - fault_off < timeout:
        if await normal():
            row.recovered_s = round(time.monotonic() - fault_off, 2)
            return
        await asyncio.sleep(interval)  # poll interval of a deadline loop


def _delta(before: dict[str, float], after: dict[str, float], prefix: str, label: str) -> str:
    """`label=value +n` per value of one label whose counter grew."""
    grew: dict[str, float] = {}
    for key, value in after.items():
        if key.startswith(prefix + "{"):
            d = value - before.get(key, 0.0)
            m = re.search(label + r'="([^"]*)"', key)
            if d and m:
                grew[m.group(1)] = grew.get(m.group(1), 0.0) + d
    return ", ".join(f"{label}={k} +{v:g}" for k, v in sorted(grew.items()))


# --- the model side -----------------------------------------------------------------------


async def _model_answers(world: World) -> bool:
    status, body = await world.inline()
    return status == 200 and "openai" in body["judge"] and "failed" not in body["judge"]


async def _model_fault(
    world: World, name: str, on: Callable[[], None], off: Callable[[], None]
) -> Row:
    row = Row(name)
    before = await world.metrics()
    on()
    await _observe(world, row, world.inline)
    after = await world.metrics()
    row.signal = "llm_requests " + _delta(before, after, "ai_canary_llm_requests_total", "status")
    off()
    await _recover(row, time.monotonic(), lambda: _model_answers(world))
    return row


def _script(world: World, make: Callable[[], Reply]) -> Callable[[], None]:
    def on() -> None:
        world.model.script.extend(make() for _ in range(1000))

    return on


async def model_slow(world: World) -> Row:
    return await _model_fault(
        world, "model slow (5 s > 1 s timeout)", _script(world, lambda: Reply.slow(5.0)),
        world.model.script.clear,
    )  # fmt: skip


async def model_429(world: World) -> Row:
    return await _model_fault(
        world, "model 429 + Retry-After: 1",
        _script(world, lambda: Reply.rate_limited(retry_after="1")), world.model.script.clear,
    )  # fmt: skip


async def model_500(world: World) -> Row:
    return await _model_fault(
        world, "model 500", _script(world, Reply.server_error), world.model.script.clear
    )


async def model_invalid(world: World) -> Row:
    return await _model_fault(
        world, "model invalid JSON", _script(world, Reply.invalid), world.model.script.clear
    )


async def model_promote_100(world: World) -> Row:
    return await _model_fault(
        world, "model says promote @100 (failing canary)",
        _script(world, lambda: Reply.verdict(promote=True, confidence=100)),
        world.model.script.clear,
    )  # fmt: skip


async def model_reset(world: World) -> Row:
    def on() -> None:
        world.front.mode = "reset"

    def off() -> None:
        world.front.mode = "normal"

    return await _model_fault(world, "model connection reset", on, off)


async def model_endless(world: World) -> Row:
    def on() -> None:
        world.front.mode = "endless"

    def off() -> None:
        world.front.mode = "normal"

    return await _model_fault(world, "model body never ends", on, off)


# --- Kubernetes ---------------------------------------------------------------------------


async def _cluster_answers(world: World) -> bool:
    status, body = await world.cluster()
    return status == 200 and body.get("verdict") == "abort"


async def _kube_fault(world: World, name: str, fault: Fault | None = None) -> Row:
    row = Row(name)
    before = await world.metrics()
    if fault is not None:
        world.env.state.inject(fault)
    await _observe(world, row, world.cluster)
    after = await world.metrics()
    row.signal = "analyses " + _delta(before, after, "ai_canary_analyses_total", "outcome")
    world.env.state.faults.clear()
    await _recover(row, time.monotonic(), lambda: _cluster_answers(world))
    return row


async def kube_403(world: World) -> Row:
    return await _kube_fault(
        world, "Kubernetes 403 on pods", Fault(status=403, times=10**6, resource="pods")
    )


async def kube_404(world: World) -> Row:
    return await _kube_fault(
        world, "Kubernetes 404 on logs", Fault(status=404, times=10**6, path="/log")
    )


async def kube_500(world: World) -> Row:
    return await _kube_fault(
        world, "Kubernetes 500 on pods", Fault(status=500, times=10**6, resource="pods")
    )


async def kube_watch_drop(world: World) -> Row:
    row = Row("Kubernetes watch dropped")
    world.env.state.drop_watches()
    await _observe(world, row, world.cluster)
    row.signal = "discovery resumes/relists"
    off = time.monotonic()

    async def watching() -> bool:
        return world.env.state.open_watches >= 1 and await _cluster_answers(world)

    await _recover(row, off, watching)
    return row


async def kube_down(world: World) -> Row:
    row = Row(f"Kubernetes API down {world.hold:g} s")
    kube = world.env.kube
    port = kube.port
    await kube.close()
    deadline = time.monotonic() + world.hold
    await _observe(world, row, world.cluster)
    while time.monotonic() < deadline:  # keep asking while it is down
        await _observe(world, row, world.cluster, times=1)
        await asyncio.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
    _, doc = await world.env.get_json("/q/health/ready")
    checks = {c["name"]: c for c in doc["checks"]}
    row.signal = "ready/kubernetes: " + str(checks["kubernetes"]["data"].get("lastError", ""))[:40]
    back = FakeKube(kube.state)
    await back.start(port=port)
    world.env.kube = back

    async def normal() -> bool:  # answers again, and discovery is watching again
        return await _cluster_answers(world) and world.env.state.open_watches >= 1

    await _recover(row, time.monotonic(), normal)
    return row


# --- GitHub -------------------------------------------------------------------------------


async def _new_revision(world: World, revision: str) -> None:
    """The Rollout moves to a new (still failing) canary revision: a follow-up is due."""
    add_canary(
        world.env.state,
        "shop",
        "checkout",
        stable_log=healthy_log(300) + SECRET_TEXT,
        canary_log=failing_log() + SECRET_TEXT,
        canary_hash=revision,
    )
    started = time.monotonic()
    while time.monotonic() - started < 120:
        status, body = await world.cluster()
        if status == 200 and body.get("canaryHash") == revision:
            return
        # every abort answered queues a follow-up: a slow poll keeps the queue short
        await asyncio.sleep(0.5)
    raise RuntimeError(f"discovery never saw revision {revision}")


async def _github_fault(world: World, name: str, on: Callable[[], None]) -> Row:
    row = Row(name)
    filed = len(world.github.issues_of("acme/shop"))
    errors = world.followup.outcomes["error"]
    on()
    await _new_revision(world, f"rev{uuid.uuid4().hex[:6]}")
    await _observe(world, row, world.cluster)
    started = time.monotonic()
    while world.followup.outcomes["error"] == errors and time.monotonic() - started < 30:
        await asyncio.sleep(0.05)  # poll interval of a deadline loop
    row.signal = f"followups error +{world.followup.outcomes['error'] - errors}"
    world.github.failures.clear()
    if world.github.hold is not None:
        world.github.hold.set()
        world.github.hold = None

    async def filed_now() -> bool:
        await world.cluster()  # the next scoring of the revision files it
        return len(world.github.issues_of("acme/shop")) > filed

    # one follow-up job per revision runs at a time (the others are coalesced), so once
    # GitHub is back the revision is filed without a backlog to drain first
    await _recover(row, time.monotonic(), filed_now, timeout=240.0, interval=0.5)
    return row


async def github_5xx(world: World) -> Row:
    return await _github_fault(world, "GitHub 502", lambda: world.github.fail(502, times=10**6))


async def github_hang(world: World) -> Row:
    def on() -> None:
        world.github.hold = asyncio.Event()

    return await _github_fault(world, "GitHub hangs", on)


SCENARIOS: list[Callable[[World], Awaitable[Row]]] = [
    model_slow,
    model_429,
    model_500,
    model_invalid,
    model_promote_100,
    model_reset,
    model_endless,
    kube_403,
    kube_404,
    kube_500,
    kube_watch_drop,
    kube_down,
    github_5xx,
    github_hang,
]


@asynccontextmanager
async def world(workdir: Path, *, hold: float = 2.0) -> AsyncIterator[World]:
    """The service with every fake in front of it; `hold` = how long K8s stays down."""
    model = FakeOpenAI()
    await model.start()
    front = ModelFront(model)
    await front.start()
    github = FakeGitHub(token=TOKEN)
    github.add_repo("acme/shop")
    gh_runner = web.AppRunner(github.app, shutdown_timeout=0.2)
    await gh_runner.setup()
    await web.TCPSite(gh_runner, "127.0.0.1", 0).start()
    github.base_url = f"http://127.0.0.1:{gh_runner.addresses[0][1]}{PREFIX}"
    followup = GitHubFollowUp(
        Settings(github_token=TOKEN, github_api_url=github.base_url, github_repos=["acme/*"]),
        seconds_between_requests=0,
        seconds_between_writes=0,
        retries=1,
        retry_backoff=0,
        max_rate_limit_wait=1,
        request_timeout=2,
        budget_seconds=3,
    )
    try:
        async with running_service(
            workdir,
            followup=followup,
            judge="openai",
            openai_base_url=front.base_url,
            openai_api_key="sk-fault-matrix-key",
            model_timeout_seconds=1.0,
            model_max_retries=1,
            cache_seconds=0,
            interval_seconds=3600,
            health_probe_seconds=0.5,
            request_timeout_seconds=20,
        ) as env:
            add_canary(
                env.state,
                "shop",
                "checkout",
                stable_log=healthy_log(300) + SECRET_TEXT,
                canary_log=failing_log() + SECRET_TEXT,
            )
            w = World(env, model, front, github, followup, hold)
            started = time.monotonic()
            while not await _cluster_answers(w):
                if time.monotonic() - started > 60:
                    raise RuntimeError("the fault matrix's service never answered")
                await asyncio.sleep(0.1)  # poll interval of a deadline loop
            try:
                yield w
            finally:
                if github.hold is not None:
                    github.hold.set()
                with contextlib.suppress(Exception):
                    await env.kube.close()
    finally:
        await front.close()
        await model.close()
        await gh_runner.cleanup()
