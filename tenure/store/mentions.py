"""Which names each claim mentions, and which names it says are one entity.

A *mention* is a person or organization name a claim uses, under a role (``holder`` and
``org`` of a tenure, ``subject`` and ``other`` of an event, ``subject`` and ``name`` of a
name claim). A *link* says two name keys are one entity: an article's subject and the names
its infobox gives it, an organization and its new name after a ``renamed`` event, a person
and the aliases their article gives. Both are derived from claims, so rules can change.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

from tenure.resolve.names import Resolver


class Mention(NamedTuple):
    kind: str  # "person", "org", or "post" (a tenure's post title, for regrouping)
    role: str
    key: str
    name: str


def tenure_org(resolver: Resolver, data: dict[str, Any]) -> tuple[str, str | None]:
    """The post title and organization of a tenure claim, splitting "Director of the X"."""
    post = str(data.get("post") or "")
    org = data.get("organization")
    if org:
        return post, str(org)
    return _split_post(resolver, post)


@lru_cache(maxsize=1 << 16)
def _split_post(resolver: Resolver, title: str) -> tuple[str, str | None]:
    return resolver.split_post(title)


def mentions_of(
    resolver: Resolver, kind: str, article: str, data: dict[str, Any]
) -> tuple[list[Mention], list[tuple[str, str, str]]]:
    """The mentions and links (kind, key, key) of one claim."""
    found: list[Mention] = []
    links: list[tuple[str, str, str]] = []

    def person(role: str, name: Any) -> str | None:
        if not name:
            return None
        key = resolver.person_key(str(name))
        if key:
            found.append(Mention("person", role, key, str(name)))
        return key or None

    def org(role: str, name: Any) -> str | None:
        if not name:
            return None
        key = resolver.org_key(str(name), article)
        if key:
            found.append(Mention("org", role, key, str(name)))
        return key or None

    if kind == "tenure":
        person("holder", data.get("person"))
        title, body = tenure_org(resolver, data)
        org("org", body)
        found.append(Mention("post", "post", resolver.post_key(title) if title else "", title))
    elif kind == "event":
        a = org("subject", data.get("organization"))
        b = org("other", data.get("other"))
        if data.get("type") == "renamed" and a and b and a != b:
            links.append(("org", a, b))
    elif kind == "org_name":
        a = org("subject", data.get("organization"))
        if data.get("kind") != "abbreviation":
            b = org("name", data.get("name"))
            if a and b and a != b:
                links.append(("org", a, b))
    elif kind == "org_fact":
        org("subject", data.get("organization"))
        if data.get("field") in ("parent", "child"):
            org("other", data.get("value"))
    elif kind == "person_name":
        a = person("subject", data.get("person"))
        b = person("name", data.get("name"))
        if a and b and a != b:
            links.append(("person", a, b))
    elif kind == "person_fact":
        person("subject", data.get("person"))
    unique = list(dict.fromkeys(found))
    seen_roles: set[tuple[str, str, str]] = set()
    deduped = []
    for m in unique:
        if (m.kind, m.role, m.key) not in seen_roles:
            seen_roles.add((m.kind, m.role, m.key))
            deduped.append(m)
    return deduped, links
