"""The `benchmark` sub-command (sw_optimiser.benchmarking.cli)."""

from __future__ import annotations

import argparse
from pathlib import Path

import openpyxl
import pytest

from sw_optimiser.benchmarking import cli

BUNDLED = Path(__file__).resolve().parents[1] / "models" / "peers.xlsx"


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sw-optimiser")
    cli.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["benchmark", *argv])


def test_bundled_peers_dutch(capsys, tmp_path: Path):
    out = tmp_path / "bench.xlsx"
    args = parse(str(BUNDLED), "--company-id", "P06", "--out", str(out))
    assert (args.inputs, args.outputs) == ("se,supervision_fte,site_workplaces,overhead", "value_added,se_outside")
    assert args.func(args) == 0
    printed = capsys.readouterr().out
    assert "Kernkaart: Werkbedrijf Lindeoever (ID P06)" in printed
    assert "DEA-efficiëntie: constante schaalopbrengsten (CCR), inputgericht" in printed
    assert "Toegevoegde waarde per SE" in printed and "€ " in printed
    assert "Benchlearning voor Werkbedrijf Lindeoever" in printed and "Running HiGHS" not in printed
    # issue 20: sheet names in words (they were snake_case keys)
    assert openpyxl.load_workbook(out, read_only=True).sheetnames == [
        "Kernkaart", "DEA-efficiëntie", "Benchlearning-referenties", "Benchlearning-doelen"]


def test_english_vrs_output(capsys):
    assert cli.run(parse(str(BUNDLED), "--model", "vrs", "--orientation", "output", "--lang", "en")) == 0
    printed = capsys.readouterr().out
    assert "DEA efficiency: variable returns to scale (BCC), output-oriented" in printed
    assert "Value added per SE" in printed


def test_company_from_figures(capsys):
    args = parse(str(BUNDLED))
    args.company = {"id": "eigen", "name": "Ons Bedrijf", "se": 1200, "se_outside": 400, "value_added": 9e6,
                    "supervision_fte": 70, "site_workplaces": 800, "overhead": 2.4e6}
    assert cli.run(args) == 0
    printed = capsys.readouterr().out
    assert "Kernkaart: Ons Bedrijf (ID eigen), vergeleken met 31 bedrijven" in printed


@pytest.mark.parametrize("argv,expected", [
    (("{bad}",), "Blad 'peers', rij 4, kolom 'SE': 'veel' is geen getal"),
    (("{missing}",), "bestaat niet"),
    (("{peers}", "--company-id", "X9"), "Bedrijf met ID 'X9' niet gevonden"),
    (("{peers}", "--inputs", "se,onzin"), "Onbekende kolom 'onzin'"),
    (("{peers}", "--out", "{peers}"), "--out mag niet hetzelfde bestand zijn"),
])
def test_input_errors_are_printed_without_traceback(capsys, tmp_path: Path, argv, expected):
    bad = tmp_path / "bad.xlsx"
    workbook = openpyxl.load_workbook(BUNDLED)
    workbook["peers"]["C4"] = "veel"  # column C is SE
    workbook.save(bad)
    paths = {"bad": bad, "missing": tmp_path / "absent.xlsx", "peers": BUNDLED}
    status = cli.run(parse(*(a.format(**paths) for a in argv)))
    captured = capsys.readouterr()
    assert status == 2
    assert expected in captured.err and "Traceback" not in captured.err + captured.out


def test_company_model_before_and_after_its_plan(capsys):
    """The tiny company today, in 2027 without and with its all-levers plan, among the bundled peers."""
    from pathlib import Path

    from sw_optimiser.cli import main

    root = Path(__file__).parents[1]
    code = main(["benchmark", str(root / "models" / "peers.xlsx"), "--company", str(root / "models" / "tiny.xlsx"),
                 "--year", "2027"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Werkbedrijf Klein: vandaag, en in 2027 zonder en met het plan" in out
    # Today: value added 680,000 / 80 SE = 8,500 per SE; without the plan in 2027: 595,940 / 67.575 SE (40.5 + 27.075) = 8,818.94.
    today = next(line for line in out.splitlines() if line.startswith("Vandaag"))
    assert "8.500,00" in today and "−14.687,50" in today
    without = next(line for line in out.splitlines() if line.startswith("Zonder plan"))
    # result per SE without the plan in 2027: the policy-neutral baseline's -1,219,034.055 / 67.575 (tests/test_baseline.py)
    assert "8.818,94" in without and "−18.039,72" in without


def test_se_is_held_fixed_unless_asked(capsys, tmp_path: Path):
    """Wsw employees cannot be dismissed: by default DEA sets no target of fewer SE."""
    out = tmp_path / "bench.xlsx"
    assert cli.run(parse(str(BUNDLED), "--company-id", "P06", "--lang", "en", "--out", str(out))) == 0
    assert "Held fixed (non-discretionary, no target to reduce): SE." in capsys.readouterr().out
    targets = openpyxl.load_workbook(out, read_only=True)["Benchlearning targets"]  # issue 20: was benchlearning_targets
    rows = {r[0]: r for r in targets.iter_rows(min_row=2, values_only=True)}
    assert rows["SE"][1] == "input (held fixed)" and rows["SE"][2] == rows["SE"][3]  # target = actual
    assert rows["Supervision (FTE)"][3] < rows["Supervision (FTE)"][2]
    assert cli.run(parse(str(BUNDLED), "--company-id", "P06", "--lang", "en", "--se-discretionary")) == 0
    printed = capsys.readouterr().out
    assert "Held fixed" not in printed and "input (held fixed)" not in printed
