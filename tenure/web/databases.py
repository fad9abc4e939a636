"""One open store per server thread.

A :class:`tenure.api.Database` holds one connection, and a connection belongs to one thread.
The web app answers requests on a pool of threads, so each thread opens the store once and
keeps it: SQLite in WAL mode lets them all read while an ingest writes.
"""

from __future__ import annotations

import os
import threading

from tenure.api import Database
from tenure.api import open as open_database
from tenure.errors import UsageError


class Databases:
    """Opens the store at ``target`` once per thread, on first use in that thread.

    >>> databases = Databases("tenure.db")          # doctest: +SKIP
    >>> databases.get().counts()["articles"]        # doctest: +SKIP
    31
    """

    def __init__(
        self, target: str | os.PathLike[str], aliases: str | os.PathLike[str] | None = None
    ) -> None:
        self.target = os.fspath(target)
        if self.target in (":memory:", "sqlite://", "sqlite:///:memory:"):
            raise UsageError(
                "the web app needs a database file or URL, not an in-memory store: "
                "tenure serve --db tenure.db"
            )
        self.aliases = aliases
        self._local = threading.local()
        self._opened: list[Database] = []
        self._lock = threading.Lock()
        self.get()

    def get(self) -> Database:
        """This thread's open store."""
        db: Database | None = getattr(self._local, "db", None)
        if db is None:
            db = open_database(self.target, aliases=self.aliases)
            self._local.db = db
            with self._lock:
                self._opened.append(db)
        return db

    def close(self) -> None:
        """Close every thread's store (when the app shuts down)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for db in opened:
            db.close()
        self._local = threading.local()
