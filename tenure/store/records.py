"""Claims as the derivation reads them, and the rows every derivation writes for them.

Shared by the two ways of deriving (:mod:`tenure.store.rebuild`, :mod:`tenure.store.update`):
loading claims, their mentions and links (:mod:`tenure.store.mentions`), their search
documents, and writing the rows an :class:`~tenure.store.entities.EntityBuilder` made.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from tenure.resolve.names import Resolver
from tenure.store import schema as s
from tenure.store.base import Store, chunks
from tenure.store.entities import ENTITY_COLUMNS, ENTITY_TABLES, EntityBuilder
from tenure.store.mentions import Mention, Mentions, mentions_of

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
class WrittenClaim:
    """A claim as an ingest just stored it: its record and its evidence rows (line, section,
    text) in order. A rebuild that follows the ingest takes these rather than reading them
    back from the store."""

    record: ClaimRecord
    evidence: list[tuple[int | None, str | None, str]]
    mentions: Mentions | None = None
    """Its mentions and links (:func:`~tenure.store.mentions.mentions_of`) under the resolver
    of the rebuild to come, when the ingest worked them out as it wrote the claim (while
    other processes extract the next articles); None when the rebuild is to."""
    doc: dict[str, Any] | None = None
    """Its search document (:func:`claim_doc`), when the ingest worked it out."""
    records: list[str] | None = None
    """Its evidence records encoded for a tenure's or event's evidence
    (:func:`~tenure.store.holdings.evidence_record`), when the ingest worked them out."""


@dataclass
class Changes:
    """What a refresh touched, for callers that report or cache."""

    claims: int = 0
    persons: set[str] = field(default_factory=set)
    organizations: set[str] = field(default_factory=set)
    rebuilt: bool = False


def load_claims(conn: Connection, ids: Iterable[str]) -> list[ClaimRecord]:
    """Active claims by id, sorted by id."""
    out: list[ClaimRecord] = []
    c = s.claims.c
    for chunk in chunks(sorted(set(ids)), CHUNK):
        # Sequences: mypy takes sqlalchemy's Row for a tuple, which compiled code would check.
        rows: Iterable[Sequence[Any]] = conn.execute(
            select(c.id, c.kind, c.article, c.data, c.path).where(
                c.id.in_(chunk), c.retired.is_(False)
            )
        )
        out.extend(ClaimRecord(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows)
    out.sort(key=lambda r: r.id)
    return out


MENTION_COLUMNS = ("claim_id", "kind", "role", "key", "name")
LINK_COLUMNS = ("kind", "a", "b", "claim_id")


def mention_rows(
    resolver: Resolver,
    records: Iterable[ClaimRecord],
    known: dict[str, WrittenClaim] | None = None,
) -> tuple[dict[str, list[Mention]], list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Each claim's mentions, and the ``mentions`` and ``links`` rows they make, as tuples
    in the order of :data:`MENTION_COLUMNS` and :data:`LINK_COLUMNS`.

    Mentions an ingest worked out already (:attr:`WrittenClaim.mentions` in ``known``, under
    this ``resolver``) are taken as they are.
    """
    found: dict[str, list[Mention]] = {}
    mentions: list[tuple[str, ...]] = []
    links: list[tuple[str, ...]] = []
    known = known or {}
    for record in records:
        cid = record.id
        written = known.get(cid)
        done = written.mentions if written is not None else None
        if done is None:
            done = mentions_of(resolver, record.kind, record.article, record.data)
        found[cid] = done[0]
        add_mention_rows(cid, done, mentions, links)
    return found, mentions, links


def add_mention_rows(
    claim_id: str,
    found: Mentions,
    mentions: list[tuple[str, ...]],
    links: list[tuple[str, ...]],
) -> None:
    """Append the ``mentions`` and ``links`` rows (both directions) of one claim's mentions;
    its mention rows in order, so that those of claims taken in id order are in order."""
    mine, pairs = found
    rows = [(claim_id, m[0], m[1], m[2], m[3]) for m in mine]
    rows.sort()
    mentions += rows
    for kind, a, b in pairs:
        links.append((kind, a, b, claim_id))
        links.append((kind, b, a, claim_id))


def claim_docs(records: Iterable[ClaimRecord], texts: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Search documents for claims: their label and evidence text, found by ``tenure search``."""
    return [claim_doc(record, texts.get(record.id, [])) for record in records]


def claim_doc(record: ClaimRecord, texts: Iterable[str]) -> dict[str, Any]:
    """The search document of one claim, given the texts of its evidence in order."""
    return {
        "ref": record.id,
        "kind": "claim",
        "name": claim_label(record.kind, record.data),
        "text": "\n".join(texts),
    }


def write_entities(store: Store, conn: Connection, entities: EntityBuilder) -> None:
    """Insert the rows an :class:`EntityBuilder` made, and forget them."""
    for name in ENTITY_TABLES:
        rows = entities.rows.pop(name, None)
        if not rows:
            continue
        if name == "search_docs":
            store.add_search_docs(conn, rows)
        else:
            store.insert_rows(conn, s.metadata.tables[name], ENTITY_COLUMNS[name], rows)


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
