"""The explorer's scenario form takes its limits from the scenario file's declaration: a file at either
end of every declared range goes through the form unchanged (issue 15: a valid scenario with
solver: {time_limit: 7200} once came out of "Scenario laden" with a 1-second limit, silently)."""

from __future__ import annotations

import pytest
import yaml
from test_app import _ok, go, start, state

from sw_optimiser.explorer import state as explorer_state
from sw_optimiser.explorer.scenario import DEMAND_KEYS
from sw_optimiser.scenario import LEVERS, SCENARIO, read_scenario


def extreme_file(end: str) -> dict:
    """Every number of the scenario file at its lowest (end="lo") or highest declared value."""
    def section(key, path=""):
        out = {}
        for sub in key.keys:
            number = sub.number
            if sub.kind == "mapping":
                out[sub.name] = section(sub, f"{path}{sub.name}.")
            elif sub.kind == "years":
                out[sub.name] = {2026: getattr(number, end), 2027: getattr(number, end)}
            elif sub.kind == "factors":  # every factor the form shows, and a PMC code it keeps aside
                out[sub.name] = {k: getattr(number, end) for k in (*DEMAND_KEYS, "P1")}
            elif number is not None and not sub.retired:
                out[sub.name] = getattr(number, end)
        return out

    data = section(SCENARIO)
    return {"name": f"uiterst-{end}", "levers": {k: end == "hi" for k in LEVERS}, **data}


@pytest.mark.parametrize("end", ["lo", "hi"])
def test_a_scenario_at_the_ends_of_every_range_goes_through_the_form_unchanged(monkeypatch, tmp_path, end):
    path = tmp_path / f"uiterst-{end}.yaml"
    path.write_text(yaml.safe_dump(extreme_file(end), sort_keys=False), encoding="utf-8")
    loaded = read_scenario(path)  # valid: every value is inside its range
    assert loaded.time_limit == (0.1 if end == "lo" else 86_400)
    assert loaded.changes.horizon == (1 if end == "lo" else 30) and loaded.social.max_move_share == (0 if end == "lo" else 1)
    monkeypatch.setattr(explorer_state, "SCENARIOS", tmp_path)  # the form lists it as a bundled scenario
    at = start(monkeypatch)
    go(at, "scenario")
    at.selectbox(key="sc.bundled").set_value(path)
    at.button[[b.label for b in at.button].index("Scenario laden")].click().run()
    _ok(at.run())  # the scenario is rebuilt from the widgets on every run
    assert state(at).scenario == loaded


def test_the_time_limit_of_7200_s_is_kept(monkeypatch, tmp_path):
    path = tmp_path / "lang.yaml"
    path.write_text("name: lang\nsolver: {time_limit: 7200}\n", encoding="utf-8")
    monkeypatch.setattr(explorer_state, "SCENARIOS", tmp_path)
    at = start(monkeypatch)
    go(at, "scenario")
    at.selectbox(key="sc.bundled").set_value(path)
    at.button[[b.label for b in at.button].index("Scenario laden")].click().run()
    _ok(at.run())
    assert at.number_input(key="sc.time_limit").value == 7200
    assert state(at).scenario.time_limit == 7200


def test_a_region_file_with_a_time_limit_of_7200_s_opens_on_the_regio_page(monkeypatch, tmp_path):
    # the page's own limit (max 3600 s) once refused a valid file's 7200 s
    from test_region_values import A, B, TWO_YAML

    from sw_optimiser.workbook import write_workbook

    at = start(monkeypatch)
    _ok(at.switch_page("sw_optimiser/explorer/region.py").run())
    text = TWO_YAML.replace("time_limit: 30", "time_limit: 7200")
    state(at).region_upload = [("regio.yaml", text.encode("utf-8")),
                               ("a.xlsx", write_workbook(A, tmp_path / "a.xlsx").read_bytes()),
                               ("b.xlsx", write_workbook(B, tmp_path / "b.xlsx").read_bytes())]
    _ok(at.run())
    assert state(at).region.time_limit == 7200 and not state(at).region_problems
    assert at.number_input(key="rg.time_limit.regio.yaml").value == 7200
