"""An organization's profile: names over time, parent, children, units, holders, events.

>>> org(conn, resolver, "CCP General Office").name        # doctest: +SKIP
'General Office of the Chinese Communist Party'

On the date asked, the profile also says what the organization was called then
(``names_on``: its own names and a second name it shared, each ``certain`` or ``possible``),
which bodies it was one with (``same_as``, "one organization, two names"), its parent then
(``parents_on``) and its holders then, those of a body it was one with included. These come
from its lineage (:mod:`tenure.query.lineage`), which the profile carries too.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import Connection, select

from tenure import time
from tenure.query.browse import events
from tenure.query.dates import parse_on
from tenure.query.lineage import as_of
from tenure.query.lookup import find_orgs
from tenure.query.results import Holder, OrgName, OrgProfile, Relation, RelationOn
from tenure.query.rows import sort_key, tenure_select, to_tenure
from tenure.resolve.names import Resolver
from tenure.store import schema as s

NAME_KIND_ORDER = {
    "title": 0,
    "official": 1,
    "native": 2,
    "short": 3,
    "abbreviation": 4,
    "former": 5,
    "alias": 6,
}


def org(
    conn: Connection,
    resolver: Resolver,
    name: str,
    on: str | date | None = None,
    today: date | None = None,
) -> OrgProfile:
    """The organization ``name`` (any of its names), with holders on ``on`` (default today)."""
    org_id = find_orgs(conn, resolver, name)[0]
    when = parse_on(on, today)
    o, n, r = s.organizations.c, s.org_names.c, s.org_relations.c
    row = conn.execute(
        select(
            o.id,
            o.name,
            o.type,
            o.jurisdiction,
            o.headquarters,
            o.formed,
            o.dissolved,
            o.website,
            o.wikidata,
            o.articles,
        ).where(o.id == org_id)
    ).one()
    names = sorted(
        {
            OrgName(x[0], x[1], x[2], x[3], x[4])
            for x in conn.execute(
                select(n.name, n.kind, n.lang, n.start, n.end).where(n.org_id == org_id)
            )
        },
        key=lambda x: (NAME_KIND_ORDER.get(x.kind, 9), x.start or "", x.name),
    )
    then = as_of(conn, resolver, org_id, when, today)
    own = [n for n in then.names if n.org.id == org_id and n.kind == "official"]
    name_on = (
        next((n.name for n in own if n.certainty == "certain"), None)
        or _name_on(names, when, today)
        or row[1]
    )
    relations = conn.execute(
        select(r.relation, r.name, r.other_id, r.org_id).where(
            (r.org_id == org_id) | (r.other_id == org_id)
        )
    ).all()
    parents: list[Relation] = []
    children: list[Relation] = []
    subunits: list[Relation] = []
    other_names = _names_of(conn, {x[3] for x in relations} | {x[2] for x in relations if x[2]})
    for relation, rel_name, other_id, owner in relations:
        if owner == org_id:
            target = Relation(other_names.get(other_id, rel_name), other_id)
            {"parent": parents, "child": children, "subunit": subunits}[relation].append(target)
        elif relation == "parent":
            children.append(Relation(other_names.get(owner, owner), owner))
        elif relation == "child":
            parents.append(Relation(other_names.get(owner, owner), owner))
    holders = _holders(conn, org_id, when, today)
    for other in then.same_as:
        for h in _holders(conn, other.id or "", when, today):
            sure: time.Certainty = (
                "certain" if "possible" not in (h.certainty, other.certainty) else "possible"
            )
            holders.append(Holder(sure, h.tenure))
    holders.sort(key=lambda h: (h.tenure.post.title, h.certainty != "certain", sort_key(h.tenure)))
    found_events = sorted(events(conn, org_id), key=lambda e: (e.date or "9999", e.type, e.id))
    return OrgProfile(
        id=row[0],
        name=row[1],
        name_on=name_on,
        on=when,
        names=names,
        type=row[2],
        jurisdiction=row[3],
        headquarters=row[4],
        formed=row[5],
        dissolved=row[6],
        website=row[7],
        wikidata=row[8],
        parents=_unique(parents),
        children=_unique(children),
        subunits=_unique(subunits),
        holders=holders,
        events=found_events,
        articles=json.loads(row[9]),
        names_on=then.names,
        parents_on=_parents_on(parents, then.parents, then.current),
        same_as=then.same_as,
        lineage=then.lineage,
    )


def _holders(conn: Connection, org_id: str, when: str, today: date | None) -> list[Holder]:
    found = []
    for tenure_row in conn.execute(tenure_select().where(s.tenures.c.org_id == org_id)):
        tenure = to_tenure(tenure_row)
        certainty = time.covers(tenure.start, tenure.end, tenure.ongoing, when, today)
        if certainty is not None:
            found.append(Holder(certainty, tenure))
    return found


def _parents_on(
    stated: list[Relation], by_name: list[RelationOn], current: time.Certainty | None
) -> list[RelationOn]:
    """Parents on the date: those its names then imply, and the parent its article states
    while its present name was in force (the article describes it under that name)."""
    found = {r.id or r.name: r for r in by_name}
    if current is not None:
        for r in stated:
            if (r.id or r.name) not in found:
                found[r.id or r.name] = RelationOn(r.name, r.id, current, "infobox")
    return sorted(found.values(), key=lambda r: (r.certainty != "certain", r.name))


def _unique(items: list[Relation]) -> list[Relation]:
    return sorted(set(items), key=lambda x: (x.name, x.id or ""))


def _names_of(conn: Connection, ids: set[str]) -> dict[str, str]:
    o = s.organizations.c
    rows = conn.execute(select(o.id, o.name).where(o.id.in_(sorted(ids))))
    return {row[0]: row[1] for row in rows}


def _name_on(names: list[OrgName], when: str, today: date | None) -> str | None:
    """The official name whose span certainly covers the date, if the sources date any."""
    dated = [x for x in names if x.kind in ("official", "former", "title") and (x.start or x.end)]
    for x in dated:
        if time.covers(x.start, x.end, not x.end, when, today) == "certain":
            return x.name
    return None
