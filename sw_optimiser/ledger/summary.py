"""Summarise mapped journal lines of one year: per category, per PMC, per site, and the result.

Sign convention: in the ledger income is credit (negative cents), costs debit (positive). The
summary reports income and costs as positive amounts; result = income − costs. All sums are
integer cents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .categories import COSTS, INCOME, PER_PMC, PER_SITE, PROFIT_AND_LOSS, label
from .checks import unmapped_accounts
from .messages import Lang


@dataclass
class LedgerSummary:
    """Totals in integer cents, income and costs both positive.

    ``categories``: category, label, side ('income'/'cost'/'excluded'), lines, amount_cents;
    ``per_pmc``: pmc, revenue_cents, material_cents, pmc_fixed_costs_cents ('' = no/unknown cost unit);
    ``per_site``: site, site_costs_cents; ``unmapped``: account, account_name, lines, amount_cents
    (signed, as in the ledger), first_line; ``unmapped_cents``: the P&L part of it (see ``summarise``).
    """

    year: int | None
    categories: pd.DataFrame
    per_pmc: pd.DataFrame
    per_site: pd.DataFrame
    unmapped: pd.DataFrame
    income_cents: int
    costs_cents: int
    unmapped_cents: int
    lines: int
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def result_cents(self) -> int:
        """Income − costs of the mapped profit-and-loss lines."""
        return self.income_cents - self.costs_cents

    def amount_cents(self, category: str) -> int:
        row = self.categories[self.categories["category"] == category]
        return int(row["amount_cents"].iloc[0]) if len(row) else 0

    def as_cents(self) -> dict[str, int]:
        """category -> amount in cents (positive income and costs), P&L categories only."""
        return {c: self.amount_cents(c) for c in PROFIT_AND_LOSS}

    def as_euros(self) -> dict[str, float]:
        """category -> euros, for display or to hand to the company model."""
        return {c: v / 100 for c, v in self.as_cents().items()}


def report_sign(category: str) -> int:
    """Multiply a ledger sum (debit +) by this to report it positive: −1 for income, +1 otherwise."""
    return -1 if category in INCOME else 1


def summarise(mapped: pd.DataFrame, year: int | None = None, lang: Lang = "nl",
              balance_sheet: set[str] | frozenset[str] = frozenset()) -> LedgerSummary:
    """Totals of mapped lines (from ``apply_mapping``) already filtered to one year. ``unmapped_cents``
    is the P&L amount still unmapped: unmapped accounts in ``balance_sheet`` (proposed as balance sheet)
    are listed in ``unmapped`` but not added to it (a balanced ledger's unmapped lines net to about 0)."""
    sums = mapped.groupby("category")["amount_cents"].sum() if len(mapped) else pd.Series(dtype="int64")
    counts = mapped.groupby("category").size() if len(mapped) else pd.Series(dtype="int64")
    rows = []
    for cat in (*PROFIT_AND_LOSS, "ignore"):
        side = "income" if cat in INCOME else "cost" if cat in COSTS else "excluded"
        rows.append({"category": cat, "label": label(cat, lang), "side": side,
                     "lines": int(counts.get(cat, 0)),
                     "amount_cents": report_sign(cat) * int(sums.get(cat, 0))})
    categories = pd.DataFrame(rows)
    income = int(categories.loc[categories["side"] == "income", "amount_cents"].sum())
    costs = int(categories.loc[categories["side"] == "cost", "amount_cents"].sum())
    unmapped = unmapped_accounts(mapped)
    return LedgerSummary(
        year=year, categories=categories, per_pmc=_per(mapped, PER_PMC, "pmc"),
        per_site=_per(mapped, PER_SITE, "site"), unmapped=unmapped, income_cents=income, costs_cents=costs,
        unmapped_cents=int(unmapped.loc[~unmapped["account"].isin(balance_sheet), "amount_cents"].sum()),
        lines=len(mapped))


def _per(mapped: pd.DataFrame, cats: tuple[str, ...], key: str) -> pd.DataFrame:
    """Pivot: one row per PMC/site, one column ``<category>_cents`` per category (reported sign)."""
    sub = mapped.loc[mapped["category"].isin(cats).to_numpy(), [key, "category", "amount_cents"]]
    cols = [f"{c}_cents" for c in cats]
    if sub.empty:
        return pd.DataFrame({key: pd.Series([], dtype="str"), **{c: pd.Series([], dtype="int64") for c in cols}})
    table = sub.pivot_table(index=key, columns="category", values="amount_cents", aggfunc="sum", fill_value=0)
    out = pd.DataFrame({key: table.index.astype("str")})
    for cat, col in zip(cats, cols):
        values = table[cat].to_numpy() if cat in table.columns else 0
        out[col] = (pd.Series(values, index=out.index) * report_sign(cat)).astype("int64")
    # '' (no or unknown code) last
    order = out.assign(_blank=out[key].eq("")).sort_values(["_blank", key], kind="stable")
    return order.drop(columns="_blank").reset_index(drop=True)
