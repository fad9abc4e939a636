"""Writing articles' claims, diffed against what is stored; whole articles per transaction.

    >>> with ArticleWriter(store, now()) as writer:                    # doctest: +SKIP
    ...     outcome = writer.write(extraction, rows)
    >>> outcome.claims_new, outcome.claims_retired, outcome.claims_unchanged  # doctest: +SKIP

For each article (known by its title) the new set of claim ids is compared with the stored
one: new claims are inserted, claims no longer read are *retired* (kept, with their
last_seen), claims read again are unchanged (their last_seen moves to this ingest) and a
retired claim read again comes back. Every claim whose rows changed is queued in ``pending``
in the same transaction, and :func:`tenure.store.derive.refresh` later updates the derived
tables from that queue, so a crash between the two loses nothing. An ingest that will end by
rebuilding every derived table (a first ingest, or one changing a large share of the store)
stops queueing instead and marks the derived tables stale in the same transaction, which
loses nothing either: the next ingest of a stale store rebuilds.

A transaction holds one or more *whole* articles (:class:`ArticleWriter` commits every
``batch`` articles or ``seconds``, whichever comes first): a crash loses the articles of the
open transaction entirely and never leaves part of one, which is what "one transaction per
article" promises, at a fraction of the commits.
"""

from __future__ import annotations

import json
import time
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field, fields
from types import TracebackType
from typing import Any, Literal

from sqlalchemy import ClauseElement, Connection, bindparam, delete, insert, select, update

from tenure.model import Diagnostic, Extraction
from tenure.resolve.names import Resolver
from tenure.store import schema as s
from tenure.store.base import Prepared, Store
from tenure.store.claims import ClaimRow
from tenure.store.holdings import EVIDENCED, evidence_record
from tenure.store.mentions import mentions_of
from tenure.store.records import ClaimRecord, WrittenClaim, claim_doc

Status = Literal["new", "changed", "unchanged", "failed"]


@dataclass
class ArticleOutcome:
    """What an ingest did with one file."""

    path: str | None
    title: str
    status: Status
    claims_new: int = 0
    claims_retired: int = 0
    claims_unchanged: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["diagnostics"] = [asdict(d) for d in self.diagnostics]
        return out


def _statements() -> dict[str, ClauseElement]:
    c, a, e = s.claims.c, s.articles.c, s.claim_evidence.c
    article_values: dict[str, Any] = {
        name: bindparam(name)
        for name in (
            "path",
            "sha256",
            "revision",
            "url",
            "format",
            "subject_kind",
            "subject_name",
            "diagnostics",
            "last_seen",
        )
    }
    return {
        "existing": select(c.id, c.retired, c.sha256, c.path).where(
            c.article == bindparam("title")
        ),
        "article": select(a.sha256).where(a.title == bindparam("title")),
        "insert_article": insert(s.articles).values(
            title=bindparam("title"), first_seen=bindparam("first_seen"), **article_values
        ),
        "update_article": update(s.articles)
        .where(a.title == bindparam("title"))
        .values(**article_values),
        "seen": update(s.claims).where(c.id == bindparam("cid")).values(last_seen=bindparam("at")),
        "retire": update(s.claims)
        .where(c.id == bindparam("cid"))
        .values(retired=bindparam("retired")),
        "restate": update(s.claims)
        .where(c.id == bindparam("cid"))
        .values(
            {
                name: bindparam(name)
                for name in CLAIM_COLUMNS
                if name not in ("id", "kind", "article", "first_seen")  # what a claim keeps
            }
        ),
        "drop_evidence": delete(s.claim_evidence).where(e.claim_id == bindparam("cid")),
    }


class ArticleWriter(AbstractContextManager["ArticleWriter"]):
    """Writes articles' claims into ``store``, several whole articles per transaction.

    Each article is diffed against the store as it comes (:meth:`write` returns its outcome
    at once), but its rows are buffered and written when the transaction commits, a few
    statements per table for all its articles rather than several per article.

    ``queue`` (default on) puts every changed claim in ``pending`` for
    :func:`tenure.store.derive.refresh`; an ingest that will end by rebuilding every
    derived table turns it off with :meth:`stop_queue`, which marks the derived tables
    stale in the same transaction instead (so a crash still leaves a store that knows it
    must rebuild). :attr:`written` keeps what this writer stored of each claim it inserted
    or restated, so that a rebuild at the end need not read those claims back.
    """

    def __init__(
        self,
        store: Store,
        seen_at: str,
        *,
        batch: int = 100,
        seconds: float = 0.25,
        resolver: Resolver | None = None,
    ) -> None:
        self.store = store
        self.resolver = resolver
        """The resolver of the rebuild to come. Once the queue is stopped, what a rebuild
        works out of each claim alone (its mentions under this resolver, its search document,
        its evidence as tenures and events copy it) is worked out as the claim is written
        and kept in :attr:`written`: work of the rebuild at the end, which runs alone after
        every article is read, done meanwhile, while other processes extract."""
        self.seen_at = seen_at
        self.batch = batch
        self.seconds = seconds
        self.queue = True
        self.queued = 0
        """Claims put in ``pending`` by this writer so far."""
        self.written: dict[str, WrittenClaim] = {}
        self._tx: AbstractContextManager[Connection] | None = None
        self._conn: Connection | None = None
        self._count = 0
        self._opened = 0.0
        self._unmark = False
        self._titles: set[str] = set()
        self.read_from: dict[str, str | None] = {}
        """Each title written so far and the file it was last read from, across commits."""
        self.warnings: list[str] = []
        """What the caller should tell the user about this ingest as a whole."""
        self._buffer = _Buffer()
        self.sql: dict[str, Prepared] = {
            name: store.prepared(stmt) for name, stmt in _statements().items()
        }

    def stop_queue(self) -> None:
        """Stop queueing changed claims; the derived tables are marked stale instead (by
        removing the resolver's fingerprint), in the transaction of the next article."""
        if self.queue:
            self.queue = False
            self._unmark = True

    def write(self, x: Extraction, rows: list[ClaimRow]) -> ArticleOutcome:
        """Store one article's claims; committed with the batch it falls in."""
        if self._conn is None:
            self._tx = self.store.begin()
            self._conn = self._tx.__enter__()
            self._opened = time.monotonic()
            self._count = 0
        if self._unmark:
            self._conn.execute(delete(s.meta).where(s.meta.c.key == "resolver"))
            self._unmark = False
        title = x.source.title
        if title in self._titles:  # the same article twice: diff against the first one
            self._flush()
        self._titles.add(title)
        outcome = _diff_article(self, self._conn, x, rows)
        previous = self.read_from.get(title, x.source.path)
        self.read_from[title] = x.source.path
        if previous != x.source.path:
            self._read_twice(outcome, previous)
        self._count += 1
        if self._count >= self.batch or time.monotonic() - self._opened >= self.seconds:
            self.commit()
        return outcome

    def _read_twice(self, outcome: ArticleOutcome, previous: str | None) -> None:
        """Say that a second file of one title replaced the first's claims: an ingest given
        both (a dump and a folder, two copies of a corpus) stores the later file's version,
        and the next ingest of the same files retires and restores claims again."""
        message = (
            f"article {outcome.title!r} was also read from {previous or 'another source'} in this "
            "ingest; this file's claims replace that file's"
        )
        outcome.diagnostics.append(Diagnostic("warning", message, 1))
        self.warnings.append(f"{outcome.path or outcome.title}: {message}")

    def commit(self) -> None:
        """Commit the articles written so far."""
        if self._conn is not None:
            self._flush()
        tx, self._tx, self._conn = self._tx, None, None
        if tx is not None:
            tx.__exit__(None, None, None)

    def _flush(self) -> None:
        """Write the buffered rows of the open transaction's articles."""
        assert self._conn is not None
        self._buffer.write(self.store, self._conn, self.sql)
        self._buffer = _Buffer()
        self._titles.clear()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None and self._conn is not None:
            self._flush()
        tx, self._tx, self._conn = self._tx, None, None
        self._buffer = _Buffer()
        self._titles.clear()
        if tx is not None:
            tx.__exit__(kind, exc, tb)


CLAIM_COLUMNS = (
    "id",
    "kind",
    "article",
    "data",
    "sha256",
    "path",
    "revision",
    "line",
    "section",
    "text",
    "first_seen",
    "last_seen",
    "retired",
)
EVIDENCE_COLUMNS = ("claim_id", "seq", "line", "section", "text")


@dataclass
class _Buffer:
    """Rows of the articles of one transaction, written together, parents first."""

    new_articles: list[dict[str, Any]] = field(default_factory=list)
    old_articles: list[dict[str, Any]] = field(default_factory=list)
    claims: list[tuple[Any, ...]] = field(default_factory=list)
    restated: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[tuple[Any, ...]] = field(default_factory=list)
    seen: list[dict[str, Any]] = field(default_factory=list)
    retired: list[dict[str, Any]] = field(default_factory=list)
    pending: list[tuple[str]] = field(default_factory=list)

    def write(self, store: Store, conn: Connection, sql: dict[str, Prepared]) -> None:
        sql["insert_article"].many(conn, self.new_articles)
        sql["update_article"].many(conn, self.old_articles)
        store.insert_rows(conn, s.claims, CLAIM_COLUMNS, self.claims)
        if self.restated:
            sql["restate"].many(conn, self.restated)
            sql["drop_evidence"].many(conn, [{"cid": row["cid"]} for row in self.restated])
        store.insert_rows(conn, s.claim_evidence, EVIDENCE_COLUMNS, self.evidence)
        sql["seen"].many(conn, self.seen)
        sql["retire"].many(conn, self.retired)
        store.insert_rows(conn, s.pending, ("claim_id",), self.pending)


def write_article(
    store: Store,
    conn: Connection,
    x: Extraction,
    rows: list[ClaimRow],
    seen_at: str,
    sql: dict[str, Prepared] | None = None,
) -> ArticleOutcome:
    """Store one article's claims inside the caller's transaction, at once."""
    writer = ArticleWriter(store, seen_at)
    if sql is not None:
        writer.sql = sql
    outcome = _diff_article(writer, conn, x, rows)
    writer._buffer.write(store, conn, writer.sql)
    return outcome


def _diff_article(
    writer: ArticleWriter, conn: Connection, x: Extraction, rows: list[ClaimRow]
) -> ArticleOutcome:
    """Compare one article's claims with the stored ones; buffer the rows that change."""
    sql, buffer, seen_at = writer.sql, writer._buffer, writer.seen_at
    title = x.source.title
    sha, path, revision = x.source.sha256, x.source.path, x.source.revision
    article = sql["article"](conn, title=title)
    # Claims belong to a stored article (a foreign key), and articles are never deleted:
    # a title not stored yet has no claims to diff against.
    existing = (
        {row[0]: (bool(row[1]), row[2], row[3]) for row in sql["existing"](conn, title=title)}
        if article
        else {}
    )
    values = {
        "title": title,
        "path": path,
        "sha256": sha,
        "revision": revision,
        "url": x.source.url,
        "format": x.source.format,
        "subject_kind": x.subject.kind,
        "subject_name": x.subject.name,
        "diagnostics": _diagnostics_json(x.diagnostics),
        "last_seen": seen_at,
    }
    if not article:
        values["first_seen"] = seen_at
        buffer.new_articles.append(values)
    else:
        buffer.old_articles.append(values)
    new: list[ClaimRow] = []
    revived: list[ClaimRow] = []
    kept: list[str] = []
    moved: list[ClaimRow] = []
    ids = set()
    for row in rows:
        ids.add(row.id)
        known = existing.get(row.id)
        if known is None:
            new.append(row)
        elif known[0]:
            revived.append(row)
        elif known[1] != sha or known[2] != path:
            moved.append(row)
        else:
            kept.append(row.id)
    gone = [cid for cid, (retired, _, _) in existing.items() if not retired and cid not in ids]
    written = writer.written
    resolver = writer.resolver if not writer.queue else None
    for row in new:
        evidence = _evidence(row)
        line, section, text = evidence[0]
        buffer.claims.append(
            (
                row.id,
                row.kind,
                row.article,
                row.data_json,
                sha,
                path,
                revision,
                line,
                section,
                text,
                seen_at,
                seen_at,
                False,
            )
        )
        buffer.evidence.extend((row.id, i, *e) for i, e in enumerate(evidence))
        written[row.id] = _written(resolver, row, path, evidence)
    restated = revived + moved
    for row in restated:
        evidence = _evidence(row)
        line, section, text = evidence[0]
        buffer.restated.append(
            {
                "cid": row.id,
                "data": row.data_json,
                "sha256": sha,
                "path": path,
                "revision": revision,
                "line": line,
                "section": section,
                "text": text,
                "last_seen": seen_at,
                "retired": False,
            }
        )
        buffer.evidence.extend((row.id, i, *e) for i, e in enumerate(evidence))
        written[row.id] = _written(resolver, row, path, evidence)
    buffer.seen.extend({"cid": cid, "at": seen_at} for cid in kept)
    buffer.retired.extend({"cid": cid, "retired": True} for cid in gone)
    if writer.queue:
        changed = [row.id for row in new] + [row.id for row in restated] + gone
        buffer.pending.extend((cid,) for cid in changed)
        writer.queued += len(changed)
    if not article:
        status: Status = "new"
    elif new or gone or revived:
        status = "changed"
    else:
        status = "unchanged"
    return ArticleOutcome(
        path=path,
        title=title,
        status=status,
        claims_new=len(new) + len(revived),
        claims_retired=len(gone),
        claims_unchanged=len(kept) + len(moved),
        diagnostics=list(x.diagnostics),
    )


def _written(
    resolver: Resolver | None,
    row: ClaimRow,
    path: str | None,
    evidence: list[tuple[int | None, str | None, str]],
) -> WrittenClaim:
    """What the writer keeps of a claim it stores: with the resolver of a rebuild to come,
    also what that rebuild would work out of the claim alone (see
    :attr:`ArticleWriter.resolver`)."""
    record = ClaimRecord(row.id, row.kind, row.article, row.data, path)
    if resolver is None:
        return WrittenClaim(record, evidence)
    return WrittenClaim(
        record,
        evidence,
        mentions_of(resolver, row.kind, row.article, row.data),
        claim_doc(record, [text for _line, _section, text in evidence]),
        (
            [evidence_record(row.id, row.article, path, *e) for e in evidence]
            if row.kind in EVIDENCED
            else None
        ),
    )


def _diagnostics_json(diagnostics: list[Diagnostic]) -> str:
    """What ``json.dumps([asdict(d) ...])`` gives, without asdict's deep copies."""
    names = [f.name for f in fields(Diagnostic)]
    return json.dumps(
        [{name: getattr(d, name) for name in names} for d in diagnostics], ensure_ascii=False
    )


def _evidence(row: ClaimRow) -> list[tuple[int | None, str | None, str]]:
    """A claim's evidence rows (line, section, text) in order; one empty row when it has
    none, so every claim has evidence to show. Read from the row's tuples: remaking an
    Evidence of each (unpickled rows have none) was a third of the writer's unpickling."""
    lines = row.evidence_lines()
    return [(line or None, section, text) for line, text, section in lines] or [(None, None, "")]
