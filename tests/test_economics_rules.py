"""The economics rules of issue 16 (items 9-12, 14), each on the tiny company or a smaller one, by hand.

The tiny company (models/build_tiny.py, tests/test_baseline.py): group A 50 SE (outflow 10 %, €32,000,
loonwaarde 0.4) works 30 SE in P1 and 15 in P2; group B 30 SE (outflow 5 %, €33,000, 0.8) works 18 in P3
and 10 in P4; wages +2 %/yr, prices flat, subsidy 24,000/23,500/23,000/22,500, discount 5 %.
"""

from __future__ import annotations

import dataclasses

import pytest
from cases import CENT, elig, group, model, option, pmc, sup_type

from sw_optimiser.baseline import run_baseline
from sw_optimiser.evaluate import evaluate
from sw_optimiser.optimiser.solve import Optimiser
from sw_optimiser.plan import baseline_plan
from sw_optimiser.results import KPI_ROWS, PNL_ROWS
from sw_optimiser.scenario import LEVERS, Scenario
from sw_optimiser.schema import AgeBand, Eligibility, WorkerGroup
from sw_optimiser.validate import validate


def money(value):
    return pytest.approx(value, abs=CENT)


def _group(m, gid, **changes):
    return m.replace(groups=tuple(dataclasses.replace(g, **changes) if g.id == gid else g for g in m.groups))


# ----- item 9: policy-neutral baseline ------------------------------------------------------------------
def test_supervisors_follow_the_workforce_within_the_shrink_limit():
    # 10 SE, outflow 30 %/yr; 2 supervisors (1 per 5 SE today) who may shrink at most 10 % a year.
    m = model(groups=[group("A", 10, outflow=0.3)], pmcs=[pmc("P", va=10_000)], eligibility=[elig("A", "P", 10)],
              supervision=[sup_type("W", cost=50_000, fte=2, shrink=0.1)], options=[option("W", "1:5", 5, current=True)],
              horizon=3)
    fte = baseline_plan(m).supervision_fte
    assert fte[("W", 2025)] == pytest.approx(2)
    # 2026: following would be 2 x 7 / 10 = 1.4, but at most 10 % less than 2: 1.8
    assert fte[("W", 2026)] == pytest.approx(1.8)
    # 2027: 2 x 4.9 / 10 = 0.98 < 0.9 x 1.8 = 1.62; 2028: 2 x 3.43 / 10 = 0.686 < 0.9 x 1.62 = 1.458
    assert fte[("W", 2027)] == pytest.approx(1.62) and fte[("W", 2028)] == pytest.approx(1.458)
    # and the baseline prices them: 2027 supervision 1.62 x 50,000 = 81,000 (no indexation)
    assert run_baseline(m).pnl.loc[2027, "supervision"] == money(81_000)


def test_supervision_lever_switched_off_keeps_the_baseline_fte(tiny_built):
    """With every lever off the optimiser reproduces the policy-neutral baseline to the cent."""
    r = Optimiser(tiny_built).solve(Scenario(gap=0.0).with_levers(()))
    base = run_baseline(tiny_built)
    for t in tiny_built.years:
        for k in PNL_ROWS + KPI_ROWS:
            assert r.pnl.loc[t, k] == pytest.approx(base.pnl.loc[t, k], abs=CENT), (t, k)
    fte = r.supervision.set_index(["year", "type"]).fte
    assert fte[(2026, "W")] == pytest.approx(4.5)  # 5 x 0.9, as the baseline (test_baseline.py)
    assert r.objective == pytest.approx(r.npv, abs=CENT)


def test_overhead_per_se_as_today_or_fixed(tiny_model):
    # default: overhead per SE stays 270,000 / 80 = 3,375; 2026: 3,375 x 73.5 = 248,062.50
    assert run_baseline(tiny_model).pnl.loc[2026, "overhead"] == money(248_062.50)
    fixed = tiny_model.replace(overhead=dataclasses.replace(tiny_model.overhead, follows_workforce=False))
    # the fixed part kept: 150,000 + 1,500 x 73.5 = 260,250
    assert run_baseline(fixed).pnl.loc[2026, "overhead"] == money(260_250)


# ----- item 10: ages --------------------------------------------------------------------------------------
def aged(tiny_model):
    """Group A (50 SE) with an age profile: 20 SE aged 30-59 and 30 SE aged 60-65 in 2025 (5 SE per
    year of age), outflow for other reasons 2 %/yr, state pension age 67."""
    m = _group(tiny_model, "A", outflow=0.02)
    return m.replace(ages=(AgeBand("A", 30, 59, 20), AgeBand("A", 60, 65, 30)))


def test_outflow_is_retirement_at_the_pension_age_plus_other_reasons(tiny_model):
    m = aged(tiny_model)
    A = m.group["A"]
    assert m.group_se(A, 2025) == pytest.approx(50)
    # 2026: ages 61-66, nobody at 67 yet: (20 + 30) x 0.98 = 49
    assert m.group_se(A, 2026) == pytest.approx(49)
    # 2027: ages 62-67 in the old band: the 65-year-olds reach 67, 5 of 6 ages stay:
    #   20 x 0.98^2 + 30 x 0.98^2 x 5/6 = 19.208 + 24.01 = 43.218
    assert m.group_se(A, 2027) == pytest.approx(43.218)
    # 2028: 64 and 65 gone: 20 x 0.98^3 + 30 x 0.98^3 x 4/6 = 18.82384 + 18.82384 = 37.64768
    assert m.group_se(A, 2028) == pytest.approx(37.64768)
    assert m.retained(A, 2027) == pytest.approx(43.218 / 49)  # 0.882 of 2026's employees stay in 2027
    base = run_baseline(m)
    # today's placement pro rata: P1 30 x 43.218 / 50 = 25.9308 SE in 2027
    assert base.plan.placement[("A", "P1", 2027)] == pytest.approx(25.9308)
    # wages 2027: (43.218 x 32,000 + B 27.075 x 33,000) x 1.0404 = (1,382,976 + 893,475) x 1.0404
    assert base.pnl.loc[2027, "wages_wsw"] == money(2_368_419.62)  # 2,276,451 x 1.0404


def test_without_ages_outflow_is_the_yearly_rate(tiny_model):
    A = tiny_model.group["A"]
    assert tiny_model.group_se(A, 2028) == pytest.approx(36.45)  # 50 x 0.9^3
    assert tiny_model.retained(A, 2028) == pytest.approx(0.9)


def test_age_profile_must_add_up_and_be_ordered(tiny_model):
    m = tiny_model.replace(ages=(AgeBand("A", 30, 59, 20), AgeBand("A", 65, 60, 25), AgeBand("X", 30, 40, 1)))
    problems = {(p.code, p.row, p.column): p.params for p in validate(m)}
    # rows as the workbook lays them out: data from row 4
    assert ("check.age_band_order", 5, "age_to") in problems
    assert ("check.unknown_group", 6, "group") in problems
    assert problems[("check.ages_sum", 4, "se")] == {"group": "A", "total": 45, "se": 50}  # 20 + 25 of 50


# ----- item 11: Participatiewet groups ----------------------------------------------------------------------
def test_a_wsw_group_with_inflow_or_funding_is_flagged(tiny_model):
    m = _group(tiny_model, "B", inflow=2.0, funding_per_se=5_000.0)
    found = {(p.code, p.row, p.column, p.severity) for p in validate(m)}
    # group B is the second row of Doelgroepen: Excel row 5
    assert {("check.wsw_inflow", 5, "inflow", "warning"), ("check.wsw_funding", 5, "funding_per_se", "warning")} <= found
    assert "sinds 2015 gesloten" in next(p for p in validate(m) if p.code == "check.wsw_inflow").text("nl")


def with_new_sheltered(tiny_model):
    """Group C, new sheltered work (nieuw beschut) since 2015: 4 SE today in P1, 2 SE inflow a year,
    outflow 5 %, wage €28,000, municipal funding €20,000 per SE (wage-indexed), loonwaarde 0.3."""
    c = WorkerGroup("C", "Nieuw beschut", se=4, outflow=0.05, wage_cost=28_000, productivity=0.3,
                    sheltered_only=True, kind="new_sheltered", inflow=2, funding_per_se=20_000)
    return tiny_model.replace(groups=tiny_model.groups + (c,),
                              eligibility=tiny_model.eligibility + (Eligibility("C", "P1", True, 1.0, 4),))


def test_participatiewet_group_has_inflow_and_its_own_funding(tiny_model):
    m = with_new_sheltered(tiny_model)
    C = m.group["C"]
    assert m.group_se(C, 2026) == pytest.approx(5.8)  # 4 x 0.95 + 2
    assert m.group_se(C, 2027) == pytest.approx(7.51)  # 4 x 0.9025 + 2 x 0.95 + 2
    assert m.retained(C, 2026) == pytest.approx(0.95)  # (5.8 - 2 newcomers) / 4
    p = run_baseline(m).pnl.loc[2026]
    assert p.subsidy == money(1_727_250)  # the Rijkssubsidie is for the 73.5 Wsw SE only: 73.5 x 23,500
    assert p.participation_funding == money(118_320)  # 5.8 x 20,000 x 1.02
    # wages: (45 x 32,000 + 28.5 x 33,000 + 5.8 x 28,000) x 1.02 = (2,380,500 + 162,400) x 1.02
    assert p.wages_wsw == money(2_593_758)
    assert p.se_total == pytest.approx(79.3)  # 73.5 + 5.8
    # C stays placed in P1 as it grows: 4 x 5.8 / 4 = 5.8 SE
    assert run_baseline(m).plan.placement[("C", "P1", 2026)] == pytest.approx(5.8)


@pytest.mark.parametrize("levers", [(), tuple(LEVERS)], ids=["none", "all"])
def test_optimiser_prices_ages_and_participatiewet_as_evaluate(tiny_model, levers):
    m = with_new_sheltered(aged(tiny_model))
    r = Optimiser(m).solve(Scenario(gap=0.0).with_levers(levers))
    assert r.objective == pytest.approx(r.npv, abs=CENT)
    if not levers:
        assert r.npv == pytest.approx(run_baseline(m).npv, abs=CENT)


# ----- item 12: one-off apart from structural -----------------------------------------------------------------
def test_sale_proceeds_are_one_off_not_structural(tiny_model):
    """Sell S1 (owned, proceeds €200,000) in 2027 and move P1 to S2 (moving cost €30,000); P1's 24.3 SE of A
    (30 x 0.9^2) change workplace at €2,000 each: 48,600."""
    plan = baseline_plan(tiny_model)
    for t in (2027, 2028):
        plan.site_open[("S1", t)] = False
        plan.pmc_site[("P1", t)] = "S2"
    p = evaluate(tiny_model, plan).pnl
    assert p.loc[2027, "one_off"] == money(-121_400)  # 30,000 moving the PMC + 48,600 its people - 200,000 proceeds
    assert p.loc[2027, "site_costs"] == money(100_000)  # S2 only
    # structural: the baseline's -1,219,034.055 (test_baseline.py) + S1's 200,000 saved
    assert p.loc[2027, "structural_result"] == money(-1_019_034.055)
    assert p.loc[2027, "operating_result"] == money(-897_634.055)  # - one-off: -1,019,034.055 + 121,400
    assert p.loc[2027, "municipal_contribution"] == money(897_634.055)
    assert p.loc[2027, "contribution_structural"] == money(1_019_034.055)
    assert p.loc[2027, "contribution_one_off"] == money(-121_400)  # the sale lowers this year's contribution
    # KPIs per SE are structural: -1,019,034.055 / 67.575
    assert p.loc[2027, "result_per_se"] == money(-15_080.05)
    assert p.loc[2027, "contribution_per_se"] == money(15_080.05)
    # 2028: nothing one-off, the saving stays: -1,231,280.65492 + 200,000
    assert p.loc[2028, "one_off"] == money(0)
    assert p.loc[2028, "structural_result"] == money(-1_031_280.65)
    assert p.loc[2028, "contribution_one_off"] == money(0)


# ----- item 14: sick leave ---------------------------------------------------------------------------------------
def test_sick_leave_makes_paid_se_more_than_productive_se(tiny_model):
    m = tiny_model.replace(company=dataclasses.replace(tiny_model.company, sick_leave=0.125))
    r = run_baseline(m)
    p = r.pnl.loc[2025]
    assert p.value_added == money(595_000)  # 680,000 x 0.875
    assert p.revenue == money(660_100)  # 754,400 x 0.875
    assert p.wages_wsw == money(2_590_000)  # wages are paid in full
    p1 = r.pmcs[(r.pmcs.pmc == "P1") & (r.pmcs.year == 2025)].iloc[0]
    assert p1.productive_se == pytest.approx(10.5)  # 30 SE x 0.875 present x 0.4 loonwaarde
    p4 = r.pmcs[(r.pmcs.pmc == "P4") & (r.pmcs.year == 2025)].iloc[0]
    assert p4.revenue == money(175_000)  # 10 x 0.875 x 0.8 = 7 productive SE x €25/h x 1,000 h


# ----- item 15: machine-readable results ---------------------------------------------------------------------
def test_baseline_json_has_the_documented_keys(tmp_path, capsys):
    import json

    from conftest import TINY_XLSX

    from sw_optimiser.cli import main

    out = tmp_path / "basis.json"
    assert main(["baseline", str(TINY_XLSX), "--json", str(out)]) == 0
    assert f"Geschreven: {out}" in capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "sw-optimiser-results" and data["version"] == 1
    assert data["status"] == "baseline" and data["gap"] is None and data["solve_seconds"] is None
    assert data["npv"] == pytest.approx(-3_312_785.87, abs=0.01)  # tests/test_baseline.py
    y2026 = next(y for y in data["years"] if y["year"] == 2026)
    assert y2026["operating_result"] == pytest.approx(-1_200_632.50, abs=CENT)
    assert y2026["contribution_structural"] == pytest.approx(1_200_632.50, abs=CENT)
    assert y2026["contribution_one_off"] == 0 and y2026["se_moved"] == 0
    assert y2026["se_total"] == pytest.approx(73.5) and y2026["se_idle"] == pytest.approx(6.4)
    p4 = next(p for p in data["pmcs"] if p["pmc"] == "P4" and p["year"] == 2026)
    # P4 at today's tariff level 2 (€25/h), where the market takes 12 SE; 9.5 placed, nothing decided
    assert (p4["tariff_level"], p4["market_size"], p4["se"], p4["decision"]) == (2, 12, pytest.approx(9.5), [])
    p1 = next(p for p in data["pmcs"] if p["pmc"] == "P1" and p["year"] == 2026)
    assert p1["market_size"] == 50 and p1["site"] == "S1" and p1["open"] is True  # max volume, no tariffs
    s1 = next(s for s in data["sites"] if s["site"] == "S1" and s["year"] == 2028)
    assert s1["status"] == "open" and s1["capacity"] == 60
    assert main(["baseline", str(TINY_XLSX), "--json", str(out)]) == 2  # never overwrites
    assert "bestaat al" in capsys.readouterr().err


def test_json_names_the_decisions_per_pmc_and_site(tiny_model):
    plan = baseline_plan(tiny_model)
    for t in (2027, 2028):
        plan.site_open[("S1", t)] = False
        plan.pmc_site[("P1", t)] = "S2"
    data = evaluate(tiny_model, plan, scenario="hand", status="optimal", gap=0.001, solve_seconds=1.5).to_dict("en")
    assert (data["scenario"], data["status"], data["gap"], data["solve_seconds"]) == ("hand", "optimal", 0.001, 1.5)
    decision = {(r["pmc"], r["year"]): r["decision"] for r in data["pmcs"]}
    assert decision[("P1", 2027)] == ["move_pmc"] and decision[("P1", 2028)] == []
    site = {(r["site"], r["year"]): (r["status"], r["decision"]) for r in data["sites"]}
    assert site[("S1", 2026)] == ("open", []) and site[("S1", 2027)] == ("closed", ["divest_site"])
    assert site[("S1", 2028)] == ("closed", [])
    y = {r["year"]: r for r in data["years"]}
    assert y[2027]["one_off"] == pytest.approx(-121_400)  # as test_sale_proceeds_are_one_off_not_structural
