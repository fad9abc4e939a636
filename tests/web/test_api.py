"""The JSON API: the command line's questions over HTTP, and its errors."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import OFFICE, Store, json_of


def get(
    client: TestClient, url: str, params: dict[str, str] | None = None, status: int = 200
) -> dict[str, Any]:
    response = client.get(url, params=params)
    assert response.status_code == status, response.text[:500]
    data: dict[str, Any] = json_of(response)
    return data


def holders(answer: dict[str, Any]) -> list[tuple[str, str]]:
    return [(h["tenure"]["person"]["name"], h["certainty"]) for h in answer["holders"]]


def test_who_held_a_post_in_a_year_inside_a_tenure(client: TestClient) -> None:
    answer = get(client, "/api/who", {"post": "Director", "org": OFFICE, "on": "2016"})
    assert holders(answer) == [("Li Zhanshu", "certain")]
    evidence = answer["holders"][0]["tenure"]["evidence"][0]
    assert (evidence["line"], evidence["article"]) == (35, OFFICE)
    assert evidence["text"].startswith("- Li Zhanshu (2014–2017")


def test_who_in_a_year_two_tenures_share_is_possible_for_both(client: TestClient) -> None:
    answer = get(
        client,
        "/api/who",
        {"post": "director", "org": "中央国家安全委员会办公室", "on": "2017-06-01"},
    )
    # Liu Huaqiu directed the Office of the Central Foreign Affairs Leading Group (renamed this
    # one in 2014) from 2000-09, end unknown; Li Zhanshu certainly held this one-holder post from
    # the end of 2014, so Liu had left by then: ruled out, not possible.
    assert holders(answer) == [("Li Zhanshu", "possible"), ("Ding Xuexiang", "possible")]
    assert [h["tenure"]["person"]["name"] for h in answer["ruled_out"]] == ["Liu Huaqiu"]
    assert answer["on"] == "2017-06-01"


def test_who_without_a_post_says_which_parameter(client: TestClient) -> None:
    error = get(client, "/api/who", {"org": OFFICE}, status=400)
    assert error["error"] == "bad_request"
    assert "'post'" in error["detail"]


def test_who_with_a_bad_date_explains_the_format(client: TestClient) -> None:
    error = get(
        client, "/api/who", {"post": "Director", "org": OFFICE, "on": "2016/06/01"}, status=400
    )
    assert "YYYY-MM-DD" in error["detail"]


def test_who_with_a_misspelt_post_suggests_the_right_one(client: TestClient) -> None:
    error = get(client, "/api/who", {"post": "Directr", "org": OFFICE}, status=404)
    assert error["error"] == "not_found"
    assert error["suggestions"][0] == "Director"


def test_who_with_an_unknown_organization_is_404(client: TestClient) -> None:
    error = get(
        client, "/api/who", {"post": "Director", "org": "Ministry of Silly Walks"}, status=404
    )
    assert "No organization matches 'Ministry of Silly Walks'" in error["detail"]


def test_career_lists_holdings_in_time_order(client: TestClient) -> None:
    answer = get(client, "/api/career", {"person": "cai qi"})
    assert answer["person"]["name"] == "Cai Qi"
    spans = [(e["tenure"]["post"]["title"], e["tenure"]["start"]) for e in answer["entries"]]
    assert spans[:3] == [
        ("Deputy Director", "2014-03"),
        ("Deputy Director", "2015-04"),
        ("Director", "2023"),
    ]
    assert answer["entries"][2]["tenure"]["ongoing"] is True


def test_career_of_nobody_suggests_names(client: TestClient) -> None:
    error = get(client, "/api/career", {"person": "Cai Qii"}, status=404)
    assert "Cai Qi" in error["suggestions"]


def test_succession_in_order_with_transitions(client: TestClient) -> None:
    answer = get(client, "/api/succession", {"post": "Director", "org": OFFICE})
    names = [e["tenure"]["person"]["name"] for e in answer["entries"]]
    # Liu Huaqiu directed this office under its name before 2014 (see its lineage).
    assert names == ["Liu Huaqiu", "Li Zhanshu", "Ding Xuexiang", "Cai Qi"]
    assert answer["entries"][0]["after_previous"] is None
    assert answer["entries"][2]["after_previous"] == {"gap": "possible", "overlap": "possible"}


def test_org_by_any_name_on_a_date(client: TestClient, store: Store) -> None:
    answer = get(client, "/api/org", {"name": "中央国家安全委员会办公室", "on": "2016"})
    assert answer["id"] == store.ids["office"]
    assert answer["on"] == "2016"
    assert ("Li Zhanshu", "certain") in holders(answer)


def test_search_finds_the_office(client: TestClient, store: Store) -> None:
    answer = get(client, "/api/search", {"q": "National Security"})
    assert answer["query"] == "National Security"
    assert store.ids["office"] in [h["id"] for h in answer["hits"]]
    assert len(answer["hits"]) == 20
    assert len(get(client, "/api/search", {"q": "National Security", "limit": "2"})["hits"]) == 2


@pytest.mark.parametrize(
    "params", [{}, {"q": ""}, {"q": "x", "limit": "0"}, {"q": "x", "limit": "ten"}]
)
def test_search_with_bad_parameters_is_400(client: TestClient, params: dict[str, str]) -> None:
    assert get(client, "/api/search", params, status=400)["error"] == "bad_request"


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/who", {"post": "Director", "org": OFFICE, "on": "0000"}),
        ("/api/who", {"post": "Director", "org": OFFICE, "on": "2016-13-45"}),
        ("/api/who", {"post": " ", "org": " "}),
        ("/api/who", {"post": "Director\x00", "org": OFFICE}),
        ("/api/who", {"post": "Director", "on": "today"}),
        ("/api/career", {"person": "x" * 5000}),
        ("/api/career", {"person": "per_"}),
        ("/api/succession", {"post": "pos_", "org": "org_"}),
        ("/api/org", {"name": "%", "on": "-1"}),
        ("/api/search", {"q": '"* OR NEAR('}),
        ("/api/search", {"q": "社会"}),
        ("/on/99999.json", {}),
        ("/org/%00.json", {}),
    ],
)
def test_odd_questions_never_crash(client: TestClient, url: str, params: dict[str, str]) -> None:
    response = client.get(url, params=params)
    assert response.status_code < 500, response.text[:300]
    json_of(response)
