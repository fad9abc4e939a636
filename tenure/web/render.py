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


def merge_names(names: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An organization's names with the same spelling and dates shown once, their kinds
    joined (``title, official``)."""
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for n in names:
        key = (n["name"], n["start"], n["end"])
        if key in merged:
            merged[key]["kinds"].append(n["kind"])
            merged[key]["lang"] = merged[key]["lang"] or n["lang"]
        else:
            merged[key] = {**n, "kinds": [n["kind"]]}
    return list(merged.values())


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


def lineage_rows(lineage: dict[str, Any] | None) -> list[dict[str, Any]]:
    """A lineage's bars, as the timeline lays them out: one per name span of each body (the
    chain's bodies first, then the bodies its offices belong to), then one per span in which
    two names were one body."""
    if not lineage:
        return []
    rows: list[dict[str, Any]] = []
    for body in sorted(lineage["bodies"], key=lambda b: b["context"]):
        for i, n in enumerate(body["names"]):
            rows.append(
                {
                    "id": f"{body['org']['id']}-{i}",
                    "kind": "name",
                    "label": n["name"],
                    "org": body["org"],
                    "context": body["context"],
                    "start": n["start"],
                    "end": n["end"],
                    "ongoing": n["ongoing"],
                    "evidence": n["evidence"],
                }
            )
    for i, x in enumerate(lineage["shared"]):
        rows.append(
            {
                "id": f"shared-{i}",
                "kind": "shared",
                "label": f"{x['a_name']} = {x['b_name']}",
                "org": x["b"],
                "context": x["context"],
                "start": x["start"],
                "end": x["end"],
                "ongoing": x["ongoing"],
                "evidence": x["evidence"],
            }
        )
    return rows


def span_title(row: dict[str, Any]) -> str:
    """What hovering a lineage bar shows: the name, its dates and the sentences behind them."""
    lines = [f"{row['label']} ({show_span(row)})"]
    for e in row["evidence"]:
        lines.append(f"“{e['text']}” ({e['article']}, line {e['line']})")
    return "\n".join(lines)


@dataclass
class Row:
    """A tenure's bar, and where its dates are written: after the bar where there is room,
    else before it, else inside it."""

    tenure: dict[str, Any]
    bar: Bar
    label: str
    label_x: float
    label_anchor: str
    label_inside: bool


CHAR_WIDTH = 0.8
"""Rough width of one character of a bar's label, in percent of a desktop chart."""


def _row(axis: Axis, tenure: dict[str, Any]) -> Row:
    found = bar(axis, tenure["start"], tenure["end"], tenure["ongoing"])
    label = show_span(tenure)
    width = len(label) * CHAR_WIDTH + 1
    x0 = found.segments[0].x if found.segments else 0.0
    x1 = found.end_x
    if found.undated:
        return Row(tenure, found, label, 0.0, "start", True)
    if x1 + width <= 100:
        return Row(tenure, found, label, x1, "start", False)
    if x0 - width >= 0:
        return Row(tenure, found, label, x0, "end", False)
    return Row(tenure, found, label, x0, "start", True)


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


def _spans(tenures: list[dict[str, Any]]) -> list[tuple[str | None, str | None, bool]]:
    return [(t["start"], t["end"], t["ongoing"]) for t in tenures]


def chart(
    chart_id: str,
    tenures: list[dict[str, Any]],
    today: str,
    on: str | None = None,
    axis_of: list[dict[str, Any]] | None = None,
) -> Chart:
    """Lay out a timeline of ``tenures`` (their JSON); the axis spans ``axis_of`` (default
    the same tenures), so the charts of one page can share it."""
    axis = Axis.around(_spans(axis_of or tenures), date.fromisoformat(today), on)
    rows = [_row(axis, t) for t in tenures]
    return Chart(chart_id, axis, axis.ticks(), axis.marker(on), rows)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        date=show_date,
        span=show_span,
        snippet=snippet,
        evidence_title=evidence_title,
        merge_names=merge_names,
        span_title=span_title,
    )
    env.globals.update(chart=chart, lineage_rows=lineage_rows, version=__version__)
    return env


ENV = _environment()


def render_html(
    request: Request, template: str, title: str, data: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """The page ``template`` over ``data``; ``json_url`` is the address of its twin."""
    path = request.url.path
    json_url = None
    if not path.startswith("/api/"):
        json_url = "/index.json" if path == "/" else path.rstrip("/") + ".json"
        if request.url.query:
            json_url += "?" + request.url.query
    html = ENV.get_template(template).render(
        page=data, title=title, json_url=json_url, path=path, request_query=request.query_params
    )
    return HTMLResponse(html, status_code=status_code)
