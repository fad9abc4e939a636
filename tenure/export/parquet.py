"""A folder of Parquet files, one per table (:mod:`tenure.export.tables`), written with pyarrow.

    tenure export --format parquet --out graph/   # graph/organizations.parquet ...

Text columns are ``string``, flags ``bool``, line numbers ``int64``, list columns
``list<string>`` (``lines``: ``list<int64>``); dates stay ISO-prefix strings at their
precision. Rows are written in row groups of :data:`ROW_GROUP` so memory stays flat.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from tenure.export.common import Counter, Scope, batched
from tenure.export.tables import COLUMNS, TABLES, ColumnType, rows

ROW_GROUP = 20_000

_TYPES: dict[ColumnType, Any] = {
    "string": pa.string(),
    "bool": pa.bool_(),
    "int": pa.int64(),
    "list": pa.list_(pa.string()),
    "intlist": pa.list_(pa.int64()),
}


def schema(table: str) -> Any:
    """The Arrow schema of one table."""
    return pa.schema([pa.field(name, _TYPES[kind]) for name, kind in COLUMNS[table]])


def write(scope: Scope, folder: Path, counter: Counter) -> list[Path]:
    """Write every table of ``scope`` into ``folder`` (created if missing); return the files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        path = folder / f"{table}.parquet"
        arrow_schema = schema(table)
        with pq.ParquetWriter(path, arrow_schema, compression="zstd") as writer:
            empty = True
            for batch in batched(rows(scope, table), ROW_GROUP):
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=arrow_schema))
                counter.add(table, len(batch))
                empty = False
            if empty:
                writer.write_table(arrow_schema.empty_table())
        written.append(path)
    return written
