"""Scenario: the levers, the assumptions (subsidy, wages, demand, tariffs), the social limits and the
solver's time; open a scenario file, save the current one, and solve it.

The scenario being edited lives in the state object; the widgets are seeded from it (so it survives
leaving the page) and it is rebuilt from them on every run.
"""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import streamlit as st

from sw_optimiser.explorer import sandbox, shell
from sw_optimiser.explorer.jobs import digest
from sw_optimiser.explorer.shell import tr
from sw_optimiser.explorer.state import Explorer, bundled_scenarios, get
from sw_optimiser.i18n import t
from sw_optimiser.problems import InputError
from sw_optimiser.scenario import LEVERS, SCENARIO, Scenario, parse_scenario, read_scenario
from sw_optimiser.schema import ACTIVITIES
from sw_optimiser.siteplan import SitePlan, describe
from sw_optimiser.yamlinput import YEARS, help_key

DEMAND_KEYS = ("all", *ACTIVITIES)  # the demand factors the form shows; others in a file are kept
# The form's number fields: widget key -> the scenario file's key whose declaration gives min, max,
# step, format, help and the scale (100: a fraction shown as a percentage).
FIELDS = {"sc.cut": "changes.subsidy_extra_cut", "sc.wage": "changes.wage_indexation",
          "sc.horizon": "changes.horizon", "sc.tariffs": "changes.tariffs", "sc.move": "social.max_move_share",
          "sc.sheltered": "social.extra_sheltered_se", "sc.budget": "social.one_off_budget",
          "sc.time_limit": "solver.time_limit"} | {f"sc.demand.{k}": "changes.demand" for k in DEMAND_KEYS}


def _scale(widget: str) -> float:
    return SCENARIO.find(FIELDS[widget]).number.scale


def _number(where, label: str, widget: str, help_text: str | None = None, **kw) -> None:
    """A number field as the scenario file's declaration has it (its own help unless another is given)."""
    path = FIELDS[widget]
    key = SCENARIO.find(path).number
    kind = int if key.kind == "integer" else float
    where.number_input(label, key=widget, min_value=kind(key.lo * key.scale), max_value=kind(key.hi * key.scale),
                       step=kind(key.step) if key.step else None, format=key.format,
                       help=tr(help_key("scenario", path)) if help_text is None else help_text, **kw)


def _form_values(sc: Scenario, state: Explorer) -> dict:
    """Every widget's value for a scenario (numbers as the widgets show them: percentages, factors)."""
    m, ch, so = state.model.company, sc.changes, sc.social
    values = {"sc.name": sc.name, "sc.description": sc.description}
    values |= {f"sc.lever.{k}": bool(sc.levers.get(k)) for k in LEVERS}
    values |= {
        "sc.cut": float(ch.subsidy_extra_cut),
        "sc.wage": round(_scale("sc.wage") * (ch.wage_indexation if ch.wage_indexation is not None
                                              else m.wage_indexation), 4),
        "sc.horizon": int(ch.horizon if ch.horizon is not None else m.horizon),
        "sc.tariffs": float(ch.tariffs.get("all", 1.0)),
        "sc.move": None if so.max_move_share is None else round(_scale("sc.move") * so.max_move_share, 4),
        "sc.sheltered": so.extra_sheltered_se,
        "sc.budget": so.one_off_budget,
        "sc.time_limit": float(sc.time_limit),
    }
    values |= {f"sc.demand.{k}": float(ch.demand.get(k, 1.0)) for k in DEMAND_KEYS}
    values["sc.site_plan"] = next((k for k, (plans, _) in site_plan_choices(state, sc).items() if plans == sc.site_plans),
                                  FULL_SEARCH)
    return values


FULL_SEARCH = "full"  # the site plan choice that searches over every site plan


def site_plan_choices(state: Explorer, draft: Scenario) -> dict[str, tuple[tuple[SitePlan, ...], str]]:
    """What the sites lever may search over, by widget value: every site plan (the full search), one
    site plan a full search found before for this company (held: the rest solves in seconds), or the
    draft's own (from a scenario file). Each with its label."""
    choices = {FULL_SEARCH: ((), tr("app.scenario.site_plan_full"))}
    for plan, solved in state.known_site_plans():
        proven = tr("app.scenario.site_plan_proven" if solved.results.status == "optimal"
                    else "app.scenario.site_plan_not_proven")
        plan = dataclasses.replace(plan, name=shell.name(solved))  # named after the plan it came from
        choices["known." + digest(plan.key())] = ((plan,), tr("app.scenario.site_plan_hold", source=shell.name(solved), proven=proven))
    if draft.site_plans and all(plans != draft.site_plans for plans, _ in choices.values()):
        choices["draft"] = (draft.site_plans, tr("app.scenario.site_plan_draft", n=len(draft.site_plans)))
    return choices


def seed(state: Explorer, scenario: Scenario, force: bool = False) -> None:
    """Put a scenario into the form: always when one is loaded, else only into widgets not yet shown."""
    for key, value in _form_values(scenario, state).items():
        if force or key not in st.session_state:
            st.session_state[key] = value
    if force:
        state.scenario = scenario
        state.form_rev += 1
        state.loaded = (state.scenario_key(scenario), scenario.name)  # its name goes once it is changed
    state.form_model = state.model_key


def _load(scenario: Scenario) -> None:
    state = get()
    state.scenario_problems = []
    seed(state, scenario, force=True)


def _load_bundled() -> None:
    try:
        _load(read_scenario(st.session_state["sc.bundled"]))
    except InputError as exc:
        get().scenario_problems = exc.problems


def _load_upload() -> None:
    upload = st.session_state.get("sc.upload")
    if upload is None:
        return
    try:
        _load(sandbox.read(parse_scenario, upload.getvalue().decode("utf-8"), upload.name, name=upload.name))
    except UnicodeDecodeError:
        get().scenario_problems = []
        st.session_state["sc.upload_error"] = upload.name
    except InputError as exc:
        get().scenario_problems = exc.problems


def _reset() -> None:
    _load(Scenario(name=""))


def _changed(value: float, default: float) -> bool:
    return not math.isclose(value, default, rel_tol=0, abs_tol=1e-9)


def _from_form(state: Explorer, savings: pd.DataFrame) -> Scenario:
    """The scenario the widgets describe; what the form does not show is kept from the draft."""
    ss, draft, m = st.session_state, state.scenario, state.model.company
    wage = round(ss["sc.wage"] / _scale("sc.wage"), 6)
    demand = {k: v for k, v in draft.changes.demand.items() if k not in DEMAND_KEYS}
    demand |= {k: ss[f"sc.demand.{k}"] for k in DEMAND_KEYS if _changed(ss[f"sc.demand.{k}"], 1.0)}
    tariffs = {k: v for k, v in draft.changes.tariffs.items() if k != "all"}
    if _changed(ss["sc.tariffs"], 1.0):
        tariffs["all"] = ss["sc.tariffs"]
    changes = dataclasses.replace(
        draft.changes,
        horizon=ss["sc.horizon"] if ss["sc.horizon"] != m.horizon else None,
        subsidy_extra_cut=float(ss["sc.cut"] or 0.0),
        wage_indexation=wage if _changed(wage, m.wage_indexation) else None,
        demand=demand, tariffs=tariffs)
    targets = {int(r.year): float(r.amount) for r in savings.itertuples() if pd.notna(r.year) and pd.notna(r.amount)}
    social = dataclasses.replace(
        draft.social, max_move_share=None if ss["sc.move"] is None else round(ss["sc.move"] / _scale("sc.move"), 6),
        extra_sheltered_se=ss["sc.sheltered"], one_off_budget=ss["sc.budget"], savings_target=targets)
    choices = site_plan_choices(state, draft)
    site_plans = choices.get(ss.get("sc.site_plan", FULL_SEARCH), choices[FULL_SEARCH])[0]
    return dataclasses.replace(
        draft, name=ss["sc.name"].strip(), description=ss["sc.description"].strip(),
        levers={k: bool(ss[f"sc.lever.{k}"]) for k in LEVERS}, changes=changes, social=social,
        time_limit=float(ss["sc.time_limit"] or 60.0), site_plans=site_plans)


def render() -> None:
    state = get()
    st.title(tr("app.page.scenario"))
    if not shell.need_model(state):
        return
    seed(state, state.scenario, force=False)
    if state.form_model != state.model_key:  # another company: its defaults (horizon, wages) apply
        seed(state, state.scenario, force=True)
    st.caption(tr("app.scenario.intro", company=state.model.company.name))
    open_files(state)

    left, right = st.columns([3, 2], gap="large")
    with left:
        st.text_input(tr("app.scenario.name"), key="sc.name", placeholder=state.label(
            dataclasses.replace(state.scenario, name=""), tr))
        st.subheader(tr("app.scenario.levers"))
        for k in LEVERS:
            st.toggle(t(f"lever.{k}", state.lang), key=f"sc.lever.{k}", help=tr(f"app.lever_help.{k}"))
        site_plan_field(state)
        st.subheader(tr("app.scenario.social"))
        st.caption(tr("app.scenario.social_help"))
        cols = st.columns(2)
        no_limit = tr("app.scenario.no_limit")
        _number(cols[0], tr("app.scenario.move"), "sc.move", placeholder=no_limit)
        _number(cols[1], tr("app.scenario.sheltered"), "sc.sheltered", placeholder=no_limit)
        _number(cols[0], tr("app.scenario.budget"), "sc.budget", placeholder=no_limit)
        _number(cols[1], tr("app.scenario.time_limit"), "sc.time_limit")
    with right:
        st.subheader(tr("app.scenario.assumptions"))
        m = state.model.company
        _number(st, tr("app.scenario.cut"), "sc.cut")
        _number(st, tr("app.scenario.wage"), "sc.wage", help_text=" ".join((
            tr(help_key("scenario", FIELDS["sc.wage"])),
            tr("app.scenario.model_value", value=shell.pct(m.wage_indexation, 2)))))
        _number(st, tr("app.scenario.horizon"), "sc.horizon", help_text=" ".join((
            tr("app.scenario.horizon_help", value=m.horizon), tr(help_key("scenario", FIELDS["sc.horizon"])))))
        _number(st, tr("app.scenario.tariffs"), "sc.tariffs")
        st.markdown(f"**{tr('app.scenario.demand')}**", help=tr(help_key("scenario", "changes.demand")))
        cols = st.columns(2)
        for i, k in enumerate(DEMAND_KEYS):
            label = tr("app.scenario.all_pmcs") if k == "all" else ACTIVITIES[k][0 if state.lang == "nl" else 1]
            _number(cols[i % 2], label, f"sc.demand.{k}", help_text="")
        kept = {k: v for k, v in state.scenario.changes.demand.items() if k not in DEMAND_KEYS}
        if kept:
            items = ", ".join(f"{k}: {shell.num(v, 2)}" for k, v in kept.items())
            st.caption(tr("app.scenario.kept_demand", items=items))

    year_col, amount_col = tr("app.scenario.year"), tr("app.scenario.amount")
    editor = f"sc.savings.{state.form_rev}"
    if editor not in st.session_state:  # a fresh editor starts from the draft; then its input stays put
        st.session_state["sc.savings_base"] = dict(state.scenario.social.savings_target)
    base = st.session_state["sc.savings_base"]
    savings = pd.DataFrame({"year": pd.Series(list(base), dtype="Int64"),
                            "amount": pd.Series(list(base.values()), dtype="float64")})
    amount = SCENARIO.find("social.savings_target").number
    with st.expander(tr("app.scenario.savings"), expanded=bool(state.scenario.social.savings_target)):
        st.caption(tr(help_key("scenario", "social.savings_target")))
        edited = st.data_editor(
            savings, key=editor, num_rows="dynamic", hide_index=True,
            column_config={"year": st.column_config.NumberColumn(year_col, min_value=YEARS[0], max_value=YEARS[1],
                                                                 format="%d"),
                           "amount": st.column_config.NumberColumn(amount_col, min_value=amount.lo,
                                                                   max_value=amount.hi, format=amount.format)})
    st.text_area(tr("app.scenario.description"), key="sc.description", height=68)

    state.scenario = _from_form(state, edited)
    state.warm()  # build the optimiser while the manager is still looking at the form
    st.divider()
    shell.solve_bar(state)
    left, right = st.columns([1, 3])
    named = dataclasses.replace(state.scenario, name=state.label(state.scenario, tr))  # a file always has a name
    left.download_button(tr("app.scenario.save"), data=named.to_yaml(), on_click="ignore", icon=":material/download:",
                         file_name=shell.file_name(named.name, suffix=".yaml"), mime="application/x-yaml")
    right.page_link("sw_optimiser/explorer/results.py", label=tr("app.scenario.to_results"),
                    icon=":material/monitoring:")


def site_plan_field(state: Explorer) -> None:
    """With the sites lever on: search over every site plan, or hold one found before (seconds)."""
    choices = site_plan_choices(state, state.scenario)
    if not st.session_state.get("sc.lever.sites") or len(choices) == 1:
        return
    if st.session_state.get("sc.site_plan") not in choices:
        st.session_state["sc.site_plan"] = FULL_SEARCH
    st.selectbox(tr("app.scenario.site_plan"), list(choices), key="sc.site_plan",
                 format_func=lambda k: choices[k][1], help=tr("app.scenario.site_plan_help"))
    plans = choices[st.session_state["sc.site_plan"]][0]
    if len(plans) == 1:
        st.caption(describe(plans[0], state.lang))


def open_files(state: Explorer) -> None:
    with st.expander(tr("app.scenario.open"), icon=":material/folder_open:"):
        left, right = st.columns(2)
        with left:
            files = bundled_scenarios()
            st.selectbox(tr("app.scenario.bundled"), files, key="sc.bundled", format_func=_describe)
            st.button(tr("app.scenario.load"), on_click=_load_bundled, icon=":material/upload_file:")
        with right:
            st.file_uploader(tr("app.scenario.upload"), type=["yaml", "yml"], key="sc.upload",
                             on_change=_load_upload, max_upload_size=1)
            st.button(tr("app.scenario.reset"), on_click=_reset, icon=":material/restart_alt:")
        st.caption(tr("app.scenario.model_note", company=state.model.company.name))
    if st.session_state.pop("sc.upload_error", None):
        st.error(tr("app.scenario.not_text"))
    if state.scenario_problems:
        st.error(tr("app.scenario.refused"), icon=":material/error:")
        shell.problem_table(state.scenario_problems)


def _describe(path) -> str:
    try:
        sc = read_scenario(path)
    except InputError:
        return path.stem
    return f"{path.stem} – {sc.description}" if sc.description else path.stem


if __name__ == "__main__":
    render()
