"""The ``tenure`` command: thin wrappers that parse arguments, call the library and print.

Exit status: 0 when everything asked for was done, 1 when some input failed (each named on
standard error), 2 on usage errors.
"""

from __future__ import annotations

import csv
import glob
import json
import os
import secrets
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tenure.errors import ReadError, TenureError, UsageError
from tenure.extract import extract_path, failed_read
from tenure.model import Diagnostic, Extraction
from tenure.sources import MAX_BYTES

if TYPE_CHECKING:
    from tenure.api import Database
    from tenure.query.render import Sheet

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


class ExtractFormat(StrEnum):
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
                str(p)
                for p in Path(item).rglob("*")
                if p.suffix in ARTICLE_SUFFIXES and p.is_file()
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
        ExtractFormat,
        typer.Option("--format", "-f", help="jsonl (one article a line), json, table."),
    ] = ExtractFormat.jsonl,
    max_bytes: Annotated[int, typer.Option(help="Largest article to read, in bytes.")] = MAX_BYTES,
    workers: Annotated[
        int,
        typer.Option(
            help="Processes reading articles in parallel (0: one per core for many files)."
        ),
    ] = 0,
) -> None:
    """Print the facts read from each article, in the extraction contract's JSON."""
    paths_found = list(expand_paths(paths))
    keep = format is not ExtractFormat.jsonl
    results: list[Extraction] = []
    failures: list[Extraction] = []
    total = 0
    for result in extract_many(paths_found, max_bytes, workers):
        total += 1
        if keep:
            results.append(result)
        if result.failed:
            failures.append(result)
        if format is ExtractFormat.jsonl and result.source.sha256 != "0" * 64:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if format is ExtractFormat.json:
        readable_results = [r.to_dict() for r in results if r.source.sha256 != "0" * 64]
        sys.stdout.write(json.dumps(readable_results, ensure_ascii=False, indent=2) + "\n")
    elif format is ExtractFormat.table:
        print_extraction_table(results)
    failed = report_failures(failures)
    if failed:
        err.print(f"{failed} of {total} files failed.")
        raise typer.Exit(1)


def _extract_one(job: tuple[str, int]) -> Extraction:
    path, max_bytes = job
    if os.path.isdir(path):
        kinds = ", ".join(f"*{suffix}" for suffix in ARTICLE_SUFFIXES)
        return failed_read(path, ReadError(path, f"no article files ({kinds}) in this folder"))
    return extract_path(path, max_bytes)


def extract_many(paths: list[str], max_bytes: int, workers: int = 0) -> Iterator[Extraction]:
    """Extractions of ``paths`` in order; in worker processes when there are many files."""
    if workers == 0:
        workers = (os.cpu_count() or 1) if len(paths) >= 64 else 1
    jobs = [(path, max_bytes) for path in paths]
    if workers <= 1 or "-" in paths:
        yield from map(_extract_one, jobs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_extract_one, jobs, chunksize=32)


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


# -- store commands: ingest, who, career, succession, org, conflicts, search, aliases, rebuild --


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="TENURE_DB", help="Database file or URL [default: ./tenure.db]."),
]
AliasesOption = Annotated[
    str | None,
    typer.Option(
        "--aliases",
        envvar="TENURE_ALIASES",
        help="Alias file (YAML) [default: ./tenure-aliases.yaml if present].",
    ),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="table, json or csv.")]
OrgOption = Annotated[str | None, typer.Option("--org", help="Organization (any of its names).")]
OnOption = Annotated[
    str | None, typer.Option("--on", help="A day, month or year: 2016-06-01, 2016-06, 2016.")
]


def render() -> Any:
    """The query renderers, imported when a store command runs (``extract`` never needs them)."""
    import tenure.query.render

    return tenure.query.render


def open_db(db: str | None, aliases: str | None, *, create: bool = False) -> Database:
    """Open the store for a command; asking a question of a missing file is a usage error."""
    from tenure.api import open as tenure_open

    return tenure_open(db, aliases=aliases, create=create)


def emit(
    answer: Any, sheets: list[Sheet], format: OutputFormat, csv_sheet: Sheet | None = None
) -> None:
    """Print an answer: its ``to_dict()`` as JSON, or its sheets as tables or CSV."""
    if format is OutputFormat.json:
        data = [a.to_dict() for a in answer] if isinstance(answer, list) else answer.to_dict()
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    if format is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        for sheet in [csv_sheet] if csv_sheet is not None else sheets:
            writer.writerow(sheet.columns)
            writer.writerows(sheet.rows)
        return
    for sheet in sheets:
        if not sheet.rows and sheet.caption:  # say so, rather than draw an empty table
            out.print(f"[italic]{escape(sheet.title)}[/]\n{escape(sheet.caption)}")
            continue
        table = Table(
            title=sheet.title, title_justify="left", caption=sheet.caption, caption_justify="left"
        )
        for column in sheet.columns:
            table.add_column(column, overflow="fold")
        for row in sheet.rows:
            table.add_row(*(escape(cell) for cell in row))
        out.print(table)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs of articles.")],
    db: DbOption = None,
    aliases: AliasesOption = None,
    format: FormatOption = OutputFormat.table,
    workers: Annotated[
        int | None, typer.Option(help="Processes reading articles [default: one per core].")
    ] = None,
) -> None:
    """Read articles into the store, one transaction per article, and summarize."""
    files = list(expand_paths(paths))
    database = open_db(db, aliases, create=True)
    with (
        database,
        Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        ) as bar,
    ):
        task = bar.add_task("ingesting", total=len(files))

        def advance(done: int, total: int, path: str) -> None:
            bar.update(task, completed=done, description=os.path.basename(path)[:40])

        report = database.ingest(files, workers=workers, progress=advance)
    for warning in report.warnings[:20]:
        err.print(f"[yellow]warning:[/] {escape(warning)}", highlight=False)
    if len(report.warnings) > 20:
        err.print(f"... and {len(report.warnings) - 20} more warnings", highlight=False)
    for outcome in report.failed:
        for d in outcome.errors or [Diagnostic("error", "could not be read")]:
            where = f"{outcome.path}:{d.line}" if d.line else f"{outcome.path}"
            err.print(f"[red]error:[/] {where}: {d.message}", highlight=False)
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        totals = report.totals()
        sheet = render().Sheet(
            f"ingested {totals['files']} files into {database.url}",
            ["", "count"],
            caption=f"{report.seconds:.1f} s"
            + (" (derived tables rebuilt: alias rules changed)" if report.rebuilt else ""),
        )
        sheet.rows = [[name.replace("_", " "), str(value)] for name, value in totals.items()]
        emit(report, [sheet], format)
    if report.failed:
        err.print(f"{len(report.failed)} of {len(files)} files failed; the rest were stored.")
        raise typer.Exit(1)


@app.command()
def who(
    post: Annotated[str, typer.Argument(help="Post title, e.g. Director.")],
    org: OrgOption = None,
    on: OnOption = None,
    db: DbOption = None,
    aliases: AliasesOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Who held a post on a date (default today), each holder certain or possible."""
    with open_db(db, aliases) as database:
        answer = database.who(post, org=org, on=on)
    emit(answer, render().who_sheets(answer), format)


@app.command()
def asof(
    on: Annotated[str, typer.Argument(help='A day, month or year ("2016-06-01", "2016").')],
    db: DbOption = None,
    aliases: AliasesOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Every post held on a date, by organization, each holder certain or possible."""
    with open_db(db, aliases) as database:
        answer = database.holders_on(on)
    emit(answer, render().asof_sheets(answer), format)


@app.command()
def career(
    person: Annotated[str, typer.Argument(help="A person, by any spelling.")],
    db: DbOption = None,
    aliases: AliasesOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """A person's posts in time order, with concurrent posts."""
    with open_db(db, aliases) as database:
        answer = database.career(person)
    emit(answer, render().career_sheets(answer), format)


@app.command()
def succession(
    post: Annotated[str, typer.Argument(help="Post title, e.g. Director.")],
    org: OrgOption = None,
    db: DbOption = None,
    aliases: AliasesOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Holders of a post in order, gaps and overlaps marked."""
    with open_db(db, aliases) as database:
        answer = database.succession(post, org=org)
    emit(answer, render().succession_sheets(answer), format)


@app.command("org")
def org_command(
    name: Annotated[str, typer.Argument(help="An organization, by any of its names.")],
    on: OnOption = None,
    db: DbOption = None,
    aliases: AliasesOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """An organization: names over time, parent, subunits, holders on a date, events.

    With --on: what it was called then (each name certain or possible), the bodies it was
    one with then ("one organization, two names"), its parent then and its holders then.
    """
    with open_db(db, aliases) as database:
        answer = database.org(name, on=on)
    emit(answer, render().org_sheets(answer), format, render().org_csv(answer))


class LineageFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("lineage")
def lineage_command(
    name: Annotated[str, typer.Argument(help="An organization, by any of its names.")],
    png: Annotated[
        Path | None, typer.Option("--png", help="Also draw the lineage as a picture (PNG).")
    ] = None,
    db: DbOption = None,
    aliases: AliasesOption = None,
    format: Annotated[
        LineageFormat, typer.Option("--format", "-f", help="table or json.")
    ] = LineageFormat.table,
) -> None:
    """Predecessors and successors with dates and evidence, and the years two names were one
    body; --png FILE draws them on a time axis."""
    with open_db(db, aliases) as database:
        answer = database.lineage(name)
    emit(answer, render().lineage_sheets(answer), OutputFormat(format.value))
    if png is not None:
        from tenure.query.draw import draw_lineage

        try:
            draw_lineage(answer, png)
        except OSError as exc:
            raise UsageError(f"{png}: cannot write the picture ({exc.strerror or exc}).") from exc
        err.print(f"wrote {png}", highlight=False)


@app.command()
def conflicts(
    db: DbOption = None,
    aliases: AliasesOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Holdings that cannot all be true, with the sources of each side."""
    with open_db(db, aliases) as database:
        answer = database.conflicts()
    emit(answer, render().conflict_sheets(answer), format)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to find in names and evidence.")],
    limit: Annotated[int, typer.Option(help="Most hits to show.")] = 20,
    db: DbOption = None,
    aliases: AliasesOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Find organizations, people and evidence lines by words."""
    with open_db(db, aliases) as database:
        answer = database.search(text, limit=limit)
    emit(answer, render().search_sheets(text, answer), format)


@app.command("aliases")
def aliases_command(
    aliases: AliasesOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """List the alias entries in force: your alias file first, then tenure's defaults."""
    from tenure.resolve.config import load_config

    entries = load_config(aliases).entries
    emit(entries, render().alias_sheets(entries), format)


@app.command()
def rebuild(
    db: DbOption = None,
    aliases: AliasesOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Recompute organizations, persons, posts, tenures and conflicts from the claims."""
    with open_db(db, aliases) as database:
        counts = database.rebuild()
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps(counts, indent=2) + "\n")
        return
    sheet = render().Sheet(f"rebuilt {database.url}", ["", "count"])
    sheet.rows = [[name.replace("_", " "), str(value)] for name, value in counts.items()]
    emit(counts, [sheet], format)


@app.command()
def serve(
    db: DbOption = None,
    aliases: AliasesOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[
        bool, typer.Option("--allow-ingest", help="Accept uploads at POST /api/ingest.")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="TENURE_TOKEN",
            help="Bearer token uploads must carry (default: a new one, printed).",
        ),
    ] = None,
    workers: Annotated[int, typer.Option(help="Server processes.")] = 1,
) -> None:
    """Serve the web UI and JSON API over the store (read-only unless --allow-ingest)."""
    from tenure.api import DEFAULT_DB
    from tenure.web.server import serve as run_server

    target = db or DEFAULT_DB
    if allow_ingest and not token:
        token = secrets.token_urlsafe(24)
        err.print(f"ingest token (send as Authorization: Bearer): {token}", highlight=False)
    err.print(
        f"serving {target} at http://{host}:{port}/ (API docs: /docs); Ctrl-C stops",
        highlight=False,
    )
    run_server(
        target, host, port, allow_ingest=allow_ingest, token=token, aliases=aliases, workers=workers
    )


class ExportFormat(StrEnum):
    ftm = "ftm"
    popolo = "popolo"
    csv = "csv"
    parquet = "parquet"
    gexf = "gexf"
    quickstatements = "quickstatements"


@app.command("export")
def export_command(
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="ftm (FollowTheMoney JSON lines), popolo (JSON), csv or parquet (a folder, "
            "one file per table), gexf (Gephi), quickstatements (Wikidata P39).",
        ),
    ],
    out_path: Annotated[
        str | None,
        typer.Option(
            "--out", "-o", help="File to write (default: stdout); for csv and parquet, the folder."
        ),
    ] = None,
    org: Annotated[
        str | None, typer.Option("--org", help="Only this organization's part (any name).")
    ] = None,
    person: Annotated[
        str | None, typer.Option("--person", help="Only this person's part (any spelling).")
    ] = None,
    db: DbOption = None,
    aliases: AliasesOption = None,
) -> None:
    """Write the graph for other tools, dates at the precision the sources wrote."""
    from tenure.export import export

    with (
        open_db(db, aliases) as database,
        Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        ) as bar,
    ):
        task = bar.add_task(f"exporting {format.value}", total=None)

        def advance(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, description=f"{format.value}: {what}")

        report = export(
            database,
            format.value,
            out_path,
            org=org,
            person=person,
            progress=advance,
            skipped=sys.stderr,
        )
    for warning in report.warnings[:20]:
        err.print(f"[yellow]warning:[/] {escape(warning)}", highlight=False)
    if len(report.warnings) > 20:
        err.print(f"... and {len(report.warnings) - 20} more warnings", highlight=False)
    rows = ", ".join(f"{n:,} {what}" for what, n in report.written.items())
    where = ", ".join(report.paths) or "stdout"
    err.print(
        f"{format.value}: {rows or 'nothing'} from {report.scope} to {where} "
        f"in {report.seconds:.1f} s",
        highlight=False,
    )
    if report.skipped:
        listed = report.skipped_path or "above"
        err.print(
            f"{report.skipped:,} tenures not written (reasons listed {listed})", highlight=False
        )


def main() -> None:
    """Entry point: run the app, turning tenure's own errors into one line and exit 2."""
    try:
        app()
    except TenureError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
