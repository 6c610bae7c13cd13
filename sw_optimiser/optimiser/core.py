"""What always holds, whichever levers are on: every Wsw employee placed (or visibly idle), PMC volumes,
and the money that no decision moves (Wsw wages, subsidy, overhead)."""

from __future__ import annotations

from .. import economics as eco
from .builder import Builder


def constraints(b: Builder) -> None:
    m, pm = b.m, b.pm
    for g in m.groups:
        where = ", ".join([p for gg, p in b.pairs if gg == g.id] + [c.id for c in m.chain_partners if g.id in c.groups])
        for t in b.T:
            # employ: every SE of a group is placed in a PMC, at a chain partner, or (only where the
            # scenario allows it) idle.
            b.rule("employ", "se", "explain.employ", (g.id, t), sum(b.x[g.id, p, t] for gg, p in b.pairs if gg == g.id)
                   + b.chain_se(g.id, t) + pm.idle[g.id, t], "==", m.group_se(g, t),
                   group=g.id, name=g.name, year=t, limit=m.group_se(g, t), where=where or "–")
            if b.social.idle_cost:
                # the social cost of idleness weighs in the plan, not in the operating result
                b.add_penalty(t, b.social.idle_cost * m.price_index(t) * pm.idle[g.id, t])
    for p in m.pmcs:
        for t in b.T:
            se = b.pmc_se(p.id, t)
            is_open = b.pmc_open.get((p.id, t), 1)
            extra = b.extra.get((p.id, t), 0)
            # vol_max: at most the market maximum (plus the demand acquisition opened) while open.
            b.rule("vol_max", "se", "explain.vol_max", (p.id, t), se - extra, "<=", p.max_volume * is_open,
                   pmc=p.id, name=p.name, year=t, limit=p.max_volume)
            # vol_min: the contract minimum while open (not enforced when placement is fixed).
            if p.min_volume > 0:
                b.rule("vol_min", "se", "explain.vol_min", (p.id, t), se, ">=", p.min_volume * is_open,
                       pmc=p.id, name=p.name, year=t, limit=p.min_volume)
            # Value added at today's tariff; the tariff lever adds the difference of other levels.
            b.add_result(t, sum(b.x[g, p.id, t] * b.prod[g, p.id]
                                * (eco.revenue_per_productive_se(m, p, t) - eco.material_per_productive_se(m, p, t))
                                for g in b.groups_of[p.id]))
    for t in b.T:
        b.add_result(t, eco.subsidy(m, t) + eco.participation_funding(m, t) - eco.wage_cost(m, t) - eco.overhead(m, t))
