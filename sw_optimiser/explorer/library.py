"""Bibliotheek: every scenario kept in this workspace, with its provenance (company version, when,
solver settings, status and gap); rename, duplicate as a new draft, delete, download as a scenario
file, open on the results page."""

from __future__ import annotations

import dataclasses
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from sw_optimiser import fmt
from sw_optimiser.explorer import shell, tables
from sw_optimiser.explorer.jobs import Solved
from sw_optimiser.explorer.shell import tr
from sw_optimiser.explorer.state import Explorer, get
from sw_optimiser.explorer.workspace import status

ZONE = ZoneInfo("Europe/Amsterdam")  # the users' clock


def rows(state: Explorer, lang: str) -> pd.DataFrame:
    """One row per kept scenario: name, levers, company version, when, settings, outcome."""
    out = []
    for key, s in state.solved.items():
        about = state.provenance.get(key)
        res = s.results
        out.append({
            tr("app.library.name"): shell.name(s),
            tr("app.library.levers"): len(s.scenario.active_levers),
            tr("app.library.company"): f"{about.model_name if about else ''} · {s.model_key[:8]}",
            tr("app.library.when"): about.solved_at.astimezone(ZONE).strftime("%d-%m-%Y %H:%M") if about else "–",
            tr("app.library.settings"): tr("app.library.settings_value", limit=fmt.seconds(s.scenario.time_limit, lang),
                                           gap=fmt.percent(s.scenario.gap, 1, lang)),
            tr("app.library.status"): tr(f"status.{status(s)}"),
            tr("app.library.gap"): fmt.percent(res.gap, 2, lang) if res is not None and res.gap is not None else "–",
            tr("kpi.npv"): fmt.euro(res.npv, 0, lang) if res is not None else "–",
            tr("app.library.this_company"): "✓" if s.model_key == state.model_key else "",
        })
    return pd.DataFrame(out)


def kept_companies(state: Explorer) -> set[str]:
    """The company versions this workspace kept (empty when the database is not there)."""
    try:
        return state.store.company_keys(state.workspace) if state.store is not None else set()
    except Exception:  # noqa: BLE001 - the page works without them
        return set()


def _open_company(model_key: str) -> None:
    get().open_company(model_key)


def _rename(key: str) -> None:
    get().rename(key, st.session_state.get(f"lib.name.{key}", ""))


def _delete(key: str) -> None:
    get().delete(key)


def _duplicate(key: str) -> None:
    """The scenario's settings as a new draft on the scenario page (solve it after changing it)."""
    from sw_optimiser.explorer.scenario import seed

    state = get()
    s = state.solved[key]
    seed(state, dataclasses.replace(s.scenario, name=tr("app.library.copy_of", name=shell.name(s))), force=True)


def render() -> None:
    state = get()
    lang = state.lang
    st.title(tr("app.page.library"))
    st.caption(tr("app.library.intro"))
    shell.progress(state)
    if not state.solved:
        st.info(tr("app.results.none"), icon=":material/info:")
        return
    table = rows(state, lang)
    st.dataframe(table, hide_index=True, width="stretch", height=shell.rows_height(len(table)))
    keys = list(state.solved)
    current = state.current if state.current in keys else keys[-1]
    key = st.selectbox(tr("app.library.pick"), keys, index=keys.index(current),
                       format_func=lambda k: shell.name(state.solved[k]), key="lib.pick")
    actions(state, state.solved[key])


def actions(state: Explorer, s: Solved) -> None:
    key = s.key
    here = s.model_key == state.model_key
    cols = st.columns(4, vertical_alignment="bottom")
    if cols[0].button(tr("app.library.open"), icon=":material/monitoring:", disabled=not here or not s.ok,
                      key=f"lib.open.{key}", width="stretch"):
        state.current = key
        st.switch_page("sw_optimiser/explorer/results.py")
    if cols[1].button(tr("app.library.duplicate"), icon=":material/content_copy:", on_click=_duplicate,
                      args=(key,), disabled=not here, key=f"lib.dup.{key}", width="stretch"):
        st.switch_page("sw_optimiser/explorer/scenario.py")
    named = dataclasses.replace(s.scenario, name=shell.name(s))  # a file always has a name
    cols[2].download_button(tr("app.library.download"), data=named.to_yaml(), on_click="ignore",
                            file_name=shell.file_name(shell.name(s), suffix=".yaml"), mime="application/x-yaml",
                            icon=":material/download:", key=f"lib.yaml.{key}", width="stretch")
    with cols[3].popover(tr("app.library.delete"), icon=":material/delete:", width="stretch"):
        st.caption(tr("app.library.delete_sure", name=shell.name(s)))
        st.button(tr("app.library.delete_yes"), on_click=_delete, args=(key,), type="primary",
                  key=f"lib.del.{key}", disabled=state.job is not None and state.job.key == key)
    if not here:
        st.caption(tr("app.library.other_company"))
        if s.model_key in kept_companies(state):
            st.button(tr("app.library.open_company"), on_click=_open_company, args=(s.model_key,),
                      icon=":material/factory:", key=f"lib.company.{key}")
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.text_input(tr("app.library.new_name"), value=s.scenario.name, key=f"lib.name.{key}",
                    placeholder=state.label(dataclasses.replace(s.scenario, name=""), tr))
    right.button(tr("app.library.rename"), on_click=_rename, args=(key,), icon=":material/edit:",
                 key=f"lib.ren.{key}", width="stretch")
    if s.ok:
        res = s.results
        st.caption(tr("app.library.outcome", status=tr(f"status.{res.status}"),
                      seconds=fmt.seconds(s.seconds, state.lang), npv=fmt.euro(res.npv, 0, state.lang),
                      year=tables.last_year(res),
                      contribution=fmt.euro(res.pnl.iloc[-1].municipal_contribution, 0, state.lang)))


if __name__ == "__main__":
    render()
