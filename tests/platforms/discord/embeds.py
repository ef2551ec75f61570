"""Checks every message the bot sent against Discord's limits and our safety rules."""
from __future__ import annotations

import unicodedata
from typing import Any

LIMITS = {"title": 256, "description": 4096, "fields": 25, "field_name": 256, "field_value": 1024, "footer": 2048,
          "author": 256, "total": 6000, "content": 2000, "embeds": 10}


def embed_texts(embed: dict[str, Any]) -> list[str]:
    fields = embed.get("fields") or []
    return [embed.get("title", ""), embed.get("description", ""), (embed.get("footer") or {}).get("text", ""),
            (embed.get("author") or {}).get("name", ""), *(f["name"] for f in fields), *(f["value"] for f in fields)]


def check_message(payload: dict[str, Any]) -> None:
    """Within every limit, no invisible characters, and `allowed_mentions` that parses nothing."""
    embeds = payload.get("embeds") or []
    assert len(embeds) <= LIMITS["embeds"]
    assert len(payload.get("content") or "") <= LIMITS["content"]
    assert payload["allowed_mentions"]["parse"] == []
    for embed in embeds:
        fields = embed.get("fields") or []
        assert len(embed.get("title", "")) <= LIMITS["title"]
        assert len(embed.get("description", "")) <= LIMITS["description"]
        assert len(fields) <= LIMITS["fields"]
        assert all(len(f["name"]) <= LIMITS["field_name"] and len(f["value"]) <= LIMITS["field_value"] for f in fields)
        assert all(f["name"] and f["value"] for f in fields)  # Discord rejects empty field names and values
        assert len((embed.get("footer") or {}).get("text", "")) <= LIMITS["footer"]
        assert len((embed.get("author") or {}).get("name", "")) <= LIMITS["author"]
        assert sum(map(len, embed_texts(embed))) <= LIMITS["total"]
        for text in embed_texts(embed):
            hidden = [c for c in text if unicodedata.category(c) in ("Cf", "Cc") and c not in "\n\u200b"]
            assert not hidden, [hex(ord(c)) for c in hidden]


def shown_text(payload: dict[str, Any]) -> str:
    """All text a reader sees: content and every embed part."""
    return "\n".join([payload.get("content") or "", *(t for e in payload.get("embeds") or [] for t in embed_texts(e))])
