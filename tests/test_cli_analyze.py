"""`ai-canary-exporter analyze` as a user runs it: a subprocess on real files, heuristic judge.

Checks the CLI contract (fields, exit codes, stdin, errors) and that no secret from the
redaction corpus reaches the JSON output, the text output, our log lines or the digest.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exporter.digest import build_digest, render_digest
from exporter.model import Collected, PodLogs, SideLogs, Target
from tests.data.secrets_corpus import LINES, MULTILINE, SECRETS
from tests.scenarios.catalog import build

SCENARIOS = {s.name: s for s in build()}
NO_MODEL_ENV = {
    k: v
    for k, v in os.environ.items()
    if not k.startswith(("GOOGLE_", "GEMINI_", "OPENAI_", "ANALYSIS_", "AI_CANARY_"))
}


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "exporter", "analyze", *args],
        input=stdin,
        capture_output=True,
        env={**NO_MODEL_ENV, "AI_CANARY_LOG_LEVEL": "DEBUG"},
        timeout=120,
        check=False,
    )


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def _pick(expected: str) -> tuple[str, str]:
    scenario = next(s for s in SCENARIOS.values() if s.expected.value == expected)
    return scenario.stable, scenario.canary


def test_json_output_has_the_contract_fields(tmp_path: Path) -> None:
    stable, canary = _pick("abort")
    proc = _run(
        "--stable", str(_write(tmp_path, "s.log", stable)),
        "--canary", str(_write(tmp_path, "c.log", canary)),
        "--format", "json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    for key in ("verdict", "promote", "score", "confidence", "analysis", "rootCause"):
        assert key in out
    assert {"remediation", "evidence", "judge"} <= out.keys()
    assert out["verdict"] == "abort" and out["promote"] is False
    assert isinstance(out["confidence"], int) and 0 <= out["confidence"] <= 100
    assert out["judge"] == "heuristic"
    assert out["evidence"], "an abort names its evidence"


def test_fail_on_turns_verdicts_into_exit_3(tmp_path: Path) -> None:
    s_abort, c_abort = _pick("abort")
    s_ok, c_ok = _pick("promote")
    a = (
        "--stable",
        str(_write(tmp_path, "s1", s_abort)),
        "--canary",
        str(_write(tmp_path, "c1", c_abort)),
    )
    p = (
        "--stable",
        str(_write(tmp_path, "s2", s_ok)),
        "--canary",
        str(_write(tmp_path, "c2", c_ok)),
    )
    assert _run(*a, "--fail-on", "abort").returncode == 3
    assert _run(*a).returncode == 0
    assert _run(*p, "--fail-on", "abort").returncode == 0
    assert _run(*p, "--fail-on", "inconclusive").returncode == 0


def test_empty_canary_is_inconclusive_not_a_guess(tmp_path: Path) -> None:
    stable, _ = _pick("promote")
    proc = _run(
        "--stable", str(_write(tmp_path, "s", stable)), "--canary", str(_write(tmp_path, "c", "")),
        "--format", "json", "--fail-on", "inconclusive",
    )  # fmt: skip
    assert proc.returncode == 3, proc.stderr
    assert json.loads(proc.stdout)["verdict"] == "inconclusive"


def test_stdin_and_invalid_utf8(tmp_path: Path) -> None:
    stable, canary = _pick("promote")
    broken = canary.encode() + b"\xff\xfe INFO odd bytes \xc3\x28\n"
    proc = _run(
        "--stable", str(_write(tmp_path, "s", stable)), "--canary", "-", "--format", "json",
        stdin=broken,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["verdict"] in {"promote", "inconclusive"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--stable", "/nonexistent/s.log", "--canary", "/nonexistent/c.log"), "cannot read"),
        (("--stable", "-", "--canary", "-"), "only one of"),
    ],
)
def test_errors_are_one_line_and_exit_1(args: tuple[str, ...], message: str) -> None:
    proc = _run(*args)
    assert proc.returncode == 1
    err = proc.stderr.decode().strip()
    assert message in err and len(err.splitlines()) == 1 and "Traceback" not in err


def test_no_secret_leaves_through_output_logs_or_digest(tmp_path: Path) -> None:
    stable, canary = _pick("abort")
    leaky = "\n".join([*LINES, *MULTILINE]) + "\n"
    s_path = _write(tmp_path, "s", stable + leaky)
    c_path = _write(tmp_path, "c", canary + leaky + leaky)
    outputs = [
        _run("--stable", str(s_path), "--canary", str(c_path), "--format", fmt)
        for fmt in ("json", "text")
    ]
    collected = Collected(
        Target("ns", "r", "a=b", "a=c", "h"),
        SideLogs([PodLogs("s", "app", stable + leaky)]),
        SideLogs([PodLogs("c", "app", canary + leaky + leaky)]),
    )
    digest = build_digest(collected)
    haystacks = [render_digest(digest, max_chars=100_000), repr(digest)]
    for proc in outputs:
        assert proc.returncode == 0, proc.stderr
        haystacks += [proc.stdout.decode(), proc.stderr.decode()]
    assert b"judge:" in outputs[0].stderr, "our log stream is part of what is checked"
    leaked = [s for s in SECRETS for h in haystacks if s in h]
    assert not leaked, f"secrets leaked: {leaked[:3]}"
