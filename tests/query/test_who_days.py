"""``who`` decides certainty from the stored day bounds: the same answers as tenure.time."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tenure import time
from tenure.query.who import covers_days
from tenure.store.holdings import day_bounds

PREFIX = st.one_of(
    st.none(),
    st.sampled_from(["2014", "2015", "2016", "2016-02", "2016-02-29", "2016-06", "2017"]),
    st.sampled_from(["2016-06-01", "2016-12-31", "2017-01-01", "2017-06", "2018-03-04"]),
)
ASKED = st.sampled_from(["2015", "2016", "2016-02", "2016-06-01", "2017", "2017-01-01", "2024"])


@settings(max_examples=500, deadline=None)
@given(PREFIX, PREFIX, st.booleans(), ASKED)
def test_certainty_from_day_bounds_is_certainty_from_dates(
    start: str | None, end: str | None, ongoing: bool, asked: str
) -> None:
    today = date(2017, 3, 1)
    first, last = time.bounds(asked)
    found = covers_days(
        start,
        end,
        ongoing,
        day_bounds(start, end),
        first.toordinal(),
        last.toordinal(),
        today.toordinal(),
    )
    assert found == time.covers(start, end, ongoing, asked, today)
