"""Golden files: each sample article's expected extraction, kept in ``tests/golden/NAME.json``.

A golden file is the contract JSON of one sample less ``source.path`` (which depends on where
the checkout is). When extraction improves on purpose, regenerate them with ``make golden``
(``pytest tests/extract/test_golden.py --update-golden``) and review the diff like code.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from tenure.extract import extract_path
from tests.conftest import GOLDEN, Validate, sample_paths

SAMPLES = sample_paths()


def golden_of(sample: Path) -> Path:
    return GOLDEN / f"{sample.stem}.json"


def extraction(sample: Path) -> dict[str, Any]:
    data = extract_path(sample).to_dict()
    del data["source"]["path"]
    return data


def dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_extraction_matches_golden_file(
    sample: Path, update_golden: bool, validate: Validate
) -> None:
    golden = golden_of(sample)
    got = dump(extraction(sample))
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"no golden file for {sample.name}: run `make golden`"
    expected = golden.read_text(encoding="utf-8")
    validate(json.loads(expected))
    if got != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), got.splitlines(), "golden", "extracted", lineterm="", n=2
        )
        pytest.fail(
            f"{sample.name} no longer extracts as {golden.relative_to(GOLDEN.parent.parent)}; "
            "if the change is intended, run `make golden` and review the diff:\n"
            + "\n".join(list(diff)[:80])
        )


def test_every_golden_file_has_its_sample() -> None:
    stale = sorted(p.name for p in GOLDEN.glob("*.json") if p.stem not in {s.stem for s in SAMPLES})
    assert stale == [], f"golden files without a sample article: {stale}"


def test_golden_files_are_not_empty_shells() -> None:
    tenures = sum(len(json.loads(golden_of(s).read_text())["tenures"]) for s in SAMPLES)
    kinds = {json.loads(golden_of(s).read_text())["subject"]["kind"] for s in SAMPLES}
    assert tenures >= 100
    assert {"organization", "post", "person"} <= kinds
