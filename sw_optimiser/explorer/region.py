"""Regio: what regional cooperation is worth and how its gain is split (Shapley and pro rata SE),
for the bundled region or an uploaded region file with its member workbooks. The coalitions are
solved by region.split on the solve worker; this page only picks the region, starts the job and shows
the outcome."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import streamlit as st

from sw_optimiser.explorer import charts, files, jobs, shell
from sw_optimiser.explorer.files import MAX_UPLOAD_MB
from sw_optimiser.explorer.shell import tr
from sw_optimiser.explorer.state import MODELS, Explorer, get
from sw_optimiser.i18n import t
from sw_optimiser.problems import InputError
from sw_optimiser.region import read_region
from sw_optimiser.region.cli import allocation_table, coalition_table, decision_table, to_excel
from sw_optimiser.region.run import coalitions_needed
from sw_optimiser.region.spec import REGION

BUNDLED_REGION = MODELS / "region.yaml"


@st.cache_resource(show_spinner=False)
def _bundled_region(path: str, mtime: float):
    return read_region(path)


def _use_bundled() -> None:
    state = get()
    try:
        state.set_region(_bundled_region(str(BUNDLED_REGION), BUNDLED_REGION.stat().st_mtime), BUNDLED_REGION.name)
    except InputError as exc:
        state.region_problems = exc.problems


def _on_upload() -> None:
    files = st.session_state.get("rg.upload")
    if files:
        get().region_upload = [(f.name, f.getvalue()) for f in files]


def _run(time_limit: float) -> None:
    state = get()
    if state.job is None and state.region is not None:
        region = dataclasses.replace(state.region, time_limit=float(time_limit))
        state.region_result, state.region_error = None, None
        state.job = jobs.start_region(region, region.name)


def excel_bytes(result, lang: str) -> bytes:
    return files.written("region.xlsx", lambda path: to_excel(result, path, lang))


def render() -> None:
    state = get()
    st.title(tr("app.page.region"))
    st.caption(tr("app.region.intro"))
    if state.region_upload is not None:
        files, state.region_upload = state.region_upload, None
        state.load_region_upload(files)
    elif state.region is None and not state.region_problems and BUNDLED_REGION.exists():
        with st.spinner(tr("app.region.reading")):
            _use_bundled()

    left, right = st.columns(2)
    with left:
        st.file_uploader(tr("app.region.upload"), type=["yaml", "yml", "xlsx"], accept_multiple_files=True,
                         key="rg.upload", on_change=_on_upload, max_upload_size=MAX_UPLOAD_MB,
                         help=tr("app.region.upload_help"))
    with right:
        if state.region is not None:
            st.caption(tr("app.region.source", name=state.region_name))
        if state.region_name != BUNDLED_REGION.name and BUNDLED_REGION.exists():
            st.button(tr("app.region.use_bundled"), on_click=_use_bundled, icon=":material/undo:",
                      disabled=state.job is not None)
    if state.region_problems:
        st.error(tr("app.region.refused"), icon=":material/error:")
        shell.problem_table(state.region_problems)
    if state.region is None:
        st.info(tr("app.region.none"), icon=":material/info:")
        return
    for warning in state.region.warnings:  # e.g. more workers than cores
        st.warning(warning.text(state.lang), icon=":material/warning:")
    members(state)
    settings(state)
    shell.progress(state)
    if state.region_error:
        st.error(tr("app.region.failed", reason=state.region_error), icon=":material/error:")
    if state.region_result is not None and state.job is None:
        outcome(state.region_result)


def members(state: Explorer) -> None:
    region = state.region
    st.subheader(tr("app.region.members", name=region.name))
    df = pd.DataFrame({
        t("region.col.member", state.lang): region.ids,
        tr("app.region.col_company"): [m.model.company.name for m in region.members],
        t("region.col.se", state.lang): [m.se for m in region.members],
        tr("app.region.col_workbook"): [Path(m.path).name for m in region.members],
    })
    st.dataframe(shell.money(df, [], numbers={df.columns[2]: 0}), hide_index=True, width="stretch")
    yes_no = lambda on: tr("app.region.pooling_yes" if on else "app.region.pooling_no")  # noqa: E731
    st.caption(tr("app.region.what", levers=", ".join(tr(f"lever.{k}") for k in region.levers) or "–",
                  hosts=len(region.hosts), movables=len(region.movables), pooling=yes_no(region.pooling),
                  desk=yes_no(region.acquisition_pooling), supervisors=yes_no(region.supervision_pooling),
                  travel=(tr("app.region.travel", minutes=shell.num(region.travel.max_minutes, 0))
                          if region.travel else tr("app.region.travel_none"))))


def settings(state: Explorer) -> None:
    region = state.region
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    declared = REGION.find("solver.time_limit")  # the region file's range: a file's limit always fits
    limit = left.number_input(tr("app.region.time_limit"), min_value=float(declared.lo), max_value=float(declared.hi),
                              step=5.0, format="%.0f", value=float(region.time_limit),
                              key=f"rg.time_limit.{state.region_name}")  # 20, not 20.00
    n = len(coalitions_needed(region)[0])
    alone = region.alone_time_limit or 3 * limit
    right.caption(tr("app.region.limits", limit=shell.num(limit, 0), alone=shell.num(alone, 0), n=n,
                     workers=region.workers,
                     most=shell.num((len(region.members) * alone + (n - len(region.members)) * limit)
                                    / max(1, region.workers) / 60, 0)))
    st.button(tr("app.region.run"), type="primary", icon=":material/calculate:", key="rg.run", on_click=_run,
              args=(limit,), disabled=state.job is not None)


def outcome(r) -> None:
    lang = shell.lang()
    st.subheader(tr("app.region.outcome"))
    cols = st.columns(3)
    cols[0].metric(tr("app.region.alone_sum"), shell.eur(sum(r.alone)), border=True)
    cols[1].metric(tr("app.region.joint"), shell.eur(r.joint), border=True)
    cols[2].metric(tr("app.region.gain"), shell.eur(r.gain), border=True)
    if r.gain_low is not None and r.gain_high is not None and r.gain_high - r.gain_low > 1:
        st.caption(t("region.gain_range", lang, low=shell.eur(r.gain_low), high=shell.eur(r.gain_high)))

    st.markdown(f"**{tr('app.region.split')}**")
    table = allocation_table(r, lang)
    text_cols = {t("region.col.member", lang), t("region.col.se", lang), t("region.col.rational", lang)}
    st.dataframe(shell.money(table, [c for c in table.columns if c not in text_cols],
                             numbers={t("region.col.se", lang): 0}), hide_index=True, width="stretch")
    st.caption(t("region.sampled", lang, samples=r.samples) if r.method == "sampled"
               else t("region.exact", lang, n=len(r.values)))
    shapley, prop = tr("app.region.rule_shapley"), tr("app.region.rule_proportional")
    bars = pd.DataFrame([{"member": m.id, "rule": rule, "value": v}
                         for rule, values in ((shapley, r.shapley_gain()), (prop, r.proportional_gain()))
                         for m, v in zip(r.region.members, values)])
    st.altair_chart(charts.split_bars(bars, tr("app.region.chart"), lang), width="stretch")

    st.markdown(f"**{tr('app.region.checks')}**")
    bad = ", ".join(m.id for i, m in enumerate(r.region.members) if not r.rational[i])
    (st.success if all(r.rational) else st.warning)(
        t("region.rational_all" if all(r.rational) else "region.rational_not", lang, members=bad))
    if r.core.in_core:
        st.success(t("region.core_in", lang, checked=r.core.checked))
    else:
        st.warning(t("region.core_out", lang, coalition=r.region.coalition_name(r.core.worst),
                     amount=shell.eur(r.core.shortfall), checked=r.core.checked))
    if r.uncertainty > 1:
        st.info(t("region.uncertain", lang, amount=shell.eur(r.uncertainty)), icon=":material/info:")

    decisions = decision_table(r, lang)
    if not decisions.empty:
        st.markdown(f"**{t('region.decisions', lang)}**")
        st.dataframe(decisions, hide_index=True, width="stretch")
    with st.expander(tr("app.region.coalitions", n=len(r.values))):
        co = coalition_table(r, lang)
        gap = t("region.col.gap", lang)
        money_cols = [t(f"region.col.{k}", lang) for k in ("value", "gain", "allocated")]
        st.dataframe(shell.money(co, money_cols, numbers={t("region.col.seconds", lang): 1})
                     .format(lambda v: "–" if pd.isna(v) else shell.pct(v, 2), subset=[gap]),
                     hide_index=True, width="stretch")
    st.caption(t("region.seconds", lang, seconds=shell.num(r.seconds, 1),
                 worst_gap=shell.pct(max((v.gap or 0.0) for v in r.values.values()), 2)))
    st.download_button(tr("app.region.download"), data=lambda: excel_bytes(r, lang), on_click="ignore",
                       file_name=shell.file_name(tr("app.region.file"), r.region.name, suffix=".xlsx"),
                       icon=":material/download:", key="rg.download",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


if __name__ == "__main__":
    render()
