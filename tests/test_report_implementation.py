"""Issue 18 item 3: the implementation roadmap, the social plan and the municipal contribution per owner
municipality, each on a plan written by hand (no solver: `evaluate` prices it as it prices every plan), small
enough to check with a pencil. The numbers are in the comments."""

from __future__ import annotations

import dataclasses

import pytest
from cases import elig, group, model, pmc, site, tariff

from sw_optimiser.evaluate import evaluate
from sw_optimiser.plan import baseline_plan
from sw_optimiser.report import Computed, assemble
from sw_optimiser.report.municipalities import by_municipality
from sw_optimiser.report.roadmap import roadmap
from sw_optimiser.report.social_plan import IDLE, group_moves
from sw_optimiser.scenario import ALL_LEVERS
from sw_optimiser.schema import Municipality


def _report(m, plan, lang="nl"):
    base = evaluate(m, baseline_plan(m))
    return assemble(Computed(model=m, scenario=ALL_LEVERS, changed=m, baseline=base,
                             plan=evaluate(m, plan, scenario="hand", status="optimal", gap=0.0)), lang)


def _place(plan, year, **se):
    """Set the placements of `year`: _place(plan, 2026, A_P1=5) puts 5 SE of group A in P1."""
    for key in [k for k in plan.placement if k[2] == year]:
        del plan.placement[key]
    for name, value in se.items():
        g, p = name.split("_")
        plan.placement[(g, p, year)] = float(value)


# ----- social plan --------------------------------------------------------------------------------------------
def _social_case():
    # A: 10 SE, 10 % outflow, all in P1 today; B: 4 SE, 2 in P3 and 2 without work today.
    m = model(groups=[group("A", 10, outflow=0.1), group("B", 4)], pmcs=[pmc("P1", va=1_000), pmc("P2", va=1_000), pmc("P3", va=1_000)],
              eligibility=[elig("A", "P1", 10), elig("A", "P2"), elig("A", "P3"), elig("B", "P3", 2)])
    plan = baseline_plan(m)
    # 2026: A has 9 SE; P1 keeps 5 of its 9: 4 leave, 3 join P2 and 1 joins P3. B: the 2 without work join P3.
    _place(plan, 2026, A_P1=5, A_P2=3, A_P3=1, B_P3=4)
    return m, plan


def test_moves_per_group_pair_the_largest_first():
    m, plan = _social_case()
    moves = group_moves(m, plan)
    assert moves.to_dict("records") == [
        {"year": 2026, "group": "A", "source": "P1", "target": "P2", "se": pytest.approx(3.0)},
        {"year": 2026, "group": "A", "source": "P1", "target": "P3", "se": pytest.approx(1.0)},
        {"year": 2026, "group": "B", "source": IDLE, "target": "P3", "se": pytest.approx(2.0)}]
    # two sources, two targets: P1 -3, P2 -1 leave; P3 +2.5, P4 +1.5 join. Largest first: P1 -> P3 2.5,
    # P1 -> P4 0.5 (what P1 has left), P2 -> P4 1.0.
    m = model(groups=[group("C", 10)], pmcs=[pmc(p, va=1_000) for p in ("P1", "P2", "P3", "P4")],
              eligibility=[elig("C", "P1", 5), elig("C", "P2", 5), elig("C", "P3"), elig("C", "P4")])
    plan = baseline_plan(m)
    _place(plan, 2026, C_P1=2, C_P2=4, C_P3=2.5, C_P4=1.5)
    assert [(r.source, r.target, round(r.se, 6)) for r in group_moves(m, plan).itertuples()] == [
        ("P1", "P3", 2.5), ("P1", "P4", 0.5), ("P2", "P4", 1.0)]


def test_social_plan_in_whole_people_with_the_guarantee():
    m, plan = _social_case()
    data = _report(m, plan)
    assert data.social_text[0] == ("Iedereen houdt passend werk: in geen jaar van 2026–2026 is een medewerker zonder "
                                   "werk, en elke wissel gaat naar werk dat de werknemersgroep mag doen (blad "
                                   "Geschiktheid).")
    assert data.social_text[1].startswith("Over 2026–2026 wisselen in totaal 4 medewerkers van werkplek, buiten de "
                                          "natuurlijke uitstroom")
    assert data.social_text[2:] == [
        "Werknemersgroep A (groep A): 4 medewerkers wisselen van werkplek in 2026, van P1 naar P2 en P3.",
        "Werknemersgroep B (groep B): 2 medewerkers die zonder werk waren, krijgen werk in 2026 bij P3."]
    matrix = data.social_table.frame  # SE per group and year: A changes workplace, B gets work
    assert matrix.values.tolist() == [["Werknemersgroep A", pytest.approx(4.0)], ["Totaal", pytest.approx(4.0)],
                                      ["Zonder werk → werk", pytest.approx(2.0)]]
    pairs = next(t for t in data.appendix if t.key == "social_moves").frame  # the workbook: every pair
    assert list(pairs.columns) == ["year", "group", "source", "target", "se"]
    assert pairs.values.tolist() == [[2026, "A", "P1", "P2", pytest.approx(3.0)], [2026, "A", "P1", "P3", pytest.approx(1.0)],
                                     [2026, "B", "zonder werk", "P3", pytest.approx(2.0)]]
    en = _report(m, plan, "en")
    assert en.social_text[2] == "Worker group A (groep A): 4 employees change workplace in 2026, from P1 to P2 and P3."


def test_no_guarantee_when_someone_is_left_without_work():
    m, plan = _social_case()
    _place(plan, 2026, A_P1=5, A_P2=3, A_P3=1, B_P3=3)  # B: 4 SE, 3 placed: 1 without work
    data = _report(m, plan)
    assert data.social_text[0] == ("Niet iedereen houdt werk: in 2026 zijn er in het plan medewerkers zonder werk, "
                                   "het meest in 2026: 1 medewerker (B 1).")
    assert "Iedereen houdt passend werk" not in " ".join(data.social_text)


# ----- roadmap ----------------------------------------------------------------------------------------------
def _roadmap_case():
    # A: 20 SE, P1 (site S) 10 and P2 (leased site S2, lease ends 2027) 10 today; S3 owned, empty, sells for
    # € 200,000. B: 8 SE seconded, 5 in P4 (contract renewed 2026) and 3 in P5 (renewed 2027), € 20 or € 25 an hour.
    m = model(groups=[group("A", 20), group("B", 8)],
              pmcs=[pmc("P1", va=1_000), pmc("P2", va=1_000, site="S2", closure=30_000),
                    dataclasses.replace(pmc("P4", "individual_secondment"), contract_end=2026),
                    dataclasses.replace(pmc("P5", "individual_secondment"), contract_end=2027)],
              eligibility=[elig("A", "P1", 10), elig("A", "P2", 10), elig("B", "P4", 5), elig("B", "P5", 3)],
              sites=[site("S"), site("S2", leased=True, divest=-50_000, lease_end=2027), site("S3", divest=200_000)],
              tariffs=[tariff("P4", 1, 20, 5, current=True), tariff("P4", 2, 25, 5),
                       tariff("P5", 1, 20, 3, current=True), tariff("P5", 2, 25, 3)],
              horizon=3)
    plan = baseline_plan(m)
    # P2 winds down 10 -> 6 -> 3 and closes in 2028 (closure € 30,000), its people go to P1; S2 is left in 2028
    # (lease ended: no cost), S3 sold in 2027; P4 raised to level 2 at its renewal in 2026, P5 renewed at level 1.
    for year, p1, p2 in ((2026, 14, 6), (2027, 17, 3), (2028, 20, 0)):
        _place(plan, year, A_P1=p1, A_P2=p2, B_P4=5, B_P5=3)
    plan.pmc_open[("P2", 2028)] = False
    plan.site_open.update({("S2", 2028): False, ("S3", 2027): False, ("S3", 2028): False})
    plan.tariff_level.update({("P4", y): 2 for y in (2026, 2027, 2028)})
    return m, plan


def test_roadmap_year_by_year_with_the_closure_as_a_wind_down():
    m, plan = _roadmap_case()
    steps = roadmap(m, evaluate(m, baseline_plan(m)), evaluate(m, plan))
    assert [(s.year, s.kind, s.subject, s.amount) for s in steps] == [
        (2026, "wind_down", "P2", 0.0), (2026, "tariff", "P4", 0.0),
        (2027, "lease_end", "S2", 0.0), (2027, "divest_site", "S3", -200_000.0), (2027, "renewal", "P5", 0.0),
        (2028, "close_pmc", "P2", 30_000.0), (2028, "divest_site", "S2", 0.0)]
    data = _report(m, plan)
    assert data.roadmap_text[0].startswith("Het plan vraagt over 2026–2028 7 stappen, het meest in 2027 (3 stappen).")
    frame = data.roadmap_table.frame
    assert frame.action.tolist() == [
        "Begin de afbouw van P2 (pmc P2): van 10 SE in 2025 naar 6 SE in 2026, sluiting in 2028.",
        "Vernieuw het contract van P4 (pmc P4) tegen een ander tarief: van niveau 1 (€ 20,00 per uur) naar niveau 2 "
        "(€ 25,00 per uur).",
        "De huur van S2 (locatie S2) loopt af; het plan verlaat de locatie pas in 2028: verleng de huur tot dan.",
        "Verkoop S3 (locatie S3); opbrengst € 200.000.",
        "Vernieuw het contract van P5 (pmc P5) tegen het geldende tarief (niveau 1, € 20,00 per uur).",
        "Sluit P2 (pmc P2), afgebouwd van 10 SE in 2025 via 6 SE in 2026 en 3 SE in 2027 naar 0 SE; "
        "sluitingskosten € 30.000.",
        "Verleng de huur van S2 (locatie S2) niet en verlaat de locatie; geen kosten."]
    assert frame.year.tolist() == [2026, 2026, 2027, 2027, 2027, 2028, 2028]
    assert frame.one_off.fillna(0).tolist() == [0, 0, 0, -200_000, 0, 30_000, 0]


def test_a_lease_bought_off_before_its_end():
    m, plan = _roadmap_case()
    plan.site_open.update({("S2", y): False for y in (2026, 2027, 2028)})  # left before its lease ends in 2027
    steps = [s for s in roadmap(m, evaluate(m, baseline_plan(m)), evaluate(m, plan)) if s.subject == "S2"]
    assert [(s.year, s.kind, s.figures["how"], s.amount) for s in steps] == [(2026, "divest_site", "bought_off", 50_000.0)]
    data = _report(m, plan)
    assert ("Koop de huur van S2 (locatie S2) af vóór het einde in 2027 en verlaat de locatie; kosten € 50.000."
            in data.roadmap_table.frame.action.tolist())


# ----- municipal contribution per owner municipality --------------------------------------------------------------
def _municipal_case():
    # A: 10 SE at € 40,000 wages against € 25,000 subsidy: € 150,000 to earn. P1 6 SE x € 1,000 = € 6,000;
    # P4 (secondment for the owner municipalities) 4 SE x 1,000 h x € 10 = € 40,000. Baseline result
    # 46,000 - 150,000 = -104,000: contribution € 104,000.
    # Plan: P4 at € 15 (4 x 15,000 = € 60,000): structural -84,000; closing the empty P2 costs € 10,000 once:
    # contribution 94,000 (84,000 structural, 10,000 one-off).
    m = model(groups=[group("A", 10, wage=40_000)],
              pmcs=[pmc("P1", va=1_000), pmc("P2", va=1_000, closure=10_000),
                    dataclasses.replace(pmc("P4", "individual_secondment"), client="owner_municipality")],
              eligibility=[elig("A", "P1", 6), elig("A", "P2"), elig("A", "P4", 4)],
              tariffs=[tariff("P4", 1, 10, 4, current=True), tariff("P4", 2, 15, 4)])
    # X (60 %) hires the secondees of P4, Y (40 %) does not
    m = m.replace(municipalities=(Municipality("X", 60.0, ("P4",)), Municipality("Y", 40.0, ())))
    plan = baseline_plan(m)
    plan.pmc_open[("P2", 2026)] = False
    plan.tariff_level[("P4", 2026)] = 2
    return m, plan


def test_contribution_per_municipality_netted_with_what_it_pays_as_a_client():
    m, plan = _municipal_case()
    frame = by_municipality(m, evaluate(m, baseline_plan(m)), evaluate(m, plan), [2026]).set_index("municipality")
    # X: 60 % of 104,000 = 62,400 before; 60 % of 84,000 = 50,400 + 6,000 one-off; tariffs 40,000 -> 60,000:
    # net 50,400 + 6,000 + 60,000 - 62,400 - 40,000 = +14,000 (X pays more). Y: 41,600 -> 33,600 + 4,000: -4,000.
    assert frame.loc["X"].to_dict() == pytest.approx({
        "share": 0.6, "contribution_base": 62_400, "contribution_structural": 50_400, "contribution_one_off": 6_000,
        "tariffs_base": 40_000, "tariffs_plan": 60_000, "net_effect": 14_000})
    assert frame.loc["Y"].to_dict() == pytest.approx({
        "share": 0.4, "contribution_base": 41_600, "contribution_structural": 33_600, "contribution_one_off": 4_000,
        "tariffs_base": 0, "tariffs_plan": 0, "net_effect": -4_000})
    # together: +10,000, the closure cost; the higher tariff only moves money between the owners


def test_municipal_section_texts():
    m, plan = _municipal_case()
    data = _report(m, plan)
    assert data.municipal_text == [
        "De gemeentelijke bijdrage per gemeente volgens de verdeelsleutel van de 2 gemeenten (blad Gemeenten), over "
        "2026–2026 opgeteld: in het nulscenario € 104.000, in het plan € 84.000 structureel, en eenmalig € 10.000 "
        "erbij (de eenmalige kosten van het plan).",
        "Als opdrachtgever van P4 betalen de gemeenten daarnaast tarieven: € 40.000 in het nulscenario, € 60.000 in "
        "het plan. Dat geld gaat tussen hun eigen begrotingen heen en weer en is hieronder verrekend.",
        "Netto effect voor de gemeenten samen: zij betalen € 10.000 meer.",
        "Voor de grootste, X (60 %), wordt het € 116.400 aan bijdrage en tarieven in plaats van € 102.400: netto "
        "effect +€ 14.000."]
    rows = data.municipal_table.frame
    assert rows.municipality.tolist() == ["X", "Y", "Totaal"]
    assert rows.iloc[-1].net_effect == pytest.approx(10_000) and rows.iloc[-1].share == pytest.approx(1.0)
    assert _report(m.replace(municipalities=()), plan).municipal_text == [
        "Het werkboek heeft geen verdeelsleutel (blad Gemeenten); de bijdrage per gemeente is daarom niet berekend."]


def test_the_three_sections_in_the_document_and_the_workbook():
    from sw_optimiser.report import render
    from sw_optimiser.report.document import build_document

    m, plan = _municipal_case()
    data = _report(m, plan)
    titles = [(s.number, s.title) for s in build_document(data).sections if s.number.startswith("4.")]
    assert titles == [("4.1", "Uitvoering per jaar"), ("4.2", "Sociaal plan"),
                      ("4.3", "Gemeentelijke bijdrage per gemeente")]
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(render(data, "xlsx")))
    assert "Bijdrage per gemeente" in wb.sheetnames
    wb = openpyxl.load_workbook(io.BytesIO(render(_report(*_social_case()), "xlsx")))
    assert {"Sociaal plan", "Wissels"} <= set(wb.sheetnames)
