"""The seven tables: CSV and Parquet read back to the same rows, DataFrames hold them too,
ids link the tables, and every claim points at the line it was read from."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

from tenure.api import Database
from tenure.export import dataframes
from tenure.export.common import Scope
from tenure.export.csv import read_table
from tenure.export.tables import COLUMNS, TABLES, rows
from tests.conftest import ROOT
from tests.export.conftest import ONSC, Exports

DOCS = ROOT / "docs" / "exports.md"


@pytest.fixture(scope="module")
def expected(world: tuple[Path, Path]) -> dict[str, list[dict[str, Any]]]:
    import tenure.api

    with tenure.api.open(world[0], aliases=world[1], create=False) as db:
        return {table: list(rows(Scope.of(db), table)) for table in TABLES}


@pytest.mark.parametrize("table", TABLES)
def test_csv_reads_back_to_the_same_rows(
    exported: Exports, expected: dict[str, list[dict[str, Any]]], table: str
) -> None:
    folder, _ = exported["csv"]
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == [name for name, _ in COLUMNS[table]]
    assert list(read_table(path)) == expected[table]
    assert expected[table], f"the samples should fill {table}"


@pytest.mark.parametrize("table", TABLES)
def test_parquet_reads_back_to_the_same_rows(
    exported: Exports, expected: dict[str, list[dict[str, Any]]], table: str
) -> None:
    folder, _ = exported["parquet"]
    read = pq.read_table(folder / f"{table}.parquet")
    assert read.schema.names == [name for name, _ in COLUMNS[table]]
    assert read.to_pylist() == expected[table]


def test_dataframes_hold_the_same_rows(
    db: Database, expected: dict[str, list[dict[str, Any]]]
) -> None:
    frames = dataframes(db)
    assert list(frames) == list(TABLES)
    for table, frame in frames.items():
        records = [
            {k: _plain(v) for k, v in record.items()}
            for record in frame.astype(object).to_dict("records")
        ]
        assert records == expected[table], table
    tenures = frames["tenures"]
    assert str(tenures["start"].dtype) == "string"
    assert tenures["ongoing"].dtype == bool
    assert str(frames["claims"]["line"].dtype) == "Int64"


def _plain(value: Any) -> Any:
    if value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def test_dates_keep_their_precision(expected: dict[str, list[dict[str, Any]]]) -> None:
    precisions = {"year": 4, "month": 7, "day": 10}
    seen = set()
    for table, table_rows in expected.items():
        for column, _ in COLUMNS[table]:
            if not column.endswith("_precision"):
                continue
            date_column = column.removesuffix("_precision")
            for row in table_rows:
                value, precision = row[date_column], row[column]
                assert (value is None) == (precision is None)
                if value is not None:
                    assert len(value) == precisions[precision], (table, row)
                    seen.add(precision)
    assert seen == {"year", "month", "day"}


def test_tables_link_by_ids(expected: dict[str, list[dict[str, Any]]]) -> None:
    ids = {table: {row["id"] for row in expected[table] if "id" in row} for table in TABLES}
    for row in expected["tenures"]:
        assert row["person_id"] in ids["persons"] and row["post_id"] in ids["posts"]
        assert row["org_id"] is None or row["org_id"] in ids["organizations"]
        assert set(row["claim_ids"]) <= ids["claims"]
    for row in expected["posts"]:
        assert row["org_id"] is None or row["org_id"] in ids["organizations"]
    for row in expected["organizations"]:
        assert {i for i in row["parent_ids"] if i} <= ids["organizations"]
        assert len(row["parent_ids"]) == len(row["parent_names"])
    for row in expected["names"] + expected["events"]:
        assert row["org_id"] in ids["organizations"]
    li = next(
        row
        for row in expected["tenures"]
        if row["start"] == "2014" and row["end"] == "2017" and row["status"] == "ended"
    )
    assert li["start_precision"] == "year" and li["articles"] == [ONSC]


def test_every_claim_points_at_its_line(expected: dict[str, list[dict[str, Any]]]) -> None:
    checked = 0
    for row in expected["claims"]:
        if row["line"] is None or row["text"] is None:
            continue
        lines = (ROOT / row["path"]).read_text(encoding="utf-8").splitlines()
        assert row["text"].strip() in lines[row["line"] - 1], row
        assert row["line"] == row["lines"][0]
        checked += 1
    assert checked > 300
    urls = {row["article"]: row["url"] for row in expected["claims"]}
    assert urls[ONSC] == "https://en.wikipedia.org/wiki/Office_of_the_National_Security_Commission"
    assert urls["Wang Yi"] is None


def test_docs_name_every_column() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for table, columns in COLUMNS.items():
        section = re.search(rf"^### `{table}`\n(.*?)(?=^##|\Z)", text, re.M | re.S)
        assert section is not None, f"docs/exports.md has no section for {table}"
        documented = re.findall(r"^\| `([a-z0-9_]+)` \|", section.group(1), re.M)
        assert documented == [name for name, _ in columns], table
