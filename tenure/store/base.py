"""The store interface: what tenure needs from a database, whatever the backend.

A backend gives connections (SQLAlchemy Core, one schema from :mod:`tenure.store.schema`),
inserts that skip rows already present, and full-text search. Everything else (ingest,
derivation, queries) is written once against this interface, so PostgreSQL is a matter of a
URL: ``tenure.open("postgresql+psycopg://host/db")``.

Implementations: :class:`tenure.store.sql.SQLStore` (any SQLAlchemy URL, SQLite tuned: WAL,
FTS5).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import ClauseElement, Connection, Table

from tenure.store import schema


@dataclass(frozen=True)
class SearchRow:
    """One hit of :meth:`Store.search_docs`: what it refers to and a snippet of the match."""

    ref: str
    kind: str
    name: str
    snippet: str
    score: float


class Prepared:
    """A compiled statement: ``prepared(conn, name=value, ...)`` runs it, returning rows.

    Skips SQLAlchemy's per-call statement building and cache lookups, for queries on the
    hot path (``who``). The SQL is compiled by the backend's own dialect.
    """

    def __init__(self, sql: str) -> None:
        self.sql = sql

    def __call__(self, conn: Connection, **params: Any) -> Sequence[Any]:
        return self.rows(conn, params)

    def rows(self, conn: Connection, params: dict[str, Any]) -> Sequence[Any]:
        """Run it with ``params``, as a call does, without gathering keywords again."""
        return conn.exec_driver_sql(self.sql, params).all()

    def many(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
        """Run the statement once per row of parameters (an INSERT or UPDATE)."""
        if rows:
            conn.exec_driver_sql(self.sql, list(rows))


class Store(ABC):
    """A database holding claims and what is derived from them."""

    url: str

    @abstractmethod
    def connect(self) -> AbstractContextManager[Connection]:
        """A connection for reading (no transaction is committed)."""

    @abstractmethod
    def begin(self) -> AbstractContextManager[Connection]:
        """A connection inside one transaction, committed on success, rolled back on error."""

    @abstractmethod
    def insert_ignore(self, conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        """Insert rows, skipping any whose primary key is already present."""

    def insert_rows(
        self,
        conn: Connection,
        table: Table,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
    ) -> None:
        """Insert rows given as tuples in ``columns`` order, skipping any whose primary key
        is already present: :meth:`insert_ignore` without a dict per row, for bulk writes."""
        if rows:
            self.insert_ignore(conn, table, [dict(zip(columns, row, strict=True)) for row in rows])

    @contextmanager
    def bulk_load(self, conn: Connection, tables: Sequence[Table]) -> Iterator[BulkLoad]:
        """A context for filling empty ``tables`` with many rows at once, inside the caller's
        transaction: a backend may drop their secondary indexes (and defer the full-text
        index of ``search_docs``) meanwhile and build them again at the end, in one pass
        each. What it yields lets the caller say when some tables are filled
        (:meth:`BulkLoad.indexing`). By default nothing changes."""
        yield BulkLoad()

    @contextmanager
    def checkpoints(self) -> Iterator[Callable[[], None]]:
        """A context for a long write: a backend may meanwhile copy what has been committed
        into its main files in the background, which it would otherwise do at a later
        commit, all at once. Yields what to call when a large part has just been committed.
        By default nothing happens."""
        yield _nothing

    @abstractmethod
    def prepare(self, stmt: ClauseElement) -> Prepared:
        """A statement compiled once for this backend, to run many times with named params."""

    def prepared(self, stmt: ClauseElement) -> Prepared:
        """:meth:`prepare`, once per statement object for this store: for statements built
        once (by a cached function) and run on a hot path (``who``, ingest)."""
        found = self._prepared.get(id(stmt))
        if found is None:
            # the statement is kept with its compiled form, so its id stays its own
            found = self._prepared[id(stmt)] = (stmt, self.prepare(stmt))
        return found[1]

    @cached_property
    def _prepared(self) -> dict[int, tuple[ClauseElement, Prepared]]:
        return {}

    def read(self, conn: Connection | None, stmt: ClauseElement, **params: Any) -> Sequence[Any]:
        """The rows of ``stmt``, run as :meth:`prepared` runs it, on ``conn`` or, when None,
        on a connection of the store's own: a question of one statement on the hot path
        (``who``) need not open a connection for it."""
        if conn is not None:
            return self.prepared(stmt).rows(conn, params)
        with self.connect() as own:
            return self.prepared(stmt).rows(own, params)

    def add_search_docs(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
        """Add rows to ``search_docs`` (ref, kind, name, text) and to its full-text index."""
        self.insert_ignore(conn, schema.search_docs, rows)

    def delete_search_docs(self, conn: Connection, refs: Sequence[str] | None = None) -> None:
        """Remove the search documents of ``refs`` (None: all of them), index included."""
        docs = schema.search_docs
        if refs is None:
            conn.execute(docs.delete())
            return
        for chunk in chunks(sorted(set(refs)), 5000):
            conn.execute(docs.delete().where(docs.c.ref.in_(chunk)))

    @abstractmethod
    def search_docs(self, conn: Connection, text: str, limit: int) -> list[SearchRow]:
        """Entity names and evidence matching ``text``, best first."""

    @property
    @abstractmethod
    def has_fts(self) -> bool:
        """True when search uses a full-text index (SQLite FTS5), False for LIKE."""

    @abstractmethod
    def integrity_check(self) -> str:
        """The backend's own consistency check; ``"ok"`` when the database is sound."""

    @abstractmethod
    def close(self) -> None:
        """Release connections and files."""


class BulkLoad:
    """What :meth:`Store.bulk_load` yields: the caller tells it which tables are filled."""

    @contextmanager
    def indexing(self, tables: Sequence[Table]) -> Iterator[None]:
        """``tables`` are filled: their indexes may be built while the body runs, which
        must then not use the connection (it computes; it writes after the block). The
        indexes are complete when the block ends. By default they are built at the end of
        the bulk load, as those of the other tables."""
        yield


def _nothing() -> None:
    pass


def chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    """Slices of at most ``size`` items, for IN lists under the backends' parameter limits."""
    for i in range(0, len(items), size):
        yield items[i : i + size]
