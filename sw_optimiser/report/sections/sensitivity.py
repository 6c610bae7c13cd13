"""Section 5 of the review, the sensitivity: the plan under the stress scenario and its decisions
compared."""

from __future__ import annotations

import pandas as pd

from ..advice import Advice, plan_advice
from ..containers import ReportTable, SensitivityReport
from .base import Section


class SensitivitySection(Section):
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
        if self.plan is not None:
            self.wider(out)
        if sens.plan is None:
            text.append(self.t("report.sens_no_plan", reason=" ".join(self.texts(sens.error)) or "–"))
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
        s = self.say
        if not mine:
            out.text.append(self.t("report.sens_no_decisions"))
        else:  # only what happens to some decision is said: no sentence about zero decisions
            parts = [self.t(f"report.sens_part_{name}", n=n, verb=s.plural(n, verb))
                     for name, n, verb in (("same", out.same, "stays"), ("shifted", out.shifted, "shifts"),
                                           ("dropped", out.dropped, "drops")) if n]
            out.text.append(self.t("report.sens_decisions", total=s.count(len(mine), "decision"),
                                   parts=s.join(parts)))
        if out.added:
            out.text.append(self.t("report.sens_added_text", n=out.added, verb=s.plural(out.added, "comes")))
        if rows:
            out.decisions = ReportTable("sens_decisions", pd.DataFrame(rows), title=self.t("report.tbl_sens_decisions"),
                                        label_column="decision")

    def wider(self, out: SensitivityReport) -> None:
        """The tornado: the plan's NPV with one assumption lower or higher, the decisions held."""
        from ..tornado import OUTFLOW, PROCEEDS, SUBSIDY_INDEX, WAGE_INDEX, tornado

        s = self.say
        frame = tornado(self.m, self.plan)
        labels = [self.t(f"report.tornado_{k}") for k in frame.index]
        largest = frame.iloc[0]
        out.wider_text = [self.t("report.tornado_intro", subsidy=s.num(SUBSIDY_INDEX * 100, 1),
                                 wages=s.num(WAGE_INDEX * 100, 1), outflow=s.num(OUTFLOW * 100, 1),
                                 proceeds=s.pct(PROCEEDS, 0), first=self.first, last=self.last,
                                 largest=labels[0], swing=s.eur(largest.swing))]
        table = pd.DataFrame({"assumption": labels, "npv_low": frame.npv_low.values, "npv_high": frame.npv_high.values,
                              "gain_low": frame.gain_low.values, "gain_high": frame.gain_high.values})
        out.tornado = ReportTable("tornado", table, title=self.t("report.tbl_tornado"), label_column="assumption")
        out.tornado_chart = {"title": self.t("chart.tornado", first=self.first, last=self.last),
                             "xlabel": self.t("chart.npv"), "labels": labels, "center": float(self.plan.npv),
                             "low": [float(v) for v in frame.npv_low], "high": [float(v) for v in frame.npv_high],
                             "low_label": self.t("chart.lower"), "high_label": self.t("chart.higher")}

