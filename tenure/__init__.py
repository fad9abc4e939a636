"""tenure: read articles about state institutions into a temporal knowledge graph."""

from __future__ import annotations

import os as _os
import typing as _typing

# First: it decides whether the compiled modules or their sources are imported (see there).
from tenure import native as _native  # noqa: F401
from tenure.errors import TenureError
from tenure.extract import extract_document, extract_path
from tenure.model import Event, Evidence, Extraction, Tenure
from tenure.sources import Document, read_path

if _typing.TYPE_CHECKING:
    from tenure.api import Database

__version__ = "0.1.0"


def open(
    db: str | _os.PathLike[str] | None = None,
    *,
    aliases: str | _os.PathLike[str] | None = None,
    create: bool = True,
) -> Database:
    """Open a tenure store (path, ``:memory:`` or URL; default ``$TENURE_DB`` or
    ``./tenure.db``): ``tenure.open("tenure.db").who("Director", org="...", on="2016")``.
    See :mod:`tenure.api`."""
    from tenure.api import open as open_database

    return open_database(db, aliases=aliases, create=create)


__all__ = [
    "Document",
    "Event",
    "Evidence",
    "Extraction",
    "Tenure",
    "TenureError",
    "__version__",
    "extract_document",
    "extract_path",
    "open",
    "read_path",
]
