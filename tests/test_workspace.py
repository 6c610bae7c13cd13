"""The workspace database (explorer/store.py, serial.py, workspace.py): what is kept reads back the
same, each workspace sees only its own scenarios, and the migrations build the schema the code uses.
Every store test runs on SQLite and on a real PostgreSQL server (skipped with a reason where none is
installed)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets

import pandas as pd
import pytest
import sqlalchemy as sa

from sw_optimiser.explorer import serial, workspace
from sw_optimiser.explorer.jobs import Solved
from sw_optimiser.explorer.store import Store, meta
from sw_optimiser.i18n import Amount, Message
from sw_optimiser.optimiser import Optimiser
from sw_optimiser.plan import Plan
from sw_optimiser.problems import Problem
from sw_optimiser.results import Results
from sw_optimiser.scenario import ALL_LEVERS, Scenario, parse_scenario


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path) -> Store:
    if request.param == "sqlite":
        return Store(f"sqlite:///{tmp_path / 'workspace.sqlite'}")
    return Store(request.getfixturevalue("postgresql_url"))


def ws() -> str:
    return secrets.token_urlsafe(18)


def small_results() -> Results:
    """Two years, one PMC, one decision: small enough to read every number."""
    pnl = pd.DataFrame({"revenue": [100.0, 110.5], "operating_result": [-20.0, -12.25],
                        "se_moved": [0.0, 1.5]}, index=pd.Index([2025, 2026], name="year"))
    pmcs = pd.DataFrame({"year": [2025, 2026], "pmc": ["P1", "P1"], "open": [True, False], "se": [4.0, 0.0]})
    empty = pd.DataFrame({"year": pd.Series([], dtype="int64")})
    plan = Plan(placement={("A", "P1", 2025): 4.0}, pmc_open={("P1", 2025): True, ("P1", 2026): False})
    return Results(company="Klein", plan=plan, pnl=pnl, pmcs=pmcs, sites=empty, supervision=empty, sales=empty,
                   chain=empty, groups=empty, events=empty, npv=-31.0, scenario="s", status="time_limit",
                   gap=0.0578, solve_seconds=1.25,
                   warnings=[Message("app.workspace.kept", {"n": Amount(3.0, "eur")})])


def test_a_small_result_reads_back_number_for_number():
    figures, texts = serial.results_data(small_results())
    back = serial.results_of(figures, texts)
    assert list(back.pnl.index) == [2025, 2026] and back.pnl.index.name == "year"
    assert back.pnl.loc[2026, "revenue"] == 110.5 and back.pnl.loc[2026, "operating_result"] == -12.25
    assert back.pmcs.open.tolist() == [True, False] and back.pmcs.open.dtype == bool
    assert back.npv == -31.0 and back.status == "time_limit" and back.gap == 0.0578
    assert back.plan.placement == {("A", "P1", 2025): 4.0}
    assert back.plan.pmc_open == {("P1", 2025): True, ("P1", 2026): False}
    assert back.warnings[0].params["n"] == Amount(3.0, "eur")
    assert back.marginal_values is None
    assert "pickle" not in str(texts)  # plain tables: JSON of columns and rows
    assert texts["pmcs"].startswith('{"columns": ["year", "pmc", "open", "se"]')


@pytest.fixture(scope="module")
def tiny_solved(tiny_model) -> Results:
    return Optimiser(tiny_model).solve(ALL_LEVERS, marginal_values=True)


def test_a_solved_plan_reads_back_to_the_same_bits(tiny_solved):
    back = serial.results_of(*serial.results_data(tiny_solved))
    for name in (*serial.FRAMES, "marginal_values"):
        pd.testing.assert_frame_equal(getattr(back, name), getattr(tiny_solved, name), check_exact=True)
    assert back.plan == tiny_solved.plan and back.npv == tiny_solved.npv


def test_the_migrations_build_the_schema_the_code_uses(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), meta) == []
    Store(store.url)  # opening again: already at the newest version, nothing to do


def _add(store: Store, key: str, name: str = "Alle hefbomen", **kw) -> int:
    res = small_results()
    base = dataclasses.replace(res, status="baseline", gap=None, npv=-50.0)
    return store.add(key, key="abc", name=name, model_key="m1", model_name="tiny.xlsx",
                     scenario=Scenario(name=name).to_yaml(), seconds=2.5, status="time_limit", gap=0.0578,
                     said=[], plan=res, baseline=base, **kw)


def test_kept_scenarios_read_back_with_name_results_waterfall_and_reports(store):
    key = ws()
    sid = _add(store, key)
    steps = pd.DataFrame({"step": [0, 1], "lever": ["baseline", "placement"], "npv": [-50.0, -31.0],
                          "gain": [0.0, 19.0]})
    alone = pd.DataFrame({"lever": ["placement"], "npv": [-31.0], "gain": [19.0]})
    store.set_waterfall(key, sid, steps, alone, 4.5, {("placement",): small_results()})
    store.add_report(key, sid, "pdf", "nl", b"%PDF-1 small")
    [row] = store.rows(key)
    assert (row.name, row.status, row.gap, row.seconds, row.model_name) == ("Alle hefbomen", "time_limit", 0.0578,
                                                                           2.5, "tiny.xlsx")
    kept = store.load(key, sid)
    assert kept.plan.npv == -31.0 and kept.baseline.npv == -50.0
    w_steps, w_alone, seconds, results = kept.waterfall
    assert w_steps.gain.tolist() == [0.0, 19.0] and seconds == 4.5
    assert results[("placement",)].pnl.loc[2026, "revenue"] == 110.5
    assert kept.reports == {("pdf", "nl"): b"%PDF-1 small"}
    assert parse_scenario(row.scenario).name == "Alle hefbomen"


def test_rename_and_delete_and_nothing_left_behind(store):
    key = ws()
    sid = _add(store, key)
    store.rename(key, sid, "Mijn plan")
    assert [r.name for r in store.rows(key)] == ["Mijn plan"]
    store.delete(key, sid)
    assert store.rows(key) == []
    with store.engine.connect() as conn:  # its results and their tables went with it
        from sw_optimiser.explorer.store import frames, results
        assert conn.execute(sa.select(results).where(results.c.scenario_id == sid)).first() is None
        assert conn.execute(sa.select(sa.func.count()).select_from(frames).where(
            frames.c.results_id.notin_(sa.select(results.c.id)))).scalar() == 0


def test_one_workspace_never_sees_or_changes_anothers(store):
    mine, theirs = ws(), ws()
    sid = _add(store, mine)
    assert store.rows(theirs) == [] and store.load(theirs, sid) is None
    store.rename(theirs, sid, "overgenomen")
    store.delete(theirs, sid)
    store.add_report(theirs, sid, "pdf", "nl", b"x")
    [row] = store.rows(mine)
    assert row.name == "Alle hefbomen" and store.load(mine, sid).reports == {}


def test_why_there_is_no_plan_is_kept_in_its_words(store):
    key = ws()
    why = [Message("optimiser.infeasible.budget", {"budget": Amount(750_000.0, "eur")}),
           Problem("pmcs", 5, "max_volume", "value.not_number", {"value": "twintig"})]
    sid = store.add(key, key="k", name="", model_key="m", model_name="tiny.xlsx", scenario=Scenario(name="").to_yaml(),
                    seconds=0.5, status="infeasible", gap=None, said=why, plan=None, baseline=None)
    kept = store.load(key, sid)
    assert kept.plan is None and kept.row.said == why


def test_restore_gives_the_explorer_its_solved_scenarios(store, tiny_solved):
    key = ws()
    scenario = dataclasses.replace(ALL_LEVERS, name="")
    solved = Solved("k1", "", scenario, "m1", results=tiny_solved, baseline=tiny_solved, seconds=1.5)
    when = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.timezone.utc)
    sid = workspace.save(store, key, solved, workspace.Provenance("tiny.xlsx", when))
    [(k, (got_sid, back, about))] = workspace.restore(store, key).items()
    assert (k, got_sid, back.model_key, back.seconds) == ("k1", sid, "m1", 1.5)
    assert about.model_name == "tiny.xlsx" and about.solved_at == when
    assert back.scenario.active_levers == ALL_LEVERS.active_levers and back.scenario.name == ""
    assert back.results.npv == tiny_solved.npv and back.marginal_values_done


# ----- the explorer keeps its work (AppTest: a reload is a new session with the same address) ---------
def _explorer(monkeypatch, key: str | None):
    from tests.test_app import APP, ROOT, _ok
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("SW_EXPLORER_MODEL", str(ROOT / "models" / "tiny.xlsx"))
    at = AppTest.from_file(APP, default_timeout=60)
    if key:
        at.query_params["ws"] = key
    return _ok(at.run())


def _solve_two(at, second_name: str = ""):
    """Solve reallocation alone, then (named `second_name`) reallocation with lever 1."""
    from tests.test_app import go, solve

    go(at, "scenario")
    at.toggle(key="sc.lever.placement").set_value(True).run()
    solve(at)
    if second_name:
        at.text_input(key="sc.name").set_value(second_name).run()
    at.toggle(key="sc.lever.phase_out").set_value(True).run()
    return solve(at)


def test_a_reload_keeps_the_solved_scenarios_and_another_workspace_does_not_see_them(monkeypatch):
    from tests.test_app import go, state

    key = ws()
    at = _solve_two(_explorer(monkeypatch, key), "Mijn plan")
    first = {k: s.results.npv for k, s in state(at).solved.items()}
    workspace.flush()  # kept in the background, in order
    assert len(first) == 2 and len(state(at).stored) == 2

    again = _explorer(monkeypatch, key)  # F5: a new session on the same address
    kept = state(again).solved
    assert {k: s.results.npv for k, s in kept.items()} == first
    assert [s.scenario.name for s in kept.values()] == ["", "Mijn plan"]
    go(again, "results")
    assert again.selectbox[0].options == ["Herplaatsing medewerkers", "Mijn plan"]

    other = _explorer(monkeypatch, ws())
    assert state(other).solved == {}
    fresh = _explorer(monkeypatch, None)  # no key in the address: a new workspace, put into the address
    assert state(fresh).solved == {} and len(fresh.query_params["ws"]) >= 16


def test_a_loaded_scenario_changed_before_solving_is_named_after_its_levers(monkeypatch):
    from tests.test_app import ROOT, go, solve, state

    at = _explorer(monkeypatch, ws())
    go(at, "scenario")
    at.selectbox(key="sc.bundled").set_value(ROOT / "scenarios" / "placement.yaml")
    at.button[[b.label for b in at.button].index("Scenario laden")].click().run()
    solve(at)  # as loaded: the file's name
    at.toggle(key="sc.lever.phase_out").set_value(True).run()
    solve(at)  # changed: named after what it is
    from sw_optimiser.explorer.state import label_text

    names = [state(at).label(s.scenario, label_text("nl")) for s in state(at).solved.values()]
    assert names == ["placement", "Herplaatsing + hefboom 1"]


def test_library_renames_duplicates_downloads_and_deletes(monkeypatch):
    from tests.test_app import _ok, state

    key = ws()
    at = _solve_two(_explorer(monkeypatch, key))
    _ok(at.switch_page("sw_optimiser/explorer/library.py").run())
    table = at.dataframe[0].value
    assert table["Naam"].tolist() == ["Herplaatsing medewerkers", "Herplaatsing + hefboom 1"]
    assert table["Hefbomen"].tolist() == [1, 2]
    assert table["Instellingen"].iloc[0] == "max 1 min, stoppen bij 0,5 % gap"  # 60 s, gap 0.005
    assert set(table["Status"]) == {"optimaal"} and table["Huidig bedrijf"].tolist() == ["✓", "✓"]
    first, second = list(state(at).solved)
    at.selectbox(key="lib.pick").set_value(first).run()
    at.text_input(key=f"lib.name.{first}").set_value("Alleen herplaatsen").run()
    _ok(at.button(key=f"lib.ren.{first}").click().run())
    assert at.dataframe[0].value["Naam"].tolist() == ["Alleen herplaatsen", "Herplaatsing + hefboom 1"]
    at.selectbox(key="lib.pick").set_value(second).run()
    _ok(at.button(key=f"lib.del.{second}").click().run())
    assert list(state(at).solved) == [first]
    _ok(at.button(key=f"lib.dup.{first}").click().run())
    assert state(at).scenario.name == "Alleen herplaatsen (kopie)"
    assert state(at).scenario.active_levers == ("placement",)

    again = _explorer(monkeypatch, key)  # what the library did is kept
    assert [s.scenario.name for s in state(again).solved.values()] == ["Alleen herplaatsen"]


def test_a_reload_opens_the_company_the_workspace_worked_on(monkeypatch, workbooks, tiny_model):
    from tests.test_app import _edit, _ok, go, solve, state

    key = ws()
    at = _explorer(monkeypatch, key)
    renamed = tiny_model.replace(company=tiny_model.company.__class__(
        **{**tiny_model.company.__dict__, "name": "Werkbedrijf Upload"}))
    state(at).pending_upload = ("eigen.xlsx", workbooks.write(renamed).read_bytes())
    _ok(at.run())
    go(at, "scenario")
    at.toggle(key="sc.lever.placement").set_value(True).run()
    solve(at)
    uploaded_key = state(at).model_key

    again = _explorer(monkeypatch, key)  # F5: the uploaded company, with its scenario on the results page
    assert state(again).model.company.name == "Werkbedrijf Upload" and state(again).model_name == "eigen.xlsx"
    assert state(again).model_key == uploaded_key and len(state(again).of_model()) == 1

    go(again, "company")  # an edit is a new version of the company, kept as a workbook of its own
    _edit(again, "company", {0: {"Naam": "Werkbedrijf Bewerkt"}})
    again.button[[b.label for b in again.button].index("Wijzigingen toepassen")].click().run()
    assert state(again).model.company.name == "Werkbedrijf Bewerkt"
    third = _explorer(monkeypatch, key)
    assert state(third).model.company.name == "Werkbedrijf Bewerkt" and state(third).of_model() == []
    _ok(third.switch_page("sw_optimiser/explorer/library.py").run())  # the scenario of the upload: open it
    _ok(third.button(key=f"lib.company.{next(iter(state(third).solved))}").click().run())
    assert state(third).model_key == uploaded_key and len(state(third).of_model()) == 1
    assert state(_explorer(monkeypatch, ws())).model.company.name != "Werkbedrijf Upload"  # not in another's


def test_the_migrations_carry_a_first_version_database_forward(tmp_path):
    from alembic import command
    from alembic.config import Config

    from sw_optimiser.explorer.store import MIGRATIONS

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = sa.create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")  # a workspace made before companies were kept
    old = Store.__new__(Store)
    old.url, old.engine = url, engine
    key = ws()
    _add(old, key)
    store = Store(url)  # opening it brings it to the newest version
    assert [r.name for r in store.rows(key)] == ["Alle hefbomen"]
    store.use_company(key, "m1", "tiny.xlsx", b"PK")
    assert store.company(key) == ("m1", "tiny.xlsx", b"PK")


def test_a_name_made_from_levers_says_the_social_limits_too():
    from sw_optimiser.explorer.state import Explorer, label_text
    from sw_optimiser.scenario import SocialLimits

    limits = SocialLimits(max_move_share=0.1, one_off_budget=750_000.0)
    scenario = dataclasses.replace(ALL_LEVERS, name="", social=limits)
    assert Explorer().label(scenario, label_text("nl")) == "Alle hefbomen, max 10 % wisselen, eenmalig max € 750.000 per jaar"
    assert Explorer().label(dataclasses.replace(scenario, social=SocialLimits()), label_text("nl")) == "Alle hefbomen"
