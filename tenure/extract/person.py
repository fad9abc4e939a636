"""A biography's own facts: the person's names and when they were born and died.

>>> from tenure.sources import read_text
>>> doc = read_text("= Qian Qichen =\\n\\nQian Qichen\\n- Birth Date: 1928-01-05\\n")
>>> person_facts(doc, doc.infoboxes[0], "Qian Qichen")[0].born
'1928-01-05'
"""

from __future__ import annotations

import re
from typing import Final

from tenure.extract.dates import find_dates, parse_date
from tenure.extract.infobox import Fields
from tenure.extract.organization import NATIVE_SCRIPT, first_lead_paragraph, lang_of
from tenure.model import Diagnostic, Name, PersonFacts
from tenure.sources.document import Document, Infobox

LIFESPAN: Final = re.compile(r"^[^()]{0,80}\((?P<inner>[^()]*)\)")


def person_facts(
    doc: Document, box: Infobox | None, name: str, fields: Fields | None = None
) -> tuple[PersonFacts, list[Diagnostic]]:
    """A person's names, birth and death; ``fields``, where given, are those of ``box``."""
    facts = PersonFacts(names=[Name(name, "official", "en")])
    notes: list[Diagnostic] = []
    if box is not None:
        get = (fields or Fields(box)).get
        for keys, attr in ((("birthdate", "born"), "born"), (("deathdate", "died"), "died")):
            entry = get(*keys)
            if entry and entry.value.strip():
                value = parse_date(entry.value)
                if value is None:
                    notes.append(
                        Diagnostic("info", f"no date in {entry.key}: {entry.value!r}", entry.line)
                    )
                setattr(facts, attr, value)
        native = get("nativename", "birthname")
        if native and NATIVE_SCRIPT.search(native.value):
            facts.names.append(Name(native.value.strip(), "native", lang_of(native.value)))
    opening = first_lead_paragraph(doc)
    if opening is not None:
        m = LIFESPAN.match(opening.text)
        if m:
            inner = m.group("inner")
            for part in re.split(r"\s*;\s*", inner):
                if NATIVE_SCRIPT.search(part):
                    text = re.sub(r"^\w+:\s*", "", part).strip()
                    if text and all(n.name != text for n in facts.names):
                        facts.names.append(Name(text, "native", lang_of(text)))
            born = re.search(r"\bborn\s+(.+)$", inner)
            dates = find_dates(inner)
            if facts.born is None:
                if born:
                    facts.born = parse_date(born.group(1))
                elif dates and not dates[0].range.single and dates[0].range.start:
                    facts.born = dates[0].range.start
            if facts.died is None and dates and not dates[0].range.single and dates[0].range.end:
                facts.died = dates[0].range.end
    return facts, notes
