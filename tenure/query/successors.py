"""What the order of holders proves about a holding whose end nobody wrote down.

A post held by one person at a time (Director, Secretary, Premier ...) cannot have two holders
on one day. So when a holder's end is unknown but a later holder *certainly* held the post
from some day on, the earlier holding ended before that day::

    Liu Huaqiu   Director  2000-09 – ?
    Li Zhanshu   Director  2014 – 2017      (certainly held it from 2014-12-31 to 2017-01-01)

On 2017-06-01 Liu Huaqiu's own dates allow him, but Li Zhanshu's certain years do not: he
is ruled out, not silently dropped. Only certain spans count, and only against a holding
that certainly began before them, so no guess about precision is ever made.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Connection, bindparam, select

from tenure import time
from tenure.query.results import Holder, WhoAnswer
from tenure.store import schema as s
from tenure.store.base import Store


@cache
def _statement() -> Any:
    """Every holding of one post, with what tells whether and from when it was certain."""
    t = s.tenures.c
    return select(t.person_id, t.s_hi, t.e_lo, t.end, t.ongoing, t.acting, t.start).where(
        t.post_id == bindparam("post_id")
    )


def _holdings(conn: Connection | None, store: Store | None, post_id: str) -> Sequence[Any]:
    """:func:`_statement`'s rows for ``post_id``, through the store's prepared statement
    when there is a store (``who``'s hot path: no statement building per question, and no
    connection of its own: ``conn`` None, see :meth:`~tenure.store.base.Store.read`)."""
    if store is not None:
        return store.read(conn, _statement(), post_id=post_id)
    if conn is None:
        raise ValueError("the holdings of a post are read on a connection or a store")
    # Typed here: a build environment without sqlalchemy (setup.py) sees Any.
    rows: Sequence[Any] = conn.execute(_statement(), {"post_id": post_id}).all()
    return rows


def rule_out_by_successors(
    conn: Connection | None,
    answer: WhoAnswer,
    first: int,
    today: date | None = None,
    store: Store | None = None,
) -> WhoAnswer:
    """``answer`` with the possible holders that a later certain holder excludes moved to
    ``ruled_out``. ``first`` is the first day asked, as an ordinal; ``conn`` may be None
    when there is a ``store``."""
    candidates = [
        h
        for h in answer.holders
        if h.certainty == "possible"
        and h.tenure.post.single_holder
        and not h.tenure.acting
        and h.tenure.start
        and not h.tenure.end
    ]
    if not candidates:
        return answer
    today_day = (today or date.today()).toordinal()
    certain_from: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for post_id in sorted({h.tenure.post.id for h in candidates}):
        for person_id, s_hi, e_lo, end, ongoing, acting, start in _holdings(conn, store, post_id):
            if acting or not start:
                continue
            certain_until = e_lo if end else (today_day if ongoing else None)
            if certain_until is not None and s_hi <= certain_until:
                certain_from[post_id].append((person_id, s_hi))
    excluded: list[Holder] = []
    for holder in candidates:
        began_by = time.last_day(holder.tenure.start or "").toordinal()
        for person_id, since in certain_from[holder.tenure.post.id]:
            if person_id != holder.tenure.person.id and began_by < since <= first:
                excluded.append(holder)
                break
    if not excluded:
        return answer
    # By identity: each holder is a tenure of its own (dataclass equality compares every field).
    out = {id(h) for h in excluded}
    return replace(
        answer,
        holders=[h for h in answer.holders if id(h) not in out],
        ruled_out=[*answer.ruled_out, *excluded],
    )
