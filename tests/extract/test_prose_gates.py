"""The shortcuts prose reading takes give the same answers as the plain checks they replace."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tenure.extract import appointments, events, names, prose, text
from tenure.extract.clauses import DateTrail, carried_date, carried_on, dates_in, last_date
from tenure.extract.prose import bounded
from tenure.extract.text import FOLDS_TO_ASCII, Needles, members, split_sentences, successive
from tenure.sources import read_path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def sentences() -> list[str]:
    out = [
        "The FALG was upgraded to the Central Foreign Affairs Commission in March 2018.",
        "He was the Director; she had been\tappointed, and later served as  Deputy Head.",
        "It was set up in 1955 and known as the Office, whose Head was held by Li Xi.",
        "McDonald O'Brien-Smith Jr was named, then ESTABLISHED and Re-Organized.",
    ]
    for path in sorted([*SAMPLES.glob("*.txt"), *ARTICLES.glob("*.txt")]):
        for block in read_path(path).paragraphs():
            out += [p.text for s in split_sentences(block.text) for p in bounded(s)]
    return out


SENTENCES = sentences()


ADVERSARIAL = [
    "The office was  Known\tAs the Bureau; it WAS UPGRADED\nTO the Commission.",
    "The office was eſtabliſhed in 1950 and the group was İnstituted later.",
    "It was reorganızed, and KNOWN AS the Group, then renamed  to the Office.",
    "Li Peng,  who  was  the Premier, was held  by nobody, and later  worked as its  Head.",
]
"""Sentences whose letters or spaces a careless gate would misread."""
GATES = [
    (events.GATE, [pattern for _, pattern, _ in events.RULES], events.NEEDLES),
    (
        appointments.GATE,
        [pattern for _, pattern in appointments.PATTERNS],
        [appointments.NEEDLES[kind] for kind, _ in appointments.PATTERNS],
    ),
    (
        prose.GATE,
        [
            *(pattern for _, pattern, _ in events.RULES),
            *(pattern for _, pattern in appointments.PATTERNS),
            prose.EVENT_WORDS,
            prose.APPOINT_WORDS,
            names.ORG_WORDS,
            appointments.TWO_NAME_WORDS,
        ],
        [
            *events.NEEDLES,
            *(appointments.NEEDLES[kind] for kind, _ in appointments.PATTERNS),
            prose.EVENT_WORD_NEEDLES,
            prose.APPOINT_WORD_NEEDLES,
            text.ORG_WORD_NEEDLES,
            appointments.NAMED_VERB_NEEDLES,
        ],
    ),
]


def _plain(sentence: str, needles: list[tuple[tuple[str, ...], ...]]) -> set[int]:
    """The rules whose needles the sentence holds, looked for as :class:`Needles` says."""
    if FOLDS_TO_ASCII.search(sentence):
        return set(range(len(needles)))
    spaced = " ".join(sentence.lower().split())
    return {
        i
        for i, groups in enumerate(needles)
        if all(any(n in spaced for n in group) for group in groups)
    }


@pytest.mark.parametrize(
    ("gate", "patterns", "needles"), GATES, ids=["events", "appointments", "prose"]
)
def test_needle_gate_allows_exactly_the_rules_whose_words_occur(
    gate: Needles,
    patterns: list[re.Pattern[str]],
    needles: list[tuple[tuple[str, ...], ...]],
) -> None:
    for sentence in SENTENCES + ADVERSARIAL:
        assert set(members(gate.active(sentence))) == _plain(sentence, needles), sentence


NEEDLE_PIECES = sorted(
    {
        piece
        for _, _, needles in GATES
        for rule in needles
        for group in rule
        for needle in group
        for piece in (needle, needle.upper(), needle.title(), *needle.split(), needle[1:])
    }
)
"""Needles, their words and their ends, in each case, for text that holds them."""


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(NEEDLE_PIECES),
            st.sampled_from([" ", "  ", "\t", "\n ", "\x1c", "\x1f", "\x85", "\u2028", "\xa0"]),
            st.sampled_from(["é", "’", "’S ", "K", "\u212a", "Ä", "ß", "x", "-", "'", ".", "1"]),
        ),
        max_size=16,
    ).map("".join)
)
def test_needle_gate_allows_exactly_the_rules_whose_words_occur_in_any_text(
    sentence: str,
) -> None:
    for gate, _, needles in GATES:
        assert set(members(gate.active(sentence))) == _plain(sentence, needles)


def test_needles_are_written_in_lower_case() -> None:
    with pytest.raises(ValueError):
        Needles([(("Office",),)], "test.upper")


@pytest.mark.parametrize(
    ("gate", "patterns", "needles"), GATES, ids=["events", "appointments", "prose"]
)
def test_needle_gate_allows_every_rule_that_matches(
    gate: Needles, patterns: list[re.Pattern[str]], needles: list[tuple[tuple[str, ...], ...]]
) -> None:
    assert len(patterns) == len(needles)
    for sentence in SENTENCES + ADVERSARIAL:
        active = gate.active(sentence)
        for index, pattern in enumerate(patterns):
            if pattern.search(sentence):
                assert active >> index & 1, (pattern.pattern, sentence)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_org_words_spelled_by_first_letter_find_what_the_listed_words_do() -> None:
    listed, fast = names.ORG_WORDS_LISTED, names.ORG_WORDS
    words = listed.pattern[5:-3].split("|")
    tricky = [f"{a}{w}{b}" for w in words[:8] for a in ("", "x", "-", "é", "_") for b in "s _é"]
    for sentence in SENTENCES + ADVERSARIAL + tricky + ["Forces", "Force", "Office\nGroup"]:
        assert _spans(fast, sentence) == _spans(listed, sentence), sentence
        for word in sentence.split():
            assert bool(fast.fullmatch(word)) == bool(listed.fullmatch(word)), word


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*"OfficeGroupForcesé_- .\n", "Office", "Forces"])).map("".join))
def test_org_words_spelled_by_first_letter_find_what_the_listed_words_do_anywhere(
    text: str,
) -> None:
    assert _spans(names.ORG_WORDS, text) == _spans(names.ORG_WORDS_LISTED, text)
    assert bool(names.ORG_WORDS.fullmatch(text)) == bool(names.ORG_WORDS_LISTED.fullmatch(text))


def test_by_first_letter_takes_only_lists_of_whole_words() -> None:
    with pytest.raises(ValueError):
        names.by_first_letter(re.compile(r"\b(?:Office|Gro.p)\b"))
    with pytest.raises(ValueError):
        names.by_first_letter(re.compile(r"\b(?:Office|Group)\b", re.IGNORECASE))


def test_letters_that_defeat_lower_casing_are_all_known() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    for point in range(0x80, 0x110000):
        char = chr(point)
        if letter.fullmatch(char) and not re.fullmatch("[a-z]", char.lower()):
            assert FOLDS_TO_ASCII.fullmatch(char), hex(point)


def test_date_trail_carries_the_dates_that_reading_every_sentence_did() -> None:
    def eventful(text: str) -> bool:
        return bool(prose.APPOINT_WORDS.search(text) or prose.EVENT_WORDS.search(text))

    for path in sorted([*SAMPLES.glob("*.txt"), *ARTICLES.glob("*.txt")]):
        for block in read_path(path).paragraphs():
            trail = DateTrail()
            previous: str | None = None
            for sentence in [p.text for s in split_sentences(block.text) for p in bounded(s)]:
                dates = dates_in(sentence)
                carried = carried_date(sentence, previous, bool(dates), eventful)
                assert trail.carried(sentence, eventful)() == carried, sentence
                previous = last_date(dates) or carried or previous
                assert carried_on(sentence, trail.into[-1]) == previous


def test_possessive_person_finds_the_same_names() -> None:
    plain = re.compile(
        rf"(?P<person>{appointments.PERSON})\s+(?:was|were|is|served|became|had|held|worked)\b"
    )
    for sentence in SENTENCES:
        expected = [m.span("person") for m in plain.finditer(sentence)]
        assert [m.span("person") for m in appointments.NAMED.finditer(sentence)] == expected


def test_triggers_are_needed_by_their_patterns() -> None:
    patterns = dict(appointments.PATTERNS)
    for sentence in SENTENCES:
        for kind, trigger in appointments.TRIGGERS.items():
            if patterns[kind].search(sentence):
                assert trigger.search(sentence), (kind, sentence)


def test_org_phrases_are_found_as_with_a_leading_look_behind() -> None:
    plain = re.compile(
        rf"(?<![\w-])(?:{text.WORD}){text.INLINE_ABBR}(?:(?:\s+|-)(?:{text.CONNECT}\s+)*"
        rf"(?:{text.WORD}){text.INLINE_ABBR})*(?:\s*'s\s+{text.WORD}(?:\s+{text.WORD})*)?"
    )
    extra = ["A-B Co 1st-2nd (ABC) x-Y 21st Group, 3rd's Office ABC-DEF's Unit\nZ", "9th", "Q"]
    for sentence in SENTENCES + extra:
        expected = [m.span() for m in plain.finditer(sentence)]
        assert [m.span() for m in text.ORG_PHRASE.finditer(sentence)] == expected, sentence


def test_also_called_needs_its_anchor() -> None:
    paragraphs = [
        "The Central Office (COF), also known as the Office, was set up.",
        "The Group, sometimes  referred to as\tthe Leading Group, met.",
    ]
    for path in sorted([*SAMPLES.glob("*.txt"), *ARTICLES.glob("*.txt")]):
        paragraphs += [block.text for block in read_path(path).paragraphs()]
    matched = 0
    for paragraph in paragraphs:
        if text.ALSO_CALLED.search(paragraph):
            matched += 1
            assert text.ALSO_CALLED_ANCHOR.search(paragraph), paragraph
    assert matched >= 2


def test_two_name_words_come_before_every_name_learned() -> None:
    extra = [
        "In Beijing was a Group.",
        "Vice Premier Qian Qichen was named.",
        "McDonald  O'Brien-Smith\twas here, and Li was there.",
        "After Li Peng had left, Zhou Enlai worked on.",
    ]
    for sentence in SENTENCES + extra:
        learned = [
            m.group("person")
            for m in appointments.NAMED.finditer(sentence)
            if len(appointments.LEADING_WORDS.sub("", m.group("person")).split()) >= 2
        ]
        if learned:
            assert appointments.TWO_NAME_WORDS.search(sentence), sentence


@pytest.mark.parametrize(
    "name",
    [
        "Office of the",
        "Office of the\n",
        "Office  of\tthe  ",
        "Office\nof",
        "Office of",
        "Office of Theory",
        "Group for",
        "Bureau on to",
        "Commission",
        "the",
        "",
        "Department of the Interior",
        "Office\n",
    ],
)
def test_trailing_noise_is_looked_for_only_where_it_may_be(name: str) -> None:
    if text.TRAILING_NOISE.search(name):
        assert text._may_end_in_noise(name)


def test_trailing_noise_shortcut_cleans_every_org_phrase_alike() -> None:
    for sentence in SENTENCES:
        for phrase in text.ORG_PHRASE.findall(sentence):
            for name in (phrase, phrase + " of the", phrase + " in\n"):
                if text.TRAILING_NOISE.search(name):
                    assert text._may_end_in_noise(name), name


def _plain_clean_org(name: str) -> str:
    """:func:`~tenure.extract.text.clean_org` with every pattern run."""
    name = text.MONTH_TAIL.sub("", name.strip())
    name = text.LEADING_NOISE.sub("", name)
    name = text.TRAILING_NOISE.sub("", name)
    name = text.LEADING_ARTICLE.sub("", name)
    return name.strip(" ,;:'\"“”")


@pytest.mark.parametrize("size", [2, 16384])
def test_clean_org_shortcuts_clean_every_org_phrase_alike(
    monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    monkeypatch.setattr(text, "_CLEANED_SIZE", size)
    text._CLEANED.clear()
    for sentence in SENTENCES + ADVERSARIAL + SENTENCES[:100]:
        for phrase in text.ORG_PHRASE.findall(sentence):
            for name in (phrase, "the " + phrase, "an  " + phrase, "a" + phrase, phrase + " of"):
                cleaned = text.clean_org(name)
                assert cleaned == _plain_clean_org(name), name
                # read_phrase_orgs takes a trailing abbreviation off only where there is a ")"
                assert ")" in cleaned or text.TRAILING_ABBREVIATION.sub("", cleaned) == cleaned
                assert len(text._CLEANED) <= size


def test_post_stop_starts_where_the_plain_alternation_does() -> None:
    plain = re.compile(
        r",|;|\.\s*$|\s+(?:from|until|till|since|between|serving|who|which|where|while|when|"
        r"after|before|following|during|through|responsible|with the|but|for the first time)\b"
        r"|\s+in\s+(?=\d|(?:January|February|March|April|May|June|July|August|September|October|"
        r"November|December|early|late|mid)\b)|\s+and\s+(?=(?:was|were|he|she|his|her|then|later|"
        r"cooperated|served)\b)"
    )
    extra = [
        "Director  from 1990",
        "Head.\n",
        "Head. ",
        "Head .",
        "Chief\tin\nMarch",
        "Chief in Beijing and\t was",
        "Deputy and Head",
        "a.b, c; d",
        "Minister who",
        "",
        " ",
        "Head.  \n ",
    ]
    for sentence in SENTENCES + extra:
        for start in range(0, len(sentence), 7):
            part = sentence[start:]
            expected = plain.search(part)
            found = appointments.POST_STOP.search(part)
            assert (found and found.start()) == (expected and expected.start()), part


def test_attributive_year_is_read_alike_with_an_end_position() -> None:
    from tenure.extract.clauses import ATTRIBUTIVE

    for sentence in [*SENTENCES, "the  1989 Tiananmen", "Athe 1990 X", "the\n1990 Y"]:
        for end in range(len(sentence) + 1):
            assert bool(ATTRIBUTIVE.search(sentence, 0, end)) == bool(
                ATTRIBUTIVE.search(sentence[:end])
            )


PLAIN_SUBJECT = rf"(?P<person>{appointments.PERSON_BEFORE_VERB}|[Hh]e|[Ss]he)"
"""What :data:`~tenure.extract.appointments.SUBJECT` spells to start with a character class."""
SUBJECT_TEXT = st.lists(
    st.sampled_from(
        [
            *"HhSsEeaLi ,\t\n'’-ĐÀ",
            *(
                "he ",
                "she ",
                "He ",
                "Li Peng",
                "the ",
                "was the ",
                "is a ",
                "became ",
                "served as ",
            ),
            *("was appointed ", "later ", ", the Premier,"),
        ]
    ),
    max_size=20,
).map("".join)


def _subject_patterns() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    """Each pattern that starts with a subject, and the same pattern spelled plainly."""
    return [
        (pattern, re.compile(pattern.pattern.replace(appointments.SUBJECT, PLAIN_SUBJECT, 1)))
        for _, pattern in appointments.PATTERNS
        if pattern.pattern.startswith(appointments.SUBJECT)
    ]


def test_subject_patterns_find_what_the_plain_alternation_does() -> None:
    patterns = _subject_patterns()
    assert len(patterns) == 4
    extra = [
        "he was the Head.",
        "She was named Director",
        "Shea Li-Ho was a Minister",
        "ĐÀo is its",
    ]
    for sentence in SENTENCES + ADVERSARIAL + extra:
        for fast, plain in patterns:
            expected = [m.regs for m in successive(plain, sentence, "post")]
            assert [m.regs for m in successive(fast, sentence, "post")] == expected


@settings(max_examples=500, deadline=None)
@given(SUBJECT_TEXT)
def test_subject_patterns_find_what_the_plain_alternation_does_anywhere(sentence: str) -> None:
    for fast, plain in _subject_patterns():
        expected = [m.regs for m in successive(plain, sentence, "post")]
        assert [m.regs for m in successive(fast, sentence, "post")] == expected, sentence


def _noticed_plainly(orgs: list[str], abbreviations: dict[str, str]) -> dict[str, str]:
    by_head: dict[str, str] = {}
    for org in orgs:
        org = abbreviations.get(org, org)
        if len(org.split()) > 1:
            head = text.org_head(org)
            if head:
                by_head[head] = org
    return by_head


@pytest.mark.parametrize("size", [2, 4096])
def test_noticed_heads_are_those_read_plainly(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    monkeypatch.setattr(text, "_NOTICED_HEADS_SIZE", size)
    text._NOTICED_HEADS.clear()
    abbreviations = {"FALG": "Foreign Affairs Leading Group", "CC": "Committee"}
    odd = ["Office", "Group ", " Office\tof Works", "Office\n", "FALG", "CC", "", "Old Bank"]
    for orgs in [odd, *(text.find_orgs(sentence) for sentence in SENTENCES)]:
        ctx = text.Mentions(subject="x", abbreviations=dict(abbreviations))
        for _ in range(2):  # learning the heads, then looking them up
            ctx.noticed(orgs)
            assert ctx.by_head == _noticed_plainly(orgs, abbreviations), orgs
            assert len(text._NOTICED_HEADS) <= size


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *("Li", "Peng", "O'Brien-Smith", "Võ", "Đặng", " ", "  ", "\t", "\x1c", "\u2028"),
                *(",", "was", "were", "is", "served", "became", "had", "held", "worked", "isle"),
            ]
        ),
        max_size=10,
    ).map("".join)
)
def test_prose_gate_allows_naming_wherever_two_name_words_match(sentence: str) -> None:
    if appointments.TWO_NAME_WORDS.search(sentence):
        assert prose.GATE.active(sentence) & prose.MAY_NAME_PERSON
