"""Signatures of folded stack traces: exception type plus top frames, no line numbers.

Java/Kotlin/.NET/Node (`at …` frames, `Caused by:`), Python (`Traceback`, `File "…", line
N, in f`) and Go (`panic:`/`goroutine N [running]:`) traces reduce to one stable string, so
the same failure in another build, pod or line of code groups as one template.
"""

from __future__ import annotations

import re

__all__ = ["GO_FRAME", "GO_START", "JAVA_EXC", "JAVA_FRAME", "PY_EXC", "trace_signature"]

JAVA_FRAME = re.compile(r"\s+at ([\w$.<>/\-]+)[\(\s]")
JAVA_EXC = re.compile(
    r"(?:Caused by: |Suppressed: )?((?:[a-zA-Z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|"
    r"Throwable|Fault|Failure)|(?:[A-Z][\w$]*(?:Exception|Error)))(?::|$|\s)"
)
_PY_FRAME = re.compile(r'\s+File "([^"]+)", line \d+, in (\S+)')
PY_EXC = re.compile(
    r"([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning|Fault|Timeout|"
    r"[A-Z]\w*))(?::|$)"
)
GO_FRAME = re.compile(r"((?:[\w.\-/]+/)?[\w.\-]+(?:\.\([^)]*\))?(?:\.[\w\-]+)+)\(")
GO_START = ("panic:", "fatal error:", "goroutine ")
_LONG_DIGITS = re.compile(r"\d{3,}|0x[0-9a-fA-F]+")
_ANY_DIGITS = re.compile(r"0x[0-9a-fA-F]+|\d+")


def _frame_norm(frame: str) -> str:
    return _LONG_DIGITS.sub("N", frame)


def trace_signature(lines: list[str]) -> tuple[str, str]:
    """(kind, signature) of a folded trace: exception type plus the top 3 frames, with no
    line numbers, so the same failure in another build or pod has the same signature."""
    if not lines:
        return "exception", ""
    first = lines[0].lstrip()
    if any(ln.startswith("Traceback (most recent call last)") for ln in lines[:3]) or any(
        _PY_FRAME.match(ln) for ln in lines[:6]
    ):
        frames = [
            f"{m.group(1).rsplit('/', 1)[-1].removesuffix('.py')}.{m.group(2)}"
            for ln in lines
            if (m := _PY_FRAME.match(ln))
        ]
        exc = ""
        for ln in reversed(lines):
            if ln[:1] not in (" ", "\t", "") and not ln.startswith(
                ("Traceback", "During ", "The ")
            ):
                m = PY_EXC.match(ln)
                if m:
                    exc = m.group(1)
                    break
        top = [_frame_norm(f) for f in reversed(frames[-3:])]  # innermost first
        return "exception", _join_sig(exc or "Traceback", top)
    if first.startswith(GO_START) or any(ln.startswith("goroutine ") for ln in lines[:4]):
        head = next((ln for ln in lines if ln.startswith(("panic:", "fatal error:"))), "panic")
        head = _ANY_DIGITS.sub("N", head.split(" [recovered]")[0])[:80]
        gframes: list[str] = []
        for ln in lines[1:]:
            if ln[:1] in (" ", "\t") or ln.startswith(("goroutine ", "panic(", "runtime.", "[")):
                continue
            m = GO_FRAME.match(ln)
            if m:
                gframes.append(_frame_norm(m.group(1)))
                if len(gframes) == 3:
                    break
        return "panic", _join_sig(head, gframes)
    exc_type = ""
    cause = ""
    jframes: list[str] = []
    for ln in lines:
        if ln[:1] in (" ", "\t"):
            if not cause and len(jframes) < 3:  # frames of the outermost exception
                m = JAVA_FRAME.match(ln)
                if m:
                    jframes.append(_frame_norm(m.group(1)))
            continue
        m = JAVA_EXC.match(ln)
        if m:
            if not exc_type:
                exc_type = m.group(1)
            elif ln.startswith("Caused by"):
                cause = m.group(1)
    if cause and cause != exc_type:
        exc_type = f"{exc_type} (caused by {cause})"
    return "exception", _join_sig(exc_type or "exception", jframes)


def _join_sig(head: str, frames: list[str]) -> str:
    return head + (" @ " + " < ".join(frames) if frames else "")
