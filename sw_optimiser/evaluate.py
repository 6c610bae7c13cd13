"""Price a plan: the profit-and-loss account per year, per PMC, per site, and the one-off events.

Plain arithmetic on a `Plan`; the baseline is evaluated with it, and so is every optimised plan, so
every reported figure is computed the same way whatever produced the plan.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from . import economics as eco
from .company import CompanyModel
from .plan import Plan
from .results import PNL_ROWS, Results

EPS = 1e-9


def _tariff(m: CompanyModel, pmc_id: str, level: int | None):
    return next((tr for tr in m.tariffs_of.get(pmc_id, []) if tr.level == level), None)


def workplace_changes(m: CompanyModel, plan: Plan, year: int) -> float:
    """SE that leave their PMC or chain place in `year` beyond natural outflow, plus the SE of
    PMCs that move to another site."""
    return sum(group_workplace_changes(m, plan, year).values())


def group_workplace_changes(m: CompanyModel, plan: Plan, year: int) -> dict[str, float]:
    """Per worker group, the SE that change workplace in `year` (see workplace_changes)."""
    prev = year - 1
    moved = {g.id: 0.0 for g in m.groups}
    for store in (plan.placement, plan.chain):
        for (g, p, t), se in store.items():
            if t == prev:
                stay = se * m.retained(m.group[g], year)
                moved[g] += max(0.0, stay - store.get((g, p, year), 0.0))
    for p in m.pmcs:
        here, before = plan.pmc_site.get((p.id, year)), plan.pmc_site.get((p.id, prev))
        if plan.pmc_open.get((p.id, year)) and here is not None and before is not None and here != before:
            for (g, pp, t), se in plan.placement.items():
                if pp == p.id and t == year:
                    moved[g] += se
    return moved


def market_size(m: CompanyModel, pmc, tariff) -> float:
    """SE the market can take from a PMC at its tariff: the workbook's market size, at another tariff level
    scaled with that level's demand (as the model bounds volume, levers/tariffs.py); where the workbook gives
    none, the demand at its tariff or its max volume (acquisition's own limits then bound what it adds)."""
    if pmc.market_size is None:
        return tariff.demand if tariff is not None else pmc.max_volume
    current = m.current_tariff(pmc.id)
    if tariff is not None and current is not None and current.demand > 0:
        return pmc.market_size * tariff.demand / current.demand
    return pmc.market_size


def evaluate(m: CompanyModel, plan: Plan, **meta) -> Results:
    years = m.years
    by_pmc: dict[tuple[str, int], list[tuple[str, float]]] = defaultdict(list)
    by_group: dict[tuple[str, int], float] = defaultdict(float)
    for (g, p, yr), se in plan.placement.items():
        by_pmc[(p, yr)].append((g, se))
        by_group[(g, yr)] += se
    chain_by_partner: dict[tuple[str, int], float] = defaultdict(float)
    chain_by_group: dict[tuple[str, int], float] = defaultdict(float)
    for (g, c, yr), se in plan.chain.items():
        chain_by_partner[(c, yr)] += se
        chain_by_group[(g, yr)] += se
    pnl_rows, pmc_rows, site_rows, sup_rows, sales_rows, chain_rows, group_rows, events = ([] for _ in range(8))
    for t in years:
        P = defaultdict(float)
        pmc_se = {p.id: sum(se for _, se in by_pmc[(p.id, t)]) for p in m.pmcs}
        se_total = eco.total_se(m, t)
        type_se, site_se = defaultdict(float), defaultdict(float)
        for p in m.pmcs:
            type_se[p.supervision_type] += pmc_se[p.id]
            site = plan.pmc_site.get((p.id, t))
            if site is not None:
                site_se[site] += pmc_se[p.id]
        sup_cost = {k.id: plan.supervision_fte.get((k.id, t), 0.0) * eco.supervisor_cost(m, k.id, t)
                    for k in m.supervision_types}
        site_cost = {s.id: eco.site_cost(m, s, t) if plan.site_open.get((s.id, t), True) else 0.0 for s in m.sites}
        offices_rented = eco.offices_short(m, [s.id for s in m.sites if plan.site_open.get((s.id, t), True)])
        overhead = eco.overhead(m, t)
        # PMCs
        sheltered = 0.0
        outside = 0.0
        owner_tariff = 0.0
        for p in m.pmcs:
            is_open = plan.pmc_open.get((p.id, t), True)
            level = plan.tariff_level.get((p.id, t))
            tariff = _tariff(m, p.id, level)
            productive = sum(se * m.productivity(g, p.id) for g, se in by_pmc[(p.id, t)])
            revenue = productive * eco.revenue_per_productive_se(m, p, t, tariff)
            material = productive * eco.material_per_productive_se(m, p, t)
            fixed = eco.pmc_fixed_cost(m, p, t) if is_open else 0.0
            se = pmc_se[p.id]
            sup_alloc = sup_cost[p.supervision_type] * se / type_se[p.supervision_type] if se > EPS else 0.0
            site = plan.pmc_site.get((p.id, t))
            site_alloc = site_cost[site] * se / site_se[site] if site is not None and se > EPS else 0.0
            over_alloc = overhead * se / se_total if se_total > EPS else 0.0
            P["revenue"] += revenue
            P["material"] += material
            P["pmc_fixed_costs"] += fixed
            owner_tariff += productive * eco.owner_tariff_extra(m, p, t, tariff)
            if p.sheltered:
                sheltered += se
            if p.activity in ("group_secondment", "individual_secondment", "supported_employment"):
                outside += se
            pmc_rows.append({
                "year": t, "pmc": p.id, "name": p.name, "activity": p.activity, "open": is_open,
                "site": site, "tariff_level": level, "se": se, "market_size": market_size(m, p, tariff),
                "productive_se": productive,
                "revenue": revenue, "material": material, "value_added": revenue - material,
                "fixed_costs": fixed, "supervision_alloc": sup_alloc, "site_alloc": site_alloc,
                "overhead_alloc": over_alloc,
                "margin": revenue - material - fixed - sup_alloc - site_alloc - over_alloc,
            })
        # chain partners
        chain_se = 0.0
        for c in m.chain_partners:
            se = chain_by_partner[(c.id, t)]
            chain_se += se
            P["revenue"] += se * eco.chain_revenue(m, c.id, t)
            P["material"] += se * eco.chain_cost(m, c.id, t)
            chain_rows.append({"year": t, "partner": c.id, "name": c.name, "se": se, "capacity": c.capacity})
        sheltered += chain_se
        # groups
        placed_total = 0.0
        for g in m.groups:
            placed, chained = by_group[(g.id, t)], chain_by_group[(g.id, t)]
            placed_total += placed
            group_rows.append({"year": t, "group": g.id, "name": g.name, "se": m.group_se(g, t),
                               "placed": placed, "chain": chained, "idle": m.group_se(g, t) - placed - chained})
        # sites
        for s in m.sites:
            is_open = plan.site_open.get((s.id, t), True)
            site_rows.append({"year": t, "site": s.id, "name": s.name, "open": is_open, "se": site_se[s.id],
                              "capacity": s.capacity if is_open else 0.0,
                              "use": site_se[s.id] / s.capacity if s.capacity and is_open else 0.0,
                              "cost": site_cost[s.id]})
        # supervision and sales
        for k in m.supervision_types:
            fte = plan.supervision_fte.get((k.id, t), 0.0)
            option = _option(m, plan, k.id, t)
            span = next(o.span for o in m.options_of[k.id] if o.option == option)
            sup_rows.append({"year": t, "type": k.id, "name": k.name, "option": option, "span": span, "fte": fte,
                             "se": type_se[k.id], "se_per_fte": type_se[k.id] / fte if fte > EPS else 0.0,
                             "cost": sup_cost[k.id]})
        for a in m.acquisition:
            fte = plan.sales_fte.get((a.activity, t), 0.0)
            sales_rows.append({"year": t, "activity": a.activity, "fte": fte, "cost": fte * eco.sales_cost(m, a.activity, t)})
            P["acquisition"] += fte * eco.sales_cost(m, a.activity, t)
        one_off = _events(m, plan, t, events) if t > m.base_year else 0.0
        P["value_added"] = P["revenue"] - P["material"]
        P["wages_wsw"] = eco.wage_cost(m, t)
        P["subsidy"] = eco.subsidy(m, t)
        P["participation_funding"] = eco.participation_funding(m, t)
        P["supervision"] = sum(sup_cost.values())
        P["site_costs"] = sum(site_cost.values()) + offices_rented * eco.office_rent(m, t)
        P["overhead"] = overhead
        P["one_off"] = one_off
        P["structural_result"] = (P["value_added"] - P["pmc_fixed_costs"] - P["wages_wsw"] + P["subsidy"]
                                  + P["participation_funding"] - P["supervision"] - P["site_costs"]
                                  - P["overhead"] - P["acquisition"])
        P["operating_result"] = P["structural_result"] - P["one_off"]
        P["municipal_contribution"] = max(0.0, -P["operating_result"])
        P["contribution_structural"] = max(0.0, -P["structural_result"])
        P["contribution_one_off"] = P["municipal_contribution"] - P["contribution_structural"]
        moved = workplace_changes(m, plan, t) if t > m.base_year else 0.0
        pnl_rows.append({"year": t, **{k: P[k] for k in PNL_ROWS},
                         "se_total": se_total, "se_placed": placed_total, "se_chain": chain_se,
                         "se_idle": se_total - placed_total - chain_se, "se_sheltered": sheltered,
                         "se_outside": outside, "se_moved": moved,
                         "offices_rented": offices_rented, "owner_tariff_extra": owner_tariff,
                         "owners_result": P["operating_result"] - owner_tariff,
                         "value_added_per_se": P["value_added"] / se_total if se_total > EPS else 0.0,
                         # KPIs per SE: structural (one-off costs and proceeds are reported apart)
                         "result_per_se": P["structural_result"] / se_total if se_total > EPS else 0.0,
                         "contribution_per_se": P["contribution_structural"] / se_total if se_total > EPS else 0.0})
    pnl = pd.DataFrame(pnl_rows).set_index("year")
    return Results(
        company=m.company.name, plan=plan, pnl=pnl,
        pmcs=pd.DataFrame(pmc_rows), sites=pd.DataFrame(site_rows), supervision=pd.DataFrame(sup_rows),
        sales=pd.DataFrame(sales_rows, columns=["year", "activity", "fte", "cost"]),
        chain=pd.DataFrame(chain_rows, columns=["year", "partner", "name", "se", "capacity"]),
        groups=pd.DataFrame(group_rows),
        events=pd.DataFrame(events, columns=["year", "kind", "subject", "detail", "amount"]),
        npv=sum(pnl.loc[t, "operating_result"] * m.discount(t) for t in m.plan_years),
        **meta,
    )


def _option(m: CompanyModel, plan: Plan, type_id: str, year: int) -> str:
    """The supervision option of a type in a year (today's where the plan does not say)."""
    return plan.supervision_option.get((type_id, year), m.current_option(type_id).option)


def _events(m: CompanyModel, plan: Plan, t: int, events: list) -> float:
    """One-off decisions taking effect in year t (against year t-1), appended to `events`; returns their cost."""
    total = 0.0

    def add(kind, subject, detail, amount):
        nonlocal total
        total += amount
        events.append({"year": t, "kind": kind, "subject": subject, "detail": detail, "amount": amount})

    for p in m.pmcs:
        was, now = plan.pmc_open.get((p.id, t - 1), True), plan.pmc_open.get((p.id, t), True)
        if was and not now:
            add("close_pmc", p.id, p.name, eco.closure_cost(m, p, t))
        before, here = plan.pmc_site.get((p.id, t - 1)), plan.pmc_site.get((p.id, t))
        if now and before is not None and here is not None and here != before:
            add("move_pmc", p.id, f"{before} → {here}", eco.move_cost(m, p, t))
        lv_before, lv = plan.tariff_level.get((p.id, t - 1)), plan.tariff_level.get((p.id, t))
        if now and lv is not None and lv != lv_before:
            add("tariff", p.id, f"{lv_before} → {lv}", 0.0)
    for s in m.sites:
        if plan.site_open.get((s.id, t - 1), True) and not plan.site_open.get((s.id, t), True):
            add("divest_site", s.id, s.name, -eco.divest_proceeds(m, s, t))
    for k in m.supervision_types:
        before, now = _option(m, plan, k.id, t - 1), _option(m, plan, k.id, t)
        if now != before:
            add("reorganise", k.id, f"{before} → {now}", eco.reorg_cost(m, k.id, now, t))
    for g, se in group_workplace_changes(m, plan, t).items():
        cost = se * eco.people_move_cost(m, m.group[g], t)
        if se > EPS and cost:
            add("move_people", g, se, cost)
    return total
