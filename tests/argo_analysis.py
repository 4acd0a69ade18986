"""Argo Rollouts' analysis semantics, for checking AnalysisTemplates against real query results.

We cannot run the Argo Rollouts controller here, so this reproduces the two rules a template
relies on, as the controller implements them:

- one measurement (`evaluate.EvaluateResult` + the Prometheus provider): a query error, or a
  condition that cannot be evaluated (e.g. `result[0]` on an empty result), is **Error**;
  otherwise the failure condition wins, then success; both false is **Inconclusive**; with
  only one condition set, the other is its negation.
- the metric over several measurements (`assessMetricStatus`): Failed when failures exceed
  `failureLimit`, Inconclusive when inconclusives exceed `inconclusiveLimit`, Error when
  consecutive errors exceed `consecutiveErrorLimit` (default 4), Successful once `count`
  error-free measurements are taken; later checks win, as in the controller.

Conditions are expr-lang expressions; the subset our templates use (indexing `result`,
comparisons, `&&`/`||`/`!`, `len()`, numbers) is evaluated through Python's AST without eval.

`run_metric_loop` adds the timing of the controller's loop (argoproj/argo-rollouts
`analysis/analysis.go` @ 9f8d111, `generateMetricTasks` and `calculateNextReconcileTime`):
the first measurement `initialDelay` after the run starts; the next one `interval` after
the previous one *finished* — but `DefaultErrorRetryInterval` (10 s) after an Error,
whatever the interval; errors do not count toward `count` (`runMeasurements`); the metric is
decided after each measurement as above. Durations can be scaled down to test faster.
"""

from __future__ import annotations

import ast
import asyncio
import operator
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

SUCCESSFUL, FAILED, INCONCLUSIVE, ERROR, RUNNING = (
    "Successful",
    "Failed",
    "Inconclusive",
    "Error",
    "Running",
)

_COMPARE = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}


class ConditionError(Exception):
    """The condition cannot be evaluated on this result (Argo: measurement Error)."""


def _to_python(condition: str) -> str:
    expr = condition.replace("&&", " and ").replace("||", " or ")
    return re.sub(r"!(?!=)", " not ", expr)


def evaluate_condition(condition: str, result: Any) -> bool:
    """Evaluate an expr-lang condition with `result` bound, or raise ConditionError."""
    tree = ast.parse(_to_python(condition), mode="eval")

    def ev(node: ast.AST) -> Any:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return node.value
        if isinstance(node, ast.Name) and node.id == "result":
            return result
        if isinstance(node, ast.Subscript):
            seq, index = ev(node.value), ev(node.slice)
            try:
                return seq[index]
            except (IndexError, TypeError, KeyError) as exc:
                raise ConditionError(f"{ast.unparse(node)}: {exc}") from exc
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "len"
            and len(node.args) == 1
        ):
            return len(ev(node.args[0]))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return not ev(node.operand)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -ev(node.operand)
        if isinstance(node, ast.BoolOp):
            values = [ev(v) for v in node.values]
            return all(values) if isinstance(node.op, ast.And) else any(values)
        if isinstance(node, ast.Compare):
            left = ev(node.left)
            for op, comparator in zip(node.ops, node.comparators, strict=True):
                right = ev(comparator)
                if type(op) not in _COMPARE:
                    raise ConditionError(f"unsupported operator in {condition!r}")
                if not _COMPARE[type(op)](left, right):
                    return False
                left = right
            return True
        raise ConditionError(f"unsupported expression {ast.unparse(node)!r} in {condition!r}")

    value = ev(tree)
    if not isinstance(value, bool):
        raise ConditionError(f"{condition!r} is not a boolean expression")
    return value


def measurement_phase(metric: dict[str, Any], result: Sequence[float] | None) -> str:
    """Phase of one measurement. `result=None` stands for a failed query (provider error)."""
    if result is None:
        return ERROR
    success_cond = metric.get("successCondition", "")
    failure_cond = metric.get("failureCondition", "")
    try:
        success = evaluate_condition(success_cond, list(result)) if success_cond else False
        failure = evaluate_condition(failure_cond, list(result)) if failure_cond else False
    except ConditionError:
        return ERROR
    if not success_cond and not failure_cond:
        return SUCCESSFUL
    if success_cond and not failure_cond:
        failure = not success
    elif failure_cond and not success_cond:
        success = not failure
    if failure:
        return FAILED
    if not success:
        return INCONCLUSIVE
    return SUCCESSFUL


def metric_phase(metric: dict[str, Any], phases: Sequence[str]) -> str:
    """Phase of the metric after the given measurement phases (Running if not decided yet)."""
    failed = sum(p == FAILED for p in phases)
    inconclusive = sum(p == INCONCLUSIVE for p in phases)
    count = sum(p != ERROR for p in phases)
    consecutive_errors = 0
    for phase in reversed(phases):
        if phase != ERROR:
            break
        consecutive_errors += 1
    verdict = ""
    if failed > int(metric.get("failureLimit", 0)):
        verdict = FAILED
    if inconclusive > int(metric.get("inconclusiveLimit", 0)):
        verdict = INCONCLUSIVE
    if consecutive_errors > int(metric.get("consecutiveErrorLimit", 4)):
        verdict = ERROR
    if verdict:
        return verdict
    effective = effective_count(metric)
    if effective is not None and count >= effective:
        return SUCCESSFUL
    return RUNNING


def effective_count(metric: dict[str, Any]) -> int | None:
    """`Metric.EffectiveCount`: `count`, or 1 when neither count nor interval is set."""
    count = int(metric.get("count") or 0)
    if count:
        return count
    return None if metric.get("interval") else 1


def run_metric(metric: dict[str, Any], measure: Any, max_measurements: int = 50) -> str:
    """Take measurements (`measure()` → result or None) until the metric phase is decided."""
    phases: list[str] = []
    for _ in range(max_measurements):
        phases.append(measurement_phase(metric, measure()))
        phase = metric_phase(metric, phases)
        if phase != RUNNING:
            return phase
    return RUNNING


# --- the controller's loop in time ---------------------------------------------------------

ERROR_RETRY_SECONDS = 10.0  # analysis.go: DefaultErrorRetryInterval = 10 * time.Second
_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h)")
_UNIT = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


def duration_seconds(text: str | None) -> float:
    """An Argo `DurationString` (Go `time.ParseDuration` subset: 30s, 1m, 1m30s, 1h)."""
    if not text:
        return 0.0
    parts = _DURATION.findall(text)
    if not parts or "".join(n + u for n, u in parts) != text:
        raise ValueError(f"not a duration: {text!r}")
    return sum(float(n) * _UNIT[u] for n, u in parts)


@dataclass
class TimedMeasurement:
    phase: str
    started: float  # seconds since the run started, unscaled (the template's time)
    finished: float
    message: str = ""


@dataclass
class MetricRun:
    phase: str
    measurements: list[TimedMeasurement] = field(default_factory=list)

    def phases(self) -> list[str]:
        return [m.phase for m in self.measurements]


async def run_metric_loop(
    metric: dict[str, Any],
    measure: Callable[[], Awaitable[tuple[str, str]]],
    *,
    time_scale: float = 1.0,
    max_seconds: float = 3600.0,
) -> MetricRun:
    """Run one metric the way the controller schedules it; `measure()` → (phase, message).

    `time_scale` > 1 runs the template's durations that many times faster (a template's
    `1m` waits 60/time_scale real seconds); times in the result are template seconds.
    """
    loop = asyncio.get_running_loop()
    start = loop.time()

    def now() -> float:
        return (loop.time() - start) * time_scale

    run = MetricRun(RUNNING)
    await asyncio.sleep(duration_seconds(metric.get("initialDelay")) / time_scale)
    interval = duration_seconds(metric.get("interval"))
    while now() < max_seconds:
        started = now()
        phase, message = await measure()
        run.measurements.append(TimedMeasurement(phase, started, now(), message))
        run.phase = metric_phase(metric, run.phases())
        if run.phase != RUNNING:
            return run
        wait = ERROR_RETRY_SECONDS if phase == ERROR else interval
        await asyncio.sleep(wait / time_scale)
    return run
