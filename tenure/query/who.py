"""Who held a post on a date: each holder ``certain`` or ``possible``.

    >>> who(conn, resolver, "Director", "Office of the National Security Commission",
    ...     "2017-06-01").holders                                  # doctest: +SKIP
    [Holder(certainty='possible', ...Li Zhanshu...), Holder(certainty='possible', ...)]

The date asked may be a day, a month or a year, and so may every tenure's start and end
(see :mod:`tenure.time`). A holder is ``certain`` when the tenure covers the whole date asked
whatever the unknown days are, ``possible`` when it may. Candidate tenures come from an
index on the precomputed day bounds; :func:`tenure.time.covers` decides each one.

For a post with one holder at a time, a certain holder rules out the merely possible ones on
that date; they are listed in ``ruled_out`` rather than dropped silently.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, select

from tenure import time
from tenure.query.dates import parse_on
from tenure.query.lookup import Ambiguous, find_orgs, find_posts
from tenure.query.results import Holder, PostRef, TenureInfo, WhoAnswer
from tenure.query.rows import sort_key, tenure_select, to_tenure
from tenure.resolve.names import Resolver
from tenure.store import schema as s


def who(
    conn: Connection,
    resolver: Resolver,
    post: str,
    org: str | None = None,
    on: str | date | None = None,
    today: date | None = None,
) -> WhoAnswer:
    """Holders of ``post`` (of ``org``) on ``on`` (default today)."""
    when = parse_on(on, today)
    first, last = time.bounds(when)
    t, po = s.tenures.c, s.posts.c
    rows = []
    if org is not None and not post.startswith("pos_"):
        org_ids = select(s.org_names.c.org_id).where(s.org_names.c.key == resolver.org_key(org))
        rows = conn.execute(
            tenure_select().where(
                po.key == resolver.post_key(post),
                po.org_id.in_(org_ids.scalar_subquery()),
                t.s_lo <= last.toordinal(),
                t.e_hi >= first.toordinal(),
            )
        ).all()
        if len({row[6] for row in rows}) > 1:
            raise Ambiguous("organization", org, sorted({row[7] for row in rows}))
    if rows:
        tenures = [to_tenure(row) for row in rows]
        posts = sorted({tn.post for tn in tenures}, key=lambda p: p.id)
    else:
        org_list = find_orgs(conn, resolver, org) if org is not None else None
        post_ids, org_list = find_posts(conn, resolver, post, org_list)
        tenures = [
            to_tenure(row)
            for row in conn.execute(
                tenure_select().where(
                    t.post_id.in_(post_ids),
                    t.s_lo <= last.toordinal(),
                    t.e_hi >= first.toordinal(),
                )
            )
        ]
        posts = _posts(conn, post_ids)
    return answer(post, org, when, posts, tenures, today)


def answer(
    post: str,
    org: str | None,
    when: str,
    posts: list[PostRef],
    tenures: list[TenureInfo],
    today: date | None = None,
) -> WhoAnswer:
    """Decide each candidate's certainty and rule out what a certain holder excludes."""
    holders = []
    for tenure in sorted(tenures, key=sort_key):
        certainty = time.covers(tenure.start, tenure.end, tenure.ongoing, when, today)
        if certainty is not None:
            holders.append(Holder(certainty, tenure))
    ruled_out: list[Holder] = []
    single = {p.id for p in posts if p.single_holder and p.organization is not None}
    for post_id in single:
        mine = [h for h in holders if h.tenure.post.id == post_id]
        certain = [h for h in mine if h.certainty == "certain" and not h.tenure.acting]
        if len({h.tenure.person.id for h in certain}) == 1:
            ruled_out += [
                h for h in mine
                if h.certainty == "possible" and h.tenure.person.id != certain[0].tenure.person.id
            ]
    holders = [h for h in holders if h not in ruled_out]
    holders.sort(key=lambda h: (h.certainty != "certain", sort_key(h.tenure)))
    organization = posts[0].organization.name if posts and posts[0].organization else org
    return WhoAnswer(
        post=posts[0].title if posts else post,
        organization=organization,
        on=when,
        posts=posts,
        holders=holders,
        ruled_out=ruled_out,
    )


def _posts(conn: Connection, post_ids: list[str]) -> list[PostRef]:
    from tenure.query.browse import posts_by_id

    found = posts_by_id(conn, post_ids)
    return [found[pid] for pid in sorted(found)]
