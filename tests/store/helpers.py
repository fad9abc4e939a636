"""Building small articles by hand, and comparing stores table by table."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select

import tenure.api
from tenure.api import Database
from tenure.model import (
    Event,
    Evidence,
    Extraction,
    Name,
    OrganizationFacts,
    PersonFacts,
    Source,
    Subject,
    Tenure,
)
from tenure.store import schema as s

TIMESTAMPS = {"first_seen", "last_seen", "applied_at"}
POSTGRES_URL = os.environ.get("TENURE_TEST_POSTGRES_URL")


def tenure_(
    person: str,
    post: str,
    org: str | None,
    start: str | None = None,
    end: str | None = None,
    ongoing: bool = False,
    line: int = 10,
    **extra: Any,
) -> Tenure:
    text = extra.pop("text", f"- {person} ({start or '?'}–{end or ''}), {post}")
    return Tenure(person, post, org, start, end, ongoing, evidence=[Evidence(line, text)], **extra)


def event_(kind: str, org: str, date: str | None, other: str | None = None, line: int = 5) -> Event:
    return Event(kind, org, date, other, [Evidence(line, f"{org} {kind} {date}")])


def article(
    title: str,
    tenures: Iterable[Tenure] = (),
    events: Iterable[Event] = (),
    kind: str = "organization",
    names: Iterable[Name] = (),
    revision: str = "1",
    **org_facts: Any,
) -> Extraction:
    """An extraction of a made-up article; its sha256 changes with its content."""
    tenures = list(tenures)
    events = list(events)
    organization = None
    person = None
    if kind == "organization":
        organization = OrganizationFacts(names=list(names), **org_facts)
    elif kind == "person":
        person = PersonFacts(names=list(names), **org_facts)
    body = repr((title, tenures, events, organization, person))
    sha = hashlib.sha256(body.encode()).hexdigest()
    return Extraction(
        source=Source(title=title, sha256=sha, path=f"{title}.txt", revision=revision),
        subject=Subject(kind, title),  # type: ignore[arg-type]
        organization=organization,
        person=person,
        tenures=tenures,
        events=events,
    )


def office_articles(n: int) -> list[Extraction]:
    """``n`` made-up articles, Office 0 to Office n-1, each with its Director from 2001."""
    return [
        article(f"Office {i}", [tenure_(f"Person {i}", "Director", f"Office {i}", "2001")])
        for i in range(n)
    ]


def open_db(url: str = ":memory:", aliases: str | None = None) -> Database:
    return tenure.api.open(url, aliases=aliases)


EXAMPLES_OFFICE = "Office of Examples"


def examples_office(*more: Tenure) -> Database:
    """A store in memory, today 2025-06-01, holding one article on the Office of Examples:
    three Directors (the first with no end) and a Deputy Director, and ``more``."""
    db = open_db()
    db.today = date(2025, 6, 1)
    office = EXAMPLES_OFFICE
    db.ingest_extractions(
        [
            article(
                office,
                [
                    tenure_("Liu Huaqiu", "Director", office, "2000-09", None),
                    tenure_("Li Zhanshu", "Director", office, "2014", "2017"),
                    tenure_("Ding Xuexiang", "Director", office, "2017", "2023"),
                    tenure_("Wu Bo", "Deputy Director", office, "2001", None),
                    *more,
                ],
            )
        ]
    )
    return db


def dump(db: Database, tables: Iterable[Any] | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (or the given ones), sorted, without timestamps or rowids."""
    out = {}
    with db.store.connect() as conn:
        for table in tables or s.metadata.sorted_tables:
            if table.name in ("schema_version", "meta"):
                continue
            columns = [c for c in table.columns if c.name not in TIMESTAMPS | {"rowid"}]
            rows = conn.execute(select(*columns)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def derived(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    return dump(db, s.DERIVED_TABLES)
