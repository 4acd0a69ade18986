"""Property-based tests of the HTTP API generated from openapi.yaml (schemathesis).

The real service (with the fake Kubernetes API) runs on its own event loop in a thread;
schemathesis sends generated valid and invalid requests for every operation and checks
that none is answered with a 5xx other than the documented 503 "retry later" (which must
carry Retry-After), that valid data is accepted (the spec states the handler's real rules,
e.g. `stableLogs` needs `canaryLogs`), and that responses match the documented statuses,
content types and schemas. These are the checks that once found 500s (a 5,000-digit
integer), an undeclared 503 and a rule the spec did not state.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from exporter.config import Settings
from exporter.demo.fake_kube import FakeKube, FakeKubeState, parse_label_selector
from exporter.http.plugin import parse_canary_request
from exporter.http.validation import BadRequest, label_selector
from exporter.service import build_service
from tests.service_harness import add_canary, failing_log, healthy_log

REPO = Path(__file__).resolve().parent.parent
schema = schemathesis.openapi.from_path(REPO / "openapi.yaml")
# 503 is the designed "retry later" (inconclusive, could not analyse): documented, and
# checked below to carry Retry-After. Any other 5xx is a failure.
schema.config.checks.not_a_server_error.expected_statuses = ["2xx", "3xx", "4xx", "503"]


def retry_later_says_when(ctx: object, response: schemathesis.Response, case: object) -> None:
    if response.status_code == 503:
        headers = {k.lower(): v for k, v in response.headers.items()}
        assert int(headers["retry-after"][0]) >= 1
        assert response.json()["error"]


class ServiceThread:
    """The service and its fake cluster on a private event loop in a daemon thread."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.url = ""
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ServiceThread:
        self._thread.start()
        if not self._ready.wait(timeout=60) or self._error is not None:
            raise RuntimeError(f"service did not start: {self._error!r}")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=30)

    def _run(self) -> None:
        self._loop.run_until_complete(self._main())

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        kube = FakeKube(FakeKubeState())
        await kube.start()
        add_canary(
            kube.state, "shop", "checkout", stable_log=healthy_log(300), canary_log=failing_log()
        )
        try:
            service = await build_service(
                Settings(
                    host="127.0.0.1",
                    port=0,
                    judge="heuristic",
                    kubeconfig=str(kube.write_kubeconfig(self.workdir / "kubeconfig")),
                    max_body_bytes=64 * 1024,
                    shutdown_grace_seconds=1,
                )
            )
            await service.start()
        except BaseException as exc:
            self._error = exc
            self._ready.set()
            await kube.close()
            raise
        self.url = service.url
        self._ready.set()
        try:
            await self._stop.wait()
        finally:
            await service.stop()
            await kube.close()


@pytest.fixture(scope="module")
def service_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with ServiceThread(tmp_path_factory.mktemp("svc")) as svc:
        yield svc.url


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_server_errors_and_documented_responses(
    case: schemathesis.Case, service_url: str
) -> None:
    case.call_and_validate(
        base_url=service_url,
        checks=[
            not_a_server_error,
            retry_later_says_when,
            positive_data_acceptance,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
        timeout=30,
    )


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
CONTEXT_KEYS = st.sampled_from(
    ["namespace", "rolloutName", "stableSelector", "canarySelector", "extraPrompt", "repoUrl",
     "baseBranch", "stableLogs", "canaryLogs", "podName"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(CONTEXT_KEYS, JSON_VALUES | st.text(max_size=80), max_size=10))
def test_any_plugin_context_is_accepted_or_rejected_with_bad_request(
    ctx: dict[str, object],
) -> None:
    try:
        parsed = parse_canary_request(ctx)
    except BadRequest as exc:
        assert str(exc)
    else:
        assert parsed.target.namespace and parsed.target.rollout


SELECTOR_ALPHABET = st.sampled_from([*"abz09-_./=!,() inotx", "in", "notin", "!="])


@settings(max_examples=500, deadline=None)
@given(st.lists(SELECTOR_ALPHABET, min_size=1, max_size=20).map("".join))
def test_selectors_we_accept_parse_as_kubernetes_selectors(selector: str) -> None:
    try:
        accepted = label_selector(selector, "selector")
    except BadRequest:
        return
    parse_label_selector(accepted)  # the grammar of the API server (fake's parser) agrees
