"""Bad workbooks: every error names the sheet, Excel row and column, and says what is wrong.

Each case writes the tiny company (models/build_tiny.py) to a fresh workbook and damages it, or
writes a modified copy of the model. Rows of the tiny workbook (data starts at Excel row 4):
  Bedrijf 4 | Doelgroepen A 4, B 5 | Subsidie 2025-2028 4-7 | Locaties S1 4, S2 5
  PMCs P1 4, P2 5, P3 6, P4 7 | Geschiktheid A/P1 4, A/P2 5, B/P1 6, B/P3 7, B/P4 8
  Tarieven P4 level 1-3 4-6 | Begeleiding W 4, G 5, J 6 | Begeleidingsopties W 4-5, G 6, J 7
  Ketenpartners C1 4
Today's placements: A 30 SE in P1 + 15 in P2 (of 50); B 18 in P3 + 10 in P4 (of 30).
"""

from __future__ import annotations

import dataclasses
import inspect
import re
import zipfile

import pytest

from sw_optimiser import validate as validate_module
from sw_optimiser.problems import InputError, Problem
from sw_optimiser.schema import TABLE_BY_KEY, Eligibility, Tariff, WorkerGroup
from sw_optimiser.validate import READS, validate
from sw_optimiser.workbook import read_workbook


def _pmc(model, pmc_id, **changes):
    return model.replace(pmcs=tuple(dataclasses.replace(p, **changes) if p.id == pmc_id else p for p in model.pmcs))


# Each case: how to make the bad workbook, and the errors expected, in order:
# (table, Excel row, field, code, Dutch text).
CASES = {
    # ----- one cell wrong -----------------------------------------------------------------------
    "text_in_number": (
        lambda w: w.bad("PMCs", 5, "Max. volume", "twintig"),
        [("pmcs", 5, "max_volume", "cell.not_number",
          "Blad 'PMCs', rij 5, kolom 'Max. volume': 'twintig' is geen getal")]),
    "not_a_whole_number": (
        lambda w: w.bad("Bedrijf", 4, "Horizon", 2.5),
        [("company", 4, "horizon", "cell.not_integer",
          "Blad 'Bedrijf', rij 4, kolom 'Horizon': '2,5' is geen geheel getal")]),
    "below_minimum": (
        lambda w: w.bad("Doelgroepen", 5, "Uitstroom", -0.05),
        [("groups", 5, "outflow", "cell.below_min",
          "Blad 'Doelgroepen', rij 5, kolom 'Uitstroom': −0,05 is kleiner dan het minimum 0")]),
    "above_maximum": (
        lambda w: w.bad("Doelgroepen", 4, "Loonwaarde", 1.2),
        [("groups", 4, "productivity", "cell.above_max",
          "Blad 'Doelgroepen', rij 4, kolom 'Loonwaarde': 1,2 is groter dan het maximum 1")]),
    "above_maximum_barely": (  # 0.5001 must not be shown as 0,50 next to a maximum of 0,50
        lambda w: w.bad("Doelgroepen", 4, "Uitstroom", 0.5001),
        [("groups", 4, "outflow", "cell.above_max",
          "Blad 'Doelgroepen', rij 4, kolom 'Uitstroom': 0,5001 is groter dan het maximum 0,5")]),
    "invalid_activity": (
        lambda w: w.bad("PMCs", 6, "Activiteit", "schoonmaak"),
        [("pmcs", 6, "activity", "cell.choice",
          "Blad 'PMCs', rij 6, kolom 'Activiteit': 'schoonmaak' is geen geldige keuze; kies uit: productie, "
          "diensten op locatie, groepsdetachering, individuele detachering, begeleid werken, dagbesteding")]),
    "invalid_yes_no": (
        lambda w: w.bad("PMCs", 4, "Mag sluiten", "misschien"),
        [("pmcs", 4, "may_close", "cell.choice",
          "Blad 'PMCs', rij 4, kolom 'Mag sluiten': 'misschien' is geen geldige keuze; kies uit: ja, nee")]),
    "empty_number": (
        lambda w: w.bad("Doelgroepen", 4, "Loonkosten per SE", None),
        [("groups", 4, "wage_cost", "cell.empty",
          "Blad 'Doelgroepen', rij 4, kolom 'Loonkosten per SE': leeg, maar een waarde is verplicht")]),
    "blank_choice": (
        lambda w: w.bad("Locaties", 5, "Eigendom/huur", "   "),
        [("sites", 5, "ownership", "cell.empty",
          "Blad 'Locaties', rij 5, kolom 'Eigendom/huur': leeg, maar een waarde is verplicht")]),
    "tariff_level_too_high": (
        lambda w: w.bad("Tarieven", 6, "Niveau", 25),
        [("tariffs", 6, "level", "cell.above_max",
          "Blad 'Tarieven', rij 6, kolom 'Niveau': 25 is groter dan het maximum 20")]),
    # ----- sheet structure ----------------------------------------------------------------------
    "missing_column": (
        lambda w: w.delete_column(w.write(), "PMCs", "Max. volume"),
        [("pmcs", 1, "max_volume", "sheet.missing_column",
          "Blad 'PMCs', rij 1, kolom 'Max. volume': deze kolom ontbreekt in de kopregel")]),
    "missing_sheet": (
        lambda w: w.delete_sheet(w.write(), "Subsidie"),
        [("subsidy", None, None, "sheet.missing", "Blad 'Subsidie': dit blad ontbreekt")]),
    "two_rows_on_company": (
        lambda w: w.copy_row(w.write(), "Bedrijf", 4, 5),
        [("company", 5, None, "sheet.one_row",
          "Blad 'Bedrijf', rij 5: dit blad moet precies één rij met gegevens hebben, er zijn er 2")]),
    "duplicate_site": (  # S2 copied to row 6
        lambda w: w.copy_row(w.write(), "Locaties", 5, 6),
        [("sites", 6, "id", "check.duplicate",
          "Blad 'Locaties', rij 6, kolom 'Code': 'S2' komt twee keer voor (eerder in rij 5)")]),
    # ----- across tables ------------------------------------------------------------------------
    "unknown_site": (
        lambda w: w.bad("PMCs", 4, "Locatie", "S9"),
        [("pmcs", 4, "site", "check.unknown_site",
          "Blad 'PMCs', rij 4, kolom 'Locatie': onbekende locatie 'S9'; staat niet op het blad Locaties")]),
    "unknown_supervision_type": (
        lambda w: w.bad("PMCs", 6, "Begeleidingstype", "X"),
        [("pmcs", 6, "supervision_type", "check.unknown_supervision_type",
          "Blad 'PMCs', rij 6, kolom 'Begeleidingstype': onbekend begeleidingstype 'X'; "
          "staat niet op het blad Begeleiding")]),
    "min_above_max": (  # P2 today 15 SE: also a warning (below the minimum), but one error
        lambda w: w.write(_pmc(w.model, "P2", min_volume=60, max_volume=50)),
        [("pmcs", 5, "min_volume", "check.min_above_max",
          "Blad 'PMCs', rij 5, kolom 'Min. volume': 60 is groter dan het max. volume 50")]),
    "group_eligible_for_no_pmc": (  # a third group C, on no row of Geschiktheid and at no chain partner
        lambda w: w.write(w.model.replace(groups=w.model.groups + (
            WorkerGroup("C", "Nieuw", se=5, outflow=0.1, wage_cost=30_000, productivity=0.5,
                        sheltered_only=False),))),
        [("groups", 6, "id", "check.group_no_pmc",
          "Blad 'Doelgroepen', rij 6, kolom 'Code': doelgroep C mag in geen enkele PMC werken (blad Geschiktheid)")]),
    "tariffs_for_non_secondment": (  # P3 is services (groen) with a value added: two errors
        lambda w: w.write(w.model.replace(tariffs=w.model.tariffs + (Tariff("P3", 1, 30.0, 25, True),))),
        [("pmcs", 6, "value_added", "check.value_added_with_tariffs",
          "Blad 'PMCs', rij 6, kolom 'Toegevoegde waarde per SE': laat leeg: de toegevoegde waarde van deze PMC "
          "volgt uit het blad Tarieven"),
         ("tariffs", 7, "pmc", "check.tariff_not_secondment",
          "Blad 'Tarieven', rij 7, kolom 'PMC': PMC P3 is geen detachering; tarieven horen alleen bij detachering")]),
    "subsidy_years_missing": (  # horizon 5: 2025-2030, the sheet stops at 2028
        lambda w: w.bad("Bedrijf", 4, "Horizon", 5),
        [("subsidy", None, "year", "check.subsidy_missing",
          "Blad 'Subsidie', kolom 'Jaar': de subsidie ontbreekt voor 2029, 2030; nodig voor elk jaar "
          "van 2025 t/m 2030")]),
    "sheltered_group_in_open_pmcs": (  # B made sheltered-only, but B works in P3 (row 7) and P4 (row 8)
        lambda w: w.bad("Doelgroepen", 5, "Alleen beschut", "ja"),
        [("eligibility", 7, "allowed", "check.sheltered_group_outside",
          "Blad 'Geschiktheid', rij 7, kolom 'Toegestaan': doelgroep B werkt alleen beschut, maar PMC P3 is "
          "niet beschut"),
         ("eligibility", 8, "allowed", "check.sheltered_group_outside",
          "Blad 'Geschiktheid', rij 8, kolom 'Toegestaan': doelgroep B werkt alleen beschut, maar PMC P4 is "
          "niet beschut")]),
    "sheltered_group_allowed_outside": (  # A allowed in P3 (not sheltered), a new row 9
        lambda w: w.write(w.model.replace(eligibility=w.model.eligibility + (Eligibility("A", "P3", True, 1.0, 0),))),
        [("eligibility", 9, "allowed", "check.sheltered_group_outside",
          "Blad 'Geschiktheid', rij 9, kolom 'Toegestaan': doelgroep A werkt alleen beschut, maar PMC P3 is "
          "niet beschut")]),
    "current_volume_above_max": (  # 18 SE work in P3 today
        lambda w: w.bad("PMCs", 6, "Max. volume", 15),
        [("pmcs", 6, "max_volume", "check.current_above_max",
          "Blad 'PMCs', rij 6, kolom 'Max. volume': de huidige bezetting 18 SE is groter dan het max. volume 15")]),
    "site_over_capacity": (  # P2 with 15 SE is at S2
        lambda w: w.bad("Locaties", 5, "Capaciteit", 10),
        [("sites", 5, "capacity", "check.site_over_capacity",
          "Blad 'Locaties', rij 5, kolom 'Capaciteit': de huidige bezetting 15 SE is groter dan de capaciteit 10")]),
    "current_above_demand": (  # 10 SE seconded in P4 today, at the current level 2
        lambda w: w.bad("Tarieven", 5, "Vraag", 8),
        [("tariffs", 5, "demand", "check.current_above_demand",
          "Blad 'Tarieven', rij 5, kolom 'Vraag': de huidige bezetting 10 SE is groter dan de vraag 8 SE bij het "
          "huidige tarief")]),
    "secondment_marked_sheltered": (
        lambda w: w.bad("PMCs", 7, "Beschut", "ja"),
        [("pmcs", 7, "sheltered", "check.cannot_be_sheltered",
          "Blad 'PMCs', rij 7, kolom 'Beschut': individuele detachering en begeleid werken zijn nooit beschut; "
          "vul 'nee' in")]),
    "no_current_tariff": (
        lambda w: w.bad("Tarieven", 5, "Huidig", "nee"),
        [("tariffs", 4, "current", "check.one_current_tariff",
          "Blad 'Tarieven', rij 4, kolom 'Huidig': PMC P4 moet precies één huidig tariefniveau hebben, er zijn er 0")]),
    "two_current_tariffs": (
        lambda w: w.bad("Tarieven", 4, "Huidig", "ja"),
        [("tariffs", 4, "current", "check.one_current_tariff",
          "Blad 'Tarieven', rij 4, kolom 'Huidig': PMC P4 moet precies één huidig tariefniveau hebben, er zijn er 2")]),
    "value_added_for_tariff_pmc": (
        lambda w: w.bad("PMCs", 7, "Toegevoegde waarde per SE", 15_000),
        [("pmcs", 7, "value_added", "check.value_added_with_tariffs",
          "Blad 'PMCs', rij 7, kolom 'Toegevoegde waarde per SE': laat leeg: de toegevoegde waarde van deze PMC "
          "volgt uit het blad Tarieven")]),
    "value_added_missing": (
        lambda w: w.bad("PMCs", 6, "Toegevoegde waarde per SE", None),
        [("pmcs", 6, "value_added", "check.value_added_missing",
          "Blad 'PMCs', rij 6, kolom 'Toegevoegde waarde per SE': leeg, maar verplicht voor een PMC zonder tarieven")]),
    "owned_site_with_lease_end": (
        lambda w: w.bad("Locaties", 4, "Einde huur", 2030),
        [("sites", 4, "lease_end", "check.lease_end_owned",
          "Blad 'Locaties', rij 4, kolom 'Einde huur': een pand in eigendom heeft geen einde huur")]),
    "supervision_short": (  # W supervises P1 30 + P2 15 = 45 SE at 1:10; 4 fte covers 40
        lambda w: w.bad("Begeleiding", 4, "Huidig fte", 4),
        [("supervision_types", 4, "current_fte", "check.supervision_short",
          "Blad 'Begeleiding', rij 4, kolom 'Huidig fte': 4 fte bij een span van 10 begeleidt hooguit 10 x 4 SE, "
          "maar er werken nu 45 SE; nodig is 4,5 fte")]),
    "no_current_supervision_option": (
        lambda w: w.bad("Begeleidingsopties", 7, "Huidig", "nee"),
        [("supervision_types", 6, "id", "check.one_current_option",
          "Blad 'Begeleiding', rij 6, kolom 'Code': begeleidingstype J moet precies één huidige optie hebben "
          "(blad Begeleidingsopties), er zijn er 0")]),
    "unknown_group_at_chain_partner": (
        lambda w: w.bad("Ketenpartners", 4, "Doelgroepen", "A, Z"),
        [("chain_partners", 4, "groups", "check.unknown_group",
          "Blad 'Ketenpartners', rij 4, kolom 'Doelgroepen': onbekende doelgroep 'Z'; staat niet op het blad "
          "Doelgroepen")]),
    "unknown_pmc_in_eligibility": (
        lambda w: w.bad("Geschiktheid", 6, "PMC", "P9"),
        [("eligibility", 6, "pmc", "check.unknown_pmc",
          "Blad 'Geschiktheid', rij 6, kolom 'PMC': onbekende PMC 'P9'; staat niet op het blad PMCs")]),
    "placed_in_disallowed_combination": (
        lambda w: w.bad("Geschiktheid", 7, "Toegestaan", "nee"),
        [("eligibility", 7, "current_se", "check.current_not_allowed",
          "Blad 'Geschiktheid', rij 7, kolom 'Huidig SE': er werken nu SE in een combinatie die niet is toegestaan")]),
    "placed_more_than_group": (  # A: 30 + 15 = 45 SE placed, base SE set to 40
        lambda w: w.bad("Doelgroepen", 4, "SE basisjaar", 40),
        [("groups", 4, "se", "check.group_overplaced",
          "Blad 'Doelgroepen', rij 4, kolom 'SE basisjaar': er zijn 45 SE geplaatst, meer dan de 40 SE van de groep")]),
    "production_without_site": (
        lambda w: w.bad("PMCs", 4, "Locatie", None),
        [("pmcs", 4, "site", "check.needs_site",
          "Blad 'PMCs', rij 4, kolom 'Locatie': productie en dagbesteding hebben een locatie nodig")]),
    "production_not_sheltered": (  # and so group A (sheltered only) may no longer work in P2
        lambda w: w.bad("PMCs", 5, "Beschut", "nee"),
        [("pmcs", 5, "sheltered", "check.must_be_sheltered",
          "Blad 'PMCs', rij 5, kolom 'Beschut': productie en dagbesteding zijn altijd beschut werk; vul 'ja' in"),
         ("eligibility", 5, "allowed", "check.sheltered_group_outside",
          "Blad 'Geschiktheid', rij 5, kolom 'Toegestaan': doelgroep A werkt alleen beschut, maar PMC P2 is "
          "niet beschut")]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_workbook(workbooks, case):
    make, expected = CASES[case]
    errors = workbooks.errors(make(workbooks))
    assert [(p.table, p.row, p.column, p.code) for p in errors] == [e[:4] for e in expected]
    assert [p.text("nl") for p in errors] == [e[4] for e in expected]


def test_there_are_at_least_twenty_bad_workbooks():
    assert len(CASES) >= 20


# ----- files that are not workbooks ---------------------------------------------------------------
def test_text_file_named_xlsx(tmp_path):
    path = tmp_path / "begroting.xlsx"
    path.write_text("Naam;Bedrag\nHal Noord;200000\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_workbook(path)
    [p] = info.value.problems
    assert (p.table, p.row, p.column, p.code) == (None, None, None, "file.not_xlsx")
    assert p.text("nl") == "begroting.xlsx is geen Excel-werkmap (.xlsx); sla het bestand op als Excel-werkmap"
    assert p.text("en") == "begroting.xlsx is not an Excel workbook (.xlsx); save the file as an Excel workbook"


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "document.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputError) as info:
        read_workbook(path)
    assert [p.code for p in info.value.problems] == ["file.not_xlsx"]


def test_damaged_workbook(tmp_path):
    path = tmp_path / "kapot.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "garbage")
        zf.writestr("xl/workbook.xml", "not xml at all <<<")
    with pytest.raises(InputError) as info:
        read_workbook(path)
    [p] = info.value.problems
    assert p.code == "file.unreadable"
    assert p.text("nl").startswith("kapot.xlsx kan niet gelezen worden (")
    assert p.text("nl").endswith("); is het bestand beschadigd?")


def test_nonexistent_file(tmp_path):
    path = tmp_path / "bestaat-niet.xlsx"
    with pytest.raises(InputError) as info:
        read_workbook(path)
    [p] = info.value.problems
    assert p.code == "file.missing"
    assert p.text("nl") == f"het bestand {path} bestaat niet"
    assert p.text("en") == f"the file {path} does not exist"
    assert not path.exists()


# ----- all at once, English, warnings -------------------------------------------------------------
def test_all_cell_errors_are_reported_at_once(workbooks):
    path = workbooks.set_cells(workbooks.write(), ("PMCs", 5, "Max. volume", "twintig"),
                               ("Doelgroepen", 4, "Loonwaarde", 1.2), ("Bedrijf", 4, "Horizon", 2.5))
    with pytest.raises(InputError) as info:
        read_workbook(path)
    found = {(p.table, p.row, p.column, p.code) for p in info.value.errors}
    assert found == {("pmcs", 5, "max_volume", "cell.not_number"),
                     ("groups", 4, "productivity", "cell.above_max"),
                     ("company", 4, "horizon", "cell.not_integer")}
    text = info.value.text("nl")
    assert text.startswith(f"3 fout(en) in {path}:")
    assert "  - Blad 'PMCs', rij 5, kolom 'Max. volume': 'twintig' is geen getal" in text
    assert "  - Blad 'Doelgroepen', rij 4, kolom 'Loonwaarde': 1,2 is groter dan het maximum 1" in text
    assert "  - Blad 'Bedrijf', rij 4, kolom 'Horizon': '2,5' is geen geheel getal" in text


def test_all_cross_table_errors_are_reported_at_once(workbooks):
    path = workbooks.set_cells(workbooks.write(), ("PMCs", 4, "Locatie", "S9"), ("Begeleiding", 4, "Huidig fte", 4),
                               ("Ketenpartners", 4, "Doelgroepen", "A, Z"))
    errors = workbooks.errors(path)
    assert [(p.table, p.row, p.code) for p in errors] == [
        ("pmcs", 4, "check.unknown_site"),
        ("supervision_types", 4, "check.supervision_short"),
        ("chain_partners", 4, "check.unknown_group"),
    ]


def _found(problems):
    return [(p.table, p.row, p.column, p.code) for p in problems]


def test_cell_and_cross_table_errors_are_reported_at_once(workbooks):
    """P2 (row 5) is left out for its cell error; P3's min above max only looks at P3's row."""
    path = workbooks.set_cells(workbooks.write(), ("PMCs", 5, "Max. volume", "twintig"),
                               ("PMCs", 6, "Min. volume", 60), ("PMCs", 6, "Max. volume", 50))
    with pytest.raises(InputError) as info:
        read_workbook(path)
    assert _found(info.value.errors) == [("pmcs", 5, "max_volume", "cell.not_number"),
                                         ("pmcs", 6, "min_volume", "check.min_above_max")]
    # P3's 18 SE today come from Geschiktheid, which lost no row: the warning is sound too
    assert _found(p for p in info.value.problems if p.severity == "warning") == [
        ("pmcs", 6, "min_volume", "check.current_below_min")]


def test_no_unknown_site_for_a_site_left_out(workbooks):
    """S2 (row 5) is left out for its cell error; P2 at S2 is not an unknown site."""
    path = workbooks.bad("Locaties", 5, "Capaciteit", "veel")
    assert _found(workbooks.errors(path)) == [("sites", 5, "capacity", "cell.not_number")]


def test_no_sums_over_a_table_that_lost_a_row(workbooks):
    """Group A is overplaced (45 SE of 40), but Geschiktheid lost row 6, so placements are not counted."""
    path = workbooks.set_cells(workbooks.write(), ("Geschiktheid", 6, "Toegestaan", "misschien"),
                               ("Doelgroepen", 4, "SE basisjaar", 40))
    assert _found(workbooks.errors(path)) == [("eligibility", 6, "allowed", "cell.choice")]


def test_every_check_says_which_tables_it_reads():
    codes = set(re.findall(r'"(check\.\w+)"', inspect.getsource(validate_module)))
    assert codes == set(READS)
    assert all(set(tables) <= set(TABLE_BY_KEY) for tables in READS.values())


def test_english_rendering(workbooks):
    path = workbooks.set_cells(workbooks.write(), ("PMCs", 6, "Activiteit", "schoonmaak"), ("Bedrijf", 4, "Horizon", 2.5))
    activity, horizon = sorted(workbooks.errors(path), key=lambda p: p.table != "pmcs")
    assert activity.text("en") == (
        "Sheet 'PMCs', row 6, column 'Activity': 'schoonmaak' is not a valid choice; choose one of: "
        "production, services on location, group secondment, individual secondment, supported employment, day care")
    assert horizon.text("en") == "Sheet 'Company', row 4, column 'Horizon': '2.5' is not a whole number"
    assert horizon.as_dict("en") == {"Severity": "error", "Sheet": "Company", "Row": 4, "Column": "Horizon",
                                     "Problem": "'2.5' is not a whole number"}
    assert horizon.as_dict("nl") == {"Ernst": "fout", "Blad": "Bedrijf", "Rij": 4, "Kolom": "Horizon",
                                     "Probleem": "'2,5' is geen geheel getal"}
    missing = Problem("subsidy", None, None, "sheet.missing")  # as the reader makes it (see missing_sheet)
    assert missing.text("en") == "Sheet 'Subsidy': this sheet is missing"


def test_bad_english_workbook(workbooks):
    """An English-layout workbook is damaged by its English headings; the error is the same."""
    path = workbooks.set_cells(workbooks.write(lang="en"), ("PMCs", 5, "Min volume", 60), ("PMCs", 5, "Max volume", 50))
    [p] = workbooks.errors(path)
    assert (p.table, p.row, p.column, p.code) == ("pmcs", 5, "min_volume", "check.min_above_max")
    assert p.text("en") == "Sheet 'PMCs', row 5, column 'Min volume': 60 is more than the max volume 50"


def test_warnings_do_not_stop_reading(workbooks):
    path = workbooks.bad("Locaties", 4, "Vroegst afstoten", 2025)
    model, warnings = read_workbook(path)
    assert model.site["S1"].earliest_divest == 2025
    assert [(p.table, p.row, p.column, p.code, p.severity) for p in warnings] == [
        ("sites", 4, "earliest_divest", "check.divest_before_plan", "warning")]
    assert warnings[0].text() == ("Blad 'Locaties', rij 4, kolom 'Vroegst afstoten': afstoten in 2025 ligt niet in "
                                  "de planperiode; vroegst mogelijk is 2026")


def test_validate_a_model_without_a_workbook(tiny_model):
    """Rows are numbered as the writer lays them out when no row map is given."""
    assert validate(tiny_model) == []
    [p] = validate(_pmc(tiny_model, "P3", max_volume=15))
    assert (p.table, p.row, p.column, p.code) == ("pmcs", 6, "max_volume", "check.current_above_max")


# ----- accepted alternative inputs ----------------------------------------------------------------
def test_dutch_and_english_number_text(workbooks, tiny_model):
    path = workbooks.set_cells(
        workbooks.write(),
        ("PMCs", 4, "Max. volume", "55,5"),  # decimal comma
        ("Overhead", 4, "Vaste overhead", "€ 150.000"),  # Dutch thousands dots
        ("Overhead", 4, "Overhead per SE", "1.500,00"),
        ("Doelgroepen", 4, "Loonkosten per SE", "32,000.00"),  # English notation
        ("Doelgroepen", 5, "Uitstroom", " 0,05 "),
        ("Doelgroepen", 5, "Loonwaarde", "0.8"),  # a decimal point stays a decimal point
        ("Bedrijf", 4, "Basisjaar", "2025"),  # a whole number as text
        ("Locaties", 5, "Eenmalig bij afstoten", "−50.000"),  # minus sign as printed by the tool
    )
    model, _ = read_workbook(path)
    assert model.pmc["P1"].max_volume == 55.5
    assert model.overhead.fixed == 150_000 and model.overhead.per_se == 1_500
    assert model.group["A"].wage_cost == 32_000
    assert model.group["B"].outflow == 0.05 and model.group["B"].productivity == 0.8
    assert model.company.base_year == 2025 and isinstance(model.company.base_year, int)
    assert model.site["S2"].divest_value == -50_000
    assert model == _pmc(tiny_model, "P1", max_volume=55.5)


def test_yes_no_and_choice_labels(workbooks, tiny_model):
    path = workbooks.set_cells(
        workbooks.write(),
        ("PMCs", 4, "Mag sluiten", "yes"), ("PMCs", 5, "Mag sluiten", "NEE"),
        ("PMCs", 6, "Mag sluiten", "no"), ("PMCs", 7, "Mag sluiten", " Ja "),
        ("PMCs", 4, "Activiteit", "Production"),  # English label on a Dutch sheet
        ("PMCs", 7, "Activiteit", "individual_secondment"),  # the code itself
        ("Locaties", 5, "Eigendom/huur", "leased"),
    )
    model, _ = read_workbook(path)
    assert [p.may_close for p in model.pmcs] == [True, False, False, True]
    expected = tiny_model.replace(pmcs=tuple(dataclasses.replace(p, may_close=v) for p, v in
                                             zip(tiny_model.pmcs, [True, False, False, True])))
    assert model == expected


def test_english_sheet_names_and_headings_in_a_dutch_workbook(workbooks, tiny_model):
    """One sheet renamed to English with English headings in row 1 (Dutch in row 2) reads the same."""
    def to_english(wb):
        ws = wb["Doelgroepen"]
        ws.title = "Worker groups"
        for cell in ws[1]:
            cell.value, ws.cell(2, cell.column).value = ws.cell(2, cell.column).value, cell.value
    path = workbooks.edit(workbooks.write(), to_english)
    assert read_workbook(path)[0] == tiny_model


def test_columns_in_another_order_and_extra_columns(workbooks, tiny_model):
    def shuffle(wb):
        ws = wb["PMCs"]
        ws.move_range("A1:A7", cols=20)  # Code moved to the far right
        ws.cell(1, 1, "Opmerking")  # an extra column the tool does not know
        ws.cell(4, 1, "wordt genegeerd")
    path = workbooks.edit(workbooks.write(), shuffle)
    assert read_workbook(path)[0] == tiny_model
