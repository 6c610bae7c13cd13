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
    if b.tighten:
        _arrivals(b, movable)
        _closures(b)
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


# ----- rows that only tighten the LP relaxation ---------------------------------------------------------
# Each holds for every plan (integer decisions) and so changes no plan; it cuts off fractional solutions
# in which a site or PMC closes, or a PMC moves, a little each year while counting (almost) nobody as
# moved. Their names are in TIGHTENING (the marginal values set them aside). Measured on the example (all
# levers, 3 December 2026): the root LP bound falls from +€2.54M to +€1.90M (best plan found -€1.96M); the
# plan search ends at -€1.96M (was -€2.29M), and HiGHS's defaults on the same model reach -€1.98M in 300 s
# (without these rows -€61.49M in 180 s: below the baseline).
TIGHTENING = ("arrive_moves", "close_pmc_moves", "close_site_moves")


def _arrivals(b: Builder, movable) -> None:
    """arrive_moves: the year a PMC arrives at a new site, its workers there all changed workplace.
    (move_site_def says the same with a big-M that is loose when the PMC moves only in part.)"""
    m, pm = b.m, b.pm
    pm.arrive_moves = pyo.Constraint(pyo.Any)
    for p in movable:
        for s in places(b, p)[1:]:
            for t in b.T:
                bound = min(b.volume_bound(p, t), m.site[s].capacity)
                there = pm.loc[p.id, s, t - 1] if t > b.T[0] else 0
                pm.arrive_moves[p.id, s, t] = (sum(pm.move_site_se[g, p.id, t] for g in b.groups_of[p.id])
                                               >= pm.v[p.id, s, t] - bound * there)


def _closures(b: Builder) -> None:
    """A site or PMC that closes in year t leaves everyone it held in t - 1, less natural outflow, to
    change workplace in t, within the groups' move limits (group_moves). So, with r the share still
    employed and L the limit:

    close_pmc_moves:  r_g x[g,p,t-1] <= L_g open[p,t-1] + (r_g B - L_g) open[p,t]   (B: x's bound)
    close_site_moves: r SE_at[s,t-1] <= L open[s,t-1] + (r C_s - L) open[s,t]        (C_s: capacity,
                      L the sum of the groups' limits, r the least share of any group)

    Open in both years, a row says no more than x <= B; closed in both, 0 <= 0. Only where r B > L:
    otherwise the limit never binds on a closure. (The company-wide max_moves is not used: the region
    counts moves to a partner in the groups' limits only.)"""
    m, pm, share = b.m, b.pm, b.social.group_move_share
    pm.close_pmc_moves = pyo.Constraint(pyo.Any)
    pm.close_site_moves = pyo.Constraint(pyo.Any)
    if share is None:
        return
    for p in m.pmcs:
        if not p.may_close:
            continue
        for t in b.T[1:]:
            for g in b.groups_of[p.id]:
                group = m.group[g]
                r, limit = m.retained(group, t), share * m.group_se(group, t)
                bound = min(b.volume_bound(p, t - 1), m.group_se(group, t - 1))
                if r * bound > limit:
                    pm.close_pmc_moves[g, p.id, t] = (r * b.x[g, p.id, t - 1] <= limit * pm.pmc_open[p.id, t - 1]
                                                      + (r * bound - limit) * pm.pmc_open[p.id, t])
    at: dict[tuple[str, int], list] = {}
    for (p, s, t), var in pm.v.items():
        at.setdefault((s, t), []).append(var)
    for s in m.sites:
        for t in b.T[1:]:
            r = min(m.retained(g, t) for g in m.groups)
            limit = share * sum(m.group_se(g, t) for g in m.groups)
            if eco.may_divest(m, s, t) and at.get((s.id, t - 1)) and r * s.capacity > limit:
                pm.close_site_moves[s.id, t] = (r * sum(at[s.id, t - 1]) <= limit * pm.site_open[s.id, t - 1]
                                                + (r * s.capacity - limit) * pm.site_open[s.id, t])
