"""The plain-text article reader: every line shape of the rendering, with its line number.

Small hand-written articles, one shape each, then Hypothesis: no text (arbitrary, or built from
the rendering's line shapes) crashes the reader or the extractors, and whatever they read
points back to a real line of the input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tenure.errors import ReadError
from tenure.extract import extract
from tenure.sources import Block, Document, read_bytes, read_text
from tenure.sources.article_text import MAX_DEPTH
from tests.conftest import Validate


def read(text: str, path: str = "Article.txt") -> Document:
    return read_text(text, path)


def blocks(doc: Document, kind: str) -> list[Block]:
    return [b for b in doc.blocks if b.kind == kind]


# Title and infoboxes


def test_title_line_is_the_title_and_not_a_block() -> None:
    doc = read("= Minister of National Defense (China) =\n\nThe minister heads the ministry.\n")
    assert doc.title == "Minister of National Defense (China)"
    assert [(b.kind, b.line, b.text) for b in doc.blocks] == [
        ("paragraph", 3, "The minister heads the ministry.")
    ]
    assert doc.diagnostics == []
    assert not doc.truncated


def test_missing_title_falls_back_to_the_file_name_with_a_warning() -> None:
    doc = read("The ministry was formed in 1954.\n", "corpus/Ministry_of_Examples.txt")
    assert doc.title == "Ministry of Examples"
    assert [(d.severity, d.line) for d in doc.diagnostics] == [("warning", 1)]


def test_infobox_line_then_key_value_entries() -> None:
    doc = read(
        "= Office of the Commission =\n"
        "\n"
        "Infobox\n"
        "- Agency Name: Office of the Commission\n"
        "- Nativename A: 中央国家安全委员会办公室\n"
        "- Chief1 Name: Cai Qi\n"
        "- Chief1 Position: Director\n"
        "- Headquarters: Zhongnanhai, Beijing\n"
        "\n"
        "The Office is the commission's administrative agency.\n"
    )
    [box] = doc.infoboxes
    assert (box.heading, box.line) == ("Infobox", 3)
    assert [(e.key, e.value, e.line) for e in box.entries] == [
        ("Agency Name", "Office of the Commission", 4),
        ("Nativename A", "中央国家安全委员会办公室", 5),
        ("Chief1 Name", "Cai Qi", 6),
        ("Chief1 Position", "Director", 7),
        ("Headquarters", "Zhongnanhai, Beijing", 8),
    ]
    assert box.entries[2].raw == "- Chief1 Name: Cai Qi"
    hq = box.get("headquarters")
    assert hq is not None and hq.value == "Zhongnanhai, Beijing"
    assert [b.line for b in doc.blocks] == [10]
    assert doc.lead == doc.blocks


def test_biography_block_starts_with_the_persons_name() -> None:
    doc = read(
        "= Li Xi =\n"
        "\n"
        "Li Xi\n"
        "- Office: Secretary of the Central Commission for Discipline Inspection\n"
        "- Term Start: 23 October 2022\n"
        "- Office1: Party Secretary of Guangdong\n"
        "\n"
        "Li Xi (born October 1956) is a Chinese politician.\n"
    )
    [box] = doc.infoboxes
    assert (box.heading, box.line) == ("Li Xi", 3)
    assert [e.norm for e in box.entries] == ["office", "termstart", "office1"]
    assert [(b.kind, b.line) for b in doc.blocks] == [("paragraph", 8)]


def test_numbered_family_keys_normalize_whatever_their_case_and_spacing() -> None:
    doc = read(
        "= Wang Yi =\n\nWang Yi\n"
        "- Office1: Minister of Foreign Affairs\n"
        "- Term Start1: 25 July 2023\n"
        "- Office2: Director of the Taiwan Affairs Office\n"
        "- Termstart2: 1 June 2008\n"
        "- TERM END2: 16 March 2013\n"
        "- term_end 1: 2024\n"
        "- Deputyminister1 Name: Ma Zhaoxu\n"
        "- Deputy-Minister1 Pfo: Executive Vice Minister\n"
    )
    [box] = doc.infoboxes
    assert [e.norm for e in box.entries] == [
        "office1",
        "termstart1",
        "office2",
        "termstart2",
        "termend2",
        "termend1",
        "deputyminister1name",
        "deputyminister1pfo",
    ]
    assert [e.key for e in box.entries][3:5] == ["Termstart2", "TERM END2"]
    found = box.get("termend1")
    assert found is not None and (found.value, found.line) == ("2024", 9)


def test_key_value_lines_in_the_body_are_list_items_not_infobox_entries() -> None:
    doc = read(
        "= Council =\n\n"
        "The council has these members:\n"
        "- Chairman: Li Ming\n"
        "- Secretary: Wang Fang\n"
    )
    assert doc.infoboxes == []
    assert [(b.kind, b.text, b.line) for b in blocks(doc, "item")] == [
        ("item", "Chairman: Li Ming", 4),
        ("item", "Secretary: Wang Fang", 5),
    ]


# Headings, groups, lists, tables, paragraphs


def test_headings_of_every_spelling_build_the_section_path() -> None:
    doc = read(
        "= Ministry =\n"
        "\n"
        "== History ==\n"
        "Formed in 1954.\n"
        "\n"
        "==Leaders==\n"
        "=== Deputy Ministers ===\n"
        "Several deputies serve at once.\n"
        "==== Former ====\n"
        "Listed below.\n"
        "== See also ==\n"
        "Other ministries.\n"
    )
    assert [(s.title, s.level, s.line, s.path) for s in doc.sections] == [
        ("History", 2, 3, ("History",)),
        ("Leaders", 2, 6, ("Leaders",)),
        ("Deputy Ministers", 3, 7, ("Leaders", "Deputy Ministers")),
        ("Former", 4, 9, ("Leaders", "Deputy Ministers", "Former")),
        ("See also", 2, 11, ("See also",)),
    ]
    assert [(b.line, b.section) for b in doc.blocks] == [
        (4, "History"),
        (8, "Leaders / Deputy Ministers"),
        (10, "Leaders / Deputy Ministers / Former"),
        (12, "See also"),
    ]
    assert doc.blocks[2].headings == ("Leaders", "Deputy Ministers", "Former")


def test_group_heading_applies_to_the_list_below_until_the_next_heading() -> None:
    doc = read(
        "= Office =\n"
        "\n"
        "== Leaders ==\n"
        "\n"
        "; Director\n"
        "\n"
        "- Li Zhanshu (2014–2017)\n"
        "- Ding Xuexiang (2017–2023)\n"
        "\n"
        "; Deputy Directors\n"
        "- Cai Qi (March 2014 – April 2015, deputy director)\n"
        "== History ==\n"
        "- Founded in 2014\n"
    )
    assert [(b.line, b.group, b.section) for b in doc.blocks] == [
        (7, "Director", "Leaders"),
        (8, "Director", "Leaders"),
        (11, "Deputy Directors", "Leaders"),
        (13, None, "History"),
    ]
    assert doc.blocks[0].text == "Li Zhanshu (2014–2017)"
    assert doc.blocks[0].raw == "- Li Zhanshu (2014–2017)"


def test_bullet_and_numbered_lists_with_their_nesting() -> None:
    doc = read(
        "= Office =\n"
        "\n"
        "== Structure ==\n"
        "- General Bureau\n"
        "-- Research Division\n"
        "  - Secretariat\n"
        "* Party Committee\n"
        "** Discipline Office\n"
        "# First\n"
        "## First, part one\n"
        "1. Numbered one\n"
        "2) Numbered two\n"
        "• Round bullet\n"
    )
    got = [(b.text, b.line, b.depth, b.ordered) for b in blocks(doc, "item")]
    assert got == [
        ("General Bureau", 4, 1, False),
        ("Research Division", 5, 2, False),
        ("Secretariat", 6, 2, False),
        ("Party Committee", 7, 1, False),
        ("Discipline Office", 8, 2, False),
        ("First", 9, 1, True),
        ("First, part one", 10, 2, True),
        ("Numbered one", 11, 1, True),
        ("Numbered two", 12, 1, True),
        ("Round bullet", 13, 1, False),
    ]
    assert all(b.section == "Structure" for b in doc.blocks)


def test_pipe_tables_give_rows_with_cells_and_their_header() -> None:
    doc = read(
        "= Post =\n"
        "\n"
        "==Officeholders==\n"
        "| No. | Name (birth–death) | Took office | Left office |\n"
        "|---|---|---|---|\n"
        "| 1 | Võ Nguyên Giáp (1911–2013) | 1946 | October 1948 |\n"
        "| 2 | | Lê Duẩn | 1977 |\n"
        "\n"
        "| Name | Term |\n"
        "| Tô Lâm | 2024– |\n"
    )
    rows = blocks(doc, "row")
    assert [(r.line, r.cells) for r in rows] == [
        (6, ["1", "Võ Nguyên Giáp (1911–2013)", "1946", "October 1948"]),
        (7, ["2", "", "Lê Duẩn", "1977"]),
        (10, ["Tô Lâm", "2024–"]),
    ]
    assert rows[0].header == ["No.", "Name (birth–death)", "Took office", "Left office"]
    assert rows[2].header == ["Name", "Term"]
    assert rows[0].section == "Officeholders"
    assert rows[0].raw == "| 1 | Võ Nguyên Giáp (1911–2013) | 1946 | October 1948 |"


def test_paragraphs_keep_their_line_and_section_and_the_lead_is_before_any_heading() -> None:
    doc = read(
        "= Commission =\n"
        "\n"
        "The Commission is a body.\n"
        "\n"
        "It was formed in 2018.\n"
        "\n"
        "== History ==\n"
        "In March 2018 the group was upgraded to a commission.\n"
    )
    assert [(b.line, b.text) for b in doc.lead] == [
        (3, "The Commission is a body."),
        (5, "It was formed in 2018."),
    ]
    assert [b.line for b in doc.paragraphs("History")] == [8]


# Damaged input


def test_cut_last_line_is_flagged_and_read_as_far_as_it_goes() -> None:
    doc = read("= Office =\n\n== Leaders ==\n; Director\n- Li Zhanshu (2014–2017)\n- Ding Xue")
    assert doc.truncated
    last = doc.blocks[-1]
    assert (last.kind, last.line, last.text, last.truncated) == ("item", 6, "Ding Xue", True)
    assert not doc.blocks[0].truncated


def test_cut_table_row_is_still_a_row() -> None:
    doc = read("= Post =\n\n| Name | Took office |\n| Tô Lâm | 20")
    [row] = blocks(doc, "row")
    assert (row.line, row.cells, row.truncated) == (4, ["Tô Lâm", "20"], True)


def test_crlf_line_endings_read_like_lf() -> None:
    text = (
        "= Office =\n\nInfobox\n- Chief1 Name: Cai Qi\n\n== Leaders ==\n; Director\n- Li (2014–)\n"
    )
    plain, crlf = read(text), read(text.replace("\n", "\r\n"))
    assert crlf.title == plain.title == "Office"
    assert [(b.line, b.raw, b.group) for b in crlf.blocks] == [
        (b.line, b.raw, b.group) for b in plain.blocks
    ]
    assert crlf.infoboxes[0].entries[0].value == "Cai Qi"
    assert not crlf.truncated


def test_list_nested_deeper_than_the_limit_is_read_at_the_limit_and_reported_once() -> None:
    depths = [1, 2, MAX_DEPTH, MAX_DEPTH + 1, 10_000, 3]
    text = "= Deep =\n\n" + "".join("*" * d + f" item {d}\n" for d in depths)
    doc = read(text)
    assert [b.depth for b in doc.blocks] == [1, 2, MAX_DEPTH, MAX_DEPTH, MAX_DEPTH, 3]
    errors = [d for d in doc.diagnostics if d.severity == "error"]
    assert [(d.line, "nested" in d.message) for d in errors] == [(6, True)]


def test_lines_of_only_equals_signs_are_not_headings() -> None:
    doc = read("= Office =\n\n==\n======\n== ==\nText.\n")
    assert doc.sections == []
    assert [b.line for b in doc.blocks] == [6]
    assert {d.line for d in doc.diagnostics} == {3, 4, 5}


def test_a_file_of_only_equals_signs_is_an_error() -> None:
    doc = read("=\n==\n===\n" * 5)
    assert doc.blocks == [] and doc.sections == []
    assert any(d.severity == "error" and d.line == 1 for d in doc.diagnostics)


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"", "empty file", None),
        (b"  \n\n", "empty file", None),
        (b"= A =\n\nx\x00y\n", "binary", 3),
        ("= A =\n\nBogotá\n".encode("latin-1"), "not UTF-8", 3),
        (b"= A =\n" + bytes(range(1, 30)) * 4, "binary", None),
    ],
    ids=["empty", "blank", "nul", "latin-1", "control-characters"],
)
def test_read_bytes_refuses_what_is_not_an_article(
    data: bytes, message: str, line: int | None
) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, "x.txt")
    assert caught.value.path == "x.txt"
    assert message in caught.value.message
    assert caught.value.line == line
    assert str(caught.value).startswith(f"x.txt:{line}:" if line else "x.txt:")


def test_read_bytes_drops_a_bom_and_reads_a_file_cut_inside_a_character() -> None:
    data = "= Office =\n\n== Leaders ==\n- Li Zhanshu (2014–2017)\n".encode()
    doc = read_bytes(b"\xef\xbb\xbf" + data, "x.txt")
    assert doc.title == "Office"
    cut = read_bytes(data[: data.index("–".encode()) + 1], "x.txt")
    assert cut.truncated
    assert cut.blocks[-1].text == "Li Zhanshu (2014"
    assert [(d.severity, d.line) for d in cut.diagnostics] == [("warning", 4)]


# Hypothesis: nothing crashes, everything read points back to its line

WORDS = st.sampled_from(
    """Li Zhanshu
Cai Qi
Sir Maurice Hankey
Võ Nguyên Giáp
中央外事工作委员会
Director
Deputy Directors
Minister of Foreign Affairs
Office
General Bureau
2014–2017
2023-
March 2014 – April 2015
20 March 2023
since 2019
c. 1950
(Acting until January 20, 2017)
present
of the
and
(
)
,
;
:
–
|
=
==
- Also
Acting:
Incumbent""".splitlines()
)
FRAGMENT = st.one_of(WORDS, st.text(max_size=12))
PHRASE = st.lists(FRAGMENT, max_size=6).map(" ".join)
KEYS = st.sampled_from(
    """Agency Name
Nativename A
Chief1 Name
Chief1 Position
Minister2 Name
Minister2 Pfo
Deputyminister1 Name
Office
Office3
Term Start
Termstart2
Term End3
Predecessor1
Successor1
Deputy1
Post
Incumbent
Incumbentsince
Inaugural
Formation
Formed
Leader Name
Leader Title
Parent Agency
Headquarters
Body
Department
Acting""".splitlines()
)
LINE = st.one_of(
    st.just(""),
    PHRASE.map(lambda p: f"= {p} ="),
    st.tuples(st.sampled_from(["==", "===", "===="]), PHRASE, st.booleans()).map(
        lambda t: f"{t[0]} {t[1]} {t[0]}" if t[2] else f"{t[0]}{t[1]}{t[0]}"
    ),
    st.just("Infobox"),
    PHRASE,
    st.tuples(KEYS, PHRASE).map(lambda t: f"- {t[0]}: {t[1]}"),
    PHRASE.map(lambda p: f"; {p}"),
    st.tuples(st.sampled_from(["-", "*", "#", "--", "**", "  -", "1.", "2)", "•"]), PHRASE).map(
        " ".join
    ),
    st.lists(PHRASE, min_size=1, max_size=5).map(lambda cells: "| " + " | ".join(cells) + " |"),
    st.just("|---|---|"),
    st.integers(1, 200).map(lambda n: "=" * n),
)


@st.composite
def articles(draw: st.DrawFn) -> str:
    """Text in the rendering's line shapes, sometimes cut, sometimes with CRLF endings."""
    lines = draw(st.lists(LINE, max_size=40))
    text = "\n".join(lines) + ("\n" if draw(st.booleans()) else "")
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


def check_points_back(doc: Document, text: str) -> None:
    """Every block, infobox entry and section names a real line and holds that line's text."""
    source = [line.rstrip("\r") for line in text.split("\n")]
    seen = [b.line for b in doc.blocks]
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    for block in doc.blocks:
        assert 1 <= block.line <= len(source)
        assert block.raw in source[block.line - 1]
        assert block.depth <= MAX_DEPTH
    for box in doc.infoboxes:
        for entry in box.entries:
            assert entry.raw == source[entry.line - 1]
    for section in doc.sections:
        assert section.title in source[section.line - 1]


def check_extraction(result: Any, text: str, validate: Validate) -> None:
    validate(result.to_dict())
    source = [line.rstrip("\r") for line in text.split("\n")]
    for fact in [*result.tenures, *result.events]:
        for evidence in fact.evidence:
            assert 1 <= evidence.line <= len(source)
            assert evidence.text in source[evidence.line - 1]


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXTRACT = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text())
def test_read_text_never_crashes_on_arbitrary_text(text: str) -> None:
    check_points_back(read_text(text, "x.txt"), text)


@FAST
@given(articles())
def test_read_text_never_crashes_on_article_shaped_text(text: str) -> None:
    check_points_back(read_text(text, "x.txt"), text)


@FAST
@given(st.binary())
def test_read_bytes_returns_a_document_or_refuses_with_read_error(data: bytes) -> None:
    try:
        doc = read_bytes(data, "x.txt")
    except ReadError as exc:
        assert exc.path == "x.txt" and exc.message
    else:
        assert isinstance(doc, Document)


@EXTRACT
@given(st.text())
def test_extract_never_crashes_on_arbitrary_text(text: str) -> None:
    extract(read_text(text, "x.txt"))


@EXTRACT
@given(text=articles())
def test_extract_reads_article_shaped_text_into_the_contract(text: str, validate: Validate) -> None:
    check_extraction(extract(read_text(text, "x.txt")), text, validate)


@EXTRACT
@given(st.one_of(st.binary(), articles().map(lambda t: t.encode())))
def test_extract_never_crashes_on_bytes(data: bytes) -> None:
    try:
        doc = read_bytes(data, "x.txt")
    except ReadError:
        return
    extract(doc)


def test_an_articles_address_comes_from_sources_tsv_beside_it(tmp_path: Path) -> None:
    from tenure.sources import read_path, source_urls

    (tmp_path / "X_Office.txt").write_text("= X Office =\n\nThe X Office is an office.\n")
    (tmp_path / "Y_Office.txt").write_text("= Y Office =\n\nThe Y Office is an office.\n")
    (tmp_path / "SOURCES.tsv").write_text(
        "file\turl\tcategory\nX_Office.txt\thttps://en.wikipedia.org/wiki/X_Office\tcn-body\n"
    )
    source_urls.cache_clear()
    assert read_path(tmp_path / "X_Office.txt").url == "https://en.wikipedia.org/wiki/X_Office"
    assert read_path(tmp_path / "Y_Office.txt").url is None


# The reader's shortcuts agree with the patterns they stand for

LINE_PIECES = st.sampled_from(
    [
        *("-", "*", "#", "•", "--", "1.", "2)", "123.", "1234.", "٣.", "²", "|", ":", ";", " "),
        *("\t", "\u00a0", "\u3000", "\x1c", "\r", "\x0b", "Key", "Term Start", "x" * 30),
        *("y" * 59, "z" * 61, "中", "é", "(", ")", ".", "=", "|---|"),
    ]
)
raw_lines = st.one_of(st.text(max_size=30), st.lists(LINE_PIECES, max_size=10).map("".join))


@settings(max_examples=2000)
@given(raw_lines)
def test_line_shortcuts_agree_with_the_patterns(line: str) -> None:
    from tenure.sources.article_text import (
        BULLET,
        BULLET_MARKS,
        ENTRY,
        ENTRY_MARKS,
        TABLE_ROW,
        TITLE,
        _entry,
        _is_table_row,
        _is_title,
    )

    line = line.replace("\n", "")
    stripped = line.strip()
    if not stripped:
        return
    first = stripped[0]
    m = ENTRY.match(line)
    expected = (m.group(1).strip(), m.group(2).strip()) if m else None
    assert (_entry(stripped) if first in ENTRY_MARKS else None) == expected
    assert _is_table_row(stripped) == bool(TABLE_ROW.match(line))
    if BULLET.match(line):
        assert first in BULLET_MARKS or first.isdecimal()
    if first == "=":
        title = TITLE.match(stripped)
        assert _is_title(stripped) == bool(title and not stripped.startswith("=="))
        if title:
            assert stripped[1:-1].strip() == title.group(1).strip()


def test_an_address_comes_from_the_real_folder_of_a_linked_or_relative_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tenure.sources import read_path, source_urls

    real, other = tmp_path / "real", tmp_path / "other"
    real.mkdir()
    other.mkdir()
    (real / "X_Office.txt").write_text("= X Office =\n\nThe X Office is an office.\n")
    (real / "SOURCES.tsv").write_text("file\turl\nX_Office.txt\thttps://real/x\n")
    (other / "SOURCES.tsv").write_text("file\turl\nX_Office.txt\thttps://other/x\n")
    (other / "X_Office.txt").symlink_to(real / "X_Office.txt")
    (tmp_path / "linked").symlink_to(real)
    source_urls.cache_clear()
    assert read_path(other / "X_Office.txt").url == "https://real/x"
    assert read_path(tmp_path / "linked" / "X_Office.txt").url == "https://real/x"
    monkeypatch.chdir(other)
    assert read_path("X_Office.txt").url == "https://real/x"
    assert read_path("../real/X_Office.txt").url == "https://real/x"
    monkeypatch.chdir(real)
    assert read_path("X_Office.txt").url == "https://real/x"
    assert read_path("./X_Office.txt/").url == "https://real/x"


@given(st.text(alphabet="ab./\\ ~", max_size=12) | st.text(max_size=12))
def test_a_path_is_normalized_as_pathlib_writes_it(name: str) -> None:
    from tenure.sources import _normalized

    assert _normalized(name) == str(Path(name))


def test_evidence_of_a_block_or_entry_is_the_evidence_its_class_makes() -> None:
    from tenure.model import Evidence

    samples = Path(__file__).resolve().parents[2] / "samples"
    doc = read_text((samples / "Office_of_the_National_Security_Commission.txt").read_text())
    pairs = [(b.evidence(), Evidence(b.line, b.raw, b.section)) for b in doc.blocks]
    pairs += [(e.evidence(), Evidence(e.line, e.raw)) for box in doc.infoboxes for e in box.entries]
    assert len(pairs) > 10
    for fast, made in pairs:
        assert fast == made and hash(fast) == hash(made) and repr(fast) == repr(made)
        assert vars(fast) == vars(made) and set(vars(fast)) == set(Evidence.__dataclass_fields__)
