"""Fill a company-model workbook from a ledger summary: what the ledger knows, the rest flagged.

The ledger gives yearly totals; the company model wants some figures per SE or per FTE, which a
ledger does not know. So: site fixed costs, PMC fixed costs, fixed overhead and the base year are
filled in (green); every other cell of the rows written is flagged "to fill in" (yellow), and the
cells that need a ledger total divided by SE or FTE carry a comment with that total. The workbook
comes from the project's own template writer, so it follows ``schema.py``.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from ..excel import put
from ..i18n import t
from ..output import replacing
from ..schema import TABLE_BY_KEY
from ..workbook import FIRST_DATA_ROW, write_workbook
from .categories import PROFIT_AND_LOSS, label
from .messages import Lang, euros
from .summary import LedgerSummary

FROM_LEDGER = PatternFill("solid", fgColor="E2EFDA")  # green: taken from the ledger
TO_FILL_IN = PatternFill("solid", fgColor="FFF2CC")  # yellow: to fill in


def fill_company_workbook(summary: LedgerSummary, path: str | Path, lang: Lang = "nl", company_name: str = "",
                          overwrite: bool = False, inputs: tuple = ()) -> list[str]:
    """Write a company-model workbook at ``path`` from the summary (whole or not at all: see
    output.replacing); returns notes for the user."""
    with replacing(path, inputs, overwrite, lang, option="--company-out") as temporary:
        writer = _fill(summary, temporary, lang, company_name)
    total = lambda cat: euros(summary.amount_cents(cat), lang)  # noqa: E731
    notes = [t("ledger.fill_written", lang, path=str(path), filled=writer.filled, todo=writer.todo)]
    if summary.amount_cents("one_off"):
        notes.append(t("ledger.fill_one_off", lang, amount=total("one_off")))
    if summary.unmapped_cents or len(summary.unmapped):
        notes.append(t("ledger.fill_unmapped", lang, amount=euros(summary.unmapped_cents, lang)))
    return notes


def _fill(summary: LedgerSummary, path: Path, lang: Lang, company_name: str) -> _SheetWriter:
    """The template at `path`, filled in from the summary."""
    write_workbook(None, path, lang, overwrite=True)
    wb = load_workbook(path)
    total = lambda cat: euros(summary.amount_cents(cat), lang)  # noqa: E731
    eur = lambda cents: round(int(cents) / 100, 2)  # noqa: E731
    writer = _SheetWriter(wb, lang)

    writer.row("company", {"name": company_name or None, "base_year": summary.year})
    writer.row("overhead", {"fixed": eur(summary.amount_cents("overhead")), "per_se": 0.0},
               comments={"per_se": t("ledger.fill_overhead_per_se", lang, amount=total("overhead"))})
    for r in summary.per_site.itertuples():
        if r.site:
            writer.row("sites", {"id": r.site, "name": r.site, "fixed_cost": eur(r.site_costs_cents)})
    for r in summary.per_pmc.itertuples():
        if r.pmc:
            note = t("ledger.fill_pmc_per_se", lang, revenue=euros(r.revenue_cents, lang),
                     material=euros(r.material_cents, lang))
            writer.row("pmcs", {"id": r.pmc, "name": r.pmc, "fixed_cost": eur(r.pmc_fixed_costs_cents)},
                       comments={"value_added": note, "material_cost": note})
    writer.row("groups", {}, comments={"wage_cost": t("ledger.fill_per_se", lang, what=label("wages_wsw", lang),
                                                      amount=total("wages_wsw"))})
    writer.row("subsidy", {"year": summary.year},
               comments={"per_se": t("ledger.fill_per_se", lang, what=label("subsidy", lang), amount=total("subsidy"))})
    writer.row("supervision_types", {}, comments={"cost_per_fte": t(
        "ledger.fill_per_fte", lang, what=label("supervision", lang), amount=total("supervision"))})
    writer.row("acquisition", {}, comments={"cost_per_fte": t(
        "ledger.fill_per_fte", lang, what=label("acquisition", lang), amount=total("acquisition"))})
    writer.row("chain_partners", {}, comments={"tariff": t(
        "ledger.fill_per_se", lang, what=label("chain_revenue", lang), amount=total("chain_revenue"))})
    _ledger_sheet(wb, summary, lang)
    wb.save(path)
    return writer


class _SheetWriter:
    """Appends rows to the template's table sheets, colouring what came from the ledger."""

    def __init__(self, wb: object, lang: Lang) -> None:
        self.wb, self.lang = wb, lang
        self.next_row: dict[str, int] = {}
        self.filled = 0
        self.todo = 0

    def row(self, table_key: str, values: dict[str, object], comments: dict[str, str] | None = None) -> None:
        table = TABLE_BY_KEY[table_key]
        ws = self.wb[table.sheet(self.lang)]  # type: ignore[index]
        r = self.next_row.get(table_key, FIRST_DATA_ROW)
        self.next_row[table_key] = r + 1
        for j, (name, _column, _type) in enumerate(table.columns(), start=1):
            cell = ws.cell(r, j)
            value = values.get(name)
            if value is not None:
                put(ws, r, j, value)  # a name from the ledger stays text, never a formula
                cell.fill = FROM_LEDGER
                self.filled += 1
            else:
                cell.fill = TO_FILL_IN
                self.todo += 1
            if comments and name in comments:
                cell.comment = Comment(comments[name], "sw-optimiser")


def _ledger_sheet(wb: object, summary: LedgerSummary, lang: Lang) -> None:
    ws = wb.create_sheet(t("ledger.fill_sheet", lang), 1)  # type: ignore[attr-defined]
    ws.append([t("ledger.fill_sheet_title", lang, year=summary.year)])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([t("ledger.fill_legend", lang)])
    ws.append([])
    ws.append([t("ledger.col_category", lang), t("ledger.col_code", lang), t("ledger.col_amount", lang)])
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for cat in PROFIT_AND_LOSS:
        ws.append([label(cat, lang), cat, round(summary.amount_cents(cat) / 100, 2)])
    ws.append([label("unmapped", lang), "unmapped", round(summary.unmapped_cents / 100, 2)])
    ws.append([label("result", lang), "result", round(summary.result_cents / 100, 2)])
    for (cell,) in ws.iter_rows(min_row=5, min_col=3, max_col=3):
        cell.number_format = "#,##0.00"
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 18
    ws.column_dimensions["C"].width = 18
