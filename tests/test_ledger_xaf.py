"""XAF 3.2 / 3.1 audit files: exact totals, accounts with RGS codes, and refusing hostile XML.

small_3_2.xaf holds the same 15 lines as the CSV fixtures (see test_ledger_read.py for the
pencil sums): revenue 2.000,00, subsidy 20.000,00, material 300,10, site costs 1.500,00,
Wsw wages 25.000,00, supervision 4.999,99, overhead 0,01; result -9.800,10.
"""

from pathlib import Path

from ledger_gen import generate_ledger
from sw_optimiser.ledger import import_ledger, read_ledger

DATA = Path(__file__).parent / "data" / "ledger"
MAPPING = DATA / "mapping.csv"
EXPECTED_CENTS = {"revenue": 200000, "material": 30010, "pmc_fixed_costs": 0, "wages_wsw": 2500000,
                  "subsidy": 2000000, "supervision": 499999, "site_costs": 150000, "overhead": 1,
                  "acquisition": 0, "chain_revenue": 0, "one_off": 0}


def test_xaf_3_2_exact_totals():
    result = import_ledger(DATA / "small_3_2.xaf", mapping=MAPPING)
    assert result.problems == []
    assert result.year == 2024  # from header/fiscalYear
    assert result.read.meta["xaf_version"] == "3.2"
    assert len(result.lines) == 15
    assert result.summary.as_cents() == EXPECTED_CENTS
    assert result.summary.result_cents == -980010
    lines = result.read.lines
    # debit 55.800,10 and credit 55.800,10, as <transactions> says
    assert int(lines.loc[lines.amount_cents > 0, "amount_cents"].sum()) == 5580010
    assert int(lines["amount_cents"].sum()) == 0
    first = lines.iloc[0]
    assert (first.journal, first.entry, first.account, first.account_name, first.cost_unit) == (
        "VK", "1", "8000", "Omzet", "KD01")
    assert first.amount_cents == -123456  # amntTp C


def test_xaf_3_2_accounts_basics_and_opening_balance():
    read = read_ledger(DATA / "small_3_2.xaf")
    accounts = read.accounts.set_index("account")
    assert accounts.loc["8000", "rgs"] == "WOmzNopOlh"
    assert accounts.loc["1100", "account_type"] == "B"
    assert len(accounts) == 10
    assert read.cost_centres == {"KP01": "Hoofdlocatie"}
    assert read.cost_units == {"KD01": "Groen", "KD02": "Schoonmaak"}
    assert read.opening_balance["amount_cents"].tolist() == [500000, -500000]


def test_xaf_3_1_same_totals():
    result = import_ledger(DATA / "small_3_1.xaf", mapping=MAPPING)
    assert result.problems == []
    assert result.read.meta["xaf_version"] == "3.1"
    assert result.summary.as_cents() == EXPECTED_CENTS
    assert result.read.accounts.set_index("account").loc["4200", "rgs"] == "WBedHuiHur"  # from leadCode


def test_xaf_source_lines_are_xml_lines():
    read = read_ledger(DATA / "small_3_2.xaf")
    text = (DATA / "small_3_2.xaf").read_text(encoding="utf-8").splitlines()
    for line in read.lines["source_line"].tolist():
        assert "<trLine>" in text[line - 1]


def test_billion_laughs_is_refused():
    read = read_ledger(DATA / "billion_laughs.xaf")
    assert read.lines.empty
    [problem] = read.problems
    assert problem.severity == "error"
    assert problem.table == "billion_laughs.xaf"
    assert "DOCTYPE" in problem.message() and "XML-bom" in problem.message()


def test_external_entity_is_refused_and_not_read():
    read = read_ledger(DATA / "external_entity.xaf")
    [problem] = read.problems
    assert "external entity" in problem.message("en")
    assert "root:" not in str(read.meta)


def test_truncated_xaf_reports_element_and_line_and_keeps_what_was_read():
    result = import_ledger(DATA / "truncated_3_2.xaf", mapping=MAPPING)
    broken = [p for p in result.problems if p.code == "ledger.xml_broken"]
    assert len(broken) == 1
    # the file stops inside <docRef> of the third trLine of entry IK 2, on line 61
    assert broken[0].row == 61
    assert broken[0].column == "trLine/docRef"
    assert "truncated_3_2.xaf, XML-regel 61, veld 'trLine/docRef'" in broken[0].describe()
    # the complete VK entry before it was kept
    assert len(result.lines) == 3
    assert result.summary.amount_cents("revenue") == 200000


def test_generated_xaf_3_2_and_3_1_round_trip(tmp_path):
    ledger = generate_ledger(600, seed=5)
    for version in ("3.2", "3.1"):
        path = ledger.write_xaf(tmp_path / f"gen_{version}.xaf", version=version)
        read = read_ledger(path)
        assert read.problems == []
        # the writer groups lines per journal, so compare per account and entry, not by position
        by = ["journal", "entry", "account", "cost_centre", "cost_unit"]
        got = read.lines.groupby(by)["amount_cents"].sum().sort_index()
        want = ledger.lines.groupby(by)["amount_cents"].sum().sort_index()
        assert got.to_dict() == want.to_dict()
