"""Popolo JSON: one document of ``persons``, ``organizations``, ``posts`` and ``memberships``.

    tenure export --format popolo --out graph.popolo.json

tenure's names are Popolo's, so this is a renaming:

=============  ============================================================================
Organization   ``organization``: ``name``, ``other_names`` (each with ``start_date`` /
               ``end_date`` and a ``note`` saying its kind and language), ``classification``
               (type), ``parent_id``, ``founding_date``, ``dissolution_date``,
               ``identifiers`` (Wikidata), ``links`` (website)
Post           ``post``: ``label``, ``organization_id``, ``identifiers`` (Wikidata, from the
               alias file)
Person         ``person``: ``name``, ``other_names``, ``birth_date``, ``death_date``,
               ``identifiers`` (Wikidata)
Tenure         ``membership``: ``person_id``, ``post_id``, ``organization_id``,
               ``start_date``, ``end_date``, ``role``, ``label`` ("Acting ..." for acting
               spells) and ``status`` (current / ended / unknown: Popolo reads a missing
               ``end_date`` as "still held", which is wrong when the end is merely unknown)
=============  ============================================================================

Every object carries ``sources``: the URLs of the articles it was read from, where the store
knows them (a Popolo link must have a URL; articles read from plain files without one are named
in the table exports' ``claims`` instead). Dates are ISO prefixes, which Popolo's date pattern
(``^[0-9]{4}(-[0-9]{2}){0,2}$``) accepts at every precision, so "2014" stays "2014".
Popolo has one ``parent_id``: when sources name several parents, the first by name is used.
The output is written a row at a time; it is one JSON document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import IO, Any

from tenure.export import readers
from tenure.export.common import Counter, Scope, batched, evidence_articles, status
from tenure.export.readers import OrgRecord
from tenure.query.results import PersonInfo, PostRef, TenureInfo

SECTIONS = ("persons", "organizations", "posts", "memberships")
_JSON = json.JSONEncoder(ensure_ascii=False).encode


def _sources(titles: Iterable[str], urls: dict[str, str]) -> list[dict[str, str]]:
    return [{"url": urls[t], "note": t} for t in dict.fromkeys(titles) if t in urls]


def _wikidata(qid: str | None) -> list[dict[str, str]]:
    return [{"identifier": qid, "scheme": "wikidata"}] if qid else []


def _compact(obj: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values: Popolo fields are optional, and absent reads better than null."""
    return {k: v for k, v in obj.items() if v is not None and v != []}


def person(p: PersonInfo, urls: dict[str, str]) -> dict[str, Any]:
    return _compact(
        {
            "id": p.id,
            "name": p.name,
            "other_names": [{"name": alias} for alias in p.aliases],
            "birth_date": p.born,
            "death_date": p.died,
            "identifiers": _wikidata(p.wikidata),
            "sources": _sources(p.articles, urls),
        }
    )


def organization(o: OrgRecord, urls: dict[str, str]) -> dict[str, Any]:
    other_names = []
    for n in o.names:
        if n.name == o.name and not (n.start or n.end):
            continue
        note = n.kind + (f", {n.lang}" if n.lang else "")
        other_names.append(
            _compact({"name": n.name, "start_date": n.start, "end_date": n.end, "note": note})
        )
    parent = next((p.id for p in o.parents if p.id), None)
    return _compact(
        {
            "id": o.id,
            "name": o.name,
            "other_names": other_names,
            "classification": o.type,
            "parent_id": parent,
            "founding_date": o.formed,
            "dissolution_date": o.dissolved,
            "identifiers": _wikidata(o.wikidata),
            "links": [{"url": o.website, "note": "website"}] if o.website else [],
            "sources": _sources(o.articles, urls),
        }
    )


def post(p: PostRef, qid: str | None) -> dict[str, Any]:
    return _compact(
        {
            "id": p.id,
            "label": p.title,
            "organization_id": p.organization.id if p.organization else None,
            "identifiers": _wikidata(qid),
        }
    )


def membership(t: TenureInfo, urls: dict[str, str]) -> dict[str, Any]:
    return _compact(
        {
            "id": t.id,
            "person_id": t.person.id,
            "post_id": t.post.id,
            "organization_id": t.post.organization.id if t.post.organization else None,
            "start_date": t.start,
            "end_date": t.end,
            "role": t.role,
            "label": f"Acting {t.post.title}" if t.acting else None,
            "status": status(t),
            "sources": _sources(evidence_articles(t), urls),
        }
    )


def objects(scope: Scope, counter: Counter | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """(section, Popolo object) for everything in ``scope``, section by section."""
    counter = counter or Counter(0)
    for batch in batched(scope.persons(), 1000):
        urls = scope.urls(t for p in batch for t in p.articles)
        for p in batch:
            yield "persons", person(p, urls)
            counter.add("persons")
    for org_batch in batched(scope.organizations(), 1000):
        urls = scope.urls(t for o in org_batch for t in o.articles)
        for o in org_batch:
            yield "organizations", organization(o, urls)
            counter.add("organizations")
    qids = {pid: e.wikidata for e in readers.post_wikidata(scope.db) for pid in e.post_ids}
    for item in scope.posts():
        yield "posts", post(item, qids.get(item.id))
        counter.add("posts")
    for tenure_batch in batched(scope.tenures(), 1000):
        urls = scope.urls(a for t in tenure_batch for a in evidence_articles(t))
        for t in tenure_batch:
            yield "memberships", membership(t, urls)
            counter.add("tenures")


def write(scope: Scope, out: IO[str], counter: Counter) -> None:
    """Write ``scope`` to ``out`` as one Popolo JSON document, streamed object by object."""
    groups = groupby(objects(scope, counter), key=lambda item: item[0])
    pending = next(groups, None)
    out.write("{")
    for i, section in enumerate(SECTIONS):
        out.write(("," if i else "") + f"\n{json.dumps(section)}: [")
        if pending is not None and pending[0] == section:
            for j, (_, obj) in enumerate(pending[1]):
                out.write(("," if j else "") + "\n  " + _JSON(obj))
            pending = next(groups, None)
        out.write("\n]")
    out.write("\n}\n")
