"""The explorer's Regio page with AppTest: an uploaded two-company hand region (tests/test_region_values.py:
B's PMC moves into A's half-empty site; the gain is € 100.000, Shapley gives each € 50.000), and the
results page's report taking in such a split."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from streamlit.testing.v1 import AppTest

from sw_optimiser.region import split
from sw_optimiser.workbook import write_workbook
from test_region_values import A, B, HOST_A, MOVE_B, TWO_YAML, region
from test_app_pages import _ok, state, wait
from test_report import plain

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


def test_an_uploaded_region_is_split_in_the_background(monkeypatch, tmp_path):
    monkeypatch.setenv("SW_EXPLORER_MODEL", str(ROOT / "models" / "tiny.xlsx"))
    at = _ok(AppTest.from_file(APP, default_timeout=120).run())
    _ok(at.switch_page("sw_optimiser/explorer/region.py").run())
    assert at.title[0].value == "Regio"
    files = [("regio.yaml", TWO_YAML.encode("utf-8")),
             ("a.xlsx", write_workbook(A, tmp_path / "a.xlsx").read_bytes()),
             ("b.xlsx", write_workbook(B, tmp_path / "b.xlsx").read_bytes())]
    state(at).region_upload = files  # what the uploader's callback does
    _ok(at.run())
    assert state(at).region.ids == ["A", "B"] and not state(at).region_problems
    assert any("Tijdslimiet 30 s per coalitie" in c.value for c in at.caption)
    wait(_ok(at.button(key="rg.run").click().run()))
    assert state(at).region_error is None and state(at).region_result is not None
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Winst van samenwerking"] == "€ 100.000"
    shares = next(df.value for df in at.dataframe if "Shapley: deel winst" in df.value.columns)
    assert list(shares["Lid"]) == ["A", "B"]
    assert list(shares["Shapley: deel winst"]) == [50_000, 50_000]
    assert list(shares["Naar SE: deel winst"]) == [62_500, 37_500]
    assert any("individueel rationeel" in s.value.lower() for s in at.success)
    assert any("in de kern" in s.value for s in at.success)
    assert len(at.get("download_button")) == 1
    # in English, the same outcome with English labels and euro formatting
    _ok(at.sidebar.radio[0].set_value("en").run())
    assert {m.label: m.value for m in at.metric}["Gain of cooperation"] == "€100,000"
    assert any("Shapley: share of gain" in df.value.columns for df in at.dataframe)


def test_a_region_upload_without_its_workbooks_names_the_problem(monkeypatch):
    monkeypatch.setenv("SW_EXPLORER_MODEL", str(ROOT / "models" / "tiny.xlsx"))
    at = _ok(AppTest.from_file(APP, default_timeout=120).run())
    _ok(at.switch_page("sw_optimiser/explorer/region.py").run())
    state(at).region_upload = [("regio.yaml", TWO_YAML.encode("utf-8"))]
    _ok(at.run())
    assert at.error[0].value == "Het regiobestand is niet ingelezen:"
    problems = at.dataframe[0].value
    assert "a.xlsx" in problems.to_string()


def test_the_report_download_takes_in_the_region_split_of_this_company(monkeypatch):
    monkeypatch.setenv("SW_EXPLORER_MODEL", str(ROOT / "models" / "tiny.xlsx"))
    at = _ok(AppTest.from_file(APP, default_timeout=120).run())
    _ok(at.switch_page("sw_optimiser/explorer/scenario.py").run())
    at.toggle(key="sc.lever.placement").set_value(True).run()
    at.button(key="solve").click().run()
    wait(at)
    _ok(at.switch_page("sw_optimiser/explorer/results.py").run())
    assert not any("regionale samenwerking" in c.value for c in at.caption)  # no split: nothing changes
    # a split as the Regio page leaves it, in which member A is this company (by name)
    name = state(at).model.company.name
    a = dataclasses.replace(A, company=dataclasses.replace(A.company, name=name))
    state(at).region_result = split(region([("A", a), ("B", B)], [HOST_A], [MOVE_B]))
    _ok(at.run())
    assert any("regionale samenwerking uit de pagina Regio: test, dit bedrijf als lid A" in c.value
               for c in at.caption)
    at.button(key="report.html").click().run()
    wait(at)
    html = plain(state(at).solved[state(at).current].reports[("html", "nl")].decode("utf-8"))
    assert f"{name} (lid A)" in html
    assert "Volgens de Shapley-waarde krijgt het € 50.000 van de winst (50,0 %)" in html

