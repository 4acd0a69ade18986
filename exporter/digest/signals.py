"""What a line says when it has no level: error words, HTTP/gRPC status, durations.

Many real logs carry no level token at all — Go's standard `log` (`2024/05/14 11:00:42
500 - blue`, `http: TLS handshake error from …: remote error: tls: bad certificate`),
syslog lines, runtime output — and access lines put the status or the latency in any
position. These finders read that evidence from the text itself:

- `lexicon_hit`: an error word (error, failed, exception, refused, timed out, deadline
  exceeded, unavailable, denied, broken pipe, bad certificate, x509, panic, fatal, …) that
  is not negated (`no errors`, `errors=0`, `0 failed`, `err=<nil>`), or an exception's type name
  (`NullPointerException`, `gate_closed_exception`);
- `text_status`: an HTTP status after a status key (`status=503`, `code: 500`), an arrow or
  verb (`-> 502`, `Returning 502`, `responded 503`), or leading the message (`500 - blue`),
  never a count (`Returning 200 results`); gRPC codes (`code = Unavailable`) as 5xx/4xx;
- `duration_of`: a latency value with a unit (`12.5ms`, `(2.000000s)`, `in 2500ms`) or
  after a latency key (`time: 2.5`, `took=120`, `request_time=0.25`), in seconds when the
  unit is known (unitless values are compared as they are, within one template).

Cheap substring gates run before every regex: these run on unlevelled lines of the hot path.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from exporter.digest.fastre import twin

__all__ = [
    "DURATION_KEYS",
    "DurationSlot",
    "duration_at",
    "duration_key_scale",
    "duration_of",
    "duration_value",
    "has_unit_number",
    "lexicon_hit",
    "locate_duration",
    "substring_gate",
    "text_status",
]

# matched on the lower-cased text: case-insensitive patterns cost several times more
_LEXICON = re.compile(
    r"\b(?:errors?|err|exceptions?|fail(?:s|ed|ure|ures|ing)?|fatal|panic(?:ked|s)?"
    r"|refused|timed? ?out|timeouts?|deadline exceeded|unavailable|denied|unreachable"
    r"|(?:connection|stream) reset|reset by peer|broken pipe|bad certificate|x509"
    r"|abort(?:ed|ing)?|oom|out of memory|segfault|cannot|can't|could not|couldn't|unable to"
    r"|crash(?:ed)?|no reply|not responding"
    r"|econnrefused|econnreset|etimedout|ehostunreach|enotfound|epipe|servfail)\b"
)
_NEGATED_BEFORE = ("no ", "0 ", "zero ", "without ", "non-", "non ", "not ")
# `errors=0`, `failed 0`; and an error key whose value says "none" (Go's `err=<nil>`,
# `error=null`, JSON's `"error":null`), but not prose after a colon (`error: null pointer`)
_ZERO_AFTER = re.compile(
    r"\s*[=:]\s*\"?0(?![\d.])|\s+0\b|(?:\s*=\s*\"?|\":\s*)(?:<nil>|nil|null|none|false)(?![\w-])"
)
_LEX_GATE = (
    "err",
    "xception",
    "fail",
    "fatal",
    "panic",
    "refused",
    "out",
    "deadline",
    "unavailable",
    "denied",
    "unreachable",
    "reset",
    "broken pipe",
    "certificate",
    "x509",
    "abort",
    "oom",
    "memory",
    "segfault",
    "cannot",
    "could not",
    "couldn't",
    "can't",
    "unable to",
    "crash",
    "reply",
    "responding",
    "econn",
    "etimedout",
    "ehostunreach",
    "enotfound",
    "epipe",
    "servfail",
)


def substring_gate(*words: str) -> Callable[[str], bool]:
    """`lambda t: w1 in t or w2 in t or …` compiled once: a chain of C substring searches,
    without the per-word generator step `any(...)` pays on the hot path. The cheap test in
    front of every finder's regex here and in the reader, miner and comparison."""
    body = " or ".join(f"{w!r} in t" for w in words)
    fn: Callable[[str], bool] = eval(f"lambda t: {body}")  # noqa: S307 - our own literals
    return fn


_lex_gate = substring_gate(*_LEX_GATE)


# an exception named by its type, glued to the rest of its identifier (`seastar::
# gate_closed_exception`, `NullPointerException`): no word boundary before `exception`
_EXCEPTION_TYPE = re.compile(r"[a-z0-9]_?exceptions?\b")


def lexicon_hit(text: str) -> bool:
    """True when `text` holds an error word that is not negated or counted as zero."""
    low = text.lower()
    if not _lex_gate(low):
        return False
    pos = 0
    for _ in range(4):
        m = _LEXICON.search(low, pos)
        if m is None:
            break
        before = low[max(0, m.start() - 8) : m.start()]
        if not before.endswith(_NEGATED_BEFORE) and not _ZERO_AFTER.match(low, m.end()):
            return True
        pos = m.end()
    return "xception" in low and _EXCEPTION_TYPE.search(low) is not None


# --- status ---------------------------------------------------------------------------------
_STATUS_KEYED = re.compile(
    r"(?i)\b(?:status(?:[_ ]?code)?|http[._]?status|response[_ ]?code|resp(?:onse)?[_ ]status"
    r"|code|resp)\s*[=:]\s*\"?([1-5]\d\d)\b"
)
_STATUS_VERB = re.compile(
    r"(?:->|=>|\b[Rr]eturn(?:ing|ed|s)?|\b[Rr]espon(?:ded|ding|se)(?: with)?|\b[Cc]ompleted)"
    r"\s+:?\s*([1-5]\d\d)(?=$|[\s,;:)\]])(?!\s+[a-z])"
)
_STATUS_LEAD = re.compile(r"([1-5]\d\d)(?: -| [A-Z][a-z]+\b| \S+ (?:/|https?://))")
# `GET /api 500 12.3 ms` (morgan, many frameworks), `GET http://x/api - 500` (ASP.NET Core),
# `| 500 |` (gin): a method and a path right before the status, or pipes around it
_STATUS_ROUTE = re.compile(
    r"\b(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) \S+(?: -| HTTP/[\d.]+)? ([1-5]\d\d)\b"
    r"|\| ([1-5]\d\d) \|"
)
_GRPC = re.compile(r"\bcode\s*=\s*([A-Z][A-Za-z]+)")
_GRPC_STATUS = {
    "Unavailable": 503,
    "DeadlineExceeded": 504,
    "Internal": 500,
    "Unknown": 500,
    "DataLoss": 500,
    "Unimplemented": 501,
    "ResourceExhausted": 429,
    "Aborted": 409,
    "PermissionDenied": 403,
    "Unauthenticated": 401,
    "NotFound": 404,
    "InvalidArgument": 400,
    "FailedPrecondition": 400,
    "AlreadyExists": 409,
    "OutOfRange": 400,
    "Canceled": 499,
    "OK": 200,
}


# The searches above scan every position of a line at Unicode-regex cost (3-10 µs). Every
# match holds one of a few literals at a known offset from its start, so no match starts
# before the first such literal minus its largest offset: `_search_from` starts there. The
# keyed statuses are matched case-sensitively on the lower-cased text when it is ASCII
# (which is what case-insensitive matching of ASCII is), in ASCII mode; other text keeps
# the Unicode search (exporter.digest.fastre, tests/test_digest_fastpaths.py).
_STATUS_KEYED_LOW = twin(re.compile(_STATUS_KEYED.pattern.removeprefix("(?i)")))
# "status" / "code" / "resp" from the match start: status…, httpstatus, http_status /
# resp_status, response_status; code, responsecode, response_code; resp. Derived from the
# pattern: tests/test_digest_fastpaths.py pins it, so a change to it updates these too
_KEYED_AT = (("status", 9), ("code", 9), ("resp", 0))
# `->`, `=>` start the match; `[Rr]eturn…`, `[Rr]espon…`, `[Cc]ompleted` one letter before
_VERB_AT = (("->", 0), ("=>", 0), ("eturn", 1), ("espon", 1), ("ompleted", 1))
_GRPC_AT = (("code", 0),)


def _search_from(
    rx: re.Pattern[str], text: str, anchors: tuple[tuple[str, int], ...]
) -> re.Match[str] | None:
    """`rx.search(text)`, given that every match of `rx` holds one of the anchor words at
    most its offset after the match start: the search begins where the first could."""
    start = len(text)
    for word, offset in anchors:
        at = text.find(word)
        if at != -1 and at - offset < start:
            start = at - offset
    if start == len(text):
        return None
    return rx.search(text, start if start > 0 else 0)


def text_status(text: str) -> int | None:
    """The HTTP (or gRPC, as its HTTP equivalent) status a text line reports, if any."""
    c0 = text[:1]
    if c0.isdigit() and (m := _STATUS_LEAD.match(text)) is not None:
        return int(m.group(1))
    if "tatus" in text or "code" in text or "resp=" in text:  # kube-apiserver's `resp=500`
        if text.isascii():
            m = _search_from(_STATUS_KEYED_LOW, text.lower(), _KEYED_AT)
        else:
            m = _STATUS_KEYED.search(text)
        if m is not None:
            return int(m.group(1))
        if "code" in text and (g := _search_from(_GRPC, text, _GRPC_AT)) is not None:
            return _GRPC_STATUS.get(g.group(1))
    if "->" in text or "=>" in text or "eturn" in text or "espon" in text or "ompleted" in text:
        m = _search_from(_STATUS_VERB, text, _VERB_AT)
        if m is not None:
            return int(m.group(1))
    if "| " in text or "GET " in text or "POST " in text or "PUT " in text or "DELETE " in text:
        m = _STATUS_ROUTE.search(text)
        if m is not None:
            return int(m.group(1) or m.group(2))
    return None


# --- durations ------------------------------------------------------------------------------
_UNITS = {
    "ns": 1e-9,
    "us": 1e-6,
    "µs": 1e-6,
    "μs": 1e-6,
    "ms": 1e-3,
    "s": 1.0,
    "sec": 1.0,
    "secs": 1.0,
    "seconds": 1.0,
    "m": 60.0,
    "min": 60.0,
    "millis": 1e-3,  # only as a key's suffix (`elapsedMillis`)
    "msec": 1e-3,
}
_UNIT = r"(ns|us|µs|μs|ms|s|sec|secs|seconds)"
_WITH_UNIT = re.compile(rf"(?<![\w.:])(\d+(?:\.\d+)?) ?{_UNIT}(?![\w/])")
# cheap: no look-behind per position
_UNIT_GATE = re.compile(r"\d ?(?:[nuµμm]?s|secs?|seconds)(?![\w/])")
# the key may carry its unit (`took_ms`, `grpc.time_ms`, `durationMs`, `duration_seconds`):
# a bare number after it is then scaled, not read as seconds. A prefixed key
# (`request_duration`, `db_latency_ms`) is one only for words that always mean a delay:
# `start_time=` is a timestamp
# abbreviated delay words count only with their unit glued on (PowerDNS's `totms=`,
# `netms=`; `rttms`, `waitms`): bare, `tot=` or `net=` is as likely a count
_SHORT_KEYED = r"|(?:tot|net|wait|rtt|lat|dur|resp|exec|proc)(?=_?(?:ms|us|ns|msec)\b)"
_KEYED = re.compile(
    r"\b(?:(?:[a-z]+_)*(?:duration|latency|elapsed|took|resp(?:onse)?_?time|request_?time"
    r"|time_?taken|execution_?time|runtime)|upstream_response_time|time|rt|total|(qtime)"
    rf"{_SHORT_KEYED})"
    r"(?:_?(ms|us|ns|millis|msec|seconds|secs|sec))?"
    rf"\s*[=:]\s*\"?(\d+(?:\.\d+)?)\s*{_UNIT}?(?![\w.:/\-])"
)
_KEY_UNIT = re.compile(
    r"(?:[a-z]+_)*(?:duration|latency|elapsed|took|resp(?:onse)?_?time|request_?time|time_?taken"
    rf"|execution_?time|runtime{_SHORT_KEYED})"
    r"(?:_?(ms|us|ns|millis|msec|seconds|secs|sec))?"
)


def duration_key_scale(key: str) -> float | None:
    """The scale to seconds of a JSON field named like a delay (`http.server.duration`,
    `responseTimeMs`, `elapsed_millis`) that is not in `DURATION_KEYS`; None otherwise."""
    low = key.rsplit(".", 1)[-1].lower()
    if not _key_gate(low) and not low.endswith(("ms", "us", "ns", "msec")):
        return None
    m = _KEY_UNIT.fullmatch(low)
    if m is None:
        return None
    return _UNITS[m.group(1)] if m.group(1) else 1.0


_key_gate = substring_gate(
    "time", "Time", "took", "durat", "laten", "lapsed", "rt=", "rt:", "total", "ms=", "ms:", 'ms":'
)
_IN_UNIT = re.compile(rf"\bin (\d+(?:\.\d+)?) ?{_UNIT}\b")
_MAX_PLAIN = 1e6  # a bare number above this after `time=` is a timestamp, not a latency
DURATION_KEYS = {
    "duration": 1.0,
    "latency": 1.0,
    "elapsed": 1.0,
    "took": 1.0,
    "response_time": 1.0,
    "responseTime": 1e-3,  # pino-http: milliseconds
    "request_time": 1.0,
    "upstream_response_time": 1.0,
    "duration_ms": 1e-3,
    "durationMs": 1e-3,
    "latency_ms": 1e-3,
    "elapsed_ms": 1e-3,
    "took_ms": 1e-3,
    "time_ms": 1e-3,
    "grpc.time_ms": 1e-3,  # go-grpc-middleware's logging interceptors
    "duration_us": 1e-6,
    "duration_ns": 1e-9,
    "event.duration": 1e-9,  # ECS: nanoseconds
    "rt": 1.0,
    "Duration": 1e-9,  # Traefik's JSON access log: nanoseconds
    "OriginDuration": 1e-9,
    "elapsed_time": 1.0,
    "response_time_ms": 1e-3,
    "time_taken": 1.0,
}


def duration_value(raw: object, scale: float) -> float | None:
    """A JSON field's latency value, scaled to seconds; strings like "12ms" parsed."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw) * scale if raw >= 0 else None
    if isinstance(raw, str) and raw and raw[0].isdigit():
        m = _WITH_UNIT.fullmatch(raw.strip())
        if m is not None:
            return float(m.group(1)) * _UNITS[m.group(2)]
        try:
            return float(raw) * scale
        except ValueError:
            return None
    return None


# ASCII twins of the duration finders (exporter.digest.fastre): the same matches on ASCII
# text, 25-60% cheaper; `has_unit_number` runs once per new template, the rest per candidate
_KEYED_A, _IN_UNIT_A, _WITH_UNIT_A = map(twin, (_KEYED, _IN_UNIT, _WITH_UNIT))
# `_UNIT_GATE` on ASCII text, found from the unit's `s` instead of from every digit: the
# engine tries the gate at each digit (ids, addresses and ports are full of them), but this
# one jumps from `s` to `s` and looks back for the number (~4x cheaper on log lines). It
# matches where `_UNIT_GATE` does, the `s` of the same unit (`[nuµμm]` is `[num]` in ASCII:
# the prefixed units, then `s`, `sec`, `secs`, `seconds`); `_unit_number_at` gives the
# digit where `_UNIT_GATE`'s match starts (tests/test_digest_fastpaths.py compares them).
_UNIT_S_A = re.compile(
    r"s(?:(?:(?<=[0-9]s)|(?<=[0-9] s))(?:ecs?|econds)?|(?<=[0-9][num]s)|(?<=[0-9] [num]s))"
    r"(?![A-Za-z0-9_/])"
)


def _unit_number_at(text: str) -> int:
    """Where `_UNIT_GATE.search(text)` starts on ASCII `text` (its digit), or -1 if nowhere."""
    m = _UNIT_S_A.search(text)
    if m is None:
        return -1
    # the look-behind that held: digit, digit + blank or prefix, or digit + blank + prefix
    at = m.start() - 1
    if not text[at].isdigit():
        at -= 1
        if not text[at].isdigit():
            at -= 1
    return at


def _find_duration(text: str) -> tuple[int, str, str] | None:
    """(position, number, unit) of the first latency in `text`; unit "" when keyed only."""
    if ("=" in text or ":" in text) and _key_gate(text):
        low = text.lower()
        m = (_KEYED_A if low.isascii() else _KEYED).search(low)
        # a bare `total = 326` is a count unless the line says it is about time
        # (Spark's `Times: total = 326, boot = …`); with a unit it is a duration anyway
        if m is not None and (
            m.group(4) or not low.startswith("total", m.start()) or "time" in low[: m.start()]
        ):
            # Solr's `QTime=7` is milliseconds
            return m.start(3), m.group(3), m.group(4) or m.group(2) or ("ms" if m.group(1) else "")
    is_ascii = text.isascii()  # the twins: exporter.digest.fastre
    if is_ascii:
        at = _unit_number_at(text)
    else:
        gate = _UNIT_GATE.search(text)
        at = -1 if gate is None else gate.start()
    if at == -1:
        return None
    m = (_IN_UNIT_A if is_ascii else _IN_UNIT).search(text) if "in " in text else None
    if m is None:
        m = (_WITH_UNIT_A if is_ascii else _WITH_UNIT).search(text, max(0, at - 24))
    if m is not None:
        return m.start(1), m.group(1), m.group(2)
    return None


def _value(number: str, unit: str) -> float | None:
    if unit:
        scale = _UNITS.get(unit)
        return float(number) * scale if scale is not None else None
    value = float(number)
    return value if value < _MAX_PLAIN else None


def duration_of(text: str) -> float | None:
    """The first latency value a text line carries (seconds when it has a unit)."""
    found = _find_duration(text)
    return None if found is None else _value(found[1], found[2])


DurationSlot = tuple[int, bool]  # token index of the number; unit in the next token


def has_unit_number(text: str) -> bool:
    """Whether `text` holds a number with a time unit (`2.96ms`, `743ns`, `0.12s`)."""
    if text.isascii():
        return _UNIT_S_A.search(text) is not None
    return _UNIT_GATE.search(text) is not None


def locate_duration(text: str) -> DurationSlot | None:
    """Where the latency sits in `text`, by whitespace token, so that the other lines of
    the same template are read with string operations instead of the regexes."""
    found = _find_duration(text)
    if found is None:
        return None
    start, number, unit = found
    value = _value(number, unit)
    if value is None:
        return None
    before = text[:start].split()
    glued = start > 0 and not text[start - 1].isspace()
    index = len(before) - 1 if glued else len(before)
    after = text[start + len(number) : start + len(number) + 1]
    slot = index, bool(unit) and after.isspace()
    # the token reading must give what the regexes found (`0.12s:`, `in 0.0014 sec.,`);
    # where it cannot, every line of the template is read with the regexes instead
    return slot if duration_at(text, slot) == value else SCAN


SCAN: DurationSlot = (-1, False)  # no token slot: read each line with `duration_of`
# a token's first number: up to its first digit, then digits and dots (ASCII tokens)
_TOKEN_NUMBER = re.compile(r"[^0-9]*([0-9][0-9.]*)")
_TRAIL = ")],;:.\"'"


def duration_at(text: str, slot: DurationSlot) -> float | None:
    """The latency of a line of a template whose `locate_duration` slot is known; None
    when the line is laid out otherwise (the caller then falls back to `duration_of`)."""
    index, unit_next = slot
    if index < 0:
        return duration_of(text)
    parts = text.split(None, index + 2)
    if len(parts) <= index:
        return None
    tok = parts[index]
    if tok.isascii():  # the loops below as one match (`isdigit` is 0-9 on ASCII)
        num = _TOKEN_NUMBER.match(tok)
        if num is None:
            return None
        i, j = num.span(1)
    else:
        i, n = 0, len(tok)
        while i < n and not tok[i].isdigit():
            i += 1
        j = i
        while j < n and (tok[j].isdigit() or tok[j] == "."):
            j += 1
        if i == j:
            return None
    unit = tok[j:].rstrip(_TRAIL)
    if unit_next and not unit and len(parts) > index + 1:
        unit = parts[index + 1].rstrip(_TRAIL)
    try:
        return _value(tok[i:j], unit)
    except ValueError:
        return None
