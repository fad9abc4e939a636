"""FollowTheMoney entities, one JSON object a line, built with the ``followthemoney`` library.

    tenure export --format ftm --out graph.ftm.json
    ftm validate -i graph.ftm.json                         # the library reads them back

tenure's names are FollowTheMoney's, so this is a renaming:

==============  ==========================================================================
Organization    ``PublicBody`` (a political party, ``party: true`` in the alias file:
                ``Organization``): name; other names as ``alias``, ``abbreviation``,
                ``previousName`` (former names); ``classification`` (type), ``address``
                (headquarters), ``incorporationDate`` / ``dissolutionDate``, ``website``,
                ``wikidataId``, ``parent``
Post            ``Position``: "Title, Organization" as ``name``, ``organization``,
                ``wikidataId`` (alias file)
Person          ``Person``: name, ``alias``, ``birthDate``, ``deathDate``, ``wikidataId``
Tenure          ``Occupancy``: ``holder``, ``post``, ``startDate``, ``endDate``, ``status``
                (current / ended / unknown), ``description`` (acting, role, rank, concurrent
                posts and the article lines read)
Article         ``Document``: ``fileName``, ``title``, ``sourceUrl``; every entity's
                ``proof`` points at the articles it was read from, and ``sourceUrl`` carries
                their URLs where the store knows them
==============  ==========================================================================

Ids are tenure's with ``-`` for ``_`` (``per_3f2a...`` becomes ``per-3f2a...``; FtM ids allow
no underscore); articles get ``art-`` and a hash of the title. Dates are ISO prefixes, which
FtM dates are too, so "2014" stays "2014". Every value goes through the library's own cleaning
and every entity's required properties are checked; a value the library rejects (an invalid
website, say) is left out and reported, never written broken. FtM has no dated names, so an
organization's names over time are in the ``popolo`` and table exports; lineage events are
not written (FtM's ``Succession`` needs a direction the events do not always give).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import IO, Any

from followthemoney import model
from followthemoney.property import Property
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry
from followthemoney.util import sanitize_text

from tenure.export import readers
from tenure.export.common import Counter, ExportError, Scope, batched, evidence_articles, status
from tenure.export.readers import OrgRecord
from tenure.query.results import PersonInfo, PostRef, TenureInfo

_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
_ALIAS_KINDS = {"official", "title", "native", "short", "alias"}


@lru_cache(maxsize=65536)
def _clean_date(value: str) -> str | None:
    """The library's cleaning of a date; cached, since a store holds few distinct dates."""
    return registry.date.clean_text(value)


def ftm_id(tenure_id: str) -> str:
    """The FtM id of a tenure id: ``per_3f2a`` -> ``per-3f2a``."""
    return tenure_id.replace("_", "-")


def article_id(title: str) -> str:
    """A deterministic FtM id for the article ``title``."""
    return "art-" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:20]


class Builder:
    """Makes entities, collecting what the library would not take as warnings."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.warnings: list[str] = []
        self._props: dict[tuple[str, str], Property] = {}
        parties = {
            scope.db.resolver.org_key(e.name)
            for e in scope.db.aliases()
            if e.kind == "organization" and e.party
        }
        self.parties = parties
        self.post_qids = {
            pid: entry.wikidata
            for entry in readers.post_wikidata(scope.db)
            for pid in entry.post_ids
        }

    def make(self, schema: str, entity_id: str) -> EntityProxy:
        entity = model.make_entity(schema)
        entity.id = entity_id
        return entity

    def put(self, entity: EntityProxy, prop: str, values: Any) -> None:
        """Add values through the library's cleaning; one it rejects, or a date it would
        change, becomes a warning instead of bad data."""
        if values is None or values == "" or values == []:
            return
        prop_obj = self._props.get((entity.schema.name, prop))
        if prop_obj is None:
            prop_obj = entity.schema.get(prop)
            if prop_obj is None:
                raise ExportError(f"FollowTheMoney's {entity.schema.name} has no property {prop}")
            self._props[(entity.schema.name, prop)] = prop_obj
        kind = prop_obj.type
        for value in values if isinstance(values, list | tuple) else (values,):
            if value is None or value == "":
                continue
            if kind is registry.date:
                cleaned = _clean_date(value)
                if cleaned != value:
                    self._reject(entity, prop_obj, value, cleaned)
                    continue
                entity.unsafe_add(prop_obj, value, cleaned=True)
            elif kind is registry.entity:
                if not registry.entity.validate(value):
                    self._reject(entity, prop_obj, value, None)
                    continue
                entity.unsafe_add(prop_obj, value, cleaned=True)
            else:
                text = sanitize_text(value)
                if text is None or entity.unsafe_add(prop_obj, text) is None:
                    self._reject(entity, prop_obj, value, None)

    def _reject(self, entity: EntityProxy, prop: Property, value: str, cleaned: str | None) -> None:
        problem = f"would become {cleaned!r}" if cleaned else f"is not a valid {prop.type.name}"
        self.warnings.append(f"{entity.id}: {prop.name} {value!r} {problem}; left out")

    def sources(self, entity: EntityProxy, titles: Iterable[str], urls: dict[str, str]) -> None:
        titles = list(titles)
        self.put(entity, "proof", [article_id(t) for t in titles])
        self.put(entity, "sourceUrl", [urls[t] for t in titles if t in urls])

    def checked(self, entity: EntityProxy) -> EntityProxy:
        missing = [p for p in entity.schema.required if not entity.get(p)]
        if missing:
            raise ExportError(
                f"{entity.schema.name} {entity.id} lacks required {', '.join(missing)}"
            )
        return entity

    # -- one builder per kind -----------------------------------------------------------------

    def organization(self, org: OrgRecord, urls: dict[str, str]) -> EntityProxy:
        schema = "Organization" if org.key in self.parties else "PublicBody"
        e = self.make(schema, ftm_id(org.id))
        self.put(e, "name", org.name)
        for n in org.names:
            if n.name == org.name:
                continue
            if n.kind == "abbreviation":
                self.put(e, "abbreviation", n.name)
            elif n.kind == "former" or (n.end and n.kind != "abbreviation"):
                self.put(e, "previousName", n.name)
            elif n.kind in _ALIAS_KINDS:
                self.put(e, "alias", n.name)
            else:
                self.put(e, "weakAlias", n.name)
        self.put(e, "classification", org.type)
        self.put(e, "address", org.headquarters)
        self.put(e, "incorporationDate", org.formed)
        self.put(e, "dissolutionDate", org.dissolved)
        self.put(e, "website", org.website)
        self.put(e, "wikidataId", org.wikidata)
        self.put(e, "parent", [ftm_id(p.id) for p in org.parents if p.id])
        self.sources(e, org.articles, urls)
        return self.checked(e)

    def person(self, person: PersonInfo, urls: dict[str, str]) -> EntityProxy:
        e = self.make("Person", ftm_id(person.id))
        self.put(e, "name", person.name)
        self.put(e, "alias", person.aliases)
        self.put(e, "birthDate", person.born)
        self.put(e, "deathDate", person.died)
        self.put(e, "wikidataId", person.wikidata)
        self.sources(e, person.articles, urls)
        return self.checked(e)

    def position(self, post: PostRef) -> EntityProxy:
        e = self.make("Position", ftm_id(post.id))
        org = post.organization
        self.put(e, "name", f"{post.title}, {org.name}" if org else post.title)
        if org is not None:
            self.put(e, "organization", ftm_id(org.id))
        self.put(e, "wikidataId", self.post_qids.get(post.id))
        return self.checked(e)

    def occupancy(self, tenure: TenureInfo, urls: dict[str, str]) -> EntityProxy:
        e = self.make("Occupancy", ftm_id(tenure.id))
        self.put(e, "holder", ftm_id(tenure.person.id))
        self.put(e, "post", ftm_id(tenure.post.id))
        self.put(e, "startDate", tenure.start)
        self.put(e, "endDate", tenure.end)
        self.put(e, "status", status(tenure))
        self.put(e, "description", describe(tenure))
        self.sources(e, evidence_articles(tenure), urls)
        return self.checked(e)

    def document(self, title: str, path: str | None, url: str | None) -> EntityProxy:
        e = self.make("Document", article_id(title))
        self.put(e, "fileName", (path or title).replace("\\", "/").rsplit("/", 1)[-1])
        self.put(e, "title", title)
        self.put(e, "sourceUrl", url)
        return self.checked(e)


def describe(tenure: TenureInfo) -> str | None:
    """What an Occupancy has no property for: acting, role, rank, concurrent posts, lines."""
    parts = ["acting"] if tenure.acting else []
    parts += [f"role: {tenure.role}"] if tenure.role else []
    parts += [f"rank: {tenure.rank}"] if tenure.rank else []
    parts += [f"concurrently: {', '.join(tenure.concurrent)}"] if tenure.concurrent else []
    lines: dict[str, list[str]] = {}
    for ev in tenure.evidence:
        if ev.line is not None and str(ev.line) not in lines.setdefault(ev.article, []):
            lines[ev.article].append(str(ev.line))
    read = [
        f"{title} line{'s' if len(n) > 1 else ''} {', '.join(n)}" if n else title
        for title, n in lines.items()
    ]
    parts += [f"read from {'; '.join(read)}"] if read else []
    return "; ".join(parts) or None


def entities(scope: Scope, counter: Counter | None = None) -> Iterator[EntityProxy]:
    """Every entity of ``scope``: articles, organizations, persons, positions, occupancies."""
    builder = Builder(scope)
    counter = counter or Counter(0)
    for batch in batched(_articles(scope), 1000):
        urls = scope.urls(title for title, _ in batch)
        for title, path in batch:
            yield builder.document(title, path, urls.get(title))
            counter.add("articles")
    for org_batch in batched(scope.organizations(), 1000):
        urls = scope.urls(t for o in org_batch for t in o.articles)
        for org in org_batch:
            yield builder.organization(org, urls)
            counter.add("organizations")
    for person_batch in batched(scope.persons(), 1000):
        urls = scope.urls(t for p in person_batch for t in p.articles)
        for person in person_batch:
            yield builder.person(person, urls)
            counter.add("persons")
    for post in scope.posts():
        yield builder.position(post)
        counter.add("posts")
    for tenure_batch in batched(scope.tenures(), 1000):
        urls = scope.urls(t for tenure in tenure_batch for t in evidence_articles(tenure))
        for tenure in tenure_batch:
            yield builder.occupancy(tenure, urls)
            counter.add("tenures")
    counter.warnings.extend(builder.warnings)


def _articles(scope: Scope) -> Iterator[tuple[str, str | None]]:
    """(title, path) of every article, or of those a part of the store was read from."""
    wanted: set[str] | None = None
    if not scope.whole:
        wanted = {ev.article for t in scope.tenures() for ev in t.evidence}
        wanted |= {title for o in scope.organizations() for title in o.articles}
        wanted |= {title for p in scope.persons() for title in p.articles}
    for article in scope.db.articles():
        if wanted is None or article.title in wanted:
            yield article.title, article.path


def write(scope: Scope, out: IO[str], counter: Counter) -> None:
    """Write ``scope``'s entities to ``out`` as line-delimited FtM JSON."""
    for entity in entities(scope, counter):
        out.write(_JSON(entity.to_dict()) + "\n")
