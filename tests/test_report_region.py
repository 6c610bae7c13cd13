"""The report's optional section on regional cooperation (build_report(..., region=<RegionResult>)):
the gain of cooperation and the company's Shapley share, from the two-company hand case of
tests/test_region_values.py (gain € 100.000; Shapley € 50.000 each; pro rata SE € 62.500 / € 37.500),
from a split in hand and through `sw-optimiser report --region`."""

from __future__ import annotations

import dataclasses
import io

import openpyxl
import pytest

from sw_optimiser.cli import main
from sw_optimiser.region import split
from sw_optimiser.report import assemble, compute, render
from sw_optimiser.scenario import ALL_LEVERS
from conftest import TINY_XLSX
from test_region_values import A, B, HOST_A, MOVE_B, TWO_YAML, region, write_two
from test_report import plain


@pytest.fixture(scope="module")
def computed(tiny_model):
    return compute(tiny_model, ALL_LEVERS, waterfall=False, sensitivity=False)


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


# ----- sw-optimiser report --region ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def region_files(tmp_path_factory):
    """The hand region as files: B's company is named "Bedrijf B", so its report finds member B by name."""
    folder = tmp_path_factory.mktemp("region")
    b = dataclasses.replace(B, company=dataclasses.replace(B.company, name="Bedrijf B"))
    write_two(folder, b)
    return folder


def test_the_cli_report_with_a_region_has_the_member_share(region_files, tmp_path, capsys):
    out = tmp_path / "rapport.html"
    assert main(["report", str(region_files / "b.xlsx"), "--out", str(out), "--region",
                 str(region_files / "regio.yaml"), "--no-waterfall", "--no-sensitivity"]) == 0
    html = plain(out.read_text(encoding="utf-8"))
    assert "Regionale samenwerking" in html and "de winst van samenwerking is € 100.000" in html
    assert "Bedrijf B (lid B)" in html
    assert "Volgens de Shapley-waarde krijgt het € 50.000 van de winst (50,0 %)" in html
    assert "naar SE zou het € 37.500 krijgen" in html
    assert "coalitie {A, B}" in capsys.readouterr().out


@pytest.mark.parametrize("extra, message", [
    (["--region-member", "Q"], "Q is geen lid van Twee; de leden zijn: A, B."),
    (["--lang", "en", "--region-member", "Q"], "Q is not a member of Twee; the members are: A, B."),
])
def test_an_unknown_member_id_names_the_members(region_files, tmp_path, capsys, extra, message):
    out = tmp_path / "rapport.html"
    assert main(["report", str(region_files / "b.xlsx"), "--out", str(out),
                 "--region", str(region_files / "regio.yaml"), *extra]) == 2
    assert message in capsys.readouterr().err and not out.exists()


def test_a_company_that_is_no_member_by_name_is_told_the_members(region_files, tmp_path, capsys):
    out = tmp_path / "rapport.html"
    assert main(["report", str(TINY_XLSX), "--out", str(out), "--region", str(region_files / "regio.yaml")]) == 2
    err = capsys.readouterr().err
    assert "niet als lid van Twee te herkennen; de leden zijn: A, B" in err and "--region-member" in err


def test_a_broken_region_file_or_a_member_without_region_is_refused(region_files, tmp_path, capsys):
    out = tmp_path / "rapport.html"
    broken = region_files / "kapot.yaml"
    broken.write_text(TWO_YAML.replace("b.xlsx", "ontbreekt.xlsx"), encoding="utf-8")
    assert main(["report", str(region_files / "b.xlsx"), "--out", str(out), "--region", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "kapot.yaml" in err and "ontbreekt.xlsx" in err and "Traceback" not in err
    assert main(["report", str(region_files / "b.xlsx"), "--out", str(out), "--region-member", "B"]) == 2
    assert "--region-member hoort bij --region" in capsys.readouterr().err
    assert not out.exists()
