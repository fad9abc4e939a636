"""Reading the store entity by entity: what the web UI and the exports iterate over."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, func, select

from tenure.query.results import (
    ArticleInfo,
    ClaimInfo,
    EventInfo,
    EvidenceRef,
    OrgRef,
    PersonInfo,
    PersonRef,
    PostRef,
    TenureInfo,
)
from tenure.query.rows import tenure_select, to_tenure
from tenure.store import schema as s
from tenure.store.base import chunks

PAGE = 1000


def posts_by_id(conn: Connection, ids: Iterable[str]) -> dict[str, PostRef]:
    po, o = s.posts.c, s.organizations.c
    out: dict[str, PostRef] = {}
    for chunk in chunks(sorted(set(ids))):
        for row in conn.execute(
            select(po.id, po.title, po.single_holder, po.org_id, o.name)
            .select_from(s.posts.outerjoin(s.organizations, o.id == po.org_id))
            .where(po.id.in_(chunk))
        ):
            org = OrgRef(row[3], row[4]) if row[3] else None
            out[row[0]] = PostRef(row[0], row[1], org, bool(row[2]))
    return out


def _paged(conn: Connection, stmt: Any, key: Any) -> Iterator[Any]:
    """Rows of ``stmt`` in ``key`` order, a page at a time (keyset pagination)."""
    last = None
    while True:
        page = stmt.order_by(key).limit(PAGE)
        if last is not None:
            page = page.where(key > last)
        rows = conn.execute(page).all()
        yield from rows
        if len(rows) < PAGE:
            return
        last = rows[-1][0]


def organizations(conn: Connection) -> Iterator[OrgRef]:
    o = s.organizations.c
    for row in _paged(conn, select(o.id, o.name), o.id):
        yield OrgRef(row[0], row[1])


def persons(conn: Connection) -> Iterator[PersonRef]:
    p = s.persons.c
    for row in _paged(conn, select(p.id, p.name), p.id):
        yield PersonRef(row[0], row[1])


def posts(conn: Connection) -> Iterator[PostRef]:
    po = s.posts.c
    for row in _paged(conn, select(po.id), po.id):
        yield from posts_by_id(conn, [row[0]]).values()


def tenures(conn: Connection, **where: str) -> Iterator[TenureInfo]:
    t = s.tenures.c
    stmt = tenure_select()
    for column, value in where.items():
        stmt = stmt.where(getattr(t, column) == value)
    for row in _paged(conn, stmt, t.id):
        yield to_tenure(row)


def tenure(conn: Connection, tenure_id: str) -> TenureInfo | None:
    row = conn.execute(tenure_select().where(s.tenures.c.id == tenure_id)).first()
    return to_tenure(row) if row else None


def events(conn: Connection, org_id: str | None = None) -> Iterator[EventInfo]:
    e, o = s.events.c, s.organizations.c
    stmt = select(
        e.id, e.org_id, o.name, e.type, e.date, e.other_name, e.other_id, e.evidence
    ).select_from(s.events.join(s.organizations, o.id == e.org_id))
    if org_id is not None:
        stmt = stmt.where((e.org_id == org_id) | (e.other_id == org_id))
    for row in _paged(conn, stmt, e.id):
        yield to_event(row)


def to_event(row: Any) -> EventInfo:
    return EventInfo(
        id=row[0],
        organization=OrgRef(row[1], row[2]),
        type=row[3],
        date=row[4],
        other=row[5],
        other_id=row[6],
        evidence=[EvidenceRef.from_record(r) for r in json.loads(row[7])],
    )


def person(conn: Connection, person_id: str) -> PersonInfo | None:
    p, a = s.persons.c, s.person_aliases.c
    row = conn.execute(
        select(p.id, p.name, p.born, p.died, p.wikidata, p.articles).where(p.id == person_id)
    ).first()
    if row is None:
        return None
    aliases = sorted(
        set(conn.execute(select(a.name).where(a.person_id == person_id)).scalars()) - {row[1]}
    )
    return PersonInfo(row[0], row[1], aliases, row[2], row[3], row[4], json.loads(row[5]))


def claim_evidence(conn: Connection, ids: Iterable[str]) -> dict[str, list[EvidenceRef]]:
    c, e = s.claims.c, s.claim_evidence.c
    out: dict[str, list[EvidenceRef]] = {}
    for chunk in chunks(sorted(set(ids))):
        for row in conn.execute(
            select(e.claim_id, c.article, c.path, e.line, e.section, e.text)
            .join(s.claims, c.id == e.claim_id)
            .where(e.claim_id.in_(chunk))
            .order_by(e.claim_id, e.seq)
        ):
            out.setdefault(row[0], []).append(
                EvidenceRef(row[1], row[2], row[3], row[4], row[5], row[0])
            )
    return out


_CLAIM_COLUMNS = tuple(s.claims.c.keys())


def _to_claim(row: Any, evidence: dict[str, list[EvidenceRef]]) -> ClaimInfo:
    values = dict(zip(_CLAIM_COLUMNS, row, strict=True))
    values["data"] = json.loads(values["data"])
    values["retired"] = bool(values["retired"])
    return ClaimInfo(**values, evidence=evidence.get(row[0], []))


def claims(
    conn: Connection, *, include_retired: bool = False, article: str | None = None
) -> Iterator[ClaimInfo]:
    c = s.claims.c
    stmt = select(*(getattr(c, name) for name in _CLAIM_COLUMNS))
    if not include_retired:
        stmt = stmt.where(c.retired.is_(False))
    if article is not None:
        stmt = stmt.where(c.article == article)
    batch: list[Any] = []
    for row in _paged(conn, stmt, c.id):
        batch.append(row)
        if len(batch) >= PAGE:
            evidence = claim_evidence(conn, [r[0] for r in batch])
            yield from (_to_claim(r, evidence) for r in batch)
            batch = []
    if batch:
        evidence = claim_evidence(conn, [r[0] for r in batch])
        yield from (_to_claim(r, evidence) for r in batch)


def claim(conn: Connection, claim_id: str) -> ClaimInfo | None:
    c = s.claims.c
    row = conn.execute(
        select(*(getattr(c, name) for name in _CLAIM_COLUMNS)).where(c.id == claim_id)
    ).first()
    return _to_claim(row, claim_evidence(conn, [claim_id])) if row else None


def articles(conn: Connection) -> Iterator[ArticleInfo]:
    a, c = s.articles.c, s.claims.c
    counts: dict[str, tuple[int, int]] = {}
    for title, retired, n in conn.execute(
        select(c.article, c.retired, func.count()).group_by(c.article, c.retired)
    ):
        active, gone = counts.get(title, (0, 0))
        counts[title] = (active, gone + n) if retired else (active + n, gone)
    for row in _paged(
        conn,
        select(
            a.title,
            a.path,
            a.sha256,
            a.revision,
            a.subject_kind,
            a.subject_name,
            a.first_seen,
            a.last_seen,
        ),
        a.title,
    ):
        active, gone = counts.get(row[0], (0, 0))
        yield ArticleInfo(
            title=row[0],
            path=row[1],
            sha256=row[2],
            revision=row[3],
            subject_kind=row[4],
            subject_name=row[5],
            first_seen=row[6],
            last_seen=row[7],
            claims=active,
            retired=gone,
        )


def counts(conn: Connection) -> dict[str, int]:
    """Rows per table: articles, claims (active and retired), entities, tenures, ..."""
    out: dict[str, int] = {}
    for name, table in (
        ("articles", s.articles),
        ("organizations", s.organizations),
        ("persons", s.persons),
        ("posts", s.posts),
        ("tenures", s.tenures),
        ("events", s.events),
        ("conflicts", s.conflicts),
    ):
        out[name] = int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
    c = s.claims.c
    out["claims"] = int(
        conn.execute(select(func.count()).where(c.retired.is_(False))).scalar() or 0
    )
    out["claims_retired"] = int(
        conn.execute(select(func.count()).where(c.retired.is_(True))).scalar() or 0
    )
    out["pending"] = int(conn.execute(select(func.count()).select_from(s.pending)).scalar() or 0)
    return out
