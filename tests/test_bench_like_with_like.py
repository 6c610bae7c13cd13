"""Issue 18, item 4: the company is benchmarked like with like. One definition of each KPI for the
company and the peers (the operating result before the municipal contribution), plan years deflated
to the peers' price level, a DEA that tells efficient from inefficient on the bundled peers, and a
bundled peer set whose result and contribution agree."""

from __future__ import annotations

import dataclasses

import pytest

from sw_optimiser.baseline import run_baseline
from sw_optimiser.benchmarking import kpi_values, read_peers, run_dea
from sw_optimiser.benchmarking.cli import DEFAULT_INPUTS, DEFAULT_OUTPUTS, fixed_inputs
from sw_optimiser.benchmarking.from_model import peer_figures
from sw_optimiser.benchmarking.kpis import comparison_group

BUNDLED = "models/peers.xlsx"


def test_company_and_peers_share_one_result_definition(tiny_model):
    # tiny company, 2025: result -1,175,000 before the municipal contribution, which makes it good
    # (tests/test_baseline.py); per SE -1,175,000 / 80 = -14,687.50 and contribution +14,687.50
    figures = peer_figures(tiny_model, run_baseline(tiny_model), 2025, "company", "Klein")
    assert figures["operating_result"] == pytest.approx(-1_175_000)
    assert figures["municipal_contribution"] == pytest.approx(1_175_000)
    group, company = comparison_group(read_peers(BUNDLED), figures)
    kpis = kpi_values(group).loc[company]
    assert kpis["result_per_se"] == pytest.approx(-14_687.5)
    assert kpis["municipal_contribution_per_se"] == pytest.approx(14_687.5)


def test_bundled_peers_result_and_contribution_agree():
    # every peer: contribution = the deficit made good = max(0, -result), so result + contribution = max(0, result)
    peers = read_peers(BUNDLED)
    made_good = (-peers.operating_result).clip(lower=0)
    assert (peers.municipal_contribution - made_good).abs().max() == 0
    per_se = peers.operating_result / peers.se
    assert per_se.median() < 0 < (peers.municipal_contribution / peers.se).median()  # a deficit, made good


def test_plan_years_are_deflated_to_the_base_year_price_level(tiny_model):
    # with 2 % price indexation a 2027 euro is 1.02^2 = 1.0404 base-year (2025) euros; SE are not deflated
    m = dataclasses.replace(tiny_model, company=dataclasses.replace(tiny_model.company, price_indexation=0.02))
    base = run_baseline(m)
    pnl = base.pnl.loc[2027]
    figures = peer_figures(m, base, 2027, "company", "Klein")
    assert figures["value_added"] == pytest.approx(pnl.value_added / 1.0404)
    assert figures["operating_result"] == pytest.approx(pnl.operating_result / 1.0404)
    assert figures["se"] == pytest.approx(pnl.se_total)
    today = peer_figures(m, base, 2025, "company", "Klein")
    assert today["value_added"] == pytest.approx(base.pnl.loc[2025, "value_added"])  # base year: index 1


def test_dea_separates_efficient_from_inefficient_on_the_bundled_peers(tiny_model):
    peers = read_peers(BUNDLED)
    result = run_dea(peers, DEFAULT_INPUTS, DEFAULT_OUTPUTS, model="crs", orientation="input",
                     fixed_inputs=fixed_inputs(DEFAULT_INPUTS))
    efficient = int(result.table.efficient.sum())
    assert efficient == 6 and result.table.efficiency.min() < 0.5  # 6 of 30 on the frontier, the rest below
    figures = peer_figures(tiny_model, run_baseline(tiny_model), 2025, "company", "Klein")
    group, company = comparison_group(peers, figures)
    with_company = run_dea(group, DEFAULT_INPUTS, DEFAULT_OUTPUTS, model="crs", orientation="input",
                           fixed_inputs=fixed_inputs(DEFAULT_INPUTS))
    assert with_company.table.loc[company, "efficiency"] < 0.5  # 80 SE with 90 workplaces and 8 FTE
