"""Write the import's tables to a workbook: summary, per PMC, per site, reconciliation, problems,
and the mapping sheets (which ``read_mapping`` reads back after the user has edited them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..i18n import t
from ..problems import Problem
from .categories import label
from .messages import Lang
from .summary import LedgerSummary

if TYPE_CHECKING:
    from .importer import LedgerImport

@dataclass
class Sheet:
    title: str
    headers: list[str]
    rows: list[list[object]]
    money: set[int] = field(default_factory=set)  # column indices holding euros


def write_workbook(path: str | Path, sheets: Sequence[Sheet], **output) -> None:
    """The sheets through the project's one Excel writer (euro columns, headed "(€)", as #,##0.00; texts
    never formulas); `output`: the keyword arguments of output.replacing (inputs, overwrite, lang)."""
    from .. import excel

    excel.save([excel.Sheet(s.title, s.headers, s.rows, {c: "num2" for c in s.money}) for s in sheets], path, **output)


def _eur(cents: object) -> float | None:
    return None if cents is None or pd.isna(cents) else int(cents) / 100  # type: ignore[arg-type]


def summary_sheet(summary: LedgerSummary, lang: Lang) -> Sheet:
    rows: list[list[object]] = [[r.label, r.category, r.lines, _eur(r.amount_cents)]
                                for r in summary.categories.itertuples()]
    rows += [[label("unmapped", lang), "unmapped", int(summary.unmapped["lines"].sum()), _eur(summary.unmapped_cents)],
             [t("ledger.cat_income_total", lang), "income", None, _eur(summary.income_cents)],
             [t("ledger.cat_costs_total", lang), "costs", None, _eur(summary.costs_cents)],
             [label("result", lang), "result", None, _eur(summary.result_cents)]]
    heads = [t(k, lang) for k in ("ledger.col_category", "ledger.col_code", "ledger.col_lines", "ledger.col_amount")]
    return Sheet(t("ledger.sheet_summary", lang), heads, rows, {3})


def per_pmc_sheet(summary: LedgerSummary, lang: Lang) -> Sheet:
    none = t("ledger.none_assigned", lang)
    rows = [[r.pmc or none, _eur(r.revenue_cents), _eur(r.material_cents), _eur(r.pmc_fixed_costs_cents)]
            for r in summary.per_pmc.itertuples()]
    heads = [t("ledger.col_pmc", lang), label("revenue", lang), label("material", lang), label("pmc_fixed_costs", lang)]
    return Sheet(t("ledger.sheet_pmc", lang), heads, rows, {1, 2, 3})


def per_site_sheet(summary: LedgerSummary, lang: Lang) -> Sheet:
    none = t("ledger.none_assigned", lang)
    rows = [[r.site or none, _eur(r.site_costs_cents)] for r in summary.per_site.itertuples()]
    return Sheet(t("ledger.sheet_site", lang), [t("ledger.col_site", lang), label("site_costs", lang)], rows, {1})


def reconciliation_sheet(frame: pd.DataFrame, lang: Lang) -> Sheet:
    rows = [[r.label, r.category, _eur(r.ledger_cents), _eur(r.model_cents), _eur(r.difference_cents)]
            for r in frame.itertuples()]
    heads = [t(k, lang) for k in ("ledger.col_category", "ledger.col_code", "ledger.col_ledger", "ledger.col_model",
                                  "ledger.col_difference")]
    return Sheet(t("ledger.sheet_reconciliation", lang), heads, rows, {2, 3, 4})


def problem_table(problems: Sequence[Problem], lang: Lang) -> tuple[list[str], list[list]]:
    """Headings and rows of the ledger's problem table (severity, file, line, field, message): the
    Excel sheet and the explorer show the same table."""
    heads = [t(k, lang) for k in ("ledger.col_severity", "ledger.col_file", "ledger.col_line", "ledger.col_field",
                                  "ledger.col_message")]
    return heads, [[t(f"severity.{p.severity}", lang), p.table, p.row, p.column, p.message(lang)] for p in problems]


def problems_sheet(problems: Sequence[Problem], lang: Lang) -> Sheet:
    heads, rows = problem_table(problems, lang)
    return Sheet(t("ledger.sheet_problems", lang), heads, rows)


def account_mapping_sheet(table: pd.DataFrame, lang: Lang) -> Sheet:
    """Editable: the Category and Status columns are read back by ``read_mapping``."""
    status = {"proposal": t("ledger.status_proposal", lang), "mapped": t("ledger.status_confirmed", lang), "": ""}
    rows = [[r.account, r.account_name, r.rgs, r.category, r.basis, status[r.status], r.lines, _eur(r.amount_cents)]
            for r in table.itertuples()]
    heads = [t(k, lang) for k in ("ledger.col_account", "ledger.col_account_name", "ledger.col_rgs",
                                  "ledger.col_category", "ledger.col_basis", "ledger.col_status", "ledger.col_lines",
                                  "ledger.col_amount")]
    return Sheet(t("ledger.sheet_accounts", lang), heads, rows, {7})


def code_mapping_sheet(table: pd.DataFrame, kind: str, lang: Lang) -> Sheet:
    """Editable cost-centre -> site or cost-unit -> PMC table."""
    target = "site" if kind == "cost_centre" else "pmc"
    heads = [t(f"ledger.col_{kind}", lang), t("ledger.col_description", lang), t("ledger.col_lines", lang),
             t("ledger.col_amount", lang), t(f"ledger.col_{target}", lang)]
    rows = [[r.code, r.description, int(r.lines), _eur(r.amount_cents), getattr(r, target)]
            for r in table.itertuples()]
    title = t(f"ledger.sheet_{kind}s", lang)
    return Sheet(title, heads, rows, {3})


def controls_sheet(result: LedgerImport, lang: Lang) -> Sheet:
    """The file's facts (audit files) and its control totals, stated against computed."""
    from .controls import control_rows, file_facts

    heads, rows = control_rows(result.read, lang, numbers=True)
    facts = file_facts(result.read, lang)
    notes = [["", "", "", ""], [facts, "", "", ""]] if facts else []
    return Sheet(t("ledger.sheet_controls", lang), heads, rows + notes, money={1, 2})


def write_import(result: LedgerImport, path: str | Path, reconciliation: pd.DataFrame, lang: Lang = "nl",
                 **output) -> None:
    """The whole import as one workbook; its last three sheets are an editable mapping."""
    s = result.summary
    write_workbook(path, [
        summary_sheet(s, lang), controls_sheet(result, lang), per_pmc_sheet(s, lang), per_site_sheet(s, lang),
        reconciliation_sheet(reconciliation, lang), problems_sheet(result.problems, lang),
        account_mapping_sheet(result.account_table, lang),
        code_mapping_sheet(result.cost_centre_table, "cost_centre", lang),
        code_mapping_sheet(result.cost_unit_table, "cost_unit", lang),
    ], lang=lang, **output)
