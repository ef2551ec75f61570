"""Every slash command as Slack sends it: signed form posts over real HTTP to the bot's /slack/events.

The real Bolt app checks each signature, the adapter acknowledges at once and answers through the
response URL (here the fake Slack), and the answers are read back as Slack would show them.
"""
from __future__ import annotations

import json
import time
from urllib.parse import urlencode

from handlers import COMMANDS
from tests.platforms.slack.blockkit import check_blocks, texts
from tests.platforms.slack.conftest import SlackDesk, fill, sign


def command_texts(desk: SlackDesk) -> dict[str, tuple[str, str, str]]:
    """For every command: (text typed after it, user, words its answer must contain)."""
    return {
        "latest": ("count:3", "UREADER", "Latest"),
        "quotes": ("speaker:duval", "UREADER", "Duval"),
        "tariffs": ("steel", "UREADER", "→ Canada: steel"),
        "facts": ("about:lumber", "UREADER", "lumber"),
        "summary": (desk.server.article_url("lumber-duties"), "UREADER", "lumber"),
        "feeds": ("", "UREADER", "Harbour Herald"),
        "subscribe": ("", "UEDITOR", "Subscribed"),
        "unsubscribe": ("", "UEDITOR", "Unsubscribed"),
        "help": ("", "UREADER", "/quotes"),
    }


async def test_every_command_answers_over_signed_http(desk: SlackDesk) -> None:
    await fill(desk)
    cases = command_texts(desk)
    assert set(cases) == {c.name for c in COMMANDS}, "a command was added: give it a case here"
    for spec in COMMANDS:
        text, user, words = cases[spec.name]
        answer = await desk.command(spec.name, text, user=user)
        assert answer is not None
        check_blocks(answer)
        shown = texts(answer)
        assert words.lower() in shown.lower(), (spec.name, shown[:500])
        assert answer["response_type"] == "ephemeral" and "Traceback" not in shown
    assert desk.dispatched == [c.name for c in COMMANDS]


async def test_slow_summary_acknowledges_at_once_then_follows_up(desk: SlackDesk) -> None:
    desk.server.publish(2)  # the article is online
    body = urlencode({"command": "/summary", "text": desk.server.article_url("lumber-duties"), "user_id": "UREADER",
                      "channel_id": "CNEWS", "team_id": "T1", "response_url": f"{desk.fake.url}/response/s"})
    async with desk.http.post(desk.url, data=body.encode(), headers=sign(body)) as resp:
        ack = await resp.json()
    assert resp.status == 200 and ack["response_type"] == "ephemeral" and "Working on /summary" in ack["text"]
    await desk.fake.until(lambda: desk.fake.responses)
    (answer,) = desk.fake.responses
    check_blocks(answer)
    assert "lumber" in texts(answer).lower() and answer["blocks"][0]["text"]["text"] == "Summary"


async def test_answers_are_private_until_shared_and_sharing_posts_to_the_channel(desk: SlackDesk) -> None:
    await fill(desk)
    answer = await desk.command("quotes", "speaker:duval")
    assert answer is not None
    share = _button(answer, "borderdesk_share")
    assert json.loads(share["value"]) == {"command": "quotes", "args": {"speaker": "duval"}}
    shared = await _click(desk, share, ephemeral=True)
    check_blocks(shared)
    assert shared["response_type"] == "in_channel" and "Duval" in texts(shared)
    assert not any(b["action_id"] == "borderdesk_share" for b in _buttons(shared))


async def test_next_page_button_runs_the_next_page(desk: SlackDesk) -> None:
    await fill(desk)
    first = await desk.command("latest", "count:2")
    assert first is not None
    button = _button(first, "borderdesk_page")
    assert json.loads(button["value"])["args"]["page"] == 2
    second = await _click(desk, button, ephemeral=True)
    check_blocks(second)
    assert second["replace_original"] is True  # a private answer turns its page in place
    stories = [b["text"]["text"] for b in first["blocks"] if b["type"] == "section"]
    later = [b["text"]["text"] for b in second["blocks"] if b["type"] == "section"]
    assert later and later != stories  # other stories, not the first page again
    assert json.loads(button["value"])["args"]["count"] == 2  # the page size is kept
    assert desk.dispatched == ["latest", "latest"]


async def test_tariff_history_button_and_chart_upload_when_shared(desk: SlackDesk) -> None:
    await fill(desk)
    table = await desk.command("tariffs", "steel")
    assert table is not None
    history_button = next(b for b in _buttons(table) if b["action_id"] == "borderdesk_history"
                          and "steel" in b["text"]["text"].lower())
    history = await _click(desk, history_button, ephemeral=True)
    check_blocks(history)
    assert "share it in the channel" in texts(history)
    shared = await _click(desk, _button(history, "borderdesk_share"), ephemeral=True)
    assert shared["response_type"] == "in_channel"
    await desk.fake.until(lambda: desk.fake.called("files.completeUploadExternal"))
    assert desk.fake.uploads and desk.fake.uploads[0].startswith(b"\x89PNG")
    assert desk.fake.called("files.completeUploadExternal")[0]["channel_id"] == "CNEWS"


async def test_bad_signature_and_stale_timestamp_are_refused_before_any_handler(desk: SlackDesk) -> None:
    body = urlencode({"command": "/latest", "text": "", "user_id": "UREADER", "channel_id": "CNEWS",
                      "response_url": f"{desk.fake.url}/response/x", "team_id": "T1"})
    forged = await desk.post(body, sign(body, secret="not-the-secret"))
    stale = await desk.post(body, sign(body, timestamp=int(time.time()) - 10 * 60))
    unsigned = await desk.post(body, {"Content-Type": "application/x-www-form-urlencoded"})
    tampered = await desk.post(body.replace("latest", "feeds"), sign(body))
    assert [r.status for r in (forged, stale, unsigned, tampered)] == [401, 401, 401, 401]
    good = await desk.command("latest")  # the same request, correctly signed, is answered
    assert good is not None and desk.dispatched == ["latest"]
    assert len(desk.fake.responses) == 1


async def test_admin_commands_follow_workspace_admins_and_configured_users(desk: SlackDesk) -> None:
    desk.fake.admins.add("UBOSS")
    refused = await desk.command("feeds", 'pause "Maple Ledger"', user="UREADER")
    assert refused is not None and "admin" in texts(refused).lower()
    done = await desk.command("feeds", 'pause "Maple Ledger"', user="UBOSS")
    assert done is not None and "Paused" in texts(done)
    assert desk.app.config.feed("Maple Ledger").enabled is False
    asked = [c["user"] for c in desk.fake.called("users.info")]
    assert asked.count("UBOSS") == 1 and asked.count("UREADER") == 1
    await desk.command("feeds", 'resume "Maple Ledger"', user="UEDITOR")  # admin_users in feeds.yaml
    assert desk.app.config.feed("Maple Ledger").enabled is True
    assert "UEDITOR" not in [c["user"] for c in desk.fake.called("users.info")]


async def test_bad_arguments_get_a_private_hint(desk: SlackDesk) -> None:
    for text, words in (('about:"unclosed', "quotation"), ("count:lots", "whole number"), ("colour:red", "no option")):
        answer = await desk.command("latest" if "count" in text else "quotes", text)
        assert answer is not None and answer["response_type"] == "ephemeral"
        check_blocks(answer)
        assert words in texts(answer).lower(), text


async def test_an_empty_search_suggests_known_values(desk: SlackDesk) -> None:
    await fill(desk)
    answer = await desk.command("quotes", "speaker:dupont")
    assert answer is not None
    assert "Known speaker values" in texts(answer) and "Duval" in texts(answer)


def _buttons(message: dict) -> list[dict]:
    return [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]


def _button(message: dict, action_id: str) -> dict:
    return next(b for b in _buttons(message) if b["action_id"] == action_id)


async def _click(desk: SlackDesk, button: dict, ephemeral: bool) -> dict:
    """A signed block_actions request for a button press; returns the bot's answer at the response URL."""
    payload = {"type": "block_actions", "team": {"id": "T1"}, "user": {"id": "UREADER"}, "api_app_id": "A1",
               "token": "legacy", "trigger_id": "trig.click", "channel": {"id": "CNEWS"},
               "container": {"type": "message", "is_ephemeral": ephemeral, "channel_id": "CNEWS"},
               "response_url": f"{desk.fake.url}/response/click",
               "actions": [{"type": "button", "action_id": button["action_id"], "block_id": "b1",
                            "value": button["value"], "action_ts": "1700000000.1"}]}
    body = urlencode({"payload": json.dumps(payload)})
    before = len(desk.fake.responses)
    resp = await desk.post(body, sign(body))
    assert resp.status == 200
    await desk.fake.until(lambda: len(desk.fake.responses) > before)
    return desk.fake.responses[before]
