"""The command line: template, validate, baseline, in Dutch and English, never a traceback."""

from __future__ import annotations

import openpyxl
import pytest

from sw_optimiser.cli import main
from sw_optimiser.schema import TABLES

from conftest import TINY_XLSX


def test_template_writes_once(tmp_path, capsys):
    out = tmp_path / "leeg.xlsx"
    assert main(["template", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"Geschreven: {out}"
    assert openpyxl.load_workbook(out, read_only=True).sheetnames == ["Toelichting", *(t.nl for t in TABLES)]
    before = out.read_bytes()
    assert main(["template", str(out)]) == 2
    captured = capsys.readouterr()
    # issue 20/22: the refusal now names --overwrite (which keeps the old file as a backup)
    assert captured.err.strip() == (f"{out} bestaat al; kies een andere naam, of geef --overwrite (het oude "
                                    "bestand blijft dan bewaard als reservekopie naast het nieuwe)")
    assert "Traceback" not in captured.err + captured.out
    assert out.read_bytes() == before


def test_template_in_english(tmp_path, capsys):
    out = tmp_path / "empty.xlsx"
    assert main(["template", str(out), "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == f"Written: {out}"
    assert openpyxl.load_workbook(out, read_only=True).sheetnames[:3] == ["Explanation", "Company", "Overhead"]


def test_validate_tiny(capsys):
    assert main(["validate", str(TINY_XLSX)]) == 0
    out = capsys.readouterr().out
    assert out.strip() == f"{TINY_XLSX} is in orde: 2 doelgroepen, 4 PMC's, 2 locaties, 3 planjaren"


def test_validate_bad_workbook(workbooks, capsys):
    bad = workbooks.write(_min_above_max(workbooks.model), name="slecht.xlsx")
    assert main(["validate", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"1 fout(en) in {bad}:",
        "  - Blad 'PMCs', rij 5, kolom 'Min. volume': 60 is groter dan het max. volume 50",
        # P2 has 15 SE today: a warning, marked as such, listed after the errors
        "  - waarschuwing: Blad 'PMCs', rij 5, kolom 'Min. volume': de huidige bezetting 15 SE is kleiner dan "
        "het min. volume 60",
    ]
    assert "Traceback" not in captured.err
    assert main(["validate", str(bad), "--lang", "en"]) == 2
    assert "Sheet 'PMCs', row 5, column 'Min volume': 60 is more than the max volume 50" in capsys.readouterr().err


def test_validate_prints_warnings(workbooks, capsys):
    path = workbooks.bad("Locaties", 4, "Vroegst afstoten", 2025)
    assert main(["validate", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == ("! Blad 'Locaties', rij 4, kolom 'Vroegst afstoten': afstoten in 2025 ligt niet in de "
                        "planperiode; vroegst mogelijk is 2026")


@pytest.mark.parametrize("content", [None, "geen werkmap"])
def test_validate_missing_or_not_a_workbook(tmp_path, capsys, content):
    path = tmp_path / "x.xlsx"
    if content is not None:
        path.write_text(content)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert (f"het bestand {path} bestaat niet" if content is None else "x.xlsx is geen Excel-werkmap") in err


def test_baseline_dutch(capsys):
    assert main(["baseline", str(TINY_XLSX)]) == 0
    out = capsys.readouterr().out
    result_line = next(line for line in out.splitlines() if line.startswith("Bedrijfsresultaat"))
    # years 2025..2028: -1,175,000; -1,200,632.50; -1,219,034.06; -1,231,280.65 (see test_baseline.py)
    assert result_line.split()[1:] == ["−€", "1.175.000", "−€", "1.200.632", "−€", "1.219.034", "−€", "1.231.281"]
    assert "Toegevoegde waarde" in out and "Rijkssubsidie" in out and "Loonkosten doelgroep" in out
    assert "Contante waarde bedrijfsresultaat: −€ 3.312.786" in out
    assert "Operating result" not in out


def test_baseline_english(capsys):
    assert main(["baseline", str(TINY_XLSX), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    result_line = next(line for line in out.splitlines() if line.startswith("Operating result"))
    assert result_line.split()[2:4] == ["−€1,175,000", "−€1,200,632"]
    assert "Net present value of the operating result: −€3,312,786" in out
    assert "Bedrijfsresultaat" not in out


def test_lang_before_the_command(capsys):
    assert main(["--lang", "en", "baseline", str(TINY_XLSX)]) == 0
    assert "Operating result" in capsys.readouterr().out


def test_baseline_to_excel(tmp_path, capsys):
    out = tmp_path / "res.xlsx"
    assert main(["baseline", str(TINY_XLSX), "--out", str(out)]) == 0
    assert capsys.readouterr().out.rstrip().endswith(f"Geschreven: {out}")
    wb = openpyxl.load_workbook(out, read_only=True)
    assert "Resultatenrekening" in wb.sheetnames and "Samenvatting" in wb.sheetnames
    rows = {r[0]: r[1:] for r in wb["Resultatenrekening"].iter_rows(values_only=True)}
    assert rows[None][:4] == (2025, 2026, 2027, 2028)
    assert rows["Bedrijfsresultaat"][0] == pytest.approx(-1_175_000, abs=0.005)
    assert rows["Bedrijfsresultaat"][1] == pytest.approx(-1_200_632.50, abs=0.005)  # test_baseline.py
    wb.close()
    before = out.read_bytes()
    assert main(["baseline", str(TINY_XLSX), "--out", str(out)]) == 2  # never overwrites
    assert "bestaat al" in capsys.readouterr().err
    assert out.read_bytes() == before


def _min_above_max(model):
    import dataclasses

    return model.replace(pmcs=tuple(dataclasses.replace(p, min_volume=60, max_volume=50) if p.id == "P2" else p
                                    for p in model.pmcs))


def test_an_unwritable_out_file_and_an_infeasible_scenario_are_explained(tmp_path, capsys):
    from pathlib import Path

    from sw_optimiser.cli import main

    tiny = str(Path(__file__).parents[1] / "models" / "tiny.xlsx")
    assert main(["baseline", tiny, "--out", str(tmp_path / "no-such-dir" / "x.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "Kan niet lezen of schrijven" in err and "Traceback" not in err
    scenario = tmp_path / "streng.yaml"
    scenario.write_text("levers: {placement: true, phase_out: true}\nsocial:\n  extra_sheltered_se: 500\n", encoding="utf-8")
    assert main(["levers", tiny, "--scenario", str(scenario)]) == 3
    err = capsys.readouterr().err
    # The sheltered PMCs P1 and P2 are supervised by werkleiders at 1:10 (supervision lever off: the
    # baseline's FTE, 5 x 0.9 = 4.5 in 2026), so at most 45 SE work sheltered: A's own 45. 500 places
    # beyond them (545) are 500 short.
    assert "In 2026 zijn minstens 545,0 beschutte plaatsen vereist, maar er kunnen er 500,0 te weinig" in err
    # the same explanation in English, from either command (amounts formatted for the language shown)
    assert main(["optimise", tiny, "--scenario", str(scenario), "--lang", "en"]) == 3
    out = capsys.readouterr().out
    assert "  - In 2026 at least 545.0 sheltered places are required, but 500.0 of them cannot be filled" in out
    # the absolute number of sheltered places of before is refused with its replacement named
    scenario.write_text("social:\n  min_sheltered_se: 500\n", encoding="utf-8")
    assert main(["optimise", tiny, "--scenario", str(scenario)]) == 2
    err = capsys.readouterr().err
    assert "min_sheltered_se" in err and "extra_sheltered_se" in err and "Traceback" not in err


def test_optimise_holds_the_site_plan_of_an_earlier_run(tmp_path, capsys):
    """The two levels on the command line: a full solve writes its site plan into its JSON; a later
    run holds it (--site-plan) and gives the same plan, saying the site plan was given."""
    from pathlib import Path

    root = Path(__file__).parents[1]
    tiny, scenario = str(root / "models" / "tiny.xlsx"), str(root / "scenarios" / "sites.yaml")
    first = tmp_path / "plan.json"
    assert main(["optimise", tiny, "--scenario", scenario, "--json", str(first)]) == 0
    out = capsys.readouterr().out
    # tiny: S2 (Werkplaats Zuid) goes in 2028 and its PMC P2 moves to S1
    line = "Locatieplan 'sites': S2 dicht vanaf 2028; verhuist: P2 → S1"
    assert f"{line} (van dit plan); vast te houden met --site-plan en het JSON-bestand" in out
    npv = next(x for x in out.splitlines() if x.startswith("Contante waarde"))
    assert main(["optimise", tiny, "--scenario", scenario, "--site-plan", str(first)]) == 0
    out = capsys.readouterr().out
    assert f"{line} (gegeven)" in out and npv in out
    assert "Het locatieplan is gegeven ('sites')" in out
    # a site plan naming a site the company does not have: refused with its key
    wrong = tmp_path / "fout.yaml"
    wrong.write_text("site_plans:\n  - name: fout\n    close: {S9: 2028}\n", encoding="utf-8")
    assert main(["optimise", tiny, "--scenario", scenario, "--site-plan", str(wrong)]) == 2
    err = capsys.readouterr().err
    assert "Bestand 'fout.yaml', sleutel 'site_plans[1].close.S9': 'S9' is geen locatie van dit bedrijf" in err
    assert "Traceback" not in err
