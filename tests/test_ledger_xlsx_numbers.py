"""An XLSX amount column of numbers only reaches the amount parser as float64 (issue 19): the same
lines and messages as cell by cell."""

import datetime as dt

import pandas as pd

from sw_optimiser.ledger import csv_xlsx, read_ledger


def _sheet(tmp_path, rows):
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    path = tmp_path / "n.xlsx"
    wb.save(path)
    return path


def test_debit_and_credit_numbers_read_the_same_both_ways(tmp_path, monkeypatch):
    # row 2: debit 100 -> 10000 cents; row 3: credit 12.5 -> -1250; row 4: both (reported "100.0 / 12.5");
    # row 5: a debit of 0.125 (sub-cent, reported as "0.125"); row 6: neither (0 cents, kept)
    day = dt.datetime(2024, 3, 1)
    rows = [["Datum", "Rekening", "Debet", "Credit"], [day, "4000", 100.0, None], [day, "8000", None, 12.5],
            [day, "4000", 100.0, 12.5], [day, "4000", 0.125, None], [day, "4000", None, None]]
    path = _sheet(tmp_path, rows)
    fast = read_ledger(path)
    with monkeypatch.context() as m:
        m.setattr(csv_xlsx, "_read_xlsx_arrow", lambda *a, **k: False)
        slow = read_ledger(path)
    pd.testing.assert_frame_equal(fast.lines, slow.lines)
    assert [p.describe() for p in fast.problems] == [p.describe() for p in slow.problems]
    assert fast.lines["amount_cents"].tolist() == [10000, -1250, 0]
    assert fast.lines["source_line"].tolist() == [2, 3, 6]
    assert any("100.0 / 12.5" in p.describe() for p in fast.problems)
    assert any("0.125" in p.describe() for p in fast.problems)
