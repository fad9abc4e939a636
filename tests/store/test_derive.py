"""The two ways to derive (following changes, rebuilding) and the batched writer.

Ingest picks the cheaper way by the share of claims that changed
(:data:`tenure.store.derive.REBUILD_SHARE`); these tests force each way in turn and check
that both end with exactly the tables ``tenure rebuild`` makes.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tenure.store.derive as derive
from tenure.api import Database, read_article
from tenure.resolve.merge import double_holders
from tenure.store.claims import claims_from_extraction
from tenure.store.holdings import certain_overlaps, evidence_json
from tenure.store.ingest import ArticleWriter
from tenure.store.sql import now
from tests.conftest import sample_paths

from .helpers import article, derived, open_db, tenure_

ONSC = "Office of the National Security Commission"
ALWAYS_UPDATE = 1e9
ALWAYS_REBUILD = 0.0


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_db(str(tmp_path / "t.db"))
    yield database
    database.close()


@pytest.mark.parametrize("share", [ALWAYS_UPDATE, ALWAYS_REBUILD], ids=["update", "rebuild"])
@pytest.mark.parametrize("seed", [4, 5])
def test_both_ways_of_deriving_end_as_a_rebuild(
    db: Database, monkeypatch: pytest.MonkeyPatch, share: float, seed: int
) -> None:
    monkeypatch.setattr(derive, "REBUILD_SHARE", share)
    rng = random.Random(seed)
    extracted = [read_article(str(p))[0] for p in sample_paths()]
    rng.shuffle(extracted)
    for i in range(0, len(extracted), 3):
        db.ingest_extractions(extracted[i : i + 3])
    for x in rng.sample(extracted, 10):
        x.tenures = [t for t in x.tenures if rng.random() < 0.6]
        x.events = x.events[: len(x.events) // 2]
        x.source.sha256 = f"{rng.getrandbits(256):064x}"
        db.ingest_extractions([x])
    incremental = derived(db)
    assert db.counts()["pending"] == 0
    db.rebuild()
    assert derived(db) == incremental


def test_a_large_share_of_changes_is_derived_by_rebuilding(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ways: list[bool] = []
    original = derive.refresh

    def spy(*args: Any, **kwargs: Any) -> derive.Changes:
        changes = original(*args, **kwargs)
        ways.append(changes.rebuilt)
        return changes

    monkeypatch.setattr("tenure.api.refresh", spy)
    onsc = [tenure_("Li Zhanshu", "Director", ONSC, "2014"), tenure_("Cai Qi", "Head", ONSC)]
    db.ingest_extractions([article(ONSC, onsc)])
    assert ways == [True], "a first ingest (every claim new) rebuilds"
    many = [article(f"Office {i}", [tenure_(f"P {i}", "Head", f"Office {i}")]) for i in range(12)]
    db.ingest_extractions(many)
    db.ingest_extractions([article(ONSC, onsc[:1], revision="2")])
    assert ways[1:] == [True, False], "a change to one article of many follows it"


def test_search_index_follows_changed_and_retired_claims(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(derive, "REBUILD_SHARE", ALWAYS_UPDATE)
    first = [tenure_("Li Zhanshu", "Director", ONSC, "2014", "2017", text="Zhanshu line")]
    db.ingest_extractions([article(ONSC, first)])
    db.ingest_extractions([article("Other Office", [tenure_("Wu Liu", "Head", "Other Office")])])
    assert any(h.kind == "claim" for h in db.search("Zhanshu line"))
    second = [tenure_("Ding Xuexiang", "Director", ONSC, "2017", text="Xuexiang line")]
    db.ingest_extractions([article(ONSC, second, revision="2")])
    assert not any(h.kind == "claim" for h in db.search("Zhanshu line"))
    assert any(h.kind == "claim" for h in db.search("Xuexiang line"))
    with db.store.connect() as conn:
        check = "INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)"
        conn.exec_driver_sql(check)


def test_a_transaction_holds_whole_articles(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    db = open_db(str(path))
    articles = [
        article(f"Office {i}", [tenure_(f"Person {i}", "Director", f"Office {i}", "2001")])
        for i in range(5)
    ]
    with pytest.raises(RuntimeError), ArticleWriter(db.store, now(), batch=2) as writer:
        for i, x in enumerate(articles):
            if i == 3:
                raise RuntimeError("the process dies here")
            writer.write(x, claims_from_extraction(x))
    db.close()
    with sqlite3.connect(path) as conn:
        titles = {r[0] for r in conn.execute("SELECT title FROM articles")}
        claim_articles = {r[0] for r in conn.execute("SELECT article FROM claims")}
    assert titles == {"Office 0", "Office 1"}
    assert claim_articles == titles


SPAN = st.tuples(
    st.sampled_from(["a", "b", "c"]),
    st.one_of(st.none(), st.sampled_from(["2001", "2002", "2002-06", "2002-06-15", "2003"])),
    st.one_of(st.none(), st.sampled_from(["2002", "2002-06", "2002-06-20", "2003", "2004"])),
    st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(SPAN, max_size=8))
def test_the_sweep_finds_the_pairs_every_pair_comparison_finds(
    spans: list[tuple[str, str | None, str | None, bool]],
) -> None:
    today = date(2002, 6, 18)
    pairs = double_holders([(p, (s, e, o)) for p, s, e, o in spans], today)
    assert sorted(certain_overlaps(spans, today)) == sorted(pairs)


EVIDENCE = st.fixed_dictionaries(
    {
        "article": st.text(),
        "claim": st.text(),
        "line": st.one_of(st.none(), st.integers(-5, 10**6)),
        "path": st.one_of(st.none(), st.text()),
        "section": st.one_of(st.none(), st.text()),
        "text": st.text(),
    }
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(EVIDENCE, st.dictionaries(st.text(), st.integers())), max_size=4))
def test_evidence_is_encoded_as_json_dumps_encodes_it(records: list[dict[str, Any]]) -> None:
    assert evidence_json(records) == json.dumps(records, ensure_ascii=False, sort_keys=True)
