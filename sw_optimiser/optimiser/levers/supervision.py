"""Lever 4: the supervision structure (begeleidingsstructuur). Per supervision type a structure option
(span of control) and the supervisor FTE; switching option costs a one-off reorganisation, and staff
shrinks at most a set share per year. Coverage (workers <= span x FTE) always holds."""

from __future__ import annotations

import pyomo.environ as pyo

from ... import economics as eco
from ...plan import Plan
from ..builder import Builder, value
from . import Lever

NAME = "supervision"


def _fte_bound(b: Builder, k, span: float, t: int) -> float:
    """Most supervisor FTE an optimal plan can have under one option: enough for every SE the type's
    PMCs can take (market maximum plus acquisition, at most the SE employed), or today's FTE if that is
    more (staff may shrink only slowly)."""
    pmcs = [p for p in b.m.pmcs if p.supervision_type == k.id]
    market = sum(p.max_volume + (b.extra[p.id, t].ub if (p.id, t) in b.extra else 0.0) for p in pmcs)
    employed = sum(b.m.group_se(g, t) for g in b.m.groups
                   if any((g.id, p.id) in b.m.eligible for p in pmcs))
    return max(min(market, employed) / span, k.current_fte, b.today.supervision_fte[(k.id, t)])


def variables(b: Builder) -> None:
    m, pm = b.m, b.pm
    index = [(k.id, o.option, t) for k in m.supervision_types for o in m.options_of[k.id] for t in b.T]
    pm.sup_option = pyo.Var(index, domain=pyo.Binary)
    pm.sup_fte = pyo.Var(index, domain=pyo.NonNegativeReals)
    pm.sup_switch = pyo.Var(index, domain=pyo.NonNegativeReals)
    for k in m.supervision_types:
        for o in m.options_of[k.id]:
            for t in b.T:
                pm.sup_fte[k.id, o.option, t].setub(_fte_bound(b, k, o.span, t))
                b.decision(NAME, pm.sup_option[k.id, o.option, t], 1 if o.current else 0)
                b.decision(NAME, pm.sup_fte[k.id, o.option, t],
                           b.today.supervision_fte[(k.id, t)] if o.current else 0.0)


def workers(b: Builder, k: str, t: int):
    """SE working in the PMCs that supervision type k supervises."""
    return sum(b.pmc_se(p.id, t) for p in b.m.pmcs if p.supervision_type == k)


def fte(b: Builder, k: str, t: int):
    if t == b.t0:
        return b.m.supervision_type[k].current_fte
    return sum(b.pm.sup_fte[k, o.option, t] for o in b.m.options_of[k])


def constraints(b: Builder) -> None:
    m, pm = b.m, b.pm
    pm.sup_choice = pyo.Constraint(pyo.Any)
    pm.sup_fte_option = pyo.Constraint(pyo.Any)
    pm.sup_shrink = pyo.Constraint(pyo.Any)
    pm.sup_switch_def = pyo.Constraint(pyo.Any)
    pm.sup_widen = pyo.Constraint(pyo.Any)
    for k in m.supervision_types:
        options = m.options_of[k.id]
        current = m.current_option(k.id)
        for t in b.T:
            # sup_choice: one structure option per type per year.
            pm.sup_choice[k.id, t] = sum(pm.sup_option[k.id, o.option, t] for o in options) == 1
            for o in options:
                # sup_fte_option: FTE only under the chosen option.
                var = pm.sup_fte[k.id, o.option, t]
                pm.sup_fte_option[k.id, o.option, t] = var <= var.ub * pm.sup_option[k.id, o.option, t]
                # sup_switch_def: a switch into option o in year t costs its reorganisation.
                before = pm.sup_option[k.id, o.option, t - 1] if t > b.T[0] else (1 if o is current else 0)
                pm.sup_switch_def[k.id, o.option, t] = pm.sup_switch[k.id, o.option, t] >= pm.sup_option[k.id, o.option, t] - before
                if o.reorg_cost:
                    b.add_one_off(t, eco.reorg_cost(m, k.id, o.option, t) * pm.sup_switch[k.id, o.option, t])
            # sup_widen: spans only widen over time (going back narrower never pays in this model; the rule
            # removes equivalent orderings from the search).
            by_span = sorted(options, key=lambda o: o.span)
            if t > b.T[0]:
                for i in range(1, len(by_span)):
                    wider = by_span[i:]
                    pm.sup_widen[k.id, by_span[i].option, t] = (
                        sum(pm.sup_option[k.id, o.option, t] for o in wider)
                        >= sum(pm.sup_option[k.id, o.option, t - 1] for o in wider))
            # sup_shrink: staff falls at most max_shrink a year.
            pm.sup_shrink[k.id, t] = fte(b, k.id, t) >= (1 - k.max_shrink) * fte(b, k.id, t - 1)
            # coverage: the workers of this type are supervised at the chosen span.
            b.rule("coverage", "se", "explain.coverage", (k.id, t), workers(b, k.id, t), "<=",
                   sum(o.span * pm.sup_fte[k.id, o.option, t] for o in options),
                   type=k.id, name=k.name, year=t, limit=current.span * k.current_fte)
            b.add_result(t, -eco.supervisor_cost(m, k.id, t) * fte(b, k.id, t))


def extract(b: Builder, plan: Plan) -> None:
    pm = b.pm
    for k in b.m.supervision_types:
        options = b.m.options_of[k.id]
        for t in b.T:
            plan.supervision_fte[k.id, t] = sum(value(pm.sup_fte[k.id, o.option, t]) for o in options)
            plan.supervision_option[k.id, t] = next(o.option for o in options
                                                    if value(pm.sup_option[k.id, o.option, t]) > 0.5)


LEVER = Lever(NAME, provides=(), needs=("x", "extra"), variables=variables, constraints=constraints,
              extract=extract)
