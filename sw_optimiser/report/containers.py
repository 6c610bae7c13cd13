"""The containers of the review's content (`ReportData` and its parts), shared by the assembly
(data.py and sections/) and the renderers."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import columns
from .advice import Advice


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
    wider_text: list[str] = field(default_factory=list)  # the tornado: one assumption at a time
    tornado: ReportTable | None = None
    tornado_chart: dict | None = None
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
    recommendations: list[str]  # the management summary: numbered, the most valuable lever first
    management: list[str]  # the structural saving, one-off costs, payback and the board's decisions
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
    roadmap_text: list[str] = field(default_factory=list)  # the implementation roadmap (section 4.1)
    roadmap_table: ReportTable | None = None
    social_text: list[str] = field(default_factory=list)  # the social plan (4.2)
    social_table: ReportTable | None = None
    municipal_text: list[str] = field(default_factory=list)  # the contribution per owner municipality (4.3)
    municipal_table: ReportTable | None = None

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
        out += [t for t in (self.roadmap_table, self.social_table, self.municipal_table) if t is not None]
        if self.region_table is not None:
            out.append(self.region_table)
        if self.sensitivity is not None:
            out += [t for t in (self.sensitivity.figures, self.sensitivity.decisions, self.sensitivity.tornado)
                    if t is not None]
        out += self.assumption_tables
        return out
