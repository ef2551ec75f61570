"""Feed bodies written for these tests (invented outlets and news)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

BASE_TIME = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


def rss_item(
    i: int,
    *,
    guid: str | None = "auto",
    link: str | None = "auto",
    when: datetime | None = None,
    title: str | None = None,
    host: str = "ledger.example",
) -> str:
    when = when or BASE_TIME - timedelta(minutes=i)
    title = title or f"Lumber talks, round {i}: negotiators trade offers"
    parts = [f"<title>{title}</title>"]
    if link:
        parts.append(f"<link>{f'https://{host}/news/{i}' if link == 'auto' else link}</link>")
    if guid:
        parts.append(f'<guid isPermaLink="false">{f"{host}-{i}" if guid == "auto" else guid}</guid>')
    parts.append(
        f"<description>&lt;p&gt;Officials met for round {i} of talks on softwood duties.&lt;/p&gt;"
        "</description>"
    )
    parts.append(f"<pubDate>{format_datetime(when, usegmt=True)}</pubDate>")
    return "<item>" + "".join(parts) + "</item>"


def rss(items: list[str], *, title: str = "Harbour Ledger", extra: str = "", encoding: str = "UTF-8") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        f"<title>{title}</title><link>https://ledger.example/</link>{extra}"
        + "".join(items)
        + "</channel></rss>"
    )


def rss_feed(n: int = 3, **kw: object) -> bytes:
    return rss([rss_item(i) for i in range(n)], **kw).encode()  # type: ignore[arg-type]


def atom_feed(n: int = 2) -> bytes:
    entries = "".join(
        f"<entry><title type='html'>Dairy quota &lt;em&gt;ruling&lt;/em&gt; {i}</title>"
        f"<link href='https://wire.example/a/{i}'/><id>tag:wire.example,2026:{i}</id>"
        f"<updated>2026-11-24T1{i}:00:00Z</updated><summary>Panel text {i}</summary></entry>"
        for i in range(n)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<title>Prairie Wire</title>" + entries + "</feed>"
    ).encode()


HTML_PAGE = (
    b"<!DOCTYPE html><html><head><title>Harbour Ledger</title></head>"
    b"<body><h1>Welcome</h1><p>Our feed moved. Subscribe again.</p></body></html>"
)

# Recoverable: an unescaped ampersand and an unclosed tag at the end; entries survive.
MALFORMED_RECOVERABLE = (
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Broken & Co</title>'
    + rss_item(1)
    + rss_item(2)
    + "<item><title>Tail & truncated"
).encode()

MALFORMED_HOPELESS = b"<<<>>> this is \x00 not xml at all &&& <rss"

# RSS 0.91 and RSS 1.0 (RDF) for the version coverage.
RSS091 = (
    b'<?xml version="1.0"?><rss version="0.91"><channel><title>Old Wire</title><link>https://old.example/</link>'
    b"<item><title>Quota talks</title><link>https://old.example/1</link><description>Short</description></item>"
    b"</channel></rss>"
)
RSS10 = (
    b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    b'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    b'<channel rdf:about="https://rdf.example/"><title>RDF Wire</title><link>https://rdf.example/</link></channel>'
    b'<item rdf:about="https://rdf.example/1"><title>Border wait times</title><link>https://rdf.example/1</link>'
    b"<dc:date>2026-11-24T09:30:00-05:00</dc:date></item></rdf:RDF>"
)


def latin1_feed() -> bytes:
    """A feed in ISO-8859-1 with accented French headlines."""
    item = rss_item(1, title="Québec: les droits de douane sur l'acier à 25 % — réaction")
    return rss([item], title="Le Courrier économique", encoding="ISO-8859-1").encode("iso-8859-1", "replace")
