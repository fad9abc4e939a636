"""Claims that cannot all be true, found by ingest and kept for people to settle.

Two kinds (see :class:`~tenure.query.results.Conflict`): ``dates`` (one person in one post,
sources disagreeing on when) and ``overlap`` (two people certainly holding a one-holder post
on the same days). Both holdings stay in the store with all their sources; nothing is settled
silently.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from tenure.query.browse import posts_by_id, tenure
from tenure.query.results import Conflict
from tenure.store import schema as s


def conflicts(conn: Connection) -> list[Conflict]:
    """Every conflict, most certain first, then by post and id."""
    c = s.conflicts.c
    rows = conn.execute(
        select(c.id, c.kind, c.certainty, c.detail, c.post_id, c.tenure_a, c.tenure_b)
    ).all()
    posts = posts_by_id(conn, {row[4] for row in rows})
    found = []
    for row in rows:
        a, b = tenure(conn, row[5]), tenure(conn, row[6])
        if a is None or b is None or row[4] not in posts:
            continue
        found.append(Conflict(row[0], row[1], row[2], row[3], posts[row[4]], a, b))
    found.sort(key=lambda x: (x.certainty != "certain", x.post.title, x.id))
    return found
