"""The plan's money apart: what it saves each year for good (structural) and what it costs or brings
in once (one-off), against the baseline.

Computed report-side from the Results' P&L and events; when the economics report the split
themselves (evaluate.py), this is the one place to read it from them instead.
"""

from __future__ import annotations

import pandas as pd

from ..results import Results


def structural_and_one_off(base: Results, plan: Results, years) -> pd.DataFrame:
    """Per year (index): `structural`, the plan's operating result before one-off items minus the
    baseline's; `one_off_costs` and `one_off_proceeds` of the plan's decisions, each positive (the
    events' amounts: cost +, proceeds −); `one_off_net` = costs − proceeds."""
    years = list(years)

    def before_one_off(res: Results) -> pd.Series:
        return res.pnl.loc[years, "operating_result"] + res.pnl.loc[years, "one_off"]

    ev = plan.events
    costs = ev[ev.amount > 0].groupby("year").amount.sum()
    proceeds = -ev[ev.amount < 0].groupby("year").amount.sum()
    out = pd.DataFrame({"structural": before_one_off(plan) - before_one_off(base)}, index=pd.Index(years, name="year"))
    out["one_off_costs"] = [float(costs.get(y, 0.0)) for y in years]
    out["one_off_proceeds"] = [float(proceeds.get(y, 0.0)) for y in years]
    out["one_off_net"] = out.one_off_costs - out.one_off_proceeds
    return out


def payback_year(split: pd.DataFrame) -> int | None:
    """The first year by whose end the structural savings add up to the net one-off costs so far
    (None: not within the years of `split`). Undiscounted, as a board reads a payback period."""
    saved = split.structural.cumsum()
    spent = split.one_off_net.cumsum()
    for year, s, c in zip(split.index, saved, spent):
        if s >= c - 0.5 and (s > 0.5 or c <= 0.5):
            return int(year)
    return None
