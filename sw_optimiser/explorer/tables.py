"""Display tables made from Results: reshaping and labelling only, no model logic.

Headings come in the user's language; numbers stay numbers (the pages format them) so every table
can be sorted.
"""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ..i18n import t
from ..results import Results, event_detail
from ..schema import ACTIVITIES

CHANGE_SE = 0.5  # SE more or less than the baseline before a PMC counts as growing or shrinking


def activity(code: str, lang: str) -> str:
    return ACTIVITIES.get(code, (code, code))[0 if lang == "nl" else 1]


def last_year(res: Results) -> int:
    return int(res.pnl.index[-1])


# ----- KPIs ----------------------------------------------------------------------------------------
# (key, higher is better (None: neither), in euros): the last plan year, except the NPV and the total moved
KPIS = (("npv", True, True), ("municipal_contribution", False, True), ("result_per_se", True, True),
        ("value_added_per_se", True, True), ("se_idle", False, False), ("se_moved", None, False))


def kpi_value(res: Results, key: str) -> float:
    if key == "npv":
        return float(res.npv)
    if key == "se_moved":
        return float(res.pnl["se_moved"].sum())
    return float(res.pnl.iloc[-1][key])


def kpi_label(key: str, lang: str, year: int) -> str:
    return t("kpi.npv", lang) if key == "npv" else t(f"app.kpi.{key}", lang, year=year)


def kpi_table(entries: list[tuple[str, Results]], lang: str) -> pd.DataFrame:
    """KPIs (rows) of several results (columns), formatted."""
    year = last_year(entries[0][1])
    rows = {kpi_label(key, lang, year): [fmt.euro(kpi_value(r, key), 0, lang) if euro
                                         else fmt.number(kpi_value(r, key), 1, lang) for _, r in entries]
            for key, _, euro in KPIS}
    rows[t("app.compare.one_off", lang)] = [fmt.euro(r.pnl["one_off"].sum(), 0, lang) for _, r in entries]
    rows[t("app.compare.outside", lang, year=year)] = [fmt.number(r.pnl.iloc[-1]["se_outside"], 1, lang)
                                                       for _, r in entries]
    return pd.DataFrame(rows, index=[label for label, _ in entries]).T


def signed(value: float, euro: bool, lang: str, decimals: int = 1) -> str:
    """A difference with its sign: +€ 1.234, −2,5 (nothing to show: 0)."""
    shown = fmt.euro(abs(value), 0, lang) if euro else fmt.number(abs(value), decimals, lang)
    small = abs(value) < (0.5 if euro else 0.5 * 10 ** -decimals)
    return shown if small else ("+" if value > 0 else "−") + shown


def kpi_differences(entries: list[tuple[str, Results]], reference: str, lang: str) -> pd.DataFrame:
    """KPIs (rows) of several results against one of them, `reference` (any: the baseline or a plan):
    each other result's value minus the reference's, formatted with its sign."""
    ref = dict(entries)[reference]
    year = last_year(ref)
    others = [(label, r) for label, r in entries if label != reference]
    rows = {kpi_label(key, lang, year): [signed(kpi_value(r, key) - kpi_value(ref, key), euro, lang) for _, r in others]
            for key, _, euro in KPIS}
    return pd.DataFrame(rows, index=[label for label, _ in others]).T


def series(entries: list[tuple[str, Results]], column: str) -> pd.DataFrame:
    """One P&L row over the years for several results: year, series, value (for the charts)."""
    return pd.concat([pd.DataFrame({"year": r.pnl.index.astype(int), "series": label, "value": r.pnl[column].values})
                      for label, r in entries], ignore_index=True)


# ----- PMCs ----------------------------------------------------------------------------------------
def _closed_year(rows: pd.DataFrame) -> int | None:
    shut = rows[~rows.open.astype(bool)]
    return int(shut.year.min()) if not shut.empty else None


def _level(value) -> str:
    return "" if pd.isna(value) else str(int(value))


class _Facts:
    """Per PMC, read once from a result: its rows today and in the last year, the year it closes,
    its first and last tariff level, and where and when it moves."""

    def __init__(self, res: Results):
        p = res.pmcs
        self.today = p[p.year == res.base_year].set_index("pmc")
        self.last = p[p.year == last_year(res)].set_index("pmc")
        self.closed = p[~p.open.astype(bool)].groupby("pmc").year.min().to_dict()
        levels = p.dropna(subset=["tariff_level"]).groupby("pmc").tariff_level
        self.first_level, self.last_level = levels.first().to_dict(), levels.last().to_dict()
        ev = res.events[res.events.kind == "move_pmc"]
        self.moves = {r.subject: (int(r.year), str(r.detail).split("→")[-1].strip()) for r in ev.itertuples()}

    def words(self, pmc: str, lang: str, change: str | None = None, level_only: bool = False) -> str:
        """The decision in words: closes; else grows/shrinks/keeps (`change`), moves, tariff level."""
        if pmc in self.closed:
            return t("app.decision.close", lang, year=int(self.closed[pmc]))
        words = [t(f"app.decision.{change}", lang)] if change else []
        if pmc in self.moves:
            year, site = self.moves[pmc]
            words.append(t("app.decision.move", lang, site=site, year=year))
        first, last = self.first_level.get(pmc), self.last_level.get(pmc)
        if last is not None and (level_only or first != last):
            words.append(t("app.decision.level", lang, level=_level(last)) if level_only else
                         t("app.decision.tariff", lang, before=_level(first), after=_level(last)))
        return ", ".join(words) if words else t("app.decision.open", lang)


def pmc_decisions(res: Results, base: Results, lang: str) -> pd.DataFrame:
    """Per PMC: the decision, SE today / baseline / plan in the last year, tariff level and the
    contribution margin today and in the plan (the reason)."""
    y0, yn = res.base_year, last_year(res)
    plan, before = _Facts(res), _Facts(base)
    out = []
    for pmc, today in plan.today.iterrows():
        now, b = plan.last.loc[pmc], before.last.loc[pmc]
        change = ("grow" if now.se > b.se + CHANGE_SE else "empty" if now.se < 0.05 <= b.se
                  else "shrink" if now.se < b.se - CHANGE_SE else "keep")
        first, last = _level(today.tariff_level), _level(now.tariff_level)
        out.append({
            t("field.pmc", lang): pmc, t("field.name", lang): today["name"],
            t("field.activity", lang): activity(today.activity, lang),
            t("app.pmc.decision", lang): plan.words(pmc, lang, change),
            t("app.pmc.se_today", lang, year=y0): today.se,
            t("app.pmc.se_base", lang, year=yn): b.se,
            t("app.pmc.se_plan", lang, year=yn): now.se,
            t("app.pmc.tariff", lang): first if first == last or not first or not last else f"{first} → {last}",
            t("app.pmc.margin_today", lang, year=y0): today.margin,
            t("app.pmc.margin_base", lang, year=yn): b.margin,
            t("app.pmc.margin_plan", lang, year=yn): now.margin,
        })
    return pd.DataFrame(out)


# ----- sites ---------------------------------------------------------------------------------------
def site_decisions(res: Results, lang: str) -> pd.DataFrame:
    y0, yn = res.base_year, last_year(res)
    out = []
    for site, rows in res.sites.groupby("site", sort=False):
        today, plan = rows[rows.year == y0].iloc[0], rows[rows.year == yn].iloc[0]
        closed = _closed_year(rows)
        out.append({
            t("field.site", lang): site, t("field.name", lang): today["name"],
            t("app.pmc.decision", lang): t("app.decision.divest", lang, year=closed) if closed
            else t("app.decision.keep_site", lang),
            t("field.capacity", lang): today.capacity,
            t("app.site.se", lang, year=y0): today.se, t("app.site.use", lang, year=y0): today.use,
            t("app.site.se", lang, year=yn): plan.se, t("app.site.use", lang, year=yn): plan.use,
            t("app.site.cost", lang, year=yn): plan.cost,
        })
    return pd.DataFrame(out)


# ----- supervision, sales, employees ---------------------------------------------------------------
def by_year(df: pd.DataFrame, row: str, value: str, lang: str, names: str | None = "name") -> pd.DataFrame:
    """A long table pivoted to one row per `row` (labelled with its name) and one column per year."""
    labels = df[row] + (" – " + df[names] if names else "")
    wide = df.assign(_label=labels).pivot_table(index="_label", columns="year", values=value, aggfunc="sum", sort=False)
    wide.index.name = t(f"field.{row}", lang)
    wide.columns = [str(c) for c in wide.columns]
    return wide


def options(res: Results, lang: str) -> pd.DataFrame:
    """The supervision structure per type and year: option (span)."""
    df = res.supervision.assign(text=[f"{o} ({fmt.number(s, 0, lang)})" for o, s in zip(res.supervision.option,
                                                                                      res.supervision.span)])
    wide = df.assign(_label=df.type + " – " + df.name).pivot(index="_label", columns="year", values="text")
    wide.index.name = t("field.type", lang)
    wide.columns = [str(c) for c in wide.columns]
    return wide


def groups(res: Results, lang: str) -> pd.DataFrame:
    yn = last_year(res)
    g = res.groups[res.groups.year == yn][["group", "name", "se", "placed", "chain", "idle"]]
    return g.rename(columns=lambda c: t(f"field.{c}", lang))


def events(res: Results, lang: str) -> pd.DataFrame:
    ev = res.events.copy()
    ev["kind"] = [t(f"event.{k}", lang) for k in ev.kind]
    ev["detail"] = [event_detail(d, lang) for d in ev.detail]
    return ev.rename(columns=lambda c: t(f"field.{c}", lang))


def marginal_values(res: Results, lang: str) -> pd.DataFrame | None:
    mv = res.marginal_values
    if mv is None:
        return None
    mv = mv.assign(kind=[t(f"app.mv.{k}", lang) for k in mv.kind],
                   year=[t("app.mv.npv", lang) if pd.isna(y) else str(int(y)) for y in mv.year])
    wide = mv.pivot_table(index=["kind", "subject"], columns="year", values="value", aggfunc="sum", sort=False)
    wide.index.names = [t("field.kind", lang), t("field.subject", lang)]
    wide.columns = [str(c) for c in wide.columns]
    return wide


# ----- comparing -----------------------------------------------------------------------------------
def pmc_states(entries: list[tuple[str, Results]], lang: str, only_different: bool = True) -> pd.DataFrame:
    """Per PMC the decision in each scenario (open/closed, moves, tariff level)."""
    facts = [(label, _Facts(r)) for label, r in entries]
    names = facts[0][1].today["name"]
    data = {label: [f.words(p, lang, level_only=True) for p in names.index] for label, f in facts}
    df = pd.DataFrame({t("field.pmc", lang): names.index, t("field.name", lang): names.values} | data)
    if only_different:
        df = df[df[list(data)].nunique(axis=1) > 1]
    return df


def event_differences(entries: list[tuple[str, Results]], lang: str) -> pd.DataFrame:
    """One-off decisions (closing, moving, tariffs, divesting, reorganising) not taken in every scenario."""
    cols = ["year", "kind", "subject", "detail"]
    seen = {label: set(map(tuple, r.events[cols].astype(str).values)) for label, r in entries}
    every = set.intersection(*seen.values()) if seen else set()
    rows = sorted(set.union(*seen.values()) - every if seen else set())
    out = pd.DataFrame(rows, columns=cols)
    out["kind"] = [t(f"event.{k}", lang) for k in out.kind]
    out = out.rename(columns=lambda c: t(f"field.{c}", lang))
    for label, keys in seen.items():
        out[label] = ["✓" if r in keys else "" for r in rows]
    return out
