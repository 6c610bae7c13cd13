"""Resultaten: a solved scenario against the baseline: KPIs, the P&L paths, what each lever is worth,
and per PMC, site, supervision type and worker group what the plan does; or, when no plan fits the
rules, why not."""

from __future__ import annotations

import dataclasses

import streamlit as st

from sw_optimiser import fmt
from sw_optimiser.explorer import charts, explain, files, shell, tables
from sw_optimiser.explorer.jobs import Solved
from sw_optimiser.explorer.shell import tr
from sw_optimiser.explorer.state import Explorer, get
from sw_optimiser.i18n import t
from sw_optimiser.results import Results


def excel_bytes(results: Results, lang: str) -> bytes:
    return files.written("results.xlsx", lambda path: results.to_excel(path, lang))


def render() -> None:
    state = get()
    st.title(tr("app.page.results"))
    if not shell.need_model(state):
        return
    shell.solve_bar(state, elsewhere=("waterfall",))
    entries = state.of_model()
    if not entries:
        st.info(tr("app.results.none"), icon=":material/info:")
        return
    keys = [s.key for s in entries]
    current = state.current if state.current in keys else keys[-1]
    pick = st.selectbox(tr("app.results.pick"), keys, index=keys.index(current),
                        format_func=lambda k: shell.name(state.solved[k]))
    state.current = pick
    solved = state.solved[pick]
    if pick != state.scenario_key():
        st.caption(tr("app.results.not_draft"))
    if not outcome(solved):
        return
    show(state, solved)


def outcome(solved: Solved) -> bool:
    """Say why there is no plan, if there is none."""
    if solved.stopped is not None:
        st.error(solved.stopped.text(get().lang), icon=":material/error:")
    elif solved.error:
        st.error(tr("app.results.error", error=solved.error), icon=":material/error:")
    elif solved.problems:
        st.error(tr("app.results.problems"), icon=":material/error:")
        shell.problem_table(solved.problems)
    elif solved.explanations:
        st.error(tr("app.results.infeasible", name=shell.name(solved)), icon=":material/block:")
        shell.bullets(solved.explanations)
        st.caption(tr("app.results.infeasible_help"))
    return solved.ok


def kpi_cards(res: Results, base: Results, lang: str) -> None:
    """The key figures against the baseline, three to a row (so full amounts fit)."""
    year = tables.last_year(res)
    cols = st.columns(3) + st.columns(3)
    for col, (key, higher_better, euro) in zip(cols, tables.KPIS):
        value, before = tables.kpi_value(res, key), tables.kpi_value(base, key)
        diff = value - before
        small = abs(diff) < (0.5 if euro else 0.05)
        colour = ("gray" if small or higher_better is None
                  else "green" if (diff > 0) == higher_better else "red")
        col.metric(tables.kpi_label(key, lang, year),
                   fmt.euro(value, 0, lang) if euro else fmt.number(value, 1, lang),
                   delta=tables.signed(0 if small else diff, euro, lang), border=True, delta_color=colour,
                   delta_arrow="off" if small else "up" if diff > 0 else "down",
                   delta_description=tr("app.kpi.vs_baseline"),
                   help=tr(f"app.glossary.{key}") + "\n\n" + tr("app.kpi.baseline_value", value=fmt.euro(before, 0, lang)
                                                                 if euro else fmt.number(before, 1, lang)))


def not_proven(res: Results, lang: str) -> None:
    """A plan not proven best: what to do (how far from proven best, in euros, the plan's warning says)."""
    if explain.uncertainty(res) is not None:
        st.info(tr("app.explain.not_proven"), icon=":material/hourglass_bottom:")


def site_plan(state: Explorer, solved: Solved) -> None:
    """The site plan the plan follows; when it was held, a button to search over every site plan."""
    res = solved.results
    if res.site_plan is None:
        return
    st.caption(res.site_plan_text(state.lang))
    if res.site_plan_given:
        full = dataclasses.replace(solved.scenario, site_plans=())
        st.button(tr("app.results.site_plan_full"), icon=":material/travel_explore:", disabled=state.job is not None,
                  help=tr("app.results.site_plan_full_help"), on_click=_solve_full, args=(full,))


def _solve_full(scenario) -> None:
    from sw_optimiser.explorer.scenario import seed

    state = get()
    seed(state, scenario, force=True)
    state.solve(state.label(state.scenario, tr))


def words() -> None:
    """The terms of this page in a sentence each (the glossary's words)."""
    with st.expander(tr("app.glossary.title"), icon=":material/help:"):
        st.markdown("\n".join(f"- {tr(f'app.glossary.{k}')}" for k in GLOSSARY))


GLOSSARY = ("npv", "municipal_contribution", "value_added_per_se", "result_per_se", "se", "se_idle", "se_moved",
            "gap", "marginal_value", "shapley")


def top_decisions(solved: Solved, lang: str) -> None:
    st.subheader(tr("app.explain.title"))
    st.caption(tr("app.explain.help"))
    top = explain.decisions(solved.results, solved.baseline, lang)[:explain.TOP]
    if not top:
        st.info(tr("app.explain.none"))
        return
    # a numbered list, not a table: each decision and its reason read in full, without scrolling
    st.markdown("\n".join(tr("app.explain.line", n=i, decision=d.words, effect=tables.signed(d.effect, True, lang),
                              reason=d.reason) for i, d in enumerate(top, 1)))


def show(state: Explorer, solved: Solved) -> None:
    lang, res, base = state.lang, solved.results, solved.baseline
    for warning in res.warnings:
        st.warning(warning.text(lang), icon=":material/warning:")
    site_plan(state, solved)
    not_proven(res, lang)
    kpi_cards(res, base, lang)
    words()
    top_decisions(solved, lang)

    baseline_label = t("lever.baseline", lang)
    entries = [(baseline_label, base), (shell.name(solved), res)]
    left, right = st.columns(2)
    notes = explain.one_off_notes(res, lang)
    left.altair_chart(charts.paths(tables.series(entries, "operating_result"), t("pnl.operating_result", lang),
                                   lang, baseline=baseline_label, notes=notes), width="stretch")
    if not notes.empty:
        left.caption(tr("app.explain.one_off_caption"))
    right.altair_chart(charts.grouped_bars(tables.series(entries, "municipal_contribution"),
                                           t("pnl.municipal_contribution", lang), lang, baseline=baseline_label),
                       width="stretch")
    waterfall(state, solved)

    labels = [tr(f"app.results.tab_{k}") for k in ("pmcs", "sites", "supervision", "people", "events", "mv", "pnl")]
    details = (_pmcs, _sites, _supervision, _people, _events, _marginal_values, _pnl)
    # only the open tab is drawn (a click on another tab reruns the page), so a solve shows quickly
    for tab, draw in zip(st.tabs(labels, key="res.tab", on_change="rerun"), details):
        if tab.open:
            with tab:
                draw(solved, lang, baseline_label)

    st.download_button(tr("app.results.download"), data=lambda r=res: excel_bytes(r, lang), on_click="ignore",
                       file_name=shell.file_name(tr("app.results.file"), shell.name(solved), suffix=".xlsx"),
                       icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    report(state, solved)


REPORT_SUFFIX = {"pdf": ".pdf", "html": ".html", "xlsx": ".xlsx"}


def _start_report(key: str, fmt: str) -> None:
    state = get()
    options = {"source": state.model_name, "model_warnings": [p.text(state.lang) for p in state.model_warnings]}
    if state.reconciliation is not None and state.reconciliation[0] == state.model_key:
        options["reconciliation"] = state.reconciliation[1]  # from the ledger import, on this company model
    from sw_optimiser.explorer.benchmark import peer_set  # the benchmark page's peer set, if it reads

    peers = peer_set(state)
    if peers is not None:
        options["peers"] = peers
    state.report(key, fmt, options)


def report(state: Explorer, solved: Solved) -> None:
    """The review report (PDF, HTML, Excel) from the results in hand, made in the background."""
    from sw_optimiser.report import MEDIA_TYPES

    st.subheader(tr("app.report.title"))
    st.caption(tr("app.report.help"))
    member = state.report_member()
    if member is not None:
        st.caption(tr("app.report.region", region=state.region_result.region.name, member=member))
    cols = st.columns(3)
    for col, kind in zip(cols, ("pdf", "html", "xlsx")):
        made = solved.reports.get((kind, state.lang))
        with col:
            if isinstance(made, bytes):
                st.download_button(tr(f"app.report.download_{kind}"), data=made, on_click="ignore",
                                   file_name=shell.file_name(tr("app.report.file"), shell.name(solved),
                                                             suffix=REPORT_SUFFIX[kind]),
                                   mime=MEDIA_TYPES[kind], icon=":material/download:", key=f"report.dl.{kind}")
            else:
                st.button(tr(f"app.report.{kind}"), on_click=_start_report, args=(solved.key, kind),
                          disabled=state.job is not None, icon=":material/description:", key=f"report.{kind}")
                if made is not None:
                    st.error(tr("app.report.failed", error=", ".join(m if isinstance(m, str) else m.text(state.lang)
                                                                 for m in made)), icon=":material/error:")


def _start_waterfall(key: str) -> None:
    get().waterfall(key)


def _start_marginal_values(key: str) -> None:
    get().marginal_values(key)


def waterfall(state: Explorer, solved: Solved) -> None:
    lang = state.lang
    st.subheader(tr("app.waterfall.title"))
    w = solved.waterfall
    if w is None:
        st.caption(tr("app.waterfall.help"))
        shell.progress(state, only=("waterfall",))  # how far it is, here where the user looks
        if solved.waterfall_error:
            st.error(tr("app.waterfall.failed"), icon=":material/error:")
            shell.bullets(solved.waterfall_error)
        st.button(tr("app.waterfall.button"), on_click=_start_waterfall, args=(solved.key,),
                  disabled=state.job is not None, icon=":material/waterfall_chart:")
        return
    steps = w.steps.assign(label=[t(f"lever.{k}", lang) for k in w.steps.lever],
                           kind=["total" if k in ("baseline", "all") else "step" for k in w.steps.lever])
    st.altair_chart(charts.waterfall(steps, tr("app.waterfall.chart"), lang), width="stretch")
    table = w.table(lang)
    st.dataframe(shell.money(table, list(table.columns[1:])), hide_index=True, width="stretch",
                 height=shell.rows_height(len(table)))
    st.caption(tr("app.waterfall.caption", seconds=shell.num(w.seconds, 1)))


def _pmcs(solved: Solved, lang: str, baseline_label: str) -> None:
    st.caption(tr("app.results.pmcs_help"))
    df = tables.pmc_decisions(solved.results, solved.baseline, lang)
    reasons = {d.subject: d.reason for d in explain.decisions(solved.results, solved.baseline, lang)}
    df.insert(4, tr("app.explain.reason"), [reasons.get(p, "") for p in df[df.columns[0]]])  # in view, by the decision
    st.dataframe(shell.money(df, list(df.columns[9:]), numbers={c: 1 for c in df.columns[5:8]}),
                 hide_index=True, width="stretch", height=shell.rows_height(len(df)))


def _sites(solved: Solved, lang: str, baseline_label: str) -> None:
    df = tables.site_decisions(solved.results, lang)
    use = [df.columns[5], df.columns[7]]
    st.dataframe(shell.money(df, [df.columns[8]], numbers={df.columns[3]: 0, df.columns[4]: 1, df.columns[6]: 1}),
                 hide_index=True, width="stretch",
                 column_config={c: st.column_config.ProgressColumn(c, min_value=0.0, max_value=1.0, format="percent")
                                for c in use})


def _supervision(solved: Solved, lang: str, baseline_label: str) -> None:
    res = solved.results
    fte = res.supervision.rename(columns={"name": "category", "fte": "value"})
    st.altair_chart(charts.stacked_bars(fte[["year", "category", "value"]], tr("app.results.fte_chart"),
                                        t("field.type", lang), lang, unit=t("field.fte", lang)), width="stretch")
    st.markdown(f"**{tr('app.results.fte')}**")
    wide = tables.by_year(res.supervision, "type", "fte", lang)
    st.dataframe(shell.money(wide, [], numbers={c: 1 for c in wide.columns}), width="stretch")
    st.markdown(f"**{tr('app.results.spans')}**")
    st.dataframe(tables.options(res, lang), width="stretch")
    wide = tables.by_year(res.supervision, "type", "se_per_fte", lang)
    st.markdown(f"**{tr('app.results.se_per_fte')}**")
    st.dataframe(shell.money(wide, [], numbers={c: 1 for c in wide.columns}), width="stretch")
    if not res.sales.empty and res.sales.fte.sum() > 0:
        st.markdown(f"**{tr('app.results.sales')}**")
        sales = res.sales.assign(activity=[tables.activity(a, lang) for a in res.sales.activity])
        wide = tables.by_year(sales, "activity", "fte", lang, names=None)
        st.dataframe(shell.money(wide, [], numbers={c: 1 for c in wide.columns}), width="stretch")


def _people(solved: Solved, lang: str, baseline_label: str) -> None:
    res = solved.results
    entries = [(baseline_label, solved.baseline), (shell.name(solved), res)]
    st.altair_chart(charts.grouped_bars(tables.series(entries, "se_idle"), t("field.se_idle", lang), lang,
                                        baseline=baseline_label, euro=False, decimals=1), width="stretch")
    st.markdown(f"**{tr('app.results.groups', year=tables.last_year(res))}**")
    g = tables.groups(res, lang)
    st.dataframe(shell.money(g, [], numbers={c: 1 for c in g.columns[2:]}), hide_index=True, width="stretch")
    if res.plan is not None:
        years = [int(y) for y in res.pnl.index]
        year = st.select_slider(tr("app.explain.year"), years, value=years[1] if len(years) > 1 else years[0],
                                key="res.people.year")
        st.markdown(f"**{tr('app.explain.people', year=year)}**")
        st.caption(tr("app.explain.people_help"))
        who = explain.placement(get().model, res, year, lang)
        st.dataframe(shell.money(who, [], numbers={c: 1 for c in who.columns}), width="stretch",
                     height=shell.rows_height(len(who)))
    if not res.chain.empty:
        st.markdown(f"**{tr('app.results.chain')}**")
        wide = tables.by_year(res.chain, "partner", "se", lang)
        st.dataframe(shell.money(wide, [], numbers={c: 1 for c in wide.columns}), width="stretch")


def _events(solved: Solved, lang: str, baseline_label: str) -> None:
    ev = tables.events(solved.results, lang)
    if ev.empty:
        st.info(tr("app.results.no_events"))
    else:
        st.dataframe(shell.money(ev, [ev.columns[-1]]), hide_index=True, width="stretch")


def _marginal_values(solved: Solved, lang: str, baseline_label: str) -> None:
    st.caption(tr("app.results.mv_help"))
    mv = tables.marginal_values(solved.results, lang)
    if mv is not None and not mv.empty:
        st.dataframe(shell.money(mv, list(mv.columns)), width="stretch")
    elif not solved.marginal_values_done:
        st.info(tr("app.solve.marginal_values_running"))
    elif solved.marginal_values_skipped:
        st.button(tr("app.results.mv_button"), on_click=_start_marginal_values, args=(solved.key,),
                  disabled=get().job is not None, icon=":material/calculate:")
    else:
        st.info(tr("app.results.mv_none"))


def _pnl(solved: Solved, lang: str, baseline_label: str) -> None:
    pnl = solved.results.pnl_table(lang)
    pnl.columns = [str(c) for c in pnl.columns]
    st.dataframe(shell.money(pnl, list(pnl.columns)), width="stretch")


if __name__ == "__main__":
    render()
