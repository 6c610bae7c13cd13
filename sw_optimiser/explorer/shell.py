"""What every page shares: page setup, the sidebar (language), texts, numbers, the solve button and
its progress."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from .. import fmt
from ..i18n import LANGS, t
from ..problems import Problem, listed
from . import workspace
from .state import Explorer, get

POLL_SECONDS = 0.2  # how often a running job is looked at
LANG_NAMES = {"nl": "Nederlands", "en": "English"}


def start() -> Explorer:
    """Set the page up and draw the sidebar; every page runs after this."""
    st.set_page_config(page_title="sw-optimiser", page_icon=":material/insights:", layout="wide")
    state = get()
    state.collect()
    if state.workspace and st.query_params.get(workspace.PARAM) != state.workspace:
        st.query_params[workspace.PARAM] = state.workspace  # the address keeps the key across pages
    with st.sidebar:
        if "lang" not in st.session_state:
            st.session_state["lang"] = state.lang
        st.radio("Taal / Language", LANGS, key="lang", horizontal=True, format_func=LANG_NAMES.get)
        state.lang = st.session_state["lang"]
        if state.model is not None:
            st.caption(tr("app.sidebar.company", name=state.model.company.name, source=state.model_name))
        if state.store_error:
            st.warning(tr("app.workspace.failed", error=state.store_error), icon=":material/warning:")
        elif state.store is not None:
            st.caption(tr("app.workspace.kept", n=len(state.solved)))
    return state


def tr(key: str, **params: object) -> str:
    """A text in this session's language."""
    return t(key, get().lang, **params)


def lang() -> str:
    return get().lang


def eur(value: float, decimals: int = 0) -> str:
    return fmt.euro(value, decimals, lang())


def num(value: float, decimals: int = 0) -> str:
    return fmt.number(value, decimals, lang())


def pct(value: float, decimals: int = 1) -> str:
    return fmt.percent(value, decimals, lang())


def money(df: pd.DataFrame, columns: list[str], decimals: int = 0, numbers: dict[str, int] | None = None):
    """A table whose euro columns read the Dutch way (the values stay numbers, so sorting works).
    `numbers`: other columns shown as plain numbers with that many decimals. Empty cells show –."""
    def show(v, f):
        return "–" if pd.isna(v) else f(v)

    formats: dict[str, Callable] = {c: (lambda v, d=decimals: show(v, lambda x: eur(x, d))) for c in columns}
    for c, d in (numbers or {}).items():
        formats[c] = lambda v, d=d: show(v, lambda x: num(x, d))
    return df.style.format(formats, na_rep="–")


def file_name(*parts: str, suffix: str) -> str:
    """A safe file name from words: 'resultaten-herplaatsing-hefboom-1.xlsx'."""
    stem = re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-")[:60] or "sw-optimiser"
    return f"{stem}{suffix}"


def bullets(lines) -> None:
    """A list of messages (i18n.Message, Problem: anything with .text(lang)) in this session's language,
    put into words now so they follow a language switch; plain strings (an error's name) as they are."""
    lang = get().lang
    st.markdown("\n".join(f"- {line if isinstance(line, str) else line.text(lang)}" for line in lines))


def name(solved) -> str:
    """A solved scenario's name in the current language (its own name, or one made from its levers)."""
    return get().label(solved.scenario, tr)


def rows_height(n: int, most: int = 420) -> int:
    """A table's height in pixels that shows `n` rows without blank space (scrolling beyond `most`)."""
    return min(most, 35 * (n + 1) + 3)


def problem_table(problems: list[Problem]) -> None:
    """Problems as a table naming sheet, row and column; errors first."""
    shown, rest = listed(problems)
    df = pd.DataFrame([p.as_dict(lang()) for p in shown])
    row = t("col.row", lang())
    df[row] = df[row].astype("Int64")
    st.dataframe(df, hide_index=True, width="stretch")
    if rest:
        st.caption(t("problems.more", lang(), n=rest))


# ----- solving -------------------------------------------------------------------------------------
def solve_bar(state: Explorer, elsewhere: tuple[str, ...] = ()) -> None:
    """The one solve button, what it last did, and the progress of a running job. Call it after the
    scenario is final for this run (the click is handled here, not in a callback, so a value typed
    just before the click is in the scenario). Jobs of the kinds `elsewhere` show their progress where
    the page draws them (the waterfall in its own section)."""
    left, right = st.columns([1, 3], vertical_alignment="center")
    if left.button(tr("app.solve.button"), type="primary", icon=":material/calculate:", key="solve",
                   disabled=state.job is not None or state.model is None, width="stretch"):
        with right, st.spinner(tr("app.solve.starting")):
            state.solve(state.label(state.scenario, tr))
    solved = state.solved.get(state.scenario_key()) if state.model is not None else None
    with right:
        if state.job is not None:
            pass  # the progress below says it
        elif solved is not None and solved.ok:
            res, base = solved.results.pnl.iloc[-1], solved.baseline.pnl.iloc[-1]
            st.caption(tr("app.solve.done", name=name(solved), seconds=num(solved.seconds, 1),
                          status=tr(f"status.{solved.results.status}"), year=int(solved.results.pnl.index[-1]),
                          amount=eur(res.municipal_contribution), base=eur(base.municipal_contribution)))
        elif solved is not None:
            st.caption(tr("app.solve.failed_before", name=name(solved)))
        else:
            st.caption(tr("app.solve.not_yet"))
    progress(state, skip=elsewhere)


def progress(state: Explorer, skip: tuple[str, ...] = (), only: tuple[str, ...] | None = None) -> None:
    """While a job runs: a status box, refreshed by a fragment, with how far it is and a button to stop
    it; it reruns the page when the job is done. A stopped job leaves a word here. Jobs of the kinds
    in `skip` (or not in `only`) are not drawn here: the page draws them where it shows their outcome."""
    def drawn_here(job) -> bool:
        return job is not None and job.kind not in skip and (only is None or job.kind in only)

    if state.notice is not None and only is None:
        st.info(tr(state.notice), icon=":material/stop_circle:")
        state.notice = None
    if not state.busy() or (only is not None and not drawn_here(state.job)):
        return

    @st.fragment(run_every=POLL_SECONDS)
    def poll() -> None:
        if state.collect():
            st.rerun(scope="app")
        job = state.job
        if not drawn_here(job):
            if job is None and state.busy() and only is None:
                st.caption(tr("app.solve.marginal_values_running"))
            return
        seconds = job.elapsed()
        if job.started is None:
            with st.status(tr("app.solve.queued", name=job.label), state="running"):
                st.caption(tr("app.job.queued", name=job.label, n=job.waiting()))
        elif job.kind == "region":
            done, total = len(job.detail.done), job.detail.total
            with st.status(tr("app.region.running", name=job.label), state="running", expanded=True):
                st.progress(min(done / total, 1.0) if total else 0.0,
                            text=tr("app.region.progress", done=done, total=total, seconds=num(seconds, 0),
                                    limit=num(job.time_limit, 0)))
        elif job.kind == "solve":
            with st.status(tr("app.solve.running", name=job.label), state="running", expanded=True):
                st.progress(min(seconds / job.time_limit, 1.0),
                            text=tr("app.solve.elapsed", seconds=num(seconds, 0), limit=num(job.time_limit, 0)))
                best(job.progress)
        else:
            with st.status(tr(f"app.{job.kind}.running", name=job.label), state="running", expanded=True):
                p = job.progress
                if p.total:
                    left, now = p.remaining(), min(p.done + 1, p.total)  # the step being solved
                    text = (tr("app.job.step", done=now, total=p.total) if left is None else
                            tr("app.job.step_remaining", done=now, total=p.total, seconds=num(left, 0)))
                    st.progress(min(p.done / p.total, 1.0), text=text)
                    best(p)
                else:
                    st.caption(tr("app.waterfall.elapsed", seconds=num(seconds, 0)))

    poll()
    if drawn_here(state.job):  # outside the fragment: a click reruns the page once, with the job stopped
        st.button(tr("app.job.cancel"), on_click=_cancel, icon=":material/stop_circle:", key="job.cancel")


def _cancel() -> None:
    state = get()
    state.cancel()
    state.collect()


def best(p) -> None:
    """The solver's best plan and bound so far (jobs.Progress), once it has reported them."""
    if p.best is None:
        if p.solver_seconds is not None:
            st.caption(tr("app.job.searching"))
        return
    gap = p.gap()
    st.caption(tr("app.job.best", best=eur(p.best), bound=eur(p.bound) if p.bound is not None else "–",
                  gap=pct(gap, 1) if gap is not None else "–"))


def need_model(state: Explorer) -> bool:
    """False (and a word on the page) when no company model is loaded."""
    if state.model is None:
        st.warning(tr("app.no_model"))
        st.page_link("sw_optimiser/explorer/company.py", label=tr("app.page.company"), icon=":material/factory:")
        return False
    return True
