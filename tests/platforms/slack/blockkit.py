"""Checks that a message is within Slack's Block Kit limits and carries no live markup from feeds."""
from __future__ import annotations

import re
from typing import Any

# markup the bot itself writes: dates and http(s) links; anything else in <...> would be live in Slack
_OURS = re.compile(r"<!date\^\d+\^[^|>]*\|[^>]*>|<https?://[^\s<>|]+\|[^<>]*>")


def texts(message: dict[str, Any]) -> str:
    """Every text in a message (fallback and all blocks), one per line, for content assertions."""
    out = [str(message.get("text") or "")]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                out.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(message.get("blocks") or [])
    return "\n".join(out)


def check_blocks(message: dict[str, Any]) -> None:
    """Assert Slack would accept the message and that nothing in it can ping, mention or link unasked."""
    blocks = message.get("blocks") or []
    assert 0 < len(blocks) <= 50
    assert len(message.get("text") or "") <= 40_000 and message.get("text")
    for block in blocks:
        kind = block["type"]
        if kind == "section":
            assert 0 < len(block["text"]["text"]) <= 3000 and block["text"]["type"] == "mrkdwn"
        elif kind == "header":
            assert 0 < len(block["text"]["text"]) <= 150 and block["text"]["type"] == "plain_text"
        elif kind == "context":
            assert 0 < len(block["elements"]) <= 10
            assert all(0 < len(e["text"]) <= 3000 for e in block["elements"])
        elif kind == "actions":
            assert 0 < len(block["elements"]) <= 25
            for b in block["elements"]:
                assert len(b["text"]["text"]) <= 75 and len(b["value"]) <= 2000 and b["action_id"]
        else:
            raise AssertionError(f"unexpected block type {kind}")
    for block in blocks:
        for text in _mrkdwn(block):
            live = re.sub(r"(?m)^> ", "", _OURS.sub("", text))  # block quotes are ours too
            assert "<" not in live and ">" not in live, live
            assert not re.search(r"&(?!amp;|lt;|gt;)", live), live


def mrkdwn_texts(message: dict[str, Any]) -> list[str]:
    """The texts Slack parses for markup (sections and context elements)."""
    return [t for block in message.get("blocks") or [] for t in _mrkdwn(block)]


def _mrkdwn(block: dict[str, Any]) -> list[str]:
    if block["type"] == "section":
        return [block["text"]["text"]]
    if block["type"] == "context":
        return [e["text"] for e in block["elements"] if e["type"] == "mrkdwn"]
    return []
