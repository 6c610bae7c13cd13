"""The baseline of the tiny company (models/build_tiny.py), every figure worked out by hand.

The tiny company today (2025), prices flat (price indexation 0), wages +2 %/year:
  group A: 50 SE, outflow 10 %/yr, €32,000/SE, loonwaarde 0.4; works 30 SE in P1, 15 SE in P2 (5 idle)
  group B: 30 SE, outflow  5 %/yr, €33,000/SE, loonwaarde 0.8; works 18 SE in P3, 10 SE in P4 (2 idle)
  P1 production at S1: value added €10,000 + material €2,000 per productive SE, fixed €50,000, werkleiders
  P2 production at S2: value added €12,000 + material €6,000, fixed €120,000, werkleiders
  P3 services (groen): value added €20,000 + material €1,000, fixed €30,000, groepsleiders
  P4 individual secondment: tariff level 2 = €25/h x 1,000 billable h, no material, no fixed cost, jobcoaches
  supervision: W 5 fte, G 2 fte at €55,000; J 0.5 fte at €60,000 (wage-indexed)
  sites: S1 €200,000 + S2 €100,000; overhead €150,000 + €1,500 per SE; subsidy 24,000/23,500/23,000/22,500
The baseline (policy-neutral, beleidsarm) keeps every PMC, site, tariff and supervision structure; each
group shrinks by its outflow and stays in today's PMCs pro rata, so in year t group A has 50 x 0.9^(t-2025)
SE and B 30 x 0.95^(t-2025). Supervisor FTE follow their workers at today's SE per FTE (W supervises only
group A, so 5 x 0.9^n fte; G and J only group B, so 2 x 0.95^n and 0.5 x 0.95^n fte; every fall is within
the shrink limits 20 % and 50 %). Overhead per SE stays as today: 270,000 / 80 = €3,375 per SE.
"""

from __future__ import annotations

import dataclasses

import pytest

from sw_optimiser.baseline import run_baseline
from sw_optimiser.evaluate import evaluate
from sw_optimiser.plan import today

CENT = 0.005


def money(value):
    return pytest.approx(value, abs=CENT)


@pytest.fixture(scope="module")
def baseline(tiny_model):
    return run_baseline(tiny_model)


def _pnl(baseline, year):
    return baseline.pnl.loc[year]


def test_base_year_2025(baseline):
    p = _pnl(baseline, 2025)
    # revenue = productive SE x (value added + material):
    #   P1 30 SE x 0.4 = 12 x (10,000 + 2,000) = 144,000
    #   P2 15 SE x 0.4 =  6 x (12,000 + 6,000) = 108,000
    #   P3 18 SE x 0.8 = 14.4 x (20,000 + 1,000) = 302,400
    #   P4 10 SE x 0.8 =  8 x €25/h x 1,000 h = 200,000
    assert p.revenue == money(754_400)  # 144,000 + 108,000 + 302,400 + 200,000
    assert p.material == money(74_400)  # 12 x 2,000 + 6 x 6,000 + 14.4 x 1,000 + 0 = 24,000 + 36,000 + 14,400
    assert p.value_added == money(680_000)  # 754,400 - 74,400
    assert p.pmc_fixed_costs == money(200_000)  # 50,000 + 120,000 + 30,000 + 0
    assert p.wages_wsw == money(2_590_000)  # 50 x 32,000 + 30 x 33,000 = 1,600,000 + 990,000
    assert p.subsidy == money(1_920_000)  # 80 SE x 24,000
    assert p.supervision == money(415_000)  # 5 x 55,000 + 2 x 55,000 + 0.5 x 60,000 = 275,000 + 110,000 + 30,000
    assert p.site_costs == money(300_000)  # 200,000 + 100,000
    assert p.overhead == money(270_000)  # 150,000 + 1,500 x 80
    assert p.acquisition == money(0)
    assert p.one_off == money(0)
    # 680,000 - 200,000 - 2,590,000 + 1,920,000 - 415,000 - 300,000 - 270,000
    assert p.operating_result == money(-1_175_000)
    assert p.municipal_contribution == money(1_175_000)
    assert p.se_total == pytest.approx(80)
    assert p.value_added_per_se == money(8_500)  # 680,000 / 80
    assert p.result_per_se == money(-14_687.50)  # -1,175,000 / 80


def test_2026(baseline):
    p = _pnl(baseline, 2026)
    # A 50 x 0.9 = 45 SE (P1 27, P2 13.5); B 30 x 0.95 = 28.5 SE (P3 17.1, P4 9.5); total 73.5
    assert p.se_total == pytest.approx(73.5)
    # value added: P1 27 x 0.4 x 10,000 = 108,000; P2 13.5 x 0.4 x 12,000 = 64,800;
    #              P3 17.1 x 0.8 x 20,000 = 273,600; P4 9.5 x 0.8 x 25,000 = 190,000
    assert p.value_added == money(636_400)
    assert p.revenue == money(704_080)  # 636,400 + material 10.8 x 2,000 + 5.4 x 6,000 + 13.68 x 1,000
    assert p.wages_wsw == money(2_428_110)  # (45 x 32,000 + 28.5 x 33,000) x 1.02 = 2,380,500 x 1.02
    assert p.subsidy == money(1_727_250)  # 73.5 x 23,500
    # (W 4.5 x 55,000 + G 1.9 x 55,000 + J 0.475 x 60,000) x 1.02 = (247,500 + 104,500 + 28,500) x 1.02
    assert p.supervision == money(388_110)  # 380,500 x 1.02 (was 415,000 x 1.02 with today's FTE kept)
    assert p.site_costs == money(300_000)
    assert p.overhead == money(248_062.50)  # 3,375 x 73.5 (was 150,000 + 1,500 x 73.5 = 260,250)
    # 636,400 - 200,000 - 2,428,110 + 1,727,250 - 388,110 - 300,000 - 248,062.50
    assert p.operating_result == money(-1_200_632.50)
    assert p.structural_result == money(-1_200_632.50)  # no one-off in the baseline
    assert p.contribution_structural == money(1_200_632.50) and p.contribution_one_off == money(0)


def test_2027(baseline):
    p = _pnl(baseline, 2027)
    # A 50 x 0.81 = 40.5 (P1 24.3, P2 12.15); B 30 x 0.9025 = 27.075 (P3 16.245, P4 9.025); total 67.575
    # value added: 24.3 x 0.4 x 10,000 = 97,200; 12.15 x 0.4 x 12,000 = 58,320;
    #              16.245 x 0.8 x 20,000 = 259,920; 9.025 x 0.8 x 25,000 = 180,500
    assert p.value_added == money(595_940)
    assert p.wages_wsw == money(2_277_929.79)  # (40.5 x 32,000 + 27.075 x 33,000) x 1.0404 = 2,189,475 x 1.0404
    assert p.subsidy == money(1_554_225)  # 67.575 x 23,000
    # (W 4.05 x 55,000 + G 1.805 x 55,000 + J 0.45125 x 60,000) x 1.0404 = (222,750 + 99,275 + 27,075) x 1.0404
    assert p.supervision == money(363_203.64)  # 349,100 x 1.0404
    assert p.overhead == money(228_065.625)  # 3,375 x 67.575
    # 595,940 - 200,000 - 2,277,929.79 + 1,554,225 - 363,203.64 - 300,000 - 228,065.625
    assert p.operating_result == money(-1_219_034.055)


def test_2028(baseline):
    p = _pnl(baseline, 2028)
    # A 50 x 0.729 = 36.45 (P1 21.87, P2 10.935); B 30 x 0.857375 = 25.72125 (P3 15.43275, P4 8.57375)
    assert p.se_total == pytest.approx(62.17125)
    # value added: 21.87 x 0.4 x 10,000 = 87,480; 10.935 x 0.4 x 12,000 = 52,488;
    #              15.43275 x 0.8 x 20,000 = 246,924; 8.57375 x 0.8 x 25,000 = 171,475
    assert p.value_added == money(558_367)
    # (36.45 x 32,000 + 25.72125 x 33,000) x 1.02^3 = (1,166,400 + 848,801.25) x 1.061208
    assert p.wages_wsw == money(2_138_547.68811)  # 2,015,201.25 x 1.061208
    assert p.subsidy == money(1_398_853.125)  # 62.17125 x 22,500
    # (W 3.645 x 55,000 + G 1.71475 x 55,000 + J 0.4286875 x 60,000) x 1.061208
    #   = (200,475 + 94,311.25 + 25,721.25) x 1.061208 = 320,507.50 x 1.061208
    assert p.supervision == money(340_125.12306)
    assert p.overhead == money(209_827.96875)  # 3,375 x 62.17125
    # 558,367 - 200,000 - 2,138,547.68811 + 1,398,853.125 - 340,125.12306 - 300,000 - 209,827.96875
    assert p.operating_result == money(-1_231_280.65492)


def test_npv_over_the_plan_years(baseline):
    # the base year is today, not a plan year; plan years 2026-2028 discounted at 5 %:
    # -1,200,632.50 / 1.05 - 1,219,034.055 / 1.05^2 - 1,231,280.65492 / 1.05^3
    # = -1,143,459.52 - 1,105,699.82 - 1,063,626.52  (was -3,556,725.83 with supervisors and overhead fixed)
    assert baseline.npv == pytest.approx(-3_312_785.87, abs=0.01)


def test_contribution_margin_of_p2_in_2025(baseline):
    row = baseline.pmcs[(baseline.pmcs.pmc == "P2") & (baseline.pmcs.year == 2025)].iloc[0]
    assert row.revenue == money(108_000)  # 15 x 0.4 x 18,000
    assert row.material == money(36_000)  # 6 x 6,000
    assert row.fixed_costs == money(120_000)
    assert row.supervision_alloc == money(91_666.67)  # werkleiders 275,000 x 15 / 45 SE (P1 30 + P2 15)
    assert row.site_alloc == money(100_000)  # P2 is alone at S2
    assert row.overhead_alloc == money(50_625)  # 270,000 x 15 / 80 SE
    # 108,000 - 36,000 - 120,000 - 91,666.67 - 100,000 - 50,625
    assert row.margin == money(-290_291.67)


def test_pmc_margins_add_up_to_the_result(baseline):
    """What is allocated is everything but wages, subsidy and the overhead of idle SE."""
    pmcs = baseline.pmcs[baseline.pmcs.year == 2025]
    # idle SE carry overhead too: 7 of 80 SE x 270,000 = 23,625 is not allocated to a PMC
    # result = sum of margins - wages + subsidy - overhead of idle SE
    assert pmcs.margin.sum() - 2_590_000 + 1_920_000 - 23_625 == money(-1_175_000)


def test_idle_se_per_year(baseline):
    idle = baseline.pnl.se_idle
    assert idle[2025] == pytest.approx(7)  # A 50 - 30 - 15 = 5, B 30 - 18 - 10 = 2
    assert idle[2026] == pytest.approx(6.4)  # 5 x 0.9 + 2 x 0.95 = 4.5 + 1.9
    assert idle[2027] == pytest.approx(5.855)  # 5 x 0.81 + 2 x 0.9025 = 4.05 + 1.805
    assert idle[2028] == pytest.approx(5.35975)  # 5 x 0.729 + 2 x 0.857375 = 3.645 + 1.71475
    groups = baseline.groups.set_index(["year", "group"]).idle
    assert groups[(2025, "A")] == pytest.approx(5) and groups[(2025, "B")] == pytest.approx(2)
    assert groups[(2028, "A")] == pytest.approx(3.645)


def test_the_baseline_changes_nothing(baseline):
    assert baseline.events.empty
    assert (baseline.pmcs.open).all()
    assert set(baseline.pmcs.tariff_level.dropna()) == {2}
    assert baseline.sites.open.all()
    fte = baseline.supervision.set_index(["year", "type"]).fte
    # supervisors follow their workers at today's SE per FTE: W 5 x 0.9^3, G 2 x 0.95^3, J 0.5 x 0.95^3
    assert fte[(2028, "W")] == pytest.approx(3.645) and fte[(2028, "G")] == pytest.approx(1.71475)
    assert fte[(2028, "J")] == pytest.approx(0.4286875)
    assert set(baseline.supervision.option) == {"1:10", "1:12", "1:25"}  # today's structure kept
    assert baseline.warnings == []  # no open PMC drops below its contract minimum (P1 21.87 >= 10, P3 15.4 >= 5)


def test_base_year_is_today(tiny_model, baseline):
    """The baseline's base year is exactly today's situation as read from the workbook: the same
    figures as today's decisions evaluated on their own (a model of the base year only)."""
    only_today = tiny_model.replace(company=dataclasses.replace(tiny_model.company, horizon=0))
    assert only_today.years == [2025]
    now = evaluate(only_today, today(only_today))
    assert now.pnl.loc[2025].to_dict() == pytest.approx(baseline.pnl.loc[2025].to_dict(), abs=CENT)
    placed = baseline.pmcs[baseline.pmcs.year == 2025].set_index("pmc").se.to_dict()
    today_se = {}
    for e in tiny_model.eligibility:
        today_se[e.pmc] = today_se.get(e.pmc, 0) + e.current_se
    assert placed == today_se == {"P1": 30, "P2": 15, "P3": 18, "P4": 10}


def test_today_plan_can_be_evaluated_on_the_full_model(tiny_model, baseline):
    now = evaluate(tiny_model, today(tiny_model))
    assert now.pnl.loc[2025].operating_result == money(-1_175_000)
