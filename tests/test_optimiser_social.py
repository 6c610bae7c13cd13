"""Social limits of a scenario, and infeasible scenarios explained in the user's words.

Same conventions as tests/test_optimiser_levers.py: one plan year (2026) unless said otherwise, no
discounting or indexation, wage €30,000 and subsidy €25,000 per SE in every plan; gains against the
baseline, to the cent.
"""

from __future__ import annotations

import pytest
from cases import (CENT, SE_TOL, Y1, Y2, elig, events, gain, group, limits, model, partner, pmc, replace, row, site,
                   solve)

from sw_optimiser.baseline import run_baseline
from sw_optimiser.i18n import Amount, Message
from sw_optimiser.optimiser.solve import Infeasible
from sw_optimiser.scenario import SocialLimits

PLACEMENT = {"placement"}
PHASE_OUT = {"placement", "phase_out"}
SITES = {"placement", "sites"}


def realloc(horizon=1):
    """B (10 SE, productivity 0.8) in L (€5,000 per productive SE); H pays €15,000 and B is 1.0 productive
    there, H takes at most 6 SE: each SE moved earns 15,000 - 4,000 = 11,000. A (5 SE) stays in L.
    Everyone: 15 SE."""
    return model(groups=[group("B", 10, productivity=0.8), group("A", 5, productivity=0.5, sheltered_only=True)],
                 pmcs=[pmc("L", va=5_000), pmc("H", "services", va=15_000, max=6)],
                 eligibility=[elig("B", "L", 10), elig("B", "H", factor=1.25), elig("A", "L", 5)], horizon=horizon)


def loss_maker(horizon=1, closure=10_000):
    """P earns 10 SE x 0.5 x €8,000 = €40,000 a year against €60,000 fixed cost."""
    return model(groups=[group("A", 10, productivity=0.5)],
                 pmcs=[pmc("P", va=8_000, fixed=60_000, closure=closure)],
                 eligibility=[elig("A", "P", 10)], horizon=horizon)


# ----- max_move_share ---------------------------------------------------------------------------------
def test_max_move_share_limits_moves_per_year():
    m = realloc(horizon=2)
    limit = limits(max_move_share=0.2)  # 0.2 x 15 SE = 3 SE may change workplace a year
    r = solve(m, PLACEMENT, limit)
    # 3 SE move in 2026 and 3 more in 2027: 3 x 11,000 + 6 x 11,000 = 99,000 (unlimited: 2 x 66,000)
    assert r.npv - run_baseline(m).npv == pytest.approx(99_000, abs=CENT)
    assert [r.plan.placement.get(("B", "H", t), 0.0) for t in (Y1, Y2)] == pytest.approx([3, 6])
    for t in (Y1, Y2):
        assert r.pnl.loc[t, "se_moved"] <= 0.2 * r.pnl.loc[t, "se_total"] + SE_TOL
        assert r.pnl.loc[t, "se_moved"] == pytest.approx(3)
    unlimited = solve(m, PLACEMENT)
    assert unlimited.pnl.loc[Y1, "se_moved"] == pytest.approx(6)


def test_max_move_share_counts_a_pmc_moving_site():
    # P1 (8 SE) can leave S1 (€100,000 a year, sold for €50,000) for S2 at €20,000; all 8 change workplace.
    m = model(groups=[group("A", 8), group("B", 12)],
              pmcs=[pmc("P1", va=10_000, site="S1", move=20_000), pmc("P2", va=10_000, site="S2")],
              eligibility=[elig("A", "P1", 8), elig("B", "P2", 12)],
              sites=[site("S1", capacity=20, cost=100_000, divest=50_000), site("S2", capacity=30)])
    # 20 SE in all: 0.4 lets 8 move (gain 100,000 + 50,000 - 20,000 = 130,000). 0.3 lets 6 move, and
    # that is not enough: moving P1 with k of its SE moves k, and the other 8 - k lose their workplace,
    # 8 changes either way. So S1 stays and nothing changes.
    r = solve(m, SITES, limits(max_move_share=0.4))
    assert r.npv - run_baseline(m).npv == pytest.approx(130_000, abs=CENT)
    assert r.pnl.loc[Y1, "se_moved"] == pytest.approx(8)
    r = solve(m, SITES, limits(max_move_share=0.3))
    assert r.npv - run_baseline(m).npv == pytest.approx(0, abs=CENT)
    assert row(r.sites, site="S1", year=Y1).open
    assert r.pnl.loc[Y1, "se_moved"] == pytest.approx(0, abs=SE_TOL)


# ----- min_sheltered_se -------------------------------------------------------------------------------
@pytest.mark.parametrize("with_partner, expected_gain, in_l", [
    # B (10 SE, productivity 1) earns 5,000 per SE in sheltered L and 15,000 in H (services): all would go.
    # 4 sheltered places must remain: 6 move, 6 x 10,000 = 60,000
    (False, 60_000.0, 4),
    # A's 4 idle SE can fill them at a chain partner (1,000 each): all of B moves, 10 x 10,000 + 4 x 1,000
    (True, 104_000.0, 0),
])
def test_extra_sheltered_se_keeps_sheltered_places(with_partner, expected_gain, in_l):
    groups = [group("B", 10)]
    chain = []
    if with_partner:
        groups.append(group("A", 4, sheltered_only=True))
        chain = [partner("C", tariff=1_000, capacity=4, groups=("A",))]
    m = model(groups=groups, pmcs=[pmc("L", va=5_000), pmc("H", "services", va=15_000, max=10)],
              eligibility=[elig("B", "L", 10), elig("B", "H")], chain=chain)
    levers = {"placement", "chain"}
    # 4 sheltered places: beyond those A needs (4 with the partner, else 0)
    r = solve(m, levers, limits(extra_sheltered_se=0.0 if with_partner else 4.0))
    assert r.npv - run_baseline(m).npv == pytest.approx(expected_gain, abs=CENT)
    assert r.pnl.loc[Y1, "se_sheltered"] == pytest.approx(4)
    assert row(r.pmcs, pmc="L", year=Y1).se == pytest.approx(in_l, abs=SE_TOL)
    # without the limit all of B leaves L
    assert solve(m, levers).pnl.loc[Y1, "se_sheltered"] == pytest.approx(4 if with_partner else 0, abs=SE_TOL)


# ----- one_off_budget ---------------------------------------------------------------------------------
@pytest.mark.parametrize("budget, expected_gain, closes", [
    (5_000, 0.0, False),  # the closure costs 10,000: over the budget, P stays open
    (10_000, 10_000.0, True),  # 60,000 - 40,000 - 10,000
])
def test_one_off_budget_blocks_an_expensive_closure(budget, expected_gain, closes):
    m = loss_maker()
    r = solve(m, PHASE_OUT, limits(one_off_budget=float(budget)))
    assert r.npv - run_baseline(m).npv == pytest.approx(expected_gain, abs=CENT)
    assert bool(row(r.pmcs, pmc="P", year=Y1).open) is (not closes)
    assert r.pnl.loc[Y1, "one_off"] <= budget + CENT


@pytest.mark.parametrize("proceeds, budget, expected_gain", [
    (50_000, 0, 130_000.0),  # moving 20,000 less proceeds 50,000 = -30,000 net: within a zero budget
    (10_000, 0, 0.0),  # 20,000 - 10,000 = 10,000 net: over a zero budget
    (10_000, 10_000, 90_000.0),  # 100,000 + 10,000 - 20,000
])
def test_one_off_budget_is_net_of_proceeds(proceeds, budget, expected_gain):
    m = model(groups=[group("A", 8), group("B", 15)],
              pmcs=[pmc("P1", va=10_000, site="S1", move=20_000), pmc("P2", va=10_000, site="S2")],
              eligibility=[elig("A", "P1", 8), elig("B", "P2", 15)],
              sites=[site("S1", capacity=20, cost=100_000, divest=proceeds), site("S2", capacity=30)])
    r = solve(m, SITES, limits(one_off_budget=float(budget)))
    assert r.npv - run_baseline(m).npv == pytest.approx(expected_gain, abs=CENT)


def test_one_off_budget_in_a_company_without_one_off_decisions():
    """Nothing can cost anything once (no closure, move, reorganisation or divest amounts): the budget
    holds trivially and must not break the model."""
    m = realloc()
    assert gain(m, PHASE_OUT, limits(one_off_budget=0.0)) == pytest.approx(66_000, abs=CENT)


# ----- savings_target ---------------------------------------------------------------------------------
def test_savings_target_forces_a_plan():
    # Closing P costs 50,000 once and saves 20,000 a year: over 2 years -10,000, so it stays open...
    m = loss_maker(horizon=2, closure=50_000)
    r = solve(m, PHASE_OUT)
    assert r.npv - run_baseline(m).npv == pytest.approx(0, abs=CENT)
    assert row(r.pmcs, pmc="P", year=Y2).open
    # ...unless 2027 must be 20,000 better than the baseline: only closing in 2026 does that
    # (closing in 2027 makes 2027 20,000 - 50,000 worse), at an NPV of -10,000.
    r = solve(m, PHASE_OUT, limits(savings_target={Y2: 20_000.0}))
    base = run_baseline(m)
    assert r.npv - base.npv == pytest.approx(-10_000, abs=CENT)
    assert events(r) == [(Y1, "close_pmc", "P", 50_000.0)]
    assert r.pnl.loc[Y2, "operating_result"] - base.pnl.loc[Y2, "operating_result"] == pytest.approx(20_000, abs=CENT)
    assert r.pnl.loc[Y1, "operating_result"] - base.pnl.loc[Y1, "operating_result"] == pytest.approx(-30_000, abs=CENT)


# ----- infeasible scenarios, explained ------------------------------------------------------------------
def explanations(m, levers, limits, lang="nl"):
    """The explanations of the Infeasible the scenario raises, in `lang`. Limits are floats, as read
    from a scenario."""
    with pytest.raises(Infeasible) as info:
        solve(m, levers, limits)
    return [message.text(lang) for message in info.value.explanations]


def test_extra_sheltered_se_beyond_the_sheltered_employees():
    # Only A (sheltered only, 10 SE, 10 % outflow) can fill sheltered places; B works in services.
    # A holds its own places (9 SE in 2026, 8.1 in 2027); 5 more required: 14 and 13.1, 5 short each year.
    m = model(groups=[group("A", 10, outflow=0.1, sheltered_only=True), group("B", 3)],
              pmcs=[pmc("L", va=5_000, max=20), pmc("H", "services", va=10_000)],
              eligibility=[elig("A", "L", 10), elig("B", "H", 3)], horizon=2)
    extra = limits(extra_sheltered_se=5.0)
    assert explanations(m, PLACEMENT, extra) == [
        "In 2026 zijn minstens 14,0 beschutte plaatsen vereist, maar er kunnen er 5,0 te weinig worden ingevuld",
        "In 2027 zijn minstens 13,1 beschutte plaatsen vereist, maar er kunnen er 5,0 te weinig worden ingevuld",
    ]
    assert explanations(m, PLACEMENT, extra, lang="en") == [
        "In 2026 at least 14.0 sheltered places are required, but 5.0 of them cannot be filled",
        "In 2027 at least 13.1 sheltered places are required, but 5.0 of them cannot be filled",
    ]
    # As a share: 80 % of 12 SE = 9.6 in 2026 (A has 9: 0.6 short), of 11.1 SE = 8.88 in 2027 (8.1: 0.78)
    assert explanations(m, PLACEMENT, limits(min_sheltered_share=0.8), lang="en") == [
        "In 2026 at least 9.6 sheltered places are required, but 0.6 of them cannot be filled",
        "In 2027 at least 8.9 sheltered places are required, but 0.8 of them cannot be filled"]


def test_extra_sheltered_se_without_any_sheltered_workplace():
    """No sheltered PMC and no chain partner: the rule is over nothing and must still be explained."""
    m = model(groups=[group("B", 10)], pmcs=[pmc("G", "services", va=10_000)], eligibility=[elig("B", "G", 10)])
    assert explanations(m, PLACEMENT, limits(extra_sheltered_se=3.0), lang="en") == [
        "In 2026 at least 3.0 sheltered places are required, but 3.0 of them cannot be filled"]


def test_contract_minimum_that_cannot_be_met():
    # P's contract needs 12 SE; only 10 SE can work there. Placement enforces the minimum.
    m = model(groups=[group("A", 10, productivity=0.5)], pmcs=[pmc("P", va=8_000, min=12)],
              eligibility=[elig("A", "P", 10)])
    assert run_baseline(m).warnings  # the baseline carries on below the minimum, with a warning
    assert explanations(m, PLACEMENT, SocialLimits()) == [
        "In 2026 vraagt het contract van PMC P (pmc P) minstens 12,0 SE, maar er zijn 2,0 SE te weinig beschikbaar"]
    assert explanations(m, PLACEMENT, SocialLimits(), lang="en") == [
        "In 2026 the contract of PMC P (pmc P) requires at least 12.0 SE, but 2.0 SE are missing"]
    # with phase-out the contract can end: P closes and its 10 SE are idle (value added 40,000 lost)
    r = solve(m, PHASE_OUT)
    assert not row(r.pmcs, pmc="P", year=Y1).open
    assert r.npv - run_baseline(m).npv == pytest.approx(-40_000, abs=CENT)


def test_one_solve_reads_in_either_language():
    """Warnings and explanations are kept as messages, put into words when shown: the same solve (and
    baseline) reads in Dutch and in English, amounts formatted for each."""
    m = model(groups=[group("A", 10, productivity=0.5)], pmcs=[pmc("P", va=8_000, min=12)],
              eligibility=[elig("A", "P", 10)])
    with pytest.raises(Infeasible) as info:
        solve(m, PLACEMENT)
    (why,) = info.value.explanations
    assert why.text("nl") == ("In 2026 vraagt het contract van PMC P (pmc P) minstens 12,0 SE, "
                              "maar er zijn 2,0 SE te weinig beschikbaar")
    assert why.text("en") == "In 2026 the contract of PMC P (pmc P) requires at least 12.0 SE, but 2.0 SE are missing"
    assert str(info.value) == why.text("nl") and info.value.text("en") == why.text("en")
    (warning,) = run_baseline(m).warnings
    assert warning.text("nl") == "PMC P (pmc P) zakt in 2025 onder het contractminimum: 10,0 SE, minimum 12,0 SE"
    assert warning.text("en") == "PMC P (pmc P) falls below its contract minimum in 2025: 10.0 SE, minimum 12.0 SE"


def test_time_limit_warning_formats_its_gap_per_language():
    warning = Message("warn.time_limit", {"gap": Amount(0.0123, "percent", 2), "amount": Amount(478_350.4, "eur")})
    assert warning.text("nl") == ("De tijdslimiet kwam voor het bewijs: dit is het beste plan tot nu toe; geen plan "
                                  "is meer dan € 478.350 contante waarde beter (1,23 %). Een andere run of machine "
                                  "kan een ander plan geven.")
    assert warning.text("en") == ("The time limit came before the proof: this is the best plan so far; no plan is "
                                  "better by more than €478,350 of net present value (1.23 %). Another run or "
                                  "machine may give another plan.")
    assert Message("explain.one_off_budget", {"year": Amount(2026), "limit": Amount(4_000.0, "eur"),
                                              "amount": Amount(1_234.6, "eur")}).text("nl") == (
        "In 2026 gaan de eenmalige kosten € 1.235 over het budget van € 4.000")


def test_savings_target_out_of_reach_names_the_shortfall_in_euros():
    # The best 2026 can do is close P: 10,000 better than the baseline. A target of 25,000 misses 15,000.
    m = loss_maker()
    limit = limits(savings_target={Y1: 25_000.0})
    assert explanations(m, PHASE_OUT, limit) == [
        "In 2026 haalt het plan de taakstelling van € 25.000 niet: er ontbreekt € 15.000"]
    assert explanations(m, PHASE_OUT, limit, lang="en") == [
        "In 2026 the plan misses the savings target of €25,000 by €15,000"]
    # reachable at exactly 10,000
    r = solve(m, PHASE_OUT, replace(limit, savings_target={Y1: 10_000.0}))
    assert r.npv - run_baseline(m).npv == pytest.approx(10_000, abs=CENT)


def test_one_off_budget_that_blocks_what_another_rule_needs():
    # The contract minimum of P (12 SE, 10 available) can only be met by closing P, which costs 10,000;
    # the budget is 4,000: the explanation names the budget, 6,000 over (the cheaper rule to relax: 2 SE
    # of contract weigh as much as €20,000).
    m = model(groups=[group("A", 10, productivity=0.5)], pmcs=[pmc("P", va=8_000, min=12, closure=10_000)],
              eligibility=[elig("A", "P", 10)])
    assert explanations(m, PHASE_OUT, limits(one_off_budget=4_000.0), lang="en") == [
        "In 2026 the one-off costs exceed the budget of €4,000 by €6,000"]


def test_savings_target_shortfall_is_not_blamed_on_the_market_maximum():
    # G takes 6 of B's 10 SE at €30,000 each; nothing can improve on the baseline, so any positive target
    # is missed by its full amount. The diagnosis must name the scenario's target, not relax the market
    # maximum (1.7 more SE at €30,000 would "pay" for it if both kinds of slack weighed the same).
    m = model(groups=[group("B", 10)], pmcs=[pmc("G", "services", va=30_000, max=6)], eligibility=[elig("B", "G", 6)])
    assert explanations(m, PLACEMENT, limits(savings_target={Y1: 50_000.0}), lang="en") == [
        "In 2026 the plan misses the savings target of €50,000 by €50,000"]
