"""WebSub subscriber: subscribe to hubs that feeds advertise, verify intent, check signatures, renew leases.

A push is handed to `on_push(feed, body, headers)`, which the app wires to `Poller.accept_push`, so
pushed content goes through the same parse, dedup and health path as a poll. Callback ids and
per-subscription secrets are derived from one configured secret, so nothing extra needs storing and
a restart (`restore`) keeps answering the hub.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import aiohttp
from aiohttp import web

from bot.feeds.fetch import Fetcher
from bot.models import FeedState
from bot.netguard import UnsafeURL, check_url

log = logging.getLogger(__name__)

PushHandler = Callable[[str, bytes, dict[str, str]], Awaitable[object]]  # what it returns is not used
DIGESTS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha384": hashlib.sha384, "sha512": hashlib.sha512}


@dataclass(slots=True)
class Subscription:
    """One feed's subscription as we asked for it and as the hub confirmed it."""

    feed: str
    hub: str
    topic: str
    intent: str = "subscribe"  # what we last asked for: "subscribe" or "unsubscribe"
    verified: bool = False
    lease_until: datetime | None = None
    denied: str = ""


class WebSubManager:
    """Keeps the subscriptions; `websub_routes(manager)` gives the HTTP side the app mounts."""

    def __init__(
        self, fetcher: Fetcher, callback_base: str, secret: str, on_push: PushHandler, *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        lease_seconds: int = 7 * 86400, renew_before: timedelta = timedelta(hours=12),
        max_push_bytes: int | None = None,
    ) -> None:
        if not secret:
            raise ValueError("WebSub needs a secret")
        self.fetcher, self.on_push, self.clock = fetcher, on_push, clock
        self.callback_base = callback_base.rstrip("/")
        self._secret = secret.encode()
        self.lease_seconds, self.renew_before = lease_seconds, renew_before
        self.max_push_bytes = max_push_bytes or fetcher.settings.max_bytes
        self.subs: dict[str, Subscription] = {}  # by callback id
        self._pushes: set[asyncio.Task[None]] = set()  # pushes accepted and still being processed

    def callback_id(self, feed: str) -> str:
        """An unguessable, stable path segment for one feed's callback."""
        return hmac.new(self._secret, b"cb:" + feed.encode(), hashlib.sha256).hexdigest()[:32]

    def callback_url(self, feed: str) -> str:
        return f"{self.callback_base}/websub/{self.callback_id(feed)}"

    def _sub_secret(self, sub: Subscription) -> bytes:
        msg = f"secret:{sub.feed}:{sub.topic}".encode()
        return hmac.new(self._secret, msg, hashlib.sha256).hexdigest()[:40].encode()

    def restore(self, state: FeedState) -> None:
        """Re-register a subscription the store remembers (after a restart)."""
        if state.websub_hub and state.websub_topic and state.websub_lease_until:
            self.subs[self.callback_id(state.name)] = Subscription(
                state.name, state.websub_hub, state.websub_topic, verified=True,
                lease_until=state.websub_lease_until)

    def with_lease(self, state: FeedState) -> FeedState:
        """`state` with the lease the hub confirmed (None while unverified), for the store."""
        sub = self.subs.get(self.callback_id(state.name))
        lease = sub.lease_until if sub and sub.verified and sub.intent == "subscribe" else None
        return replace(state, websub_lease_until=lease)

    async def ensure(self, state: FeedState) -> bool:
        """Subscribe when the feed advertises a hub we are not yet subscribed to. True if asked."""
        if not (state.websub_hub and state.websub_topic):
            return False
        sub = self.subs.get(self.callback_id(state.name))
        if sub and (sub.hub, sub.topic, sub.intent) == (state.websub_hub, state.websub_topic, "subscribe"):
            return False
        return await self.subscribe(state.name, state.websub_hub, state.websub_topic)

    async def subscribe(self, feed: str, hub: str, topic: str) -> bool:
        """Ask the hub for a subscription; the hub confirms later through the verify callback."""
        sub = Subscription(feed, hub, topic)
        self.subs[self.callback_id(feed)] = sub
        return await self._ask(sub, "subscribe")

    async def unsubscribe(self, feed: str) -> bool:
        sub = self.subs.get(self.callback_id(feed))
        if sub is None:
            return False
        sub.intent = "unsubscribe"
        return await self._ask(sub, "unsubscribe")

    def due_renewals(self, now: datetime) -> list[str]:
        """Feeds whose verified lease ends within `renew_before` of `now`."""
        return [s.feed for s in self.subs.values() if s.intent == "subscribe" and s.verified
                and s.lease_until is not None and s.lease_until - now <= self.renew_before]

    async def renew_due(self, now: datetime | None = None) -> list[str]:
        """Re-subscribe every feed whose lease is about to end; returns the feeds asked."""
        feeds = self.due_renewals(now or self.clock())
        for feed in feeds:
            sub = self.subs[self.callback_id(feed)]
            await self._ask(sub, "subscribe")
        return feeds

    async def _ask(self, sub: Subscription, mode: str) -> bool:
        form = {
            "hub.mode": mode, "hub.topic": sub.topic, "hub.callback": self.callback_url(sub.feed),
            "hub.secret": self._sub_secret(sub).decode(), "hub.lease_seconds": str(self.lease_seconds),
        }
        try:
            await check_url(sub.hub, allow_private=self.fetcher.settings.allow_private)
            async with asyncio.timeout(self.fetcher.settings.total_timeout):
                async with self.fetcher.session.post(sub.hub, data=form, allow_redirects=False) as resp:
                    ok = resp.status in (202, 204) or 200 <= resp.status < 300
                    detail = f"HTTP {resp.status}"
        except UnsafeURL as exc:
            ok, detail = False, f"unsafe hub: {exc.reason}"
        except (TimeoutError, aiohttp.ClientError) as exc:
            ok, detail = False, f"{type(exc).__name__}: {exc}"
        log.log(logging.INFO if ok else logging.WARNING, "websub %s %s at %s: %s",
                mode, sub.topic, sub.hub, detail)
        return ok

    # --- the HTTP side ------------------------------------------------------------------

    async def verify(self, request: web.Request) -> web.Response:
        """Answer hub.challenge only when the hub confirms something we actually asked for."""
        sub = self.subs.get(request.match_info["cid"])
        q = request.query
        mode, topic = q.get("hub.mode", ""), q.get("hub.topic", "")
        if sub is None or topic != sub.topic:
            log.warning("websub: refused verification for unknown topic %r", topic)
            return web.Response(status=404, text="unknown subscription")
        if mode == "denied":
            sub.denied, sub.verified = q.get("hub.reason", "denied by hub"), False
            log.warning("websub: hub denied %s: %s", topic, sub.denied)
            return web.Response(text="ok")
        if mode != sub.intent or "hub.challenge" not in q:
            return web.Response(status=404, text="not our intent")
        sub.verified = mode == "subscribe"
        lease = q.get("hub.lease_seconds", "")
        seconds = int(lease) if lease.isdigit() else self.lease_seconds
        sub.lease_until = self.clock() + timedelta(seconds=seconds) if sub.verified else None
        return web.Response(text=q["hub.challenge"], content_type="text/plain")

    async def receive(self, request: web.Request) -> web.Response:
        """A push: check the HMAC signature, then hand the body on like a poll result."""
        sub = self.subs.get(request.match_info["cid"])
        if sub is None or sub.intent != "subscribe":
            return web.Response(status=410, text="no subscription")
        body = await _read_capped(request, self.max_push_bytes)
        if body is None:
            return web.Response(status=413, text="too large")
        if not self._signed(sub, body, request.headers.get("X-Hub-Signature", "")):
            log.warning("websub: ignored a push for %s with a bad or missing signature", sub.topic)
            return web.Response(status=202, text="ignored")  # the spec says 2xx, ignore locally
        headers = {k.lower(): v for k, v in request.headers.items()}
        headers.pop("content-encoding", None)
        headers["content-location"] = sub.topic
        # Answer the hub now and read the items after: fetching articles can take longer than a hub waits,
        # and a hub that times out sends again. A push lost to a crash is still caught by the next poll.
        task = asyncio.create_task(self._absorb(sub.feed, body, headers))
        self._pushes.add(task)
        task.add_done_callback(self._pushes.discard)
        return web.Response(status=202, text="accepted")

    async def _absorb(self, feed: str, body: bytes, headers: dict[str, str]) -> None:
        try:
            await self.on_push(feed, body, headers)
        except asyncio.CancelledError:
            raise
        except Exception:  # one bad push must not take the callback server with it
            log.exception("websub: processing a push for %s failed; the next poll will catch up", feed)

    async def settle(self, timeout: float | None = None) -> None:
        """Wait for accepted pushes to be processed (tests, and shutdown within its budget)."""
        pending = set(self._pushes)
        if not pending:
            return
        _done, left = await asyncio.wait(pending, timeout=timeout)
        for task in left:
            task.cancel()

    def _signed(self, sub: Subscription, body: bytes, header: str) -> bool:
        method, _, given = header.partition("=")
        digest = DIGESTS.get(method.strip().lower())
        if digest is None or not given:
            return False
        expected = hmac.new(self._sub_secret(sub), body, digest).hexdigest()
        return hmac.compare_digest(expected, given.strip().lower())


async def _read_capped(request: web.Request, cap: int) -> bytes | None:
    if request.content_length is not None and request.content_length > cap:
        return None
    parts, size = [], 0
    async for chunk in request.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > cap:
            return None
        parts.append(chunk)
    return b"".join(parts)


def websub_routes(manager: WebSubManager) -> list[web.RouteDef]:
    """Routes for the app server: GET verifies intent, POST receives pushes."""
    return [web.get("/websub/{cid}", manager.verify), web.post("/websub/{cid}", manager.receive)]
