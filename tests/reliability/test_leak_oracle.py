"""detect-secrets as an independent leak oracle, beside the corpus-based checks.

Our redaction is built from detect-secrets' plugin shapes but is its own code; here the
library itself (its default plugins and false-positive filters, `SecretsCollection`) scans
what we emit and must find nothing:

- a property-based test: generated secrets of every kind it knows, embedded in random log
  lines, through `redact()`; the raw lines are scanned too, so the oracle is not blind;
- an end-to-end run of the real `serve` process at DEBUG with a secret-laden canary: every
  HTTP body it answered (plugin, A2A, targets, `/metrics`, status page), its own log, and
  every request the fake model server received.
"""

from __future__ import annotations

import base64
import json
import string
import tempfile
import uuid
from pathlib import Path

import aiohttp
from detect_secrets import SecretsCollection
from detect_secrets.settings import default_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporter.digest.redact import redact
from tests.data.secrets_corpus import BENIGN, LINES, SECRETS
from tests.fakes.openai_server import FakeOpenAI
from tests.reliability.served import served
from tests.service_harness import add_canary, eventually, failing_log, healthy_log


def findings(text: str, workdir: Path) -> list[tuple[int, str, str]]:
    """(line number, detector, line) of every secret detect-secrets finds in `text`."""
    path = workdir / f"emitted-{uuid.uuid4().hex}.txt"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    with default_settings():
        collection = SecretsCollection()
        collection.scan_file(str(path))
        found = [(s.line_number, s.type, lines[s.line_number - 1][:160]) for _, s in collection]
    path.unlink()
    return found


UPPER_DIGITS = string.ascii_uppercase + string.digits
ALNUM = string.ascii_letters + string.digits


def _chars(alphabet: str, n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=n, max_size=n)


def _jwt(payload: dict[str, object]) -> str:
    def part(doc: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(doc).encode()).decode().rstrip("=")

    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(payload)}.{part({'sig': 1})}"


SECRET_KINDS = st.one_of(
    _chars(UPPER_DIGITS, 16).map(lambda s: "AKIA" + s),
    _chars(ALNUM, 36).map(lambda s: "ghp_" + s),
    _chars(ALNUM, 24).map(lambda s: "xoxb-861040910084-8865563794295-" + s),
    _chars(ALNUM, 24).map(lambda s: "sk_live_" + s),
    _chars(ALNUM, 24).map(lambda s: "rk_live_" + s),
    st.dictionaries(st.sampled_from(["sub", "scope", "exp"]), st.text(ALNUM, max_size=12)).map(
        lambda d: _jwt({"sub": "user-1", **d})
    ),
    _chars(ALNUM, 14).map(lambda pw: f"postgres://orders:{pw}@db.internal:5432/orders"),
    st.lists(_chars(ALNUM + "+/", 64), min_size=3, max_size=6).map(
        lambda rows: (
            "-----BEGIN RSA PRIVATE KEY-----\n"
            + "\n".join(rows)
            + "\n-----END RSA PRIVATE KEY-----"
        )
    ),
)
SEPARATORS = st.sampled_from([" ", "=", ": ", '"', "'", "(", "[", ",", "|", "\t"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    secrets=st.lists(SECRET_KINDS, min_size=1, max_size=4),
    before=st.sampled_from(BENIGN),
    after=st.sampled_from(BENIGN),
    left=SEPARATORS,
    right=SEPARATORS,
)
def test_detect_secrets_finds_nothing_in_redacted_lines(
    secrets: list[str],
    before: str,
    after: str,
    left: str,
    right: str,
) -> None:
    workdir = Path(tempfile.mkdtemp())
    raw = "\n".join(f"{before} {left}{secret}{right} {after}" for secret in secrets)
    clean, _ = redact(raw)
    assert findings(clean, workdir) == [], clean


def test_the_oracle_sees_every_kind_unredacted(tmp_path: Path) -> None:
    for secret in (
        "AKIAUJZDE8GXD6NCF10E",
        "ghp_MFLZDe1f8rESQedUStPKR0CsTy4Qwb8DwkNh",
        "xoxb-861040910084-8865563794295-Z7Uw9xfogoEmvnEN5N1aE6Pw",
        "sk_live_1y3GQsMpSscDlkrCaqx9vJup",
        _jwt({"sub": "user-4821", "scope": "orders:write"}),
        "postgres://orders:Sup3rS3cretDbPw@db.internal:5432/orders",
        "-----BEGIN RSA PRIVATE KEY-----\n"
        "MIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7Mh\n"
        "-----END RSA PRIVATE KEY-----",
    ):
        assert findings(f"{BENIGN[0]} {secret} {BENIGN[1]}", tmp_path), secret


async def test_nothing_the_service_emits_holds_a_secret(tmp_path: Path) -> None:
    canary_log = failing_log(150) + "\n" + "\n".join(LINES)
    stable_log = healthy_log(300) + "\n" + "\n".join(LINES)
    assert findings(canary_log, tmp_path)  # the input really carries secrets it can see
    emitted: list[str] = []
    async with FakeOpenAI() as model:
        async with served(
            tmp_path,
            AI_CANARY_LOG_LEVEL="DEBUG",
            AI_CANARY_JUDGE="openai",
            OPENAI_API_KEY="sk-oracle-test-key",
            OPENAI_BASE_URL=model.base_url,
            AI_CANARY_INTERVAL_SECONDS="2",
        ) as svc:
            assert svc.kube is not None
            add_canary(
                svc.kube.state, "shop", "checkout", stable_log=stable_log, canary_log=canary_log
            )
            async with aiohttp.ClientSession() as http:

                async def get(path: str, **kw: object) -> str:
                    async with http.get(svc.url + path, **kw) as resp:  # type: ignore[arg-type]
                        text = await resp.text()
                    emitted.append(text)
                    return text

                async def post(path: str, body: object) -> str:
                    async with http.post(svc.url + path, json=body) as resp:
                        text = await resp.text()
                    emitted.append(text)
                    return text

                async def scored() -> bool:
                    return "ai_canary_score{" in await get("/metrics")

                await eventually(scored, timeout=60)
                await post(
                    "/a2a/analyze", {"context": {"namespace": "shop", "rolloutName": "checkout"}}
                )
                await post(
                    "/a2a/analyze",
                    {"context": {"stableLogs": stable_log, "canaryLogs": canary_log}},
                )
                message = {
                    "messageId": str(uuid.uuid4()),
                    "role": "ROLE_USER",
                    "parts": [{"data": {"stableLogs": stable_log, "canaryLogs": canary_log}}],
                }
                rpc = {
                    "jsonrpc": "2.0",
                    "id": 1,
                    "method": "SendMessage",
                    "params": {"message": message},
                }
                sent = json.loads(await post("/a2a", rpc))
                task_id = sent["result"]["task"]["id"]
                await post(
                    "/a2a",
                    {"jsonrpc": "2.0", "id": 2, "method": "GetTask", "params": {"id": task_id}},
                )
                await get("/api/v1/targets")
                await get("/metrics")
                await get("/", headers={"Accept": "text/html"})
                await get("/q/health")
            await svc.stop()
            emitted.append(svc.log_text())
        emitted.append(model.bodies_text())
    assert model.requests, "the model was asked"
    everything = "\n".join(emitted)
    assert not [s for s in SECRETS if s in everything]  # the corpus check, beside the oracle
    assert findings(everything, tmp_path) == []
