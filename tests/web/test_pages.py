"""Every page and its JSON twin, in-process, over the sample store."""

from __future__ import annotations

from datetime import date

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import OFFICE, Store, json_of
from tests.web.dom import Node, parse


def page(client: TestClient, url: str, status: int = 200) -> Node:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return parse(response.text)


def bar_of(doc: Node, person_id: str, index: int = 0) -> Node:
    bars = [
        a
        for a in doc.find_all("a", cls="bar")
        if a.attrs["href"].startswith(f"/person/{person_id}#")
    ]
    assert bars, f"no timeline bar links to {person_id}"
    return bars[index]


def segments(bar: Node) -> list[tuple[str, float, float]]:
    """A bar's rects as (kind, x, width) in percent."""
    out = []
    for rect in bar.find_all("rect"):
        kind = next(iter(rect.classes - {"seg"}))
        out.append(
            (kind, float(rect.attrs["x"].rstrip("%")), float(rect.attrs["width"].rstrip("%")))
        )
    return out


def test_home_shows_counts_and_where_to_start(client: TestClient, store: Store) -> None:
    doc = page(client, "/")
    twin = json_of(client.get("/index.json"))
    counts = {
        div.find("dt").text: div.find("dd").text.strip()
        for div in doc.find("dl", cls="counts").find_all("div")
    }
    assert counts["organizations"] == str(twin["counts"]["organizations"])
    assert counts["people"] == str(twin["counts"]["persons"])
    assert int(counts["articles"]) == 32
    assert doc.find("a", href=f"/org/{store.ids['office']}").text == OFFICE
    assert doc.find("form", action="/search").find("input", type="search")


def test_search_lists_organizations_before_sentences(client: TestClient, store: Store) -> None:
    doc = page(client, "/search?q=National+Security")
    sections = [s.find("h2").text.split()[0] for s in doc.find_all("section", cls="hits")]
    assert sections[0] == "Organizations"
    org_links = doc.find("section", cls="organization").find_all("a")
    assert f"/org/{store.ids['office']}" in [a.attrs["href"] for a in org_links]
    marks = [m.text for m in doc.find_all("mark")]
    assert "National" in marks and "Security" in marks
    twin = json_of(client.get("/search.json?q=National+Security"))
    assert twin["query"] == "National Security"
    assert {"kind": "organization", "id": store.ids["office"]}.items() <= next(
        h for h in twin["hits"] if h["id"] == store.ids["office"]
    ).items()


def test_search_for_nothing_says_what_to_do(client: TestClient) -> None:
    doc = page(client, "/search?q=", status=400)
    assert "Type something to search for" in doc.find("p", cls="error").text
    response = client.get("/search.json?q=%20")
    assert response.status_code == 400
    assert json_of(response)["error"] == "bad_request"


def test_organization_page_shows_names_units_and_a_timeline_per_post(
    client: TestClient, store: Store
) -> None:
    doc = page(client, f"/org/{store.ids['office']}")
    assert doc.find("h1").text == OFFICE
    assert "中央国家安全委员会办公室" in doc.find("p", cls="native").text
    facts = doc.find("dl", cls="facts").text
    assert "Zhongnanhai, Beijing" in facts
    assert "General Bureau" in facts
    parent = doc.find("dl", cls="facts").find("a")
    assert parent.text == "National Security Commission of the Chinese Communist Party"
    captions = [f.text for f in doc.find_all("figcaption")]
    assert captions[0] == "Director (one holder at a time)"
    assert "Executive Deputy Director" in captions
    director = doc.find_all("figure", cls="timeline")[0]
    assert [a.text for a in director.find("ol").find_all("a")] == [
        "Liu Huaqiu",  # Director of the office under its name before 2014 (its lineage)
        "Li Zhanshu",
        "Ding Xuexiang",
        "Cai Qi",
    ]


def test_a_partial_date_is_drawn_faded_over_the_whole_year(
    client: TestClient, store: Store
) -> None:
    doc = page(client, f"/org/{store.ids['office']}")
    director = doc.find_all("figure", cls="timeline")[0]
    ticks = {
        t.text: float(t.attrs["x"].rstrip("%")) for t in director.find_all("text", cls="tick-label")
    }
    year = (ticks["2015"] - ticks["2010"]) / 5
    li = segments(bar_of(director, store.ids["li"]))
    assert [kind for kind, _, _ in li] == ["fuzzy", "solid", "fuzzy"]
    (_, x0, w0), (_, x1, w1), (_, _, w2) = li
    assert x0 == pytest.approx(ticks["2010"] + 4 * year, abs=0.01)
    assert w0 == pytest.approx(year, rel=0.01)
    assert x1 == pytest.approx(x0 + w0, abs=0.01)
    assert w1 == pytest.approx(2 * year, rel=0.01)
    assert w2 == pytest.approx(year, rel=0.01)


def test_a_current_tenure_opens_to_the_right(client: TestClient, store: Store) -> None:
    doc = page(client, f"/org/{store.ids['office']}")
    director = doc.find_all("figure", cls="timeline")[0]
    cai = bar_of(director, store.ids["cai"])
    kinds = [kind for kind, _, _ in segments(cai)]
    assert kinds == ["fuzzy", "solid", "open"]
    _, x, width = segments(cai)[-1]
    assert x + width == pytest.approx(100, abs=0.01)
    assert cai.find("text", cls="arrow").text == "▶"


def test_a_bar_links_to_the_person_and_shows_its_sentence(client: TestClient, store: Store) -> None:
    doc = page(client, f"/org/{store.ids['office']}")
    li = bar_of(doc, store.ids["li"])
    assert li.attrs["href"].startswith(f"/person/{store.ids['li']}#ten_")
    title = li.find("title").text
    assert title.startswith(f"Li Zhanshu: Director, {OFFICE} (2014–2017)")
    assert "“- Li Zhanshu (2014–2017, Secretary of the Secretariat" in title
    assert "line 35" in title


def test_every_post_shares_one_time_axis(client: TestClient, store: Store) -> None:
    doc = page(client, f"/org/{store.ids['office']}")
    axes = {
        tuple(t.text for t in figure.find_all("text", cls="tick-label"))
        for figure in doc.find_all("figure", cls="timeline")
    }
    assert len(axes) == 1


def test_organization_twin_is_the_same_view(client: TestClient, store: Store) -> None:
    twin = json_of(client.get(f"/org/{store.ids['office']}.json"))
    assert twin["organization"]["name"] == OFFICE
    assert twin["posts"][0]["post"]["title"] == "Director"
    people = [t["person"]["name"] for t in twin["posts"][0]["tenures"]]
    assert people == ["Liu Huaqiu", "Li Zhanshu", "Ding Xuexiang", "Cai Qi"]
    li = twin["posts"][0]["tenures"][1]
    assert (li["start"], li["end"], li["evidence"][0]["line"]) == ("2014", "2017", 35)


def test_organization_by_name_redirects_to_its_address(client: TestClient, store: Store) -> None:
    response = client.get("/org/中央国家安全委员会办公室?on=2016", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == f"/org/{store.ids['office']}?on=2016"
    response = client.get(f"/org/{OFFICE}.json", follow_redirects=False)
    assert response.headers["location"] == f"/org/{store.ids['office']}.json"


def test_holders_on_a_date_are_certain_or_possible(client: TestClient, store: Store) -> None:
    doc = page(client, f"/org/{store.ids['office']}?on=2016")
    rows = doc.find("section", cls="holders").find("tbody").find_all("tr")
    director = [r for r in rows if r.find_all("td")[0].text == "Director"]
    certain = [r for r in director if "certain" in r.classes]
    assert len(certain) == 1 and "Li Zhanshu" in certain[0].text
    assert {r.find_all("a")[0].text for r in director} <= {"Li Zhanshu", "Liu Huaqiu"}
    doc = page(client, f"/org/{store.ids['office']}?on=2017")
    rows = doc.find("section", cls="holders").find("tbody").find_all("tr")
    director = [r for r in rows if r.find_all("td")[0].text == "Director"]
    assert {r.find_all("a")[0].text: r.attrs["class"] for r in director} == {
        "Liu Huaqiu": "possible",  # the renamed office's Director from 2000, end unknown
        "Li Zhanshu": "possible",
        "Ding Xuexiang": "possible",
    }


def test_unknown_organization_is_404_with_suggestions(client: TestClient) -> None:
    doc = page(client, "/org/Office of the National Security Comission", status=404)
    assert doc.find("p", cls="error").text.startswith("No organization matches")
    suggestions = [a.text for a in doc.find("main").find("ul").find_all("a")]
    assert OFFICE in suggestions
    response = client.get("/org/org_0000000000.json")
    assert response.status_code == 404
    assert json_of(response)["error"] == "not_found"


def test_person_page_lays_the_career_on_one_axis(client: TestClient, store: Store) -> None:
    doc = page(client, f"/person/{store.ids['cai']}")
    assert doc.find("h1").text == "Cai Qi"
    labels = [li.text.strip() for li in doc.find("ol", cls="tl-labels").find_all("li")]
    assert labels[:3] == [
        f"Deputy Director, {OFFICE}",
        f"Deputy Director, {OFFICE}",
        f"Director, {OFFICE}",
    ]
    assert len(doc.find_all("svg", cls="tl-chart")) == 1
    bars = doc.find_all("a", cls="bar")
    assert all(b.attrs["href"].startswith("/claim/cl_") for b in bars)
    rows = doc.find("table", cls="career-table").find("tbody").find_all("tr")
    first = rows[0]
    assert first.find("td", cls="dates").text == "Mar 2014 – Apr 2015"
    assert "possible" in first.find("span", cls="certainty").classes
    twin = json_of(client.get(f"/person/{store.ids['cai']}.json"))
    assert twin["person"]["name"] == "Cai Qi"
    assert len(twin["entries"]) == len(rows)


def test_person_by_name_redirects(client: TestClient, store: Store) -> None:
    response = client.get("/person/cai qi", follow_redirects=False)
    assert response.headers["location"] == f"/person/{store.ids['cai']}"
    response = client.get("/person/Nobody Atall.json")
    assert response.status_code == 404
    assert "suggestions" in json_of(response)


def test_post_page_marks_what_lies_between_holders(client: TestClient, store: Store) -> None:
    doc = page(client, f"/post/{store.ids['director']}")
    assert doc.find("h1").text == "Director"
    assert doc.find("p", cls="native").find("a").text == OFFICE
    rows = doc.find("section", cls="succession").find("tbody").find_all("tr")
    holders = [r.find("a").text for r in rows if "transition" not in r.classes]
    assert holders == ["Liu Huaqiu", "Li Zhanshu", "Ding Xuexiang", "Cai Qi"]
    transitions = [r.text for r in rows if "transition" in r.classes]
    assert transitions[1:] == ["↓ handover, gap or overlap: the partial dates cannot tell"] * 2
    twin = json_of(client.get(f"/post/{store.ids['director']}.json"))
    assert twin["entries"][2]["after_previous"] == {"gap": "possible", "overlap": "possible"}


def test_post_by_ambiguous_title_lists_candidates(client: TestClient) -> None:
    response = client.get("/post/Director.json")
    assert response.status_code == 400
    assert any(OFFICE in c for c in json_of(response)["candidates"])


def test_as_of_a_date_marks_certain_and_possible(client: TestClient, store: Store) -> None:
    doc = page(client, "/on/2017")
    office = next(s for s in doc.find_all("section", cls="asof-org") if s.find("h2").text == OFFICE)
    rows, post = {}, ""
    for row in office.find_all("tr"):
        post = row.find_all("td")[0].text or post
        if post == "Director":
            marks = row.find("span", cls="certainty").classes - {"certainty"}
            rows[row.find_all("td")[1].find("a").text] = (row.attrs["class"], marks)
    assert rows == {
        # the renamed office's, end unknown: Li Zhanshu certainly held the post from 2014 on,
        # so, as `who` says, Liu Huaqiu is ruled out, shown and marked so
        "Liu Huaqiu": ("ruled-out", {"ruled-out"}),
        "Li Zhanshu": ("possible", {"possible"}),
        "Ding Xuexiang": ("possible", {"possible"}),
    }
    twin = json_of(client.get("/on/2016.json"))
    entry = next(
        o
        for o in twin["organizations"]
        if o["organization"] and o["organization"]["id"] == store.ids["office"]
    )
    director = next(p for p in entry["posts"] if p["post"]["title"] == "Director")
    assert [(h["tenure"]["person"]["name"], h["certainty"]) for h in director["holders"]] == [
        ("Li Zhanshu", "certain")
    ]
    assert twin["certain"] >= 1 and twin["possible"] >= 1


def test_as_of_form_and_today_go_to_the_canonical_date(client: TestClient) -> None:
    response = client.get("/asof?date=2016-6", follow_redirects=True)
    assert response.url.path == "/on/2016-06"
    response = client.get("/on/today.json", follow_redirects=True)
    assert response.url.path == f"/on/{date.today().isoformat()}.json"
    response = client.get("/on/June 2016")
    assert response.status_code == 400
    assert "YYYY-MM-DD" in parse(response.text).find("p", cls="error").text


def test_conflicts_page_shows_both_sides(client: TestClient) -> None:
    doc = page(client, "/conflicts")
    conflict = doc.find("section", cls="conflict")
    assert "certain" in conflict.text and "overlap" in conflict.text
    people = [r.find("a").text for r in conflict.find("tbody").find_all("tr")]
    assert people == ["Mallory <b onmouseover=alert", 'Oscar "><svg onload=alert']
    twin = json_of(client.get("/conflicts.json"))
    assert [c["kind"] for c in twin["conflicts"]] == ["overlap"]


def test_claim_page_quotes_the_line_it_was_read_from(client: TestClient, store: Store) -> None:
    doc = page(client, f"/claim/{store.ids['li_claim']}")
    assert doc.find("h1").text == f"{OFFICE}, line 35"
    quote = doc.find("blockquote")
    assert quote.find("span", cls="lineno").text == "35"
    assert quote.find("span", cls="line-text").text == (
        "- Li Zhanshu (2014–2017, Secretary of the Secretariat of the CCP Central Committee and "
        "Director of the General Office of the CCP Central Committee)"
    )
    record = doc.find_all("dl", cls="facts")[1].text
    assert "First seen" in record and "Last seen" in record
    twin = json_of(client.get(f"/claim/{store.ids['li_claim']}.json"))
    assert (twin["article"], twin["line"], twin["data"]["person"]) == (OFFICE, 35, "Li Zhanshu")
    assert twin["first_seen"] <= twin["last_seen"]


def test_unknown_claim_is_404(client: TestClient) -> None:
    assert client.get("/claim/cl_nope").status_code == 404
    assert json_of(client.get("/claim/cl_nope.json"))["error"] == "not_found"


def test_every_page_links_its_json_twin(client: TestClient, store: Store) -> None:
    for url in (
        "/",
        f"/org/{store.ids['office']}?on=2016",
        "/conflicts",
        "/on/2016",
        f"/claim/{store.ids['li_claim']}",
    ):
        doc = page(client, url)
        twin = doc.find("link", rel="alternate").attrs["href"]
        assert client.get(twin).status_code == 200, twin


def test_pages_forbid_scripts_they_did_not_ship(client: TestClient, store: Store) -> None:
    response = client.get(f"/org/{store.ids['office']}")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def test_api_docs_work_offline(client: TestClient) -> None:
    doc = page(client, "/docs")
    sources = [s.attrs["src"] for s in doc.find_all("script")]
    sources += [link.attrs["href"] for link in doc.find_all("link")]
    assert sources and all(s.startswith("/") for s in sources), sources
    for src in sources:
        assert client.get(src).status_code == 200, src
    schema = json_of(client.get("/openapi.json"))
    for path in (
        "/api/who",
        "/api/career",
        "/api/succession",
        "/api/org",
        "/api/search",
        "/org/{org_id}.json",
    ):
        assert path in schema["paths"], path
    assert "/api/ingest" not in schema["paths"]


def test_unknown_address_is_404_in_the_format_asked(client: TestClient) -> None:
    assert page(client, "/nowhere", status=404).find("p", cls="error")
    response = client.get("/api/nowhere")
    assert response.status_code == 404
    assert json_of(response)["error"] == "not_found"


def test_static_css_is_served(client: TestClient) -> None:
    response = client.get("/static/tenure.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")


def test_link_checkers_may_ask_head(client: TestClient, store: Store) -> None:
    for url in (f"/org/{store.ids['office']}", f"/org/{store.ids['office']}.json", "/"):
        response = client.head(url)
        assert response.status_code == 200, url
        assert response.content == b""
