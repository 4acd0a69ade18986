"""Input checks at the HTTP boundary: names, label selectors, lengths, field types.

Everything a client sends is checked here before it reaches the pipeline, so a malformed
request ends as a 400 with a message that says which field is wrong and why (raised as
`BadRequest`, which the error middleware maps), never as a Kubernetes 422 turned into a
503, and never as a 500. The rules are Kubernetes' own: namespaces are DNS-1123 labels,
object names DNS-1123 subdomains, selectors the label-selector grammar of
`kubectl get -l` (equality, set-based and existence clauses).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

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


class BadRequest(ValueError):
    """The request is malformed; the message names the field and the rule it breaks."""


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
