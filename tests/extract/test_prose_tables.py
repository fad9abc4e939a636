"""Prose reading's memo tables and ASCII twins answer as the plain readings they stand for."""

from __future__ import annotations

import dataclasses
import re
import string
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tenure.extract import (
    appointments,
    clauses,
    events,
    infobox,
    merge,
    organization,
    prose,
    text,
)
from tenure.extract.appointments import ProseTenure
from tenure.extract.clauses import dates_in, match_among, match_for
from tenure.extract.events import Found
from tenure.extract.holders import Context, HoldersResult
from tenure.extract.infobox import InfoboxResult
from tenure.extract.names import PersonName, singular, strip_the
from tenure.extract.posts import PostDescription
from tenure.extract.spelling import optional_branches
from tenure.extract.text import Mentions, successive
from tenure.sources import read_path
from tenure.sources.document import (
    Block,
    Document,
    Infobox,
    InfoboxEntry,
    Section,
    normalize_key,
)
from tests.extract.test_prose_gates import ADVERSARIAL, GATES, SENTENCES

TWINNED = [
    (text.ORG_PHRASE, text.ORG_PHRASE_ASCII),
    (appointments.TWO_NAME_WORDS, appointments.TWO_NAME_WORDS_ASCII),
    (appointments.NAMED, appointments.NAMED_ASCII),
    (clauses.CLAUSE_BREAK, clauses.CLAUSE_BREAK_ASCII),
    (clauses.TIME_PHRASE, clauses.TIME_PHRASE_ASCII),
    *(
        (pattern, twin)
        for (_, pattern), (_, twin) in zip(
            appointments.PATTERNS, appointments.PATTERNS_ASCII, strict=True
        )
    ),
    *(
        (pattern, twin)
        for pattern, twin in zip(appointments.TRIGGERED, appointments.TRIGGERED_ASCII, strict=True)
        if pattern is not None and twin is not None
    ),
    *(
        (pattern, twin)
        for (_, pattern, _), (_, twin, _) in zip(events.RULES, events.RULES_ASCII, strict=True)
    ),
]
"""Each pattern prose reading runs through its ASCII twin on ASCII text, and the twin."""
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
ASCII_TEXT = st.lists(
    st.sampled_from(
        [
            *string.printable,
            *"\x1c\x1d\x1e\x1f\x00\x7f",
            *("Office", "Group", "of the ", "Li Peng ", "was ", "served ", "21st", "(CCP)"),
            *("'s ", " and ", "-", "Central Committee", "Ministry of State ", "In 1990, "),
            *("was ", "It ", "the Group ", "established ", "renamed ", "merged with ", "as "),
            *("abolished", "replaced by ", "known as the ", "which has the external name of "),
            *("one institution with two names", "during the ", "appointed ", "served as "),
            *("He ", "who is the ", "with ", "headed by ", "was held by ", "decided to "),
        ]
    ),
    max_size=30,
).map("".join)


def _finds(pattern: re.Pattern[str], sentence: str) -> list[tuple[tuple[int, int], ...]]:
    """Every match's spans (of each group), as :func:`finditer` and as prose reading's
    :func:`~tenure.extract.text.successive` (resuming at "post" or "after") find them."""
    found = [m.regs for m in pattern.finditer(sentence)]
    for resume in ("post", "after"):
        found += [m.regs for m in successive(pattern, sentence, resume)]
    return found


def test_ascii_twins_match_alike_on_every_sentence() -> None:
    checked = 0
    extra = ["A\x1cB Office\x1dof\x1fthe Group", "X \x1c Y", "Li\x1ePeng was", "1st\x1fGroup"]
    for sentence in SENTENCES + ADVERSARIAL + extra:
        if not sentence.isascii():
            continue
        checked += 1
        for pattern, twin in TWINNED:
            assert _finds(twin, sentence) == _finds(pattern, sentence), sentence
    assert checked > 100


@settings(max_examples=1000, deadline=None)
@given(ASCII_TEXT)
def test_ascii_twins_match_alike_on_any_ascii_text(sentence: str) -> None:
    for pattern, twin in TWINNED:
        assert _finds(twin, sentence) == _finds(pattern, sentence)


def test_ascii_twin_spaces_are_unicode_spaces() -> None:
    for point in range(128):
        char = chr(point)
        for source in (r"\s", r"[\s]", r"[^\s]", r"[a\s]", r"[]\s]", r"[^]\s]"):
            pattern = re.compile(source)
            assert bool(text.ascii_twin(pattern).fullmatch(char)) == bool(
                pattern.fullmatch(char)
            ), (source, hex(point))


CLASSES = [
    *(rf"\{letter}" for letter in "sdwSDW"),
    *(rf"[\{letter}]" for letter in "sdwSDW"),
    *(rf"[^\{letter}]" for letter in "sdwSDW"),
    *(r"[\w'’\-–]", r"[^\w’]", r"[A-ZÀ-ÖØ-ÞĐƠƯ]", r"[!-\u2019]", r"[’]", r"[^’]", r"[]’]"),
    *(r"[^]’-]", r"[\x00-\x1f\u00e9]", r"[\t\n\b\-\]\\]", r"[\s,;.]", r"[-a]", r"[a-]"),
    *(r"[\W\d]", r"[^\S\n]", r"[\u0041-\U0000005a]"),
]
"""Classes and categories :func:`~tenure.extract.text.ascii_twin` respells."""


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@pytest.mark.parametrize("source", CLASSES)
def test_ascii_twin_classes_match_as_unicode_ones(source: str, flags: int) -> None:
    pattern = re.compile(source, flags)
    try:
        twin = text.ascii_twin(pattern)
    except ValueError:
        assert flags, source  # case-insensitive with characters beyond ASCII
        return
    for point in range(128):
        char = chr(point)
        assert bool(twin.fullmatch(char)) == bool(pattern.fullmatch(char)), (source, hex(point))


def test_ascii_twin_classes_are_ascii_tables() -> None:
    """A twin's classes hold no category and no character beyond ASCII (one table each)."""
    for source in CLASSES:
        spelled = text.ascii_twin(re.compile(source)).pattern
        assert spelled.isascii(), source
        assert not re.search(r"\\[sdwSDW]", spelled), source


@pytest.mark.parametrize(
    "pattern",
    [
        re.compile("\u212a", re.IGNORECASE),
        re.compile("[a-’]", re.IGNORECASE),
        re.compile(r"(?s)a"),
        re.compile(r"[\N{BULLET}]"),
        re.compile(r"[\101]"),
    ],
    ids=["ignorecase-kelvin", "ignorecase-range", "inline-flag", "named-escape", "octal-escape"],
)
def test_ascii_twin_refuses_what_it_cannot_spell(pattern: re.Pattern[str]) -> None:
    with pytest.raises(ValueError):
        text.ascii_twin(pattern)


@pytest.mark.parametrize("size", [2, 8192])
def test_phrase_orgs_table_answers_as_reading(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    monkeypatch.setattr(text, "_PHRASE_ORGS_SIZE", size)
    text._PHRASE_ORGS.clear()
    for _ in range(2):  # learning, then looking up
        for sentence in SENTENCES + ADVERSARIAL:
            pattern = text.ORG_PHRASE
            plain = [o for p in pattern.findall(sentence) for o in text.read_phrase_orgs(p)]
            assert text.find_orgs(sentence) == plain, sentence
            assert len(text._PHRASE_ORGS) <= size


@pytest.mark.parametrize("size", [2, 4096])
def test_word_tables_answer_as_reading(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    monkeypatch.setattr(text, "_ORG_HEADS_SIZE", size)
    monkeypatch.setattr(text, "_ABBREVIATION_ENDS_SIZE", size)
    text._ORG_HEADS.clear()
    text._ABBREVIATION_ENDS.clear()
    orgs = [o for sentence in SENTENCES for o in text.find_orgs(sentence)]
    words = [w for sentence in SENTENCES[:400] for w in sentence.split()]
    for _ in range(2):
        for org in [*orgs, "", "Office", "the group"]:
            assert text.org_head(org) == text.read_org_head(org), org
            assert len(text._ORG_HEADS) <= size
        for word in [*words, "Mr", "U.S", "A", "e.g"]:
            plain = text.ABBREVIATIONS.search(word + ".") is not None
            assert text._ends_abbreviation(word) == plain, word
            assert len(text._ABBREVIATION_ENDS) <= size


@pytest.mark.parametrize("size", [2, 1024])
@pytest.mark.parametrize(
    ("gate", "patterns", "needles"), GATES, ids=["events", "appointments", "prose"]
)
def test_gate_tables_answer_as_reading(
    monkeypatch: pytest.MonkeyPatch,
    size: int,
    gate: text.Needles,
    patterns: list[re.Pattern[str]],
    needles: list[tuple[tuple[str, ...], ...]],
) -> None:
    monkeypatch.setattr(text, "KNOWN_SETS", size)
    gate.allowed.clear()
    for sentence in SENTENCES + ADVERSARIAL:
        if text.FOLDS_TO_ASCII.search(sentence):
            continue
        spaced = " ".join(sentence.lower().split())
        plain = 0
        for index, groups in enumerate(needles):
            if all(any(n in spaced for n in group) for group in groups):
                plain |= 1 << index
        assert gate.active(sentence) == plain, sentence
        assert len(gate.allowed) <= size
    for groups in range(64):
        expected = sum(
            1 << index for index, needs in enumerate(gate.requires) if needs & groups == needs
        )
        assert gate.rules_of(groups) == expected


@pytest.mark.parametrize("size", [2, 4096])
def test_appointment_tables_answer_as_reading(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    monkeypatch.setattr(appointments, "_DESCRIBED_SIZE", size)
    monkeypatch.setattr(appointments, "_NAMED_PEOPLE_SIZE", size)
    appointments._DESCRIBED.clear()
    appointments._NAMED_PEOPLE.clear()
    phrases = ["Director of the General Office", "member of its group", "first Secretary", ""]
    names = ["Vice Premier Qian Qichen", "Li Peng", "The Office", "In Beijing", "Li"]
    for sentence in SENTENCES[:600]:
        phrases.append(appointments._post_phrase(sentence))
        names += [m.group("person") for m in appointments.NAMED.finditer(sentence)]
    for _ in range(2):
        for phrase in phrases:
            assert appointments._described(phrase) == appointments._read_described(phrase)
            assert len(appointments._DESCRIBED) <= size
        for name in names:
            assert appointments._named_person(name) == appointments._read_named_person(name)
            assert len(appointments._NAMED_PEOPLE) <= size


def _range_plainly(sentence: str, position: int, carried: clauses.Carried) -> object:
    """What :func:`~tenure.extract.appointments._range` answered, finding the dates twice."""
    match = match_for(sentence, position)
    if match is not None:
        return match.range
    if dates_in(sentence):
        return None
    value = clauses.carried_value(carried)
    return appointments.DateRange(value, None, single=True) if value else None


def test_range_finds_the_dates_once_and_answers_alike() -> None:
    for sentence in SENTENCES:
        for position in range(0, len(sentence), 11):
            for carried in (None, "1990-05"):
                expected = _range_plainly(sentence, position, carried)
                assert appointments._range(sentence, position, carried) == expected, sentence
            assert match_among(sentence, position, dates_in(sentence)) == match_for(
                sentence, position
            )


PLAIN_SPELLINGS = [
    (
        clauses.CLAUSE_BREAK,
        re.compile(
            r",\s+(?!(?:and|or)\s+the\s+[A-Z]|\d{4})|;\s+|\s+and\s+(?=(?:was|were|in|on|it|then"
            r"|later|has|had)\b|[a-z]+ed\b)"
        ),
    ),
    (
        appointments.ITEM_BREAK,
        re.compile(r"(,\s+(?:and\s+)?|\s+and\s+(?=(?:the|a|an|as)\s))"),
    ),
]
"""Patterns spelled to start with the class of their first character, and the plain
alternations they stand for."""


def _broken(pattern: re.Pattern[str], sentence: str) -> tuple[object, ...]:
    return (_finds(pattern, sentence), pattern.split(sentence))


def test_class_first_spellings_match_as_the_plain_alternations() -> None:
    extra = ["a ,  and the B", "x;\u2003and was", "in\x1c and\x1dwas", ", 1990", ",\u00a0and"]
    for sentence in SENTENCES + ADVERSARIAL + extra:
        for spelled, plain in PLAIN_SPELLINGS:
            assert _broken(spelled, sentence) == _broken(plain, sentence), sentence


@settings(max_examples=1000, deadline=None)
@given(
    st.one_of(
        ASCII_TEXT,
        st.lists(st.sampled_from([*", ;\u2003\x1cand", " and ", "was", "the ", "A", "1990"])).map(
            "".join
        ),
    )
)
def test_class_first_spellings_match_as_the_plain_alternations_anywhere(sentence: str) -> None:
    for spelled, plain in PLAIN_SPELLINGS:
        assert _broken(spelled, sentence) == _broken(plain, sentence)


def test_ended_spelled_by_first_letter_finds_what_the_plain_alternation_does() -> None:
    plain = re.compile(
        r"\b(?:stepped down|resigned|left office|retired|was dismissed|was removed|"
        r"serving (?:there |in (?:that|this) (?:post|position|role|office) )?until|"
        r"(?:a post|a position|an office) (?:he|she) held until)\b[^.;]*"
    )
    phrases = [
        *("stepped down", "resigned", "left office", "retired", "was dismissed", "was removed"),
        *("serving until", "serving there until", "serving in this role until"),
        *("a post he held until", "an office she held until", "a position he held until"),
    ]
    texts = [
        f"{a}{p}{b}" for p in phrases for a in ("", " ", "x", "é", "_") for b in ("", "s", " 1990.")
    ]
    for sentence in SENTENCES + ADVERSARIAL + texts:
        assert _finds(appointments.ENDED, sentence) == _finds(plain, sentence), sentence


SPELLED_OUT_INITS = [
    (InfoboxEntry, ("Key", "value", 3, "- Key: value")),
    (Infobox, ("Infobox", 2)),
    (Block, ("paragraph", "Text.", 5, "Text.")),
    (Section, ("Leaders", 2, 4, ("Leaders",))),
    (Document, ("Title", "a.txt", "0" * 64)),
    (PostDescription, ("Director",)),
    (ProseTenure, ("Li Peng", "Premier", None, None)),
    (Mentions, ("Office",)),
    (Context, ("Office",)),
    (HoldersResult, ()),
    (InfoboxResult, ()),
    (Found, ("renamed", "Office", None, 3)),
    (PersonName, ("Li Peng",)),
]
"""Dataclasses whose __init__ is spelled out (to be compiled), with their required fields."""


@pytest.mark.parametrize(("cls", "required"), SPELLED_OUT_INITS)
def test_spelled_out_inits_make_what_the_dataclass_init_would(
    cls: type[Any], required: tuple[object, ...]
) -> None:
    made, again = cls(*required), cls(*required)
    for index, spec in enumerate(dataclasses.fields(cls)):
        value = getattr(made, spec.name)
        if index < len(required):
            assert value == required[index]
        elif spec.default_factory is not dataclasses.MISSING:
            assert value == spec.default_factory()
            assert value is not getattr(again, spec.name)  # not shared between objects
        else:
            assert value == spec.default
    by_name = {spec.name: getattr(made, spec.name) for spec in dataclasses.fields(cls)}
    assert cls(**by_name) == made
    assert dataclasses.replace(made) == made


def _written_keys() -> list[str]:
    keys = {"Term Start2", "Chief1 Name", "", " x ", "Office_3 - x", "Predecessor10"}
    for path in sorted([*SAMPLES.glob("*.txt"), *ARTICLES.glob("*.txt")]):
        for box in read_path(path).infoboxes:
            keys |= {entry.key for entry in box.entries}
    return sorted(keys)


@pytest.mark.parametrize("size", [2, 4096])
def test_infobox_key_tables_answer_as_the_readings(
    monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    for name in ("_KEYS_SIZE", "_MEMBERS_SIZE", "_OFFICE_MEMBERS_SIZE"):
        monkeypatch.setattr(infobox, name, size)
    for table in (infobox._KEYS, infobox._MEMBERS, infobox._OFFICE_MEMBERS):
        table.clear()
    patterns = [infobox.ORG_FAMILIES, infobox.PERSON_FAMILIES]
    for _ in range(2):  # reading the keys, then looking them up
        for key in _written_keys():
            assert infobox.key_of(key) == normalize_key(key)
            assert infobox._office_member(key) == infobox._read_office_member(key)
            for p in patterns:
                member = infobox._member(p.pattern, p.flags, key)
                assert member == infobox._read_member(p.pattern, p.flags, key)
        assert len(infobox._KEYS) <= size and len(infobox._MEMBERS) <= size


@pytest.mark.parametrize("size", [2, 8192])
def test_merge_key_tables_answer_as_the_readings(
    monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    monkeypatch.setattr(merge, "_KEY_PARTS_SIZE", size)
    monkeypatch.setattr(merge, "_POST_KEYS_SIZE", size)
    merge._KEY_PARTS.clear()
    merge._POST_KEYS.clear()

    def key_part(text: str | None) -> str:
        folded = unicodedata.normalize("NFKC", text or "").casefold()
        return " ".join(strip_the(folded).replace(".", " ").split())

    texts = [None, "", "The Office", "Dr. Li  Peng", "ＣＣＰ Committee", "Directors", "Ministers"]
    texts += [word for sentence in SENTENCES[:200] for word in text.find_orgs(sentence)]
    for _ in range(2):
        for written in texts:
            assert merge._key_part(written) == key_part(written), written
            if written is not None:
                assert merge._post_key(written) == key_part(singular(written)), written
        assert len(merge._KEY_PARTS) <= size and len(merge._POST_KEYS) <= size


def test_prose_words_spelled_by_first_letter_find_what_the_plain_patterns_do() -> None:
    plain_appoint = re.compile(
        r"\b(?:appointed|served as|became|elected|as (?:its|the) (?:first )?\w+)\b"
    )
    plain_year = re.compile(r"\b1\d{3}|20\d\d\b")
    extra = [
        *("x1990", "_1990", "é1990", "1990s", "2019x", "12019", "a2019 2019", "as the first é"),
        *("reappointed", "appointedx", "as its head", "has the", "elected_", "became."),
    ]
    for sentence in SENTENCES + ADVERSARIAL + extra:
        assert _finds(prose.APPOINT_WORDS, sentence) == _finds(plain_appoint, sentence)
        assert _finds(prose.YEAR_LIKE, sentence) == _finds(plain_year, sentence), sentence


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"12 0x9é_-.", "1990", "2019", "as ", "the ", "its ", "first ", "elected"])
    ).map("".join)
)
def test_prose_words_spelled_by_first_letter_match_alike_anywhere(sentence: str) -> None:
    plain_appoint = re.compile(
        r"\b(?:appointed|served as|became|elected|as (?:its|the) (?:first )?\w+)\b"
    )
    assert _finds(prose.APPOINT_WORDS, sentence) == _finds(plain_appoint, sentence)
    assert _finds(prose.YEAR_LIKE, sentence) == _finds(re.compile(r"\b1\d{3}|20\d\d\b"), sentence)


PLAIN_EVENT_WORDS = re.compile(
    r"\b(?:established|founded|formed|created|renamed|abolished|disbanded|dissolved|merged|"
    r"upgraded|downgraded|restored|re-established|reorganized|re-organized|replaced|absorbed)\b",
    re.I,
)


def test_event_words_spelled_by_first_letter_find_what_the_plain_pattern_does() -> None:
    first = re.compile(r"[EeFfCcRrAaDdMmUu]")
    for point in range(0x110000):  # the class holds every letter the words begin with
        char = chr(point)
        if re.fullmatch("[efcradmu]", char, re.I):
            assert first.fullmatch(char), hex(point)
    words = PLAIN_EVENT_WORDS.pattern[5:-3].split("|")
    extra = [
        f"{a}{w.upper()}{b}" for w in words for a in ("", "x", "-", " ") for b in ("", "s", ".")
    ]
    extra += ["eſtabliſhed", "REORGANİZED", "re-Established", "Dissolved_", "unmerged"]
    for sentence in SENTENCES + ADVERSARIAL + extra:
        assert _finds(prose.EVENT_WORDS, sentence) == _finds(PLAIN_EVENT_WORDS, sentence), sentence


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"eſEé_- .x", "merged", "Re-", "organized", "ESTABLISHED", "re"])
    ).map("".join)
)
def test_event_words_spelled_by_first_letter_match_alike_anywhere(sentence: str) -> None:
    assert _finds(prose.EVENT_WORDS, sentence) == _finds(PLAIN_EVENT_WORDS, sentence)


ORGANIZATION_SPELLINGS = [
    (
        organization.ESTABLISHED,
        re.compile(
            r"\b(?:was|were|been|is)\s+(?:first\s+|originally\s+|officially\s+|formally\s+)?"
            r"(?:established|founded|formed|created|set up|instituted)\b",
            re.IGNORECASE,
        ),
    ),
    (
        organization.DISSOLVED,
        re.compile(
            r"\b(?:dissolution|was (?:dissolved|abolished|disbanded)|ceased (?:operations|to "
            r"exist))\b",
            re.IGNORECASE,
        ),
    ),
    (
        organization.LEAD_TYPE,
        re.compile(r"\b(?:is|was)\s+(?:the|an?)\s+(?P<type>[^.]{3,200})"),
    ),
]
"""The organization patterns spelled to start with a class, and their plain spellings."""


def test_organization_patterns_spelled_by_first_letter_match_as_the_plain_ones() -> None:
    first = re.compile("[WwBbIi\u0130\u0131DdCc]")
    for point in range(0x110000):  # the classes hold every letter the words begin with
        char = chr(point)
        if re.fullmatch("[wbidc]", char, re.I):
            assert first.fullmatch(char), hex(point)
    extra = [
        *("It İS ESTABLISHED", "thıs was set up", "xwas founded", "WAS  FIRST formed", "is"),
        *("Dissolution", "the WAS DISBANDED", "it ceased to exist", "is the Office of X."),
        *("This is the body", "it was an organ of the State Council, and", "is a x"),
    ]
    for sentence in SENTENCES + ADVERSARIAL + extra:
        for spelled, plain in ORGANIZATION_SPELLINGS:
            assert _finds(spelled, sentence) == _finds(plain, sentence), sentence


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"iİıwWbBx _.\n", "was ", "is ", "been ", "first ", "founded", "the ", "an ", "Office"]
        )
    ).map("".join)
)
def test_organization_patterns_spelled_by_first_letter_match_alike_anywhere(written: str) -> None:
    for spelled, plain in ORGANIZATION_SPELLINGS:
        assert _finds(spelled, written) == _finds(plain, written)


OPTIONAL_GROUPS = [
    r"(?:ab)?c",
    r"(a)?(b)?a",
    r"(?:(?:a)?b)?a?",
    r"(?P<d>,\s*[^,]{1,4},)?\s+(?:x|y)",
    r"(?:a|ab)?b",
    r"(a*)?b",
    r"(?:(a)|b)?\1?",
    r"[(]?(x)?(?:\)|(?:y))?",
    r"(?:a)??b",
    r"(?:a)?+a",
    r"(?=a)?a",
    r"(?:\s+\([A-Z]{2,3}\))?(?:'s\s+[A-Z]\w*(?:\s+[A-Z]\w*)*)?",
]
"""Patterns with groups made optional (greedy, lazy, possessive, nested, captured, empty)."""


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abxy,() 's\tAB", max_size=14))
def test_optional_groups_spelled_as_choices_match_alike(sentence: str) -> None:
    for source in OPTIONAL_GROUPS:
        pattern, spelled = re.compile(source), re.compile(optional_branches(source))
        assert _finds(spelled, sentence) == _finds(pattern, sentence), source
        assert [m.regs for m in spelled.finditer(sentence, 1)] == [
            m.regs for m in pattern.finditer(sentence, 1)
        ]


def test_optional_groups_are_spelled_as_choices() -> None:
    assert optional_branches(r"(?:ab)?(c)?[)?]\)?") == r"(?:(?:ab)|)(?:(c)|)[)?]\)?"
    for kept in (r"(?:a)??", r"(?:a)?+", r"(?=a)?", r"(?<!a)?", r"(?:a)*?", r"(?:a){0,1}"):
        assert optional_branches(kept) == kept


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=".!?”'\"“( \nAa1.", max_size=16))
def test_sentence_ends_are_those_sentence_end_finds(paragraph: str) -> None:
    expected = [m.end() for m in text.SENTENCE_END.finditer(paragraph)]
    assert text.sentence_ends(paragraph) == expected


def test_sentence_ends_are_those_sentence_end_finds_in_every_paragraph() -> None:
    for path in sorted([*SAMPLES.glob("*.txt"), *ARTICLES.glob("*.txt")]):
        for block in read_path(path).paragraphs():
            expected = [m.end() for m in text.SENTENCE_END.finditer(block.text)]
            assert text.sentence_ends(block.text) == expected, block.text
