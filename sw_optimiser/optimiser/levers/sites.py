"""Lever 5: divest infrastructure. A site stays open or is divested (once gone, gone) with one-off
proceeds or costs; the PMCs of a divested site close or move once, to a site with room that houses
their activity within the travel time, at a moving cost. Site capacity always holds, and the overhead
staff always have office workplaces (in an open site, or rented)."""

from __future__ import annotations

import pyomo.environ as pyo

from ... import economics as eco
from ...plan import Plan
from ..builder import Builder, value
from . import Lever

NAME = "sites"


def places(b: Builder, p) -> list[str]:
    """Sites a PMC may work at: its own, and, when it can move, the others that house its activity and
    lie within the travel time (CompanyModel.may_move)."""
    if p.site is None:
        return []
    if p.move_cost is None:
        return [p.site]
    return [p.site] + [s.id for s in b.m.sites if s.id != p.site and b.m.may_move(p, s)]


def variables(b: Builder) -> None:
    m, pm = b.m, b.pm
    pm.site_open = pyo.Var([(s.id, t) for s in m.sites for t in b.T], domain=pyo.Binary)
    for s in m.sites:
        for t in b.T:
            if not eco.may_divest(m, s, t):
                pm.site_open[s.id, t].setlb(1)
            b.decision(NAME, pm.site_open[s.id, t], 1)
    movable = [p for p in m.pmcs if p.site is not None and p.move_cost is not None]
    pm.dest = pyo.Var([(p.id, s) for p in movable for s in places(b, p)[1:]], domain=pyo.Binary)
    for var in pm.dest.values():
        b.decision(NAME, var, 0)
    loc_index = [(p.id, s, t) for p in m.pmcs for s in places(b, p) for t in b.T]
    pm.loc = pyo.Var(loc_index, bounds=(0, 1))
    pm.v = pyo.Var(loc_index, domain=pyo.NonNegativeReals)
    pm.moved = pyo.Var([(p.id, t) for p in movable for t in b.T], bounds=(0, 1))
    # office workplaces the overhead staff rent when the open sites' offices do not suffice
    need = m.overhead.office_workplaces
    pm.office_rented = pyo.Var(b.T if need > 0 else [], bounds=(0, need if m.overhead.office_rent is not None else 0))


def away_rows(b: Builder, p) -> None:
    """Open the rows that say where PMC p may go once its own site is gone (dest_one, loc_gone): the
    sites lever opens them for a PMC that may move within the company; the region for one that may
    move to a partner, and adds its partner destinations to them."""
    if b.has_row("dest_one", p.id):
        return
    pm = b.pm
    home, others = places(b, p)[0], places(b, p)[1:]
    # dest_one: a PMC moves to at most one other site, ever.
    b.row("dest_one", p.id, sum(pm.dest[p.id, s] for s in others), "<=", 1)
    for t in b.T:
        # loc_gone: elsewhere only once home is gone.
        b.row("loc_gone", (p.id, t), sum(pm.loc[p.id, s, t] for s in others), "<=", 1 - pm.site_open[home, t])


def constraints(b: Builder) -> None:
    m, pm = b.m, b.pm
    pm.site_monotone = pyo.Constraint([(s.id, t) for s in m.sites for t in b.T[1:]],
                                      rule=lambda _, s, t: pm.site_open[s, t] <= pm.site_open[s, t - 1])
    for s in m.sites:
        for t in b.T:
            before = pm.site_open[s.id, t - 1] if t > b.T[0] else 1
            b.add_result(t, -eco.site_cost(m, s, t) * pm.site_open[s.id, t])
            proceeds = eco.divest_proceeds(m, s, t)
            if proceeds:
                b.add_one_off(t, -proceeds * (before - pm.site_open[s.id, t]))
    for name in ("loc_home", "loc_dest", "loc_open", "v_loc", "move_def"):
        setattr(pm, name, pyo.Constraint(pyo.Any))
    load = {(s.id, t): [] for s in m.sites for t in b.T}
    for p in m.pmcs:
        sites = places(b, p)
        if not sites:
            continue
        home, others = sites[0], sites[1:]
        if others:
            away_rows(b, p)
        for t in b.T:
            # loc_home: at home only while home is open.
            pm.loc_home[p.id, t] = pm.loc[p.id, home, t] <= pm.site_open[home, t]
            for s in others:
                # loc_dest / loc_open: elsewhere only at its chosen destination, while that site is open.
                pm.loc_dest[p.id, s, t] = pm.loc[p.id, s, t] <= pm.dest[p.id, s]
                pm.loc_open[p.id, s, t] = pm.loc[p.id, s, t] <= pm.site_open[s, t]
                before = pm.loc[p.id, s, t - 1] if t > b.T[0] else 0
                # move_def: the year a PMC arrives at its new site it moves.
                pm.move_def[p.id, s, t] = pm.moved[p.id, t] >= pm.loc[p.id, s, t] - before
            if others:
                b.add_one_off(t, eco.move_cost(m, p, t) * pm.moved[p.id, t])
            # loc_sum: an open PMC is at exactly one site.
            b.row("loc_sum", (p.id, t), sum(pm.loc[p.id, s, t] for s in sites), "==", b.pmc_open.get((p.id, t), 1))
            for s in sites:
                # v_loc: its workers are where it is.
                bound = min(b.volume_bound(p, t), m.site[s].capacity)
                pm.v_loc[p.id, s, t] = pm.v[p.id, s, t] <= bound * pm.loc[p.id, s, t]
                load[s, t].append(pm.v[p.id, s, t])
            # v_sum: all of its workers.
            b.row("v_sum", (p.id, t), sum(pm.v[p.id, s, t] for s in sites), "==", b.pmc_se(p.id, t))
    need = m.overhead.office_workplaces
    if need > 0:
        for t in b.T:
            # offices: the overhead staff have office workplaces, in the open sites or rented.
            b.rule("offices", "se", "explain.offices", t,
                   sum(s.offices * pm.site_open[s.id, t] for s in m.sites) + pm.office_rented[t], ">=", need,
                   year=t, limit=need)
            b.add_result(t, -eco.office_rent(m, t) * pm.office_rented[t])
    for s in m.sites:
        for t in b.T:
            # capacity: workplaces of an open site.
            b.rule("capacity", "se", "explain.capacity", (s.id, t), sum(load[s.id, t]), "<=",
                   s.capacity * pm.site_open[s.id, t], site=s.id, name=s.name, year=t, limit=s.capacity)


def hold(b: Builder, site_plan) -> None:
    """Fix the sites lever's decisions at `site_plan` (siteplan.SitePlan, checked against the company):
    each site open until its closing year, each named PMC's destination, no other destination. The next
    `switch` releases them again."""
    pm = b.pm
    for (s, t), var in pm.site_open.items():
        var.fix(1 if site_plan.is_open(s, t) else 0)
    for (p, s), var in pm.dest.items():
        var.fix(1 if site_plan.move.get(p) == s else 0)


def extract(b: Builder, plan: Plan) -> None:
    pm = b.pm
    for p in b.m.pmcs:
        for t in b.T:
            sites = [s for s in places(b, p) if value(pm.loc[p.id, s, t]) > 0.5]
            plan.pmc_site[p.id, t] = sites[0] if sites else (p.site if plan.pmc_open[p.id, t] else None)
    for (s, t), var in pm.site_open.items():
        plan.site_open[s, t] = value(var) > 0.5


LEVER = Lever(NAME, provides=(), needs=("x", "pmc_open", "extra"), variables=variables, constraints=constraints,
              extract=extract)
