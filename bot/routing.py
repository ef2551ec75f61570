"""Which channels an item's alert goes to: routes from feeds.yaml plus subscriptions made in chat (pure)."""
from __future__ import annotations

from collections.abc import Iterable

from bot.config import Config
from bot.store.base import Subscription, Target


def targets_for(
    config: Config,
    subscriptions: Iterable[Subscription],
    topic: str,
    feed: str,
    platforms: Iterable[str],
) -> list[Target]:
    """Targets for one on-topic item, limited to the platforms this instance runs, without repeats."""
    active = set(platforms)
    seen: dict[tuple[str, str], Target] = {}

    def add(platform: str, channel: str, roles: tuple[str, ...] = ()) -> None:
        if platform in active and channel and (platform, channel) not in seen:
            seen[(platform, channel)] = Target(platform, channel, roles)

    for route in config.settings.routes:
        if route.topic not in (None, topic) or (route.feeds and feed not in route.feeds):
            continue
        for ch in route.discord:
            add("discord", ch, route.discord_mention_roles)
        for ch in route.slack:
            add("slack", ch)
        if route.console:
            add("console", "console")
    for sub in subscriptions:
        if sub.topic == topic:
            add(sub.platform, sub.channel)
    return list(seen.values())


def ops_channel(config: Config, platform: str) -> str | None:
    """The operations channel for notices (paused feeds, broken routes) on one platform."""
    ops = config.settings.operations
    if platform == "console":
        return "console" if ops.console else None
    return getattr(ops, platform, "") or None
