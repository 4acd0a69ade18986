"""Our own log output: text or JSON lines, always through the redacting filter.

Secrets must not leave the process, and our log lines are one way out: every record passes
`RedactingFilter` before any handler formats it.
"""

from __future__ import annotations

import json
import logging
import sys
import time

from exporter.digest.redact import RedactingFilter


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, msg (+ exc)."""

    def format(self, record: logging.LogRecord) -> str:
        doc = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info:
            doc["exc"] = self.formatException(record.exc_info)
        return json.dumps(doc, ensure_ascii=False)


def configure_logging(*, level: str = "INFO", fmt: str = "text") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter())
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # Client libraries log request lines that may carry tokens in URLs; keep them quiet. The
    # A2A SDK logs whole task events (the caller's input logs) at DEBUG: megabytes per
    # request, printed as protobuf text whose escaping defeats redaction.
    for noisy in (
        "httpx",
        "httpcore",
        "urllib3",
        "github",
        "kubernetes_asyncio",
        "google_genai",
        "a2a",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
