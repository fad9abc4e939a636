"""Popolo: one JSON document valid against the Popolo schemas shipped in tests/data.

The schemas (draft-03) refer to each other by ``http://www.popoloproject.com/schemas/...``
ids; a local ``referencing`` registry resolves them to the copies here, so nothing is fetched.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft3Validator
from referencing import Registry
from referencing.jsonschema import DRAFT3

from tenure.api import Database
from tenure.export import readers
from tests.conftest import DATA
from tests.export.conftest import ONSC, Exports

SCHEMAS = DATA / "popolo-schemas"
SECTION_SCHEMA = {
    "persons": "person",
    "organizations": "organization",
    "posts": "post",
    "memberships": "membership",
}


@pytest.fixture(scope="module")
def validators() -> dict[str, Draft3Validator]:
    schemas = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.json")}
    registry: Registry[Any] = Registry().with_resources(
        (schema["id"].rstrip("#"), DRAFT3.create_resource(schema)) for schema in schemas.values()
    )
    out = {}
    for section, name in SECTION_SCHEMA.items():
        Draft3Validator.check_schema(schemas[name])
        out[section] = Draft3Validator(
            schemas[name], registry=registry, format_checker=Draft3Validator.FORMAT_CHECKER
        )
    return out


def document(exported: Exports) -> dict[str, Any]:
    path, _ = exported["popolo"]
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def errors(validator: Draft3Validator, obj: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '.'}: {e.message}"
        for e in validator.iter_errors(obj)
    ]


def test_every_object_is_valid_popolo(exported: Exports, validators: dict[str, Any]) -> None:
    data = document(exported)
    assert list(data) == list(SECTION_SCHEMA)
    for section, items in data.items():
        assert items, section
        for obj in items:
            assert errors(validators[section], obj) == [], obj["id"]


def test_the_validator_rejects_what_popolo_forbids(validators: dict[str, Any]) -> None:
    assert errors(validators["memberships"], {"start_date": "2014-1"})
    assert errors(validators["organizations"], {"other_names": [{"name": 5}]})
    assert errors(validators["persons"], {"sources": [{"note": "no url"}]})


def test_memberships_are_the_tenures_with_dates_as_written(exported: Exports, db: Database) -> None:
    memberships = {m["id"]: m for m in document(exported)["memberships"]}
    tenures = {t.id: t for t in db.tenures()}
    assert memberships.keys() == tenures.keys()
    for tenure_id, t in tenures.items():
        m = memberships[tenure_id]
        assert m.get("start_date") == t.start
        assert m.get("end_date") == t.end
        assert m["person_id"] == t.person.id and m["post_id"] == t.post.id
    li = next(
        e.tenure
        for e in db.succession("Director", org=ONSC).entries
        if e.tenure.person.name == "Li Zhanshu"
    )
    assert memberships[li.id]["start_date"] == "2014"
    assert memberships[li.id]["status"] == "ended"
    assert memberships[li.id]["sources"] == [
        {
            "url": "https://en.wikipedia.org/wiki/Office_of_the_National_Security_Commission",
            "note": ONSC,
        }
    ]


def test_names_over_time_parent_and_ids_resolve(exported: Exports, db: Database) -> None:
    data = document(exported)
    orgs = {o["id"]: o for o in data["organizations"]}
    dated = 0
    for record in readers.organizations(db):
        for n in record.names:
            if n.start or n.end:
                dated += 1
                written = {"name": n.name, "start_date": n.start, "end_date": n.end}
                written = {k: v for k, v in written.items() if v}
                names = [
                    {k: v for k, v in x.items() if k != "note"}
                    for x in orgs[record.id]["other_names"]
                ]
                assert written in names, (record.name, n)
    assert dated >= 10
    onsc = next(o for o in orgs.values() if o["name"] == ONSC)
    assert {"name": "中央国家安全委员会办公室", "note": "native, zh"} in onsc["other_names"]
    parent = orgs[onsc["parent_id"]]["name"]
    assert parent == "National Security Commission of the Chinese Communist Party"
    persons = {p["id"] for p in data["persons"]}
    posts = {p["id"]: p for p in data["posts"]}
    for o in orgs.values():
        assert o.get("parent_id", o["id"]) in orgs
    for p in posts.values():
        assert p.get("organization_id", next(iter(orgs))) in orgs
    for m in data["memberships"]:
        assert m["person_id"] in persons and m["post_id"] in posts
        assert m.get("organization_id") == posts[m["post_id"]].get("organization_id")


def test_wikidata_ids_are_identifiers(exported: Exports) -> None:
    data = document(exported)
    li = next(p for p in data["persons"] if p["name"] == "Li Zhanshu")
    assert li["identifiers"] == [{"identifier": "Q900001", "scheme": "wikidata"}]
    labelled = [p for p in data["posts"] if p.get("identifiers")]
    assert sorted(p["identifiers"][0]["identifier"] for p in labelled) == [
        "Q910001",
        "Q910002",
        "Q910003",
        "Q910006",
        "Q910007",
    ]


def test_a_persons_part_is_a_complete_document(tmp_path: Path, db: Database) -> None:
    from tenure.export import export

    target = tmp_path / "li.popolo.json"
    export(db, "popolo", target, person="Li Zhanshu")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [p["name"] for p in data["persons"]] == ["Li Zhanshu"]
    assert list(data) == list(SECTION_SCHEMA)
