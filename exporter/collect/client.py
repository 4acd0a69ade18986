"""Connecting to Kubernetes: in-cluster service account, else a kubeconfig.

An explicit `kubeconfig` setting wins; otherwise a pod's service account (in-cluster) is
used, and failing that `KUBECONFIG` or `~/.kube/config`. Each connection gets its own
`Configuration` (never the library's global default), so two connections in one process
(tests, `demo`) cannot leak into each other. The connection also remembers *who* we are
(the service account from the in-cluster token, when known) so a 403 can name it.
"""

from __future__ import annotations

import base64
import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kubernetes_asyncio import client, config

from exporter.config import Settings
from exporter.errors import CollectError

log = logging.getLogger(__name__)

SERVICE_ACCOUNT_DIR = Path("/var/run/secrets/kubernetes.io/serviceaccount")
CURRENT_CREDENTIALS = "the current credentials"


@dataclass(slots=True)
class KubeConnection:
    """An API client plus a human description of whose credentials it uses."""

    api: Any  # kubernetes_asyncio.client.ApiClient
    identity: str  # e.g. 'service account "ai-canary-exporter/ai-canary-exporter"'
    source: str  # "in-cluster" or "kubeconfig <path> (context <name>)"

    async def close(self) -> None:
        await self.api.close()


def service_account_identity(sa_dir: Path) -> str | None:
    """`service account "ns/name"` from a projected token's claims, if readable."""
    try:
        token = (sa_dir / "token").read_text().strip()
    except OSError:
        return None
    namespace = name = None
    parts = token.split(".")
    if len(parts) == 3:
        try:
            payload = parts[1] + "=" * (-len(parts[1]) % 4)
            claims = json.loads(base64.urlsafe_b64decode(payload))
        except ValueError:
            claims = {}
        k8s = claims.get("kubernetes.io") if isinstance(claims, dict) else None
        if isinstance(k8s, dict):
            namespace = k8s.get("namespace")
            name = (k8s.get("serviceaccount") or {}).get("name")
        sub = str(claims.get("sub", "")) if isinstance(claims, dict) else ""
        if not name and sub.startswith("system:serviceaccount:"):
            namespace, _, name = sub.removeprefix("system:serviceaccount:").partition(":")
    if not namespace:
        try:
            namespace = (sa_dir / "namespace").read_text().strip()
        except OSError:
            namespace = None
    if name and namespace:
        return f'service account "{namespace}/{name}"'
    if namespace:
        return f"the pod's service account in namespace {namespace!r}"
    return None


async def connect(
    settings: Settings,
    *,
    environ: Mapping[str, str] | None = None,
    service_account_dir: Path = SERVICE_ACCOUNT_DIR,
) -> KubeConnection:
    """An API client for the configured cluster; CollectError says what was tried."""
    env = os.environ if environ is None else environ
    cfg = client.Configuration()
    if settings.kubeconfig:
        return await _from_kubeconfig(cfg, settings.kubeconfig, settings.kube_context)
    if env.get("KUBERNETES_SERVICE_HOST") and (service_account_dir / "token").is_file():
        try:
            config.load_incluster_config(  # type: ignore[no-untyped-call]
                client_configuration=cfg,
                token_filename=str(service_account_dir / "token"),
                cert_filename=str(service_account_dir / "ca.crt"),
                environ=dict(env),
            )
        except config.ConfigException as exc:
            raise CollectError(f"in-cluster Kubernetes config is unusable: {exc}") from exc
        identity = service_account_identity(service_account_dir) or CURRENT_CREDENTIALS
        return KubeConnection(client.ApiClient(configuration=cfg), identity, "in-cluster")
    paths = env.get("KUBECONFIG") or str(Path.home() / ".kube" / "config")
    if _any_file(paths):
        return await _from_kubeconfig(cfg, paths, settings.kube_context)
    raise CollectError(
        "no Kubernetes configuration found: not running in a pod (KUBERNETES_SERVICE_HOST "
        f"unset or no token in {service_account_dir}) and no kubeconfig at {paths}. "
        "Set AI_CANARY_KUBECONFIG or KUBECONFIG, or run in the cluster with deploy/base/rbac.yaml."
    )


def _any_file(paths: str) -> bool:
    return any(Path(p).is_file() for p in paths.split(os.pathsep) if p)


async def _from_kubeconfig(cfg: Any, path: str, context: str | None) -> KubeConnection:
    try:
        await config.load_kube_config(
            config_file=path, context=context, client_configuration=cfg, persist_config=False
        )
    except (config.ConfigException, OSError, ValueError) as exc:
        where = f"{path} (context {context})" if context else path
        raise CollectError(f"cannot use kubeconfig {where}: {exc}") from exc
    source = f"kubeconfig {path}" + (f" (context {context})" if context else "")
    log.info("kubernetes: using %s at %s", source, cfg.host)
    return KubeConnection(client.ApiClient(configuration=cfg), CURRENT_CREDENTIALS, source)
