"""Events (established, renamed, ...) and relations (parent, child, subunit) of organizations.

Both are computed from the event and ``org_fact`` claims whose subject is the organization:
events of one type with one other party merge where their dates agree, like tenures do;
relations are one row per named other body. Works on claims in memory, like
:mod:`tenure.store.holdings`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from tenure.resolve.merge import Statement, merge
from tenure.resolve.names import Resolver
from tenure.resolve.text import make_id, squash
from tenure.store.entities import json_strings, most_common
from tenure.store.holdings import EntityOf, EvidenceOf, claim_date, evidence_list

FactClaim = tuple[str, str, str, dict[str, Any]]
"""(claim id, kind, article, data) of an active event or org_fact claim."""


def event_rows(
    resolver: Resolver, records: list[FactClaim], entity_of: EntityOf, evidence_of: EvidenceOf
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Event rows and their claim links from event claims (sorted by id)."""
    r = resolver
    keys = set()
    for _cid, _kind, article, d in records:
        keys.add(r.org_key(str(d["organization"]), article))
        if d.get("other"):
            keys.add(r.org_key(str(d["other"]), article))
    org_of = entity_of("org", keys)
    groups: dict[tuple[str, str, str | None], list[Statement]] = defaultdict(list)
    names: dict[tuple[str, str, str | None], list[str]] = defaultdict(list)
    for cid, _kind, article, d in records:
        org = org_of.get(r.org_key(str(d["organization"]), article))
        if org is None:
            continue
        other = d.get("other")
        other_key = r.org_key(str(other), article) if other else None
        group = (org, str(d["type"]), other_key)
        groups[group].append(Statement(cid, article, claim_date(d.get("date")), None, False))
        if other:
            names[group].append(r.org_display(str(other)))
    evidence = evidence_of(st.claim_id for sts in groups.values() for st in sts)
    rows: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for (org, kind, other_key), statements in sorted(
        groups.items(), key=lambda kv: tuple(str(x) for x in kv[0])
    ):
        for holding in merge(statements):
            event_id = make_id("evt", org, kind, other_key, holding.start)
            claim_ids = sorted(st.claim_id for st in holding.statements)
            rows.append(
                {
                    "id": event_id,
                    "org_id": org,
                    "type": kind,
                    "other_name": most_common(names[(org, kind, other_key)]),
                    "other_id": org_of.get(other_key) if other_key else None,
                    "date": holding.start,
                    "evidence": evidence_list(
                        [e for cid in claim_ids for e in evidence.get(cid, [])]
                    ),
                }
            )
            links.extend({"event_id": event_id, "claim_id": cid} for cid in claim_ids)
    return rows, links


def relation_rows(
    resolver: Resolver, records: list[FactClaim], entity_of: EntityOf
) -> list[dict[str, Any]]:
    """Parent, child and subunit rows from org_fact claims (sorted by id)."""
    r = resolver
    wanted = [x for x in records if x[3].get("field") in ("parent", "child", "subunit")]
    keys = set()
    for _cid, _kind, article, d in wanted:
        keys.add(r.org_key(str(d["organization"]), article))
        if d["field"] != "subunit":
            keys.add(r.org_key(str(d["value"])))
    org_of = entity_of("org", keys)
    groups: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
    for cid, _kind, article, d in wanted:
        org = org_of.get(r.org_key(str(d["organization"]), article))
        if org is None:
            continue
        value = squash(str(d["value"]))
        key = r.org_key(value) if d["field"] != "subunit" else value.casefold()
        groups[(org, str(d["field"]), key)].append((cid, value))
    rows = []
    for (org, relation, key), items in sorted(groups.items()):
        rows.append(
            {
                "id": make_id("rel", org, relation, key),
                "org_id": org,
                "relation": relation,
                "name": most_common(v for _, v in items),
                "other_id": org_of.get(key) if relation != "subunit" else None,
                "claims": json_strings(sorted({cid for cid, _ in items})),
            }
        )
    return rows
