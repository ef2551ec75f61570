"""/subscribe and /unsubscribe: route a topic's alerts to this channel (admins), kept in the store."""
from __future__ import annotations

from typing import Any

from bot.replies import Reply, TextReply
from bot.store.base import Subscription
from handlers.spec import ArgumentError, CommandSpec, Invocation, Option


def _topic(inv: Invocation, services: Any) -> str:
    topics = services.topics()
    topic = inv.args.get("topic") or (topics[0] if topics else "")
    if topic not in topics:
        raise ArgumentError(f"There is no topic “{topic}”.", f"topics: {', '.join(topics)}")
    return topic


async def subscribe(inv: Invocation, services: Any) -> Reply:
    topic = _topic(inv, services)
    added = await services.store.subscribe(Subscription(topic, inv.platform, inv.channel, inv.user))
    if added:
        return TextReply(f"This channel now gets alerts for {topic}.", title="Subscribed")
    return TextReply(f"This channel already gets alerts for {topic}.", title="Already subscribed")


async def unsubscribe(inv: Invocation, services: Any) -> Reply:
    topic = _topic(inv, services)
    removed = await services.store.unsubscribe(topic, inv.platform, inv.channel)
    if removed:
        return TextReply(f"This channel no longer gets alerts for {topic} from /subscribe.", title="Unsubscribed")
    return TextReply(f"This channel had no /subscribe for {topic}; routes in feeds.yaml are edited there.",
                     title="Nothing to remove")


_TOPIC = Option("topic", "Topic (default: the beat)", autocomplete="topics")
SUBSCRIBE = CommandSpec(name="subscribe", description="Send a topic's alerts to this channel",
                        handler=subscribe, options=(_TOPIC,), admin=True, usage="/subscribe [topic]")
UNSUBSCRIBE = CommandSpec(name="unsubscribe", description="Stop a topic's alerts in this channel",
                          handler=unsubscribe, options=(_TOPIC,), admin=True, usage="/unsubscribe [topic]")
