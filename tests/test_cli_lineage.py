"""``tenure lineage`` and ``tenure org --on`` as a user runs them, on the sample articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import SAMPLES
from tests.test_cli_store import ONSC, run

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("lineage-cli") / "tenure.db"
    assert run("ingest", SAMPLES, "--db", db).code == 0
    return db


def test_lineage_table_shows_the_chain_the_shared_years_and_the_names(store: Path) -> None:
    result = run("lineage", ONSC, "--db", store)
    assert result.code == 0, result.err
    out = result.out
    assert "lineage of Office of the National Security Commission" in out
    assert "renamed" in out and "2014" in out
    assert "one body, two names" in out and "2000-09 (inferred)" in out
    assert "names over time" in out
    assert f"{ONSC}:21" in out  # evidence: article and line


def test_lineage_json_is_the_lineage(store: Path) -> None:
    data = run("lineage", "中央国家安全委员会办公室", "--db", store, "-f", "json").json()
    assert data["organization"]["name"] == ONSC
    chain = [x for x in data["links"] if not x["context"]]
    assert [(x["date"], x["type"], x["target_name"]) for x in chain] == [
        ("2014", "renamed", "Office of the Central National Security Commission")
    ]
    assert chain[0]["evidence"][0]["line"] == 21
    shared = [(x["a_name"], x["b_name"], x["start"], x["end"]) for x in data["shared"]]
    assert (
        "Office of the Central Foreign Affairs Leading Group",
        "Central National Security Leading Group Office",
        "2000-09",
        "2014",
    ) in shared


def test_lineage_png_is_a_picture(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "onsc.png"
    result = run("lineage", ONSC, "--db", store, "--png", path)
    assert result.code == 0, result.err
    assert path.read_bytes()[:8] == PNG_SIGNATURE
    with Image.open(path) as image:
        image.verify()
    with Image.open(path) as image:
        width, height = image.size
        assert width > 1000 and height > 400
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
        assert len(colours) > 20  # bars, bands and text, not a blank canvas


def test_lineage_png_to_a_folder_that_does_not_exist_is_a_usage_error(
    store: Path, tmp_path: Path
) -> None:
    result = run("lineage", ONSC, "--db", store, "--png", tmp_path / "no" / "such" / "x.png")
    assert result.code == 2
    assert "cannot write the picture" in result.err


def test_lineage_of_an_unknown_body_suggests_names(store: Path) -> None:
    result = run("lineage", "Office of the National Security Comission", "--db", store)
    assert result.code == 2
    assert ONSC in result.err


def test_org_on_a_date_says_what_it_was_called_then(store: Path) -> None:
    then = run("org", "Central Foreign Affairs Leading Group", "--on", "2005", "--db", store)
    assert then.code == 0
    assert "called on 2005" in then.out
    assert "Central National Security Leading Group" in then.out and "second" in then.out
    data = run(
        "org", "Central Foreign Affairs Leading Group", "--on", "1995", "--db", store, "-f", "json"
    ).json()
    assert [n["name"] for n in data["names_on"]] == ["Central Foreign Affairs Leading Group"]
    office = run("org", ONSC, "--on", "2005", "--db", store, "-f", "json").json()
    assert office["name_on"] == "Office of the Central Foreign Affairs Leading Group"
    assert {r["name"] for r in office["parents_on"]} == {
        "Central Foreign Affairs Leading Group",
        "Central National Security Leading Group",
    }
