"""Lever 6: chain cooperation with care institutions (dagbesteding): places at a partner for the
groups it accepts, paid a tariff per participant, supervised by the partner."""

from __future__ import annotations

import pyomo.environ as pyo

from ... import economics as eco
from ...plan import Plan
from ..builder import Builder, value
from . import Lever

NAME = "chain"


def variables(b: Builder) -> None:
    m, pm = b.m, b.pm
    pm.chain = pyo.Var([(g, c.id, t) for c in m.chain_partners for g in c.groups for t in b.T],
                       domain=pyo.NonNegativeReals)
    for var in pm.chain.values():
        b.decision(NAME, var, 0.0)
    b.provide("chain", {key: var for key, var in pm.chain.items()})


def constraints(b: Builder) -> None:
    m, pm = b.m, b.pm
    # chain_capacity: places a partner offers.
    pm.chain_capacity = pyo.Constraint(
        [(c.id, t) for c in m.chain_partners for t in b.T],
        rule=lambda _, c, t: sum(pm.chain[g, c, t] for g in m.chain_partner[c].groups) <= m.chain_partner[c].capacity)
    for (g, c, t), var in pm.chain.items():
        b.add_result(t, (eco.chain_revenue(m, c, t) - eco.chain_cost(m, c, t)) * var)


def extract(b: Builder, plan: Plan) -> None:
    for (g, c, t), var in b.pm.chain.items():
        if value(var):
            plan.chain[g, c, t] = value(var)


LEVER = Lever(NAME, provides=("chain",), needs=(), variables=variables, constraints=constraints,
              extract=extract)
