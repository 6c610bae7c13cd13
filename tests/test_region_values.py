"""Regional cooperation: coalition values, the gain and its split, checked against hand arithmetic.

Every company below has one plan year (2026), no discounting and no indexation (tests/cases.py
defaults), so an NPV is the 2026 result and every gain is plain arithmetic. Wsw wages and subsidy
are the same in every plan and drop out of every gain. Levers: sites only (placement stays as today,
every PMC stays open), so the only decisions are which sites to keep and where PMCs work.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

from sw_optimiser.baseline import run_baseline
from sw_optimiser.region import Host, Member, Movable, Pooling, Region, split
from sw_optimiser.region.game import coalitions, shapley_exact, shapley_sampled
from cases import ISOLATED, elig, group, model, pmc, site

CENT = 0.01


def company(site_id, *, se, cap, cost=0.0, divest=0.0, move=None, pmc_id=None, fixed_overhead=0.0):
    """One group of `se` SE working in one production PMC at one site."""
    pid = pmc_id or f"P{site_id}"
    return model(groups=[group("G", se)],
                 pmcs=[pmc(pid, va=10_000, site=site_id, move=move, may_close=False)],
                 eligibility=[elig("G", pid, se)],
                 sites=[site(site_id, capacity=cap, cost=cost, divest=divest)],
                 overhead=(fixed_overhead, 0.0))


def region(members, hosts=(), movables=(), pooling=None, levers=("sites",), workers=1):
    return Region("test", tuple(Member(k, m) for k, m in members), levers=levers, hosts=tuple(hosts),
                  movables=tuple(movables), pooling=pooling, time_limit=60, gap=0.0, workers=workers,
                  social=ISOLATED)


# ----- two companies: A's half-empty site takes B's PMC ---------------------------------------------
A = company("SA", se=50, cap=100)  # 50 of 100 workplaces used; costs nothing, gains nothing alone
B = company("SB", se=30, cap=40, cost=100_000, divest=50_000, move=20_000)  # B's only site: cannot go alone
HOST_A = Host("A", "SA", extra_cost=1_000, charge=2_000)
MOVE_B = Movable("B", "PSB")


# The same two companies as a region file with its workbooks (for the command line, Dask and explorer tests).
TWO_YAML = """\
name: Twee
members:
  - {id: A, model: a.xlsx}
  - {id: B, model: b.xlsx}
levers: [sites]
hosting:
  - {member: A, site: SA, extra_cost: 1000, charge: 2000}
movable:
  - {member: B, pmc: PSB}
solver: {time_limit: 30, gap: 0, workers: 1}
social: {group_move_share: null}  # PSB moves with all 30 of its SE at once (a hand case)
"""


def write_two(folder, b=B) -> Path:
    """regio.yaml, a.xlsx and b.xlsx in `folder`; returns the region file."""
    from sw_optimiser.workbook import write_workbook

    write_workbook(A, folder / "a.xlsx")
    write_workbook(b, folder / "b.xlsx")
    (folder / "regio.yaml").write_text(TWO_YAML, encoding="utf-8")
    return folder / "regio.yaml"


def test_two_companies_sharing_one_site():
    r = split(region([("A", A), ("B", B)], [HOST_A], [MOVE_B]))
    # Alone nothing changes: each company's value is its baseline.
    assert r.alone[0] == pytest.approx(run_baseline(A).npv, abs=CENT)
    assert r.alone[1] == pytest.approx(run_baseline(B).npv, abs=CENT)
    # Together B moves PSB (30 SE) into SA (50 + 30 = 80 <= 100) in 2026 and divests SB:
    #   B's site cost saved 100,000 + proceeds 50,000 - moving cost 20,000 - extra host cost 30 x 1,000
    #   = 100,000.
    assert r.gain == pytest.approx(100_000, abs=CENT)
    assert r.joint == pytest.approx(sum(r.alone) + 100_000, abs=CENT)
    # Shapley for two players: each gets its alone value + half the gain.
    assert r.shapley_gain() == pytest.approx([50_000, 50_000], abs=CENT)
    # Proportional to SE: 50 / 80 and 30 / 80 of 100,000.
    assert r.proportional_gain() == pytest.approx([62_500, 37_500], abs=CENT)
    assert r.rational == [True, True] and r.core.in_core
    # Each company's own result in the joint plan: the charge of 2,000 x 30 = 60,000 goes from B to A.
    #   A: + (2,000 - 1,000) x 30 = +30,000;  B: 100,000 + 50,000 - 20,000 - 60,000 = +70,000.
    assert r.own[0] - r.alone[0] == pytest.approx(30_000, abs=CENT)
    assert r.own[1] - r.alone[1] == pytest.approx(70_000, abs=CENT)
    grand = r.values[(0, 1)]
    assert [d[:5] for d in grand.decisions] == [("move", 2026, "B", "PSB", "A/SA")]


def test_full_host_site_gains_nothing():
    # A's site has 50 + 30 > 70 workplaces: B's PMC does not fit, so cooperation gains nothing.
    a_full = company("SA", se=50, cap=70)
    r = split(region([("A", a_full), ("B", B)], [HOST_A], [MOVE_B]))
    assert r.gain == pytest.approx(0, abs=CENT)
    assert r.shapley_gain() == pytest.approx([0, 0], abs=CENT)
    assert r.proportional_gain() == pytest.approx([0, 0], abs=CENT)
    assert r.rational == [True, True] and r.core.in_core


def test_a_hosted_capacity_cap_also_blocks():
    # The host offers at most 20 hosted workplaces; B needs 30.
    r = split(region([("A", A), ("B", B)], [Host("A", "SA", 1_000, 2_000, capacity=20)], [MOVE_B]))
    assert r.gain == pytest.approx(0, abs=CENT)


# ----- three companies: one host with room for one guest, and a pooled back office ------------------
A3 = company("SA", se=60, cap=100, fixed_overhead=400_000)  # room for 40
B3 = company("SB", se=30, cap=40, cost=120_000, move=20_000, fixed_overhead=300_000)
C3 = company("SC", se=25, cap=30, cost=90_000, move=10_000, fixed_overhead=200_000)
POOL = Pooling(("A", "B", "C"), saving_share=0.1, one_off_cost=10_000)
# Sharing: B into SA saves 120,000 - 20,000 - 30 x 500 = 85,000; C into SA 90,000 - 10,000 - 25 x 500
# = 67,500; not both (30 + 25 > 40 free workplaces).
# Pooling, per member joining: A 0.1 x 400,000 - 10,000 = 30,000; B 30,000 - 10,000 = 20,000;
# C 20,000 - 10,000 = 10,000; only with at least one other member.
GAINS = {
    (0,): 0.0, (1,): 0.0, (2,): 0.0,
    (0, 1): 85_000 + 30_000 + 20_000,  # 135,000
    (0, 2): 67_500 + 30_000 + 10_000,  # 107,500
    (1, 2): 20_000 + 10_000,  # 30,000: no host among them
    (0, 1, 2): 85_000 + 30_000 + 20_000 + 10_000,  # 145,000
}


def _three(workers=1):
    return region([("A", A3), ("B", B3), ("C", C3)], [Host("A", "SA", 500, 500)],
                  [Movable("B", "PSB"), Movable("C", "PSC")], POOL, workers=workers)


def test_three_companies_against_enumeration():
    r = split(_three())
    alone = [run_baseline(m).npv for m in (A3, B3, C3)]
    assert r.alone == pytest.approx(alone, abs=CENT)
    for S, g in GAINS.items():
        assert r.values[S].value - sum(alone[i] for i in S) == pytest.approx(g, abs=CENT), S
    # Shapley by its definition: the mean over all 3! orders of each member's marginal gain.
    shap = [0.0, 0.0, 0.0]
    orders = list(itertools.permutations(range(3)))
    for order in orders:
        for k, i in enumerate(order):
            before = tuple(sorted(order[:k]))
            shap[i] += (GAINS[tuple(sorted(order[:k + 1]))] - (GAINS[before] if before else 0.0)) / len(orders)
    # = A 78,750; B 40,000; C 26,250 (sum 145,000)
    assert shap == pytest.approx([78_750, 40_000, 26_250], abs=CENT)
    assert r.shapley_gain() == pytest.approx(shap, abs=CENT)
    assert sum(r.shapley) == pytest.approx(r.joint, abs=CENT)
    assert all(r.rational)
    # Not in the core: A and B together get 78,750 + 40,000 = 118,750 < 135,000, their value alone.
    assert not r.core.in_core
    assert r.core.worst == (0, 1) and r.core.shortfall == pytest.approx(135_000 - 118_750, abs=CENT)
    # Proportional: 145,000 pro rata 60 : 30 : 25 SE.
    assert r.proportional_gain() == pytest.approx([145_000 * 60 / 115, 145_000 * 30 / 115, 145_000 * 25 / 115],
                                                  abs=CENT)


def test_three_companies_in_parallel_processes():
    r = split(_three(workers=2))
    assert r.gain == pytest.approx(145_000, abs=CENT)


def test_sampled_shapley_is_exact_on_all_orders_and_estimates_with_an_error():
    v = {S: float(g) for S, g in GAINS.items()}
    exact = shapley_exact(3, lambda S: v[tuple(sorted(S))])
    all_orders = [list(o) for o in itertools.permutations(range(3))]
    mean, se = shapley_sampled(3, lambda S: v[tuple(sorted(S))], all_orders)
    assert mean == pytest.approx(exact, abs=1e-6)
    assert all(s >= 0 and math.isfinite(s) for s in se)
    assert len(coalitions(4)) == 15


def test_best_pool_in_closed_form():
    from sw_optimiser.region.sharing import best_pool

    assert best_pool({0: 10.0, 1: 5.0, 2: -1.0}) == {0, 1}  # every member that gains
    assert best_pool({0: 10.0, 1: -3.0, 2: -5.0}) == {0, 1}  # one gains: with the cheapest partner, 10 - 3 > 0
    assert best_pool({0: 2.0, 1: -3.0}) == set()  # 2 - 3 < 0: nobody
    assert best_pool({0: 2.0}) == set()  # alone there is nothing to pool


def test_sampled_split_beyond_the_exact_limit():
    import dataclasses

    r = split(dataclasses.replace(_three(), exact_limit=2, samples=40, seed=3))
    assert r.method == "sampled" and r.samples == 40
    exact = [78_750, 40_000, 26_250]  # as in test_three_companies_against_enumeration
    for got, want, se in zip(r.shapley_gain(), exact, r.shapley_se):
        assert abs(got - want) <= 4 * se + CENT
    assert r.gain == pytest.approx(145_000, abs=CENT)


def test_moving_at_home_or_to_a_partner():
    # B2 has two sites: SB (100,000 a year, holds PSB with 30 SE) and the empty SB2 (60,000 a year,
    # 35 workplaces). PSB may move (20,000) within B2 or to A's site (extra cost 1,000 per workplace).
    b2 = model(groups=[group("G", 30)], pmcs=[pmc("PSB", va=10_000, site="SB", move=20_000, may_close=False)],
               eligibility=[elig("G", "PSB", 30)],
               sites=[site("SB", capacity=40, cost=100_000), site("SB2", capacity=35, cost=60_000)])
    r = split(region([("A", A), ("B", b2)], [HOST_A], [MOVE_B]))
    # Alone, B2 either divests the empty SB2 (+60,000) or moves PSB to SB2 and divests SB
    # (+100,000 - 20,000 = +80,000); not both, PSB needs a site. Best: +80,000.
    assert r.alone[1] - run_baseline(b2).npv == pytest.approx(80_000, abs=CENT)
    # Together: PSB to A's site, both of B2's sites divested: 160,000 - 20,000 - 30 x 1,000 = 110,000;
    # the gain of cooperation is 110,000 - 80,000 = 30,000, split 15,000 each.
    assert r.gain == pytest.approx(30_000, abs=CENT)
    assert r.shapley_gain() == pytest.approx([15_000, 15_000], abs=CENT)
