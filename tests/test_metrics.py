"""Metrics: names and labels of contracts/metrics.md, read back through prometheus-client."""

from __future__ import annotations

import dataclasses

from prometheus_client import generate_latest
from prometheus_client.openmetrics.parser import text_string_to_metric_families

from exporter.metrics import Metrics, Snapshot
from exporter.model import AnalysisResult, ModelResult, Severity, Target, Verdict


def _target(rollout: str = "checkout", canary_hash: str = "7d9f8c6b5") -> Target:
    return Target("shop", rollout, "app=x,h=1", "app=x,h=2", canary_hash, source="rollout")


def _result(target: Target, **kw: object) -> AnalysisResult:
    values: dict[str, object] = {
        "verdict": Verdict.ABORT,
        "score": 0.42,
        "confidence": 92,
        "judge": "heuristic+openai",
        "timestamp": 1_795_000_000.5,
        "stable_lines": 5400,
        "canary_lines": 610,
        "new_signatures": {Severity.FATAL: 1, Severity.ERROR: 2},
        "duration_seconds": {"collect": 0.2, "digest": 0.05, "judge": 2.0, "total": 2.3},
    }
    values.update(kw)
    return AnalysisResult(target=target, **values)  # type: ignore[arg-type]


class World:
    """The snapshot source a service would give: current results and target counts."""

    def __init__(self) -> None:
        self.results: list[AnalysisResult] = []
        self.counts = {"rollout": 0, "static": 0, "a2a": 0}

    def snapshot(self) -> Snapshot:
        return Snapshot(results=list(self.results), targets_by_source=dict(self.counts))


def _metrics(world: World) -> Metrics:
    return Metrics(version="1.2.3", judge="heuristic+openai", snapshot=world.snapshot)


def test_per_canary_gauges_carry_the_contract_labels() -> None:
    world = World()
    target = _target()
    world.results = [_result(target)]
    world.counts["rollout"] = 1
    m = _metrics(world)
    labels = {"namespace": "shop", "rollout": "checkout", "canary_hash": "7d9f8c6b5"}
    get = m.canary_registry.get_sample_value
    assert get("ai_canary_score", labels) == 0.42
    assert get("ai_canary_verdict", labels) == 0
    assert get("ai_canary_confidence", labels) == 0.92
    assert get("ai_canary_last_analysis_timestamp_seconds", labels) == 1_795_000_000.5
    assert get("ai_canary_log_lines", {**labels, "role": "stable"}) == 5400
    assert get("ai_canary_log_lines", {**labels, "role": "canary"}) == 610
    assert get("ai_canary_new_signatures", {**labels, "severity": "fatal"}) == 1
    assert get("ai_canary_new_signatures", {**labels, "severity": "error"}) == 2
    assert get("ai_canary_targets", {"source": "rollout"}) == 1
    assert get("ai_canary_targets", {"source": "a2a"}) == 0
    assert (
        m.registry.get_sample_value(
            "ai_canary_build_info", {"version": "1.2.3", "judge": "heuristic+openai"}
        )
        == 1
    )


def test_verdict_gauge_values() -> None:
    world = World()
    world.results = [
        _result(_target("a"), verdict=Verdict.PROMOTE, score=0.95),
        _result(_target("b"), verdict=Verdict.ABORT),
        _result(_target("c"), verdict=Verdict.INCONCLUSIVE, score=0.6),
    ]
    m = _metrics(world)
    values = {
        r: m.canary_registry.get_sample_value(
            "ai_canary_verdict", {"namespace": "shop", "rollout": r, "canary_hash": "7d9f8c6b5"}
        )
        for r in "abc"
    }
    assert values == {"a": 1, "b": 0, "c": -1}


def test_fast_exposition_is_byte_identical_to_the_library_rendering() -> None:
    world = World()
    world.results = [
        _result(_target(f"r{i}", f"h{i}"), score=i / 7, new_signatures={Severity.WARNING: i})
        for i in range(7)
    ]
    world.results.append(_result(Target("ns", 'we"ird\\name', "a=b", "a=c", "x\ny")))
    world.counts = {"rollout": 7, "static": 1, "a2a": 0}
    m = _metrics(world)
    assert m.canaries.exposition() == generate_latest(m.canary_registry).decode()
    # and again from the per-result cache, after one result changed
    world.results[0] = _result(_target("r0", "h0"), score=0.99)
    assert m.canaries.exposition() == generate_latest(m.canary_registry).decode()


def test_a_finished_canary_stops_appearing() -> None:
    world = World()
    world.results = [_result(_target("a")), _result(_target("b"))]
    m = _metrics(world)
    body, _ = m.render(None)
    assert b'rollout="a"' in body and b'rollout="b"' in body
    world.results = [_result(_target("b"))]
    body, _ = m.render(None)
    assert b'rollout="a"' not in body
    assert b'rollout="b"' in body


def test_openmetrics_rendering_parses_and_ends_with_eof() -> None:
    world = World()
    world.results = [_result(_target())]
    m = _metrics(world)
    m.on_analysis(world.results[0].target, world.results[0], None)
    body, content_type = m.render("application/openmetrics-text; version=1.0.0")
    assert content_type.startswith("application/openmetrics-text")
    text = body.decode()
    assert text.endswith("# EOF\n") and text.count("# EOF") == 1
    names = {f.name for f in text_string_to_metric_families(text)}
    assert {"ai_canary_score", "ai_canary_analyses", "ai_canary_build_info"} <= names
    plain, plain_type = m.render("text/plain")
    assert plain_type.startswith("text/plain") and b"# EOF" not in plain


def test_listener_counts_outcomes_stages_and_model_calls() -> None:
    world = World()
    m = _metrics(world)
    target = _target()
    models = [
        ModelResult(
            "gpt-4o-mini",
            "openai",
            call_statuses=["ratelimited", "ok"],
            prompt_tokens=900,
            completion_tokens=120,
        )
    ]
    first = _result(target, model_results=models)
    m.on_analysis(target, first, None)
    # a fingerprint reuse carries the previous model results: not counted again
    reused = dataclasses.replace(first, reused=True)
    m.on_analysis(target, reused, None)
    m.on_analysis(target, None, RuntimeError("boom"))
    get = m.registry.get_sample_value
    base = {"namespace": "shop", "rollout": "checkout"}
    assert (
        get("ai_canary_analyses_total", {**base, "outcome": "abort", "judge": "heuristic+openai"})
        == 2
    )
    assert (
        get("ai_canary_analyses_total", {**base, "outcome": "error", "judge": "heuristic+openai"})
        == 1
    )
    llm = {"provider": "openai", "model": "gpt-4o-mini"}
    assert get("ai_canary_llm_requests_total", {**llm, "status": "ok"}) == 1
    assert get("ai_canary_llm_requests_total", {**llm, "status": "ratelimited"}) == 1
    assert get("ai_canary_llm_tokens_total", {**llm, "direction": "prompt"}) == 900
    assert get("ai_canary_llm_tokens_total", {**llm, "direction": "completion"}) == 120
    assert get("ai_canary_analysis_duration_seconds_count", {"stage": "judge"}) == 2
    assert get("ai_canary_analysis_duration_seconds_sum", {"stage": "total"}) == 4.6
    m.on_followup("issue_created")
    assert get("ai_canary_github_followups_total", {"outcome": "issue_created"}) == 1


def test_forget_removes_the_counters_of_an_ended_canary_only() -> None:
    world = World()
    m = _metrics(world)
    a, b = _target("a"), _target("b")
    for t in (a, b):
        m.on_analysis(t, _result(t), None)
    m.forget(a, still_current=[b])
    get = m.registry.get_sample_value
    labels = {"namespace": "shop", "outcome": "abort", "judge": "heuristic+openai"}
    assert get("ai_canary_analyses_total", {**labels, "rollout": "a"}) is None
    assert get("ai_canary_analyses_total", {**labels, "rollout": "b"}) == 1
    # a new revision of b is still running: keep b's counters when the old one ends
    m.forget(_target("b", "oldhash"), still_current=[b])
    assert get("ai_canary_analyses_total", {**labels, "rollout": "b"}) == 1


def test_each_app_has_its_own_registry() -> None:
    one, two = _metrics(World()), _metrics(World())
    t = _target()
    one.on_analysis(t, _result(t), None)
    labels = {
        "namespace": "shop",
        "rollout": "checkout",
        "outcome": "abort",
        "judge": "heuristic+openai",
    }
    assert one.registry.get_sample_value("ai_canary_analyses_total", labels) == 1
    assert two.registry.get_sample_value("ai_canary_analyses_total", labels) is None
