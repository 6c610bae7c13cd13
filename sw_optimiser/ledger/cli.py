"""The ``import-ledger`` sub-command: read a ledger, print a summary and reconciliation.

Wire it in the main CLI with ``add_parser(subparsers)``; ``run(args)`` returns the exit code
(0 ok, 2 on errors, which are printed with file, line and field). No traceback reaches the user
unless SW_OPTIMISER_DEBUG is set.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from ..fmt import number
from ..i18n import t
from .checks import WHOLE_FILE
from ..output import OutputRefused, check
from .columns import parse_columns_spec
from .importer import LedgerImport, import_ledger
from .lines import ProblemLog
from .messages import Lang, euros
from .reconcile import reconcile

MAX_PRINTED_PROBLEMS = 40
#: --pmc-from / --site-from -> the line field (``importer.choose_codes``)
CODE_CHOICES = {"kostendrager": "cost_unit", "kostenplaats": "cost_centre", "project": "project"}


def add_parser(subparsers: argparse._SubParsersAction, lang: str = "nl") -> argparse.ArgumentParser:  # type: ignore[type-arg]
    from ..cli import helptext as h
    from ..cli import lang_parent, overwrite_option

    p = subparsers.add_parser("import-ledger", parents=[lang_parent(lang)], help=h("import-ledger", lang),
                              description=t("ledger.cli_help", lang))
    p.add_argument("ledger", metavar="LEDGER", help=h("ledger_file", lang))
    p.add_argument("--mapping", metavar="FILE", help=h("ledger_mapping", lang))
    p.add_argument("--year", type=year_arg, metavar="YYYY|all", help=h("ledger_year", lang))
    p.add_argument("--columns", metavar="FIELD=HEADING,...", help=h("ledger_columns", lang))
    p.add_argument("--pmc-from", choices=tuple(CODE_CHOICES), default="kostendrager", help=h("ledger_pmc_from", lang))
    p.add_argument("--site-from", choices=tuple(CODE_CHOICES), default="kostenplaats", help=h("ledger_site_from", lang))
    p.add_argument("--sheet", metavar="NAME", help=h("ledger_sheet", lang))
    p.add_argument("--model", metavar="FILE", help=h("ledger_model", lang))
    p.add_argument("--out", metavar="summary.xlsx", help=h("ledger_out", lang))
    p.add_argument("--company-out", metavar="model.xlsx", help=h("ledger_company_out", lang))
    p.add_argument("--company-name", metavar="NAAM", help=h("ledger_company_name", lang))
    overwrite_option(p, lang)
    p.set_defaults(func=run)
    return p


def year_arg(text: str) -> int:
    """'2024' -> 2024; 'all' (or 'alles') -> WHOLE_FILE."""
    if text.strip().lower() in ("all", "alles"):
        return WHOLE_FILE
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("ledger.cli_bad_year", "nl", value=text)) from None


def run(args: argparse.Namespace, model: Mapping[str, object] | None = None, out: TextIO | None = None) -> int:
    """Run the import; ``model`` (category -> euros) overrides ``--model``. Returns the exit code."""
    out = out or sys.stdout
    lang: Lang = getattr(args, "lang", "nl") or "nl"
    try:
        return _run(args, model, out, lang)
    except OutputRefused as exc:  # our own sentence: an --out that is an input, or exists
        print(str(exc), file=out)
        return 2
    except Exception as exc:  # noqa: BLE001 - the user gets a sentence, not a traceback
        if os.environ.get("SW_OPTIMISER_DEBUG"):
            raise
        print(t("ledger.cli_unexpected", lang, reason=f"{type(exc).__name__}: {exc}"), file=out)
        return 2


def _run(args: argparse.Namespace, model: Mapping[str, object] | None, out: TextIO, lang: Lang) -> int:
    inputs = [args.ledger, getattr(args, "mapping", None), getattr(args, "model", None)]
    overwrite = getattr(args, "overwrite", False)
    if getattr(args, "out", None):  # refused before the ledger is read
        check(args.out, inputs, overwrite, lang)
    if getattr(args, "company_out", None):
        check(args.company_out, [*inputs, getattr(args, "out", None)], overwrite, lang, option="--company-out")
    spec_log = ProblemLog("--columns", kind="")
    columns = parse_columns_spec(getattr(args, "columns", None), spec_log)
    result = import_ledger(args.ledger, getattr(args, "mapping", None), getattr(args, "year", None), columns,
                           lang, getattr(args, "sheet", None),
                           CODE_CHOICES[getattr(args, "pmc_from", None) or "kostendrager"],
                           CODE_CHOICES[getattr(args, "site_from", None) or "kostenplaats"])
    result.problems[:0] = spec_log.problems
    if getattr(args, "out", None):  # the proposals are in the output workbook: say where
        result.problems = [dataclasses.replace(p, code="ledger.no_mapping_out") if p.code == "ledger.no_mapping"
                           else p for p in result.problems]
    if model is None and getattr(args, "model", None):
        model = _read_model(Path(args.model), lang, out)
    try:
        recon = reconcile(result.summary, model, lang)
    except ValueError as exc:
        print(t("ledger.cli_model_bad", lang, path=getattr(args, "model", "model"), reason=str(exc)), file=out)
        recon = reconcile(result.summary, None, lang)
    print_report(result, recon, out, lang, has_model=model is not None)
    if getattr(args, "out", None):
        from .excel_out import write_import

        try:
            write_import(result, args.out, recon, lang, inputs=inputs, overwrite=overwrite)
            print(t("ledger.cli_written", lang, path=args.out), file=out)
        except OSError as exc:
            print(t("ledger.cli_write_failed", lang, path=args.out, reason=exc.strerror or str(exc)), file=out)
            return 2
    if getattr(args, "company_out", None):
        from .company_fill import fill_company_workbook

        try:
            for note in fill_company_workbook(result.summary, args.company_out, lang,
                                              getattr(args, "company_name", None) or "", overwrite=overwrite,
                                              inputs=[*inputs, getattr(args, "out", None)]):
                print(note, file=out)
        except (OSError, FileExistsError) as exc:
            print(t("ledger.cli_write_failed", lang, path=args.company_out, reason=str(exc)), file=out)
            return 2
    return 2 if result.has_errors else 0


def _read_model(path: Path, lang: Lang, out: TextIO) -> dict[str, object] | None:
    """A company workbook (.xlsx: its baseline's base year) or a two-column CSV 'category;euros'
    (Dutch or English number format)."""
    import csv

    if path.suffix.lower() == ".xlsx":
        from .baseline_amounts import baseline_amounts

        return baseline_amounts(path)

    from .csv_xlsx import decode
    from .values import parse_amounts

    import pandas as pd

    try:
        _, text = decode(path.read_bytes(), ProblemLog(path.name))  # UTF-8 (BOM or not) or Windows-1252
        rows = [r for r in csv.reader(text.splitlines(), delimiter=";") if len(r) >= 2]
    except (OSError, UnicodeError) as exc:
        print(t("ledger.cli_model_bad", lang, path=path, reason=str(exc)), file=out)
        return None
    parsed = parse_amounts(pd.Series([r[1] for r in rows], dtype="str"))
    return {r[0]: c / 100 for r, c, ok in zip(rows, parsed.cents, parsed.ok) if ok}


def _table(rows: list[tuple[str, ...]], out: TextIO, right: set[int]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
        print("  " + "  ".join(cells).rstrip(), file=out)
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths), file=out)


def print_report(result: LedgerImport, recon: object, out: TextIO, lang: Lang, has_model: bool) -> None:
    import pandas as pd

    s = result.summary
    fmt = result.read.format or "?"
    year = result.year if result.year not in (None, WHOLE_FILE) else ("?" if result.year is None
                                                                        else t("ledger.year_by_all", lang))
    print(t("ledger.cli_title", lang, file=result.read.path.name, lines=number(len(result.read.lines), 0, lang),
            fmt=fmt, year=year), file=out)
    print(file=out)
    if result.read.controls:
        print_controls(result, out, lang)
        print(file=out)
    print(t("ledger.cli_summary", lang) + (" " + t("ledger.cli_proposals", lang) if result.from_proposals else ""),
          file=out)
    rows = [(t("ledger.col_category", lang), t("ledger.col_lines", lang), t("ledger.col_amount", lang))]
    rows += [(r.label, str(r.lines), euros(r.amount_cents, lang)) for r in s.categories.itertuples()]
    rows += [(t("ledger.cat_unmapped", lang), str(int(s.unmapped["lines"].sum())), euros(s.unmapped_cents, lang)),
             (t("ledger.cat_income_total", lang), "", euros(s.income_cents, lang)),
             (t("ledger.cat_costs_total", lang), "", euros(s.costs_cents, lang)),
             (t("ledger.cat_result", lang), "", euros(s.result_cents, lang))]
    _table(rows, out, {1, 2})
    none = t("ledger.none_assigned", lang)
    if len(s.per_pmc):
        print(file=out)
        print(t("ledger.cli_per_pmc", lang), file=out)
        from .categories import label

        rows = [(t("ledger.col_pmc", lang), label("revenue", lang), label("material", lang),
                 label("pmc_fixed_costs", lang))]
        rows += [(r.pmc or none, euros(r.revenue_cents, lang), euros(r.material_cents, lang),
                  euros(r.pmc_fixed_costs_cents, lang)) for r in s.per_pmc.itertuples()]
        _table(rows, out, {1, 2, 3})
    if len(s.per_site):
        print(file=out)
        print(t("ledger.cli_per_site", lang), file=out)
        rows = [(t("ledger.col_site", lang), t("ledger.col_amount", lang))]
        rows += [(r.site or none, euros(r.site_costs_cents, lang)) for r in s.per_site.itertuples()]
        _table(rows, out, {1})
    print(file=out)
    print(t("ledger.cli_reconciliation", lang) + ("" if has_model else " " + t("ledger.cli_no_model", lang)), file=out)
    assert isinstance(recon, pd.DataFrame)
    cell = lambda v: "" if v is None or pd.isna(v) else euros(int(v), lang)  # noqa: E731
    rows = [(t("ledger.col_category", lang), t("ledger.col_ledger", lang), t("ledger.col_model", lang),
             t("ledger.col_difference", lang))]
    rows += [(r.label, cell(r.ledger_cents), cell(r.model_cents), cell(r.difference_cents)) for r in recon.itertuples()]
    _table(rows, out, {1, 2, 3})
    problems = result.problems
    if problems:
        errors = sum(p.severity == "error" for p in problems)
        print(file=out)
        print(t("ledger.cli_problems", lang, errors=errors, warnings=len(problems) - errors), file=out)
        ordered = sorted(problems, key=lambda p: p.severity != "error")
        for p in ordered[:MAX_PRINTED_PROBLEMS]:
            print("  - " + p.describe(lang), file=out)
        if len(problems) > MAX_PRINTED_PROBLEMS:
            print("  " + t("ledger.cli_shown_first", lang, shown=MAX_PRINTED_PROBLEMS, total=len(problems)), file=out)


def print_controls(result: LedgerImport, out: TextIO, lang: Lang) -> None:
    """The file's facts (XAF version, software, company, fiscal year, periods) and the control totals."""
    from .controls import control_rows, file_facts

    facts = file_facts(result.read, lang)
    if facts:
        print(facts, file=out)
    head, rows = control_rows(result.read, lang)
    if rows:
        print(t("ledger.cli_controls", lang), file=out)
        _table([tuple(head)] + [tuple(r) for r in rows], out, {1, 2})


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point: ``python -m sw_optimiser.ledger.cli import-ledger FILE ...``."""
    parser = argparse.ArgumentParser(prog="sw-optimiser")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
