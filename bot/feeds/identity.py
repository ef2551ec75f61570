"""Item identity: a stable key per item plus its canonical link, so re-published entries stay one item.

Key order: the GUID, else the canonical link, else a hash of title and date. Because outlets
sometimes change GUIDs while the link stays put, callers check both the key and the canonical
link (`Store.known_item(feed, key, url)`).
"""
from __future__ import annotations

import hashlib
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.models import Item, RawItem

TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "oly_", "at_")
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "igshid",
    "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "vero_conv", "rb_clickid", "s_cid",
    "cmpid", "ncid", "ocid", "sr_share", "ito", "spm", "__twitter_impression", "ref_src", "ref_url",
    "taid", "smid", "xtor",
})
DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lower = name.lower()
    return lower in TRACKING_PARAMS or lower.startswith(TRACKING_PREFIXES)


def canonical_url(url: str | None) -> str | None:
    """The link with tracking parameters, fragment, default port and trailing slash removed.

    The host is lower-cased and the remaining query parameters sorted, so the same article
    reached through two newsletters compares equal. Non-http(s) links give None.
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in DEFAULT_PORTS or not host:
        return None
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if ":" in host and not host.startswith("["):
        netloc = f"[{host}]" + netloc[len(host):]
    path = parts.path.rstrip("/") or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k))
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def _digest(kind: str, value: str) -> str:
    return f"{kind}:{hashlib.sha256(value.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}"


def item_key(raw: RawItem) -> str:
    """The item's primary key within its feed: 'g:…' (GUID), 'u:…' (canonical link) or 'h:…'."""
    if raw.guid:
        return _digest("g", raw.guid)
    url = canonical_url(raw.link)
    if url:
        return _digest("u", url)
    when = raw.published.isoformat() if raw.published else ""
    return _digest("h", f"{raw.title.casefold()}\n{when}")


def identify(raw: RawItem, fetched_at: datetime) -> Item:
    """The identified Item the store keeps: key plus canonical URL (falls back to the raw link)."""
    return Item(
        key=item_key(raw), feed=raw.feed, title=raw.title, url=canonical_url(raw.link) or raw.link,
        published=raw.published, fetched_at=fetched_at, guid=raw.guid, summary=raw.summary,
    )


def unique(items: list[RawItem]) -> list[RawItem]:
    """Items with repeats removed (same key or same canonical link), first occurrence kept."""
    seen: set[str] = set()
    out: list[RawItem] = []
    for raw in items:
        marks = {item_key(raw)}
        url = canonical_url(raw.link)
        if url:
            marks.add(url)
        if marks & seen:
            continue
        seen |= marks
        out.append(raw)
    return out
