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
    with _set_aside():
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


@contextmanager
def _set_aside() -> Iterator[None]:
    """:func:`no_gc`, with what the caller holds set aside (``gc.freeze``) meanwhile.

    Re-enabled after a derivation, the collector would at once scan everything alive, the
    claims an ingest keeps for its rebuild included, for no garbage (half a second after
    2,000 articles). Instead, what the caller held is frozen while the derivation runs, the
    collection at its end looks only at what the derivation left, and the caller's objects
    then go back to the oldest generation. Not done when the process froze objects itself
    (unfreezing would release them too).
    """
    enabled = gc.isenabled()
    aside = enabled and gc.get_freeze_count() == 0
    gc.disable()
    if aside:
        gc.freeze()
    try:
        yield
    finally:
        if aside:
            gc.collect()
            gc.unfreeze()
        if enabled:
            gc.enable()
