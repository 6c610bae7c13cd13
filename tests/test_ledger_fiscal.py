"""Issue 19: audit files as real packages write them. Each test builds a small auditfile by hand.

The standard file below: fiscal year 2024 (01-01-2024 – 31-12-2024), two entries:
  entry 1, period 1, dated 15-01-2024: 8000 Omzet credit 1.000,00 / 1300 Debiteuren debit 1.000,00
  entry 2, period 12, dated 28-12-2024: 4000 Salarissen debit 400,00 / 1100 Bank credit 400,00
so revenue 1.000,00, Wsw wages 400,00, result 600,00 (every account is proposed, see rgs.py).
"""

from pathlib import Path

import pytest

from sw_optimiser.ledger import import_ledger, read_ledger
from sw_optimiser.ledger.checks import WHOLE_FILE

ACCOUNTS = (("8000", "Omzet", "P"), ("1300", "Debiteuren", "B"), ("4000", "Salarissen", "P"), ("1100", "Bank", "B"))


def auditfile(tmp_path: Path, *, ns: str = "http://www.auditfiles.nl/XAF/3.2", fiscal: str = "2024",
              start: str = "2024-01-01", end: str = "2024-12-31", dates: tuple[str, str] = ("2024-01-15", "2024-12-28"),
              periods: tuple[str, str] = ("1", "12"), opening: str | None = None, rgs: str = "",
              name: str = "audit.xaf") -> Path:
    accounts = "".join(f"<ledgerAccount><accID>{a}</accID><accDesc>{d}</accDesc><accTp>{tp}</accTp>{rgs}"
                       f"</ledgerAccount>" for a, d, tp in ACCOUNTS)
    ob = opening if opening is not None else (
        "<openingBalance><linesCount>2</linesCount><totalDebit>500.00</totalDebit><totalCredit>500.00</totalCredit>"
        "<obLine><nr>1</nr><accID>1100</accID><amnt>500.00</amnt><amntTp>D</amntTp></obLine>"
        "<obLine><nr>2</nr><accID>1300</accID><amnt>500.00</amnt><amntTp>C</amntTp></obLine></openingBalance>")

    def tr(nr, period, date, lines):
        body = "".join(f"<trLine><nr>{i}</nr><accID>{acc}</accID><amnt>{amnt}</amnt><amntTp>{tp}</amntTp></trLine>"
                       for i, (acc, amnt, tp) in enumerate(lines, 1))
        return f"<transaction><nr>{nr}</nr><periodNumber>{period}</periodNumber><trDt>{date}</trDt>{body}</transaction>"

    text = (f'<?xml version="1.0" encoding="UTF-8"?>\n<auditfile xmlns="{ns}">\n<header><fiscalYear>{fiscal}'
            f"</fiscalYear><startDate>{start}</startDate><endDate>{end}</endDate><curCode>EUR</curCode>"
            "<softwareDesc>Boekhoud</softwareDesc><softwareVersion>7</softwareVersion></header>\n"
            f"<company><companyName>Werkbedrijf</companyName><generalLedger>{accounts}</generalLedger>\n{ob}\n"
            "<transactions><linesCount>4</linesCount><totalDebit>1400.00</totalDebit><totalCredit>1400.00</totalCredit>"
            "<journal><jrnID>MEM</jrnID>\n"
            + tr(1, periods[0], dates[0], (("8000", "1000.00", "C"), ("1300", "1000.00", "D"))) + "\n"
            + tr(2, periods[1], dates[1], (("4000", "400.00", "D"), ("1100", "400.00", "C"))) + "\n"
            "</journal></transactions></company></auditfile>\n")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def codes(result):
    return [p.code for p in result.problems]


def test_the_standard_file_reads_with_proposals_and_control_totals(tmp_path):
    result = import_ledger(auditfile(tmp_path))
    assert result.year == 2024 and result.from_proposals
    assert codes(result) == ["ledger.no_mapping"]  # no "(most lines)" warning: the header decided
    assert (result.summary.amount_cents("revenue"), result.summary.amount_cents("wages_wsw")) == (100_000, 40_000)
    assert result.summary.result_cents == 60_000
    controls = {c.what: (c.stated, c.computed, c.ok) for c in result.read.controls}
    assert controls["transactions/linesCount"] == ("4", "4", True)
    assert controls["transactions/totalDebit"] == ("1400.00", "1400.00", True)
    assert controls["openingBalance/totalCredit"] == ("500.00", "500.00", True)
    assert controls["transactions"] == (None, "2", True) and controls["accounts"] == (None, "4", True)


def test_a_header_year_contradicting_its_dates_takes_the_dates(tmp_path):
    # fiscalYear says 2023; startDate/endDate and every line say 2024: before, 0 lines and every category 0
    result = import_ledger(auditfile(tmp_path, fiscal="2023"))
    assert result.year == 2024 and len(result.lines) == 4
    p = next(p for p in result.problems if p.code == "ledger.fiscal_year_mismatch")
    assert p.severity == "warning" and p.column == "header/fiscalYear"
    assert p.message() == ("De kop van de auditfile noemt boekjaar 2023, maar begin- en einddatum zijn "
                           "01-01-2024 – 31-12-2024; boekjaar 2024 gekozen (volgens die data).")
    assert result.summary.result_cents == 60_000


def test_lines_booked_early_or_late_keep_their_fiscal_period(tmp_path):
    # entry 1 is period 1 of 2024 but dated 29-12-2023; entry 2 period 12 but dated 03-01-2025
    result = import_ledger(auditfile(tmp_path, dates=("2023-12-29", "2025-01-03")))
    assert len(result.lines) == 4 and "ledger.out_of_year" not in codes(result)
    assert result.summary.result_cents == 60_000  # 1.000,00 revenue − 400,00 wages


def test_lines_without_a_period_outside_the_dates_are_left_out_with_their_pnl_effect(tmp_path):
    # no periods: entry 2 dated 03-01-2025 falls outside 01-01-2024 – 31-12-2024; its P&L line is 400,00
    # of wages: its own effect on the result is −400,00 (left out, the result is 400,00 higher: 1.000,00),
    # while its balance is 0,00; its first line is XML line 8 (the 4000 trLine)
    result = import_ledger(auditfile(tmp_path, dates=("2024-01-15", "2025-01-03"), periods=("", "")))
    assert len(result.lines) == 2 and result.summary.result_cents == 100_000
    p = next(p for p in result.problems if p.code == "ledger.out_of_year")
    assert p.message() == ("2 regel(s) vallen buiten boekjaar 2024 (gekozen op begin- en einddatum van de "
                           "auditfile) en zijn niet meegeteld: 1 daarvan op resultaatrekeningen, effect op het "
                           "resultaat −€ 400,00; eerste: regel 8 (03-01-2025). Geef --year all om het hele "
                           "bestand te nemen.")
    whole = import_ledger(auditfile(tmp_path, dates=("2024-01-15", "2025-01-03"), periods=("", "")), year=WHOLE_FILE)
    assert len(whole.lines) == 4 and whole.summary.result_cents == 60_000


def test_a_year_without_lines_is_an_error(tmp_path):
    result = import_ledger(auditfile(tmp_path), year=2022)
    p = next(p for p in result.problems if p.code == "ledger.year_no_lines")
    assert p.severity == "error"
    assert p.message() == ("Boekjaar 2022 heeft geen regels; het bestand heeft regels met een datum in 2024. Kies "
                           "een ander jaar met --year (of --year all voor het hele bestand).")


def test_xaf_4_0_is_read_as_4_0_with_its_rgs_codes(tmp_path):
    path = auditfile(tmp_path, ns="http://www.auditfiles.nl/XAF/4.0",
                     rgs="<RGScode>WOmzNopOlh</RGScode><RGSVersion>3.7</RGSVersion>")
    read = read_ledger(path)
    assert read.meta["xaf_version"] == "4.0" and read.meta["rgsVersion"] == "3.7"
    assert "ledger.xaf_unknown_version" not in [p.code for p in read.problems]
    assert read.accounts.set_index("account").loc["8000", "rgs"] == "WOmzNopOlh"


def test_a_changed_opening_balance_is_named(tmp_path):
    # the header says 500,00 debit; a line was changed by hand to 600,00
    ob = ("<openingBalance><linesCount>2</linesCount><totalDebit>500.00</totalDebit><totalCredit>500.00</totalCredit>"
          "<obLine><nr>1</nr><accID>1100</accID><amnt>600.00</amnt><amntTp>D</amntTp></obLine>"
          "<obLine><nr>2</nr><accID>1300</accID><amnt>500.00</amnt><amntTp>C</amntTp></obLine></openingBalance>")
    read = read_ledger(auditfile(tmp_path, opening=ob))
    [p] = [p for p in read.problems if p.code == "ledger.xaf_totals"]
    assert p.column == "openingBalance/totalDebit" and p.severity == "warning"
    assert p.message() == "totalDebit volgens <openingBalance> is € 500,00, de regels tellen op tot € 600,00."
    control = next(c for c in read.controls if c.what == "openingBalance/totalDebit")
    assert (control.stated, control.computed, control.ok) == ("500.00", "600.00", False)


def test_an_opening_line_without_debit_credit_indicator_is_an_error(tmp_path):
    ob = ("<openingBalance><obLine><nr>1</nr><accID>1100</accID><amnt>500.00</amnt></obLine></openingBalance>")
    read = read_ledger(auditfile(tmp_path, opening=ob))
    [p] = [p for p in read.problems if p.code == "ledger.bad_dc"]
    assert (p.column, p.severity, p.row) == ("obLine/amntTp", "error", 5)  # the openingBalance is on line 5
    assert read.opening_balance["amount_cents"].tolist() == [0]  # not silently taken as debit


def test_most_lines_is_said_only_when_it_decided(tmp_path):
    from ledger_gen import generate_ledger

    csv = tmp_path / "g.csv"
    lines = generate_ledger(40, seed=3).lines
    lines.loc[0, "date"] = lines.loc[0, "date"].replace(year=2023)
    from ledger_gen import GeneratedLedger, CompanySpec

    GeneratedLedger(CompanySpec(), lines).write_csv(csv)
    result = import_ledger(csv)
    assert "ledger.year_guessed" in codes(result)  # CSV, two years: the most lines decided
    assert "ledger.year_guessed" not in codes(import_ledger(auditfile(tmp_path)))


@pytest.mark.parametrize("with_out", [False, True])
def test_the_no_mapping_message_names_out_only_when_given(tmp_path, with_out):
    import argparse
    import io

    from sw_optimiser.ledger.cli import run

    args = argparse.Namespace(ledger=str(auditfile(tmp_path)), mapping=None, year=None, columns=None, sheet=None,
                              model=None, lang="nl", out=str(tmp_path / "uit.xlsx") if with_out else None,
                              company_out=None, company_name=None)
    buf = io.StringIO()
    assert run(args, out=buf) == 2
    text = buf.getvalue()
    assert ("(--out, blad Rekeningen)" in text) == with_out
    assert "Samenvatting per categorie (voorstellen, niet bevestigd)" in text
    assert "Openingsbalans: debet" in text and "XAF 3.2, software Boekhoud 7, bedrijf Werkbedrijf" in text


def test_not_mapped_gives_the_pnl_amount_still_unmapped(tmp_path):
    # mapping only 8000 and the debtors: 4000 Salarissen (400,00 debit) and 1100 Bank (400,00 credit) are
    # unmapped; their net is 0,00, but the P&L amount still unmapped is the 400,00 of wages (1100 is
    # proposed as balance sheet, so it is listed but not added)
    from sw_optimiser.ledger import LedgerMapping

    mapping = LedgerMapping.from_tables({"8000": "revenue", "1300": "ignore"})
    result = import_ledger(auditfile(tmp_path), mapping=mapping)
    assert sorted(result.summary.unmapped["account"]) == ["1100", "4000"]
    assert result.summary.unmapped_cents == 40_000


def test_projects_can_be_the_pmc(tmp_path):
    # issue 19 item 8: trLine/projID (basics type 04) taken as the PMC code instead of the cost unit
    path = auditfile(tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace("<accID>8000</accID><amnt>1000.00</amnt><amntTp>C</amntTp>",
                        "<accID>8000</accID><amnt>1000.00</amnt><amntTp>C</amntTp><projID>P7</projID>")
    basic = ("<basics><basic><basicType>04</basicType><basicID>P7</basicID><basicDesc>Groenonderhoud gemeente"
             "</basicDesc></basic></basics>")
    text = text.replace("</generalLedger>", basic + "</generalLedger>")
    path.write_text(text, encoding="utf-8")
    from sw_optimiser.ledger import LedgerMapping

    mapping = LedgerMapping.from_tables({"8000": "revenue", "4000": "wages_wsw", "1100": "ignore", "1300": "ignore"},
                                        cost_units={"P7": "groen"})
    by_project = import_ledger(path, mapping=mapping, pmc="project")
    assert by_project.summary.per_pmc[["pmc", "revenue_cents"]].values.tolist() == [["groen", 100_000]]
    assert by_project.cost_unit_table[["code", "description"]].values.tolist() == [["P7", "Groenonderhoud gemeente"]]
    by_unit = import_ledger(path, mapping=mapping)  # the default: the cost unit, which this file lacks
    assert by_unit.summary.per_pmc[["pmc", "revenue_cents"]].values.tolist() == [["", 100_000]]


def test_xaf_4_0_under_the_official_xsd_namespace(tmp_path):
    # The XSD of XAF 4.0.3 (Belastingdienst ODB) declares targetNamespace
    # http://www.odb.belastingdienst.nl/Belastingdienst/BCPP/1.1/structures/XmlauditfileXAF_4.0; 4.0 puts
    # RGSVersion in the header and names the line's dimensions cost / product / project (3.2: costID,
    # prodID, projID). One entry: 8000 Omzet credit 250,00 on cost centre K1, product P1, project PR1;
    # 1300 Debiteuren debit 250,00.
    from sw_optimiser.ledger.xaf import XAF_4_0_NAMESPACE

    assert XAF_4_0_NAMESPACE == ("http://www.odb.belastingdienst.nl/Belastingdienst/BCPP/1.1/structures/"
                                 "XmlauditfileXAF_4.0")
    text = (f'<?xml version="1.0" encoding="UTF-8"?>\n<auditfile xmlns="{XAF_4_0_NAMESPACE}">\n'
            "<header><fiscalYear>2026</fiscalYear><startDate>2026-01-01</startDate><endDate>2026-12-31</endDate>"
            "<curCode>EUR</curCode><softwareDesc>Boekhoud</softwareDesc><softwareVersion>9</softwareVersion>"
            "<RGSVersion>3.7</RGSVersion></header>\n"
            "<company><companyName>Werkbedrijf</companyName><Commercenr>12345678</Commercenr><generalLedger>"
            "<ledgerAccount><accID>8000</accID><accDesc>Omzet</accDesc><accTp>P</accTp>"
            "<RGScode>WOmzNopOlh</RGScode></ledgerAccount>"
            "<ledgerAccount><accID>1300</accID><accDesc>Debiteuren</accDesc><accTp>B</accTp>"
            "<RGScode>BVorDebHad</RGScode></ledgerAccount></generalLedger>\n"
            "<transactions><linesCount>2</linesCount><totalDebit>250.00</totalDebit><totalCredit>250.00</totalCredit>"
            "<journal><jrnID>VK</jrnID><transaction><nr>1</nr><periodNumber>3</periodNumber><trDt>2026-03-10</trDt>"
            "<trLine><nr>1</nr><accID>8000</accID><amnt>250.00</amnt><amntTp>C</amntTp>"
            "<cost>K1</cost><product>P1</product><project>PR1</project></trLine>"
            "<trLine><nr>2</nr><accID>1300</accID><amnt>250.00</amnt><amntTp>D</amntTp></trLine>"
            "</transaction></journal></transactions></company></auditfile>\n")
    path = tmp_path / "xaf40.xaf"
    path.write_text(text, encoding="utf-8")
    read = read_ledger(path)
    assert [p.code for p in read.problems] == []  # no "unknown version, read as 3.2"
    assert (read.meta["xaf_version"], read.meta["rgsVersion"], read.meta["namespace"]) == ("4.0", "3.7", XAF_4_0_NAMESPACE)
    assert read.accounts.set_index("account")["rgs"].to_dict() == {"8000": "WOmzNopOlh", "1300": "BVorDebHad"}
    line = read.lines.set_index("account").loc["8000"]
    assert (line["amount_cents"], line["cost_centre"], line["cost_unit"], line["project"]) == (-25_000, "K1", "P1", "PR1")


@pytest.mark.parametrize(("ns", "version"), [
    ("http://www.odb.belastingdienst.nl/Belastingdienst/BCPP/1.1/structures/XmlauditfileXAF_4.0", "4.0"),
    ("HTTP://www.odb.belastingdienst.nl/Belastingdienst/BCPP/1.1/structures/XmlauditfileXAF_4.0/", "4.0"),
    ("http://www.odb.belastingdienst.nl/XAF/4.0", "4.0"),  # as the 4.0 explanation (Toelichting) writes it
    ("http://www.auditfiles.nl/XAF/4.0", "4.0"),  # no such schema, but exporters write it
    ("http://www.odb.belastingdienst.nl/Belastingdienst/BCPP/1.0/structures/XmlAuditfileFinancieel3.2.1", "3.2"),
    ("http://www.auditfiles.nl/XAF/3.2", "3.2"),
    ("http://www.auditfiles.nl/XAF/3.1", "3.1"),
    ("http://example.org/BCPP/1.1/structures/other", None),  # BCPP's own version 1.1 is no XAF version
])
def test_xaf_versions_from_namespaces(ns, version):
    from sw_optimiser.ledger.xaf import xaf_version

    assert xaf_version(ns) == version
