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
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Sequence
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
    if "count" in metric and count >= int(metric["count"]):
        return SUCCESSFUL
    return RUNNING


def run_metric(metric: dict[str, Any], measure: Any, max_measurements: int = 50) -> str:
    """Take measurements (`measure()` → result or None) until the metric phase is decided."""
    phases: list[str] = []
    for _ in range(max_measurements):
        phases.append(measurement_phase(metric, measure()))
        phase = metric_phase(metric, phases)
        if phase != RUNNING:
            return phase
    return RUNNING
