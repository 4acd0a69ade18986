"""Log levels: from a JSON level field (names, bunyan/pino numbers, syslog priorities) or
from the level word among the first tokens of a text line (logback, Python logging, nginx,
logfmt, glog, zerolog, .NET console, syslog `<PRI>`, and formats such as BGL's that put the
level after several columns). Kept apart from the reader so the rules read in one place.
"""

from __future__ import annotations

import re
from typing import Any

from exporter.model import Severity

__all__ = ["JSON_LEVEL", "LEVEL_NAMES", "LOGFMT_MSG", "level_of", "syslog_level", "text_level"]

DEBUG, INFO, WARNING, ERROR, FATAL = (
    Severity.DEBUG,
    Severity.INFO,
    Severity.WARNING,
    Severity.ERROR,
    Severity.FATAL,
)

LEVEL_NAMES: dict[str, Severity] = {
    "trace": DEBUG,
    "trc": DEBUG,
    "verbose": DEBUG,
    "debug": DEBUG,
    "dbg": DEBUG,
    "fine": DEBUG,
    "finer": DEBUG,
    "info": INFO,
    "inf": INFO,
    "information": INFO,
    "notice": INFO,
    "informational": INFO,
    "i": INFO,
    "warn": WARNING,
    "eror": ERROR,  # log15 (Grafana and other Go services): lvl=eror / dbug / crit
    "dbug": DEBUG,
    "warning": WARNING,
    "wrn": WARNING,
    "w": WARNING,
    "error": ERROR,
    "err": ERROR,
    "severe": ERROR,
    "e": ERROR,
    "fatal": FATAL,
    "ftl": FATAL,
    "pnc": FATAL,
    "critical": FATAL,
    "crit": FATAL,
    "panic": FATAL,
    "dpanic": FATAL,
    "emerg": FATAL,
    "emergency": FATAL,
    "alert": FATAL,
    "f": FATAL,
}
_UPPER_LEVELS = {k: v for k, v in ((n.upper(), s) for n, s in LEVEL_NAMES.items()) if len(k) > 2}
# Windows event logs, Serilog and others write `Info`, `Warning`, `Error` (title case); the
# short names stay upper-case only (`Err`, `Inf` are words)
_UPPER_LEVELS |= {
    n.title(): LEVEL_NAMES[n]
    for n in ("info", "information", "warn", "warning", "error", "fatal", "critical", "debug",
              "trace", "notice", "severe", "verbose", "emergency")
}  # fmt: skip
_BRACKET_LEVELS = {k: v for k, v in LEVEL_NAMES.items() if len(k) > 2}
_TAB_LEVELS = {
    n: LEVEL_NAMES[n] for n in ("debug", "info", "warn", "warning", "error", "panic", "fatal")
} | {"dpanic": LEVEL_NAMES["panic"]}
# Microsoft.Extensions.Logging console format: `fail: Orders.Api[0] …`
_DOTNET = {
    "fail:": ERROR,
    "crit:": FATAL,
    "warn:": WARNING,
    "info:": INFO,
    "dbug:": DEBUG,
    "trce:": DEBUG,
}
_LEVEL_KEYS_TEXT = frozenset({"level", "lvl", "severity", "levelname"})
# unrolled loop (no per-character alternation): a third of a logfmt line's reading cost
LOGFMT_MSG = re.compile(r"\bmsg=(?:\"([^\"\\]*(?:\\.[^\"\\]*)*)\"|(\S+))")
JSON_LEVEL = re.compile(r'"(?:level|severity|lvl|levelname)"\s*:\s*"(\w+)"')
_GLOG = re.compile(r"[IWEF]\d{4} \d\d:\d\d:\d\d")
# Android logcat `threadtime`: `03-17 16:13:38.811  1702  2395 E Tag: msg`
_LOGCAT = re.compile(r"\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\s+\d+\s+\d+ ([VDIWEFA]) ")
_LOGCAT_LEVELS = {
    "V": DEBUG,
    "D": DEBUG,
    "I": INFO,
    "W": WARNING,
    "E": ERROR,
    "F": FATAL,
    "A": FATAL,
}
_SYSLOG_PRI = re.compile(r"<(\d{1,3})>")
# RFC 5424 severities 0..7: emerg, alert, crit, err, warning, notice, info, debug
_SYSLOG = (FATAL, FATAL, FATAL, ERROR, WARNING, INFO, INFO, DEBUG)
_TOKENS = 10  # BGL-like formats put the level after 8 columns (`… RAS KERNEL FATAL …`)
_TOKEN_CHARS = 200


def _numeric_level(value: float) -> Severity:
    # bunyan/pino: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal; below 10 it
    # is a syslog severity (GELF's `level`, journald's PRIORITY): 3 err, 4 warning, 6 info
    if 0 <= value < 8 and value == int(value):
        return _SYSLOG[int(value)]
    if value >= 60:
        return FATAL
    if value >= 50:
        return ERROR
    if value >= 40:
        return WARNING
    return INFO if value >= 30 else DEBUG


def syslog_level(priority: int) -> Severity:
    """A syslog/journald priority (or PRI, facility * 8 + severity) as a severity."""
    return _SYSLOG[priority % 8]


def level_of(value: Any) -> Severity | None:
    if isinstance(value, str):
        # a bare lower-case name (`"info"`, most JSON lines) is its own stripped lower form
        sev = LEVEL_NAMES.get(value)
        if sev is not None:
            return sev
        v = value.strip()
        sev = LEVEL_NAMES.get(v.lower())
        if sev is None and v.isdigit():
            return _numeric_level(int(v))
        return sev
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _numeric_level(value)
    return None


def _token_level(tokens: list[str]) -> Severity | None:
    for tok in tokens:
        c0 = tok[0]
        if c0 == "[":
            sev = _BRACKET_LEVELS.get(tok[1:].rstrip("]: ").lower())
        elif "=" in tok:
            name, _, value = tok.partition("=")
            sev = LEVEL_NAMES.get(value.strip('"').lower()) if name in _LEVEL_KEYS_TEXT else None
        else:
            sev = _UPPER_LEVELS.get(tok.partition(":")[0].strip("-|()<>")) or _DOTNET.get(tok)
        if sev is not None:
            return sev
    return None


def text_level(line: str) -> Severity | None:
    """The level word among the first tokens of a text line (the earliest wins).

    Token lookups instead of a regex over the line: most lines have no level word in
    their message, and scanning 100+ characters per line for a dozen alternatives was
    the single largest cost of reading.
    """
    # fast path: a line that starts with the level word (`INFO …`, `ERROR …`), the rule
    # below gives the same answer for it
    sp = line.find(" ", 0, 12)
    if sp > 0 and (sev := _UPPER_LEVELS.get(line[:sp])) is not None:
        return sev
    # logfmt (`time="…" level=info msg=…`): the level field near the start, read directly
    lv = line.find(" level=", 0, 60)
    if lv != -1 and "=" in line[:sp]:
        end = line.find(" ", lv + 7)
        value = line[lv + 7 : end if end != -1 else None].strip('"').lower()
        if (sev := LEVEL_NAMES.get(value)) is not None:
            return sev
    if line.find("\t", 0, 64) != -1:
        # zap's console encoder (Go services, the OpenTelemetry Collector, VictoriaMetrics):
        # `<ts>\t<level>\t<caller>\t<msg>`, the level lower-case in a tab-delimited field
        for field in line[:_TOKEN_CHARS].split("\t", 4)[:4]:
            if (sev := _TAB_LEVELS.get(field)) is not None:
                return sev
    parts = line[:_TOKEN_CHARS].split(None, 6)
    sev = _token_level(parts[:6])
    if sev is not None:
        return sev
    if len(parts) == 7:
        # the level after several columns (BGL): only lines without one up front pay
        sev = _token_level(parts[6].split(None, _TOKENS - 6)[: _TOKENS - 6])
        if sev is not None:
            return sev
    c0 = line[:1]
    if c0 in "IWEF" and _GLOG.match(line):
        return LEVEL_NAMES[line[0].lower()]
    if c0 == "<" and (m := _SYSLOG_PRI.match(line)) is not None:
        return syslog_level(int(m.group(1)))
    if c0.isdigit() and line[2:3] == "-" and (m := _LOGCAT.match(line)) is not None:
        return _LOGCAT_LEVELS[m.group(1)]
    return None
