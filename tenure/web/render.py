"""Turning a :class:`~tenure.web.views.Page` into HTML (Jinja2, autoescaped) or JSON.

Templates receive the page's JSON data as is (``page.data``), so what the HTML shows is what
the ``.json`` twin says. The helpers here only format: dates at their own precision, date
ranges, timelines (:mod:`tenure.web.timeline`) and search snippets.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from tenure import __version__, time
from tenure.web.timeline import Axis, Bar, Tick, bar

TEMPLATES = Path(__file__).parent / "templates"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class JSONResponse(Response):
    """JSON as UTF-8 text, non-ASCII names kept readable."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def show_date(prefix: str | None) -> str:
    """A date at the precision it was written: ``2014``, ``Mar 2014``, ``20 Mar 2014``."""
    if not prefix:
        return "?"
    if not time.is_prefix(prefix):
        return prefix
    parts = prefix.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def show_span(item: dict[str, Any]) -> str:
    """A tenure's dates: ``2014–2017``, ``Mar 2014 – Apr 2015``, ``2023 – present``."""
    start = show_date(item.get("start"))
    if item.get("end"):
        end = show_date(item["end"])
    elif item.get("ongoing"):
        end = "present"
    else:
        end = "?"
    if " " in start or " " in end:
        return f"{start} – {end}"
    return f"{start}–{end}"


def snippet(text: str) -> Markup:
    """A search snippet with its ``[matches]`` marked, everything else escaped."""
    escaped = str(escape(text))
    return Markup(re.sub(r"\[([^\[\]<>]*)\]", r"<mark>\1</mark>", escaped))


def evidence_title(tenure: dict[str, Any]) -> str:
    """What hovering a bar shows: who, what, when, and the sentences it was read from."""
    post = tenure["post"]
    org = post["organization"]
    head = f"{tenure['person']['name']}: {post['title']}"
    if org:
        head += f", {org['name']}"
    head += f" ({show_span(tenure)})"
    lines = [head]
    for e in tenure["evidence"]:
        lines.append(f"“{e['text']}” ({e['article']}, line {e['line']})")
    return "\n".join(lines)


@dataclass
class Row:
    tenure: dict[str, Any]
    bar: Bar


@dataclass
class Chart:
    """A timeline: its axis, ticks, the line for the date asked, one row per tenure."""

    id: str
    axis: Axis
    ticks: list[Tick]
    marker: float | None
    rows: list[Row]

    ROW = 24
    TOP = 20

    @property
    def height(self) -> int:
        return self.TOP + self.ROW * len(self.rows) + 4

    def y(self, index: int) -> int:
        return self.TOP + self.ROW * index + 5


def chart(
    chart_id: str, tenures: list[dict[str, Any]], today: str, on: str | None = None
) -> Chart:
    """Lay out a timeline of ``tenures`` (their JSON) on one shared axis."""
    day = date.fromisoformat(today)
    axis = Axis.around(((t["start"], t["end"], t["ongoing"]) for t in tenures), day, on)
    rows = [Row(t, bar(axis, t["start"], t["end"], t["ongoing"])) for t in tenures]
    return Chart(chart_id, axis, axis.ticks(), axis.marker(on), rows)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(date=show_date, span=show_span, snippet=snippet,
                       evidence_title=evidence_title)
    env.globals.update(chart=chart, version=__version__)
    return env


ENV = _environment()


def render_html(request: Request, template: str, title: str, data: dict[str, Any],
                status_code: int = 200) -> HTMLResponse:
    """The page ``template`` over ``data``; ``json_url`` is the address of its twin."""
    path = request.url.path
    json_url = None
    if not path.startswith("/api/") and path != "/":
        json_url = path.rstrip("/") + ".json"
        if request.url.query:
            json_url += "?" + request.url.query
    html = ENV.get_template(template).render(
        page=data, title=title, json_url=json_url, path=path, request_query=request.query_params
    )
    return HTMLResponse(html, status_code=status_code)
