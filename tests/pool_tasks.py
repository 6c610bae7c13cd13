"""Tasks for tests/test_pool.py, in a module of their own so the pool's worker processes can import
them (a task is pickled by name)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sw_optimiser.explorer import pool


def pid() -> int:
    return os.getpid()


def count() -> tuple[int, int]:
    """This worker's process id and how often it ran this task (kept in the worker's LOCAL)."""
    pool.LOCAL["count"] = pool.LOCAL.get("count", 0) + 1
    return os.getpid(), pool.LOCAL["count"]


def meet(mine: str, other: str, seconds: float = 30.0) -> bool:
    """Leave a file and wait for the other task's: True only when both ran at the same time."""
    Path(mine).touch()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if Path(other).exists():
            return True
        time.sleep(0.01)
    return False


def hold(log: str, name: str, release: str | None = None, seconds: float = 60.0) -> str:
    """Write `name` to the log when it starts, then wait for the file `release` (or `seconds`)."""
    with open(log, "a") as f:
        f.write(name + "\n")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not (release and Path(release).exists()):
        time.sleep(0.01)
    return name


def crash() -> None:
    os._exit(3)


def fail() -> None:
    raise ValueError("not a number: twintig")


def progress_then(value: int) -> int:
    pool.report(1.0, 2.0, 0.5)
    pool.report(3.0, 4.0, 1.5)
    return value


def refuse() -> None:
    from sw_optimiser.problems import InputError, Problem

    raise InputError([Problem("PMCs", 5, "Max. volume", "cell.not_number", {"value": "twintig"})], "m.xlsx")
