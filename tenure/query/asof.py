"""Every post held on a date: ``who`` asked of the whole store at once.

    >>> holders_on(conn, "2017")                                   # doctest: +SKIP
    AsOf(on='2017', first_day='2017-01-01', last_day='2017-12-31', ...)

Each post's holders are decided exactly as :func:`tenure.query.who.who` decides them:
``certain`` or ``possible`` for the days asked, possible holders that a certain holder of a
one-holder post excludes moved to ``ruled_out``, and so are those a later certain holder
excludes (:mod:`tenure.query.successors`). The tenures are found by their stored day
bounds, so a store of a million tenures is not read whole.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Connection

from tenure import time
from tenure.query.dates import parse_on
from tenure.query.results import AsOf, OrgHolders, PostHolders, PostRef, TenureInfo
from tenure.query.rows import tenure_select, to_tenure
from tenure.query.successors import rule_out_by_successors
from tenure.query.who import answer
from tenure.store import schema as s
from tenure.store.base import Store
from tenure.time import Certainty


def holders_on(
    conn: Connection,
    on: str | date | None = None,
    today: date | None = None,
    store: Store | None = None,
) -> AsOf:
    """Who held every post on ``on`` ("2016", "2016-06", "2016-06-01"; default today)."""
    when = parse_on(on, today)
    first, last = time.bounds(when)
    t = s.tenures.c
    rows = conn.execute(
        tenure_select().where(t.s_lo <= last.toordinal(), t.e_hi >= first.toordinal())
    )
    by_post: dict[str, list[TenureInfo]] = defaultdict(list)
    posts: dict[str, PostRef] = {}
    certainty: dict[str, Certainty | None] = {}
    for row in rows:
        tenure = to_tenure(row)
        covered = time.covers(tenure.start, tenure.end, tenure.ongoing, when, today)
        if covered is not None:
            by_post[tenure.post.id].append(tenure)
            posts[tenure.post.id] = tenure.post
            certainty[tenure.id] = covered
    by_org: dict[str, OrgHolders] = {}
    for post_id in sorted(by_post):
        ref = posts[post_id]
        found = answer(ref.title, None, when, [ref], by_post[post_id], today, certainty)
        found = rule_out_by_successors(conn, found, first.toordinal(), today, store)
        org = ref.organization
        entry = by_org.setdefault(org.id if org else "", OrgHolders(org, []))
        entry.posts.append(PostHolders(ref, found.holders, found.ruled_out))
    organizations = sorted(
        by_org.values(),
        key=lambda o: (
            o.organization is None,
            o.organization.name.casefold() if o.organization else "",
        ),
    )
    for entry in organizations:
        entry.posts.sort(key=lambda p: (not p.post.single_holder, p.post.title))
    holders = [h for o in organizations for p in o.posts for h in p.holders]
    return AsOf(
        on=when,
        first_day=first.isoformat(),
        last_day=last.isoformat(),
        certain=sum(h.certainty == "certain" for h in holders),
        possible=sum(h.certainty == "possible" for h in holders),
        organizations=organizations,
    )
