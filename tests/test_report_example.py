"""EXAMPLE COMPANY (slow): the review of models/example.xlsx builds in all three formats.

One build only, from a plan that solves to its gap in seconds (reallocation and tariffs: 7 s on an idle
machine; with phase-out and acquisition too it took 179 s under issue 16's rules. No time limit is
reached, so nothing here depends on the machine's speed), without the waterfall (13 more solves) and
the stress test; the content is checked on the tiny company (tests/test_report.py).
"""

from __future__ import annotations

import dataclasses
import io
import time

import openpyxl
import pypdfium2 as pdfium
import pytest

from sw_optimiser.benchmarking import read_peers
from sw_optimiser.report import assemble, compute, render
from sw_optimiser.scenario import read_scenario
from sw_optimiser.workbook import read_workbook

LEVERS = ("placement", "tariffs")
pytestmark = pytest.mark.slow


def test_example_company_report_in_all_three_formats(capsys):
    started = time.perf_counter()
    model, problems = read_workbook("models/example.xlsx")
    scenario = dataclasses.replace(read_scenario("scenarios/all-levers.yaml"), time_limit=600).with_levers(LEVERS)
    computed = compute(model, scenario, waterfall=False, sensitivity=False, marginal_values=False)
    data = assemble(computed, "nl", peers=read_peers("models/peers.xlsx"), source="example.xlsx",
                    model_warnings=[p.text("nl") for p in problems])
    solved = time.perf_counter()
    assert data.figures["result"] == pytest.approx(-4_423_433, abs=1)  # models/README.md (2025 levels, issue 16)
    assert data.figures["npv_base"] == pytest.approx(-38_892_054, abs=1)  # policy-neutral baseline
    assert data.peers_table is not None and len(data.levers) == 7
    assert computed.plan is not None and computed.plan.status == "optimal"
    # issue 18 item 3: the roadmap (contract renewals: GS-KAS, ID-LOG and ID-SCH in 2026), the social plan and
    # the six owner municipalities (32 + 20 + 16 + 13 + 11 + 8 = 100 %) with the total row
    assert {"GS-KAS", "ID-LOG", "ID-SCH"} <= set(data.roadmap_table.frame.query("year == 2026").subject)
    assert data.social_text[0].startswith("Iedereen houdt passend werk")
    shares = data.municipal_table.frame.set_index("municipality").share
    assert len(shares) == 7 and shares["Waalstede"] == pytest.approx(0.32) and shares["Totaal"] == pytest.approx(1.0)

    pdf = render(data, "pdf")
    doc = pdfium.PdfDocument(pdf)
    assert len(doc) >= 15
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert all(title in text for title in ("Uitvoering per jaar", "Sociaal plan", "Gemeentelijke bijdrage per gemeente"))
    page1 = doc[0].render(scale=1).to_pil().convert("L")
    assert sum(page1.histogram()[:200]) > 0.005 * page1.width * page1.height  # not blank
    assert "Werkbedrijf Waalvallei" in doc[0].get_textpage().get_text_range()

    html = render(data, "html").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "−€ 4.423.433" in html.replace("\u00a0", " ")

    wb = openpyxl.load_workbook(io.BytesIO(render(data, "xlsx")))
    assert {"Advies", "PMC's", "Kernkaart"} <= set(wb.sheetnames)
    assert wb["PMC's"].max_row >= 3 + 40  # title, blank, heading and the 40 PMCs
    with capsys.disabled():
        print(f"\n  example report: compute {solved - started:.1f} s, render {time.perf_counter() - solved:.1f} s"
              f" (plan: {computed.plan.status if computed.plan is not None else 'none'})")
