"""Check an untrusted .xlsx before any reader allocates: unpacked sizes and every sheet's extent.

Readers size their tables by a sheet's extent, not by its content: python-calamine builds a dense
range from A1 to the last cell (one cell at XFD1048576 asks for 17 billion cells, 512 GiB, and the
process aborts), and openpyxl pads every row to the declared width. A real export fills its extent:
a 1,000,000-line ledger of 9 columns (9 million cells) is a 35 MB file, 0.26 cells per byte. So a
sheet is refused when

- the zip's members unpack to more than ``max_unpacked`` bytes in all (a zip bomb), or
- a sheet unpacks to more than ``MAX_RATIO`` times its packed size (beyond ``RATIO_FROM`` bytes):
  rows of blank cells packed tight, which take minutes to read and say nothing, or
- its declared range (``<dimension ref>``) or the range its cells really span holds more than
  ``max(MIN_CELLS, CELLS_PER_BYTE × packed size of the sheet)`` cells, or more than ``MAX_CELLS``, or
  more than ``max(MIN_ROWS, ROWS_PER_BYTE × packed size)`` rows (empty rows cost a reader time too).

The declared sizes come from the zip's directory (no unpacking); the real extent from one streaming
pass over the sheet's XML (zlib and a few regex searches that each start with a literal), which
also counts the bytes really unpacked, whatever the directory says: about 1.5 s of CPU for the
284 MB sheet of a 1,000,000-line ledger on a loaded machine (calamine then takes 4-9 s). Rows are
found by ``<row r=``; a sheet written without row numbers is counted by its ``<row`` tags. Not
looked at: a cell whose own reference names a row other than its row's number (a reader then
allocates at most 1,048,576 rows times the columns found).
The file is only read.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from html import unescape
from posixpath import join, normpath

from . import fmt
from .i18n import LANGS
from .problems import Problem

MIN_CELLS = 2_000_000  # always allowed, however small the file (sparse sheets are normal)
CELLS_PER_BYTE = 10.0  # a real sheet: 0.1-0.5 cells per packed byte; 20-100 times that is allowed
MAX_CELLS = 50_000_000  # about 5 million ledger lines of 10 columns
MAX_RATIO = 100.0  # real sheets unpack 5-15 times
RATIO_FROM = 10 * 1024 * 1024
MIN_ROWS = 100_000  # beyond this many rows, at least every other row must hold a value
_CHUNK = 1 << 22
_REF = re.compile(r"^\$?([A-Za-z]{1,4})\$?(\d{1,8})$")


@dataclass(frozen=True)
class Refusal:
    """Why a file is not read: a catalogue key (``file.*``) and its parameters, each in both languages."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def problem(self) -> Problem:
        """As an input problem; its message names the file and the sheet itself."""
        return Problem(None, None, None, self.key, self.params)


def column_number(letters: str) -> int:
    """'A' -> 1, 'Z' -> 26, 'AA' -> 27, 'XFD' -> 16384."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(col: int) -> str:
    """1 -> 'A', 27 -> 'AA', 16384 -> 'XFD'."""
    out = ""
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


def range_size(ref: str) -> tuple[int, int] | None:
    """'A1:I1000001' -> (1000001 rows, 9 columns) counted from A1, as a dense reader allocates; None if
    the text is not a cell range."""
    ends = [_REF.match(part.strip()) for part in ref.split(":")]
    if any(m is None for m in ends):
        return None
    return (max(int(m.group(2)) for m in ends if m), max(column_number(m.group(1)) for m in ends if m))


def check_workbook(path: str | Path, max_unpacked: int, sheets: list[str] | None = None) -> Refusal | None:
    """The whole file's unpacked size, then each named sheet (default: every sheet; [] for none): the
    first refusal, or None. Raises zipfile.BadZipFile for a damaged zip."""
    path = Path(path)
    with zipfile.ZipFile(path) as zf:
        if sum(i.file_size for i in zf.infolist()) > max_unpacked:
            return Refusal("file.too_big", {"path": path.name})
        parts = sheet_parts(zf)
        for name in sheets if sheets is not None else list(parts):
            if name in parts:
                refused = _check_part(zf, path, name, parts[name], max_unpacked)
                if refused is not None:
                    return refused
    return None


def check_sheet(path: str | Path, sheet: str, max_unpacked: int) -> Refusal | None:
    """One sheet of the file (and the file's total unpacked size)."""
    return check_workbook(path, max_unpacked, [sheet])


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the zip, from xl/workbook.xml and its relationships."""
    try:
        workbook = zf.read("xl/workbook.xml")[:4 << 20]
        rels = zf.read("xl/_rels/workbook.xml.rels")[:4 << 20]
    except KeyError:
        return {}
    targets = {}
    for rel in re.finditer(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
        tag = rel.group(0)
        rid, target = re.search(rb'\bId\s*=\s*"([^"]*)"', tag), re.search(rb'\bTarget\s*=\s*"([^"]*)"', tag)
        if rid and target:
            to = target.group(1).decode("utf-8", "replace")
            targets[rid.group(1)] = to.lstrip("/") if to.startswith("/") else normpath(join("xl", to))
    out = {}
    for sheet in re.finditer(rb"<(?:\w+:)?sheet\b[^>]*>", workbook):
        tag = sheet.group(0)
        name = re.search(rb'\bname\s*=\s*"([^"]*)"', tag)
        rid = re.search(rb'\b(?:\w+:)?id\s*=\s*"([^"]*)"', tag)
        if name and rid and rid.group(1) in targets:
            out[unescape(name.group(1).decode("utf-8", "replace"))] = targets[rid.group(1)]
    return out


def _check_part(zf: zipfile.ZipFile, path: Path, sheet: str, part: str, max_unpacked: int) -> Refusal | None:
    try:
        info = zf.getinfo(part)
    except KeyError:
        return None  # a missing part is the reader's to report
    packed = max(info.compress_size, 1)
    if info.file_size > RATIO_FROM and info.file_size / packed > MAX_RATIO:
        return _packed(path, sheet, info.file_size, packed)
    budget = min(max(MIN_CELLS, int(CELLS_PER_BYTE * packed)), MAX_CELLS)
    rows = cols = values = texts = size = 0
    tail = b""
    scan: _Patterns | None = None
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            size += len(chunk)
            if size > max_unpacked:
                return Refusal("file.too_big", {"path": path.name})
            if size > RATIO_FROM and size / packed > MAX_RATIO:  # the directory understated the size
                return _packed(path, sheet, size, packed)
            data = tail + chunk  # a tag cut at the chunk's end is seen whole in this round
            if scan is None:
                scan = _Patterns.of(data)
                if m := scan.dimension.search(data, 0, 65536):
                    ref = m.group(1).decode("ascii", "replace")
                    declared = range_size(ref)
                    if declared is not None and declared[0] * declared[1] > budget:
                        return _extent(path, sheet, ref, declared, packed, budget)
            numbers = scan.row.findall(data)
            rows = max(rows, *map(int, numbers)) if numbers else rows + chunk.count(scan.row_start)
            if scan.wider(cols).search(data):
                cols = max(cols, *(column_number(c.decode()) for c in scan.column.findall(data)))
            values += chunk.count(scan.value_end)
            if 2 * (values + texts) < rows:  # inline strings: counted only while numbers are scarce
                texts += chunk.count(scan.text_end)
            tail = chunk[-256:]
            if rows * max(cols, 1) > budget:
                ref = f"A1:{column_letters(max(cols, 1))}{rows}"
                return _extent(path, sheet, ref, (rows, max(cols, 1)), packed, budget)
            if rows > MIN_ROWS and 2 * (values + texts) < rows:
                return _empty_rows(path, sheet, rows, values + texts, packed)
    return None


@dataclass
class _Patterns:
    """The scan's patterns for the sheet's namespace prefix (b'' or e.g. b'x:'); each starts with a
    literal, which the regex engine looks for fast."""

    prefix: bytes
    dimension: re.Pattern[bytes]
    row: re.Pattern[bytes]
    column: re.Pattern[bytes]
    row_start: bytes
    value_end: bytes
    text_end: bytes
    _wider: dict[int, re.Pattern[bytes]] = field(default_factory=dict)

    @classmethod
    def of(cls, head: bytes) -> _Patterns:
        m = re.search(rb"<(\w+:)?worksheet\b", head)
        p = (m.group(1) or b"") if m else b""
        e = re.escape(p)
        return cls(p, re.compile(rb"<" + e + rb'dimension\s+ref\s*=\s*"([^"]*)"'),
                   re.compile(rb"<" + e + rb'row r="(\d+)"'),
                   re.compile(rb"<" + e + rb'c r="([A-Z]{1,3})\d'), b"<" + p + b"row", b"</" + p + b"v>",
                   b"</" + p + b"t>")

    def wider(self, cols: int) -> re.Pattern[bytes]:
        """A cell reference in a column beyond ``cols`` (one pass; the exact maximum is looked up only when
        one is found); beyond Z any two-letter reference counts (wide sheets cost a little more)."""
        key = min(cols, 26)
        if key not in self._wider:
            beyond = rb"[A-Z]{2}" if key >= 26 else rb"(?:[A-Z]{2}|[" + bytes([65 + key]) + rb"-Z]\d)"
            self._wider[key] = re.compile(rb"<" + re.escape(self.prefix) + rb'c r="' + beyond)
        return self._wider[key]


def _each_lang(render: Callable[[str], str]) -> dict[str, str]:
    return {lang: render(lang) for lang in LANGS}


def _number(n: float) -> dict[str, str]:
    return _each_lang(lambda lang: fmt.number(n, 0, lang))


def _bytes(n: int) -> dict[str, str]:
    if n >= 1 << 20:
        return _each_lang(lambda lang: fmt.number(n / (1 << 20), 1, lang) + " MB")
    return _each_lang(lambda lang: fmt.number(n / 1024, 1, lang) + " kB")


def _extent(path: Path, sheet: str, ref: str, extent: tuple[int, int], packed: int, budget: int) -> Refusal:
    return Refusal("file.sheet_extent", {"path": path.name, "sheet": sheet, "range": ref,
                                         "cells": _number(extent[0] * extent[1]), "size": _bytes(packed),
                                         "max": _number(budget)})


def _empty_rows(path: Path, sheet: str, rows: int, values: int, packed: int) -> Refusal:
    return Refusal("file.sheet_empty_rows", {"path": path.name, "sheet": sheet, "rows": _number(rows),
                                             "values": _number(values), "size": _bytes(packed)})


def _packed(path: Path, sheet: str, unpacked: int, packed: int) -> Refusal:
    return Refusal("file.sheet_packed", {"path": path.name, "sheet": sheet, "unpacked": _bytes(unpacked),
                                         "size": _bytes(packed), "ratio": _number(unpacked / packed)})
