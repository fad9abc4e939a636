"""Persons and organizations from the names claims use: components of equivalent names.

Every name key in use is a node; links (an article's subject and its infobox names, a rename,
a person's aliases) and the alias file's entries are edges. Each connected set of keys is one
entity, with a deterministic id from its canonical key: the alias file's canonical name if it
names one, else the article subject's name, else the smallest key.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, select

from tenure.resolve.config import AliasEntry
from tenure.resolve.names import Resolver, abbreviation, inline_abbreviations
from tenure.resolve.text import fold, make_id, squash
from tenure.store import schema as s
from tenure.store.base import Store, chunks

Kind = str  # "org" | "person"


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if ra < rb:
                self.parent[rb] = ra
            else:
                self.parent[ra] = rb


def most_common(values: Iterable[str]) -> str | None:
    """The most frequent value, ties to the smallest: a choice independent of order."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


class EntityBuilder:
    """Recomputes the persons or organizations whose names a set of changes touched."""

    def __init__(self, store: Store, conn: Connection, resolver: Resolver) -> None:
        self.store = store
        self.conn = conn
        self.resolver = resolver
        self.component_keys: dict[Kind, set[str]] = {"org": set(), "person": set()}
        self.reshaped: dict[Kind, set[str]] = {"org": set(), "person": set()}
        """Entity ids (old and new) whose set of name keys changed: all their holdings move."""
        self.reshaped_keys: dict[Kind, set[str]] = {"org": set(), "person": set()}
        self._aliases: dict[Kind, dict[str, list[AliasEntry]]] = {"org": {}, "person": {}}
        self._alias_edges: dict[Kind, dict[str, set[str]]] = {
            "org": defaultdict(set),
            "person": defaultdict(set),
        }
        for entry in resolver.config.entries:
            kind = "org" if entry.kind == "organization" else "person"
            keys = [self.key(kind, n) for n in (entry.name, *entry.aliases)]
            canonical = keys[0]
            for key in keys:
                self._aliases[kind].setdefault(key, []).append(entry)
                if key != canonical:
                    self._alias_edges[kind][canonical].add(key)
                    self._alias_edges[kind][key].add(canonical)

    def key(self, kind: Kind, name: str) -> str:
        if kind == "org":
            return self.resolver.org_key(name)
        return self.resolver.person_key(name)

    # -- components ---------------------------------------------------------------------------

    def rebuild(self, kind: Kind, touched: set[str]) -> tuple[set[str], set[str]]:
        """Recompute the entities of ``touched`` keys; returns (old ids, new ids)."""
        if not touched:
            return set(), set()
        start = set(touched)
        while True:
            groups = self._components(kind, start)
            seen = {key for group in groups for key in group}
            old_ids = self._entities_of(kind, seen)
            more = self._keys_of(old_ids) - seen
            if not more:
                break
            start = seen | more
        live = self._live(kind, seen)
        before: dict[str, set[str]] = defaultdict(set)
        k = s.entity_keys.c
        for chunk in chunks(sorted(old_ids)):
            for key, entity in self.conn.execute(
                select(k.key, k.entity_id).where(k.entity_id.in_(chunk))
            ):
                before[entity].add(key)
        self._delete(kind, old_ids, seen)
        new_ids: set[str] = set()
        all_mentions = self._mentions(kind, sorted(live))
        by_key: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        for mention in all_mentions:
            by_key[mention[2]].append(mention)
        self._claim_cache = self._claims(
            m[0] for m in all_mentions if m[1] in ("subject", "name", "other")
        )
        self._rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for group in groups:
            keys = sorted(group & live)
            if not keys:
                continue
            self.component_keys[kind].update(keys)
            mentions = sorted(m for key in keys for m in by_key[key])
            entity = self._write(kind, keys, group, mentions)
            new_ids.add(entity)
            if before.get(entity) != set(keys):
                self.reshaped[kind].add(entity)
                self.reshaped_keys[kind].update(keys)
        for entity in old_ids - new_ids:
            self.reshaped[kind].add(entity)
            self.reshaped_keys[kind].update(before.get(entity, ()))
        self.component_keys[kind].update(seen)
        for table in (
            s.organizations,
            s.persons,
            s.org_names,
            s.person_aliases,
            s.entity_keys,
            s.search_docs,
        ):
            rows = self._rows.get(table.name)
            if rows:
                self.store.insert_ignore(self.conn, table, rows)
        return old_ids, new_ids

    def _entities_of(self, kind: Kind, keys: set[str]) -> set[str]:
        k = s.entity_keys.c
        ids: set[str] = set()
        for chunk in chunks(sorted(keys)):
            ids.update(
                self.conn.execute(
                    select(k.entity_id).where(k.kind == kind, k.key.in_(chunk))
                ).scalars()
            )
        return ids

    def _keys_of(self, ids: set[str]) -> set[str]:
        k = s.entity_keys.c
        keys: set[str] = set()
        for chunk in chunks(sorted(ids)):
            keys.update(self.conn.execute(select(k.key).where(k.entity_id.in_(chunk))).scalars())
        return keys

    def _components(self, kind: Kind, start: set[str]) -> list[set[str]]:
        uf = UnionFind()
        seen = set(start)
        frontier = set(start)
        links = s.links.c
        while frontier:
            found: set[str] = set()
            for chunk in chunks(sorted(frontier)):
                for a, b in self.conn.execute(
                    select(links.a, links.b).where(links.kind == kind, links.a.in_(chunk))
                ):
                    uf.union(a, b)
                    found.add(b)
            for key in frontier:
                uf.find(key)
                for other in self._alias_edges[kind].get(key, ()):
                    uf.union(key, other)
                    found.add(other)
            frontier = found - seen
            seen |= frontier
        groups: dict[str, set[str]] = defaultdict(set)
        for key in seen:
            groups[uf.find(key)].add(key)
        return sorted(groups.values(), key=min)

    def _live(self, kind: Kind, keys: set[str]) -> set[str]:
        m = s.mentions.c
        live: set[str] = set()
        for chunk in chunks(sorted(keys)):
            live.update(
                self.conn.execute(
                    select(m.key).where(m.kind == kind, m.key.in_(chunk)).distinct()
                ).scalars()
            )
        return live

    def _delete(self, kind: Kind, ids: set[str], keys: set[str]) -> None:
        k = s.entity_keys.c
        for chunk in chunks(sorted(keys)):
            self.conn.execute(delete(s.entity_keys).where(k.kind == kind, k.key.in_(chunk)))
        d = s.search_docs.c
        for chunk in chunks(sorted(ids)):
            self.conn.execute(delete(s.search_docs).where(d.ref.in_(chunk)))
            if kind == "org":
                self.conn.execute(delete(s.organizations).where(s.organizations.c.id.in_(chunk)))
                self.conn.execute(delete(s.org_names).where(s.org_names.c.org_id.in_(chunk)))
            else:
                self.conn.execute(delete(s.persons).where(s.persons.c.id.in_(chunk)))
                self.conn.execute(
                    delete(s.person_aliases).where(s.person_aliases.c.person_id.in_(chunk))
                )

    # -- one entity ---------------------------------------------------------------------------

    def _mentions(self, kind: Kind, keys: list[str]) -> list[tuple[str, str, str, str]]:
        m = s.mentions.c
        rows: list[tuple[str, str, str, str]] = []
        for chunk in chunks(keys):
            rows.extend(
                (r[0], r[1], r[2], r[3])
                for r in self.conn.execute(
                    select(m.claim_id, m.role, m.key, m.name).where(
                        m.kind == kind, m.key.in_(chunk)
                    )
                )
            )
        rows.sort()
        return rows

    def _claims(self, ids: Iterable[str]) -> dict[str, tuple[str, str, dict[str, Any]]]:
        c = s.claims.c
        out: dict[str, tuple[str, str, dict[str, Any]]] = {}
        for chunk in chunks(sorted(set(ids))):
            for row in self.conn.execute(
                select(c.id, c.kind, c.article, c.data).where(c.id.in_(chunk))
            ):
                out[row[0]] = (row[1], row[2], json.loads(row[3]))
        return out

    def _write(
        self,
        kind: Kind,
        keys: list[str],
        group: set[str],
        mentions: list[tuple[str, str, str, str]],
    ) -> str:
        claims = self._claim_cache
        entries = sorted(
            {e for key in group for e in self._aliases[kind].get(key, [])},
            key=lambda e: (e.source != "default", self.key(kind, e.name)),
        )
        entry = min(entries, key=lambda e: self.key(kind, e.name)) if entries else None
        subjects = sorted(
            {
                m[2]
                for m in mentions
                if m[1] == "subject" and claims.get(m[0], ("", "", {}))[2].get("kind") == "title"
            }
        )
        if entry is not None:
            canonical = self.key(kind, entry.name)
        elif subjects:
            canonical = subjects[0]
        else:
            canonical = keys[0]
        if kind == "org":
            return self._write_org(keys, mentions, claims, entry, canonical, entries)
        return self._write_person(keys, mentions, claims, entry, canonical, entries)

    def _write_org(
        self,
        keys: list[str],
        mentions: list[tuple[str, str, str, str]],
        claims: dict[str, tuple[str, str, dict[str, Any]]],
        entry: AliasEntry | None,
        canonical: str,
        entries: list[AliasEntry],
    ) -> str:
        r = self.resolver
        org_id = make_id("org", canonical)
        names: dict[tuple[str, str, str | None, str | None, str | None], dict[str, Any]] = {}

        def add(
            name: str,
            kind: str,
            claim: str | None,
            lang: str | None = None,
            start: str | None = None,
            end: str | None = None,
            key: str | None = None,
        ) -> None:
            display = squash(name)
            if not display:
                return
            row_key = key or r.org_key(display)
            slot = (row_key, kind, lang, start, end)
            row = names.setdefault(
                slot,
                {
                    "spellings": Counter(),
                    "claims": set(),
                    "lang": lang,
                    "start": start,
                    "end": end,
                    "kind": kind,
                    "key": row_key,
                },
            )
            row["spellings"][display] += 1
            if claim:
                row["claims"].add(claim)

        titles: list[str] = []
        facts: dict[str, list[str]] = defaultdict(list)
        subject_articles: set[str] = set()
        for claim_id, role, key, raw in mentions:
            kind, article, data = claims.get(claim_id, ("", "", {}))
            defined = abbreviation(squash(raw))
            for full, abbr in ([defined] if defined else []) + inline_abbreviations(raw):
                if full and r.org_key(full, article) in keys:
                    add(abbr, "abbreviation", claim_id, key=fold(abbr))
            if kind == "org_name" and role == "subject":
                subject_articles.add(article)
                if data.get("kind") == "title":
                    titles.append(_title_display(r, article, raw))
                elif data.get("kind") == "abbreviation":
                    add(
                        str(data["name"]),
                        "abbreviation",
                        claim_id,
                        data.get("lang"),
                        key=fold(str(data["name"])),
                    )
                continue
            if kind == "org_name" and role == "name":
                add(
                    r.org_display(raw),
                    str(data.get("kind") or "official"),
                    claim_id,
                    data.get("lang"),
                    data.get("start"),
                    data.get("end"),
                    key,
                )
                continue
            if kind == "event" and data.get("type") == "renamed":
                if role == "subject":
                    add(r.org_display(raw), "former", claim_id, end=data.get("date"), key=key)
                    continue
                if role == "other":
                    add(r.org_display(raw), "official", claim_id, start=data.get("date"), key=key)
                    continue
            if kind == "org_fact" and role == "subject":
                subject_articles.add(article)
                facts[str(data["field"])].append(str(data["value"]))
            add(r.org_display(raw), "alias", claim_id, key=key)
        for e in entries:
            add(e.name, "official", None)
            for alias in e.aliases:
                add(alias, "alias", None)
        if entry is not None:
            display = entry.name
        else:
            display = (
                most_common(titles) or most_common(r.org_display(m[3]) for m in mentions) or keys[0]
            )
        covered = {slot[0] for slot in names if slot[1] != "alias"}
        rows = []
        for slot, row in sorted(names.items(), key=lambda item: tuple(str(x) for x in item[0])):
            if row["kind"] == "alias" and row["key"] in covered:
                continue
            spelling = min(row["spellings"], key=lambda v: (-row["spellings"][v], v))
            rows.append(
                {
                    "id": make_id("on", org_id, *slot),
                    "org_id": org_id,
                    "name": spelling,
                    "key": row["key"],
                    "kind": row["kind"],
                    "lang": row["lang"],
                    "start": row["start"],
                    "end": row["end"],
                    "claims": json.dumps(sorted(row["claims"])),
                }
            )
        title_row = {
            "id": make_id("on", org_id, canonical, "title", None, None, None),
            "org_id": org_id,
            "name": display,
            "key": r.org_key(display),
            "kind": "title",
            "lang": None,
            "start": None,
            "end": None,
            "claims": "[]",
        }
        if not any(row["name"] == display for row in rows):
            rows.append(title_row)
        self._rows["org_names"].extend(rows)
        wikidata = next((e.wikidata for e in entries if e.wikidata), None)
        self._rows["organizations"].append(
            {
                "id": org_id,
                "name": display,
                "key": canonical,
                "type": most_common(facts["type"]),
                "jurisdiction": most_common(facts["jurisdiction"]),
                "headquarters": most_common(facts["headquarters"]),
                "formed": most_common(facts["formed"]),
                "dissolved": most_common(facts["dissolved"]),
                "website": most_common(facts["website"]),
                "wikidata": wikidata,
                "articles": json.dumps(sorted(subject_articles), ensure_ascii=False),
            }
        )
        self._rows["entity_keys"].extend(
            {"kind": "org", "key": key, "entity_id": org_id} for key in keys
        )
        alias_names = sorted({row["name"] for row in rows} - {display})
        self._rows["search_docs"].append(
            {"ref": org_id, "kind": "organization", "name": display, "text": "\n".join(alias_names)}
        )
        return org_id

    def _write_person(
        self,
        keys: list[str],
        mentions: list[tuple[str, str, str, str]],
        claims: dict[str, tuple[str, str, dict[str, Any]]],
        entry: AliasEntry | None,
        canonical: str,
        entries: list[AliasEntry],
    ) -> str:
        r = self.resolver
        person_id = make_id("per", canonical)
        titles: list[str] = []
        facts: dict[str, list[str]] = defaultdict(list)
        spellings: set[str] = set()
        subject_articles: set[str] = set()
        for claim_id, role, _key, raw in mentions:
            kind, article, data = claims.get(claim_id, ("", "", {}))
            spellings.add(squash(raw))
            if role == "subject" and kind in ("person_name", "person_fact"):
                subject_articles.add(article)
                if kind == "person_name" and data.get("kind") == "title":
                    titles.append(r.person_display(raw))
                if kind == "person_fact":
                    facts[str(data["field"])].append(str(data["value"]))
        for e in entries:
            spellings.update([e.name, *e.aliases])
        if entry is not None:
            display = entry.name
        else:
            display = (
                most_common(titles)
                or most_common(r.person_display(m[3]) for m in mentions)
                or keys[0]
            )
        spellings.add(display)
        wikidata = next((e.wikidata for e in entries if e.wikidata), None)
        self._rows["persons"].append(
            {
                "id": person_id,
                "name": display,
                "key": canonical,
                "born": most_common(facts["born"]),
                "died": most_common(facts["died"]),
                "wikidata": wikidata,
                "articles": json.dumps(sorted(subject_articles), ensure_ascii=False),
            }
        )
        self._rows["person_aliases"].extend(
            {
                "id": make_id("pa", person_id, name),
                "person_id": person_id,
                "name": name,
                "key": r.person_key(name),
            }
            for name in sorted(n for n in spellings if n)
        )
        self._rows["entity_keys"].extend(
            {"kind": "person", "key": key, "entity_id": person_id} for key in keys
        )
        others = sorted(spellings - {display})
        self._rows["search_docs"].append(
            {"ref": person_id, "kind": "person", "name": display, "text": "\n".join(others)}
        )
        return person_id


def _title_display(resolver: Resolver, article: str, raw: str) -> str:
    """An organization's display name from its article: the title keeps a telling qualifier."""
    display = resolver.org_display(raw)
    if article != display and article.startswith(display) and article.endswith(")"):
        qualifier = article[len(display) :].strip()[1:-1]
        if resolver.org_key(f"{display} ({qualifier})") != resolver.org_key(display):
            return article
    return display
