"""How a rebuild writes: indexes dropped and built again, the collector set aside, JSON lists
written directly. The rows themselves are checked against the plain paths in
``test_derive`` and ``test_bulk_ingest``."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tenure.api import Database
from tenure.store import schema as s
from tenure.store.derive import refresh
from tenure.store.entities import json_strings
from tests.conftest import sample_paths

from .helpers import derived, open_db


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_db(str(tmp_path / "t.db"))
    yield database
    database.close()


def _indexes(db: Database) -> list[tuple[str, str]]:
    with db.store.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        )
        return sorted((str(r[0]), str(r[1])) for r in rows)


def test_a_rebuild_leaves_every_index_of_the_schema_as_it_was(db: Database) -> None:
    before = _indexes(db)
    assert {name for name, _ in before} == {
        str(index.name) for table in s.metadata.tables.values() for index in table.indexes
    }
    db.ingest(sample_paths(), workers=1)
    db.rebuild()
    assert _indexes(db) == before
    assert db.store.integrity_check() == "ok"


def test_a_rebuild_that_fails_keeps_the_indexes_and_the_rows(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    db.ingest(sample_paths(), workers=1)
    indexes, rows = _indexes(db), derived(db)

    def fail(*_args: object) -> None:
        raise RuntimeError("stop")

    # The rebuild's own methods cannot be replaced where it runs compiled (setup.py): the
    # store fails instead, at the rebuild's last write, every other derived row written.
    monkeypatch.setattr(db.store, "add_search_docs", fail)
    with pytest.raises(RuntimeError), db.store.begin() as conn:
        refresh(db.store, conn, db.resolver)
    assert _indexes(db) == indexes
    assert derived(db) == rows


def test_a_derivation_leaves_the_collector_as_it_found_it(db: Database) -> None:
    db.ingest(sample_paths()[:3], workers=1)
    assert gc.isenabled()
    db.rebuild()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        db.rebuild()
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()


def test_a_derivation_keeps_what_the_process_froze_itself(db: Database) -> None:
    db.ingest(sample_paths()[:3], workers=1)
    marker: list[object] = []
    gc.freeze()
    try:
        db.rebuild()
        assert gc.get_freeze_count() > 0
        assert not any(o is marker for o in gc.get_objects())  # still frozen
    finally:
        gc.unfreeze()
    assert any(o is marker for o in gc.get_objects())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text()), st.booleans())
def test_json_strings_is_json_dumps_of_the_list(values: list[str], ascii_only: bool) -> None:
    assert json_strings(values, ensure_ascii=ascii_only) == json.dumps(
        values, ensure_ascii=ascii_only
    )
