"""The one Excel writer for every output (results, region, benchmark, ledger import, report, company
workbook): numbers stay numbers with a euro, percent or number format (Excel shows them in the reader's
own locale), texts stay texts (a name beginning with `=`, `+`, `-`, `@` or a tab is never a formula),
bold frozen headers, column widths, sheet names Excel accepts.

A table is a `Sheet`: a title, headers, rows and, per column, the kind of its values (`FORMATS`); the
kind "auto" gives a whole number "#,##0" and any other number "#,##0.0###" (up to four decimals).
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = {
    "eur": '"€ "#,##0;-"€ "#,##0', "eur2": '"€ "#,##0.00;-"€ "#,##0.00', "keur": '"€ "#,##0,;-"€ "#,##0,',
    "pct": "0.0%", "num": "#,##0.0###", "num1": "#,##0.0", "num2": "#,##0.00", "num3": "#,##0.000", "int": "#,##0", "year": "0",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may read as the start of a formula
MAX_WIDTH, MIN_WIDTH = 60, 8


@dataclass
class Sheet:
    title: str
    headers: list[str]
    rows: list[list[object]]
    kinds: Mapping[int, str] = field(default_factory=dict)  # column index -> a key of FORMATS ("auto" if absent)
    widths: Mapping[int, float] = field(default_factory=dict)  # column index -> width, where not from the content


@dataclass(frozen=True)
class Value:
    """A cell whose kind differs from its column's (a summary sheet of mixed figures)."""

    value: object
    kind: str = "auto"


def number_format(value: float, kind: str = "auto") -> str:
    if kind in FORMATS:
        return FORMATS[kind]
    return FORMATS["int"] if float(value).is_integer() else FORMATS["num"]


def plain(value: object) -> object:
    """A value as openpyxl stores it: numpy and pandas scalars as Python ones, NaN, NA and infinity empty."""
    if isinstance(value, Value):
        value = value.value
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    try:
        if value != value:  # pd.NA, NaT
            return None
    except (TypeError, ValueError):
        return None
    return value


def put(ws, row: int, column: int, value: object, kind: str = "auto"):
    """Write one cell: a number with its number format, a text as text (never a formula). Returns the cell."""
    if isinstance(value, Value):
        value, kind = value.value, value.kind
    value = plain(value)
    if value is not None and not isinstance(value, (bool, int, float, str)) and not hasattr(value, "year"):
        value = str(value)
    cell = ws.cell(row, column, value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.number_format = number_format(value, kind)
    return cell


def sheet_name(name: str, used: set[str]) -> str:
    """`name` as Excel allows a sheet name (no []:*?/\\, at most 31 characters), unique among `used`."""
    for ch in '[]:*?/\\':
        name = name.replace(ch, " ")
    base = name.strip("'")[:31] or "Blad"
    out, n = base, 2
    while out in used:
        suffix = f" {n}"
        out, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(out)
    return out


def add_sheet(wb, sheet: Sheet, used: set[str]):
    """Append `sheet` to the openpyxl workbook `wb`: bold frozen header row, formatted cells, widths."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(sheet_name(sheet.title, used))
    bold = Font(bold=True)
    for j, header in enumerate(sheet.headers, start=1):
        put(ws, 1, j, header, "year").font = bold  # a number heading is a year (a P&L by year)
    widths = [len(str(h)) for h in sheet.headers]
    for i, row in enumerate(sheet.rows, start=2):
        for j, value in enumerate(row, start=1):
            put(ws, i, j, value, sheet.kinds.get(j - 1, "auto"))
            if i < 202 and j <= len(widths):
                shown = plain(value)
                widths[j - 1] = max(widths[j - 1], 12 if isinstance(shown, (int, float)) else len(str(shown or "")))
    for j, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(j + 1)].width = sheet.widths.get(j, min(max(width + 2, MIN_WIDTH),
                                                                                          MAX_WIDTH))
    ws.freeze_panes = "A2"
    return ws


def frame_sheet(title: str, frame, kinds: Mapping[str, str] | None = None, index: bool = False) -> Sheet:
    """A pandas DataFrame as a Sheet; `kinds` maps column names to a key of FORMATS."""
    if index:
        frame = frame.reset_index()
    kinds = kinds or {}
    columns = [str(c) for c in frame.columns]
    rows = [list(r) for r in frame.itertuples(index=False, name=None)]
    return Sheet(title, columns, rows, {j: kinds[c] for j, c in enumerate(frame.columns) if c in kinds})


def workbook(sheets: Iterable[Sheet]):
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for sheet in sheets:
        add_sheet(wb, sheet, used)
    return wb


def to_bytes(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def save(sheets: Sequence[Sheet], path: str | Path, **output) -> Path:
    """Write `sheets` as the workbook `path` through `output.replacing` (its keyword arguments: inputs,
    overwrite, lang), so a half-written file never takes the final name."""
    from .output import write_with

    wb = workbook(sheets)
    return write_with(path, wb.save, **output)
