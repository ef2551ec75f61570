"""feeds.yaml → frozen, typed settings; every error names the file, the line, the key and what is allowed."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from bot.config_yaml import YamlProblem, expand_env, line_of, load_yaml

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h|d)?\s*$", re.IGNORECASE)
_UNITS = {"ms": 0.001, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, None: 1}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb)?\s*$", re.IGNORECASE)
_SIZES = {None: 1, "b": 1, "kb": 1000, "kib": 1024, "mb": 1_000_000, "mib": 1 << 20, "gb": 10**9}


def _seconds(value: Any) -> float:
    """Durations as written by people: 90, "90s", "5m", "2h", "1d"."""
    if isinstance(value, bool):
        raise ValueError("expected a duration like 90s, 5m or 2h")  # noqa: TRY004 - pydantic reports ValueError per field
    if isinstance(value, (int, float)):
        return float(value)
    m = _DURATION.match(str(value))
    if not m:
        raise ValueError(f"{value!r} is not a duration; write e.g. 90s, 5m, 2h or 1d")
    return float(m.group(1)) * _UNITS[(m.group(2) or "").lower() or None]


def _bytes(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    m = _SIZE.match(str(value))
    if not m:
        raise ValueError(f"{value!r} is not a size; write e.g. 5MB or 500kB")
    return int(float(m.group(1)) * _SIZES[(m.group(2) or "").lower() or None])


Seconds = Annotated[float, BeforeValidator(_seconds)]
Bytes = Annotated[int, BeforeValidator(_bytes)]
_Frozen = ConfigDict(extra="forbid", frozen=True)


class Defaults(BaseModel):
    model_config = _Frozen
    interval: Seconds = Field(300.0, ge=60, description="poll interval; at least 1m")
    backfill: int = Field(0, ge=0, le=100)
    user_agent: str = "BorderDesk/0.1 (+https://github.com/borderdesk/borderdesk)"
    timeout: Seconds = Field(20.0, gt=0, le=300)
    max_bytes: Bytes = Field(5_000_000, gt=0, le=100_000_000)
    max_redirects: int = Field(5, ge=0, le=20)
    per_host: int = Field(2, ge=1, le=50)
    concurrency: int = Field(50, ge=1, le=2000)
    failures_before_pause: int = Field(10, ge=1, le=1000)
    story_window: Seconds = Field(48 * 3600.0, gt=0)
    delivery_lease: Seconds = Field(60.0, ge=5, le=3600, description="how long an instance holds an alert it is sending")


class Feed(BaseModel):
    model_config = _Frozen
    name: str = Field(min_length=1, max_length=100)
    url: str
    topics: tuple[str, ...] = ()
    interval: Seconds | None = Field(None, ge=60)
    backfill: int | None = Field(None, ge=0, le=100)
    enabled: bool = True
    fetch_articles: bool = True

    @field_validator("url")
    @classmethod
    def _http_url(cls, v: str) -> str:
        if not re.match(r"^https?://[^\s/]+", v or ""):
            raise ValueError(f"{v!r} is not an http(s) URL")
        return v


class Route(BaseModel):
    model_config = _Frozen
    topic: str | None = None
    feeds: tuple[str, ...] = ()  # limit the route to these feeds (empty: every feed on the topic)
    discord: tuple[str, ...] = ()
    slack: tuple[str, ...] = ()
    console: bool = False
    discord_mention_roles: tuple[str, ...] = ()

    @field_validator("discord", "slack", "discord_mention_roles", mode="before")
    @classmethod
    def _drop_empty(cls, v: Any) -> Any:
        """`${VAR:-}` channels that are not set vanish rather than becoming a channel named ''."""
        if isinstance(v, (list, tuple)):
            return tuple(str(x) for x in v if str(x).strip())
        return v


class Operations(BaseModel):
    model_config = _Frozen
    discord: str = ""
    slack: str = ""
    console: bool = True


class DiscordSection(BaseModel):
    model_config = _Frozen
    guilds: tuple[str, ...] = ()
    admin_roles: tuple[str, ...] = ()
    shards: int | None = Field(None, ge=1)

    @field_validator("guilds", "admin_roles", mode="before")
    @classmethod
    def _drop_empty(cls, v: Any) -> Any:
        return Route._drop_empty(v)


class SlackSection(BaseModel):
    model_config = _Frozen
    command_prefix: str = Field("", pattern=r"^[a-z0-9_-]{0,10}$")
    admin_users: tuple[str, ...] = ()


class WebSub(BaseModel):
    model_config = _Frozen
    callback_url: str = ""
    lease: Seconds = 86400 * 5


class Security(BaseModel):
    model_config = _Frozen
    allow_private_networks: bool = False


class Settings(BaseModel):
    """The whole validated feeds.yaml."""

    model_config = _Frozen
    version: int = 1
    defaults: Defaults = Defaults()
    topics: dict[str, dict[str, Any]] = Field(default_factory=dict)
    feeds: tuple[Feed, ...] = ()
    routes: tuple[Route, ...] = ()
    operations: Operations = Operations()
    discord: DiscordSection = DiscordSection()
    slack: SlackSection = SlackSection()
    websub: WebSub = WebSub()
    security: Security = Security()
    summary_chars: int = Field(400, ge=80, le=2000)

def _names(d: dict[str, Any]) -> str:
    return ", ".join(sorted(d)) or "(none)"


@dataclass(frozen=True)
class ConfigIssue:
    path: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class ConfigError(Exception):
    """Every problem found in a config file, each with file, line and key."""

    def __init__(self, errors: list[ConfigIssue]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class Config:
    """Validated settings plus the compiled topic rules the analysis uses."""

    settings: Settings
    topics: dict[str, Any]  # topic name → bot.analysis.relevance.TopicRules
    path: str = "feeds.yaml"

    def feed(self, name: str) -> Feed | None:
        return next((f for f in self.settings.feeds if f.name == name), None)

    def interval(self, feed: Feed) -> float:
        return feed.interval or self.settings.defaults.interval

    def backfill(self, feed: Feed) -> int:
        return self.settings.defaults.backfill if feed.backfill is None else feed.backfill


def _cross_checks(s: Settings) -> list[tuple[tuple[Any, ...], str]]:
    """Checks that span sections: names that must exist elsewhere in the file."""
    problems: list[tuple[tuple[Any, ...], str]] = []
    names = [f.name for f in s.feeds]
    for i, feed in enumerate(s.feeds):
        if names.index(feed.name) != i:
            problems.append((("feeds", i, "name"), f"feed name {feed.name!r} is used twice; names must be unique"))
        for t in feed.topics:
            if t not in s.topics:
                problems.append((("feeds", i, "topics"), f"unknown topic {t!r}; defined topics: {_names(s.topics)}"))
    for i, route in enumerate(s.routes):
        if route.topic is not None and route.topic not in s.topics:
            problems.append((("routes", i, "topic"), f"unknown topic {route.topic!r}; defined topics: {_names(s.topics)}"))
        for f in route.feeds:
            if f not in names:
                problems.append((("routes", i, "feeds"), f"unknown feed {f!r}; feeds: {', '.join(names) or '(none)'}"))
    return problems


def _compile_topics(s: Settings) -> tuple[dict[str, Any], list[tuple[tuple[Any, ...], str]]]:
    from dataclasses import replace

    from bot.analysis.relevance import DEFAULT_TOPIC, TopicRules  # the analysis owns a topic's keys

    compiled: dict[str, Any] = {}
    problems: list[tuple[tuple[Any, ...], str]] = []
    for name, mapping in s.topics.items():
        try:
            if mapping:
                compiled[name] = TopicRules(name=name, **mapping)
            else:  # `{}` means the built-in beat under this name
                compiled[name] = replace(DEFAULT_TOPIC, name=name)
        except (TypeError, ValueError) as exc:
            problems.append((("topics", name), f"invalid topic: {exc}"))
    return compiled, problems


def _key(loc: tuple[Any, ...]) -> str:
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc).replace(".[", "[")


def parse_config(text: str, path: str = "feeds.yaml", env: dict[str, str] | None = None) -> Config:
    """Parse and validate config text; raise ConfigError listing every problem with its line."""
    try:
        doc = load_yaml(text)
    except YamlProblem as exc:
        raise ConfigError([ConfigIssue(path, exc.line, "", str(exc))]) from None
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise ConfigError([ConfigIssue(path, 1, "", "the top level must be a mapping of sections (feeds:, routes:, ...)")])
    data, env_problems = expand_env(doc, env)
    issues = [ConfigIssue(path, line_of(doc, loc), _key(loc), msg) for loc, msg in env_problems]
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            issues.append(ConfigIssue(path, line_of(doc, loc), _key(loc), _explain(err)))
        raise ConfigError(issues) from None
    problems = _cross_checks(settings)
    topics, topic_problems = _compile_topics(settings)
    problems += topic_problems
    issues += [ConfigIssue(path, line_of(doc, loc), _key(loc), msg) for loc, msg in problems]
    if issues:
        raise ConfigError(issues)
    return Config(settings=settings, topics=topics, path=path)


def _explain(err: ErrorDetails) -> str:
    """pydantic's message, plus what is allowed where that helps."""
    kind, msg = err.get("type", ""), err.get("msg", "invalid value")
    msg = msg.removeprefix("Value error, ")
    if kind == "extra_forbidden":
        return "unknown key; check its spelling against the configuration reference in README.md"
    if kind == "missing":
        return "this key is required"
    got = err.get("input")
    if got is not None and not isinstance(got, (dict, list)) and repr(got) not in msg:
        return f"{msg} (got {got!r})"
    return msg


def load_config(path: str | Path, env: dict[str, str] | None = None) -> Config:
    """Read and validate a config file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError([ConfigIssue(str(p), None, "", f"cannot read the file: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError([ConfigIssue(str(p), line, "", "the file is not UTF-8 text")]) from None
    return parse_config(text, str(p), env)
