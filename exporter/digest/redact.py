"""Secret redaction: the first thing every log line passes, and the last thing before output.

Secrets must never leave the process (model prompts, GitHub issues, HTTP responses, our own
log lines), yet the digest has to stay readable, so redaction replaces only the secret part
with a marker such as ``[REDACTED:aws-key]`` and leaves ordinary log content (UUIDs, request
ids, git SHAs, IPs, durations) alone.

The token shapes come from detect-secrets' plugins (AWS, GitHub, GitLab, Slack, JWT, Stripe,
OpenAI, basic-auth URLs, private keys, its keyword list and Shannon entropy), widened where
its patterns are too narrow for logs (e.g. ``github_pat_``, ``sk-proj-``, key/value pairs
without quotes). Its plugin API scans one line at a time through a dozen regexes with
per-plugin Python code: far too slow for every log line (target: well above 100k lines/s),
so the patterns are compiled here into ONE alternation, and a cheap trigger regex (literal
substrings every secret shape must contain) skips lines that cannot hold a secret.
"""

from __future__ import annotations

import base64
import binascii
import logging
import math
import re
from collections import Counter
from typing import Any

__all__ = ["SECRET_KINDS", "RedactingFilter", "redact", "redact_obj"]

MARKER_PREFIX = "[REDACTED:"

# Keys whose value is a secret whatever it looks like (detect-secrets' keyword DENYLIST
# plus the usual header/env names).
_KEYWORDS = (
    r"passw(?:or)?d|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key"
    r"|private[_-]?key|auth[_-]?key|client[_-]?key|credentials?|signature|authorization"
    r"|session[_-]?key|contrase[nñ]a|x-api-key|cookie"
)
# Weak keywords name counters and settings as often as secrets (`max_tokens=512`,
# `signature_version=4`): their value must look like a credential.
_WEAK_KEY = re.compile(r"token|signature|cookie|credential", re.IGNORECASE)
_STRONG_KEY = re.compile(r"passw|passphrase|pwd|secret|contrase|authorization", re.IGNORECASE)
# Keys that name identifiers: high entropy there is an id, not a secret.
_ID_WORDS = (
    "id|ids|uuid|guid|trace|span|request|req|correlation|commit|sha|hash|digest|version"
    "|etag|revision|nonce|checksum|image|ref"
)
_ID_KEY = re.compile(
    rf"(?:^|[^A-Za-z])(?i:{_ID_WORDS})[\w.-]*$"  # request_id, trace-id, x.commit
    rf"|[a-z](?:{_ID_WORDS.title()})[\w.-]*$"  # camelCase: requestId, imageDigest
)

_B64 = r"A-Za-z0-9+/_\-"
_VALUE_END = r"""\s"'&,;<>)\]}`"""

# One alternation; the group name is the marker kind. Order matters only where two shapes
# start at the same position (specific token shapes before the generic key/value rules).
_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "private_key",
        r"-----BEGIN[A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?-----"
        r"(?:.*?-----END[A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?-----|.*)",
    ),
    ("aws_key", r"(?<![A-Z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])"),
    ("github_token", r"(?:gh[pousr]_[A-Za-z0-9_]{36,255}|github_pat_[A-Za-z0-9_]{22,255})"),
    (
        "gitlab_token",
        r"(?:gl(?:pat|dt|ft|soat|rt|cbt|imt|ptt|agent|oas)-[A-Za-z0-9_\-]{20,1024}"
        r"|GR1348941[A-Za-z0-9_\-]{20,50})",
    ),
    ("slack_token", r"xox[abposr]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,}"),
    ("slack_webhook", r"https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9_/]+"),
    ("google_api_key", r"AIza[0-9A-Za-z_\-]{35}"),
    ("openai_key", r"sk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_\-]{20,}"),
    ("stripe_key", r"(?:sk|rk|pk)_(?:live|test)_[0-9a-zA-Z]{16,}|whsec_[0-9a-zA-Z]{20,}"),
    ("jwt", r"eyJ[A-Za-z0-9_\-]{6,}\.[A-Za-z0-9_\-]{6,}\.[A-Za-z0-9_\-]*"),
    (
        "auth_header",
        r"(?i:\b(?:bearer|basic|token|digest)\b)[ \t]+(?P<auth_value>[A-Za-z0-9._~+/\-]{8,}=*)",
    ),
    (
        "url_credentials",
        r"\b[A-Za-z][A-Za-z0-9+.\-]{1,20}://[^\s:/@\"'<>]{0,128}:(?!\[REDACTED)(?P<url_pass>[^\s@/\"'<>]{1,256})@",
    ),
    (
        # "key": "value" / key="value" / key: 'value'
        "kv_quoted",
        rf"(?i:(?:{_KEYWORDS})[\w.-]*)[\"']?[ \t]*[:=][ \t]*"
        r"(?P<q>[\"'])(?P<kvq_value>(?!\[REDACTED)(?:\\.|(?!(?P=q)).){1,2048})(?P=q)",
    ),
    (
        # key=value / key: value (value ends at whitespace or a delimiter)
        "kv_plain",
        rf"(?i:(?:{_KEYWORDS})[\w.-]*)(?P<kv_sep>[ \t]*[:=][ \t]*)"
        rf"(?P<kv_value>(?!\[REDACTED)(?:(?i:bearer|basic|token)[ \t]+)?[^{_VALUE_END}]{{1,2048}})",
    ),
    (
        # high-entropy value in key/value position under any key (checked in _replace)
        "entropy",
        rf"[:=][ \t]*[\"']?(?P<ent_value>[{_B64}]{{20,}}={{0,2}}(?:\.[{_B64}]{{6,}}){{0,2}})"
        rf"(?![{_B64}])",
    ),
)

_COMBINED = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in _PATTERNS), re.DOTALL)

# A line can only hold a secret if the fast checks below find a trigger; most log lines do
# not, so two or three cheap searches replace the whole alternation. Measured on this
# machine: a flat case-insensitive alternation of the trigger words ran ~70k lines/s, the
# same words factored by first letter over `line.lower()` ~490k lines/s, and a search that
# starts with a literal (`=`, `:`) several million lines/s. Keep in sync with _PATTERNS.
_TRIGGER_LOW = re.compile(
    r"a(?:3t|kia|sia|bia|cca|iza|pi.?key|ccess.?key|uth.?key|uthorization)"
    r"|p(?:assw|assphrase|wd|rivate.?key|rivate key)"
    r"|s(?:ecret|ignature|ession.?key|k-)"
    r"|token"
    r"|g(?:h[pousr]_|ithub_pat_|l(?:pat|dt|ft|soat|rt|cbt|imt|ptt|agent|oas)-|r1348941)"
    r"|x(?:ox[abposr]-|app-|-api-key)"
    r"|hooks\.slack|_(?:live|test)_|whsec_|eyj|://[^\s/@]*@"
    r"|c(?:lient.?key|redential|ontrase|ookie)|b(?:earer|asic)"
)
# A value of >= 20 base64 characters with upper, lower and digits after `=` or `:`
# (candidate for the entropy rule); UUIDs, hex ids and words never match.
_MIXED = rf"[ \t]*[\"']?(?=[{_B64}]*[A-Z])(?=[{_B64}]*[a-z])(?=[{_B64}]*[0-9])[{_B64}]{{20}}"
_ENTROPY_EQ = re.compile("=" + _MIXED)
_ENTROPY_COLON = re.compile(":" + _MIXED)


def _may_hold_secret(line: str) -> bool:
    return bool(
        _TRIGGER_LOW.search(line.lower()) or _ENTROPY_EQ.search(line) or _ENTROPY_COLON.search(line)
    )


# The specific shapes alone: re-scanned inside text a generic rule matched but declined
# (`key_id=ASIA…` is not high-entropy by our measure, yet holds an AWS key).
_GENERIC = frozenset({"auth_header", "kv_quoted", "kv_plain", "entropy"})
_SPECIFIC = re.compile(
    "|".join(f"(?P<{name}>{rx})" for name, rx in _PATTERNS if name not in _GENERIC), re.DOTALL
)

# A value alone (e.g. a line that is only a PEM body row) that is certainly a secret token.
_TOKEN_KIND = re.compile(
    "|".join(f"(?P<{name}>{rx})" for name, rx in _PATTERNS[1:10]),
)
_PEM_BLOCK = re.compile(f"(?P<private_key>{_PATTERNS[0][1]})", re.DOTALL)
_PEM_BODY = re.compile(r"[ \t]*[A-Za-z0-9+/]{40,}={0,2}[ \t]*")
_PEM_LINE = re.compile(r"\n[ \t]*[A-Za-z0-9+/]{40,}={0,2}[ \t]*(?=\n|$)")

SECRET_KINDS = tuple(name.replace("_", "-") for name, _ in _PATTERNS)

_HARMLESS_VALUES = frozenset(
    {"", "true", "false", "null", "none", "nil", "undefined", "redacted", "<redacted>", "***"}
)


def _entropy(value: str) -> float:
    """Shannon entropy in bits per character (the measure detect-secrets uses)."""
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def looks_random(value: str) -> bool:
    """A base64/base62 run that is a random credential rather than a word, id or hex hash.

    Hex (git SHAs, trace ids, UUIDs) is excluded on purpose: it is everywhere in logs and
    mostly identifiers; hex secrets are caught by their key (`client_secret=…`). Needs all
    of upper, lower and digits, and entropy near the maximum for its length.
    """
    if len(value) < 20:
        return False
    if not (
        any(c.isdigit() for c in value)
        and any(c.isupper() for c in value)
        and any(c.islower() for c in value)
    ):
        return False
    # random base62 of length n has entropy close to log2(n) for n << 62.
    limit = min(4.2, math.log2(len(value)) - 0.8)
    return _entropy(value) >= limit


def _credential_like(value: str) -> bool:
    """Value of a weak key (token, signature, …) that looks like a credential, not a count."""
    bare = value.strip()
    if bare.lower() in _HARMLESS_VALUES or bare.startswith(MARKER_PREFIX):
        return False
    if bare.replace(".", "").isdigit() or _TIME_OR_AMOUNT.fullmatch(bare):
        return False
    return len(bare) >= 8 and not bare.isalpha()


# timestamps, durations and sizes: what `token_expiry=…`, `token_ttl=…` hold
_TIME_OR_AMOUNT = re.compile(
    r"\d[\d\-:./ T]*(?:Z|[+-]\d\d:?\d\d)?|\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d|[kmgt]i?b)",
    re.IGNORECASE,
)


def _marker(kind: str) -> str:
    return f"{MARKER_PREFIX}{kind.replace('_', '-')}]"


def _specific_kind(value: str, default: str) -> str:
    m = _TOKEN_KIND.search(value)
    return m.lastgroup if m is not None and m.lastgroup else default


def _key_before(text: str, pos: int) -> str:
    """The key left of a `:`/`=` separator (for the id-key exclusion of the entropy rule)."""
    m = re.search(r"([\w.\-]+)[\"']?[ \t]*$", text[max(0, pos - 48) : pos])
    return m.group(1) if m else ""


class _Counter:
    __slots__ = ("n",)

    def __init__(self) -> None:
        self.n = 0


def _replace_factory(counter: _Counter) -> Any:
    def replace(m: re.Match[str]) -> str:
        out = _decide(m)
        if out is None:  # a generic rule declined: the span may still hold a specific token
            return _SPECIFIC.sub(replace, m.group(0)) if m.lastgroup in _GENERIC else m.group(0)
        return out

    def _decide(m: re.Match[str]) -> str | None:
        kind = m.lastgroup or ""
        text = m.group(0)
        start = m.start()
        if kind == "auth_header":
            value = m.group("auth_value")
            scheme = text[: m.start("auth_value") - start].strip().lower()
            if scheme.startswith("basic"):
                try:
                    decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=False)
                except (binascii.Error, ValueError):
                    return None
                if b":" not in decoded:
                    return None
            elif value.isalpha() and value.islower():
                return None  # prose: "Bearer token expired"
            counter.n += 1
            return text[: m.start("auth_value") - start] + _marker(kind)
        if kind == "url_credentials":
            counter.n += 1
            return text[: m.start("url_pass") - start] + _marker(kind) + "@"
        if kind in ("kv_quoted", "kv_plain"):
            group = "kvq_value" if kind == "kv_quoted" else "kv_value"
            value = m.group(group)
            key = text[: m.start(group) - start]
            before = m.string[start - 1] if start else " "
            colon_plain = kind == "kv_plain" and ":" in m.group("kv_sep")
            if not _keep_pair(key, value, colon_plain, before):
                return None
            counter.n += 1
            v0 = m.start(group) - start
            v1 = m.end(group) - start
            return text[:v0] + _marker(_specific_kind(value, "secret")) + text[v1:]
        if kind == "entropy":
            value = m.group("ent_value")
            specific = _SPECIFIC.fullmatch(value)
            if specific is None and (
                not looks_random(value) or _ID_KEY.search(_key_before(m.string, start))
            ):
                return None
            counter.n += 1
            v0 = m.start("ent_value") - start
            found = specific.lastgroup if specific is not None else None
            return text[:v0] + _marker(found or "high-entropy")
        counter.n += 1
        return _marker(kind)

    return replace


def _keep_pair(key: str, value: str, colon_plain: bool, before: str = "") -> bool:
    """Whether a keyword pair's value should be redacted (False = leave the text alone)."""
    bare = value.strip()
    if bare.lower() in _HARMLESS_VALUES or bare.startswith(MARKER_PREFIX):
        return False
    if bare.startswith(("${", "{{", "%(", "<")):  # placeholders, not values
        return False
    if bare.startswith("/") and key.lower().startswith("pwd=") and before not in "_-.":
        return False  # the shell's PWD/OLDPWD: a directory, not a password
    if _STRONG_KEY.search(key):
        # "Invalid password: expected 8 characters" is prose, not a pair.
        return not (colon_plain and bare.isalpha() and bare.islower() and len(bare) < 12)
    if _WEAK_KEY.search(key) and not _credential_like(bare):
        return False
    return not (colon_plain and bare.isalpha() and len(bare) < 12)


def redact(text: str) -> tuple[str, int]:
    """Return `text` with every secret replaced by `[REDACTED:<kind>]`, and how many."""
    if "\n" in text:
        return _redact_multiline(text)
    return _redact_line(text)


def _redact_line(line: str) -> tuple[str, int]:
    if not _may_hold_secret(line):
        if _PEM_BODY.fullmatch(line) and looks_random(line.strip()):
            return _marker("private-key"), 1  # a PEM body row printed on its own line
        return line, 0
    return _redact_flagged(line)


def _redact_flagged(line: str) -> tuple[str, int]:
    """The full alternation over one line a trigger pointed at."""
    if _PEM_BODY.fullmatch(line) and looks_random(line.strip()):
        return _marker("private-key"), 1
    counter = _Counter()
    out = _COMBINED.sub(_replace_factory(counter), line)
    return out, counter.n


def _redact_multiline(text: str) -> tuple[str, int]:
    """A whole log at once: key blocks first (they span lines), then only flagged lines.

    The triggers run over the whole text rather than line by line: one regex scan of a
    big string costs a fraction of a Python call per line, and most lines hold nothing.
    """
    count = 0
    if "PRIVATE KEY" in text:
        counter = _Counter()
        text = _PEM_BLOCK.sub(_replace_factory(counter), text)
        count = counter.n
    low = text.lower()
    if len(low) != len(text):  # a few Unicode letters change length when lowered
        lines = [_redact_line(line) for line in text.split("\n")]
        return "\n".join(c for c, _ in lines), count + sum(n for _, n in lines)
    starts = {text.rfind("\n", 0, m.start()) + 1 for m in _TRIGGER_LOW.finditer(low)}
    for rx in (_ENTROPY_EQ, _ENTROPY_COLON):
        starts.update(text.rfind("\n", 0, m.start()) + 1 for m in rx.finditer(text))
    starts.update(m.start() + 1 for m in _PEM_LINE.finditer(text))
    starts.add(0)  # the first line has no newline before it for _PEM_LINE to find
    pieces: list[str] = []
    pos = 0
    for start in sorted(starts):
        end = text.find("\n", start)
        if end == -1:
            end = len(text)
        clean, n = _redact_flagged(text[start:end])
        if n:
            pieces.append(text[pos:start])
            pieces.append(clean)
            pos = end
            count += n
    pieces.append(text[pos:])
    return "".join(pieces), count


def redact_text(text: str) -> str:
    """`redact` without the count, for call sites that only need the clean text."""
    return redact(text)[0]


def redact_obj(value: Any) -> Any:
    """Redact every string inside nested dict/list JSON values; secret-named keys lose values.

    In a parsed JSON object the key/value structure is explicit, so `{"password": "x"}` is
    redacted by its key even though `"x"` alone looks harmless.
    """
    if isinstance(value, str):
        return redact(value)[0]
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        for k, v in value.items():
            if isinstance(k, str) and isinstance(v, str) and _secret_key(k, v):
                out[k] = _marker(_specific_kind(v, "secret"))
            else:
                out[k] = redact_obj(v)
        return out
    if isinstance(value, list | tuple):
        return type(value)(redact_obj(v) for v in value)
    return value


_KEY_ONLY = re.compile(rf"(?i:{_KEYWORDS})")


def _secret_key(key: str, value: str) -> bool:
    if _KEY_ONLY.search(key):
        return _keep_pair(key, value, colon_plain=False)
    return looks_random(value) and not _ID_KEY.search(key)


# LogRecord attributes that are not user data; everything else may carry `extra=` values.
_RECORD_ATTRS = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys() | {"message", "asctime"}
)


class RedactingFilter(logging.Filter):
    """Redacts a log record's message, arguments, exception text and `extra` strings.

    Attach it to handlers (a logger's filters do not see records propagated from child
    loggers). The message is formatted once here and the args dropped, so a secret passed as
    an argument cannot reappear when a handler formats the record later.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # bad format args: keep the raw parts, redacted
            message = f"{record.msg!s} {record.args!r}"
        record.msg = redact(message)[0]
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)[0]
        if record.stack_info:
            record.stack_info = redact(record.stack_info)[0]
        for name, value in list(record.__dict__.items()):
            if name not in _RECORD_ATTRS and isinstance(value, str | dict | list):
                setattr(record, name, redact_obj(value))
        return True
