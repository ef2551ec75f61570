"""Login, command sync and the gateway handshake, as the real discord.py client performs them."""
from __future__ import annotations

from handlers import COMMANDS
from tests.platforms.discord.conftest import DiscordDesk
from tests.platforms.discord.fake_discord import APP_ID, GUILD_ID

MANAGE_GUILD = 1 << 5


async def test_login_sync_and_gateway_in_order(desk: DiscordDesk) -> None:
    fake = desk.fake
    order = [(c.method, c.path) for c in fake.calls][:3]
    assert order == [("GET", "/users/@me"), ("GET", "/oauth2/applications/@me"),
                     ("PUT", f"/applications/{APP_ID}/guilds/{GUILD_ID}/commands")]
    assert all(c.headers["Authorization"] == "Bot test-token" for c in fake.calls[:3])
    assert fake.identify is not None and fake.identify["token"] == "test-token"
    assert desk.adapter.connected()


async def test_minimal_intents_without_message_content(desk: DiscordDesk) -> None:
    assert desk.fake.identify is not None
    intents = desk.fake.identify["intents"]
    assert intents == 1  # GUILDS only: no members, no presences, no message content (1 << 15)


async def test_sync_payload_has_every_command_with_typed_options(desk: DiscordDesk) -> None:
    synced = {c["name"]: c for c in desk.fake.commands[str(GUILD_ID)]}
    assert list(synced) == [c.name for c in COMMANDS]
    for spec in COMMANDS:
        payload = synced[spec.name]
        assert payload["description"] and len(payload["description"]) <= 100
        options = {o["name"]: o for o in payload.get("options", [])}
        assert list(options) == [o.name for o in sorted(spec.options, key=lambda o: not o.required)]
        for opt in spec.options:
            sent = options[opt.name]
            assert sent["type"] == {"string": 3, "url": 3, "since": 3, "integer": 4, "boolean": 5}[opt.type]
            assert sent["required"] is opt.required
            assert sent.get("autocomplete", False) is bool(opt.autocomplete and not opt.choices)
            assert [c["value"] for c in sent.get("choices", [])] == list(opt.choices)
            if opt.min_value is not None:
                assert sent["min_value"] == opt.min_value and sent["max_value"] == opt.max_value
        if spec.admin:
            assert int(payload["default_member_permissions"]) == MANAGE_GUILD
            assert payload["contexts"] == [0]  # guild only
        else:
            assert payload["default_member_permissions"] is None


async def test_specific_shapes(desk: DiscordDesk) -> None:
    synced = {c["name"]: c for c in desk.fake.commands[str(GUILD_ID)]}
    latest = {o["name"]: o for o in synced["latest"]["options"]}
    assert latest["count"]["min_value"] == 1 and latest["count"]["max_value"] == 25
    summary = synced["summary"]["options"][0]
    assert summary["name"] == "url" and summary["required"] is True and summary["max_length"] == 2000
    feeds = {o["name"]: o for o in synced["feeds"]["options"]}
    assert [c["value"] for c in feeds["action"]["choices"]] == ["status", "add", "remove", "pause", "resume"]
    assert "global" not in desk.fake.commands  # guild mode: nothing pushed globally
