"""The `benchmark` sub-command: kernkaart and DEA efficiency of a peer set, printed as tables.

Wire it into a main CLI with `add_parser(subparsers)`; the parser's default `func` is `run`.
A company computed elsewhere (e.g. from the company model) can be benchmarked by setting
`args.company` to a dict of peer-set fields (see `peers.company_row_from_figures`) before
calling `run(args)`; it replaces the peer with the same id or joins the group.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping

import pandas as pd

from .. import excel
from ..fmt import euro, number
from ..i18n import t
from ..output import OutputRefused, check
from .dea import DEAInputError, DEAResult, run_dea
from .kpis import KPI_BY_KEY, comparison_group, format_kernkaart, format_peer_summary, kernkaart, peer_summary
from .peers import COLUMN_BY_KEY, PeerSetError, read_peers

DEFAULT_INPUTS = ("se", "supervision_fte", "site_workplaces", "overhead")
DEFAULT_OUTPUTS = ("value_added", "se_outside")
# Wsw employees cannot be dismissed and intake is closed: DEA must not set a target of fewer SE
FIXED_BY_DEFAULT = ("se",)
EXIT_OK, EXIT_INPUT_ERROR = 0, 2


def fixed_inputs(inputs, se_discretionary: bool = False) -> tuple[str, ...]:
    """The inputs DEA holds fixed (non-discretionary): SE, if it is an input, unless told otherwise."""
    return () if se_discretionary else tuple(k for k in FIXED_BY_DEFAULT if k in inputs)


class _InputError(Exception):
    """A problem with the user's input; the message is ready to print."""


def add_parser(subparsers: argparse._SubParsersAction, lang: str = "nl") -> argparse.ArgumentParser:
    from ..cli import helptext as h
    from ..cli import lang_parent, overwrite_option

    parser = subparsers.add_parser("benchmark", parents=[lang_parent(lang)], help=h("benchmark", lang),
                                   description=h("benchmark", lang))
    parser.add_argument("peers", metavar="PEERS", help=h("bench_peers", lang))
    parser.add_argument("--company-id", dest="company_id", metavar="ID", help=h("bench_company_id", lang))
    parser.add_argument("--inputs", default=",".join(DEFAULT_INPUTS),
                        help=h("bench_inputs", lang).format(default=",".join(DEFAULT_INPUTS)))
    parser.add_argument("--outputs", default=",".join(DEFAULT_OUTPUTS),
                        help=h("bench_outputs", lang).format(default=",".join(DEFAULT_OUTPUTS)))
    parser.add_argument("--model", choices=("crs", "vrs"), default="crs", help=h("bench_model", lang))
    parser.add_argument("--orientation", choices=("input", "output"), default="input",
                        help=h("bench_orientation", lang))
    parser.add_argument("--se-discretionary", dest="se_discretionary", action="store_true",
                        help=h("bench_se_discretionary", lang))
    parser.add_argument("--company", dest="company_model", metavar="MODEL.xlsx", help=h("bench_company", lang))
    parser.add_argument("--scenario", metavar="SCENARIO.yaml", help=h("bench_scenario", lang))
    parser.add_argument("--year", type=int, help=h("bench_year", lang))
    parser.add_argument("--out", metavar="FILE.xlsx", help=h("bench_out", lang))
    overwrite_option(parser, lang)
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Print the tables; 0 if all went well, 2 on input errors (printed, no traceback)."""
    lang = getattr(args, "lang", "nl") or "nl"
    try:
        _run(args, lang)
    except PeerSetError as error:
        _print_error(error.describe(lang), lang)
        return EXIT_INPUT_ERROR
    except DEAInputError as error:
        _print_error(error.describe(lang), lang)
        return EXIT_INPUT_ERROR
    except (_InputError, OutputRefused) as error:
        _print_error(str(error), lang)
        return EXIT_INPUT_ERROR
    return EXIT_OK


def _print_error(text: str, lang: str) -> None:
    import sys

    print(f"{t('bench.cli_error', lang)}: {text}", file=sys.stderr)


def _keys(text: str, option: str, lang: str) -> list[str]:
    keys = [k.strip() for k in str(text).split(",") if k.strip()]
    if not keys:
        raise _InputError(t("bench.cli_err_list", lang, option=option))
    return keys


def _run(args: argparse.Namespace, lang: str) -> None:
    inputs = (args.peers, getattr(args, "company_model", None), getattr(args, "scenario", None))
    if args.out:  # refused before anything is computed
        check(args.out, inputs, getattr(args, "overwrite", False), lang)
    peers = read_peers(args.peers)
    inputs = _keys(args.inputs, "--inputs", lang)
    outputs = _keys(args.outputs, "--outputs", lang)
    if getattr(args, "company_model", None):
        args.company = _before_after(args, peers, inputs, outputs, lang)
    group, company_id = _group(peers, getattr(args, "company", None), args.company_id, lang)
    names = dict(zip(group["id"].astype(str), group["name"].astype(str)))
    # compute everything first, so that an input error is reported before any table is printed
    card = kernkaart(group, company_id, lang) if company_id is not None else None
    fixed = fixed_inputs(inputs, getattr(args, "se_discretionary", False))
    result = run_dea(group, inputs, outputs, model=args.model, orientation=args.orientation, super_efficiency=True,
                     fixed_inputs=fixed)

    sheets = []  # excel.Sheet each: numbers as numbers
    if card is not None:
        print(t("bench.cli_kernkaart_title", lang, name=names[company_id], id=company_id, n=len(group)))
        print(format_kernkaart(card, lang).to_string(index=False))
        sheets.append(_kernkaart_export(card, lang))
    else:
        print(f"{t('bench.kk_peers', lang)} ({len(group)})")
        summary = peer_summary(group, lang)
        print(format_peer_summary(summary, lang).to_string(index=False))
        sheets.append(_kernkaart_export(summary, lang))
    print()

    print(t("bench.cli_dea_title", lang, model=t(f"bench.dea_model_{result.model}", lang),
            orientation=t(f"bench.dea_orientation_{result.orientation}", lang)))
    print(t("bench.cli_dea_vars", lang, inputs=", ".join(_heading(k, lang) for k in inputs),
            outputs=", ".join(_heading(k, lang) for k in outputs)))
    if result.fixed_inputs:
        print(t("bench.dea_fixed", lang, inputs=", ".join(_heading(k, lang) for k in result.fixed_inputs)))
    print(_dea_table(result, names, lang).to_string(index=False))
    sheets.append(_dea_export(result, names, lang))
    if result.messages:
        print()
        print(t("bench.cli_messages", lang))
        for message in result.messages:
            print(f"  - {message.text(lang)}")

    if company_id is not None:
        print()
        peers_table, targets_table = _benchlearning_tables(result, company_id, names, lang)
        bench = result.benchlearning(company_id)
        sheets += [excel.frame_sheet(t("bench.cli_sheet_peers", lang), peers_table,
                                     {t("bench.dea_lambda", lang): "num3"}),
                   _targets_export(targets_table, bench.targets.index, lang)]
    if args.out:
        excel.save(sheets, args.out, inputs=inputs, overwrite=getattr(args, "overwrite", False), lang=lang)
        print()
        print(t("bench.cli_written", lang, path=args.out))


def _before_after(args, peers: pd.DataFrame, inputs, outputs, lang: str) -> dict:
    """Print the company's KPIs and efficiency today and in a plan year without and with its plan;
    returns the plan year's figures, to put the company on the kernkaart."""
    from ..baseline import run_baseline
    from ..optimise_cli import load_case
    from ..optimiser import optimise
    from ..scenario import apply_changes
    from .from_model import before_after, peer_figures

    m, scenario = load_case(args.company_model, args.scenario)
    m = apply_changes(m, scenario.changes, scenario.name)
    year = args.year or m.plan_years[-1]
    if year not in m.plan_years:
        raise _InputError(t("bench.cli_err_year", lang, year=year, first=m.plan_years[0], last=m.plan_years[-1]))
    baseline, plan = run_baseline(m), optimise(m, scenario, marginal_values=False)
    table = before_after(m, baseline, plan, peers, year, inputs, outputs, args.model, args.orientation,
                         fixed_inputs(inputs, getattr(args, "se_discretionary", False)))
    table.index = [t(f"bench.cli_moment_{k}", lang) for k in table.index]
    table = table.astype(float).astype({"year": int})
    print(t("bench.cli_before_after_title", lang, name=m.company.name, year=year))
    print(table.rename(columns=lambda c: t(f"bench.kpi_{c}", lang) if c not in ("year", "efficiency")
                       else t(f"bench.cli_col_{c}", lang)).to_string(float_format=lambda v: number(v, 2, lang)))
    print()
    return peer_figures(m, plan, year, "company", m.company.name)


def _group(peers: pd.DataFrame, company: Mapping[str, object] | None, company_id: str | None,
           lang: str) -> tuple[pd.DataFrame, str | None]:
    """The peer set with the company in it, and the company's id (None: no company chosen)."""
    if company is not None:
        return comparison_group(peers, company)
    if company_id is None:
        return peers, None
    company_id = str(company_id).strip()
    known = peers["id"].astype(str).to_list()
    if company_id not in known:
        shown = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
        raise _InputError(t("bench.cli_err_unknown_company", lang, id=company_id, known=shown))
    return peers, company_id


def _heading(key: str, lang: str) -> str:
    spec = COLUMN_BY_KEY.get(key)
    return spec.heading(lang) if spec else key


def _show(key: str, value: float, lang: str) -> str:
    if pd.isna(value):
        return "–"
    spec = COLUMN_BY_KEY.get(key)
    unit = spec.unit if spec else ""
    if unit == "€":
        return euro(value, 0, lang)
    return number(value, 0 if unit == "workplaces" else 1, lang)


def _score(value: float, lang: str) -> str:
    if pd.isna(value):
        return t("bench.dea_not_available", lang)
    if value == float("inf"):
        return "∞"
    return number(value, 3, lang)


def _peer_text(weights: Mapping[str, float], lang: str) -> str:
    ordered = sorted(weights.items(), key=lambda item: -item[1])
    return ", ".join(f"{peer} ({number(weight, 3, lang)})" for peer, weight in ordered)


def _dea_table(result: DEAResult, names: Mapping[str, str], lang: str) -> pd.DataFrame:
    table = result.table.sort_values(["super_efficiency", "efficiency"], ascending=False)
    return pd.DataFrame({
        t("bench.col_id", lang): table.index,
        t("bench.col_name", lang): [names.get(i, i) for i in table.index],
        t("bench.dea_efficiency", lang): [_score(v, lang) for v in table["efficiency"]],
        t("bench.dea_super_efficiency", lang): [_score(v, lang) for v in table["super_efficiency"]],
        t("bench.dea_status", lang): [t(f"bench.dea_status_{s}", lang) for s in table["status"]],
        t("bench.dea_peers", lang): ["" if s == "efficient" else _peer_text(result.peers[i], lang)
                                     for i, s in zip(table.index, table["status"])],
    })


def _dea_export(result: DEAResult, names: Mapping[str, str], lang: str):
    """Numbers for the workbook: scores, slacks and targets with headings in `lang`."""
    table = result.table
    frame = pd.DataFrame({
        t("bench.col_id", lang): table.index,
        t("bench.col_name", lang): [names.get(i, i) for i in table.index],
        t("bench.dea_score", lang): table["score"].to_numpy(),
        t("bench.dea_efficiency", lang): table["efficiency"].to_numpy(),
        t("bench.dea_super_efficiency", lang): table["super_efficiency"].replace(float("inf"), pd.NA).to_numpy(),
        t("bench.dea_status", lang): [t(f"bench.dea_status_{s}", lang) for s in table["status"]],
        t("bench.dea_peers", lang): [_peer_text(result.peers[i], lang) for i in table.index],
    })
    kinds = {t(k, lang): "num3" for k in ("bench.dea_score", "bench.dea_efficiency", "bench.dea_super_efficiency")}
    for what, label in (("slack", t("bench.dea_slack", lang)), ("target", t("bench.dea_target", lang))):
        for key in (*result.inputs, *result.outputs):
            heading = f"{label}: {_heading(key, lang)}"
            frame[heading] = table[f"{what}_{key}"].to_numpy()
            kinds[heading] = _kind(COLUMN_BY_KEY[key].unit if key in COLUMN_BY_KEY else "")
    return excel.frame_sheet(t("bench.cli_sheet_dea", lang), frame, kinds)


def _benchlearning_tables(result: DEAResult, company_id: str, names: Mapping[str, str],
                          lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    bench = result.benchlearning(company_id)
    name = names.get(company_id, company_id)
    print(t("bench.cli_bench_title", lang, name=name, id=company_id, eff=_score(bench.efficiency, lang)))
    peers_table = pd.DataFrame({
        t("bench.col_id", lang): bench.peers.index,
        t("bench.col_name", lang): [names.get(i, i) for i in bench.peers.index],
        t("bench.dea_lambda", lang): bench.peers["lambda"].to_numpy(),
    })
    if bench.peers.empty:
        print(t("bench.cli_bench_is_efficient", lang, name=name))
    else:
        print(t("bench.cli_bench_peers", lang))
        shown = peers_table.copy()
        shown[t("bench.dea_lambda", lang)] = [number(v, 3, lang) for v in bench.peers["lambda"]]
        print(shown.to_string(index=False))
    targets = bench.targets
    targets_table = pd.DataFrame({
        t("bench.dea_variable", lang): [_heading(k, lang) for k in targets.index],
        t("bench.dea_kind", lang): [t(f"bench.dea_kind_{k}", lang) for k in targets["kind"]],
        t("bench.dea_actual", lang): targets["actual"].to_numpy(),
        t("bench.dea_target", lang): targets["target"].to_numpy(),
        t("bench.dea_change", lang): targets["change"].to_numpy(),
        t("bench.dea_change_pct", lang): targets["change_pct"].to_numpy(),
    })
    print(t("bench.cli_bench_targets", lang))
    shown = targets_table.copy()
    for column in ("bench.dea_actual", "bench.dea_target", "bench.dea_change"):
        heading = t(column, lang)
        shown[heading] = [_show(k, v, lang) for k, v in zip(targets.index, targets_table[heading])]
    heading = t("bench.dea_change_pct", lang)
    shown[heading] = ["–" if pd.isna(v) else number(100 * v, 1, lang) + " %" for v in targets["change_pct"]]
    print(shown.to_string(index=False))
    return peers_table, targets_table


def _kind(unit: str) -> str:
    """The Excel number format of a peer-set or KPI unit."""
    return {"€": "eur", "%": "pct", "workplaces": "int"}.get(unit, "num1")


def _kernkaart_export(table: pd.DataFrame, lang: str):
    """The kernkaart (or the peer set's quartiles) as numbers: each KPI's figures in its own unit."""
    columns = [c for c in ("value", "median", "q1", "q3") if c in table.columns]
    heads = [t("bench.kk_kpi", lang), *(t(f"bench.kk_{c}", lang) for c in columns)]
    heads += [t(f"bench.kk_{c}", lang) for c in ("rank", "n", "quartile") if c in table.columns]
    rows = []
    for key, row in table.iterrows():
        cells = [KPI_BY_KEY[key].label(lang), *(excel.Value(row[c], _kind(row["unit"])) for c in columns)]
        cells += [row[c] for c in ("rank", "n", "quartile") if c in table.columns]
        rows.append([*cells, KPI_BY_KEY[key].better(lang)])
    return excel.Sheet(t("bench.cli_sheet_kernkaart", lang), [*heads, t("bench.kk_better", lang)], rows)


def _targets_export(targets_table: pd.DataFrame, keys, lang: str):
    """The benchlearning targets as numbers, each in its variable's unit."""
    sheet = excel.frame_sheet(t("bench.cli_sheet_targets", lang), targets_table,
                              {t("bench.dea_change_pct", lang): "pct"})
    for row, key in zip(sheet.rows, keys):
        kind = _kind(COLUMN_BY_KEY[key].unit if key in COLUMN_BY_KEY else "")
        row[2:5] = [excel.Value(v, kind) for v in row[2:5]]
    return sheet
