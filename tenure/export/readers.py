"""What the exports read that :class:`tenure.api.Database` does not offer (yet).

Each function streams, a page of ids at a time, so memory stays flat however large the store:

- :func:`organizations`: an organization with its names over time, parents, formation and
  dissolution dates, Wikidata id and articles (``Database.organization`` gives the same and
  more, but computes holders and events per call: too slow for a million tenures).
- :func:`persons`: persons with aliases, birth and death dates, Wikidata id, in pages
  (``Database.person`` asks two queries per person).
- :func:`posts`: posts with their organization, in pages (``Database.posts`` asks one query
  per post), optionally only one organization's.
- :func:`article_urls`: the URL each article was read from, where the reader knew it
  (:class:`~tenure.query.results.ArticleInfo` has no ``url``).
- :func:`post_wikidata`: Wikidata ids for posts from the alias file's ``posts: wikidata:``
  section, which :mod:`tenure.resolve.config` does not read yet.

They read the store's tables through SQLAlchemy Core (:mod:`tenure.store.schema`); they belong
in :mod:`tenure.query.browse` and :mod:`tenure.resolve.config` and should move there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Connection, select

from tenure.api import Database
from tenure.errors import TenureError
from tenure.query.orgs import NAME_KIND_ORDER
from tenure.query.results import OrgName, OrgRef, PersonInfo, PostRef, Relation
from tenure.store import schema as s
from tenure.store.base import chunks

PAGE = 1000


@dataclass
class OrgRecord:
    """An organization as the exports write it: every name with its span, parents, dates."""

    id: str
    name: str
    key: str
    type: str | None = None
    jurisdiction: str | None = None
    headquarters: str | None = None
    formed: str | None = None
    dissolved: str | None = None
    website: str | None = None
    wikidata: str | None = None
    names: list[OrgName] = field(default_factory=list)
    parents: list[Relation] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)


def _pages(
    conn: Connection, column: Any, ids: Iterable[str] | None, where: Any = None
) -> Iterator[list[str]]:
    """Ids of ``column``'s table in order, a page at a time; or the given ids, paged."""
    if ids is not None:
        for chunk in chunks(sorted(set(ids)), PAGE):
            yield list(chunk)
        return
    last: str | None = None
    while True:
        stmt = select(column).order_by(column).limit(PAGE)
        if where is not None:
            stmt = stmt.where(where)
        if last is not None:
            stmt = stmt.where(column > last)
        page = list(conn.execute(stmt).scalars())
        if page:
            yield page
        if len(page) < PAGE:
            return
        last = page[-1]


def organizations(db: Database, ids: Iterable[str] | None = None) -> Iterator[OrgRecord]:
    """Every organization (or those of ``ids``), in id order, with names and parents."""
    o, n, r = s.organizations.c, s.org_names.c, s.org_relations.c
    with db.store.connect() as conn:
        for page in _pages(conn, o.id, ids):
            records = {
                row[0]: OrgRecord(
                    id=row[0],
                    name=row[1],
                    key=row[2],
                    type=row[3],
                    jurisdiction=row[4],
                    headquarters=row[5],
                    formed=row[6],
                    dissolved=row[7],
                    website=row[8],
                    wikidata=row[9],
                    articles=json.loads(row[10]),
                )
                for row in conn.execute(
                    select(
                        o.id,
                        o.name,
                        o.key,
                        o.type,
                        o.jurisdiction,
                        o.headquarters,
                        o.formed,
                        o.dissolved,
                        o.website,
                        o.wikidata,
                        o.articles,
                    ).where(o.id.in_(page))
                )
            }
            names: dict[str, set[OrgName]] = {}
            for row in conn.execute(
                select(n.org_id, n.name, n.kind, n.lang, n.start, n.end).where(n.org_id.in_(page))
            ):
                names.setdefault(row[0], set()).add(OrgName(row[1], row[2], row[3], row[4], row[5]))
            parents: dict[str, set[tuple[str, str | None]]] = {}
            for relation, name, other, owner in conn.execute(
                select(r.relation, r.name, r.other_id, r.org_id).where(
                    (r.org_id.in_(page) & (r.relation == "parent"))
                    | (r.other_id.in_(page) & (r.relation == "child"))
                )
            ):
                if relation == "parent" and owner in records:
                    parents.setdefault(owner, set()).add((name, other))
                if relation == "child" and other in records:
                    parents.setdefault(other, set()).add((owner, owner))
            display = _org_names(conn, {i for v in parents.values() for _, i in v if i})
            for org_id in page:
                record = records.get(org_id)
                if record is None:
                    continue
                record.names = sorted(
                    names.get(org_id, ()),
                    key=lambda x: (
                        NAME_KIND_ORDER.get(x.kind, 9),
                        x.start or "",
                        x.name,
                        x.lang or "",
                    ),
                )
                found = {
                    (display.get(i, name) if i else name, i)
                    for name, i in parents.get(org_id, ())
                    if i != org_id
                }
                record.parents = [Relation(name, i) for name, i in sorted(found, key=_by_name)]
                yield record


def _by_name(item: tuple[str, str | None]) -> tuple[str, str]:
    return item[0], item[1] or ""


def _org_names(conn: Connection, ids: set[str]) -> dict[str, str]:
    o = s.organizations.c
    out: dict[str, str] = {}
    for chunk in chunks(sorted(ids), PAGE):
        out.update(
            (row[0], row[1]) for row in conn.execute(select(o.id, o.name).where(o.id.in_(chunk)))
        )
    return out


def persons(db: Database, ids: Iterable[str] | None = None) -> Iterator[PersonInfo]:
    """Every person (or those of ``ids``), in id order, with aliases and Wikidata id."""
    p, a = s.persons.c, s.person_aliases.c
    with db.store.connect() as conn:
        for page in _pages(conn, p.id, ids):
            aliases: dict[str, set[str]] = {}
            for person_id, name in conn.execute(
                select(a.person_id, a.name).where(a.person_id.in_(page))
            ):
                aliases.setdefault(person_id, set()).add(name)
            for row in conn.execute(
                select(p.id, p.name, p.born, p.died, p.wikidata, p.articles)
                .where(p.id.in_(page))
                .order_by(p.id)
            ):
                others = sorted(aliases.get(row[0], set()) - {row[1]})
                yield PersonInfo(row[0], row[1], others, row[2], row[3], row[4], json.loads(row[5]))


def posts(
    db: Database, ids: Iterable[str] | None = None, org_id: str | None = None
) -> Iterator[PostRef]:
    """Every post (or those of ``ids``, or of organization ``org_id``), in id order."""
    po, o = s.posts.c, s.organizations.c
    where = po.org_id == org_id if org_id is not None else None
    with db.store.connect() as conn:
        for page in _pages(conn, po.id, ids, where):
            for row in conn.execute(
                select(po.id, po.title, po.single_holder, po.org_id, o.name)
                .select_from(s.posts.outerjoin(s.organizations, o.id == po.org_id))
                .where(po.id.in_(page))
                .order_by(po.id)
            ):
                org = OrgRef(row[3], row[4]) if row[3] else None
                yield PostRef(row[0], row[1], org, bool(row[2]))


def article_urls(db: Database, titles: Iterable[str]) -> dict[str, str]:
    """Article title -> URL, for those of ``titles`` whose reader knew their URL."""
    a = s.articles.c
    out: dict[str, str] = {}
    with db.store.connect() as conn:
        for chunk in chunks(sorted(set(titles)), PAGE):
            for title, url in conn.execute(
                select(a.title, a.url).where(a.title.in_(chunk), a.url.is_not(None))
            ):
                if url:
                    out[title] = url
    return out


@dataclass(frozen=True)
class PostQid:
    """One ``posts: wikidata:`` entry of an alias file and the post ids it names."""

    title: str
    organization: str | None
    wikidata: str
    source: str
    post_ids: tuple[str, ...] = ()
    problem: str | None = None


def post_wikidata(db: Database) -> list[PostQid]:
    """The alias files' Wikidata ids for posts, each resolved to the posts it names.

    The section reads (a title naming its body, or a title with its organization)::

        posts:
          wikidata:
            Director of the Office of the National Security Commission: Q123
            Minister of Foreign Affairs:
              organization: Ministry of Foreign Affairs
              wikidata: Q456

    An entry that matches no post, or several posts, carries a ``problem`` and no ids: a QID is
    never attached to a post by a guess.
    """
    out: list[PostQid] = []
    seen: set[tuple[str, str | None]] = set()
    for source, data in _alias_files(db):
        section = (data.get("posts") or {}).get("wikidata") or {}
        if not isinstance(section, dict):
            raise TenureError(f"{source}: posts: wikidata: expected 'post title: Q...' entries.")
        for title, body in section.items():
            org = body.get("organization") if isinstance(body, dict) else None
            qid = body.get("wikidata") if isinstance(body, dict) else body
            key = (str(title).casefold(), str(org).casefold() if org else None)
            if key in seen:
                continue
            seen.add(key)
            entry = PostQid(str(title), str(org) if org else None, str(qid or ""), source)
            if not entry.wikidata.startswith("Q") or not entry.wikidata[1:].isdigit():
                out.append(_with(entry, problem=f"{qid!r} is not a Wikidata id like Q17427"))
                continue
            out.append(_resolve_post(db, entry))
    return out


def _with(entry: PostQid, **changes: Any) -> PostQid:
    values = {**entry.__dict__, **changes}
    return PostQid(**values)


def _resolve_post(db: Database, entry: PostQid) -> PostQid:
    try:
        found = db.succession(entry.title, org=entry.organization).posts
    except TenureError as exc:
        return _with(entry, problem=str(exc))
    if len(found) != 1:
        names = "; ".join(
            f"{p.title} ({p.organization.name if p.organization else '?'})" for p in found
        )
        return _with(entry, problem=f"names {len(found)} posts ({names}); add its organization")
    return _with(entry, post_ids=(found[0].id,))


def _alias_files(db: Database) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, parsed YAML) for the user's alias file, then tenure's default one."""
    for source in db.resolver.config.files:
        if source == "default" or source.startswith("tenure/data/"):
            continue
        data = yaml.safe_load(Path(source).read_text(encoding="utf-8")) or {}
        if isinstance(data, dict):
            yield source, data
    text = (resources.files("tenure") / "data" / "aliases.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    if isinstance(data, dict):
        yield "tenure/data/aliases.yaml", data
