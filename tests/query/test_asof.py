"""Every post on a date (``holders_on``) answers as ``who`` answers each of its posts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from tenure.api import Database
from tests.conftest import sample_paths

from ..store.helpers import open_db

DATES = ["1999", "2001-06", "2014", "2016-06-01", "2017", "2017-06-01", "2020", "2023-03"]


@pytest.fixture(scope="module")
def samples() -> Iterator[Database]:
    database = open_db()
    database.today = date(2025, 6, 1)
    database.ingest(sample_paths(), workers=1)
    yield database
    database.close()


def _people(holders: list) -> list[tuple[str, str, str]]:
    return sorted((h.tenure.id, h.tenure.person.name, h.certainty) for h in holders)


@pytest.mark.parametrize("on", DATES)
def test_every_post_on_a_date_is_answered_as_who_answers_it(samples: Database, on: str) -> None:
    found = samples.holders_on(on)
    compared = 0
    for entry in found.organizations:
        for group in entry.posts:
            org = group.post.organization
            if org is None:
                continue  # `who` asks for a post of a named body
            asked = samples.who(group.post.title, org.name, on)
            if [p.id for p in asked.posts] != [group.post.id]:
                continue  # one title naming several posts of the body: `who` answers for all
            assert _people(group.holders) == _people(asked.holders), (on, group.post)
            assert _people(group.ruled_out) == _people(asked.ruled_out), (on, group.post)
            compared += 1
    assert compared >= 5, f"only {compared} posts compared on {on}"


def test_a_holder_a_later_certain_holder_excludes_is_ruled_out(samples: Database) -> None:
    found = samples.holders_on("2017")
    office = next(
        o
        for o in found.organizations
        if o.organization and o.organization.name == "Office of the National Security Commission"
    )
    director = next(p for p in office.posts if p.post.title == "Director")
    assert [h.tenure.person.name for h in director.ruled_out] == ["Liu Huaqiu"]
    assert {h.tenure.person.name for h in director.holders} == {"Li Zhanshu", "Ding Xuexiang"}
    assert found.to_dict()["organizations"][0].keys() == {"organization", "posts"}


def test_counts_and_days(samples: Database) -> None:
    found = samples.holders_on("2016-06")
    assert (found.on, found.first_day, found.last_day) == ("2016-06", "2016-06-01", "2016-06-30")
    holders = [h for o in found.organizations for p in o.posts for h in p.holders]
    assert found.certain == sum(h.certainty == "certain" for h in holders) > 0
    assert found.possible == sum(h.certainty == "possible" for h in holders)
