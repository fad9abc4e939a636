"""Work on files fanned out to forked processes, results back in the files' order.

    >>> def sizes(task):
    ...     return [len(name) for name in task]
    >>> list(in_order(sizes, ["ab", "c", "def"], 2, lambda task, why: [0] * len(task), 1))
    [2, 1, 3]

``tenure ingest`` reads and extracts articles in worker processes while this process alone
writes the store. :func:`in_order` forks the workers itself: worker *k* of *n* takes the
tasks *k*, *k + n*, *k + 2n* ... of the file list it inherited, and writes each task's
pickled results to a pipe of its own; this process reads the pipes in turn, which gives the
results in the files' order, with no thread here and no message to send a worker.

That is what it is for. With :class:`concurrent.futures.ProcessPoolExecutor`, two threads of
the writing process fed tasks to the workers and read their results, each needing the GIL
that the writer held for up to a switch interval (5 ms) at a time, about what a worker takes
for a task of eight articles: the workers stood waiting for about half of the ingest (each
busy 41% of the time, the writer 68%). Here a worker only waits when it is a pipe's length
(:data:`PIPE_BYTES`) ahead of the writer, which also bounds the memory results take.

A worker that cannot work (killed, out of memory) costs its remaining tasks, each reported
through ``failed``; the other workers go on. When this process dies, a worker's next write
to its pipe fails and the worker ends.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import struct
from collections.abc import Callable, Generator, Sequence
from typing import Any, BinaryIO, TypeVar

try:
    import fcntl
except ImportError:  # not POSIX: no fork either (can_fork)
    fcntl = None  # type: ignore[assignment]

T = TypeVar("T")

PIPE_BYTES = 1 << 20
"""How far (bytes of pickled results) a worker may run ahead of the reader: asked of Linux
for each pipe (``F_SETPIPE_SZ``), which otherwise gives 64 KiB, about one task's results."""

COLLECT_EVERY = 64
"""Tasks between a worker's collections of cyclic garbage (512 articles at eight a task)."""

_HEADER = struct.Struct("<?Q")
"""Before each task's payload: whether it is results (or an error message), and its length."""


def can_fork() -> bool:
    """True where :func:`in_order` can run: the platform forks processes."""
    return hasattr(os, "fork")


def in_order(
    work: Callable[[list[str]], list[T]],
    files: Sequence[str],
    workers: int,
    failed: Callable[[list[str], str], list[T]],
    per_task: int = 8,
    collect_every: int = COLLECT_EVERY,
) -> Generator[T, None, None]:
    """``work`` over ``files`` in tasks of ``per_task`` files, run by ``workers`` forked
    processes; the results of every file in the files' order. ``work`` must not raise for
    bad input (a task that raises anyway, or a worker that ends early, gives ``failed(task,
    why)`` for the files it did not do)."""
    tasks = [list(files[i : i + per_task]) for i in range(0, len(files), per_task)]
    workers = max(1, min(workers, len(tasks)))
    pipes: list[BinaryIO] = []
    pids: list[int] = []
    running = set()
    try:
        for k in range(workers):
            read_fd, write_fd = os.pipe()
            _widen(write_fd)
            pid = os.fork()
            if pid == 0:  # the worker: never returns
                os.close(read_fd)
                for pipe in pipes:
                    pipe.close()
                _serve(work, tasks[k::workers], write_fd, collect_every)
            os.close(write_fd)
            pids.append(pid)
            running.add(pid)
            pipes.append(open(read_fd, "rb", buffering=PIPE_BYTES))  # noqa: SIM115
        broken: dict[int, str] = {}
        for i, task in enumerate(tasks):
            k = i % workers
            why = broken.get(k)
            if why is None:
                message = _receive(pipes[k])
                if message is None:
                    running.discard(pids[k])
                    why = broken[k] = _ended(pids[k])
                elif message[0]:
                    yield from message[1]
                    continue
                else:
                    why = message[1]
            yield from failed(task, why)
    finally:
        for pipe in pipes:
            pipe.close()  # a worker still writing gets EPIPE and ends
        for pid in running:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)  # stopped early: one may be mid-task
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def _serve(
    work: Callable[[list[str]], list[Any]], tasks: list[list[str]], fd: int, collect_every: int
) -> None:
    """A worker's life: each task's results (or why it failed) written to ``fd``, then exit
    without running the parent's exit handlers (its store, its temporary files).

    The worker collects cyclic garbage itself, every ``collect_every`` tasks: forked from a
    writer that paused the collector, it would otherwise keep all it ever made in cycles
    (extraction leaves about three such objects an article, 2.2 KB: 42 MB after 20,000
    articles). What it inherited is frozen first, so a collection scans only its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle
    gc.freeze()  # what the parent made is not this process's garbage: never scan it
    status = 0
    try:
        with open(fd, "wb", buffering=0) as out:
            for done, task in enumerate(tasks, 1):
                if done % collect_every == 0:
                    gc.collect()
                try:
                    payload = pickle.dumps(work(task), protocol=pickle.HIGHEST_PROTOCOL)
                    ok = True
                except Exception as exc:  # reported with the task's files, as failed
                    payload = pickle.dumps(f"worker failed: {exc!r}")
                    ok = False
                out.write(_HEADER.pack(ok, len(payload)))
                out.write(payload)
    except BaseException:  # the reader is gone (EPIPE) or the worker was told to stop
        status = 1
    os._exit(status)


def _receive(pipe: BinaryIO) -> tuple[bool, Any] | None:
    """The next message on a worker's pipe, None when the worker has ended."""
    header = pipe.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    ok, size = _HEADER.unpack(header)
    payload = pipe.read(size)
    if len(payload) < size:
        return None
    return ok, pickle.loads(payload)


def _ended(pid: int) -> str:
    """Why a worker stopped writing: how it ended, as far as waiting for it tells."""
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return "worker process ended unexpectedly"
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        return f"worker process was killed ({name}) before reading this file"
    code = os.waitstatus_to_exitcode(status)
    return f"worker process ended (status {code}) before reading this file"


def _widen(fd: int) -> None:
    """Ask for a :data:`PIPE_BYTES` pipe where Linux allows it; the default size otherwise."""
    setpipe = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setpipe is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, setpipe, PIPE_BYTES)
