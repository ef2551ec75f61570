"""Chat-driven feed changes written back to feeds.yaml, comments and layout kept, validated before saving.

The file stays the single source of truth: an admin's `/feeds add` shows up in the file a person
edits, and a change that would make the file invalid is refused with the validator's own message.
"""
from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from bot.config import ConfigError, parse_config
from handlers.spec import ArgumentError

ACTIONS = ("add", "remove", "pause", "resume")


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _find(feeds: CommentedSeq, name: str) -> int | None:
    for i, entry in enumerate(feeds):
        if isinstance(entry, dict) and str(entry.get("name", "")).strip().lower() == name.strip().lower():
            return i
    return None


def _new_entry(name: str, url: str, topic: str | None, doc: Any) -> CommentedMap:
    topics = doc.get("topics") or {}
    chosen = topic or next(iter(topics), None)
    if chosen is None:
        raise ArgumentError("feeds.yaml defines no topic to put the feed under.")
    entry = CommentedMap([("name", name), ("url", url)])
    seq = CommentedSeq([chosen])
    seq.fa.set_flow_style()
    entry["topics"] = seq
    entry.fa.set_flow_style()
    return entry


def change(doc: Any, action: str, name: str, url: str | None = None, topic: str | None = None) -> str:
    """Apply one change to the loaded document; returns what to tell the admin."""
    feeds = doc.get("feeds")
    if feeds is None:
        feeds = doc["feeds"] = CommentedSeq()
    index = _find(feeds, name)
    if action == "add":
        if index is not None:
            raise ArgumentError(f"A feed named “{name}” already exists.", "pick another name, or remove it first")
        if any(isinstance(f, dict) and f.get("url") == url for f in feeds):
            raise ArgumentError("That address is already watched under another name.")
        feeds.append(_new_entry(name, str(url), topic, doc))
        return f"Added “{name}”; it is polled from now on (its first poll records, alerts nothing)."
    if index is None:
        raise ArgumentError(f"There is no feed named “{name}”.", "/feeds lists them")
    if action == "remove":
        del feeds[index]
        return f"Removed “{name}”."
    entry = feeds[index]
    if action == "pause":
        entry["enabled"] = False
        return f"Paused “{name}”; /feeds action:resume name:\"{name}\" turns it back on."
    if "enabled" in entry:
        del entry["enabled"]
    return f"Resumed “{name}”."


def apply_feed_change(path: str, action: str, name: str, *, url: str | None = None, topic: str | None = None) -> str:
    """Load, change, validate, and atomically replace feeds.yaml; nothing is written on any error."""
    if action not in ACTIONS:
        raise ArgumentError(f"Unknown feed action “{action}”.", f"one of {', '.join(ACTIONS)}")
    target = Path(path)
    yaml = _yaml()
    doc = yaml.load(target.read_text(encoding="utf-8"))
    message = change(doc, action, name, url, topic)
    buf = io.StringIO()
    yaml.dump(doc, buf)
    text = buf.getvalue()
    try:
        parse_config(text, str(target))
    except ConfigError as exc:
        raise ArgumentError("That change would make feeds.yaml invalid: " + "; ".join(str(e) for e in exc.errors[:3])) from None
    fd, tmp = tempfile.mkstemp(prefix=".feeds-", suffix=".yaml", dir=str(target.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return message
