"""What a file really is, from its first bytes, whatever its name says."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Literal

FileKind = Literal["csv", "xlsx", "xaf", "zip", "xls", "ods", "binary", "empty"]

#: What each extension promises.
EXPECTED_BY_EXTENSION: dict[str, FileKind] = {
    ".csv": "csv", ".txt": "csv", ".tsv": "csv",
    ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".xaf": "xaf", ".xml": "xaf",
}

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def sniff(path: Path) -> FileKind:
    """The kind of file from its content. Raises OSError when the file cannot be opened."""
    with path.open("rb") as fh:
        head = fh.read(8192)
    if not head:
        return "empty"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    text = _head_text(head)
    if text is None:
        return "binary"
    if text.lstrip().startswith("<"):
        return "xaf"
    return "csv"


def _zip_kind(path: Path) -> FileKind:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names and b"spreadsheet" in zf.read("mimetype"):
                return "ods"
    except (zipfile.BadZipFile, OSError, KeyError):
        return "zip"
    return "zip"


def _head_text(head: bytes) -> str | None:
    """Decode the first bytes as text, or None when they are binary."""
    if head.startswith(_UTF16_BOMS):
        return head[:len(head) // 2 * 2].decode("utf-16", errors="replace")
    if b"\x00" in head:
        return None
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")
