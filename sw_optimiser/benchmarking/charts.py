"""Altair charts of the kernkaart: one bar chart per KPI, the company highlighted among its peers."""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from ..i18n import t
from .kpis import KPI_BY_KEY, KPIS, comparison_group, format_kpi, kpi_values

# d3 number locales, so that axes read "€ 1.234" in Dutch and "€1,234" in English
NUMBER_LOCALE = {
    "nl": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
}
AXIS_FORMAT = {"€": "$,.0f", "%": ".0%", "fte": ",.1f"}
HIGHLIGHT, OTHERS, MEDIAN = "#d95f02", "#9bb7d4", "#333333"


def kpi_chart(peers: pd.DataFrame, company: str | Mapping[str, object], kpi: str,
              lang: str = "nl", width: int = 420, configure: bool = True) -> alt.LayerChart:
    """Horizontal bars of `kpi` for every company in the group, best on top, `company` highlighted,
    with a rule at the group median. `configure=False` leaves out the number locale (needed to
    combine charts; apply `with_locale` to the combination)."""
    spec = KPI_BY_KEY[kpi]
    group, company_id = comparison_group(peers, company)
    values = kpi_values(group)[kpi]
    names = dict(zip(group["id"].astype(str), group["name"].astype(str)))
    data = pd.DataFrame({
        "id": values.index,
        "name": [names[i] or i for i in values.index],
        "value": values.to_numpy(),
        "is_company": values.index == company_id,
    }).dropna(subset=["value"])
    data["shown"] = [format_kpi(v, spec.unit, lang) for v in data["value"]]
    data["who"] = [t("bench.kk_company", lang) if c else t("bench.kk_peers", lang) for c in data["is_company"]]
    median = float(data["value"].median()) if len(data) else 0.0
    title = f"{spec.label(lang)} ({spec.better(lang)})"
    value_title = t("bench.kk_value", lang)
    order = "descending" if spec.higher_is_better else "ascending"

    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("value:Q", title=value_title, axis=alt.Axis(format=AXIS_FORMAT[spec.unit])),
        y=alt.Y("name:N", title=None, sort=alt.EncodingSortField(field="value", order=order)),
        color=alt.Color("who:N", title=None, scale=alt.Scale(
            domain=[t("bench.kk_company", lang), t("bench.kk_peers", lang)], range=[HIGHLIGHT, OTHERS])),
        tooltip=[alt.Tooltip("name:N", title=t("bench.col_name", lang)),
                 alt.Tooltip("shown:N", title=value_title)],
    )
    median_text = f"{t('bench.kk_median', lang)} {format_kpi(median, spec.unit, lang)}"
    rule_data = pd.DataFrame({"median": [median], "text": [median_text]})
    rule = alt.Chart(rule_data).mark_rule(color=MEDIAN, strokeDash=[4, 3]).encode(x="median:Q")
    text = alt.Chart(rule_data).mark_text(align="left", dx=4, dy=-6, color=MEDIAN, baseline="bottom").encode(
        x="median:Q", y=alt.value(0), text="text:N")
    chart = alt.layer(bars, rule, text).properties(title=title, width=width)
    return with_locale(chart, lang) if configure else chart


def with_locale(chart: alt.TopLevelMixin, lang: str = "nl") -> alt.TopLevelMixin:
    """Dutch or English number formatting for a (top-level) chart's axes."""
    return chart.configure(locale={"number": NUMBER_LOCALE[lang]})


def kernkaart_charts(peers: pd.DataFrame, company: str | Mapping[str, object],
                     lang: str = "nl", configure: bool = True) -> dict[str, alt.LayerChart]:
    """One chart per KPI, keyed by KPI key."""
    return {kpi.key: kpi_chart(peers, company, kpi.key, lang, configure=configure) for kpi in KPIS}
