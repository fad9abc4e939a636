"""The store's behaviour, run against every backend: SQLite now, PostgreSQL by URL.

Set ``TENURE_TEST_POSTGRES_URL`` to run the same tests on PostgreSQL (marker ``postgres``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, inspect, select, text

from tenure.api import Database
from tenure.errors import UsageError
from tenure.store import schema as s
from tenure.store.sql import StoreError, open_store

from .helpers import POSTGRES_URL, article, derived, dump, event_, open_db, tenure_

BACKENDS = [pytest.param("sqlite", id="sqlite")]
if POSTGRES_URL:
    BACKENDS.append(pytest.param("postgres", id="postgres", marks=pytest.mark.postgres))

ONSC = "Office of the National Security Commission"


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "postgres":
        assert POSTGRES_URL
        database = open_db(POSTGRES_URL)
        with database.store.begin() as conn:
            for table in reversed(s.metadata.sorted_tables):
                conn.execute(table.delete())
    else:
        database = open_db(str(tmp_path / "t.db"))
    yield database
    database.close()


def onsc(**changes: object) -> object:
    tenures = [
        tenure_("Li Zhanshu", "Director", ONSC, "2014", "2017", line=35),
        tenure_("Ding Xuexiang", "Director", ONSC, "2017", "2023", line=36),
        tenure_("Cai Qi", "Director", ONSC, "2023", None, True, line=37),
        tenure_("Cai Qi", "Deputy Director", ONSC, "2014-03", "2015-04", line=41),
    ]
    events = [event_("established", ONSC, "2014")]
    return article(
        ONSC,
        changes.get("tenures", tenures),
        changes.get("events", events),
        parent="National Security Commission of the Chinese Communist Party",
        subunits=["General Bureau"],
    )


def test_schema_version_is_recorded_and_reopening_migrates_nothing(db: Database) -> None:
    with db.store.connect() as conn:
        versions = conn.execute(select(s.schema_version.c.version)).scalars().all()
    assert versions == [s.SCHEMA_VERSION]
    db.store.migrate()
    with db.store.connect() as conn:
        assert conn.execute(select(s.schema_version.c.version)).scalars().all() == versions


def test_a_version_1_database_is_migrated_and_keeps_its_rows(db: Database) -> None:
    """Version 2 dropped ``ix_claims_kind``: a version 1 store (the index there, version 1
    recorded alone) loses the index, records version 2 and keeps its claims and tables."""
    db.ingest_extractions(
        [article(ONSC, [tenure_("Li Zhanshu", "Director", ONSC, "2014", "2017")])]
    )
    before = dump(db)
    with db.store.begin() as conn:
        conn.execute(text("CREATE INDEX ix_claims_kind ON claims (kind, retired)"))
        conn.execute(s.schema_version.delete())
        conn.execute(s.schema_version.insert().values(version=1, applied_at="x"))
    db.store.migrate()
    with db.store.connect() as conn:
        versions = conn.execute(select(s.schema_version.c.version)).scalars().all()
        indexes = set(_index_names(conn))
    assert sorted(versions) == list(range(1, s.SCHEMA_VERSION + 1))
    assert "ix_claims_kind" not in indexes and "ix_claims_article" in indexes
    assert dump(db) == before


def test_a_version_2_database_gets_the_indexes_who_reads(db: Database) -> None:
    """Version 3 widened the two indexes ``who`` finds a post by, so that it reads them alone:
    a version 2 store (the old indexes, version 2 recorded last) gets them, records version
    3, keeps its rows and answers as before."""
    db.ingest_extractions([onsc()])
    before = dump(db)
    answer = db.who("Director", ONSC, "2016-06-01")
    with db.store.begin() as conn:
        for statement in (
            "DROP INDEX ix_org_names_key",
            'CREATE INDEX ix_org_names_key ON org_names ("key")',
            "DROP INDEX ix_posts_org_key",
            'CREATE INDEX ix_posts_org_key ON posts (org_id, "key")',
        ):
            conn.execute(text(statement))
        conn.execute(s.schema_version.delete())
        for version in (1, 2):  # and version 4's tables, which it leaves as they are
            conn.execute(s.schema_version.insert().values(version=version, applied_at="x"))
    db.store.migrate()
    with db.store.connect() as conn:
        versions = conn.execute(select(s.schema_version.c.version)).scalars().all()
        columns = {
            (table, index["name"]): index["column_names"]
            for table in ("org_names", "posts")
            for index in inspect(conn).get_indexes(table)
        }
    assert sorted(versions) == list(range(1, s.SCHEMA_VERSION + 1))
    assert columns[("org_names", "ix_org_names_key")] == ["key", "org_id"]
    assert columns[("posts", "ix_posts_org_key")] == [
        "org_id",
        "key",
        "id",
        "title",
        "single_holder",
    ]
    assert dump(db) == before
    assert db.who("Director", ONSC, "2016-06-01") == answer


def test_a_version_3_database_keeps_persons_and_organizations_by_id(db: Database) -> None:
    """Version 4 keeps persons and organizations in the order of their ids on SQLite
    (``WITHOUT ROWID``), which SQLite cannot alter: a version 3 store's tables are made anew
    with their rows, version 4 is recorded and the answers are as before. PostgreSQL records
    the version and changes nothing."""
    db.ingest_extractions([onsc()])
    before = dump(db)
    answer = db.who("Director", ONSC, "2016-06-01")
    sqlite = db.store.engine.dialect.name == "sqlite"
    with db.store.begin() as conn:
        if sqlite:
            for table in ("persons", "organizations"):
                ddl = conn.exec_driver_sql(
                    "SELECT sql FROM sqlite_master WHERE name = ?", (table,)
                ).scalar()
                assert "WITHOUT ROWID" in ddl
                old = ddl.replace("WITHOUT ROWID", "").replace(f"TABLE {table}", "TABLE old")
                conn.exec_driver_sql(old)
                conn.exec_driver_sql(f"INSERT INTO old SELECT * FROM {table}")
                conn.exec_driver_sql(f"DROP TABLE {table}")
                conn.exec_driver_sql(f"ALTER TABLE old RENAME TO {table}")
        conn.execute(s.schema_version.delete())
        for version in (1, 2, 3):
            conn.execute(s.schema_version.insert().values(version=version, applied_at="x"))
    db.store.migrate()
    with db.store.connect() as conn:
        versions = conn.execute(select(s.schema_version.c.version)).scalars().all()
        if sqlite:
            for table in ("persons", "organizations"):
                ddl = conn.exec_driver_sql(
                    "SELECT sql FROM sqlite_master WHERE name = ?", (table,)
                ).scalar()
                assert ddl.rstrip().endswith("WITHOUT ROWID"), ddl
    assert sorted(versions) == [1, 2, 3, 4] == list(range(1, s.SCHEMA_VERSION + 1))
    assert dump(db) == before
    assert db.who("Director", ONSC, "2016-06-01") == answer


def _index_names(conn: Connection) -> list[str]:
    return [index["name"] for index in inspect(conn).get_indexes("claims")]


def test_a_database_from_a_newer_tenure_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_store(path).close()
    store = open_store(path)
    with store.begin() as conn:
        conn.execute(s.schema_version.insert().values(version=99, applied_at="x"))
    store.close()
    with pytest.raises(StoreError, match="newer tenure"):
        open_store(path)


def test_sqlite_files_run_in_wal_mode(tmp_path: Path) -> None:
    store = open_store(tmp_path / "w.db")
    with store.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    assert store.integrity_check() == "ok"
    store.close()


def test_asking_a_missing_database_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="tenure ingest"):
        open_store(tmp_path / "none.db", create=False)


def test_claims_get_deterministic_ids_and_keep_their_source(db: Database) -> None:
    report = db.ingest_extractions([onsc()])
    assert report.claims_new == len(list(db.claims()))
    claims = {c.data.get("person"): c for c in db.claims() if c.kind == "tenure"}
    li = claims["Li Zhanshu"]
    assert (li.article, li.line, li.path, li.revision, li.retired) == (
        ONSC,
        35,
        f"{ONSC}.txt",
        "1",
        False,
    )
    assert li.text.startswith("- Li Zhanshu")
    other = open_db()
    other.ingest_extractions([onsc()])
    assert sorted(c.id for c in other.claims()) == sorted(c.id for c in db.claims())


def test_a_missing_start_and_a_missing_end_do_not_collide(db: Database) -> None:
    x = article(
        "A",
        [
            tenure_("P Q", "Director", "A", "2014", None),
            tenure_("P Q", "Director", "A", None, "2014"),
        ],
    )
    db.ingest_extractions([x])
    assert len({c.id for c in db.claims() if c.kind == "tenure"}) == 2


def test_reingesting_the_same_article_changes_nothing(db: Database) -> None:
    first = db.ingest_extractions([onsc()])
    before = dump(db)
    again = db.ingest_extractions([onsc()])
    assert dump(db) == before
    assert (again.claims_new, again.claims_retired) == (0, 0)
    assert again.claims_unchanged == first.claims_new
    assert [a.status for a in again.articles] == ["unchanged"]


def test_a_changed_article_retires_vanished_claims_and_keeps_them(db: Database) -> None:
    db.ingest_extractions([onsc()])
    li = next(c for c in db.claims() if c.data.get("person") == "Li Zhanshu")
    changed = onsc(
        tenures=[
            tenure_("Li Zhanshu", "Director", ONSC, "2014", "2016", line=35),
            tenure_("Ding Xuexiang", "Director", ONSC, "2017", "2023", line=36),
        ]
    )
    report = db.ingest_extractions([changed])
    assert report.articles[0].status == "changed"
    assert (report.claims_new, report.claims_retired) == (1, 3)
    old = db.claim(li.id)
    assert old is not None and old.retired and old.last_seen == li.last_seen
    assert len(list(db.claims(include_retired=True))) == len(list(db.claims())) + 3
    holders = [h.tenure.person.name for h in db.who("Director", ONSC, "2016-06-01").holders]
    assert holders == ["Li Zhanshu"]
    assert db.who("Director", ONSC, "2016-06-01").holders[0].tenure.end == "2016"
    assert "Cai Qi" not in {p.name for p in db.persons()}
    db.ingest_extractions([onsc()])
    revived = db.claim(li.id)
    assert revived is not None and not revived.retired


def test_incremental_ingest_ends_with_exactly_what_a_rebuild_makes(db: Database) -> None:
    bio = article(
        "Cai Qi", [tenure_("Cai Qi", "Director", ONSC, "2023-03", None, True)], kind="person"
    )
    general = article(
        "General Office of the Chinese Communist Party",
        [tenure_("Cai Qi", "Director", "General Office of the Chinese Communist Party", "2022")],
        [
            event_(
                "renamed",
                "Central Secretariat Office",
                "1949",
                "General Office of the Chinese Communist Party",
            )
        ],
    )
    db.ingest_extractions([onsc()])
    db.ingest_extractions([bio])
    db.ingest_extractions([general])
    db.ingest_extractions([onsc(tenures=[tenure_("Li Zhanshu", "Director", ONSC, "2014", "2016")])])
    incremental = derived(db)
    db.rebuild()
    assert derived(db) == incremental


def test_the_same_holding_from_two_articles_merges_keeping_the_finer_date(db: Database) -> None:
    bio = article(
        "Ding Xuexiang",
        [
            tenure_(
                "Ding Xuexiang",
                "Director",
                "Office of the National Security Commission",
                "2017-10-28",
                "2023-03",
                line=7,
            )
        ],
        kind="person",
    )
    db.ingest_extractions([onsc(), bio])
    ding = [t for t in db.tenures() if t.person.name == "Ding Xuexiang"]
    assert len(ding) == 1
    assert (ding[0].start, ding[0].end) == ("2017-10-28", "2023-03")
    assert {e.article for e in ding[0].evidence} == {ONSC, "Ding Xuexiang"}


def test_disagreeing_dates_of_one_holding_are_both_kept_as_a_conflict(db: Database) -> None:
    a = article("Office A", [tenure_("Zhang San", "Director", "Office A", "2014-03", None)])
    b = article(
        "Zhang San", [tenure_("Zhang San", "Director", "Office A", "2015", None)], kind="person"
    )
    db.ingest_extractions([a, b])
    found = db.conflicts()
    assert [(c.kind, c.certainty) for c in found] == [("dates", "possible")]
    starts = {found[0].a.start, found[0].b.start}
    assert starts == {"2014-03", "2015"}
    assert {e.article for e in found[0].a.evidence + found[0].b.evidence} == {
        "Office A",
        "Zhang San",
    }
    assert len([t for t in db.tenures() if t.person.name == "Zhang San"]) == 2


def test_two_certain_directors_at_once_are_a_conflict_but_year_overlaps_are_not(
    db: Database,
) -> None:
    x = article(
        "Bureau",
        [
            tenure_("A One", "Director", "Bureau", "2010", "2015"),
            tenure_("B Two", "Director", "Bureau", "2013", "2018"),
            tenure_("C Three", "Director", "Bureau", "2018", "2020"),
            tenure_("D Four", "Deputy Director", "Bureau", "2010", "2020"),
            tenure_("E Five", "Deputy Director", "Bureau", "2011", "2020"),
        ],
    )
    db.ingest_extractions([x])
    found = db.conflicts()
    assert [(c.kind, sorted([c.a.person.name, c.b.person.name])) for c in found] == [
        ("overlap", ["A One", "B Two"])
    ]


def test_subject_names_abbreviations_and_renames_resolve_to_one_organization(
    db: Database,
) -> None:
    from tenure.model import Name

    x = article(
        "Central Policy Research Office",
        [tenure_("Jiang Jinquan", "Director", "Central Policy Research Office (CPRO)", "2020")],
        [
            event_(
                "renamed",
                "Policy Research Office of the CCP Central Committee",
                "1989",
                "Central Policy Research Office",
            )
        ],
        names=[Name("中央政策研究室", "native", "zh")],
    )
    db.ingest_extractions([x])
    profile = db.org("CPRO")
    assert profile.name == "Central Policy Research Office"
    kinds = {(n.name, n.kind) for n in profile.names}
    assert ("中央政策研究室", "native") in kinds
    assert ("CPRO", "abbreviation") in kinds
    assert ("Policy Research Office of the CCP Central Committee", "former") in kinds
    assert db.org("中央政策研究室").id == profile.id
    assert (
        db.org("Policy Research Office of the Central Committee of the Chinese Communist Party").id
        == profile.id
    )


def test_search_finds_names_and_evidence(db: Database) -> None:
    db.ingest_extractions([onsc()])
    hits = db.search("zhanshu")
    assert {h.kind for h in hits} >= {"person", "claim"}
    assert any(h.name == "Li Zhanshu" and h.kind == "person" for h in hits)
    assert db.search("nothing like this") == []


def test_search_falls_back_to_like_without_fts(db: Database) -> None:
    db.ingest_extractions([onsc()])
    db.store._fts = False  # type: ignore[attr-defined]
    hits = db.search("Zhanshu")
    assert any(h.name == "Li Zhanshu" for h in hits)


def test_unreadable_input_is_reported_and_nothing_else_is_lost(
    db: Database, tmp_path: Path
) -> None:
    good = tmp_path / "Good.txt"
    good.write_text("= Good Office =\n\n== Leaders ==\n; Director\n- Wu Liu (2001–2005)\n")
    report = db.ingest([good, tmp_path / "missing.txt"])
    assert [a.status for a in report.articles] == ["new", "failed"]
    assert report.failed[0].path == str(tmp_path / "missing.txt")
    assert report.articles[0].claims_new > 0
    with db.store.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar() == 1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_order_of_ingests_and_revisions_ends_as_a_rebuild(db: Database, seed: int) -> None:
    import random

    from tenure.api import read_article
    from tests.conftest import sample_paths

    rng = random.Random(seed)
    extracted = [read_article(str(p))[0] for p in sample_paths()]
    rng.shuffle(extracted)
    for x in extracted:
        db.ingest_extractions([x])
    for x in rng.sample(extracted, 8):
        x.tenures = [t for t in x.tenures if rng.random() < 0.6]
        x.events = x.events[: len(x.events) // 2]
        x.source.sha256 = f"{rng.getrandbits(256):064x}"
        db.ingest_extractions([x])
    incremental = derived(db)
    db.rebuild()
    assert derived(db) == incremental
