"""Untrusted workbooks are measured before any reader allocates (sw_optimiser/xlsx_guard.py): the corpus
cases of issue 22 (one cell at XFD1048576 in a 13 KB file, a declared range CV1000000 in 6 KB, a sheet
of packed blank rows) are refused with a located message by the ledger import and the company
workbook reader alike, and a real ledger export passes.

Each file is built here by replacing the sheet XML of a small openpyxl workbook. Were the guard to let
the XFD1048576 file through, calamine would ask for 512 GiB and the test process would abort."""

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from sw_optimiser import xlsx_guard
from sw_optimiser.ledger import read_ledger
from sw_optimiser.problems import InputError
from sw_optimiser.workbook import read_workbook

NS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
HEAD_ROW = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>Datum</t></is></c><c r="B1" t="inlineStr"><is><t>Rekening'
            b'</t></is></c><c r="C1" t="inlineStr"><is><t>Bedrag</t></is></c></row>')


def workbook_with_sheet(path: Path, sheet_xml: bytes, padding: int = 0) -> Path:
    """A valid small .xlsx whose first sheet ('Grootboek') is ``sheet_xml``; ``padding`` bytes of
    incompressible noise in an extra part make the file as big as the corpus case."""
    wb = openpyxl.Workbook()
    wb.active.title = "Grootboek"
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = sheet_xml if info.filename == "xl/worksheets/sheet1.xml" else src.read(info.filename)
            out.writestr(info.filename, data)
        if padding:
            import random

            out.writestr("docProps/padding.bin", random.Random(1).randbytes(padding))
    return path


def xfd_cell(path: Path, declared: bool = True) -> Path:
    dim = b'<dimension ref="A1:XFD1048576"/>' if declared else b""
    return workbook_with_sheet(path, NS + dim + b"<sheetData>" + HEAD_ROW
                               + b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>',
                               padding=8_000)


def packed_blank_rows(path: Path, rows: int = 300_000) -> Path:
    """Rows of 20 blank styled cells without references: zlib packs 300,000 of them into ~0.7 MB."""
    body = b"".join(b'<row r="%d">' % r + b'<c s="1"/>' * 20 + b"</row>" for r in range(2, rows + 2))
    return workbook_with_sheet(path, NS + b"<sheetData>" + HEAD_ROW + body + b"</sheetData></worksheet>")


def test_one_cell_at_xfd1048576_is_refused_by_the_ledger_import(tmp_path):
    path = xfd_cell(tmp_path / "grootboek.xlsx")
    assert 10_000 < path.stat().st_size < 16_000  # the corpus file: 13 KB
    read = read_ledger(path)
    assert [p.code for p in read.problems] == ["file.sheet_extent"]
    p = read.problems[0]
    assert p.severity == "error" and read.lines.empty
    # 1,048,576 rows x 16,384 columns = 17,179,869,184 cells; the sheet packs to a few hundred bytes,
    # so the budget is the floor of 2,000,000 cells
    assert p.text("nl") == (
        "grootboek.xlsx, werkblad 'Grootboek': het bereik A1:XFD1048576 telt 17.179.869.184 cellen, "
        "onredelijk veel voor 0,2 kB aan gegevens (hoogstens 2.000.000); er staat iets in een cel ver buiten "
        "de tabel of het blad is beschadigd. Wis de lege rijen en kolommen achter de tabel en sla opnieuw op. "
        "Het bestand is niet gelezen")
    assert "the range A1:XFD1048576 holds 17,179,869,184 cells" in p.message("en")


def test_the_real_extent_counts_when_no_range_is_declared(tmp_path):
    read = read_ledger(xfd_cell(tmp_path / "grootboek.xlsx", declared=False))
    assert [p.code for p in read.problems] == ["file.sheet_extent"]
    assert "A1:XFD1048576" in read.problems[0].message()  # found by scanning the cells


def test_declared_range_cv1000000_in_a_tiny_file_is_refused(tmp_path):
    path = workbook_with_sheet(tmp_path / "grootboek.xlsx", NS + b'<dimension ref="A1:CV1000000"/><sheetData>'
                               + HEAD_ROW + b"</sheetData></worksheet>")
    read = read_ledger(path)
    assert [p.code for p in read.problems] == ["file.sheet_extent"]
    assert "A1:CV1000000 telt 100.000.000 cellen" in read.problems[0].message()  # 100 columns x 10^6 rows


def test_packed_blank_rows_are_refused_by_the_ledger_import(tmp_path):
    path = packed_blank_rows(tmp_path / "grootboek.xlsx")
    assert 300_000 < path.stat().st_size < 1_200_000
    read = read_ledger(path)
    assert [p.code for p in read.problems] == ["file.sheet_empty_rows"]
    # refused as soon as more than 100,000 rows are seen with fewer values than half the rows: the
    # three heading texts are the only values
    msg = read.problems[0].message()
    assert "rijen met samen maar 3 waarden" in msg, msg


@pytest.mark.parametrize("make", [xfd_cell, packed_blank_rows])
def test_the_company_workbook_reader_refuses_them_too(tmp_path, make):
    path = make(tmp_path / "bedrijf.xlsx")
    with pytest.raises(InputError) as err:
        read_workbook(path)
    codes = [p.code for p in err.value.problems]
    assert codes in (["file.sheet_extent"], ["file.sheet_empty_rows"])
    assert "bedrijf.xlsx, werkblad 'Grootboek'" in err.value.problems[0].message()


@pytest.mark.parametrize("make", [xfd_cell, packed_blank_rows])
def test_the_peer_set_reader_refuses_them_too(tmp_path, make):
    # issue 15 item 4 / 22 item 7: the peer set is checked by the same guard before openpyxl allocates
    from sw_optimiser.benchmarking.peers import PeerSetError, read_peers

    with pytest.raises(PeerSetError) as err:
        read_peers(make(tmp_path / "referentie.xlsx"))
    [problem] = err.value.problems
    assert problem.code in ("file.sheet_extent", "file.sheet_empty_rows")
    assert "referentie.xlsx, werkblad 'Grootboek'" in problem.message()


def test_a_sheet_that_unpacks_a_hundredfold_is_refused_from_the_directory(tmp_path):
    # 12 MB of one repeated blank row (no row numbers) packs ~1000x: refused before unpacking
    body = b"<row>" + b'<c s="1"/>' * 20 + b"</row>"
    path = workbook_with_sheet(tmp_path / "grootboek.xlsx",
                               NS + b"<sheetData>" + body * 60_000 + b"</sheetData></worksheet>")
    read = read_ledger(path)
    assert [p.code for p in read.problems] == ["file.sheet_packed"]


def test_a_real_export_passes(tmp_path):
    from ledger_gen import generate_ledger

    path = generate_ledger(3_000, seed=2).write_xlsx(tmp_path / "grootboek.xlsx")
    assert xlsx_guard.check_workbook(path, 200 << 20) is None
    assert len(read_ledger(path).lines) == 3_000


def test_sparse_cells_within_the_floor_pass(tmp_path):
    # A1 and J50000: 50,000 rows x 10 columns = 500,000 cells, under the 2,000,000 floor
    path = workbook_with_sheet(tmp_path / "x.xlsx", NS + b"<sheetData>" + HEAD_ROW
                               + b'<row r="50000"><c r="J50000"><v>1</v></c></row></sheetData></worksheet>')
    assert xlsx_guard.check_workbook(path, 200 << 20) is None


def test_range_arithmetic():
    assert xlsx_guard.column_number("A") == 1 and xlsx_guard.column_number("AA") == 27
    assert xlsx_guard.column_number("XFD") == 16384 and xlsx_guard.column_letters(16384) == "XFD"
    assert xlsx_guard.range_size("A1:I1000001") == (1_000_001, 9)
    assert xlsx_guard.range_size("B2") == (2, 2) and xlsx_guard.range_size("nonsense") is None
