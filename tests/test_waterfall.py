"""The lever waterfall on the tiny company: steps add up, and each step is the optimum of its lever set."""

import pytest

from sw_optimiser.optimiser.solve import Optimiser
from sw_optimiser.optimiser.waterfall import lever_waterfall
from sw_optimiser.scenario import LEVERS, Scenario

EXACT = Scenario(gap=0.0)


@pytest.fixture(scope="module")
def waterfall(tiny_model):
    return lever_waterfall(tiny_model, EXACT)


def test_steps_are_the_optima_of_growing_lever_sets(tiny_model, waterfall):
    steps = waterfall.steps.set_index("lever")
    # Baseline NPV by hand in tests/test_baseline.py.
    assert steps.loc["baseline", "npv"] == pytest.approx(-3_312_785.87, abs=0.01)  # policy-neutral baseline
    opt = Optimiser(tiny_model)
    for i, lever in enumerate(LEVERS, start=1):
        alone = opt.solve(EXACT.with_levers(LEVERS[:i])).npv
        assert steps.loc[lever, "npv"] == pytest.approx(alone, abs=0.01)
    # The gains of the steps add up to the whole: all levers against the baseline.
    gains = steps.loc[list(LEVERS), "gain"].sum()
    assert gains == pytest.approx(steps.loc["all", "gain"], abs=0.01)
    assert steps.loc["all", "npv"] == pytest.approx(steps.loc["baseline", "npv"] + gains, abs=0.01)
    assert (steps.loc[list(LEVERS), "gain"] >= -0.01).all()  # a lever only adds options


def test_each_lever_alone_is_measured_against_reallocation_alone(tiny_model, waterfall):
    alone = waterfall.alone.set_index("lever")["gain"]
    steps = waterfall.steps.set_index("lever")
    realloc = steps.loc["placement", "npv"]
    assert alone["placement"] == pytest.approx(realloc - steps.loc["baseline", "npv"], abs=0.01)
    opt = Optimiser(tiny_model)
    for lever in LEVERS[1:]:
        assert alone[lever] == pytest.approx(opt.solve(EXACT.with_levers(("placement", lever))).npv - realloc,
                                             abs=0.01)
    # Phase-out is second in the waterfall, so its step gain equals its gain alone.
    assert alone["phase_out"] == pytest.approx(steps.loc["phase_out", "gain"], abs=0.01)


def test_a_scenario_with_some_levers_gets_a_waterfall_over_those(tiny_model):
    w = lever_waterfall(tiny_model, EXACT.with_levers(("placement", "tariffs")))
    assert list(w.steps["lever"]) == ["baseline", "placement", "tariffs", "all"]
    assert list(w.alone["lever"]) == ["placement", "tariffs"]
    # Raising P4's tariff from €25 to €30 (level 3) pays once employees can be reallocated.
    assert w.alone.set_index("lever").loc["tariffs", "gain"] > 0
    table = w.table("en")
    assert list(table.columns) == ["Lever", "Net present value of the operating result", "Gain (NPV)", "Gain alone"]
