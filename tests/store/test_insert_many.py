"""SQLite inserts of many rows (``SQLStore.insert_rows``, ``insert_ignore``): several rows
per statement, the rest one by one, in order, with duplicates of a primary key skipped.

The statements hold as many rows as 999 parameters allow, up to 64 (``sql._inserts``): the
counts below straddle a full statement, for a narrow table and for a wide one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, select

from tenure.store.sql import MAX_PARAMETERS, ROWS_PER_INSERT, _inserts, open_store

META = MetaData()
NARROW = Table("narrow", META, Column("id", String, primary_key=True), Column("n", Integer))
WIDE = Table(
    "wide",
    META,
    Column("id", String, primary_key=True),
    *(Column(f"c{i}", Integer) for i in range(39)),
)


def test_a_statement_holds_as_many_rows_as_its_parameters_allow() -> None:
    assert _inserts("INSERT INTO t (a) VALUES ", 1)[2] == ROWS_PER_INSERT
    assert _inserts("INSERT INTO t (a) VALUES ", 40)[2] == MAX_PARAMETERS // 40 < ROWS_PER_INSERT
    assert _inserts("INSERT INTO t (a) VALUES ", 2000)[2] == 1
    one, many, size = _inserts("INSERT INTO t (a, b) VALUES ", 2)
    assert one == "INSERT INTO t (a, b) VALUES (?, ?)"
    assert many.count("(?, ?)") == size


@pytest.mark.parametrize("count", [0, 1, 23, 24, 25, 63, 64, 65, 129, 200])
@pytest.mark.parametrize("table", [NARROW, WIDE], ids=["narrow", "wide"])
def test_every_row_is_written_in_order(tmp_path: Path, table: Table, count: int) -> None:
    store = open_store(tmp_path / "t.db")
    try:
        with store.begin() as conn:
            table.create(conn)
            columns = [c.name for c in table.columns]
            rows = [(f"r{i:04d}", *range(i, i + len(columns) - 1)) for i in range(count)]
            store.insert_rows(conn, table, columns, rows)
            # Read again in insertion (rowid) order: what was asked, in the order asked.
            stored = [tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {table.name}")]
        assert stored == rows
    finally:
        store.close()


def test_duplicates_in_one_statement_and_across_calls_are_skipped(tmp_path: Path) -> None:
    store = open_store(tmp_path / "t.db")
    try:
        with store.begin() as conn:
            NARROW.create(conn)
            first = [(f"r{i % 50:04d}", i) for i in range(100)]  # each id twice, 50 apart
            store.insert_rows(conn, NARROW, ["id", "n"], first)
            store.insert_ignore(conn, NARROW, [{"id": "r0000", "n": -1}, {"id": "new", "n": 7}])
            stored = dict(conn.execute(select(NARROW.c.id, NARROW.c.n)).all())
        assert len(stored) == 51
        assert stored["r0000"] == 0  # the first row of an id wins, as INSERT OR IGNORE says
        assert stored["r0049"] == 49
        assert stored["new"] == 7
    finally:
        store.close()
