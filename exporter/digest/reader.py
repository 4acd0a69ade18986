"""Turns raw container log text into `LogEvent`s: one per log record, stack traces folded in.

Pods log in many shapes (plain text, logback/log4j patterns, JSON per line from zap,
logrus, structlog or logstash encoders, nginx/envoy access logs), often behind the
timestamp `kubectl logs --timestamps` adds and with ANSI colours. The reader normalises
all of them into one small record (message, severity, kind, signature, HTTP status) so
the rest of the digest never looks at formats again.

It is the hot path of every analysis (≥100k lines/s is the target), so it is a single pass
with cheap character and substring checks in front of every regex, JSON is parsed only
for lines that start with `{`, and multi-line traces keep at most `_MAX_TRACE_LINES` lines
in memory whatever their length.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from exporter.digest.levels import (
    JSON_LEVEL,
    LEVEL_NAMES,
    LOGFMT_MSG,
    level_of,
    syslog_level,
    text_level,
)
from exporter.digest.signals import (
    DURATION_KEYS,
    duration_key_scale,
    duration_of,
    duration_value,
    lexicon_hit,
    substring_gate,
    text_status,
)
from exporter.digest.traces import GO_FRAME, GO_START, JAVA_EXC, JAVA_FRAME, PY_EXC, trace_signature
from exporter.digest.transport import K8S_TS, unwrap
from exporter.model import Severity

__all__ = ["LogEvent", "ReadStats", "decode_log", "looks_like_injection", "read_events"]

DEBUG, INFO, WARNING, ERROR, FATAL = (
    Severity.DEBUG,
    Severity.INFO,
    Severity.WARNING,
    Severity.ERROR,
    Severity.FATAL,
)
_RANK = {s: s.rank for s in Severity}
_WARN_RANK, _ERROR_RANK = WARNING.rank, ERROR.rank
# json.loads minus its Python wrappers: (object, end index), as `raw_decode` gets it
_scan_json: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_MAX_TRACE_LINES = 80  # frames kept per folded trace; the signature needs only the top
_MAX_MESSAGE = 1000  # an event's message is its first line, capped


@dataclass(slots=True)
class LogEvent:
    """One log record. `key` is the text grouped into templates when it is not `message`
    (access logs group by method, path and status, not by client address or user agent)."""

    message: str
    severity: Severity
    signature: str = ""
    kind: str = "log"  # log | exception | panic | oom | crash | pool | http_5xx
    http_status: int | None = None
    lines: int = 1
    key: str = ""
    duration: float | None = None  # a latency the record reports (seconds when it had a unit)
    # an error word in the text: the severity of an unlevelled line, or a WARN that reports
    # a failure (`WARN … Got exception while serving …`)
    lexical: bool = False


@dataclass(slots=True)
class ReadStats:
    """Physical lines read and how many were cut at `max_line_chars`."""

    lines: int = 0
    truncated: int = 0


def decode_log(data: bytes) -> str:
    """Decode log bytes; invalid UTF-8 becomes U+FFFD instead of failing the analysis."""
    return data.decode("utf-8", errors="replace")


# --- line cleaning -----------------------------------------------------------------------
_K8S_TS = re.compile(K8S_TS)
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def _is_level_word(word: str) -> bool:
    """A level name as a console layout pads it (`  ERROR`); short names are words."""
    return len(word) > 2 and word.lower() in LEVEL_NAMES


_LEADING_TS = re.compile(
    r"\[?\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?: ?(?:Z|[+-]\d\d:?\d\d|UTC))?\]?"
    r"[\s|]*"
)

# --- kinds -------------------------------------------------------------------------------
_OOM = re.compile(
    r"OutOfMemoryError|Cannot allocate memory|OOMKilled|[Oo]ut of memory|MemoryError"
    r"|heap out of memory|GC overhead limit exceeded|[Hh]eap (?:usage|space|memory) "
    r"(?:above|exceeded|over|is at|critical)|memory limit exceeded|oom-kill"
)
_POOL = re.compile(
    r"Connection is not available, request timed out|[Tt]oo many connections"
    r"|pool (?:is )?exhausted|[Pp]ool exhausted|Timeout waiting for (?:idle object|connection"
    r" from pool)|remaining connection slots are reserved|Cannot get a connection, pool error"
    r"|QueuePool limit of size|connection pool (?:is )?(?:full|exhausted)"
    r"|Unable to acquire JDBC Connection|no available connection|could not obtain connection"
)
_CRASH = re.compile(
    r"Segmentation fault|SIGSEGV|SIGABRT|core dumped|exit status [1-9]|exited with code [1-9]"
    r"|[Bb]ack-off restarting failed container|CrashLoopBackOff|process (?:crashed|died)"
    r"|Fatal Python error|terminate called after throwing|Application run failed"
    r"|ImagePullBackOff|ErrImagePull|[Ff]ail(?:ed|ing) to pull image|[Bb]ack-off pulling image"
    # runtimes dying: Node.js on an unhandled rejection/exception, .NET, gunicorn, npm
    r"|UnhandledPromiseRejection|triggerUncaughtException|Uncaught (?:Exception|TypeError"
    r"|ReferenceError)|Unhandled exception\.|Worker failed to boot|npm ERR! code ELIFECYCLE"
)
_START = re.compile(
    r"Started \w+ in \d|Application (?:startup|started)|[Ss]tarting (?:application|server|"
    r"service)|[Ll]istening on (?:port|http|:|0\.0\.0\.0)|Server (?:started|listening)"
    r"|Profile prod activated|started in \d"
)
_INJECTION = re.compile(
    r"(?i)ignore (?:all |any |the )?(?:previous|prior|above|earlier) (?:instructions|prompts?)"
    r"|disregard (?:all |any |the )?(?:previous|prior|above)|system prompt|promote this canary"
    r"|you are (?:now )?(?:an? )?(?:ai|assistant|language model)|\"promote\"\s*:\s*true"
    r"|new instructions:|respond (?:only )?with"
)


_injection_gate = substring_gate(
    "ignor", "disregard", "prompt", "promot", "you are", "respond", "instruction"
)


def looks_like_injection(text: str) -> bool:
    """Text that tries to instruct a model; it stays data, but readers should see the flag."""
    return _injection_gate(text.lower()) and _INJECTION.search(text) is not None


# --- access logs -------------------------------------------------------------------------
_ACCESS = re.compile(r"\"([A-Z]{3,7}) (\S+)(?: HTTP/[\d.]+)?\" (\d{3})\b")
_STATUS_KEYS = ("status", "status_code", "statusCode", "response_code", "http_status", "code")
_METHOD_KEYS = ("method", "request_method", "http_method", "verb")
_PATH_KEYS = ("path", "uri", "url", "request_uri", "request", "route")


def _access_key(method: str, path: str, status: int) -> str:
    path = path.split("?", 1)[0]
    if " " in path:  # `request` fields hold "GET /x HTTP/1.1"
        parts = path.split(" ")
        path = parts[1] if len(parts) > 1 else parts[0]
        method = method or parts[0]
    return f"{method or 'HTTP'} {path} {status}"


# --- events ------------------------------------------------------------------------------
_TRACE_START = (*GO_START, "Traceback (most recent call last)")
_NORMAL, _JAVA, _PY, _GO = 0, 1, 2, 3
_PY_CHAIN = ("Traceback", "During handling", "The above exception")
_GO_CONT = ("goroutine ", "created by", "[signal", "exit st")
_MSG_KEYS = ("msg", "message", "event", "log", "@message", "MESSAGE", "text", "body")
_LEVEL_KEYS = (
    "level",
    "severity",
    "lvl",
    "levelname",
    "log.level",
    "@level",
    "@l",
    "loglevel",
    "log_level",
    "level_name",
    "levelName",
    "severity_text",
    "SeverityText",
    "LEVEL",
)
_PRIORITY_KEYS = ("PRIORITY", "priority", "syslog.severity")
# MongoDB's JSON log: `"s": "E"` (I, W, E, F, D1..D5); read only as a one/two-letter string
_SHORT_LEVELS = {"I": INFO, "W": WARNING, "E": ERROR, "F": FATAL, "D": DEBUG}
_EXC_KEYS = (
    "stack_trace",
    "stacktrace",
    "exception",
    "exc_info",
    "error.stack_trace",
    "traceback",
    "stack",
    "trace",
)
_ERR_KEYS = ("error", "err", "error.message", "exc")
Started = tuple[LogEvent, int, "list[str] | None"]


def _classify(ev: LogEvent, text: str) -> None:
    """Set OOM / pool / crash kinds from the text (cheap substring gates before the regexes)."""
    if ev.http_status is not None:
        return
    if ("emory" in text or "OOM" in text or "oom-" in text or "eap " in text) and _OOM.search(text):
        ev.kind = "oom"
        if _RANK[ev.severity] < _RANK[ERROR] and "eap " not in text:
            ev.severity = ERROR
    elif ("onnection" in text or "ool" in text) and _POOL.search(text):
        ev.kind = "pool"
        if _RANK[ev.severity] < _RANK[ERROR]:
            ev.severity = ERROR
    elif (
        "fault" in text
        or "SIG" in text
        or "exit" in text
        or "rash" in text
        or "ore dump" in text
        or "ack-off" in text
        or "Fatal" in text
        or "terminate" in text
        or "mage" in text
        or "ncaught" in text
        or "nhandled" in text
        or "boot" in text
        or "ELIFECYCLE" in text
    ) and _CRASH.search(text):
        ev.kind = "crash"
        if _RANK[ev.severity] < _RANK[ERROR]:
            ev.severity = ERROR


_MSG, _LVL, _STATUS, _METHOD, _PATH, _ERR, _EXC, _DUR = range(8)
# JSON key -> (role, priority): one pass over the object's items instead of a lookup per
# candidate key (JSON lines are a third of a typical window; this halved their cost)
_JSON_ROLES: dict[str, tuple[int, int] | None] = {
    key: (role, rank)
    for role, keys in enumerate(
        (
            _MSG_KEYS,
            _LEVEL_KEYS,
            _STATUS_KEYS,
            _METHOD_KEYS,
            _PATH_KEYS,
            _ERR_KEYS,
            _EXC_KEYS,
            tuple(DURATION_KEYS),
        )
    )
    for rank, key in enumerate(keys)
}


_UNSEEN: tuple[int, int] = (-1, -1)
# seconds per unit of each latency key: the known ones, then those learnt by name
_SCALE: dict[str, float] = dict(DURATION_KEYS)
_MAX_LEARNT = 20_000  # distinct keys in the role table (random keys must not grow memory)


def _learn_key(key: str) -> tuple[int, int] | None:
    """The role of a JSON key not in the tables: a delay named like one (`durationMs`,
    `http.server.duration`) is a latency, the rest have none. Remembered in the role table
    itself, so a key costs one lookup per line as before; once the table is full, keys it
    does not hold have no role (and nothing more is stored)."""
    if len(_JSON_ROLES) >= _MAX_LEARNT:
        return None
    scale = duration_key_scale(key)
    role = None if scale is None else (_DUR, len(DURATION_KEYS))  # after the known keys
    if scale is not None:
        _SCALE[key] = scale
    _JSON_ROLES[key] = role
    return role


_NESTED_REQUEST = ("request", "req", "httpRequest", "http")
_NESTED_METHOD = ("method", "requestMethod", "request_method")
_NESTED_PATH = ("uri", "path", "url", "requestUrl", "request_uri")


def _nested_request(obj: dict[str, Any]) -> tuple[str, str]:
    for name in _NESTED_REQUEST:
        req = obj.get(name)
        if isinstance(req, dict):
            if isinstance(req.get("request"), dict):  # ECS: http.request.method
                req = {**req, **req["request"]}
            method = next((v for k in _NESTED_METHOD if isinstance(v := req.get(k), str)), "")
            path = next((v for k in _NESTED_PATH if isinstance(v := req.get(k), str)), "")
            if method or path:
                return method, path
    return "", ""


_NESTED_ROLES = frozenset({_STATUS, _METHOD, _PATH, _DUR})


def _nested_fields(obj: dict[str, Any], found: list[Any], levels: int) -> None:
    """Status, method, path and duration from objects nested in the record (Hasura's
    `detail.http_info.status`, `detail.operation.query_execution_time`), where the top
    level has none: the first found wins, the top level's are kept."""
    roles = _JSON_ROLES
    for inner in obj.values():
        if not isinstance(inner, dict):
            continue
        for k, v in inner.items():
            if isinstance(v, dict):
                if levels > 1:
                    _nested_fields({k: v}, found, levels - 1)
                continue
            r = roles.get(k, _UNSEEN)
            if r is _UNSEEN:
                r = _learn_key(k)
            if r is None or v is None or v == "" or r[0] not in _NESTED_ROLES:
                continue
            role = r[0]
            if found[role] is not None:
                continue
            if role == _DUR:
                v = duration_value(v, _SCALE[k])
                if v is None:
                    continue
            found[role] = v


def _from_json(obj: dict[str, Any], line: str, depth: int = 0) -> Started:
    found: list[Any] = [None] * 8
    ranks = [99] * 8
    roles = _JSON_ROLES
    for k, v in obj.items():
        r = roles.get(k, _UNSEEN)
        if r is _UNSEEN:
            r = _learn_key(k)
        if r is None or v is None or v == "":
            continue
        role, rank = r
        if rank < ranks[role]:
            if role == _LVL:  # keep the parsed level, not the raw value
                v = level_of(v)
                if v is None:
                    continue
            elif role == _DUR:
                v = duration_value(v, _SCALE[k])
                if v is None:
                    continue
            found[role] = v
            ranks[role] = rank
    if line.find("{", 1) != -1 and (found[_STATUS] is None or found[_DUR] is None):
        _nested_fields(obj, found, 2)
    msg = found[_MSG] if isinstance(found[_MSG], str) else None
    if msg is not None and depth == 0 and msg[:1] == "{" and msg.rstrip()[-1:] == "}":
        # JSON inside the message (a JSON app behind a JSON shipper): the inner record
        # is the real one; the outer fields fill in what it lacks
        try:
            inner = json.loads(msg)
        except ValueError:
            inner = None
        if isinstance(inner, dict):
            outer = {k: v for k, v in obj.items() if v is not msg}
            return _from_json(outer | inner, line, 1)
    sev: Severity | None = found[_LVL]
    if sev is None and isinstance(obj.get("log"), dict):
        sev = level_of(obj["log"].get("level"))
    if sev is None and isinstance(s_val := obj.get("s"), str) and 0 < len(s_val) <= 2:
        sev = _SHORT_LEVELS.get(s_val[0])
    if sev is None:
        for pk in _PRIORITY_KEYS:
            pv = obj.get(pk)
            if isinstance(pv, int | str) and not isinstance(pv, bool) and str(pv).isdigit():
                sev = syslog_level(int(pv))
                break
    status: int | None = None
    v = found[_STATUS]
    if v is not None and isinstance(v, int | str) and not isinstance(v, bool) and str(v).isdigit():
        status = int(v) if 100 <= int(v) <= 599 else None
    key = ""
    sev_unknown = False
    text = msg.rstrip("\n") if msg is not None else line
    if status is not None:
        method = found[_METHOD] if isinstance(found[_METHOD], str) else ""
        path = found[_PATH] if isinstance(found[_PATH], str) else ""
        if not method and not path:
            # the request as a nested object (Caddy `request`, GCP `httpRequest`, ECS `http`)
            method, path = _nested_request(obj)
        if method or path:
            key = _access_key(method, path, status)
        else:
            status = None
    err = found[_ERR]
    if isinstance(err, str) and "\n" not in err:
        text = f"{text}: {err[:300]}"
    first_line = text.split("\n", 1)[0][:_MAX_MESSAGE] if "\n" in text else text[:_MAX_MESSAGE]
    if sev is None:
        sev = text_level(text)
        if sev is None:
            sev = INFO
            sev_unknown = True
    ev = LogEvent(first_line, sev, key=key, duration=found[_DUR])
    if isinstance(err, str) and err and status is None:
        # an `error` field (zap's `logger.Info(…, zap.Error(err))`): the line reports a
        # failure whatever its level says
        ev.lexical = True
    if status is None and (sev_unknown or _RANK[sev] >= _WARN_RANK):
        _classify(ev, first_line)
        # the words matter where the level does not already say "error"
        if ev.kind == "log" and (sev_unknown or sev is WARNING) and lexicon_hit(first_line):
            ev.lexical = True
            if sev_unknown:
                ev.severity = ERROR
    trace: list[str] | None = None
    exc = found[_EXC]
    if isinstance(exc, str) and ("\n" in exc or " at " in exc):
        trace = exc.split("\n")[:_MAX_TRACE_LINES]
    elif "\n" in text and ("\tat " in text or "Traceback" in text or "goroutine" in text):
        trace = text.split("\n")[1:_MAX_TRACE_LINES]
    if status is not None:
        ev.http_status = status
        if status >= 500:
            ev.kind = "http_5xx"
            if _RANK[sev] < _RANK[ERROR]:
                ev.severity = ERROR
    return ev, _NORMAL, trace


# after the status: response flags, up to four more fields (Istio's details, a quoted
# failure reason), then bytes received, bytes sent and the duration in ms
_ENVOY_TAIL = re.compile(r" (?:-|[A-Z]{2,4}(?:,[A-Z]{2,4})*) (?:\S+ ){0,4}?\d+ \d+ (\d+)(?: |$)")


def _access_duration(line: str, end: int) -> float | None:
    """The request duration of an access line, where the format puts one: nginx's
    `$request_time` ending the line (seconds), or Envoy/Istio's `%DURATION%` (ms), the third
    number after the status and its response flags."""
    if line[-1:].isdigit():
        cut = line.rfind(" ")
        tail = line[cut + 1 :]
        if "." in tail and tail.replace(".", "", 1).isdigit():
            return float(tail)
        if tail.isdigit():
            # `%D` (ms, Quarkus/Undertow) closing the line: after the quoted user agent of
            # a combined format, or right after the status and byte count of a common one
            before = line[end:cut].split()
            agent_end = line.rfind('"', end, cut)
            if (
                line[cut - 1 : cut] == '"'
                or (len(before) == 1 and (before[0].isdigit() or before[0] == "-"))
                # one field (a request id: InfluxDB's httpd log) between agent and number
                or (agent_end != -1 and len(line[agent_end + 1 : cut].split()) == 1)
            ):
                return int(tail) / 1000.0
    rest = line[end : end + 48].split(" ", 5)  # Envoy: ['', flags, rx, tx, duration, …]
    if len(rest) == 6 and rest[2].isdigit() and rest[3].isdigit() and rest[4].isdigit():
        return int(rest[4]) / 1000.0
    m = _ENVOY_TAIL.match(line, end)  # Istio: more fields before the numbers
    if m is not None:
        return int(m.group(1)) / 1000.0
    # a decimal number among the fields after the status (php-fpm's `%{milli}d` after the
    # script path): the only fractional figure an access line carries is its duration
    for tok in line[end : end + 160].split(None, 6)[:6]:
        if tok[:1].isdigit() and "." in tok and tok.replace(".", "", 1).isdigit():
            return float(tok)
    return None


_ACCESS_UA_LAST = re.compile(
    r"\b([A-Z]{3,7}) (?:\S+ )?\"([^\"\s]+)\" HTTP/[\d.]+ \"[^\"]*\" ([1-5]\d\d) (?:\d+|-)"
    r"(?: (\d+(?:\.\d+)?))?(?: |$)"
)
_SQUID = re.compile(r"\d{10}\.\d{3} +(\d+) \S+ [A-Z_]+/([1-5]\d\d) \d+ ([A-Z]+) (\S+)")


def _access_event(msg: str, method: str, path: str, code: int, duration: float | None) -> Started:
    """An access-log request: no level, the status says it; the duration when written."""
    ev = LogEvent(
        msg,
        ERROR if code >= 500 else INFO,
        http_status=code,
        key=_access_key(method, path, code),
        duration=duration,
    )
    if code >= 500:
        ev.kind = "http_5xx"
    return ev, _NORMAL, None


_RUST_PANIC = re.compile(r"thread '[^']*' panicked at ")
_HAPROXY = re.compile(
    r" -?\d+/-?\d+/-?\d+/(-?\d+)/\+?(\d+) ([1-5]\d\d) .*\"([A-Z]{3,7}) (\S+)(?: HTTP/[\d.]+)?\"$"
)
_LOGFMT_METHOD = re.compile(r"\b(?:method|verb)=\"?([A-Z]{3,7})\b")
_LOGFMT_PATH = re.compile(r"\b(?:path|uri|url|route)=\"?([^\"\s?]+)")


def _logfmt_route(line: str) -> str:
    """`METHOD path` from logfmt fields, or "" when the line has no path field."""
    if "path=" not in line and "uri=" not in line and "url=" not in line and "route=" not in line:
        return ""
    p = _LOGFMT_PATH.search(line)
    if p is None:
        return ""
    m = _LOGFMT_METHOD.search(line)
    return f"{m.group(1) if m else 'HTTP'} {p.group(1)}"


def _start(line: str) -> Started:
    """A new event from the first line of a record: (event, fold mode, trace so far)."""
    c0 = line[0]
    if c0 == "{" and line[-1:] == "}":
        # the C scanner directly (json.loads adds two Python-level calls per line); the
        # object must span the whole line, as `loads` would require
        try:
            obj, end = _scan_json(line, 0)
        except (ValueError, StopIteration):
            obj = None
        else:
            if end != len(line):
                obj = None
        if isinstance(obj, dict):
            inner = obj.get("log")
            if isinstance(inner, str) and len(obj) <= 4 and "stream" in obj:
                # docker json-file: the record is the inner text
                return _start(inner.rstrip("\n") or " ")
            return _from_json(obj, line)
    elif c0 == "{" and '"' in line:
        # JSON cut short (truncated line): its level field can still be read
        jm = JSON_LEVEL.search(line, 0, 300)
        if jm and (jsev := LEVEL_NAMES.get(jm.group(1).lower())) is not None:
            return LogEvent(line[:_MAX_MESSAGE], jsev), _NORMAL, None
    if c0.isdigit() or c0 == "[":
        m = _LEADING_TS.match(line)
        if m and m.end() < len(line):
            line = line[m.end() :]
    elif c0 == "<" and line[1:2].isdigit():
        # syslog PRI: the level is read from it, the message starts after it
        pri = line.find(">", 1, 5)
        if pri > 0 and line[1:pri].isdigit():
            rest = line[pri + 1 :]
            ev, mode, trace = _start(rest or " ")
            if text_level(rest) is None:
                ev.severity = syslog_level(int(line[1:pri]))
            return ev, mode, trace
    msg = line if len(line) <= _MAX_MESSAGE else line[:_MAX_MESSAGE]
    if (
        c0.isdigit()
        and line[10:11] == "."
        and line[:10].isdigit()  # the epoch seconds: cheaper than the regex on an address
        and (sq := _SQUID.match(line)) is not None
    ):
        # Squid's native access log: `time elapsed-ms client CODE/status bytes METHOD url`
        return _access_event(
            msg, sq.group(3), sq.group(4), int(sq.group(2)), float(sq.group(1)) * 1e-3
        )
    if line.startswith(_TRACE_START):
        if line.startswith("Traceback"):
            return LogEvent(msg, ERROR, kind="exception"), _PY, [line]
        return LogEvent(msg, FATAL, kind="panic"), _GO, [line]
    if line[0] == "t" and line.startswith("thread '") and _RUST_PANIC.match(line):
        # Rust: `thread 'main' panicked at src/x.rs:10:5:` (the signature drops the position)
        at_pos = line.find(" panicked at ")
        sig = "rust panic: " + line[at_pos + 13 :].split(":", 1)[0]
        return LogEvent(msg, FATAL, kind="panic", signature=sig), _NORMAL, None
    at = line.find("msg=")
    quoted = '" ' in line  # asked once: the access and user-agent shapes below both need it
    if quoted and at == -1:
        am = _ACCESS.search(line)
        if am:  # access logs carry no level: the status says it
            end = am.end()
            if line[-1] == " ":
                line = line.rstrip()  # actix-web's logger pads after the duration
            after = line[end + 1 : end + 2]  # the field after the status
            duration = (
                _access_duration(line, end)
                if line[-1].isdigit() or after == "-" or after.isupper() or after == "/"
                else None
            )
            return _access_event(msg, am.group(1), am.group(2), int(am.group(3)), duration)
    if line[-1] == '"' and "HTTP/" in line and (hp := _HAPROXY.search(line)) is not None:
        # HAProxy's HTTP log: timers Tq/Tw/Tc/Tr/Tt, status, …, "METHOD path HTTP/x"
        tr, tt = int(hp.group(1)), int(hp.group(2))
        seconds = (tr if tr >= 0 else tt) / 1000.0
        return _access_event(msg, hp.group(4), hp.group(5), int(hp.group(3)), seconds)
    if quoted and " HTTP/" in line and (ua := _ACCESS_UA_LAST.search(line)) is not None:
        # the status after the quoted user agent (oauth2-proxy's request log):
        # `METHOD [upstream] "path" HTTP/x "agent" status bytes [seconds]`
        took = ua.group(4)
        return _access_event(
            msg, ua.group(1), ua.group(2), int(ua.group(3)), float(took) if took else None
        )
    sev = text_level(line)
    while at != -1:  # logrus/logfmt: the message is msg="…"
        # `match` at each literal hit: `search` would try the `\b` at every position
        m = LOGFMT_MSG.match(line, at)
        if m:
            msg = (m.group(1) if m.group(1) is not None else m.group(2))[:_MAX_MESSAGE]
            break
        at = line.find("msg=", at + 1)
    ev = LogEvent(msg, sev or INFO)
    if at != -1 and (
        "dur" in line
        or "took" in line
        or "laten" in line
        or ("_" in line and "time_" in line)  # a one-character scan (memchr) first
        or "lapsed" in line
    ):
        # logfmt keeps the latency in a field beside msg=; the miner reads it from msg only
        ev.duration = duration_of(line[line.find(" ", at) :])
    # identity tests, not a rank lookup: hashing an enum member is a Python-level call
    quiet = sev is INFO or sev is DEBUG
    # an explicit INFO/DEBUG line, the most common line there is, reports a status in a few
    # shapes only (`status: 200`, `Completed 500 …`, `Request finished … - 500`)
    if quiet and not (
        "tatus" in line
        or "ompleted" in line
        or "finished" in line
        # one-character scans (memchr) first: most lines hold no `=` or `/` at all
        or ("=" in line and "resp=" in line)
        # `GET /index 500 58.1ms` (Ray Serve), `POST /x 201`, `DELETE /x 204`: one scan
        or ("/" in line and " /" in line)
    ):
        return ev, _NORMAL, None
    status = text_status(line)
    if status is not None:
        # a status in the text (`500 - blue`, `status=503`, `-> 502`): a request, grouped
        # by message and status so 200 and 502 of one handler stay apart
        ev.http_status = status
        route = _logfmt_route(line) if at != -1 else ""
        # logfmt access lines (`method=GET path=/api/health status=200`) group by route, so
        # health probes and real requests stay apart; other lines by message
        ev.key = f"{route} {status}" if route else f"{msg} {status}"
        if status >= 500:
            ev.kind = "http_5xx"
            if sev is None or _RANK[sev] < _ERROR_RANK:
                ev.severity = ERROR
        return ev, _NORMAL, None
    if not quiet:
        # OOM, pool and crash lines come unlevelled (runtime output) or at WARN and above;
        # an explicit INFO/DEBUG line is not scanned (most lines: ~5% of reading time)
        _classify(ev, line)
        if sev is None and ("Exception" in line or "Error" in line) and JAVA_EXC.match(line):
            # a bare exception header (printStackTrace): the trace starts here
            ev.severity = ERROR
            return ev, _JAVA, [line]
        if ev.kind == "log" and (sev is None or sev is WARNING) and lexicon_hit(line):
            ev.lexical = True
            if sev is None:
                ev.severity = ERROR
    return ev, _NORMAL, None


def _finish(ev: LogEvent, trace: list[str] | None) -> LogEvent:
    """Signature, kind and severity floor of an event whose continuation lines are all in."""
    if not trace:
        return ev
    kind, sig = trace_signature(trace)
    ev.signature = sig
    if ev.kind == "log":
        ev.kind = kind
    floor = FATAL if kind == "panic" else ERROR
    if _RANK[ev.severity] < _RANK[floor]:
        ev.severity = floor
    if ev.kind in ("exception", "panic"):
        # OOM and pool exhaustion often surface as exceptions; keep the specific kind
        probe = LogEvent(trace[0], ev.severity)
        _classify(probe, trace[0] + " " + sig)
        if probe.kind in ("oom", "pool"):
            ev.kind = probe.kind
    return ev


_CHUNK = 256 * 1024


def _chunks(text: str) -> Iterator[list[str]]:
    """The lines of `text`, split a chunk at a time so no list of every line is ever held
    (lists, not single lines: the caller loops over them without a generator hop per line)."""
    if len(text) <= _CHUNK:
        yield text.splitlines()
        return
    pos, size = 0, len(text)
    while pos < size:
        end = text.find("\n", pos + _CHUNK)
        if end == -1:
            end = size
        yield text[pos:end].splitlines()
        pos = end + 1


def read_events(
    text: str, *, max_line_chars: int = 4096, stats: ReadStats | None = None
) -> Iterator[LogEvent]:
    """Yield the log events of `text` in order, continuation lines folded into their record.

    `stats` (optional) receives the physical line count and how many lines were truncated.
    A start-up banner that follows a crash in the same text is reported as a `crash` event:
    that is what a restarting container looks like from inside its own logs.
    """
    st = stats if stats is not None else ReadStats()
    text = unwrap(text)
    ev: LogEvent | None = None
    mode = _NORMAL
    trace: list[str] | None = None
    py_final = False  # python trace: frames seen, the `XError: msg` line may come next
    crashed = False
    warn = _RANK[WARNING]
    n = 0
    for lines in _chunks(text):
        n += len(lines)
        for line in lines:
            if len(line) > max_line_chars:
                line = line[:max_line_chars]
                st.truncated += 1
            if line[10:11] == "T" and line[0].isdigit():
                m = _K8S_TS.match(line)
                if m:
                    line = line[m.end() :]
                    if line[:1] == " ":
                        # an app timestamp of the same shape followed by a padded level
                        # (logback's `%5p`, zap's space-aligned console) or a right-aligned
                        # number (Zabbix's pid; transport.unwrap's aligned column)
                        rest = line.lstrip(" ")
                        padded_level = rest[:1].isupper() and (
                            len(line) - len(rest) == 1 or _is_level_word(rest.split(None, 1)[0])
                        )
                        if padded_level or rest[:1].isdigit():
                            line = rest
            if "\x1b" in line:
                line = _ANSI.sub("", line)
            if not line or line.isspace():
                if ev is not None and mode >= _PY:
                    ev.lines += 1
                continue
            if ev is not None:
                c0 = line[0]
                cont = False
                if mode == _NORMAL:
                    if c0 == " " or c0 == "\t":
                        cont = True
                        if JAVA_FRAME.match(line):
                            mode, trace = _JAVA, []
                    elif trace is None and _RANK[ev.severity] >= warn:
                        if line.startswith("Traceback (most recent call last)"):
                            cont, mode, trace = True, _PY, []
                        elif line.startswith("goroutine ") and "panic" in ev.message:
                            # `ERROR panic: …` logged by a wrapper, then the Go stack
                            at = ev.message.find("panic:")
                            cont, mode, trace = True, _GO, [ev.message[at:]] if at >= 0 else []
                        elif (
                            "Exception" in line or "Error" in line or "Throwable" in line
                        ) and JAVA_EXC.match(line):
                            cont, mode, trace = True, _JAVA, []
                elif mode == _JAVA:
                    cont = c0 == " " or c0 == "\t" or line.startswith(("Caused by:", "Suppressed:"))
                elif mode == _PY:
                    if c0 == " " or c0 == "\t" or line.startswith(_PY_CHAIN):
                        cont, py_final = True, True
                    elif py_final and PY_EXC.match(line):
                        cont, py_final = True, False
                else:  # _GO
                    cont = (
                        c0 == " "
                        or c0 == "\t"
                        or line.startswith(_GO_CONT)
                        or (c0 != "{" and "(" in line and GO_FRAME.match(line) is not None)
                    )
                if cont:
                    ev.lines += 1
                    if trace is not None and len(trace) < _MAX_TRACE_LINES:
                        trace.append(line)
                    continue
                yield ev if trace is None else _finish(ev, trace)
                if not crashed and (ev.kind in _CRASH_KINDS or ev.severity is FATAL):
                    crashed = True
            ev, mode, trace = _start(line)
            py_final = False
            if (
                crashed
                and ev.kind == "log"
                and ev.http_status is None
                and "tart" in line
                and _START.search(line)
            ):
                ev.kind = "crash"
                ev.severity = ERROR
                ev.message = "restart after crash: " + ev.message
                crashed = False
        del lines  # before the next chunk is split: one chunk's lines in memory, not two
    st.lines += n
    if ev is not None:
        yield _finish(ev, trace)


_CRASH_KINDS = frozenset({"panic", "crash", "oom"})
