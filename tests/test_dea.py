"""DEA (sw_optimiser.benchmarking.dea): hand-computed cases and properties on random data."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sw_optimiser.benchmarking.dea import DEAInputError, run_dea

# --- Textbook case: 2 inputs, 1 output (= 1 for all), CCR input-oriented -----------------------
# On the (x1, x2) plane the frontier is the convex hull A(2,5) - B(3,3) - C(6,2), extended
# vertically above A (x1 = 2) and horizontally right of C (x2 = 2).
#   slope A-B = (3-5)/(3-2) = -2, slope B-C = (2-3)/(6-3) = -1/3: convex, B below line A-C
#   (line A-C at x1=3 gives x2 = 5 - 3/4 = 4.25 > 3), so A, B, C are efficient.
TEXTBOOK = pd.DataFrame({
    "id": ["A", "B", "C", "D", "E", "F"],
    "x1": [2.0, 3.0, 6.0, 4.0, 8.0, 5.0],
    "x2": [5.0, 3.0, 2.0, 6.0, 2.0, 4.0],
    "y": [1.0] * 6,
})


@pytest.fixture(scope="module")
def textbook():
    return run_dea(TEXTBOOK, ["x1", "x2"], ["y"], model="crs", orientation="input", super_efficiency=True)


def test_textbook_efficient_units(textbook):
    table = textbook.table
    for dmu in "ABC":
        assert table.loc[dmu, "efficiency"] == pytest.approx(1.0)
        assert table.loc[dmu, "status"] == "efficient"
        assert textbook.peers[dmu] == pytest.approx({dmu: 1.0})


def test_textbook_inefficient_d(textbook):
    # D(4,6): the ray t*(4,6) meets segment A-B (x2 = 9 - 2 x1) where 6t = 9 - 8t -> t = 9/14.
    # Projection (18/7, 27/7) = a*A + b*B: 2a + 3b = 18/7 and 5a + 3b = 27/7 -> a = 3/7, b = 4/7.
    row = textbook.table.loc["D"]
    assert row["score"] == pytest.approx(9 / 14)
    assert row["status"] == "inefficient"
    assert textbook.peers["D"] == pytest.approx({"A": 3 / 7, "B": 4 / 7})
    assert row["target_x1"] == pytest.approx(18 / 7)
    assert row["target_x2"] == pytest.approx(27 / 7)
    assert row["slack_x1"] == pytest.approx(0, abs=1e-9) and row["slack_x2"] == pytest.approx(0, abs=1e-9)


def test_textbook_inefficient_f(textbook):
    # F(5,4): segment B-C is x2 = 4 - x1/3; 4t = 4 - 5t/3 -> t = 12/17.
    # Projection (60/17, 48/17) = b*B + c*C: 3b + 6c = 60/17, 3b + 2c = 48/17 -> c = 3/17, b = 14/17.
    row = textbook.table.loc["F"]
    assert row["score"] == pytest.approx(12 / 17)
    assert textbook.peers["F"] == pytest.approx({"B": 14 / 17, "C": 3 / 17})
    assert row["target_x1"] == pytest.approx(60 / 17)
    assert row["target_x2"] == pytest.approx(48 / 17)


def test_textbook_weakly_efficient_e_has_slack_after_phase_2(textbook):
    # E(8,2) lies on the horizontal extension of the frontier right of C: no DMU uses less than
    # x2 = 2, so 2t >= 2 -> theta = 1. Phase 2: with theta = 1 the only way to x2 <= 2 is C,
    # leaving an x1 slack of 8 - 6 = 2. Weakly efficient, peer C, target (6, 2).
    row = textbook.table.loc["E"]
    assert row["score"] == pytest.approx(1.0)
    assert row["slack_x1"] == pytest.approx(2.0)
    assert row["slack_x2"] == pytest.approx(0.0, abs=1e-9)
    assert row["status"] == "weakly_efficient" and not row["efficient"]
    assert textbook.peers["E"] == pytest.approx({"C": 1.0})
    assert (row["target_x1"], row["target_x2"]) == pytest.approx((6.0, 2.0))


def test_textbook_super_efficiency(textbook):
    table = textbook.table
    # B left out: frontier A-C is x2 = 5 - 3/4 (x1 - 2); 3t = 6.5 - 9t/4 -> t = 6.5/5.25 = 26/21.
    assert table.loc["B", "super_efficiency"] == pytest.approx(26 / 21)
    # C left out: segment B(3,3)-E(8,2) is x2 = 3 - (x1 - 3)/5; 2t = 3 - (6t - 3)/5 -> 16t = 18 -> 9/8.
    assert table.loc["C", "super_efficiency"] == pytest.approx(9 / 8)
    # A left out: no other DMU uses x1 < 3 (B), so 2t >= 3 -> t = 3/2.
    assert table.loc["A", "super_efficiency"] == pytest.approx(1.5)
    # inefficient (and weakly efficient) units keep their normal score
    for dmu in "DEF":
        assert table.loc[dmu, "super_efficiency"] == pytest.approx(table.loc[dmu, "score"])
    assert table["super_feasible"].all()


def test_textbook_benchlearning(textbook):
    bench = textbook.benchlearning("F")
    assert bench.efficiency == pytest.approx(12 / 17)
    assert dict(bench.peers["lambda"]) == pytest.approx({"B": 14 / 17, "C": 3 / 17})
    assert bench.peers["efficient"].all()
    assert bench.targets.loc["x1", "target"] == pytest.approx(60 / 17)
    # change in % of x1: (60/17 - 5) / 5 = -5/17
    assert bench.targets.loc["x1", "change_pct"] == pytest.approx(-5 / 17)
    assert textbook.benchlearning("A").peers.empty  # efficient: nobody to learn from
    with pytest.raises(KeyError):
        textbook.benchlearning("Z")


def test_order_of_dmus_does_not_matter():
    # the one LP is re-targeted DMU after DMU; solving in another order must give the same scores
    reversed_result = run_dea(TEXTBOOK.iloc[::-1], ["x1", "x2"], ["y"])
    assert reversed_result.table.loc["F", "score"] == pytest.approx(12 / 17)
    assert reversed_result.table.loc["D", "score"] == pytest.approx(9 / 14)


def test_textbook_warns_about_few_dmus(textbook):
    # 6 DMUs < max(2*1, 3*(2+1)) = 9
    assert any(m.code == "dea.warn.few_dmus" and m.detail["need"] == 9 for m in textbook.messages)


# --- BCC output-oriented: 1 input, 1 output ----------------------------------------------------
# BCC frontier: P(2,1) - Q(4,4) - R(6,5), flat (y = 5) to the right of R.
BCC = pd.DataFrame({"id": list("PQRSTU"), "x": [2.0, 4, 6, 4, 5, 7], "y": [1.0, 4, 5, 2, 3, 5]})


def test_bcc_output_oriented_hand_values():
    result = run_dea(BCC, ["x"], ["y"], model="vrs", orientation="output", super_efficiency=True)
    table = result.table
    # T(5,3): at x = 5 the frontier is halfway Q-R: y = (4 + 5)/2 = 4.5 -> eta = 4.5/3 = 1.5
    assert table.loc["T", "score"] == pytest.approx(1.5)
    assert table.loc["T", "efficiency"] == pytest.approx(2 / 3)
    assert result.peers["T"] == pytest.approx({"Q": 0.5, "R": 0.5})
    # S(4,2): at x = 4 the frontier gives Q's 4 -> eta = 4/2 = 2
    assert table.loc["S", "score"] == pytest.approx(2.0)
    # U(7,5): no output above 5 exists -> eta = 1, but R does it with 1 input less (slack 1)
    assert table.loc["U", "score"] == pytest.approx(1.0)
    assert table.loc["U", "slack_x"] == pytest.approx(1.0)
    assert table.loc["U", "status"] == "weakly_efficient"
    # P(2,1) has the smallest input: BCC-efficient
    assert table.loc["P", "status"] == "efficient"
    # Q left out: with x <= 4 the best mix is P-R: y = 1 + (4-2)*(5-1)/(6-2) = 3 -> eta = 3/4,
    # super-efficiency 1/eta = 4/3
    assert table.loc["Q", "super_efficiency"] == pytest.approx(4 / 3)
    # P left out: no convex mix of the others uses x <= 2 -> infeasible: infinite, with a message
    assert math.isinf(table.loc["P", "super_efficiency"]) and not table.loc["P", "super_feasible"]
    assert [m.detail["id"] for m in result.messages if m.code.startswith("dea.warn.super_infeasible")] == ["P"]
    assert "P" in result.messages[-1].text("en") and "infinite" in result.messages[-1].text("en")


# --- properties on random data -----------------------------------------------------------------
@pytest.fixture(scope="module")
def random_data():
    rng = np.random.default_rng(42)
    return pd.DataFrame(rng.uniform(1, 10, (25, 4)), columns=["x1", "x2", "y1", "y2"]).assign(
        id=[f"D{i}" for i in range(25)])


def test_ccr_input_score_is_inverse_of_output_score(random_data):
    inp = run_dea(random_data, ["x1", "x2"], ["y1", "y2"], "crs", "input").table
    out = run_dea(random_data, ["x1", "x2"], ["y1", "y2"], "crs", "output").table
    np.testing.assert_allclose(inp["score"], 1 / out["score"], rtol=1e-7)
    np.testing.assert_allclose(inp["efficiency"], out["efficiency"], rtol=1e-7)


def test_bcc_score_at_least_ccr_score(random_data):
    ccr = run_dea(random_data, ["x1", "x2"], ["y1", "y2"], "crs", "input").table["score"]
    bcc = run_dea(random_data, ["x1", "x2"], ["y1", "y2"], "vrs", "input").table["score"]
    assert (bcc >= ccr - 1e-9).all()
    assert (bcc > ccr + 1e-6).any()  # and the two models really differ on this data


@pytest.mark.parametrize("model,orientation", [("crs", "input"), ("vrs", "output")])
def test_scores_do_not_depend_on_units(random_data, model, orientation):
    base = run_dea(random_data, ["x1", "x2"], ["y1", "y2"], model, orientation).table
    scaled = random_data.assign(x1=random_data["x1"] * 1000, y2=random_data["y2"] / 1000)
    other = run_dea(scaled, ["x1", "x2"], ["y1", "y2"], model, orientation).table
    np.testing.assert_allclose(base["score"], other["score"], rtol=1e-7)
    np.testing.assert_allclose(base["slack_x1"] * 1000, other["slack_x1"], rtol=1e-6, atol=1e-6)


# --- bad and degenerate data -------------------------------------------------------------------
def _problem_codes(data, inputs=("x1", "x2"), outputs=("y",), **kw) -> list[str]:
    with pytest.raises(DEAInputError) as info:
        run_dea(data, list(inputs), list(outputs), **kw)
    return [p.code for p in info.value.problems]


def test_bad_data_is_reported_clearly():
    assert _problem_codes(TEXTBOOK.assign(x2=0.0)) == ["dea.err.all_zero"]
    assert _problem_codes(TEXTBOOK.assign(x1=[2, -3, 6, 4, 8, 5])) == ["dea.err.negative"]
    assert _problem_codes(TEXTBOOK.assign(x1=[2, np.nan, 6, 4, 8, 5])) == ["dea.err.missing"]
    assert _problem_codes(TEXTBOOK, inputs=("x1", "nope")) == ["dea.err.unknown_column"]
    assert _problem_codes(TEXTBOOK, inputs=("x1", "y")) == ["dea.err.both"]
    assert _problem_codes(TEXTBOOK, model="xyz") == ["dea.err.model"]
    assert _problem_codes(TEXTBOOK.assign(x1=[0, 3, 6, 4, 8, 5], x2=[0, 3, 2, 6, 2, 4])) == ["dea.err.inputs_zero"]
    with pytest.raises(DEAInputError) as info:
        run_dea(TEXTBOOK.assign(x1=[2, -3, 6, 4, 8, 5]), ["x1", "x2"], ["y"])
    assert "x1" in str(info.value) and "B" in str(info.value)  # names the column and the DMU
    assert "negatief" in info.value.describe("nl")


def test_dmu_without_output():
    data = TEXTBOOK.assign(y=[1, 1, 1, 1, 1, 0.0])  # F produces nothing
    out = run_dea(data, ["x1", "x2"], ["y"], orientation="output")
    assert out.table.loc["F", "efficiency"] == 0.0 and math.isinf(out.table.loc["F", "score"])
    assert any(m.code == "dea.warn.outputs_zero" and "F" in m.detail["ids"] for m in out.messages)
    inp = run_dea(data, ["x1", "x2"], ["y"], orientation="input")
    assert inp.table.loc["F", "score"] == pytest.approx(0.0)  # CCR: lambda = 0 reaches zero output


# --- a fixed (non-discretionary) input: CCR, x1 can change, x2 cannot, one output ---------------
# Per unit of output A uses (x1, x2) = (1, 2) and B (2, 1); C and D do worse. To make y_o with a units
# of output from A and b from B: x1 = a + 2b, x2 = 2a + b.
FIXED = pd.DataFrame({"id": list("ABCD"), "x1": [2.0, 4, 4, 6], "x2": [4.0, 2, 6, 2], "y": [2.0, 2, 2, 1]})


def test_fixed_input_hand_values():
    # x2 fixed: min theta s.t. a + 2b <= theta x1_o, 2a + b <= x2_o, a + b >= y_o. Least x1 is all from A
    # (b = 0) as far as x2_o allows: b = max(0, 2 y_o - x2_o).
    #   A: b = 0, x1 = 2 -> theta = 2/2 = 1.   B: b = 4 - 2 = 2, x1 = 4 -> theta = 4/4 = 1.
    #   C (4, 6, 2): b = 0, a = 2 (lambda_A = 1): x1 = 2 -> theta = 2/4 = 1/2; uses x2 = 4 < 6, but x2 is
    #     fixed: its target stays 6 (no slack target), x1's target is 2.
    #   D (6, 2, 1): b = 0, a = 1 (lambda_A = 1/2): x1 = 1, x2 = 2 -> theta = 1/6; targets x1 = 1, x2 = 2.
    result = run_dea(FIXED, ["x1", "x2"], ["y"], model="crs", orientation="input", fixed_inputs=["x2"])
    table = result.table
    assert table["score"].to_dict() == pytest.approx({"A": 1, "B": 1, "C": 1 / 2, "D": 1 / 6})
    assert result.peers["C"] == pytest.approx({"A": 1.0}) and result.peers["D"] == pytest.approx({"A": 0.5})
    assert (table.loc["C", "target_x1"], table.loc["D", "target_x1"]) == pytest.approx((2.0, 1.0))
    assert table["target_x2"].to_list() == FIXED["x2"].to_list()  # held at the current values
    assert (table["slack_x2"] == 0).all() and table.loc["C", "slack_x1"] == pytest.approx(0, abs=1e-9)
    assert result.fixed_inputs == ("x2",)
    bench = result.benchlearning("C")
    assert bench.targets.loc["x2", ["kind", "target", "change"]].to_list() == ["fixed_input", 6.0, 0.0]
    assert bench.targets.loc["x1", "change_pct"] == pytest.approx(-1 / 2)


def test_fixed_input_against_both_discretionary():
    # Both inputs radial: min theta s.t. a + 2b <= theta x1_o, 2a + b <= theta x2_o, a + b >= y_o.
    #   C: (2 + b)/4 = (4 - b)/6 at b = 0.4, a = 1.6 -> theta = 2.4/4 = 0.6 (targets 2.4 and 3.6).
    #   D: 2a + b = 1 + a <= 2 theta and 2 - a <= 6 theta: best a = 0 -> theta = 1/2, x1 slack 6/2 - 2 = 1.
    # Holding x2 fixed relaxes its row (x2_o >= theta x2_o), so theta can only fall: 1/2 <= 0.6, 1/6 <= 1/2.
    # (Dropping x2 altogether relaxes it further: C and D then copy A's 1 x1 per unit, theta 1/2 and 1/6.)
    both = run_dea(FIXED, ["x1", "x2"], ["y"], model="crs", orientation="input").table
    assert both["score"].to_dict() == pytest.approx({"A": 1, "B": 1, "C": 0.6, "D": 0.5})
    assert (both.loc["C", "target_x1"], both.loc["C", "target_x2"]) == pytest.approx((2.4, 3.6))
    assert both.loc["D", "slack_x1"] == pytest.approx(1.0)
    fixed = run_dea(FIXED, ["x1", "x2"], ["y"], model="crs", orientation="input", fixed_inputs=["x2"]).table
    dropped = run_dea(FIXED, ["x1"], ["y"], model="crs", orientation="input").table
    assert (dropped["score"] <= fixed["score"] + 1e-9).all() and (fixed["score"] <= both["score"] + 1e-9).all()


@pytest.mark.parametrize("model", ["crs", "vrs"])
def test_fixed_input_properties_on_random_data(random_data, model):
    args = (random_data, ["x1", "x2"], ["y1", "y2"], model)
    free = run_dea(*args, "input").table
    fixed = run_dea(*args, "input", fixed_inputs=["x2"]).table
    np.testing.assert_allclose(fixed["target_x2"], random_data["x2"])
    assert (fixed["score"] <= free["score"] + 1e-9).all()
    # output-oriented the fixed input is the same row as before: same scores, but no target to cut it
    out_free = run_dea(*args, "output").table
    out_fixed = run_dea(*args, "output", fixed_inputs=["x2"]).table
    np.testing.assert_allclose(out_fixed["score"], out_free["score"], rtol=1e-7)
    np.testing.assert_allclose(out_fixed["target_x2"], random_data["x2"])


def test_fixed_inputs_that_cannot_work():
    assert _problem_codes(FIXED, outputs=("y",), fixed_inputs=["y"]) == ["dea.err.fixed_not_input"]
    assert _problem_codes(FIXED, fixed_inputs=["x1", "x2"]) == ["dea.err.all_fixed"]
    assert _problem_codes(FIXED.assign(x1=[2.0, 0, 4, 6]), fixed_inputs=["x2"]) == ["dea.err.free_inputs_zero"]
    # output-oriented, every input may be fixed: the outputs are what grows
    run_dea(FIXED, ["x1", "x2"], ["y"], orientation="output", fixed_inputs=["x1", "x2"])
