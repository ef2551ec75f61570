"""Prometheus metrics for one process: feeds, items, alerts, command and delivery latency."""
from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)


class Metrics:
    """One registry per app, so tests and several apps in one process never share counters."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.polls = Counter("borderdesk_feed_polls", "Feed polls by outcome", ["outcome"], registry=r)
        self.feeds_failing = Gauge("borderdesk_feeds_failing", "Feeds whose last poll failed", registry=r)
        self.feeds_paused = Gauge("borderdesk_feeds_paused", "Feeds paused after repeated failures", registry=r)
        self.items = Counter("borderdesk_items", "Items seen by verdict", ["verdict"], registry=r)
        self.alerts = Gauge("borderdesk_alerts", "Outbox rows by status", ["status"], registry=r)
        self.deliveries = Counter("borderdesk_deliveries", "Delivery attempts by outcome", ["platform", "outcome"], registry=r)
        self.delivery_latency = Histogram("borderdesk_delivery_latency_seconds",
                                          "Time from item seen to alert delivered", buckets=LATENCY_BUCKETS, registry=r)
        self.command_latency = Histogram("borderdesk_command_latency_seconds", "Slash command handling time",
                                         ["command"], buckets=LATENCY_BUCKETS, registry=r)

    def render(self) -> bytes:
        return generate_latest(self.registry)
