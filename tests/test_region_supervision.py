"""Regional cooperation: a shared pool of supervisors, by hand.

One plan year (2026), no discounting or indexation (tests/cases.py defaults): an NPV is the 2026
result. Wsw wages and subsidy are the same in every plan and drop out of every gain.
"""

from __future__ import annotations

import dataclasses

import pytest
from cases import elig, group, model, option, pmc, sup_type
from test_region_values import region

from sw_optimiser.baseline import run_baseline
from sw_optimiser.problems import InputError
from sw_optimiser.region import SupervisionPool, parse_region, split
from sw_optimiser.region.cli import decision_table

CENT = 0.01
LEVERS = ("placement", "supervision")


def coached(se: float, fte: float, type_id: str = "J"):
    """`se` SE at full productivity, 10 of them in PMC P (services, €20,000 per productive SE, room for
    everyone); supervisors of `type_id` at span 10, €50,000 per FTE, `fte` of them today, who may not
    shrink (a Wsw company cannot dismiss its supervisors overnight) but may grow."""
    return model(groups=[group("A", se)], pmcs=[pmc("P", "services", va=20_000, sup=type_id)],
                 eligibility=[elig("A", "P", 10)],
                 supervision=[sup_type(type_id, cost=50_000, fte=fte, shrink=0.0)],
                 options=[option(type_id, "1:10", 10, current=True)])


# X: 10 SE and 2 supervisors, who could cover 20: 10 SE of coverage to spare. Y: 20 SE, 1 supervisor,
# so 10 of its SE are idle. Alone, X can do nothing (its staff may not shrink); Y hires 1 FTE and
# places its 10 idle SE: 10 x 20,000 - 50,000 = +150,000.
X, Y = coached(10, 2), coached(20, 1, type_id="JC")


def pool_region(one_off_cost=5_000, types=(("X", "J"), ("Y", "JC"))):
    r = region([("X", X), ("Y", Y)], levers=LEVERS)
    return dataclasses.replace(r, supervision_pooling=SupervisionPool(types, one_off_cost))


def test_pooled_supervisors_cover_a_partners_workers():
    r = split(pool_region())
    assert r.alone[0] - run_baseline(X).npv == pytest.approx(0, abs=CENT)
    assert r.alone[1] - run_baseline(Y).npv == pytest.approx(150_000, abs=CENT)
    # Together X's spare coverage (10 SE) supervises Y's 10 extra SE: Y hires nobody and saves 50,000;
    # each pays the one-off 5,000: gain 50,000 - 10,000 = 40,000.
    assert r.gain == pytest.approx(40_000, abs=CENT)
    assert r.shapley_gain() == pytest.approx([20_000, 20_000], abs=CENT)
    assert r.proportional_gain() == pytest.approx([40_000 / 3, 80_000 / 3], abs=CENT)  # 10 and 20 SE
    # Own results together: X lends its supervisors free (-5,000 one-off); Y +50,000 - 5,000.
    assert r.own[0] - r.alone[0] == pytest.approx(-5_000, abs=CENT)
    assert r.own[1] - r.alone[1] == pytest.approx(45_000, abs=CENT)
    assert r.rational == [True, True]
    grand = r.values[(0, 1)]
    assert sorted(d[:4] for d in grand.decisions) == [("sup_pool", 2026, "X", "J"), ("sup_pool", 2026, "Y", "JC")]
    assert decision_table(r, "nl").iloc[:, 1].tolist() == [
        "X brengt zijn begeleiders van type J in de gedeelde begeleidingspool",
        "Y brengt zijn begeleiders van type JC in de gedeelde begeleidingspool"]


def test_pool_not_worth_its_one_off_cost():
    # Joining costs 30,000 each: 50,000 - 60,000 < 0, so nobody joins.
    r = split(pool_region(one_off_cost=30_000))
    assert r.gain == pytest.approx(0, abs=CENT)
    assert r.values[(0, 1)].decisions == []


def test_a_pool_of_one_is_no_pool():
    r = split(pool_region(types=(("Y", "JC"),)))
    assert r.gain == pytest.approx(0, abs=CENT)


def test_only_the_pooled_type_is_shared():
    # X pools a type none of its PMCs uses (K, no staff): it has no spare coverage to lend, so Y
    # still hires alone and together; nobody pays 5,000 for nothing.
    x = dataclasses.replace(X, supervision_types=X.supervision_types + (sup_type("K", cost=50_000, fte=0),),
                            supervision_options=X.supervision_options + (option("K", "1:10", 10, current=True),))
    r = region([("X", x), ("Y", Y)], levers=LEVERS)
    r = dataclasses.replace(r, supervision_pooling=SupervisionPool((("X", "K"), ("Y", "JC")), 5_000))
    assert split(r).gain == pytest.approx(0, abs=CENT)


# ----- reading -----------------------------------------------------------------------------------------
FILE = """\
name: Samen
members:
  - {id: X, model: x.xlsx}
  - {id: Y, model: y.xlsx}
levers: [placement, supervision]
supervision_pooling:
  types: {X: J, Y: JC}
  one_off_cost: 5000
  start_year: 2026
"""
MODELS = {"X": X, "Y": Y}


def _problems(text):
    with pytest.raises(InputError) as exc:
        parse_region(text, "regio.yaml", models=MODELS)
    return [(p.row, p.column, p.code) for p in exc.value.problems]


def test_supervision_pool_is_read():
    r = parse_region(FILE, "regio.yaml", models=MODELS)
    assert r.supervision_pooling == SupervisionPool((("X", "J"), ("Y", "JC")), 5_000, 2026)
    assert split(r).gain == pytest.approx(40_000, abs=CENT)


def test_bad_supervision_pool_entries_name_line_and_key():
    text = FILE.replace("{X: J, Y: JC}", "{X: W, Q: J}").replace("start_year: 2026", "start_year: 2030")
    assert _problems(text) == [
        (7, "supervision_pooling.types.X", "region.unknown_type"),
        (7, "supervision_pooling.types.Q", "region.unknown_member"),
        (9, "supervision_pooling.start_year", "scenario.range"),
    ]
    assert _problems(FILE.replace("  types: {X: J, Y: JC}\n", "")) == [
        (6, "supervision_pooling.types", "region.missing_key")]
    assert _problems(FILE.replace("{X: J, Y: JC}", "[X, Y]")) == [
        (7, "supervision_pooling.types", "scenario.not_mapping")]


def test_unknown_type_is_worded():
    with pytest.raises(InputError) as exc:
        parse_region(FILE.replace("Y: JC", "Y: W"), "regio.yaml", models=MODELS)
    assert exc.value.problems[0].message("en") == "member Y has no supervision type 'W'; its types are: JC"
