"""Merging statements about one holding; finding those that cannot all be true."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tenure.resolve.merge import Statement, disagreements, double_holders, merge


def st_(
    cid: str,
    start: str | None,
    end: str | None,
    ongoing: bool = False,
    article: str = "A",
    acting: bool = False,
) -> Statement:
    return Statement(cid, article, start, end, ongoing, acting)


def test_agreeing_precisions_merge_keeping_the_finer_date_and_all_sources() -> None:
    [h] = merge([st_("a", "2017", None), st_("b", "2017-10-28", "2023", article="B")])
    assert (h.start, h.end) == ("2017-10-28", "2023")
    assert h.articles == {"A", "B"}


def test_disagreeing_dates_stay_apart() -> None:
    holdings = merge([st_("a", "2014-03", "2017"), st_("b", "2015", "2017", article="B")])
    assert len(holdings) == 2
    assert [(c, why) for _i, _j, c, why in disagreements(holdings)] == [
        ("certain", "the same holding with dates that disagree")
    ]


def test_start_disagreement_with_unknown_ends_is_possible_conflict_across_articles() -> None:
    holdings = merge([st_("a", "2014-03", None), st_("b", "2015", None, article="B")])
    assert [c for _i, _j, c, _ in disagreements(holdings)] == ["possible"]
    same_article = merge([st_("a", "2014-03", None), st_("b", "2015", None)])
    assert disagreements(same_article) == []


def test_consecutive_spells_are_no_conflict() -> None:
    holdings = merge([st_("a", "2014-03", "2015-04"), st_("b", "2015-04", "2016-10")])
    assert len(holdings) == 2
    assert disagreements(holdings) == []


def test_an_ongoing_statement_joins_the_current_holding() -> None:
    holdings = merge(
        [
            st_("a", "2013-03-16", "2022-12-30"),
            st_("b", "2023-07-25", None, True),
            st_("c", None, None, True, article="Ministry"),
        ]
    )
    current = next(h for h in holdings if h.start == "2023-07-25")
    assert {s.claim_id for s in current.statements} == {"b", "c"}


def test_acting_spells_are_their_own_holdings() -> None:
    holdings = merge(
        [st_("a", "2014-05-05", "2015-05-08"), st_("b", "2014-05-05", "2014-10-17", acting=True)]
    )
    assert sorted(h.acting for h in holdings) == [False, True]
    assert disagreements(holdings) == []


def test_double_holders_only_when_certain() -> None:
    spans = [
        ("li", ("2014", "2017", False)),
        ("ding", ("2017", "2023", False)),
        ("cai", ("2016", "2018", False)),
    ]
    assert double_holders(spans) == [(0, 2), (1, 2)]
    assert double_holders([("li", ("2014", "2017", False)), ("li", ("2015", "2016", False))]) == []


DATES = st.sampled_from([None, "2014", "2014-03", "2014-03-20", "2015", "2015-07", "2017"])


@given(st.lists(st.tuples(DATES, DATES, st.booleans()), min_size=1, max_size=6), st.randoms())
def test_merging_does_not_depend_on_the_order_of_sources(
    spans: list[tuple[str | None, str | None, bool]], rnd: object
) -> None:
    statements = [st_(f"c{i}", s, e, o) for i, (s, e, o) in enumerate(spans)]
    shuffled = list(statements)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]

    def shape(items: list[Statement]) -> list[tuple[object, ...]]:
        return sorted(
            (
                (h.start, h.end, h.ongoing, tuple(sorted(s.claim_id for s in h.statements)))
                for h in merge(items)
            ),
            key=repr,
        )

    assert shape(statements) == shape(shuffled)
    assert sum(len(h.statements) for h in merge(statements)) == len(statements)
