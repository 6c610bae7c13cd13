"""Every Dutch and English text of the benchmarking subpackage, in one dict.

`LABELS[key] = (dutch, english)`. Message templates use `str.format` placeholders. The lead can
merge this dict into the project's glossary; nothing else in the subpackage holds user-facing text.
"""

from __future__ import annotations

LANGS = ("nl", "en")

LABELS: dict[str, tuple[str, str]] = {
    # ----- peer-set columns (headings of the workbook) ------------------------------------------
    "col.id": ("ID", "ID"),
    "col.name": ("Naam", "Name"),
    "col.se": ("SE", "SE"),
    "col.se_outside": ("SE buiten (groeps-/individuele detachering, begeleid werken)",
                       "SE working outside (group/individual secondment, supported employment)"),
    "col.value_added": ("Toegevoegde waarde (€)", "Value added (€)"),
    "col.wsw_wages": ("Loonkosten Wsw (€)", "Wsw wage cost (€)"),
    "col.subsidy": ("Rijkssubsidie (€)", "State subsidy (€)"),
    "col.supervision_fte": ("Begeleiding (fte)", "Supervision (FTE)"),
    "col.overhead": ("Overhead (€)", "Overhead (€)"),
    "col.site_workplaces": ("Werkplekken op locaties", "Site workplaces"),
    "col.site_costs": ("Kosten locaties (€)", "Site costs (€)"),
    "col.operating_result": ("Bedrijfsresultaat (€)", "Operating result (€)"),
    "col.municipal_contribution": ("Gemeentelijke bijdrage (€)", "Municipal contribution (€)"),
    # ----- kernkaart KPIs -----------------------------------------------------------------------
    "kpi.value_added_per_se": ("Toegevoegde waarde per SE", "Value added per SE"),
    "kpi.result_per_se": ("Bedrijfsresultaat per SE", "Operating result per SE"),
    "kpi.overhead_per_se": ("Overhead per SE", "Overhead per SE"),
    "kpi.supervision_per_100_se": ("Begeleiding (fte) per 100 SE", "Supervision (FTE) per 100 SE"),
    "kpi.share_outside": ("Aandeel SE buiten", "Share of SE working outside"),
    "kpi.site_cost_per_workplace": ("Kosten locaties per werkplek", "Site cost per workplace"),
    "kpi.municipal_contribution_per_se": ("Gemeentelijke bijdrage per SE", "Municipal contribution per SE"),
    "better.higher": ("hoger is beter", "higher is better"),
    "better.lower": ("lager is beter", "lower is better"),
    # ----- kernkaart table headings -------------------------------------------------------------
    "kk.kpi": ("KPI", "KPI"),
    "kk.value": ("Waarde", "Value"),
    "kk.median": ("Mediaan", "Median"),
    "kk.q1": ("Q1 (25 %)", "Q1 (25%)"),
    "kk.q3": ("Q3 (75 %)", "Q3 (75%)"),
    "kk.rank": ("Rang", "Rank"),
    "kk.n": ("Aantal", "Count"),
    "kk.quartile": ("Kwartiel", "Quartile"),
    "kk.better": ("Richting", "Direction"),
    "kk.company": ("Bedrijf", "Company"),
    "kk.peers": ("Referentiegroep", "Peers"),
    # ----- DEA ----------------------------------------------------------------------------------
    "dea.model.crs": ("constante schaalopbrengsten (CCR)", "constant returns to scale (CCR)"),
    "dea.model.vrs": ("variabele schaalopbrengsten (BCC)", "variable returns to scale (BCC)"),
    "dea.orientation.input": ("inputgericht", "input-oriented"),
    "dea.orientation.output": ("outputgericht", "output-oriented"),
    "dea.score": ("Score", "Score"),
    "dea.efficiency": ("Efficiëntie", "Efficiency"),
    "dea.super_efficiency": ("Superefficiëntie", "Super-efficiency"),
    "dea.status": ("Status", "Status"),
    "dea.status.efficient": ("efficiënt", "efficient"),
    "dea.status.weakly_efficient": ("zwak efficiënt", "weakly efficient"),
    "dea.status.inefficient": ("inefficiënt", "inefficient"),
    "dea.status.not_solved": ("niet opgelost", "not solved"),
    "dea.peers": ("Peers (lambda)", "Peers (lambda)"),
    "dea.lambda": ("Lambda", "Lambda"),
    "dea.variable": ("Variabele", "Variable"),
    "dea.kind": ("Soort", "Kind"),
    "dea.kind.input": ("input", "input"),
    "dea.kind.output": ("output", "output"),
    "dea.actual": ("Werkelijk", "Actual"),
    "dea.target": ("Doel", "Target"),
    "dea.change": ("Verschil", "Change"),
    "dea.change_pct": ("Verschil (%)", "Change (%)"),
    "dea.slack": ("Restverschil (slack)", "Slack"),
    "dea.not_available": ("n.v.t.", "n/a"),
    # ----- DEA messages -------------------------------------------------------------------------
    "dea.err.no_inputs": ("Kies minstens één input.", "Choose at least one input."),
    "dea.err.no_outputs": ("Kies minstens één output.", "Choose at least one output."),
    "dea.err.unknown_column": ("Onbekende kolom '{key}'; beschikbaar: {available}.",
                               "Unknown column '{key}'; available: {available}."),
    "dea.err.both": ("Kolom '{key}' staat zowel bij de inputs als bij de outputs.",
                     "Column '{key}' is both an input and an output."),
    "dea.err.too_few": ("Er zijn minstens 2 bedrijven nodig; er zijn er {n}.",
                        "At least 2 companies are needed; there are {n}."),
    "dea.err.duplicate_id": ("Bedrijfsnummer '{id}' komt meer dan eens voor.",
                             "Company id '{id}' occurs more than once."),
    "dea.err.not_numeric": ("Kolom '{key}' bevat geen getallen.", "Column '{key}' does not hold numbers."),
    "dea.err.missing": ("Kolom '{key}' heeft geen waarde voor: {ids}.", "Column '{key}' has no value for: {ids}."),
    "dea.err.negative": ("Kolom '{key}' is negatief voor: {ids} (DEA vraagt waarden ≥ 0).",
                         "Column '{key}' is negative for: {ids} (DEA needs values ≥ 0)."),
    "dea.err.all_zero": ("Kolom '{key}' is nul voor alle bedrijven; laat hem weg.",
                         "Column '{key}' is zero for every company; leave it out."),
    "dea.err.inputs_zero": ("Alle inputs zijn nul voor: {ids}; zo'n bedrijf is niet te vergelijken.",
                            "All inputs are zero for: {ids}; such a company cannot be compared."),
    "dea.warn.outputs_zero": ("Alle outputs zijn nul voor: {ids}; lees hun score met zorg "
                              "(outputgericht is hun efficiëntie 0).",
                              "All outputs are zero for: {ids}; read their scores with care "
                              "(output-oriented their efficiency is 0)."),
    "dea.err.model": ("Onbekend model '{value}'; kies crs of vrs.", "Unknown model '{value}'; choose crs or vrs."),
    "dea.err.orientation": ("Onbekende oriëntatie '{value}'; kies input of output.",
                            "Unknown orientation '{value}'; choose input or output."),
    "dea.warn.few_dmus": ("Slechts {n} bedrijven voor {m} inputs en {s} outputs (vuistregel: minstens {need}); "
                          "DEA onderscheidt dan slecht: veel bedrijven lijken efficiënt.",
                          "Only {n} companies for {m} inputs and {s} outputs (rule of thumb: at least {need}); "
                          "DEA then discriminates poorly: many companies look efficient."),
    "dea.warn.super_infeasible.input": ("Superefficiëntie van {id} is oneindig (niet te bepalen): geen combinatie van "
                                        "de andere bedrijven haalt zijn outputs (komt vaak voor bij variabele "
                                        "schaalopbrengsten).",
                                        "Super-efficiency of {id} is infinite (cannot be determined): no combination "
                                        "of the other companies reaches its outputs (common under variable returns "
                                        "to scale)."),
    "dea.warn.super_infeasible.output": ("Superefficiëntie van {id} is oneindig (niet te bepalen): geen combinatie "
                                         "van de andere bedrijven werkt met zo weinig inputs (komt vaak voor bij "
                                         "variabele schaalopbrengsten).",
                                         "Super-efficiency of {id} is infinite (cannot be determined): no combination "
                                         "of the other companies works with so few inputs (common under variable "
                                         "returns to scale)."),
    "dea.warn.solver": ("LP voor {id} niet opgelost (status: {status}).", "LP for {id} not solved (status: {status})."),
    "dea.err.unknown_company": ("Bedrijf '{id}' staat niet in de referentiegroep.",
                                "Company '{id}' is not in the peer set."),
    # ----- peer-set problems --------------------------------------------------------------------
    "peer.where.sheet": ("Blad '{sheet}'", "Sheet '{sheet}'"),
    "peer.where.row": ("rij {row}", "row {row}"),
    "peer.where.column": ("kolom '{column}'", "column '{column}'"),
    "peer.err.file_missing": ("bestand '{path}' bestaat niet", "file '{path}' does not exist"),
    "peer.err.not_a_workbook": ("'{path}' is geen leesbare Excel-werkmap (.xlsx): {reason}",
                                "'{path}' is not a readable Excel workbook (.xlsx): {reason}"),
    "peer.err.sheet_missing": ("blad ontbreekt; de werkmap heeft: {sheets}",
                               "sheet is missing; the workbook has: {sheets}"),
    "peer.err.column_missing": ("kolom ontbreekt (kop in rij 1 of rij 2)",
                                "column is missing (heading in row 1 or row 2)"),
    "peer.err.column_twice": ("kolom staat twee keer in de werkmap", "column appears twice in the workbook"),
    "peer.err.empty": ("geen bedrijven gevonden (gegevens beginnen in rij 3)",
                       "no companies found (data start in row 3)"),
    "peer.err.missing_value": ("waarde ontbreekt", "value is missing"),
    "peer.err.not_a_number": ("'{value}' is geen getal", "'{value}' is not a number"),
    "peer.err.below_min": ("{value} is kleiner dan het minimum {min}", "{value} is below the minimum {min}"),
    "peer.err.not_positive": ("{value} moet groter dan 0 zijn", "{value} must be greater than 0"),
    "peer.err.duplicate_id": ("ID '{value}' komt al voor in rij {first}", "ID '{value}' already occurs in row {first}"),
    "peer.err.outside_exceeds_se": ("SE buiten ({outside}) is groter dan het totaal aantal SE ({se})",
                                    "SE working outside ({outside}) exceeds total SE ({se})"),
    "peer.err.unknown_field": ("onbekend veld '{value}'; bekend zijn: {known}",
                               "unknown field '{value}'; known: {known}"),
    "peer.problems": ("Problemen in de referentiegroep ({n}):", "Problems in the peer set ({n}):"),
    # ----- CLI ----------------------------------------------------------------------------------
    "cli.help": ("Vergelijk sw-bedrijven: kernkaart en DEA-efficiëntie",
                 "Benchmark sw-companies: KPI card and DEA efficiency"),
    "cli.kernkaart_title": ("Kernkaart: {name} (ID {id}), vergeleken met {n} bedrijven",
                            "KPI card: {name} (ID {id}), compared with {n} companies"),
    "cli.dea_title": ("DEA-efficiëntie: {model}, {orientation}", "DEA efficiency: {model}, {orientation}"),
    "cli.dea_vars": ("Inputs: {inputs}. Outputs: {outputs}.", "Inputs: {inputs}. Outputs: {outputs}."),
    "cli.bench_title": ("Benchlearning voor {name} (ID {id}): efficiëntie {eff}",
                        "Benchlearning for {name} (ID {id}): efficiency {eff}"),
    "cli.bench_peers": ("Efficiënte peers om van te leren (lambda = gewicht in het doelbedrijf):",
                        "Efficient peers to learn from (lambda = weight in the target company):"),
    "cli.bench_targets": ("Doelen (projectie op de efficiënte rand):",
                          "Targets (projection onto the efficient frontier):"),
    "cli.bench_is_efficient": ("{name} is efficiënt: geen peers, de doelen zijn de huidige waarden.",
                               "{name} is efficient: no peers, the targets are the current values."),
    "cli.written": ("Resultaten geschreven naar {path}", "Results written to {path}"),
    "cli.error": ("Fout", "Error"),
    "cli.err.year": ("Jaar {year} ligt niet in de planperiode {first}–{last}", "Year {year} is not in the plan period {first}–{last}"),
    "cli.before_after_title": ("{name}: vandaag, en in {year} zonder en met het plan", "{name}: today, and in {year} without and with the plan"),
    "cli.moment.today": ("Vandaag", "Today"),
    "cli.moment.baseline": ("Zonder plan", "Without the plan"),
    "cli.moment.plan": ("Met het plan", "With the plan"),
    "cli.col.year": ("Jaar", "Year"),
    "cli.col.efficiency": ("DEA-efficiëntie", "DEA efficiency"),
    "cli.err.unknown_company": ("Bedrijf met ID '{id}' niet gevonden; bekende ID's: {known}",
                                "No company with ID '{id}'; known IDs: {known}"),
    "cli.err.out_is_input": ("--out mag niet hetzelfde bestand zijn als de referentiegroep",
                             "--out must not be the peer-set file itself"),
    "cli.err.write": ("Kan '{path}' niet schrijven: {reason}", "Cannot write '{path}': {reason}"),
    "cli.err.list": ("Lege lijst bij {option}", "Empty list for {option}"),
    "cli.messages": ("Meldingen:", "Messages:"),
    "cli.sheet.kernkaart": ("kernkaart", "kpi_card"),
    "cli.sheet.dea": ("dea", "dea"),
    "cli.sheet.peers": ("benchlearning_peers", "benchlearning_peers"),
    "cli.sheet.targets": ("benchlearning_doelen", "benchlearning_targets"),
}


def label(key: str, lang: str = "nl", /, **params: object) -> str:
    """The text for `key` in `lang` ("nl" or "en"), with `params` filled in."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    nl, en = LABELS[key]
    text = nl if lang == "nl" else en
    return text.format(**params) if params else text
