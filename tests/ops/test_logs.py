"""Secrets never reach the logs, whatever path they take into a record."""
from __future__ import annotations

import io
import json
import logging

from bot.logs import REDACTED, JsonFormatter, RedactSecrets

BOT_TOKEN = "xoxb-1111111111-2222222222-abcdefABCDEF"
DISCORD = "MTAxMjM0NTY3ODkwMTIzNDU2.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789"


def _logger(filter_: RedactSecrets, json_format: bool = False) -> tuple[logging.Logger, io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(filter_)
    handler.setFormatter(JsonFormatter() if json_format else logging.Formatter("%(message)s"))
    log = logging.getLogger(f"test.redact.{id(out)}")
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.DEBUG)
    return log, out


def test_env_secrets_in_message_and_args_are_redacted() -> None:
    log, out = _logger(RedactSecrets(["s3cr3t-signing-value"]))
    log.warning("posting with %s and %s", "s3cr3t-signing-value", "plain")
    text = out.getvalue()
    assert "s3cr3t-signing-value" not in text and REDACTED in text and "plain" in text


def test_token_shapes_are_redacted_even_when_not_configured() -> None:
    log, out = _logger(RedactSecrets([]))
    log.error("slack said invalid_auth for %s; discord token %s", BOT_TOKEN, DISCORD)
    text = out.getvalue()
    assert BOT_TOKEN not in text and DISCORD not in text and text.count(REDACTED) == 2


def test_database_password_in_url_is_redacted() -> None:
    log, out = _logger(RedactSecrets([]))
    log.info("connecting to postgresql://bot:hunter2pass@db/borderdesk")
    assert "hunter2pass" not in out.getvalue() and "postgresql://[redacted]@db/borderdesk" in out.getvalue()


def test_secrets_inside_exception_tracebacks_are_redacted() -> None:
    log, out = _logger(RedactSecrets(["tok-abcdef-123456"]), json_format=True)
    try:
        raise RuntimeError("auth failed for tok-abcdef-123456")
    except RuntimeError:
        log.exception("request failed")
    record = json.loads(out.getvalue())
    assert record["level"] == "error" and "tok-abcdef-123456" not in record["exc"] and REDACTED in record["exc"]
