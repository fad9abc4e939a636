"""From a name as a user types it to the ids in the store, or a helpful error.

    >>> find_orgs(conn, resolver, "CCP General Office")      # doctest: +SKIP
    ['org_5c1...']

Names match any alias, case-insensitively (and ignoring spacing, punctuation, diacritics,
honorifics: the resolver's keys). Nothing matched raises :class:`~tenure.errors.NotFound`
with the closest names (rapidfuzz) as suggestions; a name that fits several organizations
raises :class:`Ambiguous` listing them.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, select

from tenure.errors import NotFound, UsageError
from tenure.resolve.names import Resolver
from tenure.resolve.text import fold
from tenure.store import schema as s

SUGGESTIONS = 5
_POOL = 200_000


class Ambiguous(UsageError):
    """A name fits several entities; ``candidates`` are their display names."""

    def __init__(self, what: str, name: str, candidates: list[str]) -> None:
        self.what = what
        self.name = name
        self.candidates = candidates
        super().__init__(
            f"{name!r} names several {what}s: {'; '.join(candidates)}. Ask with a fuller name."
        )


def suggest(query: str, names: Iterable[str], limit: int = SUGGESTIONS) -> list[str]:
    """The names closest to ``query``, best first."""
    choices = sorted(set(n for n in names if n))
    if not choices:
        return []
    found = process.extract(
        query, choices, scorer=fuzz.WRatio, processor=fold, limit=limit, score_cutoff=50
    )
    return [name for name, _score, _i in found]


def org_ids_for_key(conn: Connection, key: str) -> list[str]:
    n = s.org_names.c
    return sorted(set(conn.execute(select(n.org_id).where(n.key == key)).scalars()))


def find_orgs(conn: Connection, resolver: Resolver, name: str) -> list[str]:
    """The organization a name means (a list of one), by any of its names or an id."""
    text = name.strip()
    if not text:
        raise UsageError('An organization name is empty; give one, e.g. --org "Cabinet Office".')
    o = s.organizations.c
    if text.startswith("org_") and conn.execute(select(o.id).where(o.id == text)).first():
        return [text]
    key = resolver.org_key(text)
    ids = org_ids_for_key(conn, key) or org_ids_for_key(conn, fold(text))
    if not ids and resolver.org_key_loose(text) != key:
        ids = org_ids_for_key(conn, resolver.org_key_loose(text))
    if not ids:
        n = s.org_names.c
        ids = sorted(
            set(
                conn.execute(
                    select(n.org_id).where(n.key >= f"{key} of ", n.key < f"{key} of \uffff")
                ).scalars()
            )
        )
    if not ids:
        pool = conn.execute(select(s.org_names.c.name).limit(_POOL)).scalars()
        raise NotFound("organization", text, suggest(text, pool))
    if len(ids) > 1:
        o = s.organizations.c
        names = list(conn.execute(select(o.name).where(o.id.in_(ids)).order_by(o.name)).scalars())
        raise Ambiguous("organization", text, names)
    return ids


def find_person(conn: Connection, resolver: Resolver, name: str) -> str:
    """The person a name means, by any spelling they appear under, or an id."""
    text = name.strip()
    if not text:
        raise UsageError('A person\'s name is empty; give one, e.g. "Wang Yi".')
    p, a = s.persons.c, s.person_aliases.c
    if text.startswith("per_") and conn.execute(select(p.id).where(p.id == text)).first():
        return text
    key = resolver.person_key(text)
    ids = sorted(set(conn.execute(select(a.person_id).where(a.key == key)).scalars()))
    if not ids:
        pool = conn.execute(select(a.name).limit(_POOL)).scalars()
        raise NotFound("person", text, suggest(text, pool))
    if len(ids) > 1:
        names = list(conn.execute(select(p.name).where(p.id.in_(ids))).scalars())
        raise Ambiguous("person", text, sorted(names))
    return str(ids[0])


def find_posts(
    conn: Connection, resolver: Resolver, title: str, org_ids: list[str] | None
) -> tuple[list[str], list[str] | None]:
    """Posts of a title (in the given organizations), and the organizations finally used.

    Without an organization, a title that names its body ("Director of the Taiwan Affairs
    Office") is split, and a plain title ("Premier") matches that post in every organization.
    """
    text = title.strip()
    if not text:
        raise UsageError("A post title is empty; give one, e.g. Director.")
    po = s.posts.c
    if text.startswith("pos_") and conn.execute(select(po.id).where(po.id == text)).first():
        return [text], org_ids
    if org_ids is None:
        post, org_name = resolver.split_post(text)
        if org_name:
            try:
                split_orgs = find_orgs(conn, resolver, org_name)
            except NotFound:
                split_orgs = None
            if split_orgs:
                ids, _ = find_posts(conn, resolver, post, split_orgs)
                if ids:
                    return ids, split_orgs
    key = resolver.post_key(text)
    stmt = select(po.id).where(po.key == key)
    if org_ids is not None:
        stmt = stmt.where(po.org_id.in_(org_ids))
    ids = sorted(conn.execute(stmt).scalars())
    if ids:
        return ids, org_ids
    pool = select(po.title).distinct().limit(_POOL)
    if org_ids is not None:
        pool = pool.where(po.org_id.in_(org_ids))
    titles = list(conn.execute(pool).scalars())
    where = ""
    if org_ids is not None:
        o = s.organizations.c
        names = conn.execute(select(o.name).where(o.id.in_(org_ids))).scalars()
        where = f" in {', '.join(names)}"
    raise NotFound(f"post{where}", text, suggest(text, titles))
