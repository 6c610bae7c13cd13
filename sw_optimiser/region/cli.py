"""`sw-optimiser region REGION.yaml [--lang en] [--out region.xlsx]`: what cooperation is worth and who
gets what."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pandas as pd

from .. import fmt
from ..i18n import t
from ..output import check
from .run import RegionResult, split
from .reader import read_region


def add_parser(sub, lang: str = "nl") -> None:
    from ..cli import helptext as h
    from ..cli import lang_parent, overwrite_option

    p = sub.add_parser("region", parents=[lang_parent(lang)], help=h("region", lang), description=h("region", lang))
    p.add_argument("file", help=h("region_file", lang))
    p.add_argument("--out", help=h("out_results", lang))
    overwrite_option(p, lang)
    p.add_argument("--time-limit", type=float, help=h("region_time_limit", lang))
    p.add_argument("--workers", type=int, help=h("region_workers", lang))
    p.add_argument("--dask", action="store_true", help=h("region_dask", lang))
    p.add_argument("--scheduler", metavar="ADDRESS", help=h("region_scheduler", lang))
    p.set_defaults(func=run)


def announce(region, lang: str):
    """Print the region's heading; returns the progress callback for `split` (a line per coalition)."""
    print(t("region.heading", lang, name=region.name, n=len(region.members),
            levers=", ".join(t(f"lever.{k}", lang) for k in region.levers) or "–"), flush=True)
    return lambda r: print(
        "  " + t("region.progress", lang, coalition=region.coalition_name(r.coalition), status=t(f"status.{r.status}", lang)
                 if r.status in ("optimal", "time_limit") else r.status,
                 seconds=fmt.number(r.seconds, 1, lang)), flush=True)


def run(args) -> int:
    lang = args.lang
    region = read_region(args.file)
    for warning in region.warnings:  # e.g. more workers than cores
        print(warning.describe(lang), file=sys.stderr)
    if args.time_limit:
        region = dataclasses.replace(region, time_limit=args.time_limit)
    if args.workers:
        region = dataclasses.replace(region, workers=args.workers)
    if args.out:  # refused before hours of solving, not after
        check(args.out, _inputs(args, region), args.overwrite, lang)
    progress = announce(region, lang)
    if args.dask or args.scheduler:
        from .dask_run import DaskMissing, dask_executor

        try:
            with dask_executor(args.scheduler, region.workers) as executor:
                print(t("region.dask_on", lang, where=args.scheduler or t("region.dask_local", lang,
                                                                          n=region.workers)), flush=True)
                result = split(region, executor=executor, progress=progress)
        except DaskMissing:
            print(t("region.dask_missing", lang), file=sys.stderr)
            return 2
    else:
        result = split(region, progress=progress)
    print_region(result, lang)
    if args.out:
        path = to_excel(result, args.out, lang, args.overwrite, _inputs(args, region))
        print(t("cli.written", lang, path=str(path)))
    return 0


def _inputs(args, region) -> list:
    """The files a region run reads: the region file and its members' workbooks."""
    return [args.file, *(Path(args.file).parent / m.path for m in region.members if m.path)]


def allocation_table(r: RegionResult, lang: str) -> pd.DataFrame:
    rows = []
    for i, m in enumerate(r.region.members):
        row = {
            t("region.col.member", lang): m.id,
            t("region.col.se", lang): m.se,
            t("region.col.alone", lang): r.alone[i],
            t("region.col.own", lang): r.own.get(i),
            t("region.col.shapley_gain", lang): r.shapley[i] - r.alone[i],
            t("region.col.shapley", lang): r.shapley[i],
            t("region.col.proportional_gain", lang): r.proportional[i] - r.alone[i],
            t("region.col.rational", lang): t("region.yes" if r.rational[i] else "region.no", lang),
        }
        if r.shapley_se is not None:
            row[t("region.col.shapley_se", lang)] = r.shapley_se[i]
        rows.append(row)
    return pd.DataFrame(rows)


def coalition_table(r: RegionResult, lang: str) -> pd.DataFrame:
    rows = []
    for S, v in sorted(r.values.items(), key=lambda kv: (len(kv[0]), kv[0])):
        rows.append({
            t("region.col.coalition", lang): r.region.coalition_name(S),
            t("region.col.value", lang): v.value,
            t("region.col.gain", lang): v.value - sum(r.alone[i] for i in S),
            t("region.col.allocated", lang): sum(r.shapley[i] for i in S) - sum(r.alone[i] for i in S),
            t("region.col.status", lang): t(f"status.{v.status}", lang),
            t("region.col.gap", lang): v.gap,
            t("region.col.seconds", lang): v.seconds,
        })
    return pd.DataFrame(rows)


def decision_table(r: RegionResult, lang: str) -> pd.DataFrame:
    grand = r.values[tuple(range(r.n))]
    rows = []
    for kind, year, member, subject, detail, se in grand.decisions:
        if kind == "move":
            text = t("region.decision.move", lang, member=member, pmc=subject, host=detail, se=fmt.number(se, 1, lang))
        else:  # pool | acq_pool | sup_pool (subject: the pooled supervision type)
            text = t(f"region.decision.{kind}", lang, member=member, type=subject)
        rows.append({t("region.col.year", lang): year, t("region.col.decision", lang): text})
    return pd.DataFrame(rows, columns=[t("region.col.year", lang), t("region.col.decision", lang)])


def print_region(r: RegionResult, lang: str) -> None:
    eur = lambda v: fmt.euro(v, 0, lang)  # noqa: E731
    print()
    table = allocation_table(r, lang)
    money = [c for c in table.columns if c not in (t("region.col.member", lang), t("region.col.se", lang),
                                                   t("region.col.rational", lang))]
    shown = table.copy()
    for c in money:
        shown[c] = shown[c].map(lambda v: eur(v) if isinstance(v, (int, float)) and v == v else "–")
    shown[t("region.col.se", lang)] = shown[t("region.col.se", lang)].map(lambda v: fmt.number(v, 0, lang))
    print(shown.to_string(index=False))
    print()
    print(t("region.alone_sum", lang, amount=eur(sum(r.alone))))
    print(t("region.joint", lang, amount=eur(r.joint)))
    print(t("region.gain", lang, amount=eur(r.gain)))
    if r.gain_low is not None and r.gain_high is not None and r.gain_high - r.gain_low > 1:
        print(t("region.gain_range", lang, low=eur(r.gain_low), high=eur(r.gain_high)))
    if r.method == "sampled":
        print(t("region.sampled", lang, samples=r.samples))
    else:
        print(t("region.exact", lang, n=len(r.values)))
    print(t("region.rational_all" if all(r.rational) else "region.rational_not", lang,
            members=", ".join(m.id for i, m in enumerate(r.region.members) if not r.rational[i])))
    if r.core.in_core:
        print(t("region.core_in", lang, checked=r.core.checked))
    else:
        print(t("region.core_out", lang, coalition=r.region.coalition_name(r.core.worst), amount=eur(r.core.shortfall),
                checked=r.core.checked))
    if r.uncertainty > 1:
        print(t("region.uncertain", lang, amount=eur(r.uncertainty)))
    decisions = decision_table(r, lang)
    if not decisions.empty:
        print()
        print(t("region.decisions", lang))
        for row in decisions.itertuples(index=False):
            print(f"  {row[0]}  {row[1]}")
    print()
    print(t("region.seconds", lang, seconds=fmt.number(r.seconds, 1, lang),
            worst_gap=fmt.percent(max((v.gap or 0.0) for v in r.values.values()), 2, lang)))


def to_excel(r: RegionResult, path, lang: str, overwrite: bool = False, inputs: tuple = ()) -> Path:
    """The region's summary, split, coalitions and decisions as a workbook (see excel.py)."""
    from .. import excel

    V = excel.Value
    summary = [
        [t("region.col.alone_sum", lang), V(sum(r.alone), "eur")], [t("region.col.joint", lang), V(r.joint, "eur")],
        [t("region.col.gain", lang), V(r.gain, "eur")], [t("region.col.gain_low", lang), V(r.gain_low, "eur")],
        [t("region.col.gain_high", lang), V(r.gain_high, "eur")],
        [t("region.col.method", lang), t(f"region.method_{r.method}", lang)],
        [t("region.col.in_core", lang), t("region.yes" if r.core.in_core else "region.no", lang)],
    ]
    euros = {t(f"region.col.{k}", lang): "eur" for k in ("alone", "own", "shapley_gain", "shapley", "proportional_gain",
                                                          "shapley_se", "value", "gain", "allocated")}
    kinds = euros | {t("region.col.se", lang): "num1", t("region.col.gap", lang): "pct",
                     t("region.col.seconds", lang): "num1", t("region.col.year", lang): "year"}
    sheets = [excel.Sheet(t("region.sheet.summary", lang), ["", t("col.value", lang)], summary)]
    sheets += [excel.frame_sheet(t(f"region.sheet.{name}", lang), table(r, lang), kinds) for name, table in
               (("split", allocation_table), ("coalitions", coalition_table), ("decisions", decision_table))]
    return excel.save(sheets, path, overwrite=overwrite, inputs=inputs, lang=lang)
