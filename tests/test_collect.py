"""LogCollector against the fake Kubernetes API with the real kubernetes-asyncio client."""

from __future__ import annotations

import base64
import json
import re
import time
from pathlib import Path

import pytest

from exporter.collect import LogCollector, connect
from exporter.collect.client import service_account_identity
from exporter.config import Settings
from exporter.demo.fake_kube import Fault
from exporter.errors import CollectError, PermissionDenied
from exporter.model import Target
from tests.kube_env import FAST_RETRY, add_side, kube_env

NS = "shop"
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z ")


def target(**kw: object) -> Target:
    base = dict(
        namespace=NS,
        rollout="checkout",
        stable_selector="app=checkout,rollouts-pod-template-hash=stable1",
        canary_selector="app=checkout,rollouts-pod-template-hash=canary2",
        canary_hash="canary2",
        source="rollout",
        stable_hash="stable1",
    )
    base.update(kw)
    return Target(**base)  # type: ignore[arg-type]


async def test_collects_both_sides_with_window_limit_and_timestamps(tmp_path: Path) -> None:
    async with kube_env(tmp_path, window_seconds=60, max_log_bytes_per_pod=2048) as env:
        st = env.state
        add_side(st, NS, "checkout", "stable1", 2, "")
        add_side(st, NS, "checkout", "canary2", 1, "")
        add_side(st, NS, "other", "stable1", 1, "not mine")  # same hash, other app
        now = time.time()
        old = [(now - 600 + i, f"old line {i}") for i in range(10)]
        new = [(now - 30 + i * 0.01, f"GET /pay 200 req={i}") for i in range(200)]
        for pod in ("checkout-stable1-0", "checkout-stable1-1", "checkout-canary2-0"):
            st.set_logs(NS, pod, "app", old + new)

        got = await LogCollector(env.conn, env.settings, retry=FAST_RETRY).collect(target())

        assert [p.pod for p in got.stable.pods] == ["checkout-stable1-0", "checkout-stable1-1"]
        assert [p.pod for p in got.canary.pods] == ["checkout-canary2-0"]
        assert got.window_seconds == 60
        for p in got.stable.pods + got.canary.pods:
            assert p.container == "app"
            assert "old line" not in p.text  # sinceSeconds honoured
            assert len(p.text.encode()) <= 2048  # the byte cap honoured
            assert len(p.text.encode()) > 1500
            first, last = p.text.splitlines()[0], p.text.splitlines()[-1]
            assert STAMP.match(first), first  # timestamps on, and no partial first line
            assert last.endswith("req=199")  # over the cap the newest lines are kept
            assert p.truncated
            assert p.previous_text == ""
            assert p.facts is not None and p.facts.ready and p.facts.restart_count == 0


async def test_no_canary_pods_is_an_empty_side_not_an_error(tmp_path: Path) -> None:
    async with kube_env(tmp_path) as env:
        add_side(env.state, NS, "checkout", "stable1", 2, "ok\nok")
        got = await LogCollector(env.conn, env.settings, retry=FAST_RETRY).collect(target())
        assert got.canary.pods == []
        assert len(got.stable.pods) == 2
        assert got.stable.pods[0].text.endswith("ok\n")


async def test_reads_the_app_container_behind_a_sidecar(tmp_path: Path) -> None:
    async with kube_env(tmp_path) as env:
        st = env.state
        add_side(
            st, NS, "checkout", "canary2", 1, "", containers=("istio-proxy", "app", "log-sidecar")
        )
        st.set_logs(NS, "checkout-canary2-0", "istio-proxy", "envoy access log")
        st.set_logs(NS, "checkout-canary2-0", "app", "application says hi")
        st.set_logs(NS, "checkout-canary2-0", "log-sidecar", "shipping logs")
        collector = LogCollector(env.conn, env.settings, retry=FAST_RETRY)

        got = await collector.collect(target())
        (pod,) = got.canary.pods
        assert pod.container == "app"
        assert "application says hi" in pod.text and "envoy" not in pod.text

        # an explicit container (Rollout annotation → Target.container) wins
        got = await collector.collect(target(container="log-sidecar"))
        assert got.canary.pods[0].container == "log-sidecar"
        assert "shipping logs" in got.canary.pods[0].text


async def test_restarted_container_reads_previous_logs_and_facts(tmp_path: Path) -> None:
    async with kube_env(tmp_path, window_seconds=600) as env:
        st = env.state
        add_side(st, NS, "checkout", "stable1", 1, "fine")
        add_side(
            st,
            NS,
            "checkout",
            "canary2",
            1,
            "starting up",
            ready=False,
            restarts={"app": 4},
            last_terminated={"app": ("OOMKilled", 137)},
            waiting={"app": "CrashLoopBackOff"},
        )
        pod = "checkout-canary2-0"
        st.set_logs(NS, pod, "app", "java.lang.OutOfMemoryError: Java heap space", previous=True)
        st.add_event(NS, pod, "BackOff", "Back-off restarting failed container app")
        st.add_event(NS, pod, "Unhealthy", "Readiness probe failed", timestamp=time.time() - 30)
        st.add_event(NS, pod, "Pulled", "Image pulled", type="Normal")
        st.add_event(NS, pod, "Killing", "ancient history", timestamp=time.time() - 7200)

        got = await LogCollector(env.conn, env.settings, retry=FAST_RETRY).collect(target())

        (canary,) = got.canary.pods
        assert "OutOfMemoryError" in canary.previous_text
        assert "starting up" in canary.text
        facts = canary.facts
        assert facts is not None
        assert (facts.ready, facts.restart_count) == (False, 4)
        assert (facts.last_termination_reason, facts.last_exit_code) == ("OOMKilled", 137)
        assert facts.waiting_reason == "CrashLoopBackOff"
        assert facts.warning_events == [
            "BackOff: Back-off restarting failed container app",
            "Unhealthy: Readiness probe failed",
        ]
        assert got.stable.pods[0].facts is not None
        assert got.stable.pods[0].facts.warning_events == []


async def test_restart_without_previous_log_is_not_an_error(tmp_path: Path) -> None:
    async with kube_env(tmp_path) as env:
        add_side(env.state, NS, "checkout", "canary2", 1, "up again", restarts={"app": 1})
        got = await LogCollector(env.conn, env.settings, retry=FAST_RETRY).collect(target())
        assert got.canary.pods[0].previous_text == ""
        assert "up again" in got.canary.pods[0].text
        previous_calls = [c for c in env.state.calls if c.subresource == "log"]
        assert len(previous_calls) == 2  # current + previous (which answered 400)


async def test_pod_selection_prefers_ready_and_keeps_a_crashing_pod(tmp_path: Path) -> None:
    async with kube_env(tmp_path, max_pods_per_side=3) as env:
        st = env.state
        add_side(st, NS, "checkout", "canary2", 5, "ok")
        st.add_pod(
            NS,
            "checkout-canary2-pending",
            {"app": "checkout", "rollouts-pod-template-hash": "canary2"},
            phase="Pending",
            ready=False,
        )
        got = await LogCollector(env.conn, env.settings, retry=FAST_RETRY).collect(target())
        names = [p.pod for p in got.canary.pods]
        assert names == ["checkout-canary2-0", "checkout-canary2-1", "checkout-canary2-2"]

        st.add_pod(
            NS,
            "checkout-canary2-zz-crash",
            {"app": "checkout", "rollouts-pod-template-hash": "canary2"},
            ready=False,
            restarts={"app": 7},
            waiting={"app": "CrashLoopBackOff"},
        )
        got = await LogCollector(env.conn, env.settings, retry=FAST_RETRY).collect(target())
        names = [p.pod for p in got.canary.pods]
        assert names == ["checkout-canary2-0", "checkout-canary2-1", "checkout-canary2-zz-crash"]


async def test_forbidden_logs_name_the_account_verb_resource_and_fix(tmp_path: Path) -> None:
    async with kube_env(tmp_path) as env:
        add_side(env.state, NS, "checkout", "canary2", 1, "hello")
        env.state.inject(Fault(status=403, times=10, resource="pods", subresource="log"))
        with pytest.raises(PermissionDenied) as info:
            await LogCollector(env.conn, env.settings, retry=FAST_RETRY).collect(target())
        msg = str(info.value)
        assert "the current credentials" in msg
        assert "get pods/log" in msg
        assert f"namespace '{NS}'" in msg
        assert "deploy/base/rbac.yaml" in msg
        # 403 is not retried
        assert sum(1 for c in env.state.calls if c.subresource == "log") == 1


async def test_server_errors_are_retried_then_reported(tmp_path: Path) -> None:
    async with kube_env(tmp_path) as env:
        add_side(env.state, NS, "checkout", "canary2", 1, "hello")
        collector = LogCollector(env.conn, env.settings, retry=FAST_RETRY)

        env.state.inject(Fault(status=500, times=2, path="/pods/checkout-canary2-0/log"))
        env.state.inject(Fault(status=503, times=1, verb="list", resource="pods"))
        got = await collector.collect(target())
        assert "hello" in got.canary.pods[0].text
        assert env.state.faults == []  # every injected failure was met and retried

        env.state.inject(Fault(status=500, times=99, verb="list", resource="events"))
        with pytest.raises(CollectError) as info:
            await collector.collect(target())
        assert not isinstance(info.value, PermissionDenied)
        assert "after 3 attempts" in str(info.value) and "HTTP 500" in str(info.value)


async def test_token_auth_from_kubeconfig(tmp_path: Path) -> None:
    async with kube_env(tmp_path, token="t0ken") as env:
        add_side(env.state, NS, "checkout", "canary2", 1, "authorised")
        got = await LogCollector(env.conn, env.settings, retry=FAST_RETRY).collect(target())
        assert "authorised" in got.canary.pods[0].text


async def test_kubeconfig_env_and_missing_config(tmp_path: Path) -> None:
    async with kube_env(tmp_path) as env:
        path = env.kube.write_kubeconfig(tmp_path / "from-env")
        conn = await connect(Settings(), environ={"KUBECONFIG": str(path)})
        try:
            assert env.kube.url in conn.api.configuration.host
            assert "from-env" in conn.source
        finally:
            await conn.close()
    with pytest.raises(CollectError, match="no Kubernetes configuration found"):
        await connect(
            Settings(),
            environ={"KUBECONFIG": str(tmp_path / "nope")},
            service_account_dir=tmp_path / "no-sa",
        )
    with pytest.raises(CollectError, match="cannot use kubeconfig"):
        await connect(Settings(kubeconfig=str(path), kube_context="missing"), environ={})


def test_service_account_identity_from_projected_token(tmp_path: Path) -> None:
    claims = {
        "sub": "system:serviceaccount:ai-canary-exporter:ai-canary-exporter",
        "kubernetes.io": {"namespace": "ops", "serviceaccount": {"name": "canary-judge"}},
    }
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    (tmp_path / "token").write_text(f"e30.{payload}.sig")
    assert service_account_identity(tmp_path) == 'service account "ops/canary-judge"'
    (tmp_path / "token").write_text("opaque-token")
    (tmp_path / "namespace").write_text("ops\n")
    assert service_account_identity(tmp_path) == "the pod's service account in namespace 'ops'"


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    """A CA-less self-signed certificate for 127.0.0.1 (the fake's in-cluster endpoint)."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kubernetes")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "tls.crt", tmp_path / "tls.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


async def test_in_cluster_config_and_403_naming_the_service_account(tmp_path: Path) -> None:
    import ssl

    from exporter.demo.fake_kube import FakeKube, FakeKubeState

    cert, key = _self_signed(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    claims = {"sub": "system:serviceaccount:ai-canary-exporter:ai-canary-exporter"}
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    token = f"e30.{payload}.sig"
    sa_dir = tmp_path / "sa"
    sa_dir.mkdir()
    (sa_dir / "token").write_text(token)
    (sa_dir / "ca.crt").write_bytes(cert.read_bytes())
    (sa_dir / "namespace").write_text("ai-canary-exporter")

    kube = await FakeKube(FakeKubeState(token=token)).start(ssl_context=server_tls)
    try:
        env = {"KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": str(kube.port)}
        conn = await connect(Settings(), environ=env, service_account_dir=sa_dir)
        try:
            assert conn.source == "in-cluster"
            assert conn.identity == 'service account "ai-canary-exporter/ai-canary-exporter"'
            add_side(kube.state, NS, "checkout", "canary2", 1, "over TLS")
            collector = LogCollector(conn, Settings(), retry=FAST_RETRY)
            got = await collector.collect(target())
            assert "over TLS" in got.canary.pods[0].text

            kube.state.inject(Fault(status=403, verb="list", resource="pods", times=5))
            with pytest.raises(PermissionDenied) as info:
                await collector.collect(target())
            msg = str(info.value)
            assert 'service account "ai-canary-exporter/ai-canary-exporter"' in msg
            assert f"list pods in namespace '{NS}'" in msg and "deploy/base/rbac.yaml" in msg
        finally:
            await conn.close()
    finally:
        await kube.close()


async def test_timeouts_are_retried_then_reported(tmp_path: Path) -> None:
    from exporter.collect import RetryPolicy

    async with kube_env(tmp_path) as env:
        add_side(env.state, NS, "checkout", "canary2", 1, "slow")
        impatient = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.02, timeout=0.2)
        collector = LogCollector(env.conn, env.settings, retry=impatient)

        env.state.inject(Fault(status=0, times=1, resource="pods", subresource="log", delay=2))
        got = await collector.collect(target())  # the second attempt answers in time
        assert "slow" in got.canary.pods[0].text

        env.state.inject(Fault(status=0, times=2, resource="pods", subresource="log", delay=2))
        with pytest.raises(CollectError, match=r"did not answer .*after 2 attempts"):
            await collector.collect(target())
