"""Build models/tiny.xlsx: a company small enough to check every figure by hand.

Run: python models/build_tiny.py   (overwrites models/tiny.xlsx)
"""

from pathlib import Path

from sw_optimiser.company import CompanyModel
from sw_optimiser.schema import (
    Acquisition, ChainPartner, Company, Eligibility, Overhead, Pmc, Site, SubsidyYear, SupervisionOption,
    SupervisionType, Tariff, WorkerGroup,
)
from sw_optimiser.workbook import write_workbook


def tiny() -> CompanyModel:
    return CompanyModel(
        company=Company(name="Werkbedrijf Klein", base_year=2025, horizon=3, discount_rate=0.05,
                        wage_indexation=0.02, price_indexation=0.0, billable_hours=1000),
        overhead=Overhead(fixed=150_000, per_se=1_500),
        groups=(
            WorkerGroup("A", "Beschut", se=50, outflow=0.10, wage_cost=32_000, productivity=0.4, sheltered_only=True),
            WorkerGroup("B", "Detacheerbaar", se=30, outflow=0.05, wage_cost=33_000, productivity=0.8,
                        sheltered_only=False),
        ),
        subsidy=tuple(SubsidyYear(y, v) for y, v in ((2025, 24_000), (2026, 23_500), (2027, 23_000), (2028, 22_500))),
        sites=(
            Site("S1", "Hal Noord", capacity=60, fixed_cost=200_000, ownership="owned", divest_value=200_000,
                 earliest_divest=2026),
            Site("S2", "Werkplaats Zuid", capacity=30, fixed_cost=100_000, ownership="leased", divest_value=-50_000,
                 lease_end=2027, earliest_divest=2026),
        ),
        pmcs=(
            Pmc("P1", "Verpakken", "production", True, "W", min_volume=10, max_volume=50, material_cost=2_000,
                fixed_cost=50_000, closure_cost=20_000, may_close=True, site="S1", value_added=10_000, move_cost=30_000),
            Pmc("P2", "Metaal", "production", True, "W", min_volume=0, max_volume=20, material_cost=6_000,
                fixed_cost=120_000, closure_cost=40_000, may_close=True, site="S2", value_added=12_000, move_cost=25_000),
            Pmc("P3", "Groen", "services", False, "G", min_volume=5, max_volume=25, material_cost=1_000,
                fixed_cost=30_000, closure_cost=10_000, may_close=False, value_added=20_000),
            Pmc("P4", "Detachering", "individual_secondment", False, "J", min_volume=0, max_volume=30,
                material_cost=0, fixed_cost=0, closure_cost=0, may_close=True),
        ),
        eligibility=(
            Eligibility("A", "P1", True, 1.0, 30),
            Eligibility("A", "P2", True, 1.0, 15),
            Eligibility("B", "P1", True, 1.0, 0),
            Eligibility("B", "P3", True, 1.0, 18),
            Eligibility("B", "P4", True, 1.0, 10),
        ),
        tariffs=(
            Tariff("P4", 1, 20.0, 15, False),
            Tariff("P4", 2, 25.0, 12, True),
            Tariff("P4", 3, 30.0, 8, False),
        ),
        supervision_types=(
            SupervisionType("W", "Werkleiders", cost_per_fte=55_000, current_fte=5, max_shrink=0.2),
            SupervisionType("G", "Groepsleiders groen", cost_per_fte=55_000, current_fte=2, max_shrink=0.5),
            SupervisionType("J", "Jobcoaches", cost_per_fte=60_000, current_fte=0.5, max_shrink=0.5),
        ),
        supervision_options=(
            SupervisionOption("W", "1:10", span=10, reorg_cost=0, current=True),
            SupervisionOption("W", "1:15", span=15, reorg_cost=30_000, current=False),
            SupervisionOption("G", "1:12", span=12, reorg_cost=0, current=True),
            SupervisionOption("J", "1:25", span=25, reorg_cost=0, current=True),
        ),
        acquisition=(Acquisition("individual_secondment", cost_per_fte=70_000, demand_per_fte=6, duration=2, max_fte=2),),
        chain_partners=(ChainPartner("C1", "Zorggroep De Linde", tariff=12_000, cost_per_place=1_000, capacity=10,
                                     groups=("A",)),),
    )


if __name__ == "__main__":
    out = Path(__file__).with_name("tiny.xlsx")
    print(write_workbook(tiny(), out, overwrite=True))
