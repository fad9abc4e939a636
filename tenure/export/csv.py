"""A folder of CSV files, one per table (:mod:`tenure.export.tables`), UTF-8 with a header.

    tenure export --format csv --out graph/       # graph/organizations.csv, graph/tenures.csv ...

Cells: text as is; an empty cell is "none" (no date, no role); booleans ``true`` / ``false``;
list columns (``aliases``, ``claim_ids``, ``parent_ids`` ...) as JSON arrays; dates as the
ISO prefixes the sources wrote. :func:`read_table` reads a file back into typed rows.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tenure.export.common import Counter, Scope
from tenure.export.tables import COLUMNS, TABLES, ColumnType, rows


def write(scope: Scope, folder: Path, counter: Counter) -> list[Path]:
    """Write every table of ``scope`` into ``folder`` (created if missing); return the files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        path = folder / f"{table}.csv"
        columns = COLUMNS[table]
        names = [name for name, _ in columns]
        special = [(i, kind) for i, (_, kind) in enumerate(columns) if kind not in _AS_IS]
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(names)
            for row in rows(scope, table):
                cells = [row[name] for name in names]
                for i, kind in special:
                    cells[i] = encode(cells[i], kind)
                writer.writerow(cells)
                counter.add(table)
        written.append(path)
    return written


_AS_IS = ("string", "int")
"""Column types the csv module writes as :func:`encode` would (None as "", ints as digits)."""
_JSON = json.JSONEncoder(ensure_ascii=False).encode


def encode(value: Any, kind: ColumnType) -> str:
    """One cell's text: "" for None, true/false, JSON for lists."""
    if value is None:
        return ""
    if kind == "bool":
        return "true" if value else "false"
    if kind in ("list", "intlist"):
        return _JSON(value)
    return str(value)


def decode(text: str, kind: ColumnType) -> Any:
    """The value :func:`encode` wrote."""
    if kind in ("list", "intlist"):
        return json.loads(text) if text else []
    if text == "":
        return None
    if kind == "bool":
        return text == "true"
    if kind == "int":
        return int(text)
    return text


def read_table(path: Path, table: str | None = None) -> Iterator[dict[str, Any]]:
    """The rows of one written CSV file, typed as :data:`~tenure.export.tables.COLUMNS` says."""
    name = table or path.stem
    kinds = dict(COLUMNS[name])
    with path.open(encoding="utf-8", newline="") as fh:
        for record in csv.DictReader(fh):
            yield {key: decode(value, kinds[key]) for key, value in record.items()}
