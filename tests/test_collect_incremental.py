"""Incremental log collection against the fake API with the real kubernetes-asyncio client:
sinceTime reads, boundary de-duplication, busy pods keeping their newest lines, restarts,
deleted and recreated pods, node clock steps — and the fake's PodLogOptions semantics."""

from __future__ import annotations

import time
from pathlib import Path

import aiohttp

from exporter.collect import LogCollector
from exporter.collect.window import ContainerWindow, format_ns, stamp_ns
from exporter.demo.fake_kube_state import StoredLog
from exporter.digest import build_digest
from exporter.model import Target
from tests.kube_env import FAST_RETRY, add_side, kube_env

NS = "shop"
POD = "checkout-canary2-0"


def target() -> Target:
    return Target(
        namespace=NS,
        rollout="checkout",
        stable_selector="app=checkout,rollouts-pod-template-hash=stable1",
        canary_selector="app=checkout,rollouts-pod-template-hash=canary2",
        canary_hash="canary2",
        source="rollout",
    )


def lines(
    start: float, n: int, text: str = "GET /pay 200 req={i}", step: float = 0.01
) -> list[tuple[float, str]]:
    return [(start + i * step, text.format(i=i)) for i in range(n)]


def log_reads(state: object, pod: str = POD) -> list[dict[str, str]]:
    return [q for q in state.log_requests if q["pod"] == pod]  # type: ignore[attr-defined]


# --- the window ---------------------------------------------------------------------------


def test_window_dedups_the_boundary_including_lines_sharing_its_stamp() -> None:
    w = ContainerWindow()
    t = "2026-01-01T00:00:0{s}.000000001Z line {n}\n"
    w.add(t.format(s=1, n=1) + t.format(s=2, n=2) + t.format(s=2, n=3))
    assert w.lines == 3 and w.since_time() == "2026-01-01T00:00:02.000000001Z"
    # sinceTime returns lines at or after it: both stamp-2 lines again, a third new one
    # with the same stamp, then newer ones
    again = t.format(s=2, n=2) + t.format(s=2, n=3) + t.format(s=2, n=4) + t.format(s=3, n=5)
    added = w.add(again)
    assert (added.lines, added.duplicates) == (2, 2)
    assert [ln.split()[-1] for ln in w.text().splitlines()] == ["1", "2", "3", "4", "5"]
    w.trim(stamp_ns(t.format(s=2, n=0)) or 0, max_lines=10)
    assert [ln.split()[-1] for ln in w.text().splitlines()] == ["2", "3", "4", "5"]
    w.trim(0, max_lines=2)
    assert [ln.split()[-1] for ln in w.text().splitlines()] == ["4", "5"]
    assert w.truncated(0)  # lines inside the window were dropped by the line cap


def test_stamps_parse_and_format_round_trip() -> None:
    ns = 1_764_633_600_123_456_789
    assert stamp_ns(format_ns(ns) + " x") == ns
    assert stamp_ns("2026-01-01T00:00:00Z hello") == 1_767_225_600 * 10**9
    assert stamp_ns("no stamp here at all") is None


# --- the fake API -------------------------------------------------------------------------


async def test_fake_honours_since_time_tail_lines_and_limit_bytes_in_kubelet_order(
    tmp_path: Path,
) -> None:
    async with kube_env(tmp_path) as env:
        now = time.time()
        add_side(env.state, NS, "checkout", "canary2", 1, "")
        env.state.set_logs(NS, POD, "app", lines(now - 10, 100))
        url = f"{env.kube.url}/api/v1/namespaces/{NS}/pods/{POD}/log"
        async with aiohttp.ClientSession() as http:

            async def get(**q: str) -> tuple[int, str]:
                async with http.get(url, params=q) as r:
                    return r.status, await r.text()

            _, all_lines = await get(timestamps="true")
            stamp_50 = all_lines.splitlines()[50].split()[0]
            status, body = await get(timestamps="true", sinceTime=stamp_50)
            assert status == 200 and body.splitlines()[0].endswith("req=50")  # at or after
            _, body = await get(tailLines="3")
            assert body.splitlines() == [
                "GET /pay 200 req=97",
                "GET /pay 200 req=98",
                "GET /pay 200 req=99",
            ]
            # limitBytes applies after tailLines: it cuts the newest lines of the tail
            _, body = await get(tailLines="3", limitBytes="25")
            assert body == "GET /pay 200 req=97\nGET /"
            status, _ = await get(sinceTime=stamp_50, sinceSeconds="5")
            assert status == 422


# --- the collector ------------------------------------------------------------------------


async def test_second_cycle_reads_only_new_lines_and_keeps_the_window(tmp_path: Path) -> None:
    # incremental_digest off: the collector keeps the window's lines and hands them all over
    async with kube_env(tmp_path, window_seconds=600, incremental_digest=False) as env:
        st = env.state
        add_side(st, NS, "checkout", "stable1", 1, "")
        add_side(st, NS, "checkout", "canary2", 1, "")
        now = time.time()
        first = lines(now - 300, 1000, step=0.2)
        for pod in ("checkout-stable1-0", POD):
            st.set_logs(NS, pod, "app", first)
        collector = LogCollector(env.conn, env.settings, retry=FAST_RETRY)
        got = await collector.collect(target())
        assert got.canary.pods[0].text.count("\n") == 1000
        bytes_first = st.log_bytes

        # three new lines, two sharing one stamp with each other
        more = [(now - 1, "POST /cart 201 a"), (now - 1, "POST /cart 201 b"), (now, "late c")]
        for pod in ("checkout-stable1-0", POD):
            st.set_logs(NS, pod, "app", first + more)
        got = await collector.collect(target())
        text = got.canary.pods[0].text
        assert text.count("\n") == 1003 and text.count("req=999") == 1  # boundary once
        assert text.rstrip().endswith("late c") and "201 a" in text and "201 b" in text
        assert not got.canary.pods[0].truncated
        read = log_reads(st)[-1]
        assert "sinceTime" in read and "sinceSeconds" not in read and read["timestamps"] == "true"
        assert st.log_bytes - bytes_first < bytes_first / 50  # the new lines, not the window
        assert collector.stats.duplicates == 2  # one boundary line per container

        # a third cycle with nothing new adds nothing and loses nothing
        got = await collector.collect(target())
        assert got.canary.pods[0].text == text


async def test_full_window_mode_rereads_the_window_every_cycle(tmp_path: Path) -> None:
    async with kube_env(tmp_path, incremental_logs=False) as env:
        add_side(env.state, NS, "checkout", "canary2", 1, "")
        env.state.set_logs(NS, POD, "app", lines(time.time() - 30, 500))
        collector = LogCollector(env.conn, env.settings, retry=FAST_RETRY)
        for _ in range(2):
            got = await collector.collect(target())
            assert got.canary.pods[0].text.count("\n") == 500
        assert all("sinceSeconds" in q and "sinceTime" not in q for q in log_reads(env.state))


async def test_busy_pod_is_judged_on_its_newest_lines(tmp_path: Path) -> None:
    """More lines than the per-pod cap: the newest are read and reach the digest."""
    async with kube_env(
        tmp_path, window_seconds=600, max_log_lines_per_pod=2000, max_log_bytes_per_pod=64 * 1024
    ) as env:
        st = env.state
        add_side(st, NS, "checkout", "stable1", 1, "")
        add_side(st, NS, "checkout", "canary2", 1, "")
        now = time.time()
        ok = lines(now - 590, 20_000, step=0.029)
        st.set_logs(NS, "checkout-stable1-0", "app", ok)
        failing = ok[:-300] + lines(
            now - 9, 300, "ERROR payment gateway timed out after 30s order={i}", step=0.03
        )
        st.set_logs(NS, POD, "app", failing)

        got = await LogCollector(env.conn, env.settings, retry=FAST_RETRY).collect(target())

        (pod,) = got.canary.pods
        assert pod.truncated and got.canary.truncated
        assert pod.text.rstrip().endswith("order=299")
        assert "GET /pay 200 req=0\n" not in pod.text  # the head of the window is what went
        digest = build_digest(got)
        new = [d for d in digest.diffs if "payment gateway" in d.template]
        assert new and new[0].canary_count == 300 and new[0].change == "new"
        assert digest.canary.error_events == 300


async def test_restart_reads_previous_once_from_where_we_stopped(tmp_path: Path) -> None:
    async with kube_env(tmp_path, window_seconds=600, incremental_digest=False) as env:
        st = env.state
        add_side(st, NS, "checkout", "canary2", 1, "")
        now = time.time()
        before = lines(now - 100, 50, step=1)
        st.set_logs(NS, POD, "app", before)
        collector = LogCollector(env.conn, env.settings, retry=FAST_RETRY)
        await collector.collect(target())

        # the container dies after two more lines; the new instance logs a banner
        last_words = [(now - 40, "ERROR cannot reach db"), (now - 39, "panic: nil map")]
        st.set_logs(NS, POD, "app", before + last_words, previous=True)
        st.set_logs(NS, POD, "app", [(now - 5, "starting v2")])
        st.add_pod(
            NS,
            POD,
            {"app": "checkout", "rollouts-pod-template-hash": "canary2"},
            restarts={"app": 1},
            last_terminated={"app": ("Error", 2)},
        )
        got = await collector.collect(target())
        (pod,) = got.canary.pods
        assert pod.previous_text.count("\n") == 52  # what we held + the last words, once
        assert pod.previous_text.rstrip().endswith("panic: nil map")
        assert pod.text.strip().endswith("starting v2") and "req=" not in pod.text
        prev_reads = [q for q in log_reads(st) if q.get("previous") == "true"]
        assert len(prev_reads) == 1 and "sinceTime" in prev_reads[0]

        got = await collector.collect(target())  # same restart count: previous not re-read
        assert len([q for q in log_reads(st) if q.get("previous") == "true"]) == 1
        assert got.canary.pods[0].previous_text.rstrip().endswith("panic: nil map")


async def test_deleted_and_recreated_pods_start_fresh(tmp_path: Path) -> None:
    async with kube_env(tmp_path) as env:
        st = env.state
        add_side(st, NS, "checkout", "canary2", 1, "")
        now = time.time()
        st.set_logs(NS, POD, "app", lines(now - 50, 10, "old instance {i}"))
        collector = LogCollector(env.conn, env.settings, retry=FAST_RETRY)
        await collector.collect(target())

        st.delete("pods", NS, POD)
        got = await collector.collect(target())
        assert got.canary.pods == []
        # a StatefulSet-style replacement: same name, new uid, its own (older-stamped) log
        add_side(st, NS, "checkout", "canary2", 1, "")
        st.set_logs(NS, POD, "app", lines(now - 60, 5, "new instance {i}"))
        got = await collector.collect(target())
        text = got.canary.pods[0].text
        assert "new instance 0" in text and "old instance" not in text
        assert "sinceSeconds" in log_reads(st)[-1]  # read from the start of the window


async def test_node_clock_step_back_resets_the_window(tmp_path: Path) -> None:
    async with kube_env(tmp_path, window_seconds=600) as env:
        st = env.state
        add_side(st, NS, "checkout", "canary2", 1, "")
        now = time.time()
        collector = LogCollector(env.conn, env.settings, retry=FAST_RETRY)
        st.set_logs(NS, POD, "app", lines(now - 20, 10, "before {i}"))
        await collector.collect(target())
        st.set_logs(NS, POD, "app", lines(now - 20, 20, "before {i}"))
        await collector.collect(target())  # talking: new lines arrived

        # the node's clock jumps back an hour: new lines are stamped before our cursor
        stepped = lines(now - 20, 20, "before {i}") + lines(now - 3600, 5, "after step {i}", 1)
        st.set_logs(NS, POD, "app", StoredLog(stepped, write_order=True))
        got = await collector.collect(target())
        assert collector.stats.resets == 1
        text = got.canary.pods[0].text
        assert "after step 4" in text


async def test_stamps_far_ahead_of_our_clock_reset_the_window(tmp_path: Path) -> None:
    async with kube_env(tmp_path, window_seconds=600) as env:
        st = env.state
        add_side(st, NS, "checkout", "canary2", 1, "")
        now = time.time()
        collector = LogCollector(env.conn, env.settings, retry=FAST_RETRY)
        st.set_logs(NS, POD, "app", lines(now + 3600, 3, "future {i}"))  # node an hour ahead
        await collector.collect(target())
        st.set_logs(NS, POD, "app", lines(now - 5, 3, "corrected {i}"))  # ... then fixed
        got = await collector.collect(target())
        assert collector.stats.resets == 1
        assert "corrected 2" in got.canary.pods[0].text


async def test_forget_drops_a_targets_windows(tmp_path: Path) -> None:
    async with kube_env(tmp_path) as env:
        add_side(env.state, NS, "checkout", "canary2", 1, "")
        env.state.set_logs(NS, POD, "app", lines(time.time() - 5, 3))
        collector = LogCollector(env.conn, env.settings, retry=FAST_RETRY)
        await collector.collect(target())
        collector.forget(target())
        await collector.collect(target())
        assert all("sinceSeconds" in q for q in log_reads(env.state))  # no window was kept


async def test_delta_mode_hands_over_only_the_new_lines_and_keeps_none(tmp_path: Path) -> None:
    """With the incremental digest the collector passes each line once and keeps cursors only."""
    async with kube_env(tmp_path, window_seconds=600) as env:
        st = env.state
        add_side(st, NS, "checkout", "canary2", 1, "")
        now = time.time()
        first = lines(now - 100, 50, step=1)
        st.set_logs(NS, POD, "app", first)
        collector = LogCollector(env.conn, env.settings, retry=FAST_RETRY)
        got = await collector.collect(target())
        (pod,) = got.canary.pods
        assert got.delta and pod.fresh and pod.text.count("\n") == 50

        more = [(now - 1, "POST /cart 201 a"), (now, "late b")]
        st.set_logs(NS, POD, "app", first + more)
        got = await collector.collect(target())
        (pod,) = got.canary.pods
        assert not pod.fresh
        assert [ln.split(" ", 1)[1] for ln in pod.text.splitlines()] == [
            "POST /cart 201 a",
            "late b",
        ]

        # a restart: the old instance's last words as previous_text, the new one's lines
        st.set_logs(NS, POD, "app", [*first, *more, (now + 0.5, "panic: boom")], previous=True)
        st.set_logs(NS, POD, "app", [(now + 1, "starting again")])
        st.add_pod(
            NS,
            POD,
            {"app": "checkout", "rollouts-pod-template-hash": "canary2"},
            restarts={"app": 1},
        )
        got = await collector.collect(target())
        (pod,) = got.canary.pods
        assert pod.previous_text.strip().endswith("panic: boom")
        assert pod.previous_text.count("\n") == 1 and "starting again" in pod.text
        assert not pod.fresh  # the buckets of the old instance stay valid
