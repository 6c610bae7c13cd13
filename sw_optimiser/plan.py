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
    """Today's decisions carried forward, policy-neutral (beleidsarm): same PMCs, tariffs, supervision
    structure and sites; each group stays placed pro rata in today's PMCs as it shrinks (or grows), the
    rest stays idle; supervisor FTE follow their workers at today's SE per FTE, as natural attrition
    allows (at most `max_shrink` less a year)."""
    plan = Plan()
    years = years or m.years
    for t in years:
        for g in m.groups:
            share = m.group_se(g, t) / g.se if g.se > 0 else 0.0
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
            plan.supervision_option[(k.id, t)] = m.current_option(k.id).option
        for a in m.acquisition:
            plan.sales_fte[(a.activity, t)] = 0.0
    for k in m.supervision_types:
        for t, fte in supervisors_following(m, plan, k, years).items():
            plan.supervision_fte[(k.id, t)] = fte
    return plan


def supervisors_following(m: CompanyModel, plan: Plan, k, years: list[int]) -> dict[int, float]:
    """Supervisor FTE of type k per year when they follow the SE they supervise at today's SE per FTE:
    FTE(t) = max(FTE today x SE(t) / SE today, (1 - max_shrink) x FTE(t - 1)). Without workers today
    the FTE stay as today."""
    pmcs = [p.id for p in m.pmcs if p.supervision_type == k.id]
    today = sum(e.current_se for e in m.eligibility if e.allowed and e.pmc in pmcs)
    out, before = {}, k.current_fte
    for t in years:
        if t == m.base_year or today <= 0:
            fte = k.current_fte
        else:
            load = sum(plan.pmc_se(p, t) for p in pmcs)
            fte = max(k.current_fte * load / today, (1 - k.max_shrink) * before)
        out[t] = before = fte
    return out
