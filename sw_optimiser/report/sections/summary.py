"""Section 1 of the review, the summary: the key figures, alerts, the summary and highlights, and
the summary and contribution tables."""

from __future__ import annotations

import pandas as pd

from ...scenario import LEVERS
from ..containers import ReportTable
from .base import Section


class SummarySection(Section):
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
            out.append(self.t("report.alert_no_plan", reason=" ".join(self.texts(self.c.plan_error)) or "–"))
            return out
        if not self.c.proven:
            seconds = self.plan.solve_seconds or self.c.scenario.time_limit
            out.append(self.t("report.alert_time_limit", seconds=s.num(seconds), gap=self.gap_words()))
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
                   groups=s.count(len(m.groups), "group"), pmcs=s.count(len(m.pmcs), "pmc"),
                   sites=s.count(len(m.sites), "own_site"), idle=s.se(f["idle"]), idle_is=s.plural(f["idle"], "is")),
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
        used = [k for k in self.c.scenario.active_levers if self.advice_by_lever.get(k)]
        if self.plan is not None and not self.c.scenario.active_levers:
            out.append(self.t("report.summary_no_levers", scenario=self.scenario_name))
        elif self.plan is not None and not used:
            out.append(self.t("report.summary_plan_unused", plan=self.plan_name()))
        elif self.plan is not None:
            levers = s.join(s.lever(k) for k in used)
            worse = f["npv_gain"] < -1.0
            out.append(self.t("report.summary_plan_worse" if worse else "report.summary_plan", levers=levers,
                              plan=self.plan_name(),
                              first=self.first, last=self.last,
                              gain=s.eur(f["npv_gain"]), npv_base=s.eur(f["npv_base"]), npv_plan=s.eur(f["npv_plan"]),
                              rps_plan=s.eur(f["result_per_se_last_plan"]),
                              rps_base=s.eur(f["result_per_se_last_base"]),
                              contrib_plan=s.eur(f["contribution_last_plan"]),
                              contrib_base=s.eur(f["contribution_last_base"]),
                              contrib_total_plan=s.eur(f["contribution_plan_total"]),
                              contrib_total_base=s.eur(f["contribution_base_total"])))
            if self.c.plan_levers is not None and self.c.plan_levers != self.c.scenario.active_levers:
                out.append(self.t("report.plan_found_in", levers=s.join(s.lever(k) for k in self.c.plan_levers)))
        return out

    def plan_name(self) -> str:
        """'Het aanbevolen plan', or the provisional plan with its gap in words when it is not proven."""
        if self.c.proven:
            return self.t("report.plan_recommended")
        return self.t("report.plan_provisional", gap=self.gap_words())

    def gap_words(self) -> str:
        """How much better a plan may still be: 'tot 12,3 % beter', or, past 100 %, that the solver's
        bound says too little to name a share."""
        gap = self.plan.gap or 0.0
        return self.t("report.gap_unbounded") if gap >= 1.0 else self.t("report.gap_up_to", gap=self.say.pct(gap))

    def highlights(self) -> list[str]:
        """One line per lever: what the plan decides."""
        s, out = self.say, []
        for lever in LEVERS:
            items = self.advice_by_lever.get(lever, [])
            if not items:
                continue
            if lever == "phase_out":
                text = self.t("report.hl_phase_out", n=s.count(len(items), "pmc"),
                              list=s.join(f"{a.subject} ({a.year})" for a in items))
            elif lever == "tariffs":
                text = self.t("report.hl_tariffs", n=s.count(len(items), "tariff_decision"),
                              list=s.join(f"{a.subject} → {a.target} ({a.year})" for a in items))
            elif lever == "sites":
                div = [a for a in items if a.kind == "divest_site"]
                mov = [a for a in items if a.kind == "move_pmc"]
                parts = []
                if div:
                    parts.append(self.t("report.hl_sites", n=s.count(len(div), "site"),
                                        list=s.join(f"{a.subject} ({a.year})" for a in div)))
                if mov:
                    parts.append(self.t("report.hl_moves", n=s.count(len(mov), "move"),
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
                partners = s.plural(len(items), "partner") + " " + s.join(a.subject for a in items)
                text = self.t("report.hl_chain", se=s.people(top), partners=partners,
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
