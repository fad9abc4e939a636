"""The SQL store: SQLite by default, any SQLAlchemy URL later (PostgreSQL).

    >>> store = open_store("tenure.db")                 # doctest: +SKIP
    >>> with store.connect() as conn: ...               # doctest: +SKIP

SQLite files run in WAL mode with ``synchronous=NORMAL`` (a crash loses at most the last
transactions, never consistency) and foreign keys on; the schema is created or migrated when
the store opens. Search uses an FTS5 index over ``search_docs``, kept in step by
:meth:`SQLStore.add_search_docs` and :meth:`SQLStore.delete_search_docs`; where FTS5 is
missing (or on another backend) it falls back to LIKE.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import chain
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    ClauseElement,
    Connection,
    Engine,
    Index,
    Table,
    create_engine,
    event,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import NullPool, StaticPool
from sqlalchemy.schema import CreateIndex

from tenure.errors import TenureError, UsageError
from tenure.store import schema
from tenure.store.base import BulkLoad, Prepared, SearchRow, Store, chunks

FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "name, text, content='search_docs', content_rowid='rowid', "
    "tokenize='unicode61 remove_diacritics 2')",
    # The index is kept in step by add_search_docs / delete_search_docs, a statement for many
    # rows: per-row triggers (what older versions used) cost five times as much.
    "DROP TRIGGER IF EXISTS search_docs_ai",
    "DROP TRIGGER IF EXISTS search_docs_ad",
)

MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: ("DROP INDEX IF EXISTS ix_claims_kind",),
    3: (
        "DROP INDEX IF EXISTS ix_org_names_key",
        'CREATE INDEX ix_org_names_key ON org_names ("key", org_id)',
        "DROP INDEX IF EXISTS ix_posts_org_key",
        'CREATE INDEX ix_posts_org_key ON posts (org_id, "key", id, title, single_holder)',
    ),
}
"""SQL to bring a database from version N-1 to N, keyed by N, run in the transaction that
records N (see :data:`tenure.store.schema.SCHEMA_VERSION` for what each version changed)."""


def _without_rowid(table: str, columns: str) -> tuple[str, ...]:
    """A table made anew ``WITHOUT ROWID`` (SQLite cannot alter that), its rows kept."""
    names = ", ".join(c.split(" ", 1)[0] for c in columns.split(", "))
    return (
        f"CREATE TABLE {table}_v4 ({columns}, PRIMARY KEY (id)) WITHOUT ROWID",
        f"INSERT INTO {table}_v4 ({names}) SELECT {names} FROM {table}",
        f"DROP TABLE {table}",
        f"ALTER TABLE {table}_v4 RENAME TO {table}",
    )


SQLITE_MIGRATIONS: dict[int, tuple[str, ...]] = {
    4: (
        *_without_rowid(
            "persons",
            'id VARCHAR(32) NOT NULL, name TEXT NOT NULL, "key" TEXT NOT NULL, '
            "born VARCHAR(10), died VARCHAR(10), wikidata VARCHAR(32), articles TEXT NOT NULL",
        ),
        *_without_rowid(
            "organizations",
            'id VARCHAR(32) NOT NULL, name TEXT NOT NULL, "key" TEXT NOT NULL, type TEXT, '
            "jurisdiction TEXT, headquarters TEXT, formed VARCHAR(10), dissolved VARCHAR(10), "
            "website TEXT, wikidata VARCHAR(32), articles TEXT NOT NULL",
        ),
    ),
}
"""What SQLite alone runs after :data:`MIGRATIONS` of the same version (PostgreSQL keeps its
tables as they are)."""


class StoreError(TenureError):
    """The database could not be opened or used; the message says which file and why."""


def now() -> str:
    """A UTC timestamp for first_seen / last_seen."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_url(db: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL from a path (``tenure.db``), ``:memory:`` or a URL as is."""
    text_db = os.fspath(db)
    if "://" in text_db:
        return text_db
    if text_db == ":memory:":
        return "sqlite://"
    return f"sqlite:///{os.path.abspath(text_db)}"


class SQLStore(Store):
    """A :class:`~tenure.store.base.Store` over SQLAlchemy Core."""

    def __init__(self, url: str, *, create: bool = True) -> None:
        self.url = url
        self.engine: Engine
        self._path: str | None = None
        """The SQLite file, None for a database in memory or another backend."""
        is_sqlite = url.startswith("sqlite")
        if is_sqlite:
            path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None
            if path:
                folder = os.path.dirname(path) or "."
                if not os.path.isdir(folder):
                    raise UsageError(f"{path}: folder {folder} does not exist.")
                if not create and not os.path.exists(path):
                    raise UsageError(
                        f"{path}: no database here yet; run `tenure ingest` first or pass --db."
                    )
            memory = path is None
            self._path = path
            self.engine = create_engine(
                url,
                poolclass=StaticPool if memory else NullPool,
                connect_args={"check_same_thread": False, "timeout": 30},
            )
            _quick_adapters()
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        else:
            self.engine = create_engine(url)
        self.is_sqlite = is_sqlite
        self._fts = False
        self._fts_deferred = False
        """True while a bulk load fills ``search_docs``: its full-text index is built at the
        end rather than as rows come."""
        self._inserts: dict[tuple[str, tuple[str, ...]], Inserts] = {}
        """:func:`_inserts` of each table and columns inserted into."""
        self._conn: Connection | None = None
        try:
            self._conn = self.engine.connect()
            self.migrate()
        except DBAPIError as exc:
            raise StoreError(f"{url}: cannot open the database: {exc.orig}") from exc

    # -- connections --------------------------------------------------------------------------

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        conn = self._connection()
        try:
            yield conn
        finally:
            if conn.in_transaction() and not conn.info.get("write"):
                conn.rollback()

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        conn = self._connection()
        if conn.in_transaction():
            conn.rollback()
        conn.info["write"] = True
        try:
            with conn.begin():
                yield conn
        finally:
            conn.info["write"] = False

    def _connection(self) -> Connection:
        if self._conn is None or self._conn.closed:
            self._conn = self.engine.connect()
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self.engine.dispose()

    @contextmanager
    def checkpoints(self) -> Iterator[Callable[[], None]]:
        if self._path is None:
            with super().checkpoints() as wake:
                yield wake
            return
        checkpointer = _Checkpointer(self._path)
        try:
            yield checkpointer.wake
        finally:
            checkpointer.stop()

    # -- schema -------------------------------------------------------------------------------

    def migrate(self) -> None:
        """Create the schema, or bring an older one to :data:`schema.SCHEMA_VERSION`."""
        with self.begin() as conn:
            schema.metadata.create_all(conn)
            current = conn.execute(
                select(schema.schema_version.c.version)
                .order_by(schema.schema_version.c.version.desc())
                .limit(1)
            ).scalar()
            if current is None:
                conn.execute(
                    schema.schema_version.insert().values(
                        version=schema.SCHEMA_VERSION, applied_at=now()
                    )
                )
            elif current > schema.SCHEMA_VERSION:
                raise StoreError(
                    f"{self.url}: made by a newer tenure (schema {current} > "
                    f"{schema.SCHEMA_VERSION}); upgrade tenure to read it."
                )
            else:
                for version in range(current + 1, schema.SCHEMA_VERSION + 1):
                    statements = MIGRATIONS.get(version, ())
                    if self.is_sqlite:
                        statements += SQLITE_MIGRATIONS.get(version, ())
                    for statement in statements:
                        conn.execute(text(statement))
                    conn.execute(
                        schema.schema_version.insert().values(version=version, applied_at=now())
                    )
            if self.is_sqlite:
                try:
                    for statement in FTS_DDL:
                        conn.exec_driver_sql(statement)
                    self._fts = True
                except DBAPIError:
                    self._fts = False

    @property
    def has_fts(self) -> bool:
        return self._fts

    # -- writing ------------------------------------------------------------------------------

    def insert_ignore(self, conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        if self.is_sqlite:
            # Bound by position rather than by name: sqlite3 looks a named parameter up in
            # each row by a string it makes anew for every value.
            columns = tuple(rows[0])
            self.insert_rows(conn, table, columns, list(map(_values_of(columns), rows)))
        elif self.engine.dialect.name == "postgresql":
            conn.execute(postgresql.insert(table).on_conflict_do_nothing(), list(rows))
        else:
            keys = [c.name for c in table.primary_key.columns]
            for row in rows:
                where = [table.c[k] == row[k] for k in keys]
                if conn.execute(select(table.c[keys[0]]).where(*where)).first() is None:
                    conn.execute(table.insert().values(**row))

    def insert_rows(
        self,
        conn: Connection,
        table: Table,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
    ) -> None:
        if not rows:
            return
        if not self.is_sqlite:
            super().insert_rows(conn, table, columns, rows)
            return
        key = (table.name, tuple(columns))
        statements = self._inserts.get(key)
        if statements is None:
            names = ", ".join(f'"{c}"' for c in columns)
            statements = self._inserts[key] = _inserts(
                f'INSERT OR IGNORE INTO "{table.name}" ({names}) VALUES ', len(columns)
            )
        _insert_many(_driver(conn), statements, rows)

    @contextmanager
    def bulk_load(self, conn: Connection, tables: Sequence[Table]) -> Iterator[BulkLoad]:
        if not self.is_sqlite:
            yield BulkLoad()
            return
        driver = _driver(conn)
        indexed = self._fts and schema.search_docs in tables
        load = _SQLiteBulkLoad(driver, tables, _last_doc(driver) if indexed else None)
        for table in tables:
            for index in table.indexes:
                driver.execute(f'DROP INDEX IF EXISTS "{index.name}"')
        self._fts_deferred = indexed
        try:
            yield load
        finally:
            self._fts_deferred = False
        load.build(list(load.pending))

    def add_search_docs(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        if not self._fts:
            super().add_search_docs(conn, rows)
            return
        driver = _driver(conn)
        last = None if self._fts_deferred else _last_doc(driver)
        _insert_many(driver, _SEARCH_DOC_INSERTS, list(map(_SEARCH_DOC, rows)))
        if last is not None:
            _index_docs(driver, last)

    def delete_search_docs(self, conn: Connection, refs: Sequence[str] | None = None) -> None:
        if not self._fts:
            super().delete_search_docs(conn, refs)
            return
        driver = _driver(conn)
        if refs is None:
            driver.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
            driver.execute("DELETE FROM search_docs")
            return
        for chunk in chunks(sorted(set(refs)), 5000):
            marks = ", ".join("?" * len(chunk))
            driver.execute(
                "INSERT INTO search_fts (search_fts, rowid, name, text) "
                f"SELECT 'delete', rowid, name, text FROM search_docs WHERE ref IN ({marks})",
                list(chunk),
            )
            driver.execute(f"DELETE FROM search_docs WHERE ref IN ({marks})", list(chunk))

    def read(self, conn: Connection | None, stmt: ClauseElement, **params: Any) -> Sequence[Any]:
        if not self.is_sqlite:
            return super().read(conn, stmt, **params)
        # On the connection connect() hands out but without connect()'s context: the read
        # opens no transaction (_SQLitePrepared runs on the sqlite3 connection under it).
        return self.prepared(stmt).rows(conn if conn is not None else self._connection(), params)

    def prepare(self, stmt: ClauseElement) -> Prepared:
        if self.is_sqlite:
            return _SQLitePrepared(str(stmt.compile(dialect=sqlite.dialect(paramstyle="named"))))
        return Prepared(str(stmt.compile(dialect=self.engine.dialect)))

    # -- search -------------------------------------------------------------------------------

    def search_docs(self, conn: Connection, query: str, limit: int) -> list[SearchRow]:
        words = re.findall(r"\w+", query)
        if not words:
            return []
        if self._fts:
            match = " ".join('"' + w.replace('"', "") + '"' for w in words)
            if query.rstrip().endswith("*") or len(words[-1]) >= 3:
                match += "*"
            try:
                rows = conn.exec_driver_sql(
                    "SELECT d.ref, d.kind, d.name, "
                    "snippet(search_fts, 1, '[', ']', '…', 12), bm25(search_fts, 4.0, 1.0) "
                    "FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid "
                    "WHERE search_fts MATCH ? ORDER BY bm25(search_fts, 4.0, 1.0), d.ref LIMIT ?",
                    (match, limit),
                ).all()
                return [SearchRow(r[0], r[1], r[2], r[3] or r[2], float(r[4])) for r in rows]
            except SQLAlchemyError:
                pass
        docs = schema.search_docs
        stmt = select(docs.c.ref, docs.c.kind, docs.c.name, docs.c.text)
        for w in words:
            pattern = f"%{w}%"
            stmt = stmt.where(docs.c.name.ilike(pattern) | docs.c.text.ilike(pattern))
        rows = conn.execute(stmt.order_by(docs.c.kind, docs.c.ref).limit(limit)).all()
        return [SearchRow(r[0], r[1], r[2], _snippet(r[3], words), 0.0) for r in rows]

    def integrity_check(self) -> str:
        if not self.is_sqlite:
            return "ok"
        with self.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA integrity_check").scalar())


class _SQLitePrepared(Prepared):
    """Runs on the driver's connection directly: no result-proxy setup per call."""

    def rows(self, conn: Connection, params: dict[str, Any]) -> Sequence[Any]:
        found: list[Any] = _driver(conn).execute(self.sql, params).fetchall()
        return found

    def many(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            _driver(conn).executemany(self.sql, rows)


ROWS_PER_INSERT = 64
"""Rows a SQLite insert of many rows writes per statement (:func:`_insert_many`), at most."""
MAX_PARAMETERS = 999
"""Parameters a SQLite statement may have wherever it was built (32,766 since 3.32)."""

Inserts = tuple[str, str, int]
"""An INSERT of one row, the same INSERT of many rows, and how many (:func:`_inserts`)."""


def _inserts(head: str, width: int) -> Inserts:
    """``head`` (an INSERT up to its VALUES) with one row of ``width`` parameters, and with
    as many rows, up to :data:`ROWS_PER_INSERT`, as :data:`MAX_PARAMETERS` allows."""
    row = "(" + ", ".join("?" * width) + ")"
    size = max(1, min(ROWS_PER_INSERT, MAX_PARAMETERS // width))
    return head + row, head + ", ".join([row] * size), size


def _insert_many(driver: Any, inserts: Inserts, rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` (tuples in the order of the statements' columns) with the statements
    of :func:`_inserts`, in order: as many rows per statement as it takes, the rest one by
    one.

    sqlite3 steps a statement once per row it is given, and a step costs about what binding
    a row's values does (it releases and takes back the GIL, resets the statement): one
    statement for many rows binds the same values in a fraction of the steps.
    """
    one, many, size = inserts
    full = len(rows) - len(rows) % size
    if full:
        flat = chain.from_iterable
        driver.executemany(many, [tuple(flat(rows[i : i + size])) for i in range(0, full, size)])
    if full < len(rows):
        driver.executemany(one, rows[full:])


_SEARCH_DOC = itemgetter("ref", "kind", "name", "text")
_SEARCH_DOC_INSERTS = _inserts("INSERT INTO search_docs (ref, kind, name, text) VALUES ", 4)


def _values_of(columns: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A row's values in the order of ``columns``, as a tuple."""
    if len(columns) == 1:
        (column,) = columns
        return lambda row: (row[column],)
    return itemgetter(*columns)


def _name(index: Index) -> str:
    return str(index.name)


class _Checkpointer:
    """Copies the committed part of a SQLite file's write-ahead log into the file, on a
    thread of its own with a connection of its own, while a long write goes on.

    In WAL mode SQLite checkpoints at the commit that takes the log past
    ``wal_autocheckpoint`` pages, in the committing thread, and a first ingest of 2,000
    articles got there at the rebuild's commit, with 17,000 pages of claims written before
    it (0.22-0.27 s). Checkpointed here meanwhile (PASSIVE: never waiting for the writer or
    readers), they are copied while the rebuild computes; the log then starts again, and
    only the rebuild's pages are left for later. sqlite3 lets go of the GIL while SQLite
    checkpoints.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._changed = threading.Condition()
        self._asked = False
        """A checkpoint was asked for (:meth:`wake`) and has not begun."""
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="tenure-checkpoint", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Checkpoint now: much has just been committed."""
        with self._changed:
            self._asked = True
            self._changed.notify()

    def stop(self) -> None:
        """End the thread, once the checkpoint asked for is done."""
        with self._changed:
            self._stopping = True
            self._changed.notify()
        self._thread.join()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error:
            return  # the writer's own checkpoints still happen
        try:
            while True:
                with self._changed:
                    while not (self._asked or self._stopping):
                        self._changed.wait()
                    if not self._asked:
                        break
                    self._asked = False
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            pass  # a checkpoint that could not run is left to the writer's, as without one
        finally:
            conn.close()


class _SQLiteBulkLoad(BulkLoad):
    """A SQLite bulk load: the dropped indexes of each table (``CREATE INDEX`` statements)
    still to build, and where the rows of ``search_docs`` not yet in its full-text index
    begin (None: that index is kept in step as rows come)."""

    def __init__(self, driver: Any, tables: Sequence[Table], docs_from: int | None) -> None:
        self.driver = driver
        self.docs_from = docs_from
        self.pending: dict[str, list[str]] = {
            table.name: [
                str(CreateIndex(index).compile(dialect=_SQLITE))
                for index in sorted(table.indexes, key=_name)
            ]
            for table in tables
        }

    def build(self, names: Sequence[str]) -> None:
        """Build the indexes of the tables ``names`` that are still pending."""
        for name in names:
            for statement in self.pending.pop(name, ()):
                self.driver.execute(statement)
            if name == "search_docs" and self.docs_from is not None:
                _index_docs(self.driver, self.docs_from)
                self.docs_from = None

    @contextmanager
    def indexing(self, tables: Sequence[Table]) -> Iterator[None]:
        """Build the indexes of ``tables`` on a thread while the body runs. sqlite3 lets go
        of the GIL while SQLite steps a statement, and building an index or the full-text
        index is one long step each: they run on the other core meanwhile (the mentions'
        key index and the full-text index are a tenth of a rebuild)."""
        names = [table.name for table in tables]
        failed: list[BaseException] = []

        def build() -> None:
            try:
                self.build(names)
            except BaseException as exc:  # raised again in the caller's thread
                failed.append(exc)

        worker = threading.Thread(target=build, name="tenure-indexing", daemon=True)
        worker.start()
        try:
            yield
        finally:
            worker.join()
        if failed:
            raise failed[0]


_SQLITE = sqlite.dialect()


def _last_doc(driver: Any) -> int:
    """The last rowid of ``search_docs``: rows added after it are not in the full-text index."""
    return int(driver.execute("SELECT coalesce(max(rowid), 0) FROM search_docs").fetchone()[0])


def _index_docs(driver: Any, last: int) -> None:
    """Add the rows of ``search_docs`` after rowid ``last`` to its full-text index."""
    driver.execute(
        "INSERT INTO search_fts (rowid, name, text) "
        "SELECT rowid, name, text FROM search_docs WHERE rowid > ?",
        (last,),
    )


def _driver(conn: Connection) -> Any:
    """The sqlite3 connection under a SQLAlchemy one, for statements on the hot path."""
    driver = conn.connection.driver_connection
    assert driver is not None
    return driver


def _snippet(text_value: str, words: list[str], width: int = 80) -> str:
    lowered = text_value.casefold()
    at = min((lowered.find(w.casefold()) for w in words if w.casefold() in lowered), default=0)
    start = max(at - width // 2, 0)
    return ("…" if start else "") + text_value[start : start + width]


def _quick_adapters() -> None:
    """Adapters for None and bool that bind what sqlite3 binds for them anyway (NULL, 0 or 1),
    found at once.

    sqlite3 binds str, int and float as they are, but looks every other value up as an
    adapter, then asks the ``PrepareProtocol`` class and the value itself to adapt it (an
    ``AttributeError`` made and dropped each time) before binding it as it is: a few thousand
    instructions for each NULL or boolean a rebuild writes, about a tenth of its inserts.
    With an adapter registered, the first lookup finds it. Registered for the process, as
    sqlite3 keeps adapters, which changes nothing another user of sqlite3 would see.
    """
    sqlite3.register_adapter(type(None), _NOTHING.get)
    sqlite3.register_adapter(bool, int)


_NOTHING: dict[None, None] = {}
"""Its ``get`` answers None for None, a call in C."""


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.execute("PRAGMA cache_size=-65536")
    # Checkpoints (copying the WAL into the database, with fsyncs) every 80 MB rather than
    # every 4 MB: a long ingest commits often, and each checkpoint stalls it.
    cursor.execute("PRAGMA wal_autocheckpoint=20000")
    cursor.execute("PRAGMA mmap_size=2147418112")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    """Writes take the write lock at once; reads run each statement on its own snapshot."""
    if conn.info.get("write"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def open_store(db: str | os.PathLike[str], *, create: bool = True) -> SQLStore:
    """Open (creating and migrating) the store at a path or URL."""
    return SQLStore(to_url(db), create=create)
