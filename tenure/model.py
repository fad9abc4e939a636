"""The facts one article yields, as plain typed objects.

These mirror the extraction contract (``tenure.extract/1``): an :class:`Extraction` is what
``tenure extract`` prints for one article, and :meth:`Extraction.to_dict` is that JSON. Dates
are ISO 8601 prefixes (``"2014"``, ``"2014-03"``, ``"2014-03-20"``) at the precision the
source wrote; see :mod:`tenure.time` for reasoning with them.

The names follow the ecosystem so exports are renames: a :class:`Tenure` is FollowTheMoney's
Occupancy and Popolo's membership, a post is a Position / post.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

CONTRACT = "tenure.extract/1"

Severity = Literal["info", "warning", "error"]
SubjectKind = Literal["organization", "person", "post", "other"]
NameKind = Literal["official", "native", "short", "abbreviation", "former", "alias"]
EVENT_TYPES = (
    "established",
    "abolished",
    "restored",
    "renamed",
    "merged",
    "split",
    "upgraded",
    "downgraded",
    "reorganized",
    "co_located",
    "name_dropped",
)


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the section path, the 1-based line and the verbatim text."""

    line: int
    text: str
    section: str | None = None


@dataclass(frozen=True)
class Diagnostic:
    """Something the reader could not use, so nothing is dropped silently."""

    severity: Severity
    message: str
    line: int | None = None


@dataclass
class Name:
    name: str
    kind: NameKind | None = "official"
    lang: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass
class Tenure:
    """A person holding a post of an organization, from ``start`` to ``end``.

    ``ongoing`` means the source says the holding continues; ``end is None and not ongoing``
    means the end is unknown.
    """

    person: str
    post: str
    organization: str | None
    start: str | None = None
    end: str | None = None
    ongoing: bool = False
    acting: bool = False
    role: str | None = None
    rank: str | None = None
    concurrent: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    bucket: Literal["infobox", "list", "prose"] = "list"
    person_aliases: list[str] = field(default_factory=list)
    predecessor: str | None = None
    successor: str | None = None


@dataclass
class Event:
    """A change in an organization's existence, name or identity."""

    type: str
    organization: str
    date: str | None
    other: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class OrganizationFacts:
    names: list[Name] = field(default_factory=list)
    type: str | None = None
    jurisdiction: str | None = None
    headquarters: str | None = None
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    subunits: list[str] = field(default_factory=list)
    formed: str | None = None
    dissolved: str | None = None
    website: str | None = None
    logo: str | None = None


@dataclass
class PersonFacts:
    names: list[Name] = field(default_factory=list)
    born: str | None = None
    died: str | None = None


@dataclass
class Subject:
    kind: SubjectKind
    name: str


@dataclass
class Source:
    title: str
    sha256: str
    format: Literal["article-text", "wikitext", "html"] = "article-text"
    path: str | None = None
    url: str | None = None
    revision: str | None = None


@dataclass
class Extraction:
    """Everything read from one article: what ``tenure extract`` prints and ``ingest`` stores."""

    source: Source
    subject: Subject
    organization: OrganizationFacts | None = None
    person: PersonFacts | None = None
    tenures: list[Tenure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when the article could not be read at all (an error diagnostic)."""
        return any(d.severity == "error" for d in self.diagnostics)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for this article."""
        out: dict[str, Any] = {"contract": CONTRACT}
        out.update(asdict(self))
        for tenure in out["tenures"]:
            if not tenure["person_aliases"]:
                del tenure["person_aliases"]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """Rebuild an extraction from its contract JSON (as printed by ``tenure extract``)."""

        def evidence(items: list[dict[str, Any]]) -> list[Evidence]:
            return [Evidence(e["line"], e["text"], e.get("section")) for e in items]

        def names(items: list[dict[str, Any]]) -> list[Name]:
            return [
                Name(n["name"], n.get("kind"), n.get("lang"), n.get("start"), n.get("end"))
                for n in items
            ]

        org = data.get("organization")
        person = data.get("person")
        tenure_keys = Tenure.__dataclass_fields__.keys() - {"evidence"}
        event_keys = Event.__dataclass_fields__.keys() - {"evidence"}
        return cls(
            source=Source(**{k: data["source"].get(k) for k in Source.__dataclass_fields__}),
            subject=Subject(data["subject"]["kind"], data["subject"]["name"]),
            organization=(
                OrganizationFacts(
                    **{k: v for k, v in org.items() if k != "names"},
                    names=names(org.get("names", [])),
                )
                if org
                else None
            ),
            person=(
                PersonFacts(
                    **{k: v for k, v in person.items() if k != "names"},
                    names=names(person.get("names", [])),
                )
                if person
                else None
            ),
            tenures=[
                Tenure(**{k: t[k] for k in tenure_keys if k in t}, evidence=evidence(t["evidence"]))
                for t in data.get("tenures", [])
            ],
            events=[
                Event(**{k: e[k] for k in event_keys if k in e}, evidence=evidence(e["evidence"]))
                for e in data.get("events", [])
            ],
            diagnostics=[
                Diagnostic(d["severity"], d["message"], d.get("line"))
                for d in data.get("diagnostics", [])
            ],
        )
