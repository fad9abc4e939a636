"""A person's career: every holding in time order, with the holdings each overlaps.

    >>> career(conn, resolver, "Wang Yi").entries[0].tenure.post.title   # doctest: +SKIP
    'Chinese Ambassador to Japan'

Concurrency uses :func:`tenure.time.overlap`: ``certain`` when the two holdings share a day
whatever the unknown days are, ``possible`` when they may.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection

from tenure import time
from tenure.query.browse import person
from tenure.query.lookup import find_person
from tenure.query.results import Career, CareerEntry, Concurrency
from tenure.query.rows import sort_key, tenure_select, to_tenure
from tenure.resolve.names import Resolver
from tenure.store import schema as s


def career(conn: Connection, resolver: Resolver, name: str, today: date | None = None) -> Career:
    """The holdings of the person ``name`` (any spelling) in time order."""
    person_id = find_person(conn, resolver, name)
    info = person(conn, person_id)
    assert info is not None
    tenures = sorted(
        (
            to_tenure(row)
            for row in conn.execute(tenure_select().where(s.tenures.c.person_id == person_id))
        ),
        key=sort_key,
    )
    entries = []
    for tenure in tenures:
        concurrent = []
        for other in tenures:
            if other.id == tenure.id:
                continue
            certainty = time.overlap(tenure.span, other.span, today)
            if certainty is not None and _dated(tenure) and _dated(other):
                organization = other.post.organization
                concurrent.append(
                    Concurrency(
                        other.id,
                        other.post.title,
                        organization.name if organization else None,
                        certainty,
                    )
                )
        entries.append(CareerEntry(tenure, concurrent))
    articles = sorted({e.article for t in tenures for e in t.evidence})
    return Career(info, entries, articles)


def _dated(tenure: object) -> bool:
    """Undated holdings possibly overlap everything; they are not listed as concurrent."""
    start = getattr(tenure, "start", None)
    end = getattr(tenure, "end", None)
    return bool(start or end)
