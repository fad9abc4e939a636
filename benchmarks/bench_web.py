"""How fast the web server answers ``/api/who`` under load, on loopback.

    python benchmarks/bench_web.py                  # 2 workers, 8 s per generator
    python benchmarks/bench_web.py --workers 1 --seconds 5 --connections 16

1. Ingests ``samples/`` into a temporary SQLite store and draws varied valid questions from
   it: every post of every organization, asked on a year, a month or a day within (and
   around) its holders' tenures.
2. Starts ``tenure serve``'s app under uvicorn (``--workers`` processes) on 127.0.0.1.
3. Loads it for ``--seconds`` (at most 10) with a Python generator: asyncio, one keep-alive
   HTTP/1.1 connection per client, ``--connections`` clients, each question in turn. Then,
   when Debian's ``wrk`` is there (installed here if missing and root), the same questions
   through wrk, since a Python generator on the same two cores takes CPU from the server.
4. Prints requests/s, p50, p99 and errors for each generator.

Target on a 2-core machine: at least 1,000 requests/s, p99 under 50 ms, no errors.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import tenure.api

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "samples"
HOST = "127.0.0.1"
TARGET_RPS = 1_000
TARGET_P99_MS = 50.0
MAX_SECONDS = 10.0
CONTENT_LENGTH = re.compile(rb"(?i)content-length: *(\d+)")


@dataclass
class Result:
    generator: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        verdict = (
            "meets"
            if (self.rps >= TARGET_RPS and self.p99_ms < TARGET_P99_MS and not self.errors)
            else "MISSES"
        )
        return (
            f"{self.generator:<8} {self.rps:8.0f} req/s  p50 {self.p50_ms:6.2f} ms  "
            f"p99 {self.p99_ms:6.2f} ms  errors {self.errors}  ({self.requests} requests "
            f"in {self.seconds:.1f} s; {verdict} the target)"
        )


def questions(db_path: Path, count: int, seed: int = 7) -> list[str]:
    """Paths of valid ``/api/who`` questions drawn from the store."""
    rng = random.Random(seed)
    found: list[str] = []
    with tenure.api.open(db_path) as db:
        for t in db.tenures():
            org = t.post.organization
            if org is None:
                continue
            years = [int(d[:4]) for d in (t.start, t.end) if d]
            year = rng.choice(years) if years else 2020
            for on in (
                str(year),
                f"{year}-{rng.randint(1, 12):02d}",
                f"{year + rng.randint(-1, 1)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            ):
                found.append(
                    "/api/who?" + urlencode({"post": t.post.title, "org": org.name, "on": on})
                )
    rng.shuffle(found)
    return (found * (count // max(len(found), 1) + 1))[:count]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def start_server(db_path: Path, workers: int, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TENURE_WEB_DB": str(db_path)}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "tenure.web.server:app_from_env",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/index.json", timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("the server did not start") from None
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not answer within 30 s")


async def _client(
    port: int, paths: list[str], offset: int, stop: float, latencies: list[float], errors: list[int]
) -> None:
    reader, writer = await asyncio.open_connection(HOST, port)
    i = offset
    try:
        while time.perf_counter() < stop:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode("ascii"))
            head = await reader.readuntil(b"\r\n\r\n")
            length = CONTENT_LENGTH.search(head)
            if length is None:
                raise OSError(f"no Content-Length in {head[:80]!r}")
            await reader.readexactly(int(length.group(1)))
            latencies.append(time.perf_counter() - started)
            if not head.startswith(b"HTTP/1.1 200"):
                errors.append(1)
    except (OSError, asyncio.IncompleteReadError):
        errors.append(1)
    finally:
        writer.close()


def python_load(port: int, paths: list[str], seconds: float, connections: int) -> Result:
    latencies: list[float] = []
    errors: list[int] = []

    async def run() -> float:
        started = time.perf_counter()
        stop = started + seconds
        await asyncio.gather(
            *(_client(port, paths, i * 97, stop, latencies, errors) for i in range(connections))
        )
        return time.perf_counter() - started

    elapsed = asyncio.run(run())
    latencies.sort()
    n = len(latencies)
    return Result(
        "python",
        n,
        elapsed,
        1000 * latencies[n // 2] if n else 0.0,
        1000 * latencies[min(n - 1, int(n * 0.99))] if n else 0.0,
        len(errors),
    )


def ensure_wrk() -> str | None:
    found = shutil.which("wrk")
    if found or not shutil.which("apt-get") or os.geteuid() != 0:
        return found
    print("installing Debian's wrk ...", flush=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"],
        check=False,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    return shutil.which("wrk")


def wrk_load(
    wrk: str, port: int, paths: list[str], seconds: float, connections: int, folder: Path
) -> Result | None:
    script = folder / "paths.lua"
    quoted = ",\n".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    script.write_text(
        "local paths = {\n" + quoted + "\n}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\nend\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            wrk,
            "-t2",
            f"-c{connections}",
            f"-d{int(seconds)}s",
            "--latency",
            "-s",
            str(script),
            f"http://{HOST}:{port}/",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    text = done.stdout

    def ms(label: str) -> float:
        m = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)\b", text)
        if not m:
            return float("nan")
        return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]

    total = re.search(r"(\d+) requests in ([\d.]+)(ms|s)", text)
    if done.returncode or not total:
        print(f"wrk failed: {done.stderr.strip() or text.strip()}")
        return None
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
    elapsed = float(total.group(2)) / (1000 if total.group(3) == "ms" else 1)
    return Result("wrk", int(total.group(1)), elapsed, ms("50"), ms("99"), errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="uvicorn processes")
    parser.add_argument("--seconds", type=float, default=8.0, help="per generator, at most 10")
    parser.add_argument("--connections", type=int, default=16, help="concurrent clients")
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--no-wrk", action="store_true", help="only the Python generator")
    args = parser.parse_args()
    seconds = min(args.seconds, MAX_SECONDS)

    with tempfile.TemporaryDirectory(prefix="tenure-bench-web-") as tmp:
        folder = Path(tmp)
        db_path = folder / "tenure.db"
        with tenure.api.open(db_path) as db:
            db.ingest(sorted(SAMPLES.glob("*.txt")))
        paths = questions(db_path, args.questions)
        print(
            f"/api/who over {len(set(paths))} distinct questions from samples/; "
            f"{args.workers} worker(s), {args.connections} connections, "
            f"{os.cpu_count()} cores"
        )
        port = free_port()
        server = start_server(db_path, args.workers, port)
        try:
            python_load(port, paths, 1.0, args.connections)  # warm every worker thread
            results = [python_load(port, paths, seconds, args.connections)]
            wrk = None if args.no_wrk else ensure_wrk()
            if wrk:
                found = wrk_load(wrk, port, paths, seconds, args.connections, folder)
                if found:
                    results.append(found)
            elif not args.no_wrk:
                print("wrk is not installed; only the Python generator ran")
        finally:
            server.terminate()
            server.wait(timeout=10)
        for result in results:
            print(result.line())
        print(f"target: >= {TARGET_RPS} req/s, p99 < {TARGET_P99_MS:.0f} ms, no errors")


if __name__ == "__main__":
    main()
