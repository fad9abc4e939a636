"""Lineage through the store: predecessors and successors, names over time, two names.

On the real sample articles (the Office of the National Security Commission's history) and
on small made-up articles, one per kind of event.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tenure.api import Database
from tenure.model import Event, Evidence
from tenure.query.results import Lineage, OrgProfile
from tests.conftest import SAMPLES, sample_paths

from ..store.helpers import article, open_db, tenure_

ONSC = "Office of the National Security Commission"
FALG = "Central Foreign Affairs Leading Group"
NSLG = "Central National Security Leading Group"
TODAY = date(2025, 6, 1)


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = open_db(str(tmp_path_factory.mktemp("lineage") / "t.db"))
    database.today = TODAY
    report = database.ingest(sample_paths())
    assert not report.failed
    yield database
    database.close()


def line_of(path: Path, number: int) -> str:
    return path.read_text(encoding="utf-8").splitlines()[number - 1].strip()


# -- the Office of the National Security Commission, from its article ------------------------


def test_the_office_chain_runs_from_the_leading_group_office_to_the_commission_office(
    samples: Database,
) -> None:
    lineage = samples.lineage(ONSC)
    office = samples.org(ONSC)
    assert lineage.organization.id == office.id
    chain = [link for link in lineage.links if not link.context]
    assert [(x.date, x.source_name, x.type, x.target_name) for x in chain] == [
        (
            "2014",
            "Office of the Central Foreign Affairs Leading Group",
            "renamed",
            "Office of the Central National Security Commission",
        )
    ]
    (renamed,) = chain
    assert renamed.target.id == office.id
    evidence = renamed.evidence[0]
    assert (evidence.article, evidence.line) == (ONSC, 21)
    onsc_file = SAMPLES / "Office_of_the_National_Security_Commission.txt"
    assert evidence.text.strip() in line_of(onsc_file, 21)
    assert "was renamed the Office of the Central National Security Commission" in evidence.text


def test_the_office_had_two_names_from_2000_09_to_2014(samples: Database) -> None:
    lineage = samples.lineage(ONSC)
    office = samples.org(ONSC).id
    (offices,) = [x for x in lineage.shared if office in (x.a.id, x.b.id)]
    assert (offices.a_name, offices.b_name) == (
        "Office of the Central Foreign Affairs Leading Group",
        "Central National Security Leading Group Office",
    )
    assert (offices.start, offices.end, offices.inferred) == ("2000-09", "2014", True)
    lines = {e.line for e in offices.evidence}
    assert {19, 21} <= lines  # "co-located ... two names" (2000) and "no longer retained" (2014)
    groups = [x for x in lineage.shared if x.context]
    assert [(x.a_name, x.b_name, x.start, x.end) for x in groups] == [
        (FALG, NSLG, "2000-09", "2014")
    ]


def test_the_office_s_names_over_time(samples: Database) -> None:
    lineage = samples.lineage(ONSC)
    body = lineage.body(samples.org(ONSC).id)
    assert body is not None and not body.context
    assert [(n.name, n.start, n.end, n.ongoing, n.began, n.ended) for n in body.names] == [
        (
            "Office of the Central Foreign Affairs Leading Group",
            None,
            "2014",
            False,
            None,
            "renamed",
        ),
        ("Office of the Central National Security Commission", "2014", None, True, "renamed", None),
    ]
    context = {b.org.name for b in lineage.bodies if b.context}
    assert {FALG, NSLG} <= context


def test_the_office_is_found_under_its_central_name_and_shows_its_events(
    samples: Database,
) -> None:
    office = samples.org(ONSC)
    assert samples.org("Office of the Central National Security Commission").id == office.id
    assert samples.org("Office of the Central Foreign Affairs Leading Group").id == office.id
    assert {e.type for e in office.events} >= {"established", "renamed", "name_dropped"}


def test_the_foreign_affairs_group_had_both_names_in_2005_but_not_in_1995(
    samples: Database,
) -> None:
    then = samples.org(FALG, on="2005")
    names = {(n.name, n.kind, n.certainty) for n in then.names_on}
    assert (FALG, "official", "certain") in names
    assert (NSLG, "second", "certain") in names
    assert [(r.name, r.certainty) for r in then.same_as] == [(NSLG, "certain")]
    leaders = {(h.tenure.person.name, h.tenure.post.title) for h in then.holders}
    assert ("Jiang Zemin", "Group Leader") in leaders  # the National Security group's leader
    before = samples.org(FALG, on="1995")
    assert [n.name for n in before.names_on] == [FALG]
    assert before.same_as == [] and before.holders == []
    assert not any("National Security" in n.name for n in before.names_on)


def test_the_national_security_group_is_the_foreign_affairs_group_only_while_shared(
    samples: Database,
) -> None:
    assert [r.name for r in samples.org(NSLG, on="2005-06").same_as] == [FALG]
    assert samples.org(NSLG, on="2016").same_as == []
    assert samples.org(NSLG, on="2014").same_as[0].certainty == "possible"


def test_the_office_on_a_date_its_names_and_parent_then(samples: Database) -> None:
    then = samples.org(ONSC, on="2005")
    assert then.name_on == "Office of the Central Foreign Affairs Leading Group"
    assert {(n.name, n.certainty) for n in then.names_on} == {
        ("Office of the Central Foreign Affairs Leading Group", "certain"),
        ("Central National Security Leading Group Office", "certain"),
    }
    assert {(r.name, r.certainty, r.via) for r in then.parents_on} == {
        (FALG, "certain", "name"),
        (NSLG, "certain", "name"),
    }
    later = samples.org(ONSC, on="2016")
    assert [(n.name, n.certainty) for n in later.names_on] == [
        ("Office of the Central National Security Commission", "certain")
    ]
    assert [(r.name, r.certainty) for r in later.parents_on] == [
        ("National Security Commission of the Chinese Communist Party", "certain")
    ]


def test_an_upgrade_links_the_leading_group_to_the_commission(samples: Database) -> None:
    lineage = samples.lineage("Central Foreign Affairs Commission")
    assert [(x.type, x.date, x.source_name, x.target_name) for x in lineage.links] == [
        ("upgraded", "2018-03", FALG, "Central Foreign Affairs Commission")
    ]
    group = next(b for b in lineage.bodies if b.org.name == FALG)
    assert [(n.start, n.end, n.began, n.ended) for n in group.names] == [
        ("1958-03", None, "established", "abolished"),
        ("1981", "2018-03", "restored", "upgraded"),
    ]
    commission = samples.org("Central Foreign Affairs Commission", on="2020")
    assert commission.names_on[0].name == "Central Foreign Affairs Commission"
    assert samples.org("Central Foreign Affairs Commission", on="2010").names_on == []


def test_lineage_and_names_on_are_in_the_json(samples: Database) -> None:
    data = samples.org(ONSC, on="2005").to_dict()
    assert data["names_on"][0]["certainty"] == "certain"
    assert {"lineage", "parents_on", "same_as"} <= set(data)
    shared = data["lineage"]["shared"]
    assert any(x["start"] == "2000-09" and x["end"] == "2014" for x in shared)
    lineage = samples.lineage(ONSC).to_dict()
    assert set(lineage) == {"organization", "bodies", "links", "shared", "truncated"}
    link = lineage["links"][0]
    assert set(link) == {
        "type",
        "date",
        "source",
        "source_name",
        "target",
        "target_name",
        "context",
        "evidence",
    }
    assert link["evidence"][0]["text"]


def test_an_organization_without_events_has_an_empty_lineage(samples: Database) -> None:
    lineage = samples.lineage("Cabinet Office")
    assert lineage.links == [] and lineage.shared == []
    assert [b.org.name for b in lineage.bodies] == ["Cabinet Office"]


# -- each kind of event, on made-up articles -------------------------------------------------


def built(*events: Event, title: str = "Test Office") -> Database:
    db = open_db()
    db.today = TODAY
    db.ingest_extractions([article(title, [], list(events))])
    return db


def ev(kind: str, org: str, when: str | None, other: str | None = None, line: int = 5) -> Event:
    return Event(
        kind, org, when, other, [Evidence(line, f"In {when}, {org} {kind} {other or ''}.")]
    )


def links(lineage: Lineage) -> list[tuple[str, str | None, str, str]]:
    return [(x.type, x.date, x.source_name, x.target_name) for x in lineage.links]


def names_on(profile: OrgProfile) -> list[tuple[str, str, str]]:
    return [(n.name, n.kind, n.certainty) for n in profile.names_on]


def test_a_rename_is_one_body_with_two_names_in_turn() -> None:
    db = built(
        ev("established", "Research Office", "1981"),
        ev("renamed", "Research Office", "1987-05", "Test Office"),
    )
    assert db.org("Research Office").id == db.org("Test Office").id
    assert links(db.lineage("Test Office")) == [
        ("renamed", "1987-05", "Research Office", "Test Office")
    ]
    assert names_on(db.org("Test Office", on="1985")) == [
        ("Research Office", "official", "certain")
    ]
    assert names_on(db.org("Test Office", on="1987")) == [
        ("Research Office", "official", "possible"),
        ("Test Office", "official", "possible"),
    ]
    assert names_on(db.org("Test Office", on="1990")) == [("Test Office", "official", "certain")]
    assert db.org("Test Office", on="1990").name_on == "Test Office"
    assert db.org("Test Office", on="1985").name_on == "Research Office"


def test_an_upgrade_is_a_successor_body() -> None:
    db = built(
        ev("established", "Test Leading Group", "1958"),
        ev("upgraded", "Test Leading Group", "2018-03", "Test Commission"),
        title="Test Commission",
    )
    group, commission = db.org("Test Leading Group"), db.org("Test Commission")
    assert group.id != commission.id
    lineage = db.lineage("Test Commission")
    assert links(lineage) == [("upgraded", "2018-03", "Test Leading Group", "Test Commission")]
    assert (lineage.links[0].source.id, lineage.links[0].target.id) == (group.id, commission.id)
    assert names_on(db.org("Test Leading Group", on="2000")) == [
        ("Test Leading Group", "official", "certain")
    ]
    assert db.org("Test Leading Group", on="2020").names_on == []
    assert names_on(db.org("Test Commission", on="2018")) == [
        ("Test Commission", "official", "possible")
    ]


def test_merged_into_and_split_off() -> None:
    db = built(
        ev("established", "Test Office", "1991"),
        ev("merged", "Test Office", "2014-05", "Propaganda Department"),
        ev("split", "Propaganda Department", "2018", "News Bureau"),
    )
    lineage = db.lineage("Test Office")
    assert links(lineage) == [
        ("merged", "2014-05", "Test Office", "Propaganda Department"),
        ("split", "2018", "Propaganda Department", "News Bureau"),
    ]
    office = lineage.body(db.org("Test Office").id)
    assert office is not None
    assert [(n.start, n.end, n.ended) for n in office.names] == [("1991", "2014-05", "merged")]
    bureau = lineage.body(db.org("News Bureau").id)
    assert bureau is not None and [(n.start, n.began) for n in bureau.names] == [("2018", "split")]


def test_abolished_then_restored_is_two_spans_of_one_name() -> None:
    db = built(
        ev("established", "Test Office", "1954-07"),
        ev("abolished", "Test Office", "1966"),
        ev("restored", "Test Office", "1979-12"),
    )
    body = db.lineage("Test Office").bodies[0]
    assert [(n.start, n.end, n.ongoing) for n in body.names] == [
        ("1954-07", "1966", False),
        ("1979-12", None, True),
    ]
    assert db.org("Test Office", on="1970").names_on == []
    assert names_on(db.org("Test Office", on="1960")) == [("Test Office", "official", "certain")]


def test_reorganized_into_another_body() -> None:
    db = built(
        ev("reorganized", "Test Leading Group", "1991", "Test Office"),
        ev("reorganized", "Test Office", "2005"),
    )
    assert links(db.lineage("Test Office")) == [
        ("reorganized", "1991", "Test Leading Group", "Test Office")
    ]


def test_two_names_one_body_and_the_holders_of_both() -> None:
    db = built(
        ev("established", "Security Group", "2000-09"),
        ev("co_located", "Security Group", "2000-09", "Test Group"),
        ev("name_dropped", "Test Group", "2014", "Security Group"),
        title="Test Group",
    )
    db.ingest_extractions(
        [
            article(
                "Security Group",
                [tenure_("Jiang Zemin", "Group Leader", "Security Group", "2000-09", "2002")],
            )
        ]
    )
    lineage = db.lineage("Test Group")
    assert [(x.a_name, x.b_name, x.start, x.end) for x in lineage.shared] == [
        ("Test Group", "Security Group", "2000-09", "2014")
    ]
    then = db.org("Test Group", on="2001")
    assert ("Security Group", "second", "certain") in names_on(then)
    assert [(r.name, r.certainty) for r in then.same_as] == [("Security Group", "certain")]
    assert [(h.tenure.person.name, h.certainty) for h in then.holders] == [
        ("Jiang Zemin", "certain")
    ]
    assert db.org("Test Group", on="2016").same_as == []
    assert db.org("Test Group", on="2016").holders == []
    assert db.org("Security Group", on="2001").same_as[0].name == "Test Group"
