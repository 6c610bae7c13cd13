"""The implementation roadmap: what happens in which year of the plan, from its results tables (events,
PMCs, supervision, sales, chain) and the workbook's dates (lease ends, contract renewals).

Each `Step` is plain data (a year, a kind, the subject and its figures); the report's roadmap section
puts them into words. Kinds, in the order a year lists them:

- wind_down: a PMC that closes in a later year starts shrinking below its baseline (from its SE to the next
  year's);
- close_pmc: a PMC closes, after its wind-down from `se_from` in `year_from` to 0 (its path in `path`);
- move_pmc: a PMC moves to another site (moving cost);
- lease_end: a leased site's lease ends while the plan still uses it (renew, until `left` if it is left later);
- divest_site: a site is left: sold (proceeds), a lease bought off (cost) or not renewed (nothing);
- renewal: a secondment contract is renewed at today's tariff; tariff: renewed (or changed) at another;
- reorganise: a supervision type moves to another span (reorganisation cost);
- supervision: the supervisors' FTE change that year, where the plan's differ from the baseline's;
- sales: extra sales FTE for an activity change; chain_start / chain_end: places at a chain partner
  start or end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..company import CompanyModel
from ..results import Results

SE_EPS = 0.05
FTE_EPS = 0.05
WIND_DOWN_TOL = (0.5, 0.05)  # SE or share of the baseline's SE: less is the baseline's own attrition, not a wind-down
ORDER = ("wind_down", "close_pmc", "move_pmc", "lease_end", "divest_site", "renewal", "tariff", "reorganise",
         "supervision", "sales", "chain_start", "chain_end")


@dataclass(frozen=True)
class Step:
    year: int
    kind: str  # one of ORDER
    subject: str  # PMC, site, supervision type, activity or chain partner id
    figures: dict = field(default_factory=dict)  # what the sentence needs (raw numbers and ids)
    amount: float = 0.0  # one-off euros in that year: cost +, proceeds −


def _pmc_path(plan: Results, pmc: str) -> dict[int, float]:
    rows = plan.pmcs[plan.pmcs.pmc == pmc]
    return {int(y): float(se) for y, se in zip(rows.year, rows.se)}


def _wind_downs(m: CompanyModel, base: Results, plan: Results) -> list[Step]:
    """Closures as wind-downs: the years before the closure in which the PMC has fewer SE than in the baseline
    (by more than natural outflow explains: WIND_DOWN_TOL), from the SE of the year before them to 0."""
    out = []
    for e in plan.events[plan.events.kind == "close_pmc"].itertuples():
        year, path, before = int(e.year), _pmc_path(plan, e.subject), _pmc_path(base, e.subject)
        start = year - 1  # the last year at the PMC's volume: the wind-down runs from it to the closure
        while start > m.base_year and path.get(start, 0.0) < before.get(start, 0.0) - _tolerance(before.get(start, 0.0)):
            start -= 1
        steps = {y: path[y] for y in range(start + 1, year)}
        if steps:
            out.append(Step(start + 1, "wind_down", e.subject,
                            {"se_from": path.get(start, 0.0), "year_from": start, "se_to": steps[start + 1],
                             "close_year": year}))
        out.append(Step(year, "close_pmc", e.subject, {"se_from": path.get(start, 0.0), "year_from": start,
                                                        "path": steps}, amount=float(e.amount)))
    return out


def _tolerance(se: float) -> float:
    return max(WIND_DOWN_TOL[0], WIND_DOWN_TOL[1] * se)


def _sites(m: CompanyModel, plan: Results) -> list[Step]:
    out = []
    ev = plan.events
    left = {e.subject: int(e.year) for e in ev[ev.kind == "divest_site"].itertuples()}
    for e in ev[ev.kind == "move_pmc"].itertuples():
        source, target = (part.strip() for part in str(e.detail).split("→"))
        out.append(Step(int(e.year), "move_pmc", e.subject, {"source": source, "target": target},
                        amount=float(e.amount)))
    for e in ev[ev.kind == "divest_site"].itertuples():
        s = m.site[e.subject]
        how = "sold" if s.ownership == "owned" else \
            "not_renewed" if s.lease_end is not None and int(e.year) >= s.lease_end else "bought_off"
        out.append(Step(int(e.year), "divest_site", s.id, {"how": how, "lease_end": s.lease_end},
                        amount=float(e.amount)))
    for s in m.sites:
        if s.ownership == "leased" and s.lease_end in m.plan_years and left.get(s.id, s.lease_end + 1) > s.lease_end:
            out.append(Step(s.lease_end, "lease_end", s.id, {"left": left.get(s.id)}))
    return out


def _tariffs(m: CompanyModel, plan: Results) -> list[Step]:
    out = []
    changed = {}
    for e in plan.events[plan.events.kind == "tariff"].itertuples():
        source, target = (part.strip() for part in str(e.detail).split("→"))
        if source not in ("None", "nan", ""):
            changed[(e.subject, int(e.year))] = (int(float(source)), int(float(target)))
    for (pmc, year), (source, target) in changed.items():
        renewed = m.pmc[pmc].contract_end is not None
        out.append(Step(year, "tariff", pmc, {"level_from": source, "level_to": target, "renewed": renewed}))
    for p in m.pmcs:
        if p.id not in m.tariffs_of or p.contract_end is None:
            continue
        path = _pmc_path(plan, p.id)
        levels = plan.pmcs[plan.pmcs.pmc == p.id].set_index("year").tariff_level
        for year in m.renewal_years(p):
            if (p.id, year) not in changed and path.get(year, 0.0) > SE_EPS:
                out.append(Step(year, "renewal", p.id, {"level": int(levels.get(year))}))
    return out


def _supervision(m: CompanyModel, base: Results, plan: Results) -> list[Step]:
    out = []
    for e in plan.events[plan.events.kind == "reorganise"].itertuples():
        source, target = (part.strip() for part in str(e.detail).split("→"))
        out.append(Step(int(e.year), "reorganise", e.subject, {"option_from": source, "option_to": target},
                        amount=float(e.amount)))
    fte = plan.supervision.groupby("year").fte.sum()
    fte_base = base.supervision.groupby("year").fte.sum()
    for year in m.plan_years:
        before, now = float(fte.get(year - 1, 0.0)), float(fte.get(year, 0.0))
        base = float(fte_base.get(year, 0.0))
        if abs(now - before) >= FTE_EPS and abs(now - base) >= FTE_EPS:  # attrition as in the baseline is no step
            out.append(Step(year, "supervision", "", {"fte_from": before, "fte_to": now, "fte_base": base}))
    return out


def _sales_and_chain(m: CompanyModel, plan: Results) -> list[Step]:
    out = []
    for activity, rows in plan.sales.groupby("activity", sort=False):
        fte = dict(zip(rows.year, rows.fte))
        for year in m.plan_years:
            before, now = float(fte.get(year - 1, 0.0)), float(fte.get(year, 0.0))
            if abs(now - before) >= FTE_EPS:
                out.append(Step(year, "sales", activity, {"fte_from": before, "fte_to": now}))
    for partner, rows in plan.chain.groupby("partner", sort=False):
        se = dict(zip(rows.year, rows.se))
        for year in m.plan_years:
            before, now = float(se.get(year - 1, 0.0)), float(se.get(year, 0.0))
            if before < SE_EPS <= now:
                out.append(Step(year, "chain_start", partner, {"se": now}))
            elif now < SE_EPS <= before:
                out.append(Step(year, "chain_end", partner, {"se": before}))
    return out


def roadmap(m: CompanyModel, base: Results, plan: Results) -> list[Step]:
    """Every step of `plan` (priced on `m`; `base` the baseline), by year and then in ORDER."""
    steps = (_wind_downs(m, base, plan) + _sites(m, plan) + _tariffs(m, plan) + _supervision(m, base, plan)
             + _sales_and_chain(m, plan))
    return sorted(steps, key=lambda s: (s.year, ORDER.index(s.kind), s.subject))
