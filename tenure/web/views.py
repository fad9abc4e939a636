"""What each page shows, as JSON-ready data: the HTML page and its ``.json`` twin both come
from these functions, so they never disagree.

Every function takes an open :class:`tenure.api.Database` and returns a :class:`Page`; a name
where an id was expected is looked up and answered with a redirect to the canonical address
(``/org/中央国家安全委员会办公室`` goes to ``/org/org_…``). Unknown ids raise
:class:`tenure.errors.NotFound`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any

from tenure.api import Database
from tenure.errors import NotFound, UsageError
from tenure.query.lookup import Ambiguous
from tenure.query.results import PostRef, SearchHit, TenureInfo
from tenure.query.rows import sort_key

HOME_LIST = 400
SEARCH_LIMIT = 100
SEARCH_POOL = 200


@dataclass
class Page:
    """A page's template, its title and its data (the JSON twin), or where it moved."""

    template: str
    title: str
    data: dict[str, Any]
    moved_to: str | None = None


def moved(path: str) -> Page:
    return Page("", "", {}, moved_to=path)


def today(db: Database) -> date:
    return db.today or date.today()


def home(db: Database) -> Page:
    """Counts, and the organizations and people to start from."""
    organizations = sorted(islice(db.organizations(), 5000), key=lambda o: o.name.casefold())
    persons = sorted(islice(db.persons(), 5000), key=lambda p: p.name.casefold())
    return Page(
        "home.html",
        "tenure",
        {
            "counts": db.counts(),
            "organizations": [o.to_dict() for o in organizations[:HOME_LIST]],
            "persons": [p.to_dict() for p in persons[:HOME_LIST]],
            "today": today(db).isoformat(),
        },
    )


KIND_ORDER = {"organization": 0, "person": 1, "post": 2}


def ranked_search(db: Database, q: str, limit: int) -> list[SearchHit]:
    """The best ``limit`` hits of ``q``, organizations, people and posts before sentences.

    The store ranks names and sentences together, and a common phrase fills the first
    places with sentences; a larger pool, entities first, keeps the bodies a user looks for.
    """
    if not q.strip():
        raise UsageError("Type something to search for, e.g. National Security.")
    hits = db.search(q, limit=max(limit * 5, SEARCH_POOL))
    hits.sort(key=lambda h: KIND_ORDER.get(h.kind, len(KIND_ORDER)))
    return hits[:limit]


def search(db: Database, q: str, limit: int = SEARCH_LIMIT) -> Page:
    """Names and evidence matching ``q``: organizations, people and posts before sentences."""
    hits = ranked_search(db, q, limit)
    return Page(
        "search.html",
        f"Search: {q}",
        {"query": q, "hits": [h.to_dict() for h in hits]},
    )


def post_timelines(db: Database, org_id: str) -> list[dict[str, Any]]:
    """Every post of an organization with all its tenures in time order, head posts first."""
    by_post: dict[str, list[TenureInfo]] = defaultdict(list)
    posts: dict[str, PostRef] = {}
    for tenure in db.tenures(org_id=org_id):
        by_post[tenure.post.id].append(tenure)
        posts[tenure.post.id] = tenure.post
    for tenures in by_post.values():
        tenures.sort(key=sort_key)

    def order(post_id: str) -> tuple[bool, str, str]:
        return (
            not posts[post_id].single_holder,
            sort_key(by_post[post_id][0])[0],
            posts[post_id].title,
        )

    return [
        {"post": posts[pid].to_dict(), "tenures": [t.to_dict() for t in by_post[pid]]}
        for pid in sorted(by_post, key=order)
    ]


def organization(db: Database, org_id: str, on: str | None = None) -> Page:
    """Names over time, parent and units, events, holders on ``on`` and a timeline per post."""
    profile = db.organization(org_id, on)
    if profile is None:
        profile = db.org(org_id, on)
        return moved(f"/org/{profile.id}")
    return Page(
        "org.html",
        profile.name,
        {
            "organization": profile.to_dict(),
            "posts": post_timelines(db, profile.id),
            "today": today(db).isoformat(),
        },
    )


def person(db: Database, person_id: str) -> Page:
    """A career across organizations, concurrent holdings on one time axis."""
    career = db.career(person_id)
    if career.person.id != person_id:
        return moved(f"/person/{career.person.id}")
    return Page(
        "person.html",
        career.person.name,
        {**career.to_dict(), "today": today(db).isoformat()},
    )


def post(db: Database, post_id: str) -> Page:
    """The holders of a post in order, with the gaps and overlaps between them."""
    found = db.post(post_id) if post_id.startswith("pos_") else None
    if found is None:
        succession = db.succession(post_id)
        if len(succession.posts) == 1:
            return moved(f"/post/{succession.posts[0].id}")
        raise Ambiguous(
            "post",
            post_id,
            [
                f"{p.title} ({p.organization.name if p.organization else '?'})"
                for p in succession.posts
            ],
        )
    succession = db.succession(found.id)
    return Page(
        "post.html",
        f"{found.title}, {found.organization.name}" if found.organization else found.title,
        {**succession.to_dict(), "post_ref": found.to_dict(), "today": today(db).isoformat()},
    )


def as_of(db: Database, on: str) -> Page:
    data = db.holders_on(on).to_dict()
    if data["on"] != on:
        return moved(f"/on/{data['on']}")
    return Page("asof.html", f"As of {data['on']}", data)


def conflicts(db: Database) -> Page:
    found = db.conflicts()
    return Page("conflicts.html", "Conflicts", {"conflicts": [c.to_dict() for c in found]})


def claim(db: Database, claim_id: str) -> Page:
    """One fact as read: article, line, verbatim text, when first and last seen."""
    found = db.claim(claim_id)
    if found is None:
        raise NotFound("claim", claim_id)
    return Page("claim.html", f"Source: {found.article}, line {found.line}", found.to_dict())
