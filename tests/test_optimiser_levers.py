"""Each lever on a company small enough to work out the right decision and its worth by hand.

Unless a test says otherwise (see tests/cases.py): one plan year (2026), no discounting, no indexation,
1,000 billable hours per SE, Wsw wage €30,000 and subsidy €25,000 per SE (the same in every plan, so
they drop out of every gain), no overhead, free and ample sites and supervision. "Gain" is the NPV of
the optimum less the NPV of the baseline (all levers off), asserted to the cent. "Each lever alone" is
placement plus that lever, so every case also checks that placement alone gains nothing there (or
exactly what it should).
"""

from __future__ import annotations

import itertools

import pytest
from cases import (
    CENT, SE_TOL, Y1, Y2, acquisition, elig, events, gain, group, model, option, partner, pmc, replace, row, site,
    solve, sup_type, tariff,
)

from sw_optimiser.baseline import run_baseline
from sw_optimiser.optimiser.solve import Optimiser
from sw_optimiser.results import KPI_ROWS, PNL_ROWS
from sw_optimiser.scenario import LEVERS, Scenario

ALONE = {lever: {"placement", lever} for lever in LEVERS}


def x(results, g, p, t):
    return results.plan.placement.get((g, p, t), 0.0)


# ----- phase_out --------------------------------------------------------------------------------------
def loss_maker(horizon=1, **kw):
    """10 SE at 0.5 productivity in P: value added 10 x 0.5 x €8,000 = €40,000 a year against €60,000
    fixed cost, so P loses €20,000 a year; closing costs €10,000 once."""
    return model(groups=[group("A", 10, productivity=0.5)],
                 pmcs=[pmc("P", va=8_000, fixed=60_000, closure=10_000, **kw)],
                 eligibility=[elig("A", "P", 10)], horizon=horizon)


def test_phase_out_closes_loss_making_pmc():
    m = loss_maker()
    assert gain(m, ALONE["placement"]) == pytest.approx(0, abs=CENT)
    r = solve(m, ALONE["phase_out"])
    # fixed cost saved 60,000 - value added lost 40,000 - closure cost 10,000 = 10,000
    assert r.npv - run_baseline(m).npv == pytest.approx(10_000, abs=CENT)
    assert not row(r.pmcs, pmc="P", year=Y1).open
    assert events(r) == [(Y1, "close_pmc", "P", 10_000.0)]
    assert row(r.groups, group="A", year=Y1).idle == pytest.approx(10)  # nowhere else to go: visibly idle


def test_phase_out_closes_in_the_first_plan_year_and_pays_once():
    m = loss_maker(horizon=2)
    r = solve(m, ALONE["phase_out"])
    # two years of (60,000 - 40,000) saved, one closure cost: 2 x 20,000 - 10,000 = 30,000
    assert r.npv - run_baseline(m).npv == pytest.approx(30_000, abs=CENT)
    assert [bool(row(r.pmcs, pmc="P", year=t).open) for t in (Y1, Y2)] == [False, False]
    assert events(r) == [(Y1, "close_pmc", "P", 10_000.0)]


def test_phase_out_keeps_a_pmc_that_may_not_close():
    m = loss_maker(may_close=False)
    r = solve(m, ALONE["phase_out"])
    assert r.npv - run_baseline(m).npv == pytest.approx(0, abs=CENT)
    assert row(r.pmcs, pmc="P", year=Y1).open
    assert row(r.pmcs, pmc="P", year=Y1).se == pytest.approx(10)
    assert events(r) == []


@pytest.mark.parametrize("horizon, expected_gain, closes", [
    (1, 0.0, False),  # 1 year: saves 20,000 but costs 25,000 -> stays open
    (2, 15_000.0, True),  # 2 years: 2 x 20,000 - 25,000 = 15,000 -> closes in 2026
])
def test_phase_out_only_when_the_closure_cost_is_earned_back(horizon, expected_gain, closes):
    m = loss_maker(horizon=horizon)
    m = m.replace(pmcs=(replace(m.pmcs[0], closure_cost=25_000),))
    r = solve(m, ALONE["phase_out"])
    assert r.npv - run_baseline(m).npv == pytest.approx(expected_gain, abs=CENT)
    assert bool(row(r.pmcs, pmc="P", year=Y1).open) is (not closes)
    assert events(r, "close_pmc") == ([(Y1, "close_pmc", "P", 25_000.0)] if closes else [])


def test_phase_out_moves_the_employees_to_the_next_best_pmc():
    # Q earns 0.5 x 6,000 = 3,000 per SE, less than P's 4,000, so placement alone keeps everyone in P.
    m = model(groups=[group("A", 10, productivity=0.5)],
              pmcs=[pmc("P", va=8_000, fixed=60_000, closure=10_000), pmc("Q", va=6_000, max=6)],
              eligibility=[elig("A", "P", 10), elig("A", "Q")])
    assert gain(m, ALONE["placement"]) == pytest.approx(0, abs=CENT)
    r = solve(m, ALONE["phase_out"])
    # 60,000 fixed - 40,000 value added - 10,000 closure + 6 SE x 3,000 in Q = 28,000
    assert r.npv - run_baseline(m).npv == pytest.approx(28_000, abs=CENT)
    assert x(r, "A", "Q", Y1) == pytest.approx(6)
    assert row(r.groups, group="A", year=Y1).idle == pytest.approx(4)


def test_phase_out_over_two_discounted_and_indexed_years():
    # prices +2 % a year (fixed cost, value added, closure cost), discount 5 %; closing in 2026:
    # 2026: (60,000 - 40,000) x 1.02 - 10,000 x 1.02 = 10,200, discounted / 1.05 = 9,714.285714
    # 2027: (60,000 - 40,000) x 1.02^2 = 20,808, discounted / 1.05^2 = 18,873.469388
    m = model(groups=[group("A", 10, productivity=0.5)], pmcs=[pmc("P", va=8_000, fixed=60_000, closure=10_000)],
              eligibility=[elig("A", "P", 10)], horizon=2, discount=0.05, price_index=0.02, wage_index=0.03)
    r = solve(m, ALONE["phase_out"])
    assert r.npv - run_baseline(m).npv == pytest.approx(28_587.76, abs=CENT)
    assert events(r) == [(Y1, "close_pmc", "P", 10_200.0)]
    assert r.objective == pytest.approx(r.npv, abs=CENT)


# ----- tariffs ----------------------------------------------------------------------------------------
def test_tariff_rises_when_demand_still_covers_the_placed():
    # 6 SE at 0.5 productivity; level 2 (25 €/h) still takes 8 SE >= 6.
    m = model(groups=[group("B", 6, productivity=0.5)], pmcs=[pmc("D", "individual_secondment", max=10)],
              eligibility=[elig("B", "D", 6)], tariffs=[tariff("D", 1, 20, 10, True), tariff("D", 2, 25, 8)])
    assert gain(m, ALONE["placement"]) == pytest.approx(0, abs=CENT)
    r = solve(m, ALONE["tariffs"])
    # (25 - 20) €/h x 1,000 h x 0.5 productive SE per SE x 6 SE = 15,000
    assert r.npv - run_baseline(m).npv == pytest.approx(15_000, abs=CENT)
    assert r.plan.tariff_level["D", Y1] == 2
    assert row(r.pmcs, pmc="D", year=Y1).tariff_level == 2
    assert row(r.pmcs, pmc="D", year=Y1).revenue == pytest.approx(25 * 1_000 * 0.5 * 6)
    assert events(r) == [(Y1, "tariff", "D", 0.0)]


@pytest.mark.parametrize("va_q, expected_gain, level", [
    (None, 0.0, 1),  # nowhere else: 100,000 at level 1 beats 6 x 0.5 x 25,000 = 75,000 at level 2
    (12_000, 0.0, 1),  # 75,000 + 4 SE x 0.5 x 12,000 = 99,000 < 100,000: stays at level 1
    (14_000, 3_000.0, 2),  # 75,000 + 4 SE x 0.5 x 14,000 = 103,000: 3,000 more than at level 1
])
def test_tariff_rise_that_loses_too_much_demand(va_q, expected_gain, level):
    # 10 SE at 0.5 productivity all seconded at level 1 (20 €/h, demand 10): 10 x 0.5 x 20,000 = 100,000.
    # Level 2 (25 €/h) takes only 6 SE; the other 4 go to Q (if there is one) or stay idle.
    pmcs = [pmc("D", "individual_secondment", max=10)]
    eligibility = [elig("B", "D", 10)]
    if va_q is not None:
        pmcs.append(pmc("Q", "services", va=va_q, max=10))
        eligibility.append(elig("B", "Q"))
    m = model(groups=[group("B", 10, productivity=0.5)], pmcs=pmcs, eligibility=eligibility,
              tariffs=[tariff("D", 1, 20, 10, True), tariff("D", 2, 25, 6)])
    # Q earns at most 0.5 x 14,000 = 7,000 per SE < 10,000 seconded at level 1: placement alone gains nothing.
    assert gain(m, ALONE["placement"]) == pytest.approx(0, abs=CENT)
    r = solve(m, ALONE["tariffs"])
    assert r.npv - run_baseline(m).npv == pytest.approx(expected_gain, abs=CENT)
    assert r.plan.tariff_level["D", Y1] == level
    assert row(r.pmcs, pmc="D", year=Y1).se == pytest.approx(10 if level == 1 else 6)


# ----- acquisition ------------------------------------------------------------------------------------
def sales_case(horizon=1, duration=1, demand=5):
    """15 SE at 0.8 productivity; G (services, €20,000 per productive SE) takes 10: 5 are idle.
    A sales FTE costs €40,000 a year and opens `demand` SE in services for `duration` years."""
    return model(groups=[group("B", 15, productivity=0.8)], pmcs=[pmc("G", "services", va=20_000, max=10)],
                 eligibility=[elig("B", "G", 10)], horizon=horizon,
                 acquisition=[acquisition("services", cost=40_000, demand=demand, duration=duration, max_fte=2)])


def test_acquisition_one_sales_fte_fills_the_idle():
    m = sales_case()
    assert gain(m, ALONE["placement"]) == pytest.approx(0, abs=CENT)
    r = solve(m, ALONE["acquisition"])
    # 5 extra SE x 0.8 x 20,000 - 40,000 = 40,000; a second FTE would find nobody to place
    assert r.npv - run_baseline(m).npv == pytest.approx(40_000, abs=CENT)
    assert row(r.sales, year=Y1).fte == 1
    assert row(r.sales, year=Y1).cost == pytest.approx(40_000)
    assert row(r.pmcs, pmc="G", year=Y1).se == pytest.approx(15)


@pytest.mark.parametrize("duration, expected_gain, fte_path", [
    (2, 120_000.0, [1, 0]),  # hired in 2026, the demand lasts into 2027: 2 x 80,000 - 40,000
    (1, 80_000.0, [1, 1]),  # the demand lasts one year: hire every year, 2 x (80,000 - 40,000)
])
def test_acquisition_demand_lasts_its_duration(duration, expected_gain, fte_path):
    m = sales_case(horizon=2, duration=duration)
    r = solve(m, ALONE["acquisition"])
    assert r.npv - run_baseline(m).npv == pytest.approx(expected_gain, abs=CENT)
    assert [row(r.sales, year=t).fte for t in (Y1, Y2)] == fte_path
    assert [row(r.pmcs, pmc="G", year=t).se for t in (Y1, Y2)] == pytest.approx([15, 15])


def test_acquisition_not_worth_its_cost():
    m = sales_case(demand=2)  # 2 SE x 0.8 x 20,000 = 32,000 < 40,000
    r = solve(m, ALONE["acquisition"])
    assert r.npv - run_baseline(m).npv == pytest.approx(0, abs=CENT)
    assert row(r.sales, year=Y1).fte == 0


def test_acquisition_opens_demand_at_the_chosen_tariff():
    # B (10 SE, productivity 1): 6 seconded at 20 €/h (level 1, demand 6), 4 idle; level 2 is 50 €/h for
    # 3 SE. One sales FTE (30,000) opens 4 SE at today's tariff; at level 2 the market takes 3/6 of that: 2 SE.
    m = model(groups=[group("B", 10)], pmcs=[pmc("D", "individual_secondment", max=10)],
              eligibility=[elig("B", "D", 6)], tariffs=[tariff("D", 1, 20, 6, True), tariff("D", 2, 50, 3)],
              acquisition=[acquisition("individual_secondment", cost=30_000, demand=4)])
    # baseline 6 x 20,000 = 120,000. Tariffs alone: 3 x 50,000 = 150,000: +30,000
    assert gain(m, ALONE["tariffs"]) == pytest.approx(30_000, abs=CENT)
    # acquisition alone: 10 x 20,000 - 30,000 = 170,000: +50,000
    assert gain(m, ALONE["acquisition"]) == pytest.approx(50_000, abs=CENT)
    # both: level 2 with 3 + 2 SE: 5 x 50,000 - 30,000 = 220,000: +100,000 (5 SE idle)
    r = solve(m, {"placement", "tariffs", "acquisition"})
    assert r.npv - run_baseline(m).npv == pytest.approx(100_000, abs=CENT)
    assert (r.plan.tariff_level["D", Y1], row(r.pmcs, pmc="D", year=Y1).se) == (2, pytest.approx(5))
    assert row(r.sales, year=Y1).fte == 1


# ----- supervision ------------------------------------------------------------------------------------
def supervised(shrink=1.0, horizon=1):
    """40 SE in P, 4 work supervisors at €50,000 on a 1:10 span; a 1:20 structure costs €30,000 once."""
    return model(groups=[group("A", 40, productivity=0.5)], pmcs=[pmc("P", va=20_000)],
                 eligibility=[elig("A", "P", 40)], horizon=horizon,
                 supervision=[sup_type("W", cost=50_000, fte=4, shrink=shrink)],
                 options=[option("W", "1:10", 10, current=True), option("W", "1:20", 20, reorg=30_000)])


def test_supervision_wider_span_saves_staff():
    m = supervised()
    assert gain(m, ALONE["placement"]) == pytest.approx(0, abs=CENT)
    r = solve(m, ALONE["supervision"])
    # 40 SE / 20 = 2 FTE instead of 4: 2 x 50,000 - 30,000 reorganisation = 70,000
    assert r.npv - run_baseline(m).npv == pytest.approx(70_000, abs=CENT)
    s = row(r.supervision, type="W", year=Y1)
    assert (s.option, s.fte, s.cost) == ("1:20", pytest.approx(2), pytest.approx(100_000))
    assert events(r) == [(Y1, "reorganise", "W", 30_000.0)]


def test_supervision_staff_shrinks_at_most_max_shrink_a_year():
    m = supervised(shrink=0.25, horizon=2)
    r = solve(m, ALONE["supervision"])
    # FTE path: 2026 >= 0.75 x 4 = 3, 2027 >= 0.75 x 3 = 2.25 (2 would do at 1:20).
    # 3 FTE cover 40 SE only at 1:20 (40 / 3 > 10), so the switch is in 2026.
    # saved: (4 - 3) x 50,000 + (4 - 2.25) x 50,000 - 30,000 = 50,000 + 87,500 - 30,000 = 107,500
    assert [row(r.supervision, type="W", year=t).fte for t in (Y1, Y2)] == pytest.approx([3, 2.25])
    assert [row(r.supervision, type="W", year=t).option for t in (Y1, Y2)] == ["1:20", "1:20"]
    assert r.npv - run_baseline(m).npv == pytest.approx(107_500, abs=CENT)
    assert events(r) == [(Y1, "reorganise", "W", 30_000.0)]


# ----- sites ------------------------------------------------------------------------------------------
def two_sites(s1=None, s2_capacity=30, move=20_000, horizon=1, p2_min=0.0, **pmc1):
    """P1 (8 SE) at S1 (capacity 20, €100,000 a year, sold for €50,000); P2 (15 SE) at S2 (€80,000 a year).
    Each group works only in its own PMC, so placement alone gains nothing."""
    s1 = s1 or site("S1", capacity=20, cost=100_000, divest=50_000)
    return model(groups=[group("A", 8), group("B", 15)],
                 pmcs=[pmc("P1", va=10_000, site="S1", move=move, **pmc1), pmc("P2", va=10_000, site="S2", min=p2_min)],
                 eligibility=[elig("A", "P1", 8), elig("B", "P2", 15)],
                 sites=[s1, site("S2", capacity=s2_capacity, cost=80_000)], horizon=horizon)


def test_sites_divest_and_move_to_the_site_with_room():
    m = two_sites()
    assert gain(m, ALONE["placement"]) == pytest.approx(0, abs=CENT)
    r = solve(m, ALONE["sites"])
    # site cost 100,000 + proceeds 50,000 - moving 20,000 = 130,000 (8 + 15 = 23 SE fit in S2's 30)
    assert r.npv - run_baseline(m).npv == pytest.approx(130_000, abs=CENT)
    assert not row(r.sites, site="S1", year=Y1).open
    assert row(r.pmcs, pmc="P1", year=Y1).site == "S2"
    assert row(r.sites, site="S2", year=Y1).se == pytest.approx(23)
    assert sorted(events(r)) == [(Y1, "divest_site", "S1", -50_000.0), (Y1, "move_pmc", "P1", 20_000.0)]


@pytest.mark.parametrize("mins, expected_gain, s1_open, p1_se", [
    # S2 has 20 places for 8 + 15 = 23 SE: P1 moves with 5 SE and leaves 3 idle:
    # 100,000 + 50,000 - 20,000 - 3 SE x 10,000 value added = 100,000
    ((0, 0), 100_000.0, False, 5),
    # the contracts of P1 and P2 need all 8 + 15 SE: no room at S2, so S1 stays
    ((8, 15), 0.0, True, 8),
])
def test_sites_move_only_into_room(mins, expected_gain, s1_open, p1_se):
    m = two_sites(s2_capacity=20, min=mins[0], p2_min=mins[1])
    r = solve(m, ALONE["sites"])
    assert r.npv - run_baseline(m).npv == pytest.approx(expected_gain, abs=CENT)
    assert bool(row(r.sites, site="S1", year=Y1).open) is s1_open
    assert row(r.pmcs, pmc="P1", year=Y1).se == pytest.approx(p1_se)
    assert row(r.sites, site="S2", year=Y1).se <= 20 + SE_TOL


@pytest.mark.parametrize("lease_end, expected_gain, divest_amount", [
    (Y1, 80_000.0, 0.0),  # lease over in 2026: leaving is free: 100,000 - 20,000 moving
    (Y2, 20_000.0, 60_000.0),  # lease runs to 2027: 100,000 - 60,000 break cost - 20,000 moving
])
def test_sites_leased_site_after_lease_end_costs_nothing_to_leave(lease_end, expected_gain, divest_amount):
    m = two_sites(site("S1", capacity=20, cost=100_000, leased=True, divest=-60_000, lease_end=lease_end))
    r = solve(m, ALONE["sites"])
    assert r.npv - run_baseline(m).npv == pytest.approx(expected_gain, abs=CENT)
    assert events(r, "divest_site") == [(Y1, "divest_site", "S1", divest_amount)]


@pytest.mark.parametrize("earliest, expected_gain, open_path", [
    (None, 230_000.0, [False, False]),  # 2 x 100,000 + 50,000 - 20,000
    (Y2, 130_000.0, [True, False]),  # not before 2027: 100,000 + 50,000 - 20,000
])
def test_sites_earliest_divest_year(earliest, expected_gain, open_path):
    m = two_sites(site("S1", capacity=20, cost=100_000, divest=50_000, earliest=earliest), horizon=2)
    r = solve(m, ALONE["sites"])
    assert r.npv - run_baseline(m).npv == pytest.approx(expected_gain, abs=CENT)
    assert [bool(row(r.sites, site="S1", year=t).open) for t in (Y1, Y2)] == open_path
    year = Y1 if earliest is None else Y2
    assert sorted(events(r)) == [(year, "divest_site", "S1", -50_000.0), (year, "move_pmc", "P1", 20_000.0)]


def test_sites_pmc_that_cannot_move_closes_with_its_site_or_keeps_it():
    # P1 cannot move (no moving cost); its 8 SE earn 8 x 10,000 = 80,000 and it closes at 10,000.
    m = two_sites(move=None, closure=10_000)
    # sites alone: P1 must stay open (phase-out off), so S1 must stay.
    r = solve(m, ALONE["sites"])
    assert r.npv - run_baseline(m).npv == pytest.approx(0, abs=CENT)
    assert row(r.sites, site="S1", year=Y1).open and row(r.pmcs, pmc="P1", year=Y1).open
    # phase-out alone: closing P1 loses 80,000 + 10,000 -> stays open.
    assert gain(m, ALONE["phase_out"]) == pytest.approx(0, abs=CENT)
    # both: close P1 with its site: 100,000 site + 50,000 proceeds - 80,000 value added - 10,000 closure
    r = solve(m, {"placement", "phase_out", "sites"})
    assert r.npv - run_baseline(m).npv == pytest.approx(60_000, abs=CENT)
    assert not row(r.sites, site="S1", year=Y1).open and not row(r.pmcs, pmc="P1", year=Y1).open
    assert sorted(events(r)) == [(Y1, "close_pmc", "P1", 10_000.0), (Y1, "divest_site", "S1", -50_000.0)]


# ----- chain ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("capacity, expected_gain, chain_se, p_se, idle", [
    # 4 idle SE to the partner, capped at 3: 3 x (12,000 - 2,000) = 30,000
    (3, 30_000.0, 3, 6, 1),
    # room for all 10: the 4 idle (4 x 10,000) and the 6 from P, who earn only 0.2 x 5,000 = 1,000 there:
    # 40,000 + 6 x (10,000 - 1,000) = 94,000
    (10, 94_000.0, 10, 0, 0),
])
def test_chain_places_sheltered_employees_at_a_partner(capacity, expected_gain, chain_se, p_se, idle):
    m = model(groups=[group("A", 10, productivity=0.2, sheltered_only=True)], pmcs=[pmc("P", va=5_000, max=6)],
              eligibility=[elig("A", "P", 6)],
              chain=[partner("C", tariff=12_000, cost=2_000, capacity=capacity, groups=("A",))])
    assert gain(m, ALONE["placement"]) == pytest.approx(0, abs=CENT)
    r = solve(m, ALONE["chain"])
    assert r.npv - run_baseline(m).npv == pytest.approx(expected_gain, abs=CENT)
    assert row(r.chain, partner="C", year=Y1).se == pytest.approx(chain_se)
    assert row(r.pmcs, pmc="P", year=Y1).se == pytest.approx(p_se, abs=SE_TOL)
    assert row(r.groups, group="A", year=Y1).idle == pytest.approx(idle, abs=SE_TOL)
    assert r.pnl.loc[Y1, "se_sheltered"] == pytest.approx(10 - idle)


# ----- placement --------------------------------------------------------------------------------------
def realloc(horizon=1, discount=0.0, outflow=0.0):
    """B (10 SE, productivity 0.8) all in L (€5,000 per productive SE); H pays €15,000 per productive SE and
    B is 1.25x as productive there (0.8 x 1.25 = 1.0), but H takes at most 6 SE. A (sheltered only, 5 SE)
    may work only in L."""
    return model(groups=[group("B", 10, productivity=0.8, outflow=outflow),
                         group("A", 5, productivity=0.5, sheltered_only=True)],
                 pmcs=[pmc("L", va=5_000), pmc("H", "services", va=15_000, max=6)],
                 eligibility=[elig("B", "L", 10), elig("B", "H", factor=1.25), elig("A", "L", 5)],
                 horizon=horizon, discount=discount)


def test_placement_moves_employees_to_the_better_pmc_up_to_its_maximum():
    m = realloc()
    assert gain(m, ()) == pytest.approx(0, abs=CENT)
    r = solve(m, ALONE["placement"])
    # 6 SE x (1.0 x 15,000 in H - 0.8 x 5,000 in L) = 6 x 11,000 = 66,000
    assert r.npv - run_baseline(m).npv == pytest.approx(66_000, abs=CENT)
    assert [x(r, "B", "H", Y1), x(r, "B", "L", Y1), x(r, "A", "L", Y1)] == pytest.approx([6, 4, 5])
    assert r.pnl.loc[Y1, "se_moved"] == pytest.approx(6)


def test_placement_over_two_discounted_years_with_outflow():
    m = realloc(horizon=2, discount=0.05, outflow=0.1)
    r = solve(m, ALONE["placement"])
    # B shrinks to 9 and 8.1 SE; H is full (6 SE) both years, the rest stays in L.
    # 66,000 / 1.05 + 66,000 / 1.05^2 = 62,857.142857 + 59,863.945578 = 122,721.088435
    assert r.npv - run_baseline(m).npv == pytest.approx(122_721.09, abs=CENT)
    assert [x(r, "B", "H", t) for t in (Y1, Y2)] == pytest.approx([6, 6])
    assert [x(r, "B", "L", t) for t in (Y1, Y2)] == pytest.approx([3, 2.1])


# ----- the tiny company: all levers off is the baseline; the solver prices as evaluate() does ----------
def test_all_levers_off_reproduces_the_baseline_every_row_every_year(tiny_built):
    base = run_baseline(tiny_built)
    r = Optimiser(tiny_built).solve(Scenario(gap=0.0).with_levers(()))
    assert list(r.pnl.index) == tiny_built.years
    for t in tiny_built.years:
        for k in PNL_ROWS + KPI_ROWS:
            assert r.pnl.loc[t, k] == pytest.approx(base.pnl.loc[t, k], abs=CENT), (t, k)
    assert r.npv == pytest.approx(base.npv, abs=CENT)
    assert r.objective == pytest.approx(r.npv, abs=CENT)
    assert r.events.empty


def test_all_levers_off_reproduces_the_baseline_of_the_example():
    from conftest import EXAMPLE_XLSX

    if not EXAMPLE_XLSX.exists():
        pytest.skip("models/example.xlsx has not been built yet (models/build_example.py)")
    from sw_optimiser.workbook import load_model

    m = load_model(EXAMPLE_XLSX)
    base = run_baseline(m)
    r = Optimiser(m).solve(Scenario(gap=0.0).with_levers(()))
    for t in m.years:
        for k in PNL_ROWS + KPI_ROWS:
            assert r.pnl.loc[t, k] == pytest.approx(base.pnl.loc[t, k], abs=CENT), (t, k)
    assert r.objective == pytest.approx(r.npv, abs=CENT)


@pytest.mark.parametrize("levers", [ALONE[k] for k in LEVERS] + [set(LEVERS)], ids=list(LEVERS) + ["all"])
def test_solver_objective_equals_the_evaluated_npv(tiny_built, levers):
    """The MILP prices its plan exactly as evaluate() does (discounting and wage indexation included)."""
    r = Optimiser(tiny_built).solve(Scenario(gap=0.0).with_levers(tuple(levers)))
    assert r.status == "optimal"
    assert r.objective == pytest.approx(r.npv, abs=CENT)
    assert r.npv >= run_baseline(tiny_built).npv - CENT


def test_more_levers_never_worse_on_the_tiny_company(tiny_built):
    """Every lever set with placement, against the same set with one more lever; and placement alone
    against the baseline (the tiny company meets its contract minima today)."""
    opt = Optimiser(tiny_built)
    others = LEVERS[1:]
    npv = {}
    for n in range(len(others) + 1):
        for subset in itertools.combinations(others, n):
            npv[frozenset(subset)] = opt.solve(Scenario(gap=0.0).with_levers(("placement",) + subset)).npv
    for subset, value in npv.items():
        for lever in others:
            if lever not in subset:
                assert npv[subset | {lever}] >= value - CENT, (sorted(subset), lever)
    base = run_baseline(tiny_built)
    assert not base.warnings
    assert npv[frozenset()] >= base.npv - CENT
