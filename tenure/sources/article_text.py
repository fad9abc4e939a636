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

from tenure.model import Diagnostic
from tenure.sources.document import Block, BlockKind, Document, Infobox, InfoboxEntry, Section

TITLE = re.compile(r"^=\s*(.+?)\s*=$")
HEADING = re.compile(r"^(={2,6})\s*(.*?)\s*\1\s*$")
HEADING_LOOSE = re.compile(r"^(={2,6})\s*([^=].*?)\s*=*\s*$")
ENTRY = re.compile(r"^\s*[-*]\s*([^:|\n]{1,60})\s*:\s?(.*)$")
"""``- Key: Value``. The key stops at the first colon (it cannot hold one) and is stripped, so
matching it greedily reads the same key as a lazy ``{1,60}?`` would, in fewer steps."""
BULLET = re.compile(r"^(\s*)([-*#•]+|\d{1,3}[.)])\s+(.*)$")
GROUP = re.compile(r"^;\s*(.+?)\s*$")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
"""A table row: first and last non-blank characters are pipes (tested as such in the reader)."""
RULE_CELL = re.compile(r":?-{3,}:?")
"""A cell of the ``|---|:---:|`` line under a table header."""
MAX_DEPTH = 64
ENTRY_MARKS = "-*"
"""First characters of an infobox entry line (``- Key: Value``, ``* Key: Value``)."""
BULLET_MARKS = "-*#•"
"""First characters of a bulleted list item; a numbered item starts with a digit instead."""


def _is_table_row(stripped: str) -> bool:
    """What TABLE_ROW matches, for an already stripped line: ``|`` ... ``|``."""
    return len(stripped) > 1 and stripped[0] == "|" and stripped[-1] == "|"


def _may_be_bullet(first: str) -> bool:
    """False when a line whose first non-blank character is ``first`` cannot match BULLET."""
    return first in BULLET_MARKS or first.isdecimal()


def read_text(text: str, path: str | None = None, sha256: str = "0" * 64) -> Document:
    """Read article text into a Document. Never raises on content; problems are diagnostics."""
    lines = text.split("\n")
    cut = bool(text) and not text.endswith("\n")
    if lines and lines[-1] == "":
        lines.pop()
    doc = Document(title="", path=path, sha256=sha256, truncated=cut)
    state = _State(doc)
    feed = state.feed
    carriage = "\r" in text
    last = len(lines) if cut else 0
    for number, raw in enumerate(lines, start=1):
        feed(number, raw.rstrip("\r") if carriage else raw, number == last)
    state.finish()
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


class _State:
    """The reader's position: current section path, ``; group``, open infobox and table.

    Each line is classified by its first non-blank character before any pattern is tried, so
    most lines cost one ``strip`` and a few comparisons.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.blocks = doc.blocks
        self.headings: list[tuple[int, str]] = []
        self.titles: tuple[str, ...] = ()
        """The titles of ``headings``, shared by every block under them."""
        self.section: str | None = None
        """The titles joined with " / ", or None before the first heading."""
        self.group: str | None = None
        self.infobox: Infobox | None = None
        self.pending: tuple[int, str] | None = None
        self.header: list[str] = []
        self.in_table = False
        self.seen_body = False
        self.deep_reported = False

    def feed(self, number: int, line: str, truncated: bool) -> None:
        stripped = line.strip()
        if not stripped:
            if self.pending is not None:
                self._flush_pending()
            self.infobox = None
            self.in_table = False
            return
        first = stripped[0]
        if first in ENTRY_MARKS and self.infobox is not None:
            entry = ENTRY.match(line)  # the common line of an open infobox, read directly
            if entry:
                key, value = entry.group(1, 2)
                self.infobox.entries.append(InfoboxEntry(key.strip(), value.strip(), number, line))
                return
        if first == "=":
            if not self.doc.title and not self.seen_body and number <= 3:
                m = TITLE.match(stripped)
                if m and not stripped.startswith("=="):
                    self.doc.title = m.group(1).strip()
                    return
            if stripped.startswith("=="):
                self._heading(number, stripped)
                return
            if stripped == "=":  # a line of only "=" not starting with "==" is this one
                self.doc.diagnostics.append(
                    Diagnostic("warning", "a line of only '=' signs: not a heading", number)
                )
                return
        if (
            self.infobox is not None or not (self.seen_body or self.headings)
        ) and self._infobox_line(number, line, stripped, first):
            return
        if self.pending is not None:
            self._flush_pending()
        if first == "|" and (_is_table_row(stripped) or truncated or self.in_table):
            self._table_row(number, line, stripped, truncated)
            return
        self.in_table = False
        if first == ";":
            g = GROUP.match(stripped)
            if g:
                self.group = g.group(1)
                self.seen_body = True
                return
        if _may_be_bullet(first):
            b = BULLET.match(line)
            if b:
                self._item(number, line, b, truncated)
                return
        self.seen_body = True
        self.blocks.append(
            Block(
                "paragraph",
                stripped,
                number,
                line,
                self.section,
                self.titles,
                self.group,
                0,
                False,
                [],
                [],
                truncated,
            )
        )

    def finish(self) -> None:
        self._flush_pending()

    def _heading(self, number: int, stripped: str) -> None:
        self._flush_pending()
        self.infobox = None
        self.in_table = False
        m = HEADING.match(stripped) or HEADING_LOOSE.match(stripped)
        title = m.group(2).strip() if m else stripped.strip("= ")
        if not m or not title:
            self.doc.diagnostics.append(
                Diagnostic("warning", f"unreadable heading {stripped[:60]!r}", number)
            )
            return
        level = len(m.group(1))
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        self.headings.append((level, title))
        self.titles = tuple(t for _, t in self.headings)
        self.section = " / ".join(self.titles)
        self.group = None
        self.seen_body = True
        self.doc.sections.append(Section(title, level, number, self.titles))

    def _infobox_line(self, number: int, line: str, stripped: str, first: str) -> bool:
        """Infobox entries: only before the body starts, under a heading line or the title."""
        entry = ENTRY.match(line) if first in ENTRY_MARKS else None
        if self.infobox is not None:
            if entry:
                self.infobox.entries.append(
                    InfoboxEntry(entry.group(1).strip(), entry.group(2).strip(), number, line)
                )
                return True
            self.infobox = None
            return False
        if self.pending is not None and entry:
            heading_line, heading = self.pending
            self.pending = None
            self.infobox = Infobox(heading, heading_line)
            self.doc.infoboxes.append(self.infobox)
            self.infobox.entries.append(
                InfoboxEntry(entry.group(1).strip(), entry.group(2).strip(), number, line)
            )
            return True
        if (
            entry is None
            and not (_may_be_bullet(first) and BULLET.match(line))
            and not _is_table_row(stripped)
        ):
            if self.pending is not None:
                self._flush_pending()
            heading_like = len(stripped) <= 120 and not stripped.endswith((".", ":"))
            if heading_like or stripped.lower() == "infobox":
                self.pending = (number, stripped)
                return True
        return False

    def _flush_pending(self) -> None:
        if self.pending is not None:
            number, text = self.pending
            self.pending = None
            if text.lower() == "infobox":
                self.doc.infoboxes.append(Infobox(text, number))
                return
            self.seen_body = True
            self._block("paragraph", text, number, text)

    def _table_row(self, number: int, line: str, stripped: str, truncated: bool) -> None:
        body = stripped.strip("|") if stripped.endswith("|") else stripped.lstrip("|")
        cells = [c.strip() for c in body.split("|")]
        self.seen_body = True
        if not self.in_table:
            self.in_table = True
            self.header = cells
            return
        if all(RULE_CELL.fullmatch(c) for c in cells if c):
            return
        self._block(
            "row",
            " | ".join(cells),
            number,
            line,
            cells=cells,
            header=list(self.header),
            truncated=truncated,
        )

    def _item(self, number: int, line: str, m: re.Match[str], truncated: bool) -> None:
        indent, marker, text = m.group(1, 2, 3)
        self.seen_body = True
        depth = len(marker) if marker[0] in BULLET_MARKS else 1
        if indent:
            depth += len(indent.expandtabs(4)) // 2
        if depth > MAX_DEPTH:
            if not self.deep_reported:
                self.deep_reported = True
                self.doc.diagnostics.append(
                    Diagnostic(
                        "error",
                        f"list nested {depth} deep (limit {MAX_DEPTH}); deeper items read at "
                        f"depth {MAX_DEPTH}",
                        number,
                    )
                )
            depth = MAX_DEPTH
        ordered = marker[0] == "#" or marker[0].isdigit()
        self.blocks.append(
            Block(
                "item",
                text.strip(),
                number,
                line,
                self.section,
                self.titles,
                self.group,
                depth,
                ordered,
                [],
                [],
                truncated,
            )
        )

    def _block(
        self,
        kind: BlockKind,
        text: str,
        number: int,
        raw: str,
        cells: list[str] | None = None,
        header: list[str] | None = None,
        truncated: bool = False,
    ) -> None:
        self.blocks.append(
            Block(
                kind,
                text,
                number,
                raw,
                self.section,
                self.titles,
                self.group,
                0,
                False,
                [] if cells is None else cells,
                [] if header is None else header,
                truncated,
            )
        )
