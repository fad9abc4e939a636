"""Run every extractor over one Document and assemble its :class:`Extraction`.

The order is the reader's: decide what the article is about, read its infobox, its
structure, its lists and tables of holders (and, where present, its prose), then merge the
statements of the same holding so each is reported once with all its evidence.
"""

from __future__ import annotations

import re
from typing import Final

from tenure.extract import infobox as boxes
from tenure.extract.dates import parse_date
from tenure.extract.holders import Context, holders
from tenure.extract.merge import merge_events, merge_tenures
from tenure.extract.names import split_post
from tenure.extract.organization import DISSOLVED_KEYS, FORMED_KEYS, organization_facts
from tenure.extract.person import person_facts
from tenure.extract.prose import read_prose
from tenure.extract.structure import subunits
from tenure.extract.subject import main_infobox, subject_of
from tenure.extract.values import split_qualified
from tenure.model import Event, Extraction, OrganizationFacts, Source
from tenure.sources.document import Document, Infobox


def extract(document: Document) -> Extraction:
    """The facts a careful reader finds in one article."""
    box = main_infobox(document)
    fields = boxes.Fields(box) if box is not None else None  # one index, read by every step
    subject = subject_of(document, fields)
    result = Extraction(
        source=Source(
            title=document.title,
            sha256=document.sha256,
            format=document.format,
            path=document.path,
            url=document.url,
            revision=document.revision,
        ),
        subject=subject,
        diagnostics=list(document.diagnostics),
    )
    used: set[int] = set()
    ctx = Context(organization=None, subject_kind=subject.kind)
    if subject.kind == "organization":
        facts, notes = organization_facts(document, box, subject.name, fields)
        result.organization = facts
        result.diagnostics += notes
        official = next((n.name for n in facts.names if n.kind == "official"), subject.name)
        ctx.organization = official
        units, notes = subunits(document)
        facts.subunits = units
        result.diagnostics += notes
        if box is not None:
            found = boxes.org_holders(box, official)
            result.tenures += found.tenures
            result.diagnostics += found.diagnostics
            used |= found.used
    elif subject.kind == "post":
        post, org = split_post(subject.name)
        ctx.post, ctx.organization = post, org
        if box is not None:
            found = boxes.post_holders(box, subject.name, fields)
            result.tenures += found.tenures
            result.diagnostics += found.diagnostics
            used |= found.used
            if found.tenures:
                ctx.post = found.tenures[0].post
                ctx.organization = found.tenures[0].organization or org
    elif subject.kind == "person":
        result.person, notes = person_facts(document, box, subject.name, fields)
        result.diagnostics += notes
        if box is not None:
            found = boxes.person_offices(box, subject.name)
            result.tenures += found.tenures
            result.diagnostics += found.diagnostics
            used |= found.used
    if box is not None and fields is not None:
        result.diagnostics += boxes.unused_entries(box, used | _field_lines(fields), fields)
    listed = holders(document, ctx)
    result.tenures += listed.tenures
    result.diagnostics += listed.diagnostics
    names, abbreviations = [subject.name], {}
    if result.organization is not None:
        official = next(
            (n.name for n in result.organization.names if n.kind == "official"), subject.name
        )
        names = [n.name for n in result.organization.names if n.lang in (None, "en")]
        abbreviations = {
            n.name: official for n in result.organization.names if n.kind == "abbreviation"
        }
        result.events += lifespan_events(result.organization, official, box, fields)
    tenures, events, notes = read_prose(
        document, subject.name, subject.kind, names, abbreviations, ctx.post, ctx.organization
    )
    result.tenures += tenures
    result.events += events
    result.diagnostics += notes
    result.tenures = merge_tenures(result.tenures)
    if result.organization is not None:
        official = next(
            (n.name for n in result.organization.names if n.kind == "official"), subject.name
        )
        aliases = {n.name.casefold() for n in result.organization.names} | {subject.name.casefold()}
        for event in result.events:
            name = event.organization.casefold()
            if name in aliases and name != subject.name.casefold():
                event.organization = subject.name
    result.events = merge_events(result.events)
    result.diagnostics.sort(key=lambda d: d.line or 0)
    return result


def lifespan_events(
    facts: OrganizationFacts, name: str, box: Infobox | None, fields: boxes.Fields | None = None
) -> list[Event]:
    """An infobox's "Formed" and "Dissolved" are established and abolished events too.

    ``fields``, where given, are those of ``box``.
    """
    events: list[Event] = []
    if box is not None:
        fields = fields or boxes.Fields(box)
        for keys, kind in ((FORMED_KEYS, "established"), (DISSOLVED_KEYS, "abolished")):
            entry = fields.get(*keys)
            if entry is None:
                continue
            for text, _qualifier in split_qualified(entry.value):
                date = parse_date(text) or parse_date(re.sub(r"\s*\(.*$", "", text))
                if date:
                    events.append(Event(kind, name, date, None, [entry.evidence()]))
    return events


FIELD_KEYS: Final = frozenset(
    {
        "agencyname",
        "name",
        "officialname",
        "nativenamea",
        "nativename",
        "nativenamer",
        "nativenamelang",
        "abbreviation",
        "jurisdiction",
        "headquarters",
        "location",
        "parentagency",
        "parentorganization",
        "parentdepartment",
        "parent",
        "agencytype",
        "type",
        "formed",
        "foundation",
        "formation",
        "dissolved",
        "website",
        "logo",
        "logopic",
        "birthdate",
        "birthplace",
        "deathdate",
        "deathplace",
        "born",
        "died",
        "body",
        "department",
    }
)
"""Infobox keys read as the subject's own fields rather than as holdings."""


def _field_lines(fields: boxes.Fields) -> set[int]:
    """Lines read as the subject's own fields (names, parent, seat, dates ...)."""
    out = set()
    for entry, key in zip(fields.entries, fields.keys, strict=True):
        if key in FIELD_KEYS or key.startswith(("child", "preceding")):
            out.add(entry.line)
    return out
