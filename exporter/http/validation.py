"""Input checks at the HTTP boundary: names, label selectors, lengths, field types.

Everything a client sends is checked here before it reaches the pipeline, so a malformed
request ends as a 400 with a message that says which field is wrong and why (raised as
`BadRequest`, which the error middleware maps), never as a Kubernetes 422 turned into a
503, and never as a 500. The rules are Kubernetes' own: namespaces are DNS-1123 labels,
object names DNS-1123 subdomains, selectors the label-selector grammar of
`kubectl get -l` (equality, set-based and existence clauses).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler

MAX_SELECTOR = 1024
MAX_TEXT = 4096  # extraPrompt, prompt-like free text
MAX_URL = 2048

_DNS1123_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_DNS1123_SUBDOMAIN = re.compile(
    r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
)
_LABEL_NAME = re.compile(r"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
_LABEL_VALUE = re.compile(r"^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$")
_SET_CLAUSE = re.compile(r"^(\S+)\s+(in|notin)\s*\((.*)\)$")
_EQ_CLAUSE = re.compile(r"^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$")
_GIT_URL = re.compile(r"^(https?://|git@)[^\s]+$")

# Limits on any JSON a caller sends (bodies, JSON text parts). Far above what the plugin or
# an A2A agent sends; they exist so hostile documents end as a 400, not a 500 or a stall.
MAX_JSON_DEPTH = 64
MAX_JSON_NUMBER = 64  # characters in one number (int64 and any double fit in ~25)
MAX_JSON_ITEMS = 10_000  # elements of one array or members of one object
# Structure only: whole strings (escapes included) as one token, or a bracket.
_JSON_TOKENS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


class BadRequest(ValueError):
    """The request is malformed; the message names the field and the rule it breaks."""


class Forbidden(BadRequest):
    """Well-formed, but outside what this service may do (a 403; a rejected A2A task)."""


def namespace(value: object, field: str = "namespace") -> str:
    text = string(value, field, required=True, max_len=63)
    if not _DNS1123_LABEL.match(text):
        raise BadRequest(
            f"{field} {text!r} is not a valid namespace (DNS-1123 label: lower-case "
            "letters, digits and '-', starting and ending with a letter or digit, ≤63)"
        )
    return text


def object_name(value: object, field: str) -> str:
    text = string(value, field, required=True, max_len=253)
    if not _DNS1123_SUBDOMAIN.match(text):
        raise BadRequest(
            f"{field} {text!r} is not a valid Kubernetes name (DNS-1123 subdomain: lower-case "
            "letters, digits, '-' and '.', ≤253)"
        )
    return text


def label_key(key: str, field: str) -> None:
    prefix, slash, name = key.rpartition("/")
    if slash and (not prefix or len(prefix) > 253 or not _DNS1123_SUBDOMAIN.match(prefix)):
        raise BadRequest(f"{field}: label key {key!r} has an invalid prefix")
    if not name or len(name) > 63 or not _LABEL_NAME.match(name):
        raise BadRequest(f"{field}: label key {key!r} is not a valid label name")


def label_value(value: str, field: str) -> None:
    if len(value) > 63 or not _LABEL_VALUE.match(value):
        raise BadRequest(f"{field}: label value {value!r} is not a valid label value")


def _clauses(selector: str, field: str) -> list[str]:
    """Split on commas outside `( … )`."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(selector):
        if ch == "(":
            depth += 1
            if depth > 1:
                raise BadRequest(f"{field}: nested parentheses in label selector")
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise BadRequest(f"{field}: unbalanced ')' in label selector")
        elif ch == "," and depth == 0:
            parts.append(selector[start:i])
            start = i + 1
    if depth:
        raise BadRequest(f"{field}: unbalanced '(' in label selector")
    parts.append(selector[start:])
    return [p.strip() for p in parts]


def label_selector(value: object, field: str) -> str:
    """A non-empty Kubernetes label selector (an empty one would select every pod)."""
    text = string(value, field, required=True, max_len=MAX_SELECTOR)
    for clause in _clauses(text, field):
        if not clause:
            raise BadRequest(f"{field}: empty clause in label selector {text!r}")
        if m := _SET_CLAUSE.match(clause):
            label_key(m.group(1), field)
            values = [v.strip() for v in m.group(3).split(",")]
            if not any(values):
                raise BadRequest(f"{field}: '{m.group(2)}' needs at least one value")
            for v in values:
                label_value(v, field)
        elif m := _EQ_CLAUSE.match(clause):
            label_key(m.group(1), field)
            label_value(m.group(3), field)
        else:
            key = clause[1:].strip() if clause.startswith("!") else clause
            if not key or any(c in key for c in " =!(),"):
                raise BadRequest(f"{field}: {clause!r} is not a valid label selector clause")
            label_key(key, field)
    return text


def string(value: object, field: str, *, required: bool = False, max_len: int = MAX_TEXT) -> str:
    if value is None:
        if required:
            raise BadRequest(f"{field} is required")
        return ""
    if not isinstance(value, str):
        raise BadRequest(f"{field} must be a string")
    value = value.strip()
    if required and not value:
        raise BadRequest(f"{field} must not be empty")
    if len(value) > max_len:
        raise BadRequest(f"{field} is longer than {max_len} characters")
    if "\x00" in value:
        raise BadRequest(f"{field} must not contain NUL characters")
    return value


def repo_url(value: object, field: str = "repoUrl") -> str:
    text = string(value, field, max_len=MAX_URL)
    if text and not _GIT_URL.match(text):
        raise BadRequest(f"{field} must be an https:// or git@ repository URL")
    return text


def log_text(value: object, field: str) -> str | None:
    """Inline log text (size is bounded by the request body limit)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadRequest(f"{field} must be a string")
    return value


def mapping(value: object, field: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BadRequest(f"{field} must be a JSON object")
    return value


def _bounded_int(text: str) -> int:
    if len(text) > MAX_JSON_NUMBER:
        raise BadRequest(f"a number in the JSON has more than {MAX_JSON_NUMBER} digits")
    return int(text)


def _bounded_float(text: str) -> float:
    if len(text) > MAX_JSON_NUMBER:
        raise BadRequest(f"a number in the JSON has more than {MAX_JSON_NUMBER} digits")
    value = float(text)
    if not math.isfinite(value):
        raise BadRequest(f"the number {text} in the JSON is out of range")
    return value


def _no_constant(text: str) -> Any:
    raise BadRequest(f"{text} is not valid JSON")


def _json_depth_ok(raw: bytes) -> bool:
    """Whether brackets outside strings nest at most MAX_JSON_DEPTH deep (one linear scan)."""
    if raw.count(b"[") + raw.count(b"{") <= MAX_JSON_DEPTH:
        return True
    depth = 0
    for m in _JSON_TOKENS.finditer(raw):
        ch = raw[m.start()]
        if ch in b"[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return False
        elif ch in b"]}":
            depth -= 1
    return True


def _sizes_ok(doc: Any) -> bool:
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if len(node) > MAX_JSON_ITEMS:
                return False
            stack.extend(node.values())
        elif isinstance(node, list):
            if len(node) > MAX_JSON_ITEMS:
                return False
            stack.extend(node)
    return True


def json_document(raw: bytes | str, what: str = "request body") -> Any:
    """Parse JSON a caller sent, within limits; every failure is a `BadRequest`.

    The total size is bounded before this (aiohttp's body limit); here: nesting depth,
    digits per number (Python's int conversion raises past 4,300), no NaN/Infinity
    (not JSON), and items per array or object.
    """
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if not _json_depth_ok(data):
        raise BadRequest(f"{what} is nested more than {MAX_JSON_DEPTH} levels deep")
    try:
        doc = json.loads(
            raw,
            parse_int=_bounded_int,
            parse_float=_bounded_float,
            parse_constant=_no_constant,
        )
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRequest(f"{what} is not valid JSON: {exc}") from None
    except RecursionError:  # unreachable after the depth scan; kept as a last guard
        raise BadRequest(f"{what} is nested too deeply") from None
    if not _sizes_ok(doc):
        raise BadRequest(f"{what} has an array or object with more than {MAX_JSON_ITEMS} items")
    return doc


def json_object(raw: bytes | str, what: str = "request body") -> dict[str, Any]:
    doc = json_document(raw, what)
    if not isinstance(doc, dict):
        raise BadRequest(f"{what} must be a JSON object")
    return doc


# Request headers the service (or the A2A SDK behind it) reads. aiohttp hands over raw
# non-ASCII bytes as lone surrogates, which fail the first encode (a 500) or end up in
# answers; RFC 9110 field values are visible ASCII, so anything else is a 400 here.
READ_HEADERS = (
    "Authorization",
    "Accept",
    "Content-Type",
    "X-Forwarded-Proto",
    "X-Forwarded-Host",
    "A2A-Version",
    "A2A-Extensions",
    "X-A2A-Extensions",
)
_FIELD_VALUE = re.compile(r"[\t\x20-\x7e]*")


@web.middleware
async def header_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    for name in READ_HEADERS:
        for value in request.headers.getall(name, ()):
            if not _FIELD_VALUE.fullmatch(value):
                raise BadRequest(f"the {name} header must be printable ASCII")
    return await handler(request)
