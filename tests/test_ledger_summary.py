"""Summary, reconciliation and the seeded generator: zero to the cent when everything is mapped."""

import datetime as dt

import openpyxl
import pytest

from ledger_gen import DEFAULT_TOTALS, CompanySpec, generate_ledger
from sw_optimiser.ledger import (JournalLine, LedgerMapping, apply_mapping, import_ledger, is_reconciled,
                                 lines_frame, reconcile, summarise, write_reconciliation)

D = dt.date(2024, 3, 1)


def small_summary():
    # revenue 1.000,00 (PMC groen) and 500,00 (no cost unit), subsidy 2.000,00, wages 2.400,00, site 300,00 (noord);
    # income 3.500,00, costs 2.700,00, result 800,00
    lines = lines_frame([
        JournalLine(D, "8000", -100000, cost_unit="KD01", entry="1"), JournalLine(D, "8000", -50000, entry="1"),
        JournalLine(D, "1300", 150000, entry="1"),
        JournalLine(D, "8500", -200000, entry="2"), JournalLine(D, "1100", 200000, entry="2"),
        JournalLine(D, "4000", 240000, entry="3"), JournalLine(D, "4200", 30000, cost_centre="KP02", entry="3"),
        JournalLine(D, "1100", -270000, entry="3"),
    ])
    mapping = LedgerMapping.from_tables({"8000": "revenue", "8500": "subsidy", "4000": "wages_wsw",
                                         "4200": "site_costs", "1000-1999": "ignore"},
                                        {"KP02": "noord"}, {"KD01": "groen"})
    return summarise(apply_mapping(lines, mapping), 2024)


def test_summary_signs_and_result():
    s = small_summary()
    assert s.amount_cents("revenue") == 150000 and s.amount_cents("subsidy") == 200000
    assert s.amount_cents("wages_wsw") == 240000 and s.amount_cents("site_costs") == 30000
    assert (s.income_cents, s.costs_cents, s.result_cents) == (350000, 270000, 80000)
    assert s.amount_cents("ignore") == 80000  # balance-sheet side mirrors the result
    assert s.per_pmc.to_dict("records") == [
        {"pmc": "groen", "revenue_cents": 100000, "material_cents": 0, "pmc_fixed_costs_cents": 0},
        {"pmc": "", "revenue_cents": 50000, "material_cents": 0, "pmc_fixed_costs_cents": 0}]
    assert s.per_site.to_dict("records") == [{"site": "noord", "site_costs_cents": 30000}]
    assert s.as_euros()["revenue"] == 1500.0


def test_reconciliation_against_a_model():
    s = small_summary()
    model = {"revenue": 1500.00, "subsidy": 2000, "wages_wsw": 2399.99, "site_costs": 300}
    frame = reconcile(s, model)
    rows = frame.set_index("category")
    assert rows.loc["wages_wsw", "difference_cents"] == 1  # ledger 2.400,00 − model 2.399,99
    assert rows.loc["revenue", "difference_cents"] == 0
    assert rows.loc["result", "ledger_cents"] == 80000 and rows.loc["result", "model_cents"] == 80001
    assert rows.loc["result", "difference_cents"] == -1
    assert not is_reconciled(frame)
    assert list(frame["category"])[-2:] == ["unmapped", "result"]


def test_reconciliation_without_model_has_empty_model_side():
    frame = reconcile(small_summary())
    assert frame["model_cents"].isna().all() and not is_reconciled(frame)


def test_unknown_model_category_is_refused():
    with pytest.raises(ValueError, match="unknown model category"):
        reconcile(small_summary(), {"omzetje": 1})


def test_generated_ledger_is_balanced_and_hits_the_totals():
    ledger = generate_ledger(5000, seed=11)
    assert len(ledger.lines) == 5000
    assert int(ledger.lines["amount_cents"].sum()) == 0
    assert ledger.lines.groupby(["journal", "entry"])["amount_cents"].sum().eq(0).all()
    truth = ledger.truth()
    assert {k: truth[k] for k in DEFAULT_TOTALS} == {k: v * 100 for k, v in DEFAULT_TOTALS.items()}
    assert ledger.lines["date"].dt.year.eq(2024).all()


def test_generator_is_seeded():
    a, b, c = generate_ledger(300, seed=1), generate_ledger(300, seed=1), generate_ledger(300, seed=2)
    assert a.lines.equals(b.lines) and not a.lines.equals(c.lines)


@pytest.mark.parametrize("fmt", ["csv_cp1252", "csv_utf8_debit_credit", "xlsx", "xaf"])
def test_reconciliation_zero_to_the_cent_on_a_generated_ledger(tmp_path, fmt):
    spec = CompanySpec(pmcs=("groen", "metaal", "detachering"), sites=("noord", "zuid"), year=2023)
    ledger = generate_ledger(400 if fmt == "xlsx" else 3000, spec, seed=7)
    if fmt == "csv_cp1252":
        path = ledger.write_csv(tmp_path / "gb.csv")
    elif fmt == "csv_utf8_debit_credit":
        path = ledger.write_csv(tmp_path / "gb.csv", encoding="utf-8", debit_credit=True, iso_dates=True)
    elif fmt == "xlsx":
        path = ledger.write_xlsx(tmp_path / "gb.xlsx")
    else:
        path = ledger.write_xaf(tmp_path / "gb.xaf")
    mapping = ledger.write_mapping_csv(tmp_path / "koppeling.csv")
    result = import_ledger(path, mapping=mapping, year=2023)
    assert result.problems == []
    truth = ledger.truth()
    model = {k: v / 100 for k, v in truth.items() if k != "ignore"}  # the model reproduces the ledger
    frame = reconcile(result.summary, model)
    assert is_reconciled(frame)
    assert frame["difference_cents"].sum() == 0
    assert result.summary.as_cents() == {k: v for k, v in truth.items() if k != "ignore"}
    per_pmc = result.summary.per_pmc.set_index("pmc")
    assert per_pmc["revenue_cents"].to_dict() == ledger.truth_per("revenue")
    assert result.summary.per_site.set_index("site")["site_costs_cents"].to_dict() == ledger.truth_per("site_costs")


def test_write_reconciliation_sheet(tmp_path):
    frame = reconcile(small_summary(), {"revenue": 1500, "subsidy": 2000, "wages_wsw": 2400, "site_costs": 300})
    write_reconciliation(frame, tmp_path / "aansluiting.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "aansluiting.xlsx").active
    rows = list(ws.iter_rows(values_only=True))
    assert ws.title == "Aansluiting"
    assert rows[0] == ("Categorie", "Code", "Grootboek (€)", "Model (€)", "Verschil (€)")
    assert rows[1] == ("Omzet", "revenue", 1500.0, 1500.0, 0.0)
    assert rows[-1][1:] == ("result", 800.0, 800.0, 0.0)
    assert ws["C2"].number_format == "#,##0.00"
