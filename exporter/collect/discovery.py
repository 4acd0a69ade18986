"""Finding canaries in progress by watching Argo Rollouts.

A Rollout is a canary target while its desired revision (`status.currentPodHash`) differs
from its stable one (`status.stableRS`) — Argo's own `IsFullyPromoted` test — and it has
not been aborted (`status.abort`, phase Degraded) nor reported Healthy. Stable pods are the
Rollout's selector plus `rollouts-pod-template-hash=<stableRS>`, canary pods the selector
plus `rollouts-pod-template-hash=<currentPodHash>`; the canary hash keys the results.
Annotations (`ai-canary-exporter.io/…`) opt out or add a prompt, repository, base branch
or container.

The watch is the usual list-then-watch loop, one per scope (all namespaces, or each
configured namespace): list and replace the scope's targets, then watch from the list's
resourceVersion; a stream that ends cleanly is resumed from the last resourceVersion seen.
Anything that says the watch cannot resume relists: a 410 Gone, any other failure (after
jittered exponential backoff: "too large resource version" from an API server restarted
with fresh state, an error status, the API unreachable), or a resourceVersion going
backwards in the stream. Nothing here raises out of `run()` except cancellation.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Mapping
from typing import Any

import aiohttp
from kubernetes_asyncio import client, watch
from kubernetes_asyncio.client.exceptions import ApiException

from exporter.collect.apicall import ApiCaller, HttpStatusError, Op, RetryPolicy
from exporter.collect.client import KubeConnection
from exporter.collect.targets import TargetRegistry
from exporter.config import Settings
from exporter.errors import CollectError, PermissionDenied
from exporter.model import Target, selector_hash

log = logging.getLogger(__name__)

GROUP, VERSION, PLURAL = "argoproj.io", "v1alpha1", "rollouts"
HASH_LABEL = "rollouts-pod-template-hash"
ANNOTATION = "ai-canary-exporter.io/"


def _expression(expr: Mapping[str, Any]) -> str:
    key, op = expr.get("key", ""), expr.get("operator", "")
    values = ",".join(str(v) for v in expr.get("values") or [])
    return str(
        {
            "In": f"{key} in ({values})",
            "NotIn": f"{key} notin ({values})",
            "Exists": key,
            "DoesNotExist": f"!{key}",
        }.get(op, "")
    )


def rollout_selector(rollout: Mapping[str, Any]) -> str:
    """The Rollout's pod selector as a label selector string (without the hash label)."""
    selector = (rollout.get("spec") or {}).get("selector") or {}
    parts = [
        f"{k}={v}"
        for k, v in sorted((selector.get("matchLabels") or {}).items())
        if k != HASH_LABEL
    ]
    parts += [p for p in map(_expression, selector.get("matchExpressions") or []) if p]
    if not parts:  # workloadRef rollouts: the controller publishes the selector in status
        status_sel = str((rollout.get("status") or {}).get("selector") or "")
        parts = [p for p in status_sel.split(",") if p and not p.startswith(HASH_LABEL)]
    return ",".join(parts)


def rollout_target(rollout: Mapping[str, Any]) -> Target | None:
    """The canary target a Rollout describes right now, or None when it has none."""
    meta = rollout.get("metadata") or {}
    status = rollout.get("status") or {}
    annotations: Mapping[str, str] = meta.get("annotations") or {}
    canary = str(status.get("currentPodHash") or "")
    stable = str(status.get("stableRS") or (status.get("canary") or {}).get("stableRS") or "")
    if not canary or not stable or canary == stable:
        return None  # no update in progress, or fully promoted
    if status.get("abort") or status.get("phase") in ("Healthy", "Degraded"):
        return None  # aborted (canary scaled away) or finished
    if annotations.get(ANNOTATION + "enabled", "").strip().lower() == "false":
        return None
    base = rollout_selector(rollout)
    if not base:
        return None  # a selector-less rollout would match every pod in the namespace
    return Target(
        namespace=str(meta.get("namespace") or "default"),
        rollout=str(meta.get("name") or ""),
        stable_selector=f"{base},{HASH_LABEL}={stable}",
        canary_selector=f"{base},{HASH_LABEL}={canary}",
        canary_hash=canary,
        source="rollout",
        stable_hash=stable,
        extra_prompt=annotations.get(ANNOTATION + "extra-prompt", ""),
        repo_url=annotations.get(ANNOTATION + "repo-url", ""),
        base_branch=annotations.get(ANNOTATION + "base-branch", ""),
        container=annotations.get(ANNOTATION + "container") or None,
    )


class _Gone(Exception):
    """The watch's resourceVersion is too old: relist."""


def _version(value: str) -> int | None:
    """A resourceVersion as a number (etcd revisions are), None when it is not one."""
    return int(value) if value.isdigit() else None


class RolloutDiscovery:
    """Keeps `registry`'s rollout targets in step with the cluster until cancelled."""

    def __init__(
        self,
        conn: KubeConnection,
        settings: Settings,
        registry: TargetRegistry,
        *,
        retry: RetryPolicy | None = None,
        backoff_base: float = 1.0,
        backoff_max: float = 60.0,
        watch_timeout_seconds: int = 300,
    ) -> None:
        self._conn = conn
        self._api = client.CustomObjectsApi(conn.api)
        self._caller = ApiCaller(conn.identity, retry)
        self._registry = registry
        self._scopes: list[str | None] = list(settings.namespaces) or [None]
        self._listed: set[str | None] = set()
        self._backoff_base = backoff_base
        self._backoff_max = backoff_max
        self._watch_timeout = watch_timeout_seconds
        self.last_error: str | None = None  # for health reporting
        # Set while listing Rollouts is forbidden (403): the reference kubernetes-agent's
        # ServiceAccount may not list them. Readiness then does not wait for a list that
        # cannot come; the plugin-named targets are scored, and discovery keeps retrying.
        self.forbidden: str | None = None
        self.lists = 0  # full lists done (first sync + relists), for tests and metrics

    async def run(self) -> None:
        await asyncio.gather(*(self._scope_loop(ns) for ns in self._scopes))

    def _backoff(self, failures: int) -> float:
        delay = min(self._backoff_max, self._backoff_base * 2.0 ** min(failures - 1, 16))
        return delay * (0.5 + random.random())

    async def _scope_loop(self, namespace: str | None) -> None:
        resource_version: str | None = None
        failures = 0
        while True:
            try:
                if resource_version is None:
                    resource_version = await self._list(namespace)
                    self.forbidden = None
                started = asyncio.get_running_loop().time()
                resource_version, events = await self._watch(namespace, resource_version)
                self.last_error = None
                if events or asyncio.get_running_loop().time() - started > 1.0:
                    failures = 0
                else:  # a stream that ends at once (a proxy?) must not become a hot loop
                    failures += 1
                    await asyncio.sleep(self._backoff(failures))
            except _Gone:
                log.info("rollout watch expired (410 Gone) in %s; relisting", namespace or "*")
                resource_version = None
            except PermissionDenied as exc:
                failures += 1
                delay = self._backoff(failures)
                self.last_error = str(exc)
                if self.forbidden is None:
                    log.warning(
                        "%s — rollout discovery is off until that is granted; plugin/A2A-named "
                        "canaries are still scored (retrying with back-off)",
                        exc,
                    )
                self.forbidden = str(exc)
                self._listed.add(namespace)  # as far as we may: do not hold readiness DOWN
                if len(self._listed) == len(self._scopes):
                    self._registry.mark_synced()
                await asyncio.sleep(delay)
            except (
                CollectError,
                ApiException,
                HttpStatusError,
                aiohttp.ClientError,
                OSError,
                TimeoutError,
            ) as exc:
                failures += 1
                self.last_error = str(exc)
                # The state behind our resourceVersion may be gone (an API server restarted
                # over fresh or restored etcd answers "too large resource version" forever).
                resource_version = None
                delay = self._backoff(failures)
                log.warning("rollout discovery failed (%s); relisting in %.1fs", exc, delay)
                await asyncio.sleep(delay)
            except Exception as exc:  # a bug must not end discovery for good
                failures += 1
                resource_version = None
                self.last_error = f"{type(exc).__name__}: {exc}"
                log.exception("rollout discovery crashed; restarting")
                await asyncio.sleep(self._backoff(failures))

    async def _list(self, namespace: str | None) -> str:
        op = Op("list", "rollouts.argoproj.io", namespace)
        if namespace is None:
            doc = await self._caller.json(
                op, self._api.list_cluster_custom_object, GROUP, VERSION, PLURAL
            )
        else:
            doc = await self._caller.json(
                op, self._api.list_namespaced_custom_object, GROUP, VERSION, namespace, PLURAL
            )
        targets = [t for t in map(rollout_target, doc.get("items") or []) if t is not None]
        self._registry.replace_rollouts(targets, namespace)
        self.lists += 1
        self._listed.add(namespace)
        if len(self._listed) == len(self._scopes):
            self._registry.mark_synced()
        log.debug("listed rollouts in %s: %d canaries", namespace or "*", len(targets))
        return str((doc.get("metadata") or {}).get("resourceVersion") or "")

    async def _watch(self, namespace: str | None, resource_version: str) -> tuple[str, int]:
        """Apply events until the stream ends; returns the last resourceVersion seen and
        how many events arrived."""
        kwargs: dict[str, Any] = {
            "resource_version": resource_version,
            "timeout_seconds": self._watch_timeout,
            "allow_watch_bookmarks": True,
            # a silent, half-dead connection is noticed after the server-side timeout
            "_request_timeout": (10, self._watch_timeout + 30),
        }
        if namespace is None:
            args: tuple[Any, ...] = (self._api.list_cluster_custom_object, GROUP, VERSION, PLURAL)
        else:
            args = (self._api.list_namespaced_custom_object, GROUP, VERSION, namespace, PLURAL)
        stream = watch.Watch()
        events = 0
        try:
            async for event in stream.stream(*args, **kwargs):
                events += 1
                kind = event.get("type")
                obj = event.get("raw_object") or {}
                meta = obj.get("metadata") or {}
                seen = str(meta.get("resourceVersion") or resource_version)
                old, new = _version(resource_version), _version(seen)
                if old is not None and new is not None and new < old:
                    log.warning(
                        "rollout watch in %s went back from resourceVersion %s to %s "
                        "(API server state replaced?); relisting",
                        namespace or "*",
                        resource_version,
                        seen,
                    )
                    raise _Gone
                resource_version = seen
                if kind in ("ADDED", "MODIFIED"):
                    self._registry.set_rollout(
                        str(meta.get("namespace")), str(meta.get("name")), rollout_target(obj)
                    )
                elif kind == "DELETED":
                    self._registry.set_rollout(
                        str(meta.get("namespace")), str(meta.get("name")), None
                    )
        except ApiException as exc:
            if exc.status == 410:
                raise _Gone from exc
            op = Op("watch", "rollouts.argoproj.io", namespace)
            raise self._caller.error(op, exc, retried=False) from exc
        finally:
            await stream.close()
        return resource_version, events


async def resolve_named_target(
    conn: KubeConnection,
    namespace: str,
    rollout: str,
    stable_selector: str,
    canary_selector: str,
    *,
    extra_prompt: str = "",
    repo_url: str = "",
    base_branch: str = "",
    retry: RetryPolicy | None = None,
) -> Target:
    """A target named by an A2A request, tied to the rollout's canary revision if we can.

    The plugin sends fixed selectors (`role=canary`), whose hash would be the same for every
    revision; reading the Rollout (`get rollouts`) gives `status.currentPodHash`, so a
    result for one revision is never served for the next. When the Rollout cannot be read
    (not a Rollout, not found, forbidden) the selector hash is used, as for static targets.
    """
    caller = ApiCaller(conn.identity, retry)
    api = client.CustomObjectsApi(conn.api)
    canary_hash = stable_hash = None
    try:
        obj = await caller.json(
            Op("get", "rollouts.argoproj.io", namespace, rollout),
            api.get_namespaced_custom_object,
            GROUP,
            VERSION,
            namespace,
            PLURAL,
            rollout,
        )
        found = rollout_target(obj)
        if found is not None:
            canary_hash, stable_hash = found.canary_hash, found.stable_hash
    except CollectError as exc:
        log.info("cannot read rollout %s/%s for its revision: %s", namespace, rollout, exc)
    return Target(
        namespace=namespace,
        rollout=rollout,
        stable_selector=stable_selector,
        canary_selector=canary_selector,
        canary_hash=canary_hash or selector_hash(canary_selector),
        source="a2a",
        stable_hash=stable_hash,
        extra_prompt=extra_prompt,
        repo_url=repo_url,
        base_branch=base_branch,
    )
