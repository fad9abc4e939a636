"""The bulk paths of ingest: buffered writes, an ingest bound to rebuild, claims handed over.

An ingest whose changed claims are a large share of the store stops queueing them in
``pending`` and marks the derived tables stale instead; the rebuild at its end takes the
claims it wrote from memory. These tests check that each shortcut ends with exactly the
tables of a plain ``tenure rebuild``, and that a crash in between is still recovered.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest

from tenure import api
from tenure.api import Database, Read, read_article
from tenure.api import _read_many as api_read_many
from tenure.store import ingest
from tenure.store.claims import claims_from_extraction
from tenure.store.ingest import ArticleWriter, derive_rows
from tenure.store.sql import now
from tests.conftest import sample_paths

from .helpers import article, derived, dump, open_db, tenure_

ONSC = "Office of the National Security Commission"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_db(str(tmp_path / "t.db"))
    yield database
    database.close()


def test_a_first_ingest_rebuilds_from_what_it_wrote_as_a_rebuild_from_the_store(
    db: Database,
) -> None:
    report = db.ingest(sample_paths(), workers=1)
    assert not report.failed
    assert db.counts()["pending"] == 0
    assert not db.stale
    handed_over = derived(db)
    db.rebuild()  # reads every claim back from the store
    assert derived(db) == handed_over


def test_claims_kept_in_memory_are_what_the_store_holds(db: Database) -> None:
    pairs = [read_article(str(p)) for p in sample_paths()]
    with ArticleWriter(db.store, now()) as writer:
        for x, rows in pairs:
            writer.write(x, rows)
    with db.store.connect() as conn:
        stored = {
            r[0]: (r[1], r[2], json.loads(r[3]), r[4])
            for r in conn.exec_driver_sql("SELECT id, kind, article, data, path FROM claims")
        }
        lines: dict[str, list[tuple[object, ...]]] = {}
        for r in conn.exec_driver_sql(
            "SELECT claim_id, line, section, text FROM claim_evidence ORDER BY claim_id, seq"
        ):
            lines.setdefault(r[0], []).append((r[1], r[2], r[3]))
    assert set(writer.written) == set(stored)
    for cid, written in writer.written.items():
        r = written.record
        assert (r.kind, r.article, r.data, r.path) == stored[cid]
        assert written.evidence == lines[cid]


def test_one_article_twice_in_one_transaction_is_diffed_against_its_first_version(
    db: Database, tmp_path: Path
) -> None:
    first = article(ONSC, [tenure_("Li Zhanshu", "Director", ONSC, "2014", "2017")])
    second = article(ONSC, [tenure_("Ding Xuexiang", "Director", ONSC, "2017")], revision="2")
    report = db.ingest_extractions([first, second])
    assert [a.status for a in report.articles] == ["new", "changed"]
    assert report.articles[1].claims_retired >= 1
    other = open_db(str(tmp_path / "other.db"))
    other.ingest_extractions([first])
    other.ingest_extractions([second])
    assert dump(db) == dump(other)
    other.close()


def test_a_crash_after_the_queue_stopped_leaves_a_store_that_rebuilds(tmp_path: Path) -> None:
    path = str(tmp_path / "t.db")
    db = open_db(path)
    offices = [
        article(f"Office {i}", [tenure_(f"Person {i}", "Director", f"Office {i}", "2001")])
        for i in range(6)
    ]
    db.ingest_extractions(offices[:2])
    assert not db.stale
    with pytest.raises(RuntimeError), ArticleWriter(db.store, now(), batch=2) as writer:
        for i, x in enumerate(offices[2:]):
            if i == 1:
                writer.stop_queue()  # what an ingest bound to rebuild does
            if i == 3:
                raise RuntimeError("the process dies here")
            writer.write(x, claims_from_extraction(x))
    db.close()
    db = open_db(path)
    assert db.stale, "claims stored without a pending entry mark the derived tables stale"
    report = db.ingest_extractions(offices)
    assert report.rebuilt
    assert not db.stale and db.counts()["pending"] == 0
    clean = open_db(str(tmp_path / "clean.db"))
    clean.ingest_extractions(offices)
    assert dump(db) == dump(clean)
    clean.close()
    db.close()


def test_what_a_worker_derives_is_what_the_writer_would(tmp_path: Path) -> None:
    kept = []
    for in_worker in (False, True):
        database = open_db(str(tmp_path / f"{in_worker}.db"))
        with ArticleWriter(database.store, now(), resolver=database.resolver) as writer:
            writer.stop_queue()
            for path in sample_paths():
                x, rows = read_article(str(path))
                done = derive_rows(database.resolver, rows, x.source.path) if in_worker else None
                writer.write(x, rows, done)
        kept.append({cid: asdict(w) for cid, w in writer.written.items()})
        database.close()
    assert kept[0] and kept[0] == kept[1]


def _read_deriving(paths: list[str], derive: bool = False) -> list[Read]:
    return api_read_many(paths, True)


def _read_not_deriving(paths: list[str], derive: bool = False) -> list[Read]:
    return api_read_many(paths, False)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_ingest_whose_workers_derive_ends_as_one_whose_writer_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    paths = [str(p) for p in sample_paths()] * 10  # past SMALL_BATCH: workers read
    calls = []
    real_derive = ingest._derive
    monkeypatch.setattr(ingest, "_derive", lambda *a: calls.append(1) or real_derive(*a))
    tables, derived_here = [], []
    for read in (_read_not_deriving, _read_deriving):
        monkeypatch.setattr(api, "_read_many", read)
        calls.clear()
        database = open_db(str(tmp_path / f"{read.__name__}.db"))
        report = database.ingest(paths, workers=workers)
        assert not report.failed
        tables.append(dump(database))
        derived_here.append(len(calls))
        database.close()
    assert tables[0] == tables[1]
    assert derived_here[0] > 0 and derived_here[1] == 0
