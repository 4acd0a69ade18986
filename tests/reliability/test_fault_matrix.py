"""The whole fault matrix against one service: it stays up, never promotes because something
failed, says what is wrong, answers normally again once the fault ends, and lets no secret
of the (secret-laden) logs out in anything it emitted meanwhile.

The faults are short here (Kubernetes down 2 s); `bench/faults.py` runs the same matrix
with the API down 60 s and prints the table kept in the README.
"""

from __future__ import annotations

from pathlib import Path

from tests.data.secrets_corpus import SECRETS
from tests.reliability.faults import SCENARIOS, Row, world
from tests.reliability.test_leak_oracle import findings


async def test_the_fault_matrix(tmp_path: Path) -> None:
    rows: list[Row] = []
    async with world(tmp_path, hold=2.0) as w:
        for scenario in SCENARIOS:
            rows.append(await scenario(w))
        emitted = w.everything_emitted()
    table = "\n".join(
        f"{r.fault}: {r.answer} | promotes {r.promotes} | ready {r.ready} | {r.signal} | "
        f"recovered {r.recovered_s}"
        for r in rows
    )
    for r in rows:
        assert r.promotes == 0, table
        assert r.live, table
        assert r.recovered_s is not None, table
        assert r.answers and not any(a.startswith("500") for a in r.answers), table
    by_fault = {r.fault.split(" (")[0]: r for r in rows}
    # what tells an operator: the model's failures are counted, the API outage is DOWN
    assert "timeout" in by_fault["model slow"].signal, table
    assert "ratelimited" in by_fault["model 429 + Retry-After: 1"].signal, table
    assert "kubernetes" in by_fault["Kubernetes API down 2 s"].ready, table
    assert "error +" in by_fault["GitHub 502"].signal, table
    assert "error +" in by_fault["GitHub hangs"].signal, table
    # every log carried the secrets corpus: no fault's answer, model prompt, GitHub body or
    # metric let one out (the corpus check and detect-secrets as an independent oracle)
    assert not [s for s in SECRETS if s in emitted]
    assert findings(emitted, tmp_path) == []
