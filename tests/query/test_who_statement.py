"""``who``'s prepared statement and what it builds: an organization found by several names of
one key answers once, and evidence kept as stored JSON reads as the list it stands for."""

from __future__ import annotations

import dataclasses
import importlib
import json
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select

from tenure.api import Database
from tenure.errors import NotFound
from tenure.query.results import EvidenceRef, PersonRef, TenureInfo
from tenure.store import schema as s
from tenure.store.base import Store

from ..store.helpers import EXAMPLES_OFFICE, examples_office

OFFICE = EXAMPLES_OFFICE
WHO = importlib.import_module("tenure.query.who")  # the module: tenure.query.who is `who`


@pytest.fixture()
def db() -> Iterator[Database]:
    database = examples_office()
    yield database
    database.close()


def test_an_organization_with_two_names_of_one_key_answers_once(db: Database) -> None:
    asked = [("Director", "2017-06-01"), ("Director", "2016"), ("Deputy Director", "2010")]
    before = [db.who(post, OFFICE, on).to_dict() for post, on in asked]
    with db.store.begin() as conn:
        name = conn.execute(select(s.org_names).where(s.org_names.c.name == OFFICE)).one()
        conn.execute(
            s.org_names.insert().values(
                {**name._asdict(), "id": "on_second_name_same_key", "kind": "official"}
            )
        )
    assert [db.who(post, OFFICE, on).to_dict() for post, on in asked] == before
    assert [h["tenure"]["person"]["name"] for h in before[0]["holders"]] == [
        "Li Zhanshu",
        "Ding Xuexiang",
    ]


def test_the_interfaces_read_gives_the_sqlite_stores_rows(db: Database) -> None:
    """Store.read as every backend but SQLite runs it (a connection of the store's own, or
    the caller's), against the SQLite store's own way."""
    params = {
        "org_key": db.resolver.org_key(OFFICE),
        "post_key": db.resolver.post_key("Director"),
        "first": date(2016, 1, 1).toordinal(),
        "last": date(2016, 12, 31).toordinal(),
    }
    rows = db.store.read(None, WHO._statement(), **params)
    assert len(rows) == 2
    assert list(Store.read(db.store, None, WHO._statement(), **params)) == list(rows)
    with db.store.connect() as conn:
        assert list(Store.read(db.store, conn, WHO._statement(), **params)) == list(rows)
        assert list(db.store.read(conn, WHO._statement(), **params)) == list(rows)


def test_the_plan_starts_from_the_names_in_a_store_never_analyzed(db: Database) -> None:
    """An inner join of names and posts let SQLite start from every post of the key when it
    had no statistics; the left join keeps the names first and finds the posts by their
    organization, each from its index alone (schema version 3)."""
    sql = db.store.prepared(WHO._statement()).sql
    with db.store.connect() as conn:
        assert (
            conn.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
            ).scalar()
            == 0
        )
        plan = [
            row[-1]
            for row in conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {sql}",
                {"org_key": "k", "post_key": "p", "first": 1, "last": 2},
            )
        ]
    assert "org_names USING COVERING INDEX ix_org_names_key" in plan[0], plan
    assert any("posts USING COVERING INDEX ix_posts_org_key" in step for step in plan), plan


def test_an_organization_without_the_post_takes_the_general_path(db: Database) -> None:
    with pytest.raises(NotFound):
        db.who("Secretary", OFFICE, "2016")


RECORDS = [
    {"article": "A", "path": "a.txt", "line": 3, "section": "Leaders", "text": "x", "claim": "c1"},
    {"article": "B", "claim": "c2"},
]


def tenure_info(evidence: list[EvidenceRef] | str) -> TenureInfo:
    li = PersonRef("per_1", "Li")
    return TenureInfo("ten_1", li, None, "2014", None, False, False, None, None, [], evidence)


def test_evidence_given_as_stored_json_reads_as_its_records() -> None:
    parsed = [EvidenceRef.from_record(r) for r in RECORDS]
    stored = tenure_info(json.dumps(RECORDS))
    assert stored.evidence == parsed
    assert stored.evidence is stored.evidence  # parsed once, then kept
    assert stored == tenure_info(parsed)
    assert repr(stored) == repr(tenure_info(parsed))
    assert tenure_info(json.dumps(RECORDS)).to_dict() == tenure_info(parsed).to_dict()


def test_evidence_is_still_a_required_field() -> None:
    (evidence,) = [f for f in dataclasses.fields(TenureInfo) if f.name == "evidence"]
    assert evidence.default is dataclasses.MISSING
    with pytest.raises(TypeError):
        TenureInfo("t", PersonRef("p", "n"), None, None, None, False, False, None, None, [])
