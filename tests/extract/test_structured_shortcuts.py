"""The shortcuts structured reading takes give the same answers as the plain calls they skip."""

from __future__ import annotations

import itertools
import random
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tenure.extract import dates, holders, organization, values
from tenure.extract.dates import find_dates, may_be_acting, may_open_with_date, split_acting
from tenure.sources import Block, read_path, read_text

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"

QUIRKS = ["ı", "İ", "ſ", "K", "é", "Ł"]
"""Letters a case-insensitive pattern reads as ASCII ones though they lower to others, and
letters that are simply not ASCII."""


def entry_texts() -> list[str]:
    """Every list entry, table cell and infobox value of the samples and test articles."""
    out: list[str] = []
    for path in sorted([*SAMPLES.glob("*.txt"), *ARTICLES.glob("*.txt")]):
        doc = read_path(path)
        for block in doc.blocks:
            if block.kind in ("item", "row"):
                out.append(block.text.strip())
                out += [cell.strip() for cell in block.cells]
        for box in doc.infoboxes:
            out += [entry.value for entry in box.entries]
    return out


def made_up_texts(count: int = 3000) -> list[str]:
    """Entries built from names, date words in every case, digits and punctuation."""
    rng = random.Random(2)
    words = [
        *sorted(dates._BEFORE_YEAR_WORDS),
        *("Li", "Zhanshu", "Mark", "Mayer", "Marching", "Dr.", "Sir", "The", "Upton", "Actor"),
        *("acting", "Acting", "ACTING", "actıng", "Actİng", "interim", "present", "incumbent"),
        *("1998", "2014", "12", "3rd", "(b. 1950)", "1990s", "c.", "–", "-", ",", ";", ":"),
        *("(", ")", "(acting)", "to", "until", "from", "13 May", "2014–2017", "since 2019"),
    ]
    out = []
    for _ in range(count):
        picked = [rng.choice(words) for _ in range(rng.randint(1, 7))]
        text = rng.choice([" ", "", " - "]).join(picked)
        if rng.random() < 0.3:
            text = text.upper() if rng.random() < 0.5 else text.title()
        if rng.random() < 0.2:
            spot = rng.randrange(len(text) + 1)
            text = text[:spot] + rng.choice(QUIRKS) + text[spot:]
        out.append(text)
    return out


TEXTS = entry_texts() + made_up_texts()
OPENERS = [
    f"{word} {year}"
    for word, year in itertools.product(sorted(dates._BEFORE_YEAR_WORDS), ("2014", "12 2014"))
]


@pytest.mark.parametrize(
    "text", ["Li Zhanshu (2014–2017)", "Mark Li (2014)", "Upton (1998)", "Marching 2014"]
)
def test_names_do_not_open_with_a_date(text: str) -> None:
    assert not may_open_with_date(text)


@pytest.mark.parametrize(
    "text",
    [
        "2014–2017: Li Zhanshu",
        "May 2014 – Li Xi",
        "MARCH 2014: Li Xi",
        "ſince 2014: Li Xi",
        "Acting 2014: Li Xi",
        "actİng 2014: Li Xi",
        "(2014) Li Xi",
        "",
    ],
)
def test_what_may_open_with_a_date_is_searched(text: str) -> None:
    assert may_open_with_date(text)


def test_no_date_begins_a_text_said_not_to_open_with_one() -> None:
    checked = 0
    for text in [*TEXTS, *OPENERS, *(o.upper() for o in OPENERS), *(o.title() for o in OPENERS)]:
        if not may_open_with_date(text):
            found = find_dates(text)
            assert not (found and found[0].begin == 0), text
            checked += 1
        if (found := find_dates(text)) and found[0].begin == 0:
            assert may_open_with_date(text), text
    assert checked > 1000


def test_split_name_answers_as_with_the_full_search() -> None:
    def plain(text: str) -> tuple[str | None, str]:
        saved = holders.may_open_with_date
        holders.may_open_with_date = lambda _text: True  # type: ignore[assignment]
        try:
            return holders._split_name(text)
        finally:
            holders.may_open_with_date = saved  # type: ignore[assignment]

    for text in TEXTS:
        assert holders._split_name(text) == plain(text), text


@pytest.mark.parametrize(
    "text",
    ["Acting: 2014–2015", "ACTING 2014-2015", "actıng 2014–2015", "Actİng: 2014–2015"],
)
def test_every_case_of_acting_passes_the_guard(text: str) -> None:
    assert split_acting(text)[1]
    assert dates._ACTING.search(text)


def test_split_acting_finds_nothing_without_the_word() -> None:
    checked = 0
    for text in TEXTS:
        if dates._ACTING.search(text) is None:
            assert not [found for found in find_dates(text) if found.range.acting], text
            assert split_acting(text) == (text, []), text
            checked += 1
    assert checked > 1000


def table_rows() -> list[Block]:
    """Every table row of the samples and test articles, and rows made of made-up cells."""
    rows = []
    for path in sorted([*SAMPLES.glob("*.txt"), *ARTICLES.glob("*.txt")]):
        rows += [block for block in read_path(path).blocks if block.kind == "row"]
    rng = random.Random(3)
    header = "| Name | Took office | Left office | Rank |"
    lines = [header, "|---|---|---|---|"]
    for _ in range(400):
        lines.append("| " + " | ".join(rng.choice(TEXTS) or "x" for _ in range(4)) + " |")
    rows += [b for b in read_text("= X =\n\n== Leaders ==\n" + "\n".join(lines) + "\n").blocks]
    return rows


def test_a_rows_cells_are_read_for_acting_dates_as_without_the_row_gate() -> None:
    rows = table_rows()
    assert len(rows) > 400
    for row in rows:
        assert all(cell in row.text for cell in row.cells), row.raw
        if not may_be_acting(row.text):
            assert all(split_acting(cell) == (cell, []) for cell in row.cells), row.raw


def test_the_only_printable_blank_is_the_space() -> None:
    """What lets clean_value skip SPACES for a printable text without two spaces in a row."""
    blanks = re.compile(r"\s")
    printable = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isprintable()]
    assert [c for c in printable if blanks.match(c)] == [" "]


@given(st.text(alphabet=st.sampled_from(" \t\n\xa0\u2003\u3000ab,;|=") | st.characters()))
def test_clean_value_skips_the_blank_pattern_only_where_it_changes_nothing(text: str) -> None:
    if "  " not in text and text.isprintable():
        assert values.SPACES.sub(" ", text) == text


LEAD_PIECES = st.sampled_from(
    [
        *("The", "the", "General", "Office", "State Council", "CCP", "X", "Ab", " ", "  ", "\t"),
        *("(", ")", ",", ";", ".", "(CIRO)", "(Chinese: 中央)", "also known as", "formerly"),
        *("is", "was", "are", "were", "island", "of", "under", "that", "which", "directly", "\n"),
    ]
)


def lead_texts() -> list[str]:
    """The first lead paragraph of every sample and test article, and the rest of its type."""
    out = []
    for path in sorted([*SAMPLES.glob("*.txt"), *ARTICLES.glob("*.txt")]):
        opening = organization.first_lead_paragraph(read_path(path))
        if opening is not None:
            out.append(opening.text)
            typed = organization.LEAD_TYPE.search(opening.text)
            if typed:
                out.append(typed.group("type"))
                out.append(" " + typed.group("type").partition(" ")[2])
    return out


def without_lookahead(pattern: re.Pattern[str], lookahead: str) -> re.Pattern[str]:
    assert pattern.pattern.count(lookahead) == 1
    return re.compile(pattern.pattern.replace(lookahead, ""), pattern.flags)


LEAD_PATTERNS = [
    (organization.LEAD_NAME, without_lookahead(organization.LEAD_NAME, r"(?=[\s(,])")),
    (organization.LEAD_PARENT, without_lookahead(organization.LEAD_PARENT, r"(?=[\s(,;]|$)")),
]


def same_match(fast: re.Match[str] | None, plain: re.Match[str] | None) -> bool:
    if fast is None or plain is None:
        return fast is plain
    return fast.span() == plain.span() and fast.groups() == plain.groups()


def test_lead_patterns_match_as_without_their_lookaheads() -> None:
    texts = lead_texts()
    assert len(texts) > 20
    for text in texts:
        for fast, plain in LEAD_PATTERNS:
            assert same_match(fast.match(text), plain.match(text)), text
            assert same_match(fast.match(" " + text), plain.match(" " + text)), text


@given(st.lists(LEAD_PIECES, max_size=16).map("".join) | st.text(max_size=40))
def test_lead_patterns_match_made_up_text_as_without_their_lookaheads(text: str) -> None:
    for fast, plain in LEAD_PATTERNS:
        assert same_match(fast.match(text), plain.match(text))


@given(st.text(alphabet="childsubary0123agencyx", max_size=16) | st.text(max_size=16))
def test_child_keys_begin_with_child_or_subsidiary(norm: str) -> None:
    if organization.CHILD_KEYS.fullmatch(norm):
        assert norm.startswith(("child", "subsidiary"))


LIFESPAN_PIECES = st.sampled_from(
    [
        *("was", "is", "were", "been", "first", "officially", "established", "founded", "set up"),
        *("formed", "created", "instituted", "dissolved", "abolished", "disbanded", "ceased"),
        *("operations", "to exist", "dissolution", "ESTABLISHED", "Dissolved", "in 1998", "."),
        *(" ", "  ", "\t", "The Office", "It", *QUIRKS, "ſet up", "dıssolved", "DİSBANDED"),
    ]
)


@given(st.lists(LIFESPAN_PIECES, max_size=12).map(" ".join) | st.text(max_size=40))
def test_lifespan_patterns_cannot_match_without_their_words(text: str) -> None:
    """What lets _lifespan ask may_contain of both patterns' words before either pattern."""
    for pattern, words in (
        (organization.ESTABLISHED, organization.ESTABLISHED_WORDS),
        (organization.DISSOLVED, organization.DISSOLVED_WORDS),
    ):
        if pattern.search(text):
            assert values.may_contain(text, words)
    both = organization.ESTABLISHED_WORDS + organization.DISSOLVED_WORDS
    assert values.may_contain(text, both) == (
        values.may_contain(text, organization.ESTABLISHED_WORDS)
        or values.may_contain(text, organization.DISSOLVED_WORDS)
    )
