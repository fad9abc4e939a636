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

from tenure.export.common import Counter, Scope
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
        names = [field.name for field in arrow_schema]
        with pq.ParquetWriter(path, arrow_schema, compression="zstd") as writer:
            columns: list[list[Any]] = [[] for _ in names]
            count = 0
            for row in rows(scope, table):
                for values, name in zip(columns, names, strict=True):
                    values.append(row[name])
                count += 1
                if count == ROW_GROUP:
                    _flush(writer, arrow_schema, columns)
                    counter.add(table, count)
                    count = 0
            if count:
                _flush(writer, arrow_schema, columns)
                counter.add(table, count)
        written.append(path)
    return written


def _flush(writer: Any, arrow_schema: Any, columns: list[list[Any]]) -> None:
    """Write the gathered column values as one row group."""
    arrays = [
        pa.array(values, type=field.type)
        for values, field in zip(columns, arrow_schema, strict=True)
    ]
    writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=arrow_schema))
    for values in columns:
        values.clear()
