"""The explorer's ledger import, benchmark and report pages with AppTest (tiny company, no browser)."""

from __future__ import annotations

import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from ledger_gen import CompanySpec, generate_ledger

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
TINY_2025 = {"revenue": 754_400, "material": 74_400, "pmc_fixed_costs": 200_000, "wages_wsw": 2_590_000,
             "subsidy": 1_920_000, "supervision": 415_000, "site_costs": 300_000, "overhead": 270_000,
             "acquisition": 0, "chain_revenue": 0, "one_off": 0}
SPEC = CompanySpec(pmcs=("P1", "P2", "P3", "P4"), sites=("S1", "S2"), totals=TINY_2025, year=2025)


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def start(monkeypatch, page: str) -> AppTest:
    monkeypatch.setenv("SW_EXPLORER_MODEL", str(ROOT / "models" / "tiny.xlsx"))
    at = _ok(AppTest.from_file(APP, default_timeout=60).run())
    return _ok(at.switch_page(f"sw_optimiser/explorer/{page}.py").run())


def state(at: AppTest):
    return at.session_state["explorer"]


def frame(at: AppTest, heading: str):
    return next(df.value for df in at.dataframe if heading in df.value.columns)


def wait(at: AppTest) -> AppTest:
    deadline = time.time() + 60
    while state(at).busy() and time.time() < deadline:
        time.sleep(0.05)
        at.run()
    assert not state(at).busy()
    return _ok(at.run())


# ----- Grootboek importeren ---------------------------------------------------------------------------
def test_a_ledger_of_the_base_year_reconciles_to_zero_with_the_company_in_use(monkeypatch, tmp_path):
    at = start(monkeypatch, "ledger_import")
    assert "Nog geen grootboek" in at.info[0].value
    ledger = generate_ledger(300, SPEC, seed=7)
    path = ledger.write_csv(tmp_path / "grootboek.csv")
    state(at).ledger_upload = ("grootboek.csv", path.read_bytes())  # what the uploader's callback does
    state(at).ledger_mapping = ledger.mapping()  # as if the mapping table was read in
    _ok(at.run())
    assert at.title[0].value == "Grootboek importeren"
    assert any("sluit tot op de cent aan" in s.value for s in at.success)
    recon = frame(at, "Verschil (€)")
    assert (recon["Verschil (€)"] == 0).all()
    assert recon["Grootboek (€)"].iloc[0] == 754_400  # revenue
    assert (state(at).reconciliation[1]["difference_cents"] == 0).all()  # what the report gets
    assert len(at.data_editor) == 3  # accounts, cost centres, cost units
    centres = at.data_editor[1].value
    assert dict(zip(centres["code"], centres["target"])) == {"KP01": "S1", "KP02": "S2"}
    assert len(at.get("download_button")) == 2


def test_proposals_are_marked_and_a_changed_category_changes_the_reconciliation(monkeypatch, tmp_path):
    at = start(monkeypatch, "ledger_import")
    path = generate_ledger(300, SPEC, seed=7).write_csv(tmp_path / "grootboek.csv")
    state(at).ledger_upload = ("grootboek.csv", path.read_bytes())
    _ok(at.run())  # no mapping: proposals from names and numbers
    accounts = at.data_editor[0].value
    assert set(accounts["status"].dropna()) == {"voorstel"}
    # issue 19 item 4 changed this on purpose: 'Te betalen lonen' (1700) was proposed as Wsw wages (wages
    # -€3.7M, reconciliation €40M off); by its number it is balance sheet now, so the proposals reconcile
    assert accounts.set_index("account").loc["1700", "category"] == "ignore"
    assert any("sluit tot op de cent aan" in s.value for s in at.success)
    n = int(accounts["status"].eq("voorstel").sum())
    assert any(f"waarin {n} rekeningen nog een voorstel zijn" in c.value for c in at.caption)  # the P&L says so
    key = f"imp.accounts.{state(at).ledger_rev}.2025.nl"  # what the data editor sends (AppTest cannot type)
    at.session_state[key] = {"edited_rows": {3: {"category": "wages_wsw", "status": "bevestigd"}},
                             "added_rows": [], "deleted_rows": []}
    _ok(at.run())
    assert not at.success  # a changed category changes the reconciliation


def test_an_audit_file_shows_its_control_totals_and_lets_projects_be_the_pmc(monkeypatch, tmp_path):
    from test_ledger_fiscal import auditfile

    path = auditfile(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "<amntTp>C</amntTp></trLine>", "<amntTp>C</amntTp><projID>P7</projID></trLine>", 1)
    at = start(monkeypatch, "ledger_import")
    state(at).ledger_upload = ("audit.xaf", text.encode("utf-8"))
    _ok(at.run())
    controls = frame(at, "Volgens bestand")
    assert controls.iloc[2].tolist() == ["Regels", "4", "4", "ja"]  # linesCount stated 4, read 4
    assert "XAF 3.2, software Boekhoud 7, bedrijf Werkbedrijf" in " ".join(c.value for c in at.caption)
    assert [b.label for b in at.selectbox][:2] == ["PMC volgens", "Locatie volgens"]
    at.selectbox[0].set_value("project")
    _ok(at.run())
    units = at.data_editor[-1].value  # the cost-unit table now lists the project (no cost centres here)
    assert units["code"].tolist() == ["P7"]


def test_a_ledger_with_errors_shows_every_problem_with_its_line(monkeypatch):
    at = start(monkeypatch, "ledger_import")
    bad = ("Datum;Rekening;Omschrijving;Bedrag\r\n01-02-2025;8000;Factuur;-100,00\r\n"
           "31-02-2025;1300;Factuur;100,00\r\n03-02-2025;8000;Factuur;twintig\r\n")
    state(at).ledger_upload = ("fout.csv", bad.encode("cp1252"))
    _ok(at.run())
    problems = frame(at, "Melding")
    assert list(problems.columns) == ["Ernst", "Bestand", "Regel", "Veld", "Melding"]
    assert {3, 4} <= set(problems["Regel"].dropna())  # the impossible date and the amount that is no number
    assert "fout" in set(problems["Ernst"]) and set(problems["Bestand"]) == {"fout.csv"}


# ----- Benchmark -------------------------------------------------------------------------------------
def test_benchmark_shows_the_company_on_the_kernkaart_and_its_dea_efficiency(monkeypatch):
    at = start(monkeypatch, "benchmark")
    assert at.title[0].value == "Benchmark"
    card = frame(at, "Kwartiel").set_index("KPI")
    assert card.loc["Toegevoegde waarde per SE", "Waarde"] == "€ 8.500"  # 680,000 / 80 SE in 2025
    assert len(at.get("vega_lite_chart")) == 7  # a chart per KPI
    dea = frame(at, "Superefficiëntie")
    name = state(at).model.company.name
    assert len(dea) == 31 and name in set(dea["Naam"])  # the 30 peers and the company
    assert 0 < dea.set_index("Naam").loc[name, "Efficiëntie"] <= 1
    assert any(m.label == "Efficiëntie" for m in at.metric)
    assert "Doel" in frame(at, "Doel").columns  # the targets
    at.radio(key="bm.model").set_value("vrs").run()
    _ok(at)
    at.multiselect(key="bm.outputs").set_value([]).run()
    assert "minstens één input" in _ok(at).info[0].value


# ----- Report --------------------------------------------------------------------------------------------
def test_the_report_of_a_solved_scenario_is_made_in_the_background(monkeypatch):
    at = start(monkeypatch, "scenario")
    at.toggle(key="sc.lever.placement").set_value(True).run()
    at.button(key="solve").click().run()
    wait(at)
    _ok(at.switch_page("sw_optimiser/explorer/results.py").run())
    at.button(key="report.pdf").click().run()
    wait(at)
    solved = state(at).solved[state(at).current]
    pdf = solved.reports[("pdf", "nl")]
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF") and len(pdf) > 1000
    assert any(b.label == "Rapport (PDF) downloaden" for b in at.get("download_button"))
    # the benchmark page now also offers the plan: today, and the plan year without and with it
    _ok(at.switch_page("sw_optimiser/explorer/benchmark.py").run())
    at.selectbox(key="bm.moment").set_value(solved.key).run()
    before_after = _ok(at).dataframe[-1].value  # the last table on the page
    last = int(solved.results.pnl.index[-1])
    assert list(before_after.index) == ["Vandaag (2025)", f"Zonder ingrijpen ({last})", f"Met plan ({last})"]
    assert "Efficiëntie" in before_after.columns


def test_the_new_pages_in_english(monkeypatch, tmp_path):
    monkeypatch.setenv("SW_EXPLORER_MODEL", str(ROOT / "models" / "tiny.xlsx"))
    at = _ok(AppTest.from_file(APP, default_timeout=60).run())
    at.radio(key="lang").set_value("en").run()
    _ok(at.switch_page("sw_optimiser/explorer/benchmark.py").run())
    assert at.title[0].value == "Benchmark"
    assert "Value added per SE" in frame(at, "Quartile")["KPI"].to_list()
    _ok(at.switch_page("sw_optimiser/explorer/ledger_import.py").run())
    ledger = generate_ledger(200, SPEC, seed=1)
    state(at).ledger_upload = ("ledger.csv", ledger.write_csv(tmp_path / "ledger.csv").read_bytes())
    _ok(at.run())
    assert at.title[0].value == "Import ledger"
    assert "Difference (€)" in frame(at, "Difference (€)").columns
