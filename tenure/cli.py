"""The ``tenure`` command: thin wrappers that parse arguments, call the library and print.

Exit status: 0 when everything asked for was done, 1 when some input failed (each named on
standard error), 2 on usage errors.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tenure.errors import ReadError, TenureError
from tenure.extract import extract_path, failed_read
from tenure.model import Extraction
from tenure.sources import MAX_BYTES

app = typer.Typer(
    name="tenure",
    help="Read articles about state institutions into a temporal knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

ARTICLE_SUFFIXES = (".txt", ".wiki", ".wikitext")


@app.callback()
def root() -> None:
    """Read articles about state institutions into a temporal knowledge graph."""


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files as given; folders walked for article files; globs expanded; ``-`` is stdin.

    A pattern or folder that matches nothing is yielded as is, so the reader reports it.
    """
    for item in paths:
        if item == "-":
            yield item
        elif os.path.isdir(item):
            found = sorted(
                str(p) for p in Path(item).rglob("*") if p.suffix in ARTICLE_SUFFIXES and p.is_file()
            )
            yield from found or [item]
        elif any(ch in item for ch in "*?[") and not os.path.exists(item):
            matches = sorted(glob.glob(item, recursive=True))
            yield from matches or [item]
        else:
            yield item


def report_failures(results: list[Extraction]) -> int:
    """Print each failed article's errors on stderr, naming file and line; return the count."""
    failed = 0
    for result in results:
        errors = [d for d in result.diagnostics if d.severity == "error"]
        if errors:
            failed += 1
            for d in errors:
                where = f"{result.source.path}:{d.line}" if d.line else f"{result.source.path}"
                err.print(f"[red]error:[/] {where}: {d.message}", markup=True, highlight=False)
    return failed


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    format: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="jsonl (one article a line), json, table.")
    ] = ExtractFormat.jsonl,
    max_bytes: Annotated[
        int, typer.Option(help="Largest article to read, in bytes.")
    ] = MAX_BYTES,
) -> None:
    """Print the facts read from each article, in the extraction contract's JSON."""
    results: list[Extraction] = []
    for path in expand_paths(paths):
        if os.path.isdir(path):
            kinds = ", ".join(f"*{suffix}" for suffix in ARTICLE_SUFFIXES)
            empty = ReadError(path, f"no article files ({kinds}) in this folder")
            result = failed_read(path, empty)
        else:
            result = extract_path(path, max_bytes)
        results.append(result)
        readable = result.source.sha256 != "0" * 64
        if format is ExtractFormat.jsonl and readable:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
    if format is ExtractFormat.json:
        readable_results = [r.to_dict() for r in results if r.source.sha256 != "0" * 64]
        sys.stdout.write(json.dumps(readable_results, ensure_ascii=False, indent=2) + "\n")
    elif format is ExtractFormat.table:
        print_extraction_table(results)
    failed = report_failures(results)
    if failed:
        err.print(f"{failed} of {len(results)} files failed.")
        raise typer.Exit(1)


def print_extraction_table(results: list[Extraction]) -> None:
    for result in results:
        if result.source.sha256 == "0" * 64:
            continue
        table = Table(
            title=f"{result.subject.name} ({result.subject.kind})",
            title_justify="left",
            caption=f"{result.source.path}: {len(result.tenures)} tenures, "
            f"{len(result.events)} events, {len(result.diagnostics)} diagnostics",
            caption_justify="left",
        )
        for column in ("person", "post", "organization", "from", "to", "line"):
            table.add_column(column, overflow="fold")
        for t in result.tenures:
            end = "present" if t.ongoing else (t.end or "?")
            table.add_row(
                t.person,
                t.post + (" (acting)" if t.acting else ""),
                t.organization or "",
                t.start or "?",
                end,
                ", ".join(str(e.line) for e in t.evidence),
            )
        out.print(table)
        if result.events:
            events = Table(title="events", title_justify="left")
            for column in ("date", "type", "organization", "other", "line"):
                events.add_column(column, overflow="fold")
            for e in result.events:
                events.add_row(
                    e.date or "?",
                    e.type,
                    e.organization,
                    e.other or "",
                    ", ".join(str(x.line) for x in e.evidence),
                )
            out.print(events)


def main() -> None:
    """Entry point: run the app, turning tenure's own errors into one line and exit 2."""
    try:
        app()
    except TenureError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
