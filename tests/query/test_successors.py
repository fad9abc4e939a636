"""A holding with no end is bounded by the next holder's certain years (one-holder posts)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tenure.api import Database

from ..store.helpers import EXAMPLES_OFFICE, examples_office, tenure_

OFFICE = EXAMPLES_OFFICE


@pytest.fixture()
def db() -> Iterator[Database]:
    database = examples_office(tenure_("Zhao Le", "Deputy Director", OFFICE, "2015", "2020"))
    yield database
    database.close()


def holders(answer: object) -> list[tuple[str, str]]:
    return [(h.tenure.person.name, h.certainty) for h in answer.holders]  # type: ignore[attr-defined]


def test_an_open_holding_ends_before_the_next_holders_certain_years(db: Database) -> None:
    answer = db.who("Director", OFFICE, "2017-06-01")
    assert holders(answer) == [("Li Zhanshu", "possible"), ("Ding Xuexiang", "possible")]
    assert [h.tenure.person.name for h in answer.ruled_out] == ["Liu Huaqiu"]


def test_before_the_next_holder_the_open_holding_is_still_possible(db: Database) -> None:
    assert holders(db.who("Director", OFFICE, "2010")) == [("Liu Huaqiu", "possible")]
    assert holders(db.who("Director", OFFICE, "2014-06")) == [
        ("Liu Huaqiu", "possible"),
        ("Li Zhanshu", "possible"),
    ]


def test_posts_with_many_holders_are_not_bounded(db: Database) -> None:
    assert holders(db.who("Deputy Director", OFFICE, "2018")) == [
        ("Zhao Le", "certain"),
        ("Wu Bo", "possible"),
    ]
