"""Reading CSV and XLSX exports: encodings, separators, headings, user column mapping.

The fixture ledger (tests/data/ledger) has 15 lines in 6 entries; by hand:
revenue 1.234,56 + 765,44 = 2.000,00; subsidy 20.000,00; material 300,10; site costs 1.500,00;
Wsw wages 25.000,00; supervision 4.999,99; overhead 0,01 -> income 22.000,00, costs 31.800,10,
result -9.800,10.
"""

from pathlib import Path

import openpyxl
import pytest

from sw_optimiser.ledger import import_ledger, read_ledger
from sw_optimiser.ledger.csv_xlsx import sniff_separator
from sw_optimiser.ledger.columns import detect_columns

DATA = Path(__file__).parent / "data" / "ledger"
MAPPING = DATA / "mapping.csv"
EXPECTED_CENTS = {"revenue": 200000, "material": 30010, "pmc_fixed_costs": 0, "wages_wsw": 2500000,
                  "subsidy": 2000000, "supervision": 499999, "site_costs": 150000, "overhead": 1,
                  "acquisition": 0, "chain_revenue": 0, "one_off": 0}
HEADINGS = ["Datum", "Dagboek", "Boekstuk", "Rekening", "Omschrijving rekening", "Omschrijving", "Kostenplaats",
            "Kostendrager", "Bedrag"]
ROWS = [  # the fixture ledger as spreadsheet cells
    ("15-01-2024", "VK", 1, 8000, "Omzet", "Factuur groen", None, "KD01", -1234.56),
    ("15-01-2024", "VK", 1, 8000, "Omzet", "Factuur schoonmaak", None, "KD02", -765.44),
    ("15-01-2024", "VK", 1, 1300, "Debiteuren", "Factuur", None, None, 2000),
    ("31-01-2024", "IK", 2, 7000, "Inkoop materiaal", "Zaaigoed", None, "KD01", 300.10),
    ("31-01-2024", "IK", 2, 4200, "Huur", "Huur januari", "KP01", None, 1500),
    ("31-01-2024", "IK", 2, 1600, "Crediteuren", "Inkoop", None, None, -1800.10),
    ("31-01-2024", "MEM", 3, 4000, "Lonen Wsw", "Salarissen", "KP01", None, 25000),
    ("31-01-2024", "MEM", 3, 4100, "Lonen begeleiding", "Salarissen", "KP01", None, 4999.99),
    ("31-01-2024", "MEM", 3, 1100, "Bank", "Salarissen", None, None, -29999.99),
    ("05-02-2024", "BNK", 4, 1100, "Bank", "Ontvangst", None, None, 2000),
    ("05-02-2024", "BNK", 4, 1300, "Debiteuren", "Ontvangst", None, None, -2000),
    ("10-02-2024", "BNK", 5, 1100, "Bank", "Rijksbijdrage", None, None, 20000),
    ("10-02-2024", "BNK", 5, 8500, "Rijkssubsidie Wsw", "Rijksbijdrage", None, None, -20000),
    ("29-02-2024", "MEM", 6, 4300, "Kantoorkosten", "Afronding", None, None, 0.01),
    ("29-02-2024", "MEM", 6, 1600, "Crediteuren", "Afronding", None, None, -0.01),
]


def check_fixture_totals(result) -> None:
    assert result.problems == []
    assert result.year == 2024
    assert len(result.lines) == 15
    assert result.summary.as_cents() == EXPECTED_CENTS
    assert (result.summary.income_cents, result.summary.costs_cents) == (2200000, 3180010)
    assert result.summary.result_cents == -980010
    per_pmc = result.summary.per_pmc.set_index("pmc")
    assert per_pmc.loc["groen", "revenue_cents"] == 123456
    assert per_pmc.loc["groen", "material_cents"] == 30010
    assert per_pmc.loc["schoonmaak", "revenue_cents"] == 76544
    assert result.summary.per_site.to_dict("records") == [{"site": "hoofdlocatie", "site_costs_cents": 150000}]


def test_exact_csv_cp1252_semicolon_with_title_lines():
    result = import_ledger(DATA / "exact_nl_cp1252.csv", mapping=MAPPING)
    check_fixture_totals(result)
    meta = result.read.meta
    assert (meta["encoding"], meta["separator"], meta["header_line"]) == ("cp1252", ";", "3")
    descriptions = set(result.read.lines["description"])
    assert "Factuur groen – café De Eendracht" in descriptions
    assert "Zaaigoed à € 3,00" in descriptions
    assert "Rijksbijdrage Wsw – gemeente Ëlst" in descriptions
    # source lines are CSV line numbers: two title lines + heading, so the first line is line 4
    assert result.read.lines["source_line"].tolist()[:3] == [4, 5, 6]


def test_debit_credit_columns_utf8_bom_comma_iso_dates():
    result = import_ledger(DATA / "twinfield_debit_credit_bom.csv", mapping=MAPPING)
    check_fixture_totals(result)
    assert (result.read.meta["encoding"], result.read.meta["separator"]) == ("utf-8-sig", ",")
    assert "debit=Debet" in result.read.meta["columns"] and "credit=Credit" in result.read.meta["columns"]


def test_utf8_without_bom_and_tab_separator(tmp_path):
    text = (DATA / "exact_nl_cp1252.csv").read_bytes().decode("cp1252").replace(";", "\t")
    path = tmp_path / "export.txt"
    path.write_text(text, encoding="utf-8")
    result = import_ledger(path, mapping=MAPPING)
    check_fixture_totals(result)
    assert (result.read.meta["encoding"], result.read.meta["separator"]) == ("utf-8", "\t")
    assert "Rijksbijdrage Wsw – gemeente Ëlst" in set(result.read.lines["description"])


def test_cp1252_euro_sign_and_diaeresis_are_decoded(tmp_path):
    path = tmp_path / "euro.csv"
    path.write_bytes("Datum;Rekening;Omschrijving;Bedrag\n01-03-2024;4300;Reiskosten coördinator €;12,50\n"
                     "01-03-2024;1100;Bank ëëë;-12,50\n".encode("cp1252"))
    read = read_ledger(path)
    assert read.meta["encoding"] == "cp1252"
    assert read.lines["description"].tolist() == ["Reiskosten coördinator €", "Bank ëëë"]
    assert read.lines["amount_cents"].tolist() == [1250, -1250]


def test_utf16_export_from_excel_unicode_text(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("Datum\tRekening\tBedrag\n01-03-2024\t4300\t1.234,56\n".encode("utf-16"))
    read = read_ledger(path)
    assert read.lines["amount_cents"].tolist() == [123456]


@pytest.mark.parametrize("sep", [";", ",", "\t", "|"])
def test_separator_sniffing(sep):
    quote = (lambda v: f'"{v}"') if sep == "," else (lambda v: v)
    lines = [sep.join(["Datum", "Rekening", "Omschrijving", "Bedrag"]),
             sep.join(["01-01-2024", "8000", quote("Omzet, groen"), quote("1,00")])]
    assert sniff_separator(lines) == sep


def test_heading_synonyms_are_case_and_space_insensitive():
    cmap = detect_columns(["BOEKDATUM", "Grootboek rekening", "Rekening naam", "Boekstuk nr.", "Kosten plaats",
                           "Kostendrager", "Dag boek", "Debet", "Credit", "Omschrijving"])
    assert cmap.index == {"date": 0, "account": 1, "account_name": 2, "entry": 3, "cost_centre": 4, "cost_unit": 5,
                          "journal": 6, "debit": 7, "credit": 8, "description": 9}


def test_english_headings():
    cmap = detect_columns(["Date", "GL account", "Account name", "Description", "Amount", "Cost center", "Cost unit",
                           "Journal", "Entry number"])
    assert set(cmap.index) == {"date", "account", "account_name", "description", "amount", "cost_centre",
                               "cost_unit", "journal", "entry"}


def test_user_column_mapping_for_unknown_headings(tmp_path):
    path = tmp_path / "afas.csv"
    path.write_text("Periode datum;GB;Tekst;Waarde (EUR);KPL-code;Product\n"
                    "15-01-2024;8000;Factuur;-100,00;;KD01\n15-01-2024;1300;Factuur;100,00;;\n", encoding="utf-8")
    columns = {"date": "Periode datum", "account": "GB", "description": "Tekst", "amount": "Waarde (EUR)",
               "cost_centre": "KPL-code", "kostendrager": "Product"}
    read = read_ledger(path, columns=columns)
    assert read.problems == []
    assert read.lines["amount_cents"].tolist() == [-10000, 10000]
    assert read.lines["cost_unit"].tolist() == ["KD01", ""]


def test_amount_with_debit_credit_indicator_column(tmp_path):
    path = tmp_path / "dc.csv"
    path.write_text("Datum;Rekening;Bedrag;D/C\n01-01-2024;8000;100,00;C\n01-01-2024;1300;100,00;D\n", encoding="utf-8")
    read = read_ledger(path)
    assert read.lines["amount_cents"].tolist() == [-10000, 10000]


def write_xlsx(path: Path, rows=ROWS, headings=HEADINGS, title_rows=0) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Mutaties"
    for _ in range(title_rows):
        ws.append(["Grootboekkaart 2024"])
    ws.append(headings)
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def test_xlsx_numbers_text_dates_and_excel_row_numbers(tmp_path):
    path = write_xlsx(tmp_path / "export.xlsx", title_rows=2)
    result = import_ledger(path, mapping=MAPPING)
    check_fixture_totals(result)
    assert result.read.meta["sheet"] == "Mutaties"
    # heading in row 3, so the first journal line is Excel row 4
    assert result.read.lines["source_line"].tolist()[:2] == [4, 5]
    assert result.read.lines["account"].tolist()[0] == "8000"  # the number 8000 read as the code '8000'


def test_xlsx_on_second_sheet_and_real_dates(tmp_path):
    import datetime as dt

    wb = openpyxl.Workbook()
    wb.active.title = "Info"
    wb.active.append(["Export van het grootboek"])
    ws = wb.create_sheet("Grootboek")
    ws.append(["Boekdatum", "Rekening", "Debet", "Credit", "Boekstuk"])
    ws.append([dt.datetime(2024, 5, 1), "8000", None, 99.99, "A1"])
    ws.append([dt.datetime(2024, 5, 1), "1300", 99.99, None, "A1"])
    wb.save(tmp_path / "two.xlsx")
    read = read_ledger(tmp_path / "two.xlsx")
    assert read.problems == []
    assert read.meta["sheet"] == "Grootboek"
    assert read.lines["amount_cents"].tolist() == [-9999, 9999]
    assert str(read.lines["date"].iloc[0])[:10] == "2024-05-01"


def test_input_file_is_not_modified(tmp_path):
    import hashlib

    path = write_xlsx(tmp_path / "export.xlsx")
    before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    import_ledger(path, mapping=MAPPING)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
