"""Checks on read and mapped journal lines: balanced entries, the year, unmapped codes.

Each check reports through a ``ProblemLog`` and returns what the summary needs; none drops an
amount silently: lines outside the year and unmapped amounts are named with their totals.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..i18n import t
from .categories import PER_PMC, PER_SITE, label
from .lines import ProblemLog
from .messages import each_lang, euros_each_lang

Names = Mapping[str, str]


def check_balance(lines: pd.DataFrame, log: ProblemLog, names: Names | None = None) -> int:
    """Report entries (journal + entry number) whose lines do not add up to zero; returns their count.

    ``names`` maps line fields to the headings/elements they came from, to name them in problems.
    """
    names = names or {}
    entry_field = names.get("entry", "entry")
    if lines.empty:
        return 0
    if (lines["entry"] == "").all():
        log.add("ledger.no_entry_column", severity="warning", field=None)
        return 0
    j_codes, j_uniques = pd.factorize(lines["journal"])
    e_codes, e_uniques = pd.factorize(lines["entry"])
    key = j_codes.astype(np.int64) * (len(e_uniques) + 1) + e_codes
    sums = pd.Series(lines["amount_cents"].to_numpy(), copy=False).groupby(key).sum()
    unbalanced = sums[sums != 0]
    if unbalanced.empty:
        return 0
    first = pd.Series(lines["source_line"].to_numpy()).groupby(key).min()
    for k, diff in unbalanced.head(20).items():
        j, e = divmod(int(k), len(e_uniques) + 1)
        name = j_uniques[j]
        journal = each_lang(lambda lang: t("ledger.in_journal", lang, journal=name)) if name else ""
        log.add("ledger.unbalanced_entry", line=int(first[k]), field=entry_field, entry=e_uniques[e],
                journal=journal, diff=euros_each_lang(int(diff)))
    if len(unbalanced) > 20:
        log.add("ledger.more_problems", field=entry_field, count=len(unbalanced) - 20)
    return len(unbalanced)


def guess_year(lines: pd.DataFrame, meta: dict[str, str]) -> int | None:
    """The fiscal year of an audit file, else the year with the most lines."""
    fiscal = meta.get("fiscalYear", "")
    if fiscal[:4].isdigit():
        return int(fiscal[:4])
    if lines.empty:
        return None
    years = lines["date"].dt.year.value_counts()
    return int(years.index[0])


def filter_year(lines: pd.DataFrame, year: int | None, log: ProblemLog, names: Names | None = None) -> pd.DataFrame:
    """The lines dated in ``year``; the others are reported with their count and balance."""
    if year is None or lines.empty:
        return lines
    in_year = (lines["date"].dt.year == year).to_numpy()
    if in_year.all():
        return lines
    outside = lines[~in_year]
    first = outside.iloc[0]
    log.add("ledger.out_of_year", severity="warning", line=int(first["source_line"]),
            field=(names or {}).get("date", "date"),
            count=int(len(outside)), year=year, amount=euros_each_lang(int(outside["amount_cents"].sum())),
            first=int(first["source_line"]), date=first["date"].strftime("%d-%m-%Y"))
    return lines[in_year].reset_index(drop=True)


def unmapped_accounts(mapped: pd.DataFrame) -> pd.DataFrame:
    """Per unmapped account: name, line count, signed balance in cents, first source line."""
    un = mapped[mapped["category"] == ""]
    if un.empty:
        return pd.DataFrame({"account": pd.Series([], dtype="str"), "account_name": pd.Series([], dtype="str"),
                             "lines": pd.Series([], dtype="int64"), "amount_cents": pd.Series([], dtype="int64"),
                             "first_line": pd.Series([], dtype="int64")})
    g = un.groupby("account", sort=True)
    out = pd.DataFrame({
        "account_name": g["account_name"].first(), "lines": g.size(),
        "amount_cents": g["amount_cents"].sum(), "first_line": g["source_line"].min(),
    }).reset_index()
    return out


def report_unmapped(unmapped: pd.DataFrame, proposals: dict[str, tuple[str, str]], log: ProblemLog,
                    names: Names | None = None) -> None:
    """One error per unmapped account, with its balance and the proposal (if any)."""
    for row in unmapped.itertuples(index=False):
        prop = proposals.get(row.account)
        hint = each_lang(lambda lang: t("ledger.unmapped_proposal", lang, category=label(prop[0], lang),
                                        basis=prop[1])) if prop else ""
        log.add("ledger.unmapped_account", line=int(row.first_line), field=(names or {}).get("account", "account"),
                account=row.account or "''",
                name=row.account_name or "-", count=int(row.lines), amount=euros_each_lang(int(row.amount_cents)),
                proposal=hint)


def report_unknown_codes(mapped: pd.DataFrame, cost_centre_known: set[str], cost_unit_known: set[str],
                         log: ProblemLog, names: Names | None = None) -> None:
    """Lines in per-PMC / per-site categories whose cost unit / cost centre is unknown (error) or
    missing (warning: the amount shows under '(none)' in the per-PMC / per-site table)."""
    for cats, code_col, target_col, known, unknown_key, missing_key in (
            (PER_PMC, "cost_unit", "pmc", cost_unit_known, "ledger.unknown_cost_unit",
             "ledger.missing_cost_unit"),
            (PER_SITE, "cost_centre", "site", cost_centre_known, "ledger.unknown_cost_centre",
             "ledger.missing_cost_centre")):
        sub = mapped[mapped["category"].isin(cats) & (mapped[target_col] == "")]
        if sub.empty:
            continue
        for (category, code), grp in sub.groupby(["category", code_col], sort=True):
            amount = euros_each_lang(int(grp["amount_cents"].sum()))
            cat_label = each_lang(lambda lang: label(str(category), lang))
            first = int(grp["source_line"].min())
            fld = (names or {}).get(code_col, code_col)
            if code == "":
                log.add(missing_key, line=first, field=fld, count=len(grp), amount=amount, severity="warning",
                        category=cat_label)
            elif code not in known:
                log.add(unknown_key, line=first, field=fld, code=code, count=len(grp), amount=amount,
                        category=cat_label)
