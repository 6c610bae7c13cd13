"""The company model: one sw-company's figures as they are today (validated input data)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property

from .schema import (
    Acquisition,
    ChainPartner,
    Company,
    Eligibility,
    Overhead,
    Pmc,
    Site,
    SubsidyYear,
    SupervisionOption,
    SupervisionType,
    Tariff,
    WorkerGroup,
)


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
        """SE of a group still employed in `year`: the base SE less yearly outflow."""
        return group.se * (1 - group.outflow) ** (year - self.base_year)

    # ----- lookups ----------------------------------------------------------------------------
    @cached_property
    def group(self) -> dict[str, WorkerGroup]:
        return {g.id: g for g in self.groups}

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
    def acquisition_of(self) -> dict[str, Acquisition]:
        return {a.activity: a for a in self.acquisition}

    def productivity(self, group_id: str, pmc_id: str) -> float:
        """Productive SE per placed SE of a group in a PMC (loonwaarde x factor)."""
        return self.group[group_id].productivity * self.eligible[(group_id, pmc_id)].factor

    def replace(self, **changes) -> "CompanyModel":
        return dataclasses.replace(self, **changes)
