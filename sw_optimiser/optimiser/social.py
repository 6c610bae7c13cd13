"""What moving people costs and how far it may go, and the social limits a scenario may set: how many
employees may change workplace per year, how many sheltered places beyond need must remain, the
one-off budget per year, and the savings target (taakstelling)."""

from __future__ import annotations

import pyomo.environ as pyo

from .. import economics as eco
from .builder import Builder
from .levers.sites import places


def constraints(b: Builder, baseline_result: dict[int, float]) -> None:
    m, limits = b.m, b.social
    if limits.max_move_share is not None or limits.group_move_share is not None or any(g.move_cost for g in m.groups):
        _moves(b)
    need = limits.extra_sheltered_se is not None or limits.min_sheltered_share is not None
    if need:
        sheltered = [p.id for p in m.pmcs if p.sheltered]
        for t in b.T:
            needed = sum(m.group_se(g, t) for g in m.groups if g.sheltered_only)
            floor = max(needed + (limits.extra_sheltered_se or 0.0),
                        (limits.min_sheltered_share or 0.0) * sum(m.group_se(g, t) for g in m.groups))
            # min_sheltered: sheltered places (sheltered PMCs and chain partners) beyond need, or a share.
            b.rule("min_sheltered", "se", "explain.min_sheltered", t,
                   sum(b.pmc_se(p, t) for p in sheltered) + b.chain_se(None, t),
                   ">=", floor, year=t, limit=floor)
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


def _moves(b: Builder) -> None:
    """SE that change workplace: leaving their PMC or chain place beyond natural outflow, or working in
    a PMC the year it moves to another site. Each costs its group's one-off move cost; each group's
    share is limited per year (group_moves), and the company's if the scenario says so (max_moves)."""
    m, pm, limits = b.m, b.pm, b.social
    pm.move_out = pyo.Var([(g, p, t) for g, p in b.pairs for t in b.T], domain=pyo.NonNegativeReals)
    pm.chain_out = pyo.Var(list(b.chain.keys()), domain=pyo.NonNegativeReals)
    movable = [p for p in m.pmcs if len(places(b, p)) > 1]
    site_pairs = [(g, p.id) for p in movable for g in b.groups_of[p.id]]
    pm.move_site_se = pyo.Var([(g, p, t) for g, p in site_pairs for t in b.T], domain=pyo.NonNegativeReals)
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
    for g, p in site_pairs:
        for t in b.T:
            bound = min(b.volume_bound(m.pmc[p], t), m.group_se(m.group[g], t))
            # move_site_def: everyone in a PMC the year it moves to another site changes workplace.
            pm.move_site_def[g, p, t] = pm.move_site_se[g, p, t] >= b.x[g, p, t] - bound * (1 - pm.moved[p, t])
    for t in b.T:
        moved = {g.id: (sum(pm.move_out[g.id, p, t] for gg, p in b.pairs if gg == g.id)
                        + sum(v for (gg, c, yr), v in pm.chain_out.items() if yr == t and gg == g.id)
                        + sum(pm.move_site_se[g.id, p, t] for gg, p in site_pairs if gg == g.id))
                 for g in m.groups}
        for g in m.groups:
            if g.move_cost:
                b.add_one_off(t, eco.people_move_cost(m, g, t) * moved[g.id])
            if limits.group_move_share is not None:
                limit = limits.group_move_share * m.group_se(g, t)
                # group_moves: at most this share of a group changes workplace in a year.
                b.rule("group_moves", "se", "explain.group_moves", (g.id, t), moved[g.id], "<=", limit,
                       group=g.id, name=g.name, year=t, limit=limit, share=limits.group_move_share)
        if limits.max_move_share is not None:
            total = sum(m.group_se(g, t) for g in m.groups)
            # max_moves: at most this share of all SE changes workplace in a year.
            b.rule("max_moves", "se", "explain.max_moves", t, sum(moved.values()), "<=",
                   limits.max_move_share * total, year=t, limit=limits.max_move_share * total,
                   share=limits.max_move_share)
