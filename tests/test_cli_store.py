"""The store's commands as a user runs them, on the bundled sample articles.

ingest, who, career, succession, org, conflicts, search, aliases and rebuild, in-process
through Typer's CliRunner (errors handled as ``main()`` does) and, where a traceback or a
crash matters, as the installed console script in a subprocess.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import tenure.api
from tenure.cli import app
from tenure.errors import TenureError
from tests.conftest import SAMPLES, descendants
from tests.store.helpers import dump

SCRIPT = Path(sys.executable).with_name("tenure")
ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
ONSC = "Office of the National Security Commission"
ONSC_FILE = SAMPLES / "Office_of_the_National_Security_Commission.txt"

LI_ZHANSHU = """= Li Zhanshu =

Li Zhanshu
- Native Name Lang: zh-Hans-CN
- Office: Director of the Office of the National Security Commission
- Term Start: March 2013
- Term End: 2016
- Successor: Ding Xuexiang

Li Zhanshu (born 30 August 1950) is a retired Chinese politician.
"""


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run(*args: str | Path) -> Run:
    """Run a command in-process; tenure's own errors end as ``main()`` ends them (exit 2)."""
    result = CliRunner().invoke(app, [str(a) for a in args], env=ENV)
    if isinstance(result.exception, TenureError):
        return Run(2, result.stdout, f"error: {result.exception}")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def script(*args: str | Path, env: dict[str, str] | None = None) -> Run:
    done = subprocess.run(
        [str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **ENV, **(env or {})},
    )
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples ingested once into a database the module's tests only read."""
    db = tmp_path_factory.mktemp("store") / "tenure.db"
    result = run("ingest", SAMPLES, "--db", db, "--format", "json")
    assert result.code == 0, result.err
    totals = result.json()["totals"]
    assert totals["files"] == totals["articles_new"] == len(list(SAMPLES.glob("*.txt")))
    assert totals["claims_new"] > 100
    return db


def holders(result: Run) -> list[tuple[str, str]]:
    assert result.code == 0, result.err
    return [(h["tenure"]["person"]["name"], h["certainty"]) for h in result.json()["holders"]]


# -- the worked example ----------------------------------------------------------------------


def test_who_was_director_on_2016_06_01(store: Path) -> None:
    result = run(
        "who", "Director", "--org", ONSC, "--on", "2016-06-01", "--db", store, "-f", "json"
    )
    assert holders(result) == [("Li Zhanshu", "certain")]
    evidence = result.json()["holders"][0]["tenure"]["evidence"][0]
    assert evidence["article"] == ONSC
    assert evidence["path"].endswith("Office_of_the_National_Security_Commission.txt")
    lines = ONSC_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[evidence["line"] - 1].strip() == evidence["text"].strip()
    assert "Li Zhanshu (2014–2017" in evidence["text"]


def test_who_was_director_on_2017_06_01(store: Path) -> None:
    result = run(
        "who", "Director", "--org", ONSC, "--on", "2017-06-01", "--db", store, "-f", "json"
    )
    # Liu Huaqiu directed the Office of the Central Foreign Affairs Leading Group (renamed this
    # one in 2014) from 2000-09, end unknown; Li Zhanshu certainly held this one-holder post from
    # the end of 2014, so Liu had left by then: ruled out, not possible.
    assert holders(result) == [("Li Zhanshu", "possible"), ("Ding Xuexiang", "possible")]


def test_who_table_and_csv(store: Path) -> None:
    table = run(
        "who",
        "director",
        "--org",
        "office of the national security commission",
        "--on",
        "2016",
        "--db",
        store,
    )
    assert table.code == 0
    assert "Li Zhanshu" in table.out and "certain" in table.out
    rows = list(
        csv.reader(
            io.StringIO(
                run(
                    "who", "Director", "--org", ONSC, "--on", "2017", "--db", store, "-f", "csv"
                ).out
            )
        )
    )
    assert rows[0][:3] == ["person", "certainty", "from"]
    assert [r[:2] for r in rows[1:]] == [
        ["Li Zhanshu", "possible"],
        ["Ding Xuexiang", "possible"],
        ["Liu Huaqiu", "ruled out"],
    ]


def test_tenure_db_environment_variable(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TENURE_DB", str(store))
    result = CliRunner().invoke(
        app,
        ["who", "Director", "--org", ONSC, "--on", "2016", "-f", "json"],
        env={**ENV, "TENURE_DB": str(store)},
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["holders"][0]["tenure"]["person"]["name"] == "Li Zhanshu"


# -- careers, succession, organizations, search ----------------------------------------------


def test_career_spans_several_articles(store: Path) -> None:
    result = run("career", "wang yi", "--db", store, "-f", "json")
    assert result.code == 0, result.err
    career = result.json()
    assert career["person"]["name"] == "Wang Yi"
    assert {
        "Wang Yi",
        "Ministry of Foreign Affairs (China)",
        "Office of the Central Foreign Affairs Commission",
        "Central Leading Group for Taiwan Affairs",
    } <= set(career["articles"])
    posts = {(e["tenure"]["post"]["title"], e["tenure"]["start"]) for e in career["entries"]}
    assert ("Chinese Ambassador to Japan", "2004-09-26") in posts or (
        "Ambassador to Japan",
        "2004-09-26",
    ) in posts
    merged = [
        e["tenure"]
        for e in career["entries"]
        if len({ev["article"] for ev in e["tenure"]["evidence"]}) > 1
    ]
    assert merged, "a holding stated in his biography and an organization's article is one"
    table = run("career", "Wang Yi", "--db", store)
    assert "concurrent with" in table.out


def test_one_person_across_articles(store: Path) -> None:
    career = run("career", "Cai Qi", "--db", store, "-f", "json").json()
    articles = {ev["article"] for e in career["entries"] for ev in e["tenure"]["evidence"]}
    assert len(articles) >= 2


def test_succession(store: Path) -> None:
    result = run("succession", "Director", "--org", ONSC, "--db", store, "-f", "json")
    names = [e["tenure"]["person"]["name"] for e in result.json()["entries"]]
    assert names[-3:] == ["Li Zhanshu", "Ding Xuexiang", "Cai Qi"]
    assert result.json()["entries"][-2]["after_previous"] == {
        "gap": "possible",
        "overlap": "possible",
    }
    assert "holders in order" in run("succession", "Director", "--org", ONSC, "--db", store).out


def test_org(store: Path) -> None:
    result = run("org", ONSC, "--db", store, "-f", "json", "--on", "2024")
    profile = result.json()
    assert profile["name"] == ONSC
    assert {"General Bureau", "Party Committee of the Office"} <= {
        r["name"] for r in profile["subunits"]
    }
    assert profile["parents"][0]["name"].startswith("National Security Commission")
    assert ("Director", "Cai Qi", "certain") in {
        (h["tenure"]["post"]["title"], h["tenure"]["person"]["name"], h["certainty"])
        for h in profile["holders"]
    }
    assert "中央国家安全委员会办公室" in {n["name"] for n in profile["names"]}
    assert run("org", ONSC, "--db", store, "-f", "csv").out.startswith("section,name")


def test_search(store: Path) -> None:
    result = run("search", "Zhongnanhai", "--db", store, "-f", "json")
    hits = result.json()
    assert hits and all("zhongnanhai" in (h["snippet"] + h["name"]).lower() for h in hits[:3])
    assert run("search", "Ding Xuexiang", "--db", store, "-f", "json").json()[0]["name"] == (
        "Ding Xuexiang"
    )


def test_unknown_names_say_so_and_suggest(store: Path) -> None:
    result = run(
        "who", "Director", "--org", "Ofice of the National Security Comission", "--db", store
    )
    assert result.code == 2
    assert "Did you mean" in result.err and ONSC in result.err
    result = run("career", "Wang Yl", "--db", store)
    assert result.code == 2 and "Wang Yi" in result.err


def test_bad_input_never_gives_a_traceback(store: Path, tmp_path: Path) -> None:
    for args in (
        ("who", "Director", "--org", ONSC, "--on", "June 2016", "--db", store),
        ("career", "Nobody At All", "--db", store),
        ("who", "Director", "--db", tmp_path / "missing.db"),
        ("who", "Director", "--db", tmp_path / "no" / "such" / "dir.db"),
        ("aliases", "--aliases", tmp_path / "missing.yaml"),
    ):
        result = script(*args)
        assert result.code == 2, (args, result.err)
        assert "Traceback" not in result.err and result.err.startswith("error:"), result.err


# -- conflicts, aliases, re-ingest, changes --------------------------------------------------


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("*.md", "*.tsv"))
    return folder


def test_conflicting_sources_are_listed_with_both_sides(corpus: Path, tmp_path: Path) -> None:
    (corpus / "Li_Zhanshu.txt").write_text(LI_ZHANSHU, encoding="utf-8")
    db = tmp_path / "c.db"
    assert run("ingest", corpus, "--db", db).code == 0
    found = run("conflicts", "--db", db, "-f", "json").json()
    mine = [
        c for c in found if {c["a"]["person"]["name"], c["b"]["person"]["name"]} == {"Li Zhanshu"}
    ]
    assert len(mine) == 1
    assert mine[0]["kind"] == "dates" and mine[0]["certainty"] == "certain"
    assert {mine[0]["a"]["start"], mine[0]["b"]["start"]} == {"2014", "2013-03"}
    sources = {ev["article"] for side in ("a", "b") for ev in mine[0][side]["evidence"]}
    assert sources == {ONSC, "Li Zhanshu"}
    assert "Li Zhanshu" in run("conflicts", "--db", db).out


def test_an_alias_file_is_listed_and_honoured(corpus: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "tenure-aliases.yaml"
    aliases.write_text(
        f"organizations:\n  {ONSC}:\n    aliases: [NSC Office]\n    wikidata: Q10000001\n",
        encoding="utf-8",
    )
    listed = run("aliases", "--aliases", aliases, "-f", "json").json()
    assert listed[0] == {
        "kind": "organization",
        "name": ONSC,
        "aliases": ["NSC Office"],
        "wikidata": "Q10000001",
        "party": False,
        "source": str(aliases),
    }
    assert any(e["name"] == "Chinese Communist Party" for e in listed)
    db = tmp_path / "a.db"
    assert run("ingest", ONSC_FILE, "--db", db).code == 0
    assert run("who", "Director", "--org", "NSC Office", "--db", db).code == 2
    result = run("ingest", ONSC_FILE, "--db", db, "--aliases", aliases, "-f", "json")
    assert result.json()["rebuilt"] is True
    answer = run(
        "who",
        "Director",
        "--org",
        "nsc office",
        "--on",
        "2016",
        "--db",
        db,
        "--aliases",
        aliases,
        "-f",
        "json",
    )
    assert holders(answer) == [("Li Zhanshu", "certain")]
    assert run("org", "NSC Office", "--db", db, "-f", "json").json()["wikidata"] == "Q10000001"


def test_reingesting_the_samples_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "r.db"
    assert run("ingest", corpus, "--db", db_path).code == 0
    with tenure.api.open(db_path) as db:
        before = dump(db)
    again = run("ingest", corpus, "--db", db_path, "-f", "json").json()["totals"]
    assert again["articles_unchanged"] == again["files"]
    assert (again["claims_new"], again["claims_retired"]) == (0, 0)
    with tenure.api.open(db_path) as db:
        assert dump(db) == before


def test_a_changed_article_retires_its_old_claims(corpus: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "ch.db"
    assert run("ingest", corpus, "--db", db_path).code == 0
    ask = ("who", "Director", "--org", ONSC, "--on", "2013-06-01", "--db", db_path, "-f", "json")
    assert holders(run(*ask)) == [("Liu Huaqiu", "possible")]  # the renamed office's Director
    page = corpus / ONSC_FILE.name
    page.write_text(
        page.read_text(encoding="utf-8").replace("Li Zhanshu (2014–2017", "Li Zhanshu (2013–2017"),
        encoding="utf-8",
    )
    result = run("ingest", corpus, "--db", db_path, "-f", "json").json()
    changed = [a for a in result["articles"] if a["status"] == "changed"]
    assert [a["title"] for a in changed] == [ONSC]
    assert changed[0]["claims_retired"] >= 1 and changed[0]["claims_new"] >= 1
    assert holders(run(*ask)) == [("Liu Huaqiu", "possible"), ("Li Zhanshu", "possible")]
    with tenure.api.open(db_path) as db:
        retired = [c for c in db.claims(include_retired=True, article=ONSC) if c.retired]
    assert any(
        c.data.get("start") == "2014" and c.data.get("person") == "Li Zhanshu" for c in retired
    )


def test_failed_files_are_named_and_the_rest_stored(corpus: Path, tmp_path: Path) -> None:
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    db = tmp_path / "f.db"
    result = script("ingest", corpus, tmp_path / "missing.txt", "--db", db)
    assert result.code == 1
    assert "broken.txt" in result.err and "missing.txt" in result.err
    assert "Traceback" not in result.err
    answer = run("who", "Director", "--org", ONSC, "--on", "2016", "--db", db, "-f", "json")
    assert holders(answer) == [("Li Zhanshu", "certain")]


def test_rebuild_reproduces_the_derived_tables(store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    with sqlite3.connect(store) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    with tenure.api.open(copy) as db:
        before = dump(db)
    result = run("rebuild", "--db", copy, "-f", "json")
    assert result.code == 0 and result.json()["tenures"] > 0
    with tenure.api.open(copy) as db:
        assert dump(db) == before


# -- a crash in the middle of a long ingest --------------------------------------------------


def many_articles(folder: Path, copies: int) -> Path:
    """Copies of the samples under new titles: many distinct articles shaped like real ones."""
    folder.mkdir()
    for i in range(copies):
        for sample in sorted(SAMPLES.glob("*.txt")):
            text = sample.read_text(encoding="utf-8")
            first, rest = text.split("\n", 1)
            title = first.strip("= ").strip()
            (folder / f"{sample.stem}_{i}.txt").write_text(
                f"= {title} {i} =\n{rest}", encoding="utf-8"
            )
    return folder


def article_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def ingest_until(
    folder: Path, db: Path, workers: int, stored: int, **popen: Any
) -> subprocess.Popen[bytes]:
    """``tenure ingest`` of ``folder`` into ``db`` running, once it has committed ``stored``
    articles (``popen``: what else the process is started with, stderr by default ignored)."""
    popen.setdefault("stderr", subprocess.DEVNULL)
    proc = subprocess.Popen(
        [str(SCRIPT), "ingest", str(folder), "--db", str(db), "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        **popen,
    )
    deadline = time.monotonic() + 300
    while article_count(db) < stored and time.monotonic() < deadline:
        assert proc.poll() is None, "the ingest ended before it could be interrupted"
        time.sleep(0.01)
    return proc


@pytest.mark.slow
def test_kill_9_mid_ingest_then_ingest_again_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    folder = many_articles(tmp_path / "many", copies=8)
    total = len(list(folder.glob("*.txt")))
    crashed = tmp_path / "crashed.db"
    proc = ingest_until(folder, crashed, 1, total // 3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done = article_count(crashed)
    assert 0 < done < total

    with tenure.api.open(crashed) as db:
        assert db.integrity_check() == "ok"
    with sqlite3.connect(crashed) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert run("ingest", folder, "--db", crashed).code == 0

    clean = tmp_path / "clean.db"
    assert run("ingest", folder, "--db", clean).code == 0
    with tenure.api.open(crashed) as a, tenure.api.open(clean) as b:
        left, right = dump(a), dump(b)
        assert a.counts()["pending"] == 0
    assert left["articles"] and left == right


@pytest.mark.slow
def test_ctrl_c_mid_ingest_stops_the_workers_and_keeps_what_was_committed(
    tmp_path: Path,
) -> None:
    # Enough articles that the workers are still reading when the first ones are stored:
    # each may run a pipe's length (1 MiB, some 150 sample articles) ahead of the writer.
    folder = many_articles(tmp_path / "many", copies=40)
    total = len(list(folder.glob("*.txt")))
    db = tmp_path / "stopped.db"
    proc = ingest_until(
        folder,
        db,
        2,
        1,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    workers = descendants(proc.pid)
    assert len(workers) >= 2
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the whole group, workers included
    _, err = proc.communicate(timeout=30)
    assert proc.returncode != 0
    assert b"Traceback" not in err
    assert not [pid for pid in workers if os.path.exists(f"/proc/{pid}")]
    assert 0 < article_count(db) < total
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_ingest_names_both_files_of_one_title(tmp_path: Path) -> None:
    copy = tmp_path / "copy" / ONSC_FILE.name
    copy.parent.mkdir()
    shutil.copy(ONSC_FILE, copy)
    db = tmp_path / "t.db"
    result = run("ingest", "--db", db, ONSC_FILE, copy)
    assert result.code == 0
    assert "warning:" in result.err and str(ONSC_FILE) in result.err and str(copy) in result.err
    again = run("ingest", "--db", db, ONSC_FILE, copy, "--format", "json").json()
    assert len(again["warnings"]) == 1
    assert again["totals"]["articles_unchanged"] == 2  # the same text: nothing to replace


def test_career_caption_counts_its_articles(store: Path) -> None:
    several = run("career", "wang yi", "--db", store)
    assert re.search(r"From \d+ articles: ", several.out.replace("\n", " "))
    one = run("career", "li zhanshu", "--db", store)
    assert "From 1 article: " in one.out.replace("\n", " ")


def test_an_empty_answer_is_said_not_drawn(store: Path) -> None:
    result = run("who", "Director", "--org", ONSC, "--on", "1990", "--db", store)
    assert result.code == 0
    assert "No holder known for this date." in result.out
    assert "┏" not in result.out and "person" not in result.out  # no empty table's header


def test_asof_lists_every_post_held_on_a_date(store: Path) -> None:
    table = run("asof", "2017", "--db", store)
    assert table.code == 0, table.err
    assert "Who held what on 2017" in table.out
    data = run("asof", "2017", "--db", store, "-f", "json").json()
    office = next(
        o for o in data["organizations"] if o["organization"] and o["organization"]["name"] == ONSC
    )
    director = next(p for p in office["posts"] if p["post"]["title"] == "Director")
    assert [h["tenure"]["person"]["name"] for h in director["ruled_out"]] == ["Liu Huaqiu"]
    rows = list(csv.DictReader(io.StringIO(run("asof", "2017", "--db", store, "-f", "csv").out)))
    mine = {(r["person"], r["certainty"]) for r in rows if r["organization"] == ONSC}
    assert ("Liu Huaqiu", "ruled out") in mine and ("Li Zhanshu", "possible") in mine
    bad = run("asof", "sometime", "--db", store)
    assert bad.code == 2 and "not a date" in bad.err
