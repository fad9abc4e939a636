"""The date a question is asked about: a day, a month or a year."""

from __future__ import annotations

from datetime import date

from tenure import time
from tenure.errors import UsageError


def parse_on(on: str | date | None, today: date | None = None) -> str:
    """An ISO prefix for ``on``: "2016", "2016-06", "2016-06-01", a date, or today for None.

    >>> parse_on("2016-6-1")
    '2016-06-01'
    """
    if on is None:
        return (today or date.today()).isoformat()
    if isinstance(on, date):
        return on.isoformat()
    text = on.strip()
    if text.lower() == "today":
        return (today or date.today()).isoformat()
    parts = text.split("-")
    if 1 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4:
        text = "-".join([parts[0], *(p.zfill(2) for p in parts[1:])])
    if not time.is_prefix(text):
        raise UsageError(
            f"{on!r} is not a date; give YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2016-06-01)."
        )
    return text
