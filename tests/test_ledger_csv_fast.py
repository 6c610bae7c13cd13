"""The CSV fast path (pyarrow's reader) gives exactly what the pandas reader gives, and steps aside
for any file that is not clean, so that the pandas reader reports each such line by its number."""

import pandas as pd
import pytest

from sw_optimiser.ledger import csv_xlsx, read_ledger


def _both(path, monkeypatch, fast_path="_read_csv_arrow", declined=None):
    """The file read with the fast path, and with ``fast_path`` declining (returning ``declined``)."""
    fast = read_ledger(path)
    with monkeypatch.context() as m:
        m.setattr(csv_xlsx, fast_path, lambda *a, **k: declined)
        slow = read_ledger(path)
    return fast, slow


@pytest.mark.parametrize("kwargs", [{}, {"encoding": "utf-8"}, {"debit_credit": True}, {"style": "en", "sep": ","},
                                    {"iso_dates": True, "sep": "\t"}])
def test_the_fast_path_reads_what_the_pandas_reader_reads(tmp_path, monkeypatch, kwargs):
    from ledger_gen import generate_ledger

    path = generate_ledger(3_000, seed=7).write_csv(tmp_path / "l.csv", **kwargs)
    calls = []
    real = csv_xlsx._read_csv_arrow
    monkeypatch.setattr(csv_xlsx, "_read_csv_arrow", lambda *a, **k: calls.append(1) or real(*a, **k))
    fast = read_ledger(path)
    assert calls and len(fast.lines) == 3_000  # the fast path was taken
    monkeypatch.setattr(csv_xlsx, "_read_csv_arrow", real)
    fast, slow = _both(path, monkeypatch)
    pd.testing.assert_frame_equal(fast.lines, slow.lines)
    assert [p.describe() for p in fast.problems] == [p.describe() for p in slow.problems]
    assert fast.meta == slow.meta


def _arrow(text: str, encoding: str = "utf-8"):
    return csv_xlsx._read_csv_arrow(text.encode(encoding), encoding, ";", 1, 3, [0, 1, 2])


def test_a_clean_file_is_read_and_an_unclean_one_is_left_to_pandas():
    columns, n = _arrow("a;b;c\n1;2;3\n4;5;6\n")
    assert n == 2 and columns[1].tolist() == ["2", "5"]
    assert _arrow("a;b;c\n1;2;3\n4;5;6")[1] == 2  # no line break after the last line
    assert _arrow("a;b;c\n1;2;3\n\n4;5;6\n")[1] == 3  # a blank line is a row: line numbers stay right
    assert _arrow("a;b;c\n1;2\n4;5;6\n") is None  # too few fields: pandas names the line
    assert _arrow("a;b;c\n1;2;3;4\n4;5;6\n") is None  # too many
    assert _arrow('a;b;c\n1;"x\ny";3\n4;5;6\n') is None  # a line break inside quotes: rows != lines
    assert _arrow("a;b;c\n1;2;3\n", "utf-16") is None  # not an encoding the fast path reads
    assert csv_xlsx._read_csv_arrow(b"a;b;c\n1;\xff;3\n", "utf-8", ";", 1, 3, [0, 1, 2]) is None  # invalid UTF-8


def test_a_short_line_is_left_to_pandas_and_named_by_its_number(tmp_path, monkeypatch):
    # line 3 has two fields (no amount): the fast path steps aside, pandas reads it as a line without
    # an amount and the message names line 3, as before; lines 2 and 4 are read
    path = tmp_path / "bad.csv"
    path.write_text("Datum;Rekening;Bedrag\n01-01-2024;8000;-10,00\n01-01-2024;8000\n01-02-2024;4000;5,00\n",
                    encoding="utf-8")
    fast, slow = _both(path, monkeypatch)
    assert [p.describe() for p in fast.problems] == [
        "fout: bad.csv, regel 3, veld 'Bedrag': Bedrag ontbreekt; verwacht een bedrag."]
    assert [p.describe() for p in slow.problems] == [p.describe() for p in fast.problems]
    assert fast.lines["source_line"].tolist() == [2, 4]


# --- XLSX: fastexcel's Arrow columns, or python-calamine cell by cell --------------------------------
def _both_xlsx(path, monkeypatch):
    return _both(path, monkeypatch, "_read_xlsx_arrow", False)


def _same(fast, slow):
    pd.testing.assert_frame_equal(fast.lines, slow.lines)
    assert [p.describe() for p in fast.problems] == [p.describe() for p in slow.problems]
    assert fast.meta == slow.meta and fast.field_names == slow.field_names


@pytest.mark.parametrize("debit_credit", [False, True])
def test_the_xlsx_fast_path_reads_what_calamine_reads(tmp_path, monkeypatch, debit_credit):
    from ledger_gen import generate_ledger

    path = generate_ledger(2_000, seed=3).write_xlsx(tmp_path / "l.xlsx", debit_credit=debit_credit)
    taken = []
    real = csv_xlsx._read_xlsx_arrow
    monkeypatch.setattr(csv_xlsx, "_read_xlsx_arrow", lambda *a, **k: taken.append(1) or real(*a, **k))
    fast = read_ledger(path)
    assert taken and len(fast.lines) == 2_000
    monkeypatch.setattr(csv_xlsx, "_read_xlsx_arrow", real)
    _same(*_both_xlsx(path, monkeypatch))


def _sheet(tmp_path, rows, name="s.xlsx"):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return path


def test_xlsx_cells_of_each_kind_read_the_same_both_ways(tmp_path, monkeypatch):
    import datetime as dt

    # dates with and without a time, a code typed as a number, empty cells, a bad date text, an
    # amount with more than two decimals: each path must give the same lines and messages
    rows = [["Datum", "Rekening", "Omschrijving", "Bedrag"],
            [dt.datetime(2024, 1, 5), 8000, "Omzet", -10.5],
            [dt.datetime(2024, 1, 5, 13, 30), 4000, None, 7.0],
            [None, None, None, None],
            [dt.datetime(2024, 2, 1), 4000, "Kosten", 3.125]]
    fast, slow = _both_xlsx(_sheet(tmp_path, rows), monkeypatch)
    _same(fast, slow)
    assert fast.lines["source_line"].tolist() == [2, 3]  # Excel rows; row 5's 3,125 is reported
    assert any(p.code == "ledger.amount_sub_cent" and p.row == 5 for p in fast.problems)


@pytest.mark.parametrize("rows", [
    [["Grootboekmutaties 2024"], ["Datum", "Rekening", "Bedrag"], ["01-01-2024", "8000", "-10,00"]],  # a title row
    [["Datum", "Rekening", "Bedrag"], ["01-01-2024", 8000, "-10,00"], ["02-01-2024", "x", "5,00"]],  # mixed cells
    [["Datum", "Rekening", "Bedrag", "Bedrag"], ["01-01-2024", "8000", "-10,00", "1"]],  # a repeated heading
    [["Datum", "Rekening", "Bedrag"], ["01-01-2024", "8000", True]],  # a boolean column
])
def test_sheets_that_are_not_plain_tables_are_left_to_calamine(tmp_path, monkeypatch, rows):
    from sw_optimiser.ledger.lines import ProblemLog
    from sw_optimiser.ledger.lines import LedgerRead

    path = _sheet(tmp_path, rows)
    assert csv_xlsx._read_xlsx_arrow(path, "Sheet", ProblemLog(path), None, LedgerRead(path, "xlsx")) is False
    _same(*_both_xlsx(path, monkeypatch))


def test_a_table_lower_on_the_sheet_keeps_its_excel_rows(tmp_path, monkeypatch):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["B3"], ws["C3"], ws["D3"] = "Datum", "Rekening", "Bedrag"
    ws["B4"], ws["C4"], ws["D4"] = "01-01-2024", "8000", -10.0
    ws["B5"], ws["C5"], ws["D5"] = "02-01-2024", "4000", "abc"
    wb.save(tmp_path / "low.xlsx")
    fast, slow = _both_xlsx(tmp_path / "low.xlsx", monkeypatch)
    _same(fast, slow)
    assert fast.meta["header_line"] == "3" and fast.lines["source_line"].tolist() == [4]
