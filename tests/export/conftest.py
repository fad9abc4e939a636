"""The store every export test reads: the sample articles, their URLs, a small alias file.

The samples are ingested once per session into a temporary SQLite file. Each article gets the
URL ``samples/SOURCES.tsv`` gives it, except :data:`NO_URL` (as if read from a plain file
whose address nobody recorded), so both the cited and the uncited paths are exercised. The
alias file gives Wikidata ids (made up for the test) to a few people and posts.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

import tenure.api
from tenure.api import Database
from tenure.export import FOLDER_FORMATS, FORMATS, ExportReport, export
from tenure.extract import extract
from tenure.sources import read_path
from tests.conftest import SAMPLES, sample_paths

Exports = dict[str, tuple[Path, ExportReport]]

ONSC = "Office of the National Security Commission"
NO_URL = {"Wang_Yi.txt", "Li_Xi.txt"}

ALIASES = """\
persons:
  Li Zhanshu:
    wikidata: Q900001
  Cai Qi:
    wikidata: Q900002
  Wang Yi:
    wikidata: Q900003
posts:
  wikidata:
    Director of the Office of the National Security Commission: Q910001
    Deputy Director:
      organization: Office of the National Security Commission
      wikidata: Q910002
    Director of the Office of the Central Foreign Affairs Commission: Q910003
    Director of the Taiwan Affairs Office: Q910006
    Minister of Foreign Affairs:
      organization: Ministry of Foreign Affairs
      wikidata: Q910007
    Director: Q910004
    Grand Vizier of the Nowhere Office: Q910005
"""
"""``Director`` alone names many posts and ``Grand Vizier`` none: both must be reported, not
guessed."""


def source_urls() -> dict[str, str]:
    with (SAMPLES / "SOURCES.tsv").open(encoding="utf-8", newline="") as fh:
        return {row["file"]: row["url"] for row in csv.DictReader(fh, delimiter="\t")}


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(database, alias file): the samples ingested with their URLs."""
    folder = tmp_path_factory.mktemp("export-world")
    aliases = folder / "aliases.yaml"
    aliases.write_text(ALIASES, encoding="utf-8")
    db_path = folder / "tenure.db"
    urls = source_urls()
    documents = []
    for path in sample_paths():
        document = read_path(str(path))
        document.url = None if path.name in NO_URL else urls[path.name]
        documents.append(document)
    with tenure.api.open(db_path, aliases=aliases) as db:
        report = db.ingest_extractions([extract(d) for d in documents], documents)
        assert not report.failed
    return db_path, aliases


@pytest.fixture
def db(world: tuple[Path, Path]) -> Iterator[Database]:
    with tenure.api.open(world[0], aliases=world[1], create=False) as database:
        yield database


@pytest.fixture(scope="session")
def exported(world: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Exports:
    """Every format of the whole world, written once: format -> (file or folder, report)."""
    folder = tmp_path_factory.mktemp("exports")
    out: Exports = {}
    with tenure.api.open(world[0], aliases=world[1], create=False) as database:
        for format in FORMATS:
            target = folder / (format if format in FOLDER_FORMATS else f"graph.{format}")
            out[format] = (target, export(database, format, target))
    return out
