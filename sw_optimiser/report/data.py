"""The review's content: every number and every sentence, assembled from a company model and the
results computed for it (`compute.Computed`). Pure: no solving, no files, no layout.

The result, `ReportData`, is in one language: its sentences come from the catalogue (report.yaml)
with their figures filled in, and its tables keep raw numbers (the renderers format them).
"""

from __future__ import annotations

import datetime as _dt

import pandas as pd

from ..company import CompanyModel
from ..i18n import DEFAULT_LANG
from ..results import Results
from ..scenario import LEVERS
from .advice import by_lever, plan_advice
from .compute import WORTHLESS, Computed
from .containers import LeverReport, ReportData, ReportTable, SensitivityReport
from .sections.appendix import AppendixSection
from .sections.assumptions import AssumptionsSection
from .sections.charts import ChartsSection
from .sections.company_today import CompanyTodaySection
from .sections.findings import FindingsSection
from .sections.levers import LeversSection
from .sections.management import ManagementSection
from .sections.municipalities import MunicipalitiesSection
from .sections.plan import PlanSection
from .sections.roadmap import RoadmapSection
from .sections.sensitivity import SensitivitySection
from .sections.social_plan import SocialPlanSection
from .sections.summary import SummarySection
from .sections.waterfall import WaterfallSection
from .text import Say

__all__ = ["LeverReport", "ReportData", "ReportTable", "SensitivityReport", "assemble"]


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


class _Assembler(ManagementSection, SummarySection, CompanyTodaySection, LeversSection, FindingsSection, WaterfallSection,
                 PlanSection, RoadmapSection, SocialPlanSection, MunicipalitiesSection, SensitivitySection,
                 AssumptionsSection, AppendixSection, ChartsSection):
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
        self.scenario_name = self.say.scenario(c.scenario.name, c.scenario.description)
        advice = plan_advice(self.m, self.base, self.plan, self.say) if self.plan is not None else []
        # decisions the plan is as good without are no advice (a lever worth nothing in the plan)
        self.worthless = {k for k, v in c.worth_in_plan.items() if v <= WORTHLESS}
        self.advice = [a for a in advice if a.lever not in self.worthless]
        self.advice_by_lever = by_lever(self.advice)

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
        roadmap_text, roadmap_table = self.roadmap_section()
        social_text, social_table = self.social_plan_section()
        municipal_text, municipal_table = self.municipalities_section()
        assumptions_text, estimates, assumption_tables, warnings = self.assumptions()
        highlights = self.highlights()
        sensitivity = self.sensitivity()
        charts = self.charts()
        if sensitivity is not None and sensitivity.tornado_chart is not None:
            charts["tornado"] = sensitivity.tornado_chart
        recommendations, management = self.management(highlights)
        return ReportData(
            lang=self.lang, title=self.t("report.title", company=m.company.name),
            subtitle=self.t("report.subtitle", scenario=self.scenario_name, base_year=self.by,
                            first=self.first, last=self.last),
            company=m.company.name, scenario=self.scenario_name, source=self.source or "",
            created=self.say.date(self.created), base_year=self.by, first_year=self.first, last_year=self.last,
            active_levers=self.c.scenario.active_levers, figures=figures, alerts=self.alerts(),
            summary=self.summary(figures), highlights=highlights,
            recommendations=recommendations, management=management, summary_table=self.summary_table(),
            contribution_table=self.contribution_table(), today_text=today_text, today_tables=today_tables,
            kpi_table=kpi_table, peers_text=peers_text, peers_table=peers_table, levers=levers,
            waterfall_text=wf_text, waterfall_table=wf_table, advice=self.advice, plan_text=plan_text,
            plan_tables=plan_tables, sensitivity=sensitivity, assumptions_text=assumptions_text,
            estimates=estimates, assumption_tables=assumption_tables, warnings=warnings, charts=charts,
            seconds=dict(self.c.seconds), appendix=self.appendix(), roadmap_text=roadmap_text,
            roadmap_table=roadmap_table, social_text=social_text, social_table=social_table,
            municipal_text=municipal_text, municipal_table=municipal_table,
        )
