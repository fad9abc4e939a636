"""Reader for the plain-text article rendering (the corpus format).

The rendering looks like this::

    = Office of the National Security Commission =

    Infobox
    - Agency Name: Office of the National Security Commission
    - Chief1 Name: Cai Qi

    The Office of the National Security Commission is ...

    == Leaders ==
    ; Director
    - Li Zhanshu (2014–2017, ...)

    | No. | Name | Took office | Left office |
    | 1 | Võ Nguyên Giáp | 1946 | October 1948 |

Every line becomes part of a :class:`~tenure.sources.document.Document`: the title, the
infobox blocks (an ``Infobox`` line, or a biography's name line, followed by ``- Key: Value``
lines), headings of any level (``== X ==``, ``==X==``), ``; Heading`` groups, bullet and
numbered lists (nesting by repeated markers or indentation), pipe tables and paragraphs.
The reader never recurses, so a list nested ten thousand deep costs what ten thousand
lines cost. A last line without a newline is flagged as possibly cut mid-word (most corpus
files stop at 2,000 characters).
"""

from __future__ import annotations

import re
from typing import Final

from tenure.model import Diagnostic
from tenure.sources.document import Block, Document, Infobox, InfoboxEntry, Section

TITLE: Final = re.compile(r"^=\s*(.+?)\s*=$")
HEADING: Final = re.compile(r"^(={2,6})\s*(.*?)\s*\1\s*$")
HEADING_LOOSE: Final = re.compile(r"^(={2,6})\s*([^=].*?)\s*=*\s*$")
ENTRY: Final = re.compile(r"^\s*[-*]\s*([^:|\n]{1,60}?)\s*:\s?(.*)$")
"""``- Key: Value``, an infobox entry; :func:`_entry` reads it without the regex engine."""
ENTRY_KEY_MAX: Final = 60
"""Longest key ENTRY reads (its ``{1,60}``), blanks around it aside."""
BULLET: Final = re.compile(r"^(\s*)([-*#•]+|\d{1,3}[.)])\s+(.*)$")
GROUP: Final = re.compile(r"^;\s*(.+?)\s*$")
TABLE_ROW: Final = re.compile(r"^\s*\|.*\|\s*$")
"""A table row: first and last non-blank characters are pipes (tested as such in the reader)."""
RULE_CELL: Final = re.compile(r":?-{3,}:?")
"""A cell of the ``|---|:---:|`` line under a table header."""
MAX_DEPTH: Final = 64
ENTRY_MARKS: Final = "-*"
"""First characters of an infobox entry line (``- Key: Value``, ``* Key: Value``)."""
BULLET_MARKS: Final = "-*#•"
"""First characters of a bulleted list item; a numbered item starts with a digit instead."""


def _entry(stripped: str) -> tuple[str, str] | None:
    """The stripped key and value of ``stripped`` when ENTRY matches it, else None.

    ``stripped`` is a line without its surrounding blanks, starting with ``-`` or ``*``. The
    key is what stands between the marker and the first colon: ENTRY matches when that is not
    empty, holds no ``|`` and is at most ENTRY_KEY_MAX characters once stripped (a key of
    blanks only reads as ""). The value is the rest of the line.
    """
    before, colon, value = stripped.partition(":")
    if not colon or len(before) < 2 or "|" in before:
        return None
    key = before[1:].strip()
    if len(key) > ENTRY_KEY_MAX:
        return None
    return key, value.strip()


def _is_title(stripped: str) -> bool:
    """Whether ``stripped`` (a line of one, without its surrounding blanks and starting with
    ``=``) is a ``= Title =`` line: TITLE matches it and it does not start with ``==``.

    TITLE's ``(.+?)`` takes any character but a newline, which a line has none of, so it
    matches when one character at least stands between the first ``=`` and a last one; its
    group, stripped, is what stands between them, stripped.
    """
    return len(stripped) >= 3 and stripped[-1] == "=" and stripped[1] != "="


def _is_table_row(stripped: str) -> bool:
    """What TABLE_ROW matches, for an already stripped line: ``|`` ... ``|``."""
    return len(stripped) > 1 and stripped[0] == "|" and stripped[-1] == "|"


def read_text(text: str, path: str | None = None, sha256: str = "0" * 64) -> Document:
    """Read article text into a Document. Never raises on content; problems are diagnostics."""
    lines = text.split("\n")
    cut = bool(text) and not text.endswith("\n")
    if lines and lines[-1] == "":
        lines.pop()
    doc = Document(title="", path=path, sha256=sha256, truncated=cut)
    _read_lines(doc, lines, "\r" in text, len(lines) if cut else 0)
    if not doc.title:
        fallback = _title_from_path(path)
        if fallback and (doc.blocks or doc.infoboxes):
            doc.title = fallback
            doc.diagnostics.append(
                Diagnostic("warning", f"no '= Title =' line; using the file name {fallback!r}", 1)
            )
        elif not doc.blocks and not doc.infoboxes:
            doc.title = fallback or ""
            doc.diagnostics.append(
                Diagnostic("error", "no article here: no '= Title =' line and no text", 1)
            )
        else:
            doc.diagnostics.append(Diagnostic("error", "no '= Title =' line", 1))
    return doc


def _title_from_path(path: str | None) -> str:
    if not path or path == "-":
        return ""
    stem = path.replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return stem.replace("_", " ").strip()


def _read_lines(doc: Document, lines: list[str], carriage: bool, last: int) -> None:
    """Read ``lines`` (numbered from 1) into ``doc``, in one pass.

    ``carriage``: strip a CR from each line's end; ``last``: the number of a line cut short
    (0 for none). The reader's position lives in local variables: the heading path
    (``headings``, with its ``titles`` and ``section`` string shared by the blocks under it),
    the ``; group``, the open ``infobox``, a ``pending`` line that may head an infobox, and
    whether a table or the body has started. Each line is classified by its first non-blank
    character before any pattern is tried.
    """
    blocks = doc.blocks
    headings: list[tuple[int, str]] = []
    titles: tuple[str, ...] = ()
    section: str | None = None
    group: str | None = None
    infobox: Infobox | None = None
    pending: tuple[int, str] | None = None
    header: list[str] = []
    in_table = False
    seen_body = False
    deep_reported = False
    number = 0
    for raw in lines:
        number += 1
        line = raw.rstrip("\r") if carriage else raw
        stripped = line.strip()
        if not stripped:
            if pending is not None:
                seen_body |= _flush_pending(doc, pending, section, titles, group)
                pending = None
            infobox = None
            in_table = False
            continue
        first = stripped[0]
        if infobox is not None and first in ENTRY_MARKS:
            entry = _entry(stripped)  # most lines of an article: read first
            if entry is not None:
                infobox.entries.append(InfoboxEntry(entry[0], entry[1], number, line))
                continue
        if first == "=":
            if not doc.title and not seen_body and number <= 3 and _is_title(stripped):
                doc.title = stripped[1:-1].strip()  # TITLE's group, stripped
                continue
            if stripped.startswith("=="):
                if pending is not None:
                    seen_body |= _flush_pending(doc, pending, section, titles, group)
                    pending = None
                infobox = None
                in_table = False
                heading = _heading(stripped)
                if heading is None:
                    doc.diagnostics.append(
                        Diagnostic("warning", f"unreadable heading {stripped[:60]!r}", number)
                    )
                    continue
                level, title = heading
                while headings and headings[-1][0] >= level:
                    headings.pop()
                headings.append(heading)
                titles = tuple(t for _, t in headings)
                section = " / ".join(titles)
                group = None
                seen_body = True
                doc.sections.append(Section(title, level, number, titles))
                continue
            if stripped == "=":  # only '=' signs, not starting with "==": this line
                doc.diagnostics.append(
                    Diagnostic("warning", "a line of only '=' signs: not a heading", number)
                )
                continue
        if infobox is not None:
            infobox = None  # a line that is no entry closes the infobox
        elif not (seen_body or headings):
            # Before the body: a short line may head an infobox whose entries follow.
            entry = _entry(stripped) if first in ENTRY_MARKS else None
            if pending is not None and entry is not None:
                heading_line, heading_text = pending
                pending = None
                infobox = Infobox(heading_text, heading_line)
                doc.infoboxes.append(infobox)
                infobox.entries.append(InfoboxEntry(entry[0], entry[1], number, line))
                continue
            if (
                entry is None
                and not ((first in BULLET_MARKS or first.isdecimal()) and BULLET.match(line))
                and not _is_table_row(stripped)
            ):
                if pending is not None:
                    seen_body |= _flush_pending(doc, pending, section, titles, group)
                heading_like = len(stripped) <= 120 and not stripped.endswith((".", ":"))
                if heading_like or stripped.lower() == "infobox":
                    pending = (number, stripped)
                    continue
                pending = None
        if pending is not None:
            seen_body |= _flush_pending(doc, pending, section, titles, group)
            pending = None
        truncated = number == last
        if first == "|" and (in_table or truncated or _is_table_row(stripped)):
            body = stripped.strip("|") if stripped.endswith("|") else stripped.lstrip("|")
            cells = [c.strip() for c in body.split("|")]
            seen_body = True
            if not in_table:
                in_table = True
                header = cells
            elif not all(RULE_CELL.fullmatch(c) for c in cells if c):
                blocks.append(
                    Block(
                        "row",
                        " | ".join(cells),
                        number,
                        line,
                        section,
                        titles,
                        group,
                        0,
                        False,
                        cells,
                        list(header),
                        truncated,
                    )
                )
            continue
        in_table = False
        if first == ";":
            g = GROUP.match(stripped)
            if g:
                group = g.group(1)
                seen_body = True
                continue
        if first in BULLET_MARKS or first.isdecimal():
            b = BULLET.match(line)
            if b:
                seen_body = True
                indent, marker, text = b.group(1, 2, 3)
                depth = len(marker) if marker[0] in BULLET_MARKS else 1
                if indent:
                    depth += len(indent.expandtabs(4)) // 2
                if depth > MAX_DEPTH:
                    if not deep_reported:
                        deep_reported = True
                        doc.diagnostics.append(
                            Diagnostic(
                                "error",
                                f"list nested {depth} deep (limit {MAX_DEPTH}); deeper items read "
                                f"at depth {MAX_DEPTH}",
                                number,
                            )
                        )
                    depth = MAX_DEPTH
                ordered = marker[0] == "#" or marker[0].isdigit()
                blocks.append(
                    Block(
                        "item",
                        text.strip(),
                        number,
                        line,
                        section,
                        titles,
                        group,
                        depth,
                        ordered,
                        [],
                        [],
                        truncated,
                    )
                )
                continue
        seen_body = True
        blocks.append(
            Block(
                "paragraph",
                stripped,
                number,
                line,
                section,
                titles,
                group,
                0,
                False,
                [],
                [],
                truncated,
            )
        )
    if pending is not None:
        _flush_pending(doc, pending, section, titles, group)


def _heading(stripped: str) -> tuple[int, str] | None:
    """The level and title of a ``== Title ==`` line (any spelling), or None if unreadable."""
    m = HEADING.match(stripped) or HEADING_LOOSE.match(stripped)
    if not m:
        return None
    title = m.group(2).strip()
    return (len(m.group(1)), title) if title else None


def _flush_pending(
    doc: Document,
    pending: tuple[int, str],
    section: str | None,
    titles: tuple[str, ...],
    group: str | None,
) -> bool:
    """Settle a line held back as a possible infobox heading that no entry followed.

    An ``Infobox`` line stays an (empty) infobox; any other becomes a paragraph, and the body
    has started (True).
    """
    number, text = pending
    if text.lower() == "infobox":
        doc.infoboxes.append(Infobox(text, number))
        return False
    doc.blocks.append(
        Block("paragraph", text, number, text, section, titles, group, 0, False, [], [], False)
    )
    return True
