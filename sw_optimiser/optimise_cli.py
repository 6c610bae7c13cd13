"""`sw-optimiser optimise` and `sw-optimiser levers`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from . import fmt
from .i18n import t
from .problems import InputError, Problem
from .scenario import ALL_LEVERS, Scenario, apply_changes, check_site_plans, read_scenario, read_site_plans
from .workbook import load_model


def load_case(model_path: str | None, scenario_path: str | None, default: Scenario = ALL_LEVERS):
    """The company model and scenario named on the command line (the model may come from the scenario)."""
    scenario = read_scenario(scenario_path) if scenario_path else default
    if model_path is None:
        if not scenario.model:
            raise InputError([Problem(scenario_path, None, "model", "scenario.model_missing")], scenario_path)
        model_path = str(Path(scenario_path).parent / scenario.model)
    return load_model(model_path), scenario


def case_inputs(args) -> list:
    """The files a command on a model and scenario reads (an --out may be none of them)."""
    files = [args.model, args.scenario, getattr(args, "site_plan", None)]
    if args.model is None and args.scenario:  # the model the scenario names
        files.append(Path(args.scenario).parent / (read_scenario(args.scenario).model or ""))
    return [f for f in files if f]


def cmd_optimise(args) -> int:
    from .cli import check_out, print_results, write_out
    from .optimiser import Infeasible, optimise

    check_out(args, *case_inputs(args))
    m, scenario = load_case(args.model, args.scenario)
    if args.time_limit:
        scenario = dataclasses.replace(scenario, time_limit=args.time_limit)
    if args.site_plan:
        scenario = dataclasses.replace(scenario, site_plans=read_site_plans(args.site_plan))
    # a site plan that does not fit the company is named in the file it came from, before anything is built
    check_site_plans(apply_changes(m, scenario.changes, scenario.name), scenario,
                     Path(args.site_plan or args.scenario or "scenario").name)
    try:
        results = optimise(m, scenario)
    except Infeasible as exc:
        print(t("cli.infeasible", args.lang))
        for line in exc.explanations:
            print("  - " + line.text(args.lang))
        return 3
    print(t("cli.scenario", args.lang, name=scenario.name, levers=", ".join(
        t(f"lever.{k}", args.lang) for k in scenario.active_levers) or "–"))
    print_results(results, args.lang)
    if results.site_plan is not None:
        print(results.site_plan_text(args.lang) + ("" if results.site_plan_given else t("cli.site_plan_hold", args.lang)))
    if not results.events.empty:
        from .results import event_detail

        print()
        print(t("cli.decisions", args.lang))
        for row in results.events.itertuples():
            print(f"  {row.year}  {t(f'event.{row.kind}', args.lang)} {row.subject} ({event_detail(row.detail, args.lang)})"
                  + (f"  {fmt.euro(row.amount, 0, args.lang)}" if row.amount else ""))
    write_out(results, args, *case_inputs(args))
    return 0


def cmd_levers(args) -> int:
    from .optimiser import lever_waterfall

    m, scenario = load_case(args.model, args.scenario)
    m = apply_changes(m, scenario.changes, scenario.name)
    w = lever_waterfall(m, scenario)
    table = w.table(args.lang)
    print(table.to_string(index=False, na_rep="–", formatters={c: (lambda v: fmt.euro(v, 0, args.lang))
                                                   for c in table.columns[1:]}))
    print(t("cli.waterfall_time", args.lang, seconds=fmt.number(w.seconds, 2, args.lang)))
    return 0


def add_parser(sub, lang: str = "nl") -> None:
    from .cli import helptext as h
    from .cli import lang_parent, overwrite_option

    p = sub.add_parser("optimise", parents=[lang_parent(lang)], help=h("optimise", lang),
                       description=h("optimise", lang))
    p.add_argument("model", nargs="?", help=h("case_model", lang))
    p.add_argument("--scenario", help=h("scenario", lang))
    p.add_argument("--out", help=h("out_results", lang))
    p.add_argument("--json", help=h("out_json", lang))
    overwrite_option(p, lang)
    p.add_argument("--time-limit", type=float, help=h("time_limit", lang))
    p.add_argument("--site-plan", help=h("site_plan", lang))
    p.set_defaults(func=cmd_optimise)
    p = sub.add_parser("levers", parents=[lang_parent(lang)], help=h("levers", lang), description=h("levers", lang))
    p.add_argument("model", nargs="?", help=h("case_model", lang))
    p.add_argument("--scenario", help=h("scenario", lang))
    p.set_defaults(func=cmd_levers)
