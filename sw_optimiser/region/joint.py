"""The joint model of a coalition: the members' own models as sub-blocks, plus the sharing decisions.

See sw_optimiser/region/README.md for the formulation. Each member's model is the one `build(m)`
makes for it alone (all levers present; those that are off fixed at today's values). Its objective is
deactivated; the joint objective is the sum of the members' NPVs plus the sharing terms. Constraints
of a member that sharing extends (a hosting site's capacity; a movable PMC's loc_sum, v_sum,
loc_gone and dest_one) are deactivated and replaced by the extended version in the joint model.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import pyomo.environ as pyo
from pyomo.contrib.solver.common.results import SolutionStatus, TerminationCondition
from pyomo.contrib.solver.solvers.highs import Highs

from .. import economics as eco
from ..optimiser import core
from ..optimiser.levers.sites import places
from ..optimiser.solve import WarmHighs, build
from ..scenario import LEVERS
from .spec import Region


@dataclass
class Joint:
    region: Region
    coalition: tuple[int, ...]
    model: pyo.ConcreteModel
    builders: dict  # member index -> Builder
    own: dict  # member index -> year -> list of sharing terms in that member's own result
    arcs: list  # (guest index, pmc id, host index, site id)
    pooled: list  # member indices that may pool overhead in this coalition
    desk: list = field(default_factory=list)  # member indices that may join the shared sales desk

    def member_npv_expr(self, i: int):
        b = self.builders[i]
        return b.objective_expr() + sum(b.m.discount(t) * sum(self.own[i][t]) for t in b.T)


@dataclass
class CoalitionValue:
    coalition: tuple[int, ...]
    value: float | None  # best joint NPV found (v(S))
    bound: float | None  # the solver's upper bound on v(S)
    gap: float | None
    status: str  # optimal | time_limit | infeasible | no_solution
    seconds: float
    member_values: dict = field(default_factory=dict)  # member index -> own NPV incl. transfers
    decisions: list = field(default_factory=list)  # (kind, year, member, subject, detail)
    solution: dict | None = None  # var name -> value (warm start for larger coalitions)


def build_joint(region: Region, coalition: tuple[int, ...]) -> Joint:
    J = pyo.ConcreteModel(name=region.name)
    builders = {}
    for i in coalition:
        member = region.members[i]
        b = build(member.model)
        b.pm.objective.deactivate()
        for name in LEVERS:
            for var, today in b.decisions[name]:
                if name in region.levers:
                    var.unfix()
                else:
                    var.fix(today)
        core.fix_min_volume(b, "placement" in region.levers)
        J.add_component(f"c{i}", b.pm)
        builders[i] = b
    own = {i: defaultdict(list) for i in coalition}
    T = builders[coalition[0]].T
    arcs = []
    if "sites" in region.levers:
        for mv in region.movables:
            j = region.index(mv.member)
            if j not in builders:
                continue
            for h in region.hosts:
                i = region.index(h.member)
                if i in builders and region.may_move(mv, h):
                    arcs.append((j, mv.pmc, i, h.site))
    _sharing(J, region, builders, own, arcs, T)
    pooled = []
    if region.pooling is not None:
        pooled = [i for i in coalition if region.members[i].id in region.pooling.members]
        if len(pooled) >= 2:
            _pooling(J, region, builders, own, pooled, T)
        else:
            pooled = []
    desk = []
    if region.acquisition_pooling is not None and "acquisition" in region.levers:
        desk = [i for i in coalition if region.members[i].id in region.acquisition_pooling.members]
        if len(desk) >= 2:
            _sales_desk(J, region.acquisition_pooling, builders, own, desk, T)
        else:
            desk = []
    joint = Joint(region, coalition, J, builders, own, arcs, pooled, desk)
    J.objective = pyo.Objective(expr=sum(joint.member_npv_expr(i) for i in coalition), sense=pyo.maximize)
    return joint


def _sharing(J, region: Region, builders, own, arcs, T) -> None:
    """A movable PMC may move once to a partner's hosting site, when its own site is divested."""
    J.rdest = pyo.Var(arcs, domain=pyo.Binary)
    J.rloc = pyo.Var([(*a, t) for a in arcs for t in T], bounds=(0, 1))
    J.rv = pyo.Var([(*a, t) for a in arcs for t in T], domain=pyo.NonNegativeReals)
    guests = sorted({(j, p) for j, p, _, _ in arcs})
    J.rmoved = pyo.Var([(j, p, t) for j, p in guests for t in T], bounds=(0, 1))
    for name in ("r_loc_dest", "r_loc_open", "r_v_loc", "r_move_def", "r_loc_sum", "r_v_sum", "r_loc_gone",
                 "r_dest_one", "r_capacity", "r_hosted_cap"):
        J.add_component(name, pyo.Constraint(pyo.Any))
    host_of = {(region.index(h.member), h.site): h for h in region.hosts}
    for j, p in guests:
        b = builders[j]
        pmc = b.m.pmc[p]
        pm = b.pm
        sites = places(b, pmc)
        home, others = sites[0], sites[1:]
        mine = [a for a in arcs if a[:2] == (j, p)]
        # r_dest_one: one destination ever, at home or at a partner.
        if others:
            pm.dest_one[p].deactivate()
        J.r_dest_one[j, p] = sum(pm.dest[p, s] for s in others) + sum(J.rdest[a] for a in mine) <= 1
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
            # r_loc_gone: away (at home or a partner) only once its own site is gone.
            if others:
                pm.loc_gone[p, t].deactivate()
            J.r_loc_gone[j, p, t] = (sum(pm.loc[p, s, t] for s in others) + sum(J.rloc[(*a, t)] for a in mine)
                                     <= 1 - pm.site_open[home, t])
            # r_loc_sum / r_v_sum: an open PMC is at exactly one site, with all of its workers.
            pm.loc_sum[p, t].deactivate()
            J.r_loc_sum[j, p, t] = (sum(pm.loc[p, s, t] for s in sites) + sum(J.rloc[(*a, t)] for a in mine)
                                    == b.pmc_open.get((p, t), 1))
            pm.v_sum[p, t].deactivate()
            J.r_v_sum[j, p, t] = (sum(pm.v[p, s, t] for s in sites) + sum(J.rv[(*a, t)] for a in mine)
                                  == b.pmc_se(p, t))
            # moving cost, in the guest's result (one-off)
            own[j][t].append(-cost * b.m.price_index(t) * J.rmoved[j, p, t])
    hosted = sorted({a[2:] for a in arcs})
    for i, s in hosted:
        b = builders[i]
        h = host_of[i, s]
        site = b.m.site[s]
        for t in T:
            into = [a for a in arcs if a[2:] == (i, s)]
            guest_se = sum(J.rv[(*a, t)] for a in into)
            load = sum(b.pm.v[p.id, s, t] for p in b.m.pmcs if s in places(b, p))
            # r_capacity: the host's own PMCs and its guests within the site's workplaces.
            b.pm.capacity[s, t].deactivate()
            J.r_capacity[i, s, t] = load + guest_se <= site.capacity * b.pm.site_open[s, t]
            if h.capacity is not None:
                # r_hosted_cap: at most this many hosted workplaces.
                J.r_hosted_cap[i, s, t] = guest_se <= h.capacity
            index = b.m.price_index(t)
            own[i][t].append((h.charge - h.extra_cost) * index * guest_se)
            for a in into:
                own[a[0]][t].append(-h.charge * index * J.rv[(*a, t)])


def _pooling(J, region: Region, builders, own, pooled, T) -> None:
    """One back office: each pooling member joins or not; it pays off only with two or more.

    The pooling terms involve no other decision, so the best choice is found in closed form and the
    binaries are fixed at it (exact, and it spares the MIP search over them): every member whose
    saving outweighs its one-off cost joins, if there are two such; with only one, it joins with the
    partner that costs least if the pair still gains."""
    pool = region.pooling
    start = pool.start_year or T[0]
    J.pool = pyo.Var(pooled, domain=pyo.Binary)
    # pool_pair: a member pools only with at least one other.
    J.pool_pair = pyo.Constraint(pooled, rule=lambda _, i: 2 * J.pool[i] <= sum(J.pool[k] for k in pooled))
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


def _sales_desk(J, pool, builders, own, desk, T) -> None:
    """One regional sales desk: demand a member's sales FTE open in an activity may go to another
    joining member's PMCs of that activity; a joining member saves a share of its sales cost.

    Per activity and year the desk takes in what members give (out of the demand their own sales
    opened) and hands it to members that take it; each PMC still takes no more extra demand than its
    own acquisition row allows (the bound of `extra`)."""
    start = pool.start_year or T[0]
    years = [t for t in T if t >= start]
    J.apool = pyo.Var(desk, domain=pyo.Binary)
    # apool_pair: a member joins the desk only with at least one other.
    J.apool_pair = pyo.Constraint(desk, rule=lambda _, i: 2 * J.apool[i] <= sum(J.apool[k] for k in desk))
    rows = {(i, a.activity): a for i in desk for a in builders[i].m.acquisition}
    shared = sorted({act for _, act in rows if sum(1 for i in desk if (i, act) in rows) >= 2})
    flows = [(i, act, t) for (i, act) in sorted(rows) if act in shared for t in years]
    J.a_give = pyo.Var(flows, domain=pyo.NonNegativeReals)
    J.a_take = pyo.Var(flows, domain=pyo.NonNegativeReals)
    J.a_saved = pyo.Var([(i, act, t) for (i, act) in sorted(rows) for t in years], domain=pyo.NonNegativeReals)
    for name in ("a_demand", "a_give_max", "a_take_max", "a_balance", "a_saved_fte", "a_saved_pool"):
        J.add_component(name, pyo.Constraint(pyo.Any))
    for (i, act), a in sorted(rows.items()):
        b = builders[i]
        pmcs = [p.id for p in b.m.pmcs if p.activity == act]
        for t in years:
            sales = b.pm.sales[act, t]
            if act in shared:
                active = [b.pm.sales[act, tau] for tau in T if t - a.duration < tau <= t]
                take_most = sum(b.pm.extra[p, t].ub for p in pmcs)
                give_most = a.demand_per_fte * a.max_fte * a.duration
                # a_demand: a member's PMCs take the demand its own sales opened, less what it gives to
                # the desk, plus what it takes from it (replaces the member's acq_demand).
                b.pm.acq_demand[act, t].deactivate()
                J.a_demand[i, act, t] = (sum(b.pm.extra[p, t] for p in pmcs)
                                         <= a.demand_per_fte * sum(active) - J.a_give[i, act, t] + J.a_take[i, act, t])
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


# ----- solving ---------------------------------------------------------------------------------------
class JointHighs(WarmHighs):
    """WarmHighs, but the start holds only the free variables: fixed ones (levers that are off) are
    HiGHS columns with fixed bounds already, and passing them made HiGHS reject start entries."""

    def _solve(self):
        index, values = [], []
        for var_id, column in self._pyomo_var_to_solver_var_map.items():
            var = self._vars[var_id][0]
            if var.value is not None and not var.fixed:
                index.append(column)
                values.append(var.value)
        if index:
            self._solver_model.setSolution(len(index), np.array(index, dtype=np.int32), np.array(values))
        return Highs._solve(self)


def solve_coalition(region: Region, coalition: tuple[int, ...], start: dict | None = None,
                    keep_solution: bool = True) -> CoalitionValue:
    """v(S): the best joint NPV of a coalition, with the members' own NPVs and the sharing decisions."""
    started = time.perf_counter()
    joint = build_joint(region, coalition)
    J = joint.model
    if start:
        for var in J.component_data_objects(pyo.Var, active=True):
            if not var.fixed and var.name in start:
                var.set_value(start[var.name], skip_validation=True)
    for comp in ("rdest", "rloc", "rv", "rmoved", "apool", "a_give", "a_take", "a_saved"):
        if hasattr(J, comp):
            for var in getattr(J, comp).values():
                if var.value is None:
                    var.set_value(0)
    solver = JointHighs()
    limit = region.time_limit if len(coalition) > 1 else (region.alone_time_limit or 3 * region.time_limit)
    gaps = {"rel_gap": region.gap} | ({"abs_gap": region.abs_gap} if region.abs_gap is not None else {})
    res = solver.solve(J, time_limit=limit, **gaps, load_solutions=False,
                       raise_exception_on_nonoptimal_result=False)
    feasible = res.solution_status in (SolutionStatus.optimal, SolutionStatus.feasible)
    if not feasible:
        infeasible = res.termination_condition in (TerminationCondition.provenInfeasible,
                                                   TerminationCondition.locallyInfeasible,
                                                   TerminationCondition.infeasibleOrUnbounded)
        return CoalitionValue(coalition, None, None, None, "infeasible" if infeasible else "no_solution",
                              time.perf_counter() - started)
    res.solution_loader.load_vars()
    value = pyo.value(J.objective)
    bound = res.objective_bound
    bound = max(bound, value) if bound is not None else None
    gap = (bound - value) / max(1.0, abs(value)) if bound is not None else None
    optimal = res.termination_condition == TerminationCondition.convergenceCriteriaSatisfied
    out = CoalitionValue(coalition, value, bound, gap, "optimal" if optimal else "time_limit",
                         time.perf_counter() - started)
    out.member_values = {i: float(pyo.value(joint.member_npv_expr(i))) for i in coalition}
    out.decisions = _decisions(joint)
    if keep_solution:
        out.solution = {v.name: v.value for v in J.component_data_objects(pyo.Var, active=True)
                        if not v.fixed and v.value is not None}
    return out


def _decisions(joint: Joint) -> list:
    J, region = joint.model, joint.region
    out = []
    ids = region.ids
    for a in joint.arcs:
        if (J.rdest[a].value or 0) > 0.5:
            j, p, i, s = a
            years = [t for t in joint.builders[j].T if (J.rloc[(*a, t)].value or 0) > 0.5]
            se = [J.rv[(*a, t)].value or 0.0 for t in years]
            if years:
                out.append(("move", years[0], ids[j], p, f"{ids[i]}/{s}", max(se) if se else 0.0))
    for i in joint.pooled:
        if (J.pool[i].value or 0) > 0.5:
            out.append(("pool", region.pooling.start_year or joint.builders[i].T[0], ids[i], "", "", 0.0))
    for i in joint.desk:
        if (J.apool[i].value or 0) > 0.5:
            out.append(("acq_pool", region.acquisition_pooling.start_year or joint.builders[i].T[0], ids[i], "", "",
                        0.0))
    return out
