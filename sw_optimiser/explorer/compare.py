"""Vergelijken: solved scenarios of this session side by side: KPIs, P&L paths and the decisions
that differ."""

from __future__ import annotations

import streamlit as st

from sw_optimiser.explorer import charts, shell, tables
from sw_optimiser.explorer.shell import tr
from sw_optimiser.explorer.state import get
from sw_optimiser.i18n import t


def render() -> None:
    state = get()
    lang = state.lang
    st.title(tr("app.page.compare"))
    if not shell.need_model(state):
        return
    shell.progress(state)
    solved = [s for s in state.of_model() if s.ok]
    failed = [s for s in state.of_model() if not s.ok]
    if failed:
        st.caption(tr("app.compare.failed", names=", ".join(shell.name(s) for s in failed)))
    if len(solved) < 2:
        st.info(tr("app.compare.need_two", n=len(solved)), icon=":material/info:")
        st.page_link("sw_optimiser/explorer/scenario.py", label=tr("app.page.scenario"), icon=":material/tune:")
        return
    by_key = {s.key: s for s in solved}
    picked = st.multiselect(tr("app.compare.pick"), list(by_key), default=list(by_key)[-4:],
                            format_func=lambda k: shell.name(by_key[k]))
    with_base = st.toggle(tr("app.compare.with_baseline"), value=True)
    if len(picked) < 2:
        st.info(tr("app.compare.need_two_picked"))
        return
    chosen = [by_key[k] for k in picked]
    entries = [(_unique(shell.name(s), i, chosen), s.results) for i, s in enumerate(chosen)]
    baseline_label = None
    if with_base:
        baseline_label = t("lever.baseline", lang)
        entries.insert(0, (baseline_label, chosen[0].baseline))

    st.subheader(tr("app.compare.kpis"))
    st.dataframe(tables.kpi_table(entries, lang), width="stretch")
    labels = [label for label, _ in entries]
    reference = st.selectbox(tr("app.compare.reference"), labels, key="cmp.reference",
                             help=tr("app.compare.reference_help"))
    st.markdown(f"**{tr('app.compare.against', name=reference)}**")
    st.dataframe(tables.kpi_differences(entries, reference, lang), width="stretch")
    left, right = st.columns(2)
    left.altair_chart(charts.paths(tables.series(entries, "operating_result"), t("pnl.operating_result", lang),
                                   lang, baseline=baseline_label), width="stretch")
    right.altair_chart(charts.paths(tables.series(entries, "municipal_contribution"),
                                    t("pnl.municipal_contribution", lang), lang, baseline=baseline_label),
                       width="stretch")

    plans = [(label, r) for label, r in entries if label != baseline_label]
    st.subheader(tr("app.compare.decisions"))
    only = st.toggle(tr("app.compare.only_different"), value=True)
    pmcs = tables.pmc_states(plans, lang, only_different=only)
    st.markdown(f"**{tr('app.compare.pmcs')}**")
    if pmcs.empty:
        st.caption(tr("app.compare.same_pmcs"))
    else:
        st.dataframe(pmcs, hide_index=True, width="stretch")
    st.markdown(f"**{tr('app.compare.events')}**")
    events = tables.event_differences(plans, lang)
    if events.empty:
        st.caption(tr("app.compare.same_events"))
    else:
        st.dataframe(events, hide_index=True, width="stretch")
    if with_base and len({repr(s.scenario.changes) for s in chosen}) > 1:
        st.caption(tr("app.compare.baseline_note", name=shell.name(chosen[0])))


def _unique(label: str, i: int, chosen) -> str:
    """Labels must differ to be told apart in a table or chart."""
    same = [s for s in chosen if shell.name(s) == label]
    return label if len(same) == 1 else f"{label} ({i + 1})"


if __name__ == "__main__":
    render()
