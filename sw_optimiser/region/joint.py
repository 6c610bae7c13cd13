"""The joint model of a coalition: the members' own models as sub-blocks, plus the sharing decisions
(`sharing.py`), and its solve.

See sw_optimiser/region/README.md for the formulation. Each member's model is the one `build(m)`
makes for it alone (all levers present; those that are off fixed at today's values), built with its
rows left open: the sharing adds its terms to the members' rows it extends (a hosting site's
capacity; a movable PMC's loc_sum, v_sum, loc_gone and dest_one; acquired demand; supervision
coverage) before they are closed. The members' objectives are deactivated; the joint objective is the
sum of the members' NPVs plus the sharing terms.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

import pyomo.environ as pyo

from ..optimiser.highs import Solver
from ..optimiser.levers import switch
from ..optimiser.solve import build, finish
from . import sharing
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
    supervisors: list = field(default_factory=list)  # (member index, type id) that may join the supervision pool

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
        b = build(member.model, region.social, close=False)
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
    sharing.sites(J, region, builders, own, arcs, T)
    pooled = _joining(region, coalition, region.pooling.members) if region.pooling is not None else []
    if pooled:
        sharing.back_office(J, region, builders, own, pooled, T)
    desk_pool = region.acquisition_pooling
    desk = (_joining(region, coalition, desk_pool.members)
            if desk_pool is not None and "acquisition" in region.levers else [])
    if desk:
        sharing.sales_desk(J, desk_pool, builders, own, desk, T)
    types = dict(region.supervision_pooling.types) if region.supervision_pooling is not None else {}
    supervisors = [(i, types[region.members[i].id]) for i in _joining(region, coalition, types)]
    if supervisors:
        sharing.supervision_pool(J, region.supervision_pooling, builders, own, supervisors, T)
    for b in builders.values():
        finish(b)  # the members' rows, with the sharing's terms added
        b.pm.objective.deactivate()
        switch(b, region.levers)
    joint = Joint(region, coalition, J, builders, own, arcs, pooled, desk, supervisors)
    J.objective = pyo.Objective(expr=sum(joint.member_npv_expr(i) for i in coalition), sense=pyo.maximize)
    return joint


def _joining(region: Region, coalition: tuple[int, ...], ids) -> list[int]:
    """The coalition's members among `ids`, when two or more (an arrangement of one is none)."""
    found = [i for i in coalition if region.members[i].id in ids]
    return found if len(found) >= 2 else []


# ----- solving ---------------------------------------------------------------------------------------
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
    # the sharing decisions (the joint model's own variables, not its members') that no start gave a value
    for comp in J.component_objects(pyo.Var, descend_into=False):
        for var in comp.values():
            if var.value is None:
                var.set_value(0)
    limit = region.time_limit if len(coalition) > 1 else (region.alone_time_limit or 3 * region.time_limit)
    outcome = Solver().solve(J, time_limit=limit, gap=region.gap, abs_gap=region.abs_gap)
    if outcome.objective is None:
        return CoalitionValue(coalition, None, None, None, outcome.status, time.perf_counter() - started)
    value = pyo.value(J.objective)
    bound = max(outcome.bound, value) if outcome.bound is not None else None
    gap = (bound - value) / max(1.0, abs(value)) if bound is not None else None
    out = CoalitionValue(coalition, value, bound, gap, outcome.status,
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
    for i, k in joint.supervisors:
        if (J.spool[i].value or 0) > 0.5:
            out.append(("sup_pool", region.supervision_pooling.start_year or joint.builders[i].T[0], ids[i], k, "",
                        0.0))
    return out
