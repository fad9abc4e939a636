"""Questions to a store start fast: they never import the extractors.

``tenure who`` spent a tenth of a second (0.64 -> 0.50 s in all) importing extraction it
does not use; these run in a fresh interpreter, where what is imported shows.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import SAMPLES

ONSC = "Office of the National Security Commission"
ARTICLE = SAMPLES / "Office_of_the_National_Security_Commission.txt"


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_a_question_imports_no_extractor(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    subprocess.run(
        [sys.executable, "-m", "tenure.cli", "ingest", str(ARTICLE), "--db", str(db)],
        capture_output=True,
        check=True,
    )
    modules = _modules_after(
        "import tenure, tenure.cli\n"
        f"answer = tenure.open({str(db)!r}).who('Director', {ONSC!r}, '2016-06-01')\n"
        "assert [h.tenure.person.name for h in answer.holders] == ['Li Zhanshu'], answer"
    )
    assert not any(m == "tenure.extract" or m.startswith("tenure.extract.") for m in modules)


def test_the_extractors_are_there_when_asked_for() -> None:
    modules = _modules_after(
        f"import tenure\nx = tenure.extract_path({str(ARTICLE)!r})\nassert x.tenures, x"
    )
    assert "tenure.extract" in modules
