"""Checkpoints in the background: what a long write committed reaches the database file."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import tenure.api
from tenure.store import schema as s
from tenure.store.sql import open_store
from tests.conftest import sample_paths


def _rows_in_file_alone(db: Path, tmp_path: Path, table: str) -> int:
    """Rows of ``table`` in the database file without its write-ahead log (a copy of the
    file alone)."""
    alone = tmp_path / "alone.db"
    shutil.copyfile(db, alone)
    with sqlite3.connect(alone) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_what_was_committed_is_copied_into_the_file_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    store = open_store(path)
    with sqlite3.connect(path) as setup:  # the schema into the file, the log emptied
        setup.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    try:
        with store.checkpoints() as committed:
            with store.begin() as conn:
                conn.execute(s.meta.insert(), [{"key": f"k{i}", "value": "v"} for i in range(500)])
            assert _rows_in_file_alone(path, tmp_path, "meta") == 0  # in the log alone
            committed()
        assert _rows_in_file_alone(path, tmp_path, "meta") == 500
        assert store.integrity_check() == "ok"
    finally:
        store.close()


def test_an_ingest_leaves_its_claims_in_the_file_and_the_store_sound(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    db = tenure.api.open(path)
    try:
        db.ingest(sample_paths(), workers=2)
        # checkpointed before the rebuild; the rebuild's own pages may still be in the log
        assert _rows_in_file_alone(path, tmp_path, "claims") == db.counts()["claims"]
        assert db.store.integrity_check() == "ok"
    finally:
        db.close()


def test_a_store_in_memory_has_nothing_to_checkpoint() -> None:
    store = open_store(":memory:")
    try:
        with store.checkpoints() as committed:
            committed()
    finally:
        store.close()
