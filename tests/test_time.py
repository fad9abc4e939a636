"""Partial dates' days: the shortcut for plain ASCII prefixes reads what the pattern reads."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tenure import time


def _by_pattern(prefix: str) -> tuple[date, date] | str:
    """:func:`time.bounds` as it read every prefix before the shortcut, or "refused"."""
    m = time.ISO_PREFIX.match(prefix)
    try:
        if m is None or int(m.group(1)) < 1:
            return "refused"
        year = int(m.group(1))
        if m.group(2) is None:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(m.group(2))
        if m.group(3) is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        day = date(year, month, int(m.group(3)))
        return day, day
    except ValueError:
        return "refused"


def _read(prefix: str) -> tuple[date, date] | str:
    try:
        return time.bounds(prefix)
    except ValueError:
        return "refused"


DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=4)
PREFIXES = st.one_of(
    st.builds(lambda y, m, d: f"{y}-{m}-{d}", DIGITS, DIGITS, DIGITS),
    st.builds(lambda y, m: f"{y}-{m}", DIGITS, DIGITS),
    DIGITS,
    st.text(alphabet="0123456789-+ \n٣a", max_size=11),
)


@settings(max_examples=3000, deadline=None)
@given(PREFIXES)
@example("2016-02-29")
@example("1900-02-29")
@example("2000-02-29")
@example("2017-02-29")
@example("2017-04-31")
@example("0000")
@example("2017\n")
@example("٢٠١٧")
def test_bounds_read_every_prefix_as_the_pattern_reads_it(prefix: str) -> None:
    assert _read(prefix) == _by_pattern(prefix)


@pytest.mark.parametrize(
    ("prefix", "days"),
    [
        ("2016", (date(2016, 1, 1), date(2016, 12, 31))),
        ("2016-02", (date(2016, 2, 1), date(2016, 2, 29))),
        ("2017-02", (date(2017, 2, 1), date(2017, 2, 28))),
        ("2017-06-01", (date(2017, 6, 1), date(2017, 6, 1))),
    ],
)
def test_plain_prefixes_take_the_shortcut(prefix: str, days: tuple[date, date]) -> None:
    assert time.plain_bounds(prefix) == days == time.bounds(prefix)


@pytest.mark.parametrize("prefix", ["2017-13", "2017-02-29", "0000", "2017-6-1", "٢٠١٧", "2017\n"])
def test_anything_else_is_left_to_the_pattern(prefix: str) -> None:
    assert time.plain_bounds(prefix) is None
