"""Subunits: the internal units an article lists under a structure heading.

    - General Bureau
    - Party Committee of the Office

under "Organizational structure / Internal Organization" are the Office's subunits. An entry
is a subunit when it is a short name (not a sentence, not a person, not a dated entry); a
line cut by the end of the file is reported, never guessed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from tenure.extract.dates import find_dates
from tenure.model import Diagnostic
from tenure.sources.document import Document

STRUCTURE: Final = re.compile(
    r"\b(?:structure|organi[sz]ation|internal|departments?|divisions?|subdivisions?|units?|"
    r"bureaus?|offices|components|subordinate|affiliated|directly under|composition)\b",
    re.IGNORECASE,
)
NOT_STRUCTURE: Final = re.compile(
    r"\b(?:leaders?|members|history|functions|responsibilities)\b", re.I
)
NAME_END: Final = re.compile(r"\s*[:–—]\s+|\s+-\s+")


def subunits(doc: Document) -> tuple[list[str], list[Diagnostic]]:
    """Names of internal units listed under structure headings, in order, once each."""
    found: list[str] = []
    notes: list[Diagnostic] = []
    for block in doc.blocks:
        if block.kind != "item" or not block.headings:
            continue
        heading = block.group or block.headings[-1]
        if not _structure_heading(heading):
            continue
        text = block.text.strip().rstrip(".;,")
        name = NAME_END.split(text, maxsplit=1)[0].strip()
        if block.truncated:
            notes.append(
                Diagnostic(
                    "info", f"last line cut mid-word: {text!r} not read as a unit", block.line
                )
            )
            continue
        if (
            not name
            or len(name.split()) > 12
            or name.endswith(".")
            or find_dates(name)
            or not name[0].isupper()
        ):
            notes.append(Diagnostic("info", f"not read as a unit name: {text[:80]!r}", block.line))
            continue
        if name not in found:
            found.append(name)
    return found, notes


@lru_cache(maxsize=4096)
def _structure_heading(heading: str) -> bool:
    """A heading over a list of internal units ("Organizational structure", "Departments")."""
    return bool(STRUCTURE.search(heading)) and not NOT_STRUCTURE.search(heading)
