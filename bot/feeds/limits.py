"""Per-host concurrency limit: at most N requests in flight to one host, semaphores freed when idle."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class HostLimiter:
    """One semaphore per host, created on demand and dropped when no request holds or waits on it.

    Dropping idle semaphores keeps memory flat when thousands of feeds live on thousands of hosts.
    """

    def __init__(self, per_host: int) -> None:
        if per_host < 1:
            raise ValueError("per_host must be at least 1")
        self.per_host = per_host
        self._sems: dict[str, asyncio.Semaphore] = {}
        self._users: dict[str, int] = {}

    @asynccontextmanager
    async def limit(self, host: str) -> AsyncIterator[None]:
        sem = self._sems.get(host)
        if sem is None:
            sem = self._sems[host] = asyncio.Semaphore(self.per_host)
        self._users[host] = self._users.get(host, 0) + 1
        try:
            async with sem:
                yield
        finally:
            self._users[host] -= 1
            if not self._users[host]:
                del self._users[host]
                del self._sems[host]

    def active_hosts(self) -> int:
        """Hosts with a request in flight or waiting (for tests and diagnostics)."""
        return len(self._sems)
