"""Who held a post on a date: each holder ``certain`` or ``possible``.

    >>> who(store, conn, resolver, "Director", "Office of the National Security Commission",
    ...     "2017-06-01").holders                                  # doctest: +SKIP
    [Holder(certainty='possible', ...Li Zhanshu...), Holder(certainty='possible', ...)]

The date asked may be a day, a month or a year, and so may every tenure's start and end
(see :mod:`tenure.time`). A holder is ``certain`` when the tenure covers the whole date asked
whatever the unknown days are, ``possible`` when it may. Candidate tenures come from an
index on the precomputed day bounds; :func:`tenure.time.covers` decides each one.

For a post with one holder at a time, a certain holder rules out the merely possible ones on
that date; they are listed in ``ruled_out`` rather than dropped silently.

The common question (a post of a named organization) is one prepared query: the post found
by its key and the organization's name key, its candidate tenures joined on. Anything else
(no organization, a title naming its body, a name that matches nothing) takes the general
path through :mod:`tenure.query.lookup`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Connection, and_, bindparam, select

from tenure import time
from tenure.query.dates import parse_on
from tenure.query.lookup import Ambiguous, find_orgs, find_posts
from tenure.query.results import (
    EvidenceRef,
    Holder,
    OrgRef,
    PersonRef,
    PostRef,
    TenureInfo,
    WhoAnswer,
)
from tenure.query.rows import sort_key, tenure_select, to_tenure
from tenure.query.successors import rule_out_by_successors
from tenure.resolve.names import Resolver
from tenure.store import schema as s
from tenure.store.base import Store
from tenure.store.holdings import MAX_DAY
from tenure.time import Certainty


@cache
def _statement() -> Any:
    """Posts of (post key, organization name key), each with its candidate tenures."""
    t, p, po, o, n = s.tenures, s.persons, s.posts, s.organizations, s.org_names
    orgs = select(n.c.org_id).where(n.c.key == bindparam("org_key")).scalar_subquery()
    return (
        select(
            po.c.id,
            po.c.title,
            po.c.single_holder,
            po.c.org_id,
            o.c.name,
            t.c.id,
            t.c.person_id,
            p.c.name,
            t.c.start,
            t.c.end,
            t.c.ongoing,
            t.c.acting,
            t.c.role,
            t.c.rank,
            t.c.concurrent,
            t.c.evidence,
            t.c.s_lo,
            t.c.s_hi,
            t.c.e_lo,
            t.c.e_hi,
        )
        .select_from(
            po.join(o, o.c.id == po.c.org_id)
            .outerjoin(
                t,
                and_(
                    t.c.post_id == po.c.id,
                    t.c.s_lo <= bindparam("last"),
                    t.c.e_hi >= bindparam("first"),
                ),
            )
            .outerjoin(p, p.c.id == t.c.person_id)
        )
        .where(po.c.key == bindparam("post_key"), po.c.org_id.in_(orgs))
    )


@lru_cache(maxsize=4096)
def _asked(on: str) -> tuple[str, int, int]:
    """A date as asked ("2016", "2016-6-1"), its ISO prefix and its first and last day."""
    when = parse_on(on)
    first, last = time.bounds(when)
    return when, first.toordinal(), last.toordinal()


def who(
    store: Store,
    conn: Connection,
    resolver: Resolver,
    post: str,
    org: str | None = None,
    on: str | date | None = None,
    today: date | None = None,
) -> WhoAnswer:
    """Holders of ``post`` (of ``org``) on ``on`` (default today)."""
    if isinstance(on, str) and on.strip().lower() != "today":
        when, first, last = _asked(on)
    else:
        when = parse_on(on, today)
        bounds = time.bounds(when)
        first, last = bounds[0].toordinal(), bounds[1].toordinal()
    if org is not None:
        rows = store.prepared(_statement())(
            conn,
            org_key=resolver.org_key(org),
            post_key=resolver.post_key(post),
            first=first,
            last=last,
        )
        if rows:
            found_rows = _answer_rows(post, org, when, first, last, rows, today)
            return rule_out_by_successors(conn, found_rows, first, today, store)
    org_list = find_orgs(conn, resolver, org) if org is not None else None
    post_ids, org_list = find_posts(conn, resolver, post, org_list)
    t = s.tenures.c
    found = [
        to_tenure(row)
        for row in conn.execute(
            tenure_select().where(t.post_id.in_(post_ids), t.s_lo <= last, t.e_hi >= first)
        )
    ]
    result = answer(post, org, when, _posts(conn, post_ids), found, today)
    return rule_out_by_successors(conn, result, first, today, store)


def _answer_rows(
    post: str,
    org: str,
    when: str,
    first: int,
    last: int,
    rows: Sequence[Any],
    today: date | None,
) -> WhoAnswer:
    """The answer from the prepared query's rows, certainty read off the stored day bounds."""
    if len({row[3] for row in rows}) > 1:
        raise Ambiguous("organization", org, sorted({row[4] for row in rows}))
    posts: dict[str, PostRef] = {}
    tenures = []
    certainty: dict[str, Certainty | None] = {}
    today_day = (today or date.today()).toordinal() if any(r[10] for r in rows) else 0
    for row in rows:
        ref = posts.get(row[0])
        if ref is None:
            ref = posts[row[0]] = PostRef(row[0], row[1], OrgRef(row[3], row[4]), bool(row[2]))
        if row[5] is not None:
            tenure = _tenure(row, ref)
            tenures.append(tenure)
            certainty[tenure.id] = covers_days(
                tenure.start, tenure.end, tenure.ongoing, row[16:20], first, last, today_day
            )
    return answer(post, org, when, list(posts.values()), tenures, today, certainty)


def covers_days(
    start: str | None,
    end: str | None,
    ongoing: bool,
    days: Sequence[int],
    first: int,
    last: int,
    today: int,
) -> Certainty | None:
    """:func:`tenure.time.covers` from a tenure's stored day bounds (``s_lo``, ``s_hi``,
    ``e_lo``, ``e_hi``) and the first and last day asked, as ordinals: no dates to parse."""
    s_lo, s_hi, e_lo, e_hi = days
    if not end and ongoing:
        e_lo, e_hi = today, MAX_DAY
    if s_lo > last or e_hi < first:
        return None
    if start and end and s_lo > e_hi:
        return None
    if start and s_hi <= first and (end or ongoing) and e_lo >= last:
        return "certain"
    return "possible"


def _tenure(row: Any, post: PostRef) -> TenureInfo:
    concurrent = row[14]
    return TenureInfo(
        id=row[5],
        person=PersonRef(row[6], row[7]),
        post=post,
        start=row[8],
        end=row[9],
        ongoing=bool(row[10]),
        acting=bool(row[11]),
        role=row[12],
        rank=row[13],
        concurrent=[] if concurrent == "[]" else json.loads(concurrent),
        evidence=[EvidenceRef.from_record(e) for e in json.loads(row[15])],
    )


def answer(
    post: str,
    org: str | None,
    when: str,
    posts: list[PostRef],
    tenures: list[TenureInfo],
    today: date | None = None,
    certainties: dict[str, Certainty | None] | None = None,
) -> WhoAnswer:
    """Decide each candidate's certainty (unless ``certainties`` gives it, by tenure id) and
    rule out what a certain holder excludes."""
    holders = []
    for tenure in sorted(tenures, key=sort_key):
        if certainties is not None:
            certainty = certainties[tenure.id]
        else:
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
                h
                for h in mine
                if h.certainty == "possible" and h.tenure.person.id != certain[0].tenure.person.id
            ]
    holders = [h for h in holders if h not in ruled_out]
    holders.sort(key=lambda h: (h.certainty != "certain", sort_key(h.tenure)))
    posts = sorted(posts, key=lambda p: p.id)
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
