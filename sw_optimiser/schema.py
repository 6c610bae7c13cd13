"""The one definition of the company-model tables.

Every input table is a frozen dataclass whose fields carry a `Column` in their metadata: type,
unit, allowed range or values, and the Dutch and English headings. The workbook reader, writer,
validator, template and the documentation all derive from these classes; nothing else lists
columns.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any

# Values a column of fixed choices takes: canonical code -> (Dutch label, English label).
YES_NO = {True: ("ja", "yes"), False: ("nee", "no")}

ACTIVITIES = {
    "production": ("productie", "production"),
    "services": ("diensten op locatie", "services on location"),
    "group_secondment": ("groepsdetachering", "group secondment"),
    "individual_secondment": ("individuele detachering", "individual secondment"),
    "supported_employment": ("begeleid werken", "supported employment"),
    "day_care": ("dagbesteding", "day care"),
}
# Activities that are always sheltered work, and those that never are.
SHELTERED_ACTIVITIES = {"production", "day_care"}
OUTSIDE_ACTIVITIES = {"individual_secondment", "supported_employment"}
# Activities that may carry a secondment tariff table (inleenvergoeding).
SECONDMENT_ACTIVITIES = {"group_secondment", "individual_secondment"}

OWNERSHIP = {"owned": ("eigendom", "owned"), "leased": ("huur", "leased")}

# What a worker group's employees are employed under: the Wsw (closed to intake since 2015, paid for by
# the Rijkssubsidie) or, since 2015, the Participatiewet (inflow, funded from the municipal budget).
GROUP_KINDS = {
    "wsw": ("Wsw", "Wsw"),
    "new_sheltered": ("nieuw beschut werk", "new sheltered work"),
    "wage_subsidy": ("loonkostensubsidie", "wage-cost subsidy"),
}


# Default one-off cost of one SE changing workplace: about 30 hours of induction and job coaching at
# ~€60/hour plus adapted transport and workplace (docs/model.md).
MOVE_COST_PER_SE = 2_000.0

# Magnitudes no sw-company has (the largest employ some 5,000 SE on a budget of a few hundred million
# euros): every number column has a range, so that 1e300 or an overflow is refused, never planned with.
EUROS = 1e9  # € per year or one-off
PER_SE = 1e6  # € per SE (or per FTE) per year
SE = 100_000  # SE, workplaces, placements
FTE = 10_000

# Who buys a PMC's work: a tariff paid by one of the owner municipalities of a joint company moves money
# between the owners' own budgets (their contribution falls as their tariff bill rises).
CLIENTS = {
    "owner_municipality": ("eigenaar-gemeente", "owner municipality"),
    "public": ("andere overheid", "other public body"),
    "private": ("particulier", "private"),
}


@dataclass(frozen=True)
class Column:
    nl: str
    en: str
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: dict | None = None  # code -> (nl, en)
    help_nl: str = ""
    help_en: str = ""
    is_list: bool = False  # comma-separated list of ids in one cell
    aliases: tuple[str, ...] = ()  # older headings still read (a renamed column)

    def heading(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


def col(nl: str, en: str, *, default: Any = dataclasses.MISSING, **kw: Any) -> Any:
    """A dataclass field described by a Column."""
    meta = {"column": Column(nl, en, **kw)}
    if default is dataclasses.MISSING:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class Company:
    name: str = col("Naam", "Name", help_nl="Naam van het sw-bedrijf", help_en="Name of the sw-company")
    base_year: int = col("Basisjaar", "Base year", unit="jaar", minimum=2000, maximum=2100,
                         help_nl="Jaar waarop de cijfers betrekking hebben (vandaag)",
                         help_en="Year the figures describe (today)")
    horizon: int = col("Horizon", "Horizon", unit="jaren", minimum=1, maximum=30,
                       help_nl="Aantal planjaren na het basisjaar", help_en="Number of plan years after the base year")
    discount_rate: float = col("Disconteringsvoet", "Discount rate", unit="fractie/jaar", minimum=0, maximum=0.3,
                               help_nl="Voor de contante waarde, bijv. 0,03", help_en="For the net present value, e.g. 0.03")
    wage_indexation: float = col("Loonindexatie", "Wage indexation", unit="fractie/jaar", minimum=-0.1, maximum=0.2,
                                 help_nl="Jaarlijkse stijging loonkosten Wsw, begeleiding en acquisitie",
                                 help_en="Yearly rise of Wsw wages, supervision and sales staff cost")
    price_indexation: float = col("Prijsindexatie", "Price indexation", unit="fractie/jaar", minimum=-0.1, maximum=0.2,
                                  help_nl="Jaarlijkse stijging van omzet, tarieven en overige kosten",
                                  help_en="Yearly rise of revenue, tariffs and other costs")
    billable_hours: float = col("Declarabele uren per SE", "Billable hours per SE", unit="uur/jaar",
                                minimum=100, maximum=2000,
                                help_nl="Uren per jaar waarover de inleenvergoeding wordt betaald",
                                help_en="Hours per year on which the secondment tariff is paid")
    sick_leave: float = col("Ziekteverzuim", "Sick leave", unit="fractie", minimum=0, maximum=0.5, default=0.0,
                            help_nl="Deel van de betaalde tijd dat medewerkers ziek zijn (sector 12–15 %); "
                                    "productieve SE = geplaatste SE × (1 − verzuim) × loonwaarde",
                            help_en="Share of paid time employees are ill (sector 12–15 %); "
                                    "productive SE = placed SE × (1 − sick leave) × productivity")
    state_pension_age: float = col("AOW-leeftijd", "State pension age", unit="jaar", minimum=60, maximum=75,
                                   default=67.0,
                                   help_nl="Wie deze leeftijd bereikt, stroomt uit (alleen bij een leeftijdsopbouw)",
                                   help_en="Who reaches this age leaves (only with an age profile)")
    # ----- h8: sites fit their use (issue 16 item 7) -----
    max_travel_minutes: float | None = col(
        "Max. reistijd", "Max travel time", unit="minuten", minimum=0, maximum=600, default=None,
        help_nl="Een PMC verhuist alleen naar een locatie binnen deze reistijd (blad Reistijden); leeg: geen grens",
        help_en="A PMC moves only to a site within this travel time (sheet Travel times); empty: no limit")


@dataclass(frozen=True)
class Overhead:
    fixed: float = col("Vaste overhead", "Fixed overhead", unit="€/jaar", minimum=0, maximum=EUROS)
    per_se: float = col("Overhead per SE", "Overhead per SE", unit="€/SE/jaar", minimum=0, maximum=PER_SE)
    follows_workforce: bool = col("Vast deel volgt personeel", "Fixed part follows workforce", choices=YES_NO,
                                  default=True,
                                  help_nl="ja (standaard): de vaste overhead daalt en stijgt mee met het aantal SE, "
                                          "zodat de overhead per SE blijft als vandaag (beleidsarm); nee: vast bedrag",
                                  help_en="yes (default): the fixed overhead moves with the number of SE, so overhead "
                                          "per SE stays as today (policy-neutral); no: a fixed amount")
    # ----- h8: the overhead staff need office workplaces (issue 16 item 7) -----
    office_workplaces: float = col("Kantoorwerkplekken nodig", "Office workplaces needed", unit="werkplekken",
                                   minimum=0, maximum=SE, default=0.0,
                                   help_nl="Werkplekken van de overhead (staf, administratie); 0: niet meegenomen",
                                   help_en="Workplaces of the overhead staff; 0: not taken into account")
    office_rent: float | None = col("Huur per kantoorwerkplek", "Rent per office workplace", unit="€/werkplek/jaar",
                                    minimum=0, maximum=PER_SE, default=None,
                                    help_nl="Wat een gehuurde kantoorwerkplek kost als de eigen kantoren niet volstaan; "
                                            "leeg: huren kan niet",
                                    help_en="What a rented office workplace costs when the own offices do not suffice; "
                                            "empty: renting is not possible")


@dataclass(frozen=True)
class WorkerGroup:
    id: str = col("Code", "Code", help_nl="Korte unieke code", help_en="Short unique code")
    name: str = col("Naam", "Name")
    se: float = col("SE basisjaar", "SE base year", unit="SE", minimum=0, maximum=100_000)
    outflow: float = col("Uitstroom", "Outflow", unit="fractie/jaar", minimum=0, maximum=0.5,
                         help_nl="Jaarlijkse uitstroom; met een leeftijdsopbouw (blad Leeftijden) alleen om andere "
                                 "redenen dan pensioen (arbeidsongeschiktheid, overlijden, vertrek)",
                         help_en="Yearly outflow; with an age profile (sheet Ages) for reasons other than the state "
                                 "pension only (disability, death, leaving)")
    wage_cost: float = col("Loonkosten per SE", "Wage cost per SE", unit="€/SE/jaar", minimum=0, maximum=100_000)
    productivity: float = col("Loonwaarde", "Productivity", unit="fractie", minimum=0, maximum=1,
                              help_nl="Loonwaarde tussen 0 en 1", help_en="Wage value (productivity) between 0 and 1")
    sheltered_only: bool = col("Alleen beschut", "Sheltered only", choices=YES_NO,
                               help_nl="ja: kan alleen in beschutte setting werken",
                               help_en="yes: can only work in a sheltered setting")
    move_cost: float = col("Kosten wisseling per SE", "Cost of a move per SE", unit="€/SE", minimum=0,
                           maximum=100_000, default=MOVE_COST_PER_SE,
                           help_nl="Eenmalig per SE die van werkplek wisselt (inwerken, opleiding, "
                                   "jobcoaching, vervoer); leeg: 2.000",
                           help_en="One-off per SE that changes workplace (induction, training, job "
                                   "coaching, transport); empty: 2,000")
    kind: str = col("Regeling", "Scheme", choices=GROUP_KINDS, default="wsw",
                    help_nl="Wsw (standaard) of een Participatiewet-groep (nieuw beschut werk, loonkostensubsidie)",
                    help_en="Wsw (default) or a Participatiewet group (new sheltered work, wage-cost subsidy)")
    inflow: float = col("Instroom per jaar", "Inflow per year", unit="SE/jaar", minimum=0, maximum=10_000,
                        default=0.0, help_nl="Nieuwe medewerkers per jaar (de Wsw is sinds 2015 gesloten: 0)",
                        help_en="New employees per year (the Wsw is closed since 2015: 0)")
    funding_per_se: float = col("Gemeentelijke financiering per SE", "Municipal funding per SE", unit="€/SE/jaar",
                                minimum=0, maximum=100_000, default=0.0,
                                help_nl="Participatiewet-groep: bedrag uit het gemeentelijk budget per SE (prijspeil "
                                        "basisjaar, volgt de loonindexatie) in plaats van de Rijkssubsidie",
                                help_en="Participatiewet group: amount from the municipal budget per SE (base-year "
                                        "prices, follows wage indexation) instead of the state subsidy")


@dataclass(frozen=True)
class AgeBand:
    group: str = col("Doelgroep", "Worker group")
    age_from: int = col("Leeftijd van", "Age from", unit="jaar", minimum=15, maximum=75,
                        help_nl="Leeftijd in het basisjaar, eerste jaar van de klasse",
                        help_en="Age in the base year, first year of the band")
    age_to: int = col("Leeftijd t/m", "Age to", unit="jaar", minimum=15, maximum=75,
                      help_nl="Leeftijd in het basisjaar, laatste jaar van de klasse (inclusief)",
                      help_en="Age in the base year, last year of the band (inclusive)")
    se: float = col("SE", "SE", unit="SE", minimum=0, maximum=100_000,
                    help_nl="SE in deze klasse in het basisjaar, gelijk verdeeld over de leeftijden",
                    help_en="SE in this band in the base year, spread evenly over its ages")


@dataclass(frozen=True)
class SubsidyYear:
    year: int = col("Jaar", "Year", unit="jaar", minimum=2000, maximum=2100)
    per_se: float = col("Rijkssubsidie per SE", "State subsidy per SE", unit="€/SE/jaar", minimum=0, maximum=100_000)


@dataclass(frozen=True)
class Site:
    id: str = col("Code", "Code")
    name: str = col("Naam", "Name")
    capacity: float = col("Capaciteit", "Capacity", unit="werkplekken (SE)", minimum=0, maximum=SE)
    fixed_cost: float = col("Vaste kosten", "Fixed cost", unit="€/jaar", minimum=0, maximum=EUROS)
    ownership: str = col("Eigendom/huur", "Owned/leased", choices=OWNERSHIP)
    divest_value: float = col("Eenmalig bij afstoten", "One-off on divesting", unit="€", minimum=-EUROS, maximum=EUROS,
                              help_nl="Opbrengst (+) of kosten (−) bij afstoten; bij huur de afkoop vóór het einde van de huur",
                              help_en="Proceeds (+) or cost (−) of divesting; for a lease, the break cost before its end")
    lease_end: int | None = col("Einde huur", "Lease end", unit="jaar", minimum=2000, maximum=2100, default=None,
                                help_nl="Vanaf dit jaar kost afstoten van een huurpand niets",
                                help_en="From this year on, leaving a leased site costs nothing")
    earliest_divest: int | None = col("Vroegst afstoten", "Earliest divest year", unit="jaar", minimum=2000,
                                      maximum=2100, default=None)
    # ----- h8: sites fit their use (issue 16 item 7) -----
    activities: tuple[str, ...] = col("Activiteiten", "Activities", is_list=True, default=(),
                                      help_nl="Activiteiten die hier passen (codes, bijv. production, day_care); "
                                              "leeg: elke activiteit",
                                      help_en="Activities this site can house (codes, e.g. production, day_care); "
                                              "empty: any activity")
    offices: float = col("Kantoorwerkplekken", "Office workplaces", unit="werkplekken", minimum=0, maximum=SE,
                         default=0.0,
                         help_nl="Kantoorwerkplekken voor de overhead, naast de capaciteit",
                         help_en="Office workplaces for the overhead staff, besides the capacity")


@dataclass(frozen=True)
class Pmc:
    id: str = col("Code", "Code")
    name: str = col("Naam", "Name")
    activity: str = col("Activiteit", "Activity", choices=ACTIVITIES)
    sheltered: bool = col("Beschut", "Sheltered", choices=YES_NO)
    supervision_type: str = col("Begeleidingstype", "Supervision type")
    min_volume: float = col("Min. volume", "Min volume", unit="SE", minimum=0, maximum=SE,
                            help_nl="Contractueel minimum zolang de PMC open is", help_en="Contract minimum while open")
    max_volume: float = col("Max. volume", "Max volume", unit="SE", minimum=0, maximum=SE,
                            help_nl="Marktmaximum (zonder extra acquisitie)", help_en="Market maximum (without extra acquisition)")
    material_cost: float = col("Materiaalkosten per SE", "Material cost per SE", unit="€/productieve SE/jaar", minimum=0, maximum=PER_SE)
    fixed_cost: float = col("Vaste kosten", "Fixed cost", unit="€/jaar", minimum=0, maximum=EUROS)
    closure_cost: float = col("Sluitingskosten", "Closure cost", unit="€ eenmalig", minimum=0, maximum=EUROS)
    may_close: bool = col("Mag sluiten", "May close", choices=YES_NO)
    site: str | None = col("Locatie", "Site", default=None, help_nl="Leeg: werk bij de klant",
                           help_en="Empty: work at the client's")
    value_added: float | None = col("Toegevoegde waarde per SE", "Value added per SE", unit="€/productieve SE/jaar",
                                    minimum=-PER_SE, maximum=PER_SE, default=None, help_nl="Leeg laten als de PMC tarieven heeft (detachering)",
                                    help_en="Leave empty when the PMC has tariffs (secondment)")
    move_cost: float | None = col("Verhuiskosten", "Moving cost", unit="€ eenmalig", minimum=0, maximum=EUROS, default=None,
                                  help_nl="Leeg: kan niet verhuizen", help_en="Empty: cannot move")
    # ----- h8: markets are finite, tariffs change at renewal (issue 16 items 4 and 5) -----
    market_size: float | None = col("Marktomvang", "Market size", unit="SE", minimum=0, maximum=SE, default=None,
                                    help_nl="SE die de markt hooguit afneemt, ook met extra acquisitie (bij tarieven: "
                                            "bij het huidige tarief, bij een ander niveau naar verhouding van de vraag); "
                                            "leeg: geen grens",
                                    help_en="Most SE the market takes, also with extra acquisition (with tariffs: at "
                                            "today's tariff, at another level in proportion to its demand); empty: no limit")
    contract_end: int | None = col("Einde contract", "Contract end", unit="jaar", minimum=2000, maximum=2100,
                                   default=None,
                                   help_nl="Jaar waarin het contract (gemiddeld) wordt vernieuwd: een ander tarief geldt "
                                           "pas vanaf dan; leeg: elk jaar",
                                   help_en="Year the contract is renewed (on average): another tariff applies only from "
                                           "then; empty: any year")
    client: str = col("Opdrachtgever", "Client", choices=CLIENTS, default="private",
                      help_nl="Wie het tarief betaalt; bij een eigenaar-gemeente verschuift een hoger tarief geld "
                              "tussen de begrotingen van de eigenaren",
                      help_en="Who pays the tariff; for an owner municipality a higher tariff moves money between "
                              "the owners' own budgets")


@dataclass(frozen=True)
class Eligibility:
    group: str = col("Doelgroep", "Worker group")
    pmc: str = col("PMC", "PMC")
    allowed: bool = col("Toegestaan", "Allowed", choices=YES_NO)
    factor: float = col("Productiviteitsfactor", "Productivity factor", unit="fractie", minimum=0, maximum=2,
                        help_nl="Vermenigvuldigt de loonwaarde van de groep in deze PMC",
                        help_en="Multiplies the group's productivity in this PMC")
    current_se: float = col("Huidig SE", "Current SE", unit="SE", minimum=0, maximum=SE, default=0.0)


@dataclass(frozen=True)
class Tariff:
    pmc: str = col("PMC", "PMC")
    level: int = col("Niveau", "Level", minimum=1, maximum=20)
    hourly_tariff: float = col("Uurtarief", "Hourly tariff", unit="€/uur", minimum=0, maximum=500)
    demand: float = col("Vraag", "Demand", unit="SE", minimum=0, maximum=SE,
                        help_nl="Plaatsingen die de markt afneemt bij dit tarief",
                        help_en="Placements the market takes at this tariff")
    current: bool = col("Huidig", "Current", choices=YES_NO)


@dataclass(frozen=True)
class SupervisionType:
    id: str = col("Code", "Code")
    name: str = col("Naam", "Name")
    cost_per_fte: float = col("Kosten per fte", "Cost per FTE", unit="€/fte/jaar", minimum=0, maximum=500_000)
    current_fte: float = col("Huidig fte", "Current FTE", unit="fte", minimum=0, maximum=FTE)
    max_shrink: float = col("Max. krimp per jaar", "Max shrink per year", unit="fractie/jaar", minimum=0, maximum=1,
                            help_nl="Hoe snel de formatie mag dalen", help_en="How fast staff may shrink")


@dataclass(frozen=True)
class SupervisionOption:
    type: str = col("Begeleidingstype", "Supervision type")
    option: str = col("Optie", "Option")
    span: float = col("Span of control", "Span of control", unit="SE per fte", minimum=0.1, maximum=500)
    reorg_cost: float = col("Reorganisatiekosten", "Reorganisation cost", unit="€ eenmalig", minimum=0, maximum=EUROS)
    current: bool = col("Huidig", "Current", choices=YES_NO)


@dataclass(frozen=True)
class Acquisition:
    activity: str = col("Activiteit", "Activity", choices=ACTIVITIES)
    cost_per_fte: float = col("Kosten per fte", "Cost per FTE", unit="€/fte/jaar", minimum=0, maximum=PER_SE)
    demand_per_fte: float = col("Extra vraag per fte", "Extra demand per FTE", unit="SE per fte-jaar", minimum=0, maximum=SE)
    duration: int = col("Looptijd", "Duration", unit="jaren", minimum=1, maximum=30)
    max_fte: int = col("Max. extra fte", "Max extra FTE", unit="fte", minimum=0, maximum=100)


@dataclass(frozen=True)
class ChainPartner:
    id: str = col("Code", "Code")
    name: str = col("Naam", "Name")
    # h8 (issue 16 item 6): the care funding (Wlz/Wmo) goes to the institution; the company gets (or pays) what
    # the contract says. The column was "Tarief per deelnemer" and is still read under that heading.
    tariff: float = col("Contractvergoeding per plaats", "Contract fee per place", unit="€/SE/jaar",
                        minimum=-PER_SE, maximum=PER_SE,
                        aliases=("Tarief per deelnemer", "Tariff per participant"),
                        help_nl="Wat de instelling volgens het contract per geplaatste SE betaalt (+) of wat het "
                                "bedrijf de instelling betaalt (−), voor de plaats en de arbeid samen; niet de zorgfinanciering",
                        help_en="What the institution pays per placed SE under the contract (+), or what the company "
                                "pays the institution (−), for the place and the work together; not the care funding")
    cost_per_place: float = col("Kosten per plaats", "Cost per place", unit="€/SE/jaar", minimum=0,
                                maximum=PER_SE, help_nl="Eigen kosten per plaats (vervoer, jobcoach); begeleiding en werkplek bespaart het bedrijf",
                                help_en="Own cost per place (transport, job coach); the company saves supervision and workplace")
    capacity: float = col("Capaciteit", "Capacity", unit="SE", minimum=0, maximum=SE)
    groups: tuple[str, ...] = col("Doelgroepen", "Worker groups", is_list=True,
                                  help_nl="Codes gescheiden door komma's", help_en="Codes separated by commas")


@dataclass(frozen=True)
class TravelTime:
    """h8 (issue 16 item 7): travel time between two sites, either way; the region's travel times are the
    same notion between members' sites (`sw_optimiser/travel.py`)."""
    site_a: str = col("Locatie A", "Site A")
    site_b: str = col("Locatie B", "Site B")
    minutes: float = col("Minuten", "Minutes", unit="minuten", minimum=0, maximum=600)


@dataclass(frozen=True)
class Municipality:
    """Issue 18: an owner municipality of a joint company (gemeenschappelijke regeling) and its share of the
    municipal contribution (the distribution key, verdeelsleutel); optional, for the report's contribution
    per municipality. The shares are percentages that add up to 100."""
    name: str = col("Gemeente", "Municipality", help_nl="Naam van de eigenaar-gemeente, uniek",
                    help_en="Name of the owner municipality, unique")
    share: float = col("Aandeel in het tekort", "Share of the deficit", unit="%", minimum=0, maximum=100,
                       help_nl="Verdeelsleutel: het deel van de gemeentelijke bijdrage dat deze gemeente betaalt, "
                               "in procenten (25 voor 25 %); samen 100",
                       help_en="Distribution key: the part of the municipal contribution this municipality pays, "
                               "in percent (25 for 25 %); together 100")
    clients: tuple[str, ...] = col("Opdrachtgever van PMC's", "Client of PMCs", is_list=True, default=(),
                                   help_nl="Codes van de PMC's (opdrachtgever eigenaar-gemeente) die voor deze "
                                           "gemeente werken, gescheiden door komma's; een PMC die geen gemeente "
                                           "noemt, telt voor alle gemeenten naar de verdeelsleutel",
                                   help_en="Codes of the PMCs (client owner municipality) that work for this "
                                           "municipality, separated by commas; a PMC no municipality names counts "
                                           "for all of them by the distribution key")


@dataclass(frozen=True)
class Peer:
    """One company of a peer set: the benchmark's sheet `peers` (`benchmarking/peers.py` reads it, Dutch
    headings in row 1 and English in row 2). Figures of one year; empty cells are read as missing."""
    id: str = col("ID", "ID", help_nl="Unieke code van het bedrijf", help_en="Unique code of the company")
    name: str | None = col("Naam", "Name", help_nl="Leeg: de ID", help_en="Empty: the ID")
    se: float = col("SE", "SE", unit="SE", minimum=0, maximum=SE,
                    help_nl="Groter dan 0", help_en="Greater than 0")
    se_outside: float | None = col("SE buiten (groeps-/individuele detachering, begeleid werken)",
                                   "SE working outside (group/individual secondment, supported employment)",
                                   unit="SE", minimum=0, maximum=SE,
                                   help_nl="Ten hoogste het totaal aantal SE", help_en="At most the total SE")
    value_added: float | None = col("Toegevoegde waarde (€)", "Value added (€)", unit="€",
                                    minimum=-EUROS, maximum=EUROS,
                                    help_nl="Mag negatief zijn: omzet onder de materiaalkosten",
                                    help_en="May be negative: revenue below material costs")
    wsw_wages: float | None = col("Loonkosten Wsw (€)", "Wsw wage cost (€)", unit="€", minimum=0, maximum=EUROS)
    subsidy: float | None = col("Rijkssubsidie (€)", "State subsidy (€)", unit="€", minimum=0, maximum=EUROS)
    supervision_fte: float | None = col("Begeleiding (fte)", "Supervision (FTE)", unit="fte", minimum=0, maximum=FTE)
    overhead: float | None = col("Overhead (€)", "Overhead (€)", unit="€", minimum=0, maximum=EUROS)
    site_workplaces: float | None = col("Werkplekken op locaties", "Site workplaces", unit="werkplekken",
                                        minimum=0, maximum=SE)
    site_costs: float | None = col("Kosten locaties (€)", "Site costs (€)", unit="€", minimum=0, maximum=EUROS)
    operating_result: float | None = col("Bedrijfsresultaat (€)", "Operating result (€)", unit="€",
                                         minimum=-EUROS, maximum=EUROS,
                                         help_nl="Vóór de gemeentelijke bijdrage",
                                         help_en="Before the municipal contribution")
    municipal_contribution: float | None = col("Gemeentelijke bijdrage (€)", "Municipal contribution (€)",
                                               unit="€", minimum=0, maximum=EUROS)


@dataclass(frozen=True)
class Table:
    """One sheet of the company workbook."""
    key: str  # attribute of CompanyModel
    row_type: type
    nl: str  # sheet name in Dutch
    en: str
    single: bool = False  # exactly one row
    keys: tuple[str, ...] = ("id",)  # fields that identify a row
    help_nl: str = ""
    help_en: str = ""

    def sheet(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en

    def columns(self) -> list[tuple[str, Column, Any]]:
        """(field name, Column, python type) in sheet order."""
        hints = typing.get_type_hints(self.row_type)
        return [(f.name, f.metadata["column"], hints[f.name]) for f in dataclasses.fields(self.row_type)]

    def column(self, name: str) -> Column:
        return next(c for n, c, _ in self.columns() if n == name)


TABLES: tuple[Table, ...] = (
    Table("company", Company, "Bedrijf", "Company", single=True, keys=(),
          help_nl="Algemene gegevens en aannames", help_en="General figures and assumptions"),
    Table("overhead", Overhead, "Overhead", "Overhead", single=True, keys=(),
          help_nl="Management, HR, financiën, ICT", help_en="Management, HR, finance, IT"),
    Table("groups", WorkerGroup, "Doelgroepen", "Worker groups",
          help_nl="Groepen Wsw-medewerkers die hetzelfde kunnen", help_en="Groups of Wsw employees alike in what they can do"),
    Table("subsidy", SubsidyYear, "Subsidie", "Subsidy", keys=("year",),
          help_nl="Rijkssubsidie per SE per jaar (basisjaar t/m einde horizon)",
          help_en="State subsidy per SE per year (base year to end of horizon)"),
    Table("sites", Site, "Locaties", "Sites", help_nl="Gebouwen en locaties", help_en="Buildings and locations"),
    Table("pmcs", Pmc, "PMCs", "PMCs", help_nl="Product-marktcombinaties", help_en="Product-market combinations"),
    Table("eligibility", Eligibility, "Geschiktheid", "Eligibility", keys=("group", "pmc"),
          help_nl="Welke doelgroep in welke PMC kan werken, en hoeveel SE er nu werken",
          help_en="Which worker group can work in which PMC, and how many SE work there today"),
    Table("tariffs", Tariff, "Tarieven", "Tariffs", keys=("pmc", "level"),
          help_nl="Inleenvergoeding per niveau en de vraag bij dat tarief",
          help_en="Secondment tariff per level and the demand at that tariff"),
    Table("supervision_types", SupervisionType, "Begeleiding", "Supervision",
          help_nl="Soorten begeleiding (werkleiders, jobcoaches)", help_en="Kinds of supervision (work supervisors, job coaches)"),
    Table("supervision_options", SupervisionOption, "Begeleidingsopties", "Supervision options", keys=("type", "option"),
          help_nl="Mogelijke begeleidingsstructuren per type", help_en="Possible supervision structures per type"),
    Table("acquisition", Acquisition, "Acquisitie", "Acquisition", keys=("activity",),
          help_nl="Wat een extra accountmanager kost en oplevert", help_en="What an extra sales FTE costs and opens"),
    Table("chain_partners", ChainPartner, "Ketenpartners", "Chain partners",
          help_nl="Zorginstellingen voor dagbesteding", help_en="Care institutions for day care"),
    Table("ages", AgeBand, "Leeftijden", "Ages", keys=("group", "age_from"),
          help_nl="Leeftijdsopbouw per doelgroep (optioneel): uitstroom bij de AOW-leeftijd",
          help_en="Age profile per worker group (optional): outflow at the state pension age"),
    Table("travel_times", TravelTime, "Reistijden", "Travel times", keys=("site_a", "site_b"),
          help_nl="Reistijd tussen locaties (een PMC verhuist alleen binnen de max. reistijd)",
          help_en="Travel time between sites (a PMC moves only within the max travel time)"),
    Table("municipalities", Municipality, "Gemeenten", "Municipalities", keys=("name",),
          help_nl="Eigenaar-gemeenten en hun verdeelsleutel (optioneel): de bijdrage per gemeente in het rapport",
          help_en="Owner municipalities and their distribution key (optional): the contribution per municipality "
                  "in the report"),
)
TABLE_BY_KEY = {t.key: t for t in TABLES}
# The peer set is a workbook of its own (one sheet), declared as the company's sheets are.
PEER_TABLE = Table("peers", Peer, "peers", "peers", help_nl="Vergelijkbare sw-bedrijven, één rij per bedrijf",
                   help_en="Comparable sw-companies, one row per company")


def base_type(tp: Any) -> tuple[type, bool]:
    """The scalar type of a field and whether it may be empty."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0], True
    if typing.get_origin(tp) is tuple:
        return tuple, False
    return tp, False
