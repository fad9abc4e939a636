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
    """The organizations of an organization name key, each with its posts of a post key and
    their candidate tenures.

    The names lead and the posts hang off them by a left join (a row with no post for an
    organization without one): SQLite keeps a left join's order, so the plan is the same in a
    store never analyzed (an inner join there started from every post of the key), and no
    list of ids is built per question, as ``posts.org_id IN (SELECT ...)`` did: 14.8 ->
    10.2 us a question (1,000,000 tenures, 10,000 questions). An organization with several
    names of the key comes once per name; :func:`_answer_rows` takes each tenure once.
    """
    t, p, po, o, n = s.tenures, s.persons, s.posts, s.organizations, s.org_names
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
            n.join(o, o.c.id == n.c.org_id)
            .outerjoin(po, and_(po.c.org_id == n.c.org_id, po.c.key == bindparam("post_key")))
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
        .where(n.c.key == bindparam("org_key"))
    )


@lru_cache(maxsize=4096)
def _asked(on: str) -> tuple[str, int, int]:
    """A date as asked ("2016", "2016-6-1"), its ISO prefix and its first and last day."""
    plain = time.plain_bounds(on)  # "2016", "2016-06", "2016-06-01": the prefix as asked
    if plain is not None:
        return on, plain[0].toordinal(), plain[1].toordinal()
    when = parse_on(on)
    first, last = time.bounds(when)
    return when, first.toordinal(), last.toordinal()


def who(
    store: Store,
    conn: Connection | None,
    resolver: Resolver,
    post: str,
    org: str | None = None,
    on: str | date | None = None,
    today: date | None = None,
) -> WhoAnswer:
    """Holders of ``post`` (of ``org``) on ``on`` (default today), read on ``conn`` or, when
    None, on the store's own connection (see :meth:`~tenure.store.base.Store.read`)."""
    if isinstance(on, str) and on.strip().lower() != "today":
        when, first, last = _asked(on)
    else:
        when = parse_on(on, today)
        bounds = time.bounds(when)
        first, last = bounds[0].toordinal(), bounds[1].toordinal()
    if org is not None:
        rows = store.read(
            conn,
            _statement(),
            org_key=resolver.org_key(org),
            post_key=resolver.post_key(post),
            first=first,
            last=last,
        )
        found = _answer_rows(post, org, when, first, last, rows, today)
        if found is not None:
            return rule_out_by_successors(conn, found, first, today, store)
    if conn is None:
        with store.connect() as own:
            return _found(store, own, resolver, post, org, when, first, last, today)
    return _found(store, conn, resolver, post, org, when, first, last, today)


def _found(
    store: Store,
    conn: Connection,
    resolver: Resolver,
    post: str,
    org: str | None,
    when: str,
    first: int,
    last: int,
    today: date | None,
) -> WhoAnswer:
    """The general path: a post of no organization, a title naming its body, a name the
    prepared query does not find (which raises :class:`~tenure.errors.NotFound` with
    suggestions)."""
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
) -> WhoAnswer | None:
    """The answer from the prepared query's rows (None when no post was found), certainty
    read off the stored day bounds.

    Each tenure is taken once (an organization with several names of the key comes once per
    name), and one that does not cover the date asked is dropped before anything is built
    for it."""
    rows = [row for row in rows if row[0] is not None]
    if not rows:
        return None
    org_id = rows[0][3]
    if any(row[3] != org_id for row in rows):
        raise Ambiguous("organization", org, sorted({row[4] for row in rows}))
    posts: dict[str, PostRef] = {}
    holders: list[Holder] = []
    taken: set[str] = set()
    today_day = (today or date.today()).toordinal() if any(r[10] for r in rows) else 0
    for row in rows:
        ref = posts.get(row[0])
        if ref is None:
            ref = posts[row[0]] = PostRef(row[0], row[1], OrgRef(row[3], row[4]), bool(row[2]))
        tenure_id = row[5]
        if tenure_id is not None and tenure_id not in taken:
            taken.add(tenure_id)
            certainty = covers_days(
                row[8], row[9], bool(row[10]), row[16:20], first, last, today_day
            )
            if certainty is not None:
                holders.append(Holder(certainty, _tenure(row, ref)))
    holders.sort(key=_time_order)
    return decide(post, org, when, list(posts.values()), holders)


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
    """A row of :func:`_statement` as a :class:`TenureInfo` of ``post``.

    Arguments by position, in the order of the fields: a call with eleven keywords builds a
    dictionary of them first."""
    concurrent = row[14]
    return TenureInfo(
        row[5],
        PersonRef(row[6], row[7]),
        post,
        row[8],
        row[9],
        bool(row[10]),
        bool(row[11]),
        row[12],
        row[13],
        [] if concurrent == "[]" else json.loads(concurrent),
        row[15],
    )


def _time_order(holder: Holder) -> tuple[str, str, str, str]:
    return sort_key(holder.tenure)


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
    return decide(post, org, when, posts, holders)


def decide(
    post: str, org: str | None, when: str, posts: list[PostRef], holders: list[Holder]
) -> WhoAnswer:
    """The answer from the holders on the date asked, in time order: possible holders that a
    certain holder of a one-holder post excludes moved to ``ruled_out``, certain holders
    first."""
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
    if ruled_out:
        # By identity: each holder is a tenure of its own, and a dataclass's equality would
        # compare every field, evidence and all.
        out = {id(h) for h in ruled_out}
        holders = [h for h in holders if id(h) not in out]
    # Certain first, each part still in time order: what a stable sort on (certainty, time)
    # gives, without sorting again.
    holders = [h for h in holders if h.certainty == "certain"] + [
        h for h in holders if h.certainty != "certain"
    ]
    posts = sorted(posts, key=_post_id)
    organization = posts[0].organization.name if posts and posts[0].organization else org
    return WhoAnswer(
        post=posts[0].title if posts else post,
        organization=organization,
        on=when,
        posts=posts,
        holders=holders,
        ruled_out=ruled_out,
    )


def _post_id(post: PostRef) -> str:
    return post.id


def _posts(conn: Connection, post_ids: list[str]) -> list[PostRef]:
    from tenure.query.browse import posts_by_id

    found = posts_by_id(conn, post_ids)
    return [found[pid] for pid in sorted(found)]
