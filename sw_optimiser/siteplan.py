"""A site plan (locatieplan): which sites close and when, and where each PMC of a closing site goes.

It is the hard part of a plan to find (docs/model.md, "Where the bound is weak"); given one, the rest of
the plan (placement, PMCs, tariffs, supervision, ...) solves in seconds to a proven gap. A site plan
comes from a scenario file (`site_plans`: candidates a consultant names), or from an earlier plan (the
plan's own sites and PMC locations). This module is data only: it knows the company, not the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .company import CompanyModel
from .economics import may_divest
from .i18n import DEFAULT_LANG, t
from .plan import Plan
from .problems import Problem


@dataclass(frozen=True)
class SitePlan:
    name: str
    close: dict[str, int] = field(default_factory=dict)  # site -> first year it is closed (others stay open)
    move: dict[str, str] = field(default_factory=dict)  # PMC -> the site it moves to when its own closes

    def is_open(self, site: str, year: int) -> bool:
        return site not in self.close or year < self.close[site]

    def key(self) -> tuple:
        """What makes two site plans the same plan (the name aside)."""
        return tuple(sorted(self.close.items())), tuple(sorted(self.move.items()))

    def followed_by(self, own: "SitePlan") -> bool:
        """Whether a plan whose own site plan is `own` (site_plan_of) follows this one: the same closures,
        and each PMC that moves goes where this one says (one that may move can also close instead)."""
        return own.close == self.close and all(self.move.get(p) == s for p, s in own.move.items())

    def to_dict(self) -> dict:
        """In the scenario file's format (an item of `site_plans`)."""
        return {"name": self.name, "close": dict(sorted(self.close.items())), "move": dict(sorted(self.move.items()))}


def describe(sp: SitePlan, lang: str = DEFAULT_LANG) -> str:
    """The site plan in words: which sites close when, and which PMCs move where."""
    close = ", ".join(t("siteplan.closes", lang, site=s, year=y) for s, y in sorted(sp.close.items(), key=lambda kv: kv[1]))
    move = ", ".join(f"{p} → {s}" for p, s in sorted(sp.move.items()))
    text = t("siteplan.describe", lang, name=sp.name, close=close or t("siteplan.none_close", lang))
    return text + (t("siteplan.describe_move", lang, move=move) if move else "")


def site_plan_of(m: CompanyModel, plan: Plan, name: str) -> SitePlan:
    """The site plan a plan follows: the first plan year each site is closed, and the site each PMC works
    at after leaving its own."""
    close = {}
    for s in m.sites:
        closed = [t for t in m.plan_years if not plan.site_open.get((s.id, t), True)]
        if closed:
            close[s.id] = closed[0]
    move = {}
    for p in m.pmcs:
        away = [plan.pmc_site.get((p.id, t)) for t in m.plan_years]
        away = [s for s in away if s is not None and s != p.site]
        if away:
            move[p.id] = away[0]
    return SitePlan(name, close, move)


def stranded(m: CompanyModel, sp: SitePlan, phase_out: bool) -> list[tuple[str, str, int]]:
    """(PMC, site, year) of each PMC that has nowhere to go under `sp`: its site closes in that year, it
    has no destination, and it may not close (phase-out is off, or the PMC may not close)."""
    return [(p.id, p.site, sp.close[p.site]) for p in m.pmcs
            if p.site in sp.close and p.id not in sp.move and not (phase_out and p.may_close)]


def check_site_plan(m: CompanyModel, sp: SitePlan, source: str, path: str) -> list[Problem]:
    """What in `sp` does not fit company `m`, each problem at `path`.close.<site> or `path`.move.<pmc>:
    an unknown site or PMC, a year outside the plan years or before the site may be divested, a move
    from a site that stays open, to a site the PMC may not go to (its activity, the travel time) or to
    one that is closed by then."""
    problems = []
    years = m.plan_years

    def bad(where: str, code: str, **params):
        problems.append(Problem(source, None, f"{path}.{where}", code, params, place="file"))

    for s, year in sp.close.items():
        if s not in m.site:
            bad(f"close.{s}", "siteplan.unknown_site", site=s)
        elif year not in years:
            bad(f"close.{s}", "siteplan.year", year=year, first=years[0], last=years[-1])
        elif not may_divest(m, m.site[s], year):
            bad(f"close.{s}", "siteplan.too_early", site=s, year=year, earliest=m.site[s].earliest_divest)
    for p, s in sp.move.items():
        pmc = m.pmc.get(p)
        if pmc is None:
            bad(f"move.{p}", "siteplan.unknown_pmc", pmc=p)
        elif s not in m.site:
            bad(f"move.{p}", "siteplan.unknown_site", site=s)
        elif pmc.site not in sp.close:
            bad(f"move.{p}", "siteplan.home_open", pmc=p, site=pmc.site)
        elif s == pmc.site or pmc.move_cost is None or not m.may_move(pmc, m.site[s]):
            bad(f"move.{p}", "siteplan.may_not_move", pmc=p, site=s)
        elif s in sp.close and sp.close[s] <= sp.close[pmc.site]:
            bad(f"move.{p}", "siteplan.closed_by_then", pmc=p, site=s, year=sp.close[s])
    return problems
