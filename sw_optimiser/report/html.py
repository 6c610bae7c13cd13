"""The review as one self-contained HTML file: CSS inline, charts inline as SVG."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from . import charts
from .data import ReportData
from .document import Document, build_document
from .text import Say


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("sw_optimiser.report", "templates"),
                              autoescape=jinja2.select_autoescape(["html", "j2"]), trim_blocks=False,
                              lstrip_blocks=False, undefined=jinja2.StrictUndefined)


def _css() -> str:
    return resources.files("sw_optimiser.report").joinpath("templates/report.css").read_text(encoding="utf-8")


def render_html(data: ReportData, document: Document | None = None) -> str:
    doc = document or build_document(data)
    say = Say(data.lang)
    used = {b.name for s in doc.sections for b in s.blocks if b.kind == "chart"}
    svgs = {name: charts.svg(name, data.charts[name], say) for name in used}
    return _environment().get_template("report.html.j2").render(doc=doc, charts=svgs, css=_css())
