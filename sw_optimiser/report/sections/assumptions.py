"""Section 6 of the review, assumptions and data: sources, reconciliation, estimates, scenario changes,
the solver and warnings."""

from __future__ import annotations

import pandas as pd

from ...scenario import SocialLimits
from ...schema import TABLES
from ..containers import ReportTable
from .base import Section


class AssumptionsSection(Section):
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
            self.t("report.est_baseline", base_year=self.by, sick=s.pct(c.sick_leave)),
        ]
        if m.ages:
            estimates.append(self.t("report.est_ages", n=len(m.ages_of), age=s.num(c.state_pension_age)))
        new = [g for g in m.groups if g.kind != "wsw"]
        if new:
            estimates.append(self.t("report.est_participation", groups=", ".join(g.name for g in new),
                                    inflow=s.num(sum(g.inflow for g in new))))
        if m.tariffs:
            estimates.append(self.t("report.est_tariffs", n=s.count(len(m.tariffs_of), "tariff_table"), hours=s.num(c.billable_hours)))
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
        # the rules every plan keeps (issue 16 items 1-3), said before what this scenario changes
        rules = [self.t("report.rule_work") if not (so.allow_idle or so.allow_idle_sheltered) else None,
                 self.t("report.rule_supported") if any(p.activity == "supported_employment" for p in m.pmcs) else None,
                 self.t("report.rule_moves", share=s.pct(so.group_move_share, _decimals(so.group_move_share))) if so.group_move_share is not None else None]
        if any(rules):
            text.append(self.t("report.plan_rules", list="; ".join(r for r in rules if r)))
        if so.max_move_share is not None:
            changes.append(self.t("report.soc_moves", share=s.pct(so.max_move_share)))
        if so.group_move_share != SocialLimits.group_move_share:
            changes.append(self.t("report.soc_group_moves", share=s.pct(so.group_move_share))
                           if so.group_move_share is not None else self.t("report.soc_group_moves_free"))
        if so.allow_idle or so.allow_idle_sheltered:
            changes.append(self.t("report.soc_idle", cost=s.eur(so.idle_cost)))
        if so.extra_sheltered_se is not None:
            changes.append(self.t("report.soc_sheltered", se=s.se(so.extra_sheltered_se)))
        if so.min_sheltered_share is not None:
            changes.append(self.t("report.soc_sheltered_share", share=s.pct(so.min_sheltered_share)))
        if so.one_off_budget is not None:
            changes.append(self.t("report.soc_budget", budget=s.eur(so.one_off_budget)))
        if so.savings_target:
            changes.append(self.t("report.soc_target", years=s.years(so.savings_target)))
        text.append(self.t("report.scenario_changes", scenario=self.scenario_name, list="; ".join(changes))
                    if changes else self.t("report.scenario_no_changes", scenario=self.scenario_name))
        if self.plan is not None:
            text.append(self.t("report.solver", status=s.t(f"status.{self.plan.status}"),
                               gap=s.pct(self.plan.gap or 0.0, 2), seconds=s.num(self.plan.solve_seconds or 0.0, 1),
                               limit=s.num(sc.time_limit)))
        text.append(self.t("report.method_margin"))
        # what the workbook and the baseline warn about is said apart from what concerns the plan
        data = list(dict.fromkeys(list(self.model_warnings) + self.texts(self.base.warnings)))
        warnings = list(data)
        if self.plan is not None:
            warnings += [self.t("report.warn_plan", text=w) for w in dict.fromkeys(self.texts(self.plan.warnings))
                         if w not in data]
        return text, estimates, tables, warnings


def _decimals(share: float) -> int:
    """Decimals a share needs as a percentage: 10 % and 5 %, but 2,5 %."""
    return 0 if float(round(share * 100, 6)).is_integer() else 1
