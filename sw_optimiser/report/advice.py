"""Concrete advice sentences, each generated from a decision of the plan (its events and tables).

Every sentence comes from the catalogue (keys ``advice.*``) with its figures filled in; nothing
here writes words of its own. One `Advice` per decision, tagged with the lever it belongs to.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from ..company import CompanyModel
from ..results import Results
from ..scenario import LEVERS
from .text import Say

SE_EPS = 0.05  # SE below this are noise
FTE_EPS = 0.05


@dataclass(frozen=True)
class Advice:
    lever: str  # placement, phase_out, tariffs, acquisition, supervision, sites, chain
    kind: str  # close_pmc, raise_tariff, lower_tariff, divest_site, move_pmc, widen_span, narrow_span,
    #            shrink_staff, grow_staff, sales, chain, grow_pmc, shrink_pmc
    year: int | None
    subject: str
    text: str
    amount: float = 0.0  # one-off euros in that year: cost +, proceeds −
    target: str = ""  # what the decision leads to (tariff level, site moved to, option): compared under stress

    @property
    def key(self) -> tuple[str, str, str]:
        """What the decision is, whatever the year: for comparing plans."""
        return (self.kind, self.subject, self.target)


def _tariff(m: CompanyModel, pmc: str, level) -> object | None:
    if level is None or level != level:
        return None
    return next((tr for tr in m.tariffs_of.get(pmc, []) if tr.level == int(level)), None)


def _target(detail: str) -> str:
    return str(detail).split("→")[-1].strip()


def _source(detail: str) -> str:
    return str(detail).split("→")[0].strip()


def plan_advice(m: CompanyModel, base: Results, plan: Results, say: Say) -> list[Advice]:
    """Every decision of `plan` (priced on `m`) against the baseline `base`, in lever order, then year."""
    out: list[Advice] = []
    for lever in LEVERS:
        out += ADVICE[lever](m, base, plan, say)
    return out


def _pmc_se(results: Results, year: int) -> dict[str, float]:
    rows = results.pmcs[results.pmcs.year == year]
    return dict(zip(rows.pmc, rows.se))


# ----- reallocation -------------------------------------------------------------------------------
def _placement(m: CompanyModel, base: Results, plan: Results, say: Say, top: int = 8) -> list[Advice]:
    """The biggest shifts between PMCs that stay open, in the first plan year, against the baseline."""
    year = m.plan_years[0]
    b, p = _pmc_se(base, year), _pmc_se(plan, year)
    opened = plan.pmcs[(plan.pmcs.year == year)].set_index("pmc").open.to_dict()
    shifts = []
    for pmc in m.pmcs:
        if not opened.get(pmc.id, True):
            continue  # a closure is phase-out advice
        diff = p.get(pmc.id, 0.0) - b.get(pmc.id, 0.0)
        if abs(diff) >= max(1.0, 0.05 * b.get(pmc.id, 0.0)):
            shifts.append((abs(diff), pmc, b.get(pmc.id, 0.0), p.get(pmc.id, 0.0)))
    shifts.sort(key=lambda s: (-s[0], s[1].id))
    out = []
    for _, pmc, before, after in shifts[:top]:
        key = "advice.grow_pmc" if after > before else "advice.shrink_pmc"
        text = say.t(key, pmc=pmc.id, name=pmc.name, year=year, before=say.people(before), after=say.people(after))
        if after > before:
            text = " ".join([text] + _growth_with_tariff(m, plan, pmc, year, after, say))
        out.append(Advice("placement", "grow_pmc" if after > before else "shrink_pmc", year, pmc.id, text,
                          target="up" if after > before else "down"))
    return out


def _growth_with_tariff(m: CompanyModel, plan: Results, pmc, year: int, after: float, say: Say) -> list[str]:
    """How a PMC's growth fits the tariff the plan sets for it that year: the demand at that tariff,
    plus what extra sales for its activity open (growth and a higher tariff explained together)."""
    if pmc.id not in m.tariffs_of:
        return []
    row = plan.pmcs[(plan.pmcs.pmc == pmc.id) & (plan.pmcs.year == year)]
    tr = _tariff(m, pmc.id, row.tariff_level.iloc[0]) if len(row) else None
    if tr is None or tr.level == m.current_tariff(pmc.id).level or after <= tr.demand + SE_EPS:
        return []
    extra = _acquired_demand(m, plan, pmc.activity, year)
    if extra > SE_EPS:
        return [say.t("advice.grow_with_tariff", level=tr.level, demand=say.se(tr.demand), extra=say.se(extra))]
    return [say.t("advice.grow_despite_tariff", level=tr.level, demand=say.se(tr.demand))]


def _acquired_demand(m: CompanyModel, plan: Results, activity: str, year: int) -> float:
    """Extra demand open in `year` from sales staff hired for `activity` in that year or the years before
    (each FTE opens its demand for the acquisition's duration)."""
    acq = m.acquisition_of.get(activity)
    if acq is None:
        return 0.0
    sales = plan.sales[(plan.sales.activity == activity) & (plan.sales.year > m.base_year)]
    live = sales[(sales.year <= year) & (sales.year > year - acq.duration)]
    return float(live.fte.sum()) * acq.demand_per_fte


# ----- 1. phase out ---------------------------------------------------------------------------------
def _phase_out(m: CompanyModel, base: Results, plan: Results, say: Say) -> list[Advice]:
    out = []
    ev = plan.events[plan.events.kind == "close_pmc"]
    for row in ev.itertuples():
        pmc = m.pmc[row.subject]
        before = _pmc_se(plan, row.year - 1).get(pmc.id, 0.0)
        out.append(Advice("phase_out", "close_pmc", int(row.year), pmc.id,
                          say.t("advice.close_pmc", pmc=pmc.id, name=pmc.name, year=int(row.year),
                                cost=say.eur(row.amount), se=say.people(before), prev=int(row.year) - 1),
                          amount=float(row.amount)))
    return out


# ----- 2. tariffs -------------------------------------------------------------------------------------
def _tariffs(m: CompanyModel, base: Results, plan: Results, say: Say) -> list[Advice]:
    out = []
    for row in plan.events[plan.events.kind == "tariff"].itertuples():
        frm, to = _source(row.detail), _target(row.detail)
        if frm in ("None", "nan", ""):
            continue  # a PMC that reopens: no change of tariff
        old, new = _tariff(m, row.subject, float(frm)), _tariff(m, row.subject, float(to))
        if old is None or new is None:
            continue
        year = int(row.year)
        up = new.hourly_tariff > old.hourly_tariff
        pmc = m.pmc[row.subject]
        index = m.price_index(year)
        out.append(Advice("tariffs", "raise_tariff" if up else "lower_tariff", year, pmc.id,
                          say.t("advice.raise_tariff" if up else "advice.lower_tariff", pmc=pmc.id, name=pmc.name,
                                year=year, level_from=old.level, level_to=new.level,
                                tariff_from=say.tariff(old.hourly_tariff * index),
                                tariff_to=say.tariff(new.hourly_tariff * index),
                                demand_from=say.se(old.demand), demand_to=say.se(new.demand)),
                          target=str(new.level)))
    return out


# ----- 3. acquisition -----------------------------------------------------------------------------------
def _acquisition(m: CompanyModel, base: Results, plan: Results, say: Say) -> list[Advice]:
    out = []
    sales = plan.sales[(plan.sales.fte > FTE_EPS) & (plan.sales.year > m.base_year)]
    for activity, rows in sales.groupby("activity", sort=False):
        acq = m.acquisition_of[activity]
        by_fte: dict[float, list[int]] = defaultdict(list)
        for r in rows.itertuples():
            by_fte[round(float(r.fte), 1)].append(int(r.year))
        parts = [say.t("advice.sales_part", fte=say.fte(fte), years=say.years(ys))
                 for fte, ys in sorted(by_fte.items(), key=lambda kv: min(kv[1]))]
        first = int(rows.year.min())
        out.append(Advice("acquisition", "sales", first, activity,
                          say.t("advice.sales", activity=say.activity(activity), detail=say.join(parts),
                                cost=say.eur(rows.cost.sum()), demand=say.se(acq.demand_per_fte),
                                duration=acq.duration), target=activity))
    return out


# ----- 4. supervision ----------------------------------------------------------------------------------
def _supervision(m: CompanyModel, base: Results, plan: Results, say: Say) -> list[Advice]:
    out = []
    for row in plan.events[plan.events.kind == "reorganise"].itertuples():
        k = m.supervision_type[row.subject]
        frm, to = _source(row.detail), _target(row.detail)
        spans = {o.option: o.span for o in m.options_of[k.id]}
        wider = spans.get(to, 0) > spans.get(frm, 0)
        out.append(Advice("supervision", "widen_span" if wider else "narrow_span", int(row.year), k.id,
                          say.t("advice.widen_span" if wider else "advice.narrow_span", type=k.id, name=k.name,
                                year=int(row.year), option_from=frm, option_to=to, cost=say.eur(row.amount)),
                          amount=float(row.amount), target=to))
    sup = plan.supervision
    years = m.plan_years
    if not years:
        return out
    first, last = years[0], years[-1]
    for k in m.supervision_types:
        rows = sup[sup.type == k.id].set_index("year")
        now = k.current_fte
        path = [float(rows.fte.get(y, now)) for y in years]
        if max(abs(v - now) for v in path) < FTE_EPS:
            continue
        steps = [b - a for a, b in zip([now] + path[:-1], path)]
        down = all(d <= FTE_EPS for d in steps)
        up = all(d >= -FTE_EPS for d in steps)
        kind, key = ("shrink_staff", "advice.shrink_staff") if down else ("grow_staff", "advice.grow_staff") if up \
            else ("adjust_staff", "advice.adjust_staff")
        if len(years) == 1 and kind != "adjust_staff":
            key += "_once"
        runs: list[tuple[float, list[int]]] = []  # the path as (FTE, years) with equal neighbours merged
        for y, v in zip(years, path):
            if runs and abs(runs[-1][0] - v) < FTE_EPS:
                runs[-1][1].append(y)
            else:
                runs.append((v, [y]))
        shown = say.join(say.t("advice.fte_in", fte=say.fte(v), years=say.years(ys)) for v, ys in runs)
        se_last = float(rows.se.get(last, 0.0))
        if kind == "shrink_staff" and se_last < SE_EPS and path[-1] > FTE_EPS:
            key = "advice.shrink_staff_unused"  # staff left without work: the shrink limit holds it back
        text = say.t(key, type=k.id, name=k.name, fte_now=say.fte(now), base_year=m.base_year,
                     fte_first=say.fte(path[0]), first=first, fte_last=say.fte(path[-1]), last=last,
                     se_last=say.se(se_last), path=shown, share=say.pct(k.max_shrink, 0))
        if kind == "adjust_staff" and _dips(path, now):
            text += " " + say.t("advice.adjust_staff_dip")
        out.append(Advice("supervision", kind, first, k.id, text, target="down" if down else "up" if up else "adjust"))
    return out


# ----- 5. sites ----------------------------------------------------------------------------------------
def _dips(path: list[float], now: float) -> bool:
    """Staff that is cut and later hired back: a fall below an earlier level, then a rise again."""
    high, low = now, None  # low: the lowest level since staff first fell below an earlier one
    for v in path:
        if low is not None and v > low + FTE_EPS:
            return True
        if v < high - FTE_EPS:
            low = v if low is None else min(v, low)
        high = max(high, v)
    return False


def _sites(m: CompanyModel, base: Results, plan: Results, say: Say) -> list[Advice]:
    out = []
    events = plan.events
    moves = events[events.kind == "move_pmc"]
    closes = events[events.kind == "close_pmc"]
    explained_moves = set()
    for row in events[events.kind == "divest_site"].itertuples():
        site, year = m.site[row.subject], int(row.year)
        before = plan.pmcs[(plan.pmcs.year == year - 1) & (plan.pmcs.site == site.id) & plan.pmcs.open]
        moved = moves[(moves.year <= year) & moves.detail.map(_source).eq(site.id) & moves.subject.isin(before.pmc)]
        closed = closes[(closes.year <= year) & closes.subject.isin(before.pmc)]
        amount = float(row.amount)
        if amount < -0.5:
            money = say.t("advice.proceeds", amount=say.eur(-amount))
        elif amount > 0.5:
            money = say.t("advice.divest_cost", amount=say.eur(amount))
        else:
            money = say.t("advice.no_cost")
        parts = [say.t("advice.divest_site", site=site.id, name=site.name, year=year, money=money)]
        by_target: dict[str, list[str]] = defaultdict(list)
        for mv in moved.itertuples():
            by_target[_target(mv.detail)].append(mv.subject)
            explained_moves.add(mv.Index)
        for target, pmcs in by_target.items():
            parts.append(say.t("advice.divest_moves", pmcs=say.join(pmcs), target=target,
                               target_name=m.site[target].name if target in m.site else target))
        if not closed.empty:
            n = len(closed)
            parts.append(say.t("advice.divest_closes", pmcs=say.join(closed.subject), closes=say.plural(n, "closes"),
                               goes=say.plural(n, "goes")))
        out.append(Advice("sites", "divest_site", year, site.id, " ".join(parts), amount=amount))
    for mv in moves.itertuples():
        if mv.Index in explained_moves:
            continue
        pmc = m.pmc[mv.subject]
        out.append(Advice("sites", "move_pmc", int(mv.year), pmc.id,
                          say.t("advice.move_pmc", pmc=pmc.id, name=pmc.name, year=int(mv.year),
                                site_from=_source(mv.detail), site_to=_target(mv.detail), cost=say.eur(mv.amount)),
                          amount=float(mv.amount), target=_target(mv.detail)))
    return sorted(out, key=lambda a: (a.year or 0, a.kind != "divest_site", a.subject))


# ----- 6. chain -----------------------------------------------------------------------------------------
def _chain(m: CompanyModel, base: Results, plan: Results, say: Say) -> list[Advice]:
    out = []
    chain = plan.chain[(plan.chain.se > SE_EPS) & (plan.chain.year > m.base_year)]
    partners = {c.id: c for c in m.chain_partners}
    for partner, rows in chain.groupby("partner", sort=False):
        c = partners[partner]
        first = int(rows.year.min())
        start, top = float(rows.se.iloc[0]), float(rows.se.max())
        key = "advice.chain" if abs(top - start) < SE_EPS else "advice.chain_growing"
        out.append(Advice("chain", "chain", first, partner,
                          say.t(key, partner=partner, name=c.name, year=first, se=say.people(start),
                                se_max=say.people(top),
                                tariff=say.eur(c.tariff * m.price_index(first)), capacity=say.se(c.capacity),
                                years=say.years(rows.year)), target=partner))
    return out


# The advice of each lever, looked up by the lever's name (the lever registry checks it is complete).
ADVICE = {"placement": _placement, "phase_out": _phase_out, "tariffs": _tariffs, "acquisition": _acquisition,
          "supervision": _supervision, "sites": _sites, "chain": _chain}


def by_lever(advice: list[Advice]) -> dict[str, list[Advice]]:
    out: dict[str, list[Advice]] = defaultdict(list)
    for a in advice:
        out[a.lever].append(a)
    return out


def decisions_frame(advice: list[Advice], say: Say) -> pd.DataFrame:
    """The plan's decisions by year, for the plan section and the workbook."""
    rows = [{"year": a.year, "lever": say.lever(a.lever), "decision": a.text, "one_off": a.amount or float("nan")}
            for a in sorted(advice, key=lambda a: (a.year or 0,))]
    return pd.DataFrame(rows, columns=["year", "lever", "decision", "one_off"])
