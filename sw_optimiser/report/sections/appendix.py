"""The appendix of the workbook: the full results tables."""

from __future__ import annotations

import pandas as pd

from ...results import KPI_ROWS, PNL_ROWS
from ..containers import ReportTable
from .base import Section


class AppendixSection(Section):
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
        moves = self.social_moves_table()  # sections/social_plan.py: every move, from which PMC to which
        if moves is not None:
            out.append(moves)
        return out
