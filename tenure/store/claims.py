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
from json.encoder import encode_basestring
from typing import Any, Final

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


EvidenceLine = tuple[int, str, str | None]
"""An :class:`~tenure.model.Evidence` as a plain tuple: line, text, section."""

_to_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
"""``json.dumps(data, ensure_ascii=False, sort_keys=True)``, without a new encoder a call."""

_quote: Final = encode_basestring
"""A string as JSON, not escaping non-ASCII: what the encoder above writes for one."""


class ClaimRow:
    """One fact of one article, ready to store.

    A plain class with its own ``__init__`` rather than a dataclass: compiled, a dataclass is
    built by the ``__init__`` the dataclass decorator generates, which runs as Python, and
    every claim of an ingest is made once in a worker and once more in the writer.

    A row given :class:`~tenure.model.Evidence` objects holds them; one made by
    :func:`claims_from_extraction` or unpickled holds :data:`EvidenceLine` tuples until
    :attr:`evidence` is asked for. The writer stores tuples (:meth:`evidence_lines`), and
    remaking an Evidence of each line there was a third of its unpickling: 0.054 -> 0.036
    ms/article (2,000 articles, measured in the result thread of an ingest).
    """

    def __init__(
        self,
        id: str,
        kind: str,
        article: str,
        data: dict[str, Any],
        evidence: list[Evidence] | None = None,
        data_json: str = "",
    ) -> None:
        self.id = id
        self.kind = kind
        self.article = article
        self.data = data
        self.data_json = data_json or _to_json(data)
        """``data`` as stored: made with the row (in the worker that extracted it, when ingest
        runs workers), so the process writing the store does not spend its time on it."""
        self._evidence: list[Evidence] | None = evidence
        """The evidence as objects once made (then it is what the row holds), else None."""
        self._lines: list[EvidenceLine] = []
        """The evidence while :attr:`_evidence` is None."""

    @property
    def evidence(self) -> list[Evidence]:
        """Where the fact was read, in order; a list the caller may change."""
        if self._evidence is None:
            self._evidence = [Evidence(line, text, section) for line, text, section in self._lines]
            self._lines = []
        return self._evidence

    @evidence.setter
    def evidence(self, evidence: list[Evidence]) -> None:
        self._evidence = evidence
        self._lines = []

    def evidence_lines(self) -> list[EvidenceLine]:
        """The evidence as (line, text, section) tuples, without making objects of them."""
        if self._evidence is None:
            return self._lines
        return _lines(self._evidence)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as plain values, the evidence as its lines: rows cross from the extracting
        workers to the writer, which alone writes the store, so what it unpickles is
        serial work."""
        return _claim_row, (
            self.id,
            self.kind,
            self.article,
            self.data,
            self.evidence_lines(),
            self.data_json,
        )

    def __eq__(self, other: object) -> bool:
        """Rows are equal when all they hold is, as when this was a dataclass."""
        if not isinstance(other, ClaimRow):
            return NotImplemented
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        id, kind, article, data, lines, data_json = self._fields()
        evidence = [Evidence(*line) for line in lines]
        return (
            f"ClaimRow(id={id!r}, kind={kind!r}, article={article!r}, data={data!r}, "
            f"evidence={evidence!r}, data_json={data_json!r})"
        )

    def _fields(self) -> tuple[str, str, str, dict[str, Any], list[EvidenceLine], str]:
        return self.id, self.kind, self.article, self.data, self.evidence_lines(), self.data_json


def _claim_row(
    claim_id: str,
    kind: str,
    article: str,
    data: dict[str, Any],
    lines: list[EvidenceLine],
    data_json: str,
) -> ClaimRow:
    """A row whose evidence is ``lines`` (see :class:`ClaimRow`); what unpickling calls."""
    row = ClaimRow(claim_id, kind, article, data, None, data_json)
    row._lines = lines
    return row


def claim_id(kind: str, article: str, data: dict[str, Any]) -> str:
    """The deterministic id of a fact: kind, article and content, ``unknown`` for gaps.

    What :func:`~tenure.resolve.text.make_id` makes of ``"cl"``, kind, article and every
    field written ``name=value`` (``person=Li Zhanshu``, ``start=unknown``; a flag ``yes``
    or ``no``, a list its items joined by ``\\x1e``), spelled out here because every claim
    of every ingest comes through it.
    """
    return _claim_id(kind, article, [data.get(name) for name in _FIELDS[kind]])


def _claim_id(kind: str, article: str, values: list[Any]) -> str:
    """:func:`claim_id` of the values of ``kind``'s fields, in :data:`_FIELDS` order: one
    join, the separators being in the prefixes."""
    prefixes = _KINDS[kind].prefixes
    texts = [kind, "\x1f", "unknown" if article is None or article == "" else str(article)]
    for i in range(len(prefixes)):
        texts.append(prefixes[i])
        texts.append(_id_text(values[i]))
    digest = _sha256("".join(texts).encode("utf-8")).hexdigest()
    return "cl_" + digest[:20]


def _id_text(value: Any) -> str:
    """A field's value as its claim id writes it."""
    if value is None:
        return "unknown"
    if type(value) is str:
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "\x1e".join([str(v) for v in value]) or "unknown"
    return f"{value}"


def _data_json(kind: str, data: dict[str, Any], values: list[Any]) -> str:
    """``_to_json(data)`` for ``data`` holding exactly the fields of ``kind``, whose values
    are ``values`` in :data:`_FIELDS` order; written directly when they are strings, None,
    flags and lists of strings (every claim an extraction makes): keys in the order the
    encoder would sort them into, so no sorting, and no encoder call through its Python
    methods (a third of the time of a claim before)."""
    spec = _KINDS[kind]
    keys, order = spec.json_keys, spec.json_order
    texts = []
    for n in range(len(keys)):
        value = values[order[n]]
        if value is None:
            text = "null"
        elif type(value) is str:
            text = _quote(value)
        elif value is True:
            text = "true"
        elif value is False:
            text = "false"
        elif type(value) is list and all(type(v) is str for v in value):
            text = "[" + ", ".join([_quote(v) for v in value]) + "]"
        else:
            return _to_json(data)
        texts.append(keys[n])
        texts.append(text)
    texts.append("}")
    return "".join(texts)


class _Kind:
    """How the claims of one kind are written, worked out once."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.prefixes = [f"\x1f{name}=" for name in names]
        """What precedes each field's value in the text a claim id hashes."""
        self.json_order = sorted(range(len(names)), key=lambda i: names[i])
        """The fields' positions in the order of their names, the order of the JSON text."""
        self.json_keys = [
            ("{" if n == 0 else ", ") + _quote(names[i]) + ": "
            for n, i in enumerate(self.json_order)
        ]
        """What precedes each value in the JSON text, in that order."""


_KINDS: Final = {kind: _Kind(names) for kind, names in _FIELDS.items()}
_sha256: Final = hashlib.sha256
"""Final: compiled, read from a C variable rather than looked up in the module a call."""


def _row(kind: str, article: str, data: dict[str, Any], lines: list[EvidenceLine]) -> ClaimRow:
    """The claim of ``data``, which holds every field of ``kind`` in :data:`_FIELDS` order."""
    values = list(data.values())
    return _claim_row(
        _claim_id(kind, article, values),
        kind,
        article,
        data,
        lines,
        _data_json(kind, data, values),
    )


def _lines(evidence: list[Evidence]) -> list[EvidenceLine]:
    """Evidence objects as :data:`EvidenceLine` tuples."""
    return [(e.line, e.text, e.section) for e in evidence]


def claims_from_extraction(x: Extraction, document: Document | None = None) -> list[ClaimRow]:
    """Every fact of one article as claim rows, duplicates merged (their evidence joined).

    ``document`` (the article as read) lets facts that the extraction gives without a line,
    such as infobox fields, point at the line they stand on.
    """
    article = x.source.title
    locate = _Locator(document)
    rows: list[ClaimRow] = []
    for t in x.tenures:
        person = t.person
        lines = _lines(t.evidence)
        data = {
            "person": person,
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
        rows.append(_row("tenure", article, data, lines))
        for alias in t.person_aliases:
            if alias and alias != person:
                data = _name("person", person, alias, "alias", None, None, None)
                rows.append(_row("person_name", article, data, list(lines)))
    for e in x.events:
        data = {"type": e.type, "organization": e.organization, "other": e.other, "date": e.date}
        rows.append(_row("event", article, data, _lines(e.evidence)))
    subject = x.subject.name
    if x.subject.kind == "organization" and subject:
        title = _name("organization", subject, subject, "title", None, None, None)
        rows.append(_row("org_name", article, title, [locate.title(x.source.title)]))
        org = x.organization
        if org is not None:
            rows.extend(_names("org_name", "organization", article, subject, org.names, locate))
            for name in ORG_FIELDS:
                value = getattr(org, name)
                if value:
                    data = {"organization": subject, "field": name, "value": value}
                    rows.append(_row("org_fact", article, data, [locate.value(value)]))
            for name, values in (("child", org.children), ("subunit", org.subunits)):
                for value in values:
                    data = {"organization": subject, "field": name, "value": value}
                    rows.append(_row("org_fact", article, data, [locate.value(value)]))
    if x.subject.kind == "person" and subject:
        title = _name("person", subject, subject, "title", None, None, None)
        rows.append(_row("person_name", article, title, [locate.title(x.source.title)]))
        person_facts = x.person
        if person_facts is not None:
            rows.extend(
                _names("person_name", "person", article, subject, person_facts.names, locate)
            )
            for name in ("born", "died"):
                value = getattr(person_facts, name)
                if value:
                    data = {"person": subject, "field": name, "value": value}
                    rows.append(_row("person_fact", article, data, [locate.value(value)]))
    return _dedupe(rows)


def _name(
    role: str,
    subject: str,
    name: str,
    kind: str | None,
    lang: str | None,
    start: str | None,
    end: str | None,
) -> dict[str, Any]:
    """The data of an ``org_name`` (``role`` organization) or ``person_name`` claim."""
    return {role: subject, "name": name, "kind": kind, "lang": lang, "start": start, "end": end}


def _names(
    kind: str, role: str, article: str, subject: str, names: list[Name], locate: _Locator
) -> list[ClaimRow]:
    rows = []
    for n in names:
        if not n.name:
            continue
        data = _name(role, subject, n.name, n.kind or "official", n.lang, n.start, n.end)
        rows.append(_row(kind, article, data, [locate.value(n.name)]))
    return rows


def _dedupe(rows: list[ClaimRow]) -> list[ClaimRow]:
    """The first row of each id, with the evidence of the later ones added to its own (rows
    made by :func:`_row`, whose evidence is their lines)."""
    seen: dict[str, ClaimRow] = {}
    for row in rows:
        first = seen.get(row.id)
        if first is None:
            seen[row.id] = row
        else:
            lines = first._lines
            for line in row._lines:
                if line not in lines:
                    lines.append(line)
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

    def value(self, value: str) -> EvidenceLine:
        for line, raw, section in self.lines:
            if value in raw:
                return line, raw.strip(), section
        lowered = value.casefold()
        for line, raw, section in self.lines:
            if lowered in raw.casefold():
                return line, raw.strip(), section
        return 0, value, None

    def title(self, title: str) -> EvidenceLine:
        return 1, f"= {title} =", None
