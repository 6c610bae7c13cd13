"""Lever 3: professional acquisition. Extra sales FTE per activity open extra demand (SE) that lasts
a few years; the extra demand is shared by the open PMCs of that activity."""

from __future__ import annotations

import pyomo.environ as pyo

from ... import economics as eco
from ...plan import Plan
from ..builder import Builder, value
from . import Lever

NAME = "acquisition"


def variables(b: Builder) -> None:
    m, pm = b.m, b.pm
    pm.sales = pyo.Var([(a.activity, t) for a in m.acquisition for t in b.T], domain=pyo.NonNegativeIntegers)
    extra_index = []
    for a in m.acquisition:
        for t in b.T:
            pm.sales[a.activity, t].setub(a.max_fte)
            b.decision(NAME, pm.sales[a.activity, t], 0)
        extra_index += [(p.id, t) for p in m.pmcs if p.activity == a.activity for t in b.T]
    pm.extra = pyo.Var(extra_index, domain=pyo.NonNegativeReals)
    for p_id, t in extra_index:
        a = m.acquisition_of[m.pmc[p_id].activity]
        pm.extra[p_id, t].setub(min(a.demand_per_fte * a.max_fte * a.duration, market_room(m, m.pmc[p_id])))
    b.provide("extra", {key: var for key, var in pm.extra.items()})


def market_room(m, p) -> float:
    """Markets are finite: the most extra demand acquisition can open for PMC p, its market size less
    the demand it has without acquisition (today's tariff level's demand where it has tariffs, else its
    max volume). At another tariff level the room scales with that level's demand, as acquired demand
    does (levers/tariffs.py), so volume <= market size x demand(level) / demand(today)."""
    if p.market_size is None:
        return float("inf")
    current = m.current_tariff(p.id)
    return max(0.0, p.market_size - (current.demand if current is not None else p.max_volume))


def constraints(b: Builder) -> None:
    m, pm = b.m, b.pm
    pm.extra_open = pyo.Constraint(pyo.Any)
    for a in m.acquisition:
        pmcs = [p.id for p in m.pmcs if p.activity == a.activity]
        for t in b.T:
            active = [pm.sales[a.activity, tau] for tau in b.T if t - a.duration < tau <= t]
            # acq_demand: extra demand of an activity = demand per FTE-year x sales FTE of the last years.
            b.row("acq_demand", (a.activity, t), sum(pm.extra[p, t] for p in pmcs), "<=",
                  a.demand_per_fte * sum(active))
            b.add_result(t, -eco.sales_cost(m, a.activity, t) * pm.sales[a.activity, t])
            for p in pmcs:
                # extra_open: a closed PMC takes no extra demand.
                pm.extra_open[p, t] = pm.extra[p, t] <= pm.extra[p, t].ub * b.pmc_open[p, t]


def extract(b: Builder, plan: Plan) -> None:
    for (a, t), var in b.pm.sales.items():
        plan.sales_fte[a, t] = float(round(value(var)))


LEVER = Lever(NAME, provides=("extra",), needs=("pmc_open",), variables=variables, constraints=constraints,
              extract=extract)
