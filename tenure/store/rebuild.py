"""A rebuild: every derived row from every active claim, each claim read once.

    >>> Rebuild(store, conn, resolver, date.today()).run()        # doctest: +SKIP

``tenure rebuild`` does this, and so does an ingest whose changed claims are a large share of
the store (:func:`tenure.store.derive.refresh`). It empties the derived tables, loads every
active claim and its evidence, and computes mentions, entities, tenures, posts, conflicts,
events, relations and search documents in memory, writing each table in a few statements.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, func, select

from tenure.resolve.names import Resolver
from tenure.store import schema as s
from tenure.store.base import BulkLoad, Store
from tenure.store.entities import ENTITY_TABLES, EntityBuilder, MentionRow, most_common
from tenure.store.holdings import (
    TENURE_CLAIM_COLUMNS,
    TENURE_COLUMNS,
    EvidenceOf,
    PostTenure,
    TenureClaim,
    TenureKeys,
    TenureRow,
    build_tenures,
    conflict_rows,
    evidence_record,
)
from tenure.store.mentions import Mention
from tenure.store.orgfacts import event_rows, relation_rows
from tenure.store.records import (
    LINK_COLUMNS,
    MENTION_COLUMNS,
    Changes,
    ClaimRecord,
    WrittenClaim,
    claim_doc,
    mention_rows,
    write_entities,
)

ENTITY_ROW_TABLES = tuple(s.metadata.tables[name] for name in ENTITY_TABLES)
"""The tables :func:`write_entities` fills (``search_docs`` among them)."""


class Rebuild:
    """Every derived row from every active claim, each claim read once."""

    def __init__(
        self,
        store: Store,
        conn: Connection,
        resolver: Resolver,
        today: date,
        known: Mapping[str, WrittenClaim] | None = None,
    ) -> None:
        self.store = store
        self.conn = conn
        self.resolver = resolver
        self.today = today
        self.known: dict[str, WrittenClaim] = (
            known if isinstance(known, dict) else dict(known or {})
        )
        """Claims as an ingest just wrote them: taken from here rather than read back (a
        dict, which compiled code reads directly, where a Mapping's methods are called)."""
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
        with store.bulk_load(conn, s.DERIVED_TABLES) as load:
            return self._derive(load)

    def _derive(self, load: BulkLoad) -> Changes:
        """Each table written in a few statements; while the indexes of those written so far
        are built (:meth:`BulkLoad.indexing`), the rows of the next ones are computed."""
        conn, store = self.conn, self.store
        records, evidence = self._claims()
        by_id = {r.id: r for r in records}
        # Records are in id order, so their mention rows are (a sort of each claim's few).
        found, mentions, links = mention_rows(self.resolver, records, self.known)
        links.sort()
        store.insert_rows(conn, s.mentions, MENTION_COLUMNS, mentions)
        store.insert_rows(conn, s.links, LINK_COLUMNS, links)
        changes = Changes(claims=len(records), rebuilt=True)
        with load.indexing((s.mentions, s.links)):
            entities, changes.organizations, changes.persons = self._entities(records, found, links)
        write_entities(store, conn, entities)
        store.add_search_docs(conn, self._docs(records, evidence))
        with load.indexing(ENTITY_ROW_TABLES):
            holdings = self._holdings(records, found, by_id, evidence)
            facts = self._org_facts(records, found, by_id, evidence)
        _write(store, conn, holdings + facts)
        return changes

    def _docs(
        self, records: list[ClaimRecord], evidence: dict[str, list[tuple[Any, Any, Any]]]
    ) -> list[dict[str, Any]]:
        """Each claim's search document, as the ingest worked it out or made now."""
        known = self.known
        docs = []
        for record in records:
            written = known.get(record.id)
            if written is not None and written.doc is not None:
                docs.append(written.doc)
            else:
                docs.append(claim_doc(record, [ev[2] for ev in evidence.get(record.id, ())]))
        return docs

    def _claims(self) -> tuple[list[ClaimRecord], dict[str, list[tuple[Any, Any, Any]]]]:
        """Every active claim (sorted by id) and its evidence (line, section, text) in order;
        those in :attr:`known` are not read again."""
        conn, known = self.conn, self.known
        c, e = s.claims.c, s.claim_evidence.c
        active = c.retired.is_(False)
        ids = self._active_ids()
        records = [known[cid].record for cid in ids if cid in known]
        evidence: dict[str, list[tuple[Any, Any, Any]]] = {
            cid: known[cid].evidence for cid in ids if cid in known
        }
        if len(records) < len(ids):
            # Rows as sequences: mypy takes sqlalchemy's Row for a tuple, which it is not, and
            # compiled code (setup.py) checks that a value is what its type says.
            claim_rows: Iterable[Sequence[Any]] = conn.execute(
                select(c.id, c.kind, c.article, c.data, c.path).where(active)
            )
            read = [
                ClaimRecord(r[0], r[1], r[2], json.loads(r[3]), r[4])
                for r in claim_rows
                if r[0] not in known
            ]
            records.extend(read)
            wanted = {r.id for r in read}
            evidence_rows: Iterable[Sequence[Any]] = conn.execute(
                select(e.claim_id, e.seq, e.line, e.section, e.text)
            )
            lines = sorted(
                (row for row in evidence_rows if row[0] in wanted),
                key=lambda row: (row[0], row[1]),
            )
            for claim_id, _seq, line, section, text in lines:
                evidence.setdefault(claim_id, []).append((line, section, text))
        # Sorted here rather than by ORDER BY id, which would visit the rows in index order.
        records.sort(key=lambda r: r.id)
        return records, evidence

    def _active_ids(self) -> list[str]:
        """The ids of the active claims.

        When the store holds the claims of :attr:`known` alone, every one of them active (the
        rebuild after an ingest into an empty store), they are its keys: two counts, each
        read off an index on SQLite, stand in for reading every claim's row (``retired`` is
        its last column). Claims are retired, never deleted, so those an ingest wrote are
        still there.
        """
        conn, known, run = self.conn, self.known, self.store.prepared
        if (
            known
            and _count(run(_claim_count())(conn)) == len(known)
            and _count(run(_claim_count(active=True))(conn)) == len(known)
        ):
            return list(known)
        return [row[0] for row in run(_active_ids())(conn)]

    def _entities(
        self,
        records: list[ClaimRecord],
        found: dict[str, list[Mention]],
        links: list[tuple[str, ...]],
    ) -> tuple[EntityBuilder, set[str], set[str]]:
        """Persons and organizations: the builder holding their rows (not written yet), and
        the ids made of organizations and of persons."""
        entities = EntityBuilder(self.resolver)
        claims = {r.id: (r.kind, r.article, r.data) for r in records}
        made_ids: dict[str, set[str]] = {}
        mentioned: dict[str, dict[str, list[MentionRow]]] = {"org": {}, "person": {}}
        for record in records:
            cid = record.id
            for kind, role, key, name in found[cid]:
                by_kind = mentioned.get(kind)
                if by_kind is not None:
                    rows = by_kind.get(key)
                    if rows is None:
                        by_kind[key] = [(cid, role, key, name)]
                    else:
                        rows.append((cid, role, key, name))
        for kind in ("org", "person"):
            by_key = mentioned[kind]
            adjacent: dict[str, set[str]] = defaultdict(set)
            for link_kind, a, b, _claim in links:
                if link_kind == kind:
                    adjacent[a].add(b)
            groups = entities.components(kind, set(by_key), _linked(adjacent))
            made = entities.build(kind, groups, set(by_key), by_key, claims)
            self.entity_keys[kind] = {key: eid for eid, keys in made.items() for key in keys}
            made_ids[kind] = set(made)
        return entities, made_ids["org"], made_ids["person"]

    def _holdings(
        self,
        records: list[ClaimRecord],
        found: dict[str, list[Mention]],
        by_id: dict[str, ClaimRecord],
        evidence: dict[str, list[tuple[Any, Any, Any]]],
    ) -> list[Write]:
        """Tenures, their claims, posts and conflicts, to write."""
        r = self.resolver
        held: list[TenureClaim] = []
        keys: list[TenureKeys] = []
        for x in records:
            if x.kind == "tenure":
                person = org = title = None
                for m in found[x.id]:
                    if m.role == "holder":
                        person = m.key
                    elif m.role == "org":
                        org = m.key
                    elif m.role == "post":
                        title = m
                if person is not None and title is not None:
                    held.append((x.id, x.article, x.data))
                    keys.append((person, org, title.key, title.name))
        evidence_of = _evidence_of(by_id, evidence, self.known)
        made = build_tenures(r, held, self.entity_of, evidence_of, keys)
        for post_id, post in made.posts.items():
            post["title"] = most_common(made.titles[post_id]) or post["title"]
        made.tenures.sort(key=itemgetter(0))
        sources = made.articles
        by_post: dict[str, list[TenureRow]] = defaultdict(list)
        for t in made.tenures:  # sorted by id, and so is each post's list
            by_post[t[2]].append(t)
        rows: dict[str, dict[str, Any]] = {}
        for post_id in sorted(by_post):
            tenures = by_post[post_id]
            post = made.posts[post_id]
            single = bool(post["single_holder"]) and post["org_id"] is not None
            items: list[PostTenure] = [
                (t[0], t[1], t[4], t[5], bool(t[6]), bool(t[7]), _const(sources[t[0]]))
                for t in tenures
            ]
            conflict_rows(post_id, items, single, self.today, rows)
        return [
            (s.tenures, TENURE_COLUMNS, made.tenures),
            (s.tenure_claims, TENURE_CLAIM_COLUMNS, made.links),
            (s.posts, None, list(made.posts.values())),
            (s.conflicts, None, [rows[k] for k in sorted(rows)]),
        ]

    def _org_facts(
        self,
        records: list[ClaimRecord],
        found: dict[str, list[Mention]],
        by_id: dict[str, ClaimRecord],
        evidence: dict[str, list[tuple[Any, Any, Any]]],
    ) -> list[Write]:
        """Events, their claims and organizations' relations, to write."""
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
            _evidence_of(by_id, evidence, self.known),
        )
        relations = relation_rows(
            self.resolver, [f for f in facts if f[1] == "org_fact"], self.entity_of
        )
        return [
            (s.events, None, events),
            (s.event_claims, None, links),
            (s.org_relations, None, relations),
        ]


Write = tuple[Table, Sequence[str] | None, list[Any]]
"""Rows for a table: tuples in the order of the columns given, or dicts (columns None)."""


def _write(store: Store, conn: Connection, writes: list[Write]) -> None:
    for table, columns, rows in writes:
        if columns is None:
            store.insert_ignore(conn, table, rows)
        else:
            store.insert_rows(conn, table, columns, rows)


@cache
def _claim_count(active: bool = False) -> Any:
    """How many claims the store holds (active ones only, or all)."""
    count = select(func.count()).select_from(s.claims)
    return count.where(s.claims.c.retired.is_(False)) if active else count


def _count(rows: Sequence[Any]) -> int:
    return int(rows[0][0] or 0)


@cache
def _active_ids() -> Any:
    """The ids of the active claims: run as the store's prepared statement, on SQLite
    straight through the driver (a row per claim, which SQLAlchemy's results would wrap)."""
    c = s.claims.c
    return select(c.id).where(c.retired.is_(False))


def _evidence_of(
    by_id: dict[str, ClaimRecord],
    evidence: dict[str, list[tuple[Any, Any, Any]]],
    known: dict[str, WrittenClaim],
) -> EvidenceOf:
    def evidence_of(claim_ids: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for cid in claim_ids:
            written = known.get(cid)
            if written is not None and written.records is not None:
                out[cid] = written.records
                continue
            record = by_id[cid]
            article, path = record.article, record.path
            out[cid] = [
                evidence_record(cid, article, path, line, section, text)
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
