"""The review as a document: numbered sections of paragraphs, lists, tables and charts, every
number written out in the report's language. The HTML template and the PDF renderer both draw
this one structure, so the two formats always say the same thing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import ClassVar

import pandas as pd

from .data import ReportData, ReportTable
from .text import Say


def nb(text: str) -> str:
    """No line break between a euro sign or a number and what belongs to it (€ 1.000, 12 %)."""
    return str(text).replace("€ ", "€\u00a0").replace(" %", "\u00a0%")


NUMERIC = {"se", "fte", "eur", "eur2", "keur", "pct", "tariff", "num1", "num2", "int"}


@dataclass
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: str
    style: str = "normal"  # normal | lead | alert | note | heading

    def __post_init__(self):
        self.text = nb(self.text)


@dataclass
class Bullets:
    kind: ClassVar[str] = "bullets"
    items: list[str]
    style: str = "normal"  # normal | advice | numbered (advice, numbered) | risk | warning

    def __post_init__(self):
        self.items = [nb(i) for i in self.items]


@dataclass
class Table:
    kind: ClassVar[str] = "table"
    title: str
    headings: list[str]
    rows: list[list[str]]
    align: list[str]  # "L" or "R" per column
    widths: list[float]  # relative
    strong: set[int] = field(default_factory=set)
    note: str = ""
    negative: list[list[bool]] = field(default_factory=list)  # cells shown as negative numbers


@dataclass
class Chart:
    kind: ClassVar[str] = "chart"
    name: str  # key of ReportData.charts
    title: str


@dataclass
class Section:
    id: str
    number: str
    title: str
    level: int  # 1 or 2
    blocks: list = field(default_factory=list)


@dataclass
class Document:
    lang: str
    title: str
    subtitle: str
    meta: list[tuple[str, str]]
    sections: list[Section]
    labels: dict[str, str]  # fixed words of the layout (contents, page, ...)


# ----- cells -------------------------------------------------------------------------------------------
def cell(value, kind: str, say: Say) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    if kind in ("text", "rtext", "year"):
        return str(value)
    if kind == "int":
        return say.num(float(value), 0)
    if kind == "se":
        return say.se(float(value))
    if kind == "fte":
        return say.fte(float(value))
    if kind == "eur":
        return say.eur(float(value))
    if kind == "eur2":
        return say.eur(float(value), 2)
    if kind == "keur":
        return say.keur(float(value))
    if kind == "pct":
        return say.pct(float(value))
    if kind == "tariff":
        return say.tariff(float(value))
    if kind == "num1":
        return say.num(float(value), 1)
    if kind == "num2":
        return say.num(float(value), 2)
    return str(value)


def _negative(value, kind: str) -> bool:
    """Shown with a minus sign (so in red): negative after the rounding the cell is written with."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return False
    scaled = {"keur": value / 1000, "pct": value * 100}.get(kind, value)
    decimals = {"eur2": 2, "tariff": 2, "num2": 2, "pct": 1, "se": 1, "fte": 1, "num1": 1}.get(kind, 0)
    return round(float(scaled), decimals) < 0


def table(rt: ReportTable, say: Say) -> Table:
    cols = list(rt.frame.columns)
    headings = [nb(rt.heading(c, say.lang)) for c in cols]
    rows, negative = [], []
    for i, record in enumerate(rt.frame.itertuples(index=False)):
        row, neg = [], []
        for c, value in zip(cols, record):
            kind = rt.kind(c, i)
            row.append(nb(cell(value, kind, say)))
            neg.append(c not in rt.plain and kind in NUMERIC and _negative(value, kind))
        rows.append(row)
        negative.append(neg)
    align = ["R" if rt.kind(c) in NUMERIC or rt.kind(c) == "rtext" or isinstance(c, int) else "L" for c in cols]
    widths = []
    for j, c in enumerate(cols):
        longest = max([len(headings[j]) * 0.8] + [len(r[j]) for r in rows]) if rows else len(headings[j])
        if c == rt.label_column:
            longest = max(longest, 18)
        widths.append(min(max(longest, 4.0), 60.0))
    return Table(nb(rt.title), headings, rows, align, widths, set(rt.strong), nb(rt.note), negative)


# ----- the document --------------------------------------------------------------------------------------
def build_document(data: ReportData) -> Document:
    say = Say(data.lang)
    t = say.t
    sections: list[Section] = []

    def section(key: str, number: str, title: str, level: int = 1) -> Section:
        s = Section(key, number, title, level)
        sections.append(s)
        return s

    # 1 summary
    s = section("summary", "1", t("report.sec_summary"))
    for alert in data.alerts:
        s.blocks.append(Paragraph(alert, "alert"))
    if data.recommendations:
        s.blocks.append(Paragraph(t("report.h_board"), "heading"))
        s.blocks.append(Bullets(data.recommendations, "numbered"))
        for text in data.management:
            s.blocks.append(Paragraph(text))
    for i, text in enumerate(data.summary):
        s.blocks.append(Paragraph(text, "lead" if i == 0 else "normal"))
    if data.highlights and not data.recommendations:  # else the numbered recommendations say it
        s.blocks.append(Paragraph(t("report.highlights"), "heading"))
        s.blocks.append(Bullets(data.highlights, "advice"))
    s.blocks.append(table(data.summary_table, say))
    s.blocks.append(table(data.contribution_table, say))
    if "contribution_path" in data.charts:
        s.blocks.append(Chart("contribution_path", data.charts["contribution_path"]["title"]))
    s.blocks.append(Chart("pnl_path", data.charts["pnl_path"]["title"]))

    # 2 today
    s = section("today", "2", t("report.sec_today"))
    for text in data.today_text:
        s.blocks.append(Paragraph(text))
    for rt in data.today_tables:
        s.blocks.append(table(rt, say))
        if rt.key == "pmcs":
            s.blocks.append(Chart("pmc_margins", data.charts["pmc_margins"]["title"]))
        if rt.key == "sites":
            s.blocks.append(Chart("site_use", data.charts["site_use"]["title"]))
    s.blocks.append(table(data.kpi_table, say))
    if data.peers_table is not None:
        sub = section("peers", "2.1", t("report.sec_peers"), 2)
        for text in data.peers_text:
            sub.blocks.append(Paragraph(text))
        sub.blocks.append(table(data.peers_table, say))

    # 3 levers
    s = section("levers", "3", t("report.sec_levers"))
    s.blocks.append(Paragraph(t("report.levers_intro")))
    for text in data.waterfall_text:
        s.blocks.append(Paragraph(text))
    if data.waterfall_table is not None:
        s.blocks.append(table(data.waterfall_table, say))
        s.blocks.append(Chart("waterfall", data.charts["waterfall"]["title"]))
    for i, lever in enumerate(data.levers, start=1):
        sub = section(f"lever-{lever.lever}", f"3.{i}", lever.title, 2)
        sub.blocks.append(Paragraph(t("report.h_finding"), "heading"))
        for text in lever.findings:
            sub.blocks.append(Paragraph(text))
        for rt in lever.tables:
            sub.blocks.append(table(rt, say))
        sub.blocks.append(Paragraph(t("report.h_advice"), "heading"))
        if lever.advice:
            sub.blocks.append(Bullets([a.text for a in lever.advice], "advice"))
        else:
            sub.blocks.append(Paragraph(lever.no_advice, "note"))
        if lever.worth:
            sub.blocks.append(Paragraph(t("report.h_worth"), "heading"))
            for text in lever.worth:
                sub.blocks.append(Paragraph(text))
        if lever.social:
            sub.blocks.append(Paragraph(t("report.h_social"), "heading"))
            sub.blocks.append(Bullets(lever.social))
        sub.blocks.append(Paragraph(t("report.h_risks"), "heading"))
        sub.blocks.append(Bullets(lever.risks, "risk"))

    # 4 the plan over the years
    s = section("plan", "4", t("report.sec_plan"))
    for text in data.plan_text:
        s.blocks.append(Paragraph(text))
    for rt in data.plan_tables:
        s.blocks.append(table(rt, say))
    for name in ("se_by_placement", "supervision_path"):
        if name in data.charts:
            s.blocks.append(Chart(name, data.charts[name]["title"]))

    number = 0
    for key, texts, rt in (("roadmap", data.roadmap_text, data.roadmap_table),
                           ("social_plan", data.social_text, data.social_table),
                           ("municipalities", data.municipal_text, data.municipal_table)):
        if not texts and rt is None:
            continue
        number += 1
        sub = section(key, f"4.{number}", t(f"report.sec_{key}"), 2)
        for text in texts:
            sub.blocks.append(Paragraph(text))
        if rt is not None:
            sub.blocks.append(table(rt, say))

    if data.region_table is not None:
        sub = section("region", f"4.{number + 1}", t("report.sec_region"), 2)
        for text in data.region_text:
            sub.blocks.append(Paragraph(text))
        sub.blocks.append(table(data.region_table, say))

    # 5 sensitivity
    s = section("sensitivity", "5", t("report.sec_sensitivity"))
    if data.sensitivity is None:
        s.blocks.append(Paragraph(t("report.sens_none"), "note"))
    else:
        for text in data.sensitivity.text:
            s.blocks.append(Paragraph(text))
        for rt in (data.sensitivity.figures, data.sensitivity.decisions):
            if rt is not None:
                s.blocks.append(table(rt, say))
        for text in data.sensitivity.wider_text:
            s.blocks.append(Paragraph(text))
        if data.sensitivity.tornado is not None:
            s.blocks.append(Chart("tornado", data.charts["tornado"]["title"]))
            s.blocks.append(table(data.sensitivity.tornado, say))

    # 6 assumptions and data: the source and its tables first, then what was assumed
    s = section("assumptions", "6", t("report.sec_assumptions"))
    tables = {rt.key: rt for rt in data.assumption_tables}
    texts = list(data.assumptions_text)
    if texts:
        s.blocks.append(Paragraph(texts.pop(0)))
    if "sources" in tables:
        s.blocks.append(table(tables.pop("sources"), say))
    if texts:
        s.blocks.append(Paragraph(texts.pop(0)))
    for rt in tables.values():
        s.blocks.append(table(rt, say))
    for text in texts:
        s.blocks.append(Paragraph(text))
    s.blocks.append(Paragraph(t("report.h_estimates"), "heading"))
    s.blocks.append(Bullets(data.estimates))
    s.blocks.append(Paragraph(t("report.h_warnings"), "heading"))
    if data.warnings:
        s.blocks.append(Bullets(data.warnings, "warning"))
    else:
        s.blocks.append(Paragraph(t("report.no_warnings"), "note"))

    meta = [(t("report.meta_company"), data.company), (t("report.meta_scenario"), data.scenario),
            (t("report.meta_period"), f"{data.base_year} · {data.first_year}–{data.last_year}"),
            (t("report.meta_source"), data.source or "–"), (t("report.meta_date"), data.created)]
    labels = {"contents": t("report.contents"), "page": t("report.page", page="{page}", pages="{pages}"),
              "generated": t("report.generated"), "footer": t("report.footer", company=data.company)}
    return Document(data.lang, data.title, data.subtitle, meta, sections, labels)
