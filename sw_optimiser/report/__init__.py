"""The review report (doorlichting): a company's figures, the levers, the plan and its worth, as
PDF, HTML or an Excel workbook, in Dutch (default) or English.

    from sw_optimiser.report import build_report
    pdf = build_report(model, scenario, fmt="pdf", lang="nl")        # bytes, for a download button

Pipeline: `compute` (runs the optimiser) -> `assemble` (pure: all numbers and advice sentences,
`ReportData`) -> `render` (html: Jinja2 template; pdf: fpdf2; xlsx: openpyxl).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..company import CompanyModel
from ..i18n import DEFAULT_LANG
from ..scenario import ALL_LEVERS, Changes, Scenario
from .compute import DEFAULT_STRESS, Computed, compute
from .data import ReportData, assemble

FORMATS = ("pdf", "html", "xlsx")
MEDIA_TYPES = {"pdf": "application/pdf", "html": "text/html; charset=utf-8",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}

__all__ = ["FORMATS", "MEDIA_TYPES", "Computed", "ReportData", "assemble", "build_report", "compute", "render",
           "report_data"]


def render(data: ReportData, fmt: str = "pdf") -> bytes:
    """The assembled report in one format: 'pdf', 'html' (UTF-8) or 'xlsx'."""
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(data)
    if fmt == "html":
        from .html import render_html

        return render_html(data).encode("utf-8")
    if fmt == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx(data)
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")


def report_data(model: CompanyModel | str | Path, scenario: Scenario | None = None, lang: str = DEFAULT_LANG, *,
                peers: pd.DataFrame | str | Path | None = None, reconciliation: pd.DataFrame | None = None,
                model_warnings: list[str] | None = None, source: str | None = None, waterfall: bool = True,
                sensitivity: bool = True, stress: Changes = DEFAULT_STRESS, region=None,
                region_member: str | None = None, **precomputed) -> ReportData:
    """Compute and assemble the review. `model` may be a workbook path (its validation warnings are
    then reported). `precomputed` may hold `optimiser`, `plan`, `baseline` and `waterfall_result`
    that the caller already has (the explorer): they are used instead of solving again; and
    `marginal_values=False` skips the shadow prices. `region` (a region.RegionResult) adds the section
    on regional cooperation; `region_member` names the company's member id (default: by company name)."""
    if isinstance(model, (str, Path)):
        from ..workbook import read_workbook

        path = Path(model)
        model, problems = read_workbook(path)
        model_warnings = (model_warnings or []) + [p.text(lang) for p in problems]
        source = source or path.name
    if isinstance(peers, (str, Path)):
        from ..benchmarking import read_peers

        peers = read_peers(peers)
    scenario = scenario or ALL_LEVERS
    computed = compute(model, scenario, waterfall=waterfall, sensitivity=sensitivity, stress=stress,
                       **precomputed)
    return assemble(computed, lang, peers=peers, reconciliation=reconciliation, model_warnings=model_warnings,
                    source=source, region=region, region_member=region_member)


def build_report(model: CompanyModel | str | Path, scenario: Scenario | None = None, fmt: str = "pdf",
                 lang: str = DEFAULT_LANG, **options) -> bytes:
    """The review report as bytes ('pdf', 'html' or 'xlsx'), e.g. for a download button.

    options: peers (DataFrame or path), reconciliation (DataFrame from ledger.reconcile), region (a
    region.RegionResult: the section on regional cooperation) and region_member (the company's id in it),
    model_warnings, source, waterfall=True, sensitivity=True, stress (Changes), and results
    already computed: optimiser, plan, baseline, waterfall_result."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return render(report_data(model, scenario, lang, **options), fmt)
