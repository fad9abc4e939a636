"""Writing articles' claims: one transaction per article, diffed against what is stored.

    >>> outcome = write_article(store, conn, extraction, rows, now())   # doctest: +SKIP
    >>> outcome.claims_new, outcome.claims_retired, outcome.claims_unchanged  # doctest: +SKIP

For each article (known by its title) the new set of claim ids is compared with the stored
one: new claims are inserted, claims no longer read are *retired* (kept, with their
last_seen), claims read again are unchanged (their last_seen moves to this ingest) and a
retired claim read again comes back. Every claim whose rows changed is queued in ``pending``
in the same transaction, and :func:`tenure.store.derive.refresh` later updates the derived
tables from that queue, so a crash between the two loses nothing.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from sqlalchemy import Connection, delete, select, update

from tenure.model import Diagnostic, Extraction
from tenure.store import schema as s
from tenure.store.base import Store, chunks
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


def write_article(
    store: Store, conn: Connection, x: Extraction, rows: list[ClaimRow], seen_at: str
) -> ArticleOutcome:
    """Store one article's claims inside the caller's transaction."""
    title = x.source.title
    c = s.claims.c
    existing = {
        row[0]: (bool(row[1]), row[2], row[3])
        for row in conn.execute(select(c.id, c.retired, c.sha256, c.path).where(c.article == title))
    }
    article = conn.execute(select(s.articles.c.sha256).where(s.articles.c.title == title)).first()
    diagnostics = json.dumps([asdict(d) for d in x.diagnostics], ensure_ascii=False)
    values = {
        "path": x.source.path,
        "sha256": x.source.sha256,
        "revision": x.source.revision,
        "url": x.source.url,
        "format": x.source.format,
        "subject_kind": x.subject.kind,
        "subject_name": x.subject.name,
        "diagnostics": diagnostics,
        "last_seen": seen_at,
    }
    if article is None:
        conn.execute(s.articles.insert().values(title=title, first_seen=seen_at, **values))
    else:
        conn.execute(s.articles.update().where(s.articles.c.title == title).values(**values))
    by_id = {row.id: row for row in rows}
    new = [row for row in rows if row.id not in existing]
    revived = [row for row in rows if row.id in existing and existing[row.id][0]]
    kept = [row for row in rows if row.id in existing and not existing[row.id][0]]
    moved = [
        row
        for row in kept
        if existing[row.id][1] != x.source.sha256 or existing[row.id][2] != x.source.path
    ]
    gone = [cid for cid, (retired, _, _) in existing.items() if not retired and cid not in by_id]
    if new:
        store.insert_ignore(conn, s.claims, [_claim_values(row, x, seen_at) for row in new])
        store.insert_ignore(conn, s.claim_evidence, [e for row in new for e in _evidence(row)])
    for row in revived + moved:
        values = _claim_values(row, x, seen_at)
        for key in ("id", "kind", "article", "first_seen"):
            values.pop(key)
        conn.execute(update(s.claims).where(c.id == row.id).values(**values))
        conn.execute(delete(s.claim_evidence).where(s.claim_evidence.c.claim_id == row.id))
        conn.execute(s.claim_evidence.insert(), _evidence(row))
    if kept:
        moved_ids = {row.id for row in moved}
        still = [row.id for row in kept if row.id not in moved_ids]
        for chunk in chunks(still):
            conn.execute(update(s.claims).where(c.id.in_(chunk)).values(last_seen=seen_at))
    for chunk in chunks(gone):
        conn.execute(update(s.claims).where(c.id.in_(chunk)).values(retired=True))
    changed = [row.id for row in new + revived + moved] + gone
    store.insert_ignore(conn, s.pending, [{"claim_id": cid} for cid in changed])
    if article is None:
        status: Status = "new"
    elif new or gone or revived:
        status = "changed"
    else:
        status = "unchanged"
    return ArticleOutcome(
        path=x.source.path,
        title=title,
        status=status,
        claims_new=len(new) + len(revived),
        claims_retired=len(gone),
        claims_unchanged=len(kept),
        diagnostics=list(x.diagnostics),
    )


def _claim_values(row: ClaimRow, x: Extraction, seen_at: str) -> dict[str, Any]:
    first = row.evidence[0] if row.evidence else None
    return {
        "id": row.id,
        "kind": row.kind,
        "article": row.article,
        "data": row.data_json,
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
