"""The review's content: every number and every sentence, assembled from a company model and the
results computed for it (`compute.Computed`). Pure: no solving, no files, no layout.

The result, `ReportData`, is in one language: its sentences come from the catalogue (report.yaml)
with their figures filled in, and its tables keep raw numbers (the renderers format them).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

import pandas as pd

from ..company import CompanyModel
from ..i18n import DEFAULT_LANG
from ..results import KPI_ROWS, PNL_ROWS, Results
from ..scenario import LEVERS
from ..schema import OUTSIDE_ACTIVITIES, SECONDMENT_ACTIVITIES, TABLES, ACTIVITIES
from . import columns, sector
from .advice import Advice, by_lever, decisions_frame, plan_advice
from .compute import Computed
from .text import Say

ACTIVITY_ORDER = list(ACTIVITIES)
# P&L rows shown in the plan section, baseline against plan
PATH_ROWS = ("value_added", "pmc_fixed_costs", "wages_wsw", "subsidy", "supervision", "site_costs", "overhead",
             "acquisition", "one_off", "operating_result", "municipal_contribution")


# ----- containers ------------------------------------------------------------------------------------
@dataclass
class ReportTable:
    """A table of raw values. Columns are column names of `columns.KINDS` (headings from the
    catalogue) or years; `row_kinds` gives each row its own kind where units differ by row."""

    key: str  # stable name: the workbook sheet is rsheet.<key>
    frame: pd.DataFrame
    title: str = ""
    note: str = ""
    headings: dict = field(default_factory=dict)  # column -> heading text (overrides the catalogue)
    kinds: dict = field(default_factory=dict)  # column -> kind (overrides columns.KINDS)
    row_kinds: list[str] | None = None
    strong: set[int] = field(default_factory=set)  # row positions shown in bold
    label_column: str | None = None  # the column that names each row (wide tables keep it wide)
    plain: set = field(default_factory=set)  # numeric columns whose negatives are not shown in red

    def heading(self, column, lang: str) -> str:
        if column in self.headings:
            return self.headings[column]
        if isinstance(column, int):
            return str(column)
        return columns.heading(column, lang)

    def kind(self, column, row: int | None = None) -> str:
        if column in self.kinds:
            kind = self.kinds[column]
        elif isinstance(column, int):
            kind = "eur"
        else:
            kind = columns.kind(column)
        if self.row_kinds is not None and row is not None and kind not in ("text", "rtext", "year", "int"):
            return self.row_kinds[row]
        return kind


@dataclass
class LeverReport:
    lever: str
    title: str
    active: bool
    findings: list[str]
    tables: list[ReportTable]
    advice: list[Advice]
    no_advice: str
    worth: list[str]
    gain_alone: float | None
    gain_step: float | None
    social: list[str]
    risks: list[str]


@dataclass
class SensitivityReport:
    text: list[str]
    figures: ReportTable | None
    decisions: ReportTable | None
    same: int = 0
    shifted: int = 0
    dropped: int = 0
    added: int = 0


@dataclass
class ReportData:
    lang: str
    title: str
    subtitle: str
    company: str
    scenario: str
    source: str
    created: str
    base_year: int
    first_year: int
    last_year: int
    active_levers: tuple[str, ...]
    figures: dict[str, float]  # the key figures, raw
    alerts: list[str]
    summary: list[str]
    highlights: list[str]
    summary_table: ReportTable
    contribution_table: ReportTable
    today_text: list[str]
    today_tables: list[ReportTable]
    kpi_table: ReportTable
    peers_text: list[str]
    peers_table: ReportTable | None
    levers: list[LeverReport]
    waterfall_text: list[str]
    waterfall_table: ReportTable | None
    advice: list[Advice]
    plan_text: list[str]
    plan_tables: list[ReportTable]
    sensitivity: SensitivityReport | None
    assumptions_text: list[str]
    estimates: list[str]
    assumption_tables: list[ReportTable]
    warnings: list[str]
    charts: dict[str, dict]  # chart name -> series (plain lists), drawn by charts.py
    seconds: dict[str, float]
    appendix: list[ReportTable] = field(default_factory=list)  # the full results tables (workbook only)
    region_text: list[str] = field(default_factory=list)  # regional cooperation (only with a region result)
    region_table: ReportTable | None = None

    def tables(self) -> list[ReportTable]:
        """Every table of the report, in reading order (the workbook writes one sheet each)."""
        out = [self.summary_table, self.contribution_table, *self.today_tables, self.kpi_table]
        if self.peers_table is not None:
            out.append(self.peers_table)
        for lever in self.levers:
            out += lever.tables
        if self.waterfall_table is not None:
            out.append(self.waterfall_table)
        out += self.plan_tables
        if self.region_table is not None:
            out.append(self.region_table)
        if self.sensitivity is not None:
            out += [t for t in (self.sensitivity.figures, self.sensitivity.decisions) if t is not None]
        out += self.assumption_tables
        return out


# ----- assembly --------------------------------------------------------------------------------------
def assemble(c: Computed, lang: str = DEFAULT_LANG, *, peers: pd.DataFrame | None = None,
             reconciliation: pd.DataFrame | None = None, model_warnings: list[str] | None = None,
             source: str | None = None, created: _dt.date | None = None, region=None,
             region_member: str | None = None) -> ReportData:
    """All numbers and advice of the review of `c` in `lang`.

    peers: a peer set (benchmarking.read_peers) for the kernkaart; reconciliation: the ledger
    reconciliation (ledger.reconcile) of the base year; model_warnings: the workbook's validation
    warnings as text; source: where the company model came from (file name); region: a regional split
    (region.RegionResult) for the section on regional cooperation, with the company's member id
    `region_member` (default: the member of the same company name)."""
    a = _Assembler(c, lang, peers, reconciliation, model_warnings or [], source, created)
    data = a.build()
    if region is not None:
        from .region import region_section

        data.region_text, data.region_table = region_section(region, data.company, a.say, region_member)
    return data


class _Assembler:
    def __init__(self, c: Computed, lang, peers, reconciliation, model_warnings, source, created):
        self.c, self.lang, self.peers, self.recon = c, lang, peers, reconciliation
        self.model_warnings, self.source = model_warnings, source
        self.created = created or _dt.date.today()
        self.say = Say(lang)
        self.m: CompanyModel = c.changed
        self.base: Results = c.baseline
        self.plan: Results | None = c.plan
        self.by = self.m.base_year
        self.first = self.m.plan_years[0] if self.m.plan_years else self.by
        self.last = self.m.years[-1]
        self.advice = plan_advice(self.m, self.base, self.plan, self.say) if self.plan is not None else []
        self.advice_by_lever = by_lever(self.advice)

    # ----- helpers ------------------------------------------------------------------------------
    def t(self, key: str, **params) -> str:
        return self.say.t(key, **params)

    def bp(self, year=None) -> pd.Series:
        return self.base.pnl.loc[self.by if year is None else year]

    def pp(self, year=None) -> pd.Series | None:
        return None if self.plan is None else self.plan.pnl.loc[self.by if year is None else year]

    def base_pmcs(self) -> pd.DataFrame:
        return self.base.pmcs[self.base.pmcs.year == self.by].copy()

    # ----- everything ----------------------------------------------------------------------------
    def build(self) -> ReportData:
        m = self.m
        figures = self.figures()
        today_text, today_tables = self.today()
        kpi_table = self.kpi_table()
        peers_text, peers_table = self.peer_comparison()
        levers = [self.lever(k) for k in LEVERS]
        wf_text, wf_table = self.waterfall()
        plan_text, plan_tables = self.plan_section()
        assumptions_text, estimates, assumption_tables, warnings = self.assumptions()
        return ReportData(
            lang=self.lang, title=self.t("report.title", company=m.company.name),
            subtitle=self.t("report.subtitle", scenario=self.c.scenario.name, base_year=self.by,
                            first=self.first, last=self.last),
            company=m.company.name, scenario=self.c.scenario.name, source=self.source or "",
            created=self.created.isoformat(), base_year=self.by, first_year=self.first, last_year=self.last,
            active_levers=self.c.scenario.active_levers, figures=figures, alerts=self.alerts(),
            summary=self.summary(figures), highlights=self.highlights(), summary_table=self.summary_table(),
            contribution_table=self.contribution_table(), today_text=today_text, today_tables=today_tables,
            kpi_table=kpi_table, peers_text=peers_text, peers_table=peers_table, levers=levers,
            waterfall_text=wf_text, waterfall_table=wf_table, advice=self.advice, plan_text=plan_text,
            plan_tables=plan_tables, sensitivity=self.sensitivity(), assumptions_text=assumptions_text,
            estimates=estimates, assumption_tables=assumption_tables, warnings=warnings, charts=self.charts(),
            seconds=dict(self.c.seconds), appendix=self.appendix(),
        )

    # ----- 1. summary -----------------------------------------------------------------------------
    def figures(self) -> dict[str, float]:
        m, b0, bl = self.m, self.bp(), self.bp(self.last)
        se0 = b0.se_total
        f = {
            "se": se0, "se_last": bl.se_total, "idle": b0.se_idle,
            "subsidy_per_se": m.subsidy_per_se[self.by], "subsidy_per_se_last": m.subsidy_per_se[self.last],
            "wage_per_se": b0.wages_wsw / se0 if se0 else 0.0,
            "gap_total": b0.wages_wsw - b0.subsidy,
            "value_added": b0.value_added, "value_added_per_se": b0.value_added_per_se,
            "result": b0.operating_result, "result_per_se": b0.result_per_se,
            "contribution": b0.municipal_contribution,
            "contribution_last_base": bl.municipal_contribution, "result_per_se_last_base": bl.result_per_se,
            "contribution_per_se_last_base": bl.contribution_per_se,
            "npv_base": self.base.npv,
        }
        f["gap_per_se"] = f["wage_per_se"] - f["subsidy_per_se"]
        if self.plan is not None:
            pl = self.pp(self.last)
            f.update({"npv_plan": self.plan.npv, "npv_gain": self.plan.npv - self.base.npv,
                      "contribution_last_plan": pl.municipal_contribution, "result_per_se_last_plan": pl.result_per_se,
                      "result_last_plan": pl.operating_result,
                      "contribution_plan_total":
                          float(self.plan.pnl.loc[self.m.plan_years, "municipal_contribution"].sum()),
                      "one_off_total": float(self.plan.pnl.loc[self.m.plan_years, "one_off"].sum()),
                      "moved_total": float(self.plan.pnl.loc[self.m.plan_years, "se_moved"].sum())})
        f["contribution_base_total"] = float(self.base.pnl.loc[self.m.plan_years, "municipal_contribution"].sum())
        return f

    def alerts(self) -> list[str]:
        s, out = self.say, []
        if self.plan is None:
            out.append(self.t("report.alert_no_plan", reason=" ".join(self.c.plan_error) or "–"))
            return out
        if self.plan.status == "time_limit":
            seconds = self.plan.solve_seconds or self.c.scenario.time_limit
            out.append(self.t("report.alert_time_limit", seconds=s.num(seconds),
                              gap=s.pct(self.plan.gap or 0.0)))
        if self.plan.npv < self.base.npv - 1.0:
            out.append(self.t("report.alert_worse", npv_plan=s.eur(self.plan.npv), npv_base=s.eur(self.base.npv)))
        idle_plan = self.plan.pnl.loc[self.m.plan_years, "se_idle"]
        idle_base = self.base.pnl.loc[self.m.plan_years, "se_idle"]
        worst = (idle_plan - idle_base).idxmax() if len(idle_plan) else None
        if worst is not None and idle_plan[worst] - idle_base[worst] >= max(1.0, 0.02 * self.bp().se_total):
            out.append(self.t("report.alert_idle", year=int(worst), se=s.se(idle_plan[worst]),
                              se_base=s.se(idle_base[worst]), se_now=s.se(self.bp().se_idle)))
        return out

    def summary(self, f) -> list[str]:
        s, m = self.say, self.m
        out = [
            self.t("report.summary_company", company=m.company.name, base_year=self.by, se=s.se(f["se"]),
                   groups=len(m.groups), pmcs=len(m.pmcs), sites=len(m.sites), idle=s.se(f["idle"])),
            self.t("report.summary_gap", base_year=self.by, subsidy_per_se=s.eur(f["subsidy_per_se"]),
                   wage_per_se=s.eur(f["wage_per_se"]), gap_per_se=s.eur(f["gap_per_se"]),
                   gap_total=s.eur(f["gap_total"]), value_added=s.eur(f["value_added"]),
                   value_added_per_se=s.eur(f["value_added_per_se"]), result=s.eur(f["result"]),
                   result_per_se=s.eur(f["result_per_se"]), contribution=s.eur(f["contribution"])),
            self.t("report.summary_path", last=self.last, contribution_last=s.eur(f["contribution_last_base"]),
                   contribution_per_se_last=s.eur(f["contribution_per_se_last_base"]),
                   subsidy_last=s.eur(f["subsidy_per_se_last"]), se_last=s.se(f["se_last"]),
                   npv_base=s.eur(f["npv_base"]), first=self.first),
        ]
        if self.plan is not None and not self.c.scenario.active_levers:
            out.append(self.t("report.summary_no_levers", scenario=self.c.scenario.name))
        elif self.plan is not None:
            levers = s.join(s.lever(k) for k in self.c.scenario.active_levers)
            worse = f["npv_gain"] < -1.0
            out.append(self.t("report.summary_plan_worse" if worse else "report.summary_plan", levers=levers,
                              first=self.first, last=self.last,
                              gain=s.eur(f["npv_gain"]), npv_base=s.eur(f["npv_base"]), npv_plan=s.eur(f["npv_plan"]),
                              rps_plan=s.eur(f["result_per_se_last_plan"]),
                              rps_base=s.eur(f["result_per_se_last_base"]),
                              contrib_plan=s.eur(f["contribution_last_plan"]),
                              contrib_base=s.eur(f["contribution_last_base"]),
                              contrib_total_plan=s.eur(f["contribution_plan_total"]),
                              contrib_total_base=s.eur(f["contribution_base_total"])))
        return out

    def highlights(self) -> list[str]:
        """One line per lever: what the plan decides."""
        s, out = self.say, []
        for lever in LEVERS:
            items = self.advice_by_lever.get(lever, [])
            if not items:
                continue
            if lever == "phase_out":
                text = self.t("report.hl_phase_out", n=len(items),
                              list=s.join(f"{a.subject} ({a.year})" for a in items))
            elif lever == "tariffs":
                text = self.t("report.hl_tariffs", n=len(items),
                              list=s.join(f"{a.subject} → {a.target} ({a.year})" for a in items))
            elif lever == "sites":
                div = [a for a in items if a.kind == "divest_site"]
                mov = [a for a in items if a.kind == "move_pmc"]
                parts = []
                if div:
                    parts.append(self.t("report.hl_sites", n=len(div),
                                        list=s.join(f"{a.subject} ({a.year})" for a in div)))
                if mov:
                    parts.append(self.t("report.hl_moves", n=len(mov),
                                        list=s.join(f"{a.subject} → {a.target} ({a.year})" for a in mov)))
                text = " ".join(parts)
            elif lever == "placement":
                more = [a.subject for a in items if a.kind == "grow_pmc"]
                less = [a.subject for a in items if a.kind == "shrink_pmc"]
                parts = ([self.t("report.hl_more", list=s.join(more))] if more else []) + \
                        ([self.t("report.hl_less", list=s.join(less))] if less else [])
                text = self.t("report.hl_placement", year=self.first, changes=", ".join(parts))
            elif lever == "supervision":
                sup = self.plan.supervision
                now = sum(k.current_fte for k in self.m.supervision_types)
                end = float(sup[sup.year == self.last].fte.sum())
                reorg = [f"{a.subject} {a.target} ({a.year})" for a in items if a.kind in ("widen_span", "narrow_span")]
                text = self.t("report.hl_supervision", fte_now=s.fte(now), base_year=self.by, fte_last=s.fte(end),
                              last=self.last, se_last=s.se(sup[sup.year == self.last].se.sum()))
                if reorg:
                    text += " " + self.t("report.hl_reorganise", list=s.join(reorg))
            elif lever == "acquisition":
                sales = self.plan.sales[self.plan.sales.year > self.by]
                text = self.t("report.hl_acquisition", activities=s.join(s.activity(a.subject) for a in items),
                              cost=s.eur(sales.cost.sum()))
            elif lever == "chain":
                top = self.plan.chain.groupby("year").se.sum().max()
                text = self.t("report.hl_chain", se=s.se(top), partners=s.join(a.subject for a in items),
                              year=min(a.year for a in items))
            else:
                text = " ".join(a.text for a in items)
            out.append(f"{s.lever(lever)}: {text}")
        return out

    def summary_table(self) -> ReportTable:
        b0, bl = self.bp(), self.bp(self.last)
        pl = self.pp(self.last)
        rows = [("pnl_result", "operating_result", "eur"), ("pnl_result_per_se", "result_per_se", "eur"),
                ("pnl_contribution", "municipal_contribution", "eur"), ("pnl_va_per_se", "value_added_per_se", "eur"),
                ("pnl_se_total", "se_total", "se"), ("pnl_se_idle", "se_idle", "se"),
                ("pnl_se_sheltered", "se_sheltered", "se"), ("pnl_se_outside", "se_outside", "se")]
        data = []
        for label, col, kind in rows:
            data.append({"kpi": self.t(f"report.{label}"), "today": b0[col], "baseline": bl[col],
                         "plan": pl[col] if pl is not None else float("nan"), "_kind": kind})
        data.append({"kpi": self.t("report.pnl_npv", first=self.first, last=self.last), "today": float("nan"),
                     "baseline": self.base.npv, "plan": self.plan.npv if self.plan is not None else float("nan"),
                     "_kind": "eur"})
        frame = pd.DataFrame(data)
        return ReportTable(
            "summary", frame[["kpi", "today", "baseline", "plan"]], title=self.t("report.tbl_summary"),
            headings={"today": self.t("report.col_today", year=self.by),
                      "baseline": self.t("report.col_baseline_year", year=self.last),
                      "plan": self.t("report.col_plan_year", year=self.last)},
            row_kinds=list(frame["_kind"]), strong={0, 2, len(data) - 1}, label_column="kpi")

    def contribution_table(self) -> ReportTable:
        years = self.m.years
        base = self.base.pnl.loc[years, "municipal_contribution"]
        frame = pd.DataFrame({"year": years, "baseline": base.values})
        if self.plan is not None:
            plan = self.plan.pnl.loc[years, "municipal_contribution"]
            frame["plan"] = plan.values
            frame["difference"] = plan.values - base.values
        return ReportTable("contribution", frame, title=self.t("report.tbl_contribution"), plain={"difference"},
                           headings={"baseline": self.t("report.col_baseline"), "plan": self.t("report.col_plan")})

    # ----- 2. the company today ----------------------------------------------------------------------
    def today(self) -> tuple[list[str], list[ReportTable]]:
        s, m, b0 = self.say, self.m, self.bp()
        se0 = b0.se_total
        text = [self.t("report.today_intro", base_year=self.by)]
        # groups
        g = self.base.groups[self.base.groups.year == self.by].set_index("group")
        groups = pd.DataFrame([{
            "group": wg.id, "name": wg.name, "se": wg.se, "outflow": wg.outflow, "wage_cost": wg.wage_cost,
            "productivity": wg.productivity, "status": self.t("report.yes" if wg.sheltered_only else "report.no"),
            "placed": g.placed.get(wg.id, 0.0), "idle": g.idle.get(wg.id, 0.0)} for wg in m.groups])
        groups_tbl = ReportTable("groups", groups, title=self.t("report.tbl_groups"),
                                 headings={"status": self.t("report.col_sheltered_only")},
                                 kinds={"productivity": "num2"}, label_column="name")
        # placement types
        pm = self.base_pmcs()
        act = self.activity_frame(pm)
        act_tbl = ReportTable("activities", act, title=self.t("report.tbl_activities"),
                              note=self.t("report.note_activities"), label_column="activity")
        # PMCs by activity
        pm["order"] = pm.activity.map(ACTIVITY_ORDER.index)
        pm = pm.sort_values(["order", "pmc"])
        pmcs = pd.DataFrame({
            "pmc": pm.pmc, "name": pm.name, "activity": pm.activity.map(s.activity),
            "site": pm.site.fillna("–"), "se": pm.se, "value_added": pm.value_added,
            "direct_margin": pm.value_added - pm.fixed_costs - pm.supervision_alloc, "margin": pm.margin,
        })
        pmcs_tbl = ReportTable("pmcs", pmcs.reset_index(drop=True), title=self.t("report.tbl_pmcs", year=self.by),
                               note=self.t("report.note_margin"), label_column="name")
        # sites
        st = self.base.sites[self.base.sites.year == self.by].set_index("site")
        sites = pd.DataFrame([{
            "site": x.id, "name": x.name, "ownership": self.t(f"report.own_{x.ownership}"), "capacity": x.capacity,
            "se": st.se.get(x.id, 0.0), "use": st.use.get(x.id, 0.0), "cost": st.cost.get(x.id, 0.0),
            "cost_per_se": st.cost.get(x.id, 0.0) / st.se.get(x.id) if st.se.get(x.id, 0.0) > 0.05 else float("nan"),
            "lease_end": str(x.lease_end) if x.lease_end else "–", "divest_value": x.divest_value} for x in m.sites])
        sites_tbl = ReportTable("sites", sites, title=self.t("report.tbl_sites"), note=self.t("report.note_divest"),
                                label_column="name")
        sup_tbl = self.supervision_table()
        # sentences
        outside = b0.se_outside / se0 if se0 else 0.0
        neg = pm[pm.margin < 0]
        text.append(self.t("report.today_mix", se=s.se(se0), placed=s.se(b0.se_placed), idle=s.se(b0.se_idle),
                           sheltered=s.pct(b0.se_sheltered / se0 if se0 else 0), outside=s.pct(outside),
                           outside_range=self.range_text("share_outside")))
        text.append(self.t("report.today_pmcs", n=len(pm), neg=len(neg), neg_sum=s.eur(neg.margin.sum()),
                           base_year=self.by))
        return text, [groups_tbl, act_tbl, pmcs_tbl, sites_tbl, sup_tbl]

    def activity_frame(self, pm: pd.DataFrame) -> pd.DataFrame:
        s, b0 = self.say, self.bp()
        se0 = b0.se_total
        rows = []
        for a in ACTIVITY_ORDER:
            part = pm[pm.activity == a]
            if part.empty:
                continue
            se = part.se.sum()
            va = part.value_added.sum() / se if se > 0.05 else float("nan")
            bounds = sector.ACTIVITY_VALUE_ADDED.get(a)
            rows.append({"activity": s.activity(a), "se": se, "share": se / se0 if se0 else 0.0, "va_per_se": va,
                         "margin": part.margin.sum(), "sector_range": self.bounds_text(bounds, "eur"),
                         "assessment": self.assess(va, bounds)})
        for label, se in (("report.row_chain", b0.se_chain), ("report.row_idle", b0.se_idle)):
            if se > 0.05 or label == "report.row_idle":
                rows.append({"activity": self.t(label), "se": se, "share": se / se0 if se0 else 0.0,
                             "va_per_se": float("nan"), "margin": float("nan"), "sector_range": "",
                             "assessment": ""})
        return pd.DataFrame(rows)

    def supervision_table(self) -> ReportTable:
        m = self.m
        sup = self.base.supervision[self.base.supervision.year == self.by].set_index("type")
        rows = []
        for k in m.supervision_types:
            r = sup.loc[k.id]
            acts = [p.activity for p in m.pmcs if p.supervision_type == k.id]
            main = max(set(acts), key=acts.count) if acts else None
            needed = r.se / r.span if r.span else 0.0
            rows.append({"type": k.id, "name": k.name, "option": r.option, "fte": r.fte, "se": r.se,
                         "se_per_fte": r.se_per_fte, "fte_needed": needed, "fte_surplus": r.fte - needed,
                         "sector_range": self.bounds_text(sector.SPANS.get(main), "num0", prefix="1:") if main else "",
                         "cost": r.cost})
        return ReportTable("supervision", pd.DataFrame(rows), title=self.t("report.tbl_supervision"),
                           note=self.t("report.note_supervision"), label_column="name")

    def bounds_text(self, bounds, kind: str, prefix: str = "") -> str:
        if not bounds:
            return ""
        lo, hi = bounds
        show = {"eur": self.say.eur, "pct": lambda v: self.say.pct(v, 0), "num0": lambda v: self.say.num(v, 0)}[kind]
        if prefix:
            return f"{prefix}{show(lo)}–{prefix}{show(hi)}"
        return f"{show(lo)} – {show(hi)}"

    def range_text(self, kpi: str) -> str:
        kind = "pct" if kpi == "share_outside" else "eur"
        return self.bounds_text(sector.KPI_RANGES.get(kpi), kind)

    def assess(self, value, bounds) -> str:
        pos = sector.position(value, bounds)
        return self.t(f"report.pos_{pos}") if pos else ""

    def kpi_table(self) -> ReportTable:
        b0 = self.bp()
        se0 = b0.se_total or 1.0
        fte = self.base.supervision[self.base.supervision.year == self.by].fte.sum()
        sup_cost = b0.supervision
        rows = [
            ("value_added_per_se", b0.value_added_per_se, "eur", None),
            ("result_per_se", b0.result_per_se, "eur", "result_per_se"),
            ("contribution_per_se", b0.contribution_per_se, "eur", None),
            ("overhead_per_se", b0.overhead / se0, "eur", None),
            ("supervision_per_se", sup_cost / se0, "eur", None),
            ("se_per_supervisor", se0 / fte if fte else float("nan"), "num1", None),
            ("supervisor_cost", sup_cost / fte if fte else float("nan"), "eur", "supervisor_cost"),
            ("share_outside", b0.se_outside / se0, "pct", "share_outside"),
            ("wage_per_se", b0.wages_wsw / se0, "eur", "wage_per_se"),
            ("subsidy_per_se", b0.subsidy / se0, "eur", "subsidy_per_se"),
        ]
        data = []
        for key, value, kind, ref in rows:
            bounds = sector.KPI_RANGES.get(ref) if ref else None
            data.append({"kpi": self.t(f"report.kpi_{key}"), "value": value,
                         "sector_range": self.bounds_text(bounds, "pct" if kind == "pct" else "eur"),
                         "assessment": self.assess(value, bounds), "_kind": kind})
        frame = pd.DataFrame(data)
        return ReportTable("kpis", frame[["kpi", "value", "sector_range", "assessment"]],
                           title=self.t("report.tbl_kpis", year=self.by), note=self.t("report.note_kpis"),
                           row_kinds=list(frame["_kind"]), headings={"value": self.t("report.col_value")},
                           label_column="kpi")

    def company_figures(self) -> dict:
        b0, m = self.bp(), self.m
        fte = self.base.supervision[self.base.supervision.year == self.by].fte.sum()
        return {"id": "company", "name": m.company.name, "se": b0.se_total, "se_outside": b0.se_outside,
                "value_added": b0.value_added, "wsw_wages": b0.wages_wsw, "subsidy": b0.subsidy,
                "supervision_fte": fte, "overhead": b0.overhead,
                "site_workplaces": sum(x.capacity for x in m.sites), "site_costs": b0.site_costs,
                "operating_result": b0.operating_result, "municipal_contribution": b0.municipal_contribution}

    def peer_comparison(self) -> tuple[list[str], ReportTable | None]:
        if self.peers is None:
            return [], None
        from ..benchmarking.kpis import comparison_group, format_kpi, kernkaart

        s = self.say
        figures = self.company_figures()
        card = kernkaart(self.peers, figures, self.lang)
        group, company_id = comparison_group(self.peers, figures)
        rows = []
        for key, r in card.iterrows():
            unit = r["unit"]
            rows.append({"kpi": r["label"], "value_text": format_kpi(r["value"], unit, self.lang),
                         "median_text": format_kpi(r["median"], unit, self.lang),
                         "q1_text": format_kpi(r["q1"], unit, self.lang),
                         "q3_text": format_kpi(r["q3"], unit, self.lang),
                         "rank": "–" if pd.isna(r["rank"]) else f"{int(r['rank'])}/{int(r['n'])}",
                         "quartile": "–" if pd.isna(r["quartile"]) else str(int(r["quartile"])),
                         "direction": r["direction"]})
        table = ReportTable("kernkaart", pd.DataFrame(rows), title=self.t("report.tbl_kernkaart", n=len(group)),
                            note=self.t("report.note_kernkaart"), label_column="kpi")
        q = card["quartile"].dropna()
        text = [self.t("report.peers_intro", n=len(group) - 1, base_year=self.by),
                self.t("report.peers_quartiles", top=s.join(card.loc[q[q == 1].index, "label"]) or "–",
                       bottom=s.join(card.loc[q[q == 4].index, "label"]) or "–")]
        text += self.dea_text(group, company_id)
        return text, table

    def dea_text(self, group: pd.DataFrame, company_id: str) -> list[str]:
        from ..benchmarking import DEAInputError, run_dea
        from ..benchmarking.cli import DEFAULT_INPUTS, DEFAULT_OUTPUTS

        try:
            result = run_dea(group, DEFAULT_INPUTS, DEFAULT_OUTPUTS, model="crs", orientation="input")
            bench = result.benchlearning(company_id)
        except (DEAInputError, KeyError, ValueError):
            return []
        names = dict(zip(group["id"].astype(str), group["name"].astype(str)))
        peers = [f"{names.get(i, i)} ({i})" for i in bench.peers.index]
        if not peers:
            return [self.t("report.dea_efficient", eff=self.say.num(bench.efficiency, 2))]
        return [self.t("report.dea", eff=self.say.num(bench.efficiency, 2),
                       saving=self.say.pct(1 - bench.efficiency, 0),
                       peers=self.say.join(peers))]

    # ----- 3. levers ---------------------------------------------------------------------------------
    def lever(self, lever: str) -> LeverReport:
        s = self.say
        findings, tables = getattr(self, f"find_{lever}")()
        advice = self.advice_by_lever.get(lever, [])
        active = lever in self.c.scenario.active_levers
        if not active:
            no_advice = self.t("report.lever_off")
        elif self.plan is None:
            no_advice = self.t("report.lever_no_plan")
        else:
            no_advice = self.t(f"report.none_{lever}")
        gain_alone = gain_step = None
        worth, social = [], []
        w = self.c.waterfall
        if active and w is not None:
            alone = dict(zip(w.alone.lever, w.alone.gain))
            steps = dict(zip(w.steps.lever, w.steps.gain))
            gain_alone, gain_step = alone.get(lever), steps.get(lever)
            key = "report.worth_placement" if lever == "placement" else "report.worth"
            worth.append(self.t(key, alone=s.signed_eur(gain_alone), step=s.signed_eur(gain_step),
                                first=self.first, last=self.last))
            social += self.social_alone(lever, w)
        if active and self.plan is not None:
            social += self.social_direct(lever, advice)
        return LeverReport(lever=lever, title=s.lever(lever), active=active, findings=findings, tables=tables,
                           advice=advice, no_advice=no_advice, worth=worth, gain_alone=gain_alone,
                           gain_step=gain_step, social=social, risks=[self.t(f"risk.{lever}")])

    def social_alone(self, lever: str, w) -> list[str]:
        """Workplace changes, sheltered places and idle SE of the lever alone (with reallocation)."""
        s = self.say
        active = self.c.scenario.active_levers
        ref = ("placement",) if "placement" in active and lever != "placement" else ()
        key = tuple(k for k in LEVERS if k in set(ref + (lever,)))
        res, ref_res = w.results.get(key), w.results.get(ref)
        if res is None or ref_res is None:
            return []
        years = self.m.plan_years
        moved = float(res.pnl.loc[years, "se_moved"].sum())
        moved_ref = float(ref_res.pnl.loc[years, "se_moved"].sum())
        last = res.pnl.loc[self.last]
        key_text = "report.social_alone_placement" if lever == "placement" else "report.social_alone"
        return [self.t(key_text, moved=s.se(moved), moved_ref=s.se(moved_ref), first=self.first, last=self.last,
                       sheltered=s.se(last.se_sheltered), sheltered_base=s.se(self.bp(self.last).se_sheltered),
                       idle=s.se(last.se_idle), idle_base=s.se(self.bp(self.last).se_idle))]

    def social_direct(self, lever: str, advice: list[Advice]) -> list[str]:
        """Employees whose workplace the plan's decisions of this lever touch directly."""
        s, plan = self.say, self.plan
        if lever == "phase_out":
            se = sum(_se_before(plan, a.subject, a.year) for a in advice)
            sheltered = sum(_se_before(plan, a.subject, a.year) for a in advice if self.m.pmc[a.subject].sheltered)
            return [self.t("report.social_closures", se=s.se(se), sheltered=s.se(sheltered))] if advice else []
        if lever == "sites":
            moves = plan.events[plan.events.kind == "move_pmc"]
            se = sum(_se_before(plan, r.subject, r.year) for r in moves.itertuples())
            return [self.t("report.social_moves", n=len(moves), se=s.se(se))] if len(moves) else []
        if lever == "chain":
            top = plan.chain.groupby("year").se.sum().max() if not plan.chain.empty else 0.0
            return [self.t("report.social_chain", se=s.se(top))] if top > 0.05 else []
        if lever == "placement":
            p = plan.pnl.loc[self.m.plan_years]
            if p.empty:
                return []
            peak = p.se_moved.idxmax()
            return [self.t("report.social_moved", moved=s.se(p.se_moved.sum()), first=self.first, last=self.last,
                           peak=s.se(p.se_moved[peak]), peak_year=int(peak))]
        return []

    # findings per lever: (sentences, tables)
    def find_placement(self):
        s, b0 = self.say, self.bp()
        g = self.base.groups[self.base.groups.year == self.by]
        idle = g[g.idle > 0.05]
        pm = self.base_pmcs()
        neg = pm[pm.margin < 0]
        text = [self.t("report.find_placement", idle=s.se(b0.se_idle), base_year=self.by,
                       groups=s.join(f"{r.group} {s.se(r.idle)}" for r in idle.itertuples()) or "–",
                       se_neg=s.se(neg.se.sum()), n_neg=len(neg))]
        if self.plan is not None:
            p1 = self.pp(self.first)
            text.append(self.t("report.find_placement_plan", year=self.first,
                               idle_base=s.se(self.bp(self.first).se_idle),
                               idle_plan=s.se(p1.se_idle), outside_base=s.se(self.bp(self.first).se_outside),
                               outside_plan=s.se(p1.se_outside)))
        tables = []
        if self.plan is not None:
            rows = []
            for year in sorted({self.first, self.last}):
                b = self.base.pmcs[self.base.pmcs.year == year].groupby("activity").se.sum()
                p = self.plan.pmcs[self.plan.pmcs.year == year].groupby("activity").se.sum()
                for a in ACTIVITY_ORDER:
                    if a in b.index or a in p.index:
                        rows.append({"year": year, "activity": s.activity(a), "se_base": b.get(a, 0.0),
                                     "se_plan": p.get(a, 0.0)})
                for label, col in (("report.row_chain", "se_chain"), ("report.row_idle", "se_idle")):
                    rows.append({"year": year, "activity": self.t(label), "se_base": self.bp(year)[col],
                                 "se_plan": self.pp(year)[col]})
            tables.append(ReportTable("placement", pd.DataFrame(rows), title=self.t("report.tbl_placement"),
                                      headings={"se_base": self.t("report.col_se_baseline"),
                                                "se_plan": self.t("report.col_se_plan")}, label_column="activity"))
        return text, tables

    def find_phase_out(self):
        s, m = self.say, self.m
        pm = self.base_pmcs()
        neg = pm[pm.margin < 0].sort_values("margin")
        fixed = [p for p in neg.pmc if not m.pmc[p].may_close]
        closing = {a.subject: a.year for a in self.advice_by_lever.get("phase_out", [])}
        text = [self.t("report.find_phase_out", n=len(neg), total=len(pm), base_year=self.by,
                       sum=s.eur(neg.margin.sum()))]
        if fixed:
            text.append(self.t("report.find_phase_out_fixed", list=s.join(fixed)))
        kept = [p for p in neg.pmc if p not in closing and m.pmc[p].may_close]
        if self.plan is not None and kept:
            text.append(self.t("report.find_phase_out_kept", list=s.join(kept)))
        frame = pd.DataFrame({
            "pmc": neg.pmc, "name": neg.name, "activity": neg.activity.map(s.activity), "se": neg.se,
            "direct_margin": neg.value_added - neg.fixed_costs - neg.supervision_alloc, "margin": neg.margin,
            "margin_per_se": neg.margin / neg.se.where(neg.se > 0.05),
            "may_close": [self.t("report.yes" if m.pmc[p].may_close else "report.no") for p in neg.pmc],
            "plan_year": [str(closing[p]) if p in closing else "–" for p in neg.pmc],
        }).reset_index(drop=True)
        tables = [ReportTable("phase_out", frame, title=self.t("report.tbl_phase_out", year=self.by),
                              headings={"plan_year": self.t("report.col_closes")},
                              label_column="name")] if len(frame) else []
        return text, tables

    def find_tariffs(self):
        s, m = self.say, self.m
        if not m.tariffs_of:
            return [self.t("report.find_tariffs_none")], []
        pm = self.base_pmcs().set_index("pmc")
        raised = {a.subject for a in self.advice_by_lever.get("tariffs", []) if a.kind == "raise_tariff"}
        rows = []
        for pid, levels in m.tariffs_of.items():
            cur = m.current_tariff(pid)
            plan_levels = []
            if self.plan is not None:
                pl = self.plan.pmcs[(self.plan.pmcs.pmc == pid)].set_index("year").tariff_level
                plan_levels = [pl.get(self.first), pl.get(self.last)]
            other = ", ".join(f"{tr.level}:\u00a0{s.tariff(tr.hourly_tariff)}/{s.se(tr.demand)}" for tr in levels)
            rows.append({"pmc": pid, "name": m.pmc[pid].name, "level": cur.level, "hourly_tariff": cur.hourly_tariff,
                         "demand": cur.demand, "se": pm.se.get(pid, 0.0), "options": other,
                         "plan_level": " → ".join(_level(v) for v in plan_levels) if plan_levels else "–"})
        text = [self.t("report.find_tariffs", n=len(rows), hours=s.num(m.company.billable_hours))]
        below = [r["pmc"] for r in rows if r["pmc"] in raised]
        if self.plan is not None:
            text.append(self.t("report.find_tariffs_below", list=s.join(below)) if below
                        else self.t("report.find_tariffs_at_market"))
        table = ReportTable("tariffs", pd.DataFrame(rows), title=self.t("report.tbl_tariffs"),
                            note=self.t("report.note_tariffs"),
                            headings={"plan_level": self.t("report.col_plan_levels", first=self.first, last=self.last),
                                      "level": self.t("report.col_level_now")}, label_column="name")
        return text, [table]

    def find_acquisition(self):
        s, m = self.say, self.m
        pm = self.base_pmcs().set_index("pmc")
        full = []
        for p in m.pmcs:
            if p.activity not in OUTSIDE_ACTIVITIES | SECONDMENT_ACTIVITIES | {"services"}:
                continue
            cap = m.current_tariff(p.id).demand if p.id in m.tariffs_of else p.max_volume
            se = pm.se.get(p.id, 0.0)
            if se >= cap - 0.05 and cap > 0:
                full.append((p, se, cap))
        text = [self.t("report.find_acquisition" if full else "report.find_acquisition_room", n=len(full),
                       base_year=self.by,
                       list=s.join(p.id for p, _, _ in full) or "–", idle=s.se(self.bp().se_idle))]
        if m.acquisition:
            text.append(self.t("report.find_acquisition_terms", list=s.join(
                self.t("report.acq_term", activity=s.activity(a.activity), cost=s.eur(a.cost_per_fte),
                       demand=s.se(a.demand_per_fte), duration=a.duration, max=a.max_fte) for a in m.acquisition)))
        else:
            text.append(self.t("report.find_acquisition_none"))
        rows = []
        mv = self.plan.marginal_values if self.plan is not None else None
        demand_value = {}
        if mv is not None and not mv.empty:
            d = mv[mv.kind == "demand"].groupby("subject").value.mean()
            demand_value = d.to_dict()
        for p, se, cap in full:
            rows.append({"pmc": p.id, "name": p.name, "activity": s.activity(p.activity), "se": se, "demand": cap,
                         "marginal_value": demand_value.get(p.id, float("nan"))})
        tables = []
        if rows:
            tables.append(ReportTable("acquisition", pd.DataFrame(rows), title=self.t("report.tbl_acquisition"),
                                      note=self.t("report.note_marginal") if demand_value else "",
                                      headings={"demand": self.t("report.col_demand_cap")}, label_column="name"))
        return text, tables

    def find_supervision(self):
        s, m = self.say, self.m
        sup = self.base.supervision[self.base.supervision.year == self.by]
        surplus = [(r.type, r.fte - r.se / r.span) for r in sup.itertuples() if r.span and r.fte - r.se / r.span > 0.05]
        text = [self.t("report.find_supervision", base_year=self.by, n=len(surplus), total=len(sup),
                       list=s.join(f"{k} {s.fte(v)} fte" for k, v in surplus) or "–",
                       total_surplus=s.fte(sum(v for _, v in surplus)))]
        opts = []
        for k in m.supervision_types:
            others = [o for o in m.options_of.get(k.id, []) if not o.current]
            if others:
                opts.append(f"{k.name}: " + ", ".join(f"{o.option} ({s.eur(o.reorg_cost)})" for o in others))
        text.append(self.t("report.find_supervision_options", list="; ".join(opts)) if opts
                    else self.t("report.find_supervision_no_options"))
        rows = []
        if self.plan is not None:
            ps = self.plan.supervision
            for k in m.supervision_types:
                mine = ps[ps.type == k.id].set_index("year")
                fte, se, span = mine.fte.get(self.last), mine.se.get(self.last), mine.span.get(self.last)
                spare = fte - se / span if span else 0.0
                if spare > 0.05 and fte < k.current_fte - 0.05 and k.max_shrink < 1:
                    text.append(self.t("report.find_staff_limit", name=k.name, share=s.pct(k.max_shrink, 0),
                                       last=self.last, spare=s.fte(spare), se=s.se(se)))
                rows.append({"type": k.id, "name": k.name, "fte": k.current_fte,
                             "option": f"{m.current_option(k.id).option} → {mine.option.get(self.last)}",
                             "fte_plan": mine.fte.get(self.last), "se": mine.se.get(self.last),
                             "se_per_fte": mine.se_per_fte.get(self.last)})
        tables = [ReportTable("supervision_plan", pd.DataFrame(rows),
                              title=self.t("report.tbl_supervision_plan", year=self.last),
                              headings={"fte": self.t("report.col_fte_now", year=self.by),
                                        "fte_plan": self.t("report.col_fte_plan", year=self.last)},
                              label_column="name")] if rows else []
        return text, tables

    def find_sites(self):
        s, m = self.say, self.m
        st = self.base.sites[self.base.sites.year == self.by]
        low = st[st.use < 0.5]
        key = "report.find_sites" if len(low) else "report.find_sites_used"
        text = [self.t(key, n=len(low), total=len(st), base_year=self.by,
                       list=s.join(f"{r.site} {s.pct(r.use, 0)}" for r in low.itertuples()) or "–",
                       cost=s.eur(st.cost.sum()), capacity=s.se(st.capacity.sum()), se=s.se(st.se.sum()))]
        rows = []
        if self.plan is not None:
            ps = self.plan.sites[self.plan.sites.year == self.last].set_index("site")
            divest = {a.subject: a.year for a in self.advice_by_lever.get("sites", []) if a.kind == "divest_site"}
            for x in m.sites:
                r = st.set_index("site").loc[x.id]
                rows.append({"site": x.id, "name": x.name, "use": r.use, "use_plan": ps.use.get(x.id, 0.0),
                             "se_plan": ps.se.get(x.id, 0.0),
                             "status": self.t("report.site_divested", year=divest[x.id]) if x.id in divest
                             else self.t("report.site_kept")})
        tables = [ReportTable("sites_plan", pd.DataFrame(rows), title=self.t("report.tbl_sites_plan", year=self.last),
                              headings={"use": self.t("report.col_use_year", year=self.by),
                                        "use_plan": self.t("report.col_use_year", year=self.last),
                                        "se_plan": self.t("report.col_se_year", year=self.last)},
                              label_column="name")] if rows else []
        return text, tables

    def find_chain(self):
        s, m = self.say, self.m
        pm = self.base_pmcs()
        day = pm[pm.activity == "day_care"]
        if not m.chain_partners:
            return [self.t("report.find_chain_none")], []
        cap = sum(c.capacity for c in m.chain_partners)
        low, high = min(c.tariff for c in m.chain_partners), max(c.tariff for c in m.chain_partners)
        tariffs = s.eur(low) if abs(high - low) < 0.5 else self.t("report.range", low=s.eur(low), high=s.eur(high))
        text = [self.t("report.find_chain", n=len(m.chain_partners), capacity=s.se(cap), tariffs=tariffs,
                       se_now=s.se(self.bp().se_chain))]
        if len(day):
            text.append(self.t("report.find_chain_own", n=len(day), se=s.se(day.se.sum()),
                               list=s.join(f"{r.pmc} {s.eur(r.margin)}" for r in day.itertuples())))
        chain = self.plan.chain if self.plan is not None else None
        rows = [{"partner": c.id, "name": c.name, "tariff_per_participant": c.tariff,
                 "cost_per_place": c.cost_per_place,
                 "capacity": c.capacity, "groups": ", ".join(c.groups),
                 "places": float(chain[(chain.partner == c.id) & (chain.year == self.last)].se.sum())
                 if self.plan is not None else float("nan")} for c in m.chain_partners]
        table = ReportTable("chain", pd.DataFrame(rows), title=self.t("report.tbl_chain"),
                            headings={"places": self.t("report.col_places_plan", year=self.last)}, label_column="name")
        return text, [table]

    # ----- waterfall ------------------------------------------------------------------------------------
    def waterfall(self) -> tuple[list[str], ReportTable | None]:
        s, w = self.say, self.c.waterfall
        if w is None:
            if self.c.waterfall_error:
                return [self.t("report.waterfall_failed", reason=" ".join(self.c.waterfall_error))], None
            return [self.t("report.waterfall_none")], None
        alone = dict(zip(w.alone.lever, w.alone.gain))
        rows = []
        for r in w.steps.itertuples():
            label = {"baseline": self.t("report.row_baseline"), "all": self.t("report.row_all")}.get(r.lever)
            rows.append({"lever": label or s.lever(r.lever),
                         "gain_step": float("nan") if r.lever == "baseline" else r.gain, "npv": r.npv,
                         "gain_alone": alone.get(r.lever, float("nan"))})
        frame = pd.DataFrame(rows)
        text = [self.t("report.waterfall_intro", first=self.first, last=self.last)]
        best = w.alone.sort_values("gain", ascending=False)
        best = best[best.lever != "placement"]
        if len(best) and best.gain.iloc[0] > 0:
            text.append(self.t("report.waterfall_best", lever=s.lever(best.lever.iloc[0]),
                               gain=s.eur(best.gain.iloc[0])))
        end = float(w.steps.npv.iloc[-1])
        if self.plan is not None and abs(end - self.plan.npv) > max(1_000.0, 1e-3 * abs(self.plan.npv)):
            text.append(self.t("report.waterfall_differs", end=s.eur(end), npv_plan=s.eur(self.plan.npv)))
        title = self.t("report.tbl_waterfall", first=self.first, last=self.last)
        return text, ReportTable("waterfall", frame, title=title,
                                 strong={0, len(frame) - 1}, label_column="lever")

    # ----- 4. the plan over the years -------------------------------------------------------------------
    def plan_section(self) -> tuple[list[str], list[ReportTable]]:
        s, m = self.say, self.m
        if self.plan is None:
            return [self.t("report.plan_none")], []
        years = m.years
        text = [self.t("report.plan_intro", n=len(self.advice), first=self.first, last=self.last)]
        one_off = self.plan.pnl.loc[m.plan_years, "one_off"]
        ev = self.plan.events
        costs = ev[ev.amount > 0].groupby("year").amount.sum()
        proceeds = -ev[ev.amount < 0].amount.sum()
        if len(costs) or proceeds > 0:
            key = "report.plan_one_off" if len(costs) else "report.plan_one_off_proceeds"
            text.append(self.t(key, total=s.eur(one_off.sum()), costs=s.eur(costs.sum()), proceeds=s.eur(proceeds),
                               peak_year=int(costs.idxmax()) if len(costs) else self.first,
                               peak=s.eur(costs.max() if len(costs) else 0.0)))
        moved = self.plan.pnl.loc[m.plan_years, "se_moved"]
        if moved.sum() > 0.05:
            text.append(self.t("report.plan_moves", total=s.se(moved.sum()), peak=s.se(moved.max()),
                               peak_year=int(moved.idxmax()), first=self.first, last=self.last))
        decisions = decisions_frame(self.advice, s)
        tables = []
        if len(decisions):
            tables.append(ReportTable("decisions", decisions, title=self.t("report.tbl_decisions"),
                                      label_column="decision"))
        # path: baseline against plan
        rows, strong = [], set()
        for key in PATH_ROWS:
            for which, res in (("baseline", self.base), ("plan", self.plan)):
                if key not in ("operating_result", "municipal_contribution") and which == "baseline":
                    continue
                label = s.t(f"pnl.{key}")
                if key in ("operating_result", "municipal_contribution"):
                    label = self.t(f"report.row_{which}_of", row=label)
                    strong.add(len(rows))
                rows.append({"item": label, **{y: res.pnl.loc[y, key] for y in years}})
        tables.append(ReportTable("path", pd.DataFrame(rows), title=self.t("report.tbl_path"),
                                  note=self.t("report.note_keur"), kinds={y: "keur" for y in years}, strong=strong,
                                  label_column="item", headings={"item": self.t("report.col_item")}))
        rows = [{"item": s.t(f"field.{key}"), **{y: self.plan.pnl.loc[y, key] for y in years}}
                for key in ("se_total", "se_idle", "se_sheltered", "se_outside", "se_chain", "se_moved")]
        tables.append(ReportTable("people", pd.DataFrame(rows), title=self.t("report.tbl_people"),
                                  kinds={y: "se" for y in years}, label_column="item",
                                  headings={"item": self.t("report.col_item")}))
        return text, tables

    # ----- 5. sensitivity -----------------------------------------------------------------------------------
    def sensitivity(self) -> SensitivityReport | None:
        sens = self.c.sensitivity
        if sens is None:
            return None
        s, ch = self.say, sens.changes
        demand = ch.demand.get("all")
        intro = self.t("report.sens_intro", cut=s.eur(ch.subsidy_extra_cut),
                       demand=s.pct(1 - demand, 0) if demand is not None else "0 %",
                       last=self.last, subsidy_last=s.eur(sens.baseline.pnl.loc[self.last, "subsidy"] /
                                                          max(sens.baseline.pnl.loc[self.last, "se_total"], 1e-9)))
        text = [intro]
        rows = [{"kpi": self.t("report.pnl_npv", first=self.first, last=self.last), "baseline": self.base.npv,
                 "plan": self.plan.npv if self.plan is not None else float("nan"),
                 "stress_baseline": sens.baseline.npv,
                 "stress_plan": sens.plan.npv if sens.plan is not None else float("nan")}]
        for key, col in (("report.pnl_contribution_last", "municipal_contribution"),
                         ("report.pnl_result_per_se_last", "result_per_se")):
            rows.append({"kpi": self.t(key, year=self.last), "baseline": self.base.pnl.loc[self.last, col],
                         "plan": self.pp(self.last)[col] if self.plan is not None else float("nan"),
                         "stress_baseline": sens.baseline.pnl.loc[self.last, col],
                         "stress_plan": sens.plan.pnl.loc[self.last, col] if sens.plan is not None else float("nan")})
        figures = ReportTable("sensitivity", pd.DataFrame(rows), title=self.t("report.tbl_sensitivity"),
                              headings={"baseline": self.t("report.col_baseline"), "plan": self.t("report.col_plan"),
                                        "stress_baseline": self.t("report.col_stress_baseline"),
                                        "stress_plan": self.t("report.col_stress_plan")}, label_column="kpi")
        out = SensitivityReport(text=text, figures=figures, decisions=None)
        if sens.plan is None:
            text.append(self.t("report.sens_no_plan", reason=" ".join(sens.error) or "–"))
            return out
        if sens.plan.status == "time_limit":
            text.append(self.t("report.sens_time_limit", gap=s.pct(sens.plan.gap or 0.0)))
        if self.plan is not None:
            gain = sens.plan.npv - sens.baseline.npv
            text.append(self.t("report.sens_gain", gain=s.eur(gain), gain_base=s.eur(self.plan.npv - self.base.npv)))
            stressed_advice = plan_advice(sens.model or self.m, sens.baseline, sens.plan, s)
            self.compare_decisions(out, self.advice, stressed_advice)
        return out

    def compare_decisions(self, out: SensitivityReport, plan: list[Advice], stressed: list[Advice]) -> None:
        skip = {"grow_pmc", "shrink_pmc"}  # reallocation shifts are not decisions to compare
        mine = {}
        for a in plan:
            if a.kind not in skip:
                mine.setdefault(a.key, a)
        theirs = {}
        for a in stressed:
            if a.kind not in skip:
                theirs.setdefault(a.key, a)
        rows = []
        for key, a in mine.items():
            b = theirs.get(key)
            if b is None:
                status, out.dropped = "dropped", out.dropped + 1
            elif b.year == a.year:
                status, out.same = "same", out.same + 1
            else:
                status, out.shifted = "shifted", out.shifted + 1
            rows.append({"decision": a.text, "plan_year": str(a.year), "stress_year": str(b.year) if b else "–",
                         "status": self.t(f"report.sens_{status}")})
        for key, b in theirs.items():
            if key not in mine:
                out.added += 1
                rows.append({"decision": b.text, "plan_year": "–", "stress_year": str(b.year),
                             "status": self.t("report.sens_added")})
        total = len(mine)
        out.text.append(self.t("report.sens_decisions", same=out.same, total=total, shifted=out.shifted,
                               dropped=out.dropped, added=out.added))
        if rows:
            out.decisions = ReportTable("sens_decisions", pd.DataFrame(rows), title=self.t("report.tbl_sens_decisions"),
                                        label_column="decision")

    # ----- 6. assumptions and data ----------------------------------------------------------------------------
    def assumptions(self):
        s, m, sc = self.say, self.m, self.c.scenario
        text = [self.t("report.data_source", source=self.source or self.t("report.unknown_source"))]
        model = self.c.model
        counts = [{"sheet": tb.sheet(self.lang), "rows": len(getattr(model, tb.key)) if not tb.single else 1,
                   "content": tb.help_nl if self.lang == "nl" else tb.help_en} for tb in TABLES]
        tables = [ReportTable("sources", pd.DataFrame(counts), title=self.t("report.tbl_sources"),
                              label_column="content")]
        if self.recon is not None and len(self.recon):
            r = self.recon
            diff = r["difference_eur"].fillna(0.0) if "difference_eur" in r else pd.Series(dtype=float)
            ok = bool(len(diff)) and bool((diff.abs() < 0.005).all()) and r["difference_eur"].notna().all()
            text.append(self.t("report.recon_ok" if ok else "report.recon_diff", base_year=self.by,
                               diff=s.eur(diff.abs().sum(), 2)))
            frame = pd.DataFrame({"category": r.get("label", r.get("category")), "ledger": r.get("ledger_eur"),
                                  "model": r.get("model_eur"), "difference": r.get("difference_eur")})
            tables.append(ReportTable("reconciliation", frame.reset_index(drop=True), title=self.t("report.tbl_recon"),
                                      kinds={"ledger": "eur2", "model": "eur2", "difference": "eur2"},
                                      strong={len(frame) - 1}, label_column="category"))
        else:
            text.append(self.t("report.recon_none"))
        c = m.company
        outflow = [g.outflow for g in m.groups]
        estimates = [
            self.t("report.est_rates", discount=s.pct(c.discount_rate), wages=s.pct(c.wage_indexation),
                   prices=s.pct(c.price_indexation)),
            self.t("report.est_subsidy", first_year=self.by, first=s.eur(m.subsidy_per_se[self.by]),
                   last_year=self.last,
                   last=s.eur(m.subsidy_per_se[self.last])),
            self.t("report.est_outflow", low=s.pct(min(outflow)), high=s.pct(max(outflow))),
            self.t("report.est_value_added"),
        ]
        if m.tariffs:
            estimates.append(self.t("report.est_tariffs", n=len(m.tariffs_of), hours=s.num(c.billable_hours)))
        if m.acquisition:
            estimates.append(self.t("report.est_acquisition"))
        estimates.append(self.t("report.est_one_off"))
        if m.chain_partners:
            estimates.append(self.t("report.est_chain"))
        # scenario
        changes = []
        ch = sc.changes
        if ch.horizon is not None:
            changes.append(self.t("report.chg_horizon", horizon=ch.horizon))
        if ch.subsidy:
            changes.append(self.t("report.chg_subsidy", years=s.years(ch.subsidy)))
        if ch.subsidy_extra_cut:
            changes.append(self.t("report.chg_cut", cut=s.eur(ch.subsidy_extra_cut)))
        for name in ("wage_indexation", "price_indexation", "discount_rate"):
            if getattr(ch, name) is not None:
                changes.append(self.t(f"report.chg_{name}", value=s.pct(getattr(ch, name))))
        for name, factors in (("demand", ch.demand), ("tariffs", ch.tariffs)):
            for target, factor in factors.items():
                changes.append(self.t(f"report.chg_{name}", target=target, factor=s.num(factor, 2)))
        so = sc.social
        if so.max_move_share is not None:
            changes.append(self.t("report.soc_moves", share=s.pct(so.max_move_share)))
        if so.min_sheltered_se is not None:
            changes.append(self.t("report.soc_sheltered", se=s.se(so.min_sheltered_se)))
        if so.one_off_budget is not None:
            changes.append(self.t("report.soc_budget", budget=s.eur(so.one_off_budget)))
        if so.savings_target:
            changes.append(self.t("report.soc_target", years=s.years(so.savings_target)))
        text.append(self.t("report.scenario_changes", scenario=sc.name, list="; ".join(changes))
                    if changes else self.t("report.scenario_no_changes", scenario=sc.name))
        if self.plan is not None:
            text.append(self.t("report.solver", status=s.t(f"status.{self.plan.status}"),
                               gap=s.pct(self.plan.gap or 0.0, 2), seconds=s.num(self.plan.solve_seconds or 0.0, 1),
                               limit=s.num(sc.time_limit)))
        text.append(self.t("report.method_margin"))
        warnings = list(self.model_warnings) + list(self.base.warnings)
        if self.plan is not None:
            warnings += [w for w in self.plan.warnings if w not in warnings]
        return text, estimates, tables, warnings

    # ----- the full tables (workbook) --------------------------------------------------------------------
    def appendix(self) -> list[ReportTable]:
        s, years = self.say, self.m.years
        out = []
        for key, res in (("pnl_baseline", self.base), ("pnl_plan", self.plan)):
            if res is None:
                continue
            rows, kinds = [], []
            for col in PNL_ROWS:
                rows.append({"item": s.t(f"pnl.{col}"), **{y: float(res.pnl.loc[y, col]) for y in years}})
                kinds.append("eur")
            for col in KPI_ROWS:
                rows.append({"item": s.t(f"field.{col}"), **{y: float(res.pnl.loc[y, col]) for y in years}})
                kinds.append("eur" if col.endswith("_per_se") else "se")
            out.append(ReportTable(key, pd.DataFrame(rows), title=self.t(f"report.tbl_{key}"), row_kinds=kinds,
                                   headings={"item": self.t("report.col_item")}, label_column="item"))
        if self.plan is not None:
            p = self.plan.pmcs
            frame = pd.DataFrame({
                "year": p.year, "pmc": p.pmc, "name": p.name, "activity": p.activity.map(s.activity),
                "open": [self.t("report.yes" if v else "report.no") for v in p.open], "site": p.site,
                "tariff_level": p.tariff_level, "se": p.se, "revenue": p.revenue, "value_added": p.value_added,
                "fixed_costs": p.fixed_costs, "supervision_alloc": p.supervision_alloc, "site_alloc": p.site_alloc,
                "overhead_alloc": p.overhead_alloc, "margin": p.margin}).reset_index(drop=True)
            out.append(ReportTable("pmcs_plan", frame, title=self.t("report.tbl_pmcs_plan"), label_column="name"))
        return out

    # ----- charts ------------------------------------------------------------------------------------------
    def charts(self) -> dict[str, dict]:
        s, m = self.say, self.m
        years = m.years
        out: dict[str, dict] = {}
        path = {"years": years, "series": [
            {"label": self.t("chart.baseline"),
             "values": [float(v) for v in self.base.pnl.loc[years, "operating_result"]],
             "style": "baseline"}]}
        if self.plan is not None:
            path["series"].append({"label": self.t("chart.plan"), "style": "plan",
                                   "values": [float(v) for v in self.plan.pnl.loc[years, "operating_result"]]})
        out["pnl_path"] = {"title": self.t("chart.pnl_path"), "ylabel": self.t("chart.eur_per_year"), **path}
        w = self.c.waterfall
        if w is not None:
            steps = w.steps
            out["waterfall"] = {
                "title": self.t("chart.waterfall", first=self.first, last=self.last),
                "ylabel": self.t("chart.npv"),
                "labels": [self.t("chart.baseline") if l == "baseline" else self.t("chart.plan") if l == "all"
                           else s.lever(l) for l in steps.lever],
                "values": [float(v) for v in steps.npv], "gains": [float(v) for v in steps.gain],
                "kinds": ["total" if l in ("baseline", "all") else "step" for l in steps.lever]}
        pm = self.base_pmcs().sort_values("margin")
        out["pmc_margins"] = {"title": self.t("chart.pmc_margins", year=self.by), "xlabel": self.t("chart.margin"),
                              "labels": [f"{r.pmc}" for r in pm.itertuples()],
                              "values": [float(v) for v in pm.margin]}
        st = self.base.sites[self.base.sites.year == self.by]
        use = {"title": self.t("chart.site_use"), "xlabel": self.t("chart.use"),
               "labels": list(st.site), "series": [{"label": str(self.by), "values": [float(v) for v in st.use]}]}
        if self.plan is not None:
            for year in sorted({self.first, self.last}):
                ps = self.plan.sites[self.plan.sites.year == year].set_index("site")
                use["series"].append({"label": self.t("chart.plan_year", year=year),
                                      "values": [float(ps.use.get(x, 0.0)) for x in st.site]})
        out["site_use"] = use
        return out


def _level(value) -> str:
    return "–" if value is None or value != value else str(int(value))


def _se_before(plan: Results, pmc: str, year: int) -> float:
    rows = plan.pmcs[(plan.pmcs.pmc == pmc) & (plan.pmcs.year == year - 1)]
    return float(rows.se.sum())

