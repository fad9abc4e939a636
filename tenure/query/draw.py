"""A lineage as a picture: a left-to-right timeline of its bodies' names (PNG, matplotlib).

    >>> draw_lineage(db.lineage("Office of the National Security Commission"),
    ...              "onsc.png")                                     # doctest: +SKIP

One row per name, grouped by body (the lineage's own bodies first, then the bodies its
offices belong to, in grey). A bar covers the years a name was in force: solid where it
certainly was, pale over the year or month in which it began or ended (a date "2014" is some
day of 2014), fading out where a side is unknown, and running to an arrow when it is still in
force. A hatched band joins two names that were one body ("one organization, two names");
arrows go from a predecessor to its successor (renamed, upgraded, merged...), each with its
date. Drawn with the Agg backend: no display and no network needed.
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass
from datetime import date

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, Rectangle

from tenure import time
from tenure.query.results import Lineage, NameSpan

SOLID = "#2f6f9f"
CONTEXT = "#8a9aa8"
LINK = "#b4432f"
SHARED = "#d9a441"
ROW = 0.62
FADE_STEPS = 14

VERBS = {
    "renamed": "renamed",
    "upgraded": "upgraded",
    "downgraded": "downgraded",
    "merged": "merged into",
    "split": "split off",
    "reorganized": "reorganized",
    "abolished": "replaced by",
    "established": "established from",
    "restored": "restored as",
}


def year_x(day: date) -> float:
    """A day as a fractional year: 1 July 2014 → about 2014.5."""
    start = date(day.year, 1, 1).toordinal()
    length = date(day.year + 1, 1, 1).toordinal() - start
    return day.year + (day.toordinal() - start) / length


@dataclass
class _Row:
    """One name of one body, with every span it was in force."""

    org_id: str
    name: str
    body: int
    context: bool
    spans: list[NameSpan]
    known_from: float | None = None
    """Where a shared name certainly begins, for a name whose own start is unknown."""


def _rows(lineage: Lineage) -> list[_Row]:
    """Rows in reading order: the lineage's bodies, each followed by the bodies it shared
    names with, then the context bodies."""
    order = [b.org.id for b in lineage.bodies]
    partners: dict[str, list[str]] = {}
    for x in lineage.shared:
        partners.setdefault(x.a.id, []).append(x.b.id)
        partners.setdefault(x.b.id, []).append(x.a.id)
    placed: list[str] = []
    for body in order:
        if body in placed:
            continue
        placed.append(body)
        for other in partners.get(body, []):
            if other not in placed and other in order:
                placed.append(other)
    bodies = {b.org.id: b for b in lineage.bodies}
    placed.sort(key=lambda b: bodies[b].context)
    rows: list[_Row] = []
    for number, body_id in enumerate(placed):
        lineage_body = bodies[body_id]
        by_name: dict[str, _Row] = {}
        for n in lineage_body.names:
            row = by_name.get(n.name)
            if row is None:
                row = by_name[n.name] = _Row(body_id, n.name, number, lineage_body.context, [])
                rows.append(row)
            row.spans.append(n)
    for x in lineage.shared:
        start = _x(x.start, first=True)
        if start is None:
            continue
        for org_id, name in ((x.a.id, x.a_name), (x.b.id, x.b_name)):
            for row in rows:
                if row.org_id == org_id and row.name == name:
                    row.known_from = min(row.known_from or start, start)
    return rows


def _extent(lineage: Lineage, today: date) -> tuple[float, float]:
    days: list[date] = []
    spans: list[tuple[str | None, str | None]] = [
        (n.start, n.end) for b in lineage.bodies for n in b.names
    ]
    spans += [(x.start, x.end) for x in lineage.shared]
    spans += [(x.date, x.date) for x in lineage.links]
    for start, end in spans:
        for prefix in (start, end):
            if prefix and time.is_prefix(prefix):
                days.extend(time.bounds(prefix))
    if any(n.ongoing for b in lineage.bodies for n in b.names):
        days.append(today)
    if not days:
        return today.year - 10, today.year + 1
    lo, hi = year_x(min(days)), year_x(max(days)) + 1
    pad = max(2.0, (hi - lo) * 0.08)
    return lo - pad, hi + pad


def draw_lineage(lineage: Lineage, path: str | os.PathLike[str], today: date | None = None) -> None:
    """Write the picture of ``lineage`` to ``path`` as a PNG."""
    today = today or date.today()
    rows = _rows(lineage)
    lo, hi = _extent(lineage, today)
    fade = max(1.5, (hi - lo) / 18)
    height = 2.0 + ROW * max(len(rows), 1)
    fig, ax = plt.subplots(figsize=(13, height), dpi=110)
    fig.subplots_adjust(left=0.3, right=0.97, top=1 - 0.7 / height, bottom=1.1 / height)
    ax.set_xlim(lo, hi)
    ax.set_ylim(max(len(rows), 1) - 0.4, -0.6)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#e4e4e4", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_title(f"Lineage of {lineage.organization.name}", loc="left", fontsize=12)

    where: dict[tuple[str, str], int] = {}
    for i, row in enumerate(rows):
        where[(row.org_id, row.name)] = i
        if row.body % 2 == 1:
            ax.axhspan(i - 0.5, i + 0.5, color="#f3f3f3", zorder=0, linewidth=0)
        color = CONTEXT if row.context else SOLID
        for span in row.spans:
            _bar(ax, i, span, color, (lo, hi, fade), today, row.known_from)
        ax.text(
            lo - (hi - lo) * 0.01,
            i,
            textwrap.shorten(row.name, 60, placeholder="…"),
            ha="right",
            va="center",
            fontsize=9,
            color="#666666" if row.context else "#111111",
            clip_on=False,
        )

    def row_of(org_id: str, name: str) -> int | None:
        found = where.get((org_id, name))
        if found is not None:
            return found
        return next((i for (o, _n), i in where.items() if o == org_id), None)

    for pair in lineage.shared:
        a, b = row_of(pair.a.id, pair.a_name), row_of(pair.b.id, pair.b_name)
        if a is None or b is None:
            continue
        x1 = _x(pair.end, first=False) if pair.end else (year_x(today) if pair.ongoing else None)
        x0 = _x(pair.start, first=True)
        x0 = x0 if x0 is not None else (x1 - fade if x1 is not None else lo)
        x1 = x1 if x1 is not None else x0 + fade
        top, bottom = min(a, b) - 0.32, max(a, b) + 0.32
        ax.add_patch(
            Rectangle(
                (x0, top),
                x1 - x0,
                bottom - top,
                facecolor=SHARED,
                alpha=0.16,
                edgecolor=SHARED,
                hatch="//",
                linewidth=1.0,
                zorder=1,
            )
        )
        until = _show(pair.end) if pair.end else "present"
        note = f"one body, two names {_show(pair.start)} – {until}"
        if pair.inferred:
            note += "\n(dated by the bodies these are offices of)"
        ax.text(
            x0 - (hi - lo) * 0.006,
            (a + b) / 2,
            note,
            ha="right",
            va="center",
            fontsize=7.5,
            color="#7a5a12",
            zorder=5,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"},
        )

    for link in lineage.links:
        a = row_of(link.source.id, link.source_name)
        b = row_of(link.target.id, link.target_name)
        x = _mid(link.date)
        if a is None or b is None or a == b or x is None:
            continue
        color = CONTEXT if link.context else LINK
        ax.add_patch(
            FancyArrowPatch(
                (x, a),
                (x, b),
                arrowstyle="-|>",
                mutation_scale=12,
                color=color,
                linewidth=1.4,
                shrinkA=4,
                shrinkB=6,
                zorder=6,
            )
        )
        ax.text(
            x + (hi - lo) * 0.008,
            a + (b - a) * 0.5,
            f"{VERBS.get(link.type, link.type)} {_show(link.date)}",
            fontsize=7.5,
            color=color,
            va="center",
            zorder=7,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
        )

    if not rows:
        ax.text(0.5, 0.5, "No events recorded.", ha="center", transform=ax.transAxes)
    fig.text(
        0.02,
        0.3 / height,
        "solid: in force · pale: began or ended some day of that year or month · fading: "
        "that side's date is unknown · ▶ still in force\nhatched: one body, two names · "
        "arrows: predecessor → successor · grey bars: the bodies these are offices of",
        fontsize=7.5,
        color="#555555",
    )
    fig.savefig(os.fspath(path), format="png")
    plt.close(fig)


def _show(prefix: str | None) -> str:
    return prefix or "?"


def _x(prefix: str | None, *, first: bool) -> float | None:
    """Where a date prefix begins (``first``) or ends on the axis; None when unknown."""
    if not prefix or not time.is_prefix(prefix):
        return None
    lo, hi = time.bounds(prefix)
    return year_x(lo) if first else year_x(hi) + 1 / 365


def _mid(prefix: str | None) -> float | None:
    if not prefix or not time.is_prefix(prefix):
        return None
    lo, hi = time.bounds(prefix)
    return (year_x(lo) + year_x(hi) + 1 / 365) / 2


def _bar(
    ax: Axes,
    y: int,
    name: NameSpan,
    color: str,
    axis: tuple[float, float, float],
    today: date,
    known_from: float | None,
) -> None:
    """One span's bar: solid, pale over partial dates, fading where a side is unknown."""
    lo, hi, fade = axis
    h = 0.36
    s = time.bounds(name.start) if name.start and time.is_prefix(name.start) else None
    e = time.bounds(name.end) if name.end and time.is_prefix(name.end) else None

    def rect(x0: float, x1: float, alpha: float) -> None:
        if x1 > x0:
            ax.add_patch(
                Rectangle(
                    (x0, y - h / 2),
                    x1 - x0,
                    h,
                    facecolor=color,
                    alpha=alpha,
                    linewidth=0,
                    zorder=3,
                )
            )

    def ramp(x0: float, x1: float, rising: bool) -> None:
        step = (x1 - x0) / FADE_STEPS
        for k in range(FADE_STEPS):
            level = (k + 0.5) / FADE_STEPS
            rect(x0 + k * step, x0 + (k + 1) * step, 0.85 * (level if rising else 1 - level))

    if s is None and e is None:
        if name.ongoing:
            ramp(year_x(today) - fade, year_x(today), True)
        else:
            ax.text((lo + hi) / 2, y, "dates unknown", ha="center", va="center", fontsize=7.5)
        return
    if s is not None:
        rect(year_x(s[0]), year_x(s[1]) + 1 / 365, 0.35)
        solid_from = year_x(s[1]) + 1 / 365
    else:
        assert e is not None
        solid_from = year_x(e[0])
        if known_from is not None and known_from < solid_from:
            solid_from = known_from
        ramp(solid_from - fade, solid_from, True)
    if e is not None:
        if s is not None and s[1] >= e[0]:
            rect(year_x(s[0]), year_x(e[1]) + 1 / 365, 0.35)
            return
        rect(solid_from, year_x(e[0]), 0.9)
        rect(year_x(e[0]), year_x(e[1]) + 1 / 365, 0.35)
    elif name.ongoing:
        end = year_x(today)
        rect(solid_from, end, 0.9)
        ax.annotate(
            "▶", (end, y), fontsize=8, color=color, va="center", ha="left", annotation_clip=False
        )
    else:
        ramp(solid_from, solid_from + fade, False)
