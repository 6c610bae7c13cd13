"""The peer-set workbook: one sheet `peers`, Dutch headings in row 1, English in row 2, data from row 3.

`COLUMNS` is the only list of columns; reading, validating, writing and
`company_row_from_figures` all derive from it. Every problem found is collected and raised at
once as a `PeerSetError` whose `.problems` name sheet, Excel row, column and what is wrong.
The input workbook is opened read-only and never written.
"""

from __future__ import annotations

import math
import numbers
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..i18n import DEFAULT_LANG, t
from ..problems import Problem
from ..schema import PEER_TABLE, Column, base_type
from ..workbook import MAX_UNPACKED_BYTES, parse_cell
from ..xlsx_guard import check_workbook

SHEET = "peers"
FIRST_DATA_ROW = 3  # Excel row number of the first company


@dataclass(frozen=True)
class ColumnSpec:
    """The peer set's view of one column declared in `schema.Peer`."""
    key: str
    nl: str
    en: str
    column: Column
    type: type
    unit: str = ""  # "", "SE", "€", "fte", "workplaces"
    min_exclusive: bool = False  # True: value must be > min (e.g. SE > 0)
    required: bool = False  # False: an empty cell is allowed and read as missing (NaN)

    @property
    def is_text(self) -> bool:
        return self.type is str

    @property
    def min(self) -> float | None:
        return self.column.minimum

    def heading(self, lang: str = "nl") -> str:
        return self.nl if lang == "nl" else self.en

    @property
    def excel_format(self) -> str:
        return {"€": "#,##0", "SE": "#,##0.0", "fte": "#,##0.0", "workplaces": "#,##0"}.get(self.unit, "General")


_UNITS = {"werkplekken": "workplaces"}  # the schema's Dutch unit -> the peer set's unit code
_POSITIVE = {"se"}  # a company has SE: zero is refused as well as negative


def _columns() -> tuple[ColumnSpec, ...]:
    specs = []
    for key, column, hint in PEER_TABLE.columns():
        tp, optional = base_type(hint)
        specs.append(ColumnSpec(key, column.nl, column.en, column, tp, _UNITS.get(column.unit, column.unit),
                                min_exclusive=key in _POSITIVE, required=not optional))
    return tuple(specs)


COLUMNS: tuple[ColumnSpec, ...] = _columns()
COLUMN_BY_KEY: dict[str, ColumnSpec] = {c.key: c for c in COLUMNS}
NUMERIC_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS if not c.is_text)
# Parts of `se_outside` that `company_row_from_figures` accepts and adds up.
OUTSIDE_PARTS = ("se_group_secondment", "se_individual_secondment", "se_supported_employment")


# ----- problems ---------------------------------------------------------------------------------
class PeerProblem(Problem):
    """A `problems.Problem` in a peer set: `table` is the sheet name ("peers", "(figures)" or "" for
    the file), `column` a key of `COLUMNS`, `code` a catalogue key ("bench.peer_err_<what>"), worded
    as a sheet ("Blad 'peers', rij 7, kolom 'SE': ..."). A subclass only for the column headings,
    which are the peer set's, not the company schema's."""

    def heading(self, lang: str = DEFAULT_LANG) -> str:
        spec = COLUMN_BY_KEY.get(self.column or "")
        return spec.heading(lang) if spec else (self.column or "")

    def __str__(self) -> str:
        return self.text("en")


def _problem(sheet: str, row: int | None, column: str | None, what: str, params: dict | None = None
             ) -> PeerProblem:
    return PeerProblem(sheet, row, column, f"bench.peer_err_{what}", params or {}, place="sheet")


class PeerSetError(ValueError):
    """The peer set cannot be used; `.problems` lists everything that is wrong."""

    def __init__(self, problems: Iterable[PeerProblem]):
        self.problems: list[PeerProblem] = list(problems)
        super().__init__(self.describe("en"))

    def describe(self, lang: str = DEFAULT_LANG) -> str:
        lines = [t("bench.peer_problems", lang, n=len(self.problems))]
        lines += [f"  - {p.text(lang)}" for p in self.problems]
        return "\n".join(lines)


# ----- cell parsing -----------------------------------------------------------------------------
def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # not a scalar
        return False


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _parse_cell(spec: ColumnSpec, value: object) -> tuple[object, str | None, dict]:
    """(parsed value, problem code or None, problem detail)."""
    if _is_blank(value):
        if spec.required:
            return None, "missing_value", {}
        return ("" if spec.is_text else math.nan), None, {}
    try:  # as the company workbook reads its cells: 12,5 and 1.234,56 as well as 12.5; ids typed as numbers
        parsed = parse_cell(value, spec.column, spec.type)
    except ValueError:  # not a number, NaN or infinity
        return None, "not_a_number", {"value": str(value).strip()}
    if spec.is_text:
        return parsed, None, {}
    number = float(parsed)
    if spec.min is not None:
        if spec.min_exclusive and number <= spec.min:
            return None, "not_positive", {"value": _show(number)}
        if number < spec.min:
            return None, "below_min", {"value": _show(number), "min": _show(spec.min)}
    if spec.column.maximum is not None and number > spec.column.maximum:
        return None, "above_max", {"value": _show(number), "max": _show(spec.column.maximum)}
    return number, None, {}


def _show(number: float) -> float:
    """A figure as a message parameter: formatted in the reader's language when the message is worded."""
    return float(number)


def _validate_records(records: Iterable[tuple[int | None, Mapping[str, object]]], sheet: str
                      ) -> tuple[pd.DataFrame, list[PeerProblem]]:
    """Parse and check (row number, raw values by key) records; the frame has one row per record."""
    problems: list[PeerProblem] = []
    parsed_rows: list[dict[str, object]] = []
    first_row_of_id: dict[str, int | None] = {}
    for row, raw in records:
        parsed: dict[str, object] = {}
        for spec in COLUMNS:
            value, code, detail = _parse_cell(spec, raw.get(spec.key))
            if code:
                problems.append(_problem(sheet, row, spec.key, code, detail))
            parsed[spec.key] = value if not code else (None if spec.is_text else math.nan)
        company_id = parsed["id"]
        if company_id:
            if company_id in first_row_of_id:
                first = first_row_of_id[company_id]
                problems.append(_problem(sheet, row, "id", "duplicate_id",
                                            {"value": company_id, "first": first if first is not None else "?"}))
            else:
                first_row_of_id[company_id] = row
        se, outside = parsed["se"], parsed["se_outside"]
        if isinstance(se, float) and isinstance(outside, float) and outside > se * (1 + 1e-9):
            problems.append(_problem(sheet, row, "se_outside", "outside_exceeds_se",
                                        {"outside": _show(outside), "se": _show(se)}))
        if not parsed["name"]:
            parsed["name"] = company_id or ""
        parsed_rows.append(parsed)
    frame = pd.DataFrame(parsed_rows, columns=[c.key for c in COLUMNS])
    for key in NUMERIC_KEYS:
        frame[key] = frame[key].astype(float)
    frame["id"] = frame["id"].astype(object)
    frame["name"] = frame["name"].astype(object)
    return frame, problems


# ----- reading ----------------------------------------------------------------------------------
def _norm(text: object) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold() if text is not None else ""


def _locate_columns(row1: tuple, row2: tuple) -> tuple[dict[str, int], list[PeerProblem]]:
    """Column index per key, found by Dutch heading (row 1), English heading (row 2) or key."""
    width = max(len(row1), len(row2))
    row1 = tuple(row1) + (None,) * (width - len(row1))
    row2 = tuple(row2) + (None,) * (width - len(row2))
    where: dict[str, int] = {}
    problems: list[PeerProblem] = []
    for spec in COLUMNS:
        names = {_norm(spec.nl), _norm(spec.en), spec.key}
        hits = [i for i in range(width) if _norm(row1[i]) in names or _norm(row2[i]) in names]
        if not hits:
            problems.append(_problem(SHEET, 1, spec.key, "column_missing"))
        elif len(hits) > 1:
            problems.append(_problem(SHEET, 1, spec.key, "column_twice"))
        else:
            where[spec.key] = hits[0]
    return where, problems


def read_peers(path: str | Path) -> pd.DataFrame:
    """The peer set in `path` as a DataFrame with one column per key of `COLUMNS`.

    Raises `PeerSetError` listing every problem found. The file is opened read-only.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    if not path.is_file():
        raise PeerSetError([_problem("", None, None, "file_missing", {"path": str(path)})])
    try:  # sizes and sheet extents checked before openpyxl allocates, as for the company workbook
        refused = check_workbook(path, MAX_UNPACKED_BYTES)
    except (zipfile.BadZipFile, OSError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PeerSetError([_problem("", None, None, "not_a_workbook", {"path": str(path), "reason": reason})]
                           ) from None
    if refused is not None:
        raise PeerSetError([refused.problem()])
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        problem = _problem("", None, None, "not_a_workbook", {"path": str(path), "reason": reason})
        raise PeerSetError([problem]) from None
    try:
        sheet_name = next((name for name in workbook.sheetnames if name.strip().casefold() == SHEET), None)
        if sheet_name is None:
            raise PeerSetError([_problem(SHEET, None, None, "sheet_missing",
                                            {"sheets": ", ".join(repr(s) for s in workbook.sheetnames)})])
        rows = list(workbook[sheet_name].iter_rows(values_only=True))
    finally:
        workbook.close()
    return _peers_from_rows(rows)


def _peers_from_rows(rows: list[tuple]) -> pd.DataFrame:
    header1 = rows[0] if rows else ()
    header2 = rows[1] if len(rows) > 1 else ()
    where, problems = _locate_columns(header1, header2)
    records = []
    for index, values in enumerate(rows[FIRST_DATA_ROW - 1:], start=FIRST_DATA_ROW):
        if all(_is_blank(v) for v in values):
            continue
        raw = {key: (values[i] if i < len(values) else None) for key, i in where.items()}
        records.append((index, raw))
    if not records:
        problems.append(_problem(SHEET, FIRST_DATA_ROW, None, "empty"))
    frame, row_problems = _validate_records(records, SHEET)
    # cells of a missing column are not reported once per row: the missing column says it all
    problems += [p for p in row_problems if p.column is None or p.column in where]
    if problems:
        raise PeerSetError(problems)
    return frame


def validate_peers(frame: pd.DataFrame, sheet: str = SHEET) -> pd.DataFrame:
    """Check a peer set held as a DataFrame (columns = keys); row numbers are as if written to Excel."""
    missing = [_problem(sheet, 1, c.key, "column_missing") for c in COLUMNS if c.key not in frame.columns]
    if missing:
        raise PeerSetError(missing)
    records = [(FIRST_DATA_ROW + i, row) for i, row in enumerate(frame.to_dict("records"))]
    clean, problems = _validate_records(records, sheet)
    if not records:
        problems.append(_problem(sheet, FIRST_DATA_ROW, None, "empty"))
    if problems:
        raise PeerSetError(problems)
    return clean


def company_row_from_figures(**fields: object) -> dict[str, object]:
    """One peer-set row from figures computed elsewhere (e.g. the company model).

    Keys are those of `COLUMNS`; `se_outside` may instead be given as its parts
    `se_group_secondment`, `se_individual_secondment`, `se_supported_employment`.
    `id` defaults to "company". Raises `PeerSetError` (sheet "(figures)") if a figure is wrong.
    """
    sheet = "(figures)"
    problems = [_problem(sheet, None, None, "unknown_field",
                            {"value": k, "known": ", ".join([*COLUMN_BY_KEY, *OUTSIDE_PARTS])})
                for k in fields if k not in COLUMN_BY_KEY and k not in OUTSIDE_PARTS]
    raw = {k: v for k, v in fields.items() if k in COLUMN_BY_KEY}
    raw.setdefault("id", "company")
    parts = [fields[p] for p in OUTSIDE_PARTS if p in fields]
    if parts and _is_blank(raw.get("se_outside")):
        if all(_is_number(p) for p in parts):
            raw["se_outside"] = float(sum(parts))  # type: ignore[arg-type]
        else:
            raw["se_outside"] = next(p for p in parts if not _is_number(p))
    frame, row_problems = _validate_records([(None, raw)], sheet)
    problems += row_problems
    if problems:
        raise PeerSetError(problems)
    return frame.iloc[0].to_dict()


# ----- writing ----------------------------------------------------------------------------------
def write_peers(frame: pd.DataFrame, path: str | Path) -> None:
    """Write a (validated) peer set in the workbook format that `read_peers` reads."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    clean = validate_peers(frame)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append([c.nl for c in COLUMNS])
    sheet.append([c.en for c in COLUMNS])
    for record in clean.to_dict("records"):
        sheet.append([_cell_value(spec, record[spec.key]) for spec in COLUMNS])
    for index, spec in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(10, min(40, len(spec.nl) + 2))
        for row in range(1, FIRST_DATA_ROW):
            cell = sheet.cell(row=row, column=index)
            cell.font = Font(bold=row == 1, italic=row == 2)
        for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + len(clean)):
            sheet.cell(row=row, column=index).number_format = spec.excel_format
    sheet.freeze_panes = f"C{FIRST_DATA_ROW}"
    workbook.save(path)


def _cell_value(spec: ColumnSpec, value: object) -> object:
    if spec.is_text:
        return value or None
    return None if (isinstance(value, float) and math.isnan(value)) else value
