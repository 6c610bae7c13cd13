"""Lever 2: market-conform secondment tariffs (inleenvergoeding), one level per PMC per year from a
discrete demand curve: a higher tariff earns more per SE and brings fewer placements. A PMC with a
contract end keeps today's tariff until then (tariffs change at renewal), and a renewed contract keeps its
tariff for CONTRACT_TERM years (company.py), so a plan does not raise, lower and raise a tariff in turn; with
`owner_tariffs_neutral` the objective does not count what owner municipalities pay more or less (the results still show it)."""

from __future__ import annotations

import pyomo.environ as pyo

from ... import economics as eco
from ...plan import Plan
from ..builder import Builder, value
from . import Lever

NAME = "tariffs"


def renewals(b: Builder, p) -> list[int]:
    """Plan years in which PMC p's tariff may change (CompanyModel.renewal_years: at contract renewal)."""
    return [t for t in b.m.renewal_years(p) if t in b.T]


def _levels(b: Builder):
    return [(p, tr) for p in b.m.pmcs for tr in b.m.tariffs_of.get(p.id, [])]


def _ratio(b: Builder, p, tr) -> float:
    """Demand at level `tr` relative to today's level: acquisition opens demand at today's tariff, and
    at another level the market takes that much more or less of it."""
    current = b.m.current_tariff(p.id)
    return tr.demand / current.demand if current.demand > 0 else 1.0


def variables(b: Builder) -> None:
    pm = b.pm
    levels = _levels(b)
    index = [(p.id, tr.level, t) for p, tr in levels for t in b.T]
    pm.tariff = pyo.Var(index, domain=pyo.Binary)
    pm.z = pyo.Var([(g, p.id, tr.level, t) for p, tr in levels for g in b.groups_of[p.id] for t in b.T],
                   domain=pyo.NonNegativeReals)
    pm.extra_level = pyo.Var(index, domain=pyo.NonNegativeReals)
    for p, tr in levels:
        for t in b.T:
            var = pm.tariff[p.id, tr.level, t]
            if p.contract_end is not None and t < p.contract_end:
                # Tariffs change at renewal: until the contract ends, today's tariff holds.
                if tr.current:
                    var.setlb(1)
                else:
                    var.setub(0)
            b.decision(NAME, var, 1 if tr.current else 0)


def constraints(b: Builder) -> None:
    m, pm = b.m, b.pm
    pm.tariff_choice = pyo.Constraint(pyo.Any)
    pm.tariff_split = pyo.Constraint(pyo.Any)
    pm.extra_level_cap = pyo.Constraint(pyo.Any)
    pm.extra_level_sum = pyo.Constraint(pyo.Any)
    pm.tariff_term = pyo.Constraint(pyo.Any)
    for p in m.pmcs:
        levels = m.tariffs_of.get(p.id)
        if not levels:
            continue
        current = m.current_tariff(p.id)
        changes = renewals(b, p)
        for t in b.T:
            if t != b.T[0] and t not in changes:
                for tr in levels:
                    # tariff_term: between renewals the contract's tariff holds.
                    pm.tariff_term[p.id, tr.level, t] = pm.tariff[p.id, tr.level, t] == pm.tariff[p.id, tr.level, t - 1]
            extra = b.extra.get((p.id, t))
            # tariff_choice: one level per year.
            pm.tariff_choice[p.id, t] = sum(pm.tariff[p.id, tr.level, t] for tr in levels) == 1
            for g in b.groups_of[p.id]:
                # tariff_split: each placed SE works at the chosen level.
                pm.tariff_split[g, p.id, t] = sum(pm.z[g, p.id, tr.level, t] for tr in levels) == b.x[g, p.id, t]
            for tr in levels:
                ratio = _ratio(b, p, tr)
                e = pm.extra_level[p.id, tr.level, t]
                # extra_level_cap: acquired demand counts only at the chosen level, scaled by its demand.
                pm.extra_level_cap[p.id, tr.level, t] = e <= ratio * (extra.ub if extra is not None else 0.0) \
                    * pm.tariff[p.id, tr.level, t]
                # tariff_demand: nobody works at a level that is not chosen; placements within its demand.
                b.rule("tariff_demand", "se", "explain.tariff_demand", (p.id, tr.level, t),
                       sum(pm.z[g, p.id, tr.level, t] for g in b.groups_of[p.id]) - e, "<=",
                       tr.demand * pm.tariff[p.id, tr.level, t],
                       pmc=p.id, name=p.name, year=t, limit=tr.demand)
                delta = eco.revenue_per_productive_se(m, p, t, tr) - eco.revenue_per_productive_se(m, p, t, current)
                if b.social.owner_tariffs_neutral:
                    # what an owner municipality pays more (or less) only moves money between the owners' budgets
                    delta -= eco.owner_tariff_extra(m, p, t, tr)
                if delta:
                    b.add_result(t, delta * sum(pm.z[g, p.id, tr.level, t] * b.prod[g, p.id] for g in b.groups_of[p.id]))
            if extra is not None:
                # extra_level_sum: in today's-tariff SE, no more than acquisition opened.
                pm.extra_level_sum[p.id, t] = sum(pm.extra_level[p.id, tr.level, t] / _ratio(b, p, tr)
                                                  for tr in levels if _ratio(b, p, tr) > 0) <= extra


def extract(b: Builder, plan: Plan) -> None:
    for p, levels in b.m.tariffs_of.items():
        for t in b.T:
            plan.tariff_level[p, t] = next(tr.level for tr in levels if value(b.pm.tariff[p, tr.level, t]) > 0.5)


LEVER = Lever(NAME, provides=(), needs=("x", "extra"), variables=variables, constraints=constraints,
              extract=extract)
