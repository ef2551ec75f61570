"""Step charts of a tariff line's rate over time, as PNG bytes for platforms that show images.

Drawn with Pillow (already a dependency of the stack) rather than matplotlib: a step chart is a
few lines and labels, and Pillow costs milliseconds and no fonts or caches at start-up.
"""
from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from bot.replies import Attachment
from bot.store.base import TariffRow

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 720, 360, 64, 24, 48, 56
_RATE = re.compile(r"\d+(?:\.\d+)?")
STATUS_COLOURS = {"in_force": (200, 40, 40), "announced": (230, 140, 20), "threatened": (150, 110, 200),
                  "paused": (120, 120, 120), "removed": (40, 140, 60), "exempted": (40, 110, 190)}


@lru_cache(maxsize=1)
def _font() -> Any:
    """Pillow's bitmap font: no FreeType rendering per label, so a chart costs a few milliseconds."""
    loader = getattr(ImageFont, "load_default_imagefont", None)
    return loader() if loader is not None else ImageFont.load_default()


_PLAIN = str.maketrans({"—": "-", "–": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "…": "...", "→": "->"})


def _latin(text: str) -> str:
    """The bitmap font draws Latin-1 only: other characters become close equivalents or '?'."""
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def _rate(row: TariffRow) -> float:
    if row.status in ("removed", "exempted"):
        return 0.0
    m = _RATE.search(row.rate or "")
    return float(m.group(0)) if m else 0.0


MAX_STEPS = 40  # a desk reads the recent steps; older ones are summarised by the first point kept
MAX_LABELS = 4


def _points(rows: Sequence[TariffRow]) -> list[tuple[datetime, float, str]]:
    """One point per change of rate or status, oldest first, at most MAX_STEPS of the latest."""
    pts = sorted(((r.since, _rate(r), r.status) for r in rows if r.since is not None), key=lambda p: p[0])
    steps: list[tuple[datetime, float, str]] = []
    for p in pts:
        if not steps or (p[1], p[2]) != (steps[-1][1], steps[-1][2]):
            steps.append(p)
    return steps[-MAX_STEPS:]


def rate_step_chart(title: str, rows: Sequence[TariffRow]) -> Attachment | None:
    """A PNG step chart: each report's rate holds until the next one; None when nothing is dated."""
    pts = _points(rows)
    if not pts:
        return None
    img = Image.new("RGB", (W, H), "white")
    draw = ImageDraw.Draw(img)
    font = _font()
    t0, t1 = pts[0][0], max(pts[-1][0], pts[0][0] + timedelta(days=1))
    t1 = t1 + (t1 - t0) * 0.08
    top = max(10.0, max(p[1] for p in pts) * 1.2)

    def x(t: datetime) -> float:
        return PAD_L + (W - PAD_L - PAD_R) * ((t - t0) / (t1 - t0))

    def y(v: float) -> float:
        return H - PAD_B - (H - PAD_T - PAD_B) * (v / top)

    draw.text((PAD_L, 16), _latin(title[:90]), fill="black", font=font)
    draw.line([(PAD_L, PAD_T), (PAD_L, H - PAD_B), (W - PAD_R, H - PAD_B)], fill="black")
    for frac in (0, 0.25, 0.5, 0.75, 1.0):
        v = top * frac
        draw.line([(PAD_L - 4, y(v)), (W - PAD_R, y(v))], fill=(225, 225, 225))
        draw.text((8, y(v) - 6), f"{v:.0f}%", fill="black", font=font)
    for i, (t, v, status) in enumerate(pts):
        end = pts[i + 1][0] if i + 1 < len(pts) else t1
        colour = STATUS_COLOURS.get(status, (0, 0, 0))
        draw.line([(x(t), y(v)), (x(end), y(v))], fill=colour, width=3)
        if i + 1 < len(pts):
            draw.line([(x(end), y(v)), (x(end), y(pts[i + 1][1]))], fill=colour, width=1)
        draw.ellipse([x(t) - 3, y(v) - 3, x(t) + 3, y(v) + 3], fill=colour)
        if i >= len(pts) - MAX_LABELS:  # label the latest steps; the line itself shows the rest
            draw.text((x(t) + 4, y(v) - 16), _latin(f"{v:g}% {status.replace('_', ' ')}"), fill=colour, font=font)
        if i % max(1, len(pts) // MAX_LABELS) == 0 or i == len(pts) - 1:
            draw.text((x(t) - 20, H - PAD_B + 8 + 14 * (i % 2)), t.strftime("%Y-%m-%d"), fill="black", font=font)
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=1)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "tariff"
    return Attachment(filename=f"{slug}.png", data=buf.getvalue(), content_type="image/png",
                      description=f"Step chart: {title}")
