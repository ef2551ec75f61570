"""Feed ingestion: fetch politely, parse safely, identify items, schedule polls, match stories, WebSub.

Public API (see each module for details):

- `fetch.FetchSettings`, `fetch.Fetcher` (async context manager owning the one aiohttp session),
  `Fetcher.fetch(url, etag, last_modified, *, trusted=True) -> fetch.FetchResult`
- `parse.parse_feed(body, headers, feed_name, *, now=None, fast=True) -> parse.ParsedFeed`
- `poller.Poller(fetcher, schedule=, rng=, clock=)`: `poll(state, interval_s, now) -> PollOutcome`,
  `poll_many([(state, interval_s), ...])` (async iterator of PollOutcome), `accept_push(state, body, headers)`
- `identity.identify(raw, fetched_at) -> Item`, `identity.item_key`, `identity.canonical_url`
- `stories.story_signature(title, lede)`, `stories.similarity(a, b)`, `stories.same_story(a, b)`
- `schedule.ScheduleSettings`, `schedule.after_success`, `schedule.after_failure`, `schedule.is_due`
- `article.fetch_article(fetcher, url) -> str | None`
- `websub.WebSubManager`, `websub.websub_routes(manager)`

This package never imports the store, analysis or platforms (tests/feeds/test_boundaries.py).
"""
