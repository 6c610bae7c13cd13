"""Every output workbook through the one Excel writer (issue 20 item 4), and user texts that look like
formulas written as text in every output format (issue 22 item 5).

Each workbook is read back with openpyxl: no number without a number format (General), no number
stored as text, frozen headers; a name a user typed that begins with =, +, -, @ or a tab comes back as
that same text, never as a formula.
"""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import openpyxl
import pytest

from sw_optimiser import excel
from sw_optimiser.cli import main
from sw_optimiser.scenario import ALL_LEVERS
from sw_optimiser.workbook import load_model, read_workbook, write_workbook

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "models" / "tiny.xlsx"
PEERS = ROOT / "models" / "peers.xlsx"
LEDGER = ROOT / "tests" / "data" / "ledger"
# a figure formatted as text: '€ 18.725', '−€ 3,5', '12,5 %', '0,873', '1/31' (plain digits are codes: accounts, ids)
NUMBER_AS_TEXT = re.compile(r"^\s*[−-]?€\s*[\d.,]+\s*$|^\s*[−-]?[\d.,]+\s*%\s*$|^\s*[−-]?\d+,\d+\s*$|^\d+/\d+$")
# What users typed, beginning as a spreadsheet formula would
EVIL = {"company": "=1+1", "pmc": "=cmd|' /C calc'!A0", "site": "+SUM(A1:A9)", "group": "@HYPERLINK(\"x\")",
        "chain": "-2+3", "tab": "\tVerpakken"}


def problems_of(wb) -> list[str]:
    """Cells breaking the rules: a float or int without a number format, a number kept as text."""
    found = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if isinstance(v, bool) or v is None:
                    continue
                if isinstance(v, (int, float)) and cell.number_format == "General" and cell.row > 1:
                    found.append(f"{ws.title}!{cell.coordinate}: {v!r} without a number format")
                if isinstance(v, str) and NUMBER_AS_TEXT.match(v):
                    found.append(f"{ws.title}!{cell.coordinate}: number stored as text {v!r}")
    return found


def formulas_of(wb) -> list[str]:
    return [f"{ws.title}!{c.coordinate}: {c.value!r}" for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.data_type == "f"]


def texts_of(wb) -> set[str]:
    return {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


@pytest.fixture(scope="module")
def evil_model():
    """The tiny company with names that begin like formulas."""
    m = load_model(TINY)
    pmcs = (dataclasses.replace(m.pmcs[0], name=EVIL["pmc"]), dataclasses.replace(m.pmcs[1], name=EVIL["tab"]),
            *m.pmcs[2:])
    return m.replace(company=dataclasses.replace(m.company, name=EVIL["company"]), pmcs=pmcs,
                     sites=(dataclasses.replace(m.sites[0], name=EVIL["site"]), *m.sites[1:]),
                     groups=(dataclasses.replace(m.groups[0], name=EVIL["group"]), *m.groups[1:]),
                     chain_partners=(dataclasses.replace(m.chain_partners[0], name=EVIL["chain"]),
                                     *m.chain_partners[1:]))


@pytest.fixture(scope="module")
def evil_workbook(tmp_path_factory, evil_model):
    return write_workbook(evil_model, tmp_path_factory.mktemp("evil") / "evil.xlsx")


# ----- the writer itself -------------------------------------------------------------------------
def test_put_keeps_numbers_numbers_and_formula_like_texts_text():
    wb = excel.workbook([excel.Sheet("Blad", ["Naam", "Bedrag", "Aandeel"],
                                     [["=1+1", 1234.5, excel.Value(0.125, "pct")], ["\tx", float("nan"), 3]],
                                     {1: "eur"})])
    back = openpyxl.load_workbook(io.BytesIO(excel.to_bytes(wb)))
    ws = back["Blad"]
    assert (ws["A2"].value, ws["A2"].data_type, ws["A2"].quotePrefix) == ("=1+1", "s", True)
    assert (ws["B2"].value, ws["B2"].number_format) == (1234.5, '"€ "#,##0;-"€ "#,##0')
    assert (ws["C2"].value, ws["C2"].number_format) == (0.125, "0.0%")
    assert ws["B3"].value is None  # NaN: an empty cell, not the text 'nan'
    assert (ws["C3"].value, ws["C3"].number_format) == (3, "#,##0")
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold


def test_sheet_names_are_made_valid_and_unique():
    used: set[str] = set()
    assert excel.sheet_name("Winst/verlies [2025]", used) == "Winst verlies  2025 "
    assert excel.sheet_name("x" * 40, used) == "x" * 31
    assert excel.sheet_name("x" * 40, used) == "x" * 29 + " 2"


# ----- each output workbook, read back -----------------------------------------------------------
def _cli_workbook(tmp_path, *argv) -> openpyxl.Workbook:
    out = tmp_path / "out.xlsx"
    assert main([*(str(a) for a in argv), "--out", str(out)]) == 0
    return openpyxl.load_workbook(out)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_baseline_workbook(tmp_path, capsys, lang):
    wb = _cli_workbook(tmp_path, "--lang", lang, "baseline", TINY)
    assert problems_of(wb) == []
    pmcs = wb["PMCs"]
    heads = [c.value for c in pmcs[1]]
    activity = heads.index("Activiteit" if lang == "nl" else "Activity") + 1
    assert pmcs.cell(2, activity).value == ("productie" if lang == "nl" else "production")  # a code in words
    assert pmcs.freeze_panes == "A2"
    summary = wb["Samenvatting" if lang == "nl" else "Summary"]
    assert summary["B2"].number_format == excel.FORMATS["eur"]  # the NPV in euros


def test_optimise_workbook(tmp_path, capsys):
    wb = _cli_workbook(tmp_path, "optimise", TINY, "--scenario", ROOT / "scenarios" / "all-levers.yaml")
    assert problems_of(wb) == []
    events = wb["Besluiten"]
    kinds = {events.cell(r, 2).value for r in range(2, events.max_row + 1)}
    assert "sluit PMC" in kinds and "close_pmc" not in kinds  # codes in words


def test_benchmark_workbook_holds_numbers(tmp_path, capsys):
    wb = _cli_workbook(tmp_path, "benchmark", PEERS, "--company-id", "P06")
    assert problems_of(wb) == []
    card = wb["Kernkaart"]
    heads = [c.value for c in card[1]]
    rank = heads.index("Rang") + 1
    assert all(isinstance(card.cell(r, rank).value, int) for r in range(2, card.max_row + 1))
    assert wb.sheetnames == ["Kernkaart", "DEA-efficiëntie", "Benchlearning-referenties", "Benchlearning-doelen"]


def test_ledger_workbooks(tmp_path, capsys):
    out, company = tmp_path / "import.xlsx", tmp_path / "bedrijf.xlsx"
    assert main(["import-ledger", str(LEDGER / "exact_nl_cp1252.csv"), "--mapping", str(LEDGER / "mapping.csv"),
                 "--out", str(out), "--company-out", str(company)]) == 0
    assert problems_of(openpyxl.load_workbook(out)) == []
    assert problems_of(openpyxl.load_workbook(company)) == []


def test_company_workbook_and_template(evil_workbook, tmp_path):
    assert problems_of(openpyxl.load_workbook(evil_workbook)) == []
    template = write_workbook(None, tmp_path / "leeg.xlsx")
    assert problems_of(openpyxl.load_workbook(template)) == []


def test_region_workbook(tmp_path):
    from test_region_values import A, B, HOST_A, MOVE_B, region

    from sw_optimiser.region import split
    from sw_optimiser.region.cli import to_excel

    result = split(region([("A", A), ("B", B)], [HOST_A], [MOVE_B]))
    wb = openpyxl.load_workbook(to_excel(result, tmp_path / "regio.xlsx", "nl"))
    assert problems_of(wb) == []
    summary = {r[0]: r[1] for r in wb["Samenvatting"].iter_rows(min_row=2, values_only=True)}
    assert summary["Methode"] == "exact (alle coalities)"  # the code 'exact' in words


@pytest.fixture(scope="module")
def evil_report(evil_model):
    from sw_optimiser.report import assemble, compute

    return assemble(compute(evil_model, ALL_LEVERS), "nl", source="evil.xlsx")


def test_report_workbook(evil_report):
    from sw_optimiser.report import render

    wb = openpyxl.load_workbook(io.BytesIO(render(evil_report, "xlsx")))
    assert problems_of(wb) == []
    assert formulas_of(wb) == []
    assert any(text.startswith(EVIL["company"]) or EVIL["company"] in text for text in texts_of(wb))


# ----- injection: a text a user typed is never a formula, in every output format -------------------
def test_a_company_named_like_a_formula_reads_back_its_own_workbook(evil_workbook, evil_model):
    wb = openpyxl.load_workbook(evil_workbook)
    assert formulas_of(wb) == []
    model, _ = read_workbook(evil_workbook)
    assert model.company.name == "=1+1"
    assert [p.name for p in model.pmcs][:2] == [EVIL["pmc"], "Verpakken"]  # the reader trims the leading tab
    assert model.sites[0].name == EVIL["site"] and model.groups[0].name == EVIL["group"]


def test_results_workbook_writes_names_as_text(tmp_path, evil_model):
    from sw_optimiser.baseline import run_baseline

    wb = openpyxl.load_workbook(run_baseline(evil_model).to_excel(tmp_path / "r.xlsx"))
    assert formulas_of(wb) == []
    assert {EVIL["pmc"], EVIL["tab"], EVIL["site"], EVIL["group"], EVIL["chain"]} <= texts_of(wb)


def test_ledger_workbooks_write_account_and_pmc_names_as_text(tmp_path, capsys):
    ledger = tmp_path / "grootboek.csv"
    ledger.write_text("Datum;Rekening;Omschrijving rekening;Omschrijving;Kostenplaats;Kostendrager;Bedrag\n"
                      "15-01-2024;8000;=HYPERLINK(\"http://x\");@SUM(1);+KP;=KD;-100,00\n", encoding="cp1252")
    out, company = tmp_path / "import.xlsx", tmp_path / "bedrijf.xlsx"
    main(["import-ledger", str(ledger), "--out", str(out), "--company-out", str(company)])
    for path in (out, company):
        wb = openpyxl.load_workbook(path)
        assert formulas_of(wb) == []
    assert '=HYPERLINK("http://x")' in texts_of(openpyxl.load_workbook(out))


def test_html_report_escapes_names(evil_model):
    from sw_optimiser.report import assemble, compute, render

    named = evil_model.replace(company=dataclasses.replace(evil_model.company, name="=1+1 <script>alert(1)</script>"))
    html = render(assemble(compute(named, ALL_LEVERS), "nl"), "html").decode()
    assert "<script>alert(1)</script>" not in html
    assert "=1+1 &lt;script&gt;alert(1)&lt;/script&gt;" in html
