"""The placement switch (herplaatsing): where each Wsw employee works. Switched off, every group stays
placed pro rata in today's PMCs, exactly as in the baseline, and contract minimums do not bind (a
shrinking workforce may fall below them, as in the baseline, which warns about it)."""

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
    """The placement itself is constrained by the core rules (employ, volumes) and the levers' rows."""


def extract(b: Builder, plan: Plan) -> None:
    for (g, p, t), var in b.pm.x.items():
        if value(var):
            plan.placement[g, p, t] = value(var)


def switched(b: Builder, on: bool) -> None:
    """The contract minimum binds only when employees may be reallocated."""
    if "vol_min" in b.rules:
        con = b.pm.vol_min
        (con.activate if on else con.deactivate)()


LEVER = Lever(NAME, provides=("x",), needs=(), variables=variables, constraints=constraints,
              extract=extract, switched=switched)
