"""Uploads read in a process of their own, with a memory and a CPU limit (issue 22 item 7), so that no
file can take the server down: a reader that runs out of memory or time, or dies, fails that one upload
with a clear message ("te groot of te complex om te lezen"), and the server and every other session go on.

The reading process is started by the fork server of the solve workers (pool.py), so it costs a fork,
not a fresh interpreter. Its limits: MEMORY_MB of address space on top of what it starts with (the
preloaded modules), CPU_SECONDS of CPU time, and WALL_SECONDS in all (a reader that waits on nothing).
What the reader returns or raises comes back as if it had run here. Nothing here knows about Streamlit
or the readers it runs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection

from ..problems import InputError, Problem
from . import pool

MEMORY_MB = 1024  # address space a read may take on top of the reading process's own at its start
CPU_SECONDS = 60  # CPU time a read may take
WALL_SECONDS = 180  # time a read may take in all, waiting included (the CPU limit stops a busy one first)


class TooComplex(InputError):
    """The file could not be read within the limits (out of memory, out of time, or the reader died)."""

    def __init__(self, name: str):
        super().__init__([Problem(None, None, None, "file.too_complex", {"path": name})], name)


def read(fn: Callable, *args, name: str, **kwargs):
    """`fn(*args, **kwargs)` (a module-level function: it is pickled by name) in a process with the limits
    above; its result, or its exception raised here. TooComplex, naming the file `name`, when the read
    ran out of memory or time or its process died."""
    if not hasattr(os, "fork"):  # no fork server (Windows): read here, without limits
        return fn(*args, **kwargs)
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(pool.PRELOAD)  # the pool's fork server, whichever of the two starts it
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(send, fn, args, kwargs, MEMORY_MB, CPU_SECONDS),
                          name="sw-explorer-reader", daemon=True)
    process.start()
    send.close()
    try:
        outcome = receive.recv() if receive.poll(WALL_SECONDS) else ("limit", None)
    except (EOFError, OSError):  # died before it answered: killed by the CPU limit, aborted, out of memory
        outcome = ("limit", None)
    finally:
        receive.close()
        process.kill()
        process.join()
    kind, value = outcome
    if kind == "done":
        return value
    if kind == "error":
        raise value.rebuild()
    raise TooComplex(name)


def _child(conn: Connection, fn: Callable, args: tuple, kwargs: dict, memory_mb: int, cpu_seconds: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an aborted reader leaves no core file behind
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    base = _address_space()
    if base:  # where it can be measured (Linux)
        resource.setrlimit(resource.RLIMIT_AS, (base + memory_mb * 1024 * 1024, resource.RLIM_INFINITY))
    try:
        outcome = ("done", fn(*args, **kwargs))
    except MemoryError:
        outcome = ("limit", None)
    except BaseException as exc:  # noqa: BLE001 - raised again in the server
        outcome = ("error", pool.Raised(exc))
    try:
        conn.send(outcome)
    except MemoryError:
        conn.send(("limit", None))
    except Exception as exc:  # noqa: BLE001 - the outcome would not pickle
        conn.send(("error", pool.Raised(RuntimeError(f"{type(exc).__name__}: {exc}"))))
    conn.close()


def _address_space() -> int:
    """Bytes of address space this process holds now (VmSize); 0 where that is not known."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
