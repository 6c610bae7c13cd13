"""The rules that make a plan acceptable (issue 16 items 4-7) and the marginal values (item 13), each on a
company small enough to work out by hand. Defaults as in tests/cases.py: one plan year (2026), no
discounting, no indexation, 1,000 billable hours per SE, wages and subsidy the same in every plan."""

from __future__ import annotations


import pytest
from cases import (
    CENT, SE_TOL, Y1, Y2, acquisition, elig, gain, group, limits, model, option, partner, pmc, replace, row, scenario,
    site, solve, sup_type, tariff,
)

from sw_optimiser.baseline import run_baseline
from sw_optimiser.optimiser.solve import Optimiser
from sw_optimiser.schema import TravelTime
from sw_optimiser.validate import validate


# ----- item 4: markets are finite ---------------------------------------------------------------------
def sales_case(market=None):
    """15 SE at 0.8 productivity; G (services, €20,000 per productive SE, max volume 10) employs 10 and
    5 are idle. A sales FTE costs €40,000 and opens 5 SE of services demand."""
    return model(groups=[group("B", 15, productivity=0.8)],
                 pmcs=[replace(pmc("G", "services", va=20_000, max=10), market_size=market)],
                 eligibility=[elig("B", "G", 10)],
                 acquisition=[acquisition("services", cost=40_000, demand=5, max_fte=2)])


@pytest.mark.parametrize("market, expected_gain, fte, g_se", [
    (None, 40_000.0, 1, 15),  # no market size: 5 x 0.8 x 20,000 - 40,000 = 40,000 (as before the rule)
    (13, 8_000.0, 1, 13),  # room 13 - 10 = 3 SE: 3 x 16,000 - 40,000 = 8,000
    (12, 0.0, 0, 10),  # room 2 SE: 2 x 16,000 = 32,000 < 40,000: nobody is hired
])
def test_acquisition_opens_demand_only_up_to_the_market_size(market, expected_gain, fte, g_se):
    m = sales_case(market)
    r = solve(m, {"placement", "acquisition"})
    assert r.npv - run_baseline(m).npv == pytest.approx(expected_gain, abs=CENT)
    assert row(r.sales, year=Y1).fte == fte
    assert row(r.pmcs, pmc="G", year=Y1).se == pytest.approx(g_se)
    if market is not None:
        assert all(se <= market + SE_TOL for se in r.pmcs[r.pmcs.pmc == "G"].se)


def test_market_size_at_a_tariff_level_scales_with_its_demand():
    # As test_acquisition_opens_demand_at_the_chosen_tariff (B 10 SE, D at 20 €/h for 6 SE today, 50 €/h
    # for 3 SE; a sales FTE at 30,000 opens 4 SE), now with a market of 8 SE at today's tariff: room 8 - 6 = 2.
    # At level 2 the market is 8 x 3/6 = 4 SE: 3 + 2 x 3/6 = 4 SE x 50,000 - 30,000 = 170,000 (+50,000 on
    # the baseline's 6 x 20,000); at level 1: 8 x 20,000 - 30,000 = 130,000; level 2 without sales: 150,000.
    m = model(groups=[group("B", 10)],
              pmcs=[replace(pmc("D", "individual_secondment", max=10), market_size=8.0)],
              eligibility=[elig("B", "D", 6)], tariffs=[tariff("D", 1, 20, 6, True), tariff("D", 2, 50, 3)],
              acquisition=[acquisition("individual_secondment", cost=30_000, demand=4)])
    r = solve(m, {"placement", "tariffs", "acquisition"})
    assert r.npv - run_baseline(m).npv == pytest.approx(50_000, abs=CENT)
    assert (r.plan.tariff_level["D", Y1], row(r.pmcs, pmc="D", year=Y1).se) == (2, pytest.approx(4))
    # the results show the market at the chosen level (8 x 3/6 = 4), not the demand before acquisition (3)
    assert row(r.pmcs, pmc="D", year=Y1).market_size == pytest.approx(4)
    assert row(r.sales, year=Y1).fte == 1


def test_market_size_below_the_max_volume_is_refused():
    m = model(groups=[group("B", 5)], pmcs=[replace(pmc("G", "services", va=1, max=10), market_size=8.0)],
              eligibility=[elig("B", "G", 5)], check=False)
    [problem] = [p for p in validate(m) if p.severity == "error"]
    assert (problem.table, problem.row, problem.column, problem.code) == ("pmcs", 4, "market_size",
                                                                          "check.market_below_max")


# ----- item 5: tariffs change at renewal; the owner municipalities' net effect ---------------------------
def seconded(horizon=1, demand2=8.0, **pmc_kw):
    """6 SE at 0.5 productivity seconded in D at 20 €/h (demand 10); level 2 is 25 €/h (demand `demand2`).
    The idle can go to L (services, €20,000 per productive SE: 0.5 x 20,000 = 10,000 a SE)."""
    return model(groups=[group("B", 6, productivity=0.5)],
                 pmcs=[replace(pmc("D", "individual_secondment", max=10), **pmc_kw), pmc("L", "services", va=0)],
                 eligibility=[elig("B", "D", 6), elig("B", "L")], horizon=horizon,
                 tariffs=[tariff("D", 1, 20, 10, True), tariff("D", 2, 25, demand2)])


@pytest.mark.parametrize("contract_end, expected_gain, levels", [
    (None, 30_000.0, [2, 2]),  # (25 - 20) x 1,000 h x 0.5 x 6 SE = 15,000 a year, both years
    (Y2, 15_000.0, [1, 2]),  # the contract runs to 2027: today's tariff in 2026, the new one from 2027
    (Y2 + 1, 0.0, [1, 1]),  # renewed after the horizon: no change
])
def test_tariff_changes_only_from_the_contract_end(contract_end, expected_gain, levels):
    m = seconded(horizon=2, contract_end=contract_end)
    r = solve(m, {"placement", "tariffs"})
    assert r.npv - run_baseline(m).npv == pytest.approx(expected_gain, abs=CENT)
    assert [r.plan.tariff_level["D", t] for t in (Y1, Y2)] == levels


def shrinking(contract_end):
    """B 10 SE today, half leaves every year: 5 SE in 2026, 2.5 in 2027, 1.25 in 2028; B can work only in D
    (idle allowed in this isolated case). D: level 1 20 €/h for 6 SE (today's), level 2 30 €/h for 3 SE;
    1,000 h a year, so €20,000 or €30,000 per SE."""
    return model(groups=[group("B", 10, outflow=0.5)],
                 pmcs=[replace(pmc("D", "individual_secondment", max=10), contract_end=contract_end)],
                 eligibility=[elig("B", "D", 6)], horizon=3,
                 tariffs=[tariff("D", 1, 20, 6, True), tariff("D", 2, 30, 3)])


@pytest.mark.parametrize("contract_end, expected_gain, levels", [
    # The baseline keeps today's share placed (6 of 10, shrinking with B): 3 / 1.5 / 0.75 SE at level 1 =
    # 60,000 + 30,000 + 15,000 = 105,000. Reallocation places every SE B has (up to D's demand).
    # No contract end in the workbook: any year. 2026 level 1 (5 x 20,000 = 100,000 > 3 x 30,000);
    # 2027 level 2 (2.5 x 30,000 = 75,000 > 50,000); 2028 level 2 (37,500 > 25,000): 212,500 - 105,000
    (None, 107_500.0, [1, 2, 2]),
    # renewed in 2026 for CONTRACT_TERM (4) years: one level for 2026-2028; level 2 throughout
    # (90,000 + 75,000 + 37,500 = 202,500 against level 1's 175,000): 202,500 - 105,000
    (Y1, 97_500.0, [2, 2, 2]),
    # renewed in 2027: today's level in 2026, then one level for 2027-2028 (level 2): as without a contract end
    (Y2, 107_500.0, [1, 2, 2]),
])
def test_a_renewed_contract_keeps_its_tariff_for_its_term(contract_end, expected_gain, levels):
    m = shrinking(contract_end)
    r = solve(m, {"placement", "tariffs"})
    assert r.npv - run_baseline(m).npv == pytest.approx(expected_gain, abs=CENT)
    assert [r.plan.tariff_level["D", t] for t in (Y1, Y2, Y2 + 1)] == levels


def test_owner_municipality_tariff_shown_and_counted_neutral_on_request():
    # Level 2 takes 5 of the 6 SE: 5 x 0.5 x 25,000 = 62,500 against 6 x 0.5 x 20,000 = 60,000 at level 1
    # (the sixth SE earns nothing in L): the company gains 2,500. Its client is an owner municipality, which
    # pays 5 x 0.5 x (25 - 20) x 1,000 = 12,500 more: the owners together are 12,500 - 2,500 = 10,000 worse off.
    m = seconded(demand2=5.0, client="owner_municipality")
    r = solve(m, {"placement", "tariffs"})
    base = run_baseline(m)
    assert r.plan.tariff_level["D", Y1] == 2
    assert r.npv - base.npv == pytest.approx(2_500, abs=CENT)
    assert r.pnl.loc[Y1, "owner_tariff_extra"] == pytest.approx(12_500)
    assert r.pnl.loc[Y1, "owners_result"] - base.pnl.loc[Y1, "owners_result"] == pytest.approx(-10_000)
    assert r.objective == pytest.approx(r.npv, abs=CENT)
    # counted as neutral: the higher tariff earns the owners nothing and costs them a placement: level 1
    neutral = Optimiser(m, limits(owner_tariffs_neutral=True)).solve(scenario({"placement", "tariffs"}))
    assert neutral.plan.tariff_level["D", Y1] == 1
    assert neutral.npv == pytest.approx(base.npv, abs=CENT)
    assert neutral.pnl.loc[Y1, "owner_tariff_extra"] == pytest.approx(0)


def test_owner_neutral_objective_is_the_npv_less_what_the_owners_pay_more():
    # Level 2 keeps all 6 SE (demand 8): the company gains 15,000, all of it paid by the owner
    # municipality; counted neutral, the objective is 15,000 below the NPV (and level 1 is as good).
    m = seconded(client="owner_municipality")
    r = Optimiser(m, limits(owner_tariffs_neutral=True)).solve(scenario({"placement", "tariffs"}))
    extra = sum(r.pnl.loc[t, "owner_tariff_extra"] * m.discount(t) for t in m.plan_years)
    assert r.objective == pytest.approx(r.npv - extra, abs=CENT)
    assert r.objective == pytest.approx(run_baseline(m).npv, abs=CENT)


# ----- item 6: chain cooperation priced as it works ---------------------------------------------------
@pytest.mark.parametrize("fee, cost, chain_se, expected_gain", [
    # Per SE at the partner: fee 3,000 - own cost 1,000 - value added lost 0.2 x 55,000 = 11,000
    # + supervision saved 50,000 / 5 = 10,000 = +1,000; capacity 4: 4 x 1,000 = 4,000
    # (fee 12,000 - cost 4,000 - value added 44,000 + 0.8 FTE x 50,000 = 40,000 saved).
    (3_000, 1_000, 4, 4_000.0),
    # fee 1,500 - cost 1,000 - 11,000 + 10,000 = -500 per SE: nobody goes
    (1_500, 1_000, 0, 0.0),
])
def test_chain_place_fee_cost_and_supervision_saved(fee, cost, chain_se, expected_gain):
    # 10 SE (sheltered only, productivity 0.2) in P (€55,000 per productive SE), supervised 1:5 by 2 FTE at
    # €50,000. Idle would lose 11,000 and save 10,000 a SE: not worth it. The care funding goes to the partner.
    m = model(groups=[group("A", 10, productivity=0.2, sheltered_only=True)], pmcs=[pmc("P", va=55_000)],
              eligibility=[elig("A", "P", 10)], supervision=[sup_type("W", cost=50_000, fte=2)],
              options=[option("W", "1:5", 5, current=True)],
              chain=[partner("C", tariff=fee, cost=cost, capacity=4, groups=("A",))])
    r = solve(m, {"placement", "chain", "supervision"})
    assert r.npv - run_baseline(m).npv == pytest.approx(expected_gain, abs=CENT)
    assert row(r.chain, partner="C", year=Y1).se == pytest.approx(chain_se, abs=SE_TOL)
    assert row(r.supervision, type="W", year=Y1).fte == pytest.approx((10 - chain_se) / 5)
    # the money flow of the year: fee in the revenue, the own cost with the material
    base = run_baseline(m).pnl.loc[Y1]
    assert r.pnl.loc[Y1, "revenue"] - base.revenue == pytest.approx(chain_se * fee - chain_se * 11_000)
    assert r.pnl.loc[Y1, "supervision"] - base.supervision == pytest.approx(-chain_se * 10_000)


# ----- item 7: sites fit their use --------------------------------------------------------------------
def two_sites(activity="production", s2_activities=(), move=20_000, check=True):
    """P1 (8 SE, `activity`) at S1 (€100,000 a year, sold for €50,000); P2 (15 SE, production) at S2
    (capacity 30). Moving P1 to S2 and selling S1 gains 100,000 + 50,000 - 20,000 = 130,000."""
    s1 = site("S1", capacity=20, cost=100_000, divest=50_000)
    s2 = replace(site("S2", capacity=30, cost=80_000), activities=tuple(s2_activities))
    return model(groups=[group("A", 8), group("B", 15)],
                 pmcs=[pmc("P1", activity, va=10_000, site="S1", move=move), pmc("P2", va=10_000, site="S2")],
                 eligibility=[elig("A", "P1", 8), elig("B", "P2", 15)], sites=[s1, s2], check=check)


@pytest.mark.parametrize("activity, s2_activities, expected_gain, p1_site", [
    ("production", (), 130_000.0, "S2"),  # S2 houses any activity
    ("day_care", ("production",), 0.0, "S1"),  # day care cannot move into a production hall: S1 stays
    ("day_care", ("production", "day_care"), 130_000.0, "S2"),
])
def test_pmc_moves_only_to_a_site_that_houses_its_activity(activity, s2_activities, expected_gain, p1_site):
    m = two_sites(activity, s2_activities)
    r = solve(m, {"placement", "sites"})
    assert r.npv - run_baseline(m).npv == pytest.approx(expected_gain, abs=CENT)
    assert row(r.pmcs, pmc="P1", year=Y1).site == p1_site


def test_pmc_at_a_site_unfit_for_its_activity_is_refused():
    m = two_sites(s2_activities=("day_care",), check=False)  # P2 (production) is at S2 today
    [problem] = [p for p in validate(m) if p.severity == "error"]
    assert (problem.table, problem.column, problem.code) == ("pmcs", "site", "check.site_unsuitable")


@pytest.mark.parametrize("s2_offices, rent, expected_gain, s1_open, rented", [
    (0, None, 0.0, True, 0),  # the 10 overhead workplaces are all at S1 and cannot be rented: S1 stays
    (0, 4_000, 90_000.0, False, 10),  # 130,000 - 10 x 4,000 rent = 90,000
    (6, 4_000, 114_000.0, False, 4),  # S2 has 6 offices: 130,000 - 4 x 4,000 = 114,000
    (0, 14_000, 0.0, True, 0),  # 10 x 14,000 = 140,000 > 130,000: S1 stays
])
def test_head_office_goes_only_if_offices_exist_elsewhere_or_are_rented(s2_offices, rent, expected_gain, s1_open,
                                                                         rented):
    m = two_sites()
    sites = (replace(m.sites[0], offices=10.0), replace(m.sites[1], offices=float(s2_offices)))
    m = m.replace(sites=sites, overhead=replace(m.overhead, office_workplaces=10.0,
                                                office_rent=None if rent is None else float(rent)))
    assert not [p for p in validate(m) if p.severity == "error"]
    r = solve(m, {"placement", "sites"})
    assert r.npv - run_baseline(m).npv == pytest.approx(expected_gain, abs=CENT)
    assert bool(row(r.sites, site="S1", year=Y1).open) is s1_open
    assert r.pnl.loc[Y1, "offices_rented"] == pytest.approx(rented)
    assert r.objective == pytest.approx(r.npv, abs=CENT)


@pytest.mark.parametrize("minutes, expected_gain", [
    (None, 0.0),  # S1-S2 not listed: too far
    (45.0, 0.0),  # over the 30 minutes
    (20.0, 130_000.0),
])
def test_pmc_moves_only_within_the_travel_time(minutes, expected_gain):
    m = two_sites()
    m = m.replace(company=replace(m.company, max_travel_minutes=30.0),
                  travel_times=() if minutes is None else (TravelTime("S2", "S1", minutes),))
    assert gain(m, {"placement", "sites"}) == pytest.approx(expected_gain, abs=CENT)


# ----- item 13: marginal values, checked against a finite difference ------------------------------------
def two_pmcs(h_max=6.0):
    """B (10 SE, productivity 1): H pays €15,000 per SE and takes at most `h_max`, L pays €5,000. Two plan
    years at a 10 % discount rate. One more SE of H's demand moves one SE from L to H: 10,000 a year."""
    return model(groups=[group("B", 10)], pmcs=[pmc("H", "services", va=15_000, max=h_max),
                                                pmc("L", "services", va=5_000, fixed=1_000)],
                 eligibility=[elig("B", "H", 6), elig("B", "L", 4)], horizon=2, discount=0.1)


def _mv(r, kind, subject, year):
    mv = r.marginal_values
    hit = mv[(mv.kind == kind) & (mv.subject == subject) & (mv.year.isna() if year is None else mv.year == year)]
    assert len(hit) == 1
    return hit.iloc[0]


@pytest.mark.parametrize("levers, basis", [({"placement"}, "lp"), ({"placement", "phase_out"}, "lp_fixed_integers")])
def test_marginal_value_of_demand_per_year_and_as_npv_equals_the_finite_difference(levers, basis):
    m = two_pmcs()
    r = Optimiser(m).solve(scenario(levers), marginal_values=True)
    # per year, in that year's euros: 15,000 - 5,000 = 10,000
    for t in (Y1, Y2):
        v = _mv(r, "demand", "H", t)
        assert (v.value, v.unit, v.basis) == (pytest.approx(10_000), "eur_year", basis)
    # every year, as NPV: 10,000 / 1.1 + 10,000 / 1.1^2 = 9,090.91 + 8,264.46 = 17,355.37
    npv = _mv(r, "demand", "H", None)
    assert (npv.value, npv.unit) == (pytest.approx(17_355.37, abs=CENT), "eur_npv")
    more = Optimiser(two_pmcs(h_max=7.0)).solve(scenario(levers))
    assert more.npv - r.npv == pytest.approx(npv.value, abs=CENT)


def test_marginal_value_of_demand_at_the_chosen_tariff_level_only():
    # B (10 SE) in D at 20 €/h for 6 SE (level 1) or 25 €/h for 5 SE (level 2), the rest in L (€5,000):
    # level 1: 6 x 20,000 + 4 x 5,000 = 140,000; level 2: 5 x 25,000 + 5 x 5,000 = 150,000: level 2.
    # One more SE of demand at level 2 is worth 25,000 - 5,000 = 20,000; level 1's demand is worth nothing
    # to this plan (it is not chosen).
    def case(d2):
        return model(groups=[group("B", 10)], pmcs=[pmc("D", "individual_secondment", max=10),
                                                    pmc("L", "services", va=5_000)],
                     eligibility=[elig("B", "D", 6), elig("B", "L", 4)],
                     tariffs=[tariff("D", 1, 20, 6, True), tariff("D", 2, 25, d2)])
    r = Optimiser(case(5.0)).solve(scenario({"placement", "tariffs"}), marginal_values=True)
    assert r.plan.tariff_level["D", Y1] == 2
    v = _mv(r, "demand", "D", Y1)
    assert (v.value, v.basis) == (pytest.approx(20_000), "lp_fixed_integers")
    more = Optimiser(case(6.0)).solve(scenario({"placement", "tariffs"}))
    assert more.npv - r.npv == pytest.approx(_mv(r, "demand", "D", None).value, abs=CENT)


def test_marginal_value_of_a_workplace_equals_the_finite_difference():
    # S has 8 workplaces for P (production, €12,000 per SE); the other 2 SE of B work in L (services,
    # €2,000): one more workplace is worth 10,000 in the one plan year.
    def case(capacity):
        return model(groups=[group("B", 10)], pmcs=[pmc("P", va=12_000), pmc("L", "services", va=2_000)],
                     eligibility=[elig("B", "P", 8), elig("B", "L", 2)], sites=[site("S", capacity=capacity)])
    r = Optimiser(case(8.0)).solve(scenario({"placement"}), marginal_values=True)
    assert _mv(r, "workplace", "S", Y1).value == pytest.approx(10_000)
    more = Optimiser(case(9.0)).solve(scenario({"placement"}))
    assert more.npv - r.npv == pytest.approx(_mv(r, "workplace", "S", None).value, abs=CENT)


def test_chain_fee_column_still_read_under_its_old_heading(tiny_model, tmp_path):
    # Workbooks written before the column was renamed ("Tarief per deelnemer") read as before.
    from openpyxl import load_workbook

    from sw_optimiser.workbook import read_workbook, write_workbook
    path = write_workbook(tiny_model, tmp_path / "oud.xlsx")
    wb = load_workbook(path)
    ws = wb["Ketenpartners"]
    [cell] = [c for c in ws[1] if c.value == "Contractvergoeding per plaats"]
    cell.value = "Tarief per deelnemer"
    ws.cell(row=2, column=cell.column).value = "Tariff per participant"
    wb.save(path)
    m, _ = read_workbook(path)
    assert [c.tariff for c in m.chain_partners] == [c.tariff for c in tiny_model.chain_partners]
