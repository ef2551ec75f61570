"""SSRF guard: schemes, private/loopback/link-local/multicast/reserved/metadata, env switch."""

from __future__ import annotations

import ipaddress

import pytest

from bot.netguard import ALLOW_ENV, GuardedResolver, UnsafeURL, address_problem, check_url, guarding


@pytest.fixture(autouse=True)
def strict_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ALLOW_ENV, raising=False)  # `make test` sets it for the loopback servers


@pytest.mark.parametrize(
    "url, word",
    [
        ("ftp://example.com/feed", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("http:///nohost", "no host"),
        ("http://127.0.0.1/", "loopback"),
        ("http://[::1]:8080/", "loopback"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.0.10/", "private"),
        ("http://172.16.5.4/", "private"),
        ("http://169.254.10.10/", "link-local"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://[fd00:ec2::254]/", "metadata"),
        ("http://224.0.0.1/", "multicast"),
        ("http://240.0.0.1/", "reserved"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://100.64.0.1/", "not globally routable"),
        ("http://localhost:8080/feed", "loopback"),
    ],
)
async def test_refused(url: str, word: str) -> None:
    with pytest.raises(UnsafeURL) as err:
        await check_url(url, allow_private=False)
    assert word in err.value.reason


async def test_public_address_literal_is_allowed() -> None:
    await check_url("https://93.184.215.14/feed", allow_private=False)  # no DNS needed for a literal


async def test_allow_private_by_argument_or_env(monkeypatch: pytest.MonkeyPatch) -> None:
    await check_url("http://127.0.0.1:8080/feed", allow_private=True)
    monkeypatch.setenv(ALLOW_ENV, "1")
    await check_url("http://10.0.0.5/feed", allow_private=False)


async def test_metadata_is_refused_even_when_private_is_allowed() -> None:
    with pytest.raises(UnsafeURL):
        await check_url("http://169.254.169.254/", allow_private=True)


async def test_unresolvable_host_is_refused_with_reason() -> None:
    with pytest.raises(UnsafeURL) as err:
        await check_url("http://no-such-host.invalid/feed", allow_private=False)
    assert "cannot resolve" in err.value.reason


def test_address_problem_is_none_for_public() -> None:
    assert address_problem(ipaddress.ip_address("8.8.8.8"), allow_private=False) is None


async def test_guarded_resolver_checks_what_the_connection_uses() -> None:
    resolver = GuardedResolver()
    try:
        with guarding(None):  # an operator-written URL: no check
            assert await resolver.resolve("localhost", 80)
        with guarding(False), pytest.raises(UnsafeURL) as err:
            await resolver.resolve("localhost", 80)
        assert "loopback" in err.value.reason
        with guarding(True):
            assert await resolver.resolve("localhost", 80)
    finally:
        await resolver.close()
