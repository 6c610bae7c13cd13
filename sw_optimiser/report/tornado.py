"""The wider sensitivity of section 5: how much the plan's NPV (and its gain over the baseline) moves
when one assumption is set lower or higher, the plan's decisions held fixed (a tornado chart).

No new solves: the plan's decisions and the baseline are priced again (evaluate) on a company model
with one assumption changed. Where fewer people stay (higher outflow), every placement of a group
shrinks in proportion, as the baseline's do.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pandas as pd

from ..baseline import run_baseline
from ..company import CompanyModel
from ..evaluate import evaluate
from ..plan import Plan
from ..results import Results

# the swing of each assumption around the workbook's value
SUBSIDY_INDEX = 0.01  # subsidy per SE grows (or falls) 1 percentage point a year faster
WAGE_INDEX = 0.005  # wage indexation ± 0.5 percentage point a year
OUTFLOW = 0.01  # each group's outflow ± 1 percentage point a year
PROCEEDS = 0.25  # sale proceeds of sites ± 25 %


def _subsidy(m: CompanyModel, d: float) -> CompanyModel:
    subsidy = tuple(dataclasses.replace(s, per_se=s.per_se * (1 + d) ** (s.year - m.base_year)) for s in m.subsidy)
    return dataclasses.replace(m, subsidy=subsidy)


def _wages(m: CompanyModel, d: float) -> CompanyModel:
    return dataclasses.replace(m, company=dataclasses.replace(m.company, wage_indexation=m.company.wage_indexation + d))


def _outflow(m: CompanyModel, d: float) -> CompanyModel:
    groups = tuple(dataclasses.replace(g, outflow=min(0.5, max(0.0, g.outflow + d))) for g in m.groups)
    return dataclasses.replace(m, groups=groups)


def _proceeds(m: CompanyModel, d: float) -> CompanyModel:
    sites = tuple(dataclasses.replace(x, divest_value=x.divest_value * (1 + d)) if x.divest_value > 0 else x
                  for x in m.sites)
    return dataclasses.replace(m, sites=sites)


SWINGS: dict[str, tuple[Callable[[CompanyModel, float], CompanyModel], float]] = {
    "subsidy_indexation": (_subsidy, SUBSIDY_INDEX), "wage_indexation": (_wages, WAGE_INDEX),
    "outflow": (_outflow, OUTFLOW), "sale_proceeds": (_proceeds, PROCEEDS),
}


def _rescaled(plan: Plan, m: CompanyModel, changed: CompanyModel) -> Plan:
    """The plan's placements scaled to the SE each group has under `changed` (same shares per PMC)."""
    def share(g: str, year: int) -> float:
        before = m.group_se(m.group[g], year)
        return changed.group_se(changed.group[g], year) / before if before > 0 else 1.0

    return dataclasses.replace(plan, placement={(g, p, y): se * share(g, y) for (g, p, y), se in plan.placement.items()},
                               chain={(g, c, y): se * share(g, y) for (g, c, y), se in plan.chain.items()})


def tornado(m: CompanyModel, plan: Results) -> pd.DataFrame:
    """One row per assumption (index), largest swing first: `npv_low`, `npv_high` (the plan's NPV with
    the assumption set lower or higher), `gain_low`, `gain_high` (its gain over the baseline priced on
    the same assumptions) and `swing` (|npv_high − npv_low|)."""
    rows = []
    for name, (change, d) in SWINGS.items():
        out = {"parameter": name}
        for side, sign in (("low", -1), ("high", 1)):
            changed = change(m, sign * d)
            priced = evaluate(changed, _rescaled(plan.plan, m, changed))
            out[f"npv_{side}"] = priced.npv
            out[f"gain_{side}"] = priced.npv - run_baseline(changed).npv
        rows.append(out)
    frame = pd.DataFrame(rows).set_index("parameter")
    frame["swing"] = (frame.npv_high - frame.npv_low).abs()
    return frame.sort_values("swing", ascending=False)
