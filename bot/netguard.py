"""SSRF guard: refuse URLs whose host resolves to private, loopback, link-local or metadata addresses.

Feeds, redirects, article links and WebSub hubs all come from outside, so any of them can point
the bot at the cloud metadata service or at a database on the private network. Every outbound
request to a URL we did not write ourselves goes through `check_url` first.
"""
from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import urlsplit

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

log = logging.getLogger(__name__)

ALLOW_ENV = "BORDERDESK_ALLOW_PRIVATE_NETWORKS"
ALLOWED_SCHEMES = ("http", "https")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud metadata endpoints: refused even when private networks are allowed, because nothing the
# bot fetches ever lives there and reaching them leaks credentials.
METADATA_ADDRESSES: frozenset[IPAddress] = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200")
)


class UnsafeURL(ValueError):
    """The URL may not be fetched; `reason` says why in words an operator understands."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def private_allowed(allow_private: bool) -> bool:
    """Private addresses are allowed by the caller's setting or by the environment switch."""
    return allow_private or os.environ.get(ALLOW_ENV, "").strip() == "1"


def address_problem(ip: IPAddress, *, allow_private: bool) -> str | None:
    """Why this address must not be contacted, or None when it may be."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return address_problem(ip.ipv4_mapped, allow_private=allow_private)
    if ip in METADATA_ADDRESSES:
        return f"{ip} is a cloud metadata address"
    if private_allowed(allow_private):
        return None
    checks = (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("not globally routable", not ip.is_global),
    )
    for label, hit in checks:
        if hit:
            return f"{ip} is a {label} address"
    return None


def _split(url: str) -> tuple[str, int]:
    """Host and port of an http(s) URL; UnsafeURL for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeURL(f"malformed URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise UnsafeURL(f"scheme {scheme or '(none)'!r} is not http or https")
    host = parts.hostname
    if not host:
        raise UnsafeURL("URL has no host")
    return host, port or (443 if scheme == "https" else 80)


async def _resolve(host: str, port: int) -> list[IPAddress]:
    """All addresses the host resolves to; a name that resolves to nothing is refused."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise UnsafeURL(f"cannot resolve {host}: {exc}") from None
    addresses = []
    for info in infos:
        raw = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        addresses.append(ipaddress.ip_address(raw))
    if not addresses:
        raise UnsafeURL(f"{host} resolves to no address")
    return addresses


async def check_url(url: str, *, allow_private: bool) -> None:
    """Raise UnsafeURL unless `url` is http(s) and every address its host resolves to is allowed.

    Every resolved address is checked (not just the first) so a name with one public and one
    private record cannot slip through.
    """
    host, port = _split(url)
    for ip in await _resolve(host, port):
        problem = address_problem(ip, allow_private=allow_private)
        if problem:
            log.info("refusing %s: %s", url, problem)
            raise UnsafeURL(f"{host}: {problem}")


# None: no check (a URL the operator wrote); otherwise the allow_private setting to check with.
_POLICY: ContextVar[bool | None] = ContextVar("borderdesk_netguard_policy", default=None)


@contextmanager
def guarding(allow_private: bool | None) -> Iterator[None]:
    """Within this block, connections through GuardedResolver check every address they resolve.

    `None` switches the check off (for URLs written by the operator).
    """
    token = _POLICY.set(allow_private)
    try:
        yield
    finally:
        _POLICY.reset(token)


class GuardedResolver(AbstractResolver):
    """aiohttp resolver that re-checks the addresses a connection really uses.

    `check_url` resolves the name once; a hostile DNS server could answer differently a moment
    later when aiohttp connects (DNS rebinding). Checking inside the resolver closes that gap.
    """

    def __init__(self, inner: AbstractResolver | None = None) -> None:
        self._inner = inner or DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        policy = _POLICY.get()
        if policy is not None:
            for result in results:
                problem = address_problem(ipaddress.ip_address(result["host"]), allow_private=policy)
                if problem:
                    log.warning("refusing connection to %s: %s", host, problem)
                    raise UnsafeURL(f"{host}: {problem}")
        return results

    async def close(self) -> None:
        await self._inner.close()


__all__ = [
    "ALLOW_ENV", "GuardedResolver", "UnsafeURL", "address_problem", "check_url", "guarding", "private_allowed",
]
