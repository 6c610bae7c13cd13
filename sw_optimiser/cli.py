"""The `sw-optimiser` command: template, validate, baseline, example, explorer, and the add-on commands
(optimise, levers, import-ledger, benchmark, region, report) that live with their own feature.

Start-up is quick: only the command asked for is imported (its module's `add_parser(sub, lang)`
declares its options), so `--help` and `validate` never import Pyomo. Every text, argparse's own
words included, is Dutch by default and English with `--lang en`.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from . import fmt
from .i18n import DEFAULT_LANG, LANGS, catalogue, t
from .problems import InputError

# add-on command -> the module declaring it (imported only when that command runs or shows its help)
ADD_ONS = {
    "optimise": "sw_optimiser.optimise_cli", "levers": "sw_optimiser.optimise_cli",
    "import-ledger": "sw_optimiser.ledger.cli", "benchmark": "sw_optimiser.benchmarking.cli",
    "region": "sw_optimiser.region.cli", "report": "sw_optimiser.report.cli",
}
# argparse's own English texts -> their catalogue keys (argparse looks them up when it runs)
ARGPARSE_TEXTS = {
    "usage: ": "argparse.usage", "positional arguments": "argparse.positionals", "options": "argparse.options",
    "show this help message and exit": "argparse.help", "%(prog)s: error: %(message)s\n": "argparse.error",
    "the following arguments are required: %s": "argparse.required", "unrecognized arguments: %s":
    "argparse.unrecognized", "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value", "expected one argument": "argparse.expected_one",
    "argument %(argument_name)s: %(message)s": "argparse.argument", "not allowed with argument %s":
    "argparse.not_allowed", "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "one of the arguments %s is required": "argparse.one_required", "expected at least one argument":
    "argparse.expected_at_least_one", "expected at most one argument": "argparse.expected_at_most_one",
}


def speak(lang: str) -> None:
    """Make argparse word its usage, headings and errors in `lang`."""
    texts = catalogue(lang)
    argparse._ = lambda text: texts.get(ARGPARSE_TEXTS.get(text, ""), text)  # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: (  # type: ignore[attr-defined]
        texts["argparse.expected_n"] if one == "expected %s argument" else (one if n == 1 else many))


def helptext(key: str, lang: str) -> str:
    """A help text of the command line (catalogue key `help.<key>`); argparse's % signs escaped."""
    return t(f"help.{key}", lang).replace("%", "%%")


def print_results(results, lang: str, top: int = 0) -> None:
    """The P&L per year, KPIs and (for optimised plans) the decisions, as readable tables."""
    money = results.pnl_table(lang).map(lambda v: fmt.euro(v, 0, lang) if isinstance(v, (int, float)) else str(v))
    print(money.to_string())
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


def check_out(args, *inputs) -> None:
    """Refuse --out and --json before anything is computed: an input, or an existing file without
    --overwrite."""
    from .output import check

    for option in ("out", "json"):
        if getattr(args, option, None):
            check(getattr(args, option), inputs, getattr(args, "overwrite", False), args.lang, option=f"--{option}")


def write_out(results, args, *inputs) -> None:
    """The results to --out (Excel) and --json, through the safe writer."""
    if getattr(args, "out", None):
        path = results.to_excel(args.out, args.lang, overwrite=args.overwrite, inputs=inputs)
        print(t("cli.written", args.lang, path=str(path)))
    if getattr(args, "json", None):
        path = results.to_json(args.json, args.lang, overwrite=args.overwrite, inputs=inputs)
        print(t("cli.written", args.lang, path=str(path)))


def cmd_template(args) -> int:
    from .output import write_with
    from .workbook import write_workbook

    path = write_with(args.out, lambda p: write_workbook(None, p, args.lang, overwrite=True),
                      overwrite=args.overwrite, lang=args.lang)
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

    check_out(args, args.file)
    results = run_baseline(load_model(args.file))
    print_results(results, args.lang)
    write_out(results, args, args.file)
    return 0


def cmd_example(args) -> int:
    from . import bundled

    if args.name is None:
        print(t("cli.examples", args.lang, names=", ".join(bundled.names())))
        return 0
    for path in bundled.copy_out(args.name, args.dir, args.lang, overwrite=args.overwrite):
        print(t("cli.written", args.lang, path=str(path)))
    return 0


def cmd_explorer(args) -> int:
    from .explorer.serve import serve

    return serve(args.model, args.port, args.lang, args.headless)


def lang_parent(lang: str = DEFAULT_LANG) -> argparse.ArgumentParser:
    """--lang for a sub-command; SUPPRESS keeps a --lang given before the sub-command."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=helptext("lang", lang))
    return p


def overwrite_option(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--overwrite", action="store_true", help=helptext("overwrite", lang))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sw-optimiser")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "0+onbekend"


def build_parser(lang: str = DEFAULT_LANG, command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; of the add-on commands only `command`'s options are declared (its module
    imported), the others are named with their help text only."""
    speak(lang)
    h = lambda key: helptext(key, lang)  # noqa: E731
    parent = lang_parent(lang)
    parser = argparse.ArgumentParser(prog="sw-optimiser", description=h("description"))
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help=h("lang"))
    parser.add_argument("--version", action="version", version=f"sw-optimiser {_version()}", help=h("version"))
    sub = parser.add_subparsers(dest="command", required=True, metavar=h("command_metavar"), title=h("commands"))
    p = sub.add_parser("template", parents=[parent], help=h("template"), description=h("template"))
    p.add_argument("out", help=h("template_out"))
    overwrite_option(p, lang)
    p.set_defaults(func=cmd_template)
    p = sub.add_parser("validate", parents=[parent], help=h("validate"), description=h("validate"))
    p.add_argument("file", help=h("model_file"))
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("baseline", parents=[parent], help=h("baseline"), description=h("baseline"))
    p.add_argument("file", help=h("model_file"))
    p.add_argument("--out", help=h("out_results"))
    p.add_argument("--json", help=h("out_json"))
    overwrite_option(p, lang)
    p.set_defaults(func=cmd_baseline)
    p = sub.add_parser("example", parents=[parent], help=h("example"), description=h("example"))
    p.add_argument("name", nargs="?", help=h("example_name"))
    p.add_argument("dir", nargs="?", default=".", help=h("example_dir"))
    overwrite_option(p, lang)
    p.set_defaults(func=cmd_example)
    p = sub.add_parser("explorer", parents=[parent], help=h("explorer"), description=h("explorer"))
    p.add_argument("model", nargs="?", help=h("explorer_model"))
    p.add_argument("--port", type=int, default=8501, help=h("explorer_port"))
    p.add_argument("--headless", action="store_true", help=h("explorer_headless"))
    p.set_defaults(func=cmd_explorer)
    if command in ADD_ONS:
        add_on = importlib.import_module(ADD_ONS[command])
        before = set(sub.choices)
        add_on.add_parser(sub, lang)
        for new in set(sub.choices) - before:
            if sub.choices[new].get_default("func") is None:
                sub.choices[new].set_defaults(func=add_on.run)
    for name in ADD_ONS:
        if name not in sub.choices:
            sub.add_parser(name, help=h(name))
    return parser


def _lang_and_command(argv: list[str]) -> tuple[str, str | None]:
    """The --lang and the command in `argv`, found before argparse runs (its help needs both)."""
    lang, command, i = DEFAULT_LANG, None, 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--lang" and i + 1 < len(argv):
            lang, i = argv[i + 1], i + 1
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        elif not arg.startswith("-") and command is None:
            command = arg
        i += 1
    return (lang if lang in LANGS else DEFAULT_LANG), command


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    lang, command = _lang_and_command(argv)
    args = build_parser(lang, command).parse_args(argv)
    lang = getattr(args, "lang", lang)
    args.lang = lang
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
