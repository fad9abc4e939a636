"""What queries answer: plain dataclasses whose ``to_dict()`` is the stable JSON.

Every answer carries its evidence: each :class:`TenureInfo` and :class:`EventInfo` lists the
:class:`EvidenceRef` (article, path, line, section, verbatim text, claim id) it rests on.
``tenure ... --format json`` prints exactly these dicts; ``docs/store.md`` documents them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from tenure.time import Certainty


class _Dict:
    def to_dict(self) -> dict[str, Any]:
        """This answer as JSON-ready data (the ``--format json`` output)."""
        return asdict(self)  # type: ignore[call-overload, no-any-return]


@dataclass(frozen=True)
class EvidenceRef(_Dict):
    """Where a fact was read: article title, file, 1-based line, section, verbatim text."""

    article: str
    path: str | None
    line: int | None
    section: str | None
    text: str
    claim: str

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> EvidenceRef:
        return cls(
            record["article"],
            record.get("path"),
            record.get("line"),
            record.get("section"),
            record.get("text") or "",
            record["claim"],
        )


@dataclass(frozen=True)
class OrgRef(_Dict):
    id: str
    name: str


@dataclass(frozen=True)
class PersonRef(_Dict):
    id: str
    name: str


@dataclass(frozen=True)
class PostRef(_Dict):
    """A post of an organization (``organization`` None when no source names it)."""

    id: str
    title: str
    organization: OrgRef | None
    single_holder: bool


class StoredEvidence:
    """:attr:`TenureInfo.evidence`: given as a list of :class:`EvidenceRef`, or as the JSON
    list of records a store keeps (see :meth:`EvidenceRef.from_record`), which is parsed when
    first read and kept.

    ``who`` answers with holders whose evidence a caller may never read; parsing a holder's
    evidence and making its references was about half of what a holder added to the
    answer's time (2.5 of 5 us, 1,000,000 tenures). Read, it is the same list as before.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.attribute = f"_{name}"

    def __get__(self, instance: object | None, owner: type | None = None) -> list[EvidenceRef]:
        if instance is None:
            # Read on the class by @dataclass: no default value, the field is required.
            raise AttributeError(self.attribute[1:])
        value: list[EvidenceRef] | str = getattr(instance, self.attribute)
        if isinstance(value, str):
            value = [EvidenceRef.from_record(record) for record in json.loads(value)]
            setattr(instance, self.attribute, value)
        return value

    def __set__(self, instance: object, value: list[EvidenceRef] | str) -> None:
        setattr(instance, self.attribute, value)


@dataclass
class TenureInfo(_Dict):
    """A holding: a person in a post from ``start`` to ``end`` (ISO prefixes, as precise as
    the sources), merged from every source that states it."""

    id: str
    person: PersonRef
    post: PostRef
    start: str | None
    end: str | None
    ongoing: bool
    acting: bool
    role: str | None
    rank: str | None
    concurrent: list[str]
    # May be given as the stored JSON (StoredEvidence). Typed as what it reads as, the type
    # dataclasses and the web API's schema see; on the class StoredEvidence raises
    # AttributeError, so the field has no default.
    evidence: list[EvidenceRef] = StoredEvidence()  # type: ignore[assignment]

    @property
    def span(self) -> tuple[str | None, str | None, bool]:
        return self.start, self.end, self.ongoing


@dataclass
class Holder(_Dict):
    """One answer of ``who``: a holding and whether it covers the date asked."""

    certainty: Certainty
    tenure: TenureInfo


@dataclass
class WhoAnswer(_Dict):
    """Who held a post on a date (or during a month or year), each ``certain`` or
    ``possible``. ``ruled_out`` holds possible holders of a one-holder post that a certain
    holder excludes on that date."""

    post: str
    organization: str | None
    on: str
    posts: list[PostRef]
    holders: list[Holder]
    ruled_out: list[Holder] = field(default_factory=list)


@dataclass
class PostHolders(_Dict):
    """One post's holders on a date, as :class:`WhoAnswer` gives them."""

    post: PostRef
    holders: list[Holder]
    ruled_out: list[Holder] = field(default_factory=list)


@dataclass
class OrgHolders(_Dict):
    """An organization's posts held on a date (``organization`` None for posts of no named
    body), head posts (one holder at a time) first."""

    organization: OrgRef | None
    posts: list[PostHolders]


@dataclass
class AsOf(_Dict):
    """Every post held on a date (or during a month or year), by organization, each holder
    ``certain`` or ``possible`` by the rules of ``who``; ``first_day`` and ``last_day`` are
    the days the date asked covers."""

    on: str
    first_day: str
    last_day: str
    certain: int
    possible: int
    organizations: list[OrgHolders]


@dataclass
class PersonInfo(_Dict):
    id: str
    name: str
    aliases: list[str]
    born: str | None
    died: str | None
    wikidata: str | None
    articles: list[str]


@dataclass(frozen=True)
class Concurrency(_Dict):
    """Another holding of the same person that overlaps this one."""

    tenure: str
    post: str
    organization: str | None
    certainty: Certainty


@dataclass
class CareerEntry(_Dict):
    tenure: TenureInfo
    concurrent_with: list[Concurrency]


@dataclass
class Career(_Dict):
    """A person's holdings in time order, each with the holdings it overlaps."""

    person: PersonInfo
    entries: list[CareerEntry]
    articles: list[str]


@dataclass(frozen=True)
class Transition(_Dict):
    """Between one holder and the next: is there a gap, an overlap, a clean handover?

    ``gap`` and ``overlap`` are each ``certain``, ``possible`` or None; both None is a
    handover with no day between them.
    """

    gap: Certainty | None
    overlap: Certainty | None

    @property
    def label(self) -> str:
        if self.overlap == "certain":
            return "overlap"
        if self.gap == "certain":
            return "gap"
        if self.gap is None and self.overlap is None:
            return "handover"
        if self.gap is None:
            return "handover or overlap"
        if self.overlap is None:
            return "handover or gap"
        return "unclear"


@dataclass
class SuccessionEntry(_Dict):
    tenure: TenureInfo
    after_previous: Transition | None


@dataclass
class Succession(_Dict):
    """Holders of a post in order, with what lies between consecutive holders."""

    post: str
    organization: str | None
    posts: list[PostRef]
    entries: list[SuccessionEntry]


@dataclass(frozen=True)
class OrgName(_Dict):
    """A name of an organization, of a kind (title, official, native, abbreviation, former,
    alias...), in a language, for a span when known."""

    name: str
    kind: str
    lang: str | None
    start: str | None
    end: str | None


@dataclass(frozen=True)
class Relation(_Dict):
    """A parent, child or internal unit; ``id`` when it is an organization in the store."""

    name: str
    id: str | None


@dataclass
class EventInfo(_Dict):
    id: str
    organization: OrgRef
    type: str
    date: str | None
    other: str | None
    other_id: str | None
    evidence: list[EvidenceRef]


@dataclass
class NameSpan(_Dict):
    """A name a body went by, from ``start`` to ``end`` (ISO prefixes; None unknown).

    ``ongoing`` when no source ends it. ``began`` and ``ended`` are the event types that
    start and end it (established, renamed, upgraded, co_located, name_dropped...);
    ``inferred`` says the start was not stated but read from a related event (the office of
    a body given a second name gets the office's second name on the same date).
    """

    name: str
    org: OrgRef
    kind: str
    start: str | None
    end: str | None
    ongoing: bool
    began: str | None
    ended: str | None
    inferred: bool
    evidence: list[EvidenceRef]


@dataclass
class LineageBody(_Dict):
    """A body of a lineage with its names over time. ``context`` marks a body shown because
    one of the lineage's bodies is its office (or unit), not because it is in the chain."""

    org: OrgRef
    names: list[NameSpan]
    context: bool


@dataclass
class LineageLink(_Dict):
    """A predecessor and its successor: ``source`` was renamed, upgraded, merged into,
    reorganized into, split into... ``target`` (the event ``type``) on ``date``."""

    type: str
    date: str | None
    source: OrgRef
    source_name: str
    target: OrgRef
    target_name: str
    context: bool
    evidence: list[EvidenceRef]


@dataclass
class SharedNames(_Dict):
    """One organization, two names: ``a_name`` and ``b_name`` were one body from ``start`` to
    ``end``; outside those years each name is its own body. ``a`` is the body that kept its
    name when the other was dropped. ``inferred`` when a date comes from the bodies these are
    offices of, not from a sentence about them."""

    a: OrgRef
    a_name: str
    b: OrgRef
    b_name: str
    start: str | None
    end: str | None
    ongoing: bool
    inferred: bool
    context: bool
    evidence: list[EvidenceRef]


@dataclass
class Lineage(_Dict):
    """Where an organization came from and what it became: its bodies with their names over
    time, the links between them (predecessor → successor, with dates and evidence) and the
    years two names were one body."""

    organization: OrgRef
    bodies: list[LineageBody]
    links: list[LineageLink]
    shared: list[SharedNames]
    truncated: bool = False

    def body(self, org_id: str) -> LineageBody | None:
        return next((b for b in self.bodies if b.org.id == org_id), None)


@dataclass(frozen=True)
class NameOn(_Dict):
    """A name in force on the date asked: the body's own (``official``) or one it shared
    with another body (``second``), ``certain`` or ``possible`` by :func:`tenure.time.covers`."""

    name: str
    kind: str
    certainty: Certainty
    start: str | None
    end: str | None
    org: OrgRef


@dataclass(frozen=True)
class RelationOn(_Dict):
    """A parent or a body one with this one on the date asked, and how sure that is.
    ``via`` says how it is known: ``infobox`` (a parent the article states, valid while the
    current name is), ``name`` (an "Office of X" is X's), ``shared`` (two names, one body)."""

    name: str
    id: str | None
    certainty: Certainty
    via: str


@dataclass
class OrgProfile(_Dict):
    """An organization: names over time, parent, children, units, holders on a date, events.

    ``names_on``, ``parents_on`` and ``same_as`` answer for the date ``on``; ``lineage`` is
    the organization's predecessors, successors and shared names (see :class:`Lineage`).
    """

    id: str
    name: str
    name_on: str | None
    on: str
    names: list[OrgName]
    type: str | None
    jurisdiction: str | None
    headquarters: str | None
    formed: str | None
    dissolved: str | None
    website: str | None
    wikidata: str | None
    parents: list[Relation]
    children: list[Relation]
    subunits: list[Relation]
    holders: list[Holder]
    events: list[EventInfo]
    articles: list[str]
    names_on: list[NameOn] = field(default_factory=list)
    parents_on: list[RelationOn] = field(default_factory=list)
    same_as: list[RelationOn] = field(default_factory=list)
    lineage: Lineage | None = None


@dataclass
class Conflict(_Dict):
    """Two holdings that cannot both be true, each with its sources.

    ``kind`` is ``dates`` (one person, one post, sources that disagree on the dates) or
    ``overlap`` (two people certainly holding a one-holder post on the same days).
    """

    id: str
    kind: Literal["dates", "overlap"]
    certainty: Certainty
    detail: str
    post: PostRef
    a: TenureInfo
    b: TenureInfo


@dataclass(frozen=True)
class SearchHit(_Dict):
    """A match of ``search``: an organization, person, post or claim (evidence text)."""

    kind: str
    id: str
    name: str
    snippet: str
    score: float


@dataclass
class ClaimInfo(_Dict):
    """One stored fact, as read from one article (the source of truth)."""

    id: str
    kind: str
    article: str
    data: dict[str, Any]
    sha256: str
    path: str | None
    revision: str | None
    line: int | None
    section: str | None
    text: str
    first_seen: str
    last_seen: str
    retired: bool
    evidence: list[EvidenceRef]


@dataclass
class ArticleInfo(_Dict):
    title: str
    path: str | None
    sha256: str
    revision: str | None
    subject_kind: str
    subject_name: str
    first_seen: str
    last_seen: str
    claims: int
    retired: int
