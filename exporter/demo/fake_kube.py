"""A small in-memory Kubernetes API server for tests and the `demo` command.

The real kubernetes-asyncio client talks to it over HTTP on 127.0.0.1, so tests prove our
wire format, selectors, watch handling and error mapping rather than a mock's idea of them.
It implements only what the collector uses, the way the API server does it: pods (list,
get, `/log` with `container`, `sinceSeconds`, `limitBytes`, `previous`, `timestamps`,
`tailLines`), events (field selectors), namespaces, and `argoproj.io/v1alpha1` Rollouts with
list + watch (resourceVersion resume, 410 Gone after `compact()`, optional bookmarks).
Errors are `Status` objects. Label selectors follow the real grammar (`a=b`, `a!=b`,
`a in (x,y)`, `a notin (x)`, `a`, `!a`).

All objects live in one generic store keyed by resource, so list/get/watch behave the same
for every kind. `FakeKubeState` is mutated directly from Python (tests, the demo's
simulation); faults (`inject`, `drop_watch_after`, `drop_watches`) exercise the client's
retry and resume paths. Every request is recorded as an `ApiCall` (verb, resource,
subresource, namespace) so a test can check it against the shipped RBAC rules.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import copy
import json
import re
import ssl
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from aiohttp import web

JSON = dict[str, Any]

# ---------------------------------------------------------------------------------------
# Selectors
# ---------------------------------------------------------------------------------------

_KEY = r"[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?"
_VALUE = r"([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?"
_SET_RE = re.compile(rf"^\s*({_KEY})\s+(in|notin)\s*\(([^)]*)\)\s*$")
_EQ_RE = re.compile(rf"^\s*({_KEY})\s*(==|=|!=)\s*({_VALUE})\s*$")
_EXISTS_RE = re.compile(rf"^\s*(!?)\s*({_KEY})\s*$")


@dataclass(frozen=True, slots=True)
class Requirement:
    """One clause of a label selector."""

    key: str
    op: str  # "=", "!=", "in", "notin", "exists", "!"
    values: frozenset[str] = frozenset()

    def matches(self, labels: Mapping[str, str]) -> bool:
        present = self.key in labels
        value = labels.get(self.key)
        if self.op == "=":
            return present and value in self.values
        if self.op == "in":
            return present and value in self.values
        if self.op in ("!=", "notin"):
            # Kubernetes: `a!=b` and `a notin (b)` also match objects without the label.
            return not present or value not in self.values
        if self.op == "exists":
            return present
        return not present  # "!"


def _split_clauses(selector: str) -> list[str]:
    """Split on commas that are not inside `( … )`."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(selector):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(selector[start:i])
            start = i + 1
    parts.append(selector[start:])
    return [p for p in (part.strip() for part in parts) if p]


def parse_label_selector(selector: str | None) -> list[Requirement]:
    """Parse a label selector string; raises ValueError like the API server's 400."""
    reqs: list[Requirement] = []
    for clause in _split_clauses(selector or ""):
        if m := _SET_RE.match(clause):
            values = frozenset(v.strip() for v in m.group(4).split(",") if v.strip())
            reqs.append(Requirement(m.group(1), m.group(3), values))
        elif m := _EQ_RE.match(clause):
            op = "!=" if m.group(3) == "!=" else "="
            reqs.append(Requirement(m.group(1), op, frozenset({m.group(4)})))
        elif m := _EXISTS_RE.match(clause):
            reqs.append(Requirement(m.group(2), "!" if m.group(1) else "exists"))
        else:
            raise ValueError(f"unable to parse requirement: {clause!r}")
    return reqs


def label_selector_matches(selector: str | None, labels: Mapping[str, str]) -> bool:
    return all(r.matches(labels) for r in parse_label_selector(selector))


def _field(obj: JSON, path: str) -> str:
    cur: Any = obj
    for part in path.split("."):
        cur = cur.get(part) if isinstance(cur, dict) else None
    return "" if cur is None else str(cur)


def field_selector_matches(selector: str | None, obj: JSON) -> bool:
    """Field selectors: `a.b=c`, `a.b==c`, `a.b!=c`, comma-joined (ANDed)."""
    for clause in _split_clauses(selector or ""):
        m = re.match(r"^([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*)$", clause)
        if m is None:
            raise ValueError(f"invalid field selector: {clause!r}")
        path, op, want = m.group(1), m.group(2), m.group(3).strip()
        got = _field(obj, path)
        if (got == want) != (op != "!="):
            return False
    return True


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
    """Answer the next `times` matching requests with `status` (after `delay` seconds)."""

    status: int = 500
    times: int = 1
    verb: str | None = None
    resource: str | None = None
    subresource: str | None = None
    namespace: str | None = None
    name: str | None = None
    delay: float = 0.0
    message: str = ""

    def matches(self, call: ApiCall) -> bool:
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


# ---------------------------------------------------------------------------------------
# Logs
# ---------------------------------------------------------------------------------------

LogSource = Callable[[float | None, float], Iterable[tuple[float, str]]]
"""A live log: called with (since unix time or None, now) → (timestamp, line) pairs."""


class StoredLog:
    """Fixed lines with timestamps, pre-rendered so serving large logs stays cheap.

    One instance may back many containers (`set_logs` accepts it), as the benchmark does.
    """

    def __init__(self, lines: Sequence[tuple[float, str]]) -> None:
        ordered = sorted(lines, key=lambda p: p[0])
        self.times = [t for t, _ in ordered]
        self.plain = [line + "\n" for _, line in ordered]
        self.stamped = [f"{rfc3339(t, nanos=True)} {line}\n" for t, line in ordered]

    def render(self, since: float | None, timestamps: bool) -> list[str]:
        start = bisect.bisect_left(self.times, since) if since is not None else 0
        return (self.stamped if timestamps else self.plain)[start:]


def _render_live(source: LogSource, since: float | None, now: float, ts: bool) -> list[str]:
    out = []
    for t, line in source(since, now):
        if since is None or t >= since:
            out.append(f"{rfc3339(t, nanos=True)} {line}\n" if ts else line + "\n")
    return out


# ---------------------------------------------------------------------------------------
# State
# ---------------------------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class _Watcher:
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


class FakeKubeState:
    """Everything the fake API serves; mutate it from Python, watchers see the changes."""

    def __init__(self, *, token: str | None = None) -> None:
        self.token = token  # when set, requests need `Authorization: Bearer <token>`
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

    def _take_fault(self, call: ApiCall) -> Fault | None:
        for f in self.faults:
            if f.times > 0 and f.matches(call):
                f.times -= 1
                if f.times == 0:
                    self.faults.remove(f)
                return f
        return None


# ---------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------

_PATH_RE = re.compile(
    r"^/(?:api/(?P<core>v1)|apis/(?P<group>[^/]+)/(?P<version>[^/]+))"
    r"(?:/namespaces/(?P<ns>[^/]+)(?=/))?"
    r"/(?P<resource>[^/]+)(?:/(?P<name>[^/]+))?(?:/(?P<sub>[^/]+))?$"
)


def _error(code: int, message: str, reason: str | None = None) -> web.Response:
    return web.json_response(status_object(code, message, reason), status=code)


def _flag(request: web.Request, name: str) -> bool:
    return request.query.get(name, "false").lower() in ("true", "1")


class FakeKubeApp:
    """The aiohttp application over a `FakeKubeState`."""

    def __init__(self, state: FakeKubeState) -> None:
        self.state = state
        self.app = web.Application()
        self.app.router.add_get("/version", self._version)
        self.app.router.add_get("/version/", self._version)  # what VersionApi.get_code asks
        self.app.router.add_get("/api", self._api)
        self.app.router.add_get("/api/", self._api)
        self.app.router.add_get("/apis", self._apis)
        self.app.router.add_get("/apis/", self._apis)
        self.app.router.add_get("/_fake/stats", self._stats)
        self.app.router.add_route("*", "/{tail:.*}", self._resource)

    async def _version(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "major": "1",
                "minor": "31",
                "gitVersion": "v1.31.0-fake",
                "gitCommit": "0" * 40,
                "gitTreeState": "clean",
                "buildDate": "2024-08-13T00:00:00Z",
                "goVersion": "go1.22.5",
                "compiler": "gc",
                "platform": "linux/amd64",
            }
        )

    async def _api(self, request: web.Request) -> web.Response:
        return web.json_response({"kind": "APIVersions", "versions": ["v1"]})

    async def _apis(self, request: web.Request) -> web.Response:
        version = {"groupVersion": "argoproj.io/v1alpha1", "version": "v1alpha1"}
        group = {"name": "argoproj.io", "versions": [version], "preferredVersion": version}
        return web.json_response({"kind": "APIGroupList", "apiVersion": "v1", "groups": [group]})

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response({"requests": self.state.request_count})

    async def _resource(self, request: web.Request) -> web.StreamResponse:
        st = self.state
        st.request_count += 1
        if st.token is not None and request.headers.get("Authorization") != f"Bearer {st.token}":
            return _error(401, "Unauthorized")
        m = _PATH_RE.match(request.path)
        kind = KINDS.get(m.group("resource")) if m else None
        if m is None or kind is None or request.method != "GET":
            return _error(404, "the server could not find the requested resource")
        group = m.group("group") or ""
        if group != kind.group or (m.group("version") or m.group("core")) != kind.version:
            return _error(404, "the server could not find the requested resource")
        ns, name, sub = m.group("ns") or "", m.group("name") or "", m.group("sub") or ""
        watching = _flag(request, "watch")
        verb = "get" if name else ("watch" if watching else "list")
        call = ApiCall(verb, group, kind.resource, sub, ns, name)
        if st.record_calls:
            st.calls.append(call)
        fault = st._take_fault(call)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            return _error(fault.status, fault.message or f"injected fault {fault.status}")
        try:
            if sub == "log" and kind.resource == "pods":
                return self._log(request, ns, name)
            if sub:
                return _error(404, "the server could not find the requested resource")
            if name:
                obj = st.get(kind.resource, ns, name)
                if obj is None:
                    return _error(404, f'{kind.resource} "{name}" not found')
                return web.json_response(obj)
            if watching:
                return await self._watch(request, kind, ns)
            return self._list(request, kind, ns)
        except ValueError as exc:
            return _error(400, str(exc))

    def _select(self, request: web.Request, kind: Kind, ns: str) -> list[JSON]:
        labels = request.query.get("labelSelector")
        fields = request.query.get("fieldSelector")
        out = []
        for (obj_ns, _), obj in sorted(self.state.objects[kind.resource].items()):
            if ns and obj_ns != ns:
                continue
            if not label_selector_matches(labels, obj["metadata"].get("labels") or {}):
                continue
            if field_selector_matches(fields, obj):
                out.append(obj)
        return out

    def _list(self, request: web.Request, kind: Kind, ns: str) -> web.Response:
        items = self._select(request, kind, ns)
        return web.json_response(
            {
                "kind": f"{kind.kind}List",
                "apiVersion": kind.api_version,
                "metadata": {"resourceVersion": str(self.state.resource_version)},
                "items": items,
            }
        )

    async def _watch(self, request: web.Request, kind: Kind, ns: str) -> web.StreamResponse:
        st = self.state
        watcher = _Watcher(
            kind,
            ns,
            request.query.get("labelSelector"),
            request.query.get("fieldSelector"),
            _flag(request, "allowWatchBookmarks"),
        )
        rv_param = request.query.get("resourceVersion", "")
        backlog: list[JSON] = []
        gone: JSON | None = None
        if rv_param in ("", "0"):
            backlog = [{"type": "ADDED", "object": o} for o in self._select(request, kind, ns)]
        else:
            rv = int(rv_param)
            if rv < st._compacted[kind.resource]:
                msg = f"too old resource version: {rv} ({st.resource_version})"
                gone = {"type": "ERROR", "object": status_object(410, msg, "Expired")}
            else:
                backlog = [
                    {"type": t, "object": o}
                    for v, t, o in st._history[kind.resource]
                    if v > rv and watcher.wants(o)
                ]
        limit = st._drop_after.pop(0) if st._drop_after else None
        timeout = float(request.query.get("timeoutSeconds", "0") or 0) or None
        resp = web.StreamResponse(headers={"Content-Type": "application/json"})
        await resp.prepare(request)
        if gone is not None:
            await resp.write(json.dumps(gone).encode() + b"\n")
            await resp.write_eof()
            return resp
        for event in backlog:
            watcher.queue.put_nowait(event)
        st._watchers.add(watcher)
        sent = 0
        deadline = None if timeout is None else asyncio.get_running_loop().time() + timeout
        try:
            while limit is None or sent < limit:
                remaining = None
                if deadline is not None:
                    remaining = deadline - asyncio.get_running_loop().time()
                    if remaining <= 0:
                        break
                try:
                    item = await asyncio.wait_for(watcher.queue.get(), remaining)
                except TimeoutError:
                    break
                if item is None:
                    break
                await resp.write(json.dumps(item).encode() + b"\n")
                sent += 1
            with contextlib.suppress(ConnectionError):
                await resp.write_eof()
        except ConnectionError:
            pass  # the client went away
        finally:
            st._watchers.discard(watcher)
        return resp

    def _log(self, request: web.Request, ns: str, name: str) -> web.Response:
        pod = self.state.get("pods", ns, name)
        if pod is None:
            return _error(404, f'pods "{name}" not found')
        containers = [c["name"] for c in pod["spec"]["containers"]]
        container = request.query.get("container")
        if not container:
            if len(containers) != 1:
                return _error(
                    400,
                    f"a container name must be specified for pod {name}, "
                    f"choose one of: [{' '.join(containers)}]",
                )
            container = containers[0]
        if container not in containers:
            return _error(400, f"container {container} is not valid for pod {name}")
        previous = _flag(request, "previous")
        source = self.state._logs.get((ns, name, container, previous))
        if source is None and previous:
            return _error(
                400, f'previous terminated container "{container}" in pod "{name}" not found'
            )
        now = time.time()
        since = None
        if "sinceSeconds" in request.query:
            since = now - int(request.query["sinceSeconds"])
        stamps = _flag(request, "timestamps")
        if source is None:
            lines: list[str] = []
        elif isinstance(source, StoredLog):
            lines = source.render(since, stamps)
        else:
            lines = _render_live(source, since, now, stamps)
        if "tailLines" in request.query:
            tail = int(request.query["tailLines"])
            lines = lines[-tail:] if tail > 0 else []
        body = "".join(lines).encode()
        if "limitBytes" in request.query:
            body = body[: int(request.query["limitBytes"])]
        return web.Response(body=body, content_type="text/plain")


class FakeKube:
    """The fake API server on 127.0.0.1: `async with FakeKube() as kube: kube.url …`."""

    def __init__(self, state: FakeKubeState | None = None) -> None:
        self.state = state or FakeKubeState()
        self.app = FakeKubeApp(self.state).app
        self._runner: web.AppRunner | None = None
        self._scheme = "http"
        self.port = 0

    @property
    def url(self) -> str:
        return f"{self._scheme}://127.0.0.1:{self.port}"

    async def start(
        self, host: str = "127.0.0.1", port: int = 0, *, ssl_context: ssl.SSLContext | None = None
    ) -> FakeKube:
        """Listen (HTTPS with `ssl_context`, as an in-cluster API server would)."""
        self._scheme = "https" if ssl_context is not None else "http"
        self._runner = web.AppRunner(
            self.app, handle_signals=False, shutdown_timeout=0.1, access_log=None
        )
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port, ssl_context=ssl_context).start()
        self.port = int(self._runner.addresses[0][1])
        return self

    async def close(self) -> None:
        self.state.drop_watches()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeKube:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def write_kubeconfig(self, path: str | Path, *, context: str = "fake") -> Path:
        return write_kubeconfig(path, self.url, token=self.state.token, context=context)


def write_kubeconfig(
    path: str | Path,
    server: str,
    *,
    token: str | None = None,
    context: str = "fake",
    namespace: str = "default",
) -> Path:
    """A kubeconfig with one cluster/user/context pointing at `server` (plain HTTP)."""
    user: JSON = {"token": token} if token else {}
    doc = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": context, "cluster": {"server": server}}],
        "users": [{"name": context, "user": user}],
        "contexts": [
            {
                "name": context,
                "context": {"cluster": context, "user": context, "namespace": namespace},
            }
        ],
        "current-context": context,
    }
    out = Path(path)
    out.write_text(yaml.safe_dump(doc))
    return out
