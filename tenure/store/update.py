"""Following changed claims through the derived tables: what an ingest does after each batch.

    >>> Update(store, conn, resolver, date.today()).run(["cl_..."])   # doctest: +SKIP

The claims' old and new mentions name the person and organization keys they touch. Each
touched key's component (under the new links) and the entities that held its keys before
are recomputed from all their mentions; then the holdings those changes reach (every holding
of an entity whose set of names changed, and the person-and-post pairs of the changed tenure
claims), the posts and conflicts of those holdings, and the events and relations of the
organizations touched. The rows are computed by the same code as a rebuild
(:mod:`tenure.store.rebuild`), from what is loaded here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select

from tenure.resolve.names import Resolver
from tenure.store import schema as s
from tenure.store.base import Store, chunks
from tenure.store.entities import ClaimData, EntityBuilder, MentionRow, most_common
from tenure.store.holdings import (
    TENURE_CLAIM_COLUMNS,
    TENURE_COLUMNS,
    PostTenure,
    build_tenures,
    conflict_rows,
    evidence_record,
    post_title,
)
from tenure.store.orgfacts import event_rows, relation_rows
from tenure.store.records import (
    CHUNK,
    LINK_COLUMNS,
    MENTION_COLUMNS,
    Changes,
    ClaimRecord,
    claim_docs,
    load_claims,
    mention_rows,
    write_entities,
)


class Update:
    """Derived rows brought up to date with a set of changed claims."""

    def __init__(self, store: Store, conn: Connection, resolver: Resolver, today: date) -> None:
        self.store = store
        self.conn = conn
        self.resolver = resolver
        self.today = today
        self.entities = EntityBuilder(resolver)
        self.component_keys: dict[str, set[str]] = {"org": set(), "person": set()}
        self.reshaped: dict[str, set[str]] = {"org": set(), "person": set()}
        """Entity ids (old and new) whose set of name keys changed: all their holdings move."""
        self.reshaped_keys: dict[str, set[str]] = {"org": set(), "person": set()}

    # -- reading ------------------------------------------------------------------------------

    def rows(self, stmt_for: Any, values: Iterable[Any]) -> list[Any]:
        """Rows of ``stmt_for(chunk)`` over ``values`` in large chunks."""
        out: list[Any] = []
        for chunk in chunks(sorted(set(values)), CHUNK):
            out.extend(self.conn.execute(stmt_for(list(chunk))).all())
        return out

    def entity_of(self, kind: str, keys: Iterable[str]) -> dict[str, str]:
        k = s.entity_keys.c
        found = self.rows(
            lambda ch: select(k.key, k.entity_id).where(k.kind == kind, k.key.in_(ch)), keys
        )
        return {key: entity for key, entity in found}

    def evidence_of(self, claim_ids: Iterable[str]) -> dict[str, list[str]]:
        """Evidence records of claims (article, path, line, section, text, claim id), each
        encoded by :func:`~tenure.store.holdings.evidence_record`."""
        c, e = s.claims.c, s.claim_evidence.c
        out: dict[str, list[str]] = defaultdict(list)
        found = self.rows(
            lambda ch: (
                select(e.claim_id, e.seq, c.article, c.path, e.line, e.section, e.text)
                .join(s.claims, c.id == e.claim_id)
                .where(e.claim_id.in_(ch))
            ),
            claim_ids,
        )
        for row in sorted(found, key=lambda row: (row[0], row[1])):
            out[row[0]].append(evidence_record(row[0], row[2], row[3], row[4], row[5], row[6]))
        return out

    # -- the update ---------------------------------------------------------------------------

    def run(self, ids: list[str]) -> Changes:
        records = load_claims(self.conn, ids)
        touched = self._mentions(ids, records)
        changes = Changes(claims=len(ids))
        org_old, org_new = self._entities("org", touched["org"])
        per_old, per_new = self._entities("person", touched["person"])
        changes.organizations = org_old | org_new
        changes.persons = per_old | per_new
        self._tenures(
            persons=self.reshaped["person"],
            orgs=self.reshaped["org"],
            org_keys=self.reshaped_keys["org"],
            groups=touched["groups"],
        )
        self._org_facts(orgs=org_old | org_new, org_keys=self.component_keys["org"])
        self._claim_docs(ids, records)
        return changes

    def _mentions(self, ids: list[str], records: list[ClaimRecord]) -> dict[str, Any]:
        """Replace the mentions and links of changed claims; return the keys they touched
        (before and after) and the (person key, post key) groups of their tenures."""
        touched: dict[str, Any] = {"org": set(), "person": set(), "groups": set()}
        m = s.mentions.c
        holders: dict[str, str] = {}
        posts: dict[str, str] = {}
        old = self.rows(
            lambda ch: select(m.claim_id, m.kind, m.role, m.key).where(m.claim_id.in_(ch)), ids
        )
        for claim_id, kind, role, key in old:
            if kind == "post":
                posts[claim_id] = key
                continue
            touched[kind].add(key)
            if role == "holder":
                holders[claim_id] = key
        touched["groups"].update((key, posts[cid]) for cid, key in holders.items() if cid in posts)
        for chunk in chunks(ids, CHUNK):
            self.conn.execute(delete(s.mentions).where(m.claim_id.in_(chunk)))
            self.conn.execute(delete(s.links).where(s.links.c.claim_id.in_(chunk)))
        found, mention_list, link_list = mention_rows(self.resolver, records)
        for mentions in found.values():
            holder = next((x.key for x in mentions if x.role == "holder"), None)
            post = next((x.key for x in mentions if x.kind == "post"), None)
            if holder and post:
                touched["groups"].add((holder, post))
            for mention in mentions:
                if mention.kind != "post":
                    touched[mention.kind].add(mention.key)
        self.store.insert_rows(self.conn, s.mentions, MENTION_COLUMNS, mention_list)
        self.store.insert_rows(self.conn, s.links, LINK_COLUMNS, link_list)
        return touched

    # -- entities -----------------------------------------------------------------------------

    def _entities(self, kind: str, touched: set[str]) -> tuple[set[str], set[str]]:
        """Recompute the entities of ``touched`` keys; returns (old ids, new ids)."""
        if not touched:
            return set(), set()
        k, links, m = s.entity_keys.c, s.links.c, s.mentions.c

        def linked(keys: set[str]) -> list[Any]:
            return self.rows(
                lambda ch: select(links.a, links.b).where(links.kind == kind, links.a.in_(ch)),
                keys,
            )

        start = set(touched)
        while True:
            groups = self.entities.components(kind, start, linked)
            seen = {key for group in groups for key in group}
            old_ids = set(self.entity_of(kind, seen).values())
            more = {
                row[0]
                for row in self.rows(lambda ch: select(k.key).where(k.entity_id.in_(ch)), old_ids)
            } - seen
            if not more:
                break
            start = seen | more
        live = {
            row[0]
            for row in self.rows(
                lambda ch: select(m.key).where(m.kind == kind, m.key.in_(ch)).distinct(), seen
            )
        }
        before: dict[str, set[str]] = defaultdict(set)
        for key, entity in self.rows(
            lambda ch: select(k.key, k.entity_id).where(k.entity_id.in_(ch)), old_ids
        ):
            before[entity].add(key)
        self._delete(kind, old_ids, seen)
        by_key: dict[str, list[MentionRow]] = defaultdict(list)
        for row in self.rows(
            lambda ch: select(m.claim_id, m.role, m.key, m.name).where(
                m.kind == kind, m.key.in_(ch)
            ),
            live,
        ):
            by_key[row[2]].append((row[0], row[1], row[2], row[3]))
        wanted = {
            mention[0]
            for mentions in by_key.values()
            for mention in mentions
            if mention[1] in ("subject", "name", "other")
        }
        c = s.claims.c
        claims: dict[str, ClaimData] = {
            row[0]: (row[1], row[2], json.loads(row[3]))
            for row in self.rows(
                lambda ch: select(c.id, c.kind, c.article, c.data).where(c.id.in_(ch)), wanted
            )
        }
        made = self.entities.build(kind, groups, live, by_key, claims)
        for entity, keys in made.items():
            if before.get(entity) != set(keys):
                self.reshaped[kind].add(entity)
                self.reshaped_keys[kind].update(keys)
        for entity in old_ids - set(made):
            self.reshaped[kind].add(entity)
            self.reshaped_keys[kind].update(before.get(entity, ()))
        self.component_keys[kind].update(seen)
        write_entities(self.store, self.conn, self.entities)
        return old_ids, set(made)

    def _delete(self, kind: str, ids: set[str], keys: set[str]) -> None:
        k = s.entity_keys.c
        for chunk in chunks(sorted(keys), CHUNK):
            self.conn.execute(delete(s.entity_keys).where(k.kind == kind, k.key.in_(chunk)))
        self.store.delete_search_docs(self.conn, sorted(ids))
        for chunk in chunks(sorted(ids), CHUNK):
            if kind == "org":
                self.conn.execute(delete(s.organizations).where(s.organizations.c.id.in_(chunk)))
                self.conn.execute(delete(s.org_names).where(s.org_names.c.org_id.in_(chunk)))
            else:
                self.conn.execute(delete(s.persons).where(s.persons.c.id.in_(chunk)))
                self.conn.execute(
                    delete(s.person_aliases).where(s.person_aliases.c.person_id.in_(chunk))
                )

    # -- tenures, posts, conflicts ------------------------------------------------------------

    def _tenures(
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
        t, po, k = s.tenures.c, s.posts.c, s.entity_keys.c
        full = set(persons)
        pairs = set(groups)
        if org_keys:
            h, p, o = s.mentions.alias("h"), s.mentions.alias("p"), s.mentions.alias("o")
            pairs.update(
                (row[0], row[1])
                for row in self.rows(
                    lambda ch: (
                        select(h.c.key, p.c.key)
                        .select_from(
                            o.join(h, h.c.claim_id == o.c.claim_id).join(
                                p, p.c.claim_id == o.c.claim_id
                            )
                        )
                        .where(
                            o.c.kind == "org",
                            o.c.role == "org",
                            o.c.key.in_(ch),
                            h.c.kind == "person",
                            h.c.role == "holder",
                            p.c.kind == "post",
                        )
                    ),
                    org_keys,
                )
            )
        person_of = self.entity_of("person", {key for key, _ in pairs})
        wanted = {(person_of[key], post) for key, post in pairs if key in person_of}
        wanted.update(
            (row[0], row[1])
            for row in self.rows(
                lambda ch: (
                    select(t.person_id, po.key)
                    .join(s.posts, po.id == t.post_id)
                    .where(t.org_id.in_(ch))
                ),
                orgs,
            )
        )
        people = full | {person for person, _ in wanted}
        old: list[str] = []
        posts: set[str] = set()
        for tenure_id, person, post_id, post_key in self.rows(
            lambda ch: (
                select(t.id, t.person_id, t.post_id, po.key)
                .join(s.posts, po.id == t.post_id)
                .where(t.person_id.in_(ch))
            ),
            people,
        ):
            if person in full or (person, post_key) in wanted:
                old.append(tenure_id)
                posts.add(post_id)
        for chunk in chunks(sorted(old), CHUNK):
            self.conn.execute(delete(s.tenures).where(t.id.in_(chunk)))
            self.conn.execute(delete(s.tenure_claims).where(s.tenure_claims.c.tenure_id.in_(chunk)))
        entity_of = {
            key: entity
            for key, entity in self.rows(
                lambda ch: select(k.key, k.entity_id).where(
                    k.kind == "person", k.entity_id.in_(ch)
                ),
                people,
            )
        }
        h, p = s.mentions.alias("h"), s.mentions.alias("p")
        claim_ids: set[str] = set()
        for claim_id, key, post_key in self.rows(
            lambda ch: (
                select(h.c.claim_id, h.c.key, p.c.key)
                .join(p, (p.c.claim_id == h.c.claim_id) & (p.c.kind == "post"))
                .where(h.c.kind == "person", h.c.role == "holder", h.c.key.in_(ch))
            ),
            entity_of,
        ):
            person = entity_of[key]
            if person in full or (person, post_key) in wanted:
                claim_ids.add(claim_id)
        records = [
            (r.id, r.article, r.data)
            for r in load_claims(self.conn, claim_ids)
            if r.kind == "tenure"
        ]
        made = build_tenures(self.resolver, records, self.entity_of, self.evidence_of)
        self.store.insert_rows(self.conn, s.tenures, TENURE_COLUMNS, made.tenures)
        self.store.insert_rows(self.conn, s.tenure_claims, TENURE_CLAIM_COLUMNS, made.links)
        self.store.insert_ignore(self.conn, s.posts, list(made.posts.values()))
        posts |= set(made.posts)
        self._posts(posts)
        self._conflicts(posts)

    def _posts(self, posts: set[str]) -> None:
        """Drop posts left without tenures; title the others as their claims most often do."""
        t, p, tc, c = s.tenures.c, s.posts.c, s.tenure_claims.c, s.claims.c
        used = {
            row[0]
            for row in self.rows(
                lambda ch: select(t.post_id).where(t.post_id.in_(ch)).distinct(), posts
            )
        }
        unused = sorted(posts - used)
        for chunk in chunks(unused, CHUNK):
            self.conn.execute(delete(s.posts).where(p.id.in_(chunk)))
        titles: dict[str, list[str]] = defaultdict(list)
        current = dict(self.rows(lambda ch: select(p.id, p.title).where(p.id.in_(ch)), used))
        for post_id, data in self.rows(
            lambda ch: (
                select(t.post_id, c.data)
                .join(s.tenure_claims, tc.tenure_id == t.id)
                .join(s.claims, c.id == tc.claim_id)
                .where(t.post_id.in_(ch))
            ),
            used,
        ):
            titles[post_id].append(post_title(self.resolver, json.loads(data)))
        updates = []
        for post_id, names in titles.items():
            title = most_common(names) or current.get(post_id)
            if title != current.get(post_id):
                updates.append({"pid": post_id, "title": title})
        if updates:
            self.conn.execute(
                s.posts.update().where(p.id == bindparam("pid")).values(title=bindparam("title")),
                updates,
            )

    def _conflicts(self, posts: set[str]) -> None:
        t, cf, po = s.tenures.c, s.conflicts.c, s.posts.c
        for chunk in chunks(sorted(posts), CHUNK):
            self.conn.execute(delete(s.conflicts).where(cf.post_id.in_(chunk)))
        single = {
            row[0]
            for row in self.rows(
                lambda ch: select(po.id).where(
                    po.id.in_(ch), po.single_holder.is_(True), po.org_id.is_not(None)
                ),
                posts,
            )
        }
        by_post: dict[str, list[PostTenure]] = defaultdict(list)
        for row in self.rows(
            lambda ch: select(
                t.id, t.post_id, t.person_id, t.start, t.end, t.ongoing, t.acting, t.evidence
            ).where(t.post_id.in_(ch)),
            posts,
        ):
            by_post[row[1]].append(
                (
                    row[0],
                    row[2],
                    row[3],
                    row[4],
                    bool(row[5]),
                    bool(row[6]),
                    _articles(row[7]),
                )
            )
        rows: dict[str, dict[str, Any]] = {}
        for post_id in sorted(by_post):
            items = sorted(by_post[post_id], key=lambda item: item[0])
            conflict_rows(post_id, items, post_id in single, self.today, rows)
        self.store.insert_ignore(self.conn, s.conflicts, [rows[k] for k in sorted(rows)])

    # -- events and relations -----------------------------------------------------------------

    def _org_facts(self, orgs: set[str], org_keys: set[str]) -> None:
        """Recompute events and parent/child/subunit relations of changed organizations."""
        ev, rel, m, k, c = s.events.c, s.org_relations.c, s.mentions.c, s.entity_keys.c, s.claims.c
        other_claims = {
            row[0]
            for row in self.rows(
                lambda ch: select(m.claim_id).where(
                    m.kind == "org", m.role == "other", m.key.in_(ch)
                ),
                org_keys,
            )
        }
        subject_keys = {
            row[0]
            for row in self.rows(
                lambda ch: select(m.key).where(
                    m.claim_id.in_(ch), m.kind == "org", m.role == "subject"
                ),
                other_claims,
            )
        }
        affected = set(orgs) | set(self.entity_of("org", subject_keys).values())
        events = [
            row[0] for row in self.rows(lambda ch: select(ev.id).where(ev.org_id.in_(ch)), affected)
        ]
        for chunk in chunks(sorted(events), CHUNK):
            self.conn.execute(delete(s.events).where(ev.id.in_(chunk)))
            self.conn.execute(delete(s.event_claims).where(s.event_claims.c.event_id.in_(chunk)))
        for chunk in chunks(sorted(affected), CHUNK):
            self.conn.execute(delete(s.org_relations).where(rel.org_id.in_(chunk)))
        keys = {
            row[0]
            for row in self.rows(
                lambda ch: select(k.key).where(k.kind == "org", k.entity_id.in_(ch)), affected
            )
        }
        claim_ids = {
            row[0]
            for row in self.rows(
                lambda ch: select(m.claim_id).where(
                    m.kind == "org", m.role == "subject", m.key.in_(ch)
                ),
                keys,
            )
        }
        records = sorted(
            (row[0], row[1], row[2], json.loads(row[3]))
            for row in self.rows(
                lambda ch: select(c.id, c.kind, c.article, c.data).where(
                    c.id.in_(ch), c.retired.is_(False), c.kind.in_(("event", "org_fact"))
                ),
                claim_ids,
            )
        )
        rows, links = event_rows(
            self.resolver, [r for r in records if r[1] == "event"], self.entity_of, self.evidence_of
        )
        self.store.insert_ignore(self.conn, s.events, rows)
        self.store.insert_ignore(self.conn, s.event_claims, links)
        relations = relation_rows(
            self.resolver, [r for r in records if r[1] == "org_fact"], self.entity_of
        )
        self.store.insert_ignore(self.conn, s.org_relations, relations)

    def _claim_docs(self, ids: list[str], records: list[ClaimRecord]) -> None:
        self.store.delete_search_docs(self.conn, ids)
        e = s.claim_evidence.c
        texts: dict[str, list[str]] = defaultdict(list)
        for claim_id, _seq, text in sorted(
            self.rows(lambda ch: select(e.claim_id, e.seq, e.text).where(e.claim_id.in_(ch)), ids)
        ):
            texts[claim_id].append(text)
        self.store.add_search_docs(self.conn, claim_docs(records, texts))


def _articles(evidence: str) -> Any:
    """The articles of a tenure's sources, read from its evidence when asked for."""
    return lambda: {record["article"] for record in json.loads(evidence)}
