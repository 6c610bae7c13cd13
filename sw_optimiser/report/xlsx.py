"""The review's tables as an Excel workbook: one sheet per table, raw numbers with number formats
(Excel shows them in the reader's own locale), plus the advice and the full P&L per year; cells are
written by the project's one Excel writer (excel.put: texts never become formulas)."""

from __future__ import annotations

from ..excel import put, sheet_name, to_bytes
from .data import ReportData, ReportTable
from .text import Say

FORMATS = {"eur": "#,##0", "eur2": "#,##0.00", "keur": "#,##0,", "se": "#,##0.0", "fte": "#,##0.0",
           "pct": "0.0%", "tariff": "#,##0.00", "num1": "#,##0.0", "num2": "0.00", "int": "0", "year": "0"}


def render_xlsx(data: ReportData) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    say = Say(data.lang)
    wb = Workbook()
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="E9EEF3")
    title_font = Font(bold=True, size=13, color="1F5F8B")

    # the summary sheet: the texts
    ws = wb.active
    used: set[str] = set()
    ws.title = sheet_name(say.t("rsheet.summary_text"), used)
    put(ws, 1, 1, data.title).font = title_font
    put(ws, 2, 1, data.subtitle)
    row = 4
    for text in data.alerts + data.summary:
        put(ws, row, 1, text).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    row += 1
    ws.cell(row, 1, say.t("report.highlights")).font = bold
    row += 1
    for text in data.highlights:
        put(ws, row, 1, text).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    ws.column_dimensions["A"].width = 140

    # the advice
    ws = wb.create_sheet(sheet_name(say.t("rsheet.advice"), used))
    heads = [say.t("rcol.year"), say.t("rcol.lever"), say.t("rcol.decision"), say.t("rcol.one_off")]
    for j, h in enumerate(heads, start=1):
        c = ws.cell(1, j, h)
        c.font, c.fill = bold, head_fill
    for i, a in enumerate(sorted(data.advice, key=lambda a: (a.year or 0)), start=2):
        put(ws, i, 1, a.year, "year")
        put(ws, i, 2, say.lever(a.lever))
        put(ws, i, 3, a.text).alignment = Alignment(wrap_text=True, vertical="top")
        put(ws, i, 4, a.amount or None, "eur")
    for col, width in zip("ABCD", (8, 32, 110, 14)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"

    for rt in data.tables() + data.appendix:
        ws = wb.create_sheet(sheet_name(say.t(f"rsheet.{rt.key}"), used))
        _write_table(ws, rt, say, bold, head_fill, title_font, get_column_letter)

    # warnings
    ws = wb.create_sheet(sheet_name(say.t("rsheet.warnings"), used))
    ws.cell(1, 1, say.t("report.h_warnings")).font = bold
    for i, w in enumerate(data.warnings or [say.t("report.no_warnings")], start=2):
        put(ws, i, 1, w)
    ws.column_dimensions["A"].width = 140

    return to_bytes(wb)


def _write_table(ws, rt: ReportTable, say: Say, bold, head_fill, title_font, letter) -> None:
    from openpyxl.styles import Alignment

    put(ws, 1, 1, rt.title).font = title_font
    cols = list(rt.frame.columns)
    for j, c in enumerate(cols, start=1):
        cell = put(ws, 3, j, rt.heading(c, say.lang), "year")
        cell.font, cell.fill = bold, head_fill
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    widths = [len(str(rt.heading(c, say.lang))) for c in cols]
    for i, record in enumerate(rt.frame.itertuples(index=False)):
        for j, (c, v) in enumerate(zip(cols, record), start=1):
            kind = rt.kind(c, i)
            cell = put(ws, 4 + i, j, v)
            if kind in FORMATS and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                cell.number_format = FORMATS[kind]
            if i in rt.strong:
                cell.font = bold
            widths[j - 1] = max(widths[j - 1], min(len(str(v)), 60) if kind == "text" else 12)
    if rt.note:
        put(ws, 5 + len(rt.frame), 1, rt.note)
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[letter(j)].width = max(8, min(w + 2, 70))
    ws.freeze_panes = "B4" if rt.label_column and cols and cols[0] == rt.label_column else "A4"
