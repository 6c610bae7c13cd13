"""The rules that make a plan one a works council could accept: the right to work, supported employment
that stays, and moving people that costs and is limited (docs/model.md).

Same conventions as tests/test_optimiser_levers.py: base year 2025, one plan year (2026) unless said
otherwise, no discounting or indexation, wage €30,000 and subsidy €25,000 per SE in every plan; gains
against the baseline, to the cent. Unlike the lever cases, these run with the default social limits
(`SocialLimits()`: nobody idle, at most 10 % of a group changes workplace a year) unless a test says so.
"""

from __future__ import annotations

import dataclasses

import pytest
from cases import CENT, SE_TOL, Y1, Y2, Y3, elig, events, group, limits, model, pmc, row, solve

from sw_optimiser.baseline import run_baseline
from sw_optimiser.optimiser.solve import Infeasible
from sw_optimiser.scenario import Changes, SocialLimits, apply_changes, parse_scenario

DEFAULT = SocialLimits()
PLACEMENT = {"placement"}
PHASE_OUT = {"placement", "phase_out"}


def gain_of(r, m) -> float:
    return r.npv - run_baseline(m).npv


def explanations(m, levers, social, lang="nl"):
    with pytest.raises(Infeasible) as info:
        solve(m, levers, social)
    return [message.text(lang) for message in info.value.explanations]


# ----- the right to work ----------------------------------------------------------------------------
def weak_pmc():
    """A (10 SE, productivity 1) works 6 SE in P (€8,000 per SE, at most 6) and 4 SE in Q (€1,000 per SE,
    fixed cost €30,000). Closing Q saves 30,000 - 4 x 1,000 = 26,000, but leaves its 4 SE without work."""
    return model(groups=[group("A", 10)],
                 pmcs=[pmc("P", "services", va=8_000, max=6), pmc("Q", "services", va=1_000, fixed=30_000)],
                 eligibility=[elig("A", "P", 6), elig("A", "Q", 4)])


def test_nobody_is_left_without_work_to_save_money():
    m = weak_pmc()
    # Idle allowed (the lever cases' setting): Q closes and 4 SE sit at home: +26,000.
    idle = solve(m, PHASE_OUT, limits())
    assert gain_of(idle, m) == pytest.approx(26_000, abs=CENT)
    assert row(idle.groups, group="A", year=Y1).idle == pytest.approx(4)
    # By default everyone keeps work: Q stays open for its 4 SE, gain 0.
    r = solve(m, PHASE_OUT, DEFAULT)
    assert gain_of(r, m) == pytest.approx(0, abs=CENT)
    assert row(r.pmcs, pmc="Q", year=Y1).open
    assert r.pnl.loc[Y1, "se_idle"] == pytest.approx(0, abs=SE_TOL)


@pytest.mark.parametrize("cost, closes, objective_gain", [
    (10_000, False, 0.0),  # 26,000 - 4 x 10,000 = -14,000: Q stays open
    (5_000, True, 6_000.0),  # 26,000 - 4 x 5,000 = +6,000: Q closes, the result gains 26,000
])
def test_idle_allowed_at_a_social_cost(cost, closes, objective_gain):
    m = weak_pmc()
    # (sending 4 SE home is a change of workplace too: the move limit is lifted here)
    r = solve(m, PHASE_OUT, dataclasses.replace(DEFAULT, allow_idle=True, idle_cost=float(cost), group_move_share=None))
    assert (not row(r.pmcs, pmc="Q", year=Y1).open) == closes
    assert gain_of(r, m) == pytest.approx(26_000 if closes else 0, abs=CENT)  # the social cost is not in the result
    assert r.objective - run_baseline(m).npv == pytest.approx(objective_gain, abs=CENT)


def test_a_group_that_cannot_be_placed_is_named():
    # A: 10 SE, today 6 in P and 4 without work (the baseline carries them on idle, as a finding).
    # P takes at most 6: with reallocation on, 4 SE of A have no place.
    m = model(groups=[group("A", 10)], pmcs=[pmc("P", "services", va=8_000, max=6)],
              eligibility=[elig("A", "P", 6)])
    assert run_baseline(m).pnl.loc[Y1, "se_idle"] == pytest.approx(4)
    assert explanations(m, PLACEMENT, DEFAULT) == [
        "In 2026 is er voor 4,0 SE van groep A (groep A) geen passend werk: iedere Wsw-medewerker houdt werk, "
        "maar waar deze groep mag werken (P) is niet genoeg plaats binnen de grenzen van het scenario"]
    assert explanations(m, PLACEMENT, DEFAULT, lang="en") == [
        "In 2026 there is no suitable work for 4.0 SE of group A (groep A): every Wsw employee keeps work, "
        "but where this group may work (P) there is not enough room within the scenario's limits"]


def test_groups_that_need_sheltered_work_stay_placed_unless_that_is_allowed_too():
    # S (sheltered only, 5 SE) in workshop W (€500 per SE, fixed €20,000): closing W saves 17,500 and
    # leaves S without work. allow_idle alone does not allow that for S.
    m = model(groups=[group("S", 5, sheltered_only=True)], pmcs=[pmc("W", va=500, fixed=20_000)],
              eligibility=[elig("S", "W", 5)])
    unlimited = dataclasses.replace(DEFAULT, group_move_share=None)  # all 5 leave W at once
    r = solve(m, PHASE_OUT, dataclasses.replace(unlimited, allow_idle=True))
    assert row(r.pmcs, pmc="W", year=Y1).open and gain_of(r, m) == pytest.approx(0, abs=CENT)
    r = solve(m, PHASE_OUT, dataclasses.replace(unlimited, allow_idle=True, allow_idle_sheltered=True))
    assert not row(r.pmcs, pmc="W", year=Y1).open
    assert gain_of(r, m) == pytest.approx(20_000 - 5 * 500, abs=CENT)


# ----- supported employment stays ---------------------------------------------------------------------
def supported(outflow=0.0, employer_demand=1.0):
    """A (10 SE) works at an employer (supported employment E, at most 10, €1,000 per SE to the company);
    services G would pay €20,000 per SE (at most 10): moving one SE there would earn 19,000.
    `employer_demand` scales E's maximum, as a scenario's demand factor does."""
    m = model(groups=[group("A", 10, outflow=outflow)],
              pmcs=[pmc("E", "supported_employment", va=1_000, max=10), pmc("G", "services", va=20_000, max=10)],
              eligibility=[elig("A", "E", 10), elig("A", "G")])
    return apply_changes(m, Changes(demand={"E": employer_demand}))


def test_supported_employment_is_not_pulled_back():
    m = supported()
    r = solve(m, PLACEMENT, limits())  # even without a move limit
    assert row(r.pmcs, pmc="E", year=Y1).se == pytest.approx(10)
    assert gain_of(r, m) == pytest.approx(0, abs=CENT)


def test_supported_employment_falls_with_outflow_and_with_the_employers_demand():
    # 10 % outflow: 9 SE remain with the employer in 2026, and all 9 stay there.
    r = solve(supported(outflow=0.1), PLACEMENT, limits())
    assert row(r.pmcs, pmc="E", year=Y1).se == pytest.approx(9)
    # The employer wants only 6 (demand): the 3 others may come back and go to G: 3 x 19,000 = 57,000.
    m = supported(outflow=0.1, employer_demand=0.6)
    r = solve(m, PLACEMENT, limits())
    assert row(r.pmcs, pmc="E", year=Y1).se == pytest.approx(6)
    assert gain_of(r, m) == pytest.approx(57_000, abs=CENT)


# ----- moving people costs and is limited ---------------------------------------------------------------
def realloc(horizon=1, move_cost=2_000.0):
    """B (10 SE, productivity 0.8) in L (€5,000 per productive SE = 4,000 per SE); in H (max 6) B is fully
    productive at €15,000: each SE moved earns 11,000 a year, and costs `move_cost` once."""
    return model(groups=[group("B", 10, productivity=0.8, move_cost=move_cost)],
                 pmcs=[pmc("L", va=5_000), pmc("H", "services", va=15_000, max=6)],
                 eligibility=[elig("B", "L", 10), elig("B", "H", factor=1.25)], horizon=horizon)


def test_moving_costs_its_group_move_cost():
    m = realloc()
    r = solve(m, PLACEMENT, limits())  # no move limit
    # 6 SE move: 6 x 11,000 - 6 x 2,000 = 54,000
    assert gain_of(r, m) == pytest.approx(54_000, abs=CENT)
    assert events(r, "move_people") == [(Y1, "move_people", "B", 12_000.0)]
    assert r.objective == pytest.approx(r.npv, abs=CENT)  # the solver prices the move as evaluate() does
    # the detail is the number of people, in words in the reader's number format (it was a raw float)
    [detail] = r.events[r.events.kind == "move_people"].detail
    assert detail == pytest.approx(6.0)
    from sw_optimiser.results import event_detail

    assert (event_detail(detail, "nl"), event_detail(6.26, "nl"), event_detail(6.26, "en")) == (
        "6,0 SE", "6,3 SE", "6.3 SE")
    assert event_detail("S2 → S5", "nl") == "S2 → S5"


def test_at_most_ten_percent_of_a_group_moves_a_year():
    # 10 % of 10 SE = 1 SE a year: 2026 one SE to H, 2027 one more.
    # 2026: 11,000 - 2,000 = 9,000; 2027: 2 x 11,000 - 2,000 = 20,000; together 29,000.
    m = realloc(horizon=2)
    r = solve(m, PLACEMENT, DEFAULT)
    assert [r.plan.placement.get(("B", "H", t), 0.0) for t in (Y1, Y2)] == pytest.approx([1, 2])
    assert [r.pnl.loc[t, "se_moved"] for t in (Y1, Y2)] == pytest.approx([1, 1])
    assert gain_of(r, m) == pytest.approx(29_000, abs=CENT)
    # a scenario may widen it: 30 % -> 3 + 3 SE: 2026 3 x 9,000 = 27,000; 2027 6 x 11,000 - 6,000 = 60,000
    wide = solve(m, PLACEMENT, dataclasses.replace(DEFAULT, group_move_share=0.3))
    assert gain_of(wide, m) == pytest.approx(87_000, abs=CENT)


def test_a_small_gain_does_not_move_people_back_and_forth():
    # Q pays €500 a year more per SE than P for the same work: over three years 1,500 per SE, less than
    # the move cost of 2,000. Free moves would send everyone to Q; with the cost nobody moves.
    def company(move_cost):
        return model(groups=[group("A", 10, move_cost=move_cost)],
                     pmcs=[pmc("P", "services", va=10_000), pmc("Q", "services", va=10_500)],
                     eligibility=[elig("A", "P", 10), elig("A", "Q")], horizon=3)
    free = solve(company(0.0), PLACEMENT, limits())
    assert free.plan.placement.get(("A", "Q", Y1), 0.0) == pytest.approx(10)
    paid = company(2_000.0)
    r = solve(paid, PLACEMENT, limits())
    assert [r.plan.placement.get(("A", "P", t), 0.0) for t in (Y1, Y2, Y3)] == pytest.approx([10, 10, 10])
    assert r.pnl.loc[[Y1, Y2, Y3], "se_moved"].sum() == pytest.approx(0, abs=SE_TOL)
    assert gain_of(r, paid) == pytest.approx(0, abs=CENT)


def test_group_move_limit_explained():
    # 8 SE of A work in P, whose market falls to a quarter (2 SE): 6 SE must go to G, but 10 % of A
    # (0.8 SE) may change workplace in a year: 5.2 SE too many.
    m = model(groups=[group("A", 8)], pmcs=[pmc("P", "services", va=1_000, max=8), pmc("G", "services", va=1_000)],
              eligibility=[elig("A", "P", 8), elig("A", "G")])
    m = apply_changes(m, Changes(demand={"P": 0.25}))
    assert explanations(m, PLACEMENT, DEFAULT, lang="en") == [
        "In 2026 5.2 SE of group A (groep A) more must change workplace than the 0.8 SE allowed"]
    assert explanations(m, PLACEMENT, DEFAULT) == [
        "In 2026 moeten 5,2 SE van groep A (groep A) meer van werkplek wisselen dan de toegestane 0,8 SE"]


# ----- sheltered places beyond need ---------------------------------------------------------------------
def test_an_absolute_number_of_sheltered_places_is_refused_with_its_replacement():
    with pytest.raises(Exception) as info:
        parse_scenario("social:\n  min_sheltered_se: 500\n", "s.yaml")
    text = str(info.value)
    assert "min_sheltered_se" in text and "extra_sheltered_se" in text and "min_sheltered_share" in text


def test_social_limits_survive_a_save_and_reload():
    # "no limit per group" (null) and the idle settings read back as saved, not as the defaults
    from sw_optimiser.scenario import Scenario

    social = SocialLimits(group_move_share=None, allow_idle=True, idle_cost=5_000.0, extra_sheltered_se=20.0)
    saved = Scenario(name="s", social=social).to_yaml()
    assert parse_scenario(saved, "s.yaml").social == social
    assert "social" not in Scenario(name="d").to_dict()  # the defaults are not written out
