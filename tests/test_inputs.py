"""Scenario and region files: declared once (yamlinput.Key in scenario.SCENARIO and region.spec.REGION),
read against that declaration, and bad input refused with its line and key (issue 22's corpus)."""

from __future__ import annotations

import pytest
from test_region_file import GOOD, MODELS

from sw_optimiser import keydoc
from sw_optimiser.i18n import catalogue
from sw_optimiser.problems import InputError
from sw_optimiser.region import parse_region
from sw_optimiser.region.spec import REGION
from sw_optimiser.scenario import SCENARIO, parse_scenario
from sw_optimiser.yamlinput import MAX_BYTES, help_key, shown


def scenario_problems(text: str) -> list[tuple]:
    with pytest.raises(InputError) as exc:
        parse_scenario(text, "s.yaml")
    return [(p.row, p.column, p.code) for p in exc.value.problems]


def region_problems(text: str) -> list[tuple]:
    with pytest.raises(InputError) as exc:
        parse_region(text, "regio.yaml", models=MODELS)
    return [(p.row, p.column, p.code) for p in exc.value.problems]


# ----- the declaration ----------------------------------------------------------------------------
def test_the_reference_in_docs_is_current():
    assert keydoc.DOC.read_text(encoding="utf-8") == keydoc.render(), "run: python -m sw_optimiser.keydoc"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_declared_key_has_its_help(lang):
    for file, root in (("scenario", SCENARIO), ("region", REGION)):
        for path, _ in root.walk():
            assert help_key(file, path) in catalogue(lang), (file, path)


def test_a_scenario_is_read_as_declared():
    sc = parse_scenario("name: x\nchanges:\n  horizon: 5\n  subsidy: {2026: 27000}\n  demand: {all: 0.8}\n"
                        "social: {max_move_share: 0.1, savings_target: {2027: 50000}}\nsolver: {time_limit: 7200}\n")
    assert sc.changes.horizon == 5 and sc.changes.subsidy == {2026: 27_000.0} and sc.changes.demand == {"all": 0.8}
    assert sc.social.max_move_share == 0.1 and sc.social.savings_target == {2027: 50_000.0}
    assert sc.time_limit == 7200.0 and sc.gap == 0.005  # the gap not given: its default


def test_each_end_of_a_range_is_in_and_just_beyond_is_out():
    # changes.horizon is declared 1 - 30 whole years
    assert parse_scenario("changes: {horizon: 30}").changes.horizon == 30
    assert scenario_problems("changes:\n  horizon: 31\n") == [(2, "changes.horizon", "scenario.range")]
    assert scenario_problems("changes:\n  horizon: 2.5\n") == [(2, "changes.horizon", "scenario.not_integer")]


def test_a_range_message_shows_numbers_the_dutch_way():
    with pytest.raises(InputError) as exc:
        parse_scenario("social:\n  extra_sheltered_se: 150000.5\n", "s.yaml")
    assert exc.value.problems[0].text("nl") == \
        "Bestand 's.yaml', regel 2, sleutel 'social.extra_sheltered_se': 150.000,5 ligt niet tussen 0 en 100.000"


# ----- issue 22's corpus: bad numbers and hostile files ---------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("social:\n  max_move_share: .nan\n", (2, "social.max_move_share", "scenario.not_number")),
    ("solver:\n  time_limit: .inf\n", (2, "solver.time_limit", "scenario.not_number")),
    ("changes:\n  demand: {all: .nan}\n", (2, "changes.demand.all", "scenario.not_number")),
    ("changes:\n  subsidy:\n    2026: -.inf\n", (3, "changes.subsidy.2026", "scenario.not_number")),
])
def test_nan_and_infinity_in_a_scenario_are_refused(text, expected):
    # NaN passed every range check (nan < lo and nan > hi are both false) and reached Pyomo
    assert scenario_problems(text) == [expected]


def test_nan_in_a_region_file_is_refused():
    text = GOOD.replace("saving_share: 0.1", "saving_share: .nan").replace("extra_cost: 1000", "extra_cost: .inf")
    assert region_problems(text) == [(7, "hosting[1].extra_cost", "scenario.not_number"),
                                     (10, "overhead_pooling.saving_share", "scenario.not_number")]


def test_a_key_given_twice_is_an_error_naming_both_lines():
    # YAML keeps the last silently: the placement lever would be lost
    text = "levers:\n  placement: true\nchanges: {}\nlevers:\n  tariffs: true\n"
    with pytest.raises(InputError) as exc:
        parse_scenario(text, "s.yaml")
    assert [(p.row, p.column, p.code) for p in exc.value.problems] == [(4, "levers", "scenario.duplicate_key")]
    assert exc.value.problems[0].text("nl") == ("Bestand 's.yaml', regel 4, sleutel 'levers': deze sleutel staat er "
                                                "twee keer (ook op regel 1); YAML zou stil de laatste houden")
    # in a region file: a second member list
    text = GOOD.replace("members:\n", "members:\n  - {id: C, model: c.xlsx}\nmembers:\n", 1)
    assert region_problems(text) == [(4, "members", "scenario.duplicate_key")]
    # and inside a flow mapping
    assert scenario_problems("solver: {gap: 0.1, gap: 0.2}\n") == [(1, "gap", "scenario.duplicate_key")]


@pytest.mark.parametrize("parse", ["scenario", "region"])
def test_yaml_nested_10000_lists_deep_is_refused_before_it_is_built(parse):
    # once "maximum recursion depth exceeded"
    text = "changes: " + "[" * 10_000 + "]" * 10_000 + "\n"
    found = scenario_problems(text) if parse == "scenario" else region_problems(text)
    assert found == [(1, None, "scenario.too_deep")]
    # 20 levels are allowed (the deepest real file needs 4): then it is only the wrong kind of value
    assert scenario_problems("changes: " + "[" * 19 + "]" * 19 + "\n") == [(1, "changes", "scenario.not_mapping")]


def test_a_file_over_a_megabyte_is_refused_before_it_is_read(tmp_path):
    from sw_optimiser.scenario import read_scenario

    text = "description: '" + "x" * MAX_BYTES + "'\n"
    assert scenario_problems(text) == [(None, None, "scenario.too_big")]
    (tmp_path / "groot.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_scenario(tmp_path / "groot.yaml")
    assert exc.value.problems[0].code == "scenario.too_big"


def test_a_million_shapley_samples_are_refused_with_the_limit():
    # two members beyond an exact limit of 1: sampled; 1,000,000 orders once ran out of hand
    text = GOOD.replace("gap: 0}", "gap: 0, exact_limit: 1, samples: 1000000}")
    with pytest.raises(InputError) as exc:
        parse_region(text, "regio.yaml", models=MODELS)
    [problem] = exc.value.problems
    assert (problem.row, problem.column, problem.code) == (11, "solver.samples", "scenario.range")
    assert problem.message("nl") == "1000000 ligt niet tussen 1 en 10000"
    assert parse_region(text.replace("1000000", "10000"), "regio.yaml", models=MODELS).samples == 10_000


def test_more_workers_than_cores_are_capped_with_a_warning(monkeypatch):
    from sw_optimiser.region import reader

    monkeypatch.setattr(reader, "cores", lambda: 2)
    region = parse_region(GOOD.replace("gap: 0}", "gap: 0, workers: 256}"), "regio.yaml", models=MODELS)
    assert region.workers == 2  # not 256 processes (20 started, 2.8 GB, on 2 cores)
    [warning] = region.warnings
    assert (warning.row, warning.column, warning.severity) == (11, "solver.workers", "warning")
    assert warning.message("nl") == "256 processen gevraagd, maar deze computer heeft 2 kernen; er worden er 2 gebruikt"
    assert parse_region(GOOD.replace("gap: 0}", "gap: 0, workers: 2}"), "regio.yaml", models=MODELS).warnings == ()


def test_a_long_problem_list_is_capped_with_a_count_of_the_rest():
    from sw_optimiser.problems import MAX_LISTED, Problem

    problems = [Problem("s.yaml", n, "x", "scenario.not_text") for n in range(1, MAX_LISTED + 51)]
    lines = InputError(problems, "s.yaml").text("nl").splitlines()
    assert len(lines) == 1 + MAX_LISTED + 1  # heading, 200 problems, the count of the rest
    assert lines[0] == "250 fout(en) in s.yaml:" and lines[-1] == "  - … en nog 50 problemen (los eerst deze op)"


# ----- the company workbook and the table editor ---------------------------------------------------
def test_every_number_column_of_the_company_workbook_has_a_range():
    from sw_optimiser.schema import TABLES, base_type

    for table in TABLES:
        for name, column, hint in table.columns():
            if base_type(hint)[0] in (int, float) and column.choices is None:
                assert column.minimum is not None and column.maximum is not None, (table.key, name)


def test_1e309_in_a_cost_column_is_a_located_error(tmp_path, tiny_model):
    # Excel stores the cell as the text 1E+309, which is read as infinity; its message once crashed
    import dataclasses
    import re
    import zipfile

    from sw_optimiser.workbook import read_workbook, write_workbook

    written = write_workbook(tiny_model.replace(overhead=dataclasses.replace(tiny_model.overhead, fixed=1e300)),
                             tmp_path / "groot.xlsx")
    patched = tmp_path / "oneindig.xlsx"
    with zipfile.ZipFile(written) as src, zipfile.ZipFile(patched, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, re.sub(rb"<v>1e\+300</v>", b"<v>1E+309</v>", src.read(info.filename)))
    with pytest.raises(InputError) as exc:
        read_workbook(patched)
    [problem] = exc.value.problems
    assert (problem.table, problem.row, problem.column, problem.code) == ("overhead", 4, "fixed", "cell.not_finite")
    assert problem.text("nl") == ("Blad 'Overhead', rij 4, kolom 'Vaste overhead': ∞ is geen bruikbaar getal "
                                  "(oneindig of te groot)")
    with pytest.raises(InputError) as exc:  # 1e300 itself: more than any company spends
        read_workbook(written)
    assert [(p.row, p.column, p.code) for p in exc.value.problems] == [(4, "fixed", "cell.above_max")]


def test_a_site_capacity_of_1e300_in_the_table_editor_is_refused(tiny_model):
    # it once solved "optimal" on nonsense
    from sw_optimiser.explorer import edit
    from sw_optimiser.schema import TABLE_BY_KEY, TABLES

    frames = {t.key: edit.frame(tiny_model, t, "nl") for t in TABLES}
    frames["sites"].iloc[0, [n for n, _, _ in TABLE_BY_KEY["sites"].columns()].index("capacity")] = 1e300
    model, problems = edit.to_model(frames)
    assert model is None
    [problem] = problems
    assert (problem.table, problem.row, problem.column, problem.code) == ("sites", 4, "capacity", "cell.above_max")
    assert problem.message("nl") == "1e+300 is groter dan het maximum 100.000"
    # and the editor's column has the same range, so the browser holds the value back already
    config = edit.column_config(TABLE_BY_KEY["sites"], "nl")["Capaciteit"]["type_config"]
    assert (config["min_value"], config["max_value"]) == (0, 100_000)


# ----- a region file uploaded to the explorer -------------------------------------------------------
def _upload(tmp_path, member_b: str):
    from sw_optimiser.explorer.state import Explorer
    from sw_optimiser.workbook import write_workbook

    text = GOOD.replace("{id: B, model: b.xlsx}", f"{{id: B, model: '{member_b}'}}")
    files = [("regio.yaml", text.encode("utf-8")),
             ("a.xlsx", write_workbook(MODELS["A"], tmp_path / "a.xlsx", overwrite=True).read_bytes())]
    state = Explorer()
    ok = state.load_region_upload(files)
    return ok, state.region_problems


def test_an_uploaded_region_file_may_not_name_other_files_of_the_server(tmp_path):
    from sw_optimiser.workbook import write_workbook

    secret = write_workbook(MODELS["B"], tmp_path / "geheim" / "b.xlsx")  # exists on the server
    said = {}
    for name in (str(secret), str(tmp_path / "geheim" / "nergens.xlsx"), "../b.xlsx", "../../geheim/b.xlsx",
                 "sub/b.xlsx", "..\\b.xlsx", ".."):
        ok, problems = _upload(tmp_path, name)
        assert not ok
        [problem] = problems
        assert (problem.row, problem.column, problem.code) == (4, "members[2].model", "region.model_not_bare")
        said[name] = problem.message("nl").replace(shown(name), "NAAM")  # long names are cut short
    # the same words whether or not the file exists: nothing is learnt about the server's files
    assert len(set(said.values())) == 1
    assert said[".."] == ("noem een geüploade of meegeleverde werkmap bij zijn bestandsnaam, zonder map "
                          "('NAAM' mag niet)")
    # a bundled workbook may be named: it is read (and then does not fit this hand region: another base
    # year and horizon, and no PMC PSB)
    ok, problems = _upload(tmp_path, "example.xlsx")
    assert [(p.row, p.column, p.code) for p in problems] == [
        (4, "members[2].model", "region.mismatch"), (4, "members[2].model", "region.mismatch"),
        (9, "movable[1].pmc", "region.unknown_pmc")]


def test_a_number_declared_without_its_range_stops_the_import():
    from sw_optimiser.yamlinput import Key

    with pytest.raises(ValueError, match="a number needs its range"):
        Key("capacity", unit="SE", lo=0)
