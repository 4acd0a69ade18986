"""The alert rules: promtool accepts them, its unit tests fire each alert, and the
PrometheusRule users deploy with kustomize carries exactly the same rules.

promtool comes with Debian's `prometheus` package; without it these tests fail under
CI=true and skip elsewhere.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from tests.prometheus import require_binary

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "ai-canary-rules.yaml"
RULE_TESTS = ROOT / "rules" / "ai-canary-rules.test.yaml"


def promtool(*args: str) -> subprocess.CompletedProcess[str]:
    binary = require_binary("promtool")
    return subprocess.run(
        [binary, *args], capture_output=True, text=True, timeout=120, cwd=RULES.parent
    )


def test_promtool_check_rules() -> None:
    result = promtool("check", "rules", str(RULES))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


def test_promtool_unit_tests_fire_every_alert() -> None:
    result = promtool("test", "rules", str(RULE_TESTS))
    assert result.returncode == 0, result.stdout + result.stderr
    alerts = {
        rule["alert"]
        for group in yaml.safe_load(RULES.read_text())["groups"]
        for rule in group["rules"]
        if "alert" in rule
    }
    fired = {
        alert["alertname"]
        for case in yaml.safe_load(RULE_TESTS.read_text())["tests"]
        for alert in case.get("alert_rule_test", [])
        if alert.get("exp_alerts")
    }
    assert alerts == fired, f"alerts without a firing test: {alerts - fired}"


def test_prometheusrule_spec_equals_the_rule_file() -> None:
    rule = yaml.safe_load((ROOT / "deploy" / "base" / "prometheusrule.yaml").read_text())
    assert rule["kind"] == "PrometheusRule"
    assert rule["spec"] == yaml.safe_load(RULES.read_text())
