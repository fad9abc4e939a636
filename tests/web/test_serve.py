"""``tenure serve``: the thin command over :func:`tenure.web.server.serve`."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

import tenure.web.server
from tenure.cli import app
from tests.web.conftest import Store, client_for, json_of


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record what ``tenure serve`` asks of the server instead of serving forever."""
    seen: list[dict[str, Any]] = []

    def fake(db: str, host: str, port: int, **options: Any) -> None:
        seen.append({"db": db, "host": host, "port": port, **options})

    monkeypatch.setattr(tenure.web.server, "serve", fake)
    return seen


def test_serve_is_read_only_on_loopback_by_default(
    calls: list[dict[str, Any]], store: Store
) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(store.path)])
    assert result.exit_code == 0, result.output
    assert calls == [
        {
            "db": str(store.path),
            "host": "127.0.0.1",
            "port": 8000,
            "allow_ingest": False,
            "token": None,
            "aliases": None,
            "workers": 1,
        }
    ]
    assert "http://127.0.0.1:8000/" in result.output


def test_allowing_ingest_without_a_token_makes_and_prints_one(
    calls: list[dict[str, Any]], store: Store
) -> None:
    result = CliRunner().invoke(
        app, ["serve", "--db", str(store.path), "--allow-ingest", "--port", "9001"]
    )
    assert result.exit_code == 0, result.output
    token = calls[0]["token"]
    assert calls[0]["allow_ingest"] and len(token) >= 24
    assert token in result.output


def test_workers_build_the_app_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, store: Store
) -> None:
    monkeypatch.setenv(tenure.web.server.ENV_DB, str(store.path))
    monkeypatch.setenv(tenure.web.server.ENV_ALLOW_INGEST, "1")
    monkeypatch.setenv(tenure.web.server.ENV_TOKEN, "from-env")
    with client_for(tenure.web.server.app_from_env()) as client:
        assert json_of(client.get("/index.json"))["counts"]["articles"] == 32
        response = client.post("/api/ingest", headers={"Authorization": "Bearer wrong"})
        assert response.status_code == 403
