"""The explorer's pages with Streamlit's AppTest (no browser): load, switch a lever, solve, see the
KPIs change, uploads with errors, scenario files, comparing, language switch.

Most tests use the tiny company (SW_EXPLORER_MODEL) so a solve takes a fraction of a second.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sw_optimiser import fmt
from sw_optimiser.baseline import run_baseline
from sw_optimiser.explorer import edit
from sw_optimiser.explorer.files import safe_name
from sw_optimiser.i18n import catalogue
from sw_optimiser.scenario import LEVERS, parse_scenario, read_scenario
from sw_optimiser.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = {name: f"sw_optimiser/explorer/{name}.py" for name in ("company", "scenario", "results", "compare")}


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def start(monkeypatch, model: str | None = "tiny.xlsx") -> AppTest:
    if model:
        monkeypatch.setenv("SW_EXPLORER_MODEL", str(ROOT / "models" / model))
    else:
        monkeypatch.delenv("SW_EXPLORER_MODEL", raising=False)
    return _ok(AppTest.from_file(APP, default_timeout=60).run())


def go(at: AppTest, page: str) -> AppTest:
    return _ok(at.switch_page(PAGES[page]).run())


def state(at: AppTest):
    return at.session_state["explorer"]


def solve(at: AppTest) -> AppTest:
    """Press the solve button and poll the way the page's fragment does until everything is in."""
    at.button(key="solve").click().run()
    deadline = time.time() + 60
    while state(at).busy() and time.time() < deadline:
        time.sleep(0.05)
        at.run()
    assert not state(at).busy(), "the solve did not finish within 60 s"
    return _ok(at.run())


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label.startswith(label))


def problem_table(at: AppTest, heading: str = "Probleem"):
    return next(df.value for df in at.dataframe if heading in df.value.columns)


def tables_text(at: AppTest) -> str:
    return "\n".join(df.value.to_string() for df in at.dataframe)


# ----- Bedrijf ----------------------------------------------------------------------------------------
def test_company_page_shows_the_company_at_a_glance(monkeypatch):
    at = start(monkeypatch)
    assert at.title[0].value == "Bedrijf"
    model = state(at).model
    base = run_baseline(model)
    today = base.pnl.iloc[0]
    assert metric(at, "Gemeentelijke bijdrage").value == fmt.euro(today.municipal_contribution)
    assert metric(at, "Resultaat per SE").value == fmt.euro(today.result_per_se)
    assert len(at.get("vega_lite_chart")) >= 2
    assert len(at.data_editor) == len(TABLES)  # every table can be edited in place
    assert "Verhuiskosten" in at.data_editor[5].value.columns  # Dutch headings from the schema


def test_opens_on_the_bundled_example(monkeypatch):
    if not (ROOT / "models" / "example.xlsx").exists():
        pytest.skip("models/example.xlsx is not built yet")
    at = start(monkeypatch, model=None)
    assert state(at).model_name == "example.xlsx"
    assert metric(at, "SE in dienst").value == fmt.number(run_baseline(state(at).model).pnl.iloc[0].se_total)


def test_upload_with_errors_shows_them_and_keeps_the_model(monkeypatch, workbooks):
    at = start(monkeypatch)
    before = state(at).model
    bad = workbooks.bad("PMCs", 5, "Max. volume", "twintig")  # one cell that is no number
    state(at).pending_upload = ("eigen bedrijf.xlsx", bad.read_bytes())  # what the uploader's callback does
    _ok(at.run())
    assert "niet ingelezen" in at.error[0].value
    problems = problem_table(at)  # names sheet, row and column
    assert list(problems.columns) == ["Ernst", "Blad", "Rij", "Kolom", "Probleem"]
    row = problems.iloc[0]
    assert (row["Blad"], row["Rij"], row["Kolom"]) == ("PMCs", 5, "Max. volume")
    assert "twintig" in row["Probleem"]
    assert state(at).model is before  # the last valid model stays in use


def test_upload_of_something_else_is_refused(monkeypatch):
    at = start(monkeypatch)
    state(at).pending_upload = ("notities.xlsx", b"dit is geen werkmap")
    _ok(at.run())
    assert "geen Excel-werkmap" in tables_text(at)
    assert state(at).model_name == "tiny.xlsx"


def test_valid_upload_replaces_the_model(monkeypatch, workbooks, tiny_model):
    at = start(monkeypatch)
    renamed = tiny_model.replace(company=tiny_model.company.__class__(
        **{**tiny_model.company.__dict__, "name": "Werkbedrijf Upload"}))
    state(at).pending_upload = ("upload.xlsx", workbooks.write(renamed).read_bytes())
    _ok(at.run())
    assert state(at).model.company.name == "Werkbedrijf Upload"
    assert any(h.value == "Werkbedrijf Upload" for h in at.subheader)


def test_an_upload_name_over_80_characters_keeps_its_extension(monkeypatch, workbooks, tiny_model):
    """Issue 22's corpus: a name over 80 characters lost its .xlsx and was refused as damaged."""
    assert safe_name("a" * 100 + ".xlsx", "x.xlsx") == "a" * 75 + ".xlsx"
    assert safe_name("../" + "b" * 90, "x.xlsx") == "b" * 80  # no extension: cut at 80
    at = start(monkeypatch)
    long_name = "Begroting 2026 " + "werkbedrijf " * 8 + "definitief.xlsx"  # 126 characters
    state(at).pending_upload = (long_name, workbooks.write(tiny_model).read_bytes())
    _ok(at.run())
    assert not state(at).problems
    assert state(at).model_name == long_name[:75] + ".xlsx"


def test_edited_tables_are_validated_like_a_workbook(tiny_model):
    frames = {tb.key: edit.frame(tiny_model, tb, "nl") for tb in TABLES}
    model, problems = edit.to_model(frames)
    assert model == tiny_model and not problems  # unchanged tables give the same model back
    pmcs = frames["pmcs"].copy()
    pmcs.loc[5, "Locatie"] = "ZZ"  # row 5 of the sheet: the second PMC
    model, problems = edit.to_model(frames | {"pmcs": pmcs})
    assert model is None
    assert [(p.table, p.row, p.column) for p in problems if p.severity == "error"] == [("pmcs", 5, "site")]
    assert "ZZ" in problems[0].as_dict("nl")["Probleem"]


def _edit(at: AppTest, table: str, edited_rows: dict) -> AppTest:
    """What the data editor sends when cells are changed (AppTest cannot type into it)."""
    key = f"edit.{table}.{state(at).model_rev}.{state(at).lang}"
    at.session_state[key] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    return _ok(at.run())


def test_an_invalid_edit_shows_the_problem_and_keeps_the_model(monkeypatch):
    at = start(monkeypatch)
    before = state(at).model
    _edit(at, "pmcs", {1: {"Locatie": "ZZ"}})  # the second PMC (row 5 of the sheet) on an unknown site
    assert "het laatste geldige bedrijfsmodel blijft in gebruik" in at.error[0].value
    row = problem_table(at).iloc[0]
    assert (row["Blad"], row["Rij"], row["Kolom"]) == ("PMCs", 5, "Locatie")
    assert state(at).model is before


def test_a_valid_edit_is_applied_with_one_click(monkeypatch):
    at = start(monkeypatch)
    _edit(at, "company", {0: {"Naam": "Werkbedrijf Bewerkt"}})
    assert not at.error
    at.button[[b.label for b in at.button].index("Wijzigingen toepassen")].click().run()
    _ok(at)
    assert state(at).model.company.name == "Werkbedrijf Bewerkt"
    assert state(at).model_name == "tiny.xlsx (bewerkt)"
    assert any(h.value == "Werkbedrijf Bewerkt" for h in at.subheader)


# ----- Scenario, solving, Resultaten -----------------------------------------------------------------
def test_switch_a_lever_solve_and_see_the_municipal_contribution_change(monkeypatch):
    at = start(monkeypatch)
    go(at, "results")
    assert "Nog niets doorgerekend" in at.info[0].value
    go(at, "scenario")
    assert [t.label for t in at.toggle] == [catalogue("nl")[f"lever.{k}"] for k in LEVERS]
    at.toggle(key="sc.lever.placement").set_value(True).run()
    solve(at)
    go(at, "results")
    base = run_baseline(state(at).model).pnl.iloc[-1].municipal_contribution
    card = metric(at, "Gemeentelijke bijdrage")
    assert card.value != fmt.euro(base)  # reallocation changes what the municipalities pay
    assert card.help == (catalogue("nl")["app.glossary.municipal_contribution"]  # what the figure means (issue 17)
                         + f"\n\nNulscenario: {fmt.euro(base)}")
    assert re.fullmatch(r"[+−]€ [\d.]+", card.delta)
    assert len(at.get("vega_lite_chart")) >= 2  # P&L paths
    assert "krimpen" in tables_text(at) or "groeien" in tables_text(at)  # per PMC what happens


def test_a_lever_change_re_solves_on_the_same_optimiser_and_returning_is_instant(monkeypatch):
    at = start(monkeypatch)
    go(at, "scenario")
    at.toggle(key="sc.lever.placement").set_value(True).run()
    solve(at)
    first = state(at).current
    at.toggle(key="sc.lever.phase_out").set_value(True).run()
    solve(at)
    assert state(at).current != first
    assert state(at).engine.count() == 1  # built once for this model and these limits
    at.toggle(key="sc.lever.phase_out").set_value(False).run()
    at.button(key="solve").click().run()  # solved before: taken from the session, no job
    assert state(at).job is None and state(at).current == first
    at.number_input(key="sc.cut").set_value(500.0).run()  # other assumptions: another optimiser
    solve(at)
    assert state(at).engine.count() == 2


def test_marginal_values_follow_the_results_or_come_on_request(monkeypatch):
    at = start(monkeypatch)
    go(at, "scenario")
    at.toggle(key="sc.lever.placement").set_value(True).run()
    solve(at)
    solved = state(at).solved[state(at).current]
    assert solved.results.marginal_values is not None  # computed in the background after the results
    solved.results.marginal_values, solved.marginal_values_skipped = None, True  # as when others were waiting
    state(at).marginal_values(solved.key)  # what the button on the tab does
    deadline = time.time() + 30
    while state(at).busy() and time.time() < deadline:
        time.sleep(0.05)
        at.run()
    assert not solved.marginal_values_skipped and not solved.results.marginal_values.empty


def test_scenario_names_made_from_levers():
    from sw_optimiser.explorer.state import Explorer
    from sw_optimiser.scenario import Scenario

    def name(*levers, lang="nl"):
        text = lambda key, **params: catalogue(lang)[key].format(**params)  # noqa: E731
        return Explorer().label(Scenario(name="").with_levers(levers), text)
    assert name() == "Nulscenario"
    assert name("phase_out") == "1. Afbouw verliesgevende PMC's"
    assert name("placement", "phase_out") == "Herplaatsing + hefboom 1"
    assert name("placement", "tariffs", "sites", lang="en") == "Reallocation + levers 2, 5"
    assert name(*LEVERS) == "Alle hefbomen"


def test_an_infeasible_scenario_is_explained_in_words(monkeypatch):
    at = start(monkeypatch)
    go(at, "scenario")
    at.toggle(key="sc.lever.placement").set_value(True)
    at.number_input(key="sc.sheltered").set_value(5000.0).run()  # far more sheltered places than people
    solve(at)
    go(at, "results")
    assert "geen plan" in at.error[0].value
    text = "\n".join(m.value for m in at.markdown)
    assert "beschutte plaatsen" in text


def test_an_infeasible_scenario_explained_in_dutch_reads_in_english_after_a_switch(monkeypatch):
    """The explanations are kept as messages and put into words on every run, in the language of then."""
    at = start(monkeypatch)
    go(at, "scenario")
    at.toggle(key="sc.lever.placement").set_value(True)
    at.number_input(key="sc.sheltered").set_value(500.0).run()
    solve(at)
    go(at, "results")
    # tiny: werkleiders at 1:10 supervise the sheltered PMCs; with the supervision lever off they are the
    # baseline's 5 x 0.9^n FTE (4.5, 4.05, 3.645), so at most 45, 40.5, 36.45 SE work sheltered: exactly
    # A's own SE. 500 extra places on top (545, 540.5, 536.45 required) are 500 short every year.
    lines = [m.value for m in at.markdown if m.value.startswith("- In 2026")]
    assert lines[0].splitlines()[0] == (
        "- In 2026 zijn minstens 545,0 beschutte plaatsen vereist, maar er kunnen er 500,0 te weinig worden ingevuld")
    at.radio(key="lang").set_value("en").run()
    _ok(at)
    assert "no plan meets every rule" in at.error[0].value
    lines = [m.value for m in at.markdown if m.value.startswith("- In 2026")]
    assert lines[0].splitlines() == [
        "- In 2026 at least 545.0 sheltered places are required, but 500.0 of them cannot be filled",
        "- In 2027 at least 540.5 sheltered places are required, but 500.0 of them cannot be filled",
        "- In 2028 at least 536.5 sheltered places are required, but 500.0 of them cannot be filled"]


def test_scenario_files_load_and_save_in_the_same_format(monkeypatch):
    at = start(monkeypatch)
    go(at, "scenario")
    path = ROOT / "scenarios" / "phase-out.yaml"
    at.selectbox(key="sc.bundled").set_value(path)
    at.button[[b.label for b in at.button].index("Scenario laden")].click().run()
    _ok(at)
    loaded = read_scenario(path)
    assert {k: at.toggle(key=f"sc.lever.{k}").value for k in LEVERS} == loaded.levers
    assert state(at).scenario_key() == state(at).scenario_key(loaded)
    saved = state(at).scenario.to_yaml()  # what the save button offers
    assert parse_scenario(saved).levers == loaded.levers


def test_every_bundled_scenario_goes_through_the_form_unchanged(monkeypatch):
    at = start(monkeypatch)
    go(at, "scenario")
    load = [b.label for b in at.button].index("Scenario laden")
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        at.selectbox(key="sc.bundled").set_value(path)
        at.button[load].click().run()
        _ok(at.run())  # the scenario is rebuilt from the widgets on every run
        assert state(at).scenario_key() == state(at).scenario_key(read_scenario(path)), path.name


def test_a_wrong_scenario_file_is_refused_with_its_line(monkeypatch):
    at = start(monkeypatch)
    go(at, "scenario")
    from sw_optimiser.problems import InputError

    with pytest.raises(InputError) as info:
        parse_scenario("levers:\n  phase_out: misschien\n", "mijn.yaml")
    state(at).scenario_problems = info.value.problems  # what the uploader's callback stores
    _ok(at.run())
    assert at.error[0].value == "Het scenariobestand is niet geladen:"
    problems = problem_table(at)
    assert problems.iloc[0]["Rij"] == 2 and problems.iloc[0]["Blad"] == "mijn.yaml"


def test_assumptions_that_do_not_fit_the_model_are_shown(monkeypatch):
    at = start(monkeypatch)
    go(at, "scenario")
    at.number_input(key="sc.horizon").set_value(25).run()  # the subsidy path is shorter
    solve(at)
    go(at, "results")
    assert "passen niet" in at.error[0].value
    assert "subsidie ontbreekt" in tables_text(at)


def test_waterfall_on_demand(monkeypatch):
    at = start(monkeypatch)
    go(at, "scenario")
    for k in LEVERS:
        at.toggle(key=f"sc.lever.{k}").set_value(True)
    at.run()
    solve(at)
    go(at, "results")
    charts = len(at.get("vega_lite_chart"))
    at.button[[b.label for b in at.button].index("Waarde per hefboom berekenen")].click().run()
    deadline = time.time() + 60
    while state(at).busy() and time.time() < deadline:
        time.sleep(0.1)
        at.run()
    _ok(at.run())
    assert state(at).solved[state(at).current].waterfall is not None
    assert len(at.get("vega_lite_chart")) == charts + 1
    assert "Alle hefbomen" in tables_text(at)


# ----- Vergelijken, language ----------------------------------------------------------------------------
def test_compare_two_solved_scenarios(monkeypatch):
    at = start(monkeypatch)
    go(at, "compare")
    assert "minstens twee" in at.info[0].value
    go(at, "scenario")
    at.toggle(key="sc.lever.placement").set_value(True).run()
    solve(at)
    at.toggle(key="sc.lever.phase_out").set_value(True)
    at.text_input(key="sc.name").set_value("Afbouw").run()
    solve(at)
    go(at, "compare")
    kpis = at.dataframe[0].value
    assert list(kpis.columns) == ["Nulscenario", "Herplaatsing medewerkers", "Afbouw"]
    assert kpis.loc["Contante waarde bedrijfsresultaat", "Afbouw"].startswith(("€", "−€"))
    assert len(at.get("vega_lite_chart")) == 2


def test_language_switch_to_english(monkeypatch):
    at = start(monkeypatch)
    at.radio(key="lang").set_value("en").run()
    _ok(at)
    assert at.title[0].value == "Company"
    assert metric(at, "Municipal contribution").value.startswith("€")
    go(at, "scenario")
    assert at.toggle(key="sc.lever.phase_out").label == catalogue("en")["lever.phase_out"]
    assert at.button(key="solve").label == "Solve"


def test_every_text_has_a_dutch_and_an_english_version():
    used = set()
    for path in [ROOT / "app.py", *(ROOT / "sw_optimiser" / "explorer").glob("*.py")]:
        used |= set(re.findall(r"""["'](app\.[a-z_.]+[a-z_])["']""", path.read_text(encoding="utf-8")))
    nl, en = ({k for k in catalogue(lang) if k.startswith("app.")} for lang in ("nl", "en"))
    assert nl == en
    assert used <= nl, sorted(used - nl)


def test_the_site_plan_of_a_full_solve_can_be_held_and_searched_again(monkeypatch):
    """The two levels in the explorer (issue 21): a full solve's site plan is offered to hold; the held
    solve says so and gives the same plan (tiny: S2 goes in 2028, P2 to S1); a button solves in full."""
    at = start(monkeypatch)
    go(at, "scenario")
    at.toggle(key="sc.lever.placement").set_value(True).run()
    at.toggle(key="sc.lever.sites").set_value(True).run()
    assert not [b for b in at.selectbox if b.key == "sc.site_plan"]  # nothing to hold yet
    solve(at)
    full = state(at).solved[state(at).current]
    assert full.results.site_plan.close == {"S2": 2028} and not full.results.site_plan_given
    box = at.selectbox(key="sc.site_plan")
    assert box.options[0].startswith("Zoeken over alle locatieplannen")
    held = next(o for o in box.options if o.startswith("Vasthouden"))
    assert "(bewezen beste)" in held
    box.select(held).run()
    assert "Locatieplan 'Herplaatsing + hefboom 5': S2 dicht vanaf 2028; verhuist: P2 → S1" in \
        [c.value for c in at.caption]
    solve(at)
    again = state(at).solved[state(at).current]
    assert again.key != full.key and again.results.site_plan_given
    assert again.results.npv == pytest.approx(full.results.npv, abs=0.01)
    assert ", locatieplan vast" in shell_name(at, again)
    go(at, "results")
    assert any("Het locatieplan is gegeven" in w.value for w in at.warning)
    assert any(b.label == "Over alle locatieplannen doorrekenen" for b in at.button)


def shell_name(at: AppTest, solved) -> str:
    return state(at).label(solved.scenario, lambda key, **kw: catalogue("nl")[key].format(**kw))
