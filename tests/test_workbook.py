"""Workbook reader, writer and template: round trips, read-only reading, template layout, no overwrite."""

from __future__ import annotations

import hashlib
import os

import openpyxl
import pytest

from sw_optimiser.schema import TABLE_BY_KEY, TABLES
from sw_optimiser.workbook import FIRST_DATA_ROW, load_model, read_workbook, write_workbook

from conftest import EXAMPLE_XLSX, TINY_XLSX, Workbooks


def _fingerprint(path):
    stat = os.stat(path)
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_mtime_ns, stat.st_size


# ----- round trips --------------------------------------------------------------------------------
def test_tiny_xlsx_holds_the_tiny_company(tiny_model, tiny_built):
    assert tiny_model == tiny_built
    # spot checks, so that equality of two wrong things cannot pass unnoticed
    assert tiny_model.company.name == "Werkbedrijf Klein"
    assert tiny_model.years == [2025, 2026, 2027, 2028]
    assert [p.id for p in tiny_model.pmcs] == ["P1", "P2", "P3", "P4"]
    assert tiny_model.pmc["P4"].value_added is None
    assert tiny_model.site["S2"].lease_end == 2027 and tiny_model.site["S1"].lease_end is None
    assert tiny_model.chain_partners[0].groups == ("A",)
    assert tiny_model.current_tariff("P4").hourly_tariff == 25.0


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_round_trip_tiny(workbooks, tiny_built, lang):
    path = workbooks.write(tiny_built, lang)
    model, warnings = read_workbook(path)
    assert model == tiny_built
    assert warnings == []
    # the layout really is the language asked for
    wb = openpyxl.load_workbook(path, read_only=True)
    assert ("Doelgroepen" if lang == "nl" else "Worker groups") in wb.sheetnames
    assert ("Toelichting" if lang == "nl" else "Explanation") == wb.sheetnames[0]
    wb.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_round_trip_example(workbooks, lang):
    if not EXAMPLE_XLSX.exists():
        pytest.skip("models/example.xlsx is not there yet (another engineer is building it)")
    example = load_model(EXAMPLE_XLSX)
    path = workbooks.write(example, lang)
    assert load_model(path) == example


def test_written_values_are_readable_by_a_person(workbooks):
    """Choices are written as labels (ja/nee, productie), not as codes or booleans."""
    path = workbooks.write(lang="nl")
    ws = openpyxl.load_workbook(path)["PMCs"]
    assert [c.value for c in ws[1]][:4] == ["Code", "Naam", "Activiteit", "Beschut"]
    assert [c.value for c in ws[2]][:4] == ["Code", "Name", "Activity", "Sheltered"]
    assert ws.cell(FIRST_DATA_ROW, 1).value == "P1"
    assert ws.cell(FIRST_DATA_ROW, 3).value == "productie"
    assert ws.cell(FIRST_DATA_ROW, 4).value == "ja"
    assert ws.cell(FIRST_DATA_ROW + 3, 3).value == "individuele detachering"
    path_en = workbooks.write(lang="en")
    ws = openpyxl.load_workbook(path_en)["PMCs"]
    assert ws.cell(FIRST_DATA_ROW, 3).value == "production"
    assert ws.cell(FIRST_DATA_ROW, 4).value == "yes"
    assert ws.cell(FIRST_DATA_ROW + 2, 4).value == "no"


def test_reading_never_modifies_the_file(workbooks):
    before_tiny = _fingerprint(TINY_XLSX)
    read_workbook(TINY_XLSX)
    assert _fingerprint(TINY_XLSX) == before_tiny
    # also when the file has errors
    bad = workbooks.bad("PMCs", 5, "Max. volume", "twintig")
    before_bad = _fingerprint(bad)
    workbooks.errors(bad)
    assert _fingerprint(bad) == before_bad


# ----- template -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.xlsx"
    write_workbook(None, path)
    return openpyxl.load_workbook(path)


def test_template_has_one_sheet_per_table_and_an_explanation(template):
    assert template.sheetnames == ["Toelichting", *(t.nl for t in TABLES)]
    assert len(template.sheetnames) == 16  # 15 tables (Ages and Travel times: issue 16, Gemeenten: 18) + explanation
    assert template["Toelichting"]["A1"].value == "sw-optimiser: bedrijfsmodel"


def test_template_headings_units_and_no_data(template):
    for table in TABLES:
        ws = template[table.nl]
        columns = table.columns()
        assert [c.value for c in ws[1]] == [c.nl for _, c, _ in columns], table.nl
        assert [c.value for c in ws[2]] == [c.en for _, c, _ in columns], table.nl
        assert [c.value or "" for c in ws[3]] == [c.unit for _, c, _ in columns], table.nl
        assert ws.max_row == 3, f"{table.nl} has data rows in the template"
    pmcs = template["PMCs"]
    assert pmcs.cell(3, 6).value == "SE"  # Min. volume
    assert pmcs.cell(1, 6).value == "Min. volume"
    assert template["Bedrijf"].cell(3, 4).value == "fractie/jaar"  # Disconteringsvoet


def _validations_by_column(ws):
    out = {}
    for dv in ws.data_validations.dataValidation:
        for cell_range in dv.sqref.ranges:
            out[cell_range.min_col] = (dv, cell_range)
    return out


def test_template_has_choice_lists(template):
    ws = template["PMCs"]
    heads = [c.value for c in ws[1]]
    by_col = _validations_by_column(ws)
    activity = heads.index("Activiteit") + 1
    may_close = heads.index("Mag sluiten") + 1
    dv, rng = by_col[activity]
    assert dv.type == "list"
    assert dv.formula1 == ('"productie,diensten op locatie,groepsdetachering,individuele detachering,'
                           'begeleid werken,dagbesteding"')
    assert rng.min_row == FIRST_DATA_ROW
    dv, rng = by_col[may_close]
    assert dv.type == "list" and dv.formula1 == '"ja,nee"'
    # every choice column has a list, and no other column has one
    choice_cols = {j for j, (_, c, _) in enumerate(TABLE_BY_KEY["pmcs"].columns(), start=1) if c.choices}
    assert set(by_col) == choice_cols == {3, 4, 11, 17}  # 17: the client type (Opdrachtgever, issue 16 item 5)
    owned = template["Locaties"]
    assert _validations_by_column(owned)[5][0].formula1 == '"eigendom,huur"'


def test_english_template(tmp_path):
    path = write_workbook(None, tmp_path / "template_en.xlsx", lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Explanation", *(t.en for t in TABLES)]
    ws = wb["Worker groups"]
    assert [c.value for c in ws[1]][:3] == ["Code", "Name", "SE base year"]
    assert [c.value for c in ws[2]][:3] == ["Code", "Naam", "SE basisjaar"]
    assert _validations_by_column(wb["PMCs"])[11][0].formula1 == '"yes,no"'


def test_template_reads_as_empty_with_clear_errors(tmp_path):
    """An unfilled template is not a company: the reader says which sheets need rows."""
    path = write_workbook(None, tmp_path / "empty.xlsx")
    problems = Workbooks.errors(path)
    one_row = {(p.table, p.code) for p in problems}
    assert ("company", "sheet.one_row") in one_row
    assert ("overhead", "sheet.one_row") in one_row
    assert problems[0].text() == "Blad 'Bedrijf': dit blad moet precies één rij met gegevens hebben, er zijn er 0"


# ----- no overwriting -----------------------------------------------------------------------------
@pytest.mark.parametrize("model", [None, "tiny"])
def test_write_never_overwrites(tmp_path, tiny_model, model):
    model = tiny_model if model == "tiny" else None
    path = tmp_path / "exists.xlsx"
    path.write_bytes(b"precious")
    with pytest.raises(FileExistsError) as info:
        write_workbook(model, path)
    assert "bestaat al" in str(info.value) and str(path) in str(info.value)
    assert path.read_bytes() == b"precious"
    write_workbook(model, path, overwrite=True)
    assert path.read_bytes()[:2] == b"PK"  # now an xlsx (a zip)


@pytest.mark.parametrize("sheet", ["xl/worksheets/sheet2.xml", "xl/worksheets/sheet9.xml"])
def test_a_workbook_with_an_xml_entity_bomb_is_refused(tmp_path, sheet):
    """A 'billion laughs' entity declaration in a sheet is refused with a clear message, never expanded
    and never a traceback. (In xl/workbook.xml openpyxl parses with lxml without resolving entities.)"""
    import zipfile
    from pathlib import Path

    from sw_optimiser.problems import InputError
    from sw_optimiser.workbook import read_workbook

    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
    src, dst = Path(__file__).parents[1] / "models" / "tiny.xlsx", tmp_path / "bom.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == sheet:
                text = data.decode("utf-8")
                text = text[text.index("?>") + 2:] if text.startswith("<?xml") else text
                data = (bomb + text).encode("utf-8")
            zout.writestr(item, data)
    with pytest.raises(InputError) as caught:
        read_workbook(dst)
    assert caught.value.problems[0].code == "file.xml_entities"
    assert "bom.xlsx bevat XML-entiteiten" in caught.value.text()
