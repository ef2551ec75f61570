"""WebSub against a fake hub on loopback: subscribe, verify intent, signed pushes, renewals, restart."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.feeds.fetch import Fetcher
from bot.feeds.poller import Poller, PollOutcome
from bot.feeds.websub import WebSubManager, websub_routes
from bot.models import FeedState
from tests.feeds.samples import rss, rss_item
from tests.feeds.server import FaultyFeedServer, Feed

T0 = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


class Rig:
    """The fake hub, our callback server, the manager and what reached on_push."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.now = T0
        self.hub_requests: list[dict[str, str]] = []
        self.pushed: list[PollOutcome] = []
        self.poller = Poller(fetcher, rng=random.Random(2), clock=lambda: self.now)
        self.states: dict[str, FeedState] = {}
        hub = web.Application()
        hub.router.add_post("/hub", self._hub)
        self.hub = TestServer(hub, host="127.0.0.1")
        self.app = web.Application()
        self.callback = TestServer(self.app, host="127.0.0.1")
        self.manager: WebSubManager | None = None

    async def _hub(self, request: web.Request) -> web.Response:
        self.hub_requests.append(dict(await request.post()))  # type: ignore[arg-type]
        return web.Response(status=202)

    async def on_push(self, feed: str, body: bytes, headers: dict[str, str]) -> None:
        self.pushed.append(await self.poller.accept_push(self.states[feed], body, headers))

    async def start(self, fetcher: Fetcher) -> None:
        await self.hub.start_server()
        self.manager = WebSubManager(
            fetcher, "http://placeholder", "s3cret", self.on_push, clock=lambda: self.now, lease_seconds=86400
        )
        self.app.add_routes(websub_routes(self.manager))
        await self.callback.start_server()
        self.manager.callback_base = str(self.callback.make_url("")).rstrip("/")


@pytest.fixture
async def rig(fetcher: Fetcher) -> AsyncIterator[Rig]:
    r = Rig(fetcher)
    await r.start(fetcher)
    yield r
    await r.hub.close()
    await r.callback.close()


def sign(secret: str, body: bytes, method: str = "sha256") -> str:
    return f"{method}=" + hmac.new(secret.encode(), body, getattr(hashlib, method)).hexdigest()


async def verify(rig: Rig, req: dict[str, str], **override: str) -> aiohttp.ClientResponse:
    params = {
        "hub.mode": req["hub.mode"],
        "hub.topic": req["hub.topic"],
        "hub.challenge": "c-123",
        "hub.lease_seconds": "86400",
        **override,
    }
    async with aiohttp.ClientSession() as s, s.get(req["hub.callback"], params=params) as resp:
        await resp.read()
        return resp


async def push(rig: Rig, req: dict[str, str], body: bytes, signature: str | None) -> int:
    """Deliver a push as the hub would; return its status once the bot has also processed it."""
    headers = {"Content-Type": "application/rss+xml"}
    if signature is not None:
        headers["X-Hub-Signature"] = signature
    async with aiohttp.ClientSession() as s, s.post(req["hub.callback"], data=body, headers=headers) as resp:
        status = resp.status
    assert rig.manager is not None
    await rig.manager.settle()
    return status


async def subscribed(rig: Rig, server: FaultyFeedServer) -> dict[str, str]:
    """Poll a feed that advertises the fake hub, then let the manager subscribe."""
    hub = str(rig.hub.make_url("/hub"))
    extra = f'<atom:link rel="hub" href="{hub}"/><atom:link rel="self" href="https://ledger.example/feed"/>'
    server.feeds["w"] = Feed(rss([rss_item(1)], extra=extra).encode())
    out = await rig.poller.poll(FeedState("ledger", server.url("/feed/w")), 300, T0)
    assert out.state.websub_hub == hub and out.state.websub_topic == "https://ledger.example/feed"
    rig.states["ledger"] = out.state
    assert rig.manager is not None and await rig.manager.ensure(out.state)
    assert not await rig.manager.ensure(out.state)  # asked once, not on every poll
    return rig.hub_requests[-1]


async def test_subscribe_verify_and_signed_push(rig: Rig, server: FaultyFeedServer) -> None:
    req = await subscribed(rig, server)
    assert req["hub.mode"] == "subscribe" and req["hub.topic"] == "https://ledger.example/feed"
    resp = await verify(rig, req)
    assert resp.status == 200 and await resp.text() == "c-123"
    assert rig.manager is not None
    assert rig.manager.with_lease(rig.states["ledger"]).websub_lease_until == T0 + timedelta(days=1)

    body = rss([rss_item(1), rss_item(2)]).encode()
    assert await push(rig, req, body, sign(req["hub.secret"], body)) == 202
    assert len(rig.pushed) == 1 and rig.pushed[0].changed
    assert [i.guid for i in rig.pushed[0].items] == ["ledger.example-1", "ledger.example-2"]


async def test_verification_only_for_what_we_asked(rig: Rig, server: FaultyFeedServer) -> None:
    req = await subscribed(rig, server)
    assert (await verify(rig, req, **{"hub.topic": "https://evil.example/other"})).status == 404
    assert (await verify(rig, req, **{"hub.mode": "unsubscribe"})).status == 404
    stranger = dict(req, **{"hub.callback": req["hub.callback"][:-4] + "0000"})
    assert (await verify(rig, stranger)).status == 404


async def test_bad_or_missing_signature_is_ignored(rig: Rig, server: FaultyFeedServer) -> None:
    req = await subscribed(rig, server)
    await verify(rig, req)
    body = rss([rss_item(3)]).encode()
    assert await push(rig, req, body, sign("wrong-secret", body)) == 202
    assert await push(rig, req, body, None) == 202
    assert await push(rig, req, body, "md5=abcd") == 202
    assert rig.pushed == []
    assert await push(rig, req, body, sign(req["hub.secret"], body, "sha1")) == 202
    assert len(rig.pushed) == 1


async def test_leases_are_renewed_before_expiry(rig: Rig, server: FaultyFeedServer) -> None:
    req = await subscribed(rig, server)
    await verify(rig, req, **{"hub.lease_seconds": str(3 * 86400)})
    assert rig.manager is not None
    assert rig.manager.due_renewals(T0 + timedelta(days=2)) == []
    rig.now = T0 + timedelta(days=2, hours=13)
    assert await rig.manager.renew_due() == ["ledger"]
    assert len(rig.hub_requests) == 2 and rig.hub_requests[-1]["hub.mode"] == "subscribe"


async def test_denied_subscription(rig: Rig, server: FaultyFeedServer) -> None:
    req = await subscribed(rig, server)
    resp = await verify(rig, req, **{"hub.mode": "denied", "hub.reason": "topic not allowed"})
    assert resp.status == 200 and rig.manager is not None
    assert rig.manager.with_lease(rig.states["ledger"]).websub_lease_until is None


async def test_restart_restores_subscription_and_secret(
    rig: Rig, server: FaultyFeedServer, fetcher: Fetcher
) -> None:
    req = await subscribed(rig, server)
    await verify(rig, req)
    assert rig.manager is not None
    saved = rig.manager.with_lease(rig.states["ledger"])
    fresh = WebSubManager(fetcher, rig.manager.callback_base, "s3cret", rig.on_push, clock=lambda: rig.now)
    fresh.restore(saved)
    rig.manager.subs = fresh.subs  # the routes now see the restored registry
    body = rss([rss_item(4)]).encode()
    assert await push(rig, req, body, sign(req["hub.secret"], body)) == 202
    assert len(rig.pushed) == 1


async def test_unsafe_hub_is_not_contacted(fetcher: Fetcher) -> None:
    async def ignore(feed: str, body: bytes, headers: dict[str, str]) -> None:
        raise AssertionError("no push expected")

    manager = WebSubManager(fetcher, "http://127.0.0.1:1", "k", ignore)
    assert not await manager.subscribe("f", "http://169.254.169.254/hub", "https://x.example/feed")


async def test_a_bad_push_does_not_disturb_polling(rig: Rig, server: FaultyFeedServer) -> None:
    req = await subscribed(rig, server)
    await verify(rig, req)
    before = rig.states["ledger"]
    body = b"<html><body>not a feed</body></html>"
    assert await push(rig, req, body, sign(req["hub.secret"], body)) == 202
    out = rig.pushed[-1]
    assert not out.ok and out.state.last_error.startswith("push: not a feed")
    assert out.state.next_poll == before.next_poll and out.state.consecutive_failures == 0


async def test_the_hub_gets_its_answer_before_the_items_are_processed(rig: Rig, server: FaultyFeedServer) -> None:
    """Hubs wait only seconds; article fetching can take longer. A push is acknowledged first, read after."""
    req = await subscribed(rig, server)
    await verify(rig, req)
    assert rig.manager is not None
    gate, inner = asyncio.Event(), rig.manager.on_push

    async def slow(feed: str, body: bytes, headers: dict[str, str]) -> None:
        await gate.wait()  # would never return if the hub's request waited for it
        await inner(feed, body, headers)

    rig.manager.on_push = slow
    body = rss([rss_item(5)]).encode()
    headers = {"Content-Type": "application/rss+xml", "X-Hub-Signature": sign(req["hub.secret"], body)}
    async with aiohttp.ClientSession() as s:
        resp = await asyncio.wait_for(s.post(req["hub.callback"], data=body, headers=headers), 10)
        assert resp.status == 202
    assert rig.pushed == []
    gate.set()
    await rig.manager.settle()
    assert [i.guid for i in rig.pushed[0].items] == ["ledger.example-5"]
