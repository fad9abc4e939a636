"""No export adds precision: "2014" is never written as "2014-01-01", in any format.

Hypothesis makes small worlds whose dates are years, months and days at random, stores them,
exports every format and reads each back: every date must come out as the store holds it
(QuickStatements at the matching Wikidata precision; GEXF's whole-day spans bounded by the
first and last day the date allows, with the date as written beside them).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tenure.api
from tenure import time
from tenure.api import Database
from tenure.export import FOLDER_FORMATS, FORMATS, export, readers
from tenure.export.csv import read_table
from tenure.export.quickstatements import wikidata_time
from tenure.model import (
    Evidence,
    Extraction,
    Name,
    OrganizationFacts,
    PersonFacts,
    Source,
    Subject,
    Tenure,
)

PEOPLE = ("Li Wei", "Zhang Min", "Chen Hong")
POSTS = ("Director", "Deputy Director", "Secretary-General")
ORGS = ("Office of Alpha Affairs", "Bureau of Beta Works")
NS = {"g": "http://gexf.net/1.3"}


@st.composite
def prefixes(draw: st.DrawFn) -> str:
    year = draw(st.integers(1900, 2030))
    precision = draw(st.sampled_from(("year", "month", "day")))
    if precision == "year":
        return f"{year:04d}"
    month = draw(st.integers(1, 12))
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{draw(st.integers(1, 28)):02d}"


maybe = st.none() | prefixes()
tenures = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(0, 1), maybe, maybe, st.booleans()),
    min_size=1,
    max_size=6,
)
org_facts = st.tuples(maybe, maybe, maybe, maybe)
"""(formed, dissolved, a former name's end, the official name's start)."""


def article(title: str, subject: Subject, **parts: Any) -> Extraction:
    sha = hashlib.sha256(title.encode()).hexdigest()
    url = "https://example.org/wiki/" + title.replace(" ", "_")
    return Extraction(Source(title, sha, path=f"{title}.txt", url=url), subject, **parts)


def world(
    spans: list[tuple[int, int, int, str | None, str | None, bool]],
    facts: list[tuple[str | None, str | None, str | None, str | None]],
    born: str | None,
) -> list[Extraction]:
    out = []
    for o, (formed, dissolved, former_end, official_start) in enumerate(facts):
        name = ORGS[o]
        items = [
            Tenure(
                PEOPLE[p],
                POSTS[q],
                name,
                start,
                None if ongoing else end,
                ongoing,
                evidence=[Evidence(10 + i, f"- {PEOPLE[p]} ({start}–{end})")],
            )
            for i, (p, q, org, start, end, ongoing) in enumerate(spans)
            if org == o
        ]
        names = [
            Name(name, "official", "en", official_start),
            Name(f"Old {name}", "former", "en", None, former_end),
        ]
        info = OrganizationFacts(names=names, formed=formed, dissolved=dissolved)
        out.append(article(name, Subject("organization", name), organization=info, tenures=items))
    person = PersonFacts(names=[Name(PEOPLE[0])], born=born)
    out.append(article(PEOPLE[0], Subject("person", PEOPLE[0]), person=person))
    return out


def alias_file(folder: Path) -> Path:
    lines = ["persons:"]
    lines += [f"  {name}:\n    wikidata: Q{100 + i}" for i, name in enumerate(PEOPLE)]
    lines += ["posts:", "  wikidata:"]
    for o, org in enumerate(ORGS):
        for q, post in enumerate(POSTS):
            lines += [f"    {post} of the {org}: Q{200 + 10 * o + q}"]
    path = folder / "aliases.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def span(prefix: str | None) -> tuple[str | None, str | None]:
    return (
        (time.first_day(prefix).isoformat(), time.last_day(prefix).isoformat())
        if prefix
        else (
            None,
            None,
        )
    )


def check_every_format(db: Database, folder: Path) -> None:
    truth = {t.id: t for t in db.tenures()}
    orgs = {o.id: o for o in readers.organizations(db)}
    persons = {p.id: p for p in readers.persons(db)}
    paths = {}
    for format in FORMATS:
        target = folder / (format if format in FOLDER_FORMATS else f"out.{format}")
        export(db, format, target)
        paths[format] = target

    def one(values: list[str] | None) -> str | None:
        assert values is None or len(values) == 1
        return values[0] if values else None

    for line in paths["ftm"].read_text(encoding="utf-8").splitlines():
        e = json.loads(line)
        props = e["properties"]
        tid = e["id"].replace("-", "_", 1)
        if e["schema"] == "Occupancy":
            assert one(props.get("startDate")) == truth[tid].start
            assert one(props.get("endDate")) == truth[tid].end
        elif e["schema"] in ("PublicBody", "Organization"):
            assert one(props.get("incorporationDate")) == orgs[tid].formed
            assert one(props.get("dissolutionDate")) == orgs[tid].dissolved
        elif e["schema"] == "Person":
            assert one(props.get("birthDate")) == persons[tid].born

    popolo = json.loads(paths["popolo"].read_text(encoding="utf-8"))
    for m in popolo["memberships"]:
        assert (m.get("start_date"), m.get("end_date")) == (
            truth[m["id"]].start,
            truth[m["id"]].end,
        )
    for o in popolo["organizations"]:
        record = orgs[o["id"]]
        assert (o.get("founding_date"), o.get("dissolution_date")) == (
            record.formed,
            record.dissolved,
        )
        dated = {(n.name, n.start, n.end) for n in record.names if n.start or n.end}
        written = {
            (n["name"], n.get("start_date"), n.get("end_date")) for n in o.get("other_names", [])
        }
        assert dated <= written
    for p in popolo["persons"]:
        assert p.get("birth_date") == persons[p["id"]].born

    for format in FOLDER_FORMATS:

        def table(name: str, fmt: str = format) -> list[dict[str, Any]]:
            if fmt == "csv":
                return list(read_table(paths[fmt] / f"{name}.csv"))
            rows: list[dict[str, Any]] = pq.read_table(paths[fmt] / f"{name}.parquet").to_pylist()
            return rows

        for row in table("tenures"):
            assert (row["start"], row["end"]) == (truth[row["id"]].start, truth[row["id"]].end)
        for row in table("organizations"):
            assert (row["formed"], row["dissolved"]) == (
                orgs[row["id"]].formed,
                orgs[row["id"]].dissolved,
            )
        names = {(o.id, n.name, n.kind, n.start, n.end) for o in orgs.values() for n in o.names}
        assert {
            (r["org_id"], r["name"], r["kind"], r["start"], r["end"]) for r in table("names")
        } == names
        for row in table("persons"):
            assert row["born"] == persons[row["id"]].born

    root = ET.parse(paths["gexf"]).getroot()
    holds = [e for e in root.iterfind("g:graph/g:edges/g:edge", NS) if e.get("kind") == "holds"]
    assert len(holds) == len(truth)
    for edge in holds:
        t = truth[edge.get("id", "")]
        written = {
            v.get("for"): v.get("value") for v in edge.iterfind("g:attvalues/g:attvalue", NS)
        }
        assert (written.get("start_written"), written.get("end_written")) == (t.start, t.end)
        assert edge.get("start") == span(t.start)[0]
        assert edge.get("end") == span(t.end)[1]

    qids = {p.id: p.wikidata for p in persons.values()}
    posts = {pid: e.wikidata for e in readers.post_wikidata(db) for pid in e.post_ids}
    pairs: dict[tuple[str | None, str | None], list[Any]] = {}
    for t in truth.values():
        pairs.setdefault((qids.get(t.person.id), posts.get(t.post.id)), []).append(t)
    for line in paths["quickstatements"].read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        (t,) = pairs[(cells[0], cells[2])]
        qualifiers = dict(zip(cells[3:-2:2], cells[4:-2:2], strict=True))
        assert qualifiers.get("P580") == (wikidata_time(t.start) if t.start else None)
        assert qualifiers.get("P582") == (wikidata_time(t.end) if t.end else None)


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spans=tenures, facts=st.lists(org_facts, min_size=2, max_size=2), born=maybe)
def test_no_format_adds_precision(
    spans: list[tuple[int, int, int, str | None, str | None, bool]],
    facts: list[tuple[str | None, str | None, str | None, str | None]],
    born: str | None,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with tenure.api.open(folder / "t.db", aliases=alias_file(folder)) as db:
            db.ingest_extractions(world(spans, facts, born))
            check_every_format(db, folder)
