"""Secret redaction: the first thing every log line passes, and the last thing before output.

Secrets must never leave the process (model prompts, GitHub issues, HTTP responses, our own
log lines), yet the digest has to stay readable, so redaction replaces only the secret part
with a marker such as ``[REDACTED:aws-key]`` and leaves ordinary log content (UUIDs, request
ids, git SHAs, IPs, durations) alone.

The token shapes come from detect-secrets' plugins (AWS, GitHub, GitLab, Slack, JWT, Stripe,
OpenAI, basic-auth URLs, private keys, its keyword list and Shannon entropy), widened where
they are too narrow for logs (``github_pat_``, ``sk-proj-``, unquoted key/value pairs).
Its plugin API runs a dozen regexes with per-plugin Python code over every line: far too
slow for the digest (target: several hundred thousand lines/s), so the scan is built for
Python's regex engine instead (measured on this machine, 150-char log lines):

- ONE finder regex over the lowered text locates every place a secret can start (keyword,
  token prefix, auth scheme, ``://``); every alternative begins with a literal character,
  which lets the engine skip ahead instead of trying each alternative at each position.
  On a whole log, the places led by common characters come from literal-led regexes of
  their own instead (substring scans), merged in position order.
  Two literal-led regexes find high-entropy values after ``=``/``:``.
- Only at those few places is a small anchored pattern matched and a decision taken, and
  the replacements are applied as spans (leftmost first) to the original text.

The obvious design, one alternation of all patterns, ran 12k lines/s; behind a trigger
regex 255k lines/s on ordinary logs but 16k on an auth service's logs, where most lines
mention a token or a password. This one: ~400k and ~200k (`bench/redact_bench.py`).
"""

from __future__ import annotations

import base64
import binascii
import heapq
import logging
import math
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

__all__ = ["MARKER_PREFIX", "SECRET_KINDS", "RedactingFilter", "redact", "redact_obj"]

MARKER_PREFIX = "[REDACTED:"

# --- token shapes, matched on the original text (case matters) -------------------------
# Token lengths are bounded so a pathological line costs linear time, not quadratic.
_TOKENS: tuple[tuple[str, str], ...] = (
    ("aws-key", r"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])"),
    ("google-api-key", r"AIza[0-9A-Za-z_\-]{35}"),
    ("github-token", r"gh[pousr]_[A-Za-z0-9_]{36,255}|github_pat_[A-Za-z0-9_]{22,255}"),
    (
        "gitlab-token",
        r"gl(?:pat|dt|ft|soat|rt|cbt|imt|ptt|agent|oas)-[A-Za-z0-9_\-]{20,256}"
        r"|GR1348941[A-Za-z0-9_\-]{20,50}",
    ),
    ("slack-token", r"xox[abposr]-[A-Za-z0-9-]{10,256}|xapp-\d-[A-Za-z0-9-]{10,256}"),
    ("slack-webhook", r"hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9_/]{1,256}"),
    ("openai-key", r"sk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_\-]{20,256}"),
    ("stripe-key", r"(?:sk|rk|pk)_(?:live|test)_[0-9a-zA-Z]{16,256}|whsec_[0-9a-zA-Z]{20,256}"),
    ("jwt", r"eyJ[A-Za-z0-9_\-]{6,4096}\.[A-Za-z0-9_\-]{6,4096}\.[A-Za-z0-9_\-]{0,4096}"),
)
_TOKEN_RES = {kind: re.compile(rx) for kind, rx in _TOKENS}
_ANY_TOKEN = re.compile("|".join(f"(?:{rx})" for _, rx in _TOKENS))
# finder hit (its first two letters) -> the token shape it announces
_TOKEN_BY_PREFIX = {
    **dict.fromkeys(("a3", "ak", "as", "ab", "ac"), "aws-key"),
    "ai": "google-api-key",
    **dict.fromkeys(("gh", "gi"), "github-token"),
    **dict.fromkeys(("gl", "gr"), "gitlab-token"),
    **dict.fromkeys(("xo", "xa"), "slack-token"),
    "ho": "slack-webhook",
    **dict.fromkeys(("sk", "rk", "pk", "wh"), "stripe-key"),
    "ey": "jwt",
}
# A key block ends at its END line (keys are < 8 KiB, JSON-escaped or not); a block cut off
# before END (a truncated line) takes the rest of its line and the base64 rows after it.
_PEM_BEGIN = re.compile(r"-----BEGIN[A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?-----")
_PEM_END = re.compile(r"-----END[A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?-----")
_PEM_ROWS = re.compile(r"[^\n]*(?:\n[ \t]*[A-Za-z0-9+/=]{16,}[ \t\r]*(?=\n|$))*")
_PEM_MAX = 8192
SECRET_KINDS = (
    "private-key",
    *(kind for kind, _ in _TOKENS),
    "url-credentials",
    "auth-header",
    "secret",
    "high-entropy",
)

# --- the finder: every place a secret can start, over the lowered text -----------------
# Every alternative starts with a literal (see module docstring); keep in sync with
# _TOKENS, _KEYWORD_HIT and _AUTH_HIT.
_FINDER = re.compile(
    r"a(?:3t|kia|sia|bia|cca|iza|pi[_-]?key|ccess[_-]?key|uth[_-]?key|uthorization)"
    r"|p(?:assw|assphrase|wd|rivate[_-]?key|k_(?:live|test)_)"
    r"|s(?:ecret|ignature|ession[_-]?key|k-|k_(?:live|test)_)"
    r"|g(?:h[pousr]_|ithub_pat_|l(?:pat|dt|ft|soat|rt|cbt|imt|ptt|agent|oas)-|r1348941)"
    r"|x(?:ox[abposr]-|app-|-api-key)"
    r"|c(?:lient[_-]?key|redential|ontrase|ookie)"
    r"|b(?:earer|asic)"
)
# Hits led by a common character (e, t, r, h, `:`, `-`) are found by regexes of their own:
# one that starts with a literal string is a fast substring scan, while in _FINDER they
# made the engine try the alternation at a third of all positions (~20% of its time).
# No hit of one finder can start inside a hit of another, so together they give the hits
# of the single alternation.
_LITERAL_FINDERS = tuple(
    re.compile(rx)
    for rx in (
        r"token",
        r"eyj",
        r"://",
        r"-----begin",
        r"hooks\.slack",
        r"rk_(?:live|test)_",
        r"whsec_",
    )
)
# A single line is scanned faster by one alternation (eight scans cost more set-up than
# they save); a whole log is scanned by the split finders.
_FINDER_ALL = re.compile("|".join((_FINDER.pattern, *(f.pattern for f in _LITERAL_FINDERS))))
_SPLIT_FINDERS_FROM = 16384  # characters
# finder hits that start a key/value pair (the others are token prefixes)
_KEYWORD_HIT = re.compile(
    r"a(?:pi|ccess|uth)|passw|passph|pwd|private|secret|signature|session|token|x-api"
    r"|client|credential|contrase|cookie"
)
_AUTH_HIT = frozenset({"bearer", "basic", "token"})

# Keys whose value is a secret whatever it looks like (detect-secrets' keyword DENYLIST
# plus the usual header/env names). Weak keywords name counters and settings as often as
# secrets (`max_tokens=512`, `signature_version=4`): their value must look like one.
_WEAK_KEY = re.compile(r"token|signature|cookie|credential")
_STRONG_KEY = re.compile(r"passw|passphrase|pwd|secret|contrase|authorization")
_KEY_ONLY = re.compile(
    r"passw|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key"
    r"|auth[_-]?key|client[_-]?key|credential|signature|authorization|session[_-]?key"
    r"|contrase|cookie"
)
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
# matched on the lowered text at a keyword hit: key rest, separator, value
# (`%3d`/`%3a`: the pair URL-encoded once more, as a logged redirect or query holds it)
_KV = re.compile(
    r"[\w.\-]{0,64}(?P<kq>[\"']?)(?P<sep>[ \t]*(?:[:=]|%3[ad])[ \t]*)"
    r"(?:\"(?P<dq>(?:[^\"\\\n]|\\.){1,2048})\"|'(?P<sq>(?:[^'\\\n]|\\.){1,2048})'"
    rf"|(?P<plain>(?:(?:bearer|basic|token)[ \t]+)?[^{_VALUE_END}]{{1,2048}}))"
)
# a keyword, blanks, then a random-looking value: `aws secret <40 base64>` in config dumps
_KV_BLANK = re.compile(rf"[\w.\-]{{0,64}}[ \t]+(?P<value>[{_B64}]{{20,2048}}={{0,2}})(?![{_B64}=])")
_ENCODED_AMP = re.compile(r"%26", re.IGNORECASE)
_AUTH = re.compile(r"[a-z]+[ \t]+(?P<value>[a-z0-9._~+/\-]{8,}=*)")
_URL = re.compile(r"://[^\s:/@\"'<>]{0,128}:(?!\[redacted)(?P<password>[^\s@/\"'<>]{1,256})@")
# a value of >= 20 base64 characters with upper, lower and digits after `=` or `:` (the
# length look-ahead goes first: most values are short, and it fails them in one scan
# where the three class look-aheads scan and backtrack each; ~40% off these finders)
_MIXED = (
    rf"[ \t]*[\"']?(?=[{_B64}]{{20}})"
    rf"(?=[{_B64}]*[A-Z])(?=[{_B64}]*[a-z])(?=[{_B64}]*[0-9])[{_B64}]{{20}}"
)
_ENTROPY_EQ = re.compile("=" + _MIXED)
_ENTROPY_COLON = re.compile(":" + _MIXED)
_ENTROPY_VALUE = re.compile(rf"[{_B64}]{{20,}}={{0,2}}(?:\.[{_B64}]{{6,}}){{0,2}}(?![{_B64}])")
# a PEM body row printed on a line of its own
_PEM_BODY = re.compile(r"[ \t]*[A-Za-z0-9+/]{40,}={0,2}[ \t\r]*")
_PEM_LINE = re.compile(r"\n[ \t]*[A-Za-z0-9+/]{40,}={0,2}[ \t\r]*(?=\n|$)")

_HARMLESS_VALUES = frozenset(
    {"", "true", "false", "null", "none", "nil", "undefined", "redacted", "<redacted>", "***"}
)
# timestamps, durations and sizes: what `token_expiry=…`, `token_ttl=…` hold
_TIME_OR_AMOUNT = re.compile(
    r"\d[\d\-:./ T]*(?:Z|[+-]\d\d:?\d\d)?|\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d|[kmgt]i?b)",
    re.IGNORECASE,
)
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_UPPER_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

# start, end, replacement, rank: at one start the lowest rank wins, then the longest span
# (URL credentials keep the host visible; a known token shape names its kind)
Span = tuple[int, int, str, int]


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
    # random base62 of length n has entropy close to log2(n) for n << 62
    return _entropy(value) >= min(4.2, math.log2(len(value)) - 0.8)


def _marker(kind: str) -> str:
    return f"{MARKER_PREFIX}{kind}]"


def _specific_kind(value: str, default: str) -> str:
    m = _ANY_TOKEN.search(value)
    if m is None:
        return default
    return next((k for k, rx in _TOKEN_RES.items() if rx.fullmatch(m.group(0))), default)


def _credential_like(value: str) -> bool:
    """Value of a weak key (token, signature, …) that looks like a credential, not a count."""
    if value.replace(".", "").isdigit() or _TIME_OR_AMOUNT.fullmatch(value):
        return False
    return len(value) >= 8 and not value.isalpha()


def _redact_value(key: str, value: str, colon_plain: bool, before: str) -> bool:
    """Whether a keyword pair's value is a secret (`key` lowered, from the keyword on)."""
    bare = value.strip()
    if bare.lower() in _HARMLESS_VALUES or MARKER_PREFIX in bare:
        return False
    if bare.startswith(("${", "{{", "%(", "<")):  # placeholders, not values
        return False
    if bare.startswith("/") and key.startswith("pwd") and before not in "_-.":
        return False  # the shell's PWD/OLDPWD: a directory, not a password
    if _STRONG_KEY.search(key):
        # "Invalid password: expected 8 characters" is prose, not a pair.
        return not (colon_plain and bare.isalpha() and bare.islower() and len(bare) < 12)
    if _WEAK_KEY.search(key) and not _credential_like(bare):
        return False
    return not (colon_plain and bare.isalpha() and len(bare) < 12)


def _token_span(text: str, pos: int, word: str) -> Span | None:
    if word == "-----begin":
        return _pem_span(text, pos)
    kind = "openai-key" if word == "sk-" else _TOKEN_BY_PREFIX.get(word[:2])
    if kind is None:
        return None
    m = _TOKEN_RES[kind].match(text, pos)
    if m is None:
        return None
    # Inside a longer word ("task-…" is not "sk-…"); but an upper-case AWS key id stands out
    # from a lower-case word it is glued to ("keyAKIA…"), unlike from an upper-case code.
    glued = kind != "jwt" and pos and text[pos - 1] in _ALNUM
    if glued and (kind != "aws-key" or text[pos - 1] in _UPPER_ALNUM):
        return None
    if kind == "openai-key" and not looks_random(m.group(0)[3:]):
        return None  # "sk-learn-…", "disk-pressure-…"
    return m.start(), m.end(), _marker(kind), 1


def _pem_span(text: str, pos: int) -> Span | None:
    begin = _PEM_BEGIN.match(text, pos)
    if begin is None:
        return None
    end_at = text.find("-----END", begin.end(), begin.end() + _PEM_MAX)
    end = _PEM_END.match(text, end_at) if end_at != -1 else None
    if end is not None:
        stop = end.end()
    else:
        rows = _PEM_ROWS.match(text, begin.end())
        stop = rows.end() if rows is not None else begin.end()
    return pos, stop, _marker("private-key"), 0


def _keyword_span(text: str, low: str, pos: int, word: str) -> Span | None:
    m = _KV.match(low, pos)
    if m is None:  # "token <value>" is the auth-scheme rule's
        return None if word in _AUTH_HIT else _blank_pair_span(text, low, pos)
    group = "dq" if m.group("dq") is not None else "sq" if m.group("sq") is not None else "plain"
    v0, v1 = m.span(group)
    sep = m.group("sep")
    if "%" in sep:  # URL-encoded: the value ends at an encoded '&' too
        amp = _ENCODED_AMP.search(text, v0, v1)
        v1 = amp.start() if amp is not None else v1
    value = text[v0:v1]
    colon_plain = group == "plain" and (":" in sep or "%3a" in sep)
    before = text[pos - 1] if pos else " "
    if not _redact_value(low[pos:v0], value, colon_plain, before):
        return None
    return v0, v1, _marker(_specific_kind(value, "secret")), 2


def _blank_pair_span(text: str, low: str, pos: int) -> Span | None:
    """`secret <value>`: only a value that looks random (prose follows keywords too)."""
    m = _KV_BLANK.match(low, pos)
    if m is None:
        return None
    v0, v1 = m.span("value")
    value = text[v0:v1]
    if not looks_random(value.rstrip("=")):
        return None
    return v0, v1, _marker(_specific_kind(value, "secret")), 2


def _auth_span(text: str, low: str, pos: int) -> Span | None:
    if pos and text[pos - 1] in _ALNUM:
        return None
    m = _AUTH.match(low, pos)
    if m is None:
        return None
    v0, v1 = m.span("value")
    value = text[v0:v1]
    if low.startswith("basic", pos):
        try:
            decoded = base64.b64decode(value + "=" * (-len(value) % 4))
        except (binascii.Error, ValueError):
            return None
        if b":" not in decoded:
            return None  # "Basic authentication enabled": Basic credentials are user:pass
    elif value.isalpha() and len(value) < 20:
        return None  # prose: "Bearer token expired"
    return v0, v1, _marker(_specific_kind(value, "auth-header")), 2


def _key_before(text: str, pos: int) -> str:
    """The key left of a `:`/`=` separator (for the id-key exclusion of the entropy rule)."""
    m = re.search(r"([\w.\-]+)[\"']?[ \t]*$", text[max(0, pos - 48) : pos])
    return m.group(1) if m else ""


def _entropy_spans(text: str) -> Iterator[Span]:
    for finder in (_ENTROPY_EQ, _ENTROPY_COLON):
        for hit in finder.finditer(text):
            v0 = hit.start() + 1
            while text[v0] in " \t\"'":
                v0 += 1
            m = _ENTROPY_VALUE.match(text, v0)
            if m is None:
                continue
            value = m.group(0)
            token = _ANY_TOKEN.fullmatch(value)
            if token is not None:
                yield v0, m.end(), _marker(_specific_kind(value, "high-entropy")), 1
            elif looks_random(value) and not _ID_KEY.search(_key_before(text, hit.start())):
                yield v0, m.end(), _marker("high-entropy"), 3


def _hits(finder: re.Pattern[str], low: str) -> Iterator[tuple[int, str]]:
    for m in finder.finditer(low):
        yield m.start(), m.group(0)


def _spans(text: str, low: str) -> Iterator[Span]:
    """Candidate replacements, in no particular order; overlaps are resolved by the caller."""
    covered = 0  # hits inside an accepted span need no look (and would cost quadratic time)
    hits: Iterator[tuple[int, str]]
    if len(low) < _SPLIT_FINDERS_FROM:
        hits = _hits(_FINDER_ALL, low)
    else:  # merged in position order, streaming (a log full of tokens holds no hit list)
        hits = heapq.merge(*(_hits(finder, low) for finder in (_FINDER, *_LITERAL_FINDERS)))
    for pos, word in hits:
        if pos < covered:
            continue
        if word == "://":
            m = _URL.match(low, pos)
            if m is not None:
                covered = m.end("password")
                yield m.start("password"), covered, _marker("url-credentials"), 0
            continue
        if _KEYWORD_HIT.match(word):
            span = _keyword_span(text, low, pos, word)
            if span is None and word in _AUTH_HIT:
                span = _auth_span(text, low, pos)
        elif word in _AUTH_HIT:
            span = _auth_span(text, low, pos)
        else:
            span = _token_span(text, pos, word)
        if span is not None:
            covered = span[1]
            yield span
    yield from _entropy_spans(text)
    nl = text.find("\n")
    if nl != -1:
        for m in _PEM_LINE.finditer(text, nl):
            span = _row_span(m.group(0), m.start())
            if span is not None:
                yield span
    first = text if nl == -1 else text[:nl]
    if _PEM_BODY.fullmatch(first):
        span = _row_span(first, 0)
        if span is not None:
            yield span


def _row_span(row: str, offset: int) -> Span | None:
    """A PEM body row without its surrounding whitespace (line endings stay as they were)."""
    body = row.strip()
    if not looks_random(body):
        return None
    start = offset + row.index(body)
    return start, start + len(body), _marker("private-key"), 0


def redact(text: str) -> tuple[str, int]:
    """Return `text` with every secret replaced by `[REDACTED:<kind>]`, and how many.

    Works on a line or a whole log at once (faster per line: one scan of a big string).
    """
    low = text.lower()
    if len(low) != len(text):  # a few Unicode letters change length when lowered ("İ")
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _apply(text, _spans(text, low))


def _apply(text: str, spans: Iterator[Span]) -> tuple[str, int]:
    ordered = sorted(spans, key=lambda s: (s[0], s[3], -s[1]))
    if not ordered:
        return text, 0
    pieces: list[str] = []
    pos = count = 0
    for start, end, replacement, _ in ordered:
        if start < pos:
            continue  # overlaps a replacement already made (leftmost, longest wins)
        pieces.append(text[pos:start])
        pieces.append(replacement)
        pos = end
        count += 1
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


def _secret_key(key: str, value: str) -> bool:
    low = key.lower()
    m = _KEY_ONLY.search(low)
    if m is not None:
        return _redact_value(low[m.start() :], value, colon_plain=False, before=" ")
    # The entropy rule is for a value that is one token; prose (with spaces) is never one
    # random secret, and secrets inside it are found by redact() on the else branch.
    return not any(c.isspace() for c in value) and looks_random(value) and not _ID_KEY.search(key)


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
