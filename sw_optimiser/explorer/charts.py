"""Altair charts of the explorer, labelled in the user's language.

Axes format euros through a Vega locale (€ 1.234.567 in Dutch, €1,234,567 in English); tooltips show
a label field formatted in Python by `fmt`, so they read the same as the tables.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import fmt
from ..i18n import t

LOCALES = {
    "nl": alt.Locale(number=alt.NumberLocale(decimal=",", thousands=".", grouping=[3], currency=["€ ", ""],
                                             minus="−")),
    "en": alt.Locale(number=alt.NumberLocale(decimal=".", thousands=",", grouping=[3], currency=["€", ""],
                                             minus="−")),
}
EURO = "$,.0f"
BASELINE = "#9aa5b1"
PALETTE = ["#1f4e79", "#e07b39", "#3a9d5d", "#8e5ea2", "#c94c4c", "#2a9fb0", "#b5912f"]
UP, DOWN, TOTAL = "#3a9d5d", "#c94c4c", "#1f4e79"
HEIGHT = 360  # the whole chart (title, axes and legend included): Streamlit fits it in this


def _finish(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    return (chart.configure(locale=LOCALES[lang])
            .configure_legend(orient="bottom", title=None, labelLimit=400, symbolType="square")
            .configure_axis(labelFontSize=12, titleFontSize=12))


def _text(values: pd.Series, euro: bool, lang: str, decimals: int = 0) -> list[str]:
    show = (lambda v: fmt.euro(v, decimals, lang)) if euro else (lambda v: fmt.number(v, decimals, lang))
    return [show(v) for v in values]


def _legend(series: list[str]) -> alt.Legend:
    """Side by side when the names are short, else one under the other (so none is cut off)."""
    return alt.Legend(columns=len(series) if sum(len(s) for s in series) <= 60 else 1)


def _colours(series: list[str], baseline: str | None) -> alt.Scale:
    """Grey for the baseline, the palette for the others, in the order given."""
    colours, i = [], 0
    for name in series:
        if name == baseline:
            colours.append(BASELINE)
        else:
            colours.append(PALETTE[i % len(PALETTE)])
            i += 1
    return alt.Scale(domain=series, range=colours)


def _by_series(df: pd.DataFrame, title: str, lang: str, baseline: str | None, euro: bool, decimals: int):
    """The series in legend order, the data with its formatted text, and the encodings shared by the
    charts of one value per year and series."""
    series = list(dict.fromkeys(df["series"]))
    data = df.assign(text=_text(df["value"], euro, lang, decimals), order=df["series"].map(series.index))
    encoding = dict(
        x=alt.X("year:O", title=t("field.year", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=None, axis=alt.Axis(format=EURO if euro else ",.0f")),
        color=alt.Color("series:N", scale=_colours(series, baseline), sort=series, legend=_legend(series)),
        tooltip=[alt.Tooltip("series:N", title=t("app.chart.scenario", lang)),
                 alt.Tooltip("year:O", title=t("field.year", lang)),
                 alt.Tooltip("text:N", title=title)],
    )
    return data, encoding


def paths(df: pd.DataFrame, title: str, lang: str, baseline: str | None = None, euro: bool = True,
          decimals: int = 0, notes: pd.DataFrame | None = None) -> alt.TopLevelMixin:
    """Lines per series over the years. `df`: year, series, value (series in legend order).
    `notes`: year and text of what happens once in a year (one-off items), drawn as a marked year."""
    data, encoding = _by_series(df, title, lang, baseline, euro, decimals)
    chart = alt.Chart(data, title=title, height=HEIGHT).mark_line(point=True, strokeWidth=2.5).encode(**encoding)
    if notes is not None and not notes.empty:
        x = alt.X("year:O")
        rule = alt.Chart(notes).mark_rule(strokeDash=[4, 4], color=BASELINE).encode(
            x=x, tooltip=[alt.Tooltip("text:N", title=t("app.explain.note", lang))])
        text = alt.Chart(notes).mark_text(align="left", dx=4, baseline="top", fontSize=11, color="#52606d").encode(
            x=x, y=alt.value(4), text="text:N")
        chart = alt.layer(chart, rule, text)
    return _finish(chart, lang)


def grouped_bars(df: pd.DataFrame, title: str, lang: str, baseline: str | None = None, euro: bool = True,
                 decimals: int = 0) -> alt.TopLevelMixin:
    """Bars per year, one per series side by side. `df`: year, series, value."""
    data, encoding = _by_series(df, title, lang, baseline, euro, decimals)
    chart = alt.Chart(data, title=title, height=HEIGHT).mark_bar().encode(xOffset=alt.XOffset("order:O"), **encoding)
    return _finish(chart, lang)


def stacked_bars(df: pd.DataFrame, title: str, colour_title: str, lang: str, decimals: int = 1,
                 unit: str = "SE") -> alt.TopLevelMixin:
    """Bars per year stacked by a category. `df`: year, category, value."""
    data = df.assign(text=_text(df["value"], False, lang, decimals))
    rows = -(-df["category"].nunique() // 2)  # legend rows under the chart, two names a row
    chart = alt.Chart(data, title=title, height=HEIGHT - 40 + 22 * rows).mark_bar().encode(
        x=alt.X("year:O", title=t("field.year", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(value):Q", title=unit, axis=alt.Axis(format=",.0f")),
        color=alt.Color("category:N", title=colour_title, scale=alt.Scale(range=PALETTE),
                        legend=alt.Legend(columns=2, labelLimit=300)),
        tooltip=[alt.Tooltip("category:N", title=colour_title), alt.Tooltip("year:O", title=t("field.year", lang)),
                 alt.Tooltip("text:N", title=unit)],
    )
    return _finish(chart, lang)


def hbars(df: pd.DataFrame, title: str, lang: str, unit: str = "SE", extra: str | None = None,
          extra_title: str = "") -> alt.TopLevelMixin:
    """Horizontal bars, largest first. `df`: category, value (and optionally `extra` for the tooltip)."""
    data = df.assign(text=_text(df["value"], False, lang, 1))
    tooltip = [alt.Tooltip("category:N", title=title), alt.Tooltip("text:N", title=unit)]
    if extra:
        tooltip.append(alt.Tooltip(f"{extra}:N", title=extra_title))
    chart = alt.Chart(data, title=title, height=90 + 40 * len(df)).mark_bar(color=PALETTE[0]).encode(
        y=alt.Y("category:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260, labelOverlap=False)),
        x=alt.X("value:Q", title=unit, axis=alt.Axis(format=",.0f")),
        tooltip=tooltip,
    )
    return _finish(chart, lang)


def site_use(sites: pd.DataFrame, title: str, lang: str) -> alt.TopLevelMixin:
    """How full each site is: SE working there against its workplaces. `sites`: Results.sites rows."""
    data = sites.assign(
        label=sites["site"] + " " + sites["name"],
        use_text=[fmt.percent(u, 0, lang) for u in sites["use"]],
        se_text=[f"{fmt.number(se, 1, lang)} / {fmt.number(c, 0, lang)}" for se, c in zip(sites.se, sites.capacity)])
    chart = alt.Chart(data, title=title, height=90 + 36 * len(data)).mark_bar(color=PALETTE[0]).encode(
        y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=260, labelOverlap=False)),
        x=alt.X("use:Q", title=t("field.use", lang), scale=alt.Scale(domain=[0, max(1.0, float(data["use"].max()))]),
                axis=alt.Axis(format=".0%")),
        tooltip=[alt.Tooltip("label:N", title=t("field.site", lang)),
                 alt.Tooltip("use_text:N", title=t("field.use", lang)),
                 alt.Tooltip("se_text:N", title=f"SE / {t('field.capacity', lang)}")],
    )
    return _finish(chart, lang)


def waterfall(steps: pd.DataFrame, title: str, lang: str) -> alt.TopLevelMixin:
    """The lever waterfall: the baseline's NPV, what each lever adds in turn, and the total.
    `steps`: lever label, npv, gain and kind ("total" or "step"), in order."""
    rows = []
    previous = 0.0
    for r in steps.itertuples():
        if r.kind == "total":
            start, end, colour = 0.0, r.npv, "total"
        else:
            start, end, colour = previous, r.npv, "up" if r.gain >= 0 else "down"
        previous = r.npv
        rows.append({"label": r.label, "start": start, "end": end, "colour": colour,
                     "npv": fmt.euro(r.npv, 0, lang), "gain": fmt.euro(r.gain, 0, lang) if r.kind != "total" else "–"})
    data = pd.DataFrame(rows)
    order = list(data["label"])
    colours = alt.Scale(domain=["total", "up", "down"], range=[TOTAL, UP, DOWN])
    bars = alt.Chart(data, title=title, height=HEIGHT + 100).mark_bar(size=38).encode(
        x=alt.X("label:N", sort=order, title=None, axis=alt.Axis(labelAngle=-30, labelLimit=240, labelOverlap=False)),
        y=alt.Y("start:Q", title=t("kpi.npv", lang), axis=alt.Axis(format=EURO)),
        y2="end:Q",
        color=alt.Color("colour:N", scale=colours, legend=None),
        tooltip=[alt.Tooltip("label:N", title=t("col.lever", lang)),
                 alt.Tooltip("gain:N", title=t("col.gain", lang)),
                 alt.Tooltip("npv:N", title=t("kpi.npv", lang))],
    )
    return _finish(bars, lang)


def split_bars(df: pd.DataFrame, title: str, lang: str) -> alt.TopLevelMixin:
    """Bars per member, one per rule side by side (the share of the gain each rule gives it).
    `df`: member, rule, value (rules in legend order)."""
    rules = list(dict.fromkeys(df["rule"]))
    data = df.assign(text=_text(df["value"], True, lang), order=df["rule"].map(rules.index))
    chart = alt.Chart(data, title=title, height=HEIGHT).mark_bar().encode(
        x=alt.X("member:N", title=None, sort=list(dict.fromkeys(df["member"])), axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("order:O"),
        y=alt.Y("value:Q", title=None, axis=alt.Axis(format=EURO)),
        color=alt.Color("rule:N", scale=alt.Scale(domain=rules, range=PALETTE[:len(rules)]), sort=rules,
                        legend=_legend(rules)),
        tooltip=[alt.Tooltip("member:N", title=t("region.col.member", lang)),
                 alt.Tooltip("rule:N", title=t("app.region.rule", lang)),
                 alt.Tooltip("text:N", title=title)],
    )
    return _finish(chart, lang)
