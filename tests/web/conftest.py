"""One store for every web test: the sample articles and a hostile one, ingested once.

``Office_of_Hostile_Affairs.txt`` puts markup and event handlers (``<script>``, ``onerror=``,
``onmouseover=``) in names and sentences, and two Directors certainly at once (a conflict).
"""

from __future__ import annotations

import sqlite3
import warnings
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

import tenure.api
from tenure.web import create_app
from tests.conftest import sample_paths

DATA = Path(__file__).parent / "data"
HOSTILE = DATA / "Office_of_Hostile_Affairs.txt"
OFFICE = "Office of the National Security Commission"
TOKEN = "test-token-9f2c"


@dataclass
class Store:
    """The ingested store, with the ids the tests start from."""

    path: Path
    ids: dict[str, str]


def client_for(app: FastAPI) -> TestClient:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("web") / "tenure.db"
    with tenure.api.open(path) as db:
        report = db.ingest([*sample_paths(), HOSTILE])
        assert not report.failed
        office = db.org(OFFICE)
        hostile = db.org("Office of <script>alert(1)</script> Affairs")
        director = next(t for t in db.tenures(org_id=office.id) if t.person.name == "Li Zhanshu")
        ids = {
            "office": office.id,
            "hostile": hostile.id,
            "li": director.person.id,
            "cai": db.career("Cai Qi").person.id,
            "director": director.post.id,
            "li_claim": director.evidence[0].claim,
        }
    return Store(path, ids)


@pytest.fixture(scope="session")
def app(store: Store) -> FastAPI:
    return create_app(store.path)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with client_for(app) as c:
        yield c


@pytest.fixture(scope="session")
def ingest_app(store: Store, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    """A server that accepts uploads, over its own copy of the store."""
    path = tmp_path_factory.mktemp("ingest") / "tenure.db"
    with closing(sqlite3.connect(store.path)) as source, closing(sqlite3.connect(path)) as copy:
        source.backup(copy)
    return create_app(path, allow_ingest=True, token=TOKEN, max_upload=64 * 1024)


@pytest.fixture(scope="session")
def ingest_client(ingest_app: FastAPI) -> Iterator[TestClient]:
    with client_for(ingest_app) as c:
        yield c


def json_of(response: Any) -> Any:
    assert response.headers["content-type"].startswith("application/json"), response.text[:300]
    return response.json()
