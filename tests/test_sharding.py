"""Sharding proven with processes: `serve` replicas splitting one fake cluster's canaries.

Three `python -m exporter serve` processes with SHARD_COUNT=3 watch one fake cluster of 60
canaries: every canary is exported by exactly one replica and the union is all of them.
Four replicas then move about a quarter of the canaries, all of them to the new replica
(rendezvous hashing). A plugin request sent to a replica that does not own its canary is
answered by the owner (forwarded via SHARD_PEER_URL), and the asked replica analyses
nothing. Each replica listens on its own loopback address 127.0.1.<index>, so one URL
template names them all, as a StatefulSet's per-pod DNS names do.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp

from exporter.demo.fake_kube import FakeKube, FakeKubeState
from exporter.sharding import shard_of
from tests.polling import eventually
from tests.service_harness import add_canary, healthy_log

REPO = Path(__file__).resolve().parent.parent
CANARIES = 60
SERIES = re.compile(r'^ai_canary_verdict\{[^}]*namespace="([^"]+)",rollout="([^"]+)"', re.M)
ANALYSES = re.compile(r'^ai_canary_analyses_total\{[^}]*rollout="([^"]+)"[^}]*\} ([0-9.e+]+)', re.M)


def _free_port(hosts: list[str]) -> int:
    for _ in range(50):
        with socket.socket() as s:
            s.bind((hosts[0], 0))
            port = int(s.getsockname()[1])
        try:
            for h in hosts[1:]:
                with socket.socket() as s:
                    s.bind((h, port))
        except OSError:
            continue
        return port
    raise RuntimeError("no port free on every replica address")


def _host(index: int) -> str:
    return f"127.0.1.{index}"


@contextlib.asynccontextmanager
async def replicas(kubeconfig: Path, count: int, home: Path) -> AsyncIterator[list[str]]:
    """`count` serve processes sharding one cluster; yields their base URLs."""
    hosts = [_host(i) for i in range(count)]
    port = _free_port(hosts)
    procs: list[asyncio.subprocess.Process] = []
    try:
        for i in range(count):
            env = {
                "PATH": os.environ.get("PATH", ""),
                "HOME": str(home),
                "AI_CANARY_HOST": hosts[i],
                "AI_CANARY_PORT": str(port),
                "AI_CANARY_KUBECONFIG": str(kubeconfig),
                "AI_CANARY_JUDGE": "heuristic",
                "AI_CANARY_SHARD_COUNT": str(count),
                "AI_CANARY_SHARD_INDEX": str(i),
                "AI_CANARY_SHARD_PEER_URL": f"http://{_host(0)[:-1]}{{index}}:{port}",
                "AI_CANARY_INTERVAL_SECONDS": "30",
                "AI_CANARY_LOG_LEVEL": "WARNING",
            }
            procs.append(
                await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-m",
                    "exporter",
                    "serve",
                    cwd=REPO,
                    env=env,
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=asyncio.subprocess.DEVNULL,
                )
            )
        yield [f"http://{h}:{port}" for h in hosts]
    finally:
        for p in procs:
            if p.returncode is None:
                p.terminate()
        for p in procs:
            try:
                await asyncio.wait_for(p.wait(), 20)
            except TimeoutError:
                p.kill()
                await p.wait()


async def _metrics(http: aiohttp.ClientSession, url: str) -> str:
    try:
        async with http.get(url + "/metrics") as resp:
            return await resp.text() if resp.status == 200 else ""
    except aiohttp.ClientConnectionError:
        return ""


async def exported(http: aiohttp.ClientSession, urls: list[str]) -> list[set[str]]:
    """Per replica, the canaries it exports a verdict for, once every canary is exported."""
    result: list[set[str]] = []

    async def complete() -> bool:
        texts = [await _metrics(http, u) for u in urls]
        result[:] = [{f"{ns}/{ro}" for ns, ro in SERIES.findall(t)} for t in texts]
        return sum(len(s) for s in result) >= CANARIES and len(set().union(*result)) == CANARIES

    await eventually(complete, timeout=180, interval=0.5)
    return result


def _owner_by_name(sets: list[set[str]]) -> dict[str, int]:
    return {name: i for i, names in enumerate(sets) for name in names}


async def test_three_replicas_split_the_canaries_and_four_move_a_quarter(tmp_path: Path) -> None:
    async with FakeKube(FakeKubeState()) as kube:
        kube.state.record_calls = False
        for i in range(CANARIES):
            add_canary(
                kube.state,
                f"team-{i % 6}",
                f"svc-{i}",
                stable_log=healthy_log(120),
                canary_log=healthy_log(60, offset=3),
            )
        kubeconfig = kube.write_kubeconfig(tmp_path / "kubeconfig")
        everyone = {f"team-{i % 6}/svc-{i}" for i in range(CANARIES)}

        async with aiohttp.ClientSession() as http:
            async with replicas(kubeconfig, 3, tmp_path) as urls:
                three = await exported(http, urls)
                assert set().union(*three) == everyone
                assert sum(len(s) for s in three) == CANARIES  # each by exactly one replica
                assert all(len(s) >= CANARIES // 6 for s in three), [len(s) for s in three]
                owners3 = _owner_by_name(three)
                # the same split as the hash every replica computes
                for name, index in owners3.items():
                    ns, ro = name.split("/")
                    assert shard_of((ns, ro, "c4nary"), 3) == index

                # a plugin request reaching a replica that does not own the canary
                name = next(n for n, i in owners3.items() if i == 0)
                ns, ro = name.split("/")
                asked = urls[1]
                request = {"context": {"namespace": ns, "rolloutName": ro}}
                async with http.post(asked + "/a2a/analyze", json=request) as resp:
                    assert resp.status == 200, await resp.text()
                    doc = await resp.json()
                assert doc["verdict"] == "promote" and doc["canaryHash"] == "c4nary"
                asked_metrics = await _metrics(http, asked)
                assert ro not in {r for r, _ in ANALYSES.findall(asked_metrics)}  # not here
                owner_metrics = await _metrics(http, urls[0])
                assert ro in {r for r, _ in ANALYSES.findall(owner_metrics)}  # but there
                assert name not in _owner_by_name(
                    [{f"{a}/{b}" for a, b in SERIES.findall(asked_metrics)}]
                )  # and the asked replica exports no series for it

            async with replicas(kubeconfig, 4, tmp_path) as urls:
                four = await exported(http, urls)
                assert set().union(*four) == everyone
                assert sum(len(s) for s in four) == CANARIES
                owners4 = _owner_by_name(four)
                moved = {n for n in everyone if owners3[n] != owners4[n]}
                assert CANARIES * 0.12 <= len(moved) <= CANARIES * 0.40, len(moved)
                assert all(owners4[n] == 3 for n in moved)  # only onto the new replica
