"""The HTML status page: rendered from plain values, and driven in a real headless Chromium.

The browser test runs the demo, opens `/` in Debian's Chromium over the DevTools protocol
(aiohttp's websocket client; no selenium/playwright), and checks what a person would see:
the canaries and their verdicts, a drawn chart, no console errors. It leaves a screenshot
in `test-artifacts/status-page.png`.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from exporter.history import ScoreHistory
from exporter.http.status_page import CanaryRow, render_status_page
from exporter.model import AnalysisResult, Evidence, ModelResult, Target, Verdict
from tests.test_demo import DemoProcess, start_demo, stop_demo

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


# --- pure rendering -----------------------------------------------------------------------


def _target(name: str = "checkout", canary: str = "abc123") -> Target:
    return Target("shop", name, "app=x", "app=x", canary, source="rollout", stable_hash="st4b1e")


def _result(target: Target, verdict: Verdict, score: float, at: float, **kw: Any) -> AnalysisResult:
    return AnalysisResult(target, verdict, score, 90, "heuristic", timestamp=at, **kw)


def test_page_shows_verdict_evidence_and_model_text_escaped() -> None:
    now = 1_800_000_000.0
    t = _target()
    result = _result(
        t,
        Verdict.ABORT,
        0.12,
        now - 3,
        analysis="New NPE <script>alert(1)</script>",
        root_cause="Order.total() & null discount",
        remediation="Guard it",
        evidence=[Evidence("new_exception", "hard", "java.lang.NullPointerException <b>x</b>")],
        model_results=[ModelResult("gpt-4o-mini", "openai", promote=False, confidence=88)],
        pr_link="javascript:alert(1)",
        issue_link="https://github.com/org/repo/issues/7",
    )
    page = render_status_page(
        [CanaryRow(t, result, [])], promote_threshold=0.8, abort_threshold=0.5, now=now
    )
    assert "<script" not in page.lower()
    assert "javascript:" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "java.lang.NullPointerException &lt;b&gt;x&lt;/b&gt;" in page
    assert 'data-verdict="abort"' in page
    assert 'href="https://github.com/org/repo/issues/7"' in page
    assert "Order.total() &amp; null discount" in page
    assert "gpt-4o-mini" in page
    assert '<meta http-equiv="refresh"' in page


def test_chart_draws_thresholds_and_the_score_line() -> None:
    now = 1_800_000_000.0
    t = _target()
    history = ScoreHistory(clock=lambda: now)
    for i, score in enumerate((0.9, 0.7, 0.3)):
        verdict = Verdict.PROMOTE if score >= 0.8 else Verdict.ABORT
        history.record(t, _result(t, verdict, score, now - 300 + i * 100))
    history.record_error(t, "Kubernetes timed out")
    page = render_status_page(
        [CanaryRow(t, None, history.points(t), error="Kubernetes timed out")],
        promote_threshold=0.8,
        abort_threshold=0.5,
        now=now,
    )
    svg = re.search(r"<svg class=\"chart\".*?</svg>", page, re.S)
    assert svg is not None
    line = re.search(r'<path class="score" d="M([^"]+)"', svg.group(0))
    assert line is not None and line.group(1).count(" L") == 2  # three points, one line
    ys = {
        name: float(y)
        for name, y in re.findall(r'<path class="threshold (\w+)" d="M[\d.]+,([\d.]+)', page)
    }
    assert ys["promote"] < ys["abort"]  # higher score is higher on the chart
    assert "Last analysis failed: Kubernetes timed out" in page
    assert 'class="err-mark"' in page


def test_empty_page_says_how_canaries_appear() -> None:
    page = render_status_page([], promote_threshold=0.8, abort_threshold=0.5)
    assert "No canary in progress" in page
    assert "0 canaries being scored" in page


def test_history_keeps_the_last_hour_bounded_per_canary() -> None:
    clock = [1_800_000_000.0]
    history = ScoreHistory(max_age=3600, max_points=5, max_targets=2, clock=lambda: clock[0])
    a, b, c = _target("a"), _target("b"), _target("c")
    for i in range(8):
        history.record(a, _result(a, Verdict.PROMOTE, 0.9, clock[0] + i))
    assert [p.timestamp for p in history.points(a)] == [clock[0] + i for i in range(3, 8)]
    history.record(a, _result(a, Verdict.PROMOTE, 0.9, clock[0] + 1))  # late: ignored
    assert history.points(a)[-1].timestamp == clock[0] + 7
    history.listener(b, None, TimeoutError("model timed out"))
    assert history.points(b)[-1].error == "model timed out"
    history.record(c, _result(c, Verdict.ABORT, 0.1, clock[0]))
    assert len(history) == 2 and history.points(a) == []  # least recently updated dropped
    clock[0] += 3601
    assert history.points(c) == []
    # a different canary revision of the same rollout is a different series
    assert history.points(_target("c", canary="other")) == []


# --- the real page in a real browser --------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoProcess]:
    if CHROMIUM is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "chromium is missing (scripts/test.sh installs it: apt-get install chromium)"
            )
        pytest.skip("chromium not installed (apt-get install chromium)")
    log_path = tmp_path_factory.mktemp("demo") / "demo-stderr.log"
    running = start_demo(speed=3, duration=300, log_path=log_path)
    try:
        yield running
    finally:
        assert stop_demo(running) == 0, log_path.read_text()[-3000:]


class DevTools:
    """A minimal Chrome DevTools protocol client over one page's websocket."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.events: list[dict[str, Any]] = []
        self._next = 0
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for msg in self.ws:
            if msg.type is not aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(msg.data)
            if "id" in data and data["id"] in self._waiting:
                self._waiting.pop(data["id"]).set_result(data)
            elif "method" in data:
                self.events.append(data)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._next += 1
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[self._next] = future
        await self.ws.send_json({"id": self._next, "method": method, "params": params})
        reply = await asyncio.wait_for(future, 30)
        assert "error" not in reply, reply
        result: dict[str, Any] = reply.get("result", {})
        return result

    async def wait_event(self, method: str, since: int, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for ev in self.events[since:]:
                if ev["method"] == method:
                    return ev
            await asyncio.sleep(0.05)
        raise AssertionError(f"no {method} within {timeout}s")

    def console_errors(self) -> list[str]:
        errors = []
        for ev in self.events:
            p = ev.get("params", {})
            if ev["method"] == "Runtime.exceptionThrown":
                errors.append(json.dumps(p.get("exceptionDetails", {}))[:500])
            elif ev["method"] == "Runtime.consoleAPICalled" and p.get("type") in (
                "error",
                "assert",
            ):
                errors.append(json.dumps(p.get("args", []))[:500])
            elif ev["method"] == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                errors.append(p["entry"].get("text", "") + " " + p["entry"].get("url", ""))
        return errors


@contextlib.asynccontextmanager
async def chromium() -> AsyncIterator[DevTools]:
    assert CHROMIUM is not None
    profile = tempfile.mkdtemp(prefix="ai-canary-chromium-")
    proc = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-extensions", f"--user-data-dir={profile}",
         "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
         "--window-size=1280,1800", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        port_file = Path(profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            assert time.monotonic() < deadline, "chromium did not open its DevTools port"
            assert proc.poll() is None, "chromium exited"
            await asyncio.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        async with aiohttp.ClientSession() as http:
            page_ws = None
            while page_ws is None:
                assert time.monotonic() < deadline, "chromium opened no page"
                async with http.get(f"http://127.0.0.1:{port}/json/list") as resp:
                    pages = [t for t in await resp.json() if t.get("type") == "page"]
                if pages:
                    page_ws = pages[0]["webSocketDebuggerUrl"]
                else:
                    await asyncio.sleep(0.05)
            async with http.ws_connect(page_ws, max_msg_size=64 * 1024 * 1024) as ws:
                tools = DevTools(ws)
                for domain in ("Page.enable", "Runtime.enable", "Log.enable"):
                    await tools.call(domain)
                yield tools
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


def _wait_for_charts(demo: DemoProcess) -> None:
    """Until canaries in progress show both a promote and an abort and a chart has a line
    (so the screenshot shows what the page is for)."""
    deadline = time.monotonic() + 120
    while True:
        page = demo.get("/", accept="text/html").decode()
        verdicts = set(re.findall(r'<article class="card".*?class="badge (\w+)"', page, re.S))
        lines = re.findall(r'<path class="score" d="M[^"]* L[^"]* L', page)
        if {"promote", "abort"} <= verdicts and lines:
            return
        assert time.monotonic() < deadline, "no judged canary with a chart appeared"
        time.sleep(0.25)  # polling interval


@pytest.mark.slow
async def test_status_page_in_headless_chromium(demo: DemoProcess) -> None:
    await asyncio.to_thread(_wait_for_charts, demo)
    async with chromium() as browser:
        mark = len(browser.events)
        await browser.call("Page.navigate", url=demo.url + "/")
        await browser.wait_event("Page.loadEventFired", mark)
        found = await browser.call(
            "Runtime.evaluate",
            returnByValue=True,
            expression="""(() => ({
              title: document.title,
              h1: document.querySelector('h1')?.textContent,
              cards: [...document.querySelectorAll('article.card')].map(c => ({
                name: c.querySelector('h2')?.textContent,
                hash: c.dataset.canaryHash,
                verdict: c.querySelector('.badge')?.dataset.verdict,
                visible: c.getBoundingClientRect().height > 0,
                paths: [...c.querySelectorAll('svg.chart path.score')]
                  .map(p => p.getTotalLength()),
                thresholds: c.querySelectorAll('svg.chart path.threshold').length,
              })),
            }))()""",
        )
        info = found["result"]["value"]
        shot = await browser.call(
            "Page.captureScreenshot", format="png", captureBeyondViewport=True
        )
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "status-page.png").write_bytes(base64.b64decode(shot["data"]))
        errors = browser.console_errors()

    assert info["h1"] == "ai-canary-exporter"
    cards = info["cards"]
    assert cards, info
    names = {c["name"] for c in cards}
    assert names <= {f"demo/{n}" for n in ("colour-web", "checkout", "gateway", "catalog")}
    judged = [c for c in cards if c["verdict"] in ("promote", "abort", "inconclusive")]
    assert judged and all(c["visible"] for c in cards)
    assert all(c["thresholds"] == 2 for c in cards)
    # the chart is drawn: a score line with a real length on at least one canary
    assert any(length > 10 for c in cards for length in c["paths"]), cards
    assert errors == []
    assert (ARTIFACTS / "status-page.png").stat().st_size > 10_000


def test_ended_canaries_are_listed_newest_first_without_the_current_ones() -> None:
    now = 1_800_000_000.0
    history = ScoreHistory(clock=lambda: now)
    old, newer, live = _target("a", "h1"), _target("b", "h2"), _target("c", "h3")
    history.record(old, _result(old, Verdict.ABORT, 0.1, now - 60))
    history.record(newer, _result(newer, Verdict.PROMOTE, 0.9, now - 30))
    history.record(live, _result(live, Verdict.PROMOTE, 0.95, now - 5))
    recent = history.recent(exclude={live.key})
    assert [t.key for t, _, _ in recent] == [newer.key, old.key]
    ended = [CanaryRow(t, r, pts) for t, r, pts in recent]
    page = render_status_page(
        [CanaryRow(live, None, [])],
        promote_threshold=0.8,
        abort_threshold=0.5,
        now=now,
        ended=ended,
    )
    table = page[page.index('<section class="ended"') :]
    assert table.index("shop/b") < table.index("shop/a")
    assert 'data-verdict="abort"' in table and "30 s ago" in table
    assert "shop/c" not in table


def test_many_canaries_give_cards_to_the_ones_to_look_at_first() -> None:
    now = 1_800_000_000.0
    rows = [
        CanaryRow(t, _result(t, Verdict.PROMOTE, 0.9, now))
        for t in (_target(f"ok-{i:02d}", f"h{i}") for i in range(30))
    ]
    bad = _target("zz-broken", "hx")
    rows.append(CanaryRow(bad, _result(bad, Verdict.ABORT, 0.1, now)))
    page = render_status_page(
        rows, promote_threshold=0.8, abort_threshold=0.5, max_cards=5, now=now
    )
    cards = re.findall(r'<article class="card" id="([^"]+)"', page)
    assert len(cards) == 5 and "shop-zz-broken" in cards
    more = page[page.index('<section class="ended" id="more"') :]
    assert "26 more canaries" in more and more.count('<tr><th scope="row"') == 26
    assert "31 canaries being scored: 30 promote, 1 abort" in page


def test_history_forgets_canaries_whose_last_point_left_the_hour() -> None:
    clock = [1_800_000_000.0]
    history = ScoreHistory(max_age=3600, clock=lambda: clock[0])
    gone, live = _target("gone", "h1"), _target("live", "h2")
    history.record(gone, _result(gone, Verdict.ABORT, 0.1, clock[0]))
    clock[0] += 1800
    history.record(live, _result(live, Verdict.PROMOTE, 0.9, clock[0]))
    clock[0] += 1801
    fresh = _target("fresh", "h3")
    history.record(fresh, _result(fresh, Verdict.PROMOTE, 0.9, clock[0]))
    assert len(history) == 2  # "gone" dropped, "live" still has a point within the hour
    assert [t.rollout for t, _, _ in history.recent()] == ["fresh", "live"]
