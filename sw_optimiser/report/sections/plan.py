"""Section 4 of the review, the plan over the years: its decisions, the P&L path against the baseline
and the people."""

from __future__ import annotations

import pandas as pd

from ..advice import decisions_frame
from ..containers import ReportTable
from .base import Section

# P&L rows shown in the plan section, baseline against plan
PATH_ROWS = ("value_added", "pmc_fixed_costs", "wages_wsw", "subsidy", "supervision", "site_costs", "overhead",
             "acquisition", "one_off", "operating_result", "municipal_contribution")


class PlanSection(Section):
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
