"""FollowTheMoney: entities the ``followthemoney`` library reads back, validates and links."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model
from followthemoney.exc import InvalidData

from tenure.api import Database
from tenure.export.common import Scope
from tenure.export.ftm import Builder, ftm_id
from tenure.export.readers import OrgRecord
from tests.export.conftest import ONSC, Exports

ONSC_URL = "https://en.wikipedia.org/wiki/Office_of_the_National_Security_Commission"


def entities(exported: Exports) -> list[dict[str, Any]]:
    path, _ = exported["ftm"]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_id(exported: Exports) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in entities(exported)}


def test_every_entity_parses_validates_and_survives_recleaning(exported: Exports) -> None:
    found = entities(exported)
    assert len(found) > 400
    for data in found:
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.to_dict()["properties"] == data["properties"], data["id"]
        try:
            proxy.schema.validate(data)
        except InvalidData as exc:  # pragma: no cover - the assertion names the entity
            pytest.fail(f"{data['id']} does not validate: {exc.errors}")
        assert all(proxy.get(p) for p in proxy.schema.required), data["id"]
    assert exported["ftm"][1].warnings == []


def test_ftm_validate_command_reads_them_back_unchanged(exported: Exports, tmp_path: Path) -> None:
    path, _ = exported["ftm"]
    again = tmp_path / "validated.json"
    ftm = Path(sys.executable).with_name("ftm")
    subprocess.run([str(ftm), "validate", "-i", str(path), "-o", str(again)], check=True)
    before = {e["id"]: e["properties"] for e in entities(exported)}
    after = {
        e["id"]: e["properties"]
        for e in map(json.loads, again.read_text(encoding="utf-8").splitlines())
    }
    assert after == before


def test_one_entity_per_store_row_and_every_reference_resolves(
    exported: Exports, db: Database
) -> None:
    found = entities(exported)
    schemata = Counter(e["schema"] for e in found)
    counts = db.counts()
    assert schemata["Person"] == counts["persons"]
    assert schemata["Position"] == counts["posts"]
    assert schemata["Occupancy"] == counts["tenures"]
    assert schemata["PublicBody"] + schemata["Organization"] == counts["organizations"]
    assert schemata["Document"] == counts["articles"]
    ids = {e["id"] for e in found}
    assert len(ids) == len(found)
    for e in found:
        for prop in ("holder", "post", "organization", "parent", "proof"):
            for ref in e["properties"].get(prop, []):
                assert ref in ids, f"{e['id']} {prop} -> {ref} is not in the export"


def test_occupancy_dates_status_and_sources(exported: Exports, db: Database) -> None:
    entities_by_id = by_id(exported)
    director = db.succession("Director", org=ONSC)
    spells = {entry.tenure.person.name: entry.tenure for entry in director.entries}
    li = entities_by_id[ftm_id(spells["Li Zhanshu"].id)]
    assert li["schema"] == "Occupancy"
    assert li["properties"]["startDate"] == ["2014"]
    assert li["properties"]["endDate"] == ["2017"]
    assert li["properties"]["status"] == ["ended"]
    assert li["properties"]["sourceUrl"] == [ONSC_URL]
    assert "Office of the National Security Commission line" in li["properties"]["description"][0]
    cai = entities_by_id[ftm_id(spells["Cai Qi"].id)]
    assert cai["properties"]["status"] == ["current"]
    assert "endDate" not in cai["properties"]
    unknown = next(t for t in db.tenures() if not t.end and not t.ongoing)
    assert entities_by_id[ftm_id(unknown.id)]["properties"]["status"] == ["unknown"]


def test_position_person_and_body(exported: Exports, db: Database) -> None:
    entities_by_id = by_id(exported)
    post = db.succession("Director", org=ONSC).posts[0]
    position = entities_by_id[ftm_id(post.id)]
    assert position["properties"]["name"] == [f"Director, {ONSC}"]
    assert position["properties"]["wikidataId"] == ["Q910001"]
    body = entities_by_id[position["properties"]["organization"][0]]
    assert body["schema"] == "PublicBody"
    assert body["properties"]["name"] == [ONSC]
    assert "中央国家安全委员会办公室" in body["properties"]["alias"]
    assert body["properties"]["parent"]
    person = entities_by_id[ftm_id(db.career("Li Zhanshu").person.id)]
    assert person["properties"]["wikidataId"] == ["Q900001"]


def test_articles_are_documents_with_their_url_when_known(exported: Exports) -> None:
    documents = {
        e["properties"]["title"][0]: e for e in entities(exported) if e["schema"] == "Document"
    }
    assert documents[ONSC]["properties"]["sourceUrl"] == [ONSC_URL]
    assert documents[ONSC]["properties"]["fileName"] == [
        "Office_of_the_National_Security_Commission.txt"
    ]
    assert "sourceUrl" not in documents["Wang Yi"]["properties"]


def test_a_party_is_an_organization_and_a_bad_website_is_reported_not_written(
    db: Database,
) -> None:
    builder = Builder(Scope(db))
    party = OrgRecord(
        "org_1", "Communist Party of China", db.resolver.org_key("Communist Party of China")
    )
    assert builder.organization(party, {}).schema.name == "Organization"
    body = OrgRecord("org_2", "Some Office", db.resolver.org_key("Some Office"), website="n/a")
    entity = builder.organization(body, {})
    assert entity.schema.name == "PublicBody"
    assert entity.get("website") == []
    assert builder.warnings == ["org-2: website 'n/a' is not a valid url; left out"]
