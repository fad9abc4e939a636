"""What an export covers, and what every format shares.

    >>> scope = Scope.of(db, org="Office of the National Security Commission")  # doctest: +SKIP
    >>> [t.person.name for t in scope.tenures()]                                # doctest: +SKIP

A :class:`Scope` is the whole store, one organization's part (the organization, its posts,
their tenures and holders, its events) or one person's part (their tenures, the posts and
organizations involved); given both, the person's tenures in that organization. Either way
every id a row points to (a tenure's person and post, a post's organization, an
organization's parent, an event's other organization) is in the scope too, so an export
never points outside itself. The whole store is streamed a page at a time; a part is small and
is gathered first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Literal, TypeVar

from tenure import time
from tenure.api import Database
from tenure.errors import TenureError
from tenure.export import readers
from tenure.export.readers import OrgRecord
from tenure.query.results import ClaimInfo, EventInfo, PersonInfo, PostRef, TenureInfo

T = TypeVar("T")

Progress = Callable[[int, int, str], None]
"""Called as rows are written: (rows done, rows in all, what is being written)."""

Status = Literal["current", "ended", "unknown"]


class ExportError(TenureError):
    """An export could not be written as asked; the message says what to change."""


def status(tenure: TenureInfo) -> Status:
    """FollowTheMoney's occupancy status: ``current`` (ongoing), ``ended``, ``unknown``."""
    if tenure.end:
        return "ended"
    return "current" if tenure.ongoing else "unknown"


def precision(prefix: str | None) -> str | None:
    """``year``, ``month`` or ``day`` for an ISO prefix; None for no date."""
    return time.precision(prefix) if prefix else None


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def evidence_articles(tenure: TenureInfo | EventInfo) -> list[str]:
    """The titles of the articles a tenure or event was read from, in first-seen order."""
    return list(dict.fromkeys(e.article for e in tenure.evidence))


def evidence_claims(tenure: TenureInfo | EventInfo) -> list[str]:
    return list(dict.fromkeys(e.claim for e in tenure.evidence))


@dataclass
class Counter:
    """Counts rows as a format writes them and reports progress every ``every`` rows."""

    total: int
    progress: Progress | None = None
    every: int = 500
    done: int = 0
    written: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add(self, what: str, n: int = 1) -> None:
        self.written[what] = self.written.get(what, 0) + n
        before = self.done
        self.done += n
        if self.progress is not None and (self.done // self.every != before // self.every):
            self.progress(self.done, self.total, what)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.done, max(self.total, self.done), "done")


@dataclass
class Scope:
    """The part of a store an export covers. Make one with :meth:`Scope.of`."""

    db: Database
    org_id: str | None = None
    person_id: str | None = None
    _tenures: list[TenureInfo] | None = None
    _events: list[EventInfo] | None = None
    _post_ids: set[str] = field(default_factory=set)
    _org_ids: set[str] = field(default_factory=set)
    _person_ids: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, db: Database, org: str | None = None, person: str | None = None) -> Scope:
        """The whole store, or the part of organization ``org`` and/or person ``person``
        (any of their names, or an id); an unknown or ambiguous name raises with suggestions."""
        scope = cls(db)
        if org is None and person is None:
            return scope
        if org is not None:
            scope.org_id = db.org(org).id
        if person is not None:
            scope.person_id = db.career(person).person.id
        scope._gather()
        return scope

    @property
    def whole(self) -> bool:
        return self._tenures is None

    def describe(self) -> str:
        parts = [f"organization {self.org_id}"] if self.org_id else []
        parts += [f"person {self.person_id}"] if self.person_id else []
        return " and ".join(parts) or "the whole store"

    def _gather(self) -> None:
        if self.person_id is not None:
            tenures = list(self.db.tenures(person_id=self.person_id))
            if self.org_id is not None:
                tenures = [
                    t
                    for t in tenures
                    if t.post.organization and t.post.organization.id == self.org_id
                ]
        else:
            tenures = list(self.db.tenures(org_id=self.org_id))
        self._tenures = tenures
        self._events = list(self.db.events(self.org_id)) if self.org_id else []
        self._person_ids = {t.person.id for t in tenures}
        if self.person_id is not None:
            self._person_ids.add(self.person_id)
        self._post_ids = {t.post.id for t in tenures}
        if self.org_id is not None and self.person_id is None:
            self._post_ids |= {p.id for p in readers.posts(self.db, org_id=self.org_id)}
        orgs = {t.post.organization.id for t in tenures if t.post.organization}
        orgs |= {self.org_id} if self.org_id else set()
        orgs |= {e.organization.id for e in self._events}
        orgs |= {e.other_id for e in self._events if e.other_id}
        frontier = set(orgs)
        while frontier:
            parents = {r.id for o in readers.organizations(self.db, frontier) for r in o.parents}
            frontier = {i for i in parents if i} - orgs
            orgs |= frontier
        self._org_ids = orgs

    # -- what the formats iterate over --------------------------------------------------------

    def organizations(self) -> Iterator[OrgRecord]:
        return readers.organizations(self.db, None if self.whole else self._org_ids)

    def posts(self) -> Iterator[PostRef]:
        return readers.posts(self.db, None if self.whole else self._post_ids)

    def persons(self) -> Iterator[PersonInfo]:
        return readers.persons(self.db, None if self.whole else self._person_ids)

    def tenures(self) -> Iterator[TenureInfo]:
        if self._tenures is None:
            return self.db.tenures()
        return iter(sorted(self._tenures, key=lambda t: t.id))

    def events(self) -> Iterator[EventInfo]:
        if self._events is None:
            return self.db.events()
        return iter(sorted(self._events, key=lambda e: e.id))

    def claims(self) -> Iterator[ClaimInfo]:
        """Active claims: all of them, or those the scope's tenures and events rest on."""
        if self.whole:
            yield from self.db.claims()
            return
        ids = {c for t in self.tenures() for c in evidence_claims(t)}
        ids |= {c for e in self.events() for c in evidence_claims(e)}
        for claim_id in sorted(ids):
            found = self.db.claim(claim_id)
            if found is not None:
                yield found

    def urls(self, titles: Iterable[str]) -> dict[str, str]:
        """Article title -> URL for those articles whose URL the store knows."""
        return readers.article_urls(self.db, titles)

    def counts(self) -> dict[str, int]:
        """Rows per kind, for progress bars."""
        if self.whole:
            counts = self.db.counts()
            return {
                k: counts.get(k, 0)
                for k in ("organizations", "persons", "posts", "tenures", "events", "claims")
            }
        claims = {c for t in self.tenures() for c in evidence_claims(t)}
        claims |= {c for e in self.events() for c in evidence_claims(e)}
        return {
            "organizations": len(self._org_ids),
            "persons": len(self._person_ids),
            "posts": len(self._post_ids),
            "tenures": len(self._tenures or []),
            "events": len(self._events or []),
            "claims": len(claims),
        }
