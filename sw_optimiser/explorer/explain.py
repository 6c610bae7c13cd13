"""Why the plan does what it does, from its results: the decisions with the largest effect and their
reason in words, who goes where (worker group x PMC), the one-off items of each year and what an
unproven plan may still be off by. Plain tables in the user's language; no Streamlit here.

An effect is the plan against the baseline, summed over the plan years (not discounted):
- a PMC (closed, grown, shrunk or on another tariff): its margin in the plan minus in the baseline;
- a site sold or closed: the site costs no longer paid, plus the sale proceeds (a one-off item
  below zero), minus the one-off cost of closing (above zero);
- a supervision type reorganised: its cost in the baseline minus in the plan.
PMC margins carry their share of site and supervision costs, so effects overlap and do not add up
to the plan's total gain (the waterfall splits that).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import fmt
from ..company import CompanyModel
from ..evaluate import group_workplace_changes
from ..i18n import t
from ..results import Results
from .tables import CHANGE_SE, _Facts, last_year

TOP = 5


@dataclass(frozen=True)
class Decision:
    subject: str  # PMC, site or supervision type id
    words: str  # what is decided
    year: int | None  # when (None: over the years)
    effect: float  # € over the plan years against the baseline
    reason: str


def _by(df: pd.DataFrame, key: str, value: str) -> dict[tuple[str, int], object]:
    """A column of a per-year table as {(subject, year): value} (quick to look up, unlike a MultiIndex)."""
    return {(k, int(y)): v for k, y, v in zip(df[key], df["year"], df[value])}


def _plan_years(res: Results) -> list[int]:
    return [int(y) for y in res.pnl.index if int(y) > res.base_year]


def _pmc_decisions(res: Results, base: Results, lang: str) -> list[Decision]:
    years, yn = _plan_years(res), last_year(res)
    plan, before = _Facts(res), _Facts(base)
    margin, margin_base = _by(res.pmcs, "pmc", "margin"), _by(base.pmcs, "pmc", "margin")
    out = []
    for pmc, today in plan.today.iterrows():
        now, b = plan.last.loc[pmc], before.last.loc[pmc]
        change = ("grow" if now.se > b.se + CHANGE_SE else "shrink" if now.se < b.se - CHANGE_SE else None)
        tariff = plan.last_level.get(pmc) != before.last_level.get(pmc)
        closed = pmc in plan.closed and pmc not in before.closed
        moved = pmc in plan.moves
        if not (closed or change or tariff or moved):
            continue
        effect = float(sum(margin.get((pmc, y), 0.0) - margin_base.get((pmc, y), 0.0) for y in years))
        mean_base = float(sum(margin_base.get((pmc, y), 0.0) for y in years)) / max(len(years), 1)
        if closed:
            reason = t("app.explain.reason.margin", lang, margin=fmt.euro(mean_base, 0, lang))
        elif tariff:
            reason = t("app.explain.reason.tariff", lang, before=_level(before.last_level.get(pmc)),
                       after=_level(plan.last_level.get(pmc)), se_base=fmt.se(b.se, lang), se=fmt.se(now.se, lang),
                       year=yn)
        elif moved:
            year, site = plan.moves[pmc]
            reason = t("app.explain.reason.move", lang, site=site, year=year)
        else:
            per_se = now.margin / now.se if now.se > 0.05 else b.margin / b.se if b.se > 0.05 else 0.0
            reason = t("app.explain.reason.demand", lang, se_base=fmt.se(b.se, lang), se=fmt.se(now.se, lang),
                       year=yn, per_se=fmt.euro(per_se, 0, lang))
        year = int(plan.closed[pmc]) if closed else plan.moves[pmc][0] if moved else None
        out.append(Decision(pmc, f"{today['name']}: {plan.words(pmc, lang, change)}", year, effect, reason))
    return out


def _level(value) -> str:
    return "–" if value is None or pd.isna(value) else str(int(value))


def _site_decisions(res: Results, base: Results, lang: str) -> list[Decision]:
    years = _plan_years(res)
    cost, cost_base = _by(res.sites, "site", "cost"), _by(base.sites, "site", "cost")
    ev = res.events[res.events.kind == "divest_site"]
    out = []
    for r in ev.itertuples():
        site, year = r.subject, int(r.year)
        saved = float(sum(cost_base.get((site, y), 0.0) - cost.get((site, y), 0.0) for y in years))
        today = base.sites[(base.sites.site == site) & (base.sites.year == res.base_year)].iloc[0]
        reason = t("app.explain.reason.occupancy", lang, use=fmt.percent(today.use, 0, lang),
                   se=fmt.number(today.se, 1, lang), capacity=fmt.number(today.capacity, 0, lang), year=res.base_year)
        out.append(Decision(site, t("app.decision.divest", lang, year=year) + f": {r.detail}", year,
                            saved - float(r.amount), reason))
    return out


def _supervision_decisions(res: Results, base: Results, lang: str) -> list[Decision]:
    years, yn = _plan_years(res), last_year(res)
    cost, cost_base = _by(res.supervision, "type", "cost"), _by(base.supervision, "type", "cost")
    fte, fte_base = _by(res.supervision, "type", "fte"), _by(base.supervision, "type", "fte")
    names = dict(zip(res.supervision.type, res.supervision["name"]))
    out = []
    for r in res.events[res.events.kind == "reorganise"].itertuples():
        k = r.subject
        saved = float(sum(cost_base.get((k, y), 0.0) - cost.get((k, y), 0.0) for y in years))
        reason = t("app.explain.reason.span", lang, detail=r.detail, fte_base=fmt.number(fte_base.get((k, yn), 0.0), 1, lang),
                   fte=fmt.number(fte.get((k, yn), 0.0), 1, lang), year=yn)
        name = names.get(k, k)
        out.append(Decision(k, f"{name}: {t('event.reorganise', lang)} {r.detail}", int(r.year), saved, reason))
    return out


def decisions(res: Results, base: Results, lang: str) -> list[Decision]:
    """Every decision that differs from the baseline, the largest effect (either way) first."""
    found = _pmc_decisions(res, base, lang) + _site_decisions(res, base, lang) + _supervision_decisions(res, base, lang)
    return sorted(found, key=lambda d: -abs(d.effect))


def top_decisions(res: Results, base: Results, lang: str, n: int = TOP) -> pd.DataFrame:
    """The `n` decisions with the largest effect: decision, year, effect (€, a number), reason."""
    rows = [{t("app.explain.decision", lang): d.words, t("field.year", lang): d.year,
             t("app.explain.effect", lang): d.effect, t("app.explain.reason", lang): d.reason}
            for d in decisions(res, base, lang)[:n]]
    df = pd.DataFrame(rows, columns=[t(f"app.explain.{k}", lang) if k != "year" else t("field.year", lang)
                                     for k in ("decision", "year", "effect", "reason")])
    df[t("field.year", lang)] = df[t("field.year", lang)].astype("Int64")  # no year: growing or shrinking over the years
    return df


# ----- who goes where ---------------------------------------------------------------------------
def placement(m: CompanyModel, res: Results, year: int, lang: str) -> pd.DataFrame:
    """Worker group (rows) x PMC and chain partner (columns) in `year`: SE placed there; then the SE
    without work and those changing workplace that year (as the P&L's se_moved counts them, per group).
    Only columns with someone in them."""
    plan = res.plan
    names = dict(zip(res.pmcs.pmc, res.pmcs["name"])) | dict(zip(res.chain.partner, res.chain["name"]))
    cells: dict[tuple[str, str], float] = {}
    for store in (plan.placement, plan.chain):
        for (g, p, t_), se in store.items():
            if t_ == year and se > 0.05:
                cells[(g, p)] = cells.get((g, p), 0.0) + se
    columns = list(dict.fromkeys(p for p in [*res.pmcs.pmc.unique(), *res.chain.partner.unique()]
                                 if any(c == p for _, c in cells)))
    groups = res.groups[res.groups.year == year].set_index("group")
    moved = group_workplace_changes(m, plan, year) if year > res.base_year else {}
    rows = []
    for g in groups.index:
        row = {t("field.group", lang): f"{g} – {groups.loc[g, 'name']}"}
        row |= {f"{p} {names.get(p, '')}".strip(): cells.get((g, p), 0.0) for p in columns}
        row[t("field.idle", lang)] = float(groups.loc[g, "idle"])
        row[t("app.explain.moves", lang)] = moved.get(g, 0.0)
        rows.append(row)
    return pd.DataFrame(rows).set_index(t("field.group", lang))


# ----- one-off items and uncertainty ---------------------------------------------------------------
def one_off_notes(res: Results, lang: str) -> pd.DataFrame:
    """Per year with one-off items: year, the net amount and a short text (costs, or sale proceeds
    when the year's items bring money in) for the charts."""
    net = res.pnl["one_off"]
    rows = [{"year": int(y), "amount": float(v),
             "text": t("app.explain.one_off_cost" if v > 0 else "app.explain.one_off_proceeds", lang,
                       amount=fmt.euro(abs(v), 0, lang))}
            for y, v in net.items() if abs(v) >= 0.5]
    return pd.DataFrame(rows, columns=["year", "amount", "text"])


def uncertainty(res: Results) -> float | None:
    """What the best possible plan may still be better by, in € of net present value: the solver's
    bound less the plan (a plan without a bound: the gap times the objective). None when proven."""
    if res.status != "time_limit" or res.gap is None:
        return None
    objective = res.objective if res.objective is not None else res.npv
    if res.bound is not None:
        return max(0.0, res.bound - objective)
    return abs(res.gap * objective)
