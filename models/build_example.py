"""Build models/example.xlsx: a realistic, invented sw-company of about 1,200 SE.

Werkbedrijf Waalvallei is the joint sheltered-work company (gemeenschappelijke regeling) of six
invented municipalities. Its figures follow the sector orders of magnitude in docs/domain.md; the
weak spots planted for the levers to find are listed in models/README.md.

Everything below is a table of figures typed in by hand; nothing is random. Money is at 2025 price
levels (models/README.md says where each order of magnitude comes from).

Run: python models/build_example.py   (overwrites models/example.xlsx, prints the base-year KPIs)
"""

import dataclasses
from pathlib import Path

from sw_optimiser.company import CompanyModel
from sw_optimiser.schema import (
    Acquisition, AgeBand, ChainPartner, Company, Eligibility, Municipality, Overhead, Pmc, Site, SubsidyYear,
    SupervisionOption, SupervisionType, Tariff, TravelTime, WorkerGroup,
)
from sw_optimiser.workbook import write_workbook

# 1,600 billable hours a year for an employee who is not ill (36 h x 52 weeks less leave and public
# holidays); sick leave 13 % of paid time comes off both production and billable hours.
COMPANY = Company(name="Werkbedrijf Waalvallei (GR van zes gemeenten)", base_year=2025, horizon=10,
                  discount_rate=0.03, wage_indexation=0.025, price_indexation=0.02, billable_hours=1_600,
                  sick_leave=0.13, state_pension_age=67)

OVERHEAD = Overhead(fixed=2_400_000, per_se=1_200)

# ----- worker groups ------------------------------------------------------------------------------
# id, name, SE 2025, outflow/yr for reasons other than the state pension (the age profile below does
# retirement), wage cost €/SE (2025, employer's charges included), loonwaarde, sheltered only
GROUPS = (
    ("ZB", "Zwaar beschut (alleen beschut binnen)", 300, 0.025, 36_000, 0.25, True),
    ("BG", "Beschut met groepswerk", 235, 0.025, 36_000, 0.40, True),
    ("GR", "Groepsdetacheerbaar", 275, 0.02, 36_200, 0.58, False),
    ("IN", "Individueel detacheerbaar", 200, 0.02, 36_700, 0.72, False),
    ("BW", "Kandidaat begeleid werken", 70, 0.02, 36_400, 0.75, False),
    ("OU", "Ouderen nabij pensioen", 120, 0.03, 38_400, 0.35, False),
)
# A Participatiewet group (since 2015): new sheltered work (beschut werk nieuw), 12 SE today and 4 SE
# more a year, paid near the minimum wage and funded from the municipal budget (wage-cost subsidy plus
# a supervision fee), not by the Rijkssubsidie.
# id, name, SE 2025, outflow/yr, wage €/SE, loonwaarde, kind, inflow SE/yr, municipal funding €/SE/yr
PARTICIPATIEWET_GROUPS = (
    ("NB", "Nieuw beschut werk (Participatiewet)", 12, 0.04, 31_000, 0.35, "new_sheltered", 4, 27_000),
)

# ----- ages: SE per age band in 2025 --------------------------------------------------------------------
# Nobody has entered the Wsw since 2015, so the youngest are about 28; most are over 50 (sector
# average age about 51). Bands: 28-39, 40-49, 50-59, 60-66 (age in 2025, inclusive).
AGE_BANDS = ((28, 39), (40, 49), (50, 59), (60, 66))
AGES = {
    "ZB": (45, 75, 110, 70),
    "BG": (35, 60, 85, 55),
    "GR": (40, 75, 105, 55),
    "IN": (35, 60, 70, 35),
    "BW": (15, 20, 25, 10),
    "OU": (0, 0, 40, 80),
}

# ----- Rijkssubsidie per SE ---------------------------------------------------------------------------
# €29,300 in 2025, indexed for wages and prices (the efficiency cut ran to about 2020): 90 % of the
# subsidy pays wages, so the index is 0.9 x 2.5 % + 0.1 x 2.0 % = 2.45 % a year. The falling path of
# earlier years is the `austerity` scenario (scenarios/austerity.yaml).
SUBSIDY_2025 = 29_300
SUBSIDY_INDEX = 0.9 * 0.025 + 0.1 * 0.02
SUBSIDY = tuple((y, round(SUBSIDY_2025 * (1 + SUBSIDY_INDEX) ** (y - 2025))) for y in range(2025, 2036))

# The money figures of the sites, PMCs, acquisition and chain-partner tables below were typed at 2020
# price levels; PRICES_2025 brings them to 2025 (CBS consumer prices 2020-2025 about +24 %, the sector's
# own tariffs and costs somewhat less; see models/README.md).
PRICES_2025 = 1.2

# ----- sites --------------------------------------------------------------------------------------
# id, name, capacity (workplaces), fixed cost €/yr, owned/leased, one-off on divesting (+ proceeds,
# − lease break), lease end, earliest divest year
SITES = (
    ("S1", "Hoofdvestiging Industrieweg", 350, 520_000, "owned", 2_400_000, None, 2028),
    ("S2", "Werkplaats Havenkade", 160, 240_000, "owned", 900_000, None, 2027),
    ("S3", "Drukkerij Molenstraat", 60, 190_000, "leased", -150_000, 2028, 2026),
    ("S4", "Wasserij De Bleek", 70, 180_000, "owned", 350_000, None, 2027),
    ("S5", "Bedrijfsverzamelgebouw Zuid", 120, 210_000, "leased", -250_000, 2030, 2026),
    ("S6", "Recyclinghal Oost", 80, 120_000, "leased", -100_000, 2032, 2026),
    ("S7", "Dagbestedingslocatie De Boomgaard", 40, 80_000, "leased", -40_000, 2038, 2026),
    ("S8", "Dependance Noord", 90, 150_000, "leased", -60_000, 2027, 2026),
)

# ----- PMCs ---------------------------------------------------------------------------------------
# id, name, activity, sheltered, supervision type, site, value added €/productive SE (None: tariffs),
# material €/productive SE, min SE, max SE, fixed cost €/yr, closure cost €, may close, moving cost €
# (None: cannot move)
PR, DL, GS, ID, BW, DG = ("production", "services", "group_secondment", "individual_secondment",
                          "supported_employment", "day_care")
PMCS = (
    # production in the company's own workshops (beschut binnen), supervised by werkleiders
    ("PR-VERP", "Verpakken en mailings", PR, True, "WP", "S1", 25_000, 2_500, 40, 150, 30_000, 60_000, True, 60_000),
    ("PR-ASSY", "Assemblage elektrotechniek", PR, True, "WP", "S1", 26_000, 6_000, 20, 70, 35_000, 50_000, True, 50_000),
    ("PR-KABL", "Kabelbomen en bekabeling", PR, True, "WP", "S1", 28_000, 8_000, 10, 45, 30_000, 40_000, True, 40_000),
    ("PR-LOGI", "Magazijn en fulfilment", PR, True, "WP", "S1", 27_000, 2_000, 15, 60, 30_000, 30_000, True, 40_000),
    ("PR-FIET", "Fietsenwerkplaats", PR, True, "WP", "S1", 22_000, 4_000, 0, 30, 20_000, 15_000, True, 20_000),
    ("PR-KAAR", "Kaarsenmakerij", PR, True, "WP", "S1", 9_000, 3_000, 0, 15, 35_000, 10_000, True, 10_000),
    ("PR-METL", "Metaalbewerking en lassen", PR, True, "WP", "S2", 30_000, 14_000, 15, 50, 150_000, 120_000, True, None),
    ("PR-HOUT", "Houtbewerking en pallets", PR, True, "WP", "S2", 24_000, 9_000, 10, 45, 50_000, 50_000, True, 45_000),
    ("PR-DRUK", "Drukkerij en printservice", PR, True, "WP", "S3", 12_000, 11_000, 0, 40, 170_000, 60_000, True, None),
    ("PR-ZEEF", "Zeefdruk en textielbedrukking", PR, True, "WP", "S3", 16_000, 6_000, 0, 20, 40_000, 20_000, True, 15_000),
    ("PR-WASS", "Wasserij (contract ziekenhuis)", PR, True, "WP", "S4", 28_000, 6_000, 30, 60, 60_000, 200_000, False, None),
    ("PR-RECY", "Recycling elektronica", PR, True, "WP", "S6", 24_000, 1_500, 10, 60, 30_000, 30_000, True, 35_000),
    ("PR-SORT", "Sorteren en demontage", PR, True, "WP", "S6", 18_000, 1_000, 0, 35, 20_000, 15_000, True, 20_000),
    ("PR-MEUB", "Meubelmontage", PR, True, "WP", "S5", 24_000, 5_000, 10, 50, 40_000, 40_000, True, 50_000),
    ("PR-TXTL", "Naaiatelier textiel", PR, True, "WP", "S5", 11_000, 4_000, 0, 20, 45_000, 20_000, True, 15_000),
    ("PR-HAND", "Handwerk en inpak licht", PR, True, "WP", "S8", 19_000, 1_500, 0, 60, 25_000, 10_000, True, 25_000),
    # services on location (werken op locatie), supervised by groepsleiders; "beschut team" = sheltered
    ("DL-GRGM", "Groenvoorziening gemeenten (DVO)", DL, False, "GL", None, 28_000, 3_000, 35, 70, 50_000, 150_000, False, None),
    ("DL-GRBD", "Groenonderhoud bedrijven", DL, False, "GL", None, 29_000, 3_500, 0, 30, 30_000, 30_000, True, None),
    ("DL-GRBS", "Groen beschut team (parken, begraafplaatsen)", DL, True, "GL", None, 28_000, 2_000, 10, 40, 30_000, 20_000, True, None),
    ("DL-SCKA", "Schoonmaak kantoren", DL, False, "GL", None, 27_000, 2_500, 0, 30, 20_000, 15_000, True, None),
    ("DL-SCGM", "Schoonmaak gemeentehuizen (beschut team)", DL, True, "GL", None, 28_000, 2_000, 15, 40, 15_000, 40_000, False, None),
    ("DL-CATR", "Catering en bedrijfsrestaurants", DL, False, "GL", None, 27_000, 12_000, 5, 20, 20_000, 25_000, True, None),
    ("DL-POST", "Postkamer en facilitair", DL, False, "GL", None, 28_000, 500, 0, 16, 10_000, 5_000, True, None),
    ("DL-STAL", "Beheer fietsenstallingen", DL, False, "GL", None, 24_000, 500, 5, 16, 10_000, 10_000, True, None),
    ("DL-KLUS", "Klussendienst woningcorporatie", DL, False, "GL", None, 27_000, 4_000, 0, 14, 15_000, 10_000, True, None),
    # group secondment (groepsdetachering) at the client's, supervised by groepsleiders
    ("GS-DC", "Groepsdetachering distributiecentrum", GS, False, "GL", None, None, 0, 0, 70, 0, 10_000, True, None),
    ("GS-KAS", "Groepsdetachering glastuinbouw", GS, False, "GL", None, None, 0, 0, 60, 0, 10_000, True, None),
    ("GS-ZORG", "Groepsdetachering facilitair zorginstelling", GS, False, "GL", None, None, 0, 0, 40, 0, 10_000, True, None),
    ("GS-PROD", "Groepsdetachering productie bij klant", GS, False, "GL", None, 27_000, 0, 0, 30, 0, 10_000, True, None),
    ("GS-MIL", "Groepsdetachering milieustraat", GS, False, "GL", None, 25_000, 500, 10, 24, 10_000, 20_000, False, None),
    # individual secondment (individuele detachering) at regular employers, supervised by jobcoaches
    ("ID-GEM", "Individuele detachering gemeenten en overheid", ID, False, "JC", None, None, 0, 0, 60, 0, 0, True, None),
    ("ID-LOG", "Individuele detachering logistiek", ID, False, "JC", None, None, 0, 0, 60, 0, 0, True, None),
    ("ID-TECH", "Individuele detachering techniek en installatie", ID, False, "JC", None, None, 0, 0, 30, 0, 0, True, None),
    ("ID-ZORG", "Individuele detachering zorg en welzijn", ID, False, "JC", None, None, 0, 0, 45, 0, 0, True, None),
    ("ID-SCH", "Individuele detachering schoonmaak en horeca", ID, False, "JC", None, None, 0, 0, 40, 0, 0, True, None),
    ("ID-ADM", "Individuele detachering administratie en ICT", ID, False, "JC", None, None, 0, 0, 20, 0, 0, True, None),
    # supported employment (begeleid werken) with a job coach
    ("BW-MKB", "Begeleid werken mkb", BW, False, "JC", None, 22_000, 0, 0, 32, 0, 0, True, None),
    ("BW-OVH", "Begeleid werken overheid en zorg", BW, False, "JC", None, 23_000, 0, 0, 22, 0, 0, True, None),
    # day care in the company's own rooms; the care tariff per participant is value added per productive SE
    # x loonwaarde x factor: 40,000 x 0.25 x 1.2 = €12,000 per participant
    ("DG-BOOM", "Dagbesteding De Boomgaard", DG, True, "DB", "S7", 40_000, 1_500, 15, 40, 20_000, 15_000, True, 10_000),
    ("DG-ACT", "Activiteitencentrum Industrieweg", DG, True, "DB", "S1", 40_000, 1_500, 0, 25, 15_000, 10_000, True, 10_000),
)

# Material and direct costs as a share of revenue for production (typed; the material column above is
# replaced by share / (1 - share) x value added): production-heavy work 20-35 %, handling and logistics
# less. PMCs not listed keep the material column.
MATERIAL_SHARE = {
    "PR-VERP": 0.20, "PR-ASSY": 0.30, "PR-KABL": 0.35, "PR-LOGI": 0.10, "PR-FIET": 0.25, "PR-KAAR": 0.35,
    "PR-METL": 0.35, "PR-HOUT": 0.30, "PR-DRUK": 0.35, "PR-ZEEF": 0.30, "PR-WASS": 0.20, "PR-RECY": 0.10,
    "PR-SORT": 0.05, "PR-MEUB": 0.25, "PR-TXTL": 0.30, "PR-HAND": 0.15,
}

# ----- eligibility and today's placement ----------------------------------------------------------
# PMC: {group: (productivity factor, SE working there today)}. A group not listed may not work there.
PLACEMENT = {
    "PR-VERP": {"ZB": (1.0, 64), "BG": (1.0, 30), "GR": (0.8, 0), "OU": (0.9, 8), "NB": (1.0, 8)},
    "PR-ASSY": {"ZB": (0.9, 18), "BG": (1.1, 26), "GR": (0.8, 4), "OU": (1.0, 0)},
    "PR-KABL": {"ZB": (0.8, 0), "BG": (1.1, 22), "OU": (1.0, 6)},
    "PR-LOGI": {"ZB": (0.9, 14), "BG": (1.0, 10), "GR": (0.8, 4), "OU": (1.0, 4)},
    "PR-FIET": {"BG": (1.0, 6), "GR": (0.9, 4), "OU": (1.0, 6)},
    "PR-KAAR": {"ZB": (1.0, 8), "BG": (1.0, 0)},
    "PR-METL": {"BG": (1.0, 14), "GR": (0.9, 4), "OU": (1.2, 10)},
    "PR-HOUT": {"ZB": (0.9, 18), "BG": (1.0, 10), "OU": (1.0, 4)},
    "PR-DRUK": {"ZB": (0.8, 8), "BG": (0.9, 10), "OU": (1.0, 4)},
    "PR-ZEEF": {"ZB": (0.9, 4), "BG": (1.0, 4)},
    "PR-WASS": {"ZB": (1.0, 28), "BG": (1.0, 14), "OU": (1.0, 4)},
    "PR-RECY": {"ZB": (1.0, 30), "BG": (1.0, 8), "GR": (0.8, 0)},
    "PR-SORT": {"ZB": (1.0, 16), "OU": (1.0, 4), "NB": (1.0, 0)},
    "PR-MEUB": {"ZB": (0.9, 14), "BG": (1.0, 12), "GR": (0.8, 2)},
    "PR-TXTL": {"ZB": (1.0, 8), "BG": (1.0, 3)},
    "PR-HAND": {"ZB": (1.1, 20), "BG": (1.0, 4), "NB": (1.0, 4)},
    "DL-GRGM": {"GR": (1.0, 40), "IN": (0.8, 6), "OU": (1.0, 12)},
    "DL-GRBD": {"GR": (1.0, 20), "IN": (0.8, 4), "OU": (0.9, 6)},
    "DL-GRBS": {"BG": (1.0, 28), "OU": (1.0, 4)},
    "DL-SCKA": {"GR": (1.0, 22), "IN": (0.8, 4), "OU": (1.0, 4)},
    "DL-SCGM": {"BG": (1.0, 28), "OU": (1.0, 4)},
    "DL-CATR": {"GR": (1.0, 14), "IN": (0.8, 4)},
    "DL-POST": {"GR": (1.0, 8), "IN": (0.9, 8)},
    "DL-STAL": {"GR": (1.0, 8), "OU": (1.0, 4)},
    "DL-KLUS": {"GR": (1.0, 10), "OU": (1.0, 4)},
    "GS-DC": {"GR": (1.0, 42), "IN": (0.9, 12), "OU": (0.9, 6)},
    "GS-KAS": {"GR": (1.0, 32), "IN": (0.9, 4), "OU": (1.0, 6)},
    "GS-ZORG": {"GR": (1.0, 18), "IN": (0.9, 6), "OU": (1.0, 4)},
    "GS-PROD": {"GR": (1.0, 24), "OU": (1.0, 6)},
    "GS-MIL": {"GR": (1.0, 16), "OU": (1.0, 6)},
    "ID-GEM": {"IN": (1.0, 36), "BW": (1.0, 4)},
    "ID-LOG": {"IN": (1.0, 34), "BW": (1.0, 4)},
    "ID-TECH": {"IN": (1.0, 18), "BW": (1.0, 2)},
    "ID-ZORG": {"IN": (1.0, 26), "BW": (1.0, 4)},
    "ID-SCH": {"IN": (1.0, 20), "BW": (1.0, 2), "GR": (0.9, 0)},
    "ID-ADM": {"IN": (1.0, 10)},
    "BW-MKB": {"BW": (1.0, 30), "IN": (0.9, 2)},
    "BW-OVH": {"BW": (1.0, 20), "IN": (0.9, 0)},
    "DG-BOOM": {"ZB": (1.2, 27)},
    "DG-ACT": {"ZB": (1.2, 13), "OU": (1.0, 0)},
}

# ----- secondment tariffs (inleenvergoeding) ------------------------------------------------------
# PMC: [(hourly tariff €, "*" for today's level, demand SE at that tariff)], lowest tariff first.
TARIFFS = {
    # below market: the next levels up lose hardly any demand
    "GS-DC": [(18.5, "*", 60), (21.0, "", 58), (23.5, "", 52), (26.0, "", 36)],
    "ID-GEM": [(18.0, "*", 40), (21.0, "", 39), (24.0, "", 36), (28.0, "", 24)],
    "ID-ZORG": [(18.0, "*", 30), (20.5, "", 29), (23.0, "", 27), (26.0, "", 18)],
    # at market: a higher tariff costs real demand, a lower one brings too little extra
    "GS-KAS": [(18.0, "", 44), (19.5, "*", 42), (21.5, "", 20), (24.0, "", 8)],
    "GS-ZORG": [(18.0, "", 30), (19.5, "*", 28), (21.5, "", 13), (24.0, "", 5)],
    "ID-LOG": [(19.0, "", 40), (20.5, "*", 38), (22.5, "", 24), (25.0, "", 12)],
    "ID-TECH": [(20.0, "", 21), (22.0, "*", 20), (25.0, "", 11), (28.0, "", 5)],
    "ID-SCH": [(18.0, "*", 22), (20.0, "", 10), (22.0, "", 4)],
    "ID-ADM": [(21.0, "", 11), (24.0, "*", 10), (28.0, "", 5), (32.0, "", 3), (36.0, "", 1)],
}

# ----- supervision --------------------------------------------------------------------------------
# id, name, cost €/FTE/yr, current FTE, max shrink/yr
SUPERVISION_TYPES = (
    ("WP", "Werkleiders productie", 60_000, 35.5, 0.10),
    ("GL", "Groepsleiders op locatie", 62_000, 25.0, 0.15),
    ("JC", "Jobcoaches", 68_000, 7.5, 0.20),
    ("DB", "Begeleiders dagbesteding", 60_000, 5.5, 0.15),
)
# type, option, span (SE per FTE), one-off reorganisation cost €, current
SUPERVISION_OPTIONS = (
    ("WP", "1:15", 15, 0, True), ("WP", "1:16", 16, 150_000, False), ("WP", "1:18", 18, 300_000, False),
    ("GL", "1:18", 18, 0, True), ("GL", "1:20", 20, 120_000, False),
    ("JC", "1:30", 30, 0, True), ("JC", "1:35", 35, 40_000, False), ("JC", "1:40", 40, 80_000, False),
    ("DB", "1:8", 8, 0, True), ("DB", "1:10", 10, 30_000, False),
)

# ----- acquisition: what one extra sales FTE costs and opens --------------------------------------
# activity, cost €/FTE/yr, extra demand SE per FTE-year, duration (years), max extra FTE
ACQUISITION = (
    (DL, 70_000, 4, 3, 2),
    (GS, 72_000, 6, 3, 3),
    (ID, 75_000, 5, 4, 4),
    (BW, 68_000, 3, 2, 2),
)

# ----- chain partners (care institutions for day care) --------------------------------------------
# id, name, tariff €/participant/yr, cost €/place/yr, capacity SE, eligible groups
# The care funding (Wlz/Wmo) goes to the institution; the company pays the institution a contract fee for
# supervising its employees (negative: the company pays), has its own costs (transport, job-coach visits),
# and saves its own supervision and workplace.
CHAIN_PARTNERS = (
    ("K1", "Zorggroep Betuwehof", -2_500, 1_200, 30, ("ZB",)),
    ("K2", "Stichting De Waalborg (gehandicaptenzorg)", -3_000, 1_800, 20, ("ZB", "BG")),
    ("K3", "Ouderenzorg Lingestroom", -1_500, 600, 25, ("ZB", "OU")),
)

# ----- rules that make a plan acceptable (issue 16 items 4, 5, 7) ----------------------------------
# Activities each site can house, and its office workplaces for the overhead staff (the head office
# houses them; the business building has a few). A day-care PMC cannot move into a recycling hall.
SITE_USE = {
    "S1": ((PR, DG), 40), "S2": ((PR,), 0), "S3": ((PR,), 0), "S4": ((PR,), 0),
    "S5": ((PR, DG), 8), "S6": ((PR,), 0), "S7": ((DG,), 0), "S8": ((PR, DG), 0),
}
OFFICE_WORKPLACES, OFFICE_RENT = 40, 4_500  # € per rented office workplace per year (with services)
MAX_TRAVEL_MINUTES = 30  # Wsw employees cannot travel far: a PMC moves only within 30 minutes
TRAVEL = {  # minutes between sites, either way
    ("S1", "S2"): 12, ("S1", "S3"): 8, ("S1", "S4"): 15, ("S1", "S5"): 14, ("S1", "S6"): 18, ("S1", "S7"): 20,
    ("S1", "S8"): 25, ("S2", "S3"): 15, ("S2", "S4"): 20, ("S2", "S5"): 22, ("S2", "S6"): 25, ("S2", "S7"): 30,
    ("S2", "S8"): 35, ("S3", "S4"): 12, ("S3", "S5"): 15, ("S3", "S6"): 20, ("S3", "S7"): 18, ("S3", "S8"): 22,
    ("S4", "S5"): 20, ("S4", "S6"): 25, ("S4", "S7"): 15, ("S4", "S8"): 30, ("S5", "S6"): 20, ("S5", "S7"): 28,
    ("S5", "S8"): 40, ("S6", "S7"): 35, ("S6", "S8"): 38, ("S7", "S8"): 32,
}
# Market size (SE the market takes at all, with acquisition; with tariffs: at today's tariff) of the PMCs
# acquisition can grow. The administration/ICT secondment market is 20 SE.
MARKET = {
    "DL-GRGM": 80, "DL-GRBD": 40, "DL-SCKA": 40, "DL-CATR": 24, "DL-POST": 18, "DL-STAL": 18, "DL-KLUS": 18,
    "GS-DC": 75, "GS-KAS": 50, "GS-ZORG": 32, "GS-PROD": 36, "GS-MIL": 24,
    "ID-GEM": 50, "ID-LOG": 48, "ID-TECH": 26, "ID-ZORG": 38, "ID-SCH": 26, "ID-ADM": 20,
    "BW-MKB": 40, "BW-OVH": 28,
}
# Secondment contracts: (average) renewal year, from which another tariff applies, and the client type.
CONTRACTS = {
    "GS-DC": (2027, "private"), "GS-KAS": (2026, "private"), "GS-ZORG": (2027, "private"),
    "ID-GEM": (2028, "owner_municipality"), "ID-LOG": (2026, "private"), "ID-TECH": (2027, "private"),
    "ID-ZORG": (2027, "public"), "ID-SCH": (2026, "private"), "ID-ADM": (2027, "private"),
}

# The six owner municipalities of the joint body and their distribution key (verdeelsleutel, % of the
# deficit, roughly by the Wsw employees living there); the three largest hire individual secondees
# (ID-GEM, the one PMC with an owner municipality as client).
MUNICIPALITIES = (
    ("Waalstede", 32, ("ID-GEM",)), ("Oeverbroek", 20, ("ID-GEM",)), ("Dijkhoven", 16, ("ID-GEM",)),
    ("Uiterwaard", 13, ()), ("Zandmeer", 11, ()), ("Hollewijk", 8, ()),
)

def with_rules(model: CompanyModel) -> CompanyModel:
    """The example with the site use, offices, travel times, market sizes, contracts and owners above."""
    rep = dataclasses.replace
    sites = tuple(rep(s, activities=SITE_USE[s.id][0], offices=float(SITE_USE[s.id][1])) for s in model.sites)
    pmcs = tuple(rep(p, market_size=float(MARKET[p.id]) if p.id in MARKET else None,
                     **(dict(zip(("contract_end", "client"), CONTRACTS[p.id])) if p.id in CONTRACTS else {}))
                 for p in model.pmcs)
    return model.replace(
        company=rep(model.company, max_travel_minutes=float(MAX_TRAVEL_MINUTES)),
        overhead=rep(model.overhead, office_workplaces=float(OFFICE_WORKPLACES), office_rent=float(OFFICE_RENT)),
        sites=sites, pmcs=pmcs,
        travel_times=tuple(TravelTime(a, b, float(minutes)) for (a, b), minutes in TRAVEL.items()),
        municipalities=tuple(Municipality(n, float(share), clients) for n, share, clients in MUNICIPALITIES))


def _price(value):
    """A 2020 figure at 2025 prices (whole euros); None stays None."""
    return None if value is None else float(round(value * PRICES_2025))


def _material(pmc_id: str, value_added: float | None, material: float) -> float:
    share = MATERIAL_SHARE.get(pmc_id)
    return _price(material) if share is None else float(round(value_added * share / (1 - share)))


def example() -> CompanyModel:
    groups = tuple(WorkerGroup(i, n, se=se, outflow=o, wage_cost=w, productivity=p, sheltered_only=s)
                   for i, n, se, o, w, p, s in GROUPS)
    groups += tuple(WorkerGroup(i, n, se=se, outflow=o, wage_cost=w, productivity=p, sheltered_only=True, kind=k,
                                inflow=inflow, funding_per_se=f)
                    for i, n, se, o, w, p, k, inflow, f in PARTICIPATIEWET_GROUPS)
    ages = tuple(AgeBand(g, lo, hi, se) for g, counts in AGES.items()
                 for (lo, hi), se in zip(AGE_BANDS, counts) if se)
    pmcs = tuple(Pmc(i, n, a, sh, sup, min_volume=lo, max_volume=hi, material_cost=_material(i, _price(va), mat),
                     fixed_cost=_price(fx), closure_cost=_price(cl), may_close=mc, site=site, value_added=_price(va),
                     move_cost=_price(mv))
                 for i, n, a, sh, sup, site, va, mat, lo, hi, fx, cl, mc, mv in PMCS)
    # every group x PMC pair, allowed or not, so the Eligibility sheet is the full matrix
    eligibility = tuple(
        Eligibility(g.id, p.id, True, *PLACEMENT[p.id][g.id]) if g.id in PLACEMENT.get(p.id, {})
        else Eligibility(g.id, p.id, False, 1.0, 0.0)
        for p in pmcs for g in groups
    )
    tariffs = tuple(Tariff(pmc, level, hourly_tariff=round(tariff * PRICES_2025, 2), demand=demand, current=mark == "*")
                    for pmc, levels in TARIFFS.items()
                    for level, (tariff, mark, demand) in enumerate(levels, start=1))
    return with_rules(CompanyModel(
        company=COMPANY,
        overhead=OVERHEAD,
        groups=groups,
        subsidy=tuple(SubsidyYear(y, v) for y, v in SUBSIDY),
        sites=tuple(Site(i, n, capacity=c, fixed_cost=_price(f), ownership=o, divest_value=_price(d), lease_end=le,
                         earliest_divest=ed)
                    for i, n, c, f, o, d, le, ed in SITES),
        pmcs=pmcs,
        eligibility=eligibility,
        tariffs=tariffs,
        supervision_types=tuple(SupervisionType(i, n, cost_per_fte=c, current_fte=f, max_shrink=s)
                                for i, n, c, f, s in SUPERVISION_TYPES),
        supervision_options=tuple(SupervisionOption(t, o, span=s, reorg_cost=r, current=c)
                                  for t, o, s, r, c in SUPERVISION_OPTIONS),
        acquisition=tuple(Acquisition(a, cost_per_fte=_price(c), demand_per_fte=d, duration=n, max_fte=x)
                          for a, c, d, n, x in ACQUISITION),
        chain_partners=tuple(ChainPartner(i, n, tariff=_price(t), cost_per_place=_price(c), capacity=cap, groups=g)
                             for i, n, t, c, cap, g in CHAIN_PARTNERS),
        ages=ages,
    ))


def base_year_kpis(model: CompanyModel) -> list[tuple[str, str]]:
    """The base-year figures quoted in models/README.md, formatted."""
    from sw_optimiser.baseline import run_baseline

    r = run_baseline(model)
    y = r.pnl.loc[model.base_year]
    fte = r.supervision[r.supervision.year == model.base_year].fte.sum()
    last = r.pnl.loc[model.years[-1]]
    euro, pct, num = "€ {:,.0f}".format, "{:.1%}".format, "{:,.1f}".format
    return [
        ("SE total", num(y.se_total)), ("SE placed", num(y.se_placed)), ("SE idle", num(y.se_idle)),
        ("share outside (group/individual secondment, supported employment)", pct(y.se_outside / y.se_total)),
        ("share sheltered (production, day care, sheltered teams)", pct(y.se_sheltered / y.se_total)),
        ("revenue", euro(y.revenue)), ("value added", euro(y.value_added)),
        ("value added per SE", euro(y.value_added_per_se)),
        ("wages Wsw", euro(y.wages_wsw)), ("state subsidy", euro(y.subsidy)),
        ("supervision", euro(y.supervision)), ("supervision FTE", num(fte)),
        ("SE per supervision FTE", num(y.se_total / fte)),
        ("site costs", euro(y.site_costs)), ("PMC fixed costs", euro(y.pmc_fixed_costs)),
        ("overhead", euro(y.overhead)), ("overhead per SE", euro(y.overhead / y.se_total)),
        ("operating result", euro(y.operating_result)), ("result per SE", euro(y.result_per_se)),
        ("municipal contribution", euro(y.municipal_contribution)),
        (f"result per SE in {model.years[-1]} (baseline)", euro(last.result_per_se)),
        (f"municipal contribution in {model.years[-1]} (baseline)", euro(last.municipal_contribution)),
        ("baseline NPV of the operating result, plan years", euro(r.npv)),
    ]


if __name__ == "__main__":
    model = example()
    out = Path(__file__).with_name("example.xlsx")
    print(write_workbook(model, out, overwrite=True))
    print(f"Base year {model.base_year}:")
    for name, value in base_year_kpis(model):
        print(f"  {name:68s} {value:>14s}")
