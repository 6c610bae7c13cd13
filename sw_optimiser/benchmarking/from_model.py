"""A company model's figures as a peer-set row: today, and in a plan year with and without the plan.

Like with like: the KPIs are the peer set's (kpis.KPIS), on the same definitions: the operating
result is the company model's, before the municipal contribution (as the bundled peers'); the
municipal contribution is the deficit the municipalities make good. Figures of a plan year are in
that year's prices; they are deflated to the base year's price level (the peers' price level) with
the company's price indexation, so growth from indexation is not read as improvement."""

from __future__ import annotations

import pandas as pd

from ..company import CompanyModel
from ..results import Results
from .dea import run_dea
from .kpis import comparison_group, kpi_values


EUROS = ("value_added", "wsw_wages", "subsidy", "overhead", "site_costs", "operating_result",
         "municipal_contribution")  # the peer-set fields in euros: deflated for a plan year


def peer_figures(m: CompanyModel, results: Results, year: int, row_id: str, name: str) -> dict:
    """The peer-set fields of one year of a baseline or plan, in base-year prices."""
    pnl = results.pnl.loc[year]
    sites = results.sites[results.sites.year == year]
    supervision = results.supervision[results.supervision.year == year]
    figures = {
        "id": row_id, "name": name, "se": pnl.se_total, "se_outside": pnl.se_outside,
        "value_added": pnl.value_added, "wsw_wages": pnl.wages_wsw, "subsidy": pnl.subsidy,
        "supervision_fte": float(supervision.fte.sum()), "overhead": pnl.overhead,
        "site_workplaces": float(sites.capacity.sum()), "site_costs": pnl.site_costs,
        "operating_result": pnl.operating_result, "municipal_contribution": pnl.municipal_contribution,
    }
    index = m.price_index(year)
    return {k: v / index if k in EUROS else v for k, v in figures.items()}


def before_after(m: CompanyModel, baseline: Results, plan: Results, peers: pd.DataFrame, year: int,
                 inputs, outputs, model: str = "crs", orientation: str = "input",
                 fixed_inputs=()) -> pd.DataFrame:
    """KPIs and DEA efficiency of the company among the peers: today, the baseline in `year`, and the
    plan in `year` (each benchmarked on its own against the same peers); `fixed_inputs` as in `run_dea`."""
    rows = {}
    for key, results, yr in (("today", baseline, m.base_year), ("baseline", baseline, year), ("plan", plan, year)):
        figures = peer_figures(m, results, yr, f"{m.company.name} ({key} {yr})", m.company.name)
        group, company_id = comparison_group(peers, figures)
        dea = run_dea(group, inputs, outputs, model=model, orientation=orientation, fixed_inputs=fixed_inputs)
        values = kpi_values(group).loc[company_id].to_dict()
        rows[key] = {"year": yr, **values, "efficiency": float(dea.table.loc[company_id, "efficiency"])}
    return pd.DataFrame(rows).T
