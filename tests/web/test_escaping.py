"""Article text is untrusted: names and sentences carrying markup show as text everywhere.

The hostile article (``data/Office_of_Hostile_Affairs.txt``) puts ``<script>``, ``<img
onerror=…>``, ``<b onmouseover=…>``, ``<svg onload=…>``, ``<iframe src=javascript:…>`` and
attribute-breaking quotes into organization, person and post names, facts and sentences.
"""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

import tenure.api
from tests.web.conftest import Store, json_of
from tests.web.dom import Node, parse

ORG = "Office of <script>alert(1)</script> Affairs"
MALLORY = "Mallory <b onmouseover=alert"
LEAKS = ("<script>alert", "<img src=x", "<b onmouseover", "<svg onload", "<iframe")


@pytest.fixture(scope="module")
def hostile_urls(store: Store) -> list[str]:
    with tenure.api.open(store.path) as db:
        tenures = list(db.tenures(org_id=store.ids["hostile"]))
        claims = [c.id for c in db.claims(article=ORG)]
    people = sorted({t.person.id for t in tenures})
    return [
        "/",
        "/search?q=alert",
        "/search?q=Affairs",
        f"/org/{store.ids['hostile']}",
        f"/org/{store.ids['hostile']}?on=2016",
        *(f"/person/{p}" for p in people),
        f"/post/{tenures[0].post.id}",
        "/on/2016",
        "/on/2024",
        "/conflicts",
        *(f"/claim/{c}" for c in claims),
        "/org/" + ORG.replace("Office", "Offise"),
    ]


def assert_inert(doc: Node, url: str) -> None:
    for node in doc.iter():
        assert node.tag not in ("script", "iframe", "img", "object", "embed", "b"), (url, node)
        if node.tag == "svg":
            assert "tl-chart" in node.classes, (url, node.attrs)
        for name, value in node.attrs.items():
            assert not name.startswith("on"), (url, node.tag, name)
            assert not value.strip().lower().startswith("javascript:"), (url, node.tag, value)


def test_hostile_text_shows_as_text_on_every_page(
    client: TestClient, hostile_urls: list[str]
) -> None:
    assert len(hostile_urls) > 12
    for url in hostile_urls:
        response = client.get(url, follow_redirects=True)
        assert response.status_code in (200, 404), (url, response.status_code)
        for leak in LEAKS:
            assert leak not in response.text, (url, leak)
        doc = parse(response.text)
        assert_inert(doc, url)
        visible = doc.find("main").text
        assert (
            "<script>alert" in visible
            or "onmouseover=alert" in visible
            or "onerror=alert" in visible
            or "<svg onload=alert" in visible
        ), url


def test_names_and_sentences_are_text_in_the_timeline_svg(client: TestClient, store: Store) -> None:
    doc = parse(client.get(f"/org/{store.ids['hostile']}").text)
    assert doc.find("h1").text == ORG
    svg = doc.find("svg", cls="tl-chart")
    titles = [t.text for t in svg.find_all("title")]
    assert any(t.startswith(f"{MALLORY}: Director, {ORG} (2014–2017)") for t in titles)
    assert any("“- Mallory <b onmouseover=alert(5)>Evil</b> (2014–2017" in t for t in titles)
    labels = [a.text for a in doc.find("ol", cls="tl-labels").find_all("a")]
    assert MALLORY in labels
    facts = doc.find("dl", cls="facts")
    assert "<svg onload=alert(3)>" in facts.text
    assert not facts.find_all("a", href="javascript:alert(7)")
    assert "javascript:alert(7)" in facts.text


def test_json_twins_keep_the_text_as_it_was_read(client: TestClient, store: Store) -> None:
    twin = json_of(client.get(f"/org/{store.ids['hostile']}.json"))
    assert twin["organization"]["name"] == ORG
    assert twin["organization"]["headquarters"] == "<svg onload=alert(3)>"
    response = client.get("/api/search", params={"q": "alert"})
    assert response.headers["content-type"].startswith("application/json")


def test_error_pages_escape_the_name_asked_for(client: TestClient) -> None:
    response = client.get("/person/<img src=x onerror=alert(1)>")
    assert response.status_code == 404
    assert "<img src=x" not in response.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in response.text
