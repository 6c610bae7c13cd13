"""Who moves where: per worker group and year, the SE that leave one workplace (a PMC, a chain partner, or
being without work) and join another, from the plan's placements (Results.plan).

The plan says how many of a group leave and join each workplace in a year, beyond natural outflow (as
evaluate.group_workplace_changes counts them); it does not pair them. The pairing here takes the largest
first: the workplace most SE leave is paired with the one most SE join, as far as both go, then the next
(so a year has at most one row fewer than the workplaces involved). New employees (a group's inflow) join
without leaving anything: they are paired last and are not moves.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from ..company import CompanyModel
from ..plan import Plan

IDLE = "idle"  # the pseudo-workplace of SE without work
INFLOW = "inflow"  # where new employees come from (not a move)
EPS = 0.05  # SE below this are noise

MOVE_COLUMNS = ["year", "group", "source", "target", "se"]


def _places(m: CompanyModel, plan: Plan, group: str, year: int) -> dict[str, float]:
    """SE of `group` per workplace in `year`: PMCs, chain partners and IDLE (the rest of the group)."""
    out: dict[str, float] = defaultdict(float)
    for store in (plan.placement, plan.chain):
        for (g, k, t), se in store.items():
            if g == group and t == year:
                out[k] += se
    out[IDLE] = max(0.0, m.group_se(m.group[group], year) - sum(out.values()))
    return out


def group_moves(m: CompanyModel, plan: Plan, years=None) -> pd.DataFrame:
    """One row per (year, group, source, target) with the SE that move (MOVE_COLUMNS); source and target are
    PMC or chain-partner ids, or IDLE. Flows below EPS SE are left out."""
    rows = []
    for year in years or m.plan_years:
        for g in m.groups:
            before, now = _places(m, plan, g.id, year - 1), _places(m, plan, g.id, year)
            kept = m.retained(g, year)
            change = {k: now.get(k, 0.0) - before.get(k, 0.0) * kept for k in {*before, *now}}
            leaving = sorted(((-x, k) for k, x in change.items() if x < -1e-9), key=lambda v: (-v[0], v[1]))
            joining = sorted(((x, k) for k, x in change.items() if x > 1e-9), key=lambda v: (-v[0], v[1]))
            leaving.append((max(0.0, sum(x for x, _ in joining) - sum(x for x, _ in leaving)), INFLOW))
            for source, target, se in _pair(leaving, joining):
                if source != INFLOW and se >= EPS:
                    rows.append({"year": year, "group": g.id, "source": source, "target": target, "se": se})
    return pd.DataFrame(rows, columns=MOVE_COLUMNS)


def _pair(leaving: list[tuple[float, str]], joining: list[tuple[float, str]]) -> list[tuple[str, str, float]]:
    """(source, target, SE): each source in turn fills the targets in turn, as far as both go."""
    out, i, j = [], 0, 0
    left = [x for x, _ in leaving]
    wanted = [x for x, _ in joining]
    while i < len(leaving) and j < len(joining):
        se = min(left[i], wanted[j])
        if se > 1e-9:
            out.append((leaving[i][1], joining[j][1], se))
        left[i] -= se
        wanted[j] -= se
        if left[i] <= 1e-9:
            i += 1
        if wanted[j] <= 1e-9:
            j += 1
    return out


def relocated(m: CompanyModel, plan: Plan, years=None) -> pd.DataFrame:
    """SE who stay in their PMC while it moves to another site: year, pmc, source site, target site, se."""
    rows = []
    for year in years or m.plan_years:
        for p in m.pmcs:
            here, before = plan.pmc_site.get((p.id, year)), plan.pmc_site.get((p.id, year - 1))
            if plan.pmc_open.get((p.id, year)) and here and before and here != before:
                se = plan.pmc_se(p.id, year)
                if se >= EPS:
                    rows.append({"year": year, "pmc": p.id, "source": before, "target": here, "se": se})
    return pd.DataFrame(rows, columns=["year", "pmc", "source", "target", "se"])
