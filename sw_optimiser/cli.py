"""The `sw-optimiser` command: template, validate, baseline, optimise, levers, and the add-on commands."""

from __future__ import annotations

import argparse
import sys
import pandas as pd

from . import fmt
from .i18n import DEFAULT_LANG, LANGS, t
from .problems import InputError


def _money_table(df: pd.DataFrame, lang: str) -> str:
    return df.map(lambda v: fmt.euro(v, 0, lang) if isinstance(v, (int, float)) else str(v)).to_string()


def print_results(results, lang: str, top: int = 0) -> None:
    """The P&L per year, KPIs and (for optimised plans) the decisions, as readable tables."""
    print(_money_table(results.pnl_table(lang), lang))
    kpis = results.pnl[["se_total", "se_idle", "value_added_per_se", "result_per_se"]].T
    kpis.index = [t(f"field.{k}", lang) for k in kpis.index]
    kpis.columns.name = t("field.year", lang)
    print()
    print(kpis.map(lambda v: fmt.number(v, 0, lang)).to_string())
    print()
    print(f"{t('kpi.npv', lang)}: {fmt.euro(results.npv, 0, lang)}")
    if results.status != "baseline":
        print(f"{t('kpi.status', lang)}: {t(f'status.{results.status}', lang)}"
              + (f" ({t('kpi.gap', lang)} {fmt.percent(results.gap, 2, lang)})" if results.gap else ""))
    for warning in results.warnings:
        print("! " + warning.text(lang))


def _write_out(results, out: str | None, lang: str, json_out: str | None = None) -> None:
    if out:
        path = results.to_excel(out, lang)
        print(t("cli.written", lang, path=str(path)))
    if json_out:
        print(t("cli.written", lang, path=str(results.to_json(json_out, lang))))


def cmd_template(args) -> int:
    from .workbook import write_workbook

    path = write_workbook(None, args.out, args.lang)
    print(t("cli.written", args.lang, path=str(path)))
    return 0


def cmd_validate(args) -> int:
    from .workbook import read_workbook

    model, warnings = read_workbook(args.file)
    print(t("cli.valid", args.lang, path=args.file, groups=len(model.groups), pmcs=len(model.pmcs),
            sites=len(model.sites), years=len(model.plan_years)))
    for w in warnings:
        print("! " + w.text(args.lang))
    return 0


def cmd_baseline(args) -> int:
    from .baseline import run_baseline
    from .workbook import load_model

    results = run_baseline(load_model(args.file))
    print_results(results, args.lang)
    _write_out(results, args.out, args.lang, args.json)
    return 0


def _lang_parent() -> argparse.ArgumentParser:
    """--lang for a sub-command; SUPPRESS keeps a --lang given before the sub-command."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help="nl (standaard) of en")
    return p


def build_parser() -> argparse.ArgumentParser:
    lang = _lang_parent()
    parser = argparse.ArgumentParser(prog="sw-optimiser",
                                     description="Beslisondersteuning voor sw-bedrijven / decision support for sw-companies")
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="nl (standaard) of en")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("template", parents=[lang], help="lege werkmap schrijven / write an empty workbook")
    p.add_argument("out")
    p.set_defaults(func=cmd_template)
    p = sub.add_parser("validate", parents=[lang], help="werkmap controleren / check a workbook")
    p.add_argument("file")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("baseline", parents=[lang], help="nulscenario / baseline")
    p.add_argument("file")
    p.add_argument("--out", help="resultaten naar Excel / results to Excel")
    p.add_argument("--json", help="resultaten als JSON (sleutels: README) / results as JSON (keys: README)")
    p.set_defaults(func=cmd_baseline)
    for add_on in _add_ons():
        before = set(sub.choices)
        add_on.add_parser(sub)
        for name in set(sub.choices) - before:
            if sub.choices[name].get_default("func") is None:
                sub.choices[name].set_defaults(func=add_on.run)
    return parser


def _add_ons() -> list:
    """Sub-commands that live with their own feature (optimiser, ledger import, benchmarking, ...)."""
    import importlib

    found = []
    for name in ("sw_optimiser.optimise_cli", "sw_optimiser.ledger.cli", "sw_optimiser.benchmarking.cli",
                 "sw_optimiser.region.cli", "sw_optimiser.report.cli"):
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if not name.startswith(exc.name or "\0"):  # a missing add-on is skipped; its own bugs are not
                raise
    return found


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    lang = getattr(args, "lang", DEFAULT_LANG)
    try:
        return args.func(args)
    except InputError as exc:
        print(exc.text(lang), file=sys.stderr)
        return 2
    except FileExistsError as exc:  # our own message: nothing is overwritten
        print(str(exc), file=sys.stderr)
        return 2
    except OSError as exc:  # e.g. no permission to write --out, disk full
        print(t("cli.os_error", lang, reason=exc.strerror or str(exc), path=exc.filename or ""), file=sys.stderr)
        return 2
    except Exception as exc:
        from .optimiser import Infeasible

        if not isinstance(exc, Infeasible):
            raise
        print(t("cli.infeasible", lang), file=sys.stderr)
        for line in exc.explanations:
            print("  - " + line.text(lang), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
