"""Tenures, posts, conflicts, events and relations from claims, once entities are known.

Tenures are recomputed a person at a time: all tenure claims of the person are grouped by
post (and organization, and acting or not), merged where their dates agree
(:func:`tenure.resolve.merge.merge`), and written with their day bounds and evidence. A claim
that names no organization joins the person's holding of the same post when only one
organization has that post for them. Conflicts are recomputed a post at a time.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select

from tenure import time
from tenure.resolve.merge import Holding, Statement, disagreements, double_holders, merge
from tenure.resolve.names import Resolver
from tenure.resolve.text import make_id, squash
from tenure.store import schema as s
from tenure.store.base import Store, chunks
from tenure.store.entities import most_common
from tenure.store.mentions import tenure_org

MIN_DAY = date.min.toordinal()
MAX_DAY = date.max.toordinal()


def day_bounds(start: str | None, end: str | None) -> tuple[int, int, int, int]:
    """(first, last) day of the start and of the end, as ordinals; unknown spans everything."""
    s_lo, s_hi = (MIN_DAY, MAX_DAY)
    e_lo, e_hi = (MIN_DAY, MAX_DAY)
    if start:
        first, last = time.bounds(start)
        s_lo, s_hi = first.toordinal(), last.toordinal()
    if end:
        first, last = time.bounds(end)
        e_lo, e_hi = first.toordinal(), last.toordinal()
    return s_lo, s_hi, e_lo, e_hi


class HoldingsBuilder:
    """Recomputes tenures, posts and conflicts of changed persons and organizations."""

    def __init__(self, store: Store, conn: Connection, resolver: Resolver, today: date) -> None:
        self.store = store
        self.conn = conn
        self.resolver = resolver
        self.today = today

    def _scalars(self, stmt_for_chunk: Any, items: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for chunk in chunks(sorted(set(items))):
            out.update(v for v in self.conn.execute(stmt_for_chunk(chunk)).scalars() if v)
        return out

    def _entity(self, kind: str, keys: Iterable[str]) -> dict[str, str]:
        k = s.entity_keys.c
        out: dict[str, str] = {}
        for chunk in chunks(sorted(set(keys))):
            for key, entity in self.conn.execute(
                select(k.key, k.entity_id).where(k.kind == kind, k.key.in_(chunk))
            ):
                out[key] = entity
        return out

    # -- tenures ------------------------------------------------------------------------------

    def rebuild_tenures(
        self,
        persons: set[str],
        orgs: set[str],
        org_keys: set[str],
        groups: set[tuple[str, str]],
    ) -> None:
        """Recompute the tenures that changes can reach.

        ``persons`` and ``orgs`` are entities whose names changed (all their holdings are
        recomputed); ``groups`` are (person key, post key) pairs of changed tenure claims
        (only that person's holdings of that post are).
        """
        t, po, m, k = s.tenures.c, s.posts.c, s.mentions.c, s.entity_keys.c
        full = set(persons)
        pairs = set(groups)
        if org_keys:
            h, p = s.mentions.alias("h"), s.mentions.alias("p")
            o = s.mentions.alias("o")
            for chunk in chunks(sorted(org_keys)):
                pairs.update(
                    (row[0], row[1])
                    for row in self.conn.execute(
                        select(h.c.key, p.c.key)
                        .select_from(
                            o.join(h, h.c.claim_id == o.c.claim_id).join(
                                p, p.c.claim_id == o.c.claim_id
                            )
                        )
                        .where(
                            o.c.kind == "org",
                            o.c.role == "org",
                            o.c.key.in_(chunk),
                            h.c.kind == "person",
                            h.c.role == "holder",
                            p.c.kind == "post",
                        )
                    )
                )
        person_of = self._entity("person", {key for key, _ in pairs})
        wanted = {(person_of[key], post) for key, post in pairs if key in person_of}
        for chunk in chunks(sorted(orgs)):
            wanted.update(
                (row[0], row[1])
                for row in self.conn.execute(
                    select(t.person_id, po.key)
                    .join(s.posts, po.id == t.post_id)
                    .where(t.org_id.in_(chunk))
                )
            )
        people = full | {person for person, _ in wanted}
        old: list[str] = []
        posts: set[str] = set()
        for chunk in chunks(sorted(people)):
            for tenure_id, person, post_id, post_key in self.conn.execute(
                select(t.id, t.person_id, t.post_id, po.key)
                .join(s.posts, po.id == t.post_id)
                .where(t.person_id.in_(chunk))
            ):
                if person in full or (person, post_key) in wanted:
                    old.append(tenure_id)
                    posts.add(post_id)
        for chunk in chunks(sorted(old)):
            self.conn.execute(delete(s.tenures).where(t.id.in_(chunk)))
            self.conn.execute(delete(s.tenure_claims).where(s.tenure_claims.c.tenure_id.in_(chunk)))
        entity_of: dict[str, str] = {}
        for chunk in chunks(sorted(people)):
            for key, entity in self.conn.execute(
                select(k.key, k.entity_id).where(k.kind == "person", k.entity_id.in_(chunk))
            ):
                entity_of[key] = entity
        h, p = s.mentions.alias("h"), s.mentions.alias("p")
        claim_ids: set[str] = set()
        for chunk in chunks(sorted(entity_of)):
            for claim_id, key, post_key in self.conn.execute(
                select(h.c.claim_id, h.c.key, p.c.key)
                .join(p, (p.c.claim_id == h.c.claim_id) & (p.c.kind == "post"))
                .where(h.c.kind == "person", h.c.role == "holder", h.c.key.in_(chunk))
            ):
                person = entity_of[key]
                if person in full or (person, post_key) in wanted:
                    claim_ids.add(claim_id)
        del m
        posts |= self._write_tenures(claim_ids)
        self._refresh_posts(posts)
        self._refresh_conflicts(posts)

    def _load(self, claim_ids: set[str]) -> list[tuple[str, str, dict[str, Any]]]:
        c = s.claims.c
        rows: list[tuple[str, str, dict[str, Any]]] = []
        for chunk in chunks(sorted(claim_ids)):
            rows.extend(
                (r[0], r[1], json.loads(r[2]))
                for r in self.conn.execute(
                    select(c.id, c.article, c.data).where(
                        c.id.in_(chunk), c.retired.is_(False), c.kind == "tenure"
                    )
                )
            )
        rows.sort()
        return rows

    def evidence(self, claim_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """Evidence records of claims: article, path, line, section, text, claim id."""
        c, e = s.claims.c, s.claim_evidence.c
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for chunk in chunks(sorted(set(claim_ids))):
            for row in self.conn.execute(
                select(e.claim_id, c.article, c.path, e.line, e.section, e.text)
                .join(s.claims, c.id == e.claim_id)
                .where(e.claim_id.in_(chunk))
                .order_by(e.claim_id, e.seq)
            ):
                out[row[0]].append(
                    {
                        "claim": row[0],
                        "article": row[1],
                        "path": row[2],
                        "line": row[3],
                        "section": row[4],
                        "text": row[5],
                    }
                )
        return out

    def _write_tenures(self, claim_ids: set[str]) -> set[str]:
        r = self.resolver
        records = self._load(claim_ids)
        person_keys = {r.person_key(str(d["person"])) for _, _, d in records}
        person_of = self._entity("person", person_keys)
        org_names = {cid: tenure_org(r, d) for cid, _, d in records}
        org_keys = {
            r.org_key(org, article) for (cid, article, _d) in records if (org := org_names[cid][1])
        }
        org_of = self._entity("org", org_keys)
        groups: dict[tuple[str, str], list[tuple[str | None, Statement]]] = defaultdict(list)
        for cid, article, d in records:
            person = person_of.get(r.person_key(str(d["person"])))
            if person is None:
                continue
            post_title, org_name = org_names[cid]
            org = org_of.get(r.org_key(org_name, article)) if org_name else None
            statement = Statement(
                claim_id=cid,
                article=article,
                start=_date(d.get("start")),
                end=_date(d.get("end")),
                ongoing=bool(d.get("ongoing")),
                acting=bool(d.get("acting")),
                role=d.get("role"),
                rank=d.get("rank"),
                concurrent=tuple(d.get("concurrent") or ()),
            )
            groups[(person, r.post_key(post_title))].append((org, statement))
        evidence = self.evidence(cid for cid, _, _ in records)
        tenure_rows: list[dict[str, Any]] = []
        link_rows: list[dict[str, Any]] = []
        posts: set[str] = set()
        post_rows: dict[str, dict[str, Any]] = {}
        for (person, post_key), items in sorted(groups.items()):
            orgs = sorted({org for org, _ in items if org})
            by_org: dict[str | None, list[Statement]] = defaultdict(list)
            for org, statement in items:
                by_org[org or (orgs[0] if len(orgs) == 1 else None)].append(statement)
            for org, statements in sorted(by_org.items(), key=lambda kv: kv[0] or ""):
                post_id = make_id("pos", org, post_key)
                posts.add(post_id)
                post_rows[post_id] = {
                    "id": post_id,
                    "org_id": org,
                    "title": post_key,
                    "key": post_key,
                    "single_holder": r.single_holder(post_key),
                }
                for holding in merge(statements):
                    row, links = self._tenure_row(person, post_id, org, holding, evidence)
                    tenure_rows.append(row)
                    link_rows.extend(links)
        if tenure_rows:
            self.store.insert_ignore(self.conn, s.tenures, tenure_rows)
            self.store.insert_ignore(self.conn, s.tenure_claims, link_rows)
        self.store.insert_ignore(self.conn, s.posts, list(post_rows.values()))
        return posts

    def _tenure_row(
        self,
        person: str,
        post_id: str,
        org: str | None,
        h: Holding,
        evidence: dict[str, list[dict[str, Any]]],
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        tenure_id = make_id("ten", person, post_id, h.acting, h.start, h.end, h.ongoing)
        s_lo, s_hi, e_lo, e_hi = day_bounds(h.start, h.end)
        claim_ids = sorted(st.claim_id for st in h.statements)
        records = [ev for cid in claim_ids for ev in evidence.get(cid, [])]
        row = {
            "id": tenure_id,
            "person_id": person,
            "post_id": post_id,
            "org_id": org,
            "start": h.start,
            "end": h.end,
            "ongoing": h.ongoing,
            "acting": h.acting,
            "role": h.role,
            "rank": h.rank,
            "s_lo": s_lo,
            "s_hi": s_hi,
            "e_lo": e_lo,
            "e_hi": e_hi,
            "concurrent": json.dumps(h.concurrent, ensure_ascii=False),
            "evidence": json.dumps(records, ensure_ascii=False, sort_keys=True),
        }
        return row, [{"tenure_id": tenure_id, "claim_id": cid} for cid in claim_ids]

    def _refresh_posts(self, posts: set[str]) -> None:
        """Drop posts left without tenures; title the others as their claims most often do."""
        t, p, tc, c = s.tenures.c, s.posts.c, s.tenure_claims.c, s.claims.c
        r = self.resolver
        for chunk in chunks(sorted(posts)):
            used = set(
                self.conn.execute(
                    select(t.post_id).where(t.post_id.in_(chunk)).distinct()
                ).scalars()
            )
            unused = [pid for pid in chunk if pid not in used]
            if unused:
                self.conn.execute(delete(s.posts).where(p.id.in_(unused)))
            titles: dict[str, list[str]] = defaultdict(list)
            for post_id, data in self.conn.execute(
                select(t.post_id, c.data)
                .join(s.tenure_claims, tc.tenure_id == t.id)
                .join(s.claims, c.id == tc.claim_id)
                .where(t.post_id.in_(sorted(used)))
            ):
                titles[post_id].append(r.post_display(tenure_org(r, json.loads(data))[0]))
            updates = [
                {"pid": post_id, "title": most_common(names)} for post_id, names in titles.items()
            ]
            if updates:
                self.conn.execute(
                    s.posts.update()
                    .where(p.id == bindparam("pid"))
                    .values(title=bindparam("title")),
                    updates,
                )

    def _refresh_conflicts(self, posts: set[str]) -> None:
        t, cf = s.tenures.c, s.conflicts.c
        for chunk in chunks(sorted(posts)):
            self.conn.execute(delete(s.conflicts).where(cf.post_id.in_(chunk)))
        single: set[str] = set()
        for chunk in chunks(sorted(posts)):
            single.update(
                self.conn.execute(
                    select(s.posts.c.id).where(
                        s.posts.c.id.in_(chunk),
                        s.posts.c.single_holder.is_(True),
                        s.posts.c.org_id.is_not(None),
                    )
                ).scalars()
            )
        rows: dict[str, dict[str, Any]] = {}
        for chunk in chunks(sorted(posts)):
            tenures: dict[str, list[Any]] = defaultdict(list)
            for row in self.conn.execute(
                select(
                    t.id, t.post_id, t.person_id, t.start, t.end, t.ongoing, t.acting, t.evidence
                )
                .where(t.post_id.in_(chunk))
                .order_by(t.post_id, t.id)
            ):
                tenures[row[1]].append(row)
            for post_id, items in tenures.items():
                self._person_conflicts(post_id, items, rows)
                if post_id in single:
                    spans = [(row[2], (row[3], row[4], bool(row[5]))) for row in items]
                    for i, j in double_holders(spans, self.today):
                        a, b = sorted((items[i][0], items[j][0]))
                        cid = make_id("cfl", "overlap", a, b)
                        rows[cid] = {
                            "id": cid,
                            "kind": "overlap",
                            "post_id": post_id,
                            "person_id": None,
                            "tenure_a": a,
                            "tenure_b": b,
                            "certainty": "certain",
                            "detail": "two holders of a one-holder post on the same days",
                        }
        if rows:
            self.store.insert_ignore(self.conn, s.conflicts, [rows[k] for k in sorted(rows)])

    def _person_conflicts(self, post_id: str, items: list[Any], rows: dict[str, Any]) -> None:
        by_person: dict[str, list[Any]] = defaultdict(list)
        for row in items:
            by_person[row[2]].append(row)
        for person, mine in by_person.items():
            if len(mine) < 2:
                continue
            holdings = []
            for row in mine:
                h = Holding(row[3], row[4], bool(row[5]), bool(row[6]))
                for ev in json.loads(row[7]):
                    h.statements.append(Statement(ev["claim"], ev["article"], None, None, False))
                holdings.append(h)
            for i, j, certainty, detail in disagreements(holdings, self.today):
                a, b = sorted((mine[i][0], mine[j][0]))
                cid = make_id("cfl", "dates", a, b)
                rows[cid] = {
                    "id": cid,
                    "kind": "dates",
                    "post_id": post_id,
                    "person_id": person,
                    "tenure_a": a,
                    "tenure_b": b,
                    "certainty": certainty,
                    "detail": detail,
                }

    # -- events and relations -----------------------------------------------------------------

    def rebuild_org_facts(self, orgs: set[str], org_keys: set[str]) -> None:
        """Recompute events and parent/child/subunit relations of changed organizations."""
        ev, rel, m, k = s.events.c, s.org_relations.c, s.mentions.c, s.entity_keys.c
        other_claims = self._scalars(
            lambda ch: select(m.claim_id).where(m.kind == "org", m.role == "other", m.key.in_(ch)),
            org_keys,
        )
        subject_keys = self._scalars(
            lambda ch: select(m.key).where(
                m.claim_id.in_(ch), m.kind == "org", m.role == "subject"
            ),
            other_claims,
        )
        affected = set(orgs) | set(self._entity("org", subject_keys).values())
        events = self._scalars(lambda ch: select(ev.id).where(ev.org_id.in_(ch)), affected)
        for chunk in chunks(sorted(events)):
            self.conn.execute(delete(s.events).where(ev.id.in_(chunk)))
            self.conn.execute(delete(s.event_claims).where(s.event_claims.c.event_id.in_(chunk)))
        for chunk in chunks(sorted(affected)):
            self.conn.execute(delete(s.org_relations).where(rel.org_id.in_(chunk)))
        keys = self._scalars(
            lambda ch: select(k.key).where(k.kind == "org", k.entity_id.in_(ch)), affected
        )
        claim_ids = self._scalars(
            lambda ch: select(m.claim_id).where(
                m.kind == "org", m.role == "subject", m.key.in_(ch)
            ),
            keys,
        )
        c = s.claims.c
        records: list[tuple[str, str, str, dict[str, Any]]] = []
        for chunk in chunks(sorted(claim_ids)):
            records.extend(
                (r[0], r[1], r[2], json.loads(r[3]))
                for r in self.conn.execute(
                    select(c.id, c.kind, c.article, c.data).where(
                        c.id.in_(chunk), c.retired.is_(False), c.kind.in_(("event", "org_fact"))
                    )
                )
            )
        records.sort()
        self._write_events([r for r in records if r[1] == "event"])
        self._write_relations([r for r in records if r[1] == "org_fact"])

    def _write_events(self, records: list[tuple[str, str, str, dict[str, Any]]]) -> None:
        r = self.resolver
        keys = set()
        for _cid, _kind, article, d in records:
            keys.add(r.org_key(str(d["organization"]), article))
            if d.get("other"):
                keys.add(r.org_key(str(d["other"]), article))
        org_of = self._entity("org", keys)
        groups: dict[tuple[str, str, str | None], list[Statement]] = defaultdict(list)
        names: dict[tuple[str, str, str | None], list[str]] = defaultdict(list)
        for cid, _kind, article, d in records:
            org = org_of.get(r.org_key(str(d["organization"]), article))
            if org is None:
                continue
            other = d.get("other")
            other_key = r.org_key(str(other), article) if other else None
            group = (org, str(d["type"]), other_key)
            groups[group].append(Statement(cid, article, _date(d.get("date")), None, False))
            if other:
                names[group].append(r.org_display(str(other)))
        evidence = self.evidence(st.claim_id for sts in groups.values() for st in sts)
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
                        "evidence": json.dumps(
                            [e for cid in claim_ids for e in evidence.get(cid, [])],
                            ensure_ascii=False,
                            sort_keys=True,
                        ),
                    }
                )
                links.extend({"event_id": event_id, "claim_id": cid} for cid in claim_ids)
        self.store.insert_ignore(self.conn, s.events, rows)
        self.store.insert_ignore(self.conn, s.event_claims, links)

    def _write_relations(self, records: list[tuple[str, str, str, dict[str, Any]]]) -> None:
        r = self.resolver
        wanted = [x for x in records if x[3].get("field") in ("parent", "child", "subunit")]
        keys = set()
        for _cid, _kind, article, d in wanted:
            keys.add(r.org_key(str(d["organization"]), article))
            if d["field"] != "subunit":
                keys.add(r.org_key(str(d["value"])))
        org_of = self._entity("org", keys)
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
                    "claims": json.dumps(sorted({cid for cid, _ in items})),
                }
            )
        self.store.insert_ignore(self.conn, s.org_relations, rows)


def _date(value: Any) -> str | None:
    """A stored date prefix, or None when the claim's date is not a valid prefix."""
    if isinstance(value, str) and time.is_prefix(value):
        return value
    return None
