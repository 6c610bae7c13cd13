"""Section 4 of the review, the plan over the years: its decisions, the P&L path against the baseline
and the people."""

from __future__ import annotations

import pandas as pd

from ..advice import decisions_frame
from ..containers import ReportTable
from .base import Section

# P&L rows shown in the plan section, baseline against plan
# ("one_off" is shown as its costs and its proceeds, each positive)
PATH_ROWS = ("value_added", "pmc_fixed_costs", "wages_wsw", "subsidy", "supervision", "site_costs", "overhead",
             "acquisition", "one_off", "operating_result", "municipal_contribution")
SHIFTS = {"grow_pmc", "shrink_pmc"}  # reallocation shifts: listed with the decisions, not counted as decisions


class PlanSection(Section):
    # ----- 4. the plan over the years -------------------------------------------------------------------
    def plan_section(self) -> tuple[list[str], list[ReportTable]]:
        s, m = self.say, self.m
        if self.plan is None:
            return [self.t("report.plan_none")], []
        years = m.years
        decisions = [a for a in self.advice if a.kind not in SHIFTS]
        shifted = [a.subject for a in self.advice if a.kind in SHIFTS]
        if decisions:
            text = [self.t("report.plan_intro", n=s.count(len(decisions), "decision"), first=self.first,
                           last=self.last)]
        else:
            text = [self.t("report.plan_intro_none", first=self.first, last=self.last)]
        if shifted:
            text[0] += " " + self.t("report.plan_intro_shifts", pmcs=s.join(shifted))
        one_off = self.plan.pnl.loc[m.plan_years, "one_off"]
        ev = self.plan.events
        costs = ev[ev.amount > 0].groupby("year").amount.sum()
        proceeds = -ev[ev.amount < 0].amount.sum()
        if len(costs) or proceeds > 0:
            key = "report.plan_one_off" if one_off.sum() >= 0 else "report.plan_one_off_net_proceeds"
            key = key if len(costs) else "report.plan_one_off_proceeds"
            key = key if round(proceeds) > 0 else "report.plan_one_off_costs"  # nothing sold: no "€ 0 of proceeds"
            text.append(self.t(key, total=s.eur(abs(one_off.sum())), costs=s.eur(costs.sum()),
                               proceeds=s.eur(proceeds), peak_year=int(costs.idxmax()) if len(costs) else self.first,
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
            if key == "one_off":
                rows += self.one_off_rows(years)
                continue
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

    def one_off_rows(self, years) -> list[dict]:
        """The plan's one-off costs and proceeds per year, each as a positive amount (the events' amounts:
        cost +, proceeds −)."""
        ev = self.plan.events
        costs = ev[ev.amount > 0].groupby("year").amount.sum()
        proceeds = -ev[ev.amount < 0].groupby("year").amount.sum()
        return [{"item": self.t("report.row_one_off_costs"), **{y: float(costs.get(y, 0.0)) for y in years}},
                {"item": self.t("report.row_one_off_proceeds"), **{y: float(proceeds.get(y, 0.0)) for y in years}}]
