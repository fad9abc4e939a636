"""The organization page's lineage: names over time, predecessors, two names, on a date."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.web.conftest import OFFICE, Store, json_of
from tests.web.test_pages import page


def test_the_page_draws_names_over_time_and_lists_the_chain(
    client: TestClient, store: Store
) -> None:
    doc = page(client, f"/org/{store.ids['office']}")
    section = doc.find("section", cls="lineage")
    assert section.find("h2").text == "Lineage"
    chart = section.find("figure", cls="lineage-chart")
    labels = [li.text for li in chart.find("ol").find_all("li")]
    assert any(t.startswith("Office of the Central Foreign Affairs Leading Group") for t in labels)
    assert any(t.startswith("Office of the Central National Security Commission") for t in labels)
    assert any(t.startswith("two names:") for t in labels)
    bars = chart.find_all("a", cls="bar")
    assert len(bars) == len(labels)
    assert all(bar.attrs["href"].startswith("/claim/cl") for bar in bars)
    renamed = next(b for b in bars if "Central National Security Commission (2014" in b.text)
    assert "was renamed the Office of the Central National Security Commission" in renamed.text
    chain = [li.text for li in section.find_all("li", cls="link")]
    assert any(
        "2014" in t
        and "Office of the Central Foreign Affairs Leading Group" in t
        and "renamed" in t
        for t in chain
    )
    shared = section.find_all("li", cls="two-names")
    office = next(
        li for li in shared if "Central National Security Leading Group Office" in li.text
    )
    assert "Sep 2000 – 2014" in office.text
    assert "dated by the bodies these are offices of" in office.text
    assert office.find("a", cls="src") is not None  # evidence links to the sentences


def test_on_a_date_the_page_says_what_it_was_called_and_what_it_was_one_with(
    client: TestClient, store: Store
) -> None:
    doc = page(client, f"/org/{store.ids['office']}?on=2005")
    assert "Called Office of the Central Foreign Affairs Leading Group on 2005" in doc.find(
        "p", cls="name-on"
    ).text.replace("\n", " ")
    section = doc.find("section", cls="name-on")
    text = section.text
    assert "Central National Security Leading Group Office" in text and "(second name)" in text
    assert "One body with" in text
    assert "Central Foreign Affairs Leading Group" in text  # its parent then, by its name
    assert "certain" in text
    later = page(client, f"/org/{store.ids['office']}?on=2016").find("section", cls="name-on")
    assert "Office of the Central National Security Commission" in later.text
    assert "One body with" not in later.text


def test_the_json_twin_carries_the_lineage_and_the_names_on_the_date(
    client: TestClient, store: Store
) -> None:
    twin = json_of(client.get(f"/org/{store.ids['office']}.json?on=2005"))
    org = twin["organization"]
    assert org["name"] == OFFICE
    assert ("Central National Security Leading Group Office", "second", "certain") in [
        (n["name"], n["kind"], n["certainty"]) for n in org["names_on"]
    ]
    lineage = org["lineage"]
    assert lineage["organization"]["id"] == store.ids["office"]
    assert [x["type"] for x in lineage["links"] if not x["context"]] == ["renamed"]
    assert any(x["start"] == "2000-09" and x["end"] == "2014" for x in lineage["shared"])


def test_a_body_with_no_events_shows_no_lineage_section(client: TestClient) -> None:
    response = client.get("/org/Cabinet Office", follow_redirects=True)
    assert response.status_code == 200
    assert "<h1>Cabinet Office</h1>" in response.text
    assert 'class="lineage"' not in response.text
