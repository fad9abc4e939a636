"""GEXF 1.3 for Gephi: a dynamic graph whose edges carry the spans of tenures.

    tenure export --format gexf --out graph.gexf       # then Gephi: File > Open

Nodes are people, posts and organizations (``kind`` attribute). Edges, each with a GEXF
``kind`` so Gephi keeps them apart:

================  =========================================================================
holds             person -> post, one per tenure (id: the tenure id), from its start to its
                  end; ``status`` current / ended / unknown, ``acting``
belongs-to        post -> organization
parent            organization -> parent organization
concurrent-with   post -- post (undirected): one person held both at once; the span is the
                  overlap, ``certainty`` certain or possible (see :func:`tenure.time.overlap`),
                  ``person`` who. Undated tenures (no start, no end) are left out: they
                  possibly overlap everything.
================  =========================================================================

Gephi's dynamic mode needs whole days, so an edge starts on the *first* day its start date
allows and ends on the *last* day its end date allows ("2014" to "2017" runs from 2014-01-01 to
2017-12-31), the widest span the sources permit; the dates as written stay in the
``start_written`` and ``end_written`` attributes. An unknown or ongoing end leaves the edge open.

Edges need every node first, so the file is written in passes over the store; the tenures are
grouped by person for ``concurrent-with`` through a temporary SQLite file, so memory stays
flat however many tenures there are.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import IO

from tenure import time
from tenure.export.common import Counter, Scope, batched, status
from tenure.query.results import TenureInfo

NAMESPACE = "http://gexf.net/1.3"

NODE_ATTRIBUTES = (
    ("kind", "string"),
    ("type", "string"),
    ("formed", "string"),
    ("dissolved", "string"),
    ("born", "string"),
    ("died", "string"),
    ("wikidata", "string"),
    ("single_holder", "boolean"),
)
EDGE_ATTRIBUTES = (
    ("kind", "string"),
    ("start_written", "string"),
    ("end_written", "string"),
    ("status", "string"),
    ("acting", "boolean"),
    ("certainty", "string"),
    ("person", "string"),
)

Attr = str | bool | None
Span = tuple[str, str, str | None, str | None, bool]
"""(tenure id, post id, start, end, ongoing)."""


_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def attr(value: str) -> str:
    """An XML attribute value, quoted and escaped (characters XML 1.0 forbids dropped)."""
    if _INVALID_XML.search(value) is not None:
        value = _INVALID_XML.sub("", value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = value.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
    return '"' + value.replace("\t", "&#9;") + '"'


@lru_cache(maxsize=65536)
def _days(prefix: str) -> tuple[date, date]:
    return time.bounds(prefix)


def first_day(prefix: str | None) -> str | None:
    return _days(prefix)[0].isoformat() if prefix else None


def last_day(prefix: str | None) -> str | None:
    return _days(prefix)[1].isoformat() if prefix else None


def _reach(span: Span) -> tuple[date, date]:
    """The first and last day a tenure may cover (an unknown side is open)."""
    return (
        _days(span[2])[0] if span[2] else date.min,
        _days(span[3])[1] if span[3] else date.max,
    )


def _attvalues(values: dict[str, Attr]) -> str:
    items = []
    for key, value in values.items():
        if value is None or value == "":
            continue
        text = ("true" if value else "false") if isinstance(value, bool) else value
        items.append(f"<attvalue for={attr(key)} value={attr(text)}/>")
    return f"<attvalues>{''.join(items)}</attvalues>" if items else ""


def node(node_id: str, label: str, values: dict[str, Attr]) -> str:
    return f"      <node id={attr(node_id)} label={attr(label)}>{_attvalues(values)}</node>\n"


def edge(
    edge_id: str,
    source: str,
    target: str,
    kind: str,
    values: dict[str, Attr],
    start: str | None = None,
    end: str | None = None,
    undirected: bool = False,
) -> str:
    span = (f" start={attr(start)}" if start else "") + (f" end={attr(end)}" if end else "")
    kind_attr = f" kind={attr(kind)} label={attr(kind)}"
    direction = ' type="undirected"' if undirected else ""
    return (
        f"      <edge id={attr(edge_id)} source={attr(source)} target={attr(target)}"
        f"{kind_attr}{direction}{span}>{_attvalues({'kind': kind, **values})}</edge>\n"
    )


def _header() -> str:
    def declare(cls: str, items: tuple[tuple[str, str], ...]) -> str:
        rows = "".join(f'      <attribute id="{k}" title="{k}" type="{t}"/>\n' for k, t in items)
        return f'    <attributes class="{cls}" mode="static">\n{rows}    </attributes>\n'

    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<gexf xmlns="{NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{NAMESPACE} {NAMESPACE}/gexf.xsd" version="1.3">\n'
        f'  <meta lastmodifieddate="{date.today().isoformat()}">\n'
        "    <creator>tenure</creator>\n"
        "    <description>People, posts and organizations; tenures as dated edges"
        "</description>\n"
        "  </meta>\n"
        '  <graph mode="dynamic" defaultedgetype="directed" timeformat="date" '
        'timerepresentation="interval">\n'
        + declare("node", NODE_ATTRIBUTES)
        + declare("edge", EDGE_ATTRIBUTES)
    )


def write(scope: Scope, out: IO[str], counter: Counter) -> None:
    """Write ``scope`` to ``out`` as a GEXF 1.3 dynamic graph."""
    out.write(_header())
    out.write("    <nodes>\n")
    for o in scope.organizations():
        out.write(
            node(
                o.id,
                o.name,
                {
                    "kind": "organization",
                    "type": o.type,
                    "formed": o.formed,
                    "dissolved": o.dissolved,
                    "wikidata": o.wikidata,
                },
            )
        )
        counter.add("organizations")
    for p in scope.persons():
        out.write(
            node(
                p.id,
                p.name,
                {"kind": "person", "born": p.born, "died": p.died, "wikidata": p.wikidata},
            )
        )
        counter.add("persons")
    for post in scope.posts():
        out.write(node(post.id, post.title, {"kind": "post", "single_holder": post.single_holder}))
        counter.add("posts")
    out.write("    </nodes>\n    <edges>\n")
    with tempfile.TemporaryDirectory(prefix="tenure-gexf-") as folder:
        spans = _Spans(Path(folder) / "spans.db")
        for batch in batched(scope.tenures(), 1000):
            for t in batch:
                out.write(holds(t))
                counter.add("tenures")
            spans.add(batch)
        for post in scope.posts():
            if post.organization is not None:
                out.write(
                    edge(f"belongs:{post.id}", post.id, post.organization.id, "belongs-to", {})
                )
        for o in scope.organizations():
            for parent in o.parents:
                if parent.id:
                    out.write(edge(f"parent:{o.id}:{parent.id}", o.id, parent.id, "parent", {}))
        for person_name, group in spans.by_person():
            for line in concurrent(person_name, group):
                out.write(line)
        spans.close()
    out.write("    </edges>\n  </graph>\n</gexf>\n")


def holds(t: TenureInfo) -> str:
    return edge(
        t.id,
        t.person.id,
        t.post.id,
        "holds",
        {"start_written": t.start, "end_written": t.end, "status": status(t), "acting": t.acting},
        start=first_day(t.start),
        end=last_day(t.end),
    )


def concurrent(person: str, spans: list[Span], today: date | None = None) -> Iterator[str]:
    """``concurrent-with`` edges between the posts of one person's overlapping tenures."""
    dated = [(s, _reach(s)) for s in spans if s[2] or s[3]]
    for i, (a, (a_lo, a_hi)) in enumerate(dated):
        for b, (b_lo, b_hi) in dated[i + 1 :]:
            if a[1] == b[1] or a_lo > b_hi or b_lo > a_hi:
                continue
            certainty = time.overlap((a[2], a[3], a[4]), (b[2], b[3], b[4]), today)
            if certainty is None:
                continue
            starts = [_days(x)[0] for x in (a[2], b[2]) if x]
            ends = [_days(x)[1] for x in (a[3], b[3]) if x]
            lo, hi = (max(starts) if starts else None), (min(ends) if ends else None)
            if lo and hi and lo > hi:
                lo = hi = None
            yield edge(
                f"concurrent:{a[0]}:{b[0]}",
                a[1],
                b[1],
                "concurrent-with",
                {"certainty": certainty, "person": person},
                start=lo.isoformat() if lo else None,
                end=hi.isoformat() if hi else None,
                undirected=True,
            )


class _Spans:
    """Tenure spans in a temporary SQLite file, read back grouped by person."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path)
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        self.conn.execute(
            "CREATE TABLE spans (person TEXT, name TEXT, tenure TEXT, post TEXT, start TEXT, "
            '"end" TEXT, ongoing INTEGER)'
        )

    def add(self, batch: list[TenureInfo]) -> None:
        self.conn.executemany(
            "INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (t.person.id, t.person.name, t.id, t.post.id, t.start, t.end, int(t.ongoing))
                for t in batch
                if t.start or t.end
            ],
        )

    def by_person(self) -> Iterator[tuple[str, list[Span]]]:
        self.conn.execute("CREATE INDEX spans_person ON spans (person, tenure)")
        person: str | None = None
        name = ""
        group: list[Span] = []
        for row in self.conn.execute(
            'SELECT person, name, tenure, post, start, "end", ongoing FROM spans '
            "ORDER BY person, tenure"
        ):
            if row[0] != person:
                if len(group) > 1:
                    yield name, group
                person, name, group = row[0], row[1], []
            group.append((row[2], row[3], row[4], row[5], bool(row[6])))
        if len(group) > 1:
            yield name, group

    def close(self) -> None:
        self.conn.close()
