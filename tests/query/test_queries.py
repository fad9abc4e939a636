"""Questions on a small hand-built store: who (honestly), career, succession, org, lookups."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from tenure.api import Database
from tenure.errors import NotFound, UsageError
from tenure.query import Ambiguous
from tenure.query.dates import parse_on
from tenure.time import gap

from ..store.helpers import article, event_, open_db, tenure_

ONSC = "Office of the National Security Commission"


@pytest.fixture()
def db() -> Iterator[Database]:
    database = open_db()
    database.today = date(2025, 6, 1)
    database.ingest_extractions(
        [
            article(
                ONSC,
                [
                    tenure_("Li Zhanshu", "Director", ONSC, "2014", "2017", line=35),
                    tenure_("Ding Xuexiang", "Director", ONSC, "2017", "2023", line=36),
                    tenure_("Cai Qi", "Director", ONSC, "2023", None, True, line=37),
                    tenure_("Cai Qi", "Deputy Director", ONSC, "2014-03", "2015-04", line=41),
                    tenure_(
                        "Chen Wenqing", "Executive Deputy Director", ONSC, "2018-05", "2022-07"
                    ),
                    tenure_("Liu Huaqiu", "Director", ONSC, "2000-09", None, line=19),
                ],
                [
                    event_("established", ONSC, "2014"),
                    event_(
                        "renamed",
                        "Office of the Central National Security Leading Group",
                        "2014",
                        ONSC,
                    ),
                ],
                parent="National Security Commission of the Chinese Communist Party",
                subunits=["General Bureau", "Party Committee of the Office"],
                type="Agency",
            ),
            article(
                "Cai Qi",
                [
                    tenure_(
                        "Sir Cai Qi",
                        "Director",
                        "General Office of the CCP Central Committee",
                        "2022-10",
                        None,
                        True,
                    ),
                    tenure_("Cai Qi", "Party Secretary of Beijing", None, "2017-05", "2022-10"),
                ],
                kind="person",
            ),
            article("Beijing", [tenure_("Cai Qi", "Mayor", "Beijing", "2017-01", "2017-05")]),
            article(
                "National Security Council (India)",
                [
                    tenure_(
                        "Ajit Doval",
                        "National Security Advisor",
                        "National Security Council",
                        "2014",
                    )
                ],
            ),
            article(
                "National Security Council (Japan)",
                [tenure_("Kazuya Hara", "Secretary-General", "National Security Council", "2023")],
            ),
        ]
    )
    yield database
    database.close()


def names(answer: object) -> list[tuple[str, str]]:
    return [(h.tenure.person.name, h.certainty) for h in answer.holders]  # type: ignore[attr-defined]


def test_who_on_a_day_inside_a_year_range_is_certain(db: Database) -> None:
    assert names(db.who("Director", ONSC, "2016-06-01")) == [("Li Zhanshu", "certain")]


def test_a_certain_holder_rules_out_the_possible_ones_of_a_one_holder_post(db: Database) -> None:
    answer = db.who("Director", ONSC, "2016-06-01")
    assert [h.tenure.person.name for h in answer.ruled_out] == ["Liu Huaqiu"]


def test_who_in_a_shared_year_is_possible_for_both(db: Database) -> None:
    answer = db.who("Director", ONSC, "2017-06-01")
    assert names(answer) == [("Li Zhanshu", "possible"), ("Ding Xuexiang", "possible")]
    # Liu Huaqiu's end is unknown, but Li Zhanshu certainly held this one-holder post from the
    # end of 2014: Liu had left by then (tenure.query.successors).
    assert [h.tenure.person.name for h in answer.ruled_out] == ["Liu Huaqiu"]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2015", [("Li Zhanshu", "certain")]),
        ("2017", [("Li Zhanshu", "possible"), ("Ding Xuexiang", "possible")]),
        ("2020-02", [("Ding Xuexiang", "certain")]),
        ("2024", [("Cai Qi", "certain")]),
        ("1999", []),
    ],
)
def test_who_accepts_years_months_and_days(
    db: Database, on: str, expected: list[tuple[str, str]]
) -> None:
    assert names(db.who("Director", ONSC, on)) == expected


def test_who_defaults_to_today_and_matches_names_case_insensitively(db: Database) -> None:
    answer = db.who("director", "office of the NATIONAL security commission")
    assert answer.on == "2025-06-01"
    assert names(answer) == [("Cai Qi", "certain")]
    assert answer.holders[0].tenure.evidence[0].line == 37


def test_the_plain_date_filter_would_be_wrong_here(db: Database) -> None:
    holders = db.who("Director", ONSC, "2017-06-01").holders
    li = next(h for h in holders if h.tenure.person.name == "Li Zhanshu")
    # "2017" read as 2017-01-01 would drop Li, and call Ding certain.
    assert (li.tenure.start, li.tenure.end, li.certainty) == ("2014", "2017", "possible")


def test_unknown_names_suggest_the_closest(db: Database) -> None:
    with pytest.raises(NotFound) as caught:
        db.who("Director", "Ofice of the Nationl Security Commision")
    assert ONSC in caught.value.suggestions
    with pytest.raises(NotFound) as post:
        db.who("Directr", ONSC)
    assert "Director" in post.value.suggestions
    with pytest.raises(NotFound) as person:
        db.career("Cai Q")
    assert "Cai Qi" in person.value.suggestions


def test_a_name_that_fits_two_organizations_is_ambiguous(db: Database) -> None:
    with pytest.raises(Ambiguous) as caught:
        db.org("National Security Council")
    assert caught.value.candidates == [
        "National Security Council (India)",
        "National Security Council (Japan)",
    ]
    assert db.org("National Security Council (India)").name == ("National Security Council (India)")


@pytest.mark.parametrize("bad", ["June 2016", "2016-13", "16", "2016-02-30", ""])
def test_bad_dates_are_usage_errors(db: Database, bad: str) -> None:
    with pytest.raises(UsageError, match="YYYY"):
        db.who("Director", ONSC, bad)


def test_parse_on_pads_and_defaults() -> None:
    assert parse_on("2016-6-1") == "2016-06-01"
    assert parse_on(date(2016, 6, 1)) == "2016-06-01"
    assert parse_on(None, date(2020, 1, 2)) == "2020-01-02"


def test_career_spans_articles_with_concurrent_posts(db: Database) -> None:
    career = db.career("cai qi")
    posts = [(e.tenure.post.title, e.tenure.start) for e in career.entries]
    assert posts == [
        ("Deputy Director", "2014-03"),
        ("Mayor", "2017-01"),
        ("Party Secretary of Beijing", "2017-05"),
        ("Director", "2022-10"),
        ("Director", "2023"),
    ]
    assert set(career.articles) == {ONSC, "Cai Qi", "Beijing"}
    by_start = {e.tenure.start: e for e in career.entries}
    assert [(c.post, c.certainty) for c in by_start["2023"].concurrent_with] == [
        ("Director", "certain")
    ]
    assert [c.certainty for c in by_start["2017-01"].concurrent_with] == ["possible"]
    assert career.person.aliases == ["Sir Cai Qi"]


def test_succession_marks_gaps_and_overlaps(db: Database) -> None:
    s = db.succession("Director", ONSC)
    order = [e.tenure.person.name for e in s.entries]
    assert order == ["Liu Huaqiu", "Li Zhanshu", "Ding Xuexiang", "Cai Qi"]
    labels = [e.after_previous.label if e.after_previous else None for e in s.entries]
    assert labels == [None, "unclear", "unclear", "unclear"]
    assert s.entries[1].after_previous.overlap == "possible"  # type: ignore[union-attr]


def test_gap() -> None:
    assert gap(("2014", "2017-06-30", False), ("2017-07-01", None, True)) is None
    assert gap(("2014", "2016", False), ("2018", None, False)) == "certain"
    assert gap(("2014", "2017", False), ("2017", "2023", False)) == "possible"
    assert gap(("2014", None, True), ("2017", None, False), date(2025, 1, 1)) is None


def test_org_profile(db: Database) -> None:
    profile = db.org("Office of the Central National Security Leading Group", on="2020")
    assert profile.name == ONSC
    assert profile.type == "Agency"
    assert [r.name for r in profile.subunits] == ["General Bureau", "Party Committee of the Office"]
    assert [r.name for r in profile.parents] == [
        "National Security Commission of the Chinese Communist Party"
    ]
    assert profile.parents[0].id is not None
    assert {(n.name, n.kind, n.start, n.end) for n in profile.names} >= {
        ("Office of the Central National Security Leading Group", "former", None, "2014"),
        (ONSC, "official", "2014", None),
    }
    assert [e.type for e in profile.events] == ["established", "renamed"]
    holders = {(h.tenure.post.title, h.tenure.person.name, h.certainty) for h in profile.holders}
    assert ("Director", "Ding Xuexiang", "certain") in holders
    assert ("Executive Deputy Director", "Chen Wenqing", "certain") in holders
    parent = db.organization(profile.parents[0].id or "")
    assert parent is not None and [c.id for c in parent.children] == [profile.id]


def test_org_alias_spellings_find_the_general_office(db: Database) -> None:
    ids = {
        db.org(n).id
        for n in (
            "CCP General Office",
            "General Office of the Central Committee of the Chinese Communist Party",
        )
    }
    assert len(ids) == 1
    assert names(db.who("Director", "CCP General Office", "2024")) == [("Cai Qi", "certain")]


def test_who_without_org_splits_a_title_naming_its_body(db: Database) -> None:
    answer = db.who("Director of the Office of the National Security Commission", on="2016")
    assert names(answer) == [("Li Zhanshu", "certain")]


def test_results_serialize(db: Database) -> None:
    data = db.who("Director", ONSC, "2016-06-01").to_dict()
    holder = data["holders"][0]
    assert holder["certainty"] == "certain"
    assert holder["tenure"]["person"]["name"] == "Li Zhanshu"
    assert holder["tenure"]["evidence"][0]["line"] == 35
    assert set(holder["tenure"]["evidence"][0]) == {
        "article",
        "path",
        "line",
        "section",
        "text",
        "claim",
    }


def test_iteration_helpers(db: Database) -> None:
    counts = db.counts()
    assert counts["tenures"] == len(list(db.tenures()))
    assert counts["persons"] == len(list(db.persons()))
    assert counts["organizations"] == len(list(db.organizations()))
    assert counts["posts"] == len(list(db.posts()))
    assert counts["events"] == len(list(db.events()))
    assert counts["claims"] == len(list(db.claims()))
    t = next(db.tenures())
    assert db.tenure(t.id) == t
    assert db.post(t.post.id) == t.post
    person = db.person(t.person.id)
    assert person is not None and person.name == t.person.name
    claim = db.claim(t.evidence[0].claim)
    assert claim is not None and claim.kind == "tenure"
    assert [a.title for a in db.articles()][:1] == ["Beijing"]
    assert db.organization("nope") is None
