"""Site plans held (scenario `site_plans`, siteplan.py): the plan is the best over the rest with each
candidate's sites and moves fixed, and the best candidate is chosen; a candidate that cannot be met is
named; a site plan that does not fit the company is refused with its key.

The case (no discounting or indexation; one-lever economics: idle allowed, moves not limited): group A
(20 SE) works in P1 (10 SE at S1) and P2 (10 SE at S2); neither PMC earns or costs anything else. S1
costs €100,000 a year, S2 €50,000 and S3 (empty) €80,000; each may go at once, without proceeds. P1 may
move to S2 or S3 at no cost (room enough at both); P2 may not move. Two plan years.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from cases import CENT, ISOLATED, Y1, Y2, elig, group, model, pmc, row, scenario, site

from sw_optimiser.baseline import run_baseline
from sw_optimiser.optimiser.infeasible import Infeasible
from sw_optimiser.optimiser.solve import Optimiser
from sw_optimiser.problems import InputError
from sw_optimiser.scenario import check_site_plans, parse_scenario, read_site_plans
from sw_optimiser.siteplan import SitePlan, describe, site_plan_of

SITES = ("placement", "sites")
LATE = SitePlan("S1 later", {"S1": Y2}, {"P1": "S2"})  # S1 one year: 100,000
S1_TO_S3 = SitePlan("S1 naar S3", {"S1": Y1}, {"P1": "S3"})  # S1 two years, S3 kept: 200,000
S3_ONLY = SitePlan("S3 dicht", {"S3": Y1})  # S3 two years: 160,000
S2_CLOSED = SitePlan("S2 dicht", {"S2": Y1})  # P2 cannot go anywhere and may not close (phase-out off)


def case():
    return model(groups=[group("A", 20)],
                 pmcs=[pmc("P1", va=0, site="S1", move=0), pmc("P2", va=0, site="S2")],
                 eligibility=[elig("A", "P1", 10), elig("A", "P2", 10)],
                 sites=[site("S1", capacity=20, cost=100_000), site("S2", capacity=30, cost=50_000),
                        site("S3", capacity=20, cost=80_000)], horizon=2)


def held(*plans):
    m = case()
    results = Optimiser(m, ISOLATED).solve(scenario(SITES, site_plans=plans))
    return results, results.npv - run_baseline(m).npv


def test_the_full_search_closes_s1_and_s3_at_once():
    m = case()
    results = Optimiser(m, ISOLATED).solve(scenario(SITES))
    assert results.npv - run_baseline(m).npv == pytest.approx(2 * (100_000 + 80_000), abs=CENT)
    # the plan's own site plan, to hold another time (P1 goes to S2, the only site left open)
    assert results.site_plan == SitePlan(results.scenario, {"S1": Y1, "S3": Y1}, {"P1": "S2"})
    assert not results.site_plan_given and results.site_plans is None


@pytest.mark.parametrize("plan, worth", [(LATE, 100_000), (S1_TO_S3, 200_000), (S3_ONLY, 160_000)])
def test_one_site_plan_held_gives_the_best_plan_with_it(plan, worth):
    results, gain = held(plan)
    assert gain == pytest.approx(worth, abs=CENT)
    assert results.status == "optimal" and results.site_plan is plan and results.site_plan_given
    assert [w.key for w in results.warnings] == ["warn.site_plan_given"]


def test_the_best_of_several_site_plans_is_chosen():
    results, gain = held(LATE, S1_TO_S3, S3_ONLY)
    assert gain == pytest.approx(200_000, abs=CENT)
    assert results.site_plan is S1_TO_S3
    base = run_baseline(case()).npv
    table = results.site_plans
    assert list(table["site_plan"]) == ["S1 later", "S1 naar S3", "S3 dicht"]
    assert list(table["npv"] - base) == pytest.approx([100_000, 200_000, 160_000], abs=CENT)
    assert list(table["status"]) == ["optimal"] * 3
    # the plan follows S1 naar S3: P1 at S3 both years, S1 closed, S3 open
    sites = results.sites
    assert [bool(row(sites, site="S1", year=t)["open"]) for t in (Y1, Y2)] == [False, False]
    assert [bool(row(sites, site="S3", year=t)["open"]) for t in (Y1, Y2)] == [True, True]
    assert [row(results.pmcs, pmc="P1", year=t)["site"] for t in (Y1, Y2)] == ["S3", "S3"]
    assert results.warnings[0].key == "warn.site_plan_chosen"


def test_a_site_plan_that_cannot_be_met_is_named_and_passed_over():
    results, gain = held(S2_CLOSED, LATE)
    assert gain == pytest.approx(100_000, abs=CENT)
    assert list(results.site_plans["status"]) == ["infeasible", "optimal"]
    with pytest.raises(Infeasible) as exc:
        held(S2_CLOSED)
    assert [(m.key, m.params) for m in exc.value.explanations] == [
        ("explain.site_plan", {"name": "S2 dicht"}),
        ("explain.site_plan_stranded", {"pmc": "P2", "site": "S2", "year": Y1})]


def test_a_site_plan_the_rules_cannot_meet_is_explained_by_the_rule():
    # S1 closes in the second year and P1 goes to S2, but S2 has room for 15 of the 20: the diagnosis
    # says 5 SE of group A have no work that year (a missing place is named before a site's room)
    m = dataclasses.replace(case(), sites=(case().sites[0], site("S2", capacity=15, cost=50_000), case().sites[2]))
    with pytest.raises(Infeasible) as exc:
        Optimiser(m, dataclasses.replace(ISOLATED, allow_idle=False)).solve(scenario(SITES, site_plans=(LATE,)))
    first, why = exc.value.explanations[:2]
    assert first.key == "explain.site_plan" and why.key == "explain.employ"
    assert (why.params["group"], why.params["year"].value, why.params["amount"].value) == ("A", Y2, pytest.approx(5))


def test_site_plans_are_ignored_with_the_sites_lever_off():
    m = case()
    results = Optimiser(m, ISOLATED).solve(scenario(("placement",), site_plans=(S3_ONLY,)))
    assert results.npv == pytest.approx(run_baseline(m).npv, abs=CENT)
    assert results.site_plan is None and not results.warnings


def test_a_site_plan_read_back_from_a_results_file_gives_the_same_plan(tmp_path):
    m = case()
    optimiser = Optimiser(m, ISOLATED)
    full = optimiser.solve(scenario(SITES))
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(full.to_dict()), encoding="utf-8")
    plans = read_site_plans(path)
    assert plans == (dataclasses.replace(full.site_plan, name=full.scenario),)
    again = optimiser.solve(scenario(SITES, site_plans=plans))
    assert again.npv == pytest.approx(full.npv, abs=CENT) and again.site_plan_given


def test_site_plans_in_a_scenario_file_round_trip():
    text = f"""levers: {{placement: true, sites: true}}
site_plans:
  - name: S1 naar S3
    close: {{S1: {Y1}}}
    move: {{P1: S3}}
"""
    s = parse_scenario(text, "s.yaml")
    assert s.site_plans == (S1_TO_S3,)
    assert parse_scenario(s.to_yaml(), "again.yaml").site_plans == (S1_TO_S3,)


@pytest.mark.parametrize("plan, key, code", [
    (SitePlan("x", {"S9": Y1}), "close.S9", "siteplan.unknown_site"),
    (SitePlan("x", {"S1": 2040}), "close.S1", "siteplan.year"),
    (SitePlan("x", {"S1": Y1}, {"P9": "S2"}), "move.P9", "siteplan.unknown_pmc"),
    (SitePlan("x", {"S3": Y1}, {"P1": "S2"}), "move.P1", "siteplan.home_open"),
    (SitePlan("x", {"S2": Y1}, {"P2": "S3"}), "move.P2", "siteplan.may_not_move"),  # P2 may not move
    (SitePlan("x", {"S1": Y2, "S3": Y2}, {"P1": "S3"}), "move.P1", "siteplan.closed_by_then"),
])
def test_a_site_plan_that_does_not_fit_the_company_is_refused_with_its_key(plan, key, code):
    with pytest.raises(InputError) as exc:
        check_site_plans(case(), scenario(SITES, site_plans=(S3_ONLY, plan)), "s.yaml")
    assert [(p.column, p.code) for p in exc.value.problems] == [(f"site_plans[2].{key}", code)]


def test_a_site_that_may_not_go_yet_is_refused():
    m = dataclasses.replace(case(), sites=(site("S1", cost=100_000, earliest=Y2), *case().sites[1:]))
    with pytest.raises(InputError) as exc:
        check_site_plans(m, scenario(SITES, site_plans=(SitePlan("x", {"S1": Y1}),)))
    (problem,) = exc.value.problems
    assert problem.code == "siteplan.too_early" and problem.params["earliest"] == Y2


def test_a_site_plan_in_words():
    assert describe(S1_TO_S3, "nl") == f"Locatieplan 'S1 naar S3': S1 dicht vanaf {Y1}; verhuist: P1 → S3"
    assert describe(SitePlan("geen"), "en") == "Site plan 'geen': every site stays open"


def test_the_site_plan_of_a_plan_names_closures_and_moves():
    m = case()
    plan = Optimiser(m, ISOLATED).solve(scenario(SITES, site_plans=(S1_TO_S3,))).plan
    assert site_plan_of(m, plan, "p") == SitePlan("p", {"S1": Y1}, {"P1": "S3"})
