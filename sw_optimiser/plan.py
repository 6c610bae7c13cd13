"""A plan: every decision for every year. The baseline is the plan that changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from .company import CompanyModel


@dataclass
class Plan:
    """Decisions per year, for every year of the model (the base year holds today's situation)."""

    placement: dict[tuple[str, str, int], float] = field(default_factory=dict)  # (group, pmc, year) -> SE
    chain: dict[tuple[str, str, int], float] = field(default_factory=dict)  # (group, partner, year) -> SE
    pmc_open: dict[tuple[str, int], bool] = field(default_factory=dict)
    pmc_site: dict[tuple[str, int], str | None] = field(default_factory=dict)
    tariff_level: dict[tuple[str, int], int] = field(default_factory=dict)  # secondment PMCs with tariffs
    site_open: dict[tuple[str, int], bool] = field(default_factory=dict)
    supervision_fte: dict[tuple[str, int], float] = field(default_factory=dict)
    supervision_option: dict[tuple[str, int], str] = field(default_factory=dict)
    sales_fte: dict[tuple[str, int], float] = field(default_factory=dict)  # extra sales FTE per activity

    def pmc_se(self, pmc_id: str, year: int) -> float:
        return sum(se for (g, p, t), se in self.placement.items() if p == pmc_id and t == year)


def today(m: CompanyModel) -> Plan:
    """Today's decisions, for the base year only."""
    return baseline_plan(m, years=[m.base_year])


def baseline_plan(m: CompanyModel, years: list[int] | None = None) -> Plan:
    """Today's decisions carried forward: same PMCs, tariffs, supervision and sites; each group
    shrinks by outflow and stays placed pro rata in today's PMCs (the rest stays idle)."""
    plan = Plan()
    for t in years or m.years:
        for g in m.groups:
            share = (1 - g.outflow) ** (t - m.base_year)
            for e in m.eligibility:
                if e.group == g.id and e.allowed and e.current_se > 0:
                    plan.placement[(g.id, e.pmc, t)] = e.current_se * share
        for p in m.pmcs:
            plan.pmc_open[(p.id, t)] = True
            plan.pmc_site[(p.id, t)] = p.site
            if p.id in m.tariffs_of:
                plan.tariff_level[(p.id, t)] = m.current_tariff(p.id).level
        for s in m.sites:
            plan.site_open[(s.id, t)] = True
        for k in m.supervision_types:
            plan.supervision_fte[(k.id, t)] = k.current_fte
            plan.supervision_option[(k.id, t)] = m.current_option(k.id).option
        for a in m.acquisition:
            plan.sales_fte[(a.activity, t)] = 0.0
    return plan
