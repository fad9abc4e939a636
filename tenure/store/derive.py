"""Derived tables from claims: the whole store (``tenure rebuild``) or what changed (ingest).

    >>> refresh(store, conn, resolver, {"cl_..."})     # doctest: +SKIP

Both paths run the same code: :func:`refresh` takes the claims that changed (or all of
them), finds every person and organization whose names they touch, recomputes those
entities from all their claims, then their tenures, posts, conflicts, events and relations.
Every derived row is a function of the active claims and the alias rules alone, so an ingest
one article at a time ends with exactly the tables a rebuild makes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, select

from tenure.resolve.names import Resolver
from tenure.store import schema as s
from tenure.store.base import Store, chunks
from tenure.store.entities import EntityBuilder
from tenure.store.holdings import HoldingsBuilder
from tenure.store.mentions import mentions_of


@dataclass
class ClaimRecord:
    """A claim as the derivation reads it."""

    id: str
    kind: str
    article: str
    data: dict[str, Any]
    path: str | None = None


@dataclass
class Changes:
    """What a refresh touched, for callers that report or cache."""

    claims: int = 0
    persons: set[str] = field(default_factory=set)
    organizations: set[str] = field(default_factory=set)


def refresh(
    store: Store,
    conn: Connection,
    resolver: Resolver,
    claim_ids: Iterable[str] | None = None,
    today: date | None = None,
) -> Changes:
    """Bring the derived tables up to date with the given changed claims (None: rebuild all).

    Runs inside the caller's transaction.
    """
    today = today or date.today()
    changes = Changes()
    if claim_ids is None:
        for table in reversed(s.DERIVED_TABLES):
            conn.execute(table.delete())
        ids = list(
            conn.execute(select(s.claims.c.id).where(s.claims.c.retired.is_(False))).scalars()
        )
    else:
        ids = sorted(set(claim_ids))
    if not ids:
        return changes
    changes.claims = len(ids)
    touched = _update_mentions(store, conn, resolver, ids, full=claim_ids is None)
    entities = EntityBuilder(store, conn, resolver)
    org_old, org_new = entities.rebuild("org", touched["org"])
    per_old, per_new = entities.rebuild("person", touched["person"])
    changes.organizations = org_old | org_new
    changes.persons = per_old | per_new
    holdings = HoldingsBuilder(store, conn, resolver, today)
    holdings.rebuild_tenures(
        persons=entities.reshaped["person"],
        orgs=entities.reshaped["org"],
        org_keys=entities.reshaped_keys["org"],
        groups=touched["groups"],
    )
    holdings.rebuild_org_facts(orgs=org_old | org_new, org_keys=entities.component_keys["org"])
    _update_claim_docs(store, conn, ids)
    for chunk in chunks(ids):
        conn.execute(delete(s.pending).where(s.pending.c.claim_id.in_(chunk)))
    return changes


def load_claims(conn: Connection, ids: Iterable[str]) -> list[ClaimRecord]:
    """Active claims by id."""
    out: list[ClaimRecord] = []
    c = s.claims.c
    for chunk in chunks(sorted(set(ids))):
        rows = conn.execute(
            select(c.id, c.kind, c.article, c.data, c.path).where(
                c.id.in_(chunk), c.retired.is_(False)
            )
        )
        out.extend(ClaimRecord(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows)
    out.sort(key=lambda r: r.id)
    return out


def _update_mentions(
    store: Store, conn: Connection, resolver: Resolver, ids: list[str], *, full: bool
) -> dict[str, Any]:
    """Replace the mentions and links of changed claims; return the keys they touched (before
    and after) and the (person key, post key) groups of their tenures."""
    touched: dict[str, Any] = {"org": set(), "person": set(), "groups": set()}
    m = s.mentions.c
    if not full:
        for chunk in chunks(ids):
            holders: dict[str, str] = {}
            posts: dict[str, str] = {}
            for claim_id, kind, role, key in conn.execute(
                select(m.claim_id, m.kind, m.role, m.key).where(m.claim_id.in_(chunk))
            ):
                if kind == "post":
                    posts[claim_id] = key
                    continue
                touched[kind].add(key)
                if role == "holder":
                    holders[claim_id] = key
            touched["groups"].update(
                (key, posts[cid]) for cid, key in holders.items() if cid in posts
            )
            conn.execute(delete(s.mentions).where(m.claim_id.in_(chunk)))
            conn.execute(delete(s.links).where(s.links.c.claim_id.in_(chunk)))
    mention_rows: list[dict[str, Any]] = []
    link_rows: list[dict[str, Any]] = []
    for record in load_claims(conn, ids):
        found, links = mentions_of(resolver, record.kind, record.article, record.data)
        holder = next((x.key for x in found if x.role == "holder"), None)
        post = next((x.key for x in found if x.kind == "post"), None)
        if holder and post:
            touched["groups"].add((holder, post))
        for mention in found:
            if mention.kind != "post":
                touched[mention.kind].add(mention.key)
            mention_rows.append(
                {
                    "claim_id": record.id,
                    "kind": mention.kind,
                    "role": mention.role,
                    "key": mention.key,
                    "name": mention.name,
                }
            )
        for kind, a, b in links:
            link_rows.append({"kind": kind, "a": a, "b": b, "claim_id": record.id})
            link_rows.append({"kind": kind, "a": b, "b": a, "claim_id": record.id})
    store.insert_ignore(conn, s.mentions, mention_rows)
    store.insert_ignore(conn, s.links, link_rows)
    return touched


def _update_claim_docs(store: Store, conn: Connection, ids: list[str]) -> None:
    """Search documents for claims: their evidence text, found by ``tenure search``."""
    d = s.search_docs.c
    for chunk in chunks(ids):
        conn.execute(delete(s.search_docs).where(d.ref.in_(chunk)))
    rows = []
    e = s.claim_evidence.c
    texts: dict[str, list[str]] = defaultdict(list)
    for chunk in chunks(ids):
        for claim_id, text in conn.execute(
            select(e.claim_id, e.text).where(e.claim_id.in_(chunk)).order_by(e.claim_id, e.seq)
        ):
            texts[claim_id].append(text)
    for record in load_claims(conn, ids):
        rows.append(
            {
                "ref": record.id,
                "kind": "claim",
                "name": claim_label(record.kind, record.data),
                "text": "\n".join(texts.get(record.id, [])),
            }
        )
    if rows:
        store.insert_ignore(conn, s.search_docs, rows)


def claim_label(kind: str, data: dict[str, Any]) -> str:
    """A one-line description of a claim: "Li Zhanshu — Director, Office of ..."."""
    if kind == "tenure":
        where = f", {data['organization']}" if data.get("organization") else ""
        return f"{data.get('person')} — {data.get('post')}{where}"
    if kind == "event":
        other = f" → {data['other']}" if data.get("other") else ""
        return f"{data.get('organization')} {data.get('type')}{other}"
    if kind in ("org_name", "org_fact"):
        value = data.get("name") or data.get("value")
        return f"{data.get('organization')}: {data.get('kind') or data.get('field')} {value}"
    value = data.get("name") or data.get("value")
    return f"{data.get('person')}: {data.get('kind') or data.get('field')} {value}"
