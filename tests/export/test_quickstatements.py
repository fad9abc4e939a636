"""QuickStatements: well-formed P39 lines for mapped people and posts; the rest listed."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from tenure.api import Database
from tenure.export.quickstatements import wikidata_time
from tests.export.conftest import Exports

ONSC_URL = "https://en.wikipedia.org/wiki/Office_of_the_National_Security_Commission"
LINE = re.compile(
    r"^Q\d+\tP39\tQ\d+"
    r"(\tP580\t\+\d{4}-\d{2}-\d{2}T00:00:00Z/(9|10|11))?"
    r"(\tP582\t\+\d{4}-\d{2}-\d{2}T00:00:00Z/(9|10|11))?"
    r'\tS854\t"https?://[^"\s]+"$'
)
ALIAS_QIDS = {"Q910001", "Q910002", "Q910003", "Q910006", "Q910007"}


def lines(exported: Exports) -> list[str]:
    path, _ = exported["quickstatements"]
    return path.read_text(encoding="utf-8").splitlines()


def skipped(exported: Exports) -> list[dict[str, str]]:
    path, report = exported["quickstatements"]
    assert report.skipped_path == str(path) + ".skipped.tsv"
    with Path(report.skipped_path).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_lines_are_well_formed_and_cite_their_article(exported: Exports) -> None:
    written = lines(exported)
    assert written
    for line in written:
        assert LINE.match(line), line
    assert (
        "Q900001\tP39\tQ910001\tP580\t+2014-00-00T00:00:00Z/9\tP582\t+2017-00-00T00:00:00Z/9"
        f'\tS854\t"{ONSC_URL}"'
    ) in written
    cai = f'Q900002\tP39\tQ910001\tP580\t+2023-00-00T00:00:00Z/9\tS854\t"{ONSC_URL}"'
    assert cai in written


def test_only_alias_file_ids_are_used(exported: Exports) -> None:
    for line in lines(exported):
        person, _, post = line.split("\t")[:3]
        assert person in {"Q900001", "Q900002", "Q900003"}
        assert post in ALIAS_QIDS


def test_every_other_tenure_is_listed_with_its_reason(exported: Exports, db: Database) -> None:
    listed = skipped(exported)
    assert len(listed) + len(lines(exported)) == db.counts()["tenures"]
    reasons = [((row["person"], row["post"], row["organization"]), row["reason"]) for row in listed]
    assert (
        ("Wang Yi", "Director", "Taiwan Affairs Office"),
        "no article URL to cite as the reference",
    ) in reasons
    twice = [r for k, r in reasons if k[:2] == ("Cai Qi", "Deputy Director")]
    merged = (
        "Q900002 held Q910002 2 times; QuickStatements would merge the terms into one statement"
    )
    assert twice == [merged, merged]
    minister = [r for k, r in reasons if k[:2] == ("Wang Yi", "Minister of Foreign Affairs")]
    assert len(minister) == 2 and all("held Q910007 2 times" in r for r in minister)
    assert any(row["reason"] == "the post has no Wikidata id in the alias file" for row in listed)
    assert any(row["reason"].startswith("neither") for row in listed)


def test_unresolvable_alias_entries_are_reported(exported: Exports) -> None:
    warnings = exported["quickstatements"][1].warnings
    assert any(": Director: names " in w and "add its organization" in w for w in warnings)
    assert any("Grand Vizier of the Nowhere Office: No post matches" in w for w in warnings)


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("2014", "+2014-00-00T00:00:00Z/9"),
        ("2014-03", "+2014-03-00T00:00:00Z/10"),
        ("2014-03-20", "+2014-03-20T00:00:00Z/11"),
    ],
)
def test_time_keeps_precision(prefix: str, expected: str) -> None:
    assert wikidata_time(prefix) == expected


def test_a_malformed_date_is_refused() -> None:
    with pytest.raises(ValueError):
        wikidata_time("2014-13")


def test_an_acting_spell_is_listed_not_written(tmp_path: Path) -> None:
    import io

    import tenure.api
    from tenure.export import export
    from tenure.model import Evidence, Extraction, Source, Subject, Tenure

    aliases = tmp_path / "aliases.yaml"
    aliases.write_text(
        "persons:\n  Zhou Ming:\n    wikidata: Q1\n  Qian Hua:\n    wikidata: Q2\n"
        "posts:\n  wikidata:\n    Director of the Bureau of Rivers: Q3\n",
        encoding="utf-8",
    )
    spells = [
        Tenure(
            "Zhou Ming",
            "Director",
            "Bureau of Rivers",
            "2001",
            "2004",
            evidence=[Evidence(3, "- Zhou Ming (2001–2004)")],
        ),
        Tenure(
            "Qian Hua",
            "Director",
            "Bureau of Rivers",
            "2004",
            "2005",
            acting=True,
            evidence=[Evidence(4, "- Qian Hua (acting, 2004–2005)")],
        ),
    ]
    article = Extraction(
        Source("Bureau of Rivers", "1" * 64, url="https://example.org/wiki/Bureau_of_Rivers"),
        Subject("organization", "Bureau of Rivers"),
        tenures=spells,
    )
    out, skipped = io.StringIO(), io.StringIO()
    with tenure.api.open(tmp_path / "t.db", aliases=aliases) as db:
        db.ingest_extractions([article])
        report = export(db, "quickstatements", stdout=out, skipped=skipped)
    assert out.getvalue().splitlines() == [
        "Q1\tP39\tQ3\tP580\t+2001-00-00T00:00:00Z/9\tP582\t+2004-00-00T00:00:00Z/9\tS854\t"
        '"https://example.org/wiki/Bureau_of_Rivers"'
    ]
    assert report.skipped == 1
    assert (
        skipped.getvalue()
        .splitlines()[1]
        .endswith("an acting spell; a plain P39 would say the post was held")
    )
