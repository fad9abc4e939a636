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


Mentions = tuple[list[Mention], list[tuple[str, str, str]]]
"""What :func:`mentions_of` gives for one claim: its mentions and links (kind, key, key)."""


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


def mentions_of(resolver: Resolver, kind: str, article: str, data: dict[str, Any]) -> Mentions:
    """The mentions and links (kind, key, key) of one claim.

    Each role occurs once in a claim, so a claim never mentions one key twice in one role.
    """
    found: list[Mention] = []
    links: list[tuple[str, str, str]] = []
    get = data.get
    if kind == "tenure":
        name = get("person")
        if name:
            key = resolver.person_key(str(name))
            if key:
                found.append(Mention("person", "holder", key, str(name)))
        title, body = tenure_org(resolver, data)
        if body:
            key = resolver.org_key(body, article)
            if key:
                found.append(Mention("org", "org", key, body))
        found.append(Mention("post", "post", resolver.post_key(title) if title else "", title))
    elif kind in ("event", "org_name", "org_fact"):
        a = _org(resolver, article, found, "subject", get("organization"))
        if kind == "event":
            b = _org(resolver, article, found, "other", get("other"))
            if get("type") == "renamed" and a and b and a != b:
                links.append(("org", a, b))
        elif kind == "org_name":
            if get("kind") != "abbreviation":
                b = _org(resolver, article, found, "name", get("name"))
                if a and b and a != b:
                    links.append(("org", a, b))
        elif get("field") in ("parent", "child"):
            _org(resolver, article, found, "other", get("value"))
    elif kind == "person_name":
        a = _person(resolver, found, "subject", get("person"))
        b = _person(resolver, found, "name", get("name"))
        if a and b and a != b:
            links.append(("person", a, b))
    elif kind == "person_fact":
        _person(resolver, found, "subject", get("person"))
    return found, links


def _person(resolver: Resolver, found: list[Mention], role: str, name: Any) -> str | None:
    """Add the mention of a person under ``role``; its key (None for no name)."""
    if not name:
        return None
    key = resolver.person_key(str(name))
    if key:
        found.append(Mention("person", role, key, str(name)))
    return key or None


def _org(
    resolver: Resolver, article: str, found: list[Mention], role: str, name: Any
) -> str | None:
    """Add the mention of an organization under ``role``; its key (None for no name)."""
    if not name:
        return None
    key = resolver.org_key(str(name), article)
    if key:
        found.append(Mention("org", role, key, str(name)))
    return key or None
