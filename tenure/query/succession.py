"""Holders of a post in order, with gaps and overlaps between consecutive holders marked.

    >>> [e.tenure.person.name for e in succession(conn, r, "Director", "Office of the "
    ...  "National Security Commission").entries]                  # doctest: +SKIP
    ['Li Zhanshu', 'Ding Xuexiang', 'Cai Qi']

Between two holders, :class:`~tenure.query.results.Transition` says whether a gap and an
overlap are each ``certain``, ``possible`` or excluded (:func:`tenure.time.gap` and
:func:`tenure.time.overlap`): "2014–2017" then "2017–2023" may overlap or leave a gap within
2017, and the answer says so rather than guessing.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection

from tenure import time
from tenure.query.lookup import find_orgs, find_posts
from tenure.query.results import Succession, SuccessionEntry, Transition
from tenure.query.rows import sort_key, tenure_select, to_tenure
from tenure.query.who import _posts
from tenure.resolve.names import Resolver
from tenure.store import schema as s


def succession(
    conn: Connection,
    resolver: Resolver,
    post: str,
    org: str | None = None,
    today: date | None = None,
) -> Succession:
    """Holders of ``post`` (of ``org``) in time order, acting spells included."""
    org_ids = find_orgs(conn, resolver, org) if org is not None else None
    post_ids, _ = find_posts(conn, resolver, post, org_ids)
    tenures = sorted(
        (
            to_tenure(row)
            for row in conn.execute(tenure_select().where(s.tenures.c.post_id.in_(post_ids)))
        ),
        key=sort_key,
    )
    entries: list[SuccessionEntry] = []
    for i, tenure in enumerate(tenures):
        transition = None
        if i:
            before = tenures[i - 1]
            transition = Transition(
                gap=time.gap(before.span, tenure.span, today),
                overlap=time.overlap(before.span, tenure.span, today),
            )
        entries.append(SuccessionEntry(tenure, transition))
    posts = _posts(conn, post_ids)
    organization = posts[0].organization.name if posts and posts[0].organization else org
    return Succession(
        post=posts[0].title if posts else post,
        organization=organization,
        posts=posts,
        entries=entries,
    )
