"""Pieces a rebuild computes once and reuses: evidence records encoded per claim, what an
ingest bound to rebuild works out of each claim as it writes it, counts without a Counter.

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
from tenure.store.claims import claims_from_extraction
from tenure.store.entities import most_common
from tenure.store.holdings import evidence_json, evidence_list, evidence_record
from tenure.store.ingest import ArticleWriter
from tenure.store.mentions import mentions_of
from tenure.store.records import claim_doc
from tenure.store.sql import now
from tests.conftest import sample_paths

from .helpers import article, derived, office_articles, open_db, tenure_
from .test_derive import EVIDENCE

ONSC = "Office of the National Security Commission"


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


def _fts(db: Database) -> list[tuple[object, ...]]:
    """What the full-text index finds for a few words: it must follow ``search_docs``."""
    with db.store.connect() as conn:
        return sorted(
            tuple(r)
            for word in ("Director", "Office", "Li")
            for r in conn.exec_driver_sql(
                "SELECT d.ref, d.kind FROM search_fts JOIN search_docs d "
                "ON d.rowid = search_fts.rowid WHERE search_fts MATCH ?",
                (word,),
            )
        )


def test_what_the_ingest_works_out_is_what_the_rebuild_would(db: Database) -> None:
    pairs = [read_article(str(p)) for p in sample_paths()]
    with ArticleWriter(db.store, now(), resolver=db.resolver) as writer:
        writer.stop_queue()
        for x, rows in pairs:
            writer.write(x, rows)
    for cid, written in writer.written.items():
        r = written.record
        texts = [text for _line, _section, text in written.evidence]
        assert written.doc == claim_doc(r, texts)
        if r.kind in ("tenure", "event"):
            encoded = [evidence_record(cid, r.article, r.path, *e) for e in written.evidence]
            assert written.records == encoded
        else:
            assert written.records is None
    db.rebuild(writer.written)
    handed_over, fts = derived(db), _fts(db)
    db.rebuild()
    assert derived(db) == handed_over
    assert _fts(db) == fts


def test_claims_retired_in_the_ingest_that_wrote_them_leave_no_rows(
    db: Database, tmp_path: Path
) -> None:
    first = article(ONSC, [tenure_("Li Zhanshu", "Director", ONSC, "2014", "2017")])
    second = article(ONSC, [tenure_("Ding Xuexiang", "Director", ONSC, "2017")], revision="2")
    third = article(
        ONSC,
        [tenure_("Li Zhanshu", "Director", ONSC, "2014", "2017", line=12)],
        revision="3",
    )
    db.ingest_extractions([first, second, third])  # retired, then revived with new evidence
    clean = open_db(str(tmp_path / "clean.db"))
    clean.ingest_extractions([third])
    assert derived(db) == derived(clean)
    assert _fts(db) == _fts(clean)
    clean.close()


def test_a_crash_while_working_out_ahead_leaves_a_store_that_rebuilds(tmp_path: Path) -> None:
    path = str(tmp_path / "t.db")
    db = open_db(path)
    offices = office_articles(6)
    with (
        pytest.raises(RuntimeError),
        ArticleWriter(db.store, now(), batch=2, resolver=db.resolver) as writer,
    ):
        writer.stop_queue()
        for i, x in enumerate(offices):
            if i == 4:
                raise RuntimeError("the process dies here")
            writer.write(x, claims_from_extraction(x))
    db.close()
    db = open_db(path)
    assert db.stale
    assert db.counts()["articles"] == 4
    report = db.ingest_extractions(offices[1:])  # Office 0's claims stay, as stored
    assert report.rebuilt
    clean = open_db(str(tmp_path / "clean.db"))
    clean.ingest_extractions(offices)
    assert derived(db) == derived(clean)
    assert _fts(db) == _fts(clean)
    clean.close()
    db.close()
