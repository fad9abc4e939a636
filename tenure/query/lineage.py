"""An organization's lineage, and what it was called (and was one with) on a date.

    >>> lineage(conn, resolver, "Office of the National Security Commission")  # doctest: +SKIP
    Lineage(organization=OrgRef(..., 'Office of the National Security Commission'), ...)

The lineage is computed when asked, from the active event claims: starting at the
organization, every event that names it (as the body it happens to or as the second party)
brings in the other body, and so on, up to :data:`MAX_BODIES` bodies. The bodies that the
lineage's offices belong to ("Office of the X" → X) come in as *context*, one step only, so
that an office's second name can be dated by its body's ("the leading group was co-located
with ... in 2000"). :mod:`tenure.resolve.lineage` turns the events into names over time,
links and shared names; this module reads the store and attaches the evidence.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, select

from tenure import time
from tenure.query.browse import claim_evidence
from tenure.query.lookup import find_orgs
from tenure.query.results import (
    EvidenceRef,
    Lineage,
    LineageBody,
    LineageLink,
    NameOn,
    NameSpan,
    OrgRef,
    RelationOn,
    SharedNames,
)
from tenure.resolve.lineage import Fact, Graph, Party, Span, build
from tenure.resolve.names import Resolver
from tenure.store import schema as s
from tenure.store.base import chunks
from tenure.time import Certainty

MAX_BODIES = 60
"""How many bodies a lineage reaches before it stops (``Lineage.truncated``)."""


def lineage(conn: Connection, resolver: Resolver, name: str) -> Lineage:
    """The lineage of the organization ``name`` (any of its names, or an id)."""
    return built(conn, resolver, find_orgs(conn, resolver, name)[0]).lineage


@dataclass
class Built:
    """A lineage and the graph it was made from (name keys included)."""

    lineage: Lineage
    graph: Graph
    context: set[str]


def built(conn: Connection, resolver: Resolver, org_id: str) -> Built:
    """The lineage of the organization with id ``org_id``."""
    members, event_ids, truncated = _reach(conn, {org_id}, MAX_BODIES)
    facts = _facts(conn, resolver, event_ids)
    unit_bodies = set(_unit_bodies(conn, resolver, facts).values()) - members
    context: set[str] = set()
    if unit_bodies:
        more, extra_ids, _ = _reach(conn, unit_bodies, MAX_BODIES, depth=1)
        context = more - members
        facts += _facts(conn, resolver, extra_ids - event_ids)
    graph = build(facts, resolver.unit_of)
    bodies = {org_id} | members | context | _ids_of(graph)
    context |= bodies - members - {org_id}
    names = _org_names(conn, bodies)
    evidence = claim_evidence(conn, _claims_of(graph))

    def ref(org: str) -> OrgRef:
        return OrgRef(org, names.get(org, org))

    def cited(claims: Iterable[str]) -> list[EvidenceRef]:
        found = {e for c in sorted(claims) for e in evidence.get(c, [])}
        return sorted(found, key=lambda e: (e.article, e.line or 0, e.claim))

    shown = {org_id} | members | _ids_of(graph, dated_only=True)
    bodies &= shown
    context &= shown
    spans: dict[str, list[NameSpan]] = {b: [] for b in bodies}
    for span in graph.spans:
        if span.org_id in bodies:
            spans[span.org_id].append(_name_span(span, ref, cited))
    result = Lineage(
        organization=ref(org_id),
        bodies=sorted(
            (
                LineageBody(ref(b), sorted(found, key=_span_order), b in context)
                for b, found in spans.items()
            ),
            key=lambda body: (
                body.context,
                min((_span_order(n) for n in body.names), default=(date.max, "")),
                body.org.name,
            ),
        ),
        links=[
            LineageLink(
                link.type,
                link.date,
                ref(link.source.org_id),
                link.source.name,
                ref(link.target.org_id),
                link.target.name,
                link.source.org_id in context or link.target.org_id in context,
                cited(link.claims),
            )
            for link in graph.links
        ],
        shared=[
            SharedNames(
                ref(x.a.org_id),
                x.a.name,
                ref(x.b.org_id),
                x.b.name,
                x.start,
                x.end,
                x.ongoing,
                x.inferred,
                x.a.org_id in context or x.b.org_id in context,
                cited(x.claims),
            )
            for x in graph.shared
        ],
        truncated=truncated,
    )
    return Built(result, graph, context)


# -- on a date ---------------------------------------------------------------------------------


@dataclass
class AsOf:
    """What the lineage says of one organization on one date."""

    lineage: Lineage
    names: list[NameOn]
    same_as: list[RelationOn]
    parents: list[RelationOn]
    current: Certainty | None
    """How sure it is that the organization went by its present name(s) then: infobox facts
    (its parent) describe it under them. None: certainly not yet (or no longer)."""


def as_of(
    conn: Connection, resolver: Resolver, org_id: str, on: str, today: date | None = None
) -> AsOf:
    """Names in force on ``on`` (its own and those shared with another body), the bodies it
    was one with, and the parents its names imply ("Office of the X" is X's)."""
    found = built(conn, resolver, org_id)
    graph, result = found.graph, found.lineage
    names: dict[tuple[str, str], NameOn] = {}
    keys: dict[tuple[str, str], str] = {}
    spans_by_key: dict[str, list[Span]] = {}
    for span in graph.spans:
        spans_by_key.setdefault(span.key, []).append(span)

    def add(name: NameOn, key: str) -> None:
        slot = (key, name.org.id)
        seen = names.get(slot)
        if seen is None or (seen.certainty == "possible" and name.certainty == "certain"):
            names[slot] = name
            keys[slot] = key

    refs = {b.org.id: b.org for b in result.bodies}
    own = [x for x in graph.spans if x.org_id == org_id]
    for span in own:
        certainty = time.covers(span.start, span.end, span.ongoing, on, today)
        if certainty is not None:
            add(
                NameOn(span.name, "official", certainty, span.start, span.end, refs[org_id]),
                span.key,
            )
    same_as: dict[str, RelationOn] = {}
    for x in graph.shared:
        if org_id not in (x.a.org_id, x.b.org_id):
            continue
        certainty = time.covers(x.start, x.end, x.ongoing, on, today)
        if certainty is None:
            continue
        mine, partner = (x.a, x.b) if x.a.org_id == org_id else (x.b, x.a)
        for span in spans_by_key.get(mine.key, []):
            add(
                NameOn(mine.name, "official", certainty, span.start, span.end, refs[org_id]),
                mine.key,
            )
        add(
            NameOn(partner.name, "second", certainty, x.start, x.end, refs[partner.org_id]),
            partner.key,
        )
        if partner.org_id != org_id:
            relation = RelationOn(refs[partner.org_id].name, partner.org_id, certainty, "shared")
            _keep_best(same_as, partner.org_id, relation)
    parents: dict[str, RelationOn] = {}
    bodies = body_of(conn, resolver, set(keys.values()))
    titles = _org_names(conn, set(bodies.values()))
    for slot, name in names.items():
        body = bodies.get(keys[slot])
        if body is not None and body != org_id:
            relation = RelationOn(titles.get(body, body), body, name.certainty, "name")
            _keep_best(parents, body, relation)
    ordered = sorted(
        names.values(),
        key=lambda n: (n.org.id != org_id, n.certainty != "certain", n.kind, n.name),
    )
    return AsOf(
        result,
        ordered,
        sorted(same_as.values(), key=lambda r: r.name),
        sorted(parents.values(), key=lambda r: r.name),
        _current(own, on, today),
    )


def _keep_best(found: dict[str, RelationOn], key: str, relation: RelationOn) -> None:
    seen = found.get(key)
    if seen is None or (seen.certainty == "possible" and relation.certainty == "certain"):
        found[key] = relation


def _current(own: list[Span], on: str, today: date | None) -> Certainty | None:
    """Whether the organization's present name(s) (the spans still running, else the last
    one) cover ``on``; "possible" when nothing is dated."""
    dated = [x for x in own if x.start or x.end]
    if not dated:
        return "possible"
    running = [x for x in dated if x.ongoing] or [max(dated, key=lambda x: _day(x.end or x.start))]
    found = {time.covers(x.start, x.end, x.ongoing, on, today) for x in running}
    if "certain" in found:
        return "certain"
    if "possible" in found:
        return "possible"
    return None


# -- reading the store -------------------------------------------------------------------------


def _reach(
    conn: Connection, start: set[str], limit: int, depth: int | None = None
) -> tuple[set[str], set[str], bool]:
    """Bodies joined to ``start`` by events (up to ``limit`` bodies or ``depth`` steps), the
    events' ids, and whether the limit cut the walk short."""
    e = s.events.c
    seen = set(start)
    frontier = set(start)
    event_ids: set[str] = set()
    steps = 0
    truncated = False
    while frontier and (depth is None or steps < depth):
        steps += 1
        found: set[str] = set()
        for chunk in chunks(sorted(frontier)):
            for event_id, a, b in conn.execute(
                select(e.id, e.org_id, e.other_id).where(
                    e.org_id.in_(chunk) | e.other_id.in_(chunk)
                )
            ):
                event_ids.add(event_id)
                found.update(x for x in (a, b) if x and x not in seen)
        if len(seen) + len(found) > limit:
            found = set(sorted(found)[: max(0, limit - len(seen))])
            truncated = True
        seen |= found
        frontier = found
        if truncated:
            break
    if truncated:
        event_ids = {
            eid
            for chunk in chunks(sorted(event_ids))
            for eid, a, b in conn.execute(select(e.id, e.org_id, e.other_id).where(e.id.in_(chunk)))
            if a in seen and (b is None or b in seen)
        }
    return seen, event_ids, truncated


def _facts(conn: Connection, resolver: Resolver, event_ids: Iterable[str]) -> list[Fact]:
    """The active claims behind events, as lineage facts (names resolved to bodies)."""
    ec, c = s.event_claims.c, s.claims.c
    records: list[tuple[str, str, dict[str, object]]] = []
    for chunk in chunks(sorted(set(event_ids))):
        for claim_id, article, data in conn.execute(
            select(c.id, c.article, c.data)
            .join(s.event_claims, ec.claim_id == c.id)
            .where(ec.event_id.in_(chunk), c.retired.is_(False))
        ):
            records.append((claim_id, article, json.loads(data)))
    keys: set[str] = set()
    for _cid, article, data in records:
        for field in ("organization", "other"):
            if data.get(field):
                keys.add(resolver.org_key(str(data[field]), article))
    bodies = _entity_map(conn, keys)
    facts = []
    for claim_id, article, data in sorted(records, key=lambda r: r[0]):
        org = _party(resolver, bodies, article, data.get("organization"))
        if org is None:
            continue
        when = data.get("date")
        facts.append(
            Fact(
                str(data.get("type")),
                when if isinstance(when, str) and time.is_prefix(when) else None,
                org,
                _party(resolver, bodies, article, data.get("other")),
                (claim_id,),
            )
        )
    return facts


def _party(resolver: Resolver, bodies: dict[str, str], article: str, name: object) -> Party | None:
    if not name:
        return None
    key = resolver.org_key(str(name), article)
    body = bodies.get(key)
    if body is None:
        return None
    return Party(key, body, resolver.org_display(str(name)))


def _unit_bodies(conn: Connection, resolver: Resolver, facts: list[Fact]) -> dict[str, str]:
    """The bodies that the facts' offices belong to ("office of x" → x), by office key."""
    keys = {p.key for f in facts for p in (f.org, f.other) if p is not None}
    return body_of(conn, resolver, keys)


def body_of(conn: Connection, resolver: Resolver, keys: Iterable[str]) -> dict[str, str]:
    """For each key naming a body's unit ("office of x"), the body X in the store, found
    under any of its party spellings (:meth:`~tenure.resolve.names.Resolver.org_key_variants`)."""
    wanted: dict[str, list[str]] = {}
    for key in keys:
        unit = resolver.unit_of(key)
        if unit is not None:
            wanted[key] = resolver.org_key_variants(unit[1])
    found = _entity_map(conn, {v for variants in wanted.values() for v in variants})
    out: dict[str, str] = {}
    for key, variants in wanted.items():
        body = next((found[v] for v in variants if v in found), None)
        if body is not None:
            out[key] = body
    return out


def _entity_map(conn: Connection, keys: Iterable[str]) -> dict[str, str]:
    k = s.entity_keys.c
    out: dict[str, str] = {}
    for chunk in chunks(sorted(set(keys))):
        for key, entity in conn.execute(
            select(k.key, k.entity_id).where(k.kind == "org", k.key.in_(chunk))
        ):
            out[key] = entity
    return out


def _entities(conn: Connection, keys: Iterable[str]) -> set[str]:
    return set(_entity_map(conn, keys).values())


def _org_names(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    o = s.organizations.c
    out: dict[str, str] = {}
    for chunk in chunks(sorted(set(ids))):
        out.update((r[0], r[1]) for r in conn.execute(select(o.id, o.name).where(o.id.in_(chunk))))
    return out


def _ids_of(graph: Graph, *, dated_only: bool = False) -> set[str]:
    """The bodies a graph mentions (``dated_only``: with a dated name, a link or a shared
    name: worth a row)."""
    ids = {x.org_id for x in graph.spans if not dated_only or x.start or x.end}
    ids |= {p.org_id for x in graph.links for p in (x.source, x.target)}
    ids |= {p.org_id for x in graph.shared for p in (x.a, x.b)}
    return ids


def _claims_of(graph: Graph) -> set[str]:
    claims: set[str] = set()
    for group in (graph.spans, graph.links, graph.shared):
        for item in group:
            claims |= item.claims
    return claims


def _name_span(
    span: Span,
    ref: Callable[[str], OrgRef],
    cited: Callable[[Iterable[str]], list[EvidenceRef]],
) -> NameSpan:
    return NameSpan(
        name=span.name,
        org=ref(span.org_id),
        kind="official",
        start=span.start,
        end=span.end,
        ongoing=span.ongoing,
        began=span.began,
        ended=span.ended,
        inferred=span.inferred,
        evidence=cited(span.claims),
    )


def _day(prefix: str | None) -> date:
    return time.first_day(prefix) if prefix else date.min


def _span_order(name: NameSpan) -> tuple[date, str]:
    when = name.start or name.end
    return (time.first_day(when) if when else date.max, name.name)
