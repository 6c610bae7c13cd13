"""Lever 2: market-conform secondment tariffs (inleenvergoeding), one level per PMC per year from a
discrete demand curve: a higher tariff earns more per SE and brings fewer placements."""

from __future__ import annotations

import pyomo.environ as pyo

from ... import economics as eco
from ..builder import Builder

NAME = "tariffs"


def _levels(b: Builder):
    return [(p, tr) for p in b.m.pmcs for tr in b.m.tariffs_of.get(p.id, [])]


def variables(b: Builder) -> None:
    pm = b.pm
    levels = _levels(b)
    pm.tariff = pyo.Var([(p.id, tr.level, t) for p, tr in levels for t in b.T], domain=pyo.Binary)
    pm.z = pyo.Var([(g, p.id, tr.level, t) for p, tr in levels for g in b.groups_of[p.id] for t in b.T],
                   domain=pyo.NonNegativeReals)
    for p, tr in levels:
        for t in b.T:
            b.decision(NAME, pm.tariff[p.id, tr.level, t], 1 if tr.current else 0)


def constraints(b: Builder) -> None:
    m, pm = b.m, b.pm
    pm.tariff_choice = pyo.Constraint(pyo.Any)
    pm.tariff_split = pyo.Constraint(pyo.Any)
    pm.tariff_level_cap = pyo.Constraint(pyo.Any)
    for p in m.pmcs:
        levels = m.tariffs_of.get(p.id)
        if not levels:
            continue
        current = m.current_tariff(p.id)
        for t in b.T:
            extra = b.extra.get((p.id, t), 0)
            extra_ub = extra.ub if hasattr(extra, "ub") else 0.0
            # tariff_choice: one level per year.
            pm.tariff_choice[p.id, t] = sum(pm.tariff[p.id, tr.level, t] for tr in levels) == 1
            for g in b.groups_of[p.id]:
                # tariff_split: each placed SE works at the chosen level.
                pm.tariff_split[g, p.id, t] = sum(pm.z[g, p.id, tr.level, t] for tr in levels) == b.x[g, p.id, t]
            for tr in levels:
                # tariff_level_cap: nobody works at a level that is not chosen.
                pm.tariff_level_cap[p.id, tr.level, t] = (
                    sum(pm.z[g, p.id, tr.level, t] for g in b.groups_of[p.id])
                    <= (tr.demand + extra_ub) * pm.tariff[p.id, tr.level, t])
                delta = eco.revenue_per_productive_se(m, p, t, tr) - eco.revenue_per_productive_se(m, p, t, current)
                if delta:
                    b.add_result(t, delta * sum(pm.z[g, p.id, tr.level, t] * b.prod[g, p.id] for g in b.groups_of[p.id]))
            # tariff_demand: placements within the demand at the chosen tariff (plus acquisition).
            b.rule("tariff_demand", "se", "explain.tariff_demand", (p.id, t), b.pmc_se(p.id, t) - extra, "<=",
                   sum(tr.demand * pm.tariff[p.id, tr.level, t] for tr in levels),
                   pmc=p.id, name=p.name, year=t, limit=current.demand)
