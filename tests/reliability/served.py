"""The real `ai-canary-exporter serve` process for reliability tests and benchmarks.

`served(workdir, **env)` starts the CLI in a subprocess on a free 127.0.0.1 port, pointed at
a `FakeKube` running in the caller's event loop (unless `kube=None`), waits until liveness
answers, and yields a `Served` with the URL, the process and its stderr log file. On exit it
sends SIGTERM and waits. Nothing is patched: faults come from the local servers it talks to.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from exporter.demo.fake_kube import FakeKube, FakeKubeState

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Served:
    url: str
    process: asyncio.subprocess.Process
    log_path: Path
    kube: FakeKube | None

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    async def stop(self, timeout: float = 60.0) -> int | None:
        """SIGTERM, then wait up to `timeout` s; returns the exit code (None if it hung)."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.process.wait(), timeout)
        except TimeoutError:
            return None


async def _wait_live(url: str, process: asyncio.subprocess.Process, timeout: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    async with aiohttp.ClientSession() as http:
        while True:
            if process.returncode is not None:
                raise RuntimeError(f"serve exited with {process.returncode}")
            try:
                async with http.get(url + "/q/health/live") as resp:
                    if resp.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            if loop.time() > deadline:
                raise RuntimeError("serve did not become live")
            await asyncio.sleep(0.1)  # poll interval of a deadline loop


@asynccontextmanager
async def served(
    workdir: Path, *, kube: FakeKube | bool | None = True, **env: str
) -> AsyncIterator[Served]:
    """`serve` in a subprocess; `env` are AI_CANARY_* (or model) variables to set."""
    own_kube = None
    if kube is True:
        own_kube = kube = FakeKube(FakeKubeState())
        await kube.start()
    port = free_port()
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AI_CANARY_", "OPENAI_", "GEMINI_", "GOOGLE_", "ANALYSIS_", "GITHUB_"))
    }
    clean.update(
        AI_CANARY_HOST="127.0.0.1",
        AI_CANARY_PORT=str(port),
        AI_CANARY_JUDGE="heuristic",
        AI_CANARY_SHUTDOWN_GRACE_SECONDS="3",
        PYTHONPATH=str(REPO),
    )
    if isinstance(kube, FakeKube):
        clean["AI_CANARY_KUBECONFIG"] = str(kube.write_kubeconfig(workdir / "kubeconfig"))
    clean.update(env)
    log_path = workdir / f"serve-{port}.log"
    with log_path.open("wb") as log_file:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "exporter",
            "serve",
            env=clean,
            cwd=str(workdir),
            stdout=log_file,
            stderr=log_file,
        )
    handle = Served(
        f"http://127.0.0.1:{port}", process, log_path, kube if isinstance(kube, FakeKube) else None
    )
    try:
        await _wait_live(handle.url, process, timeout=60)
        yield handle
    finally:
        if await handle.stop() is None:
            process.kill()
            await process.wait()
        if own_kube is not None:
            await own_kube.close()
