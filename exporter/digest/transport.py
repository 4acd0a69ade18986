"""Unwraps the transports around log lines before they are read.

What reaches us is not always what the application wrote: `kubectl logs --prefix` puts
`[pod/<name>/<container>] ` in front, stern puts `<pod> <container> `, the container
runtime's own files hold CRI lines (`<RFC3339Nano> stdout F <msg>`, a long line split
into `P` parts) or docker json-file records (`{"log":"…\\n","stream":"stdout","time":…}`),
`--timestamps` adds an RFC 3339 stamp, and syslog (RFC 3164) a stamp and a host name. A Go
panic behind any of these must still read as a panic, so the transport is detected once
per text from its first lines and stripped from every line; a text without one is returned
as it is (the common case costs a scan of a few lines).
"""

from __future__ import annotations

import json
import re

__all__ = ["K8S_TS", "unwrap"]

_SAMPLE = 20  # lines inspected to recognise the transport
# the RFC 3339 stamp the kubelet (`--timestamps`) and the runtime put in front of a line
K8S_TS = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d) "
_CRI = re.compile(K8S_TS + r"(stdout|stderr) ([FP]) ?")
# kubernetes names: DNS labels; stern's pod column is a pod name with its generated suffix:
# a ReplicaSet's five characters (`web-7d9f8c6b5-x2x9q`) or a StatefulSet's ordinal
# (`weaviate-0`), the ordinal only where the container column is one name (below)
_KUBECTL_PREFIX = re.compile(r"\[pod/[a-z0-9][a-z0-9.\-]*/[a-zA-Z0-9_.\-]+\] ")
_STERN = re.compile(r"[a-z0-9][a-z0-9.\-]*-[a-z0-9]{5}(?: |\s+)[a-z0-9][a-z0-9\-]* ")
_STERN_ORDINAL = re.compile(r"[a-z0-9][a-z0-9.\-]*-\d{1,5}(?: |\s+)([a-z0-9][a-z0-9\-]*) ")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# BSD syslog (RFC 3164): `[<PRI>]Mmm dd hh:mm:ss host ` before the tag
_ALIGNED_NUMBER = re.compile(r"^ +(?=\d)", re.MULTILINE)
_TAG = re.compile(rf"^({K8S_TS}|<\d{{1,3}}>)?([\w.\-/]+)(?:\[\d+\])?: ", re.MULTILINE)
# (behind a kubelet stamp when `kubectl logs --timestamps` read a syslog relay)
_BSD_SYSLOG = re.compile(
    rf"^({K8S_TS})?(<\d{{1,3}}>)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" [ \d]\d \d\d:\d\d:\d\d (?!\S+:? ?$)\S+ (?=\S)",
    re.MULTILINE,
)


def _sample(text: str) -> list[str]:
    return [ln for ln in text[:16384].splitlines()[:_SAMPLE] if ln.strip()]


def _mostly(lines: list[str], pattern: re.Pattern[str]) -> bool:
    return bool(lines) and sum(1 for ln in lines if pattern.match(ln)) >= 0.8 * len(lines)


def unwrap(text: str) -> str:
    """`text` with its transport (prefixes, CRI, docker json-file) removed from each line."""
    lines = _sample(text)
    if not lines:
        return text
    first = lines[0]
    c0 = first[0]
    if c0 == "[" and first.startswith("[pod/") and _mostly(lines, _KUBECTL_PREFIX):
        text = _strip_prefix(text, _KUBECTL_PREFIX)
        lines = _sample(text)
        if not lines:
            return text
        first = lines[0]
        c0 = first[0]
    elif "\x1b" in first or (c0.isalpha() and c0.islower()):
        plain = [_ANSI.sub("", ln) for ln in lines]
        stern = _STERN if _mostly(plain, _STERN) else _stern_ordinal(plain)
        if stern is not None:
            text = _strip_prefix(_ANSI.sub("", text), stern)
            lines = _sample(text)
            if not lines:
                return text
            first = lines[0]
            c0 = first[0]
    if c0 == "{" and first.startswith('{"log":') and _mostly(lines, re.compile(r'\{"log":')):
        return _inner_syslog(_docker(text))
    if c0.isdigit() and _mostly(lines, _CRI):
        return _inner_syslog(_cri(text))
    return _inner_syslog(text, lines)


def _stern_ordinal(lines: list[str]) -> re.Pattern[str] | None:
    """stern's prefix for a StatefulSet's pods (`weaviate-0 weaviate {…}`): a word, a dash
    and a number is also how a thread or a worker is named (`worker-3 picked job`), so the
    column after it must be one container's name on most lines, not a message's words."""
    containers = [m.group(1) for ln in lines if (m := _STERN_ORDINAL.match(ln)) is not None]
    if len(containers) < 0.8 * len(lines):
        return None
    return _STERN_ORDINAL if containers.count(containers[0]) >= 0.8 * len(lines) else None


def _inner_syslog(text: str, lines: list[str] | None = None) -> str:
    """Syslog lines and aligned columns, also behind a container runtime's layer (a relay
    that writes syslog to stdout)."""
    lines = _sample(text) if lines is None else lines
    c0 = lines[0][0] if lines else ""
    if (c0.isupper() or c0 == "<" or c0.isdigit()) and _mostly(lines, _BSD_SYSLOG):
        return _syslog(text)
    if c0 == " " and _mostly(lines, _ALIGNED_NUMBER):
        # a right-aligned number column first (Zabbix's `  17416:20261130:090037.281 …`):
        # the padding is alignment, not the indent of continuation lines
        return _ALIGNED_NUMBER.sub("", text)
    return text


def _syslog(text: str) -> str:
    """RFC 3164 lines to `<PRI>tag: message`: the stamp and the host are the transport's
    (a host name that only one side has must not make every line a new template), and
    rsyslog's `#011` escapes are the tabs the application wrote."""
    if "#011" in text:
        text = text.replace("#011", "\t")
    text = _BSD_SYSLOG.sub(r"\1\2", text)
    # one program's journal (`pulsar[13707]: …`): its tag says nothing, and it hides the
    # Java trace behind it (`pulsar[13707]: \tat org…`); several programs keep theirs
    sample = _sample(text)
    tags = [m.group(2) for ln in sample if (m := _TAG.match(ln)) is not None]
    if tags and tags.count(tags[0]) >= 0.8 * len(sample):
        text = _TAG.sub(r"\1", text)
    return text


def _strip_prefix(text: str, pattern: re.Pattern[str]) -> str:
    out = []
    match = pattern.match
    for line in text.splitlines():
        m = match(line)
        out.append(line[m.end() :] if m else line)
    return "\n".join(out)


def _cri(text: str) -> str:
    """CRI lines to their messages; `P` (partial) parts are joined to the `F` that ends them."""
    out: list[str] = []
    partial: list[str] = []
    match = _CRI.match
    for line in text.splitlines():
        m = match(line)
        if m is None:
            out.append(line)
            continue
        msg = line[m.end() :]
        if m.group(2) == "P":
            partial.append(msg)
            continue
        if partial:
            msg = "".join(partial) + msg
            partial = []
        out.append(msg)
    if partial:
        out.append("".join(partial))
    return "\n".join(out)


def _docker(text: str) -> str:
    """docker json-file records to their text: each `log` value ends with the newline the
    application wrote; one without is a part of a longer line (split at 16 KiB)."""
    out: list[str] = []
    pending = ""
    loads = json.loads
    for line in text.splitlines():
        if not line.startswith('{"log":'):
            out.append(line)
            continue
        try:
            rec = loads(line)
        except ValueError:
            out.append(line)
            continue
        log = rec.get("log") if isinstance(rec, dict) else None
        if not isinstance(log, str):
            out.append(line)
            continue
        if log.endswith("\n"):
            out.append(pending + log[:-1])
            pending = ""
        else:
            pending += log
    if pending:
        out.append(pending)
    return "\n".join(out)
