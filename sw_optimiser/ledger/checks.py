"""Checks on read and mapped journal lines: balanced entries, the year, unmapped codes.

Each check reports through a ``ProblemLog`` and returns what the summary needs; none drops an
amount silently: lines outside the year and unmapped amounts are named with their totals.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..i18n import t
from .categories import PER_PMC, PER_SITE, PROFIT_AND_LOSS, label
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
    key, j_uniques, e_uniques = entry_keys(lines)
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


def entry_keys(lines: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One int64 per line for its (journal, entry) pair: ``j * (len(entries) + 1) + e`` with j and e
    the codes of ``pd.factorize``; and the journals and entries they index."""
    j_codes, j_uniques = pd.factorize(lines["journal"])
    e_codes, e_uniques = pd.factorize(lines["entry"])
    return j_codes.astype(np.int64) * (len(e_uniques) + 1) + e_codes, j_uniques, e_uniques


#: ``year`` meaning the whole file, whatever the dates (CLI: ``--year all``)
WHOLE_FILE = 0


def fiscal_dates(meta: Mapping[str, str]) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The audit file's header startDate and endDate, when both are dates and in order."""
    try:
        start, end = pd.Timestamp(meta.get("startDate", "")), pd.Timestamp(meta.get("endDate", ""))
    except ValueError:
        return None
    if pd.isna(start) or pd.isna(end) or end < start:
        return None
    return start, end


def guess_year(lines: pd.DataFrame, meta: Mapping[str, str], log: ProblemLog | None = None) -> int | None:
    """The fiscal year: of an audit file, its header's startDate/endDate (``fiscalYear`` is checked against
    them and both against the line dates); else ``fiscalYear``; else the year with the most lines. The
    warnings go to ``log`` when given."""
    log = log or ProblemLog("")
    stated = meta.get("fiscalYear", "")[:4]
    stated_year = int(stated) if stated.isdigit() else None
    dates = fiscal_dates(meta)
    if dates is not None:
        start, end = dates
        year = start.year if stated_year not in (start.year, end.year) else stated_year
        inside = lines["date"].between(start, end) if not lines.empty else pd.Series([], dtype=bool)
        if "period" in lines:  # booked early or late, but in a period of the fiscal year
            inside |= lines["period"] > 0
        if len(inside) and not inside.any():
            by_lines = int(lines["date"].dt.year.value_counts().index[0])
            log.add("ledger.header_dates_no_lines", severity="warning", field="header/startDate",
                    start=start.strftime("%d-%m-%Y"), end=end.strftime("%d-%m-%Y"), year=by_lines)
            return by_lines
        if stated_year is not None and stated_year not in (start.year, end.year):
            log.add("ledger.fiscal_year_mismatch", severity="warning", field="header/fiscalYear", stated=stated,
                    start=start.strftime("%d-%m-%Y"), end=end.strftime("%d-%m-%Y"), year=year)
        return year
    if stated_year is not None:
        return stated_year
    if lines.empty:
        return None
    years = lines["date"].dt.year.value_counts()
    if len(years) > 1:
        log.add("ledger.year_guessed", severity="warning", year=int(years.index[0]))
    return int(years.index[0])


def in_fiscal_year(lines: pd.DataFrame, year: int | None, meta: Mapping[str, str]) -> tuple[np.ndarray, str]:
    """Which lines belong to ``year``, and by what: 'period' (the audit file's fiscal period, for its own
    fiscal year: lines booked early or late keep their period), 'dates' (between the header's start
    and end date), 'calendar' (the date's year) or 'all' (``WHOLE_FILE``)."""
    if year is None or year == WHOLE_FILE or lines.empty:
        return np.ones(len(lines), dtype=bool), "all"
    dates = fiscal_dates(meta)
    if dates is not None and dates[0].year == year:
        between = lines["date"].between(*dates).to_numpy()
        if "period" in lines and (lines["period"] > 0).any():
            return (lines["period"] > 0).to_numpy() | between, "period"
        return between, "dates"
    return (lines["date"].dt.year == year).to_numpy(), "calendar"


def report_outside(outside: pd.DataFrame, year: int, basis: str, log: ProblemLog, names: Names | None = None) -> None:
    """Lines left out of the year: their count, their effect on the result (the P&L lines among them,
    mapped or proposed), and the first of them."""
    if outside.empty:
        return
    pnl = outside["category"].isin(PROFIT_AND_LOSS) if "category" in outside else np.zeros(len(outside), bool)
    effect = -int(outside.loc[pnl, "amount_cents"].sum())
    first = outside.sort_values("source_line").iloc[0]
    rule = each_lang(lambda lang: t(f"ledger.year_by_{basis}", lang))
    log.add("ledger.out_of_year", severity="warning", line=int(first["source_line"]),
            field=(names or {}).get("date", "date"), count=int(len(outside)), year=year, rule=rule,
            effect=euros_each_lang(effect), pnl_lines=int(pnl.sum()),
            first=int(first["source_line"]), date=first["date"].strftime("%d-%m-%Y"))


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
        mask = (mapped["category"].isin(cats) & (mapped[target_col] == "")).to_numpy()
        sub = mapped.loc[mask, ["category", code_col, "amount_cents", "source_line"]]
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
