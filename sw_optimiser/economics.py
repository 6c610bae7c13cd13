"""Money per unit, per year: the one place that prices a decision.

Both the plan evaluation (baseline and results) and the optimisation model take their
coefficients from here, so the two cannot price the same thing differently.
"""

from __future__ import annotations

from .company import CompanyModel
from .schema import Pmc, Site, Tariff, WorkerGroup


def revenue_per_productive_se(m: CompanyModel, pmc: Pmc, year: int, tariff: Tariff | None = None) -> float:
    """Turnover per productive SE: value added plus material, or the secondment tariff x hours."""
    if pmc.id in m.tariffs_of:
        tariff = tariff or m.current_tariff(pmc.id)
        base = tariff.hourly_tariff * m.company.billable_hours
    else:
        base = (pmc.value_added or 0.0) + pmc.material_cost
    return base * m.price_index(year)


def material_per_productive_se(m: CompanyModel, pmc: Pmc, year: int) -> float:
    return pmc.material_cost * m.price_index(year)


def pmc_fixed_cost(m: CompanyModel, pmc: Pmc, year: int) -> float:
    return pmc.fixed_cost * m.price_index(year)


def closure_cost(m: CompanyModel, pmc: Pmc, year: int) -> float:
    return pmc.closure_cost * m.price_index(year)


def move_cost(m: CompanyModel, pmc: Pmc, year: int) -> float:
    return (pmc.move_cost or 0.0) * m.price_index(year)


def people_move_cost(m: CompanyModel, group: WorkerGroup, year: int) -> float:
    """One-off cost per SE of the group that changes workplace (induction, training, travel)."""
    return group.move_cost * m.price_index(year)


def wage_cost(m: CompanyModel, year: int) -> float:
    """Wsw wages of everyone still employed: fixed, whatever they do."""
    return sum(m.group_se(g, year) * g.wage_cost for g in m.groups) * m.wage_index(year)


def total_se(m: CompanyModel, year: int) -> float:
    return sum(m.group_se(g, year) for g in m.groups)


def wsw_se(m: CompanyModel, year: int) -> float:
    """SE employed under the Wsw: the ones the Rijkssubsidie pays for."""
    return sum(m.group_se(g, year) for g in m.groups if g.kind == "wsw")


def subsidy(m: CompanyModel, year: int) -> float:
    """The Rijkssubsidie: Wsw SE x the subsidy per SE of the year (Participatiewet groups get none)."""
    return wsw_se(m, year) * m.subsidy_per_se[year]


def participation_funding(m: CompanyModel, year: int) -> float:
    """Municipal funding of Participatiewet groups: SE x funding per SE (base-year level, wage-indexed)."""
    return sum(m.group_se(g, year) * g.funding_per_se for g in m.groups if g.kind != "wsw") * m.wage_index(year)


def overhead(m: CompanyModel, year: int) -> float:
    """Overhead: by default (policy-neutral) the fixed part moves with the workforce, so overhead per SE
    stays as in the base year; with `follows_workforce` off the fixed part is a fixed amount."""
    se = total_se(m, year)
    base_se = total_se(m, m.base_year)
    fixed = m.overhead.fixed * (se / base_se if m.overhead.follows_workforce and base_se > 0 else 1.0)
    return (fixed + m.overhead.per_se * se) * m.price_index(year)


def site_cost(m: CompanyModel, site: Site, year: int) -> float:
    return site.fixed_cost * m.price_index(year)


def office_rent(m: CompanyModel, year: int) -> float:
    """Rent of one office workplace for the overhead staff (when the own offices do not suffice)."""
    return (m.overhead.office_rent or 0.0) * m.price_index(year)


def offices_short(m: CompanyModel, open_sites) -> float:
    """Office workplaces the overhead staff lack in the open sites (rented at `office_rent`)."""
    return max(0.0, m.overhead.office_workplaces - sum(m.site[s].offices for s in open_sites))


def owner_tariff_extra(m: CompanyModel, pmc: Pmc, year: int, tariff: Tariff | None) -> float:
    """Per productive SE: what an owner municipality pays above today's tariff (0 for other clients). A
    joint company's deficit is paid by its owners, so this only moves money between their own budgets."""
    if pmc.client != "owner_municipality" or pmc.id not in m.tariffs_of or tariff is None:
        return 0.0
    return revenue_per_productive_se(m, pmc, year, tariff) - revenue_per_productive_se(m, pmc, year)


def divest_proceeds(m: CompanyModel, site: Site, year: int) -> float:
    """One-off proceeds (+) or cost (−) of leaving a site in `year`; a lease that has ended costs nothing."""
    if site.ownership == "leased" and site.lease_end is not None and year >= site.lease_end:
        return 0.0
    return site.divest_value * m.price_index(year)


def may_divest(m: CompanyModel, site: Site, year: int) -> bool:
    return site.earliest_divest is None or year >= site.earliest_divest


def supervisor_cost(m: CompanyModel, type_id: str, year: int) -> float:
    return m.supervision_type[type_id].cost_per_fte * m.wage_index(year)


def reorg_cost(m: CompanyModel, type_id: str, option: str, year: int) -> float:
    opt = next(o for o in m.options_of[type_id] if o.option == option)
    return opt.reorg_cost * m.price_index(year)


def sales_cost(m: CompanyModel, activity: str, year: int) -> float:
    return m.acquisition_of[activity].cost_per_fte * m.wage_index(year)


def chain_revenue(m: CompanyModel, partner_id: str, year: int) -> float:
    return m.chain_partner[partner_id].tariff * m.price_index(year)


def chain_cost(m: CompanyModel, partner_id: str, year: int) -> float:
    return m.chain_partner[partner_id].cost_per_place * m.price_index(year)
