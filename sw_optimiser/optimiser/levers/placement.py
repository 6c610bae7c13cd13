"""The placement switch (herplaatsing): where each Wsw employee works. Switched off, every group stays
placed pro rata in today's PMCs, exactly as in the baseline, and contract minimums do not bind (a
shrinking workforce may fall below them, as in the baseline, which warns about it).

Switched on, nobody is without work (the right to work) unless the scenario allows it explicitly
(`allow_idle`, and `allow_idle_sheltered` for groups that need sheltered work), and employees in
supported employment (begeleid werken, employed by the regular employer) stay where they are: their
placement falls only by outflow, or where the employer's demand falls below it."""

from __future__ import annotations

import pyomo.environ as pyo

from ...plan import Plan
from ..builder import Builder, value
from . import Lever

NAME = "placement"


def variables(b: Builder) -> None:
    m, pm = b.m, b.pm
    pm.x = pyo.Var([(g, p, t) for g, p in b.pairs for t in b.T], domain=pyo.NonNegativeReals)
    pm.idle = pyo.Var([(g.id, t) for g in m.groups for t in b.T], domain=pyo.NonNegativeReals)
    b.provide("x", pm.x)
    for (g, p, t) in pm.x:
        b.decision(NAME, pm.x[g, p, t], b.today.placement.get((g, p, t), 0.0))


def constraints(b: Builder) -> None:
    """Supported employment stays; the rest of placement is ruled by the core rows (employ, volumes)."""
    m, pm = b.m, b.pm
    pm.supported_stay = pyo.Constraint(pyo.Any)
    for p in m.pmcs:
        if p.activity != "supported_employment":
            continue
        for t in b.T:
            today = {g: b.today.placement.get((g, p.id, t), 0.0) for g in b.groups_of[p.id]}
            total = sum(today.values())
            scale = min(1.0, p.max_volume / total) if total > 0 else 0.0
            for g, se in today.items():
                if se > 0:
                    # supported_stay: nobody is pulled back from the employer (outflow and the employer's
                    # demand aside).
                    pm.supported_stay[g, p.id, t] = b.x[g, p.id, t] >= se * scale


def idle_allowed(b: Builder, g) -> bool:
    return b.social.allow_idle_sheltered if g.sheltered_only else b.social.allow_idle


def extract(b: Builder, plan: Plan) -> None:
    for (g, p, t), var in b.pm.x.items():
        if value(var):
            plan.placement[g, p, t] = value(var)


def switched(b: Builder, on: bool) -> None:
    """The contract minimum binds only when employees may be reallocated; so does the right to work
    (with placement off, everyone stays where the baseline has them, idle SE of today included)."""
    if "vol_min" in b.rules:
        con = b.pm.vol_min
        (con.activate if on else con.deactivate)()
    for (g, t), var in b.pm.idle.items():
        var.setub(None if not on or idle_allowed(b, b.m.group[g]) else 0.0)


LEVER = Lever(NAME, provides=("x",), needs=(), variables=variables, constraints=constraints,
              extract=extract, switched=switched)
