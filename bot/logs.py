"""Logging set-up: readable or JSON lines, and a filter that keeps secrets out of every record."""
from __future__ import annotations

import json
import logging
import os
import re
import sys
from datetime import UTC, datetime
from typing import TextIO

SECRET_ENV = ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "DATABASE_URL_PASSWORD")
# Any other variable named like a secret (a feed's API key written as ${FEED_API_KEY} in feeds.yaml).
_SECRET_NAME = re.compile(r"(?:TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|APIKEY|PRIVATE_KEY)$")
# Token shapes redacted even when they did not come from our environment (e.g. echoed by an SDK).
_TOKEN_SHAPES = re.compile(
    r"(xox[abposr]-[A-Za-z0-9-]{8,}|xapp-[A-Za-z0-9-]{8,}"
    r"|[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}"
    r"|(?<=://)[^/\s:@]+:[^/\s@]+(?=@))"
)
REDACTED = "[redacted]"


class RedactSecrets(logging.Filter):
    """Replaces secret values and token-shaped strings in the message and its arguments."""

    def __init__(self, secrets: list[str] | None = None) -> None:
        super().__init__()
        if secrets is None:
            secrets = [v for k, v in os.environ.items() if k in SECRET_ENV or _SECRET_NAME.search(k.upper())]
        values = secrets
        self.secrets = sorted({v for v in values if len(v) >= 6}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for s in self.secrets:
            text = text.replace(s, REDACTED)
        return _TOKEN_SHAPES.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg, record.args = self.redact(message), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log shippers."""

    def format(self, record: logging.LogRecord) -> str:
        out = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_text:
            out["exc"] = record.exc_text
        return json.dumps(out, ensure_ascii=False)


class _CurrentStderr(logging.StreamHandler[TextIO]):
    """Writes to whatever `sys.stderr` is at emit time.

    A handler bound to the stderr of the moment breaks once that stream is swapped and closed (an embedding
    program, a test runner's capture): every later record would raise "I/O operation on closed file".
    """

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # the base class's attribute, read at each emit
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


def setup_logging(level: int = logging.WARNING, json_format: bool = False) -> None:
    """Configure the root logger once, to stderr, with the redaction filter on the handler."""
    handler = _CurrentStderr()
    handler.addFilter(RedactSecrets())
    fmt = JsonFormatter() if json_format else logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    handler.setFormatter(fmt)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("discord", "slack_bolt", "slack_sdk", "aiohttp.access", "trafilatura", "htmldate"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
