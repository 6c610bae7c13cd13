"""What always holds: every Wsw employee placed (or visibly idle), eligibility, PMC volumes, and the
money that no decision moves (Wsw wages, subsidy, overhead).

The placement switch ("herplaatsing") lives here too: switched off, every group stays placed pro
rata in today's PMCs, exactly as in the baseline.
"""

from __future__ import annotations

import pyomo.environ as pyo

from .. import economics as eco
from .builder import Builder

NAME = "placement"


def variables(b: Builder) -> None:
    m, pm = b.m, b.pm
    pm.x = pyo.Var([(g, p, t) for g, p in b.pairs for t in b.T], domain=pyo.NonNegativeReals)
    pm.idle = pyo.Var([(g.id, t) for g in m.groups for t in b.T], domain=pyo.NonNegativeReals)
    b.x = pm.x
    for (g, p, t) in pm.x:
        b.decision(NAME, pm.x[g, p, t], b.today.placement.get((g, p, t), 0.0))


def constraints(b: Builder) -> None:
    m, pm = b.m, b.pm
    # employ: every SE of a group is placed in a PMC, at a chain partner, or idle.
    pm.employ = pyo.Constraint(
        [(g.id, t) for g in m.groups for t in b.T],
        rule=lambda _, g, t: sum(b.x[g, p, t] for gg, p in b.pairs if gg == g)
        + sum(b.chain_se[g, t]) + pm.idle[g, t] == m.group_se(m.group[g], t))
    for p in m.pmcs:
        for t in b.T:
            se = b.pmc_se(p.id, t)
            is_open = b.pmc_open.get((p.id, t), 1)
            extra = b.extra.get((p.id, t), 0)
            # vol_max: at most the market maximum (plus the demand acquisition opened) while open.
            b.rule("vol_max", "se", "explain.vol_max", (p.id, t), se - extra, "<=", p.max_volume * is_open,
                   pmc=p.id, name=p.name, year=t, limit=p.max_volume)
            # vol_min: the contract minimum while open (not enforced when placement is fixed).
            if p.min_volume > 0:
                b.rule("vol_min", "se", "explain.vol_min", (p.id, t), se, ">=", p.min_volume * is_open,
                       pmc=p.id, name=p.name, year=t, limit=p.min_volume)
            # Value added at today's tariff; the tariff lever adds the difference of other levels.
            b.add_result(t, sum(b.x[g, p.id, t] * b.prod[g, p.id]
                                * (eco.revenue_per_productive_se(m, p, t) - eco.material_per_productive_se(m, p, t))
                                for g in b.groups_of[p.id]))
    for t in b.T:
        b.add_result(t, eco.subsidy(m, t) - eco.wage_cost(m, t) - eco.overhead(m, t))


def fix_min_volume(b: Builder, placement_on: bool) -> None:
    """The contract minimum binds only when employees may be reallocated."""
    if "vol_min" in b.rules:
        con = b.pm.vol_min
        (con.activate if placement_on else con.deactivate)()
