"""Company tables as editable frames and back: the same schema, cell parsing and validation as a
workbook upload, so an edited cell gets the same message as the same cell in Excel."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import streamlit as st

from ..company import CompanyModel
from ..i18n import t
from ..problems import Problem
from ..schema import TABLES, Table, base_type
from ..workbook import FIRST_DATA_ROW, _read_row, check_rows  # _read_row: one row as the reader parses it


def _is_bool(column) -> bool:
    return column.choices is not None and column.choices.keys() == {True, False}


def _show(value: Any, column, lang: str) -> Any:
    if value is None:
        return None
    if _is_bool(column):
        return bool(value)
    if column.choices is not None:
        return column.choices[value][0 if lang == "nl" else 1]
    if isinstance(value, tuple):
        return ", ".join(value)
    return value


def frame(model: CompanyModel | None, table: Table, lang: str) -> pd.DataFrame:
    """One table with headings in `lang`, rows numbered as in the workbook (data from row 4)."""
    rows = [] if model is None else ([getattr(model, table.key)] if table.single else list(getattr(model, table.key)))
    data = {}
    for name, column, hint in table.columns():
        tp, _ = base_type(hint)
        values = [_show(getattr(r, name), column, lang) for r in rows]
        if _is_bool(column):
            dtype = "boolean"
        elif column.choices is None and tp in (int, float):
            dtype = "float64"
        else:
            dtype = "object"
        data[column.heading(lang)] = pd.Series(values, dtype=dtype)
    df = pd.DataFrame(data)
    df.index = pd.RangeIndex(FIRST_DATA_ROW, FIRST_DATA_ROW + len(df), name=t("col.row", lang))
    return df


def number_format(column, tp) -> str:
    """How the editor shows a number column, by its unit: shares as percentages (0.03 as 3 %, the value
    stays 0.03), euros as euros, whole numbers (years) plain, the rest in the browser's own way
    (1.234,5 in a Dutch browser)."""
    if column.unit.startswith("fractie"):
        return "percent"
    if column.unit.startswith("€"):
        return "euro"
    return "%d" if tp is int else "localized"


def column_config(table: Table, lang: str) -> dict:
    config = {}
    for name, column, hint in table.columns():
        tp, optional = base_type(hint)
        help_text = " ".join(x for x in ((column.help_nl if lang == "nl" else column.help_en),
                                         f"[{column.unit}]" if column.unit else "") if x) or None
        heading = column.heading(lang)
        if _is_bool(column):
            config[heading] = st.column_config.CheckboxColumn(heading, help=help_text)
        elif column.choices is not None:
            options = [labels[0 if lang == "nl" else 1] for labels in column.choices.values()]
            config[heading] = st.column_config.SelectboxColumn(heading, options=options, help=help_text)
        elif tp in (int, float):
            config[heading] = st.column_config.NumberColumn(heading, help=help_text, min_value=column.minimum,
                                                            max_value=column.maximum, format=number_format(column, tp))
        else:
            config[heading] = st.column_config.TextColumn(heading, help=help_text)
    return config


def _plain(value: Any) -> Any:
    """A cell as the workbook reader would see it: None for empty, Python numbers."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def to_model(frames: dict[str, pd.DataFrame]) -> tuple[CompanyModel | None, list[Problem]]:
    """Rebuild and validate a company model from edited tables (keyed by table key; columns in
    schema order). Returns the model (None on errors) and every problem found."""
    problems: list[Problem] = []
    tables: dict[str, list[Any]] = {}
    row_map: dict[str, list[int]] = {}
    for table in TABLES:
        names = [n for n, _, _ in table.columns()]
        objects, rows = [], []
        df = frames.get(table.key)
        records = [] if df is None else df.itertuples(index=False, name=None)
        for position, record in enumerate(records):
            cells = {name: _plain(v) for name, v in zip(names, record)}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
                continue  # an empty row added by mistake
            excel_row = FIRST_DATA_ROW + position
            obj = _read_row(table, cells, excel_row, problems)
            if obj is not None:
                objects.append(obj)
                rows.append(excel_row)
        tables[table.key], row_map[table.key] = objects, rows
    model = check_rows(tables, row_map, problems)
    return (None if any(p.severity == "error" for p in problems) else model), problems


def same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Whether an editor's output still equals its input."""
    if a.shape != b.shape:
        return False
    return a.reset_index(drop=True).astype(object).where(a.notna().values, None).equals(
        b.reset_index(drop=True).astype(object).where(b.notna().values, None))

