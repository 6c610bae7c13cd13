"""Regional cooperation: the shared sales desk (pooled acquisition) and travel limits, by hand.

One plan year (2026), no discounting or indexation (tests/cases.py defaults): an NPV is the 2026
result. Wsw wages and subsidy are the same in every plan and drop out of every gain.
"""

from __future__ import annotations

import dataclasses

import pytest
from cases import acquisition, elig, group, model, pmc
from test_region_values import HOST_A, MOVE_B, A, B, region

from sw_optimiser.baseline import run_baseline
from sw_optimiser.problems import InputError
from sw_optimiser.region import Pooling, Travel, parse_region, split

CENT = 0.01
SALES_LEVERS = ("placement", "acquisition")


def sales_company(demand_per_fte: float):
    """15 SE at 0.8 productivity; PMC G (services, €20,000 per productive SE) takes 10, so 5 are idle.
    A sales FTE costs €40,000 a year and opens `demand_per_fte` SE of services demand (at most 1 FTE)."""
    return model(groups=[group("B", 15, productivity=0.8)], pmcs=[pmc("G", "services", va=20_000, max=10)],
                 eligibility=[elig("B", "G", 10)],
                 acquisition=[acquisition("services", cost=40_000, demand=demand_per_fte, max_fte=1)])


# X's FTE opens 10 SE (it can use 5); Y's opens 5. Alone each hires one FTE: 5 x 0.8 x 20,000 - 40,000 = +40,000.
X, Y = sales_company(10), sales_company(5)


def desk_region(saving_share=0.0, one_off_cost=5_000, members=("X", "Y")):
    r = region([("X", X), ("Y", Y)], levers=SALES_LEVERS)
    return dataclasses.replace(r, acquisition_pooling=Pooling(members, saving_share, one_off_cost))


def test_sales_desk_passes_demand_on():
    r = split(desk_region())
    # Alone: each +40,000 over its baseline.
    assert r.alone[0] - run_baseline(X).npv == pytest.approx(40_000, abs=CENT)
    assert r.alone[1] - run_baseline(Y).npv == pytest.approx(40_000, abs=CENT)
    # Together X's one FTE opens 10 SE: 5 for X, 5 for Y; Y hires nobody and saves 40,000;
    # both pay the one-off 5,000: gain 40,000 - 10,000 = 30,000.
    assert r.gain == pytest.approx(30_000, abs=CENT)
    assert r.shapley_gain() == pytest.approx([15_000, 15_000], abs=CENT)
    assert r.proportional_gain() == pytest.approx([15_000, 15_000], abs=CENT)  # 15 SE each
    # Own results together: X gives its demand away free (-5,000 one-off); Y +40,000 - 5,000.
    assert r.own[0] - r.alone[0] == pytest.approx(-5_000, abs=CENT)
    assert r.own[1] - r.alone[1] == pytest.approx(35_000, abs=CENT)
    assert r.rational == [True, True]
    grand = r.values[(0, 1)]
    assert sorted(d[:3] for d in grand.decisions) == [("acq_pool", 2026, "X"), ("acq_pool", 2026, "Y")]


def test_sales_desk_saves_a_share_of_the_sales_cost():
    # As above, and X's one FTE costs a quarter less on the desk: 30,000 + 0.25 x 40,000 = 40,000.
    r = split(desk_region(saving_share=0.25))
    assert r.gain == pytest.approx(40_000, abs=CENT)


def test_sales_desk_not_worth_its_one_off_cost():
    # Joining costs 30,000 each: 40,000 - 60,000 < 0, so nobody joins.
    r = split(desk_region(one_off_cost=30_000))
    assert r.gain == pytest.approx(0, abs=CENT)
    assert r.values[(0, 1)].decisions == []


def test_a_desk_of_one_is_no_desk():
    r = split(desk_region(members=("X",)))
    assert r.gain == pytest.approx(0, abs=CENT)


# ----- travel limits: the two-company site sharing case of test_region_values (worth 100,000) -----------
@pytest.mark.parametrize("minutes, limit, gain", [
    ({frozenset(("B/SB", "A/SA")): 20}, 30, 100_000),  # within reach: B moves into A's site
    ({frozenset(("B/SB", "A/SA")): 40}, 30, 0),  # too far for B's employees
    ({}, 30, 0),  # no travel time known: no move
])
def test_travel_limit_decides_whether_a_pmc_may_move(minutes, limit, gain):
    r = dataclasses.replace(region([("A", A), ("B", B)], [HOST_A], [MOVE_B]), travel=Travel(limit, minutes))
    assert split(r).gain == pytest.approx(gain, abs=CENT)


# ----- reading -----------------------------------------------------------------------------------------
FILE = """\
name: Samen
members:
  - {id: X, model: x.xlsx}
  - {id: Y, model: y.xlsx}
levers: [placement, acquisition, sites]
acquisition_pooling: {saving_share: 0.25, one_off_cost: 5000, start_year: 2026}
travel:
  max_minutes: 30
  times:
    - {from: X/SA, to: Y/SB, minutes: 20}
"""
MODELS = {"X": A, "Y": B}  # companies with a site each


def _problems(text):
    with pytest.raises(InputError) as exc:
        parse_region(text, "regio.yaml", models=MODELS)
    return [(p.row, p.column, p.code) for p in exc.value.problems]


def test_desk_and_travel_are_read():
    r = parse_region(FILE, "regio.yaml", models=MODELS)
    assert r.acquisition_pooling == Pooling(("X", "Y"), 0.25, 5_000, 2026)
    assert r.travel.max_minutes == 30 and r.travel.allows("Y/SB", "X/SA") and not r.travel.allows("X/SA", "X/SB")


def test_desk_needs_the_acquisition_lever():
    text = FILE.replace("levers: [placement, acquisition, sites]", "levers: [placement, sites]")
    assert _problems(text) == [(6, "acquisition_pooling", "region.needs_lever")]


def test_bad_travel_entries_name_line_and_key():
    text = FILE.replace("from: X/SA", "from: Q/SA").replace("minutes: 20", "minutes: -5")
    text = text.replace("max_minutes: 30", "max_minutes: 30\n  speed: 5")
    assert _problems(text) == [
        (9, "travel.speed", "scenario.unknown_key"),
        (11, "travel.times[1].from", "region.unknown_site_ref"),
        (11, "travel.times[1].minutes", "scenario.range"),
    ]
    text = FILE.replace("to: Y/SB", "to: Y/S9")
    assert _problems(text) == [(10, "travel.times[1].to", "region.unknown_site")]
