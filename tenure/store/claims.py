"""From one article's :class:`~tenure.model.Extraction` to claim rows: one row per fact.

    >>> rows = claims_from_extraction(extraction)          # doctest: +SKIP
    >>> rows[0].kind, rows[0].data["person"], rows[0].evidence[0].line   # doctest: +SKIP
    ('tenure', 'Li Zhanshu', 34)

A claim's id is a hash of its kind, its article and every field of its content, a missing
field written ``unknown``, so the same fact read again gets the same id, and a tenure with no
start never collides with one with no end. Where a fact was read (line, verbatim text, source
sha256, revision) is *not* part of the id: moving a line or editing another paragraph leaves
the claim as it was.

Kinds and their ``data``:

- ``tenure``: person, post, organization, start, end, ongoing, acting, role, rank, concurrent
- ``event``: type, organization, other, date
- ``org_name``: organization (the article's subject), name, kind (``title`` for the article
  title itself, else the contract's name kinds), lang, start, end
- ``org_fact``: organization, field (type, jurisdiction, headquarters, parent, child,
  subunit, formed, dissolved, website), value
- ``person_name``: person, name, kind, lang, start, end
- ``person_fact``: person, field (born, died), value
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tenure.model import Evidence, Extraction, Name
from tenure.sources import Document

CLAIM_KINDS = ("tenure", "event", "org_name", "org_fact", "person_name", "person_fact")

_FIELDS: dict[str, tuple[str, ...]] = {
    "tenure": (
        "person",
        "post",
        "organization",
        "start",
        "end",
        "ongoing",
        "acting",
        "role",
        "rank",
        "concurrent",
    ),
    "event": ("type", "organization", "other", "date"),
    "org_name": ("organization", "name", "kind", "lang", "start", "end"),
    "org_fact": ("organization", "field", "value"),
    "person_name": ("person", "name", "kind", "lang", "start", "end"),
    "person_fact": ("person", "field", "value"),
}
ORG_FIELDS = (
    "type",
    "jurisdiction",
    "headquarters",
    "parent",
    "formed",
    "dissolved",
    "website",
)


_to_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
"""``json.dumps(data, ensure_ascii=False, sort_keys=True)``, without a new encoder a call."""


@dataclass
class ClaimRow:
    """One fact of one article, ready to store."""

    id: str
    kind: str
    article: str
    data: dict[str, Any]
    evidence: list[Evidence] = field(default_factory=list)
    data_json: str = ""
    """``data`` as stored: made with the row (in the worker that extracted it, when ingest
    runs workers), so the process writing the store does not spend its time on it."""

    def __post_init__(self) -> None:
        if not self.data_json:
            self.data_json = _to_json(self.data)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as plain tuples: rows cross from the extracting workers to the writer, and
        unpickling a dataclass per evidence line costs the writer seven times as much."""
        evidence = [(e.line, e.text, e.section) for e in self.evidence]
        return _claim_row, (self.id, self.kind, self.article, self.data, evidence, self.data_json)


def _claim_row(
    claim_id: str,
    kind: str,
    article: str,
    data: dict[str, Any],
    evidence: list[tuple[int, str, str | None]],
    data_json: str,
) -> ClaimRow:
    return ClaimRow(claim_id, kind, article, data, [Evidence(*e) for e in evidence], data_json)


def claim_id(kind: str, article: str, data: dict[str, Any]) -> str:
    """The deterministic id of a fact: kind, article and content, ``unknown`` for gaps.

    What :func:`~tenure.resolve.text.make_id` makes of ``"cl"``, kind, article and every
    field written ``name=value`` (``person=Li Zhanshu``, ``start=unknown``; a flag ``yes``
    or ``no``, a list its items joined by ``\\x1e``), spelled out here because every claim
    of every ingest comes through it.
    """
    parts = [kind, "unknown" if article is None or article == "" else str(article)]
    for name, prefix in _PREFIXES[kind]:
        value = data.get(name)
        if value is None:
            parts.append(prefix + "unknown")
        elif type(value) is str:
            parts.append(prefix + value)
        elif isinstance(value, bool):
            parts.append(prefix + ("yes" if value else "no"))
        elif isinstance(value, list):
            parts.append(prefix + ("\x1e".join(str(v) for v in value) or "unknown"))
        else:
            parts.append(f"{prefix}{value}")
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"cl_{digest[:20]}"


_PREFIXES = {kind: [(name, f"{name}=") for name in names] for kind, names in _FIELDS.items()}


def _make(kind: str, article: str, data: dict[str, Any], evidence: Iterable[Evidence]) -> ClaimRow:
    clean = {k: data.get(k) for k in _FIELDS[kind]}
    return ClaimRow(
        claim_id(kind, article, clean), kind, article, clean, list(evidence), _to_json(clean)
    )


def claims_from_extraction(x: Extraction, document: Document | None = None) -> list[ClaimRow]:
    """Every fact of one article as claim rows, duplicates merged (their evidence joined).

    ``document`` (the article as read) lets facts that the extraction gives without a line,
    such as infobox fields, point at the line they stand on.
    """
    article = x.source.title
    locate = _Locator(document)
    rows: list[ClaimRow] = []
    for t in x.tenures:
        data = {
            "person": t.person,
            "post": t.post,
            "organization": t.organization,
            "start": t.start,
            "end": t.end,
            "ongoing": bool(t.ongoing),
            "acting": bool(t.acting),
            "role": t.role,
            "rank": t.rank,
            "concurrent": list(t.concurrent),
        }
        rows.append(_make("tenure", article, data, t.evidence))
        for alias in t.person_aliases:
            if alias and alias != t.person:
                data = {"person": t.person, "name": alias, "kind": "alias"}
                rows.append(_make("person_name", article, data, t.evidence))
    for e in x.events:
        data = {"type": e.type, "organization": e.organization, "other": e.other, "date": e.date}
        rows.append(_make("event", article, data, e.evidence))
    subject = x.subject.name
    if x.subject.kind == "organization" and subject:
        title = {"organization": subject, "name": subject, "kind": "title"}
        rows.append(_make("org_name", article, title, [locate.title(x.source.title)]))
        org = x.organization
        if org is not None:
            rows.extend(_names("org_name", "organization", article, subject, org.names, locate))
            for name in ORG_FIELDS:
                value = getattr(org, name)
                if value:
                    data = {"organization": subject, "field": name, "value": value}
                    rows.append(_make("org_fact", article, data, [locate.value(value)]))
            for name, values in (("child", org.children), ("subunit", org.subunits)):
                for value in values:
                    data = {"organization": subject, "field": name, "value": value}
                    rows.append(_make("org_fact", article, data, [locate.value(value)]))
    if x.subject.kind == "person" and subject:
        title = {"person": subject, "name": subject, "kind": "title"}
        rows.append(_make("person_name", article, title, [locate.title(x.source.title)]))
        person = x.person
        if person is not None:
            rows.extend(_names("person_name", "person", article, subject, person.names, locate))
            for name in ("born", "died"):
                value = getattr(person, name)
                if value:
                    data = {"person": subject, "field": name, "value": value}
                    rows.append(_make("person_fact", article, data, [locate.value(value)]))
    return _dedupe(rows)


def _names(
    kind: str, role: str, article: str, subject: str, names: list[Name], locate: _Locator
) -> list[ClaimRow]:
    rows = []
    for n in names:
        if not n.name:
            continue
        data = {
            role: subject,
            "name": n.name,
            "kind": n.kind or "official",
            "lang": n.lang,
            "start": n.start,
            "end": n.end,
        }
        rows.append(_make(kind, article, data, [locate.value(n.name)]))
    return rows


def _dedupe(rows: list[ClaimRow]) -> list[ClaimRow]:
    seen: dict[str, ClaimRow] = {}
    for row in rows:
        first = seen.get(row.id)
        if first is None:
            seen[row.id] = row
        else:
            for ev in row.evidence:
                if ev not in first.evidence:
                    first.evidence.append(ev)
    return list(seen.values())


class _Locator:
    """Finds the line a value stands on in the document, for facts given without one."""

    def __init__(self, document: Document | None) -> None:
        self.lines: list[tuple[int, str, str | None]] = []
        if document is not None:
            for box in document.infoboxes:
                self.lines.extend((e.line, e.raw, None) for e in box.entries)
            self.lines.extend((b.line, b.raw, b.section) for b in document.blocks)
            self.lines.sort(key=lambda item: item[0])

    def value(self, value: str) -> Evidence:
        for line, raw, section in self.lines:
            if value in raw:
                return Evidence(line, raw.strip(), section)
        lowered = value.casefold()
        for line, raw, section in self.lines:
            if lowered in raw.casefold():
                return Evidence(line, raw.strip(), section)
        return Evidence(0, value)

    def title(self, title: str) -> Evidence:
        return Evidence(1, f"= {title} =")
