"""Reading and writing company-model workbooks; the empty template is a workbook with no rows.

Layout of every table sheet: row 1 Dutch headings, row 2 English headings, row 3 units, data from
row 4. The reader accepts Dutch or English sheet names and headings.
"""

from __future__ import annotations

import dataclasses
import math
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .company import CompanyModel
from .excel import put
from .i18n import DEFAULT_LANG, t
from .problems import InputError, Problem
from .schema import TABLE_BY_KEY, TABLES, Column, Table, base_type
from .xlsx_guard import check_workbook

FIRST_DATA_ROW = 4
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # refuse zip bombs dressed as workbooks
MAX_ROWS = 100_000


# ----- cells --------------------------------------------------------------------------------------
def _norm(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().lower() if text is not None else ""


def parse_number(value: Any) -> float:
    """A number as a cell holds it: a number, or text in Dutch or English notation (12,5; 1.234,56; € 50.000)."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace("€", "").replace(" ", "").replace("\u00a0", "").replace("\u2212", "-")
    if "," in text and "." in text:  # both separators: the last one is the decimal mark (1.234,56 or 1,234.56)
        decimal, thousands = (",", ".") if text.rfind(",") > text.rfind(".") else (".", ",")
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text:  # Dutch decimal comma (12,5); several commas are thousands separators (1,234,567)
        text = text.replace(",", "") if text.count(",") > 1 else text.replace(",", ".")
    elif _DUTCH_THOUSANDS.match(text):  # 50.000 or 1.234.567: Dutch thousands separators, not decimals
        text = text.replace(".", "")
    return float(text)


# Dots that group thousands the Dutch way (50.000, 1.234.567); 0.125 and 12.5 stay decimals.
_DUTCH_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+$")


def parse_cell(value: Any, column: Column, tp: type) -> Any:
    """Convert one cell to the column's type; raises ValueError with a message key on failure."""
    if column.choices is not None:
        wanted = _norm(value)
        for code, labels in column.choices.items():
            if wanted in {_norm(code), *map(_norm, labels)} or value is code:
                return code
        if column.choices.keys() == {True, False}:
            if wanted in {"j", "y", "1", "waar", "true"}:
                return True
            if wanted in {"n", "0", "onwaar", "false"}:
                return False
        raise ValueError("cell.choice")
    if tp is tuple:
        return tuple(part.strip() for part in str(value).split(",") if part.strip())
    if tp is str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()
    try:
        number = parse_number(value)
    except (TypeError, ValueError):
        raise ValueError("cell.not_number") from None
    if not math.isfinite(number):  # NaN, or 1E+309: too large for a number, read as infinity
        raise ValueError("cell.not_finite")
    if tp is int:
        if not number.is_integer():
            raise ValueError("cell.not_integer")
        return int(number)
    return number


def _cell_value(value: Any, column: Column, lang: str) -> Any:
    """The value to write into a cell."""
    if value is None:
        return None
    if column.choices is not None:
        return column.choices[value][0 if lang == "nl" else 1]
    if isinstance(value, tuple):
        return ", ".join(value)
    return value


def _kind(column: Column) -> str:
    """The number format (a kind of excel.FORMATS) of a column, by its unit."""
    unit = column.unit or ""
    return "eur2" if unit.startswith("€") else "year" if unit == "jaar" else "auto"


# ----- reading ------------------------------------------------------------------------------------
def _check_container(path: Path) -> None:
    """Refuse files that are not xlsx workbooks, would unpack to something huge or have absurd sheet extents."""
    if not path.exists():
        raise InputError([Problem(None, None, None, "file.missing", {"path": str(path)})], str(path))
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
        if "xl/workbook.xml" not in names:
            raise InputError([Problem(None, None, None, "file.not_xlsx", {"path": path.name})], str(path))
        refused = check_workbook(path, MAX_UNPACKED_BYTES)  # sizes and sheet extents, before openpyxl
    except (zipfile.BadZipFile, OSError):
        raise InputError([Problem(None, None, None, "file.not_xlsx", {"path": path.name})], str(path)) from None
    if refused is not None:
        raise InputError([refused.problem()], str(path))


def _find_sheet(wb, table: Table):
    wanted = {_norm(table.nl), _norm(table.en)}
    return next((wb[name] for name in wb.sheetnames if _norm(name) in wanted), None)


def _read_table(ws, table: Table, problems: list[Problem]) -> tuple[list[Any], list[int]]:
    """Rows of one sheet as objects, and the Excel row number of each."""
    columns = table.columns()
    rows = ws.iter_rows(values_only=True)
    header = next(rows, ())
    positions: dict[str, int] = {}
    known = {}
    for name, column, _ in columns:
        for heading in (column.nl, column.en, *column.aliases):
            known.setdefault(_norm(heading), name)
    for idx, heading in enumerate(header):
        name = known.get(_norm(heading))
        if name and name not in positions:
            positions[name] = idx
    missing = [name for name, column, tp in columns if name not in positions
               and table.row_type.__dataclass_fields__[name].default is dataclasses.MISSING]
    for name in missing:
        problems.append(Problem(table.key, 1, name, "sheet.missing_column"))
    if missing:
        return [], []
    skip_texts = {_norm(text) for _, c, _ in columns for text in (c.nl, c.en, c.unit, *c.aliases)}
    objects, row_numbers = [], []
    for excel_row, values in enumerate(rows, start=2):
        values = tuple(values)
        cells = {name: values[pos] if pos < len(values) else None for name, pos in positions.items()}
        if all(v is None or str(v).strip() == "" for v in cells.values()):
            continue
        if excel_row < FIRST_DATA_ROW and all(_norm(v) in skip_texts for v in cells.values()):
            continue  # the English heading row or the units row
        if excel_row > MAX_ROWS:
            problems.append(Problem(table.key, excel_row, None, "sheet.too_many_rows", {"max": MAX_ROWS}))
            break
        obj = _read_row(table, cells, excel_row, problems)
        if obj is not None:
            objects.append(obj)
            row_numbers.append(excel_row)
    return objects, row_numbers


def _read_row(table: Table, cells: dict, excel_row: int, problems: list[Problem]) -> Any:
    values, ok = {}, True
    for name, column, hint in table.columns():
        tp, optional = base_type(hint)
        raw = cells.get(name)
        default = table.row_type.__dataclass_fields__[name].default
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if optional or default is not dataclasses.MISSING:
                values[name] = None if optional else default
                continue
            problems.append(Problem(table.key, excel_row, name, "cell.empty"))
            ok = False
            continue
        try:
            value = parse_cell(raw, column, tp)
        except ValueError as exc:
            # numbers are shown the reader's way (2,5 or 2.5); choices in the reader's language
            params = {"value": raw if isinstance(raw, (int, float)) and not isinstance(raw, bool) else str(raw)}
            if column.choices is not None:
                params["choices"] = {lang: ", ".join(labels[i] for labels in column.choices.values())
                                     for i, lang in enumerate(("nl", "en"))}
            problems.append(Problem(table.key, excel_row, name, str(exc.args[0]), params))
            ok = False
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if column.minimum is not None and value < column.minimum:
                problems.append(Problem(table.key, excel_row, name, "cell.below_min",
                                        {"value": float(value), "min": float(column.minimum)}))
                ok = False
            elif column.maximum is not None and value > column.maximum:
                problems.append(Problem(table.key, excel_row, name, "cell.above_max",
                                        {"value": float(value), "max": float(column.maximum)}))
                ok = False
        values[name] = value
    return table.row_type(**values) if ok else None


def read_workbook(path: str | Path) -> tuple[CompanyModel, list[Problem]]:
    """Read and validate a company workbook. Returns the model and its warnings;
    raises InputError listing every error at once. The file is only read."""
    path = Path(path)
    _check_container(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise _unreadable(path, exc) from None
    problems: list[Problem] = []
    tables: dict[str, list[Any]] = {}
    row_map: dict[str, list[int]] = {}
    try:
        _read_tables(wb, tables, row_map, problems)
    except (ValueError, KeyError, OSError, SyntaxError, zipfile.BadZipFile) as exc:
        raise _unreadable(path, exc) from None  # a sheet is parsed only when read (read-only mode)
    finally:
        wb.close()
    model = check_rows(tables, row_map, problems)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems, str(path))
    return model, problems


def _unreadable(path: Path, exc: Exception) -> InputError:
    """A damaged file, or XML with entity declarations (an 'XML bomb'), which defusedxml refuses."""
    cause = exc
    while cause is not None and not type(cause).__module__.startswith("defusedxml"):
        cause = cause.__cause__ or cause.__context__  # openpyxl wraps the parser's error
    if cause is not None:
        return InputError([Problem(None, None, None, "file.xml_entities", {"path": path.name})], str(path))
    return InputError([Problem(None, None, None, "file.unreadable",
                               {"path": path.name, "reason": type(exc).__name__})], str(path))


def _read_tables(wb, tables: dict, row_map: dict, problems: list[Problem]) -> None:
    for table in TABLES:
        ws = _find_sheet(wb, table)
        if ws is None:
            if table.single or table.key in ("groups", "pmcs", "subsidy", "eligibility"):
                problems.append(Problem(table.key, None, None, "sheet.missing"))
            tables[table.key], row_map[table.key] = [], []
            continue
        tables[table.key], row_map[table.key] = _read_table(ws, table, problems)


def check_rows(tables: dict[str, list[Any]], row_map: dict[str, list[int]], problems: list[Problem]
               ) -> CompanyModel | None:
    """The model of the rows read, with its cross-table problems added to `problems`. The checks run
    even if some cells had errors, so that one round of fixes covers both; validate drops what the
    rows left out may have caused. Without the row of a single-row table (Bedrijf, Overhead), or with a
    problem of the file itself, there is no model, and the errors found say enough."""
    incomplete = frozenset(p.table for p in problems if p.severity == "error")
    if any(key not in TABLE_BY_KEY or TABLE_BY_KEY[key].single for key in incomplete):
        return None
    model, more = build_model(tables, row_map, incomplete)
    problems += more
    return model


def build_model(tables: dict[str, list[Any]], row_map: dict[str, list[int]] | None = None,
                incomplete: frozenset[str] = frozenset()) -> tuple[CompanyModel | None, list[Problem]]:
    """Assemble and validate a model from table rows (as read, or as edited in the explorer);
    `incomplete`: the tables that lost rows to cell errors (see validate)."""
    from .validate import validate

    problems: list[Problem] = []
    for table in TABLES:
        rows = tables.get(table.key, [])
        if table.single and len(rows) != 1:
            excel_rows = (row_map or {}).get(table.key, [])
            where = excel_rows[1] if len(excel_rows) > 1 else None  # point at the first row too many
            problems.append(Problem(table.key, where, None, "sheet.one_row", {"n": len(rows)}))
    if problems:
        return None, problems
    fields = {tb.key: (tables[tb.key][0] if tb.single else tuple(tables.get(tb.key, ()))) for tb in TABLES}
    model = CompanyModel(**fields)
    return model, validate(model, row_map, incomplete)


def load_model(path: str | Path) -> CompanyModel:
    """Read a workbook, raising InputError on errors and ignoring warnings."""
    return read_workbook(path)[0]


# ----- writing ------------------------------------------------------------------------------------
HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
SUB_FILL = PatternFill("solid", fgColor="DDEBF7")


def write_workbook(model: CompanyModel | None, path: str | Path, lang: str = DEFAULT_LANG,
                   overwrite: bool = False) -> Path:
    """Write a model (or, with None, the empty template). Never overwrites unless asked."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileExistsError(t("file.exists", lang, path=str(path)))
    wb = Workbook()
    _write_explanation(wb.active, lang)
    for table in TABLES:
        ws = wb.create_sheet(table.sheet(lang))
        columns = table.columns()
        for j, (name, column, _) in enumerate(columns, start=1):
            first, second = (column.nl, column.en) if lang == "nl" else (column.en, column.nl)
            for i, (text, fill, bold) in enumerate(((first, HEAD_FILL, True), (second, SUB_FILL, False),
                                                    (column.unit, SUB_FILL, False)), start=1):
                cell = ws.cell(i, j, text or None)
                cell.fill = fill
                cell.font = Font(bold=bold, color="FFFFFF" if i == 1 else "000000", italic=i == 3)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.column_dimensions[get_column_letter(j)].width = max(14, min(40, len(first) + 4))
            if column.choices is not None:
                labels = ",".join(lbl[0 if lang == "nl" else 1] for lbl in column.choices.values())
                dv = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
                dv.error = t("template.choose", lang, choices=labels)
                ws.add_data_validation(dv)
                dv.add(f"{get_column_letter(j)}{FIRST_DATA_ROW}:{get_column_letter(j)}{MAX_ROWS}")
        ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 1)
        rows = [] if model is None else ([getattr(model, table.key)] if table.single else getattr(model, table.key))
        for i, obj in enumerate(rows, start=FIRST_DATA_ROW):
            for j, (name, column, _) in enumerate(columns, start=1):
                put(ws, i, j, _cell_value(getattr(obj, name), column, lang), _kind(column))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _write_explanation(ws, lang: str) -> None:
    ws.title = t("template.sheet", lang)
    ws["A1"] = t("template.title", lang)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = t("template.intro", lang)
    ws["A2"].alignment = Alignment(wrap_text=True)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 32
    ws.column_dimensions["C"].width = 18
    ws.column_dimensions["D"].width = 70
    r = 4
    for table in TABLES:
        ws.cell(r, 1, table.sheet(lang)).font = Font(bold=True)
        ws.cell(r, 4, table.help_nl if lang == "nl" else table.help_en)
        r += 1
        for _, column, _ in table.columns():
            ws.cell(r, 2, column.heading(lang))
            ws.cell(r, 3, column.unit)
            help_text = column.help_nl if lang == "nl" else column.help_en
            if column.choices is not None:
                choices = ", ".join(lbl[0 if lang == "nl" else 1] for lbl in column.choices.values())
                help_text = f"{help_text} ({choices})".strip()
            ws.cell(r, 4, help_text)
            r += 1
        r += 1
