"""The results page's explanations (explorer/explain.py) and comparing against any reference
(tables.kpi_differences), on results small enough to check by hand."""

from __future__ import annotations

import dataclasses
import re
from types import SimpleNamespace

import pandas as pd
import pytest

from sw_optimiser.explorer import explain, tables
from sw_optimiser.plan import Plan
from sw_optimiser.results import Results

YEARS = [2025, 2026, 2027]  # base year 2025, plan years 2026 and 2027


def _results(pmcs, sites, events, one_off, placement=None, npv=0.0, status="optimal", gap=None, objective=None,
             groups=None, contribution=(0, 0, 0)) -> Results:
    cols = ["year", "pmc", "name", "activity", "open", "se", "tariff_level", "margin"]
    pnl = pd.DataFrame({"one_off": one_off, "municipal_contribution": contribution,
                        "result_per_se": [0.0] * 3, "value_added_per_se": [0.0] * 3, "se_idle": [0.0] * 3,
                        "se_moved": [0.0] * 3, "operating_result": [0.0] * 3}, index=pd.Index(YEARS, name="year"))
    sup = pd.DataFrame(columns=["year", "type", "name", "fte", "cost"])
    return Results(company="Klein", plan=Plan(placement=placement or {}), pnl=pnl,
                   pmcs=pd.DataFrame(pmcs, columns=cols),
                   sites=pd.DataFrame(sites, columns=["year", "site", "name", "open", "se", "capacity", "use", "cost"]),
                   supervision=sup, sales=pd.DataFrame(), chain=pd.DataFrame(columns=["year", "partner", "name", "se"]),
                   groups=groups if groups is not None else pd.DataFrame(columns=["year", "group", "name", "se", "idle"]),
                   events=pd.DataFrame(events, columns=["year", "kind", "subject", "detail", "amount"]),
                   npv=npv, status=status, gap=gap, objective=objective)


def _pmc(year, pmc, open_, se, margin, name=None):
    return (year, pmc, name or {"P1": "Verpakken", "P2": "Groen"}[pmc], "production", open_, se, float("nan"), margin)


def _site(year, cost, use=0.25):
    return (year, "S1", "Hal Noord", cost > 0, 5.0 if cost else 0.0, 20.0, use if cost else 0.0, cost)


# Baseline: P1 loses 1,000 a year, P2 earns 2,000 on 5 SE; site S1 costs 4,000 a year, 5 SE in 20 places.
BASE = _results([_pmc(y, "P1", True, 10.0, -1000.0) for y in YEARS] + [_pmc(y, "P2", True, 5.0, 2000.0) for y in YEARS],
                [_site(y, 4000.0) for y in YEARS], [], [0.0, 0.0, 0.0], npv=-50.0, status="baseline",
                contribution=(900.0, 900.0, 900.0))
# Plan: P1 closes in 2026 (one-off 500), P2 grows to 8 SE earning 3,500; S1 is sold in 2026 for 10,000.
PLAN = _results([_pmc(2025, "P1", True, 10.0, -1000.0), _pmc(2026, "P1", False, 0.0, 0.0), _pmc(2027, "P1", False, 0.0, 0.0),
                 _pmc(2025, "P2", True, 5.0, 2000.0), _pmc(2026, "P2", True, 8.0, 3500.0), _pmc(2027, "P2", True, 8.0, 3500.0)],
                [_site(2025, 4000.0), _site(2026, 0.0), _site(2027, 0.0)],
                [(2026, "close_pmc", "P1", "Verpakken", 500.0), (2026, "divest_site", "S1", "Hal Noord", -10000.0)],
                [0.0, 500.0 - 10000.0, 0.0], npv=-31.0, status="time_limit", gap=0.0578, objective=-24_000_000.0,
                contribution=(900.0, 400.0, 250.0))


def test_the_top_decisions_are_ordered_by_their_effect_with_reasons():
    top = explain.top_decisions(PLAN, BASE, "nl")
    assert list(top.columns) == ["Besluit", "Jaar", "Effect (planjaren)", "Waarom"]
    # S1: costs saved (4,000 - 0) x 2 years = 8,000, plus proceeds 10,000 (a one-off below zero) = 18,000
    # P2: margin (3,500 - 2,000) x 2 = 3,000;  P1: (0 - -1,000) x 2 = 2,000
    assert top["Effect (planjaren)"].tolist() == [18_000.0, 3_000.0, 2_000.0]
    assert top["Besluit"].tolist() == ["afstoten in 2026: Hal Noord", "Groen: groeien", "Verpakken: sluiten in 2026"]
    assert top["Waarom"].tolist() == [
        "bezetting: 25 % (5,0 SE op 20 plaatsen) in 2025",
        "vraag en marge: 5,0 SE → 8,0 SE in 2027, dekkingsbijdrage € 438 per SE",  # 3,500 / 8 = 437.5
        "verliesgevend: dekkingsbijdrage in het nulscenario gemiddeld −€ 1.000 per jaar"]
    assert top["Jaar"].isna().tolist() == [False, True, False] and top["Jaar"].iloc[0] == 2026  # growing: no one year
    assert explain.top_decisions(BASE, BASE, "nl").empty  # the baseline against itself decides nothing


def test_one_off_items_are_noted_per_year_and_proceeds_are_called_proceeds():
    notes = explain.one_off_notes(PLAN, "nl")
    assert notes.to_dict("records") == [{"year": 2026, "amount": -9500.0, "text": "opbrengst € 9.500"}]  # 500 - 10,000
    assert explain.one_off_notes(BASE, "en").empty


def test_what_an_unproven_plan_may_still_be_off_by():
    # without a bound (a plan from before bounds were kept): 5.78 % of the objective's 24 million
    assert explain.uncertainty(PLAN) == pytest.approx(1_387_200.0)
    # with the solver's bound: the bound less the plan, -23,400,000 - -24,000,000
    assert explain.uncertainty(dataclasses.replace(PLAN, bound=-23_400_000.0)) == pytest.approx(600_000.0)
    # a bound below the plan (rounding in the solver) leaves nothing to gain
    assert explain.uncertainty(dataclasses.replace(PLAN, bound=-24_000_000.5)) == 0.0
    assert explain.uncertainty(BASE) is None
    assert explain.uncertainty(dataclasses.replace(PLAN, status="optimal")) is None


def test_who_goes_where_and_how_many_change_workplace():
    # group A: 10 SE in P1 in 2025; in 2026 P1 is closed and 9 SE work in P2 (outflow 10 %):
    # they leave P1 beyond outflow: 10 x 0.9 - 0 = 9 SE change workplace
    placement = {("A", "P1", 2025): 10.0, ("A", "P2", 2026): 9.0}
    groups = pd.DataFrame({"year": [2025, 2026], "group": ["A", "A"], "name": ["Beschut", "Beschut"],
                           "se": [10.0, 9.0], "idle": [0.0, 0.0]})
    res = _results(PLAN.pmcs, PLAN.sites, PLAN.events, [0.0] * 3, placement=placement, groups=groups)
    group = SimpleNamespace(id="A")
    m = SimpleNamespace(groups=[group], group={"A": group}, pmcs=[], retained=lambda g, year: 0.9)
    table = explain.placement(m, res, 2026, "nl")
    assert table.to_dict("index") == {"A – Beschut": {"P2 Groen": 9.0, "Zonder werk": 0.0,
                                                     "Wisselen van werkplek": 9.0}}
    assert explain.placement(m, res, 2025, "nl").loc["A – Beschut", "P1 Verpakken"] == 10.0


def test_compare_against_any_reference():
    entries = [("Nulscenario", BASE), ("Plan", PLAN)]
    against_plan = tables.kpi_differences(entries, "Plan", "nl")
    assert list(against_plan.columns) == ["Nulscenario"]
    # NPV: -50 - -31 = -19; municipal contribution 2027: 900 - 250 = +650
    assert against_plan.loc["Contante waarde bedrijfsresultaat", "Nulscenario"] == "−€ 19"
    assert against_plan.loc["Gemeentelijke bijdrage 2027", "Nulscenario"] == "+€ 650"
    against_base = tables.kpi_differences(entries, "Nulscenario", "en")
    assert against_base.loc["Municipal contribution 2027", "Plan"] == "−€650"


def test_moves_per_group_add_up_to_the_plans_workplace_changes(tiny_model):
    from sw_optimiser.optimiser import Optimiser
    from sw_optimiser.scenario import ALL_LEVERS

    res = Optimiser(tiny_model).solve(ALL_LEVERS, marginal_values=False)
    # group A (Beschut: 45, 40.5 and 36.45 SE after its 10 % outflow) moves at its limit of 10 % a year;
    # group B moves 0.6 SE a year (from P3 to P4); the P&L's workplace changes are the two together
    expected = {2026: (4.5, 0.6, 5.1), 2027: (4.05, 0.6, 4.65), 2028: (3.645, 0.6, 4.245)}
    for year, (a, b, total) in expected.items():
        moves = explain.placement(tiny_model, res, year, "nl")["Wisselen van werkplek"]
        assert moves.to_dict() == {"A – Beschut": pytest.approx(a), "B – Detacheerbaar": pytest.approx(b)}
        assert res.pnl.loc[year, "se_moved"] == pytest.approx(total)


def test_the_results_page_shows_the_top_decisions_and_the_reason_next_to_each_pmc(monkeypatch):
    from tests.test_app import go, solve, start

    at = start(monkeypatch)
    go(at, "scenario")
    for k in ("placement", "phase_out", "tariffs", "sites"):
        at.toggle(key=f"sc.lever.{k}").set_value(True).run()
    solve(at)
    go(at, "results")
    tables_shown = [df.value for df in at.dataframe]
    top = next(md.value for md in at.markdown if md.value.startswith("1. **")).splitlines()
    assert 1 <= len(top) <= 5 and [line.split(".")[0] for line in top] == [str(i) for i in range(1, len(top) + 1)]
    assert all(re.search(r"\*\* \([+−]€ [\d.]+\): \w", line) for line in top), top  # effect, then the reason
    pmcs = next(df for df in tables_shown if "Besluit" in df.columns and "PMC" in df.columns)
    assert list(pmcs.columns).index("Waarom") == 4  # right after the decision, before the numbers
    assert any(e.label == "Wat betekent dit?" for e in at.expander)
