"""Writing articles' claims, diffed against what is stored; whole articles per transaction.

    >>> with ArticleWriter(store, now()) as writer:                    # doctest: +SKIP
    ...     outcome = writer.write(extraction, rows)
    >>> outcome.claims_new, outcome.claims_retired, outcome.claims_unchanged  # doctest: +SKIP

For each article (known by its title) the new set of claim ids is compared with the stored
one: new claims are inserted, claims no longer read are *retired* (kept, with their
last_seen), claims read again are unchanged (their last_seen moves to this ingest) and a
retired claim read again comes back. Every claim whose rows changed is queued in ``pending``
in the same transaction, and :func:`tenure.store.derive.refresh` later updates the derived
tables from that queue, so a crash between the two loses nothing.

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
from tenure.store import schema as s
from tenure.store.base import Prepared, Store
from tenure.store.claims import ClaimRow

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
                for name in (
                    "data",
                    "sha256",
                    "path",
                    "revision",
                    "line",
                    "section",
                    "text",
                    "last_seen",
                    "retired",
                )
            }
        ),
        "drop_evidence": delete(s.claim_evidence).where(e.claim_id == bindparam("cid")),
    }


class ArticleWriter(AbstractContextManager["ArticleWriter"]):
    """Writes articles' claims into ``store``, several whole articles per transaction."""

    def __init__(
        self, store: Store, seen_at: str, *, batch: int = 100, seconds: float = 0.25
    ) -> None:
        self.store = store
        self.seen_at = seen_at
        self.batch = batch
        self.seconds = seconds
        self._tx: AbstractContextManager[Connection] | None = None
        self._conn: Connection | None = None
        self._count = 0
        self._opened = 0.0
        cache = store.__dict__.setdefault("_ingest_statements", {})
        if not cache:
            cache.update({name: store.prepare(stmt) for name, stmt in _statements().items()})
        self.sql: dict[str, Prepared] = cache

    def write(self, x: Extraction, rows: list[ClaimRow]) -> ArticleOutcome:
        """Store one article's claims; committed with the batch it falls in."""
        if self._conn is None:
            self._tx = self.store.begin()
            self._conn = self._tx.__enter__()
            self._opened = time.monotonic()
            self._count = 0
        outcome = write_article(self.store, self._conn, x, rows, self.seen_at, self.sql)
        self._count += 1
        if self._count >= self.batch or time.monotonic() - self._opened >= self.seconds:
            self.commit()
        return outcome

    def commit(self) -> None:
        """Commit the articles written so far."""
        tx, self._tx, self._conn = self._tx, None, None
        if tx is not None:
            tx.__exit__(None, None, None)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        tx, self._tx, self._conn = self._tx, None, None
        if tx is not None:
            tx.__exit__(kind, exc, tb)


def write_article(
    store: Store,
    conn: Connection,
    x: Extraction,
    rows: list[ClaimRow],
    seen_at: str,
    sql: dict[str, Prepared] | None = None,
) -> ArticleOutcome:
    """Store one article's claims inside the caller's transaction."""
    if sql is None:
        sql = {name: store.prepare(stmt) for name, stmt in _statements().items()}
    title = x.source.title
    sha, path = x.source.sha256, x.source.path
    existing = {
        row[0]: (bool(row[1]), row[2], row[3]) for row in sql["existing"](conn, title=title)
    }
    article = sql["article"](conn, title=title)
    values = {
        "title": title,
        "path": path,
        "sha256": sha,
        "revision": x.source.revision,
        "url": x.source.url,
        "format": x.source.format,
        "subject_kind": x.subject.kind,
        "subject_name": x.subject.name,
        "diagnostics": _diagnostics_json(x.diagnostics),
        "last_seen": seen_at,
    }
    if not article:
        sql["insert_article"](conn, first_seen=seen_at, **values)
    else:
        sql["update_article"](conn, **values)
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
    if new:
        store.insert_ignore(conn, s.claims, [_claim_values(row, x, seen_at) for row in new])
        store.insert_ignore(conn, s.claim_evidence, [e for row in new for e in _evidence(row)])
    restated = revived + moved
    if restated:
        values_list = []
        for row in restated:
            value = _claim_values(row, x, seen_at)
            value["cid"] = value.pop("id")
            for key in ("kind", "article", "first_seen"):
                value.pop(key)
            values_list.append(value)
        sql["restate"].many(conn, values_list)
        sql["drop_evidence"].many(conn, [{"cid": row.id} for row in restated])
        store.insert_ignore(conn, s.claim_evidence, [e for row in restated for e in _evidence(row)])
    if kept:
        sql["seen"].many(conn, [{"cid": cid, "at": seen_at} for cid in kept])
    if gone:
        sql["retire"].many(conn, [{"cid": cid, "retired": True} for cid in gone])
    changed = [row.id for row in new] + [row.id for row in restated] + gone
    store.insert_ignore(conn, s.pending, [{"claim_id": cid} for cid in changed])
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


def _diagnostics_json(diagnostics: list[Diagnostic]) -> str:
    """What ``json.dumps([asdict(d) ...])`` gives, without asdict's deep copies."""
    names = [f.name for f in fields(Diagnostic)]
    return json.dumps(
        [{name: getattr(d, name) for name in names} for d in diagnostics], ensure_ascii=False
    )


def _claim_values(row: ClaimRow, x: Extraction, seen_at: str) -> dict[str, Any]:
    first = row.evidence[0] if row.evidence else None
    return {
        "id": row.id,
        "kind": row.kind,
        "article": row.article,
        "data": row.data_json or json.dumps(row.data, ensure_ascii=False, sort_keys=True),
        "sha256": x.source.sha256,
        "path": x.source.path,
        "revision": x.source.revision,
        "line": first.line or None if first else None,
        "section": first.section if first else None,
        "text": first.text if first else "",
        "first_seen": seen_at,
        "last_seen": seen_at,
        "retired": False,
    }


def _evidence(row: ClaimRow) -> list[dict[str, Any]]:
    return [
        {"claim_id": row.id, "seq": i, "line": e.line or None, "section": e.section, "text": e.text}
        for i, e in enumerate(row.evidence or [])
    ] or [{"claim_id": row.id, "seq": 0, "line": None, "section": None, "text": ""}]
