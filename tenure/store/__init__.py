"""Storage: claims as the source of truth, derived tables rebuilt from them.

- :mod:`tenure.store.schema`: the tables (SQLAlchemy Core, SQLite and PostgreSQL).
- :mod:`tenure.store.base`: the :class:`Store` interface; :mod:`tenure.store.sql` its
  SQL implementation (:func:`open_store`).
- :mod:`tenure.store.claims`: an article's extraction as claim rows with deterministic ids.
- :mod:`tenure.store.ingest`: whole articles per transaction, diffed against what is stored.
- :mod:`tenure.store.derive`: derived tables from claims, by :mod:`~tenure.store.rebuild`
  (all at once) or :mod:`~tenure.store.update` (following changes), both computing rows with
  :mod:`~tenure.store.entities`, :mod:`~tenure.store.holdings` and
  :mod:`~tenure.store.orgfacts`.
"""

from __future__ import annotations

from tenure.store.base import SearchRow, Store
from tenure.store.sql import SQLStore, StoreError, open_store

__all__ = ["SQLStore", "SearchRow", "Store", "StoreError", "open_store"]
