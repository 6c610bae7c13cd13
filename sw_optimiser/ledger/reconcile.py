"""Reconcile the ledger summary with the company model: per category ledger, model, difference.

The model amounts come as ``{category: euros}`` in the summary's convention (income and costs
positive). Differences are computed in integer cents; the euro columns are for display. The
last row is the result (income − costs); its difference is zero to the cent when everything is
mapped and the model reproduces the ledger.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .categories import CATEGORIES, INCOME, PROFIT_AND_LOSS, category_key, label
from .messages import Lang
from .summary import LedgerSummary
from .values import cents_from_decimal

RECONCILIATION_COLUMNS = ("category", "label", "ledger_cents", "model_cents", "difference_cents",
                          "ledger_eur", "model_eur", "difference_eur")


def model_cents(model: Mapping[str, object]) -> dict[str, int]:
    """Model amounts (euros) per category -> cents; unknown categories raise ValueError."""
    out: dict[str, int] = {}
    for key, value in model.items():
        cat = category_key(key)
        if cat is None or cat == "ignore":
            raise ValueError(f"unknown model category {key!r}; expected one of {', '.join(PROFIT_AND_LOSS)}")
        out[cat] = out.get(cat, 0) + cents_from_decimal(value)
    return out


def reconcile(summary: LedgerSummary, model: Mapping[str, object] | None = None,
              lang: Lang = "nl") -> pd.DataFrame:
    """One row per P&L category, then 'unmapped' and 'result'. Model columns are NA without a model."""
    ledger = summary.as_cents()
    have_model = model is not None
    mod = model_cents(model) if model is not None else {}
    rows = []
    for cat in PROFIT_AND_LOSS:
        rows.append(_row(cat, ledger[cat], mod.get(cat, 0) if have_model else None, lang))
    # Unmapped lines have no category in the model: the model side is 0 by definition.
    rows.append(_row("unmapped", summary.unmapped_cents, 0 if have_model else None, lang))
    model_result = (sum(v for c, v in mod.items() if c in INCOME) - sum(v for c, v in mod.items() if c not in INCOME)
                    if have_model else None)
    rows.append(_row("result", summary.result_cents, model_result, lang))
    frame = pd.DataFrame(rows, columns=list(RECONCILIATION_COLUMNS))
    for col in ("model_cents", "difference_cents"):
        frame[col] = frame[col].astype("Int64")
    return frame


def _row(category: str, ledger: int, model: int | None, lang: Lang) -> dict[str, object]:
    diff = None if model is None else ledger - model
    return {"category": category, "label": label(category, lang), "ledger_cents": int(ledger),
            "model_cents": model, "difference_cents": diff, "ledger_eur": ledger / 100,
            "model_eur": None if model is None else model / 100, "difference_eur": None if diff is None else diff / 100}


def is_reconciled(frame: pd.DataFrame) -> bool:
    """True when every difference is zero to the cent (and a model was given)."""
    diffs = frame["difference_cents"]
    return bool(diffs.notna().all() and (diffs == 0).all())


def write_reconciliation(frame: pd.DataFrame, path: str | Path, lang: Lang = "nl") -> None:
    """The reconciliation as a one-sheet workbook (euros, 2 decimals)."""
    from .excel_out import write_workbook, reconciliation_sheet

    write_workbook(path, [reconciliation_sheet(frame, lang)])


__all__ = ["RECONCILIATION_COLUMNS", "reconcile", "is_reconciled", "model_cents", "write_reconciliation",
           "CATEGORIES"]
