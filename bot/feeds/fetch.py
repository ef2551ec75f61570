"""One shared aiohttp session that fetches feeds politely: conditional GET, caps, redirects, limits.

`Fetcher.fetch` never raises for network trouble: every failure comes back as a `FetchResult` with
`error` set to a reason an operator can read, so one bad feed cannot disturb the others.
"""
from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Self
from urllib.parse import urljoin, urlsplit

import aiohttp

from bot.feeds.body import BadEncoding, BodyTooLarge, read_capped
from bot.feeds.httpmeta import max_age_seconds, retry_after_seconds
from bot.feeds.limits import HostLimiter
from bot.netguard import GuardedResolver, UnsafeURL, check_url, guarding

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = "BorderDesk/0.1 (newsroom feed reader; +https://github.com/borderdesk/borderdesk)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How politely and how defensively we fetch; every limit here is enforced per request."""

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # longest silence between two reads
    total_timeout: float = 45.0  # whole fetch, redirects and body included
    max_bytes: int = 10 * 1024 * 1024  # on the wire and after decompression
    max_redirects: int = 5
    per_host: int = 2
    global_limit: int = 64
    allow_private: bool = False


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one fetch produced. `error` is empty when the server answered 2xx or 304."""

    url: str  # the URL that finally answered
    status: int  # 0 when no HTTP answer came back
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names, body already decoded
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None  # new URL when every redirect on the way was permanent
    max_age: float | None = None
    retry_after: float | None = None
    elapsed_ms: float = 0.0
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def not_modified(self) -> bool:
        return not self.error and self.status == 304


class _Failed(Exception):
    """Internal: the fetch failed with a readable reason and maybe server hints."""

    def __init__(self, reason: str, status: int = 0, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason, self.status, self.retry_after = reason, status, retry_after


class Fetcher:
    """Owns the one ClientSession; use as `async with Fetcher(settings) as fetcher:`."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._session: aiohttp.ClientSession | None = None
        self._global = asyncio.Semaphore(self.settings.global_limit)
        self._hosts = HostLimiter(self.settings.per_host)

    async def __aenter__(self) -> Self:
        s = self.settings
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(
                limit=0, limit_per_host=0, ttl_dns_cache=300, resolver=GuardedResolver()
            ),
            timeout=aiohttp.ClientTimeout(
                total=None, connect=s.connect_timeout, sock_connect=s.connect_timeout,
                sock_read=s.read_timeout,
            ),
            auto_decompress=False,  # body.read_capped inflates under the cap itself
            cookie_jar=aiohttp.DummyCookieJar(),
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("Fetcher used outside `async with`")
        return self._session

    async def fetch(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        *,
        trusted: bool = True,
        accept: str = FEED_ACCEPT,
    ) -> FetchResult:
        """GET `url` conditionally, following at most `max_redirects` redirects, each one checked.

        `trusted` URLs (written by the operator in feeds.yaml) skip the SSRF check on the first
        hop only; anything a server or feed pointed us to is always checked.
        """
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        timer: list[float] = []  # set when the first request really starts (queueing excluded)
        try:
            return await self._follow(url, headers, trusted, timer)
        except _Failed as exc:
            return FetchResult(url=url, status=exc.status, error=exc.reason,
                               retry_after=exc.retry_after, elapsed_ms=_ms(timer[0]) if timer else 0.0)
        except ValueError as exc:  # a URL too broken for urllib or yarl to split
            return FetchResult(url=url, status=0, error=f"invalid URL {url!r}: {exc}")

    async def _follow(self, url: str, headers: dict[str, str], trusted: bool, timer: list[float]) -> FetchResult:
        current, permanent, seen = url, True, {url}
        budget = self.settings.total_timeout
        for hop in range(self.settings.max_redirects + 1):
            policy = None if hop == 0 and trusted else self.settings.allow_private
            if policy is not None:
                await _checked(current, policy)
            # host slot first, then a global slot: waiting for a busy host must not hold a global slot
            async with self._hosts.limit(_host(current)), self._global:
                hop_start = time.perf_counter()
                if not timer:
                    timer.append(hop_start)
                with guarding(policy):
                    result = await self._one(current, headers, budget)
                budget -= time.perf_counter() - hop_start
            if isinstance(result, FetchResult):
                moved = current if permanent and current != url else None
                return replace(result, moved_to=moved, elapsed_ms=_ms(timer[0]))
            status, location = result
            permanent = permanent and status in PERMANENT
            if location in seen:
                raise _Failed(f"redirect loop at {location}", status)
            seen.add(location)
            current = location
        raise _Failed(f"too many redirects (more than {self.settings.max_redirects})")

    async def _one(self, url: str, headers: dict[str, str], budget: float) -> FetchResult | tuple[int, str]:
        """One request: a result, or (status, absolute Location) when redirected."""
        try:
            async with asyncio.timeout(max(budget, 0.001)):
                async with self.session.get(url, headers=headers, allow_redirects=False) as resp:
                    return await self._answer(url, resp)
        except _Failed:
            raise
        except TimeoutError as exc:
            if isinstance(exc, aiohttp.ServerTimeoutError):
                raise _Failed(f"server stalled: {exc or 'no data'} ({self.settings.read_timeout}s)") from None
            raise _Failed(f"timed out after {self.settings.total_timeout:g}s") from None
        except UnsafeURL as exc:  # raised by the resolver when DNS changed its answer under us
            raise _Failed(f"unsafe URL {url}: {exc.reason}") from None
        except BodyTooLarge as exc:
            raise _Failed(f"body too large: {exc}", 200) from None
        except BadEncoding as exc:
            raise _Failed(str(exc), 200) from None
        except aiohttp.InvalidURL as exc:
            raise _Failed(f"invalid URL: {exc}") from None
        except aiohttp.ClientConnectorError as exc:
            raise _Failed(f"cannot connect to {_host(url)}: {exc.os_error or exc}") from None
        except aiohttp.ClientError as exc:
            raise _Failed(f"HTTP error: {type(exc).__name__}: {exc}") from None

    async def _answer(self, url: str, resp: aiohttp.ClientResponse) -> FetchResult | tuple[int, str]:
        status = resp.status
        if status in REDIRECTS:
            location = resp.headers.get("Location")
            if not location:
                raise _Failed(f"HTTP {status} redirect without a Location", status)
            return status, urljoin(url, location.strip())
        hints = _hints(resp)
        if status != 304 and not 200 <= status < 300:
            raise _Failed(f"HTTP {status} {resp.reason or ''}".strip(), status, hints[1])
        body = b"" if status == 304 else await read_capped(resp, self.settings.max_bytes)
        return FetchResult(
            url=url, status=status, body=body, headers=_plain_headers(resp, url),
            etag=resp.headers.get("ETag"), last_modified=resp.headers.get("Last-Modified"),
            max_age=hints[0], retry_after=hints[1],
        )


async def _checked(url: str, allow_private: bool) -> None:
    try:
        await check_url(url, allow_private=allow_private)
    except UnsafeURL as exc:
        raise _Failed(f"unsafe URL {url}: {exc.reason}") from None


def _hints(resp: aiohttp.ClientResponse) -> tuple[float | None, float | None]:
    """(max-age, retry-after) in seconds; Retry-After dates count from the server's own clock."""
    now = datetime.now(UTC)
    date = resp.headers.get("Date")
    if date:
        try:
            now = email.utils.parsedate_to_datetime(date)
        except (TypeError, ValueError, IndexError):
            pass
    return (max_age_seconds(resp.headers.get("Cache-Control")),
            retry_after_seconds(resp.headers.get("Retry-After"), now))


def _plain_headers(resp: aiohttp.ClientResponse, url: str) -> dict[str, str]:
    """Lower-cased headers describing the decoded body (what feedparser expects)."""
    out = {k.lower(): v for k, v in resp.headers.items()}
    out.pop("content-encoding", None)
    out.pop("content-length", None)
    out.setdefault("content-location", url)
    return out


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower()}:{parts.port or ''}"


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000.0, 1)
