"""Social limits a scenario may set: how many employees may change workplace per year, how many
sheltered places must remain, the one-off budget per year, and the savings target (taakstelling)."""

from __future__ import annotations

import pyomo.environ as pyo

from .builder import Builder
from .levers.sites import places


def constraints(b: Builder, baseline_result: dict[int, float]) -> None:
    m, limits = b.m, b.social
    if limits.max_move_share is not None:
        _moves(b, limits.max_move_share)
    if limits.min_sheltered_se is not None:
        sheltered = [p.id for p in m.pmcs if p.sheltered]
        for t in b.T:
            # min_sheltered: sheltered places (sheltered PMCs and chain partners) that must remain.
            b.rule("min_sheltered", "se", "explain.min_sheltered", t,
                   sum(b.pmc_se(p, t) for p in sheltered) + b.chain_se(None, t),
                   ">=", limits.min_sheltered_se, year=t, limit=limits.min_sheltered_se)
    if limits.one_off_budget is not None:
        for t in b.T:
            # one_off_budget: one-off costs less proceeds within the yearly budget.
            b.rule("one_off_budget", "eur", "explain.one_off_budget", t, sum(b.one_off_terms[t]), "<=",
                   limits.one_off_budget, year=t, limit=limits.one_off_budget)
    for t, target in sorted(limits.savings_target.items()):
        if t in b.T:
            # savings_target: the result improves on the baseline by at least the target.
            b.rule("savings_target", "eur", "explain.savings_target", t, b.result(t), ">=",
                   baseline_result[t] + target, year=t, limit=target)


def _moves(b: Builder, share: float) -> None:
    m, pm = b.m, b.pm
    pm.move_out = pyo.Var([(g, p, t) for g, p in b.pairs for t in b.T], domain=pyo.NonNegativeReals)
    pm.chain_out = pyo.Var(list(b.chain.keys()), domain=pyo.NonNegativeReals)
    movable = [p for p in m.pmcs if len(places(b, p)) > 1]
    pm.move_site_se = pyo.Var([(p.id, t) for p in movable for t in b.T], domain=pyo.NonNegativeReals)
    pm.move_out_def = pyo.Constraint(pyo.Any)
    pm.chain_out_def = pyo.Constraint(pyo.Any)
    pm.move_site_def = pyo.Constraint(pyo.Any)
    for g, p in b.pairs:
        for t in b.T:
            keep = m.retained(m.group[g], t)
            before = b.x[g, p, t - 1] if t > b.T[0] else b.today.placement.get((g, p, t - 1), 0.0)
            # move_out_def: SE leaving a PMC beyond natural outflow.
            pm.move_out_def[g, p, t] = pm.move_out[g, p, t] >= keep * before - b.x[g, p, t]
    for (g, c, t), var in b.chain.items():
        before = b.chain[g, c, t - 1] if t > b.T[0] else 0.0
        pm.chain_out_def[g, c, t] = pm.chain_out[g, c, t] >= m.retained(m.group[g], t) * before - var
    for p in movable:
        for t in b.T:
            bound = b.volume_bound(p, t)
            # move_site_def: everyone in a PMC that moves to another site changes workplace.
            pm.move_site_def[p.id, t] = pm.move_site_se[p.id, t] >= (
                sum(pm.v[p.id, s, t] for s in places(b, p)[1:]) - bound * (1 - pm.moved[p.id, t]))
    for t in b.T:
        total = sum(m.group_se(g, t) for g in m.groups)
        moved = (sum(pm.move_out[g, p, t] for g, p in b.pairs)
                 + sum(v for (g, c, yr), v in pm.chain_out.items() if yr == t)
                 + sum(pm.move_site_se[p.id, t] for p in movable))
        # max_moves: at most this share of all SE changes workplace in a year.
        b.rule("max_moves", "se", "explain.max_moves", t, moved, "<=", share * total,
               year=t, limit=share * total, share=share)
