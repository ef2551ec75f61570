"""Socket Mode: the real Bolt Socket Mode client against a fake apps.connections.open and WebSocket."""
from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.platforms.slack import SlackAdapter, build_slack_adapter
from tests.platforms.slack.blockkit import check_blocks, texts
from tests.platforms.slack.conftest import SlackDesk, slack_config
from tests.platforms.slack.fake_slack import FakeSlack


@pytest.fixture
async def socket_adapter(desk: SlackDesk, fake: FakeSlack, tmp_path: Path) -> AsyncIterator[SlackAdapter]:
    (tmp_path / "sock").mkdir()
    config = slack_config(desk.server, tmp_path / "sock", prefix="bd-")
    adapter = build_slack_adapter(config, {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-1-test",
                                           "SLACK_API_URL": f"{fake.url}/api"})
    await adapter.start(desk.app.router)
    try:
        yield adapter
    finally:
        await adapter.stop()


async def test_a_slash_command_over_socket_mode_is_acknowledged_and_answered(
        socket_adapter: SlackAdapter, fake: FakeSlack) -> None:
    assert socket_adapter.socket_mode and socket_adapter.connected()
    (_opened,) = fake.called("apps.connections.open")
    app_token_call = fake.tokens[[m for m, _ in fake.calls].index("apps.connections.open")]
    assert app_token_call == "Bearer xapp-1-test"  # the app-level token opens the socket, not the bot token
    await fake.envelopes.put({
        "envelope_id": "env-1", "type": "slash_commands", "accepts_response_payload": True,
        "payload": {"command": "/bd-quotes", "text": "speaker:duval", "user_id": "UREADER", "channel_id": "CNEWS",
                    "team_id": "T1", "api_app_id": "A1", "response_url": f"{fake.url}/response/sock"}})
    await fake.until(lambda: fake.acks)
    assert fake.acks[0]["envelope_id"] == "env-1"
    await fake.until(lambda: fake.responses)
    check_blocks(fake.responses[0])
    assert fake.responses[0]["response_type"] == "ephemeral" and "Quotes" in texts(fake.responses[0])


async def test_socket_mode_serves_no_http_endpoint(socket_adapter: SlackAdapter) -> None:
    from aiohttp import web

    web_app = web.Application()
    socket_adapter.mount(web_app)
    assert not [r for r in web_app.router.routes() if "slack" in str(r.resource)]


def test_http_mode_refuses_to_start_without_a_signing_secret(tmp_path: Path) -> None:
    from bot.config import parse_config

    config = parse_config("feeds: []\n", str(tmp_path / "feeds.yaml"), env={})
    with pytest.raises(ValueError, match="SLACK_SIGNING_SECRET"):
        build_slack_adapter(config, {"SLACK_BOT_TOKEN": "xoxb-test"})
    with pytest.raises(ValueError, match="xapp-"):
        build_slack_adapter(config, {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xoxb-wrong"})
