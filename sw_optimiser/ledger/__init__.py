"""Ledger import (grootboek): read CSV/XLSX/XAF journal lines, map them to the company model's
profit-and-loss categories, check them, summarise one year and reconcile with the model.

    from sw_optimiser.ledger import import_ledger, reconcile
    result = import_ledger("grootboek.csv", mapping="koppeling.xlsx", year=2024)
    result.summary.as_euros()            # {'revenue': 9000000.0, ...}
    reconcile(result.summary, model)     # DataFrame: ledger, model, difference per category
    result.problems                      # [problems.Problem(file, line, field, code, params, severity), ...]
"""

from .categories import CATEGORIES, COSTS, INCOME, PER_PMC, PER_SITE, PROFIT_AND_LOSS
from .importer import LedgerImport, import_ledger, import_read, read_ledger
from .lines import JournalLine, LedgerRead, lines_frame
from .mapping import LedgerMapping, apply_mapping, read_mapping
from .reconcile import is_reconciled, reconcile, write_reconciliation
from .summary import LedgerSummary, summarise

__all__ = [
    "CATEGORIES", "COSTS", "INCOME", "PER_PMC", "PER_SITE", "PROFIT_AND_LOSS",
    "LedgerImport", "import_ledger", "import_read", "read_ledger",
    "JournalLine", "LedgerRead", "lines_frame",
    "LedgerMapping", "apply_mapping", "read_mapping",
    "is_reconciled", "reconcile", "write_reconciliation",
    "LedgerSummary", "summarise",
]
