"""The bulk paths of ingest: buffered writes, an ingest bound to rebuild, claims handed over.

An ingest whose changed claims are a large share of the store stops queueing them in
``pending`` and marks the derived tables stale instead; the rebuild at its end takes the
claims it wrote from memory. These tests check that each shortcut ends with exactly the
tables of a plain ``tenure rebuild``, and that a crash in between is still recovered.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tenure import fanout
from tenure.api import Database, read_article
from tenure.store.claims import claims_from_extraction
from tenure.store.ingest import ArticleWriter
from tenure.store.sql import now
from tests.conftest import sample_paths

from .helpers import article, derived, dump, office_articles, open_db, tenure_

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
    offices = office_articles(6)
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


def test_two_files_of_one_title_warn_and_the_later_one_is_stored(
    db: Database, tmp_path: Path
) -> None:
    sample = next(p for p in sample_paths() if p.name == "Wang_Yi.txt")
    text = sample.read_text(encoding="utf-8")
    older = tmp_path / "dump" / "Wang_Yi.txt"
    older.parent.mkdir()
    older.write_text("\n".join(text.splitlines()[:7]) + "\n", encoding="utf-8")  # one office
    newer = tmp_path / "Wang_Yi.txt"
    newer.write_text(text, encoding="utf-8")
    report = db.ingest([older, newer, newer], workers=1)
    assert [a.status for a in report.articles] == ["new", "changed", "unchanged"]
    assert len(report.warnings) == 1  # the same path twice is no second source
    assert str(newer) in report.warnings[0] and str(older) in report.warnings[0]
    assert report.articles[1].diagnostics[-1].severity == "warning"
    assert report.to_dict()["warnings"] == report.warnings
    only_newer = open_db(str(tmp_path / "other.db"))
    only_newer.ingest([newer], workers=1)
    assert derived(db) == derived(only_newer)
    only_newer.close()


@pytest.mark.parametrize("how", ["forked workers", "process pool"])
def test_every_way_of_reading_stores_the_same_tables(
    tmp_path: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In this process, in workers the ingest forks (tenure.fanout), and in a process pool
    (where the platform cannot fork): the same rows."""
    here = open_db(str(tmp_path / "here.db"))
    try:
        here.ingest(sample_paths(), workers=1)  # a few files: read in this process
        expected = dump(here)
    finally:
        here.close()
    if how == "process pool":
        monkeypatch.setattr(fanout, "can_fork", lambda: False)
        monkeypatch.setattr(fanout, "in_order", None)  # not called
    there = open_db(str(tmp_path / "there.db"))
    try:
        report = there.ingest(sample_paths(), workers=2)
        assert not report.failed
        assert dump(there) == expected
    finally:
        there.close()
