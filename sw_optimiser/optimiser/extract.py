"""Read the solved Pyomo model back into a `Plan` (the results are then priced by evaluate())."""

from __future__ import annotations

import pyomo.environ as pyo

from ..plan import Plan, today
from .builder import Builder
from .levers.sites import places

ZERO = 1e-7


def _val(var) -> float:
    value = var.value
    return 0.0 if value is None or abs(value) < ZERO else float(value)


def extract_plan(b: Builder) -> Plan:
    m, pm = b.m, b.pm
    plan = today(m)
    for (g, p, t), var in pm.x.items():
        value = _val(var)
        if value:
            plan.placement[g, p, t] = value
    for (g, c, t), var in pm.chain.items():
        value = _val(var)
        if value:
            plan.chain[g, c, t] = value
    for p in m.pmcs:
        for t in b.T:
            is_open = _val(pm.pmc_open[p.id, t]) > 0.5
            plan.pmc_open[p.id, t] = is_open
            sites = [s for s in places(b, p) if _val(pm.loc[p.id, s, t]) > 0.5]
            plan.pmc_site[p.id, t] = sites[0] if sites else (p.site if is_open else None)
            levels = m.tariffs_of.get(p.id)
            if levels:
                plan.tariff_level[p.id, t] = next(tr.level for tr in levels if _val(pm.tariff[p.id, tr.level, t]) > 0.5)
    for s in m.sites:
        for t in b.T:
            plan.site_open[s.id, t] = _val(pm.site_open[s.id, t]) > 0.5
    for k in m.supervision_types:
        for t in b.T:
            options = m.options_of[k.id]
            plan.supervision_fte[k.id, t] = sum(_val(pm.sup_fte[k.id, o.option, t]) for o in options)
            plan.supervision_option[k.id, t] = next(o.option for o in options
                                                    if _val(pm.sup_option[k.id, o.option, t]) > 0.5)
    for (a, t), var in pm.sales.items():
        plan.sales_fte[a, t] = float(round(_val(var)))
    return plan


def integer_vars(b: Builder) -> list:
    return [v for v in b.pm.component_data_objects(pyo.Var, descend_into=True) if v.is_integer() or v.is_binary()]
