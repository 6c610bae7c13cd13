"""The review report of the tiny company (models/build_tiny.py): hand-checked figures, the advice
sentences generated from the plan's decisions, and the three formats.

The figures of the base year are those worked out by hand in tests/test_baseline.py:
result 680,000 - 200,000 - 2,590,000 + 1,920,000 - 415,000 - 300,000 - 270,000 = -1,175,000, so the
municipal contribution is 1,175,000; value added 680,000 / 80 SE = 8,500 per SE; result per SE
-14,687.50; wage cost 2,590,000 / 80 = 32,375 per SE against 24,000 subsidy: a gap of 8,375 per SE,
670,000 in total; baseline NPV 2026-2028 -3,556,725.83; contribution in 2028 1,364,985.76.

The plan under all levers (run the optimiser on models/tiny.xlsx to see it) winds P2 down (15 SE in 2025,
9 in 2026, 4.1 in 2027) and closes it in 2028, when the lease of its site S2 ends and S2 goes; the 10 %
of group A that may change workplace a year (4.5, 4.05, 3.65 SE) go to chain partner C1 (9, then 10 SE),
nobody is left without work. It raises P4's tariff from level 2 to 3 in 2026 (and lowers it again in
2028), hires one sales FTE for individual secondment and shrinks the supervisors with the work.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html as html_lib
import io
import re

import openpyxl
import pandas as pd
import pytest

from sw_optimiser.i18n import LANGS, catalogue
from sw_optimiser.report import FORMATS, assemble, build_report, compute, render
from sw_optimiser.report.columns import KINDS
from sw_optimiser.report.document import build_document
from sw_optimiser.scenario import ALL_LEVERS, LEVERS, SocialLimits

DATE = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def computed(tiny_model):
    return compute(tiny_model, ALL_LEVERS)


@pytest.fixture(scope="module")
def nl(computed):
    return assemble(computed, "nl", source="tiny.xlsx", created=DATE)


@pytest.fixture(scope="module")
def en(computed):
    return assemble(computed, "en", source="tiny.xlsx", created=DATE)


@pytest.fixture(scope="module")
def html_nl(nl):
    return render(nl, "html").decode("utf-8")


@pytest.fixture(scope="module")
def pdf_nl(nl):
    return render(nl, "pdf")


def plain(text: str) -> str:
    """Text as a reader sees it: tags gone, entities decoded, no-break spaces as spaces."""
    text = re.sub(r"<style>.*?</style>|<svg.*?</svg>", " ", text, flags=re.S)
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", text)).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text)


def squeeze(text: str) -> str:
    """Without any whitespace (a PDF breaks lines anywhere)."""
    return re.sub(r"\s+", "", text.replace("\u00a0", " "))


def pdf_text(content: bytes) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(content)
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


# ----- figures ----------------------------------------------------------------------------------------------
def test_base_year_figures_by_hand(nl):
    f = nl.figures
    assert f["result"] == pytest.approx(-1_175_000, abs=0.01)
    assert f["contribution"] == pytest.approx(1_175_000, abs=0.01)
    assert f["value_added_per_se"] == pytest.approx(8_500, abs=0.01)
    assert f["wage_per_se"] == pytest.approx(32_375, abs=0.01)
    assert f["gap_per_se"] == pytest.approx(8_375, abs=0.01)
    assert f["gap_total"] == pytest.approx(670_000, abs=0.01)
    assert f["npv_base"] == pytest.approx(-3_312_785.87, abs=0.01)  # policy-neutral baseline, test_baseline.py
    assert f["contribution_last_base"] == pytest.approx(1_231_280.65, abs=0.01)


def test_summary_states_the_problem_in_dutch_figures(nl):
    gap = nl.summary[1]
    for text in ("€ 24.000 per SE", "€ 32.375 per SE", "€ 8.375 per SE", "€ 670.000 in totaal", "€ 680.000",
                 "€ 8.500 per SE", "−€ 1.175.000 (−€ 14.688 per SE)", "gemeentelijke bijdrage € 1.175.000"):
        assert text in gap, text
    path = nl.summary[2]
    assert "€ 1.231.281 in 2028" in path and "−€ 3.312.786" in path and "€ 22.500 per SE" in path
    plan = nl.summary[3]
    assert f"van −€ 3.312.786 naar {nl.summary[3].split(' naar ')[1].split('.')[0]}" in plan
    assert nl.figures["npv_plan"] > nl.figures["npv_base"]


def test_summary_table_and_contribution_per_year(nl):
    s = nl.summary_table.frame.set_index("kpi")
    assert s.loc["Bedrijfsresultaat", "today"] == pytest.approx(-1_175_000, abs=0.01)
    assert s.loc["Gemeentelijke bijdrage", "baseline"] == pytest.approx(1_231_280.65, abs=0.01)
    c = nl.contribution_table.frame.set_index("year")
    assert c.loc[2025, "baseline"] == pytest.approx(1_175_000, abs=0.01)
    assert c.loc[2026, "baseline"] == pytest.approx(1_200_632.50, abs=0.01)  # test_baseline.py: result -1,200,632.50
    assert c.loc[2026, "plan"] < c.loc[2026, "baseline"]


def test_company_today(nl):
    tables = {t.key: t.frame for t in nl.today_tables}
    pmcs = tables["pmcs"].set_index("pmc")
    assert pmcs.loc["P2", "margin"] == pytest.approx(-290_291.67, abs=0.01)  # test_baseline.py
    assert pmcs.loc["P2", "direct_margin"] == pytest.approx(72_000 - 120_000 - 91_666.67, abs=0.01)
    groups = tables["groups"].set_index("group")
    assert groups.loc["A", "idle"] == pytest.approx(5) and groups.loc["B", "idle"] == pytest.approx(2)
    sites = tables["sites"].set_index("site")
    assert sites.loc["S1", "use"] == pytest.approx(0.5) and sites.loc["S2", "cost"] == pytest.approx(100_000)
    sup = tables["supervision"].set_index("type")
    assert sup.loc["W", "fte_needed"] == pytest.approx(4.5)  # 45 SE at 1:10
    kpis = nl.kpi_table.frame.set_index("kpi")
    assert kpis.loc["Bedrijfsresultaat per SE", "value"] == pytest.approx(-14_687.5)
    assert kpis.loc["Bedrijfsresultaat per SE", "assessment"] == "onder de bandbreedte"  # sector about -1,000
    assert kpis.loc["Aandeel SE buiten het bedrijf", "value"] == pytest.approx(10 / 80)


# ----- advice ---------------------------------------------------------------------------------------------
EXPECTED_NL = [
    "Sluit PMC P2 (Metaal) in 2028; eenmalige kosten € 40.000. In 2027 werkten er 4 SE.",  # whole people (issue 18)
    "Verhoog het tarief van P4 (Detachering) in 2026 van niveau 2 (€ 25,00 per uur) naar niveau 3 "
    "(€ 30,00 per uur); de vraag gaat van 12 naar 8 SE.",
    "Stoot locatie S2 (Werkplaats Zuid) af in 2028 (zonder afkoopkosten: de huur is afgelopen). "
    "P2 sluit en gaat dus niet mee.",
    "Plaats vanaf 2026 9 SE bij ketenpartner C1 (Zorggroep De Linde), oplopend tot 10 SE (2026–2028), "
    "tegen € 12.000 per deelnemer per jaar (capaciteit 10).",
]


def test_expected_advice_sentences(nl):
    texts = [a.text for a in nl.advice]
    for sentence in EXPECTED_NL:
        assert sentence in texts, sentence
    by_lever = {lever.lever: [a.text for a in lever.advice] for lever in nl.levers}
    assert by_lever["phase_out"] == [EXPECTED_NL[0]]
    assert by_lever["tariffs"][0] == EXPECTED_NL[1]
    assert by_lever["sites"] == [EXPECTED_NL[2]]
    assert by_lever["chain"] == [EXPECTED_NL[3]]
    [sales] = by_lever["acquisition"]
    assert sales.startswith("Zet extra acquisitie in voor individuele detachering: 1,0 fte in 2026")
    # W supervises P1 and P2: 26.4 SE in 2028 (P1 only, P2 closed), no longer "for 0 SE"
    assert by_lever["supervision"][0] == ("Bouw de formatie Werkleiders (W) af van 5,0 fte in 2025 naar "
                                          "4,0 fte in 2026 en 2,6 fte in 2028, voor dan 26,5 SE.")


def test_every_decision_of_the_plan_has_an_advice_sentence(computed, nl):
    kinds = {"close_pmc": {"close_pmc"}, "tariff": {"raise_tariff", "lower_tariff"}, "divest_site": {"divest_site"},
             "move_pmc": {"move_pmc", "divest_site"}, "reorganise": {"widen_span", "narrow_span"}}
    for ev in computed.plan.events.itertuples():
        if ev.kind == "move_people":  # the cost of the placement changes, not a decision of its own
            continue
        matches = [a for a in nl.advice if a.kind in kinds[ev.kind] and a.year == ev.year
                   and (a.subject == ev.subject or ev.subject in a.text)]
        assert matches, (ev.year, ev.kind, ev.subject)
    sales = computed.plan.sales
    for activity in sales[(sales.fte > 0) & (sales.year > 2025)].activity.unique():
        assert any(a.kind == "sales" and a.subject == activity for a in nl.advice)
    chain = computed.plan.chain
    for partner in chain[chain.se > 0].partner.unique():
        assert any(a.kind == "chain" and a.subject == partner for a in nl.advice)


def test_english_advice(en):
    texts = [a.text for a in en.advice]
    assert "Close PMC P2 (Metaal) in 2028; one-off cost €40,000. In 2027, 4 SE worked there." in texts
    assert ("Raise the tariff of P4 (Detachering) in 2026 from level 2 (€25.00 per hour) to level 3 "
            "(€30.00 per hour); demand goes from 12 to 8 SE.") in texts
    assert "Divest site S2 (Werkplaats Zuid) in 2028 (no break cost: the lease has ended). P2 closes and so does not move." in texts
    assert "−€1,175,000 (−€14,688 per SE)" in en.summary[1]
    assert en.title == "Review of Werkbedrijf Klein"


def test_move_and_reorganise_sentences():
    """Decisions the tiny plan does not take, on the small hand-made companies of the optimiser tests."""
    from cases import ISOLATED, elig, group, model, option, pmc, site, sup_type

    sites = model(groups=[group("A", 8), group("B", 15)],
                  pmcs=[pmc("P1", va=10_000, site="S1", move=20_000), pmc("P2", va=10_000, site="S2")],
                  eligibility=[elig("A", "P1", 8), elig("B", "P2", 15)],
                  sites=[site("S1", capacity=20, cost=100_000, divest=50_000), site("S2", capacity=30, cost=80_000)])
    alone = dataclasses.replace(ALL_LEVERS, social=ISOLATED)  # the lever cases' setting: moves not limited
    data = assemble(compute(sites, alone.with_levers(("sites",)), waterfall=False, sensitivity=False), "nl")
    assert [a.text for a in data.advice] == [
        "Stoot locatie S1 (locatie S1) af in 2026 (opbrengst € 50.000). Verhuis P1 naar S2 (locatie S2)."]
    # moving P1 costs 20,000 and selling S1 brings in 50,000: both named in the management summary
    assert "Eenmalig kost het € 20.000 en brengt het € 50.000 op." in data.management[0]
    supervised = model(groups=[group("A", 40, productivity=0.5)], pmcs=[pmc("P", va=20_000)],
                       eligibility=[elig("A", "P", 40)], supervision=[sup_type("W", cost=50_000, fte=4)],
                       options=[option("W", "1:10", 10, current=True), option("W", "1:20", 20, reorg=30_000)])
    data = assemble(compute(supervised, alone.with_levers(("supervision",)), waterfall=False,
                            sensitivity=False), "nl")
    assert [a.text for a in data.advice] == [
        "Verbreed de begeleidingsratio van begeleiding W (W) in 2026 van 1:10 naar 1:20; eenmalige "
        "reorganisatiekosten € 30.000.",
        "Bouw de formatie begeleiding W (W) af van 4,0 fte in 2025 naar 2,0 fte in 2026, voor dan 40 SE."]


# ----- levers, plan, sensitivity, assumptions ---------------------------------------------------------------
def test_one_section_per_lever_with_worth_social_impact_and_risks(nl, computed):
    assert [lever.lever for lever in nl.levers] == list(LEVERS)
    alone = dict(zip(computed.waterfall.alone.lever, computed.waterfall.alone.gain))
    for lever in nl.levers:
        # issue 18: the risks are those of the lever's own decisions (every lever decides in the tiny plan)
        assert lever.active and lever.findings and len(lever.risks) == 1 and lever.advice
        assert all(a.subject in lever.risks[0] or lever.lever in ("placement", "acquisition") for a in lever.advice)
        assert lever.gain_alone == pytest.approx(alone[lever.lever])
        assert lever.worth and lever.social
    phase_out = next(lv for lv in nl.levers if lv.lever == "phase_out")
    assert list(phase_out.tables[0].frame.pmc) == ["P1", "P2"]  # the two PMCs losing money after allocation
    assert any("4,1 SE, van wie 4,1 SE in beschut werk" in s for s in phase_out.social)  # P2 in 2027


def test_waterfall_adds_up(nl, computed):
    steps = nl.waterfall_table.frame
    assert steps.lever.iloc[0] == "Nulscenario" and steps.lever.iloc[-1] == "Plan: alle hefbomen van het scenario"
    assert steps.npv.iloc[0] == pytest.approx(computed.baseline.npv)
    assert steps.gain_step.iloc[1:-1].sum() == pytest.approx(steps.gain_step.iloc[-1])


def test_plan_over_the_years(nl, computed):
    tables = {t.key: t.frame for t in nl.plan_tables}
    assert len(tables["decisions"]) == len(nl.advice)
    path = tables["path"].set_index("item")
    assert path.loc["Bedrijfsresultaat (nulscenario)", 2025] == pytest.approx(-1_175_000, abs=0.01)
    assert path.loc["Bedrijfsresultaat (plan)", 2026] == pytest.approx(computed.plan.pnl.loc[2026, "operating_result"])
    people = tables["people"].set_index("item")
    assert people.loc["SE van werkplek gewisseld", 2026] == pytest.approx(computed.plan.pnl.loc[2026, "se_moved"])
    # closing P2 40,000 + moving people: A 4.5 + 4.05 + 3.645 SE and B 0.6 SE a year at 2,000 = 27,990
    assert nl.plan_text[1] == ("Eenmalig: € 67.990 aan kosten (sluiting, verhuizing, afkoop van huur, reorganisatie). "
                               "Het zwaarste jaar is 2028 (€ 48.490).")  # nothing is sold: no "€ 0 aan opbrengsten"


def test_sensitivity_compares_every_decision(nl, computed):
    sens = nl.sensitivity
    assert computed.sensitivity.changes.subsidy_extra_cut == 300 and computed.sensitivity.changes.demand == {"all": 0.9}
    assert computed.sensitivity.plan.npv < computed.plan.npv
    decisions = sens.decisions.frame
    compared = {a.text for a in nl.advice if a.kind not in ("grow_pmc", "shrink_pmc")}
    assert compared <= set(decisions.decision)
    assert sens.same + sens.shifted + sens.dropped == len(compared)
    assert "€ 300 per SE extra" in sens.text[0] and "10 % lager" in sens.text[0]


def test_assumptions_and_warnings(nl, computed):
    sources = next(t for t in nl.assumption_tables if t.key == "sources").frame.set_index("sheet")
    assert sources.loc["PMCs", "rows"] == 4 and sources.loc["Locaties", "rows"] == 2
    assert any("geen grootboekimport" in t for t in nl.assumptions_text)
    rules = next(t for t in nl.assumptions_text if t.startswith("Elk plan houdt zich aan"))
    assert "iedere Wsw-medewerker heeft elk jaar werk" in rules and "hooguit 10 % van elke werknemersgroep" in rules
    assert any("Disconteringsvoet 5,0 %" in t for t in nl.estimates)
    assert nl.warnings == []


def test_reconciliation_and_model_warnings(computed):
    recon = pd.DataFrame({"category": ["revenue", "result"], "label": ["Omzet", "Resultaat"],
                          "ledger_eur": [754_400.0, -1_175_000.0], "model_eur": [754_400.0, -1_175_000.0],
                          "difference_eur": [0.0, 0.0]})
    data = assemble(computed, "nl", reconciliation=recon, model_warnings=["Blad PMCs, rij 4: let op"])
    assert any("sluit aan op het model" in t for t in data.assumptions_text)
    assert any(t.key == "reconciliation" for t in data.assumption_tables)
    assert data.warnings == ["Blad PMCs, rij 4: let op"]
    recon.loc[0, "difference_eur"] = 12.5
    data = assemble(computed, "nl", reconciliation=recon)
    assert any("niet helemaal" in t and "€ 12,50" in t for t in data.assumptions_text)


def test_peer_comparison(computed):
    from sw_optimiser.benchmarking import read_peers

    peers = read_peers("models/peers.xlsx")
    data = assemble(computed, "nl", peers=peers)
    card = data.peers_table.frame.set_index("kpi")
    assert card.loc["Bedrijfsresultaat per SE", "value_text"] == "−€ 14.688"
    assert card.loc["Bedrijfsresultaat per SE", "rank"].endswith(f"/{len(peers) + 1}")
    assert data.peers_text and "referentiebedrijven" in data.peers_text[0]


def test_no_plan_is_reported_not_raised(tiny_model):
    impossible = dataclasses.replace(ALL_LEVERS.with_levers(("placement",)), social=SocialLimits(extra_sheltered_se=500))
    c = compute(tiny_model, impossible, waterfall=False, sensitivity=False)
    assert c.plan is None and c.plan_error
    data = assemble(c, "nl")
    assert data.alerts[0].startswith("Er is geen plan gevonden")
    assert all(not lever.advice for lever in data.levers)
    assert render(data, "pdf").startswith(b"%PDF")


# ----- formats ------------------------------------------------------------------------------------------------
def test_html_is_one_self_contained_file(html_nl, nl):
    assert html_nl.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html_nl
    assert "<style>" in html_nl and "<link" not in html_nl and "<script" not in html_nl
    assert not re.search(r'(src|href)="(https?:|//)', html_nl)
    # P&L path, PMC margins, site use, waterfall; issue 18: contribution, SE by placement, supervision FTE, tornado
    assert html_nl.count("<svg") == 8
    text = plain(html_nl)
    assert "−€ 1.175.000" in text and "Pagina" not in text
    for sentence in EXPECTED_NL:
        assert sentence in text, sentence
    for n, title in enumerate(("Samenvatting", "Het bedrijf vandaag", "De hefbomen", "Het plan over de jaren",
                               "Gevoeligheid", "Aannames en gegevens"), start=1):
        assert f"{n} {title}" in text


def test_pdf_has_the_figures_the_advice_page_numbers_and_contents(pdf_nl):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf_nl)
    assert len(doc) >= 10
    assert doc[0].get_size() == pytest.approx((595.28, 841.89), abs=0.5)  # A4 in points
    text = pdf_text(pdf_nl)
    flat = squeeze(text)
    assert squeeze("−€ 1.175.000") in flat and squeeze("gemeentelijke bijdrage € 1.175.000") in flat
    for sentence in EXPECTED_NL:
        assert squeeze(sentence) in flat, sentence
    assert f"Pagina 1 van {len(doc)}" in text and f"Pagina {len(doc)} van {len(doc)}" in text
    toc = [item.get_title() for item in doc.get_toc()]
    assert toc[:3] == ["1 Samenvatting", "2 Het bedrijf vandaag", "3 De hefbomen"]
    assert "3.2 Afbouw verliesgevende PMC's" in toc  # issue 18: no double numbering and toc[-1] == "6 Aannames en gegevens"
    assert "Inhoud" in doc[1].get_textpage().get_text_range()


def test_pdf_first_page_is_not_blank(pdf_nl):
    import pypdfium2 as pdfium

    image = pdfium.PdfDocument(pdf_nl)[0].render(scale=1).to_pil().convert("L")
    dark = sum(image.histogram()[:200])  # pixels darker than light grey
    assert dark > 0.005 * image.width * image.height


def test_xlsx_holds_the_tables_as_numbers(nl):
    wb = openpyxl.load_workbook(io.BytesIO(render(nl, "xlsx")))
    assert {"Samenvatting", "Advies", "Kerncijfers", "PMC's", "Waterval", "Resultaat plan"} <= set(wb.sheetnames)
    ws = wb["Kerncijfers"]
    assert ws.cell(3, 1).value == "Kengetal" and ws.cell(4, 1).value == "Bedrijfsresultaat"
    assert ws.cell(4, 2).value == pytest.approx(-1_175_000, abs=0.01) and ws.cell(4, 2).number_format == "#,##0"
    advice = [row[2] for row in wb["Advies"].iter_rows(min_row=2, values_only=True)]
    for sentence in EXPECTED_NL:
        assert sentence in advice


def test_build_report_gives_bytes_and_reuses_results(tiny_model, computed):
    kw = dict(plan=computed.plan, baseline=computed.baseline, waterfall_result=computed.waterfall, sensitivity=False)
    assert build_report(tiny_model, ALL_LEVERS, fmt="pdf", **kw).startswith(b"%PDF")
    html = build_report(tiny_model, ALL_LEVERS, fmt="html", lang="en", **kw).decode("utf-8")
    assert "Review of Werkbedrijf Klein" in html and "−€1,175,000" in plain(html)
    assert build_report(tiny_model, ALL_LEVERS, fmt="xlsx", **kw)[:2] == b"PK"
    with pytest.raises(ValueError):
        build_report(tiny_model, ALL_LEVERS, fmt="docx", **kw)
    assert FORMATS == ("pdf", "html", "xlsx")


def test_the_document_is_the_same_for_html_and_pdf(nl):
    doc = build_document(nl)
    assert [s.number for s in doc.sections][:3] == ["1", "2", "3"]
    assert sum(1 for s in doc.sections if s.id.startswith("lever-")) == len(LEVERS)


# ----- the command -----------------------------------------------------------------------------------------------
def test_report_command(tmp_path, capsys):
    from sw_optimiser.cli import main

    out = tmp_path / "klein.html"
    rc = main(["report", "models/tiny.xlsx", "--out", str(out), "--no-waterfall", "--no-sensitivity", "--lang", "en"])
    assert rc == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Written" in capsys.readouterr().out
    assert main(["report", "models/tiny.xlsx", "--out", str(out), "--no-waterfall"]) == 2  # exists
    assert main(["report", "models/tiny.xlsx", "--out", str(tmp_path / "r.docx")]) == 2


# ----- catalogue ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_keys_built_from_names_exist(lang, nl):
    cat = catalogue(lang)
    keys = [f"rcol.{k}" for k in KINDS] + [f"risk.{k}" for k in LEVERS] + [f"report.none_{k}" for k in LEVERS]
    keys += [f"rsheet.{t.key}" for t in nl.tables() + nl.appendix] + ["rsheet.reconciliation", "rsheet.kernkaart"]
    keys += [f"report.pos_{p}" for p in ("below", "within", "above")] + [f"report.own_{o}" for o in ("owned", "leased")]
    keys += [f"report.sens_{s}" for s in ("same", "shifted", "dropped", "added")]
    assert [k for k in keys if k not in cat] == []
    sheet_names = [cat[k] for k in cat if k.startswith("rsheet.")]
    assert all(len(name) <= 31 for name in sheet_names)


def test_every_key_the_report_uses_exists_in_both_languages():
    """Every catalogue key written as a constant in sw_optimiser/report (say.t("..."), self.t("..."), t("..."))."""
    import ast
    from pathlib import Path

    used = set()
    for path in (Path(__file__).resolve().parents[1] / "sw_optimiser" / "report").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "t":
                for arg in node.args[:1]:
                    options = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
                    used |= {a.value for a in options if isinstance(a, ast.Constant) and isinstance(a.value, str)
                             and re.fullmatch(r"[a-z_]+\.[a-z_]+", a.value)}
    assert len(used) > 150
    for lang in LANGS:
        assert sorted(k for k in used if k not in catalogue(lang)) == []
