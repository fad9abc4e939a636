"""Partial dates as the intervals of days they allow.

A date written "2017" means *some* day of 2017. tenure keeps dates as ISO 8601 prefixes
(``"2017"``, ``"2017-06"``, ``"2017-06-01"``) whose length is their precision, and reasons
with the first and last day each prefix allows::

    >>> bounds("2017")
    (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31))
    >>> covers("2014", "2017", False, "2015-06-01")
    'certain'
    >>> covers("2014", "2017", False, "2017-06-01")
    'possible'

Use these helpers wherever a question compares dates; never compare prefixes as strings
against full dates.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Final, Literal

Certainty = Literal["certain", "possible"]

ISO_PREFIX: Final = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
PRECISIONS: Final = {4: "year", 7: "month", 10: "day"}
_MONTH_DAYS: Final = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_prefix(text: str | None) -> bool:
    """True for a valid ISO prefix at year, month or day precision."""
    if not text:
        return False
    try:
        bounds(text)  # which matches ISO_PREFIX first
    except ValueError:
        return False
    return True


def precision(prefix: str) -> str:
    """``"year"``, ``"month"`` or ``"day"``."""
    return PRECISIONS[len(prefix)]


def bounds(prefix: str) -> tuple[date, date]:
    """First and last day a prefix allows. Raises ValueError for a malformed prefix."""
    found = plain_bounds(prefix)
    if found is not None:
        return found
    m = ISO_PREFIX.match(prefix)
    if m is None:
        raise ValueError(f"not an ISO date prefix: {prefix!r}")
    year = int(m.group(1))
    if year < 1:
        raise ValueError(f"year out of range: {prefix!r}")
    if m.group(2) is None:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(m.group(2))
    if m.group(3) is None:
        last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        return date(year, month, 1), date(year, month, last)
    day = date(year, month, int(m.group(3)))
    return day, day


def plain_bounds(prefix: str) -> tuple[date, date] | None:
    """:func:`bounds` of a valid prefix in ASCII digits, as nearly all are, without the
    regular expression (a prefix's days 0.94 -> 0.52 us); None for anything else, which
    :func:`bounds` then reads, or refuses, as it always did."""
    n = len(prefix)
    if not prefix.isascii() or not (n == 4 or n == 7 or n == 10):
        return None
    if not prefix[:4].isdigit():
        return None
    year = int(prefix[:4])
    if year < 1:
        return None
    if n == 4:
        return date(year, 1, 1), date(year, 12, 31)
    if prefix[4] != "-" or not prefix[5:7].isdigit():
        return None
    month = int(prefix[5:7])
    if not 1 <= month <= 12:
        return None
    # calendar.monthrange works out the month's first weekday too
    last = _MONTH_DAYS[month] + (month == 2 and calendar.isleap(year))
    if n == 7:
        return date(year, month, 1), date(year, month, last)
    if prefix[7] != "-" or not prefix[8:].isdigit():
        return None
    day = int(prefix[8:])
    if not 1 <= day <= last:
        return None
    found = date(year, month, day)
    return found, found


def first_day(prefix: str) -> date:
    return bounds(prefix)[0]


def last_day(prefix: str) -> date:
    return bounds(prefix)[1]


def finer(a: str | None, b: str | None) -> str | None:
    """The more precise of two compatible prefixes ("2017" and "2017-10-28" give the latter)."""
    if not a:
        return b
    if not b:
        return a
    return a if len(a) >= len(b) else b


def compatible(a: str | None, b: str | None) -> bool:
    """True when two dates can name the same day: one a prefix of the other, or one unknown."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def covers(
    start: str | None, end: str | None, ongoing: bool, on: str, today: date | None = None
) -> Certainty | None:
    """Whether a tenure from ``start`` to ``end`` covers the day or period ``on``.

    ``on`` is itself a prefix: asking about "2016" asks about every day of 2016, so the answer
    is ``certain`` only when the tenure certainly covers all of them, ``possible`` when it may
    cover some of them, and None when it cannot cover any. An unknown start or end is open on
    that side (possible); ``ongoing`` with no end runs to ``today``.
    """
    q_first, q_last = bounds(on)
    today = today or date.today()
    if start:
        s_first, s_last = bounds(start)
    else:
        s_first, s_last = date.min, date.max
    if end:
        e_first, e_last = bounds(end)
    elif ongoing:
        e_first, e_last = today, date.max
    else:
        e_first, e_last = date.min, date.max
    if s_first > q_last or e_last < q_first:
        return None
    if start and end and s_first > e_last:
        return None
    if start and s_last <= q_first and (end or ongoing) and e_first >= q_last:
        return "certain"
    return "possible"


def overlap(
    a: tuple[str | None, str | None, bool],
    b: tuple[str | None, str | None, bool],
    today: date | None = None,
) -> Certainty | None:
    """Whether two tenures ``(start, end, ongoing)`` overlap: certainly, possibly, or not."""
    today = today or date.today()

    def span(t: tuple[str | None, str | None, bool]) -> tuple[date, date, date, date]:
        start, end, ongoing = t
        s = bounds(start) if start else (date.min, date.max)
        if end:
            e = bounds(end)
        elif ongoing:
            e = (today, date.max)
        else:
            e = (date.min, date.max)
        return s[0], s[1], e[0], e[1]

    a_s0, a_s1, a_e0, a_e1 = span(a)
    b_s0, b_s1, b_e0, b_e1 = span(b)
    if a_s0 > b_e1 or b_s0 > a_e1:
        return None
    known = all(t[0] and (t[1] or t[2]) for t in (a, b))
    if known and max(a_s1, b_s1) < min(a_e0, b_e0):
        return "certain"
    return "possible"


def gap(
    before: tuple[str | None, str | None, bool],
    after: tuple[str | None, str | None, bool],
    today: date | None = None,
) -> Certainty | None:
    """Whether days pass between the end of ``before`` and the start of ``after``.

    ``certain`` when at least one whole day certainly lies between them, None when none can
    (they meet or overlap), ``possible`` otherwise: "2014–2017" then "2017–2023" may leave a
    gap inside 2017, or may not.

        >>> gap(("2014", "2017-06-30", False), ("2017-07-01", None, True))
        >>> gap(("2014", "2016", False), ("2018", None, False))
        'certain'
    """
    today = today or date.today()
    _, end, ongoing = before
    start = after[0]
    if end:
        e_first, e_last = bounds(end)
    elif ongoing:
        e_first, e_last = today, date.max
    else:
        e_first, e_last = date.min, date.max
    s_first, s_last = bounds(start) if start else (date.min, date.max)
    if (s_first - e_last).days > 1:
        return "certain"
    if (s_last - e_first).days <= 1:
        return None
    return "possible"
