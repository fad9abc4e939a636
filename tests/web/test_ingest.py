"""``POST /api/ingest``: absent unless allowed, then behind a token, and bounded."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tenure.web import create_app
from tests.web.conftest import TOKEN, Store, json_of

ARTICLE = """= Office of Test Affairs =

Infobox
- Agency Name: Office of Test Affairs
- Chief1 Name: Zhang Ceshi
- Chief1 Position: Director

== Leaders ==

; Director

- Zhang Ceshi (2019–2021)
- Wang Shiyan (2021–)
"""

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def upload(name: str = "Office_of_Test_Affairs.txt", text: str = ARTICLE) -> dict[str, Any]:
    return {"files": (name, text.encode("utf-8"), "text/plain")}


def test_read_only_server_has_no_ingest(client: TestClient) -> None:
    response = client.post("/api/ingest", files=upload(), headers=AUTH)
    assert response.status_code in (404, 405)
    assert (
        json_of(
            client.get("/api/who", params={"post": "Director", "org": "Office of Test Affairs"})
        )["error"]
        == "not_found"
    )


def test_ingest_without_a_token_is_401(ingest_client: TestClient) -> None:
    response = ingest_client.post("/api/ingest", files=upload())
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "Bearer" in json_of(response)["detail"]


@pytest.mark.parametrize("header", [f"Bearer {TOKEN}x", "Bearer test", f"Bearer  {TOKEN[:-1]}"])
def test_ingest_with_a_wrong_token_is_403(ingest_client: TestClient, header: str) -> None:
    response = ingest_client.post("/api/ingest", files=upload(), headers={"Authorization": header})
    assert response.status_code == 403
    assert json_of(response)["error"] == "forbidden"


def test_ingest_with_basic_auth_is_401(ingest_client: TestClient) -> None:
    response = ingest_client.post(
        "/api/ingest", files=upload(), headers={"Authorization": f"Basic {TOKEN}"}
    )
    assert response.status_code == 401


def test_ingest_stores_the_articles_and_answers_at_once(ingest_client: TestClient) -> None:
    response = ingest_client.post(
        "/api/ingest",
        headers=AUTH,
        files=[
            ("files", ("Office_of_Test_Affairs.txt", ARTICLE.encode(), "text/plain")),
            ("files", ("broken.txt", b"\x00\x01binary", "application/octet-stream")),
        ],
    )
    assert response.status_code == 200, response.text
    report = json_of(response)
    assert report["totals"]["files"] == 2
    assert report["totals"]["articles_new"] == 1
    assert report["totals"]["articles_failed"] == 1
    statuses = {a["path"]: a["status"] for a in report["articles"]}
    assert statuses == {"upload/Office_of_Test_Affairs.txt": "new", "upload/broken.txt": "failed"}
    who = json_of(
        ingest_client.get(
            "/api/who", params={"post": "Director", "org": "Office of Test Affairs", "on": "2020"}
        )
    )
    assert [h["tenure"]["person"]["name"] for h in who["holders"]] == ["Zhang Ceshi"]
    assert who["holders"][0]["tenure"]["evidence"][0]["path"] == "upload/Office_of_Test_Affairs.txt"
    again = json_of(ingest_client.post("/api/ingest", headers=AUTH, files=upload()))
    assert again["totals"]["articles_unchanged"] == 1


def test_ingest_over_the_size_limit_is_413(ingest_client: TestClient) -> None:
    big = ARTICLE + ("- Filler Person (2001–2002)\n" * 4000)
    assert len(big) > 64 * 1024
    response = ingest_client.post("/api/ingest", files=upload(text=big), headers=AUTH)
    assert response.status_code == 413
    assert "MB" in json_of(response)["detail"] or "over" in json_of(response)["detail"]


def test_ingest_of_nothing_is_400(ingest_client: TestClient) -> None:
    response = ingest_client.post("/api/ingest", files={"note": (None, b"hello")}, headers=AUTH)
    assert response.status_code == 400
    assert "no files" in json_of(response)["detail"]
    response = ingest_client.post(
        "/api/ingest", content=ARTICLE.encode(), headers={**AUTH, "Content-Type": "text/plain"}
    )
    assert response.status_code == 400
    assert "multipart/form-data" in json_of(response)["detail"]


def test_ingest_route_is_documented_only_when_allowed(ingest_client: TestClient) -> None:
    schema = json_of(ingest_client.get("/openapi.json"))
    assert "post" in schema["paths"]["/api/ingest"]


def test_allowing_ingest_needs_a_token(store: Store) -> None:
    with pytest.raises(ValueError, match="token"):
        create_app(store.path, allow_ingest=True)
