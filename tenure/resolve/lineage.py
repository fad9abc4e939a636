"""Event claims → names over time, predecessor/successor links and shared names.

    >>> graph = build([
    ...     Fact("established", "2000-09", Party("nslg", "org_n", "National Security LG"),
    ...          None, ("c1",)),
    ...     Fact("co_located", "2000-09", Party("nslg", "org_n", "National Security LG"),
    ...          Party("falg", "org_f", "Foreign Affairs LG"), ("c2",)),
    ...     Fact("name_dropped", "2014", Party("falg", "org_f", "Foreign Affairs LG"),
    ...          Party("nslg", "org_n", "National Security LG"), ("c3",)),
    ... ])
    >>> [(s.name, s.start, s.end, s.ended) for s in graph.spans][1]
    ('National Security LG', '2000-09', '2014', 'name_dropped')
    >>> [(x.a.name, x.b.name, x.start, x.end) for x in graph.shared]
    [('Foreign Affairs LG', 'National Security LG', '2000-09', '2014')]

Each event says something about a *name* (a name key and the body it resolves to):

- ``established`` and ``restored`` start the name; ``abolished`` ends it;
- ``renamed``, ``upgraded``, ``downgraded`` and ``reorganized`` into another end the old name
  and start the new one on the same date; ``merged`` into another ends the name; ``split``
  starts the other; each of these (and an ``abolished``/``established`` that names another)
  is a link from predecessor to successor;
- ``co_located`` starts a span in which two names are one body ("one organization, two
  names"), ``name_dropped`` ends it and ends the dropped name.

Dates stay ISO prefixes and are compared through :mod:`tenure.time`: marks with compatible
dates ("2014" and "2014-03") are one, keeping the finer date. A start while a span is open
(restored after an undated abolition) closes the open span at an unknown date. When two
offices share names but no sentence dates the start ("the office of the leading group also no
longer retained the name ..."), the start comes from the bodies they are offices of: the
office of a body with two names has two names from the same date (``inferred``).

This module is pure: the query layer resolves names to keys and bodies and claims to
evidence (:mod:`tenure.query.lineage`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from tenure import time

STARTS = frozenset({"established", "restored"})
ENDS = frozenset({"abolished"})
SUCCEEDS = frozenset({"renamed", "upgraded", "downgraded", "reorganized"})
"""The old name ends and the new one starts on the event's date."""
LINKS = frozenset(
    {
        "renamed",
        "upgraded",
        "downgraded",
        "reorganized",
        "merged",
        "split",
        "abolished",
        "established",
        "restored",
    }
)
"""Types that, naming a second body, link a predecessor to a successor."""
SHARED_START = "co_located"
SHARED_END = "name_dropped"


@dataclass(frozen=True)
class Party:
    """A body as an event names it: the name key, the body it resolves to, the name shown."""

    key: str
    org_id: str
    name: str


@dataclass(frozen=True)
class Fact:
    """One event claim: ``org`` is the body by the name it had before; ``other`` the second
    party (new name, partner, dropped name, the body merged into)."""

    type: str
    date: str | None
    org: Party
    other: Party | None
    claims: tuple[str, ...]


@dataclass
class Span:
    """A name (``key``) of a body from ``start`` to ``end``; see :class:`NameSpan`."""

    key: str
    org_id: str
    name: str
    start: str | None = None
    end: str | None = None
    ongoing: bool = False
    began: str | None = None
    ended: str | None = None
    inferred: bool = False
    claims: set[str] = field(default_factory=set)


@dataclass
class Link:
    """``source`` became (or went into) ``target`` by an event of ``type`` on ``date``."""

    type: str
    date: str | None
    source: Party
    target: Party
    claims: set[str] = field(default_factory=set)


@dataclass
class Shared:
    """Two names of one body from ``start`` to ``end``; ``a`` kept its name."""

    a: Party
    b: Party
    start: str | None = None
    end: str | None = None
    ongoing: bool = False
    inferred: bool = False
    claims: set[str] = field(default_factory=set)


@dataclass
class Graph:
    spans: list[Span]
    links: list[Link]
    shared: list[Shared]


@dataclass
class _Mark:
    start: bool
    date: str | None
    type: str
    claims: set[str]


UnitOf = Callable[[str], tuple[str, str] | None]


def build(facts: Iterable[Fact], unit_of: UnitOf | None = None) -> Graph:
    """Names over time, links and shared names from event facts (any order)."""
    facts = sorted(set(facts), key=_fact_order)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    bodies: dict[str, str] = {}
    marks: dict[str, list[_Mark]] = defaultdict(list)
    shared_marks: dict[frozenset[str], list[_Mark]] = defaultdict(list)
    keeps: dict[frozenset[str], str] = {}
    parties: dict[str, Party] = {}
    links: dict[tuple[str, str, str], list[tuple[str | None, set[str]]]] = defaultdict(list)

    for f in facts:
        for p in (f.org, f.other):
            if p is not None:
                names[p.key][p.name] += 1
                bodies[p.key] = p.org_id
                parties.setdefault(p.key, p)
        claims = set(f.claims)
        kind = f.type
        other = f.other if f.other is not None and f.other.key != f.org.key else None
        if kind in STARTS:
            marks[f.org.key].append(_Mark(True, f.date, kind, claims))
        elif kind in ENDS:
            marks[f.org.key].append(_Mark(False, f.date, kind, claims))
        elif kind in SUCCEEDS and other is not None:
            marks[f.org.key].append(_Mark(False, f.date, kind, claims))
            marks[other.key].append(_Mark(True, f.date, kind, claims))
        elif kind == "merged":
            marks[f.org.key].append(_Mark(False, f.date, kind, claims))
        elif kind == "split" and other is not None:
            marks[other.key].append(_Mark(True, f.date, kind, claims))
        elif kind in (SHARED_START, SHARED_END) and other is not None:
            pair = frozenset((f.org.key, other.key))
            shared_marks[pair].append(_Mark(kind == SHARED_START, f.date, kind, claims))
            if kind == SHARED_END:
                keeps[pair] = f.org.key
                marks[other.key].append(_Mark(False, f.date, kind, claims))
            else:
                keeps.setdefault(pair, f.org.key)
        if other is not None and kind in LINKS:
            links[(kind, f.org.key, other.key)].append((f.date, claims))

    def party(key: str) -> Party:
        counts = names[key]
        shown = min(counts, key=lambda n: (-counts[n], n))
        return Party(key, bodies[key], shown)

    spans: list[Span] = []
    for key in sorted(names):
        p = party(key)
        for r in _spans(marks.get(key, [])):
            spans.append(
                Span(
                    key,
                    p.org_id,
                    p.name,
                    r.start,
                    r.end,
                    r.ongoing,
                    r.began,
                    r.ended,
                    False,
                    r.claims,
                )
            )

    shared: list[Shared] = []
    for pair in sorted(shared_marks, key=sorted):
        a_key = keeps[pair]
        (b_key,) = pair - {a_key}
        for r in _spans(shared_marks[pair]):
            shared.append(
                Shared(party(a_key), party(b_key), r.start, r.end, r.ongoing, False, r.claims)
            )
    if unit_of is not None:
        _infer_unit_dates(shared, unit_of)

    found: list[Link] = []
    for (kind, a, b), items in sorted(links.items()):
        for when, claims in _merge_dates(items):
            found.append(Link(kind, when, party(a), party(b), claims))
    found.sort(key=lambda x: (_first(x.date), x.type, x.source.key, x.target.key))
    return Graph(spans, found, shared)


def _fact_order(f: Fact) -> tuple[str, str, str, str, str]:
    other = f.other.key if f.other else ""
    return (f.org.key, f.type, f.date or "", other, ",".join(f.claims))


def _first(prefix: str | None) -> date:
    return time.first_day(prefix) if prefix else date.max


def _merge_dates(
    items: list[tuple[str | None, set[str]]],
) -> list[tuple[str | None, set[str]]]:
    """Compatible dates ("2014", "2014-03", unknown) are one, keeping the finer."""
    out: list[tuple[str | None, set[str]]] = []
    for when, claims in sorted(items, key=lambda x: (x[0] is None, _first(x[0]), x[0] or "")):
        for i, (seen, seen_claims) in enumerate(out):
            if time.compatible(seen, when):
                out[i] = (time.finer(seen, when), seen_claims | claims)
                break
        else:
            out.append((when, set(claims)))
    return out


@dataclass
class _Row:
    start: str | None = None
    end: str | None = None
    ongoing: bool = False
    began: str | None = None
    ended: str | None = None
    claims: set[str] = field(default_factory=set)


def _merge_marks(marks: list[_Mark]) -> list[_Mark]:
    """Starts (or ends) with compatible dates are one mark, with the finer date and the more
    telling type ("renamed" rather than "established")."""
    merged: list[_Mark] = []
    for m in marks:
        same = next(
            (
                x
                for x in merged
                if x.start == m.start and x.date and m.date and time.compatible(x.date, m.date)
            ),
            None,
        )
        if same is None:
            merged.append(_Mark(m.start, m.date, m.type, set(m.claims)))
            continue
        same.date = time.finer(same.date, m.date)
        same.claims |= m.claims
        if m.type not in ("established", "abolished"):
            same.type = m.type
    return merged


def _spans(marks: list[_Mark]) -> list[_Row]:
    """Spans from start and end marks: the dated marks in order, then the undated ones."""
    merged = _merge_marks(marks)
    dated = sorted(
        (m for m in merged if m.date),
        key=lambda m: (*time.bounds(m.date or ""), not m.start),
    )
    rows: list[_Row] = []
    current: _Row | None = None
    closed_unknown: list[_Row] = []
    for m in dated:
        if m.start:
            if current is not None:
                rows.append(current)
                closed_unknown.append(current)
            current = _Row(start=m.date, began=m.type, claims=set(m.claims))
        elif current is not None:
            current.end, current.ended = m.date, m.type
            current.claims |= m.claims
            rows.append(current)
            current = None
        else:
            rows.append(_Row(end=m.date, ended=m.type, claims=set(m.claims)))
    if current is not None:
        current.ongoing = True
        rows.append(current)
    for m in (m for m in merged if not m.date):
        if m.start:
            if not rows:
                rows.append(_Row(ongoing=True))
            rows[0].began = rows[0].began or m.type
            rows[0].claims |= m.claims
            continue
        if closed_unknown:
            row = closed_unknown.pop(0)
        elif rows:
            row = rows[-1]
            row.ongoing = False
        else:
            row = _Row()
            rows.append(row)
        row.ended = row.ended or m.type
        row.claims |= m.claims
    return rows or [_Row()]


def _infer_unit_dates(shared: list[Shared], unit_of: UnitOf) -> None:
    """Offices of two bodies with two names share names from the bodies' dates."""
    by_pair: dict[frozenset[str], list[Shared]] = defaultdict(list)
    for s in shared:
        by_pair[frozenset((s.a.key, s.b.key))].append(s)
    for s in shared:
        if s.start is not None:
            continue
        a, b = unit_of(s.a.key), unit_of(s.b.key)
        if a is None or b is None or a[0] != b[0]:
            continue
        bodies = by_pair.get(frozenset((a[1], b[1])), [])
        source = next((x for x in bodies if x.start and _fits(x, s)), None)
        if source is None:
            continue
        s.start = source.start
        s.inferred = True
        s.claims |= source.claims


def _fits(source: Shared, target: Shared) -> bool:
    """The bodies' span can be the offices' one: it starts no later than the offices' end."""
    if target.end is None or source.start is None:
        return True
    return time.first_day(source.start) <= time.last_day(target.end)
