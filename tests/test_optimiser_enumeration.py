"""The MILP optimum equals brute force over every integer decision, on seeded random small companies.

For each instance the brute force lists every value of every integer decision the scenario leaves free,
from the problem's own definition rather than the model's constraints: PMC open paths (once closed,
closed; never closed if it may not close), a tariff level per secondment PMC per year, site open paths
(once divested, gone; not before the earliest divest year), where a movable PMC may go (nowhere or one
other site), a supervision option per type per year, and whole sales FTE (0..max) per activity per year.
Every integer variable of the model must be covered by that list (so nothing is left to branch-and-bound);
the continuous rest of each assignment is then solved as a pure LP (integer variables fixed and relaxed to
reals, in a model built separately from the one the MILP solves and without the rows that only tighten
its relaxation), and the best LP must equal the MILP: so those rows cut off no plan.

Instances: 2 worker groups (one sheltered only), a production PMC, an individual-secondment PMC with
2 tariff levels, sometimes a third PMC, 1-2 sites, 1-2 plan years, sometimes a sales lever and a chain
partner; a random lever set (placement always on: it is the switch that lets anything change), often all.
The rules of issue 16 are drawn too: a market size and a contract end for D, the activities the second
site houses, office workplaces for the overhead (own or rented), and a travel-time limit between the sites.
Instances whose enumeration would exceed MAX_ASSIGNMENTS are drawn again from the same seeded stream.
The rules of moving people are included (a move cost per group, at most 10 % of a group changes
workplace a year); SE may be left without work (`RULES`), so that random instances stay feasible.
"""

from __future__ import annotations

import itertools
import math
import random

import pyomo.environ as pyo
import pytest
from cases import (
    Y1, Y2, acquisition, elig, group, model, option, partner, pmc, replace, scenario, site, sup_type, tariff,
)
from pyomo.contrib.solver.common.results import SolutionStatus
from pyomo.contrib.solver.solvers.highs import Highs

from sw_optimiser.baseline import run_baseline
from sw_optimiser.optimiser.extract import integer_vars
from sw_optimiser.optimiser.levers import switch
from sw_optimiser.optimiser.social import TIGHTENING
from sw_optimiser.optimiser.solve import Infeasible, Optimiser, build
from sw_optimiser.scenario import LEVERS, SocialLimits
from sw_optimiser.schema import TravelTime

N_INSTANCES = 50
MAX_ASSIGNMENTS = 320
REL_TOL = 1e-6


# ----- random instances ----------------------------------------------------------------------------
def _draw(rng: random.Random):
    c = rng.choice
    h = c([1, 2])
    years = [Y1, Y2][:h]
    two_sites = rng.random() < 0.5
    third = rng.random() < 0.5
    a = group("A", c([4, 6, 8, 10]), productivity=c([0.3, 0.4, 0.5]), outflow=c([0.0, 0.1]), sheltered_only=True,
              move_cost=c([0.0, 1_500.0]))
    b = group("B", c([4, 6, 8, 10]), productivity=c([0.6, 0.8, 1.0]), outflow=c([0.0, 0.05]),
              move_cost=c([0.0, 2_000.0]))

    def a_site(sid):
        leased = rng.random() < 0.4
        return site(sid, capacity=c([14, 18, 24]), cost=c([0, 20_000, 40_000, 60_000]), leased=leased,
                    divest=c([-20_000, 0, 10_000, 30_000]), lease_end=c([None, *years]) if leased else None,
                    earliest=c([None, None, Y2]) if h == 2 else None)

    sites = [a_site("S1")] + ([a_site("S2")] if two_sites else [])
    p = pmc("P", va=c([3_000, 5_000, 8_000]), fixed=c([0, 10_000, 30_000]), closure=c([0, 5_000, 15_000]),
            may_close=rng.random() < 0.7, move=c([None, 5_000, 15_000]) if two_sites else None, site="S1",
            min=c([0, 0, 2]))
    pmcs = [p]
    q_sheltered = False
    if third:
        if two_sites and rng.random() < 0.5:
            q = pmc("Q", va=c([6_000, 10_000]), fixed=c([0, 15_000]), closure=c([0, 10_000]),
                    may_close=rng.random() < 0.5, site="S2", max=c([4, 8]))
            q_sheltered = True
        else:
            q = pmc("Q", "services", va=c([6_000, 10_000, 14_000]), fixed=c([0, 15_000]), closure=c([0, 10_000]),
                    may_close=rng.random() < 0.5, max=c([4, 8]))
        pmcs.append(q)
    t1, d1 = c([15, 20, 25]), c([6, 8, 10])
    levels = [(1, t1, d1), (2, t1 + c([3, 5, 10]), d1 - c([2, 4]))]
    current_level = c([1, 2])
    d_demand = levels[current_level - 1][2]
    pmcs.append(replace(pmc("D", "individual_secondment", may_close=rng.random() < 0.5, max=10, sup="J",
                            fixed=c([0, 5_000]), closure=c([0, 5_000])),
                        market_size=c([None, d_demand + c([0, 2, 4])]),
                        contract_end=c([None, None, Y2]) if h == 2 else None))
    tariffs = [tariff("D", lv, hourly, demand, current=lv == current_level) for lv, hourly, demand in levels]
    # today's placement: A in P (and Q when sheltered); B spread over D, P, Q within the limits
    a_p = min(a.se, c([2, 4, 6]))
    cap1 = sites[0].capacity
    b_d = min(b.se, c([0, 2, 4]), d_demand)
    b_p = min(b.se - b_d, c([0, 2]), cap1 - a_p)
    b_q = min(b.se - b_d - b_p, c([0, 2, 4]), pmcs[1].max_volume) if third else 0
    if third and q_sheltered and b_q > sites[1].capacity:
        b_q = sites[1].capacity
    eligibility = [elig("A", "P", a_p), elig("B", "P", b_p), elig("B", "D", b_d)]
    if third:
        eligibility.append(elig("B", "Q", b_q))
        if q_sheltered:
            eligibility.append(elig("A", "Q", 0))
    # supervision: W supervises P and Q with two structure options, J the secondments with one
    load_w = a_p + b_p + b_q
    span_now, span_alt = c([8, 10]), c([5, 15, 20])
    fte_w = math.ceil(load_w / span_now) + c([0, 0.5, 1])
    supervision = [sup_type("W", cost=c([20_000, 40_000, 60_000]), fte=fte_w, shrink=c([0.2, 0.5, 1.0])),
                   sup_type("J", cost=50_000, fte=c([0.5, 1.0]), shrink=c([0.5, 1.0]))]
    options = [option("W", "now", span_now, current=True), option("W", "alt", span_alt, reorg=c([0, 10_000, 25_000])),
               option("J", "std", 20, current=True)]
    acq = [acquisition("individual_secondment", cost=c([20_000, 40_000]), demand=c([2, 4]), duration=c([1, 2]),
                       max_fte=1)] if rng.random() < 0.6 else []
    chain = [partner("C", tariff=c([-2_000, 8_000, 12_000]), cost=c([1_000, 4_000]), capacity=c([2, 4]), groups=("A",))] \
        if rng.random() < 0.5 else []
    m = model(groups=[a, b], pmcs=pmcs, eligibility=eligibility, sites=sites, tariffs=tariffs,
              supervision=supervision, options=options, acquisition=acq, chain=chain, horizon=h,
              discount=c([0.0, 0.05]), wage_index=c([0.0, 0.02]), price_index=c([0.0, 0.01]), hours=1_000,
              subsidy=c([22_000, 25_000]), overhead=(10_000, 200))
    # sites that fit their use: what S2 houses, offices for the overhead, travel time
    if two_sites:
        houses = c([(), ("production",)] if q_sheltered else [(), ("production",), ("services",)])
        m = m.replace(sites=(replace(m.sites[0], offices=float(c([0, 4]))),
                             replace(m.sites[1], activities=houses, offices=float(c([0, 4])))),
                      company=replace(m.company, max_travel_minutes=c([None, 30.0])),
                      travel_times=c([(), (TravelTime("S1", "S2", 20.0),), (TravelTime("S2", "S1", 45.0),)]))
    need = float(c([0, 0, 4]))
    rent = c([None, 3_000.0]) if need <= sum(s.offices for s in m.sites) else 3_000.0
    m = m.replace(overhead=replace(m.overhead, office_workplaces=need, office_rent=rent))
    if rng.random() < 0.5:
        levers = set(LEVERS)
    else:
        levers = {"placement"} | {k for k in LEVERS[1:] if rng.random() < 0.6}
    return m, tuple(k for k in LEVERS if k in levers)


def instance(seed: int):
    rng = random.Random(seed)
    while True:
        m, levers = _draw(rng)
        if math.prod(len(choices) for _, choices in families(m, levers)) <= MAX_ASSIGNMENTS:
            return m, levers


# ----- every integer decision, from the problem's definition ---------------------------------------------
def families(m, levers):
    """[(variable keys, list of value tuples)] for each integer decision the levers leave free."""
    T = m.plan_years
    h = len(T)
    out = []
    if "phase_out" in levers:
        for p in m.pmcs:
            paths = [(1,) * k + (0,) * (h - k) for k in range(h + 1)] if p.may_close else [(1,) * h]
            out.append(([("pmc_open", (p.id, t)) for t in T], paths))
    if "tariffs" in levers:
        for p_id, levels in m.tariffs_of.items():
            keys = [("tariff", (p_id, tr.level, t)) for t in T for tr in levels]
            end = m.pmc[p_id].contract_end
            # before the contract end, today's tariff holds
            choices = [[tr.level for tr in levels if end is None or t >= end or tr.current] for t in T]
            values = [tuple(int(tr.level == pick[i]) for i in range(h) for tr in levels)
                      for pick in itertools.product(*choices)]
            out.append((keys, values))
    if "sites" in levers:
        for s in m.sites:
            first = [t for t in T if s.earliest_divest is None or t >= s.earliest_divest]
            paths = [(1,) * h] + [tuple(int(t < y) for t in T) for y in first]
            out.append(([("site_open", (s.id, t)) for t in T], paths))
        for p in m.pmcs:
            if p.site is not None and p.move_cost is not None and len(m.sites) > 1:
                # another site that houses its activity, within the travel time (a pair not listed: too far)
                limit = m.company.max_travel_minutes
                times = {frozenset((tt.site_a, tt.site_b)): tt.minutes for tt in m.travel_times}
                others = [s.id for s in m.sites if s.id != p.site and (not s.activities or p.activity in s.activities)
                          and (limit is None or times.get(frozenset((p.site, s.id)), limit + 1) <= limit)]
                keys = [("dest", (p.id, s)) for s in others]
                out.append((keys, [tuple(int(s == d) for s in others) for d in [None, *others]]))
    if "supervision" in levers:
        for k in m.supervision_types:
            opts = m.options_of[k.id]
            keys = [("sup_option", (k.id, o.option, t)) for t in T for o in opts]
            values = [tuple(int(o.option == pick[i]) for i in range(h) for o in opts)
                      for pick in itertools.product([o.option for o in opts], repeat=h)]
            out.append((keys, values))
    if "acquisition" in levers:
        for a in m.acquisition:
            keys = [("sales", (a.activity, t)) for t in T]
            out.append((keys, list(itertools.product(range(a.max_fte + 1), repeat=h))))
    return out


def brute_force(m, levers):
    """(best objective or None if no assignment is feasible, number of LPs solved)."""
    b = build(m, RULES, tighten=False)  # so the MILP's tightening rows are checked to cut off no plan
    pm = b.pm
    switch(b, levers)
    fams = families(m, levers)
    listed = {id(getattr(pm, comp)[index]) for keys, _ in fams for comp, index in keys}
    free = [v for v in integer_vars(b) if not v.fixed]
    missing = [v.name for v in free if id(v) not in listed]
    assert not missing, f"integer decisions the enumeration does not list: {missing}"
    # the enumeration solves LPs: every integer variable becomes a real one (free ones get fixed below)
    for v in integer_vars(b):
        v.domain = pyo.Reals
    solver = Highs()
    best, n = None, 0
    for combo in itertools.product(*[values for _, values in fams]):
        for (keys, _), values in zip(fams, combo):
            for (comp, index), value in zip(keys, values):
                getattr(pm, comp)[index].fix(value)
        res = solver.solve(pm, load_solutions=False, raise_exception_on_nonoptimal_result=False)
        n += 1
        if res.solution_status == SolutionStatus.optimal:
            if best is None or res.incumbent_objective > best:
                best = res.incumbent_objective
    return best, n


RULES = SocialLimits(allow_idle=True, allow_idle_sheltered=True)  # moves limited and paid; idle allowed


def milp(m, levers):
    try:
        return Optimiser(m, RULES).solve(scenario(levers))
    except Infeasible:
        return None


# ----- the tests ------------------------------------------------------------------------------------------
def test_instances_exercise_every_integer_decision():
    """The random instances are not trivial: together they free every kind of integer decision, and the
    MILP changes something (closes, re-tariffs, divests, moves, reorganises or hires) in many of them."""
    kinds = set()
    for seed in range(N_INSTANCES):
        m, levers = instance(seed)
        kinds |= {keys[0][0] for keys, values in families(m, levers) if len(values) > 1}
    assert kinds == {"pmc_open", "tariff", "site_open", "dest", "sup_option", "sales"}


def test_instances_hold_the_tightening_rows():
    """The rows that only tighten the relaxation (optimiser/social.py) are in enough instances for the
    brute force, built without them, to check that they cut off no plan: counted on the 50 seeds."""
    count = dict.fromkeys(TIGHTENING, 0)
    for seed in range(N_INSTANCES):
        pm = build(*instance(seed)[:1], RULES).pm
        for name in TIGHTENING:
            count[name] += len(getattr(pm, name, ())) > 0
    assert count == {"arrive_moves": 5, "close_pmc_moves": 17, "close_site_moves": 19}


@pytest.mark.parametrize("seed", range(N_INSTANCES))
def test_milp_equals_brute_force(seed):
    m, levers = instance(seed)
    results = milp(m, levers)
    best, n = brute_force(m, levers)
    assert n == math.prod(len(values) for _, values in families(m, levers))
    if results is None:
        assert best is None, f"the MILP says infeasible, brute force found {best}"
        return
    assert results.status == "optimal"
    assert best is not None
    assert results.objective == pytest.approx(best, rel=REL_TOL, abs=1e-3)
    # the plan the MILP found, priced by evaluate(), is worth what the solver said
    assert results.npv == pytest.approx(best, rel=REL_TOL, abs=1e-3)


@pytest.mark.parametrize("seed", range(0, N_INSTANCES, 8))
def test_more_levers_never_worse_on_random_instances(seed):
    """Levers switched on one at a time in a seeded random order (after placement, which lets anything
    change) never lower the optimum, nor does any lever added to placement alone; and every optimum is at
    least the baseline when the baseline meets every contract minimum (placement enforces them)."""
    m, _ = instance(seed)
    order = list(LEVERS[1:])
    random.Random(1000 + seed).shuffle(order)
    opt = Optimiser(m, RULES)

    def npv(levers):
        return opt.solve(scenario(levers)).npv

    chain = [npv(("placement",) + tuple(order[:i])) for i in range(len(order) + 1)]
    for before, after, lever in zip(chain, chain[1:], order):
        assert after >= before - 0.01, (order, lever)
    for lever in order:
        assert npv(("placement", lever)) >= chain[0] - 0.01, lever
    base = run_baseline(m)
    if not base.warnings:
        assert chain[0] >= base.npv - 0.01
