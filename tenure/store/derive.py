"""Derived tables from claims: the whole store (``tenure rebuild``) or what changed (ingest).

    >>> refresh(store, conn, resolver, {"cl_..."})     # doctest: +SKIP

Both paths compute rows with the same code (:mod:`tenure.store.entities`,
:mod:`tenure.store.holdings`, :mod:`tenure.store.orgfacts`), in memory; they differ in what
they load. A rebuild (:class:`Rebuild`) reads every active claim once and writes every
derived row. An update (:class:`tenure.store.update.Update`) takes the claims that changed,
finds every person and organization whose names they touch, and recomputes those entities
from all their claims, then their tenures, posts, conflicts, events and relations. Every
derived row is a function of the active claims and the alias rules alone, so an ingest one
article at a time ends with exactly the tables a rebuild makes; when the changed claims are a
large share of the store, :func:`refresh` rebuilds, which is then cheaper.
"""

from __future__ import annotations

import gc
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, func, select

from tenure.resolve.names import Resolver
from tenure.store import schema as s
from tenure.store.base import Store, chunks
from tenure.store.entities import ENTITY_TABLES, EntityBuilder, MentionRow, most_common
from tenure.store.holdings import PostTenure, build_tenures, conflict_rows
from tenure.store.mentions import Mention, mentions_of
from tenure.store.orgfacts import event_rows, relation_rows

REBUILD_SHARE = 0.25
"""Changed claims past this share of the active ones are derived by a rebuild: reading the
whole store once costs less than following that many changes through their entities."""
CHUNK = 5000
"""Values per IN list (SQLite allows 32,766 parameters, PostgreSQL 65,535)."""


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
    rebuilt: bool = False


def refresh(
    store: Store,
    conn: Connection,
    resolver: Resolver,
    claim_ids: Iterable[str] | None = None,
    today: date | None = None,
) -> Changes:
    """Bring the derived tables up to date with the given changed claims (None: rebuild all).

    Runs inside the caller's transaction, and removes the claims it derived from ``pending``.
    """
    from tenure.store.update import Update

    today = today or date.today()
    with no_gc():
        if claim_ids is None:
            return Rebuild(store, conn, resolver, today).run()
        ids = sorted(set(claim_ids))
        if not ids:
            return Changes()
        active = conn.execute(
            select(func.count()).select_from(s.claims).where(s.claims.c.retired.is_(False))
        ).scalar()
        if len(ids) >= REBUILD_SHARE * (active or 0):
            changes = Rebuild(store, conn, resolver, today).run()
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


def load_claims(conn: Connection, ids: Iterable[str]) -> list[ClaimRecord]:
    """Active claims by id, sorted by id."""
    out: list[ClaimRecord] = []
    c = s.claims.c
    for chunk in chunks(sorted(set(ids)), CHUNK):
        rows = conn.execute(
            select(c.id, c.kind, c.article, c.data, c.path).where(
                c.id.in_(chunk), c.retired.is_(False)
            )
        )
        out.extend(ClaimRecord(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows)
    out.sort(key=lambda r: r.id)
    return out


def mention_rows(
    resolver: Resolver, records: Iterable[ClaimRecord]
) -> tuple[dict[str, list[Mention]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Each claim's mentions, and the ``mentions`` and ``links`` rows they make."""
    found: dict[str, list[Mention]] = {}
    mentions: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for record in records:
        mine, pairs = mentions_of(resolver, record.kind, record.article, record.data)
        found[record.id] = mine
        mentions.extend(
            {"claim_id": record.id, "kind": m.kind, "role": m.role, "key": m.key, "name": m.name}
            for m in mine
        )
        for kind, a, b in pairs:
            links.append({"kind": kind, "a": a, "b": b, "claim_id": record.id})
            links.append({"kind": kind, "a": b, "b": a, "claim_id": record.id})
    return found, mentions, links


def claim_docs(records: Iterable[ClaimRecord], texts: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Search documents for claims: their label and evidence text, found by ``tenure search``."""
    return [
        {
            "ref": record.id,
            "kind": "claim",
            "name": claim_label(record.kind, record.data),
            "text": "\n".join(texts.get(record.id, [])),
        }
        for record in records
    ]


def write_entities(store: Store, conn: Connection, entities: EntityBuilder) -> None:
    """Insert the rows an :class:`EntityBuilder` made, and forget them."""
    for name in ENTITY_TABLES:
        rows = entities.rows.pop(name, None)
        if not rows:
            continue
        if name == "search_docs":
            store.add_search_docs(conn, rows)
        else:
            store.insert_ignore(conn, s.metadata.tables[name], rows)


class Rebuild:
    """Every derived row from every active claim, each claim read once."""

    def __init__(self, store: Store, conn: Connection, resolver: Resolver, today: date) -> None:
        self.store = store
        self.conn = conn
        self.resolver = resolver
        self.today = today
        self.entity_keys: dict[str, dict[str, str]] = {"org": {}, "person": {}}

    def entity_of(self, kind: str, keys: Iterable[str]) -> dict[str, str]:
        known = self.entity_keys[kind]
        return {key: known[key] for key in keys if key in known}

    def run(self) -> Changes:
        conn, store = self.conn, self.store
        store.delete_search_docs(conn)
        for table in reversed(s.DERIVED_TABLES):
            if table is not s.search_docs:
                conn.execute(table.delete())
        c, e = s.claims.c, s.claim_evidence.c
        # In table order, sorted here: ORDER BY id would visit the rows in index order.
        rows = conn.execute(
            select(c.id, c.kind, c.article, c.data, c.path).where(c.retired.is_(False))
        ).all()
        rows.sort(key=lambda row: row[0])
        records = [ClaimRecord(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows]
        by_id = {r.id: r for r in records}
        lines = conn.execute(select(e.claim_id, e.seq, e.line, e.section, e.text)).all()
        lines.sort(key=lambda row: (row[0], row[1]))
        evidence: dict[str, list[tuple[Any, Any, Any]]] = defaultdict(list)
        for claim_id, _seq, line, section, text in lines:
            if claim_id in by_id:
                evidence[claim_id].append((line, section, text))
        found, mentions, links = mention_rows(self.resolver, records)
        store.insert_ignore(conn, s.mentions, sorted(mentions, key=_mention_key))
        store.insert_ignore(conn, s.links, sorted(links, key=_link_key))
        changes = Changes(claims=len(records), rebuilt=True)
        changes.organizations, changes.persons = self._entities(records, found, links)
        self._holdings(records, found, by_id, evidence)
        self._org_facts(records, found, by_id, evidence)
        texts = {cid: [ev[2] for ev in items] for cid, items in evidence.items()}
        store.add_search_docs(conn, claim_docs(records, texts))
        return changes

    def _entities(
        self,
        records: list[ClaimRecord],
        found: dict[str, list[Mention]],
        links: list[dict[str, Any]],
    ) -> tuple[set[str], set[str]]:
        entities = EntityBuilder(self.resolver)
        claims = {r.id: (r.kind, r.article, r.data) for r in records}
        made_ids: dict[str, set[str]] = {}
        for kind in ("org", "person"):
            by_key: dict[str, list[MentionRow]] = defaultdict(list)
            for record in records:
                for m in found[record.id]:
                    if m.kind == kind:
                        by_key[m.key].append((record.id, m.role, m.key, m.name))
            adjacent: dict[str, set[str]] = defaultdict(set)
            for link in links:
                if link["kind"] == kind:
                    adjacent[link["a"]].add(link["b"])
            groups = entities.components(kind, set(by_key), _linked(adjacent))
            made = entities.build(kind, groups, set(by_key), by_key, claims)
            self.entity_keys[kind] = {key: eid for eid, keys in made.items() for key in keys}
            made_ids[kind] = set(made)
        write_entities(self.store, self.conn, entities)
        return made_ids["org"], made_ids["person"]

    def _holdings(
        self,
        records: list[ClaimRecord],
        found: dict[str, list[Mention]],
        by_id: dict[str, ClaimRecord],
        evidence: dict[str, list[tuple[Any, Any, Any]]],
    ) -> None:
        r, store, conn = self.resolver, self.store, self.conn
        held = [
            (x.id, x.article, x.data)
            for x in records
            if x.kind == "tenure" and any(m.role == "holder" for m in found[x.id])
        ]
        made = build_tenures(r, held, self.entity_of, _evidence_of(by_id, evidence))
        for post_id, post in made.posts.items():
            post["title"] = most_common(made.titles[post_id]) or post["title"]
        store.insert_ignore(conn, s.tenures, sorted(made.tenures, key=lambda t: t["id"]))
        store.insert_ignore(conn, s.tenure_claims, made.links)
        store.insert_ignore(conn, s.posts, list(made.posts.values()))
        articles = {cid: by_id[cid].article for cid in by_id}
        sources: dict[str, set[str]] = defaultdict(set)
        for link in made.links:
            sources[link["tenure_id"]].add(articles[link["claim_id"]])
        by_post: dict[str, list[PostTenure]] = defaultdict(list)
        for t in made.tenures:
            by_post[t["post_id"]].append(
                (
                    t["id"],
                    t["person_id"],
                    t["start"],
                    t["end"],
                    bool(t["ongoing"]),
                    bool(t["acting"]),
                    _const(sources[t["id"]]),
                )
            )
        rows: dict[str, dict[str, Any]] = {}
        for post_id in sorted(by_post):
            post = made.posts[post_id]
            single = bool(post["single_holder"]) and post["org_id"] is not None
            items = sorted(by_post[post_id], key=lambda item: item[0])
            conflict_rows(post_id, items, single, self.today, rows)
        store.insert_ignore(conn, s.conflicts, [rows[k] for k in sorted(rows)])

    def _org_facts(
        self,
        records: list[ClaimRecord],
        found: dict[str, list[Mention]],
        by_id: dict[str, ClaimRecord],
        evidence: dict[str, list[tuple[Any, Any, Any]]],
    ) -> None:
        facts = [
            (x.id, x.kind, x.article, x.data)
            for x in records
            if x.kind in ("event", "org_fact")
            and any(m.kind == "org" and m.role == "subject" for m in found[x.id])
        ]
        events, links = event_rows(
            self.resolver,
            [f for f in facts if f[1] == "event"],
            self.entity_of,
            _evidence_of(by_id, evidence),
        )
        self.store.insert_ignore(self.conn, s.events, events)
        self.store.insert_ignore(self.conn, s.event_claims, links)
        relations = relation_rows(
            self.resolver, [f for f in facts if f[1] == "org_fact"], self.entity_of
        )
        self.store.insert_ignore(self.conn, s.org_relations, relations)


def _evidence_of(
    by_id: dict[str, ClaimRecord], evidence: dict[str, list[tuple[Any, Any, Any]]]
) -> Any:
    def evidence_of(claim_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for cid in claim_ids:
            record = by_id[cid]
            out[cid] = [
                {
                    "claim": cid,
                    "article": record.article,
                    "path": record.path,
                    "line": line,
                    "section": section,
                    "text": text,
                }
                for line, section, text in evidence.get(cid, ())
            ]
        return out

    return evidence_of


def _linked(adjacent: dict[str, set[str]]) -> Any:
    def linked(keys: set[str]) -> Iterator[tuple[str, str]]:
        return ((a, b) for a in keys for b in adjacent.get(a, ()))

    return linked


def _const(value: set[str]) -> Any:
    return lambda: value


def _mention_key(row: dict[str, Any]) -> tuple[str, str, str, str]:
    return row["claim_id"], row["kind"], row["role"], row["key"]


def _link_key(row: dict[str, Any]) -> tuple[str, str, str, str]:
    return row["kind"], row["a"], row["b"], row["claim_id"]


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
