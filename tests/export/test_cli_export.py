"""``tenure export`` as a user runs it: formats, --out, --org, --person, helpful errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tenure.api import Database
from tenure.cli import app
from tenure.errors import TenureError
from tenure.export import Scope
from tests.export.conftest import ONSC

ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}


def run(world: tuple[Path, Path], *args: str | Path) -> tuple[int, str, str]:
    """(exit code, stdout, stderr), tenure's errors ending as ``main()`` ends them (exit 2)."""
    argv = ["export", *map(str, args), "--db", str(world[0]), "--aliases", str(world[1])]
    result = CliRunner().invoke(app, argv, env=ENV)
    if isinstance(result.exception, TenureError):
        return 2, result.stdout, f"error: {result.exception}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_popolo_of_one_organization_to_stdout(world: tuple[Path, Path], db: Database) -> None:
    code, out, err = run(
        world, "--format", "popolo", "--org", "office of the national security commission"
    )
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    onsc = db.org(ONSC)
    assert {m["id"] for m in data["memberships"]} == {t.id for t in db.tenures(org_id=onsc.id)}
    orgs = {o["id"] for o in data["organizations"]}
    assert onsc.id in orgs
    assert all(o.get("parent_id", o["id"]) in orgs for o in data["organizations"])
    people = {p["name"] for p in data["persons"]}
    assert {"Li Zhanshu", "Ding Xuexiang", "Cai Qi"} <= people
    assert "Wang Yi" not in people
    assert f"tenures from organization {onsc.id} to stdout" in err


def test_ftm_of_one_person_to_a_file(world: tuple[Path, Path], tmp_path: Path) -> None:
    target = tmp_path / "wang.ftm.json"
    code, out, err = run(world, "-f", "ftm", "--person", "wang yi", "--out", target)
    assert code == 0, err
    assert out == ""
    entities = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    holders = {e["properties"]["holder"][0] for e in entities if e["schema"] == "Occupancy"}
    persons = [e for e in entities if e["schema"] == "Person"]
    assert [p["properties"]["name"] for p in persons] == [["Wang Yi"]]
    assert holders == {persons[0]["id"]}
    assert not list(tmp_path.glob("*.part"))


def test_tables_need_a_folder(world: tuple[Path, Path], tmp_path: Path) -> None:
    code, _, err = run(world, "-f", "csv")
    assert code == 2 and "give a folder: --out FOLDER" in err
    code, _, err = run(world, "-f", "parquet", "--out", tmp_path / "pq")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "pq").iterdir())[:2] == [
        "claims.parquet",
        "events.parquet",
    ]


def test_an_unknown_organization_suggests_names(world: tuple[Path, Path]) -> None:
    code, _, err = run(world, "-f", "gexf", "--org", "Office of the National Security Comission")
    assert code == 2
    assert "Did you mean" in err and ONSC in err


def test_quickstatements_names_its_skipped_file(world: tuple[Path, Path], tmp_path: Path) -> None:
    target = tmp_path / "p39.qs"
    code, _, err = run(world, "-f", "quickstatements", "-o", target)
    assert code == 0
    assert f"reasons listed {target}.skipped.tsv" in err
    assert "warning:" in err and "Grand Vizier" in err


def test_a_persons_part_includes_the_bodies_above_their_posts(db: Database) -> None:
    scope = Scope.of(db, person="Li Zhanshu")
    orgs = {o.id: o for o in scope.organizations()}
    posts = list(scope.posts())
    assert {p.organization.id for p in posts if p.organization} <= orgs.keys()
    for org in orgs.values():
        assert {p.id for p in org.parents if p.id} <= orgs.keys()
    assert {t.person.name for t in scope.tenures()} == {"Li Zhanshu"}


def test_a_person_within_an_organization(db: Database) -> None:
    scope = Scope.of(db, org=ONSC, person="Cai Qi")
    spells = sorted((t.post.title, t.start) for t in scope.tenures())
    assert spells == [
        ("Deputy Director", "2014-03"),
        ("Deputy Director", "2015-04"),
        ("Director", "2023"),
    ]
    assert [p.name for p in scope.persons()] == ["Cai Qi"]
    tao = Scope.of(db, org="Taiwan Affairs Office", person="Wang Yi")
    assert [(t.person.name, t.post.title) for t in tao.tenures()] == [("Wang Yi", "Director")]
    events = {e.id for e in tao.events()}
    assert events and events == {e.id for e in db.events(db.org("Taiwan Affairs Office").id)}
