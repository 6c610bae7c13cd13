"""The sharing decisions a joint model adds to its members' own models (formulation in README.md):
partners' sites hosting movable PMCs, a pooled back office, a shared sales desk, and a pool of
supervisors."""

from __future__ import annotations

import pyomo.environ as pyo

from .. import economics as eco
from ..optimiser.levers.sites import away_rows
from .spec import Region


def joins(J, name: str, members) -> pyo.Var:
    """Binary `name`[i]: member i joins a shared arrangement (back office, sales desk, supervision pool),
    and `name`_pair[i]: 2 `name`_i <= sum_k `name`_k, so only together with at least one other."""
    var = pyo.Var(members, domain=pyo.Binary)
    J.add_component(name, var)
    J.add_component(f"{name}_pair",
                    pyo.Constraint(members, rule=lambda _, i: 2 * var[i] <= sum(var[k] for k in members)))
    return var


def sites(J, region: Region, builders, own, arcs, T) -> None:
    """A movable PMC may move once to a partner's hosting site, when its own site is divested."""
    J.rdest = pyo.Var(arcs, domain=pyo.Binary)
    J.rloc = pyo.Var([(*a, t) for a in arcs for t in T], bounds=(0, 1))
    J.rv = pyo.Var([(*a, t) for a in arcs for t in T], domain=pyo.NonNegativeReals)
    guests = sorted({(j, p) for j, p, _, _ in arcs})
    J.rmoved = pyo.Var([(j, p, t) for j, p in guests for t in T], bounds=(0, 1))
    for name in ("r_loc_dest", "r_loc_open", "r_v_loc", "r_move_def", "r_hosted_cap"):
        J.add_component(name, pyo.Constraint(pyo.Any))
    host_of = {(region.index(h.member), h.site): h for h in region.hosts}
    for j, p in guests:
        b = builders[j]
        pmc = b.m.pmc[p]
        mine = [a for a in arcs if a[:2] == (j, p)]
        # dest_one: one destination ever, at home or at a partner.
        away_rows(b, pmc)
        b.add_to("dest_one", p, lhs=sum(J.rdest[a] for a in mine))
        cost = region.move_cost(next(mv for mv in region.movables
                                     if mv.member == region.members[j].id and mv.pmc == p))
        for t in T:
            for a in mine:
                i, s = a[2], a[3]
                # r_loc_dest / r_loc_open: at a partner's site only if chosen, while that site is open.
                J.r_loc_dest[(*a, t)] = J.rloc[(*a, t)] <= J.rdest[a]
                J.r_loc_open[(*a, t)] = J.rloc[(*a, t)] <= builders[i].pm.site_open[s, t]
                # r_v_loc: its workers are where it is.
                bound = min(b.volume_bound(pmc, t), builders[i].m.site[s].capacity)
                J.r_v_loc[(*a, t)] = J.rv[(*a, t)] <= bound * J.rloc[(*a, t)]
                before = J.rloc[(*a, t - 1)] if t > T[0] else 0
                # r_move_def: the year it arrives it moves.
                J.r_move_def[(*a, t)] = J.rmoved[j, p, t] >= J.rloc[(*a, t)] - before
            # loc_gone, loc_sum, v_sum: away (at home or a partner) only once its own site is gone; an
            # open PMC at exactly one site, with all of its workers — a partner's site counts too.
            b.add_to("loc_gone", (p, t), lhs=sum(J.rloc[(*a, t)] for a in mine))
            b.add_to("loc_sum", (p, t), lhs=sum(J.rloc[(*a, t)] for a in mine))
            b.add_to("v_sum", (p, t), lhs=sum(J.rv[(*a, t)] for a in mine))
            # moving cost, in the guest's result (one-off)
            own[j][t].append(-cost * b.m.price_index(t) * J.rmoved[j, p, t])
            _people_moving(J, b, own[j], j, p, t)
    hosted = sorted({a[2:] for a in arcs})
    for i, s in hosted:
        b = builders[i]
        h = host_of[i, s]
        for t in T:
            into = [a for a in arcs if a[2:] == (i, s)]
            guest_se = sum(J.rv[(*a, t)] for a in into)
            # capacity: the host's own PMCs and its guests within the site's workplaces.
            b.add_to("capacity", (s, t), lhs=guest_se)
            if h.capacity is not None:
                # r_hosted_cap: at most this many hosted workplaces.
                J.r_hosted_cap[i, s, t] = guest_se <= h.capacity
            index = b.m.price_index(t)
            own[i][t].append((h.charge - h.extra_cost) * index * guest_se)
            for a in into:
                own[a[0]][t].append(-h.charge * index * J.rv[(*a, t)])


def _people_moving(J, b, own_j, j: int, p: str, t: int) -> None:
    """Everyone in PMC p the year it moves to a partner changes workplace: they count in their group's
    move limit and cost its move cost, as a move within the company does (optimiser/social.py)."""
    if not hasattr(J, "r_move_se"):
        J.r_move_se = pyo.Var(pyo.Any, dense=False, domain=pyo.NonNegativeReals)
        J.r_move_se_def = pyo.Constraint(pyo.Any)
    m = b.m
    for g in b.groups_of[p]:
        group = m.group[g]
        var = J.r_move_se[j, g, p, t]
        bound = min(b.volume_bound(m.pmc[p], t), m.group_se(group, t))
        # r_move_se_def: SE of g in p the year p moves to a partner.
        J.r_move_se_def[j, g, p, t] = var >= b.x[g, p, t] - bound * (1 - J.rmoved[j, p, t])
        if group.move_cost:
            own_j[t].append(-eco.people_move_cost(m, group, t) * var)
        if b.has_row("group_moves", (g, t)):
            b.add_to("group_moves", (g, t), lhs=var)


def back_office(J, region: Region, builders, own, pooled, T) -> None:
    """One back office: each pooling member joins or not; it pays off only with two or more.

    The pooling terms involve no other decision, so the best choice is found in closed form and the
    binaries are fixed at it (exact, and it spares the MIP search over them): every member whose
    saving outweighs its one-off cost joins, if there are two such; with only one, it joins with the
    partner that costs least if the pair still gains."""
    pool = region.pooling
    start = pool.start_year or T[0]
    joins(J, "pool", pooled)
    worth = {}
    for i in pooled:
        m = builders[i].m
        worth[i] = 0.0
        for t in T:
            if t == start:
                own[i][t].append(-pool.one_off_cost * m.price_index(t) * J.pool[i])
                worth[i] -= m.discount(t) * pool.one_off_cost * m.price_index(t)
            if t >= start:
                own[i][t].append(pool.saving_share * m.overhead.fixed * m.price_index(t) * J.pool[i])
                worth[i] += m.discount(t) * pool.saving_share * m.overhead.fixed * m.price_index(t)
    for i in pooled:
        J.pool[i].fix(int(i in best_pool(worth)))


def best_pool(worth: dict) -> set:
    """The members that join, given each one's NPV of joining (at least two, or none)."""
    gaining = {i for i, w in worth.items() if w > 0}
    if len(gaining) >= 2:
        return gaining
    if len(gaining) == 1 and len(worth) >= 2:
        (i,) = gaining
        j = max((k for k in worth if k != i), key=lambda k: worth[k])
        return {i, j} if worth[i] + worth[j] > 0 else set()
    return set()


def sales_desk(J, pool, builders, own, desk, T) -> None:
    """One regional sales desk: demand a member's sales FTE open in an activity may go to another
    joining member's PMCs of that activity; a joining member saves a share of its sales cost.

    Per activity and year the desk takes in what members give (out of the demand their own sales
    opened) and hands it to members that take it; each PMC still takes no more extra demand than its
    own acquisition row allows (the bound of `extra`)."""
    start = pool.start_year or T[0]
    years = [t for t in T if t >= start]
    joins(J, "apool", desk)
    rows = {(i, a.activity): a for i in desk for a in builders[i].m.acquisition}
    shared = sorted({act for _, act in rows if sum(1 for i in desk if (i, act) in rows) >= 2})
    flows = [(i, act, t) for (i, act) in sorted(rows) if act in shared for t in years]
    J.a_give = pyo.Var(flows, domain=pyo.NonNegativeReals)
    J.a_take = pyo.Var(flows, domain=pyo.NonNegativeReals)
    J.a_saved = pyo.Var([(i, act, t) for (i, act) in sorted(rows) for t in years], domain=pyo.NonNegativeReals)
    for name in ("a_give_max", "a_take_max", "a_balance", "a_saved_fte", "a_saved_pool"):
        J.add_component(name, pyo.Constraint(pyo.Any))
    for (i, act), a in sorted(rows.items()):
        b = builders[i]
        pmcs = [p.id for p in b.m.pmcs if p.activity == act]
        for t in years:
            sales = b.pm.sales[act, t]
            if act in shared:
                take_most = sum(b.pm.extra[p, t].ub for p in pmcs)
                give_most = a.demand_per_fte * a.max_fte * a.duration
                # acq_demand: a member's PMCs take the demand its own sales opened, less what it gives
                # to the desk, plus what it takes from it.
                b.add_to("acq_demand", (act, t), lhs=J.a_give[i, act, t] - J.a_take[i, act, t])
                # a_give_max / a_take_max: only members of the desk give or take.
                J.a_give_max[i, act, t] = J.a_give[i, act, t] <= give_most * J.apool[i]
                J.a_take_max[i, act, t] = J.a_take[i, act, t] <= take_most * J.apool[i]
            # a_saved_fte / a_saved_pool: the cost saving applies to the FTE of a joining member.
            J.a_saved_fte[i, act, t] = J.a_saved[i, act, t] <= sales
            J.a_saved_pool[i, act, t] = J.a_saved[i, act, t] <= a.max_fte * J.apool[i]
            own[i][t].append(pool.saving_share * eco.sales_cost(b.m, act, t) * J.a_saved[i, act, t])
    for act in shared:
        for t in years:
            # a_balance: the desk hands out no more than it takes in.
            J.a_balance[act, t] = (sum(J.a_take[i, act, t] for i in desk if (i, act) in rows)
                                   <= sum(J.a_give[i, act, t] for i in desk if (i, act) in rows))
    for i in desk:
        own[i][start].append(-pool.one_off_cost * builders[i].m.price_index(start) * J.apool[i])


def supervision_pool(J, pool, builders, own, members, T) -> None:
    """One pool of supervisors: from start_year a joining member's supervisors of its pooled type may
    cover workers of the other joining members' pooled types, and its own workers may be covered by
    theirs (coverage counted in SE: span x FTE). Supervisors stay with, and are paid by, their own
    company; its staffing rules (options, shrink limit) still hold.

    `members`: (member index, supervision type id) of the members that may join."""
    start = pool.start_year or T[0]
    years = [t for t in T if t >= start]
    joining = [i for i, _ in members]
    joins(J, "spool", joining)
    flows = [(i, t) for i in joining for t in years]
    J.s_give = pyo.Var(flows, domain=pyo.NonNegativeReals)
    J.s_take = pyo.Var(flows, domain=pyo.NonNegativeReals)
    for name in ("s_give_max", "s_take_max", "s_balance"):
        J.add_component(name, pyo.Constraint(pyo.Any))
    for i, k in members:
        b = builders[i]
        options = b.m.options_of[k]
        pmcs = [p for p in b.m.pmcs if p.supervision_type == k]
        for t in years:
            # coverage: the member's workers of this type are covered by its own supervisors, less the
            # SE they cover for others, plus the SE others' supervisors cover for it.
            b.add_to("coverage", (k, t), lhs=J.s_give[i, t] - J.s_take[i, t])
            # s_give_max / s_take_max: only members of the pool give or take.
            J.s_give_max[i, t] = J.s_give[i, t] <= max(o.span * b.pm.sup_fte[k, o.option, t].ub
                                                       for o in options) * J.spool[i]
            J.s_take_max[i, t] = J.s_take[i, t] <= sum(b.volume_bound(p, t) for p in pmcs) * J.spool[i]
        own[i][start].append(-pool.one_off_cost * b.m.price_index(start) * J.spool[i])
    for t in years:
        # s_balance: the pool's supervisors cover no more SE for others than they have to spare.
        J.s_balance[t] = sum(J.s_take[i, t] for i in joining) <= sum(J.s_give[i, t] for i in joining)
