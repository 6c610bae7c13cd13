"""Bedrijf: the company at a glance, opening or uploading a workbook, editing its tables, downloads."""

from __future__ import annotations


import streamlit as st

from sw_optimiser.explorer import charts, edit, files, shell
from sw_optimiser.explorer.files import MAX_UPLOAD_MB
from sw_optimiser.explorer.shell import tr
from sw_optimiser.explorer.state import Explorer, bundled_models, get
from sw_optimiser.i18n import t
from sw_optimiser.schema import ACTIVITIES, TABLES
from sw_optimiser.workbook import write_workbook


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(show_spinner=False)
def template_bytes(lang: str) -> bytes:
    """The empty company workbook, the same for everyone."""
    return files.written("template.xlsx", lambda path: write_workbook(None, path, lang))


def workbook_bytes(model, lang: str) -> bytes:
    return files.written("model.xlsx", lambda path: write_workbook(model, path, lang))


def _on_upload() -> None:
    upload = st.session_state.get("upload")
    if upload is not None:
        get().pending_upload = (upload.name, upload.getvalue())


def _open_bundled() -> None:
    get().open_workbook(st.session_state["bundled"])


def render() -> None:
    state = get()
    if state.pending_upload is not None:  # from the uploader's callback, or injected by a test
        name, data = state.pending_upload
        state.pending_upload = None
        if state.load_upload(name, data):
            st.toast(tr("app.company.uploaded", name=name), icon=":material/check_circle:")
    st.title(tr("app.page.company"))
    if state.model is not None:
        overview(state)
    sources(state)
    if state.model is not None:
        tables_editor(state)
    shell.progress(state)


def overview(state: Explorer) -> None:
    lang, m = state.lang, state.model
    base = state.baseline()
    y0, last = m.base_year, m.years[-1]
    today = base.pnl.loc[y0]
    st.subheader(m.company.name)
    st.caption(tr("app.company.caption", source=state.model_name, year=y0, horizon=m.company.horizon, last=last))
    cols = st.columns(4)
    cols[0].metric(tr("app.kpi.se_total"), shell.num(today.se_total, 0), border=True,
                   help=tr("app.kpi.se_total_help", last=last, se=shell.num(base.pnl.loc[last, "se_total"], 0)))
    cols[1].metric(t("field.value_added_per_se", lang), shell.eur(today.value_added_per_se), border=True)
    cols[2].metric(t("field.result_per_se", lang), shell.eur(today.result_per_se), border=True)
    cols[3].metric(t("pnl.municipal_contribution", lang), shell.eur(today.municipal_contribution), border=True,
                   help=tr("app.kpi.contribution_help", last=last,
                           amount=shell.eur(base.pnl.loc[last, "municipal_contribution"])))

    left, right = st.columns(2)
    groups = base.groups.rename(columns={"name": "category", "se": "value"})
    left.altair_chart(charts.stacked_bars(groups[["year", "category", "value"]], tr("app.company.se_by_group"),
                                          t("field.group", lang), lang), width="stretch")
    now = base.pmcs[base.pmcs.year == y0]
    by_activity = now.groupby("activity").agg(value=("se", "sum"), n=("pmc", "count")).reset_index()
    by_activity["category"] = [ACTIVITIES[a][0 if lang == "nl" else 1] for a in by_activity.activity]
    by_activity["count"] = by_activity["n"].astype(str)
    right.altair_chart(charts.hbars(by_activity, tr("app.company.se_by_activity", year=y0), lang,
                                    extra="count", extra_title=tr("app.company.n_pmcs")), width="stretch")

    sites = base.sites[base.sites.year == y0]
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{tr('app.company.pnl', year=y0, last=last)}**")
        pnl = base.pnl_table(lang)[[y0, last]]
        pnl.columns = [tr("app.company.today", year=y0), tr("app.company.no_action", year=last)]
        st.dataframe(shell.money(pnl, list(pnl.columns)), width="stretch", height=shell.rows_height(len(pnl), 600))
    right.altair_chart(charts.site_use(sites, tr("app.company.site_use", year=y0), lang), width="stretch")

    st.markdown(f"**{tr('app.company.pmcs', year=y0)}**")
    pmcs = now[["pmc", "name", "activity", "se", "value_added", "margin"]].copy()
    pmcs["activity"] = [ACTIVITIES[a][0 if lang == "nl" else 1] for a in pmcs.activity]
    pmcs.columns = [t(f"field.{c}", lang) if c != "value_added" else t("pnl.value_added", lang) for c in pmcs.columns]
    st.dataframe(shell.money(pmcs, list(pmcs.columns[4:]), numbers={pmcs.columns[3]: 1}), hide_index=True,
                 width="stretch", height=shell.rows_height(len(pmcs)))

    st.markdown(f"**{tr('app.company.sites', year=y0)}**")
    sites = sites[["site", "name", "capacity", "se", "use", "cost"]]
    sites.columns = [t(f"field.{c}", lang) for c in sites.columns]
    st.dataframe(shell.money(sites, [sites.columns[5]], numbers={sites.columns[2]: 0, sites.columns[3]: 1}),
                 hide_index=True, width="stretch",
                 column_config={sites.columns[4]: st.column_config.ProgressColumn(
                     sites.columns[4], min_value=0.0, max_value=1.0, format="percent")})
    notes = [w.text(lang) for w in base.warnings] + [p.text(lang) for p in state.model_warnings]
    if notes:
        with st.expander(tr("app.company.notes", n=len(notes))):
            for line in notes:
                st.markdown(f"- {line}")


def sources(state: Explorer) -> None:
    lang = state.lang
    st.subheader(tr("app.company.sources"))
    left, right = st.columns(2)
    with left:
        models = bundled_models()
        if models:
            st.selectbox(tr("app.company.bundled"), models, key="bundled", format_func=lambda p: p.name)
            st.button(tr("app.company.open"), on_click=_open_bundled, icon=":material/folder_open:")
        st.file_uploader(tr("app.company.upload"), type=["xlsx"], key="upload", on_change=_on_upload,
                         max_upload_size=MAX_UPLOAD_MB, help=tr("app.company.upload_help", mb=MAX_UPLOAD_MB))
    with right:
        if state.model is not None:
            st.download_button(tr("app.company.download"), data=lambda m=state.model: workbook_bytes(m, lang),
                               file_name=shell.file_name(state.model.company.name, suffix=".xlsx"), on_click="ignore",
                               icon=":material/download:", mime=XLSX)
        st.download_button(tr("app.company.template"), data=template_bytes(lang),
                           file_name=tr("app.company.template_file"), on_click="ignore", icon=":material/download:",
                           mime=XLSX)
        st.caption(tr("app.company.template_help"))
    if state.problems:
        errors = sum(p.severity == "error" for p in state.problems)
        st.error(tr("app.company.refused", name=state.problems_source, n=errors), icon=":material/error:")
        shell.problem_table(state.problems)


def _apply(model, name: str, warnings) -> None:
    get().set_model(model, name, warnings)


def tables_editor(state: Explorer) -> None:
    lang = state.lang
    st.subheader(tr("app.edit.title"))
    st.caption(tr("app.edit.help"))
    tabs = st.tabs([table.sheet(lang) for table in TABLES])
    frames, base = {}, {}
    for tab, table in zip(tabs, TABLES):
        with tab:
            st.caption(table.help_nl if lang == "nl" else table.help_en)
            base[table.key] = edit.frame(state.model, table, lang)
            frames[table.key] = st.data_editor(
                base[table.key], key=f"edit.{table.key}.{state.model_rev}.{lang}", width="stretch",
                num_rows="fixed" if table.single else "dynamic", column_config=edit.column_config(table, lang))
    changed = [k for k in frames if not edit.same(frames[k], base[k])]
    if not changed:
        return
    model, problems = edit.to_model(frames)
    if model is None:
        st.error(tr("app.edit.refused", n=sum(p.severity == "error" for p in problems)), icon=":material/error:")
        shell.problem_table(problems)
        return
    left, right = st.columns([1, 3], vertical_alignment="center")
    name = state.model_name if state.model_name.endswith(tr("app.edit.suffix")) else state.model_name + tr("app.edit.suffix")
    left.button(tr("app.edit.apply"), type="primary", on_click=_apply, args=(model, name, problems),
                icon=":material/check:")
    right.caption(tr("app.edit.valid", n=len(changed)))
    if problems:
        shell.problem_table(problems)


if __name__ == "__main__":
    render()
