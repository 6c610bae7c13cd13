"""The same inputs give the same plan (issue 21 item 3): every search stops on its gap or a node count,
never on where a wall-clock limit happens to fall; a solve cut short by the user keeps the best plan an
earlier solve of the same levers found; the gap is measured in euros against the solver's bound."""

from __future__ import annotations

import dataclasses

import pytest
from cases import CENT, scenario
from conftest import EXAMPLE_XLSX

from sw_optimiser.baseline import run_baseline
from sw_optimiser.optimiser.solve import Optimiser
from sw_optimiser.scenario import LEVERS
from sw_optimiser.workbook import load_model

ALL = set(LEVERS)


def _plan(r):
    """What a plan decides, as plain values: volumes per PMC and year, sites open, the decisions."""
    return (r.pmcs[["pmc", "year", "se"]].round(6).to_dict("records"),
            r.sites[["site", "year", "open"]].to_dict("records"),
            r.events[["year", "kind", "subject"]].to_dict("records"))


@pytest.mark.slow
def test_a_solve_stopped_by_its_work_limit_gives_the_same_plan_whatever_the_time_limit():
    example_model = load_model(EXAMPLE_XLSX)
    # The example with the sites lever alone: after one node of branch and bound no plan is proven
    # (0.5 % gap), so the work limit stops the solve, and stops it at the same plan under a time limit
    # ten times longer and in a fresh optimiser again (before, each step's share of the time limit and the
    # full solve's remaining time decided where the search stopped).
    runs = [Optimiser(example_model).solve(dataclasses.replace(scenario({"sites"}, nodes=1, time_limit=limit), gap=0.005)) for limit in (600, 6000, 600)]
    assert all(r.status == "time_limit" and r.stopped == "work" for r in runs)
    assert _plan(runs[0]) == _plan(runs[1]) == _plan(runs[2])
    assert runs[0].npv == runs[1].npv == runs[2].npv
    assert [w.key for w in runs[0].warnings].count("warn.work_limit") == 1
    # the bound is the solver's proof: no plan beats it, and the gap is that distance in euros over the
    # larger of the plan's and the baseline's NPV (here the plan's: both about -36 million)
    r, base = runs[0], run_baseline(example_model).npv
    assert r.bound > r.objective
    assert r.gap == pytest.approx((r.bound - r.objective) / max(abs(r.objective), abs(base)))
    assert "geen plan is meer dan € " in r.warnings[0].text("nl")


def test_a_solve_cut_short_keeps_the_best_plan_found_before_for_the_same_levers(tiny_built):
    opt = Optimiser(tiny_built)
    best = opt.solve(scenario(ALL))
    assert best.status == "optimal" and best.stopped is None
    fewer = opt.solve(scenario({"placement"}))
    assert fewer.npv < best.npv - 1.0  # the levers are worth something on the tiny company
    # Back to every lever, stopped at once (as the explorer's cancel button does): the solver has only the
    # reallocation plan it starts from, but this optimiser found a better plan for these levers before.
    again = opt.solve(scenario(ALL), should_stop=lambda: True)
    assert again.npv == pytest.approx(best.npv, abs=CENT)
    assert _plan(again) == _plan(best)
    assert "warn.earlier_plan" in [w.key for w in again.warnings]


def test_a_proven_plan_is_optimal_within_the_gap_measured_against_the_baseline(tiny_built):
    # gap 0.5 %: HiGHS stops once no plan beats this one by more than 0.5 % of the baseline's NPV
    # (the larger of the two here), so the reported gap never exceeds it
    base = run_baseline(tiny_built).npv
    r = Optimiser(tiny_built).solve(dataclasses.replace(scenario(ALL), gap=0.005))
    assert r.status == "optimal" and r.gap <= 0.005 + 1e-9
    assert r.bound - r.objective <= 0.005 * max(abs(r.objective), abs(base)) + CENT


@pytest.mark.slow
def test_the_start_plan_steps_report_their_best_plan_without_a_bound():
    """While the start plan is built one lever at a time, progress reports each step's best plan and no
    bound (a step's own bound holds only with the decisions it keeps fixed). On the example with every
    lever the phase-out step alone searches for seconds. The test stops the solve at the first report of
    a plan: the plan HiGHS held when it was interrupted is the plan returned (Pyomo reports none)."""
    example_model = load_model(EXAMPLE_XLSX)
    placement = Optimiser(example_model).solve(scenario({"placement"})).npv
    reports = []
    opt = Optimiser(example_model)
    r = opt.solve(dataclasses.replace(scenario(ALL), gap=0.005),
                  progress=lambda best, bound, seconds: reports.append((best, bound, seconds)),
                  should_stop=lambda: any(best is not None for best, _, _ in reports))
    assert all(bound is None and seconds > 0 for _, bound, seconds in reports)
    best = next(best for best, _, _ in reports if best is not None)
    assert best >= placement - 1.0  # a step starts from the plan before it, at least the reallocation plan
    assert r.stopped == "user" and r.status == "time_limit" and r.bound is None
    assert r.npv >= best - 1.0 and r.npv == pytest.approx(r.objective, abs=CENT)
    assert all(len(step.levers) < len(LEVERS) for step in opt.steps)  # stopped within the ladder
