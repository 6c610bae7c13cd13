"""Benchmark: the company on the kernkaart among its peers (a table and a chart per KPI) and its DEA
efficiency with the peers it can learn from and its targets; today, or in a year of a solved plan."""

from __future__ import annotations

import math


import pandas as pd
import streamlit as st

from sw_optimiser.benchmarking import DEAInputError, PeerSetError, kernkaart, read_peers, run_dea
from sw_optimiser.benchmarking.charts import kernkaart_charts
from sw_optimiser.benchmarking.cli import DEFAULT_INPUTS, DEFAULT_OUTPUTS, fixed_inputs
from sw_optimiser.benchmarking.from_model import before_after, peer_figures
from sw_optimiser.benchmarking.kpis import format_kernkaart
from sw_optimiser.benchmarking.peers import COLUMN_BY_KEY, NUMERIC_KEYS
from sw_optimiser.explorer import files, jobs, sandbox, shell
from sw_optimiser.explorer.files import MAX_UPLOAD_MB
from sw_optimiser.explorer.shell import tr
from sw_optimiser.explorer.state import MODELS, Explorer, get
from sw_optimiser.i18n import t

BUNDLED_PEERS = MODELS / "peers.xlsx"
COMPANY_ID = "company"


@st.cache_resource(show_spinner=False)
def _bundled_peers(path: str, mtime: float) -> pd.DataFrame:
    return read_peers(path)


def peer_set(state: Explorer) -> pd.DataFrame | None:
    """The peer set in use: the uploaded one, else the bundled one (None when there is none)."""
    if state.peers is not None:
        return state.peers
    if BUNDLED_PEERS.exists():
        try:
            return _bundled_peers(str(BUNDLED_PEERS), BUNDLED_PEERS.stat().st_mtime)
        except PeerSetError:
            return None
    return None


@st.cache_data(show_spinner=False, max_entries=64)
def _dea(group: pd.DataFrame, inputs: tuple, outputs: tuple, model: str, orientation: str, fixed: tuple = ()):
    """DEA on the solve worker (one solve at a time for the whole server); cached per settings."""
    return jobs.call(run_dea, group, inputs, outputs, model=model, orientation=orientation,
                     super_efficiency=True, fixed_inputs=fixed).result()


def _on_upload() -> None:
    upload = st.session_state.get("bm.upload")
    if upload is not None:
        get().peers_upload = (upload.name, upload.getvalue())


def _use_bundled() -> None:
    state = get()
    state.peers, state.peers_name = None, ""


def _load_upload(state: Explorer) -> list | None:
    """Read an uploaded peer set; its problems when it cannot be used."""
    name, data = state.peers_upload
    state.peers_upload = None
    name = files.safe_name(name, "peers.xlsx")
    if files.too_big(data):
        return [tr("app.bench.too_big", mb=MAX_UPLOAD_MB)]
    with files.uploaded(name, data) as path:
        try:
            state.peers, state.peers_name = sandbox.read(read_peers, path, name=name), name
        except PeerSetError as exc:
            return exc.problems
        except sandbox.TooComplex as exc:
            return [exc.problems[0].text(state.lang)]
    return None


def heading(key: str, lang: str | None = None) -> str:
    spec = COLUMN_BY_KEY.get(key)
    return spec.heading(lang or shell.lang()) if spec else key


def _super(value: float) -> str:
    """Super-efficiency as text: ∞ where no combination of the others envelops the company (a
    warning above says why), – where it was not computed."""
    if pd.isna(value):
        return "–"
    return "∞" if math.isinf(value) else shell.num(value, 3)


def show(key: str, value: float) -> str:
    """A peer-set figure in its unit: euros, whole workplaces, else one decimal."""
    unit = COLUMN_BY_KEY[key].unit if key in COLUMN_BY_KEY else ""
    if pd.isna(value):
        return "–"
    return shell.eur(value) if unit == "€" else shell.num(value, 0 if unit == "workplaces" else 1)


def render() -> None:
    state = get()
    lang = state.lang
    st.title(tr("app.page.benchmark"))
    if not shell.need_model(state):
        return
    refused = _load_upload(state) if state.peers_upload is not None else None
    st.caption(tr("app.bench.intro"))
    left, right = st.columns(2)
    with left:
        st.file_uploader(tr("app.bench.upload"), type=["xlsx"], key="bm.upload", on_change=_on_upload,
                         max_upload_size=MAX_UPLOAD_MB, help=tr("app.bench.upload_help"))
    peers = peer_set(state)
    with right:
        if state.peers is not None:
            st.caption(tr("app.bench.source_upload", name=state.peers_name, n=len(peers)))
            st.button(tr("app.bench.use_bundled"), on_click=_use_bundled, icon=":material/undo:")
        elif peers is not None:
            st.caption(tr("app.bench.source_bundled", name=BUNDLED_PEERS.name, n=len(peers)))
    if refused:
        st.error(tr("app.bench.refused"), icon=":material/error:")
        _peer_problems(refused)
    if peers is None:
        st.warning(tr("app.bench.no_peers"), icon=":material/warning:")
        return

    m = state.model
    base = state.baseline()
    solved = [s for s in state.of_model() if s.ok]
    moments = ["today"] + [s.key for s in solved]
    names = {"today": tr("app.bench.today", year=m.base_year)}  # format_func must not read the session
    names |= {s.key: tr("app.bench.plan", name=shell.name(s)) for s in solved}
    moment = st.selectbox(tr("app.bench.moment"), moments, key="bm.moment", format_func=names.get)
    plan = None if moment == "today" else state.solved[moment]
    if plan is None:
        year, results = m.base_year, base
        if not solved:
            st.caption(tr("app.bench.no_plan"))
    else:
        years = [int(y) for y in plan.results.pnl.index if int(y) != m.base_year]
        year = st.select_slider(tr("app.bench.year"), years, value=years[-1], key=f"bm.year.{moment}")
        results = plan.results
    figures = peer_figures(m, results, year, COMPANY_ID, m.company.name)

    st.subheader(tr("app.bench.kernkaart", name=m.company.name, year=year))
    card = kernkaart(peers, figures, lang)
    table = format_kernkaart(card, lang)
    st.dataframe(table, hide_index=True, width="stretch", height=shell.rows_height(len(table)))
    st.caption(tr("app.bench.kernkaart_help", n=int(card["n"].max())))
    charts = kernkaart_charts(peers, figures, lang)
    for tab, (key, chart) in zip(st.tabs([t(f"bench.kpi_{k}", lang) for k in charts]), charts.items()):
        tab.altair_chart(chart, width="stretch")

    dea(state, peers, figures, plan, year)


def _peer_problems(problems: list) -> None:
    lang = shell.lang()
    if problems and isinstance(problems[0], str):
        st.markdown("\n".join(f"- {p}" for p in problems))
        return
    rows = [{tr("app.bench.col_sheet"): p.sheet(lang), tr("app.bench.col_row"): p.row,
             tr("app.bench.col_column"): p.heading(lang) or "", tr("app.bench.col_problem"): p.message(lang)}
            for p in problems]
    df = pd.DataFrame(rows)
    df[tr("app.bench.col_row")] = df[tr("app.bench.col_row")].astype("Int64")
    st.dataframe(df, hide_index=True, width="stretch")


def dea(state: Explorer, peers: pd.DataFrame, figures: dict, plan, year: int) -> None:
    lang = state.lang
    st.subheader(tr("app.bench.dea"))
    st.caption(tr("app.bench.dea_help"))
    numeric = [k for k in NUMERIC_KEYS if k in peers.columns]
    left, mid = st.columns(2)
    inputs = left.multiselect(tr("app.bench.inputs"), numeric, default=[k for k in DEFAULT_INPUTS if k in numeric],
                              format_func=lambda k: heading(k, lang), key="bm.inputs")
    outputs = mid.multiselect(tr("app.bench.outputs"), numeric,
                              default=[k for k in DEFAULT_OUTPUTS if k in numeric],
                              format_func=lambda k: heading(k, lang), key="bm.outputs")
    model = left.radio(tr("app.bench.model"), ["crs", "vrs"], horizontal=True, key="bm.model",
                       format_func=lambda k: t(f"bench.dea_model_{k}", lang))
    orientation = mid.radio(tr("app.bench.orientation"), ["input", "output"], horizontal=True,
                            key="bm.orientation", format_func=lambda k: t(f"bench.dea_orientation_{k}", lang))
    se_discretionary = "se" in inputs and left.checkbox(
        t("bench.app_se_discretionary", lang), value=False, key="bm.se_discretionary",
        help=t("bench.app_se_discretionary_help", lang))
    fixed = fixed_inputs(inputs, se_discretionary)
    if not inputs or not outputs:
        st.info(tr("app.bench.choose"), icon=":material/info:")
        return
    if set(inputs) & set(outputs):
        st.warning(tr("app.bench.both"), icon=":material/warning:")
        return
    from sw_optimiser.benchmarking.kpis import comparison_group

    group, company_id = comparison_group(peers, figures)
    try:
        with st.spinner(tr("app.bench.running")):
            result = _dea(group, tuple(inputs), tuple(outputs), model, orientation, fixed)
    except DEAInputError as exc:
        st.error(tr("app.bench.dea_refused"), icon=":material/error:")
        st.markdown("\n".join(f"- {p.text(lang)}" for p in exc.problems))
        return
    if result.fixed_inputs:
        st.caption(t("bench.dea_fixed", lang, inputs=", ".join(heading(k, lang) for k in result.fixed_inputs)))
    for message in result.messages:
        st.warning(message.text(lang), icon=":material/warning:")
    names = dict(zip(group["id"].astype(str), group["name"].astype(str)))
    bench = result.benchlearning(company_id)
    cols = st.columns(3)
    cols[0].metric(tr("app.bench.efficiency"), shell.pct(bench.efficiency, 1), border=True)
    cols[1].metric(t("bench.dea_status", lang), t(f"bench.dea_status_{bench.status}", lang), border=True)
    rank = 1 + int((result.table["efficiency"] > bench.efficiency + 1e-9).sum())
    cols[2].metric(tr("app.bench.rank"), f"{rank}/{len(result.table)}", border=True)

    left, right = st.columns([2, 3])
    with left:
        st.markdown(f"**{tr('app.bench.peers')}**")
        if bench.peers.empty:
            st.caption(tr("app.bench.is_efficient"))
        else:
            learn = pd.DataFrame({t("bench.col_name", lang): [names.get(i, i) for i in bench.peers.index],
                                  t("bench.dea_lambda", lang): bench.peers["lambda"].to_numpy()})
            st.dataframe(shell.money(learn, [], numbers={learn.columns[1]: 3}), hide_index=True, width="stretch")
    with right:
        st.markdown(f"**{tr('app.bench.targets')}**")
        goal = bench.targets
        targets = pd.DataFrame({
            t("bench.dea_variable", lang): [heading(k) for k in goal.index],
            t("bench.dea_kind", lang): [t(f"bench.dea_kind_{k}", lang) for k in goal["kind"]],
            t("bench.dea_actual", lang): [show(k, v) for k, v in zip(goal.index, goal["actual"])],
            t("bench.dea_target", lang): [show(k, v) for k, v in zip(goal.index, goal["target"])],
            t("bench.dea_change_pct", lang): ["–" if pd.isna(v) else shell.pct(v, 1) for v in goal["change_pct"]]})
        st.dataframe(targets, hide_index=True, width="stretch")

    st.markdown(f"**{tr('app.bench.all')}**")
    table = result.table.sort_values("efficiency", ascending=False)
    everyone = pd.DataFrame({
        t("bench.col_name", lang): [names.get(i, i) for i in table.index],
        t("bench.dea_efficiency", lang): table["efficiency"].to_numpy(),
        t("bench.dea_super_efficiency", lang): [_super(v) for v in table["super_efficiency"]],
        t("bench.dea_status", lang): [t(f"bench.dea_status_{s}", lang) for s in table["status"]],
        t("bench.dea_peers", lang): ["" if s == "efficient" else
                                     ", ".join(f"{names.get(p, p)} ({shell.num(w, 2)})" for p, w in
                                               sorted(result.peers[i].items(), key=lambda pw: -pw[1]))
                                     for i, s in zip(table.index, table["status"])],
    })
    cols = list(everyone.columns)
    company_name = names[company_id]
    st.dataframe(shell.money(everyone, [], numbers={cols[1]: 3})
                 .apply(lambda row: ["font-weight: bold; background-color: #fdebd3" if row.iloc[0] == company_name
                                     else "" for _ in row], axis=1),
                 hide_index=True, width="stretch", height=shell.rows_height(len(everyone)))

    if plan is not None:
        st.markdown(f"**{tr('app.bench.before_after', year=year)}**")
        m = state.model
        try:
            ba = jobs.call(before_after, m, plan.baseline, plan.results, peers, year, inputs, outputs, model,
                           orientation, fixed).result()
        except DEAInputError as exc:
            st.markdown("\n".join(f"- {p.text(lang)}" for p in exc.problems))
            return
        ba.index = [tr(f"app.bench.moment_{k}", year=int(ba.loc[k, "year"])) for k in ba.index]
        ba = ba.drop(columns="year").astype(float)
        ba.columns = [t(f"bench.kpi_{c}", lang) if c != "efficiency" else tr("app.bench.efficiency") for c in ba.columns]
        st.dataframe(shell.money(ba, list(ba.columns[:3]) + [ba.columns[5], ba.columns[6]],
                                 numbers={ba.columns[3]: 1})
                     .format(lambda v: shell.pct(v, 1), subset=[ba.columns[4], ba.columns[-1]]),
                     width="stretch")


if __name__ == "__main__":
    render()
