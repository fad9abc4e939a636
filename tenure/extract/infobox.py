"""Infoboxes: organization, post and person boxes, read into tenures and fields.

An infobox is a list of ``Key: Value`` entries. Many keys come in numbered families that
belong together, whatever their case and spacing (``Chief1 Name`` + ``Chief1 Position``,
``Minister2 Name`` + ``Minister2 Pfo``, ``Office3`` + ``Term Start3`` + ``Term End3``), so
entries are first grouped into :class:`Family` objects by family and number.

    >>> from tenure.sources import read_text
    >>> text = "= X =\\n\\nInfobox\\n- Chief1 Name: Cai Qi\\n- Chief1 Position: Director\\n"
    >>> box = read_text(text).infoboxes[0]
    >>> [(f.name, f.index, sorted(f.fields)) for f in families(box, ORG_FAMILIES)]
    [('chief', '1', ['name', 'position'])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import Final, TypeAlias

from tenure.extract import memo
from tenure.extract.dates import DateRange, parse_date, parse_range, split_acting
from tenure.extract.facts import new_tenure
from tenure.extract.names import (
    looks_like_person,
    person_parts,
    singular,
    split_people,
    split_post,
    strip_ordinal,
    strip_the,
)
from tenure.extract.posts import describe_position, split_posts
from tenure.extract.values import clean_value, is_broken_name, split_qualified
from tenure.model import Diagnostic, Evidence, Tenure
from tenure.sources.document import Infobox, InfoboxEntry, normalize_key

ORG_FAMILIES: Final = re.compile(
    r"^(chief|minister|deputyminister|deputy|leader)(\d*)(name|position|pfo|title|type)?$"
)
PERSON_FAMILIES: Final = re.compile(
    r"^(office|termstart|termend|predecessor|successor|deputy|premier|alongside|president"
    r"|primeminister|vicepresident|governor|leader|monarch|order|title|succeeding|preceding"
    r"|vicepremier|chairman|secretary|generalsecretary|viceprimeminister|nominator|appointer)"
    r"(\d*)$"
)
DEFAULT_POSTS: Final = {
    "chief": "Chief",
    "minister": "Minister",
    "deputyminister": "Deputy Minister",
    "deputy": "Deputy",
    "leader": "Leader",
}
RELATIONS: Final = re.compile(
    r"^(?:elected by|responsible to|reports? to|appointed by|accountable to)$", re.I
)
PERSON_KEYS: Final = {
    "birthdate",
    "birthplace",
    "born",
    "deathdate",
    "deathplace",
    "died",
    "spouse",
    "party",
    "almamater",
    "education",
    "children",
    "nationality",
    "occupation",
    "profession",
    "signature",
    "termstart",
    "termstart1",
    "office",
    "office1",
    "allegiance",
}
POST_KEYS: Final = {"post", "incumbent", "incumbentsince", "inaugural", "termlength", "appointer"}
ORG_KEYS: Final = {
    "agencyname",
    "nativenamea",
    "parentagency",
    "agencytype",
    "headquarters",
    "formed",
    "chief1name",
    "minister1name",
    "jurisdiction",
    "parentorganization",
    "foundation",
    "leadertitle",
    "leader2title",
    "leader1type",
    "child1agency",
    "employees",
    "budget",
}
IGNORED: Final = re.compile(
    r"^(?:logo|seal|flag|insignia|picture|image|map|emblem|coat)\w*?(?:width|size|caption|alt)?$"
    r"|\w*(?:width|size|caption|alt|upright|class|footnotes?|sortkey)$|^(?:nativenamelang|"
    r"native_name_lang|website|url|budget|employees|termlength|style|residence|seat|status|"
    r"membersof|memberof|constitutinginstrument|precursor|reportsto|seats|meetingplace|"
    r"sessionroom|electedby|responsibleto|members|type|minister\w*type)$"
)


_KEYS_SIZE = 4096
_KEYS: dict[str, str] = memo.table(f"{__name__}._KEYS", _KEYS_SIZE)
""":func:`key_of` of each key as written, emptied when it reaches :data:`_KEYS_SIZE` entries
(a plain dict is cheaper than a call through :func:`functools.lru_cache`, for a look-up made
for every entry of every infobox)."""


def key_of(key: str) -> str:
    """:func:`~tenure.sources.document.normalize_key` of a key as written, kept in
    :data:`_KEYS`.

    The same few dozen keys recur in every infobox, so the extractors normalize through this
    table rather than through each entry's ``norm``.
    """
    found = _KEYS.get(key)
    if found is None:
        found = memo.keep(_KEYS, key, normalize_key(key), _KEYS_SIZE)
    return found


class Fields:
    """An infobox's entries by normalized key, for many look-ups in one box.

    :meth:`get` answers as :meth:`Infobox.get` does (the first entry, in the box's order,
    whose key is one of ``keys``) without scanning the entries each time; ``keys`` holds each
    entry's normalized key, in the box's order, and ``first`` each key once (with the place
    of its first entry). One extraction builds one and shares it.
    """

    def __init__(self, box: Infobox) -> None:
        self.box = box
        self.entries = entries = box.entries
        self.keys: list[str] = [key_of(entry.key) for entry in entries]
        first: dict[str, int] = {}
        for i, key in enumerate(self.keys):
            if key not in first:
                first[key] = i
        self.first = first

    def get(self, *keys: str) -> InfoboxEntry | None:
        first = self.first
        if len(keys) == 1:
            i = first.get(keys[0])
            return None if i is None else self.entries[i]
        best = -1
        for key in keys:
            i = first.get(key, -1)
            if i >= 0 and (best < 0 or i < best):
                best = i
        return None if best < 0 else self.entries[best]


_LINE: Final = attrgetter("line")


@dataclass
class Family:
    """The entries of one numbered family, e.g. ``Chief2 Name`` and ``Chief2 Position``."""

    name: str
    index: str
    fields: dict[str, InfoboxEntry] = field(default_factory=dict)

    def value(self, key: str) -> str | None:
        """The stripped value of the family's ``key`` field, None when absent or blank."""
        entry = self.fields.get(key)
        if entry is None:
            return None
        return entry.value.strip() or None

    def evidence(self) -> list[Evidence]:
        entries = sorted(self.fields.values(), key=_LINE)
        return [e.evidence() for e in entries]


def families(box: Infobox, pattern: re.Pattern[str]) -> list[Family]:
    """Group an infobox's entries into numbered families, in the order they first appear."""
    found: dict[tuple[str, str], Family] = {}
    source, flags = pattern.pattern, pattern.flags
    for entry in box.entries:
        member = _member(source, flags, entry.key)
        if member is None:
            continue
        name, index, sub = member
        family = found.get((name, index))
        if family is None:
            family = found[name, index] = Family(name, index)
        family.fields[sub] = entry
    return list(found.values())


Member: TypeAlias = tuple[str, str, str] | None
_MEMBERS_SIZE = 4096
_MEMBERS: dict[tuple[str, int, str], Member] = memo.table(f"{__name__}._MEMBERS", _MEMBERS_SIZE)
""":func:`_read_member` of each (source, flags, key), emptied when it reaches
:data:`_MEMBERS_SIZE` entries (cheaper than a call through :func:`functools.lru_cache`)."""


def _member(source: str, flags: int, key: str) -> Member:
    """(family, number, field) of an entry's key as written, or None outside the families of
    the pattern compiled from ``source`` and ``flags``; kept in :data:`_MEMBERS`.

    Kept by the pattern's source rather than the pattern: hashing a compiled pattern hashes
    its whole program, which cost more than the rest of a look-up.
    """
    asked = (source, flags, key)
    if asked in _MEMBERS:  # None is an answer too
        return _MEMBERS[asked]
    return memo.keep(_MEMBERS, asked, _read_member(source, flags, key), _MEMBERS_SIZE)


def _read_member(source: str, flags: int, key: str) -> Member:
    """:func:`_member`, worked out."""
    pattern = re.compile(source, flags)
    m = pattern.match(key_of(key))
    if not m:
        return None
    sub = m.group(3) if pattern.groups >= 3 else None
    return m.group(1), m.group(2), sub or "name"


def guess_kind(box: Infobox, title: str, fields: Fields | None = None) -> str | None:
    """Which kind of subject an infobox describes, from its keys (``fields``: the box's)."""
    keys = fields.first.keys() if fields is not None else {key_of(e.key) for e in box.entries}
    scores = {
        "person": len(keys & PERSON_KEYS) + sum(1 for k in keys if k.startswith("termstart")),
        "post": len(keys & POST_KEYS) * 2,
        "organization": len(keys & ORG_KEYS),
    }
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] else None


@dataclass
class InfoboxResult:
    tenures: list[Tenure] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    used: set[int] = field(default_factory=set)

    def __init__(
        self,
        tenures: list[Tenure] | None = None,
        diagnostics: list[Diagnostic] | None = None,
        used: set[int] | None = None,
    ) -> None:
        """The __init__ @dataclass would write, spelled out so that it is compiled (see
        :class:`~tenure.sources.document.Block`)."""
        self.tenures = [] if tenures is None else tenures
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.used = set() if used is None else used

    def note(self, severity: str, message: str, line: int | None) -> None:
        self.diagnostics.append(Diagnostic(severity, message, line))  # type: ignore[arg-type]


def org_holders(box: Infobox, organization: str) -> InfoboxResult:
    """Current chiefs, ministers, deputies and leaders of an organization's infobox."""
    result = InfoboxResult()
    default_posts = dict(DEFAULT_POSTS)
    found = families(box, ORG_FAMILIES)
    for fam in found:
        if (
            fam.index == ""
            and fam.name == "minister"
            and "type" in fam.fields
            and len(fam.fields) == 1
        ):
            default_posts["minister"] = fam.value("type") or "Minister"
            result.used.add(fam.fields["type"].line)
    for fam in found:
        if fam.name == "deputy" and "name" not in fam.fields:
            continue
        position = (
            fam.value("position") or fam.value("pfo") or fam.value("title") or fam.value("type")
        )
        raw_names = fam.value("name")
        if position and RELATIONS.match(position):
            result.used.update(e.line for e in fam.fields.values())
            continue
        if not raw_names:
            if position and not (fam.index == "" and fam.name == "minister"):
                line = next(iter(fam.fields.values())).line
                result.note("info", f"post {position!r} has no holder in the infobox", line)
            continue
        if not position:
            position = default_posts[fam.name]
            if fam.name in ("chief", "leader"):
                result.note(
                    "info",
                    f"no position given for {raw_names!r}; read as {position!r}",
                    fam.fields["name"].line,
                )
        description = describe_position(position)
        names = split_people(raw_names)
        post = _singular_if_many(description.post, len(names))
        evidence = fam.evidence()
        seen: set[str] = set()
        for raw in names:
            person, written, titles = person_parts(raw)
            if person in seen:
                continue
            if not looks_like_person(person):
                result.note(
                    "warning",
                    f"{raw!r} does not look like a person's name",
                    fam.fields["name"].line,
                )
                continue
            seen.add(person)
            tenure = new_tenure(
                person=person,
                post=post,
                organization=organization,
                ongoing=True,
                acting=description.acting,
                role=description.role,
                rank=description.rank,
                concurrent=[*titles, *description.concurrent],
                evidence=list(evidence),
                bucket="infobox",
                person_aliases=list(written),
            )
            result.tenures.append(tenure)
        result.used.update(e.line for e in fam.fields.values())
    return result


def _singular_if_many(post: str, count: int) -> str:
    return singular(post) if count > 1 or post.lower().endswith(("directors", "members")) else post


def post_holders(box: Infobox, subject: str, fields: Fields | None = None) -> InfoboxResult:
    """Incumbent (and since when) and inaugural holder of a post's infobox."""
    result = InfoboxResult()
    get = (fields or Fields(box)).get
    post_entry = get("post", "name", "office")
    body_entry = get("body")
    dept_entry = get("department", "agency", "organization", "organisation")
    posts = split_posts(post_entry.value) if post_entry and post_entry.value.strip() else [subject]
    body = None
    for entry in (dept_entry, body_entry):
        if entry is not None:
            value, _ = clean_value(entry.value)
            if value and not is_broken_name(entry.value):
                body = strip_the(value)
                result.used.add(entry.line)
                break
            result.note("warning", f"unreadable {entry.key!r}: {entry.value!r}", entry.line)
    splits = [split_post(p) for p in posts]
    if len(posts) == 1 and splits[0][1] is None and not body and is_broken_name(posts[0]) is False:
        splits = [split_post(subject)]
    base = [post_entry.evidence()] if post_entry else []
    if post_entry:
        result.used.add(post_entry.line)
    incumbent = get("incumbent")
    since = get("incumbentsince", "incumbentsince1", "since")
    if incumbent:
        result.used.add(incumbent.line)
        dates = split_qualified(since.value) if since else []
        if since:
            result.used.add(since.line)
        for i, (post, org) in enumerate(splits):
            start = parse_date(dates[i][0]) if i < len(dates) else None
            if since and i < len(dates) and start is None and dates[i][0]:
                result.note("warning", f"unreadable date {dates[i][0]!r}", since.line)
            for name in split_people(incumbent.value)[:1]:
                person, written, _ = person_parts(name)
                evidence = [*base, incumbent.evidence()]
                if since:
                    evidence.append(since.evidence())
                result.tenures.append(
                    new_tenure(
                        person=person,
                        post=post,
                        organization=org or body,
                        start=start,
                        ongoing=True,
                        evidence=evidence,
                        bucket="infobox",
                        person_aliases=list(written),
                    )
                )
    formation = get("formation", "formed", "established", "created")
    formation_date = None
    if formation:
        parts = split_qualified(formation.value)
        if len(parts) == 1 and parts[0][1] is None:
            formation_date = parse_date(parts[0][0])
    for key in ("inaugural", "first", "firstholder", "inauguralholder"):
        entry = get(key)
        if not entry:
            continue
        result.used.add(entry.line)
        firsts = split_qualified(entry.value)
        for i, (name, _qualifier) in enumerate(firsts):
            post, org = splits[i] if i < len(splits) and len(firsts) == len(splits) else splits[0]
            person, written, _ = person_parts(name)
            if not looks_like_person(person):
                result.note("warning", f"{name!r} does not look like a person's name", entry.line)
                continue
            evidence = [*base, entry.evidence()]
            start = formation_date if len(firsts) == 1 else None
            if start and formation:
                evidence.append(formation.evidence())
            result.tenures.append(
                new_tenure(
                    person=person,
                    post=post,
                    organization=org or body,
                    start=start,
                    evidence=evidence,
                    bucket="infobox",
                    person_aliases=list(written),
                )
            )
    return result


def person_offices(box: Infobox, person: str) -> InfoboxResult:
    """A biography's offices with their terms, acting spans, predecessors and successors."""
    result = InfoboxResult()
    groups: dict[int, dict[str, InfoboxEntry]] = {}
    for entry in box.entries:
        member = _office_member(entry.key)
        if member is None:
            continue
        name, index = member
        group = groups.get(index)
        if group is None:
            group = groups[index] = {}
        group[name] = entry
    previous_office: InfoboxEntry | None = None
    for index in sorted(groups):
        group = groups[index]
        office = group.get("office") or group.get("title")
        has_term = "termstart" in group or "termend" in group
        if office is None and has_term and previous_office is not None:
            office = previous_office
        if office is None:
            continue
        previous_office = office
        post, org = _office_post(office.value)
        start_entry, end_entry = group.get("termstart"), group.get("termend")
        start = _date(start_entry, result)
        acting_spans: list[DateRange] = []
        end = None
        if end_entry:
            main, acting_spans = split_acting(end_entry.value)
            end = parse_date(main) if main.strip() else None
            if main.strip() and end is None:
                rng = parse_range(main)
                end = rng.end if rng else None
                if end is None:
                    result.note("warning", f"unreadable date {main!r}", end_entry.line)
        if start_entry:
            main_start, more = split_acting(start_entry.value)
            acting_spans += more
            if more:
                start = parse_date(main_start)
        successor = group.get("successor")
        predecessor = group.get("predecessor")
        ongoing = bool(start) and end is None and successor is None
        evidence = [office.evidence()]
        for term in (start_entry, end_entry):
            if term is not None:
                evidence.append(term.evidence())
                result.used.add(term.line)
        result.used.add(office.line)
        for neighbour in (predecessor, successor):
            if neighbour is not None:
                result.used.add(neighbour.line)
        result.tenures.append(
            new_tenure(
                person=person,
                post=post,
                organization=org,
                start=start,
                end=end,
                ongoing=ongoing,
                evidence=evidence,
                bucket="infobox",
                predecessor=person_parts(predecessor.value)[0] if predecessor else None,
                successor=person_parts(successor.value)[0] if successor else None,
            )
        )
        for span in acting_spans:
            acting_end_entry = end_entry or start_entry
            result.tenures.append(
                new_tenure(
                    person=person,
                    post=post,
                    organization=org,
                    start=span.start,
                    end=span.end,
                    ongoing=False,
                    acting=True,
                    evidence=[office.evidence()]
                    + ([acting_end_entry.evidence()] if acting_end_entry else []),
                    bucket="infobox",
                )
            )
    return result


@lru_cache(maxsize=4096)
def _office_post(value: str) -> tuple[str, str | None]:
    """The post and organization of a biography's office as written ("8th Director of the
    Taiwan Affairs Office"); cached by the value, a post title, as split_post is."""
    return split_post(strip_ordinal(clean_value(value)[0] or value))


OfficeMember: TypeAlias = tuple[str, int] | None
_OFFICE_MEMBERS_SIZE = 4096
_OFFICE_MEMBERS: dict[str, OfficeMember] = memo.table(
    f"{__name__}._OFFICE_MEMBERS", _OFFICE_MEMBERS_SIZE
)
""":func:`_read_office_member` of each key as written, emptied when it reaches
:data:`_OFFICE_MEMBERS_SIZE` entries (cheaper than a call through
:func:`functools.lru_cache`)."""


def _office_member(key: str) -> OfficeMember:
    """(field, number) of a biography's office key as written ("Term Start2"), else None;
    kept in :data:`_OFFICE_MEMBERS`."""
    if key in _OFFICE_MEMBERS:  # None is an answer too
        return _OFFICE_MEMBERS[key]
    return memo.keep(_OFFICE_MEMBERS, key, _read_office_member(key), _OFFICE_MEMBERS_SIZE)


def _read_office_member(key: str) -> OfficeMember:
    """:func:`_office_member`, worked out."""
    m = PERSON_FAMILIES.match(key_of(key))
    if not m:
        return None
    return m.group(1), int(m.group(2)) if m.group(2) else 0


def _date(entry: InfoboxEntry | None, result: InfoboxResult) -> str | None:
    if entry is None or not entry.value.strip():
        return None
    value = parse_date(entry.value)
    if value is None:
        rng = parse_range(entry.value)
        value = rng.start if rng else None
    if value is None:
        result.note("warning", f"unreadable date {entry.value!r}", entry.line)
    return value


def unused_entries(box: Infobox, used: set[int], fields: Fields | None = None) -> list[Diagnostic]:
    """An info diagnostic for each entry no extractor read and that is not decoration."""
    out = []
    keys = fields.keys if fields is not None else [key_of(entry.key) for entry in box.entries]
    for entry, key in zip(box.entries, keys, strict=True):
        if entry.line in used or _ignored(key) or not entry.value.strip():
            continue
        out.append(
            Diagnostic(
                "info", f"infobox entry not used: {entry.key}: {entry.value[:80]}", entry.line
            )
        )
    return out


@lru_cache(maxsize=4096)
def _ignored(key: str) -> bool:
    """An infobox key that is decoration (logos, sizes, captions ...), never a fact."""
    return bool(IGNORED.match(key))
