"""The peer-set workbook (sw_optimiser.benchmarking.peers): round trip, bundled example, bad input."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from sw_optimiser.benchmarking.peers import (
    COLUMNS,
    PeerSetError,
    company_row_from_figures,
    read_peers,
    write_peers,
)

from conftest import model_script

BUNDLED = Path(__file__).resolve().parents[1] / "models" / "peers.xlsx"
generate_peers = model_script("make_peers").generate_peers  # the bundled peer set's generator
COLUMN_NUMBER = {c.key: i for i, c in enumerate(COLUMNS, start=1)}  # write_peers keeps COLUMNS order


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    path = tmp_path / "peers.xlsx"
    write_peers(generate_peers(5, seed=1), path)  # ids P01..P05 in Excel rows 3..7
    return path


def damaged(path: Path, changes: dict[tuple[int, str], object]) -> Path:
    """A copy of `path` with cells (Excel row, column key) set to new values."""
    workbook = openpyxl.load_workbook(path)
    for (row, key), value in changes.items():
        workbook["peers"].cell(row=row, column=COLUMN_NUMBER[key]).value = value
    out = path.with_name(f"bad_{len(list(path.parent.iterdir()))}.xlsx")
    workbook.save(out)
    return out


def problems_of(path: Path) -> list:
    with pytest.raises(PeerSetError) as info:
        read_peers(path)
    return info.value.problems


def test_round_trip_and_bundled_example(good: Path):
    frame = read_peers(good)
    pd.testing.assert_frame_equal(frame, generate_peers(5, seed=1), check_dtype=False)
    bundled = read_peers(BUNDLED)  # the bundled file is what models/make_peers.py generates
    pd.testing.assert_frame_equal(bundled, generate_peers(30, seed=2015), check_dtype=False)
    per_se = bundled[["value_added", "wsw_wages", "subsidy"]].div(bundled["se"], axis=0)
    assert bundled["se"].between(500, 3000).all()
    assert per_se["value_added"].between(2_900, 15_000).all()  # €3k–15k, rounded to thousands
    assert per_se["wsw_wages"].between(30_000, 35_000).all() and per_se["subsidy"].between(23_000, 26_000).all()
    assert (bundled["se"] / bundled["supervision_fte"]).between(8, 30).all()
    assert (bundled["se_outside"] / bundled["se"]).between(0.2, 0.5).all()


def test_text_in_a_number_field(good: Path):
    [problem] = problems_of(damaged(good, {(4, "se"): "veel"}))
    assert (problem.table, problem.row, problem.column) == ("peers", 4, "se")
    assert problem.code == "bench.peer_err_not_a_number"
    assert problem.text("nl") == "Blad 'peers', rij 4, kolom 'SE': 'veel' is geen getal"
    assert str(problem) == "Sheet 'peers', row 4, column 'SE': 'veel' is not a number"


def test_numbers_typed_as_dutch_text_are_read_as_the_company_workbook_reads_them(good: Path):
    # issue 15: "12,5" (decimal comma) and "1.234,56" / "€ 50.000" (Dutch thousands) as in the company workbook
    frame = read_peers(damaged(good, {(3, "supervision_fte"): "12,5", (4, "overhead"): "1.234,56",
                                      (5, "site_costs"): "€ 50.000"}))
    assert frame.loc[0, "supervision_fte"] == 12.5
    assert frame.loc[1, "overhead"] == 1234.56 and frame.loc[2, "site_costs"] == 50_000


def test_each_column_has_the_range_declared_in_the_schema(good: Path):
    # issue 15 item 4 / 22 item 3: schema.Peer declares the range; 2e9 € overhead is more than any
    # sw-company spends (maximum 1e9), 200,000 SE more than any employs (maximum 100,000)
    overhead, se = problems_of(damaged(good, {(3, "overhead"): 2e9, (4, "se"): 200_000}))
    assert (overhead.row, overhead.column, overhead.code) == (3, "overhead", "bench.peer_err_above_max")
    assert str(overhead) == "Sheet 'peers', row 3, column 'Overhead (€)': 2,000,000,000 is above the maximum 1,000,000,000"
    assert (se.row, se.column, se.code) == (4, "se", "bench.peer_err_above_max")
    assert "rij 4, kolom 'SE': 200.000 is groter dan het maximum 100.000" in se.text("nl")


def test_negative_and_zero_se(good: Path):
    negative, zero = problems_of(damaged(good, {(3, "se"): -10, (5, "se"): 0}))
    assert (negative.row, negative.column, negative.code) == (3, "se", "bench.peer_err_not_positive")
    assert "−10 must be greater than 0" in str(negative)  # the tool's number format, as in every message
    assert (zero.row, zero.column, zero.code) == (5, "se", "bench.peer_err_not_positive")
    assert "rij 5" in zero.text("nl") and "0 moet groter dan 0 zijn" in zero.text("nl")


def test_missing_and_duplicate_id(good: Path):
    missing, duplicate = problems_of(damaged(good, {(6, "id"): None, (7, "id"): "P01"}))
    assert (missing.row, missing.column, missing.code) == (6, "id", "bench.peer_err_missing_value")
    assert str(missing) == "Sheet 'peers', row 6, column 'ID': value is missing"
    assert (duplicate.row, duplicate.column, duplicate.code) == (7, "id", "bench.peer_err_duplicate_id")
    assert "'P01' already occurs in row 3" in str(duplicate)


def test_all_problems_at_once(good: Path):
    found = problems_of(damaged(good, {(3, "overhead"): -5, (4, "se_outside"): 99_999, (7, "site_costs"): "n.b."}))
    assert [(p.row, p.column, p.code) for p in found] == [
        (3, "overhead", "bench.peer_err_below_min"), (4, "se_outside", "bench.peer_err_outside_exceeds_se"),
        (7, "site_costs", "bench.peer_err_not_a_number")]
    assert "Overhead (€)" in str(found[0]) and "below the minimum 0" in str(found[0])
    assert "exceeds total SE" in str(found[1])
    error = PeerSetError(found)
    assert error.describe("nl").startswith("Problemen in de referentiegroep (3):")


def test_missing_column(good: Path):
    path = damaged(good, {(1, "overhead"): "Kosten", (2, "overhead"): "Costs"})
    [problem] = problems_of(path)  # one problem, not one per row
    assert (problem.table, problem.row, problem.column) == ("peers", 1, "overhead")
    assert problem.code == "bench.peer_err_column_missing"
    assert "column 'Overhead (€)': column is missing" in str(problem)


def test_missing_sheet_and_unreadable_files(good: Path, tmp_path: Path):
    workbook = openpyxl.load_workbook(good)
    workbook["peers"].title = "Blad1"
    workbook.save(tmp_path / "renamed.xlsx")
    [problem] = problems_of(tmp_path / "renamed.xlsx")
    assert (problem.table, problem.code) == ("peers", "bench.peer_err_sheet_missing") and "'Blad1'" in str(problem)
    (tmp_path / "notes.xlsx").write_text("not a workbook")
    [problem] = problems_of(tmp_path / "notes.xlsx")
    assert problem.code == "bench.peer_err_not_a_workbook" and "notes.xlsx" in str(problem)
    [problem] = problems_of(tmp_path / "absent.xlsx")
    assert problem.code == "bench.peer_err_file_missing"


def test_reading_never_changes_the_file(good: Path):
    path = damaged(good, {(4, "se"): "veel"})
    before = path.read_bytes()
    problems_of(path)
    read_peers(good)
    assert path.read_bytes() == before


def test_english_headings_suffice(good: Path, tmp_path: Path):
    workbook = openpyxl.load_workbook(good)
    for cell in workbook["peers"][1]:
        cell.value = None  # Dutch headings gone; the English ones in row 2 remain
    workbook.save(tmp_path / "english.xlsx")
    assert len(read_peers(tmp_path / "english.xlsx")) == 5


def test_company_row_from_figures():
    row = company_row_from_figures(id="eigen", se=1000, se_group_secondment=150, se_individual_secondment=100,
                                   se_supported_employment=50, value_added=8e6)
    assert row["se_outside"] == 300  # 150 + 100 + 50
    assert row["name"] == "eigen" and pd.isna(row["overhead"])
    with pytest.raises(PeerSetError) as info:
        company_row_from_figures(se=-1, overhaed=5)
    codes = {(p.column, p.code) for p in info.value.problems}
    assert codes == {(None, "bench.peer_err_unknown_field"), ("se", "bench.peer_err_not_positive")}
    assert "overhaed" in str(info.value) and info.value.problems[0].table == "(figures)"
