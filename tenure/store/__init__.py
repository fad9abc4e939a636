"""Storage: claims as the source of truth, derived tables rebuilt from them.

- :mod:`tenure.store.schema`: the tables (SQLAlchemy Core, SQLite and PostgreSQL).
- :mod:`tenure.store.base`: the :class:`Store` interface; :mod:`tenure.store.sql` its
  SQL implementation (:func:`open_store`).
- :mod:`tenure.store.claims`: an article's extraction as claim rows with deterministic ids.
- :mod:`tenure.store.ingest`: one transaction per article, diffed against what is stored.
- :mod:`tenure.store.derive`: derived tables from claims, incrementally or all at once.
"""

from __future__ import annotations

from tenure.store.base import SearchRow, Store
from tenure.store.sql import SQLStore, StoreError, open_store

__all__ = ["SQLStore", "SearchRow", "Store", "StoreError", "open_store"]
