"""Lever 1: phase out unprofitable PMCs (once closed, closed; a one-off closure cost)."""

from __future__ import annotations

import pyomo.environ as pyo

from ... import economics as eco
from ...plan import Plan
from ..builder import Builder, value
from . import Lever

NAME = "phase_out"


def variables(b: Builder) -> None:
    pm = b.pm
    pm.pmc_open = pyo.Var([(p.id, t) for p in b.m.pmcs for t in b.T], domain=pyo.Binary)
    b.provide("pmc_open", {key: var for key, var in pm.pmc_open.items()})
    for p in b.m.pmcs:
        for t in b.T:
            var = pm.pmc_open[p.id, t]
            if not p.may_close:
                var.setlb(1)
            b.decision(NAME, var, 1)


def constraints(b: Builder) -> None:
    m, pm = b.m, b.pm
    # pmc_monotone: once closed, closed.
    pm.pmc_monotone = pyo.Constraint([(p.id, t) for p in m.pmcs for t in b.T[1:]],
                                     rule=lambda _, p, t: pm.pmc_open[p, t] <= pm.pmc_open[p, t - 1])
    pm.x_open = pyo.Constraint(pyo.Any)
    for p in m.pmcs:
        for t in b.T:
            # x_open: a closed PMC employs nobody (per group, with the tightest bound: it strengthens the
            # LP relaxation beyond vol_max).
            bound = b.volume_bound(p, t)
            for g in b.groups_of[p.id]:
                pm.x_open[g, p.id, t] = b.x[g, p.id, t] <= min(bound, b.m.group_se(b.m.group[g], t)) * pm.pmc_open[p.id, t]
            before = pm.pmc_open[p.id, t - 1] if t > b.T[0] else 1
            b.add_result(t, -eco.pmc_fixed_cost(m, p, t) * pm.pmc_open[p.id, t])
            if p.closure_cost:
                b.add_one_off(t, eco.closure_cost(m, p, t) * (before - pm.pmc_open[p.id, t]))


def extract(b: Builder, plan: Plan) -> None:
    for (p, t), var in b.pm.pmc_open.items():
        plan.pmc_open[p, t] = value(var) > 0.5


LEVER = Lever(NAME, provides=("pmc_open",), needs=("x",), variables=variables, constraints=constraints,
              extract=extract)
