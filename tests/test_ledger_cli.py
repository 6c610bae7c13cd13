"""The import-ledger sub-command: Dutch summary, exit codes, workbook output, mapping round trip."""

import argparse
import io
from pathlib import Path

import openpyxl

from sw_optimiser.ledger.cli import add_parser, run

DATA = Path(__file__).parent / "data" / "ledger"


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sw-optimiser")
    add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["import-ledger", *argv])


def call(*argv: str, model=None) -> tuple[int, str]:
    out = io.StringIO()
    code = run(parse(*argv), model=model, out=out)
    return code, out.getvalue()


def test_clean_import_prints_dutch_summary_and_exits_0():
    code, text = call(str(DATA / "exact_nl_cp1252.csv"), "--mapping", str(DATA / "mapping.csv"), "--year", "2024")
    assert code == 0
    assert "Grootboek exact_nl_cp1252.csv: 15 regels gelezen (csv), jaar 2024." in text
    assert "Omzet" in text and "€ 2.000,00" in text
    assert "Resultaat (opbrengsten − kosten)" in text and "−€ 9.800,10" in text
    assert "groen" in text and "hoofdlocatie" in text
    assert "Aansluiting grootboek ↔ model" in text and "geen modelbedragen" in text
    assert "Meldingen" not in text


def test_model_amounts_reconcile():
    model = {"revenue": 2000, "material": 300.10, "wages_wsw": 25000, "subsidy": 20000, "supervision": 4999.99,
             "site_costs": 1500, "overhead": 0.01}
    code, text = call(str(DATA / "small_3_2.xaf"), "--mapping", str(DATA / "mapping.csv"), model=model)
    assert code == 0
    result_line = [line for line in text.splitlines() if line.strip().startswith("Resultaat")][-1]
    # ledger, model, difference
    assert [c.strip() for c in result_line.split("  ") if c.strip()][-3:] == ["−€ 9.800,10", "−€ 9.800,10", "€ 0,00"]


def test_errors_exit_2_with_file_line_and_field(tmp_path):
    path = tmp_path / "fout.csv"
    path.write_text("Datum;Rekening;Bedrag;Boekstuk\n01-01-2024;8000;abc;1\n01-01-2024;1300;1,00;1\n",
                    encoding="utf-8")
    code, text = call(str(path), "--mapping", str(DATA / "mapping.csv"))
    assert code == 2
    assert "fout: fout.csv, regel 2, veld 'Bedrag': 'abc' is geen bedrag" in text
    assert "Traceback" not in text


def test_english_output_and_columns_option(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("When;GL;Value\n01-01-2024;8000;-5,00\n01-01-2024;1300;5,00\n", encoding="utf-8")
    code, text = call(str(path), "--columns", "date=When,account=GL,amount=Value", "--mapping",
                      str(DATA / "mapping.csv"), "--lang", "en")
    assert "Revenue" in text and "€5.00" in text
    assert "No entry column" in text  # warning only
    assert code == 0


def test_bad_columns_spec_is_reported(tmp_path):
    code, text = call(str(DATA / "exact_nl_cp1252.csv"), "--columns", "rekening", "--mapping",
                      str(DATA / "mapping.csv"))
    assert code == 2 and "Kolomtoewijzing 'rekening' niet begrepen" in text


def test_missing_file_exit_2():
    code, text = call("bestaat-niet.csv")
    assert code == 2 and "bestaat-niet.csv: Bestand niet gevonden." in text


def test_out_workbook_and_mapping_round_trip(tmp_path):
    out = tmp_path / "samenvatting.xlsx"
    # first run without mapping: exit 2, but the workbook holds the proposal
    code, text = call(str(DATA / "small_3_2.xaf"), "--out", str(out))
    assert code == 2 and "Geen koppeltabel opgegeven" in text and f"Uitvoer geschreven naar {out}" in text
    wb = openpyxl.load_workbook(out)
    # issue 19 item 6 adds the control totals as the second sheet
    assert wb.sheetnames == ["Samenvatting", "Controletotalen", "Per PMC", "Per locatie", "Aansluiting", "Meldingen",
                             "Rekeningen", "Kostenplaatsen", "Kostendragers"]
    accounts = wb["Rekeningen"]
    assert [c.value for c in accounts[1]][:6] == ["Rekening", "Naam", "RGS-code", "Categorie", "Grond", "Status"]
    # the user confirms the proposals and fills in sites and PMCs
    for row in accounts.iter_rows(min_row=2):
        row[5].value = "bevestigd"
    for row in wb["Kostenplaatsen"].iter_rows(min_row=2):
        row[4].value = "hoofdlocatie"
    for row in wb["Kostendragers"].iter_rows(min_row=2):
        row[4].value = row[1].value.lower()  # 'Groen' -> 'groen'
    edited = tmp_path / "koppeling.xlsx"
    wb.save(edited)
    code, text = call(str(DATA / "small_3_2.xaf"), "--mapping", str(edited), "--out", str(tmp_path / "2.xlsx"))
    assert code == 0, text
    assert "−€ 9.800,10" in text
    summary = openpyxl.load_workbook(tmp_path / "2.xlsx")["Samenvatting"]
    values = {r[1]: r[3] for r in summary.iter_rows(min_row=2, values_only=True)}
    assert values["revenue"] == 2000.0 and values["supervision"] == 4999.99 and values["result"] == -9800.1


def test_unexpected_error_is_one_sentence(monkeypatch):
    import sw_optimiser.ledger.cli as cli

    def boom(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(cli, "import_ledger", boom)
    monkeypatch.delenv("SW_OPTIMISER_DEBUG", raising=False)
    code, text = call("x.csv")
    assert code == 2 and text.strip() == ("Onverwachte fout bij het inlezen: RuntimeError: kapot. "
                                          "Meld dit met het bestand erbij.")


def test_company_model_workbook_from_the_ledger(tmp_path):
    from sw_optimiser.workbook import read_workbook
    from sw_optimiser.problems import InputError

    target = tmp_path / "bedrijfsmodel.xlsx"
    code, text = call(str(DATA / "small_3_2.xaf"), "--mapping", str(DATA / "mapping.csv"), "--company-out",
                      str(target), "--company-name", "Voorbeeld Werkbedrijf")
    assert code == 0 and "Bedrijfsmodel geschreven naar" in text
    wb = openpyxl.load_workbook(target)
    sites, pmcs, overhead = wb["Locaties"], wb["PMCs"], wb["Overhead"]
    # hoofdlocatie: site costs 1.500,00; PMC groen and schoonmaak: no fixed costs booked; overhead 0,01
    assert (sites["A4"].value, sites["D4"].value) == ("hoofdlocatie", 1500.0)
    assert [pmcs.cell(r, 1).value for r in (4, 5)] == ["groen", "schoonmaak"]
    assert overhead["A4"].value == 0.01
    assert sites["D4"].fill.fgColor.rgb.endswith("E2EFDA") and sites["C4"].fill.fgColor.rgb.endswith("FFF2CC")
    material = next(c for c in pmcs[4] if c.comment and "materiaal € 300,10" in c.comment.text)
    assert "omzet € 1.234,56" in material.comment.text
    assert wb["Uit grootboek"]["C5"].value == 2000.0
    # the project's reader lists exactly the yellow cells as still to fill in
    try:
        read_workbook(target)
        raise AssertionError("an incomplete model must not load")
    except InputError as exc:
        assert "Blad 'Locaties', rij 4, kolom 'Capaciteit'" in str(exc)
