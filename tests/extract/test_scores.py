"""Extraction quality on the sample articles, scored against their hand-made gold files.

Runs the contract's scorer (``tests/data/score.py``, the copy of ``../shared/tools/score.py``)
exactly as a developer would, and holds extraction to issue #2's thresholds. The scorer's
table is printed in pytest's closing summary.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tenure.extract import extract_path
from tests.conftest import DATA, REPORT, sample_paths


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("scores")
    predictions = folder / "pred.jsonl"
    with predictions.open("w", encoding="utf-8") as out:
        for sample in sample_paths():
            out.write(json.dumps(extract_path(sample).to_dict(), ensure_ascii=False) + "\n")
    figures = folder / "scores.json"
    score = [sys.executable, str(DATA / "score.py"), str(predictions), str(DATA / "gold")]
    done = subprocess.run(
        [*score, "--json", str(figures)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    REPORT["extraction scores on samples/ (tests/data/score.py)"] = done.stdout
    report: dict[str, Any] = json.loads(Path(figures).read_text(encoding="utf-8"))
    report["table"] = done.stdout
    return report


def test_every_sample_article_was_scored(scores: dict[str, Any]) -> None:
    assert scores["articles_missing"] == []
    assert scores["unreadable_lines"] == 0
    assert len(list((DATA / "gold").glob("*.gold.json"))) == len(sample_paths())


@pytest.mark.parametrize(
    ("measure", "threshold"),
    [
        ("recall_infobox", 0.95),
        ("recall_list", 0.95),
        ("tenures.precision", 0.95),
        ("organization_fields.accuracy", 0.95),
        ("subunits.f1", 0.9),
    ],
)
def test_score_meets_issue_2_threshold(
    scores: dict[str, Any], measure: str, threshold: float
) -> None:
    value: Any = scores
    for key in measure.split("."):
        value = value[key]
    assert value is not None, f"{measure} was not measured"
    assert value >= threshold, f"{measure} = {value} < {threshold}\n{scores['table']}"
