"""The adapter contract every chat platform implements: connect, take commands, deliver alerts.

Adapters are thin: they turn platform events into `Invocation`s for `CommandRouter`, render the
`Reply` it returns, and post `AlertMessage`s for the delivery worker. They never touch the store.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.models import AlertMessage, Delivery, DeliveryResult
from bot.replies import Reply
from handlers.spec import CommandSpec, Invocation


class CommandRouter(Protocol):
    """What an adapter calls: validated dispatch and autocomplete, both platform-neutral."""

    commands: Sequence[CommandSpec]

    async def dispatch(self, name: str, invocation: Invocation) -> Reply: ...

    async def autocomplete(self, name: str, option: str, prefix: str, invocation: Invocation) -> list[str]: ...


class PlatformAdapter(Protocol):
    """One chat platform. `name` matches Delivery.platform and the route keys in feeds.yaml."""

    name: str

    async def start(self, router: CommandRouter) -> None: ...  # returns once connected

    async def stop(self) -> None: ...

    def connected(self) -> bool: ...

    async def deliver(self, delivery: Delivery, alert: AlertMessage) -> DeliveryResult: ...
    # delivery.kind == "post": post a new message; "update": edit delivery.message_ref in place.
    # Must be idempotent per delivery.nonce where the platform allows (Discord enforce_nonce).

    async def notify_ops(self, channel: str, text: str) -> None: ...  # operations notices
