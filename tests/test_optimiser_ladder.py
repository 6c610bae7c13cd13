"""The start plan one lever at a time (optimiser.solve.LADDER): the order, and that each step starts from
the plan before it (its objective never falls) while the full solve still ends at the optimum."""

from __future__ import annotations

import pytest
from cases import CENT, ISOLATED, Y1, acquisition, elig, group, model, pmc, replace, row, scenario, tariff

from sw_optimiser.baseline import run_baseline
from sw_optimiser.optimiser.solve import LADDER, Optimiser, ladder


def test_the_ladder_adds_one_lever_at_a_time_sites_last():
    assert ladder(("sites", "phase_out", "placement", "tariffs")) == [
        ("placement",), ("placement", "tariffs"), ("placement", "tariffs", "phase_out")]
    assert ladder(("placement",)) == [] and ladder(("tariffs", "sites")) == []  # no reallocation: no start
    assert LADDER[0] == "placement" and LADDER[-1] == "sites"


def test_each_step_starts_from_the_plan_before_it_and_the_solve_ends_at_the_optimum():
    # As test_market_size_at_a_tariff_level_scales_with_its_demand (tests/test_optimiser_market_rules.py):
    # B 10 SE; D pays 20 €/h for 6 SE today, 50 €/h for 3 SE; a sales FTE (30,000) opens 4 SE, market 8 SE.
    # Reallocation alone changes nothing (6 x 20,000 = 120,000, the baseline); + tariffs: level 2 for
    # 3 SE = 150,000 (+30,000); + acquisition: 4 SE at level 2 = 200,000 - 30,000 = 170,000 (+50,000).
    m = model(groups=[group("B", 10)],
              pmcs=[replace(pmc("D", "individual_secondment", max=10), market_size=8.0)],
              eligibility=[elig("B", "D", 6)], tariffs=[tariff("D", 1, 20, 6, True), tariff("D", 2, 50, 3)],
              acquisition=[acquisition("individual_secondment", cost=30_000, demand=4)])
    base = run_baseline(m).npv
    opt = Optimiser(m, ISOLATED)
    r = opt.solve(scenario({"placement", "tariffs", "acquisition"}))
    # reallocation; + tariffs; then acquisition (the last lever) given the rest: the tariff held at level 2
    assert [(s.levers, s.free) for s in opt.steps] == [
        (("placement",), ("placement",)), (("placement", "tariffs"), ("placement", "tariffs")),
        (("placement", "tariffs", "acquisition"), ("acquisition",))]
    assert [s.objective - base for s in opt.steps] == pytest.approx([0, 30_000, 50_000], abs=CENT)
    assert r.npv - base == pytest.approx(50_000, abs=CENT) and r.status == "optimal"
    assert row(r.pmcs, pmc="D", year=Y1).se == pytest.approx(4)
    # the next solve with the same levers starts from this plan: no ladder again
    opt.solve(scenario({"placement", "tariffs", "acquisition"}))
    assert opt.steps == []
