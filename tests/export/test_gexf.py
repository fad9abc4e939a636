"""GEXF: well-formed XML Gephi opens as a dynamic graph, tenures as dated edges."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from typing import Any

from tenure.api import Database
from tenure.export.gexf import concurrent
from tests.export.conftest import ONSC, Exports

NS = {"g": "http://gexf.net/1.3"}


def graph(exported: Exports) -> ET.Element:
    path, _ = exported["gexf"]
    root = ET.parse(path).getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    found = root.find("g:graph", NS)
    assert found is not None
    return found


def values(element: ET.Element) -> dict[str, str]:
    return {
        v.get("for", ""): v.get("value", "") for v in element.findall("g:attvalues/g:attvalue", NS)
    }


def edges(exported: Exports) -> list[ET.Element]:
    return graph(exported).findall("g:edges/g:edge", NS)


def test_nodes_and_edges_are_the_graph(exported: Exports, db: Database) -> None:
    g = graph(exported)
    assert (g.get("mode"), g.get("timeformat")) == ("dynamic", "date")
    nodes = g.findall("g:nodes/g:node", NS)
    counts = db.counts()
    kinds = Counter(values(n)["kind"] for n in nodes)
    assert kinds == {
        "person": counts["persons"],
        "post": counts["posts"],
        "organization": counts["organizations"],
    }
    ids = {n.get("id") for n in nodes}
    assert len(ids) == len(nodes)
    found = edges(exported)
    assert len({e.get("id") for e in found}) == len(found)
    for e in found:
        assert e.get("source") in ids and e.get("target") in ids, e.get("id")
        assert e.get("kind") == values(e)["kind"]
    edge_kinds = Counter(e.get("kind") for e in found)
    assert edge_kinds["holds"] == counts["tenures"]
    assert edge_kinds["belongs-to"] == sum(1 for p in db.posts() if p.organization)
    assert edge_kinds["parent"] > 5 and edge_kinds["concurrent-with"] > 0


def test_a_tenure_spans_the_widest_days_its_dates_allow(exported: Exports, db: Database) -> None:
    by_id = {e.get("id"): e for e in edges(exported)}
    spells = {e.tenure.person.name: e.tenure for e in db.succession("Director", org=ONSC).entries}
    li = by_id[spells["Li Zhanshu"].id]
    assert (li.get("start"), li.get("end")) == ("2014-01-01", "2017-12-31")
    assert values(li) == {
        "kind": "holds",
        "start_written": "2014",
        "end_written": "2017",
        "status": "ended",
        "acting": "false",
    }
    cai = by_id[spells["Cai Qi"].id]
    assert cai.get("start") == "2023-01-01" and cai.get("end") is None
    assert values(cai)["status"] == "current"
    month = next(t for t in db.tenures() if t.start and len(t.start) == 7 and t.end)
    edge = by_id[month.id]
    assert edge.get("start") == f"{month.start}-01"
    assert values(edge)["start_written"] == month.start


def test_posts_held_at_once_are_concurrent(exported: Exports, db: Database) -> None:
    wang = db.career("Wang Yi")
    post = {e.tenure.post.title: e.tenure.post.id for e in wang.entries}
    pairs: dict[frozenset[str | None], Any] = {
        frozenset((e.get("source"), e.get("target"))): e
        for e in edges(exported)
        if e.get("kind") == "concurrent-with"
    }
    both = pairs[frozenset((post["Minister of Foreign Affairs"], post["State Councilor of China"]))]
    assert both.get("type") == "undirected"
    assert (both.get("start"), both.get("end")) == ("2018-03-19", "2022-12-30")
    assert values(both)["certainty"] == "certain" and values(both)["person"] == "Wang Yi"


def test_concurrency_skips_undated_and_same_post_and_marks_possible() -> None:
    spans = [
        ("ten_a", "pos_1", "2014", "2017", False),
        ("ten_b", "pos_2", "2017", None, True),
        ("ten_c", "pos_3", None, None, False),
        ("ten_d", "pos_1", "2016", "2018", False),
    ]
    found = list(concurrent("Someone", spans))
    assert len(found) == 2
    possible = ET.fromstring(found[0].replace("<edge", '<edge xmlns="http://gexf.net/1.3"', 1))
    assert possible.get("source") == "pos_1" and possible.get("target") == "pos_2"
    assert (possible.get("start"), possible.get("end")) == ("2017-01-01", "2017-12-31")
    assert values(possible)["certainty"] == "possible"
