"""Lists and tables of holders: who held the post named by the heading, and when.

A list entry names a person, then dates and details, in many shapes::

    - Li Zhanshu (2014–2017, Secretary of the Secretariat ... and Director of ...)
    - Cai Qi (March 2014 – April 2015, deputy director; April 2015 - October 2016, ...)
    - 2014–2017: Li Zhanshu
    - Li Zhanshu, 2014–2017 – Also Director of the General Office

One entry may hold several tenures (one per ``;``-separated date range). Details that are
the post itself ("Executive Deputy Director" under "; Deputy Directors") refine the post;
other posts are concurrent posts. Tables are read by their header: a name column, start and
end columns (or one term column), and rank or post columns where present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from tenure.extract.dates import (
    DateRange,
    find_dates,
    may_be_acting,
    may_open_with_date,
    parse_range,
    split_acting,
)
from tenure.extract.facts import new_tenure
from tenure.extract.names import (
    is_post_title,
    looks_like_org,
    looks_like_person,
    person_parts,
    post_head,
    singular,
    split_post,
    strip_the,
)
from tenure.extract.posts import (
    describe_position,
    post_case,
    post_from_heading,
    split_posts,
)
from tenure.extract.values import may_contain, top_level_split
from tenure.model import Diagnostic, Tenure
from tenure.sources.document import Block, Document

HOLDER_SECTIONS: Final = re.compile(
    r"\b(?:leaders?|leadership|officeholders?|office-holders?|holders?|incumbents?|list of|"
    r"directors?|heads?|chairm[ae]n|chairs?|presidents?|premiers?|ministers?|secretaries|"
    r"secretary|commanders?|governors?|ambassadors?|members?|chiefs?|past|former|"
    r"administrators?|commissioners?|mayors?|principals?|deputy|deputies|officials?)\b",
    re.IGNORECASE,
)
NAME_COLUMNS: Final = re.compile(
    r"^(?:name|officeholder|office holder|holder|incumbent|person|leader|director|minister|secr"
    r"etary|head|chairman)\b",
    re.I,
)
START_COLUMNS: Final = re.compile(
    r"^(?:took office|start|from|term start|assumed office|appointed|begin|since|in office from)\b",
    re.I,
)
END_COLUMNS: Final = re.compile(
    r"^(?:left office|end|to|until|term end|ended|in office to)\b", re.I
)
TERM_COLUMNS: Final = re.compile(
    r"^(?:term(?: of office)?|tenure|years|period|in office|dates)$", re.I
)
POST_COLUMNS: Final = re.compile(r"^(?:post|position|office|title|role)$", re.I)
RANK_COLUMNS: Final = re.compile(r"^rank$", re.I)
ALSO: Final = re.compile(r"\s+[–—-]\s+Also\s+|;\s*also\s+|\bconcurrently\s+", re.IGNORECASE)
ALSO_WORDS: Final = ("also", "concurrently")
"""Words without one of which :data:`ALSO` cannot match."""
LIST_HEADING: Final = re.compile(
    r"^(?:leaders?|leadership|officeholders?|list of|holders?|incumbents?)\b", re.IGNORECASE
)
DATED_NAME: Final = re.compile(r"^([^,(;:]+?)(?:\s*[,(;:]\s*(.*?)\)?)?$")
NAME_PARENTHESES: Final = re.compile(r"^([^(,:;–—]+?)\s*\((.*)\)?\s*$")
NAME_DETAILS: Final = re.compile(r"^([^(,:;–—]+?)\s*(?:[,:;]|\s[–—-]\s)\s*(.*)$")
OF_OR_TO: Final = re.compile(r"\s(?:of|to)\s")
ACTING_WORD: Final = re.compile(r"acting|interim", re.IGNORECASE)
LIFE_YEARS: Final = re.compile(r"\s*\(\s*(?:b\.\s*)?\d{4}\s*[–—-]?\s*\d{0,4}\s*\)")
STILL_IN_OFFICE: Final = re.compile(r"^(?:incumbent|present|current|in office)\b", re.IGNORECASE)
"""The letters a case-insensitive ``[a-z]`` matches (ASCII, "İ", "ı", "ſ" and the Kelvin sign),
in a run at the start of a text: the whole first word a date pattern would read there."""


@dataclass
class Context:
    """What the article says about every holding it lists: its subject and default body."""

    organization: str | None
    post: str | None = None
    subject_kind: str = "organization"

    def __init__(
        self, organization: str | None, post: str | None = None, subject_kind: str = "organization"
    ) -> None:
        """The __init__ @dataclass would write, spelled out so that it is compiled (see
        :class:`~tenure.sources.document.Block`)."""
        self.organization = organization
        self.post = post
        self.subject_kind = subject_kind


@dataclass
class HoldersResult:
    tenures: list[Tenure] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __init__(
        self, tenures: list[Tenure] | None = None, diagnostics: list[Diagnostic] | None = None
    ) -> None:
        """The __init__ @dataclass would write, spelled out so that it is compiled (see
        :class:`~tenure.sources.document.Block`)."""
        self.tenures = [] if tenures is None else tenures
        self.diagnostics = [] if diagnostics is None else diagnostics


def holders(doc: Document, ctx: Context) -> HoldersResult:
    """Every tenure stated by a list or table of holders in the article."""
    result = HoldersResult()
    # Blocks under the same headings, and rows under the same header, are read alike.
    tables: dict[tuple[str, ...], Columns | None] = {}
    places: dict[tuple[str | None, tuple[str, ...]], tuple[str | None, str | None]] = {}
    columns: Columns | None = None
    for block in doc.blocks:
        kind = block.kind
        if kind == "item":
            if not _holder_list(block):
                continue
        elif kind == "row":
            header = tuple(block.header)
            if header in tables:
                columns = tables[header]
            else:
                columns = tables[header] = _columns(header)
            if columns is None:
                continue
        else:
            continue
        where = (block.group, block.headings)
        place = places.get(where)
        if place is None:
            place = places[where] = _heading_post(block, ctx)
        if kind == "item":
            _list_entry(block, place, result)
        elif columns is not None:
            _table_row(block, columns, place, result)
    return result


def _holder_list(block: Block) -> bool:
    if block.group and _holder_group(block.group):
        return True
    return bool(block.headings) and _holder_section(block.headings[-1])


@lru_cache(maxsize=4096)
def _holder_group(group: str) -> bool:
    """A "; Group" heading above a list of holders: a post title or a holders' heading."""
    return is_post_title(post_from_heading(group)) or bool(HOLDER_SECTIONS.search(group))


@lru_cache(maxsize=4096)
def _holder_section(heading: str) -> bool:
    """A section heading over lists of holders ("Leaders", "List of directors" ...)."""
    return bool(HOLDER_SECTIONS.search(heading))


def _heading_post(block: Block, ctx: Context) -> tuple[str | None, str | None]:
    """(post, organization) named by the nearest group or heading, else the article's."""
    for heading in (block.group, *reversed(block.headings)):
        if not heading:
            continue
        kind, title, org = _read_heading(heading)
        if kind == "post":
            if (
                ctx.post
                and org is None
                and post_head(title) == post_head(ctx.post)
                and len(title) <= len(ctx.post)
            ):
                return ctx.post, ctx.organization
            return title, org or ctx.organization
        if kind == "body" and ctx.post:
            return ctx.post, title
    return ctx.post, ctx.organization


@lru_cache(maxsize=4096)
def _read_heading(heading: str) -> tuple[str, str, str | None]:
    """What a heading names, as (kind, text, organization).

    ``("post", post, organization)`` for a post title, ``("body", title, None)`` for the name
    of a body, ``("other", title, None)`` for anything else, a holders' heading included.
    """
    title = post_from_heading(heading)
    if is_post_title(title):
        post, org = split_post(post_case(title))
        return "post", post, org
    if LIST_HEADING.match(heading):
        return "other", title, None
    if _looks_like_body(title):
        return "body", title, None
    return "other", title, None


def _looks_like_body(text: str) -> bool:
    return looks_like_org(text) and not is_post_title(text)


def _list_entry(block: Block, place: tuple[str | None, str | None], result: HoldersResult) -> None:
    text = block.text
    post, org = place
    evidence = block.evidence()
    also: list[str] = []
    parts = ALSO.split(text, maxsplit=1) if may_contain(text, ALSO_WORDS) else [text]
    if len(parts) == 2:
        text, tail = parts
        also = split_posts(tail.strip(" .;"))
    name, details = _split_name(text)
    if name is None:
        if block.truncated:
            result.diagnostics.append(
                Diagnostic("info", "last line cut mid-entry; not read", block.line)
            )
        else:
            result.diagnostics.append(
                Diagnostic(
                    "warning",
                    f"list entry under {block.group or block.section!r} names no person: "
                    f"{text[:80]!r}",
                    block.line,
                )
            )
        return
    person, written, titles = person_parts(name)
    if not looks_like_person(person):
        result.diagnostics.append(
            Diagnostic("warning", f"{name!r} does not look like a person's name", block.line)
        )
        return
    if post is None:
        result.diagnostics.append(
            Diagnostic("warning", f"no post for the entry {text[:60]!r}", block.line)
        )
        return
    aliases = list(written)  # one list for every tenure of the entry, as merging expects
    details, acting_spans = split_acting(details)
    segments = top_level_split(details, ";") if details.strip(" ,;()") else [""]
    for span in acting_spans:
        result.tenures.append(
            new_tenure(
                person=person,
                post=post,
                organization=org,
                start=span.start,
                end=span.end,
                acting=True,
                evidence=[evidence],
                bucket="list",
                person_aliases=aliases,
            )
        )
    for segment in segments:
        dates = find_dates(segment)
        rng: DateRange | None = dates[0].range if dates else None
        rest = segment
        if dates:
            rest = (segment[: dates[0].begin] + " " + segment[dates[0].finish :]).strip(" ,;:–—-")
        own, concurrent, role, rank, acting = _details(rest, post)
        tenure = new_tenure(
            person=person,
            post=own,
            organization=org,
            start=rng.start if rng else None,
            end=rng.end if rng else None,
            ongoing=rng.ongoing if rng else False,
            acting=acting or bool(rng and rng.acting),
            role=role,
            rank=rank,
            concurrent=[*titles, *concurrent, *also],
            evidence=[evidence],
            bucket="list",
            person_aliases=aliases,
        )
        result.tenures.append(tenure)
    if block.truncated:
        result.diagnostics.append(
            Diagnostic(
                "warning",
                "last line cut mid-word: the entry was read as far as it goes",
                block.line,
            )
        )


def _split_name(text: str) -> tuple[str | None, str]:
    """("Li Zhanshu", "2014–2017, ...") from the shapes an entry takes."""
    text = text.strip()
    dates = find_dates(text) if may_open_with_date(text) else None
    if dates and dates[0].begin == 0:
        rest = text[dates[0].finish :].strip(" :,–—-")
        m = DATED_NAME.match(rest)
        if m:
            return m.group(1).strip(), text[: dates[0].finish] + (
                ", " + m.group(2) if m.group(2) else ""
            )
        return None, text
    m = NAME_PARENTHESES.match(text)
    if m:
        return m.group(1).strip(), _close(m.group(2))
    m = NAME_DETAILS.match(text)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    return (text, "") if text else (None, "")


def _close(inner: str) -> str:
    """The inside of an entry's parentheses, less the one closing parenthesis that ends it."""
    inner = inner.strip()
    if inner.endswith(")") and inner.count(")") > inner.count("("):
        inner = inner[:-1]
    return inner.strip()


def _details(rest: str, post: str) -> tuple[str, list[str], str | None, str | None, bool]:
    """Split an entry's details into its own (refined) post and concurrent posts."""
    own, concurrent, role, rank, acting = _read_details(rest, post)
    return own, list(concurrent), role, rank, acting


@lru_cache(maxsize=4096)
def _read_details(
    rest: str, post: str
) -> tuple[str, tuple[str, ...], str | None, str | None, bool]:
    """:func:`_details`, cached by the details (post titles) and the heading's post."""
    own = post
    concurrent: list[str] = []
    role: str | None = None
    rank: str | None = None
    acting = False
    if not rest:
        return own, (), role, rank, acting
    head = post_head(post)
    for part in split_posts(rest):
        description = describe_position(part)
        refines = post_head(description.post) == head and not OF_OR_TO.search(description.post)
        if refines and own == post:
            own = description.post
            role, rank, acting = description.role, description.rank, description.acting
            concurrent.extend(description.concurrent)
        elif ACTING_WORD.fullmatch(part.strip()):
            acting = True
        else:
            concurrent.append(part.strip())
    return own, tuple(concurrent), role, rank, acting


@lru_cache(maxsize=8192)
def _cell_person(cell: str) -> tuple[str, tuple[str, ...]]:
    """The person a table's name cell names, without life years ("Li Peng (1928–2019)"), and
    the forms written (:func:`~tenure.extract.names.person_parts`); cached by the cell, as
    :func:`person_parts` is by the name."""
    person, written, _ = person_parts(LIFE_YEARS.sub("", cell) if "(" in cell else cell)
    return person, written


@dataclass(frozen=True)
class Columns:
    """Where a holders table keeps each field: column indexes, read once per header."""

    name: int | None
    post: tuple[int, ...]
    start: tuple[int, ...]
    end: tuple[int, ...]
    term: tuple[int, ...]
    rank: tuple[int, ...]


def _columns(header: tuple[str, ...]) -> Columns | None:
    """The columns of a table of holders, or None when no column names the holder."""
    if not any(NAME_COLUMNS.match(h) for h in header):
        return None
    names = [h.strip() for h in header]

    def where(pattern: re.Pattern[str]) -> tuple[int, ...]:
        return tuple(i for i, h in enumerate(names) if pattern.match(h))

    name = where(NAME_COLUMNS)
    return Columns(
        name=name[0] if name else None,
        post=where(POST_COLUMNS),
        start=where(START_COLUMNS),
        end=where(END_COLUMNS),
        term=where(TERM_COLUMNS),
        rank=where(RANK_COLUMNS),
    )


def _cell(cells: list[str], indexes: tuple[int, ...]) -> str | None:
    """The first non-empty cell among ``indexes``, stripped."""
    for i in indexes:
        if i < len(cells):
            value = cells[i].strip()
            if value:
                return value
    return None


def _table_row(
    block: Block,
    columns: Columns,
    place: tuple[str | None, str | None],
    result: HoldersResult,
) -> None:
    cells = block.cells
    name_i = columns.name
    if name_i is None or name_i >= len(cells) or not cells[name_i].strip():
        if any(c.strip() for c in cells):
            result.diagnostics.append(
                Diagnostic("info", "table row continues the row above; not a holder", block.line)
            )
        return

    raw_name = cells[name_i]
    person, written = _cell_person(raw_name)
    if not looks_like_person(person) or (block.truncated and len(person.split()) < 2):
        result.diagnostics.append(
            Diagnostic("warning", f"{raw_name!r} does not look like a person's name", block.line)
        )
        return
    post, org = place
    row_post = _cell(cells, columns.post)
    if row_post:
        post, row_org = split_post(row_post)
        org = row_org or org
    if post is None:
        result.diagnostics.append(Diagnostic("warning", "no post for this table row", block.line))
        return
    start_text = _cell(cells, columns.start)
    end_text = _cell(cells, columns.end)
    term = _cell(cells, columns.term)
    start = end = None
    ongoing = False
    if term:
        rng = parse_range(term)
        if rng:
            start, end, ongoing = rng.start, rng.end, rng.ongoing
    for text, slot in ((start_text, "start"), (end_text, "end")):
        if not text:
            continue
        if slot == "end" and STILL_IN_OFFICE.match(text):
            ongoing = True
            continue
        rng = parse_range(text)
        value = rng.start if rng else None
        if value is None:
            result.diagnostics.append(
                Diagnostic("warning", f"unreadable date {text!r}", block.line)
            )
        elif slot == "start":
            start = value
        else:
            end = value
    rank = _cell(cells, columns.rank)
    aliases = list(written)  # one list for every tenure of the row
    post = singular(post)
    organization = strip_the(org) if org else None
    # The row's text joins its cells: without an acting date there, no cell has one.
    for cell in cells if may_be_acting(block.text) else ():
        _, spans = split_acting(cell)
        for span in spans:
            result.tenures.append(
                new_tenure(
                    person=person,
                    post=post,
                    organization=organization,
                    start=span.start or start,
                    end=span.end,
                    acting=True,
                    evidence=[block.evidence()],
                    bucket="list",
                    person_aliases=aliases,
                )
            )
    if block.truncated:
        result.diagnostics.append(
            Diagnostic("warning", "last line cut mid-row: read as far as it goes", block.line)
        )
    result.tenures.append(
        new_tenure(
            person=person,
            post=post,
            organization=organization,
            start=start,
            end=end,
            ongoing=ongoing,
            rank=rank,
            evidence=[block.evidence()],
            bucket="list",
            person_aliases=aliases,
        )
    )
