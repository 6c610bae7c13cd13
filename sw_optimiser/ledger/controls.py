"""Control totals of a ledger file, shown on every run (console, ``--out`` workbook, explorer).

An audit file states its own (lines, debit and credit of the transactions and of the opening
balance): those are compared with what was read (``xaf.py`` fills ``LedgerRead.controls``). A CSV or
XLSX export states none: its counts and totals are computed only, for the user to compare with the
package's own report.
"""

from __future__ import annotations

import pandas as pd

from ..i18n import t
from .checks import entry_keys, fiscal_dates
from .lines import Control, LedgerRead
from .messages import Lang, euros
from .values import decimal_text


def computed_controls(lines: pd.DataFrame, accounts: pd.DataFrame) -> list[Control]:
    """What a CSV/XLSX export's control totals would be: entries, lines, accounts, debit, credit."""
    cents = lines["amount_cents"].to_numpy()
    entries = len(pd.unique(entry_keys(lines)[0])) if len(lines) and (lines["entry"] != "").any() else 0
    return [Control("transactions", None, str(entries)), Control("accounts", None, str(len(accounts))),
            Control("transactions/linesCount", None, str(len(lines))),
            Control("transactions/totalDebit", None, decimal_text(int(cents[cents > 0].sum()))),
            Control("transactions/totalCredit", None, decimal_text(int(-cents[cents < 0].sum())))]


def _shown(value: str | None, what: str, lang: Lang) -> str:
    if value is None:
        return ""
    if what.endswith(("totalDebit", "totalCredit")):
        whole, _, frac = value.lstrip("-").partition(".")
        cents = int(whole or 0) * 100 + int((frac + "00")[:2])
        return euros(-cents if value.startswith("-") else cents, lang)
    return f"{int(value):,}".replace(",", ".") if lang == "nl" and value.isdigit() else value


def control_rows(read: LedgerRead, lang: Lang, numbers: bool = False) -> tuple[list[str], list[list]]:
    """Headings and rows (control, stated, computed, agrees) for the console, workbook and explorer;
    `numbers`: counts and euros as numbers (for a workbook) instead of formatted text."""
    head = [t(k, lang) for k in ("ledger.col_control", "ledger.col_stated", "ledger.col_computed", "ledger.col_check")]
    shown = _number if numbers else _shown
    rows = []
    for c in read.controls:
        agrees = "" if c.stated is None else t("ledger.control_yes" if c.ok else "ledger.control_no", lang)
        name = t(f"ledger.control_{c.what.replace('/', '_')}", lang)
        rows.append([name, shown(c.stated, c.what, lang), shown(c.computed, c.what, lang), agrees])
    return head, rows


def _number(value: str | None, what: str, lang: Lang):
    """A control's value as a number (euros for debit/credit totals), the text where it is none."""
    if value is None:
        return ""
    try:
        return float(value) if what.endswith(("totalDebit", "totalCredit")) else int(value)
    except ValueError:
        return value


def file_facts(read: LedgerRead, lang: Lang) -> str:
    """'XAF 3.2, software …, company …, fiscal year 01-01-2024 – 31-12-2024, periods 1–12.' (audit files)."""
    meta = read.meta
    if read.format != "xaf":
        return ""
    periods = ""
    if "period" in read.lines and len(read.lines):
        used = read.lines.loc[read.lines["period"] > 0, "period"]
        periods = f"{int(used.min())}–{int(used.max())}" if len(used) else "-"
    software = " ".join(v for v in (meta.get("softwareDesc", ""), meta.get("softwareVersion", "")) if v) or "-"
    dates = fiscal_dates(meta)
    start, end = ((d.strftime("%d-%m-%Y") for d in dates) if dates is not None
                  else (meta.get("startDate") or "-", meta.get("endDate") or "-"))
    return t("ledger.cli_file_facts", lang, version=meta.get("xaf_version", "?"), software=software,
             company=meta.get("companyName", "-") or "-", start=start, end=end, periods=periods or "-")
