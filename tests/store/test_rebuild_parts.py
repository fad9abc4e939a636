"""Pieces a rebuild computes once and reuses: evidence records encoded per claim, mentions
worked out while an ingest writes, counts without a Counter.

Each shortcut must give exactly what the plain computation gives; the tables as a whole are
checked against a rebuild from the store in ``test_bulk_ingest`` and ``test_derive``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tenure.api import Database, read_article
from tenure.store.entities import most_common
from tenure.store.holdings import evidence_json, evidence_list, evidence_record
from tenure.store.ingest import ArticleWriter
from tenure.store.mentions import mentions_of
from tenure.store.sql import now
from tests.conftest import sample_paths

from .helpers import derived, open_db
from .test_derive import EVIDENCE


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_db(str(tmp_path / "t.db"))
    yield database
    database.close()


@settings(max_examples=300, deadline=None)
@given(st.lists(EVIDENCE, max_size=4))
def test_evidence_records_joined_are_the_json_of_the_list(records: list[dict[str, object]]) -> None:
    encoded = [
        evidence_record(
            r["claim"],
            r["article"],
            r["path"],
            r["line"],
            r["section"],
            r["text"],  # type: ignore[arg-type]
        )
        for r in records
    ]
    assert evidence_list(encoded) == evidence_json(records)
    assert evidence_list(encoded) == json.dumps(records, ensure_ascii=False, sort_keys=True)


def test_an_evidence_record_of_unusual_types_falls_back_to_json_dumps() -> None:
    record = evidence_record("c", "a", None, True, None, "t")  # type: ignore[arg-type]
    expected = {"article": "a", "claim": "c", "line": True, "path": None, "section": None}
    assert json.loads(record) == {**expected, "text": "t"}


@given(st.lists(st.one_of(st.sampled_from(["a", "b", "c", ""]), st.text(max_size=3))))
def test_most_common_ranks_as_a_counter_does(values: list[str]) -> None:
    counts = Counter(v for v in values if v)
    expected = min(counts, key=lambda v: (-counts[v], v)) if counts else None
    assert most_common(values) == expected
    assert most_common(iter(values)) == expected


def test_mentions_worked_out_while_writing_are_those_of_the_claims(db: Database) -> None:
    with ArticleWriter(db.store, now(), resolver=db.resolver) as writer:
        writer.stop_queue()
        for path in sample_paths():
            writer.write(*read_article(str(path)))
    assert writer.written
    for written in writer.written.values():
        r = written.record
        assert written.mentions == mentions_of(db.resolver, r.kind, r.article, r.data)


def test_a_queued_ingest_leaves_mentions_to_the_derivation(db: Database) -> None:
    with ArticleWriter(db.store, now(), resolver=db.resolver) as writer:
        for path in sample_paths()[:2]:
            writer.write(*read_article(str(path)))
    assert all(w.mentions is None for w in writer.written.values())


def test_an_ingest_with_mentions_worked_out_ends_as_a_rebuild(db: Database) -> None:
    report = db.ingest(sample_paths(), workers=1)
    assert not report.failed
    after_ingest = derived(db)
    db.rebuild()
    assert derived(db) == after_ingest
