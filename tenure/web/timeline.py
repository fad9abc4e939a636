"""Where a tenure's bar goes on a time axis, with the uncertain part of each date apart.

    >>> axis = Axis.around([("2014", "2017", False)])
    >>> axis.first, axis.last
    (2014, 2017)
    >>> [(s.kind, round(s.x), round(s.width)) for s in bar(axis, "2014", "2017", False).segments]
    [('fuzzy', 0, 25), ('solid', 25, 50), ('fuzzy', 75, 25)]

A date "2014" means some day of 2014 (see :mod:`tenure.time`), so a tenure 2014–2017 is
certainly held from the end of 2014 to the start of 2017 (the ``solid`` segment) and perhaps
during 2014 and 2017 (``fuzzy``). An unknown start fades in (``fade-in``), an unknown end fades
out (``fade-out``), a current tenure runs solid to today and opens to the right (``open``).
Positions are percentages of the axis width, so the SVG scales to any screen without
stretching its text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from tenure import time

SegmentKind = Literal["solid", "fuzzy", "fade-in", "fade-out", "open"]
Span = tuple[str | None, str | None, bool]

STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500)
MAX_TICKS = 10
MIN_YEARS = 4


@dataclass(frozen=True)
class Segment:
    """A piece of a bar: ``x`` and ``width`` in percent of the axis."""

    kind: SegmentKind
    x: float
    width: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    minor: bool


@dataclass
class Bar:
    segments: list[Segment] = field(default_factory=list)
    undated: bool = False

    @property
    def end_x(self) -> float:
        return max((s.x + s.width for s in self.segments), default=0.0)


@dataclass(frozen=True)
class Axis:
    """The years a chart shows, from 1 January of ``first`` to 31 December of ``last``."""

    first: int
    last: int
    today: date

    @property
    def start(self) -> date:
        return date(self.first, 1, 1)

    @property
    def end(self) -> date:
        return date(self.last, 12, 31)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def fade(self) -> timedelta:
        """How far an unknown start or end fades: a year, or a twentieth of a long axis."""
        return timedelta(days=max(365, self.days // 20))

    def x(self, day: date) -> float:
        """``day``'s position in percent, clamped to the axis."""
        offset = (min(max(day, self.start), self.end + timedelta(days=1)) - self.start).days
        return round(100 * offset / self.days, 3)

    def ticks(self) -> list[Tick]:
        years = self.last - self.first + 1
        step = next((s for s in STEPS if years / s <= MAX_TICKS), STEPS[-1])
        first = -(-self.first // step) * step
        found = []
        for i, year in enumerate(range(first, self.last + 1, step)):
            found.append(Tick(self.x(date(year, 1, 1)), str(year), minor=i % 2 == 1))
        return found

    def marker(self, on: str | None) -> float | None:
        """Where the line for the date ``on`` (a prefix) goes, when it falls on the axis."""
        if not on or not time.is_prefix(on):
            return None
        first, last = time.bounds(on)
        if last < self.start or first > self.end:
            return None
        return self.x(first + (last - first) / 2)

    @classmethod
    def around(
        cls, spans: Iterable[Span], today: date | None = None, on: str | None = None
    ) -> Axis:
        """The axis that shows every span (``(start, end, ongoing)``) whole."""
        today = today or date.today()
        spans = list(spans)
        days: list[date] = []
        for start, end, ongoing in spans:
            for prefix in (start, end):
                if prefix and time.is_prefix(prefix):
                    days.extend(time.bounds(prefix))
            if ongoing and not end:
                days.append(today)
        if on and time.is_prefix(on):
            days.extend(time.bounds(on))
        if not days:
            return cls(today.year - MIN_YEARS + 1, today.year, today)
        lo, hi = min(days), max(days)
        fade = timedelta(days=max(365, ((hi - lo).days + 1) // 20))
        for start, end, ongoing in spans:
            if end and not (start and time.is_prefix(start)) and time.is_prefix(end):
                lo = min(lo, time.bounds(end)[0] - fade)
            if start and not end and time.is_prefix(start):
                hi = max(hi, time.bounds(start)[1] + fade)
            if ongoing and not end:
                hi = max(hi, today + timedelta(days=max(183, ((hi - lo).days + 1) // 25)))
        first, last = lo.year, hi.year
        if last - first + 1 < MIN_YEARS:
            extra = MIN_YEARS - (last - first + 1)
            first -= extra // 2
            last += extra - extra // 2
        return cls(max(first, 1), min(last, 9999), today)


def _day_bounds(prefix: str | None) -> tuple[date, date] | None:
    return time.bounds(prefix) if prefix and time.is_prefix(prefix) else None


def bar(axis: Axis, start: str | None, end: str | None, ongoing: bool) -> Bar:
    """The segments of one tenure's bar on ``axis``."""
    s = _day_bounds(start)
    e = _day_bounds(end)
    out = Bar()

    def add(kind: SegmentKind, first: date, last: date) -> None:
        x0, x1 = axis.x(first), axis.x(last + timedelta(days=1))
        if x1 > x0:
            out.segments.append(Segment(kind, x0, round(x1 - x0, 3)))

    if s is None and e is None:
        if ongoing:
            add("fade-in", max(axis.start, axis.today - axis.fade), axis.today)
            add("open", axis.today, axis.end)
        else:
            out.undated = True
        return out
    if s is not None and e is not None and s[0] > e[1]:
        add("fuzzy", min(s[0], e[0]), max(s[1], e[1]))
        return out
    if s is not None:
        add("fuzzy", s[0], s[1])
    else:
        assert e is not None
        add("fade-in", e[0] - axis.fade, e[0] - timedelta(days=1))
    if e is not None:
        if s is not None and s[1] >= e[0]:
            out.segments = []
            add("fuzzy", s[0], e[1])
            return out
        solid_from = s[1] + timedelta(days=1) if s is not None else e[0]
        add("solid", solid_from, e[0] - timedelta(days=1))
        add("fuzzy", e[0], e[1])
    else:
        assert s is not None
        if ongoing:
            add("solid", s[1] + timedelta(days=1), axis.today)
            add("open", axis.today + timedelta(days=1), axis.end)
        else:
            add("fade-out", s[1] + timedelta(days=1), s[1] + axis.fade)
    return out
