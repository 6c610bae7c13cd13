"""The municipal contribution per owner municipality (the workbook's sheet Gemeenten): its share of the
contribution by the distribution key, in the baseline and the plan (structural and one-off apart), and
what it pays as a client of the PMCs with an owner municipality as client (their revenue), netted.

A PMC's revenue goes to the municipalities that name it (sheet Gemeenten, column Opdrachtgever van
PMC's), split among them by their shares; a PMC no municipality names is split over all of them by the
distribution key. Totals are over the years given (undiscounted, in the prices of each year).
"""

from __future__ import annotations

import pandas as pd

from ..company import CompanyModel
from ..results import Results

COLUMNS = ["municipality", "share", "contribution_base", "contribution_structural", "contribution_one_off",
           "tariffs_base", "tariffs_plan", "net_effect"]


def client_shares(m: CompanyModel) -> dict[str, dict[str, float]]:
    """PMC -> municipality -> the fraction of the PMC's revenue that municipality pays, for every PMC with
    an owner municipality as client."""
    out = {}
    for p in m.pmcs:
        if p.client != "owner_municipality":
            continue
        naming = [mu for mu in m.municipalities if p.id in mu.clients] or list(m.municipalities)
        total = sum(mu.share for mu in naming)
        out[p.id] = {mu.name: (mu.share / total if total > 0 else 1 / len(naming)) for mu in naming}
    return out


def owner_revenue(m: CompanyModel, res: Results, years) -> dict[str, float]:
    """Municipality -> what it pays over `years` as a client of owner-municipality PMCs."""
    shares = client_shares(m)
    rows = res.pmcs[res.pmcs.year.isin(list(years)) & res.pmcs.pmc.isin(list(shares))]
    paid = {mu.name: 0.0 for mu in m.municipalities}
    for pmc, revenue in rows.groupby("pmc").revenue.sum().items():
        for name, part in shares[pmc].items():
            paid[name] += part * float(revenue)
    return paid


def by_municipality(m: CompanyModel, base: Results, plan: Results, years) -> pd.DataFrame:
    """One row per municipality (COLUMNS), totals over `years`: its contribution in the baseline, in the plan
    (structural and one-off apart), its tariffs in the baseline and the plan, and the net effect of the plan
    on what it pays (plan contribution + tariffs − baseline contribution − tariffs; negative: it pays less).
    Empty without a distribution key."""
    years = list(years)
    if not m.municipalities:
        return pd.DataFrame(columns=COLUMNS)
    contribution_base = float(base.pnl.loc[years, "municipal_contribution"].sum())
    structural = float(plan.pnl.loc[years, "contribution_structural"].sum())
    one_off = float(plan.pnl.loc[years, "contribution_one_off"].sum())
    paid_base, paid_plan = owner_revenue(m, base, years), owner_revenue(m, plan, years)
    rows = []
    for mu in m.municipalities:
        k = mu.share / 100
        row = {"municipality": mu.name, "share": k, "contribution_base": k * contribution_base,
               "contribution_structural": k * structural, "contribution_one_off": k * one_off,
               "tariffs_base": paid_base[mu.name], "tariffs_plan": paid_plan[mu.name]}
        row["net_effect"] = (row["contribution_structural"] + row["contribution_one_off"] + row["tariffs_plan"]
                             - row["contribution_base"] - row["tariffs_base"])
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)
