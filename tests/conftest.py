"""What every test may use: the sample articles, the contract's schema and the golden switch.

``pytest --update-golden`` (or ``make golden``) rewrites ``tests/golden/`` from the current
extractor instead of comparing against it. Figures a test wants shown at the end of the run
(the extraction scores) go to :data:`REPORT` and are printed in the terminal summary.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = ROOT / "tests" / "data"
GOLDEN = ROOT / "tests" / "golden"

REPORT: dict[str, str] = {}
"""Title -> text printed in pytest's terminal summary (filled by tests that measure)."""

Validate = Callable[[Any], None]


def sample_paths() -> list[Path]:
    """The sample articles, in name order."""
    return sorted(SAMPLES.glob("*.txt"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current extractor instead of comparing",
    )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for title, text in REPORT.items():
        terminalreporter.section(title)
        terminalreporter.write(text if text.endswith("\n") else text + "\n")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def validate() -> Validate:
    """Check one object of ``tenure extract``'s output against the contract's JSON Schema."""
    schema = json.loads((DATA / "extract.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)

    def check(obj: Any) -> None:
        errors = sorted(validator.iter_errors(obj), key=lambda e: list(e.absolute_path))
        if errors:
            lines = [f"{'/'.join(map(str, e.absolute_path)) or '.'}: {e.message}" for e in errors]
            pytest.fail("output breaks the extraction contract:\n" + "\n".join(lines[:20]))

    return check


def descendants(pid: int) -> list[int]:
    """Processes started by ``pid``, and by those, still there (zombies included)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found
