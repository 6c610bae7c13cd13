"""Readers for tests/test_sandbox.py that misbehave, in a module of their own so the reading process can
import them (a reader is pickled by name)."""

from __future__ import annotations

import os

from sw_optimiser.problems import InputError, Problem


def hog(*_args, **_kwargs):
    """A reader that wants 4 GB at once (the limit gives a read 1 GB), as the 13 KB ledger with one cell at
    XFD1048576 made the reader want 512 GiB."""
    return bytearray(4 * 1024**3)


def grow(*_args, **_kwargs):
    """A reader whose memory grows a megabyte at a time until it hits the limit."""
    kept = []
    while True:
        kept.append(bytearray(1024**2))


def spin(*_args, **_kwargs):
    """A reader that computes forever (stopped by the CPU limit)."""
    n = 0
    while True:
        n += 1


def abort(*_args, **_kwargs):
    """A reader that dies in C code (as an allocation failure does: exit 134)."""
    os.abort()


def refuse(path, *_args, **_kwargs):
    """A reader that finds a problem in its file."""
    raise InputError([Problem("sites", 4, "capacity", "cell.not_number", {"value": "veel"})], str(path))


def pid(*_args, **_kwargs) -> int:
    return os.getpid()
