"""feeds.yaml validation: a valid file loads; each kind of invalid file names its line, key and the fix."""
from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.cli import main
from bot.config import ConfigError, load_config, parse_config

ROOT = Path(__file__).resolve().parents[2]

GOOD = """\
defaults: {interval: 5m, backfill: 2}
topics:
  us-canada-trade: {}
feeds:
  - {name: One, url: "https://example.org/feed.xml", topics: [us-canada-trade], interval: 2m}
  - name: Two
    url: "http://example.net/atom"
    topics: [us-canada-trade]
routes:
  - {topic: us-canada-trade, discord: ["${CHAN:-}"], slack: ["C1"], console: true}
"""


def issues(text: str, env: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(ConfigError) as info:
        parse_config(text, "f.yaml", env=env or {})
    return [str(e) for e in info.value.errors]


def test_the_shipped_feeds_yaml_is_valid() -> None:
    config = load_config(ROOT / "feeds.yaml", env={})
    assert len(config.settings.feeds) >= 8
    assert "us-canada-trade" in config.topics
    assert all(f.topics == ("us-canada-trade",) for f in config.settings.feeds)


def test_valid_file_loads_typed_and_frozen() -> None:
    config = parse_config(GOOD, env={"CHAN": "42"})
    one, two = config.settings.feeds
    assert config.interval(one) == 120 and config.interval(two) == 300
    assert config.backfill(two) == 2
    assert config.settings.routes[0].discord == ("42",)
    with pytest.raises(ValidationError):  # frozen: settings never change under a running service
        config.settings.defaults.interval = 1  # type: ignore[misc]


def test_optional_env_reference_that_is_unset_drops_the_channel() -> None:
    assert parse_config(GOOD, env={}).settings.routes[0].discord == ()


def test_required_env_reference_that_is_unset_is_an_error_with_its_line() -> None:
    text = GOOD.replace("${CHAN:-}", "${CHAN}")
    (msg,) = issues(text)
    assert msg.startswith("f.yaml:10: routes[0].discord[0]:") and "CHAN is not set" in msg


def test_bad_duration_names_line_key_and_allowed_forms() -> None:
    (msg,) = issues(GOOD.replace("interval: 2m", "interval: soon"))
    assert msg.startswith("f.yaml:5: feeds[0].interval:") and "90s, 5m, 2h" in msg


def test_interval_below_one_minute_is_refused() -> None:
    (msg,) = issues(GOOD.replace("interval: 2m", "interval: 10s"))
    assert "feeds[0].interval" in msg and "60" in msg


def test_unknown_key_and_bad_url_are_both_reported() -> None:
    text = GOOD.replace('url: "http://example.net/atom"', 'url: "ftp://example.net/atom"\n    colour: red')
    msgs = issues(text)
    assert any(m.startswith("f.yaml:7: feeds[1].url:") and "http(s)" in m for m in msgs)
    assert any(m.startswith("f.yaml:8: feeds[1].colour:") and "unknown key" in m for m in msgs)


def test_unknown_topic_in_feed_and_route() -> None:
    text = GOOD.replace("topics: [us-canada-trade], interval", "topics: [lumber], interval").replace(
        "topic: us-canada-trade,", "topic: dairy,")
    msgs = issues(text)
    assert any(m.startswith("f.yaml:5: feeds[0].topics:") and "'lumber'" in m for m in msgs)
    assert any(m.startswith("f.yaml:10: routes[0].topic:") and "'dairy'" in m for m in msgs)


def test_duplicate_feed_names() -> None:
    msgs = issues(GOOD.replace("name: Two", "name: One"))
    assert any("used twice" in m and m.startswith("f.yaml:6:") for m in msgs)


def test_syntax_error_names_the_line() -> None:
    (msg,) = issues(GOOD + "  - {name: broken, url: [\n")
    assert msg.startswith("f.yaml:1") and "not valid YAML" in msg


def test_yaml_alias_bomb_is_refused() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n"
    (msg,) = issues(bomb)
    assert "aliases" in msg and msg.startswith("f.yaml:2")


def test_oversized_file_is_refused() -> None:
    (msg,) = issues("# " + "x" * 1_100_000)
    assert "larger than" in msg


def test_python_object_tags_are_not_constructed() -> None:
    msgs = issues("feeds: !!python/object/apply:os.system ['echo pwned']\n")
    assert msgs  # refused by the safe round-trip loader, never executed


def test_check_command_summarises_a_valid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(GOOD)
    assert main(["check", "--config", str(path)]) == 0
    out = capsys.readouterr().out
    assert "valid" in out and "One" in out and "Two" in out and "console" in out


def test_check_command_exits_2_and_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(GOOD.replace("interval: 2m", "interval: often"))
    assert main(["check", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:5: feeds[0].interval" in err


def test_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--config", str(tmp_path / "nope.yaml")]) == 2
    assert "cannot read the file" in capsys.readouterr().err


def test_the_shipped_feeds_yaml_spells_out_exactly_the_built_in_beat() -> None:
    """feeds.yaml lists the beat's terms so editors can see and change them; as shipped they must be the
    built-in rules that `borderdesk analyze` and the evaluation use, or the two would judge items differently."""
    from bot.analysis.beat import DEFAULT_TOPIC

    shipped = load_config(Path(__file__).resolve().parents[2] / "feeds.yaml").topics["us-canada-trade"]
    for key in ("terms", "context", "strong", "sectors", "sides", "rivals", "exclude", "threshold"):
        assert getattr(shipped, key) == getattr(DEFAULT_TOPIC, key), key
