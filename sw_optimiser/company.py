"""The company model: one sw-company's figures as they are today (validated input data)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property

from .schema import (
    Acquisition,
    AgeBand,
    ChainPartner,
    Company,
    Eligibility,
    Municipality,
    Overhead,
    Pmc,
    Site,
    SubsidyYear,
    SupervisionOption,
    SupervisionType,
    Tariff,
    TravelTime,
    WorkerGroup,
)
from .travel import Travel

CONTRACT_TERM = 4  # years a renewed secondment contract runs at the tariff agreed (typical terms are 3-5 years)


@dataclass(frozen=True)
class CompanyModel:
    company: Company
    overhead: Overhead
    groups: tuple[WorkerGroup, ...]
    subsidy: tuple[SubsidyYear, ...]
    sites: tuple[Site, ...]
    pmcs: tuple[Pmc, ...]
    eligibility: tuple[Eligibility, ...]
    tariffs: tuple[Tariff, ...] = ()
    supervision_types: tuple[SupervisionType, ...] = ()
    supervision_options: tuple[SupervisionOption, ...] = ()
    acquisition: tuple[Acquisition, ...] = ()
    chain_partners: tuple[ChainPartner, ...] = ()
    ages: tuple[AgeBand, ...] = ()
    travel_times: tuple[TravelTime, ...] = ()
    municipalities: tuple[Municipality, ...] = ()  # the owners' distribution key (optional)

    # ----- time -------------------------------------------------------------------------------
    @property
    def base_year(self) -> int:
        return self.company.base_year

    @property
    def years(self) -> list[int]:
        """Base year (today) followed by the plan years."""
        return list(range(self.base_year, self.base_year + self.company.horizon + 1))

    @property
    def plan_years(self) -> list[int]:
        return self.years[1:]

    def wage_index(self, year: int) -> float:
        return (1 + self.company.wage_indexation) ** (year - self.base_year)

    def price_index(self, year: int) -> float:
        return (1 + self.company.price_indexation) ** (year - self.base_year)

    def discount(self, year: int) -> float:
        return (1 + self.company.discount_rate) ** -(year - self.base_year)

    def group_se(self, group: WorkerGroup, year: int) -> float:
        """SE of a group employed in `year`: today's employees still there plus those who came in since."""
        return self.staying(group, year) + self.newcomers(group, year)

    def staying(self, group: WorkerGroup, year: int) -> float:
        """SE of today's employees of a group still employed in `year`. Without an age profile: the base
        SE less the yearly outflow. With one: each band's SE less the yearly outflow for other reasons,
        and less the ages that have reached the state pension age (ages spread evenly over a band)."""
        n = year - self.base_year
        other = (1 - group.outflow) ** n
        bands = self.ages_of.get(group.id)
        if not bands:
            return group.se * other
        return sum(b.se * other * self.below_pension_age(b, n) for b in bands)

    def below_pension_age(self, band: AgeBand, years_on: int) -> float:
        """Share of an age band (ages in the base year) still below the state pension age `years_on`
        years later: the ages a with a + years_on < pension age, of the band's age_to - age_from + 1 ages."""
        ages = range(band.age_from, band.age_to + 1)
        return sum(1 for a in ages if a + years_on < self.company.state_pension_age) / max(1, len(ages))

    def newcomers(self, group: WorkerGroup, year: int) -> float:
        """SE that came in after the base year and are still employed: `inflow` a year, less outflow
        (newcomers are taken to be far from the state pension age)."""
        return sum(group.inflow * (1 - group.outflow) ** (year - s) for s in range(self.base_year + 1, year + 1))

    def retained(self, group: WorkerGroup, year: int) -> float:
        """Share of a group's employees of `year` - 1 still employed in `year` (1 - outflow without ages)."""
        before = self.group_se(group, year - 1)
        return (self.group_se(group, year) - group.inflow) / before if before > 0 else 1.0

    def renewal_years(self, pmc) -> list[int]:
        """Plan years in which PMC `pmc`'s tariff may change: its contract end and every CONTRACT_TERM years
        after it; without a contract end (the workbook does not say), every plan year."""
        if pmc.contract_end is None:
            return list(self.plan_years)
        return [t for t in self.plan_years if t >= pmc.contract_end and (t - pmc.contract_end) % CONTRACT_TERM == 0]

    # ----- lookups ----------------------------------------------------------------------------
    @cached_property
    def group(self) -> dict[str, WorkerGroup]:
        return {g.id: g for g in self.groups}

    @cached_property
    def ages_of(self) -> dict[str, list[AgeBand]]:
        out: dict[str, list[AgeBand]] = {}
        for b in self.ages:
            out.setdefault(b.group, []).append(b)
        return out

    @cached_property
    def pmc(self) -> dict[str, Pmc]:
        return {p.id: p for p in self.pmcs}

    @cached_property
    def site(self) -> dict[str, Site]:
        return {s.id: s for s in self.sites}

    @cached_property
    def subsidy_per_se(self) -> dict[int, float]:
        return {s.year: s.per_se for s in self.subsidy}

    @cached_property
    def eligible(self) -> dict[tuple[str, str], Eligibility]:
        """(group, pmc) -> eligibility row, for allowed pairs only."""
        return {(e.group, e.pmc): e for e in self.eligibility if e.allowed}

    @cached_property
    def tariffs_of(self) -> dict[str, list[Tariff]]:
        out: dict[str, list[Tariff]] = {}
        for tr in sorted(self.tariffs, key=lambda tr: (tr.pmc, tr.level)):
            out.setdefault(tr.pmc, []).append(tr)
        return out

    def current_tariff(self, pmc_id: str) -> Tariff | None:
        return next((tr for tr in self.tariffs_of.get(pmc_id, []) if tr.current), None)

    @cached_property
    def supervision_type(self) -> dict[str, SupervisionType]:
        return {s.id: s for s in self.supervision_types}

    @cached_property
    def options_of(self) -> dict[str, list[SupervisionOption]]:
        out: dict[str, list[SupervisionOption]] = {}
        for o in self.supervision_options:
            out.setdefault(o.type, []).append(o)
        return out

    def current_option(self, type_id: str) -> SupervisionOption | None:
        return next((o for o in self.options_of.get(type_id, []) if o.current), None)

    @cached_property
    def chain_partner(self) -> dict[str, ChainPartner]:
        return {c.id: c for c in self.chain_partners}

    @cached_property
    def travel(self) -> Travel | None:
        """The sites' travel times, when the company sets a maximum (else a PMC may move anywhere)."""
        if self.company.max_travel_minutes is None:
            return None
        return Travel(self.company.max_travel_minutes,
                      {frozenset((tt.site_a, tt.site_b)): tt.minutes for tt in self.travel_times})

    def may_move(self, pmc: Pmc, site: Site) -> bool:
        """Whether PMC `pmc` may move to `site`: the site houses its activity and is within travel time."""
        if site.activities and pmc.activity not in site.activities:
            return False
        return self.travel is None or site.id == pmc.site or self.travel.allows(pmc.site, site.id)

    @cached_property
    def acquisition_of(self) -> dict[str, Acquisition]:
        return {a.activity: a for a in self.acquisition}

    def productivity(self, group_id: str, pmc_id: str) -> float:
        """Productive SE per placed SE of a group in a PMC: present (1 - sick leave) x loonwaarde x factor."""
        return (1 - self.company.sick_leave) * self.group[group_id].productivity * self.eligible[(group_id, pmc_id)].factor

    def replace(self, **changes) -> "CompanyModel":
        return dataclasses.replace(self, **changes)
