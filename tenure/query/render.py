"""Answers as rows, for the command line's ``table`` and ``csv`` formats.

Each function turns one answer into :class:`Sheet` objects (a title, columns, rows); the CLI
prints them as Rich tables or CSV. JSON output does not come from here: it is the answers'
own ``to_dict()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tenure.query.results import (
    AsOf,
    Career,
    Conflict,
    EvidenceRef,
    Holder,
    Lineage,
    OrgProfile,
    SearchHit,
    Succession,
    TenureInfo,
    WhoAnswer,
)
from tenure.resolve.config import AliasEntry


@dataclass
class Sheet:
    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    caption: str | None = None


def span(t: TenureInfo) -> tuple[str, str]:
    """From and to as people read them: "?" unknown, "present" ongoing."""
    return t.start or "?", t.end or ("present" if t.ongoing else "?")


def sources(evidence: Sequence[EvidenceRef], limit: int = 3) -> str:
    refs = sorted({f"{e.article}:{e.line}" if e.line else e.article for e in evidence})
    more = f" (+{len(refs) - limit})" if len(refs) > limit else ""
    return "; ".join(refs[:limit]) + more


def post_label(t: TenureInfo) -> str:
    label = t.post.title + (" (acting)" if t.acting else "")
    if t.role:
        label += f", {t.role}"
    return label


def org_label(t: TenureInfo) -> str:
    return t.post.organization.name if t.post.organization else ""


RULED_OUT = (
    "ruled out: possible by its dates, but a certain holder of this one-holder post "
    "excludes it on this date."
)
"""What a sheet's caption says when it lists holders ruled out."""


def who_sheets(answer: WhoAnswer) -> list[Sheet]:
    where = f", {answer.organization}" if answer.organization else ""
    sheet = Sheet(
        f"{answer.post}{where} on {answer.on}",
        ["person", "certainty", "from", "to", "post", "organization", "sources"],
    )
    for holder in answer.holders:
        t = holder.tenure
        sheet.rows.append(
            [
                t.person.name,
                holder.certainty,
                *span(t),
                post_label(t),
                org_label(t),
                sources(t.evidence),
            ]
        )
    for holder in answer.ruled_out:
        t = holder.tenure
        sheet.rows.append(
            [t.person.name, "ruled out", *span(t), post_label(t), org_label(t), sources(t.evidence)]
        )
    if not sheet.rows:
        sheet.caption = "No holder known for this date."
    elif answer.ruled_out:
        sheet.caption = RULED_OUT
    return [sheet]


def asof_sheets(found: AsOf) -> list[Sheet]:
    """Every post held on a date, one row per holder, organizations in name order."""
    sheet = Sheet(
        f"Who held what on {found.on} ({found.certain} certain, {found.possible} possible)",
        ["organization", "post", "person", "certainty", "from", "to", "sources"],
    )
    for entry in found.organizations:
        org = entry.organization.name if entry.organization else ""
        for group in entry.posts:
            marked: list[tuple[Holder, str]] = [(h, h.certainty) for h in group.holders]
            marked += [(h, "ruled out") for h in group.ruled_out]
            for h, mark in marked:
                t = h.tenure
                sheet.rows.append(
                    [org, post_label(t), t.person.name, mark, *span(t), sources(t.evidence)]
                )
    if not sheet.rows:
        sheet.caption = f"Nobody is recorded in any post on {found.on}."
    elif any(group.ruled_out for entry in found.organizations for group in entry.posts):
        sheet.caption = RULED_OUT
    return [sheet]


def career_sheets(career: Career) -> list[Sheet]:
    p = career.person
    born = f", born {p.born}" if p.born else ""
    sheet = Sheet(
        f"{p.name}{born}",
        ["from", "to", "post", "organization", "concurrent with", "sources"],
        caption=f"From {len(career.articles)} article{'s' if len(career.articles) != 1 else ''}: "
        f"{', '.join(career.articles)}",
    )
    for entry in career.entries:
        t = entry.tenure
        concurrent = "; ".join(
            f"{c.post}{', ' + c.organization if c.organization else ''}"
            f"{' (possibly)' if c.certainty == 'possible' else ''}"
            for c in entry.concurrent_with
        )
        sheet.rows.append([*span(t), post_label(t), org_label(t), concurrent, sources(t.evidence)])
    return [sheet]


def succession_sheets(succession: Succession) -> list[Sheet]:
    where = f", {succession.organization}" if succession.organization else ""
    sheet = Sheet(
        f"{succession.post}{where}: holders in order",
        ["#", "person", "from", "to", "after previous", "sources"],
    )
    for i, entry in enumerate(succession.entries, 1):
        t = entry.tenure
        after = entry.after_previous
        label = ""
        if after is not None:
            label = after.label
            if label == "unclear":
                label = "gap or overlap (dates too coarse)"
        sheet.rows.append(
            [
                str(i),
                t.person.name + (" (acting)" if t.acting else ""),
                *span(t),
                label,
                sources(t.evidence),
            ]
        )
    return [sheet]


def org_sheets(profile: OrgProfile) -> list[Sheet]:
    facts = Sheet(profile.name, ["field", "value"])
    for name, value in (
        ("id", profile.id),
        ("name on " + profile.on, profile.name_on),
        ("type", profile.type),
        ("jurisdiction", profile.jurisdiction),
        ("headquarters", profile.headquarters),
        ("formed", profile.formed),
        ("dissolved", profile.dissolved),
        ("website", profile.website),
        ("wikidata", profile.wikidata),
        ("parent", "; ".join(r.name for r in profile.parents)),
        ("children", "; ".join(r.name for r in profile.children)),
        ("subunits", "; ".join(r.name for r in profile.subunits)),
        ("articles", "; ".join(profile.articles)),
    ):
        if value:
            facts.rows.append([name, value])
    names = Sheet("names", ["name", "kind", "lang", "from", "to"])
    for n in profile.names:
        names.rows.append([n.name, n.kind, n.lang or "", n.start or "", n.end or ""])
    holders = Sheet(
        f"holders on {profile.on}", ["post", "person", "certainty", "from", "to", "sources"]
    )
    for h in profile.holders:
        t = h.tenure
        holders.rows.append(
            [post_label(t), t.person.name, h.certainty, *span(t), sources(t.evidence)]
        )
    events = Sheet("events", ["date", "event", "organization", "other", "sources"])
    for e in profile.events:
        events.rows.append(
            [e.date or "?", e.type, e.organization.name, e.other or "", sources(e.evidence)]
        )
    called = Sheet(f"called on {profile.on}", ["name", "kind", "certainty", "from", "to", "body"])
    for on in profile.names_on:
        called.rows.append(
            [on.name, on.kind, on.certainty, on.start or "?", on.end or "", on.org.name]
        )
    related = Sheet(f"on {profile.on}", ["relation", "organization", "certainty", "known from"])
    for label, items in (("one body with", profile.same_as), ("parent", profile.parents_on)):
        for r in items:
            related.rows.append([label, r.name, r.certainty, r.via])
    return [s for s in (facts, called, related, names, holders, events) if s.rows]


def lineage_sheets(lineage: Lineage) -> list[Sheet]:
    """A lineage as tables: the chain of predecessors and successors, the years two names
    were one body, and every body's names over time."""
    chain = Sheet(
        f"lineage of {lineage.organization.name}",
        ["date", "predecessor", "event", "successor", "sources"],
    )
    for link in lineage.links:
        chain.rows.append(
            [
                link.date or "?",
                link.source_name + (" *" if link.context else ""),
                link.type,
                link.target_name,
                sources(link.evidence),
            ]
        )
    shared = Sheet("one body, two names", ["name", "and", "from", "to", "sources"])
    for x in lineage.shared:
        start = (x.start or "?") + (" (inferred)" if x.inferred else "")
        end = x.end or ("present" if x.ongoing else "?")
        shared.rows.append(
            [x.a_name + (" *" if x.context else ""), x.b_name, start, end, sources(x.evidence)]
        )
    names = Sheet("names over time", ["body", "name", "from", "to", "began", "ended", "sources"])
    for body in lineage.bodies:
        for n in body.names:
            names.rows.append(
                [
                    body.org.name + (" *" if body.context else ""),
                    n.name,
                    n.start or "?",
                    n.end or ("present" if n.ongoing else "?"),
                    n.began or "",
                    n.ended or "",
                    sources(n.evidence),
                ]
            )
    if any(b.context for b in lineage.bodies):
        names.caption = "* a body that the lineage's offices belong to (context)."
    if not chain.rows:
        chain.caption = "No predecessors or successors recorded."
    if lineage.truncated:
        chain.caption = (chain.caption or "") + " Cut short: too many bodies."
    return [chain, *(x for x in (shared, names) if x.rows)]


def org_csv(profile: OrgProfile) -> Sheet:
    """One CSV for an organization: a row per name, relation, holder and event."""
    sheet = Sheet(profile.name, ["section", "name", "kind", "from", "to", "id", "sources"])
    for n in profile.names:
        sheet.rows.append(["name", n.name, n.kind, n.start or "", n.end or "", "", ""])
    for label, items in (
        ("parent", profile.parents),
        ("child", profile.children),
        ("subunit", profile.subunits),
    ):
        for r in items:
            sheet.rows.append([label, r.name, "", "", "", r.id or "", ""])
    for h in profile.holders:
        t = h.tenure
        sheet.rows.append(
            [
                "holder",
                t.person.name,
                f"{post_label(t)} ({h.certainty})",
                *span(t),
                t.id,
                sources(t.evidence, 99),
            ]
        )
    for e in profile.events:
        sheet.rows.append(
            ["event", e.other or "", e.type, e.date or "", "", e.id, sources(e.evidence, 99)]
        )
    return sheet


def conflict_sheets(conflicts: Sequence[Conflict]) -> list[Sheet]:
    sheet = Sheet(
        "conflicts",
        [
            "kind",
            "certainty",
            "post",
            "organization",
            "holding A",
            "sources A",
            "holding B",
            "sources B",
            "detail",
        ],
    )
    for c in conflicts:
        org = c.post.organization.name if c.post.organization else ""
        a = f"{c.a.person.name} {'–'.join(span(c.a))}"
        b = f"{c.b.person.name} {'–'.join(span(c.b))}"
        sheet.rows.append(
            [
                c.kind,
                c.certainty,
                c.post.title,
                org,
                a,
                sources(c.a.evidence),
                b,
                sources(c.b.evidence),
                c.detail,
            ]
        )
    if not sheet.rows:
        sheet.caption = "No conflicts."
    return [sheet]


def search_sheets(query: str, hits: Sequence[SearchHit]) -> list[Sheet]:
    sheet = Sheet(f"search: {query}", ["kind", "name", "match", "id"])
    for hit in hits:
        sheet.rows.append([hit.kind, hit.name, hit.snippet.replace("\n", " "), hit.id])
    if not sheet.rows:
        sheet.caption = "Nothing matched."
    return [sheet]


def alias_sheets(entries: Sequence[AliasEntry]) -> list[Sheet]:
    sheet = Sheet("aliases", ["kind", "name", "aliases", "wikidata", "from"])
    for e in entries:
        sheet.rows.append([e.kind, e.name, "; ".join(e.aliases), e.wikidata or "", e.source])
    return [sheet]
