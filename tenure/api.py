"""The Python API: open a store, ingest articles, ask it questions.

    >>> import tenure
    >>> db = tenure.open("tenure.db")                                  # doctest: +SKIP
    >>> db.ingest(["samples/"]).claims_new                             # doctest: +SKIP
    412
    >>> answer = db.who("Director", org="Office of the National Security Commission",
    ...                 on="2017-06-01")                               # doctest: +SKIP
    >>> [(h.tenure.person.name, h.certainty) for h in answer.holders]  # doctest: +SKIP
    [('Li Zhanshu', 'possible'), ('Ding Xuexiang', 'possible')]

:func:`open` takes a path, ``:memory:`` or a SQLAlchemy URL (default ``$TENURE_DB`` or
``./tenure.db``) and an alias file (default ``$TENURE_ALIASES`` or ``./tenure-aliases.yaml``).
Every answer is a dataclass from :mod:`tenure.query.results` with a ``to_dict()``, and carries
the evidence (article, path, line, text) it rests on. Names match any alias, ignoring case;
an unknown name raises :class:`~tenure.errors.NotFound` with suggestions.
"""

from __future__ import annotations

import gc
import os
import threading
import time as clock
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from types import TracebackType
from typing import Any

from sqlalchemy import delete, func, select

from tenure import fanout, query
from tenure.errors import ReadError
from tenure.extract import extract, failed_read
from tenure.model import Diagnostic, Extraction
from tenure.query import browse
from tenure.query.lineage import lineage as query_lineage
from tenure.query.results import (
    ArticleInfo,
    AsOf,
    Career,
    ClaimInfo,
    Conflict,
    EventInfo,
    Lineage,
    OrgProfile,
    OrgRef,
    PersonInfo,
    PersonRef,
    PostRef,
    SearchHit,
    Succession,
    TenureInfo,
    WhoAnswer,
)
from tenure.resolve import AliasEntry, Resolver, load_resolver
from tenure.sources import Document, read_path
from tenure.store import Store, open_store
from tenure.store import schema as s
from tenure.store.claims import ClaimRow, claims_from_extraction
from tenure.store.derive import REBUILD_SHARE, no_gc, refresh
from tenure.store.ingest import ArticleOutcome, ArticleWriter
from tenure.store.records import WrittenClaim
from tenure.store.sql import now

DEFAULT_DB = "tenure.db"
ENV_DB = "TENURE_DB"
ZERO_SHA = "0" * 64
SMALL_BATCH = 64
"""Fewer files than this are read in this process: starting workers would cost more."""
YOUNG_GC_EVERY = 100
FULL_GC_EVERY = 20_000
"""While an ingest writes, Python's cycle collector runs on young objects every
:data:`YOUNG_GC_EVERY` articles, and on everything every :data:`FULL_GC_EVERY`: left to
itself it would rescan all the ingest keeps for the rebuild (and whatever else the process
holds) again and again, for garbage that reference counting frees almost all of."""

Progress = Callable[[int, int, str], None]
"""Called after each file: (files done, files in all, path)."""


@dataclass
class IngestReport:
    """What one ``ingest`` did: an outcome per file and the totals."""

    articles: list[ArticleOutcome] = field(default_factory=list)
    seconds: float = 0.0
    rebuilt: bool = False
    warnings: list[str] = field(default_factory=list)
    """About the ingest as a whole, each naming its file (e.g. two files of one title)."""

    @property
    def failed(self) -> list[ArticleOutcome]:
        return [a for a in self.articles if a.status == "failed"]

    @property
    def claims_new(self) -> int:
        return sum(a.claims_new for a in self.articles)

    @property
    def claims_retired(self) -> int:
        return sum(a.claims_retired for a in self.articles)

    @property
    def claims_unchanged(self) -> int:
        return sum(a.claims_unchanged for a in self.articles)

    def totals(self) -> dict[str, int]:
        statuses = [a.status for a in self.articles]
        severities = [d.severity for a in self.articles for d in a.diagnostics]
        return {
            "files": len(self.articles),
            "articles_new": statuses.count("new"),
            "articles_changed": statuses.count("changed"),
            "articles_unchanged": statuses.count("unchanged"),
            "articles_failed": statuses.count("failed"),
            "claims_new": self.claims_new,
            "claims_retired": self.claims_retired,
            "claims_unchanged": self.claims_unchanged,
            "diagnostics_error": severities.count("error"),
            "diagnostics_warning": severities.count("warning"),
            "diagnostics_info": severities.count("info"),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "totals": self.totals(),
            "seconds": round(self.seconds, 3),
            "rebuilt": self.rebuilt,
            "warnings": self.warnings,
            "articles": [a.to_dict() for a in self.articles],
        }


def read_article(path: str) -> tuple[Extraction, list[ClaimRow]]:
    """Read, extract and turn one file into claim rows; never raises for bad input."""
    try:
        document = read_path(path)
    except ReadError as exc:
        return failed_read(path, exc), []
    try:
        extraction = extract(document)
    except Exception as exc:  # an extractor bug must not stop a batch
        extraction = failed_read(path, ReadError(path, f"extraction failed: {exc!r}"))
        return extraction, []
    return extraction, claims_from_extraction(extraction, document)


class Database:
    """A tenure store and the questions it answers. Make one with :func:`tenure.open`."""

    def __init__(self, store: Store, resolver: Resolver, today: date | None = None) -> None:
        self.store = store
        self.resolver = resolver
        self.today = today

    # -- lifecycle ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return self.store.url

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def stale(self) -> bool:
        """True when the alias rules changed since the derived tables were built."""
        with self.store.connect() as conn:
            stored = conn.execute(select(s.meta.c.value).where(s.meta.c.key == "resolver")).scalar()
            if stored is None:
                return conn.execute(select(s.claims.c.id).limit(1)).first() is not None
        return bool(stored != self.resolver.config.fingerprint())

    # -- writing ------------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        workers: int | None = None,
        progress: Progress | None = None,
        derive_every: int = 0,
    ) -> IngestReport:
        """Read article files into the store, whole articles per transaction.

        Files that cannot be read are reported (status ``failed``) and skipped; everything
        else is stored. ``workers`` processes read and extract in parallel (default: one per
        core; a few files are read in this process), a few files ahead of the store, which
        this process alone writes meanwhile, in the files' order. Derived
        tables are brought up to date at the end, and also every ``derive_every`` articles
        when that is above 0 (fresher tables while a long ingest runs, at a cost in speed).
        """
        files = [os.fspath(p) for p in paths]
        workers = _workers(workers, len(files))
        if workers == 1 and len(files) < SMALL_BATCH:
            return self._ingest(map(read_article, files), len(files), progress, derive_every)
        if fanout.can_fork():
            forked = fanout.in_order(_read_many, files, workers, _failed_many)
            try:
                return self._ingest(forked, len(files), progress, derive_every)
            finally:
                forked.close()  # the workers stopped, whatever happened
        with ProcessPoolExecutor(  # no fork here: workers start afresh
            workers, initializer=_exit_with_parent, initargs=(os.getpid(),)
        ) as pool:
            try:
                results = _in_order(pool, files, workers)
                return self._ingest(results, len(files), progress, derive_every)
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise

    def ingest_extractions(
        self,
        extractions: Iterable[Extraction],
        documents: Sequence[Document | None] | None = None,
        *,
        progress: Progress | None = None,
    ) -> IngestReport:
        """Store extractions made elsewhere (``tenure extract`` JSON, a Dask run, tests)."""
        items = list(extractions)
        docs = list(documents) if documents is not None else [None] * len(items)
        pairs = ((x, claims_from_extraction(x, d)) for x, d in zip(items, docs, strict=True))
        return self._ingest(pairs, len(items), progress, 0)

    def _ingest(
        self,
        results: Iterable[tuple[Extraction, list[ClaimRow]]],
        total: int,
        progress: Progress | None,
        derive_every: int,
    ) -> IngestReport:
        started = clock.perf_counter()
        report = IngestReport()
        stale = self.stale
        if not stale:
            self._derive_pending()
        with self.store.checkpoints() as committed:
            with no_gc(), ArticleWriter(self.store, now(), resolver=self.resolver) as writer:
                self._write_all(writer, results, total, progress, derive_every, stale, report)
            report.warnings = writer.warnings
            committed()  # the claims are copied into the file while derived tables are made
            if not writer.queue:
                self.rebuild(writer.written)
                report.rebuilt = stale
            else:
                self._derive_pending(writer.written)
        report.seconds = clock.perf_counter() - started
        return report

    def _write_all(
        self,
        writer: ArticleWriter,
        results: Iterable[tuple[Extraction, list[ClaimRow]]],
        total: int,
        progress: Progress | None,
        derive_every: int,
        stale: bool,
        report: IngestReport,
    ) -> None:
        """Every article's claims through ``writer``, each outcome added to ``report``."""
        # Past this many changed claims the derived tables will be rebuilt at the end (see
        # refresh): from then on changed claims are not queued one by one.
        active = self._active_claims() if not stale and derive_every <= 0 else None
        if stale:
            writer.stop_queue()
        since = 0
        for done, (extraction, rows) in enumerate(results, 1):
            if done % YOUNG_GC_EVERY == 0:
                gc.collect(2 if done % FULL_GC_EVERY == 0 else 1)
            source = extraction.source
            if source.sha256 == ZERO_SHA:
                report.articles.append(
                    ArticleOutcome(
                        source.path,
                        source.title,
                        "failed",
                        diagnostics=list(extraction.diagnostics),
                    )
                )
            else:
                if active is not None and writer.queued >= REBUILD_SHARE * active:
                    writer.stop_queue()
                report.articles.append(writer.write(extraction, rows))
                since += 1
                if writer.queue and derive_every > 0 and since >= derive_every:
                    writer.commit()
                    self._derive_pending(writer.written)
                    since = 0
            if progress is not None:
                progress(done, total, source.path or source.title)

    def _active_claims(self) -> int:
        with self.store.connect() as conn:
            count = conn.execute(
                select(func.count()).select_from(s.claims).where(s.claims.c.retired.is_(False))
            ).scalar()
        return int(count or 0)

    def _derive_pending(self, known: Mapping[str, WrittenClaim] | None = None) -> None:
        with self.store.begin() as conn:
            ids = list(conn.execute(select(s.pending.c.claim_id)).scalars())
            if ids:
                refresh(self.store, conn, self.resolver, ids, self.today, known)
            self._write_fingerprint(conn)

    def _write_fingerprint(self, conn: Any) -> None:
        fingerprint = self.resolver.config.fingerprint()
        conn.execute(delete(s.meta).where(s.meta.c.key == "resolver"))
        conn.execute(s.meta.insert().values(key="resolver", value=fingerprint))

    def rebuild(self, known: Mapping[str, WrittenClaim] | None = None) -> dict[str, int]:
        """Recompute every derived table from the active claims and the alias rules.

        ``known`` holds claims as an ingest just stored them, so that they need not be
        read back (an ingest passes what it wrote, with what it worked out of them).
        """
        with self.store.begin() as conn:
            refresh(self.store, conn, self.resolver, None, self.today, known)
            conn.execute(s.pending.delete())
            self._write_fingerprint(conn)
        return self.counts()

    # -- questions ----------------------------------------------------------------------------

    def who(self, post: str, org: str | None = None, on: str | date | None = None) -> WhoAnswer:
        """Who held ``post`` of ``org`` on ``on`` ("2016", "2016-06", "2016-06-01"; default
        today), each holder ``certain`` or ``possible``."""
        # No connection of its own: the common question is one prepared statement, which the
        # store runs on its connection directly (Store.read).
        return query.who(self.store, None, self.resolver, post, org, on, self.today)

    def holders_on(self, on: str | date | None = None) -> AsOf:
        """Every post held on ``on`` (a day, month or year; default today), by organization,
        each holder decided as :meth:`who` decides it."""
        with self.store.connect() as conn:
            return query.holders_on(conn, on, self.today, self.store)

    def career(self, person: str) -> Career:
        """A person's holdings in time order, with the holdings each overlaps."""
        with self.store.connect() as conn:
            return query.career(conn, self.resolver, person, self.today)

    def succession(self, post: str, org: str | None = None) -> Succession:
        """Holders of a post in order, with gaps and overlaps between them marked."""
        with self.store.connect() as conn:
            return query.succession(conn, self.resolver, post, org, self.today)

    def org(self, name: str, on: str | date | None = None) -> OrgProfile:
        """An organization's names, parent, children, units, holders on ``on``, events; what
        it was called on ``on`` and the bodies it was one with then (``names_on``,
        ``same_as``, ``parents_on``), and its lineage."""
        with self.store.connect() as conn:
            return query.org(conn, self.resolver, name, on, self.today)

    def lineage(self, name: str) -> Lineage:
        """Where an organization came from and what it became: its bodies' names over time,
        predecessors and successors with dates and evidence, and the years two names were
        one body."""
        with self.store.connect() as conn:
            return query_lineage(conn, self.resolver, name)

    def conflicts(self) -> list[Conflict]:
        """Holdings that cannot all be true, with both sources."""
        with self.store.connect() as conn:
            return query.conflicts(conn)

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Names and evidence matching ``text`` (FTS5 on SQLite), best first."""
        with self.store.connect() as conn:
            return query.search(self.store, conn, text, limit)

    def aliases(self) -> list[AliasEntry]:
        """The alias entries in force: the user's file first, then tenure's defaults."""
        return list(self.resolver.config.entries)

    # -- browsing -----------------------------------------------------------------------------

    def organizations(self) -> Iterator[OrgRef]:
        with self.store.connect() as conn:
            yield from browse.organizations(conn)

    def persons(self) -> Iterator[PersonRef]:
        with self.store.connect() as conn:
            yield from browse.persons(conn)

    def posts(self) -> Iterator[PostRef]:
        with self.store.connect() as conn:
            yield from browse.posts(conn)

    def tenures(
        self,
        *,
        person_id: str | None = None,
        post_id: str | None = None,
        org_id: str | None = None,
    ) -> Iterator[TenureInfo]:
        where = {
            k: v
            for k, v in (("person_id", person_id), ("post_id", post_id), ("org_id", org_id))
            if v is not None
        }
        with self.store.connect() as conn:
            yield from browse.tenures(conn, **where)

    def events(self, org_id: str | None = None) -> Iterator[EventInfo]:
        with self.store.connect() as conn:
            yield from browse.events(conn, org_id)

    def claims(
        self, *, include_retired: bool = False, article: str | None = None
    ) -> Iterator[ClaimInfo]:
        with self.store.connect() as conn:
            yield from browse.claims(conn, include_retired=include_retired, article=article)

    def articles(self) -> Iterator[ArticleInfo]:
        with self.store.connect() as conn:
            yield from browse.articles(conn)

    def claim(self, claim_id: str) -> ClaimInfo | None:
        with self.store.connect() as conn:
            return browse.claim(conn, claim_id)

    def tenure(self, tenure_id: str) -> TenureInfo | None:
        with self.store.connect() as conn:
            return browse.tenure(conn, tenure_id)

    def person(self, person_id: str) -> PersonInfo | None:
        with self.store.connect() as conn:
            return browse.person(conn, person_id)

    def post(self, post_id: str) -> PostRef | None:
        with self.store.connect() as conn:
            return browse.posts_by_id(conn, [post_id]).get(post_id)

    def organization(self, org_id: str, on: str | date | None = None) -> OrgProfile | None:
        """The profile of an organization by id (None when there is no such id)."""
        if not org_id.startswith("org_"):
            return None
        with self.store.connect() as conn:
            found = conn.execute(
                select(s.organizations.c.id).where(s.organizations.c.id == org_id)
            ).first()
            if found is None:
                return None
            return query.org(conn, self.resolver, org_id, on, self.today)

    def counts(self) -> dict[str, int]:
        """Rows per kind: articles, claims (and retired), organizations, persons, posts..."""
        with self.store.connect() as conn:
            return browse.counts(conn)

    def integrity_check(self) -> str:
        return self.store.integrity_check()


def _workers(workers: int | None, files: int) -> int:
    """Processes to read and extract with: as asked, else one per core past a few files."""
    if workers is not None:
        return max(1, workers)
    if files < SMALL_BATCH:
        return 1
    return max(1, os.cpu_count() or 1)


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: end the worker once the process that started it is gone. Killed
    (``kill -9``), an ingest cannot tell its workers, and a worker blocked writing results
    to the pipe it shares with its siblings would wait forever, holding the database open."""

    def watch() -> None:
        while os.getppid() == parent:
            clock.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _read_many(paths: list[str]) -> list[tuple[Extraction, list[ClaimRow]]]:
    """:func:`read_article` in a worker, less what the writer does not read (the extracted
    facts are in the claim rows): less to pickle here and to unpickle in the writer."""
    out = []
    for path in paths:
        x, rows = read_article(path)
        out.append((Extraction(x.source, x.subject, diagnostics=x.diagnostics), rows))
    return out


def _failed_many(paths: list[str], why: str) -> list[tuple[Extraction, list[ClaimRow]]]:
    """What :func:`_read_many` gives for files a worker could not read: failed articles."""
    return [(failed_read(path, ReadError(path, why)), []) for path in paths]


def _in_order(
    pool: ProcessPoolExecutor, files: list[str], workers: int, per_task: int = 8
) -> Iterator[tuple[Extraction, list[ClaimRow]]]:
    """Results of :func:`read_article` over ``files`` in their order, a few tasks ahead of
    the writer: memory stays bounded however many files there are."""
    tasks = (files[i : i + per_task] for i in range(0, len(files), per_task))
    running: deque[Future[list[tuple[Extraction, list[ClaimRow]]]]] = deque()
    for task in tasks:
        running.append(pool.submit(_read_many, task))
        if len(running) >= workers * 4:
            yield from running.popleft().result()
    while running:
        yield from running.popleft().result()


def open(
    db: str | os.PathLike[str] | None = None,
    *,
    aliases: str | os.PathLike[str] | None = None,
    create: bool = True,
) -> Database:
    """Open the store at ``db`` (path, ``:memory:`` or URL; default ``$TENURE_DB`` or
    ``./tenure.db``), creating and migrating it, with the alias file in force."""
    target = db if db is not None else os.environ.get(ENV_DB) or DEFAULT_DB
    resolver = load_resolver(os.fspath(aliases) if aliases is not None else None)
    return Database(open_store(target, create=create), resolver)


__all__ = ["Database", "IngestReport", "Progress", "open", "read_article"]

_ = Diagnostic
