"""Section 2 of the review, the company today: groups, placement types, PMCs, sites and
supervision of the base year, the key figures against the sector and the peer comparison (kernkaart)."""

from __future__ import annotations

import pandas as pd

from .. import sector
from ..containers import ReportTable
from .base import ACTIVITY_ORDER, Section


class CompanyTodaySection(Section):
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
        """The company's base year as a peer-set row, by the one definition the peers' figures follow."""
        from ...benchmarking.from_model import peer_figures

        return peer_figures(self.m, self.base, self.by, "company", self.m.company.name)

    def peer_comparison(self) -> tuple[list[str], ReportTable | None]:
        if self.peers is None:
            return [], None
        from ...benchmarking.kpis import comparison_group, format_kpi, kernkaart

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
                            note=self.t("report.note_kernkaart", base_year=self.by), label_column="kpi")
        q = card["quartile"].dropna()
        text = [self.t("report.peers_intro", n=len(group) - 1, base_year=self.by),
                self.t("report.peers_quartiles", top=s.join(card.loc[q[q == 1].index, "label"]) or "–",
                       bottom=s.join(card.loc[q[q == 4].index, "label"]) or "–")]
        text += self.dea_text(group, company_id)
        return text, table

    def dea_text(self, group: pd.DataFrame, company_id: str) -> list[str]:
        from ...benchmarking import DEAInputError, run_dea
        from ...benchmarking.cli import DEFAULT_INPUTS, DEFAULT_OUTPUTS, fixed_inputs

        try:
            result = run_dea(group, DEFAULT_INPUTS, DEFAULT_OUTPUTS, model="crs", orientation="input",
                             fixed_inputs=fixed_inputs(DEFAULT_INPUTS))
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
