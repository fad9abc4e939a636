"""`tenure extract` as a user runs it: in-process through Typer's CliRunner and as the installed
console script in a subprocess. Every JSON it prints is checked against the contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tenure.cli import app
from tests.conftest import ROOT, SAMPLES, Validate, sample_paths

ONSC = SAMPLES / "Office_of_the_National_Security_Commission.txt"
LI_XI = SAMPLES / "Li_Xi.txt"
WANG_YI = SAMPLES / "Wang_Yi.txt"
SCRIPT = Path(sys.executable).with_name("tenure")


@dataclass
class Run:
    code: int
    out: str
    err: str

    def lines(self, validate: Validate) -> list[dict[str, Any]]:
        """The JSON objects printed one a line, each checked against the contract."""
        objects = [json.loads(line) for line in self.out.splitlines() if line.strip()]
        for obj in objects:
            validate(obj)
        return objects

    def paths(self, validate: Validate) -> list[str]:
        return [obj["source"]["path"] for obj in self.lines(validate)]


Invoke = Callable[..., Run]
ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}


def in_process(*args: str | Path, input: bytes | None = None) -> Run:
    result = CliRunner().invoke(app, [str(a) for a in args], input=input, env=ENV)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def as_script(*args: str | Path, input: bytes | None = None) -> Run:
    assert SCRIPT.exists(), f"the console script is not installed at {SCRIPT}"
    done = subprocess.run(
        [str(SCRIPT), *map(str, args)],
        input=input if input is not None else b"",
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, **ENV},
        timeout=120,
        check=False,
    )
    return Run(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


@pytest.fixture(params=[in_process, as_script], ids=["runner", "script"])
def invoke(request: pytest.FixtureRequest) -> Invoke:
    fn: Invoke = request.param
    return fn


def no_traceback(run: Run) -> None:
    assert "Traceback" not in run.err and "Traceback" not in run.out


# Formats


def test_jsonl_prints_one_valid_object_per_article(invoke: Invoke, validate: Validate) -> None:
    run = invoke("extract", "--format", "jsonl", ONSC, LI_XI, WANG_YI)
    assert run.code == 0, run.err
    objects = run.lines(validate)
    assert [o["source"]["path"] for o in objects] == [str(ONSC), str(LI_XI), str(WANG_YI)]
    assert [o["subject"]["kind"] for o in objects] == ["organization", "person", "person"]
    director = {(t["person"], t["start"], t["end"]) for t in objects[0]["tenures"]}
    assert ("Li Zhanshu", "2014", "2017") in director


def test_jsonl_is_the_default_and_keeps_native_script(invoke: Invoke, validate: Validate) -> None:
    run = invoke("extract", ONSC)
    assert run.code == 0
    [obj] = run.lines(validate)
    assert "中央国家安全委员会办公室" in run.out
    assert any(n["name"] == "中央国家安全委员会办公室" for n in obj["organization"]["names"])


def test_json_prints_one_array(invoke: Invoke, validate: Validate) -> None:
    run = invoke("extract", "--format", "json", ONSC, LI_XI)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert isinstance(data, list) and len(data) == 2
    for obj in data:
        validate(obj)
    assert data[1]["subject"] == {"kind": "person", "name": "Li Xi"}


def test_table_shows_holders_and_dates(invoke: Invoke) -> None:
    run = invoke("extract", "--format", "table", ONSC)
    assert run.code == 0, run.err
    assert "Office of the National Security Commission (organization)" in run.out
    row = next(line for line in run.out.splitlines() if "Li Zhanshu" in line)
    assert "Director" in row and "2014" in row and "2017" in row
    assert any("Cai Qi" in line and "present" in line for line in run.out.splitlines())
    assert not run.out.lstrip().startswith(("{", "["))


# Paths: folders, globs, standard input


def test_folder_reads_every_article_in_it(validate: Validate) -> None:
    run = in_process("extract", SAMPLES)
    assert run.code == 0, run.err
    assert run.paths(validate) == [str(p) for p in sample_paths()]
    assert "error" not in run.err


def test_folder_is_walked_recursively_for_article_files(tmp_path: Path, validate: Validate) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "Li_Xi.txt").write_bytes(LI_XI.read_bytes())
    (tmp_path / "a" / "notes.md").write_text("# not an article\n")
    run = in_process("extract", tmp_path)
    assert run.code == 0, run.err
    assert run.paths(validate) == [str(tmp_path / "a" / "b" / "Li_Xi.txt")]


def test_glob_is_expanded_by_tenure(invoke: Invoke, validate: Validate) -> None:
    run = invoke("extract", str(SAMPLES / "Cabinet_*.txt"))
    assert run.code == 0, run.err
    assert [Path(p).name for p in run.paths(validate)] == [
        "Cabinet_Intelligence_and_Research_Office.txt",
        "Cabinet_Office.txt",
        "Cabinet_Secretary_(United_Kingdom).txt",
        "Cabinet_secretary.txt",
    ]


def test_glob_matching_nothing_fails_naming_it(validate: Validate) -> None:
    pattern = str(SAMPLES / "Nothing_*.txt")
    run = in_process("extract", pattern, LI_XI)
    assert run.code == 1
    assert pattern in run.err
    assert run.paths(validate) == [str(LI_XI)]


def test_dash_reads_standard_input(invoke: Invoke, validate: Validate) -> None:
    run = invoke("extract", "-", input=LI_XI.read_bytes())
    assert run.code == 0, run.err
    [obj] = run.lines(validate)
    assert obj["source"]["path"] == "-"
    assert obj["subject"] == {"kind": "person", "name": "Li Xi"}
    assert any(t["post"].startswith("Governor") for t in obj["tenures"])


def test_standard_input_over_the_limit_is_refused() -> None:
    run = in_process("extract", "--max-bytes", "1000", "-", input=ONSC.read_bytes())
    assert run.code == 1
    assert run.err.startswith("error: -:") and "limit" in run.err


# Exit statuses


def test_exit_0_and_quiet_stderr_when_every_file_reads(invoke: Invoke, validate: Validate) -> None:
    run = invoke("extract", *sample_paths())
    assert run.code == 0
    assert len(run.lines(validate)) == len(sample_paths())
    assert "error" not in run.err


def test_missing_path_exits_1_naming_it_and_reads_the_rest(
    invoke: Invoke, validate: Validate
) -> None:
    run = invoke("extract", LI_XI, "no/such/Article.txt", WANG_YI)
    assert run.code == 1
    assert "no/such/Article.txt: no such file" in run.err
    assert run.paths(validate) == [str(LI_XI), str(WANG_YI)]
    no_traceback(run)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "--bogus", "x.txt"], "No such option: --bogus"),
        (["extract", "--format", "xml", "x.txt"], "'xml' is not one of"),
        (["extract"], "Missing argument"),
        (["frobnicate"], "No such command"),
    ],
    ids=["unknown-option", "bad-format", "no-paths", "unknown-command"],
)
def test_usage_errors_exit_2(invoke: Invoke, args: list[str], message: str) -> None:
    run = invoke(*args)
    assert run.code == 2
    assert message in " ".join(run.err.split()).replace("│", "").replace("  ", " ")
    assert run.out == ""
    no_traceback(run)


# Bad input: each named on stderr with exit 1, never a traceback, the other files still read


def write_empty(path: Path) -> None:
    path.write_bytes(b"")


def write_binary(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))


def write_latin1(path: Path) -> None:
    path.write_bytes("= Ministerio =\n\nEl ministerio está en Bogotá.\n".encode("latin-1"))


def write_50_mb(path: Path) -> None:
    with path.open("wb") as f:
        f.write(b"= Huge =\n\nThe rest is a hole.\n")
        f.truncate(50 * 1024 * 1024)


def write_deep_bullets(path: Path) -> None:
    depths = [*range(1, 100), *range(100, 10_001, 100)]
    body = "".join("-" * d + f" Li Ming ({1900 + d % 100}–{1901 + d % 100})\n" for d in depths)
    path.write_text("= Deep =\n\n== Leaders ==\n; Directors\n" + body, encoding="utf-8")


def write_only_equals(path: Path) -> None:
    path.write_text("\n".join("=" * n for n in range(1, 30)) + "\n", encoding="utf-8")


BAD_INPUTS: dict[str, tuple[Callable[[Path], None], str, int | None]] = {
    "empty": (write_empty, "empty file", None),
    "binary": (write_binary, "binary data", 3),
    "latin-1": (write_latin1, "not UTF-8", 3),
    "50-MB": (write_50_mb, "MB limit", None),
    "bullets-10000-deep": (write_deep_bullets, "nested", 69),
    "only-equals": (write_only_equals, "no article here", 1),
}


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_bad_input_is_named_and_the_rest_is_read(
    kind: str, tmp_path: Path, validate: Validate
) -> None:
    write, message, line = BAD_INPUTS[kind]
    bad = tmp_path / "bad.txt"
    write(bad)
    run = in_process("extract", LI_XI, bad, WANG_YI)
    assert run.code == 1
    where = f"{bad}:{line}:" if line else f"{bad}:"
    error = next((e for e in run.err.splitlines() if e.startswith(f"error: {where}")), None)
    assert error is not None, f"no error naming {where} in:\n{run.err}"
    assert message in error
    assert [p for p in run.paths(validate) if p != str(bad)] == [str(LI_XI), str(WANG_YI)]
    assert "1 of 3 files failed" in run.err
    no_traceback(run)


def test_every_bad_input_at_once_through_the_script(tmp_path: Path, validate: Validate) -> None:
    bad = []
    for kind, (write, _, _) in BAD_INPUTS.items():
        path = tmp_path / f"{kind}.txt"
        write(path)
        bad.append(path)
    run = as_script("extract", LI_XI, *bad, WANG_YI)
    assert run.code == 1
    no_traceback(run)
    for path in bad:
        assert f"error: {path}" in run.err
    assert [p for p in run.paths(validate) if p not in map(str, bad)] == [str(LI_XI), str(WANG_YI)]
    assert f"{len(bad)} of {len(bad) + 2} files failed" in run.err


def test_folder_without_articles_fails_naming_it(tmp_path: Path, validate: Validate) -> None:
    (tmp_path / "README.md").write_text("nothing to read\n")
    run = in_process("extract", tmp_path, LI_XI)
    assert run.code == 1
    assert f"error: {tmp_path}: no article files" in run.err
    assert run.paths(validate) == [str(LI_XI)]


def tenures(obj: dict[str, Any]) -> list[tuple[Any, ...]]:
    keys = ("person", "post", "organization", "start", "end", "ongoing")
    return sorted(tuple(t[k] for k in keys) for t in obj["tenures"])


def test_half_written_file_is_read_as_far_as_it_goes(tmp_path: Path, validate: Validate) -> None:
    data = ONSC.read_bytes()
    cut = data.index("Ding Xuexiang (2017–".encode()) + len("Ding Xuexiang (2017–".encode()) - 1
    half = tmp_path / "half.txt"
    half.write_bytes(data[:cut])  # stops inside the en dash's three bytes
    run = in_process("extract", half)
    assert run.code == 0, run.err
    [obj] = run.lines(validate)
    assert ("Li Zhanshu", "Director") in {(t["person"], t["post"]) for t in obj["tenures"]}
    last_line = data[:cut].count(b"\n") + 1
    assert any(d["line"] == last_line for d in obj["diagnostics"]), obj["diagnostics"]


@pytest.mark.parametrize(
    "transform",
    [
        lambda data: data.replace(b"\n", b"\r\n"),
        lambda data: b"\xef\xbb\xbf" + data,
    ],
    ids=["crlf", "bom"],
)
def test_crlf_and_bom_read_like_the_plain_file(
    transform: Callable[[bytes], bytes], tmp_path: Path, validate: Validate
) -> None:
    variant = tmp_path / ONSC.name
    variant.write_bytes(transform(ONSC.read_bytes()))
    run = in_process("extract", ONSC, variant)
    assert run.code == 0, run.err
    plain, other = run.lines(validate)
    assert other["source"]["title"] == plain["source"]["title"]
    assert tenures(other) == tenures(plain) != []
    evidence = [e["text"] for t in other["tenures"] for e in t["evidence"]]
    assert not any(text.endswith("\r") or "\ufeff" in text for text in evidence)
    assert other["organization"] == plain["organization"]
