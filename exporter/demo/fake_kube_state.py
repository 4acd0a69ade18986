"""The fake Kubernetes API's in-memory cluster: objects, logs, watches and faults.

All objects live in one generic store keyed by resource, so list/get/watch behave the same
for every kind; each change gets the next resourceVersion and is kept in a history that
`compact()` forgets, so a watch resuming from an older version gets 410 Gone as from a
real API server. Mutate the state from Python (tests, the demo's simulation) and open
watches see the change. Faults (`inject`, `drop_watch_after`, `drop_watches`) exercise a
client's retry and resume paths. The HTTP side lives in `fake_kube`.
"""

from __future__ import annotations

import asyncio
import bisect
import copy
import itertools
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from exporter.demo.kube_selectors import field_selector_matches, label_selector_matches

JSON = dict[str, Any]

# ---------------------------------------------------------------------------------------
# Resources, calls and faults
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Kind:
    group: str
    version: str
    resource: str
    kind: str
    namespaced: bool = True

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version


KINDS: dict[str, Kind] = {
    "pods": Kind("", "v1", "pods", "Pod"),
    "events": Kind("", "v1", "events", "Event"),
    "namespaces": Kind("", "v1", "namespaces", "Namespace", namespaced=False),
    "rollouts": Kind("argoproj.io", "v1alpha1", "rollouts", "Rollout"),
}


@dataclass(frozen=True, slots=True)
class ApiCall:
    """One request as RBAC sees it."""

    verb: str  # get | list | watch
    group: str
    resource: str
    subresource: str
    namespace: str  # "" for cluster-wide
    name: str = ""


@dataclass(slots=True)
class Fault:
    """Answer the next `times` matching requests with `status` (after `delay` seconds).

    `status=0` only delays, then answers normally: a slow API server. Unset filters match
    anything; `path` is a substring of the request path (e.g. "/pods/web-1/log").
    """

    status: int = 500
    times: int = 1
    verb: str | None = None
    resource: str | None = None
    subresource: str | None = None
    namespace: str | None = None
    name: str | None = None
    delay: float = 0.0
    message: str = ""
    path: str | None = None

    def matches(self, call: ApiCall, path: str = "") -> bool:
        if self.path is not None and self.path not in path:
            return False
        return all(
            want is None or want == got
            for want, got in (
                (self.verb, call.verb),
                (self.resource, call.resource),
                (self.subresource, call.subresource),
                (self.namespace, call.namespace),
                (self.name, call.name),
            )
        )


_REASONS = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    410: "Expired",
    422: "Invalid",
    429: "TooManyRequests",
    500: "InternalError",
    503: "ServiceUnavailable",
}


def status_object(code: int, message: str, reason: str | None = None) -> JSON:
    return {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": message,
        "reason": reason or _REASONS.get(code, "InternalError"),
        "code": code,
    }


def rfc3339(ts: float, nanos: bool = False) -> str:
    dt = datetime.fromtimestamp(ts, UTC)
    if nanos:
        return dt.strftime("%Y-%m-%dT%H:%M:%S.%f") + "000Z"
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def _micros(ts: float) -> int:
    """A log line's time as the kubelet stamps it (here: whole microseconds)."""
    return round(ts * 1_000_000)


def _stamp(us: int) -> str:
    secs, frac = divmod(us, 1_000_000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(secs)) + f".{frac:06d}000Z"


def parse_since_time(text: str) -> int:
    """A `sinceTime` query value (RFC 3339, any fraction) as microseconds since the epoch.

    Raises ValueError, which the HTTP side answers with 400 like the API server."""
    raw = text.strip().replace("z", "Z")
    head, frac, zone = raw[:19], "", raw[19:]
    if zone.startswith("."):
        digits = len(zone) - len(zone[1:].lstrip("0123456789"))
        frac, zone = zone[1:digits], zone[digits:]
    if zone == "Z":
        zone = "+00:00"
    dt = datetime.fromisoformat(head + zone)
    return int(dt.timestamp()) * 1_000_000 + int((frac + "000000")[:6])


LogSource = Callable[[float | None, float], Iterable[tuple[float, str]]]
"""A live log: called with (since unix time or None, now) → (timestamp, line) pairs."""


class StoredLog:
    """Fixed lines with timestamps, pre-rendered so serving large logs stays cheap.

    Times are kept in whole microseconds, the precision of the stamps we print, so a
    `sinceTime` copied from a line's stamp selects that line (`>=`), as the kubelet does.
    Lines are sorted by time unless `write_order`: then they stay as given, the order of a
    log file whose node clock stepped back. One instance may back many containers
    (`set_logs` accepts it), as the benchmark does.
    """

    def __init__(self, lines: Sequence[tuple[float, str]], *, write_order: bool = False) -> None:
        pairs = [(_micros(t), line) for t, line in lines]
        self.sorted = not write_order or all(a[0] <= b[0] for a, b in itertools.pairwise(pairs))
        ordered = sorted(pairs, key=lambda p: p[0]) if self.sorted else pairs
        self.times = [t for t, _ in ordered]
        self.plain = [line + "\n" for _, line in ordered]
        self.stamped = [f"{_stamp(t)} {line}\n" for t, line in ordered]

    def render(
        self,
        since: float | None,
        timestamps: bool,
        since_us: int | None = None,
        tail: int | None = None,
    ) -> list[str]:
        """The kubelet's order: the last `tail` lines of the file, then those at or after
        `since` (each line on its own stamp)."""
        if since_us is None and since is not None:
            since_us = _micros(since)
        rendered = self.stamped if timestamps else self.plain
        first = 0 if tail is None else max(0, len(rendered) - tail)
        if since_us is None:
            return rendered[first:]
        if self.sorted:
            return rendered[max(first, bisect.bisect_left(self.times, since_us)) :]
        return [rendered[i] for i in range(first, len(rendered)) if self.times[i] >= since_us]


def render_live(
    source: LogSource, since: float | None, now: float, ts: bool, since_us: int | None = None
) -> list[str]:
    if since_us is None and since is not None:
        since_us = _micros(since)
    out = []
    for t, line in source(None if since_us is None else since_us / 1_000_000, now):
        us = _micros(t)
        if since_us is None or us >= since_us:
            out.append(f"{_stamp(us)} {line}\n" if ts else line + "\n")
    return out


# ---------------------------------------------------------------------------------------
# State
# ---------------------------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class _Watcher:
    """One open watch's filter and event queue (None in the queue closes the stream)."""

    kind: Kind
    namespace: str
    label_selector: str | None
    field_selector: str | None
    bookmarks: bool
    queue: asyncio.Queue[JSON | None] = field(default_factory=asyncio.Queue)

    def wants(self, obj: JSON) -> bool:
        meta = obj.get("metadata", {})
        if self.namespace and meta.get("namespace") != self.namespace:
            return False
        return label_selector_matches(
            self.label_selector, meta.get("labels") or {}
        ) and field_selector_matches(self.field_selector, obj)


@dataclass(eq=False, slots=True)
class WatchStream:
    """What the HTTP side needs to serve one watch."""

    watcher: _Watcher
    limit: int | None  # close after this many events (fault injection)
    gone: JSON | None = None  # the 410 ERROR event to send instead, when set

    async def next_event(self, wait_seconds: float | None) -> JSON | None:
        """The next event, or None when the stream must end (dropped or timed out)."""
        try:
            return await asyncio.wait_for(self.watcher.queue.get(), wait_seconds)
        except TimeoutError:
            return None


class FakeKubeState:
    """Everything the fake API serves; mutate it from Python, watchers see the changes."""

    def __init__(self, *, token: str | None = None) -> None:
        self.token = token  # when set, requests need `Authorization: Bearer <token>`
        # RBAC: when set, a call it refuses gets the API server's 403 (`forbidden_message`)
        self.authorize: Callable[[ApiCall], bool] | None = None
        self.user = "system:serviceaccount:default:default"
        self.objects: dict[str, dict[tuple[str, str], JSON]] = {r: {} for r in KINDS}
        self.calls: list[ApiCall] = []
        self.request_count = 0
        self.record_calls = True
        self.faults: list[Fault] = []
        self._rv = 1000
        self._history: dict[str, list[tuple[int, str, JSON]]] = {r: [] for r in KINDS}
        self._compacted: dict[str, int] = dict.fromkeys(KINDS, 0)
        self._watchers: set[_Watcher] = set()
        self._drop_after: list[int] = []
        self._logs: dict[tuple[str, str, str, bool], StoredLog | LogSource] = {}
        # every pods/log request's pod and query, and the bytes answered (tests, benchmarks)
        self.log_requests: list[dict[str, str]] = []
        self.log_bytes = 0
        self.log_lines = 0

    # --- generic store ------------------------------------------------------------------
    @property
    def resource_version(self) -> int:
        return self._rv

    def put(self, resource: str, obj: JSON, *, silent: bool = False) -> JSON:
        """Create or replace an object (ADDED/MODIFIED to watchers); returns the stored copy.

        `silent` changes it without telling watchers or keeping history: the events a client
        misses when its watch falls behind (pair with `compact()` to force a 410 relist).
        """
        kind = KINDS[resource]
        obj = copy.deepcopy(obj)
        meta = obj.setdefault("metadata", {})
        ns = meta.get("namespace", "") if kind.namespaced else ""
        if kind.namespaced:
            meta["namespace"] = ns = ns or "default"
            self.ensure_namespace(ns)
        key = (ns, meta["name"])
        existing = self.objects[resource].get(key)
        obj.setdefault("apiVersion", kind.api_version)
        obj.setdefault("kind", kind.kind)
        meta.setdefault("uid", existing["metadata"]["uid"] if existing else str(uuid.uuid4()))
        meta.setdefault("creationTimestamp", rfc3339(time.time()))
        self._rv += 1
        meta["resourceVersion"] = str(self._rv)
        self.objects[resource][key] = obj
        if not silent:
            self._emit(resource, "MODIFIED" if existing else "ADDED", obj)
        return obj

    def get(self, resource: str, namespace: str, name: str) -> JSON | None:
        return self.objects[resource].get((namespace if KINDS[resource].namespaced else "", name))

    def delete(self, resource: str, namespace: str, name: str, *, silent: bool = False) -> None:
        key = (namespace if KINDS[resource].namespaced else "", name)
        obj = self.objects[resource].pop(key, None)
        if obj is not None and silent:
            self._rv += 1
        elif obj is not None:
            self._rv += 1
            obj = copy.deepcopy(obj)
            obj["metadata"]["resourceVersion"] = str(self._rv)
            self._emit(resource, "DELETED", obj)

    def ensure_namespace(self, name: str) -> None:
        if ("", name) not in self.objects["namespaces"]:
            self.put("namespaces", {"metadata": {"name": name}, "status": {"phase": "Active"}})

    def _emit(self, resource: str, kind: str, obj: JSON) -> None:
        rv = int(obj["metadata"]["resourceVersion"])
        self._history[resource].append((rv, kind, obj))
        for w in list(self._watchers):
            if w.kind.resource == resource and w.wants(obj):
                w.queue.put_nowait({"type": kind, "object": obj})

    # --- pods, logs, events, rollouts -------------------------------------------------------
    def add_pod(
        self,
        namespace: str,
        name: str,
        labels: Mapping[str, str],
        containers: Sequence[str] = ("app",),
        *,
        phase: str = "Running",
        ready: bool = True,
        restarts: Mapping[str, int] | None = None,
        last_terminated: Mapping[str, tuple[str, int]] | None = None,
        waiting: Mapping[str, str] | None = None,
        init_containers: Sequence[str] = (),
    ) -> JSON:
        """A pod as the API server returns it: spec, conditions and containerStatuses."""
        restarts = restarts or {}
        last_terminated = last_terminated or {}
        waiting = waiting or {}
        statuses = []
        for c in containers:
            state: JSON = (
                {"waiting": {"reason": waiting[c], "message": f"back-off restarting {c}"}}
                if c in waiting
                else {"running": {"startedAt": rfc3339(time.time() - 60)}}
            )
            last: JSON = {}
            if c in last_terminated:
                reason, code = last_terminated[c]
                last = {"terminated": {"reason": reason, "exitCode": code}}
            statuses.append(
                {
                    "name": c,
                    "ready": ready and c not in waiting,
                    "restartCount": restarts.get(c, 0),
                    "image": f"registry.example/{c}:1",
                    "imageID": "",
                    "started": c not in waiting,
                    "state": state,
                    "lastState": last,
                }
            )
        pod: JSON = {
            "metadata": {"name": name, "namespace": namespace, "labels": dict(labels)},
            "spec": {
                "containers": [{"name": c, "image": f"registry.example/{c}:1"} for c in containers],
                "initContainers": [
                    {"name": c, "image": f"registry.example/{c}:1"} for c in init_containers
                ],
            },
            "status": {
                "phase": phase,
                "conditions": [{"type": "Ready", "status": "True" if ready else "False"}],
                "containerStatuses": statuses,
            },
        }
        return self.put("pods", pod)

    def set_logs(
        self,
        namespace: str,
        pod: str,
        container: str,
        source: str | Sequence[tuple[float, str]] | LogSource | StoredLog,
        *,
        previous: bool = False,
        spread_seconds: float = 60.0,
        end: float | None = None,
    ) -> None:
        """Log text of a container: a string (lines spread over the last `spread_seconds`),
        (timestamp, line) pairs, a shared `StoredLog`, or a callable for a live log."""
        if isinstance(source, StoredLog):
            self._logs[(namespace, pod, container, previous)] = source
        elif isinstance(source, str):
            lines = source.splitlines()
            end = time.time() if end is None else end
            step = spread_seconds / max(len(lines), 1)
            pairs = [(end - spread_seconds + (i + 1) * step, line) for i, line in enumerate(lines)]
            self._logs[(namespace, pod, container, previous)] = StoredLog(pairs)
        elif callable(source):
            self._logs[(namespace, pod, container, previous)] = source
        else:
            self._logs[(namespace, pod, container, previous)] = StoredLog(source)

    def add_event(
        self,
        namespace: str,
        pod: str,
        reason: str,
        message: str,
        *,
        type: str = "Warning",
        count: int = 1,
        timestamp: float | None = None,
    ) -> JSON:
        ts = rfc3339(time.time() if timestamp is None else timestamp)
        event = {
            "metadata": {"name": f"{pod}.{uuid.uuid4().hex[:16]}", "namespace": namespace},
            "involvedObject": {"kind": "Pod", "name": pod, "namespace": namespace},
            "reason": reason,
            "message": message,
            "type": type,
            "count": count,
            "firstTimestamp": ts,
            "lastTimestamp": ts,
            "source": {"component": "kubelet"},
        }
        return self.put("events", event)

    @staticmethod
    def make_rollout(
        namespace: str,
        name: str,
        *,
        match_labels: Mapping[str, str],
        stable_hash: str,
        canary_hash: str,
        phase: str = "Paused",
        abort: bool = False,
        annotations: Mapping[str, str] | None = None,
        match_expressions: Sequence[JSON] = (),
    ) -> JSON:
        """An Argo Rollout (canary strategy) as the controller leaves it mid-update."""
        selector: JSON = {"matchLabels": dict(match_labels)}
        if match_expressions:
            selector["matchExpressions"] = list(match_expressions)
        status: JSON = {
            "phase": phase,
            "currentPodHash": canary_hash,
            "stableRS": stable_hash,
            "selector": ",".join(f"{k}={v}" for k, v in match_labels.items()),
        }
        if abort:
            status["abort"] = True
        return {
            "metadata": {
                "name": name,
                "namespace": namespace,
                "annotations": dict(annotations or {}),
            },
            "spec": {"selector": selector, "strategy": {"canary": {"steps": []}}},
            "status": status,
        }

    def put_rollout(self, rollout: JSON, *, silent: bool = False) -> JSON:
        return self.put("rollouts", rollout, silent=silent)

    # --- faults ---------------------------------------------------------------------------
    def inject(self, fault: Fault) -> None:
        self.faults.append(fault)

    def drop_watch_after(self, events: int) -> None:
        """The next watch stream opened closes after sending `events` events."""
        self._drop_after.append(events)

    def drop_watches(self) -> None:
        """Close every open watch stream now (as an API server restart would)."""
        for w in list(self._watchers):
            w.queue.put_nowait(None)

    def compact(self) -> None:
        """Forget history: watches resuming from an older resourceVersion get 410 Gone."""
        for r in KINDS:
            self._history[r].clear()
            self._compacted[r] = self._rv

    def bookmark(self) -> None:
        """Send a BOOKMARK with the current resourceVersion to watches that asked for them."""
        for w in list(self._watchers):
            if w.bookmarks:
                obj = {
                    "kind": w.kind.kind,
                    "apiVersion": w.kind.api_version,
                    "metadata": {"resourceVersion": str(self._rv)},
                }
                w.queue.put_nowait({"type": "BOOKMARK", "object": obj})

    @property
    def open_watches(self) -> int:
        return len(self._watchers)

    # --- used by the HTTP side ----------------------------------------------------------------
    def select(
        self, resource: str, namespace: str, labels: str | None, fields: str | None
    ) -> list[JSON]:
        """Objects of a resource in a namespace ("" = all) matching both selectors."""
        out = []
        for (obj_ns, _), obj in sorted(self.objects[resource].items()):
            if namespace and obj_ns != namespace:
                continue
            if not label_selector_matches(labels, obj["metadata"].get("labels") or {}):
                continue
            if field_selector_matches(fields, obj):
                out.append(obj)
        return out

    def open_watch(
        self,
        resource: str,
        namespace: str,
        labels: str | None,
        fields: str | None,
        *,
        resource_version: str = "",
        bookmarks: bool = False,
    ) -> WatchStream:
        """Register a watch and queue what it must replay, in one step (no event is lost).

        resourceVersion "" or "0": synthetic ADDED for what exists now; a number: the
        history after it, a 410 ERROR event when compaction has forgotten it, or (as the
        real API server answers once its cache has not caught up) a 504 "Too large resource
        version" ERROR event when it is newer than this store: a restart with fresh state.
        """
        watcher = _Watcher(KINDS[resource], namespace, labels, fields, bookmarks)
        limit = self._drop_after.pop(0) if self._drop_after else None
        stream = WatchStream(watcher, limit)
        if resource_version in ("", "0"):
            for obj in self.select(resource, namespace, labels, fields):
                watcher.queue.put_nowait({"type": "ADDED", "object": obj})
        else:
            rv = int(resource_version)
            if rv < self._compacted[resource]:
                msg = f"too old resource version: {rv} ({self._rv})"
                stream.gone = {"type": "ERROR", "object": status_object(410, msg, "Expired")}
                return stream
            if rv > self._rv:
                msg = f"Too large resource version: {rv}, current: {self._rv}"
                status = status_object(504, msg, "Timeout")
                status["details"] = {"causes": [{"reason": "ResourceVersionTooLarge"}]}
                stream.gone = {"type": "ERROR", "object": status}
                return stream
            for v, kind, obj in self._history[resource]:
                if v > rv and watcher.wants(obj):
                    watcher.queue.put_nowait({"type": kind, "object": obj})
        self._watchers.add(watcher)
        return stream

    def close_watch(self, stream: WatchStream) -> None:
        self._watchers.discard(stream.watcher)

    def log_source(
        self, namespace: str, pod: str, container: str, previous: bool
    ) -> StoredLog | LogSource | None:
        return self._logs.get((namespace, pod, container, previous))

    def forbidden_message(self, call: ApiCall) -> str:
        """The API server's wording for an RBAC denial."""
        group = f".{call.group}" if call.group else ""
        resource = f"{call.resource}/{call.subresource}" if call.subresource else call.resource
        scope = f'in the namespace "{call.namespace}"' if call.namespace else "at the cluster scope"
        name = f' "{call.name}"' if call.name else ""
        return (
            f'{call.resource}{group}{name} is forbidden: User "{self.user}" cannot {call.verb} '
            f'resource "{resource}" in API group "{call.group}" {scope}'
        )

    def take_fault(self, call: ApiCall, path: str = "") -> Fault | None:
        for f in self.faults:
            if f.times > 0 and f.matches(call, path):
                f.times -= 1
                if f.times == 0:
                    self.faults.remove(f)
                return f
        return None
