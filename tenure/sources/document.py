"""The Document: one article, read into parts that each remember their line.

Every reader in :mod:`tenure.sources` turns bytes into a :class:`Document`; every extractor
in :mod:`tenure.extract` reads only Documents. Line numbers are 1-based and refer to the
source file, so any fact can point back to the line it came from.

    >>> from tenure.sources import read_text
    >>> doc = read_text("= Office =\\n\\n== Leaders ==\\n; Director\\n- Li (2014–2017)\\n", "x.txt")
    >>> [(b.kind, b.section, b.group, b.line) for b in doc.blocks]
    [('item', 'Leaders', 'Director', 5)]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from types import EllipsisType
from typing import Final, Literal

from tenure.model import Diagnostic, Evidence

BlockKind = Literal["paragraph", "item", "row"]


# The classes below spell out the __init__ that @dataclass would write (which still gives
# them their comparison and repr): compiled, that one runs as Python, and making a Block
# through it cost about 4,200 instructions (an InfoboxEntry 1,800), several times what a
# compiled __init__ costs (callgrind). A reader makes one for every line of an article.


@dataclass
class InfoboxEntry:
    """One ``- Key: Value`` line of an infobox. ``key`` is as written; ``norm`` is the key
    lowercased with spaces, underscores and hyphens removed (``Term Start1`` -> ``termstart1``)."""

    key: str
    value: str
    line: int
    raw: str

    def __init__(self, key: str, value: str, line: int, raw: str) -> None:
        self.key = key
        self.value = value
        self.line = line
        self.raw = raw

    @cached_property
    def norm(self) -> str:
        return normalize_key(self.key)

    def evidence(self) -> Evidence:
        """The entry as the evidence for a fact read from it: its line and text."""
        return _evidence(self.line, self.raw, None)


@dataclass
class Infobox:
    """An infobox block: a heading line (``Infobox`` or a name) and its entries."""

    heading: str
    line: int
    entries: list[InfoboxEntry] = field(default_factory=list)

    def __init__(self, heading: str, line: int, entries: list[InfoboxEntry] | None = None) -> None:
        self.heading = heading
        self.line = line
        self.entries = [] if entries is None else entries

    def get(self, *keys: str) -> InfoboxEntry | None:
        """The first entry whose normalized key is one of ``keys`` (given normalized)."""
        for entry in self.entries:
            if entry.norm in keys:
                return entry
        return None


@dataclass
class Block:
    """A paragraph, a list item or a table row, with where it stands in the article.

    ``section`` is the heading path ("Leaders / Deputy Directors" for an ``===`` under an
    ``==``), ``group`` the ``; Heading`` above a list, ``depth`` the list nesting (1 for a
    top-level bullet), ``cells`` the cells of a table row and ``header`` its table's header.
    """

    kind: BlockKind
    text: str
    line: int
    raw: str
    section: str | None = None
    headings: tuple[str, ...] = ()
    group: str | None = None
    depth: int = 0
    ordered: bool = False
    cells: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    truncated: bool = False

    def __init__(
        self,
        kind: BlockKind,
        text: str,
        line: int,
        raw: str,
        section: str | None = None,
        headings: tuple[str, ...] = (),
        group: str | None = None,
        depth: int = 0,
        ordered: bool = False,
        cells: list[str] | None = None,
        header: list[str] | None = None,
        truncated: bool = False,
    ) -> None:
        self.kind = kind
        self.text = text
        self.line = line
        self.raw = raw
        self.section = section
        self.headings = headings
        self.group = group
        self.depth = depth
        self.ordered = ordered
        self.cells = [] if cells is None else cells
        self.header = [] if header is None else header
        self.truncated = truncated

    def evidence(self) -> Evidence:
        """The block as the evidence for a fact read from it: its line, text and section."""
        return _evidence(self.line, self.raw, self.section)


@dataclass
class Section:
    """A heading and the line it stands on; ``path`` holds the headings above it and itself."""

    title: str
    level: int
    line: int
    path: tuple[str, ...]

    def __init__(self, title: str, level: int, line: int, path: tuple[str, ...]) -> None:
        self.title = title
        self.level = level
        self.line = line
        self.path = path


@dataclass
class Document:
    """One article read into title, infoboxes, sections and blocks, in source order."""

    title: str
    path: str | None
    sha256: str
    format: Literal["article-text", "wikitext", "html"] = "article-text"
    url: str | None = None
    revision: str | None = None
    infoboxes: list[Infobox] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    truncated: bool = False

    def __init__(
        self,
        title: str,
        path: str | None,
        sha256: str,
        format: Literal["article-text", "wikitext", "html"] = "article-text",
        url: str | None = None,
        revision: str | None = None,
        infoboxes: list[Infobox] | None = None,
        sections: list[Section] | None = None,
        blocks: list[Block] | None = None,
        diagnostics: list[Diagnostic] | None = None,
        truncated: bool = False,
    ) -> None:
        self.title = title
        self.path = path
        self.sha256 = sha256
        self.format = format
        self.url = url
        self.revision = revision
        self.infoboxes = [] if infoboxes is None else infoboxes
        self.sections = [] if sections is None else sections
        self.blocks = [] if blocks is None else blocks
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.truncated = truncated

    def paragraphs(self, section: str | EllipsisType | None = ...) -> Iterator[Block]:
        """Paragraph blocks; given ``section``, only those of that section path (None: the lead)."""
        for block in self.blocks:
            if block.kind == "paragraph" and (section is ... or block.section == section):
                yield block

    @property
    def lead(self) -> list[Block]:
        """The paragraphs before the first heading."""
        return [b for b in self.blocks if b.kind == "paragraph" and b.section is None]


_new = object.__new__


def _evidence(line: int, text: str, section: str | None) -> Evidence:
    """``Evidence(line, text, section)``, its fields put straight into its ``__dict__``.

    Evidence is a frozen dataclass, whose ``__init__`` sets each field through
    ``object.__setattr__``: that costs more than twice as much, and every fact read from a
    block or an entry carries evidence (a test checks both ways give equal objects).
    """
    made: Evidence = _new(Evidence)
    fields = made.__dict__
    fields["line"] = line
    fields["text"] = text
    fields["section"] = section
    return made


_KEY_NOISE: Final = str.maketrans("", "", " _-\t")


def normalize_key(key: str) -> str:
    """``Term Start1``, ``Termstart1`` and ``term_start-1`` all give ``termstart1``."""
    return key.lower().translate(_KEY_NOISE)
