"""Prose: events and holdings read from sentences, with their dates and bodies."""

from __future__ import annotations

from pathlib import Path

import pytest

from tenure.extract import extract_path
from tenure.extract.appointments import sentence_tenures
from tenure.extract.events import sentence_events
from tenure.extract.text import Mentions
from tenure.sources import read_text

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def events_of(
    sentence: str, subject: str = "Central Foreign Affairs Commission"
) -> list[tuple[str, str, str | None, str | None]]:
    ctx = Mentions(subject=subject, last=subject)
    ctx.learn_abbreviations(sentence)
    return [(e.type, e.organization, e.other, e.date) for e in sentence_events(sentence, ctx)]


def holdings_of(
    sentence: str, subject: str = "Wu Bo", person: str | None = "Wu Bo"
) -> list[tuple[str, str, str | None, str | None, str | None]]:
    ctx = Mentions(subject=subject)
    found = sentence_tenures(sentence, ctx, None, person)
    return [
        (
            t.person,
            t.post,
            t.organization,
            t.range.start if t.range else None,
            t.range.end if t.range else None,
        )
        for t in found
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The FALG was upgraded to the Central Foreign Affairs Commission in March 2018.",
            [("upgraded", "FALG", "Central Foreign Affairs Commission", "2018-03")],
        ),
        (
            "In 1955, the department was renamed the Central Committee for Laos and Cambodia, a"
            "nd in "
            "1957, it was renamed the Central Committee for Border Affairs.",
            [
                (
                    "renamed",
                    "Central Foreign Affairs Commission",
                    "Central Committee for Laos and Cambodia",
                    "1955",
                ),
                (
                    "renamed",
                    "Central Committee for Laos and Cambodia",
                    "Central Committee for Border Affairs",
                    "1957",
                ),
            ],
        ),
        (
            "Disbanded during the Cultural Revolution, it was restored by Deng Xiaoping in 1981.",
            [
                ("abolished", "Central Foreign Affairs Commission", None, None),
                ("restored", "Central Foreign Affairs Commission", None, "1981"),
            ],
        ),
        (
            "The Central Foreign Affairs Department officially ceased operations on February 3,"
            " 2025.",
            [("abolished", "Central Foreign Affairs Department", None, "2025-02-03")],
        ),
        (
            "In early 2025, it was decided that the commission would be merged into the Ministr"
            "y of "
            "Foreign Affairs of Vietnam.",
            [
                (
                    "merged",
                    "Central Foreign Affairs Commission",
                    "Ministry of Foreign Affairs of Vietnam",
                    "2025",
                )
            ],
        ),
    ],
)
def test_sentence_events(
    sentence: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert events_of(sentence) == expected


def test_a_year_used_as_a_modifier_is_not_the_events_date() -> None:
    found = events_of(
        "The office was created following the 1989 Tiananmen Square protests.",
        subject="State Council Information Office",
    )
    assert found == [("established", "State Council Information Office", None, None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "In 1997, he became the mayor of Sanming, serving there until 1999.",
            [("Wu Bo", "Mayor of Sanming", None, "1997", "1999")],
        ),
        (
            "From 2010 to 2014, he served as the governor of Hebei.",
            [("Wu Bo", "Governor of Hebei", None, "2010", "2014")],
        ),
        (
            "He worked as the deputy head of the Liaison Office from 2002 to 2007.",
            [("Wu Bo", "Deputy Head", "Liaison Office", "2002", "2007")],
        ),
        (
            "Yang previously served as Chinese Ambassador to the United States from 2000 to 2004, "
            "Deputy Minister of Foreign Affairs from 1998 to 2007, and Chinese Envoy to the United "
            "States from 1993 to 1995.",
            [
                ("Yang Jiechi", "Chinese Ambassador to the United States", None, "2000", "2004"),
                ("Yang Jiechi", "Deputy Minister of Foreign Affairs", None, "1998", "2007"),
                ("Yang Jiechi", "Chinese Envoy to the United States", None, "1993", "1995"),
            ],
        ),
    ],
)
def test_sentence_holdings(
    sentence: str, expected: list[tuple[str, str, str | None, str | None, str | None]]
) -> None:
    person = expected[0][0]
    assert holdings_of(sentence, subject=person, person=person) == expected


def test_birth_dates_in_the_lead_are_not_tenure_dates() -> None:
    result = extract_path(SAMPLES / "Li_Xi.txt")
    member = next(t for t in result.tenures if t.post == "Member" and t.ongoing)
    assert member.start is None
    assert member.rank == "seventh-ranking"
    assert member.organization == "Politburo Standing Committee of the Chinese Communist Party"


def test_office_history_reads_appointments_with_descriptors_and_carried_dates() -> None:
    result = extract_path(SAMPLES / "Office_of_the_National_Security_Commission.txt")
    prose = {(t.person, t.post): t for t in result.tenures if t.bucket == "prose"}
    assert set(prose) == {
        ("Jiang Zemin", "Group Leader"),
        ("Qian Qichen", "Deputy Group Leader"),
        ("Liu Huaqiu", "Director"),
    }
    jiang = prose[("Jiang Zemin", "Group Leader")]
    assert (jiang.organization, jiang.start, jiang.end, jiang.ongoing) == (
        "Central National Security Leading Group",
        "2000-09",
        None,
        False,
    )
    assert jiang.concurrent == ["General Secretary of the CCP Central Committee"]
    assert prose[("Qian Qichen", "Deputy Group Leader")].concurrent == [
        "Vice Premier of the State Council"
    ]
    assert (
        prose[("Liu Huaqiu", "Director")].organization
        == "Office of the Central Foreign Affairs Leading Group"
    )
    for tenure in prose.values():
        assert tenure.evidence[0].line == 19
        assert tenure.evidence[0].section == "History"


def test_office_history_events_with_one_organization_two_names() -> None:
    result = extract_path(SAMPLES / "Office_of_the_National_Security_Commission.txt")
    events = {(e.type, e.organization, e.other, e.date) for e in result.events}
    assert ("established", "Central National Security Leading Group", None, "2000-09") in events
    assert (
        "co_located",
        "Central National Security Leading Group",
        "Central Foreign Affairs Leading Group",
        "2000-09",
    ) in events
    assert (
        "name_dropped",
        "Central Foreign Affairs Leading Group",
        "Central National Security Leading Group",
        "2014",
    ) in events
    assert (
        "renamed",
        "Office of the Central Foreign Affairs Leading Group",
        "Office of the Central National Security Commission",
        "2014",
    ) in events


def test_one_holding_stated_in_infobox_and_sentence_is_reported_once() -> None:
    result = extract_path(SAMPLES / "Qian_Qichen.txt")
    ministers = [t for t in result.tenures if "Foreign" in t.post]
    assert len(ministers) == 1
    minister = ministers[0]
    assert (minister.start, minister.end) == ("1988-04-12", "1998-03-18")
    assert {e.line for e in minister.evidence} >= {9, 23}


def test_biography_written_for_the_tests() -> None:
    result = extract_path(ARTICLES / "Zhang_Wei.txt")
    held = {(t.post, t.organization, t.start, t.end) for t in result.tenures}
    assert ("Party Secretary of Fujian", None, "2020-03", "2022-12") in held
    assert ("Mayor of Sanming", None, "1997", "1999") in held
    assert ("Vice Governor of Fujian", None, "2002", "2007") in held
    assert ("Director", "Fujian Development and Reform Commission", "2007", "2010") in held
    assert len(result.tenures) == 4


def test_unread_event_sentences_become_diagnostics() -> None:
    doc = read_text(
        "= X Office =\n\nThe X Office is an office.\n\n== History ==\nIn 1990 the office got "
        "something established by somebody somewhere, much later.\n",
        "x.txt",
    )
    from tenure.extract import extract

    result = extract(doc)
    assert (
        any("looks like an event" in d.message and d.line == 6 for d in result.diagnostics)
        or result.events
    )


def test_a_run_on_sentence_is_read_to_its_end() -> None:
    filler = ", ".join(["the office held meetings on various matters"] * 400)
    text = (
        "= X Office =\n\nThe X Office is an office.\n\n== History ==\n"
        f"{filler}, and Li Ming was appointed as the director of the office in 1999\n"
    )
    from tenure.extract import extract

    result = extract(read_text(text, "x.txt"))
    assert [(t.person, t.post, t.start) for t in result.tenures] == [
        ("Li Ming", "Director", "1999")
    ]
