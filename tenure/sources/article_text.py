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
from tenure.sources.document import Block, Document, Infobox, InfoboxEntry, Section

TITLE = re.compile(r"^=\s*(.+?)\s*=$")
HEADING = re.compile(r"^(={2,6})\s*(.*?)\s*\1\s*$")
HEADING_LOOSE = re.compile(r"^(={2,6})\s*([^=].*?)\s*=*\s*$")
ENTRY = re.compile(r"^\s*[-*]\s*([^:|\n]{1,60}?)\s*:\s?(.*)$")
BULLET = re.compile(r"^(\s*)([-*#•]+|\d{1,3}[.)])\s+(.*)$")
GROUP = re.compile(r"^;\s*(.+?)\s*$")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
MAX_DEPTH = 64


def read_text(text: str, path: str | None = None, sha256: str = "0" * 64) -> Document:
    """Read article text into a Document. Never raises on content; problems are diagnostics."""
    lines = text.split("\n")
    cut = bool(text) and not text.endswith("\n")
    if lines and lines[-1] == "":
        lines.pop()
    doc = Document(title="", path=path, sha256=sha256, truncated=cut)
    state = _State(doc)
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        state.feed(number, line, truncated=cut and number == len(lines))
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
    """The reader's position: current section path, ``; group``, open infobox and table."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.headings: list[tuple[int, str]] = []
        self.group: str | None = None
        self.infobox: Infobox | None = None
        self.pending: tuple[int, str] | None = None
        self.header: list[str] = []
        self.in_table = False
        self.seen_body = False
        self.deep_reported = False

    @property
    def section(self) -> str | None:
        return " / ".join(t for _, t in self.headings) or None

    def feed(self, number: int, line: str, truncated: bool) -> None:
        stripped = line.strip()
        if not stripped:
            self._flush_pending()
            self.infobox = None
            self.in_table = False
            return
        if not self.doc.title and not self.seen_body and number <= 3:
            m = TITLE.match(stripped)
            if m and not stripped.startswith("=="):
                self.doc.title = m.group(1).strip()
                return
        if stripped.startswith("=="):
            self._heading(number, stripped)
            return
        if set(stripped) == {"="}:
            self.doc.diagnostics.append(
                Diagnostic("warning", "a line of only '=' signs: not a heading", number)
            )
            return
        if self._infobox_line(number, line, stripped):
            return
        self._flush_pending()
        if TABLE_ROW.match(line) or (stripped.startswith("|") and (truncated or self.in_table)):
            self._table_row(number, line, stripped, truncated)
            return
        self.in_table = False
        g = GROUP.match(stripped)
        if g:
            self.group = g.group(1)
            self.seen_body = True
            return
        b = BULLET.match(line)
        if b:
            self._item(number, line, b, truncated)
            return
        self.seen_body = True
        self._block("paragraph", stripped, number, line, truncated=truncated)

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
        self.group = None
        self.seen_body = True
        path = tuple(t for _, t in self.headings)
        self.doc.sections.append(Section(title, level, number, path))

    def _infobox_line(self, number: int, line: str, stripped: str) -> bool:
        """Infobox entries: only before the body starts, under a heading line or the title."""
        if self.infobox is None and (self.seen_body or self.headings):
            return False
        entry = ENTRY.match(line)
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
        if entry is None and not BULLET.match(line) and not TABLE_ROW.match(line):
            if self.pending is not None:
                self._flush_pending()
            heading_like = len(stripped) <= 120 and not stripped.endswith((".", ":"))
            if stripped.lower() == "infobox" or heading_like:
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
        if all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):
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
        indent, marker, text = m.group(1), m.group(2), m.group(3)
        self.seen_body = True
        depth = len(marker) if marker[0] in "-*#•" else 1
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
        self._block(
            "item", text.strip(), number, line, depth=depth, ordered=ordered, truncated=truncated
        )

    def _block(self, kind: str, text: str, number: int, raw: str, **extra: object) -> None:
        self.doc.blocks.append(
            Block(
                kind=kind,  # type: ignore[arg-type]
                text=text,
                line=number,
                raw=raw,
                section=self.section,
                headings=tuple(t for _, t in self.headings),
                group=self.group,
                **extra,  # type: ignore[arg-type]
            )
        )
