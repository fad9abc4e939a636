"""Full-text search over names (organizations, persons, posts) and evidence text.

SQLite uses its FTS5 index (ranked by bm25, names weighing more than evidence); other
backends use LIKE. Each hit says what it refers to.
"""

from __future__ import annotations

from sqlalchemy import Connection

from tenure.errors import UsageError
from tenure.query.results import SearchHit
from tenure.store.base import Store


def search(store: Store, conn: Connection, text: str, limit: int = 20) -> list[SearchHit]:
    """Organizations, persons and claims matching ``text``, best first."""
    if not text.strip():
        raise UsageError('Search for something: tenure search "National Security".')
    if limit < 1:
        raise UsageError("--limit must be at least 1.")
    return [
        SearchHit(row.kind, row.ref, row.name, row.snippet, row.score)
        for row in store.search_docs(conn, text, limit)
    ]
