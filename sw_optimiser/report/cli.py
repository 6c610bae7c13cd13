"""`sw-optimiser report`: the review report as PDF, HTML or Excel (format from the extension)."""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

from ..fmt import number
from ..i18n import t

EXTENSIONS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".xlsx": "xlsx"}


def add_parser(sub, lang: str = "nl") -> None:
    from ..cli import helptext as h
    from ..cli import lang_parent, overwrite_option

    p = sub.add_parser("report", parents=[lang_parent(lang)], help=h("report", lang), description=h("report", lang))
    p.add_argument("model", nargs="?", help=h("case_model", lang))
    p.add_argument("--scenario", help=h("report_scenario", lang))
    p.add_argument("--out", required=True, help=h("report_out", lang))
    p.add_argument("--peers", help=h("report_peers", lang))
    p.add_argument("--region", metavar="REGION.yaml", help=h("report_region", lang))
    p.add_argument("--region-member", metavar="ID", help=h("report_region_member", lang))
    p.add_argument("--time-limit", type=float, help=h("report_time_limit", lang))
    p.add_argument("--no-waterfall", action="store_true", help=h("report_no_waterfall", lang))
    p.add_argument("--no-sensitivity", action="store_true", help=h("report_no_sensitivity", lang))
    p.add_argument("--workers", type=int, help=h("report_workers", lang))
    overwrite_option(p, lang)
    p.set_defaults(func=run)


def run(args) -> int:
    from ..optimise_cli import load_case
    from ..scenario import ALL_LEVERS, read_scenario
    from ..workbook import read_workbook
    from . import render, report_data

    lang = args.lang
    out = Path(args.out)
    fmt = EXTENSIONS.get(out.suffix.lower())
    if fmt is None:
        print(t("report.cli_bad_extension", lang, path=str(out)), file=sys.stderr)
        return 2
    if not args.model and not args.scenario:
        print(t("report.cli_no_model", lang), file=sys.stderr)
        return 2
    if args.region_member and not args.region:
        print(t("report.cli_member_without_region", lang), file=sys.stderr)
        return 2
    from ..optimise_cli import case_inputs
    from ..output import check, write_bytes

    inputs = [*case_inputs(args), args.peers, args.region]
    check(out, inputs, args.overwrite, lang)  # before minutes of solving
    started = time.perf_counter()
    if args.model:
        scenario = read_scenario(args.scenario) if args.scenario else ALL_LEVERS
        model_path = Path(args.model)
    else:  # the model named in the scenario (load_case says what is missing)
        _, scenario = load_case(None, args.scenario)
        model_path = Path(args.scenario).parent / scenario.model
    model, problems = read_workbook(model_path)
    if args.time_limit:
        scenario = dataclasses.replace(scenario, time_limit=args.time_limit)
    peers = None
    if args.peers:
        from ..benchmarking import PeerSetError, read_peers

        try:
            peers = read_peers(args.peers)
        except PeerSetError as exc:
            print(exc.describe(lang), file=sys.stderr)
            return 2
    region = member = None
    if args.region:
        region, member = _region_of(args, model.company.name, lang)
        if region is None:
            return 2
    from .compute import STRESS, default_workers
    from .text import Say

    print(t("report.cli_computing", lang, company=model.company.name, scenario=scenario.name), flush=True)

    def progress(done: int, total: int, task: tuple[str, tuple[str, ...]]) -> None:
        kind, levers = task
        what = t("report.cli_stress", lang) if kind == STRESS else ", ".join(Say(lang).lever(k) for k in levers)
        print(t("report.cli_progress", lang, done=done, total=total, what=what,
                seconds=f"{time.perf_counter() - started:.0f}"), flush=True)

    data = report_data(model, scenario, lang, peers=peers, model_warnings=[p.text(lang) for p in problems],
                       source=model_path.name, waterfall=not args.no_waterfall, sensitivity=not args.no_sensitivity,
                       region=_split(region, lang) if region else None, region_member=member,
                       workers=args.workers or default_workers(), progress=progress)
    computed = time.perf_counter()
    content = render(data, fmt)
    write_bytes(out, content, inputs=inputs, overwrite=args.overwrite, lang=lang)
    done = time.perf_counter()
    print(t("cli.written", lang, path=str(out)))
    print(t("report.cli_time", lang, compute=number(computed - started, 1, lang), render=number(done - computed, 1, lang)))
    for alert in data.alerts:
        print("! " + alert)
    return 0


def _region_of(args, company: str, lang: str):
    """The region of --region (an InputError when unreadable) and the company's member id in it, or
    (None, None) after saying which members there are: checked before any solve."""
    from ..region import read_region
    from .region import member_of

    region = read_region(args.region)
    if args.time_limit:
        region = dataclasses.replace(region, time_limit=args.time_limit)
    ids = ", ".join(region.ids)
    if args.region_member and args.region_member not in region.ids:
        print(t("report.cli_region_unknown_member", lang, member=args.region_member, region=region.name,
                members=ids), file=sys.stderr)
        return None, None
    i = member_of(region, company, args.region_member)
    if i is None:
        print(t("report.cli_region_no_member", lang, company=company, region=region.name, members=ids),
              file=sys.stderr)
        return None, None
    return region, region.ids[i]


def _split(region, lang: str):
    """region.split as `sw-optimiser region` runs it, with a line per coalition solved."""
    from ..region import split
    from ..region.cli import announce

    return split(region, progress=announce(region, lang))
