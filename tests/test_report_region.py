"""The report's optional section on regional cooperation (build_report(..., region=<RegionResult>)):
the gain of cooperation and the company's Shapley share, from the two-company hand case of
tests/test_region_values.py (gain € 100.000; Shapley € 50.000 each; pro rata SE € 62.500 / € 37.500)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from sw_optimiser.region import split
from sw_optimiser.report import assemble, compute, render
from sw_optimiser.scenario import ALL_LEVERS
from test_region_values import A, B, HOST_A, MOVE_B, region
from test_report import plain


@pytest.fixture(scope="module")
def computed(tiny_model):
    return compute(tiny_model, ALL_LEVERS, "nl", waterfall=False, sensitivity=False)


@pytest.fixture(scope="module")
def result():
    return split(region([("A", A), ("B", B)], [HOST_A], [MOVE_B]))


def test_the_region_section_names_the_gain_and_the_company_share(computed, result):
    data = assemble(computed, "nl", region=result, region_member="B")
    html = plain(render(data, "html").decode("utf-8"))
    assert "4.1 Regionale samenwerking" in html or "Regionale samenwerking" in html
    assert "de winst van samenwerking is € 100.000" in html
    assert "Volgens de Shapley-waarde krijgt het € 50.000 van de winst (50,0 %)" in html
    assert "naar SE zou het € 37.500 krijgen" in html
    assert "ligt in de kern" in html
    assert list(data.region_table.frame["shapley_gain"]) == pytest.approx([50_000, 50_000], abs=0.01)
    wb = openpyxl.load_workbook(io.BytesIO(render(data, "xlsx")))
    assert "Regio" in wb.sheetnames
    assert render(data, "pdf").startswith(b"%PDF")


def test_in_english_and_without_a_region(computed, result):
    data = assemble(computed, "en", region=result, region_member="A")
    html = plain(render(data, "html").decode("utf-8"))
    assert "Regional cooperation" in html and "the gain of cooperation is €100,000" in html
    assert "By the Shapley value it gets €50,000 of the gain" in html
    # the company of the report is not a member by name, and no id is given: the split only
    data = assemble(computed, "nl", region=result)
    assert any("is geen lid van deze regio" in s for s in data.region_text)
    none = assemble(computed, "nl")
    assert none.region_table is None and "Regionale samenwerking" not in plain(render(none, "html").decode("utf-8"))
    with pytest.raises(ValueError):
        assemble(computed, "nl", region=result, region_member="Q")
