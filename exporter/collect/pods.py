"""Which pods and which container to read, and what Kubernetes says about them.

Plain functions over the API's pod/event JSON, so they are tested with plain dicts. Pods are
ranked running+ready first (their logs cover the whole window), but when a side has a pod
in a crash loop or killed for memory, one slot goes to the worst such pod: that pod is the
evidence, and a canary whose healthy pods hide a crash-looping one must not look clean.
The container is the configured one, else the first that is not a mesh sidecar.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from exporter.model import PodFacts

JSON = Mapping[str, Any]

SIDECARS = frozenset({"istio-proxy", "istio-init", "linkerd-proxy", "linkerd-init", "envoy"})
_TROUBLE = frozenset({"CrashLoopBackOff", "OOMKilled", "Error", "ImagePullBackOff"})
MAX_EVENTS_PER_POD = 5


def is_sidecar(name: str) -> bool:
    return name in SIDECARS or name.endswith("-sidecar")


def pod_name(pod: JSON) -> str:
    return str((pod.get("metadata") or {}).get("name") or "")


def _statuses(pod: JSON) -> list[JSON]:
    return list((pod.get("status") or {}).get("containerStatuses") or [])


def _container_status(pod: JSON, container: str) -> JSON:
    return next((s for s in _statuses(pod) if s.get("name") == container), {})


def choose_container(pod: JSON, preferred: str | None = None) -> str | None:
    """The configured container when the pod has it, else the first non-sidecar."""
    names = [str(c.get("name")) for c in (pod.get("spec") or {}).get("containers") or []]
    if preferred and preferred in names:
        return preferred
    return next((n for n in names if not is_sidecar(n)), names[0] if names else None)


def is_ready(pod: JSON) -> bool:
    conditions = (pod.get("status") or {}).get("conditions") or []
    return any(c.get("type") == "Ready" and c.get("status") == "True" for c in conditions)


def _trouble(pod: JSON) -> int:
    """Restarts of a pod that is crash-looping or was OOM-killed (0 when it is fine)."""
    worst = 0
    for s in _statuses(pod):
        waiting = ((s.get("state") or {}).get("waiting") or {}).get("reason")
        terminated = ((s.get("lastState") or {}).get("terminated") or {}).get("reason")
        if waiting in _TROUBLE or terminated in _TROUBLE:
            worst = max(worst, 1 + int(s.get("restartCount") or 0))
    return worst


def select_pods(pods: Sequence[JSON], limit: int) -> list[JSON]:
    """Up to `limit` pods: running+ready first, one slot kept for the worst troubled pod."""
    if limit <= 0:
        return []

    def rank(pod: JSON) -> tuple[int, str]:
        phase = (pod.get("status") or {}).get("phase")
        return (
            0 if phase == "Running" and is_ready(pod) else 1 if phase == "Running" else 2,
            pod_name(pod),
        )

    live = [p for p in pods if not (p.get("metadata") or {}).get("deletionTimestamp")]
    chosen = sorted(live, key=rank)[:limit]
    troubled = sorted(live, key=lambda p: (-_trouble(p), pod_name(p)))
    if troubled and _trouble(troubled[0]) and not any(_trouble(p) for p in chosen):
        chosen = [*chosen[: limit - 1], troubled[0]]
    return chosen


def _event_time(event: JSON) -> float:
    raw = (
        event.get("lastTimestamp")
        or event.get("eventTime")
        or (event.get("series") or {}).get("lastObservedTime")
        or (event.get("metadata") or {}).get("creationTimestamp")
    )
    if not raw:
        return 0.0
    try:
        return datetime.fromisoformat(str(raw).replace("Z", "+00:00")).timestamp()
    except ValueError:
        return 0.0


def warnings_by_pod(
    events: Iterable[JSON], window_seconds: float, now: float | None = None
) -> dict[str, list[str]]:
    """Recent Warning events per pod name, "Reason: message", newest first."""
    cutoff = (time.time() if now is None else now) - window_seconds
    recent: dict[str, list[tuple[float, str]]] = {}
    for e in events:
        involved = e.get("involvedObject") or {}
        if e.get("type") != "Warning" or involved.get("kind", "Pod") != "Pod":
            continue
        when = _event_time(e)
        if when and when < cutoff:
            continue
        text = f"{e.get('reason', '')}: {e.get('message', '')}".strip()
        recent.setdefault(str(involved.get("name")), []).append((when, text))
    return {
        pod: [text for _, text in sorted(items, key=lambda i: -i[0])[:MAX_EVENTS_PER_POD]]
        for pod, items in recent.items()
    }


def pod_facts(pod: JSON, container: str | None, warnings: Sequence[str] = ()) -> PodFacts:
    """What the API says about one pod, seen through the container we read."""
    status = _container_status(pod, container) if container else {}
    terminated = (status.get("lastState") or {}).get("terminated") or {}
    waiting = (status.get("state") or {}).get("waiting") or {}
    exit_code = terminated.get("exitCode")
    return PodFacts(
        name=pod_name(pod),
        phase=str((pod.get("status") or {}).get("phase") or "Unknown"),
        ready=is_ready(pod),
        restart_count=int(status.get("restartCount") or 0),
        last_termination_reason=terminated.get("reason") or None,
        last_exit_code=int(exit_code) if exit_code is not None else None,
        waiting_reason=waiting.get("reason") or None,
        warning_events=list(warnings),
    )
