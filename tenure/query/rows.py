"""Reading tenures with their person, post and organization in one query."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select

from tenure.query.results import OrgRef, PersonRef, PostRef, TenureInfo
from tenure.store import schema as s


def tenure_select() -> Select[Any]:
    """Tenures joined with person, post and organization (filter with ``.where``)."""
    t, p, po, o = s.tenures, s.persons, s.posts, s.organizations
    return select(
        t.c.id,
        t.c.person_id,
        p.c.name,
        t.c.post_id,
        po.c.title,
        po.c.single_holder,
        po.c.org_id,
        o.c.name,
        t.c.start,
        t.c.end,
        t.c.ongoing,
        t.c.acting,
        t.c.role,
        t.c.rank,
        t.c.concurrent,
        t.c.evidence,
    ).select_from(
        t.join(p, p.c.id == t.c.person_id)
        .join(po, po.c.id == t.c.post_id)
        .outerjoin(o, o.c.id == po.c.org_id)
    )


def to_tenure(row: Sequence[Any]) -> TenureInfo:
    """A row of :func:`tenure_select` as a :class:`TenureInfo`."""
    org = OrgRef(row[6], row[7]) if row[6] else None
    return TenureInfo(
        id=row[0],
        person=PersonRef(row[1], row[2]),
        post=PostRef(row[3], row[4], org, bool(row[5])),
        start=row[8],
        end=row[9],
        ongoing=bool(row[10]),
        acting=bool(row[11]),
        role=row[12],
        rank=row[13],
        concurrent=json.loads(row[14]),
        evidence=row[15],
    )


def sort_key(t: TenureInfo) -> tuple[str, str, str, str]:
    """Time order: by start (unknown last), then end, then names."""
    return (
        t.start or "9999",
        t.end or ("9998" if t.ongoing else "9999"),
        t.person.name,
        t.post.title,
    )
