"""Whole articles written for the tests: shapes the samples do not show, read end to end."""

from __future__ import annotations

from pathlib import Path

from tenure.extract import extract, extract_path
from tenure.model import Extraction
from tenure.sources import read_text

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def read(name: str) -> Extraction:
    result = extract_path(ARTICLES / f"{name}.txt")
    assert not result.failed
    return result


def spans(result: Extraction, post: str) -> list[tuple[str, str | None, str | None, bool]]:
    return [
        (t.person, t.start, t.end, t.ongoing)
        for t in result.tenures
        if t.post == post and not t.acting
    ]


def test_numbered_list_of_directors_with_since_and_infobox_chief_merged() -> None:
    result = read("General_Office_of_the_Chinese_Communist_Party")
    directors = spans(result, "Director")
    assert directors[0] == ("Yang Shangkun", "1949-04", "1965", False)
    assert ("Ling Jihua", "2007-09", "2012-09", False) in directors
    assert directors[-1] == ("Cai Qi", "2022-10", None, True)
    assert len(directors) == 12
    cai = next(t for t in result.tenures if t.person == "Cai Qi")
    assert {e.line for e in cai.evidence} == {9, 10, 39}
    assert result.organization is not None
    assert result.organization.subunits == [
        "Secretariat Bureau",
        "Confidential Bureau",
        "Central Guard Bureau",
        "Research Office",
    ]
    types = [(e.type, e.date) for e in result.events]
    assert (
        ("established", "1949-04") in types
        and ("reorganized", "1966") in types
        and ("restored", "1978") in types
    )


def test_honorifics_are_aliases_and_also_posts_are_concurrent() -> None:
    result = read("Cabinet_Office_Permanent_Secretary")
    heaton = next(t for t in result.tenures if t.person == "Richard Heaton")
    assert (heaton.post, heaton.organization, heaton.start, heaton.end) == (
        "Permanent Secretary",
        "Cabinet Office",
        "2012",
        "2015",
    )
    assert heaton.person_aliases == ["Sir Richard Heaton"]
    manzoni = next(t for t in result.tenures if t.person == "John Manzoni")
    assert manzoni.concurrent == ["Chief Executive of the Civil Service"]
    little = [t for t in result.tenures if t.person == "Cat Little"]
    assert len(little) == 1 and (little[0].start, little[0].ongoing) == ("2024-04-02", True)
    bancroft = next(t for t in result.tenures if t.person == "Ian Bancroft")
    assert (bancroft.start, bancroft.end) == ("1981", "1982")


def test_table_with_term_column_and_an_acting_note() -> None:
    result = read("Director_of_the_Office_of_Management")
    brown = sorted((t.start, t.end, t.acting) for t in result.tenures if t.person == "Robert Brown")
    assert brown == [("1975", "1976-03-02", True), ("1975", "1981", False)]
    doe = next(t for t in result.tenures if t.person == "Jane Doe")
    assert (doe.start, doe.end, doe.ongoing) == ("2021-01-20", None, True)


def test_military_ranks_and_generic_list_headings() -> None:
    result = read("Chief_of_the_Defence_Staff_United_Kingdom")
    chiefs = spans(result, "Chief of the Defence Staff")
    assert chiefs[0] == ("William Dickson", "1959-01-01", "1959-07-15", False)
    assert chiefs[-1] == ("Richard Knighton", "2025-09-29", None, True)
    assert ("Nick Carter", "2018-06-09", "2021-11-30", False) in chiefs
    assert all(
        t.organization == "Ministry of Defence"
        for t in result.tenures
        if t.post == "Chief of the Defence Staff"
    )
    air = next(t for t in result.tenures if t.post == "Chief of the Air Staff")
    assert (air.person, air.organization, air.start, air.end) == (
        "William Dickson",
        None,
        "1953",
        "1956",
    )


def test_two_bodies_merged_into_one() -> None:
    result = read("United_Front_Work_Department")
    merged = sorted(e.organization for e in result.events if e.type == "merged")
    assert merged == [
        "State Administration for Religious Affairs",
        "State Ethnic Affairs Commission",
    ]
    heads = spans(result, "Head")
    assert heads[-1] == ("Li Ganjie", "2025-10", None, True)
    assert len(heads) == 14


def test_biography_sentences_merge_with_the_infobox_and_keep_acting_spells() -> None:
    result = read("Cai_Qi")
    posts = {(t.post, t.organization, t.start, t.end, t.acting) for t in result.tenures}
    assert (
        "Executive Deputy Director",
        "Office of the National Security Commission",
        "2014",
        "2016",
        False,
    ) in posts
    assert ("Mayor of Beijing", None, "2016-10", None, True) in posts
    assert ("Party Secretary of Quzhou", None, "1999", None, False) in posts
    directors = [t for t in result.tenures if t.post == "Director"]
    assert len(directors) == 1 and directors[0].start == "2022-10-30" and directors[0].ongoing


def test_biography_with_hyphenated_titles_and_concurrent_service() -> None:
    result = read("Chen_Wenqing")
    held = {(t.post, t.organization, t.start, t.end) for t in result.tenures}
    assert (
        "Procurator-general",
        "Fujian Provincial People's Procuratorate",
        "2012-01",
        None,
    ) in held
    assert (
        "Executive Deputy Director",
        "Office of the National Security Commission",
        "2018",
        "2022",
    ) in held
    ministers = [t for t in result.tenures if t.post == "Minister of State Security"]
    assert len(ministers) == 1 and (ministers[0].start, ministers[0].end) == (
        "2016-11-07",
        "2022-10-30",
    )


def test_table_with_start_and_end_columns_and_an_empty_end() -> None:
    result = read("Defence_Intelligence_Headquarters")
    directors = spans(result, "Director")
    assert directors == [
        ("Kunio Kunisawa", "1997-01", "1999-03", False),
        ("Hiroshi Sato", "1999-03", "2001-08", False),
        ("Takahiro Fujiwara", "2024-03", None, True),
    ]
    assert ("established", "1997-01-20") in [(e.type, e.date) for e in result.events]


def test_an_acting_note_in_capitals_is_read_as_one_in_lower_case() -> None:
    text = (ARTICLES / "Director_of_the_Office_of_Management.txt").read_text(encoding="utf-8")
    shouted = text.replace("(Acting until March 2, 1976)", "(ACTING until March 2, 1976)")
    assert shouted != text
    result = extract(read_text(shouted, "shouted.txt"))
    brown = sorted((t.start, t.end, t.acting) for t in result.tenures if t.person == "Robert Brown")
    assert brown == [("1975", "1976-03-02", True), ("1975", "1981", False)]
