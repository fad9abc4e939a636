"""The graph as seven tables linked by ids: what ``csv``, ``parquet`` and the DataFrames hold.

    >>> for row in rows(Scope.of(db), "tenures"):               # doctest: +SKIP
    ...     row["person_id"], row["post_id"], row["start"], row["start_precision"]

=================  ====================================================================
organizations      one row per organization; ``parent_ids`` / ``parent_names`` aligned
names              every name of every organization, with the span it was used
posts              one row per post, with its organization
persons            one row per person, with aliases
tenures            who held which post from when to when (``status`` current/ended/unknown)
events             established, renamed, merged... with the other body where known
claims             the facts as read: article, URL, line, verbatim text (the evidence)
=================  ====================================================================

Dates are ISO prefixes at the precision the sources wrote ("2014", "2014-03",
"2014-03-20"), each with a ``*_precision`` column (year, month, day). :data:`COLUMNS` says each
column's type; ``docs/exports.md`` documents them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Literal

from tenure.export import readers
from tenure.export.common import (
    Scope,
    batched,
    evidence_articles,
    evidence_claims,
    precision,
    status,
)

_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode

ColumnType = Literal["string", "bool", "int", "list", "intlist"]

COLUMNS: dict[str, list[tuple[str, ColumnType]]] = {
    "organizations": [
        ("id", "string"),
        ("name", "string"),
        ("type", "string"),
        ("jurisdiction", "string"),
        ("headquarters", "string"),
        ("formed", "string"),
        ("formed_precision", "string"),
        ("dissolved", "string"),
        ("dissolved_precision", "string"),
        ("website", "string"),
        ("wikidata", "string"),
        ("parent_ids", "list"),
        ("parent_names", "list"),
        ("articles", "list"),
    ],
    "names": [
        ("org_id", "string"),
        ("name", "string"),
        ("kind", "string"),
        ("lang", "string"),
        ("start", "string"),
        ("start_precision", "string"),
        ("end", "string"),
        ("end_precision", "string"),
    ],
    "posts": [
        ("id", "string"),
        ("title", "string"),
        ("org_id", "string"),
        ("single_holder", "bool"),
        ("wikidata", "string"),
    ],
    "persons": [
        ("id", "string"),
        ("name", "string"),
        ("aliases", "list"),
        ("born", "string"),
        ("born_precision", "string"),
        ("died", "string"),
        ("died_precision", "string"),
        ("wikidata", "string"),
        ("articles", "list"),
    ],
    "tenures": [
        ("id", "string"),
        ("person_id", "string"),
        ("post_id", "string"),
        ("org_id", "string"),
        ("start", "string"),
        ("start_precision", "string"),
        ("end", "string"),
        ("end_precision", "string"),
        ("ongoing", "bool"),
        ("status", "string"),
        ("acting", "bool"),
        ("role", "string"),
        ("rank", "string"),
        ("concurrent", "list"),
        ("claim_ids", "list"),
        ("articles", "list"),
    ],
    "events": [
        ("id", "string"),
        ("org_id", "string"),
        ("type", "string"),
        ("date", "string"),
        ("date_precision", "string"),
        ("other_name", "string"),
        ("other_id", "string"),
        ("claim_ids", "list"),
        ("articles", "list"),
    ],
    "claims": [
        ("id", "string"),
        ("kind", "string"),
        ("article", "string"),
        ("url", "string"),
        ("path", "string"),
        ("revision", "string"),
        ("line", "int"),
        ("section", "string"),
        ("text", "string"),
        ("lines", "intlist"),
        ("data", "string"),
        ("sha256", "string"),
        ("first_seen", "string"),
        ("last_seen", "string"),
        ("retired", "bool"),
    ],
}
TABLES = tuple(COLUMNS)
"""Table names in the order they are written."""

COUNT_OF = {
    "organizations": "organizations",
    "names": "organizations",
    "posts": "posts",
    "persons": "persons",
    "tenures": "tenures",
    "events": "events",
    "claims": "claims",
}
"""Which of :meth:`Scope.counts` sizes each table (names: roughly, a few per organization)."""


def rows(scope: Scope, table: str) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` for ``scope``, streamed, as dicts keyed by :data:`COLUMNS`; an
    empty text is None, as in every format."""
    if table not in COLUMNS:
        raise ValueError(f"no table {table!r}; tables are {', '.join(TABLES)}")
    strings = [name for name, kind in COLUMNS[table] if kind == "string"]
    for row in _ROWS[table](scope):
        if "" in row.values():
            for name in strings:
                if row[name] == "":
                    row[name] = None
        yield row


def size(scope: Scope) -> int:
    """About how many rows all tables hold (for a progress bar): names count as one per
    organization."""
    counts = scope.counts()
    return sum(counts[COUNT_OF[table]] for table in TABLES)


def _organizations(scope: Scope) -> Iterator[dict[str, Any]]:
    for o in scope.organizations():
        yield {
            "id": o.id,
            "name": o.name,
            "type": o.type,
            "jurisdiction": o.jurisdiction,
            "headquarters": o.headquarters,
            "formed": o.formed,
            "formed_precision": precision(o.formed),
            "dissolved": o.dissolved,
            "dissolved_precision": precision(o.dissolved),
            "website": o.website,
            "wikidata": o.wikidata,
            "parent_ids": [p.id for p in o.parents],
            "parent_names": [p.name for p in o.parents],
            "articles": list(o.articles),
        }


def _names(scope: Scope) -> Iterator[dict[str, Any]]:
    for o in scope.organizations():
        for n in o.names:
            yield {
                "org_id": o.id,
                "name": n.name,
                "kind": n.kind,
                "lang": n.lang,
                "start": n.start,
                "start_precision": precision(n.start),
                "end": n.end,
                "end_precision": precision(n.end),
            }


def _posts(scope: Scope) -> Iterator[dict[str, Any]]:
    qids = {
        pid: entry.wikidata for entry in readers.post_wikidata(scope.db) for pid in entry.post_ids
    }
    for p in scope.posts():
        yield {
            "id": p.id,
            "title": p.title,
            "org_id": p.organization.id if p.organization else None,
            "single_holder": p.single_holder,
            "wikidata": qids.get(p.id),
        }


def _persons(scope: Scope) -> Iterator[dict[str, Any]]:
    for p in scope.persons():
        yield {
            "id": p.id,
            "name": p.name,
            "aliases": list(p.aliases),
            "born": p.born,
            "born_precision": precision(p.born),
            "died": p.died,
            "died_precision": precision(p.died),
            "wikidata": p.wikidata,
            "articles": list(p.articles),
        }


def _tenures(scope: Scope) -> Iterator[dict[str, Any]]:
    for t in scope.tenures():
        yield {
            "id": t.id,
            "person_id": t.person.id,
            "post_id": t.post.id,
            "org_id": t.post.organization.id if t.post.organization else None,
            "start": t.start,
            "start_precision": precision(t.start),
            "end": t.end,
            "end_precision": precision(t.end),
            "ongoing": t.ongoing,
            "status": status(t),
            "acting": t.acting,
            "role": t.role,
            "rank": t.rank,
            "concurrent": list(t.concurrent),
            "claim_ids": evidence_claims(t),
            "articles": evidence_articles(t),
        }


def _events(scope: Scope) -> Iterator[dict[str, Any]]:
    for e in scope.events():
        yield {
            "id": e.id,
            "org_id": e.organization.id,
            "type": e.type,
            "date": e.date,
            "date_precision": precision(e.date),
            "other_name": e.other,
            "other_id": e.other_id,
            "claim_ids": evidence_claims(e),
            "articles": evidence_articles(e),
        }


def _claims(scope: Scope) -> Iterator[dict[str, Any]]:
    for batch in batched(scope.claims(), 1000):
        urls = scope.urls({c.article for c in batch})
        for c in batch:
            yield {
                "id": c.id,
                "kind": c.kind,
                "article": c.article,
                "url": urls.get(c.article),
                "path": c.path,
                "revision": c.revision,
                "line": c.line,
                "section": c.section,
                "text": c.text,
                "lines": [e.line for e in c.evidence],
                "data": _JSON(c.data),
                "sha256": c.sha256,
                "first_seen": c.first_seen,
                "last_seen": c.last_seen,
                "retired": c.retired,
            }


_ROWS = {
    "organizations": _organizations,
    "names": _names,
    "posts": _posts,
    "persons": _persons,
    "tenures": _tenures,
    "events": _events,
    "claims": _claims,
}
