"""Every PromQL expression we ship, run against a real Prometheus scraping our metrics.

Expressions are collected from analysistemplates/*.yaml (Prometheus provider queries),
dashboards/*.json (panel targets and template variables) and the alert rules. Each must
parse (Prometheus answers `bad_data` otherwise) and return data. The AnalysisTemplate is
then judged the way Argo Rollouts judges it (tests/argo_analysis.py): Successful for a
healthy canary, Failed for a failing one, Inconclusive in between, and never Successful for
a stale result or for a result of another canary revision.

Two sources of metrics:
- a static exposition served by aiohttp that follows contracts/metrics.md with hand-picked
  scenarios (healthy 0.95, failing 0.2, inconclusive 0.65, stale, other revision), so every
  branch of the template's semantics is exercised deterministically;
- the real service (`ai-canary-exporter demo`), whose own verdict gauges must agree with
  what the template concludes from its score.

The scrape job mimics what the shipped ServiceMonitor produces: a target label `namespace`
(the exporter's own namespace, as the Prometheus Operator adds it) and the ServiceMonitor's
honorLabels setting, so the queries are tested against the label set a cluster really has.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiohttp import web

from tests.argo_analysis import (
    ERROR,
    FAILED,
    INCONCLUSIVE,
    SUCCESSFUL,
    measurement_phase,
    metric_phase,
    run_metric,
)
from tests.prometheus import (
    PrometheusServer,
    PromQLError,
    ScrapeJob,
    free_port,
    prometheus_factory,  # noqa: F401  (a fixture)
    sample_values,
)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
RATE_INTERVAL = "15s"  # what Grafana's $__rate_interval gives for a 1 s scrape interval
EXPORTER_NAMESPACE = "ai-canary-exporter"


# --- collecting the expressions ---------------------------------------------------------


def analysis_metrics() -> list[tuple[str, dict[str, Any]]]:
    """(file name, metric) for every Prometheus-provider metric in analysistemplates/."""
    found = []
    for path in sorted((ROOT / "analysistemplates").glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if not doc or doc.get("kind") not in ("AnalysisTemplate", "ClusterAnalysisTemplate"):
                continue
            for metric in doc["spec"]["metrics"]:
                if "prometheus" in metric["provider"]:
                    found.append((f"{path.name}:{metric['name']}", metric))
    return found


def substitute_args(text: str, args: dict[str, str]) -> str:
    def repl(match: re.Match[str]) -> str:
        return args[match.group(1)]

    return re.sub(r"\{\{\s*args\.([\w-]+)\s*\}\}", repl, text)


def expand_grafana(expr: str) -> str:
    """Grafana variables → values a Prometheus understands (All = `.*`)."""
    expr = expr.replace("$__rate_interval", RATE_INTERVAL).replace("$__interval", RATE_INTERVAL)
    expr = re.sub(r"\$\{?(namespace|rollout)\}?", ".*", expr)
    # label_values(selector, label) is Grafana's, not PromQL: ask for the same series.
    match = re.fullmatch(r"\s*label_values\((.*),\s*(\w+)\s*\)\s*", expr, re.S)
    if match:
        expr = f"count by ({match.group(2)}) ({match.group(1)})"
    return expr


def dashboard_expressions() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "dashboards").glob("*.json")):
        dash = json.loads(path.read_text())

        def walk(panels: list[dict[str, Any]], name: str = path.name) -> None:
            for panel in panels:
                walk(panel.get("panels", []))
                for target in panel.get("targets", []):
                    if target.get("expr"):
                        found.append((f"{name}:{panel['title']}:{target['refId']}", target["expr"]))

        walk(dash["panels"])
        for var in dash["templating"]["list"]:
            if var["type"] == "query":
                query = var["query"] if isinstance(var["query"], str) else var["query"]["query"]
                found.append((f"{path.name}:${var['name']}", query))
    return found


def rule_expressions() -> list[tuple[str, str]]:
    rules = yaml.safe_load((ROOT / "rules" / "ai-canary-rules.yaml").read_text())
    return [
        (rule.get("alert") or rule["record"], rule["expr"])
        for group in rules["groups"]
        for rule in group["rules"]
    ]


def template_probe_args() -> dict[str, str]:
    return {
        "namespace": "shop",
        "rollout": "cart",
        "canary-hash": "aaaa1111",
        "prometheus-address": "unused",
    }


def all_expressions() -> list[tuple[str, str]]:
    exprs = [
        (name, substitute_args(metric["provider"]["prometheus"]["query"], template_probe_args()))
        for name, metric in analysis_metrics()
    ]
    exprs += [(name, expand_grafana(expr)) for name, expr in dashboard_expressions()]
    exprs += rule_expressions()
    return exprs


def test_expressions_are_collected_from_every_source() -> None:
    names = [name for name, _ in all_expressions()]
    assert any(n.startswith("prometheus.yaml:") for n in names)
    assert sum(n.startswith("ai-canary.json:") for n in names) >= 10
    assert {"AICanaryAnalysisStale", "AICanaryModelErrors", "AICanaryJudgedAbort"} <= set(names)


def test_template_thresholds_equal_the_service_defaults() -> None:
    from exporter.config import Settings

    defaults = Settings()
    for _name, metric in analysis_metrics():
        assert metric["successCondition"] == f"result[0] >= {defaults.promote_threshold}"
        assert metric["failureCondition"] == f"result[0] < {defaults.abort_threshold}"


# --- a static, contract-conforming exposition -------------------------------------------

NOW_OFFSET_STALE = 600.0  # an analysis 10 minutes old

# (namespace, rollout, canary_hash, score, verdict, confidence, age in seconds)
CANARIES = [
    ("shop", "cart", "aaaa1111", 0.95, 1, 0.9, 0.0),  # healthy
    ("shop", "pay", "bbbb2222", 0.2, 0, 0.95, 0.0),  # failing
    ("shop", "web", "cccc3333", 0.65, -1, 0.4, 0.0),  # inconclusive
    ("shop", "search", "dddd4444", 0.95, 1, 0.9, NOW_OFFSET_STALE),  # healthy but stale
    ("shop", "catalog", "eeee5555", 0.95, 1, 0.9, 0.0),  # an older revision's result
]


def _labels(**labels: str) -> str:
    return "{" + ",".join(f'{k}="{v}"' for k, v in labels.items()) + "}"


def _canary(c: tuple[Any, ...], **extra: str) -> str:
    return _labels(namespace=c[0], rollout=c[1], canary_hash=c[2], **extra)


class StaticExposition:
    """Serves /metrics in the text format; counters grow with every scrape."""

    def __init__(self) -> None:
        self.scrapes = 0

    def render(self) -> str:
        self.scrapes += 1
        n = float(self.scrapes)
        now = time.time()
        out: list[str] = []

        def family(name: str, kind: str, samples: list[tuple[str, float]]) -> None:
            out.append(f"# HELP {name} contracts/metrics.md")
            out.append(f"# TYPE {name} {kind}")
            out.extend(f"{series} {value!r}" for series, value in samples)

        canaries = [(_labels(namespace=c[0], rollout=c[1], canary_hash=c[2]), c) for c in CANARIES]
        family("ai_canary_score", "gauge", [(f"ai_canary_score{k}", c[3]) for k, c in canaries])
        family(
            "ai_canary_verdict",
            "gauge",
            [(f"ai_canary_verdict{k}", float(c[4])) for k, c in canaries],
        )
        family(
            "ai_canary_confidence",
            "gauge",
            [(f"ai_canary_confidence{k}", c[5]) for k, c in canaries],
        )
        family(
            "ai_canary_last_analysis_timestamp_seconds",
            "gauge",
            [
                (f"ai_canary_last_analysis_timestamp_seconds{k}", round(now - c[6], 3))
                for k, c in canaries
            ],
        )
        family(
            "ai_canary_log_lines",
            "gauge",
            [
                (
                    "ai_canary_log_lines" + _canary(c, role=role),
                    v,
                )
                for c in CANARIES
                for role, v in (("stable", 5000.0), ("canary", 600.0))
            ],
        )
        family(
            "ai_canary_new_signatures",
            "gauge",
            [
                (
                    "ai_canary_new_signatures" + _canary(c, severity="error"),
                    1.0,
                )
                for c in CANARIES
            ],
        )
        outcome_of = {1: "promote", 0: "abort", -1: "inconclusive"}
        family(
            "ai_canary_analyses_total",
            "counter",
            [
                (
                    "ai_canary_analyses_total"
                    + _labels(namespace=c[0], rollout=c[1], outcome=o, judge="heuristic"),
                    n,
                )
                for c in CANARIES
                for o in (outcome_of[c[4]], "error")
            ],
        )
        hist: list[tuple[str, float]] = []
        name = "ai_canary_analysis_duration_seconds"
        for stage in ("collect", "digest", "judge", "total"):
            for i, le in enumerate(("0.1", "0.5", "1.0", "5.0", "+Inf")):
                hist.append((f"{name}_bucket{_labels(stage=stage, le=le)}", n * (i + 1)))
            hist.append((f"{name}_sum{_labels(stage=stage)}", n * 3.5))
            hist.append((f"{name}_count{_labels(stage=stage)}", n * 5))
        family(name, "histogram", hist)
        model = {"provider": "gemini", "model": "gemini-2.5-flash"}
        family(
            "ai_canary_llm_requests_total",
            "counter",
            [
                (f"ai_canary_llm_requests_total{_labels(**model, status=s)}", n)
                for s in ("ok", "timeout")
            ],
        )
        family(
            "ai_canary_llm_tokens_total",
            "counter",
            [
                (f"ai_canary_llm_tokens_total{_labels(**model, direction=d)}", n * k)
                for d, k in (("prompt", 900), ("completion", 120))
            ],
        )
        family(
            "ai_canary_targets",
            "gauge",
            [
                (f"ai_canary_targets{_labels(source=src)}", v)
                for src, v in (("rollout", 5.0), ("static", 0.0), ("a2a", 0.0))
            ],
        )
        family(
            "ai_canary_build_info",
            "gauge",
            [(f"ai_canary_build_info{_labels(version='0.1.0', judge='heuristic')}", 1.0)],
        )
        return "\n".join(out) + "\n"


class ThreadedApp:
    """An aiohttp app on 127.0.0.1 in its own thread, so blocking test code can scrape it."""

    def __init__(self, app: web.Application) -> None:
        self.app = app
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._runner = web.AppRunner(app)
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = self._runner.addresses[0][1]
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(self._runner.cleanup())
        self._loop.close()

    def __enter__(self) -> ThreadedApp:
        self._thread.start()
        if not self._ready.wait(10):
            raise TimeoutError("exposition server did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)


def servicemonitor_honor_labels() -> bool:
    doc = yaml.safe_load((ROOT / "deploy" / "base" / "servicemonitor.yaml").read_text())
    return bool(doc["spec"]["endpoints"][0].get("honorLabels", False))


def exporter_job(target: str, extra_targets: tuple[str, ...] = ()) -> ScrapeJob:
    return ScrapeJob(
        name="ai-canary-exporter",
        targets=[target, *extra_targets],
        labels={"namespace": EXPORTER_NAMESPACE},
        honor_labels=servicemonitor_honor_labels(),
    )


@pytest.fixture(scope="module")
def static_job() -> Iterator[ScrapeJob]:
    exposition = StaticExposition()

    async def metrics(_request: web.Request) -> web.Response:
        return web.Response(text=exposition.render(), content_type="text/plain", charset="utf-8")

    app = web.Application()
    app.router.add_get("/metrics", metrics)
    with ThreadedApp(app) as server:
        # A second target on a closed port makes `up == 0` (the exporter-down alert) real.
        yield exporter_job(f"127.0.0.1:{server.port}", (f"127.0.0.1:{free_port()}",))


@pytest.fixture(scope="module")
def static_prometheus(
    static_job: ScrapeJob, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PrometheusServer]:
    prom = PrometheusServer(tmp_path_factory.mktemp("prom-static"), [static_job])
    with prom:
        # Counters need two scrapes before rate() has data.
        prom.wait_for("ai_canary_analyses_total", timeout=30)
        prom.wait_for(f"rate(ai_canary_analyses_total[{RATE_INTERVAL}]) > 0", timeout=30)
        yield prom


def test_alert_rules_evaluate_on_scraped_series(
    static_job: ScrapeJob,
    prometheus_factory: Callable[..., PrometheusServer],  # noqa: F811  (the fixture)
) -> None:
    # The rule file loaded into a real Prometheus (evaluated every second) raises every
    # alert from the scraped exposition: firing at once or pending until its `for`.
    prom = prometheus_factory([static_job], rule_files=[ROOT / "rules" / "ai-canary-rules.yaml"])
    alerts = {name for name, _ in rule_expressions()}
    result = prom.wait_for(
        'ALERTS{alertstate=~"pending|firing"}',
        lambda r: {s["metric"]["alertname"] for s in r} == alerts,
        timeout=30,
    )
    by_name = {s["metric"]["alertname"]: s["metric"] for s in result}
    assert by_name["AICanaryJudgedAbort"]["rollout"] == "pay"
    assert by_name["AICanaryJudgedAbort"]["alertstate"] == "firing"
    assert by_name["AICanaryAnalysisStale"]["rollout"] == "search"
    assert by_name["AICanaryModelErrors"]["model"] == "gemini-2.5-flash"


@pytest.mark.parametrize(("name", "expr"), all_expressions(), ids=[n for n, _ in all_expressions()])
def test_expression_parses_and_returns_data(
    static_prometheus: PrometheusServer, name: str, expr: str
) -> None:
    try:
        static_prometheus.query(expr)
    except PromQLError as exc:
        pytest.fail(f"{name}: Prometheus rejects {expr!r}: {exc}")
    # Rate-based expressions need a window of samples; poll instead of sleeping.
    static_prometheus.wait_for(expr, bool, timeout=20)


def measure(
    prom: PrometheusServer, metric: dict[str, Any], args: dict[str, str]
) -> list[float] | None:
    query = substitute_args(metric["provider"]["prometheus"]["query"], args)
    try:
        return sample_values(prom.query(query))
    except PromQLError:
        return None


@pytest.mark.parametrize(
    ("rollout", "canary_hash", "expected"),
    [
        ("cart", "aaaa1111", SUCCESSFUL),
        ("pay", "bbbb2222", FAILED),
        ("web", "cccc3333", INCONCLUSIVE),
        ("search", "dddd4444", ERROR),  # fresh-looking score, but the result is 10 min old
        ("catalog", "ffff6666", ERROR),  # the only result is of revision eeee5555
        ("cart", "bbbb2222", ERROR),  # another rollout's revision hash
    ],
)
def test_template_measurement_follows_argo_semantics(
    static_prometheus: PrometheusServer, rollout: str, canary_hash: str, expected: str
) -> None:
    for name, metric in analysis_metrics():
        args = {**template_probe_args(), "rollout": rollout, "canary-hash": canary_hash}
        result = measure(static_prometheus, metric, args)
        assert measurement_phase(metric, result) == expected, (name, result)
        # And the whole metric (count, limits) ends in the same phase; Error only after
        # consecutiveErrorLimit retries, never Successful.
        assert (
            run_metric(metric, lambda m=metric, a=args: measure(static_prometheus, m, a))
            == expected
        )


def test_template_reads_the_namespace_label_of_the_canary_not_of_the_exporter(
    static_prometheus: PrometheusServer,
) -> None:
    # With honorLabels the exporter's `namespace` label wins over the target label.
    result = static_prometheus.query('ai_canary_score{rollout="cart"}')
    assert [s["metric"]["namespace"] for s in result] == ["shop"]
    assert not static_prometheus.query('ai_canary_score{namespace="ai-canary-exporter"}')


def test_metric_phase_limits_as_chosen() -> None:
    # The limits in the template mean what its comments say.
    ((_, metric),) = [m for m in analysis_metrics() if m[0].startswith("prometheus.yaml")]
    assert metric_phase(metric, [INCONCLUSIVE, SUCCESSFUL, SUCCESSFUL]) == SUCCESSFUL
    assert metric_phase(metric, [INCONCLUSIVE, SUCCESSFUL, INCONCLUSIVE]) == INCONCLUSIVE
    assert metric_phase(metric, [SUCCESSFUL, FAILED]) == FAILED
    # consecutiveErrorLimit 12: 60 s initialDelay + 13 x 10 s retries before the run errors
    assert metric_phase(metric, [ERROR] * 12) == "Running"
    assert metric_phase(metric, [ERROR] * 13) == ERROR
    assert metric_phase(metric, [ERROR, ERROR, SUCCESSFUL, SUCCESSFUL, SUCCESSFUL]) == SUCCESSFUL


# --- the real service --------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_prometheus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrometheusServer]:
    port = free_port()
    workdir = tmp_path_factory.mktemp("demo")
    log = (workdir / "demo.log").open("wb")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "AI_CANARY_INTERVAL_SECONDS": "2",
        "AI_CANARY_JUDGE": "heuristic",
    }
    for key in ("GOOGLE_API_KEY", "OPENAI_API_KEY", "ANALYSIS_API_KEY", "GITHUB_TOKEN"):
        env.pop(key, None)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "exporter",
            "demo",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--speed",
            "10",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=workdir,
    )
    try:
        prom = PrometheusServer(workdir / "prom", [exporter_job(f"127.0.0.1:{port}")])
        with prom:
            deadline = time.monotonic() + 60
            while not prom.query("ai_canary_score"):
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    raise AssertionError(
                        "the demo published no ai_canary_score within 60 s:\n"
                        + (workdir / "demo.log").read_text(errors="replace")[-4000:]
                    )
                time.sleep(0.5)  # poll interval of a deadline loop
            yield prom
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


def test_demo_every_template_and_dashboard_expression_returns_data(
    demo_prometheus: PrometheusServer,
) -> None:
    ns, ro, h = _some_canary(demo_prometheus)
    args = {**template_probe_args(), "namespace": ns, "rollout": ro, "canary-hash": h}
    exprs = [
        (n, substitute_args(m["provider"]["prometheus"]["query"], args))
        for n, m in analysis_metrics()
    ]
    exprs += [(n, expand_grafana(e)) for n, e in dashboard_expressions()]
    # Model series stay empty in a deterministic-only demo (no model calls); new-signature
    # gauges depend on the scenario of the moment. Those must parse; the rest must have data.
    optional = ("Model", "New log signatures")
    for name, expr in exprs:
        if any(o in name for o in optional):
            demo_prometheus.query(expr)
        else:
            demo_prometheus.wait_for(expr, bool, timeout=30)
    for name, expr in rule_expressions():
        try:
            demo_prometheus.query(expr)
        except PromQLError as exc:
            pytest.fail(f"{name}: {exc}")


def _some_canary(prom: PrometheusServer) -> tuple[str, str, str]:
    sample = prom.wait_for("ai_canary_score", timeout=30)[0]["metric"]
    return sample["namespace"], sample["rollout"], sample["canary_hash"]


def test_demo_template_phase_agrees_with_the_service_verdict(
    demo_prometheus: PrometheusServer,
) -> None:
    """Healthy → Successful, failing → Failed, inconclusive → Inconclusive, as the service says.

    The demo's canaries move through healthy, failing and borderline scenarios; poll until
    each verdict has been seen and judged, checking every canary on the way.
    """
    expected = {1: SUCCESSFUL, 0: FAILED, -1: INCONCLUSIVE}
    seen: set[str] = set()
    deadline = time.monotonic() + 90
    while seen != set(expected.values()) and time.monotonic() < deadline:
        # Score and verdict come from the same scrape: evaluate both at one instant so a new
        # analysis between two queries cannot make them disagree.
        at = time.time() - 1
        for sample in demo_prometheus.query("ai_canary_verdict", at=at):
            labels = sample["metric"]
            args = {
                **template_probe_args(),
                "namespace": labels["namespace"],
                "rollout": labels["rollout"],
                "canary-hash": labels["canary_hash"],
            }
            for name, metric in analysis_metrics():
                query = substitute_args(metric["provider"]["prometheus"]["query"], args)
                result = sample_values(demo_prometheus.query(query, at=at))
                phase = measurement_phase(metric, result)
                assert phase == expected[int(float(sample["value"][1]))], (name, labels, result)
                seen.add(phase)
                # Another revision's hash never passes.
                wrong = {**args, "canary-hash": labels["canary_hash"] + "x"}
                assert measurement_phase(metric, measure(demo_prometheus, metric, wrong)) == ERROR
        time.sleep(0.5)  # poll interval of a deadline loop
    assert seen == set(expected.values()), f"only {seen} seen in the demo within 90 s"
