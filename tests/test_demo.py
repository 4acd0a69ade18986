"""`ai-canary-exporter demo`: the real service against the simulated cluster.

The end-to-end test runs the demo as a subprocess on a free port (fast speed), then reads
only what a user or Prometheus could read — `/metrics`, `/api/v1/targets` — plus the
simulated Kubernetes API's Rollouts, and checks that every scenario reaches its expected
verdict and that verdicts stay tied to the canary hash they were computed for while
canaries move on. The simulation's gating rules are also tested directly, in virtual time.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from exporter.demo.cluster import NAMESPACE, STEPS, SimulatedCluster, Timing
from exporter.demo.fake_kube import FakeKubeState
from exporter.demo.scenarios import SCENARIOS, Flavour, PodLog, scenario
from exporter.digest.reader import read_events
from exporter.digest.templates import mask
from exporter.model import AnalysisResult, Target, Verdict

ROOT = Path(__file__).resolve().parent.parent
MODEL_ENV = (
    "GOOGLE_API_KEY",
    "GEMINI_API_KEY",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "ANALYSIS_API_KEY",
    "ANALYSIS_BASE_URL",
    "GITHUB_TOKEN",
)


# --- running the demo --------------------------------------------------------------------


@dataclass
class DemoProcess:
    proc: subprocess.Popen[str]
    url: str
    kube_url: str
    output: list[str] = field(default_factory=list)

    def get(self, path: str, *, base: str | None = None, accept: str = "*/*") -> bytes:
        req = urllib.request.Request((base or self.url) + path, headers={"Accept": accept})
        with urllib.request.urlopen(req, timeout=10) as resp:
            body: bytes = resp.read()
            return body

    def json(self, path: str, *, base: str | None = None) -> dict[str, object]:
        doc = json.loads(self.get(path, base=base, accept="application/json"))
        assert isinstance(doc, dict)
        return doc


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_demo(*, speed: float, duration: float, log_path: Path) -> DemoProcess:
    """Start `python -m exporter demo` and wait (with a deadline) for its printed URLs."""
    env = {k: v for k, v in os.environ.items() if k not in MODEL_ENV}
    env["PYTHONUNBUFFERED"] = "1"
    port = _free_port()
    stderr = log_path.open("w")
    args = ["demo", "--port", str(port), "--speed", str(speed), "--duration", str(duration)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "exporter", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )
    stderr.close()
    lines: list[str] = []
    assert proc.stdout is not None
    stdout = proc.stdout

    def pump() -> None:
        for line in stdout:
            lines.append(line.rstrip("\n"))

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + 60
    kube = url = None
    while time.monotonic() < deadline and (kube is None or url is None):
        if proc.poll() is not None:
            break
        for line in list(lines):
            if m := re.search(r"Fake K8s API\s+(http://127\.0\.0\.1:\d+)", line):
                kube = m.group(1)
            if m := re.search(r"Status page\s+(http://[\d.]+:\d+)/", line):
                url = m.group(1)
        time.sleep(0.05)
    if kube is None or url is None:
        proc.kill()
        proc.wait()
        pytest.fail(f"demo did not start: {lines!r}\n{log_path.read_text()[-3000:]}")
    return DemoProcess(proc, url, kube, lines)


def stop_demo(demo: DemoProcess) -> int:
    """SIGTERM, as Kubernetes or Ctrl-C would; the exit status (killed if it hangs)."""
    if demo.proc.poll() is None:
        demo.proc.send_signal(signal.SIGTERM)
    try:
        return demo.proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        demo.proc.kill()
        demo.proc.wait()
        raise


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoProcess]:
    log_path = tmp_path_factory.mktemp("demo") / "demo-stderr.log"
    running = start_demo(speed=3, duration=300, log_path=log_path)
    try:
        yield running
    finally:
        code = stop_demo(running)
        assert code == 0, log_path.read_text()[-3000:]


# --- helpers ------------------------------------------------------------------------------

_SERIES = re.compile(r"^ai_canary_verdict\{([^}]*)\} (\S+)$")


def verdict_series(metrics: str) -> dict[tuple[str, str], float]:
    out: dict[tuple[str, str], float] = {}
    for line in metrics.splitlines():
        m = _SERIES.match(line)
        if m is None:
            continue
        labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        if labels.get("namespace") == NAMESPACE:
            out[(labels["rollout"], labels["canary_hash"])] = float(m.group(2))
    return out


_GAUGE = {1.0: "promote", 0.0: "abort", -1.0: "inconclusive"}


# --- end to end ---------------------------------------------------------------------------


@pytest.mark.slow
def test_each_scenario_reaches_its_verdict_tied_to_its_canary_hash(demo: DemoProcess) -> None:
    expected = {s.name: s.expect.value for s in SCENARIOS}
    canary_hashes: dict[str, set[str]] = defaultdict(set)  # published by the cluster
    aborted_by_cluster: dict[str, set[str]] = defaultdict(set)
    promoted_by_cluster: dict[str, set[str]] = defaultdict(set)
    verdicts: dict[tuple[str, str], set[str]] = defaultdict(set)  # what we read from the service
    current: dict[str, str] = {}  # each rollout's currentPodHash at the last poll

    def done() -> bool:
        for name, want in expected.items():
            judged = {h for (r, h), vs in verdicts.items() if r == name and want in vs}
            # the scenario's verdict on at least two canary revisions: it moved on and the
            # next revision was judged on its own
            if len(judged) < 2:
                return False
        return True

    def check_current(rollout: str, canary_hash: str, previous: dict[str, str]) -> None:
        # only the revision in progress (or the one that just ended between our reads)
        # has series: an ended canary's gauges are gone, a new one starts without any
        assert canary_hash in canary_hashes[rollout], (rollout, canary_hash)
        allowed = {current.get(rollout), previous.get(rollout)}
        assert canary_hash in allowed, (rollout, canary_hash, allowed)

    deadline = time.monotonic() + 240
    while not done():
        assert time.monotonic() < deadline, (
            f"not every scenario reached its verdict twice: {dict(verdicts)}\n"
            + "\n".join(demo.output[-30:])
        )
        assert demo.proc.poll() is None, "the demo exited early"
        # the service first, then the cluster: the cluster is always at least as recent
        series = verdict_series(demo.get("/metrics").decode())
        targets = demo.json("/api/v1/targets")
        rollouts = demo.json(
            f"/apis/argoproj.io/v1alpha1/namespaces/{NAMESPACE}/rollouts", base=demo.kube_url
        )
        previous = dict(current)
        for ro in rollouts["items"]:  # type: ignore[attr-defined]
            name, status = ro["metadata"]["name"], ro["status"]
            current[name] = status["currentPodHash"]
            if status["currentPodHash"] != status["stableRS"]:
                canary_hashes[name].add(status["currentPodHash"])
                if status.get("abort"):
                    aborted_by_cluster[name].add(status["currentPodHash"])
            elif status["stableRS"] in canary_hashes[name]:
                promoted_by_cluster[name].add(status["stableRS"])

        for (rollout, canary_hash), value in series.items():
            check_current(rollout, canary_hash, previous)
            verdicts[(rollout, canary_hash)].add(_GAUGE[value])
        for item in targets["targets"]:  # type: ignore[attr-defined]
            rollout, canary_hash = item["rollout"], item["canaryHash"]
            check_current(rollout, canary_hash, previous)
            result = item["result"]
            if result is not None:
                # the result shown for a target is the one computed for that revision
                assert result["canaryHash"] == canary_hash
                assert result["rollout"] == rollout
                verdicts[(rollout, canary_hash)].add(result["verdict"])
        time.sleep(0.25)  # polling interval between reads, not a wait for an event

    # healthy canaries are never aborted; failing ones are never fully promoted
    for (rollout, canary_hash), seen in verdicts.items():
        if expected[rollout] == "promote":
            assert "abort" not in seen, (rollout, canary_hash, seen)
    for name, want in expected.items():
        if want == "abort":
            assert not promoted_by_cluster[name], (name, promoted_by_cluster[name])
    # the cluster acted on our verdicts, per revision
    for name, hashes in aborted_by_cluster.items():
        for h in hashes:
            assert "abort" in verdicts[(name, h)], (name, h, verdicts[(name, h)])
    for name, hashes in promoted_by_cluster.items():
        for h in hashes:
            assert "promote" in verdicts[(name, h)], (name, h, verdicts[(name, h)])
    assert promoted_by_cluster["colour-web"], "the healthy canary was never fully promoted"


@pytest.mark.slow
def test_root_stays_json_for_scripts_and_the_plugin(demo: DemoProcess) -> None:
    doc = demo.json("/")
    assert doc["service"] == "ai-canary-exporter"
    html = demo.get("/", accept="text/html,application/xhtml+xml,*/*;q=0.8").decode()
    assert html.startswith("<!DOCTYPE html>")


# --- the simulation's rules in virtual time ------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def _result(cluster: SimulatedCluster, rollout: str, verdict: Verdict, at: float) -> None:
    ro = next(r for r in cluster.rollouts if r.name == rollout)
    assert ro.canary is not None
    target = Target(NAMESPACE, rollout, "", "", ro.canary.hash, source="rollout")
    score = {Verdict.PROMOTE: 0.95, Verdict.ABORT: 0.1, Verdict.INCONCLUSIVE: 0.6}[verdict]
    cluster.on_result(
        target, AnalysisResult(target, verdict, score, 90, "test", timestamp=at), None
    )


def _rollout(state: FakeKubeState, name: str) -> dict[str, object]:
    obj = state.get("rollouts", NAMESPACE, name)
    assert obj is not None
    return obj


def _status(state: FakeKubeState, name: str) -> dict[str, object]:
    status = _rollout(state, name)["status"]
    assert isinstance(status, dict)
    return status


def test_a_promote_verdict_per_step_promotes_and_starts_the_next_revision() -> None:
    clock, state = _Clock(), FakeKubeState()
    timing = Timing(step=10, restart_pause=5, abort_confirm=4)
    cluster = SimulatedCluster(state, timing=timing, seed=7, clock=clock)
    cluster.start()
    cluster.tick()
    first = _status(state, "colour-web")["currentPodHash"]
    assert first != _status(state, "colour-web")["stableRS"]
    weights = []
    for _ in STEPS:
        weights.append(_status(state, "colour-web")["canary"]["weights"]["canary"]["weight"])  # type: ignore[index]
        clock.now += 5
        _result(cluster, "colour-web", Verdict.PROMOTE, clock.now)
        cluster.tick()  # the pause is not over yet: no step
        assert _status(state, "colour-web")["canary"]["weights"]["canary"]["weight"] == weights[-1]  # type: ignore[index]
        clock.now += 6
        cluster.tick()
    assert weights == list(STEPS)
    status = _status(state, "colour-web")
    assert status["stableRS"] == first == status["currentPodHash"]
    assert status["phase"] == "Healthy"
    # the promoted pods are the stable ones now, with the role label the plugin uses
    pods = [p for (ns, _), p in state.objects["pods"].items() if ns == NAMESPACE]
    labels = [
        p["metadata"]["labels"] for p in pods if p["metadata"]["labels"]["app"] == "colour-web"
    ]
    assert {lbl["rollouts-pod-template-hash"] for lbl in labels} == {first}
    assert {lbl["role"] for lbl in labels} == {"stable"}
    # after the pause a new revision with a new hash
    clock.now += 6
    cluster.tick()
    second = _status(state, "colour-web")["currentPodHash"]
    assert second not in (first, None)


def test_abort_needs_a_confirmed_abort_verdict_of_this_canary_hash() -> None:
    clock, state = _Clock(), FakeKubeState()
    cluster = SimulatedCluster(
        state, timing=Timing(step=10, restart_pause=5, abort_confirm=4), seed=3, clock=clock
    )
    cluster.start()
    cluster.tick()
    canary = _status(state, "checkout")["currentPodHash"]
    # a verdict of another revision of the same rollout is ignored
    other = Target(NAMESPACE, "checkout", "", "", "someoldhash", source="rollout")
    cluster.on_result(
        other, AnalysisResult(other, Verdict.ABORT, 0.0, 99, "t", timestamp=clock.now), None
    )
    clock.now += 10
    cluster.tick()
    assert not _status(state, "checkout").get("abort")
    _result(cluster, "checkout", Verdict.ABORT, clock.now)
    cluster.tick()
    assert not _status(state, "checkout").get("abort"), "one measurement must not decide"
    clock.now += 5
    cluster.tick()
    status = _status(state, "checkout")
    assert status["abort"] is True and status["phase"] == "Degraded"
    assert status["currentPodHash"] == canary
    canary_pods = [
        p for p in state.objects["pods"].values()
        if p["metadata"]["labels"].get("rollouts-pod-template-hash") == canary
    ]  # fmt: skip
    assert canary_pods == [], "an aborted canary is scaled away"
    clock.now += 6
    cluster.tick()
    restarted = _status(state, "checkout")
    assert not restarted.get("abort")
    assert restarted["currentPodHash"] not in (canary, restarted["stableRS"])


def test_the_leaking_canary_is_oomkilled_and_keeps_its_last_words() -> None:
    clock, state = _Clock(), FakeKubeState()
    cluster = SimulatedCluster(state, timing=Timing(), seed=5, clock=clock, speed=2)
    cluster.start()
    leak = scenario("catalog")
    assert leak.oom_after is not None
    for _ in range(int(leak.oom_after / 2 / 0.5) + 4):
        clock.now += 0.5
        cluster.tick()
    canary = _status(state, "catalog")["currentPodHash"]
    pod = next(
        p for p in state.objects["pods"].values()
        if p["metadata"]["labels"].get("rollouts-pod-template-hash") == canary
    )  # fmt: skip
    app = pod["status"]["containerStatuses"][0]
    assert app["restartCount"] >= 1
    assert app["lastState"]["terminated"]["reason"] == "OOMKilled"
    previous = state._logs[(NAMESPACE, pod["metadata"]["name"], leak.container, True)]
    text = "\n".join(line for _, line in previous(None, clock.now))  # type: ignore[operator, misc]
    assert "java.lang.OutOfMemoryError: Java heap space" in text
    assert "Heap usage above" in text


# --- the scenarios' logs ------------------------------------------------------------------


def _log_text(
    name: str, *, buggy: bool, seconds: float, rate: float, colour: str = "yellow"
) -> str:
    start = 1_800_000_000.0
    log = PodLog(
        scenario(name),
        pod=f"{name}-abc-x1",
        flavour=Flavour(2, colour, buggy),
        started=start,
        seed=1,
    )
    t = start
    while t < start + seconds:
        t += 0.5
        log.advance(t, rate)
    return "\n".join(line for _, line in log(start + 1, t))


def test_logs_are_written_per_time_at_the_requested_rate() -> None:
    start = 1_800_000_000.0
    log = PodLog(scenario("gateway"), pod="g-1", flavour=Flavour(1), started=start, seed=1)
    for i in range(1, 121):
        log.advance(start + i * 0.5, 20.0)
    recent = log(start + 30, start + 60)
    older = log(start + 1, start + 60)
    assert all(start + 30 <= t <= start + 60 for t, _ in recent)
    assert 450 <= len(recent) <= 750  # ~20 requests/s for 30 s, one line each mostly
    assert len(older) > len(recent)
    assert [t for t, _ in older] == sorted(t for t, _ in older)


@pytest.mark.parametrize(
    ("name", "kind"),
    [("checkout", "exception"), ("gateway", "http_5xx"), ("catalog", "oom")],
)
def test_only_the_buggy_revision_writes_the_failure(name: str, kind: str) -> None:
    def kinds(buggy: bool) -> dict[str, int]:
        text = _log_text(name, buggy=buggy, seconds=40, rate=20)
        counts: dict[str, int] = defaultdict(int)
        for ev in read_events(text):
            counts[ev.kind] += 1
        return counts

    good, bad = kinds(False), kinds(True)
    assert bad[kind] > 0
    assert bad[kind] > 5 * good[kind]


def test_the_colour_change_is_cosmetic() -> None:
    def templates(colour: str) -> set[str]:
        text = _log_text("colour-web", buggy=False, seconds=60, rate=10, colour=colour)
        assert f'"{colour}"' in text
        return {mask(e.message) for e in read_events(text) if e.severity.rank <= 1}

    blue, yellow = templates("blue"), templates("yellow")
    # the colour is a quoted value, so the app's own templates are the same on both sides
    assert {t for t in blue if "Serving color" in t} == {t for t in yellow if "Serving color" in t}
    assert len({t for t in yellow if "Serving color" in t}) == 1


# --- the command's own settings and guide -------------------------------------------------


def test_demo_settings_are_local_fast_and_never_file_issues(tmp_path: Path) -> None:
    from pydantic import SecretStr

    from exporter.config import load_settings
    from exporter.demo.run import demo_settings

    base = load_settings(None, port=9999)
    base = base.model_copy(update={"github_token": SecretStr("ghp_x")})
    fast = demo_settings(base, kubeconfig=tmp_path / "kc", speed=5)
    assert fast.host == "127.0.0.1" and fast.port == 9999
    assert fast.github_token is None
    assert fast.namespaces == [NAMESPACE] and fast.kubeconfig == str(tmp_path / "kc")
    assert fast.cache_seconds < fast.interval_seconds <= 5
    assert fast.window_seconds >= 10
    explicit = demo_settings(load_settings(None, host="0.0.0.0"), kubeconfig=tmp_path, speed=1)
    assert explicit.host == "0.0.0.0"


def test_the_printed_a2a_example_is_the_plugin_request() -> None:
    from exporter.demo.run import a2a_example

    example = a2a_example("http://127.0.0.1:8080")
    assert "http://127.0.0.1:8080/a2a/analyze" in example
    body = json.loads(example.split("-d '", 1)[1].rstrip("'"))
    assert body["userId"] == "argo-rollouts"
    assert set(body["context"]) >= {"namespace", "rolloutName", "stableSelector", "canarySelector"}
    assert "'" not in json.dumps(body)  # it sits inside single quotes in a shell


async def test_bad_speed_or_duration_is_a_usage_error() -> None:
    from exporter.config import ConfigError, load_settings
    from exporter.demo.run import run_demo

    with pytest.raises(ConfigError, match="speed"):
        await run_demo(load_settings(None), duration=1, speed=0)
    with pytest.raises(ConfigError, match="duration"):
        await run_demo(load_settings(None), duration=-1, speed=1)


@pytest.mark.slow
def test_the_printed_curl_gets_a_plugin_answer(demo: DemoProcess) -> None:
    guide = "\n".join(demo.output)
    m = re.search(r"curl -s -X POST (\S+) .*?-d '(\{.*?\})'", guide, re.S)
    assert m is not None, guide
    url, body = m.group(1), m.group(2)
    assert url == demo.url + "/a2a/analyze"
    deadline = time.monotonic() + 120
    while True:
        req = urllib.request.Request(
            url, data=body.encode(), headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                answer = json.loads(resp.read())
                break
        except urllib.error.HTTPError as exc:
            # between revisions there is no canary pod: inconclusive, so Argo retries
            assert exc.code == 503, exc.code
            assert json.loads(exc.read())["verdict"] == "inconclusive"
        assert time.monotonic() < deadline, "the plugin request never got a verdict"
        time.sleep(0.5)  # polling interval
    assert isinstance(answer["promote"], bool)
    assert isinstance(answer["confidence"], int)
    assert answer["verdict"] in ("promote", "abort")
    assert answer["promote"] is (answer["verdict"] == "promote")
