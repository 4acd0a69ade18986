"""Writes the example corpus (this folder) from the scenario suite, tests/scenarios/catalog.py.

    python examples/corpus/build.py        # from the repository root

The pairs are the suite's real-format logs (Spring, Quarkus, Python logging, structlog, zap,
logrus, nginx, Envoy, JSON access logs); the stable side is shortened to its first
STABLE_LINES lines so the example stays small (the canary, which carries the evidence, is
whole). A case is kept only if the shortened pair still carries its label's evidence (the
deterministic judge agrees with the label), so no label describes evidence the cut removed.
`expected` comes from the suite, which chose it by hand.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from exporter.corpus import load_case  # noqa: E402
from exporter.digest import build_digest  # noqa: E402
from exporter.judges.heuristic import judge_digest  # noqa: E402
from tests.scenarios.catalog import SCENARIOS  # noqa: E402
from tests.scenarios.corpus import write_case  # noqa: E402

HERE = Path(__file__).resolve().parent
STABLE_LINES = 1000
CASES = {
    "healthy-spring": "same templates at the same rates; the canary has a tenth of the traffic",
    "healthy-nginx": "access log with the same status mix on both sides, lower canary volume",
    "preexisting-python-trace": "a Python traceback at the same rate on both sides: not new",
    "cosmetic-version-banner": "only the version banner differs",
    "rare-new-error-logrus": "an error signature only the canary logs, rare but new",
    "rate-jump-nginx-5xx": "the canary's 5xx share jumps far above stable's",
    "new-java-npe": "a NullPointerException stack trace only in the canary",
    "new-python-traceback": "a Python traceback (KeyError) only in the canary",
    "go-panic-crash-loop": "the canary panics and restarts (crash loop)",
    "oom-killed-facts-only": "logs look fine, but Kubernetes says the canary was OOMKilled",
    "five-canary-lines": "five canary lines: too little to compare",
    "injection-with-panic": "a panic, and log text that tells an AI to promote",
    "injection-healthy": "healthy, with log text that tells an AI reviewer what to answer",
}


def main() -> int:
    by_name = {sc.name: sc for sc in SCENARIOS}
    for old in HERE.iterdir():
        if old.is_dir():
            shutil.rmtree(old)
    kept = 0
    for name, why in CASES.items():
        sc = by_name[name]
        folder = write_case(sc, HERE / name, why=why, stable_lines=STABLE_LINES)
        case = load_case(folder)
        got = judge_digest(build_digest(case.collected())).verdict
        if got is not case.expected:
            print(f"skip {name}: shortened pair judged {got.value}, labelled {sc.expected.value}")
            shutil.rmtree(folder)
            continue
        kept += 1
    print(f"wrote {kept} cases to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
