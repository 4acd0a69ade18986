"""Digest stage: redact, read, template and compare canary with stable logs.

`build_digest` turns a `Collected` into the bounded, redacted `Digest` every judge reads;
`read_events` is the log reader it uses; `render_digest` is its text form for prompts.
"""

from exporter.digest.compare import build_digest
from exporter.digest.reader import LogEvent, decode_log, read_events
from exporter.digest.render import render_digest

__all__ = ["LogEvent", "build_digest", "decode_log", "read_events", "render_digest"]
