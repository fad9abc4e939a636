"""The seven tables as pandas DataFrames, for notebooks.

    >>> frames = dataframes(tenure.open("tenure.db"))                       # doctest: +SKIP
    >>> tenures = frames["tenures"]                                         # doctest: +SKIP
    >>> tenures.merge(frames["persons"], left_on="person_id", right_on="id")  # doctest: +SKIP

Same rows and columns as the ``csv`` and ``parquet`` exports (:mod:`tenure.export.tables`):
text columns are pandas strings (missing: ``NA``), flags ``bool``, line numbers nullable
``Int64``, list columns Python lists. Dates stay ISO-prefix strings at their precision; parse
them with :func:`tenure.time.bounds` rather than ``pd.to_datetime``, which would invent days.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tenure.export.common import Scope
from tenure.export.tables import COLUMNS, TABLES, rows

if TYPE_CHECKING:
    import pandas as pd

_DTYPES = {
    "string": "string",
    "bool": "bool",
    "int": "Int64",
    "list": "object",
    "intlist": "object",
}


def dataframes(scope: Scope, tables: tuple[str, ...] = TABLES) -> dict[str, pd.DataFrame]:
    """Table name -> DataFrame for ``scope`` (the whole store: ``Scope.of(db)``)."""
    import pandas as pd

    out: dict[str, pd.DataFrame] = {}
    for table in tables:
        columns = COLUMNS[table]
        records = list(rows(scope, table))
        frame = pd.DataFrame.from_records(records, columns=[name for name, _ in columns])
        out[table] = frame.astype({name: _DTYPES[kind] for name, kind in columns})
    return out
