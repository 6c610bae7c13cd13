"""The series of the report's charts (plain lists), drawn by report/charts.py."""

from __future__ import annotations

from .base import Section


class ChartsSection(Section):
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
        if self.plan is not None:
            out.update(self.plan_charts(years))
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

    def plan_charts(self, years) -> dict[str, dict]:
        """The municipal contribution, SE by placement and supervision FTE per year: baseline and plan."""
        def line(label, style, values):
            return {"label": label, "style": style, "values": [float(v) for v in values]}

        base, plan = self.base.pnl.loc[years], self.plan.pnl.loc[years]
        contribution = {"title": self.t("chart.contribution_path"), "ylabel": self.t("chart.contribution"),
                        "years": years, "series": [
                            line(self.t("chart.baseline"), "baseline", base.municipal_contribution),
                            line(self.t("chart.plan"), "plan", plan.municipal_contribution)]}
        placement = {"title": self.t("chart.se_by_placement"), "ylabel": self.t("chart.se_plan"), "unit": "SE",
                     "years": years, "series": [line(self.t(f"field.{k}"), "series", plan[k])
                                                for k in ("se_sheltered", "se_outside", "se_chain", "se_idle")]}

        def fte(res):
            return res.supervision.groupby("year").fte.sum().reindex(years).fillna(0.0)

        supervision = {"title": self.t("chart.supervision_path"), "ylabel": self.t("chart.fte"), "unit": "fte",
                       "years": years, "series": [line(self.t("chart.baseline"), "baseline", fte(self.base)),
                                                  line(self.t("chart.plan"), "plan", fte(self.plan))]}
        return {"contribution_path": contribution, "se_by_placement": placement, "supervision_path": supervision}
