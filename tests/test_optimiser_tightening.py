"""The rows that only tighten the LP relaxation (optimiser/social.py, TIGHTENING): each case is small
enough to work out its LP relaxation by hand; the test asserts the relaxation's gain with the rows and
without them, and that the plan (the MILP) is the same either way. That they cut off no plan on random
instances is checked by tests/test_optimiser_enumeration.py.

Conventions as tests/test_optimiser_levers.py: no discounting or indexation; gains against the baseline.
Group A has 20 SE and no outflow; at most 10 % of it (2 SE) may change workplace a year; everyone keeps
work (no idle SE).
"""

from __future__ import annotations

import pyomo.environ as pyo
import pytest
from cases import CENT, elig, group, limits, model, pmc, scenario, site

from sw_optimiser.baseline import run_baseline
from sw_optimiser.optimiser.extract import integer_vars
from sw_optimiser.optimiser.highs import Solver
from sw_optimiser.optimiser.levers import switch
from sw_optimiser.optimiser.solve import Optimiser, build

MOVES = limits(allow_idle=False, allow_idle_sheltered=False, group_move_share=0.1)
SITES = ("placement", "sites")
PHASE_OUT = ("placement", "phase_out")


def lp_gain(m, levers, tighten: bool) -> float:
    """The LP relaxation's objective (integer decisions relaxed) less the baseline's NPV."""
    b = build(m, MOVES, tighten=tighten)
    switch(b, levers)
    for v in integer_vars(b):
        if not v.fixed:
            lb, ub = v.lb, v.ub
            v.domain = pyo.Reals
            v.setlb(lb)
            v.setub(ub)
    return Solver().solve(b.pm, start=False).objective - run_baseline(m).npv


def milp_gain(m, levers) -> float:
    return Optimiser(m, MOVES).solve(scenario(levers)).npv - run_baseline(m).npv


def site_case(horizon: int, p1_max: float = 10):
    """P1 (10 SE of A) is at S1, which costs €100,000 a year and may go at once (no proceeds); P1 may
    move to S2 at no cost, but that moves 10 SE where 2 may: S1 stays. P2 holds the other 10 SE at S2
    and has no room. Neither PMC earns or costs anything else."""
    return model(groups=[group("A", 20)],
                 pmcs=[pmc("P1", va=0, site="S1", move=0, max=p1_max), pmc("P2", va=0, site="S2", max=10)],
                 eligibility=[elig("A", "P1", 10), elig("A", "P2", 10)],
                 sites=[site("S1", capacity=10, cost=100_000), site("S2", capacity=30)], horizon=horizon)


def test_a_site_closing_leaves_its_people_to_move_within_the_limit():
    m = site_case(horizon=2)
    # Without the rows: with f_t of P1 at S2, S1 may be open (1 - f_t) and 10 f_t SE count as moved:
    # f_2026 <= 0.2 and f_2027 - f_2026 <= 0.2, so S1 is 0.8 and 0.6 open: (0.2 + 0.4) x 100,000.
    assert lp_gain(m, SITES, tighten=False) == pytest.approx(60_000, abs=CENT)
    # close_site_moves[S1, 2027]: SE at S1 in 2026 <= 2 open_2026 + 8 open_2027; with 8 SE there in
    # 2026 (the least the limit leaves) and S1 0.8 open, open_2027 >= (8 - 1.6) / 8 = 0.8: (0.2 + 0.2) x 100,000
    # (1.0 open in 2026 needs open_2027 >= 0.75: 0.25 saved, less).
    assert lp_gain(m, SITES, tighten=True) == pytest.approx(40_000, abs=CENT)
    assert milp_gain(m, SITES) == pytest.approx(0, abs=CENT)


def test_a_pmc_arriving_at_a_new_site_moves_all_its_people():
    # One year. P1's market would take 20 SE, so move_site_def's big-M is 20 while P1 holds 10:
    # moved SE >= 10 - 20 (1 - f) counts nobody until half of P1 has moved; the limit 20 f - 10 <= 2
    # lets f = 0.6, and S1 is 0.4 open: 60,000.
    m = site_case(horizon=1, p1_max=20)
    assert lp_gain(m, SITES, tighten=False) == pytest.approx(60_000, abs=CENT)
    # arrive_moves: moved SE >= SE at S2 = 10 f <= 2, so f = 0.2: 20,000.
    assert lp_gain(m, SITES, tighten=True) == pytest.approx(20_000, abs=CENT)
    assert milp_gain(m, SITES) == pytest.approx(0, abs=CENT)


def pmc_case():
    """P (10 SE of A) costs €60,000 a year fixed and may close at no cost; Q (the other 10 SE, room for 20)
    earns the same per SE. Closing P moves 10 SE where 2 may a year: in two years P keeps 6 and stays."""
    return model(groups=[group("A", 20)],
                 pmcs=[pmc("P", va=0, fixed=60_000, max=10), pmc("Q", va=0, max=20)],
                 eligibility=[elig("A", "P", 10), elig("A", "Q", 10)], horizon=2)


def test_a_pmc_closing_leaves_its_people_to_move_within_the_limit():
    m = pmc_case()
    # Without the rows: x_P >= 8 in 2026 and >= 6 in 2027, x_P <= 10 open: open 0.8 and 0.6, (0.2 + 0.4) x 60,000.
    assert lp_gain(m, PHASE_OUT, tighten=False) == pytest.approx(36_000, abs=CENT)
    # close_pmc_moves[A, P, 2027]: x_P,2026 <= 2 open_2026 + 8 open_2027, as for the site: (0.2 + 0.2) x 60,000.
    assert lp_gain(m, PHASE_OUT, tighten=True) == pytest.approx(24_000, abs=CENT)
    assert milp_gain(m, PHASE_OUT) == pytest.approx(0, abs=CENT)
