"""The console platform: alerts and replies printed to a stream, commands typed at a prompt.

Used by the demo and when no chat platform is configured. `mode="json"` prints one JSON object per
line so scripts (and the reliability tests) can read what was delivered.
"""
from __future__ import annotations

import asyncio
import json
import sys
import threading
from typing import TextIO

from bot.models import AlertMessage, Delivery, DeliveryResult
from bot.platforms.base import CommandRouter
from bot.platforms.console.render import render_alert, render_reply, to_json
from bot.replies import Reply
from handlers.spec import ArgumentError, Invocation, error_reply


class ConsoleAdapter:
    name = "console"

    def __init__(self, mode: str = "text", out: TextIO | None = None) -> None:
        self.mode = mode
        self.out = out or sys.stdout
        self._lock = threading.Lock()
        self._running = False

    async def start(self, router: CommandRouter) -> None:
        self._running = True

    async def stop(self) -> None:
        self._running = False

    def connected(self) -> bool:
        return self._running

    def _write(self, text: str) -> None:
        with self._lock:
            print(text, file=self.out, flush=True)

    async def deliver(self, delivery: Delivery, alert: AlertMessage) -> DeliveryResult:
        if self.mode == "json":
            self._write(json.dumps({"type": "alert", "kind": delivery.kind, "delivery": delivery.id,
                                    "nonce": delivery.nonce, "alert": to_json(alert)}, ensure_ascii=False))
        elif self.mode != "quiet":
            prefix = "updated: also reported by more outlets\n" if delivery.kind == "update" else "\n"
            self._write(prefix + render_alert(alert))
        return DeliveryResult(ok=True, message_ref=f"console-{delivery.story_id}")

    async def notify_ops(self, channel: str, text: str) -> None:
        if self.mode == "json":
            self._write(json.dumps({"type": "ops", "text": text}, ensure_ascii=False))
        elif self.mode != "quiet":
            self._write(f"[ops] {text}")

    def show(self, reply: Reply) -> None:
        """Print a command's answer."""
        if self.mode == "json":
            self._write(json.dumps({"type": "reply", "reply": type(reply).__name__, "data": to_json(reply)}, ensure_ascii=False))
        else:
            self._write(render_reply(reply))

    async def run_line(self, router: CommandRouter, line: str) -> Reply:
        """One typed command line through the router (the console user is an admin)."""
        from bot.router import parse_command_line

        try:
            name, args = parse_command_line(line)
        except ArgumentError as exc:
            return error_reply(exc)
        inv = Invocation(platform="console", user="console", channel="console", args=args, is_admin=True,
                         user_name="console")
        return await router.dispatch(name, inv)

    def start_prompt(self, router: CommandRouter, stop: asyncio.Event, *, stop_on_eof: bool = False) -> threading.Thread:
        """Read commands from stdin in a thread; EOF ends the prompt (and the run, with `stop_on_eof`)."""
        loop = asyncio.get_running_loop()

        def read() -> None:
            for line in sys.stdin:
                if stop.is_set():
                    break
                if not line.strip():
                    continue
                future = asyncio.run_coroutine_threadsafe(self.run_line(router, line), loop)
                try:
                    self.show(future.result(timeout=60))
                except Exception as exc:  # noqa: BLE001 - the prompt survives anything one command does
                    self._write(f"✗ {type(exc).__name__}: {exc}")
            if stop_on_eof:
                loop.call_soon_threadsafe(stop.set)

        thread = threading.Thread(target=read, name="console-prompt", daemon=True)
        thread.start()
        return thread
