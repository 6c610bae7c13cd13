"""Scenario and region files: declared once (yamlinput.Key in scenario.SCENARIO and region.spec.REGION),
read against that declaration, and bad input refused with its line and key (issue 22's corpus)."""

from __future__ import annotations

import pytest
from test_region_file import GOOD, MODELS

from sw_optimiser import keydoc
from sw_optimiser.i18n import catalogue
from sw_optimiser.problems import InputError
from sw_optimiser.region import parse_region
from sw_optimiser.region.spec import REGION
from sw_optimiser.scenario import SCENARIO, parse_scenario
from sw_optimiser.yamlinput import MAX_BYTES, help_key


def scenario_problems(text: str) -> list[tuple]:
    with pytest.raises(InputError) as exc:
        parse_scenario(text, "s.yaml")
    return [(p.row, p.column, p.code) for p in exc.value.problems]


def region_problems(text: str) -> list[tuple]:
    with pytest.raises(InputError) as exc:
        parse_region(text, "regio.yaml", models=MODELS)
    return [(p.row, p.column, p.code) for p in exc.value.problems]


# ----- the declaration ----------------------------------------------------------------------------
def test_the_reference_in_docs_is_current():
    assert keydoc.DOC.read_text(encoding="utf-8") == keydoc.render(), "run: python -m sw_optimiser.keydoc"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_declared_key_has_its_help(lang):
    for file, root in (("scenario", SCENARIO), ("region", REGION)):
        for path, _ in root.walk():
            assert help_key(file, path) in catalogue(lang), (file, path)


def test_a_scenario_is_read_as_declared():
    sc = parse_scenario("name: x\nchanges:\n  horizon: 5\n  subsidy: {2026: 27000}\n  demand: {all: 0.8}\n"
                        "social: {max_move_share: 0.1, savings_target: {2027: 50000}}\nsolver: {time_limit: 7200}\n")
    assert sc.changes.horizon == 5 and sc.changes.subsidy == {2026: 27_000.0} and sc.changes.demand == {"all": 0.8}
    assert sc.social.max_move_share == 0.1 and sc.social.savings_target == {2027: 50_000.0}
    assert sc.time_limit == 7200.0 and sc.gap == 0.005  # the gap not given: its default


def test_each_end_of_a_range_is_in_and_just_beyond_is_out():
    # changes.horizon is declared 1 - 30 whole years
    assert parse_scenario("changes: {horizon: 30}").changes.horizon == 30
    assert scenario_problems("changes:\n  horizon: 31\n") == [(2, "changes.horizon", "scenario.range")]
    assert scenario_problems("changes:\n  horizon: 2.5\n") == [(2, "changes.horizon", "scenario.not_integer")]


def test_a_range_message_shows_numbers_the_dutch_way():
    with pytest.raises(InputError) as exc:
        parse_scenario("social:\n  extra_sheltered_se: 150000.5\n", "s.yaml")
    assert exc.value.problems[0].text("nl") == \
        "Bestand 's.yaml', regel 2, sleutel 'social.extra_sheltered_se': 150.000,5 ligt niet tussen 0 en 100.000"
