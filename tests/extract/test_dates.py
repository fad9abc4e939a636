"""Tests for tenure.extract.dates: every written form, the non-dates, and properties."""

from __future__ import annotations

import calendar
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tenure.extract.dates import (
    DateMatch,
    DateRange,
    find_dates,
    parse_date,
    parse_range,
    split_acting,
)
from tenure.sources import read_path
from tenure.time import first_day, is_prefix, last_day

R = DateRange
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"

RANGES: list[tuple[str, DateRange]] = [
    ("2014–2017", R("2014", "2017")),
    ("2014-2017", R("2014", "2017")),
    ("2014—2017", R("2014", "2017")),
    ("2014−2017", R("2014", "2017")),
    ("2014 – 2017", R("2014", "2017")),
    ("2014 to 2017", R("2014", "2017")),
    ("2014 until 2017", R("2014", "2017")),
    ("2014 till 2017", R("2014", "2017")),
    ("2014 through 2017", R("2014", "2017")),
    ("from 2010 to 2014", R("2010", "2014")),
    ("From 1953 to August 1955", R("1953", "1955-08")),
    ("between 1952 and 1953", R("1952", "1953")),
    ("between May and July 2022", R("2022-05", "2022-07")),
    ("2014–2014", R("2014", "2014")),
    ("2023-", R("2023", None, ongoing=True)),
    ("2023–", R("2023", None, ongoing=True)),
    ("(2023–)", R("2023", None, ongoing=True)),
    ("2023–present", R("2023", None, ongoing=True)),
    ("2023 – present", R("2023", None, ongoing=True)),
    ("1981–Present", R("1981", None, ongoing=True)),
    ("2023–incumbent", R("2023", None, ongoing=True)),
    ("2023–to date", R("2023", None, ongoing=True)),
    ("2023 to date", R("2023", None, ongoing=True)),
    ("2023 till date", R("2023", None, ongoing=True)),
    ("March 2014 – present", R("2014-03", None, ongoing=True)),
    ("since 2019", R("2019", None, ongoing=True)),
    ("Since 1981", R("1981", None, ongoing=True)),
    ("since December 2023", R("2023-12", None, ongoing=True)),
    ("from 2019", R("2019", None)),
    ("until 1999", R(None, "1999")),
    ("till March 2001", R(None, "2001-03")),
    ("March 2014 – April 2015", R("2014-03", "2015-04")),
    ("May 2018– July 2022", R("2018-05", "2022-07")),
    ("April 2015 - October 2016", R("2015-04", "2016-10")),
    ("from April 1988 to March 1998", R("1988-04", "1998-03")),
    ("January – June 2012", R("2012-01", "2012-06")),
    ("May–July 2022", R("2022-05", "2022-07")),
    ("1–5 May 2014", R("2014-05-01", "2014-05-05")),
    ("May 1–5, 2014", R("2014-05-01", "2014-05-05")),
    ("5 May – 17 October 2014", R("2014-05-05", "2014-10-17")),
    ("May 5 – October 17, 2014", R("2014-05-05", "2014-10-17")),
    ("5 January 1928 – 9 May 2017", R("1928-01-05", "2017-05-09")),
    ("2013-12-04 – 2014-01-31", R("2013-12-04", "2014-01-31")),
    ("2011–12", R("2011", "2012")),
    ("(2026–27)", R("2026", "2027")),
    ("(1935–51)", R("1935", "1951")),
    ("1946–48", R("1946", "1948")),
    ("1946-48", R("1946", "1948")),
    ("2019-20", R("2019", "2020")),
    ("1999–00", R("1999", "2000")),
    ("1999–2001", R("1999", "2001")),
    ("1946 – October 1948", R("1946", "1948-10")),
    ("May 1952 – January 1961", R("1952-05", "1961-01")),
    ("c. 1950", R("1950", None, approximate=True, single=True)),
    ("c.1950", R("1950", None, approximate=True, single=True)),
    ("circa 1950", R("1950", None, approximate=True, single=True)),
    ("around 1950", R("1950", None, approximate=True, single=True)),
    ("about 1950", R("1950", None, approximate=True, single=True)),
    ("early 2025", R("2025", None, approximate=True, single=True)),
    ("In early 2025", R("2025", None, approximate=True, single=True)),
    ("mid-2019", R("2019", None, approximate=True, single=True)),
    ("late March 2014", R("2014-03", None, approximate=True, single=True)),
    ("c. 1950 – 1960", R("1950", "1960", approximate=True)),
    ("1950 – c. 1960", R("1950", "1960", approximate=True)),
    ("(Acting until January 20, 2017)", R(None, "2017-01-20", acting=True)),
    ("Acting: 5 May 2014 – 17 October 2014", R("2014-05-05", "2014-10-17", acting=True)),
    ("2014 (acting)", R("2014", None, acting=True, single=True)),
    ("2014.", R("2014", None, single=True)),
    ("  (1 November 1949),  ", R("1949-11-01", None, single=True)),
    ("in 2014", R("2014", None, single=True)),
    ("on 4 December 2013", R("2013-12-04", None, single=True)),
    ("during 1952", R("1952", None, single=True)),
    ("2014–20", R("2014", "2020")),
    ("2014–2", R("2014", None)),
    ("2014–201", R("2014", None)),
    ("2014 – Apr", R("2014", None)),
    ("March 2014 – April 20", R("2014-03", None)),
    ("1995–20", R("1995", None)),
    ("between 1952 and 19", R("1952", None)),
    ("1999–19", R("1999", None)),
    ("20 March 2014 – 15", R("2014-03-20", None)),
    ("20 March 2014 – 15 Ap", R("2014-03-20", None)),
    ("5 May 2014 – 17 October 20", R("2014-05-05", None)),
    ("March 2014 – April 20, 2", R("2014-03", None)),
    ("2014 – pres", R("2014", None)),
    ("2014 – May", R("2014", None)),
    ("2014 – Sept.", R("2014", None)),  # a cut-off abbreviation keeps its full stop
    ("1000–M.", R("1000", None)),
    ("2014 – Apr ", R("2014", None)),
    ("(2014–20)", R("2014", "2020")),
    ("1000-10 January 1000", R("1000", "1000-01-10")),
]

DATES: list[tuple[str, str]] = [
    ("2014", "2014"),
    ("1000", "1000"),
    ("2199", "2199"),
    ("March 2014", "2014-03"),
    ("March 20, 2023", "2023-03-20"),
    ("March 20 2023", "2023-03-20"),
    ("20 March 2023", "2023-03-20"),
    ("20 March, 2023", "2023-03-20"),
    ("20 Mar 2023", "2023-03-20"),
    ("20 Mar. 2023", "2023-03-20"),
    ("Sept. 2000", "2000-09"),
    ("Sep 2000", "2000-09"),
    ("Jun. 2000", "2000-06"),
    ("2013-12-04", "2013-12-04"),
    ("2013-12", "2013-12"),
    ("2011-12", "2011-12"),
    ("1917-10-10", "1917-10-10"),
    ("In September 2000", "2000-09"),
    ("in September 2000,", "2000-09"),
    ("on 4 December 2013", "2013-12-04"),
    ("On November 1, 1949", "1949-11-01"),
    ("c. 1950", "1950"),
    ("circa 1950", "1950"),
    ("early 2025", "2025"),
    ("late 1989", "1989"),
    ("November 1, 1949", "1949-11-01"),
    ("1 November 1949", "1949-11-01"),
    ("1st November 1949", "1949-11-01"),
    ("22nd November 1949", "1949-11-22"),
    ("3rd of March 1950", "1950-03-03"),
    ("November 2013", "2013-11"),
    ("29 February 2020", "2020-02-29"),
    ("(2022)", "2022"),
    ("8 May 2015", "2015-05-08"),
]

NOT_DATES: list[str] = [
    "",
    "   ",
    "the 1990s",
    "1990s",
    "the 1990's",
    "10,220",
    "170–175",
    "2-3-1 Nagata-chō",
    "No. 17/QD-TW",
    "18th Central Committee",
    "150px",
    "the 4th Party National Congress",
    "999",
    "0999",
    "12",
    "2200",
    "20140",
    "2014.5",
    "31 February 2020",
    "29 February 2019",
    "31 April 2020",
    "32 March 2020",
    "0 March 2020",
    "2013-13",
    "2013-13-01",
    "2013-12-45",
    "2013-02-30",
    "2017–2014",
    "March 2015 – January 2015",
    "2014–13",
    "(2014–2)",
    "(2014 – Apr)",
    "2014 – Apr.,",
    "1000–0.",  # a full stop after a cut-off year says the text went on
    "(2014 – Sept.)",
    "(1999–19)",
    "2014 – Director",
    "March 2014–15 x",
    "2019–19",
    "March",
    "March 20",
    "5 May",
    "present",
    "since",
    "Acting:",
    "8 May 2015, Acting: 5 May 2014 – 17 October 2014",
    "1952 and 1953",
    "2014 2017",
    "Marchx 2014",
    "Mayor 2014 x",
]


@pytest.mark.parametrize(("text", "expected"), RANGES)
def test_parse_range(text: str, expected: DateRange) -> None:
    assert parse_range(text) == expected


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_parse_date(text: str, expected: str) -> None:
    assert parse_date(text) == expected
    found = parse_range(text)
    assert found is not None and found.single and found.start == expected and found.end is None


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text: str) -> None:
    assert parse_date(text) is None
    assert parse_range(text) is None


@pytest.mark.parametrize(
    "text", ["10,220", "170–175", "2-3-1 Nagata-chō", "No. 17/QD-TW", "150px", "the 1990s"]
)
def test_not_a_date_in_text(text: str) -> None:
    assert find_dates(f"Employees: {text} (see {text}).") == []


@pytest.mark.parametrize(
    "text", ["since 2019", "2023–present", "until 1999", "2014–2017", "from 2019", ""]
)
def test_parse_date_wants_one_date(text: str) -> None:
    assert parse_date(text) is None


def spans(text: str) -> list[tuple[int, int, str, DateRange]]:
    return [(m.begin, m.finish, m.text, m.range) for m in find_dates(text)]


FOUND: list[tuple[str, list[tuple[int, int, str, DateRange]]]] = [
    (
        "Li Zhanshu (2014–2017, Secretary of the Secretariat ...)",
        [(12, 21, "2014–2017", R("2014", "2017"))],
    ),
    (
        "Cai Qi (March 2014 – April 2015, deputy director; April 2015 - October 2016, deputy "
        "director in charge of executive work (ministerial level))",
        [
            (8, 31, "March 2014 – April 2015", R("2014-03", "2015-04")),
            (50, 75, "April 2015 - October 2016", R("2015-04", "2016-10")),
        ],
    ),
    (
        "Chen Wenqing (May 2018– July 2022, Executive Deputy Director, Minister of State Security)",
        [(14, 33, "May 2018– July 2022", R("2018-05", "2022-07"))],
    ),
    (
        "Cai Qi (2023-, member of the Standing Committee)",
        [(8, 13, "2023-", R("2023", None, ongoing=True))],
    ),
    (
        "In September 2000, the CCP Central Committee decided ...",
        [(3, 17, "September 2000", R("2000-09", None, single=True))],
    ),
    (
        "From 1953 to August 1955, Pham Van Dong was appointed in charge",
        [(0, 24, "From 1953 to August 1955", R("1953", "1955-08"))],
    ),
    (
        "On November 1, 1949, at a meeting",
        [(3, 19, "November 1, 1949", R("1949-11-01", None, single=True))],
    ),
    (
        "In 1997, he became the mayor of Sanming, serving there until 1999.",
        [
            (3, 7, "1997", R("1997", None, single=True)),
            (55, 65, "until 1999", R(None, "1999")),
        ],
    ),
    (
        "Since 1981 (except for a period 2011–2014), the position of cabinet secretary",
        [
            (0, 10, "Since 1981", R("1981", None, ongoing=True)),
            (32, 41, "2011–2014", R("2011", "2014")),
        ],
    ),
    (
        "from its creation in 1919 until the party's dissolution in 1991.",
        [
            (21, 25, "1919", R("1919", None, single=True)),
            (59, 63, "1991", R("1991", None, single=True)),
        ],
    ),
    (
        "Term End3: 8 May 2015, Acting: 5 May 2014 – 17 October 2014",
        [
            (11, 21, "8 May 2015", R("2015-05-08", None, single=True)),
            (
                23,
                59,
                "Acting: 5 May 2014 – 17 October 2014",
                R("2014-05-05", "2014-10-17", acting=True),
            ),
        ],
    ),
    (
        "| 1 | Võ Nguyên Giáp (1911–2013) | 1946 | October 1948 | 3 | 1st Central Committee "
        "(1935–51) |",
        [
            (22, 31, "1911–2013", R("1911", "2013")),
            (35, 39, "1946", R("1946", None, single=True)),
            (42, 54, "October 1948", R("1948-10", None, single=True)),
            (84, 91, "1935–51", R("1935", "1951")),
        ],
    ),
    (
        "Employees: 10,220 (As of December 2021)",
        [(25, 38, "December 2021", R("2021-12", None, single=True))],
    ),
    (
        "The body was renamed the Presidium between 1952 and 19",
        [(35, 54, "between 1952 and 19", R("1952", None))],
    ),
    (
        "Formed: 2013-12-04, first met 2014–2017–x in the 1990s and 2017–2014.",
        [
            (8, 18, "2013-12-04", R("2013-12-04", None, single=True)),
            (30, 39, "2014–2017", R("2014", "2017")),
        ],
    ),
    (
        "- Formation: 1916\n- 1917 reorganised",
        [
            (13, 17, "1916", R("1916", None, single=True)),
            (20, 24, "1917", R("1917", None, single=True)),
        ],
    ),
    ("2014–13 and 2014–20", [(12, 19, "2014–20", R("2014", "2020"))]),
    (
        "Served 20 March 2014 – 15 April here and 2014–2",
        [
            (7, 20, "20 March 2014", R("2014-03-20", None, single=True)),
            (41, 47, "2014–2", R("2014", None)),
        ],
    ),
    (
        "===Central Military–Party Committee (1985–",
        [(37, 42, "1985–", R("1985", None, ongoing=True))],
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_find_dates_in_corpus_text(
    text: str, expected: list[tuple[int, int, str, DateRange]]
) -> None:
    assert spans(text) == expected


def test_find_dates_returns_matches() -> None:
    (only,) = find_dates("served 2014–2017.")
    assert only == DateMatch(R("2014", "2017"), 7, 16, "2014–2017")


SPLITS: list[tuple[str, str, list[DateRange]]] = [
    (
        "8 May 2015, Acting: 5 May 2014 – 17 October 2014",
        "8 May 2015",
        [R("2014-05-05", "2014-10-17", acting=True)],
    ),
    ("(Acting until January 20, 2017)", "", [R(None, "2017-01-20", acting=True)]),
    (
        "January 20, 2017 (Acting until January 20, 2017)",
        "January 20, 2017",
        [R(None, "2017-01-20", acting=True)],
    ),
    ("8 May 2015", "8 May 2015", []),
    ("", "", []),
    ("Acting", "Acting", []),
    (
        "2010 (acting) ; 2012–2014",
        "2012–2014",
        [R("2010", None, acting=True, single=True)],
    ),
]


@pytest.mark.parametrize(("text", "rest", "acting"), SPLITS)
def test_split_acting(text: str, rest: str, acting: list[DateRange]) -> None:
    assert split_acting(text) == (rest, acting)


def test_no_regex_compiled_per_call(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("regex built at call time")

    for name in ("compile", "match", "search", "fullmatch", "sub", "finditer", "findall"):
        monkeypatch.setattr(re, name, refuse)
    text = "8 May 2015, Acting: 5 May 2014 – 17 October 2014; since 2019"
    assert find_dates(text) and split_acting(text)[1]
    assert parse_range("2014–2017") and parse_date("March 2014")


# Properties

MONTHS = (
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
)
FRAGMENTS = [
    *("2014", "1999", "2023", "1000", "2199", "2200", "0999", "1990s", "2013-12-04", "2013-12"),
    *("48", "12", "20", "5", "31", "1st", "22nd", "10,220", "170", "0", "7"),
    *("March", "Sept.", "May", "Mar", "June", "jan", "Mayor"),
    *("–", "-", "—", "−", "--", " ", "  ", ", ", ".", ";", "(", ")", "/", "\n", "'s"),
    *("to", "until", "till", "through", "since", "between", "and", "from", "in", "on"),
    *("present", "incumbent", "to date", "now", "c.", "circa", "early", "mid-", "about"),
    *("Acting:", "Acting", "(acting)", "the", "px", "No.", "of", "st"),
]
grammar_text = st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join)
any_text = st.one_of(st.text(max_size=60), grammar_text)


def ranges_of(text: str) -> list[DateRange]:
    read = [parse_range(text), *(m.range for m in find_dates(text))]
    read += split_acting(text)[1]
    return [r for r in read if r is not None]


@settings(max_examples=400, deadline=None)
@given(any_text)
def test_nothing_crashes_and_ranges_are_sane(text: str) -> None:
    date = parse_date(text)
    assert date is None or is_prefix(date)
    rest, acting = split_acting(text)
    assert isinstance(rest, str) and all(r.acting for r in acting)
    for found in ranges_of(text):
        for prefix in (found.start, found.end):
            assert prefix is None or is_prefix(prefix)
        assert found.start or found.end
        if found.start and found.end:
            assert first_day(found.start) <= last_day(found.end)
        if found.single:
            assert found.start and found.end is None and not found.ongoing
        if found.ongoing:
            assert found.start and found.end is None


@settings(max_examples=300, deadline=None)
@given(any_text)
@example("1000–M.")  # a cut-off month with its full stop: parse_range once refused it
@example("1000–0.")
def test_find_dates_spans(text: str) -> None:
    last = 0
    for m in find_dates(text):
        assert 0 <= last <= m.begin < m.finish <= len(text)
        assert text[m.begin : m.finish] == m.text
        assert parse_range(m.text) == m.range
        last = m.finish


@st.composite
def written_dates(draw: st.DrawFn) -> tuple[str, str]:
    """A date at a random precision, rendered in a random style, and its ISO prefix."""
    year = draw(st.integers(1000, 2199))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return str(year), f"{year:04d}"
    month = draw(st.integers(1, 12))
    name = MONTHS[month - 1]
    short = draw(st.sampled_from([name, name[:3], name[:3] + ".", *(["Sept."] * (month == 9))]))
    if precision == "month":
        style = draw(st.sampled_from(["{m} {y}", "{y}-{mm:02d}"]))
        return style.format(m=short, y=year, mm=month), f"{year:04d}-{month:02d}"
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(day, "th")
    style = draw(
        st.sampled_from(
            [
                "{m} {d}, {y}",
                "{m} {d} {y}",
                "{d} {m} {y}",
                "{d}{o} {m} {y}",
                "{d}{o} of {m} {y}",
                "{y}-{mm:02d}-{d:02d}",
            ]
        )
    )
    text = style.format(m=short, d=day, o=suffix, y=year, mm=month)
    return text, f"{year:04d}-{month:02d}-{day:02d}"


@settings(max_examples=300, deadline=None)
@given(written_dates(), st.sampled_from(["{}", "In {}", "on {}", "({})", "{}."]))
def test_precision_is_as_written(written: tuple[str, str], frame: str) -> None:
    text, prefix = written
    assert parse_date(frame.format(text)) == prefix
    (found,) = find_dates(f"He took office {text} and left.")
    assert found.text == text and found.range == R(prefix, None, single=True)


@settings(max_examples=300, deadline=None)
@given(
    written_dates(),
    written_dates(),
    st.sampled_from(["–", " – ", "-", " - ", "—", " to ", " until ", "−"]),
)
def test_written_ranges(left: tuple[str, str], right: tuple[str, str], separator: str) -> None:
    if separator == "-" and left[0][0].isdigit() and "-" in left[0]:
        separator = " - "
    text = f"{left[0]}{separator}{right[0]}"
    start, end = left[1], right[1]
    expected = R(start, end) if first_day(start) <= last_day(end) else None
    assert parse_range(text) == expected
    assert parse_range(f"from {text}") == expected
    found = find_dates(f"Held ({text}), then left.")
    assert [m.range for m in found] == ([expected] if expected else [])


@settings(max_examples=200, deadline=None)
@given(st.integers(1000, 2199), st.integers(0, 99))
def test_two_digit_end_years(year: int, digits: int) -> None:
    same_century = year // 100 * 100 + digits
    if same_century > year:
        expected: DateRange | None = R(str(year), str(same_century))
    elif same_century + 100 - year <= 10:
        expected = R(str(year), str(same_century + 100))
    else:
        expected = None
    assert parse_range(f"({year}–{digits:02d})") == expected
    truncated = parse_range(f"{year}–{digits:02d}")
    if expected is None and digits >= year // 100:
        assert truncated == R(str(year), None)
    else:
        assert truncated == expected


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 99999))
def test_numbers_are_years_only_with_four_digits(number: int) -> None:
    expected = str(number) if 1000 <= number <= 2199 else None
    assert parse_date(str(number)) == expected
    if number >= 1000:
        assert parse_date(f"{number:,}") is None


# The fast paths read exactly what the plain patterns read

SCAN_FRAGMENTS = [
    *FRAGMENTS,
    *("١٩٩٩", "1٩٩٩", "ſince", "UNTIL", "Sept", "thru", "approx.", "ca.", "up to", "today"),
    *("\u00a0", "\u3000", "\t", "\r", "+", "’s", "İ", "ı", "K", "x", "2", "20", "201", "2100"),
]
scan_text = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(SCAN_FRAGMENTS), max_size=20).map("".join),
    st.lists(st.sampled_from(SCAN_FRAGMENTS), max_size=8).map(
        lambda parts: "Cai served as director of the office " + "".join(parts) + " and then"
    ),
)


def test_date_groups_are_listed_in_pattern_order() -> None:
    from tenure.extract.dates import _DATE, _GROUPS

    assert tuple(sorted(_DATE.groupindex, key=_DATE.groupindex.__getitem__)) == _GROUPS


def _read_by_full_pattern(text: str) -> list[DateMatch]:
    """What reading every match of the full pattern (_DATE) in ``text`` gives."""
    from tenure.extract.dates import _DATE, _to_range

    expected = []
    for m in _DATE.finditer(text):
        read = _to_range(m, at_end=m.end() == len(text))
        if read is not None:
            expected.append(DateMatch(read, m.start(), m.end(), m.group()))
    return expected


@settings(max_examples=1500, deadline=None)
@given(scan_text)
def test_find_dates_finds_what_the_pattern_finds_at_every_position(text: str) -> None:
    """find_dates starts its search at the words before each year; that must skip no date."""
    expected = _read_by_full_pattern(text)
    assert find_dates(text) == expected


# The common-date reader (_FAST) reads exactly what the full pattern (_DATE) reads

COMMON_DATES = [
    *("2014", "March 2014", "20 March 2014", "March 20, 2014", "2014–2017", "2013-12-04"),
    *("March 2014 – April 2015", "2023–present", "since 2019", "until 2005", "1999 - 2007"),
    *("From 2001 to 2008", "June 1983-February 1986", "2012–", "1996-", "January 23, 2019"),
    *("1st of May, 2014", "Sept. 5, 2014", "2014 (acting)", "2014 – c. 2016", "up to 1999"),
]
DATE_PIECES = [
    *SCAN_FRAGMENTS,
    *COMMON_DATES,
    *("Pres", "pr", "inc", "Ap", "Dece", "Oc", "Febru", "presen", "incumb", "present day"),
    *("untİl", "tıll", "ACTİNG", "(Acting)", "[", "]", "_", ":", "to present", "till now"),
]
date_like_text = st.one_of(
    st.lists(st.sampled_from(DATE_PIECES), max_size=12).map("".join),
    st.lists(st.sampled_from([*COMMON_DATES, " ", ", ", "; ", " and ", "(", ")"]), max_size=6).map(
        "".join
    ),
    st.tuples(st.sampled_from(COMMON_DATES), st.sampled_from(DATE_PIECES), st.integers(0, 40)).map(
        lambda t: (t[0] + t[1])[: len(t[0]) + len(t[1]) - t[2] % 3]  # cut off, as articles are
    ),
)


def test_fast_groups_are_listed_in_pattern_order() -> None:
    from tenure.extract.dates import _FAST, _FAST_GROUPS, _FAST_HERE

    for pattern in (_FAST, _FAST_HERE):
        assert tuple(sorted(pattern.groupindex, key=pattern.groupindex.__getitem__)) == _FAST_GROUPS


@settings(max_examples=3000, deadline=None)
@given(st.one_of(date_like_text, scan_text))
def test_the_common_date_reader_agrees_with_the_full_pattern(text: str) -> None:
    """Wherever _FAST (or _FAST_HERE) matches, _DATE's search from there finds the same date
    and reads the same range; and nothing _FAST skips can begin a date."""
    from tenure.extract.dates import (
        _DATE,
        _FAST,
        _FAST_HERE,
        _UNTIL_START,
        _read,
        _read_fast,
    )

    skip = re.compile(_UNTIL_START)
    for position in range(len(text) + 1):
        m = _DATE.search(text, position)
        skipped = skip.match(text, position)
        assert skipped is not None
        assert m is None or m.start() >= skipped.end()
        for pattern in (_FAST, _FAST_HERE):
            fast = pattern.match(text, position)
            if fast is None:
                continue
            assert m is not None and (m.start(), m.end()) == fast.span("date")
            assert _read_fast(fast.groups()) == _read(m.groups(), m.end() == len(text))


@settings(max_examples=1500, deadline=None)
@given(st.one_of(date_like_text, scan_text))
def test_the_public_readers_agree_with_the_full_pattern(text: str) -> None:
    """find_dates, parse_range and split_acting give what reading every _DATE match gives."""
    from tenure.extract.dates import _DATE, _LEADING_WORD, _to_range, _trimmed, ends_text

    expected = _read_by_full_pattern(text)
    assert find_dates(text) == expected
    assert find_dates(text) == expected  # read again from the memoized readings
    core = _trimmed(text)
    if core.startswith("(") and core.endswith(")"):
        core = _trimmed(core[1:-1])
    leading = _LEADING_WORD.match(core)
    core = core[leading.end() :] if leading else core
    whole = _DATE.fullmatch(core)
    assert parse_range(text) == (_to_range(whole, at_end=ends_text(text, core)) if whole else None)
    if not any(found.range.acting for found in expected):
        assert split_acting(text) == (text, [])


def test_date_objects_compare_hash_and_print_by_their_fields() -> None:
    """DateRange and DateMatch are written out (not dataclasses, see DateRange): they behave
    as frozen dataclasses of their fields would."""
    made = R("2014", "2015-03", True, False, True, False)
    same = R("2014", "2015-03", ongoing=True, approximate=True)
    assert made == same and hash(made) == hash(same) and len({made, same}) == 1
    assert made != R("2014", "2015-03") and made != ("2014", "2015-03") and made is not None
    assert repr(made) == (
        "DateRange(start='2014', end='2015-03', ongoing=True, acting=False, approximate=True, "
        "single=False)"
    )
    match = DateMatch(made, 3, 9, "x")
    assert match == DateMatch(same, 3, 9, "x") and hash(match) == hash(DateMatch(same, 3, 9, "x"))
    assert match != DateMatch(made, 3, 10, "x")
    assert repr(match) == f"DateMatch(range={made!r}, begin=3, finish=9, text='x')"
    with pytest.raises(AttributeError):  # slots: no other field
        match.other = 4  # type: ignore[attr-defined]


def test_the_case_free_letter_classes_take_what_the_words_take() -> None:
    """_FAST checks the first letter of a lead word or qualifier with a class ignoring case
    before the words: the class must take every letter the words' first letters take (the
    letters that fold to Latin ones, such as "ſ" and "K", are all in the first plane)."""
    for letters in ("fsut", "acelm", "abceflmstu"):
        word_starts = [re.compile(letter, re.IGNORECASE) for letter in letters]
        letter_class = re.compile(f"[{letters}]", re.IGNORECASE)
        for code in range(0x10000):
            char = chr(code)
            if any(start.fullmatch(char) for start in word_starts):
                assert letter_class.fullmatch(char), hex(code)


@pytest.mark.parametrize(
    "date", ["Acting c. 2014, ", "Acting 2014–20, ", "from 5 May – 1 June 2014 "]
)
def test_a_long_run_of_dates_is_read_as_the_pattern_reads_it(date: str) -> None:
    """Each year's run of date words is read back only to the end of the previous date."""
    text = date * 300
    expected = _read_by_full_pattern(text)
    assert len(expected) >= 300 and find_dates(text) == expected


@settings(max_examples=1500, deadline=None)
@given(st.one_of(date_like_text, scan_text))
def test_date_patterns_match_as_written_with_optional_groups(text: str) -> None:
    """_DATE, _FAST and _FAST_HERE are compiled with their optional groups spelled as choices
    (:func:`~tenure.extract.spelling.optional_branches`): the same matches as written."""
    from tenure.extract.dates import (
        _DATE,
        _DATE_SOURCE,
        _FAST,
        _FAST_DATE,
        _FAST_HERE,
        _UNTIL_START,
    )

    written = [
        (_DATE, re.compile(_DATE_SOURCE, re.IGNORECASE)),
        (_FAST, re.compile(_UNTIL_START + _FAST_DATE)),
        (_FAST_HERE, re.compile(_FAST_DATE)),
    ]
    for spelled, plain in written:
        assert spelled.pattern != plain.pattern
        for position in range(len(text) + 1):
            found, expected = spelled.match(text, position), plain.match(text, position)
            assert (found and found.regs) == (expected and expected.regs), (plain.pattern, position)
        assert [m.regs for m in spelled.finditer(text)] == [m.regs for m in plain.finditer(text)]


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="0123 a.-", max_size=16), st.integers(0, 17))
def test_search_year_finds_what_a_search_finds(text: str, start: int) -> None:
    from tenure.extract.clauses import YEAR
    from tenure.extract.dates import _YEAR_ANYWHERE, search_year

    for pattern in (YEAR, _YEAR_ANYWHERE):
        found, expected = search_year(pattern, text, start), pattern.search(text, start)
        assert (found and found.span()) == (expected and expected.span()), (text, start)


def test_search_year_finds_what_a_search_finds_in_every_paragraph() -> None:
    from tenure.extract.clauses import YEAR
    from tenure.extract.dates import _YEAR_ANYWHERE, search_year

    for path in sorted([*SAMPLES.glob("*.txt"), *ARTICLES.glob("*.txt")]):
        for block in read_path(path).paragraphs():
            for pattern in (YEAR, _YEAR_ANYWHERE):
                for start in range(0, len(block.text), 7):
                    found = search_year(pattern, block.text, start)
                    expected = pattern.search(block.text, start)
                    assert (found and found.span()) == (expected and expected.span())
