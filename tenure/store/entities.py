"""Persons and organizations from the names claims use: components of equivalent names.

Every name key in use is a node; links (an article's subject and its infobox names, a rename,
a person's aliases) and the alias file's entries are edges. Each connected set of keys is one
entity, with a deterministic id from its canonical key: the alias file's canonical name if it
names one, else the article subject's name, else the smallest key.

:class:`EntityBuilder` computes the rows of entities from their components, mentions and
claims, all in memory; :func:`tenure.store.derive.refresh` feeds it either every claim (a
rebuild) or the components that changed claims reach (an ingest).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any

from tenure.resolve.config import AliasEntry
from tenure.resolve.names import Resolver, abbreviation, inline_abbreviations
from tenure.resolve.text import fold, make_id, squash

Kind = str  # "org" | "person"
MentionRow = tuple[str, str, str, str]
"""(claim id, role, key, name as written) of one mention of a person or organization."""
ClaimData = tuple[str, str, dict[str, Any]]
"""(kind, article, data) of a claim."""
_NO_CLAIM: ClaimData = ("", "", {})
"""What a mention whose claim is not at hand reads (never written to)."""
ENTITY_TABLES = (
    "organizations",
    "persons",
    "org_names",
    "person_aliases",
    "entity_keys",
    "search_docs",
)
"""The tables entity rows go to, in the order they are written."""
ENTITY_COLUMNS = {
    "organizations": (
        "id",
        "name",
        "key",
        "type",
        "jurisdiction",
        "headquarters",
        "formed",
        "dissolved",
        "website",
        "wikidata",
        "articles",
    ),
    "persons": ("id", "name", "key", "born", "died", "wikidata", "articles"),
    "org_names": ("id", "org_id", "name", "key", "kind", "lang", "start", "end", "claims"),
    "person_aliases": ("id", "person_id", "name", "key"),
    "entity_keys": ("kind", "key", "entity_id"),
}
"""The columns of the rows :attr:`EntityBuilder.rows` holds for each table, in order (search
documents are dicts, as :meth:`~tenure.store.base.Store.add_search_docs` takes them)."""


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
    counts: dict[str, int] = {}
    for v in values:
        if v:
            counts[v] = counts.get(v, 0) + 1
    if len(counts) <= 1:  # most lists are empty or one value repeated: no ranking needed
        return next(iter(counts), None)
    return min(counts, key=lambda v: (-counts[v], v))


def json_strings(values: Iterable[str], ensure_ascii: bool = True) -> str:
    """``json.dumps(list(values), ensure_ascii=ensure_ascii)`` for strings, written directly
    (a rebuild encodes a list for every organization, person and name)."""
    encode = encode_basestring_ascii if ensure_ascii else encode_basestring
    return "[" + ", ".join([encode(v) for v in values]) + "]"


class EntityBuilder:
    """Computes the rows of persons and organizations from their names' components."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.rows: dict[str, list[Any]] = defaultdict(list)
        """Rows to write, by table name, in the order they were made: tuples in the order of
        :data:`ENTITY_COLUMNS` (no dict per row to build, and sqlite3 binds them by position),
        dicts for ``search_docs``."""
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

    def components(
        self,
        kind: Kind,
        start: set[str],
        links: Callable[[set[str]], Iterable[Sequence[str]]],
    ) -> list[set[str]]:
        """The connected sets of keys reachable from ``start``, smallest first.

        ``links(keys)`` gives the stored links (a, b) of kind ``kind`` whose ``a`` is in
        ``keys`` (rows read from the store, which are not tuples); the alias file's entries
        join keys too.
        """
        uf = UnionFind()
        seen = set(start)
        frontier = set(start)
        edges = self._alias_edges[kind]
        while frontier:
            found: set[str] = set()
            for a, b in links(frontier):
                uf.union(a, b)
                found.add(b)
            for key in frontier:
                uf.find(key)
                for other in edges.get(key, ()):
                    uf.union(key, other)
                    found.add(other)
            frontier = found - seen
            seen |= frontier
        groups: dict[str, set[str]] = defaultdict(set)
        for key in seen:
            groups[uf.find(key)].add(key)
        return sorted(groups.values(), key=min)

    # -- entities -----------------------------------------------------------------------------

    def build(
        self,
        kind: Kind,
        groups: list[set[str]],
        live: set[str],
        mentions: dict[str, list[MentionRow]],
        claims: dict[str, ClaimData],
    ) -> dict[str, list[str]]:
        """Rows of the entities of ``groups`` (keys in use: ``live``) into :attr:`rows`;
        returns each entity id with its keys.

        ``mentions`` are the mentions of each live key; ``claims`` holds at least the claims
        of mentions in the roles subject, name and other.
        """
        made: dict[str, list[str]] = {}
        for group in groups:
            keys = sorted(group & live)
            if not keys:
                continue
            found = sorted(m for key in keys for m in mentions.get(key, ()))
            made[self._write(kind, keys, group, found, claims)] = keys
        return made

    def _write(
        self,
        kind: Kind,
        keys: list[str],
        group: set[str],
        mentions: list[MentionRow],
        claims: dict[str, ClaimData],
    ) -> str:
        entries = sorted(
            {e for key in group for e in self._aliases[kind].get(key, [])},
            key=lambda e: (e.source != "default", self.key(kind, e.name)),
        )
        entry = min(entries, key=lambda e: self.key(kind, e.name)) if entries else None
        subjects = sorted(
            {
                m[2]
                for m in mentions
                if m[1] == "subject" and claims.get(m[0], _NO_CLAIM)[2].get("kind") == "title"
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
        mentions: list[MentionRow],
        claims: dict[str, ClaimData],
        entry: AliasEntry | None,
        canonical: str,
        entries: list[AliasEntry],
    ) -> str:
        r = self.resolver
        org_id = make_id("org", canonical)
        key_set = set(keys)
        names: dict[NameSlot, NameCounts] = {}

        titles: list[str] = []
        facts: dict[str, list[str]] = defaultdict(list)
        subject_articles: set[str] = set()
        for claim_id, role, key, raw in mentions:
            kind, article, data = claims.get(claim_id, _NO_CLAIM)
            abbreviations = _abbreviation_cache.get(raw)
            if abbreviations is None:
                abbreviations = _abbreviations(raw)
            for full, abbr in abbreviations:
                if full and r.org_key(full, article) in key_set:
                    _add_name(r, names, abbr, "abbreviation", claim_id, key=fold(abbr))
            if kind == "org_name" and role == "subject":
                subject_articles.add(article)
                if data.get("kind") == "title":
                    titles.append(_title_display(r, article, raw))
                elif data.get("kind") == "abbreviation":
                    _add_name(
                        r,
                        names,
                        str(data["name"]),
                        "abbreviation",
                        claim_id,
                        data.get("lang"),
                        key=fold(str(data["name"])),
                    )
                continue
            if kind == "org_name" and role == "name":
                _add_name(
                    r,
                    names,
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
                    _add_name(
                        r,
                        names,
                        r.org_display(raw),
                        "former",
                        claim_id,
                        end=data.get("date"),
                        key=key,
                    )
                    continue
                if role == "other":
                    _add_name(
                        r,
                        names,
                        r.org_display(raw),
                        "official",
                        claim_id,
                        start=data.get("date"),
                        key=key,
                    )
                    continue
            if kind == "org_fact" and role == "subject":
                subject_articles.add(article)
                facts[str(data["field"])].append(str(data["value"]))
            _add_name(r, names, r.org_display(raw), "alias", claim_id, key=key)
        for e in entries:
            _add_name(r, names, e.name, "official", None)
            for alias in e.aliases:
                _add_name(r, names, alias, "alias", None)
        if entry is not None:
            display = entry.name
        else:
            display = (
                most_common(titles) or most_common(r.org_display(m[3]) for m in mentions) or keys[0]
            )
        covered = {slot[0] for slot in names if slot[1] != "alias"}
        rows: list[tuple[Any, ...]] = []
        for slot in sorted(names, key=_slot_order):
            key, kind, lang, start, end = slot
            if kind == "alias" and key in covered:
                continue
            spellings, cited = names[slot]
            if len(spellings) == 1:
                spelling = next(iter(spellings))
            else:
                spelling = min(spellings, key=lambda v: (-spellings[v], v))
            rows.append(
                (
                    make_id("on", org_id, key, kind, lang, start, end),
                    org_id,
                    spelling,
                    key,
                    kind,
                    lang,
                    start,
                    end,
                    json_strings(sorted(cited)),
                )
            )
        if not any(row[2] == display for row in rows):
            rows.append(
                (
                    make_id("on", org_id, canonical, "title", None, None, None),
                    org_id,
                    display,
                    r.org_key(display),
                    "title",
                    None,
                    None,
                    None,
                    "[]",
                )
            )
        self.rows["org_names"].extend(rows)
        wikidata = next((e.wikidata for e in entries if e.wikidata), None)
        common = {name: most_common(values) for name, values in facts.items()}
        self.rows["organizations"].append(
            (
                org_id,
                display,
                canonical,
                common.get("type"),
                common.get("jurisdiction"),
                common.get("headquarters"),
                common.get("formed"),
                common.get("dissolved"),
                common.get("website"),
                wikidata,
                json_strings(sorted(subject_articles), ensure_ascii=False),
            )
        )
        self.rows["entity_keys"].extend(("org", key, org_id) for key in keys)
        alias_names = sorted({row[2] for row in rows} - {display})
        self.rows["search_docs"].append(
            {"ref": org_id, "kind": "organization", "name": display, "text": "\n".join(alias_names)}
        )
        return org_id

    def _write_person(
        self,
        keys: list[str],
        mentions: list[MentionRow],
        claims: dict[str, ClaimData],
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
            spellings.add(_squash(raw))
            if role != "subject":
                continue
            kind, article, data = claims.get(claim_id, _NO_CLAIM)
            if kind in ("person_name", "person_fact"):
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
        self.rows["persons"].append(
            (
                person_id,
                display,
                canonical,
                most_common(facts.get("born", ())),
                most_common(facts.get("died", ())),
                wikidata,
                json_strings(sorted(subject_articles), ensure_ascii=False),
            )
        )
        self.rows["person_aliases"].extend(
            (make_id("pa", person_id, name), person_id, name, r.person_key(name))
            for name in sorted(n for n in spellings if n)
        )
        self.rows["entity_keys"].extend(("person", key, person_id) for key in keys)
        others = sorted(spellings - {display})
        self.rows["search_docs"].append(
            {"ref": person_id, "kind": "person", "name": display, "text": "\n".join(others)}
        )
        return person_id


NameSlot = tuple[str, str, str | None, str | None, str | None]
"""(key, kind, lang, start, end): one ``org_names`` row of an organization."""
NameCounts = tuple[dict[str, int], set[str]]
"""How often each spelling of one :data:`NameSlot` occurs, and the claims it occurs in."""


def _slot_order(slot: NameSlot) -> tuple[str, ...]:
    """The order of an organization's name rows: by their slots' values written out
    (``tuple(map(str, slot))``; key and kind are strings)."""
    return (slot[0], slot[1], str(slot[2]), str(slot[3]), str(slot[4]))


def _add_name(
    r: Resolver,
    names: dict[NameSlot, NameCounts],
    name: str,
    kind: str,
    claim: str | None,
    lang: str | None = None,
    start: str | None = None,
    end: str | None = None,
    key: str | None = None,
) -> None:
    """Count one spelling (and its claim) of an organization's name into its row."""
    display = _squash(name)
    if not display:
        return
    slot = (key or r.org_key(display), kind, lang, start, end)
    counts = names.get(slot)
    if counts is None:
        counts = names[slot] = ({}, set())
    spellings, claims = counts
    spellings[display] = spellings.get(display, 0) + 1
    if claim:
        claims.add(claim)


_abbreviation_cache: dict[str, list[tuple[str, str]]] = {}


def _abbreviations(raw: str) -> list[tuple[str, str]]:
    """Abbreviations a name defines, at its end or inside it (cached: names repeat a lot)."""
    found = _abbreviation_cache.get(raw)
    if found is None:
        defined = abbreviation(squash(raw))
        found = ([defined] if defined else []) + inline_abbreviations(raw)
        if len(_abbreviation_cache) > 200_000:
            _abbreviation_cache.clear()
        _abbreviation_cache[raw] = found
    return found


_squash_cache: dict[str, str] = {}


def _squash(raw: str) -> str:
    found = _squash_cache.get(raw)
    if found is None:
        found = squash(raw)
        if len(_squash_cache) > 200_000:
            _squash_cache.clear()
        _squash_cache[raw] = found
    return found


def _title_display(resolver: Resolver, article: str, raw: str) -> str:
    """An organization's display name from its article: the title keeps a telling qualifier."""
    display = resolver.org_display(raw)
    if article != display and article.startswith(display) and article.endswith(")"):
        qualifier = article[len(display) :].strip()[1:-1]
        if resolver.org_key(f"{display} ({qualifier})") != resolver.org_key(display):
            return article
    return display
