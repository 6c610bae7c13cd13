"""Uploads and downloads as files: the readers and writers work on paths, so an upload is written to a
private temporary folder and read from there, and a download is written there and read back."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

MAX_UPLOAD_MB = 10  # also server.maxUploadSize in .streamlit/config.toml


MAX_NAME = 80  # characters of an upload's name kept, its extension included


def safe_name(name: str, default: str) -> str:
    """An uploaded file's name, usable as a file name here (no folders, odd characters or great length).
    A long name is shortened before its extension, which the readers go by."""
    safe = re.sub(r"[^\w.\- ]", "_", Path(name).name)
    if len(safe) <= MAX_NAME:
        return safe or default
    suffix = Path(safe).suffix if len(Path(safe).suffix) <= 10 else ""  # ".xlsx", not a dot in a long name
    return safe[:len(safe) - len(suffix)][:MAX_NAME - len(suffix)] + suffix


def too_big(data: bytes) -> bool:
    return len(data) > MAX_UPLOAD_MB * 1024 * 1024


@contextmanager
def temporary_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="sw-explorer-") as tmp:
        yield Path(tmp)


@contextmanager
def uploaded(name: str, data: bytes) -> Iterator[Path]:
    """The upload as a file named `name` (made safe already), for as long as the block runs."""
    with temporary_folder() as folder:
        path = folder / name
        path.write_bytes(data)
        yield path


def written(name: str, write: Callable[[Path], object]) -> bytes:
    """The bytes of the file that `write(path)` writes at a temporary path ending in `name`."""
    with temporary_folder() as folder:
        path = folder / name
        write(path)
        return path.read_bytes()
