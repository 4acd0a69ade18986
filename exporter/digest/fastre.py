"""ASCII twins of the hot path's regexes: the same matches on ASCII text, found faster.

In Unicode mode every `\\d`, `\\w`, `\\s` and `\\b` is a Unicode database call per character;
with `re.ASCII` they are table lookups, which makes the digest's busiest patterns 20–60%
cheaper. Nearly every log line is ASCII, and `str.isascii` answers in O(1), so callers
pick the twin for ASCII text and the original otherwise:

    rx = twin(_PATTERN)
    m = (rx if text.isascii() else _PATTERN).search(text)

On an ASCII string the two agree exactly: `\\d` is 0-9 and `\\w` is [A-Za-z0-9_] in both
modes (so `\\b` too), case-insensitive matching of ASCII characters is plain ASCII case
folding in both, and `\\s`, which in Unicode mode also accepts the information separators
\\x1c-\\x1f, is spelled out as the characters `str.isspace` accepts below 128.
tests/test_digest_fastpaths.py compares every twin with its original.
"""

from __future__ import annotations

import re

__all__ = ["ASCII_SPACE", "twin"]

# what `\s` matches among ASCII characters in Unicode mode (str.isspace)
ASCII_SPACE = r"\t-\r\x1c-\x20"


def _spell_spaces(pattern: str) -> str:
    """`pattern` with `\\s` / `\\S` written as explicit ASCII classes."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    class_start = -1  # index in `out` where the current class's items begin
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            esc = pattern[i + 1]
            if esc == "s":
                out.append(ASCII_SPACE if in_class else f"[{ASCII_SPACE}]")
            elif esc == "S":
                if in_class:
                    raise ValueError(f"\\S inside a class has no ASCII spelling: {pattern!r}")
                out.append(f"[^{ASCII_SPACE}]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if not in_class and ch == "[":
            in_class = True
            out.append(ch)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            class_start = len(out)
            if i < n and pattern[i] == "]":  # a leading `]` is a literal member
                out.append("]")
                i += 1
            continue
        if in_class and ch == "]" and len(out) > class_start:
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


def twin(rx: re.Pattern[str]) -> re.Pattern[str]:
    """The ASCII-mode pattern that matches ASCII text exactly as `rx` does."""
    flags = (rx.flags & ~re.UNICODE) | re.ASCII
    return re.compile(_spell_spaces(rx.pattern), flags)
