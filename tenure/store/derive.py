"""Derived tables from claims: the whole store (``tenure rebuild``) or what changed (ingest).

    >>> refresh(store, conn, resolver, {"cl_..."})     # doctest: +SKIP

Both ways compute rows with the same code (:mod:`tenure.store.entities`,
:mod:`tenure.store.holdings`, :mod:`tenure.store.orgfacts`), in memory; they differ in what
they load. A rebuild (:mod:`tenure.store.rebuild`) reads every active claim once and writes
every derived row. An update (:mod:`tenure.store.update`) takes the claims that changed,
finds every person and organization whose names they touch, and recomputes those entities
from all their claims, then their tenures, posts, conflicts, events and relations. Every
derived row is a function of the active claims and the alias rules alone, so an ingest one
article at a time ends with exactly the tables a rebuild makes; when the changed claims are a
large share of the store, :func:`refresh` rebuilds, which is then cheaper.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date

from sqlalchemy import Connection, delete, func, select

from tenure.resolve.names import Resolver
from tenure.store import schema as s
from tenure.store.base import Store, chunks
from tenure.store.rebuild import Rebuild
from tenure.store.records import CHUNK, Changes, WrittenClaim
from tenure.store.update import Update

REBUILD_SHARE = 0.25
"""Changed claims past this share of the active ones are derived by a rebuild: reading the
whole store once costs less than following that many changes through their entities."""

__all__ = ["REBUILD_SHARE", "Changes", "Rebuild", "Update", "no_gc", "refresh"]


def refresh(
    store: Store,
    conn: Connection,
    resolver: Resolver,
    claim_ids: Iterable[str] | None = None,
    today: date | None = None,
    known: Mapping[str, WrittenClaim] | None = None,
) -> Changes:
    """Bring the derived tables up to date with the given changed claims (None: rebuild all).

    Runs inside the caller's transaction, and removes the claims it derived from ``pending``.
    ``known`` holds claims as an ingest just wrote them: a rebuild takes them from there
    rather than reading them back.
    """
    today = today or date.today()
    with no_gc():
        if claim_ids is None:
            return Rebuild(store, conn, resolver, today, known).run()
        ids = sorted(set(claim_ids))
        if not ids:
            return Changes()
        active = conn.execute(
            select(func.count()).select_from(s.claims).where(s.claims.c.retired.is_(False))
        ).scalar()
        if len(ids) >= REBUILD_SHARE * (active or 0):
            changes = Rebuild(store, conn, resolver, today, known).run()
        else:
            changes = Update(store, conn, resolver, today).run(ids)
        for chunk in chunks(ids, CHUNK):
            conn.execute(delete(s.pending).where(s.pending.c.claim_id.in_(chunk)))
    return changes


@contextmanager
def no_gc() -> Iterator[None]:
    """Python's cycle collector paused: a derivation allocates many objects and frees none
    until it ends, so collections would only rescan them (a fifth of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
