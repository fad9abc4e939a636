"""Where bars go: the certain part solid, the unknown days of partial dates faded."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tenure.web.render import chart, show_date, show_span
from tenure.web.timeline import Axis, bar

TODAY = date(2026, 6, 30)


def kinds(start: str | None, end: str | None, ongoing: bool, axis: Axis) -> list[str]:
    return [s.kind for s in bar(axis, start, end, ongoing).segments]


def test_years_fade_over_the_whole_year_at_each_end() -> None:
    axis = Axis(2010, 2019, TODAY)
    segments = bar(axis, "2014", "2017", False).segments
    year = 100 * 365 / axis.days
    assert [s.kind for s in segments] == ["fuzzy", "solid", "fuzzy"]
    assert segments[0].x == pytest.approx(axis.x(date(2014, 1, 1)))
    assert segments[0].width == pytest.approx(year, rel=0.01)
    assert segments[1].x == pytest.approx(axis.x(date(2015, 1, 1)), abs=0.01)
    assert segments[1].width == pytest.approx(2 * year, rel=0.01)
    assert segments[2].x + segments[2].width == pytest.approx(axis.x(date(2018, 1, 1)), abs=0.01)


def test_months_fade_over_one_month() -> None:
    axis = Axis(2010, 2019, TODAY)
    first = bar(axis, "2014-03", "2015-04", False).segments[0]
    assert first.kind == "fuzzy"
    assert first.width == pytest.approx(100 * 31 / axis.days, rel=0.01)


def test_days_leave_no_visible_fade() -> None:
    axis = Axis(2010, 2019, TODAY)
    segments = bar(axis, "2014-03-20", "2015-04-02", False).segments
    assert [s.kind for s in segments if s.width > 0.1] == ["solid"]


def test_a_current_tenure_runs_solid_to_today_then_opens() -> None:
    axis = Axis.around([("2023", None, True)], TODAY)
    segments = bar(axis, "2023", None, True).segments
    assert [s.kind for s in segments] == ["fuzzy", "solid", "open"]
    assert segments[1].x + segments[1].width == pytest.approx(
        axis.x(TODAY + timedelta(days=1)), abs=0.01
    )
    assert segments[2].x + segments[2].width == pytest.approx(100)
    assert axis.end > TODAY


def test_unknown_ends_fade_in_or_out() -> None:
    axis = Axis(2000, 2027, TODAY)
    assert kinds(None, "2010", False, axis) == ["fade-in", "fuzzy"]
    assert kinds("2010", None, False, axis) == ["fuzzy", "fade-out"]
    assert kinds(None, None, True, axis) == ["fade-in", "open"]
    assert bar(axis, None, None, False).undated


def test_start_and_end_in_one_year_is_one_faded_span() -> None:
    axis = Axis(2010, 2019, TODAY)
    assert kinds("2017", "2017", False, axis) == ["fuzzy"]
    assert kinds("2017", "2017-05", False, axis) == ["fuzzy"]


def test_axis_covers_every_span_and_ticks_stay_few() -> None:
    axis = Axis.around([("1949-10", "1958", False), ("2023", None, True)], TODAY)
    assert axis.first == 1949 and axis.last >= 2026
    ticks = axis.ticks()
    assert 4 <= len(ticks) <= 10
    assert all(0 <= t.x <= 100 for t in ticks)
    assert ticks[0].label == "1950"


def test_short_axis_still_shows_a_few_years() -> None:
    axis = Axis.around([("2017", "2017", False)], TODAY)
    assert axis.last - axis.first + 1 >= 4


def test_marker_for_a_date_inside_the_axis() -> None:
    axis = Axis(2010, 2019, TODAY)
    assert axis.marker("2016") == pytest.approx(axis.x(date(2016, 7, 1)), abs=0.2)
    assert axis.marker("1999") is None
    assert axis.marker("nonsense") is None


def test_labels_sit_beside_the_bar_where_there_is_room() -> None:
    tenure = {"start": "2014", "end": "2017", "ongoing": False}
    wide = chart(
        "c",
        [tenure],
        TODAY.isoformat(),
        axis_of=[tenure, {"start": "1990", "end": "2026", "ongoing": False}],
    )
    row = wide.rows[0]
    assert (row.label, row.label_anchor, row.label_inside) == ("2014–2017", "start", False)
    assert row.label_x == pytest.approx(row.bar.end_x)
    current = chart("c", [{"start": "2000", "end": None, "ongoing": True}], TODAY.isoformat())
    assert current.rows[0].label_inside


@pytest.mark.parametrize(
    ("prefix", "shown"),
    [("2014", "2014"), ("2014-03", "Mar 2014"), ("2014-03-05", "5 Mar 2014"), (None, "?")],
)
def test_dates_show_at_their_own_precision(prefix: str | None, shown: str) -> None:
    assert show_date(prefix) == shown


def test_spans_read_naturally() -> None:
    assert show_span({"start": "2014", "end": "2017", "ongoing": False}) == "2014–2017"
    assert show_span({"start": "2014-03", "end": "2015-04"}) == "Mar 2014 – Apr 2015"
    assert show_span({"start": "2023", "end": None, "ongoing": True}) == "2023–present"
    assert show_span({"start": None, "end": None, "ongoing": False}) == "?–?"
