"""`sw-optimiser report`: the review report as PDF, HTML or Excel (format from the extension)."""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

from ..i18n import t

EXTENSIONS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".xlsx": "xlsx"}


def add_parser(sub) -> None:
    from ..cli import _lang_parent

    p = sub.add_parser("report", parents=[_lang_parent()],
                       help="doorlichtingsrapport / review report (pdf, html, xlsx)")
    p.add_argument("model", nargs="?", help="bedrijfsmodel (.xlsx); anders het model uit het scenario")
    p.add_argument("--scenario", help="scenariobestand (.yaml); standaard alle hefbomen / default all levers")
    p.add_argument("--out", required=True, help="rapport: .pdf, .html of .xlsx / report file")
    p.add_argument("--peers", help="referentiegroep (.xlsx) voor de kernkaart / peer set for the KPI card")
    p.add_argument("--region", metavar="REGION.yaml",
                   help="regiobestand: voegt de regionale samenwerking toe / region file: adds regional cooperation")
    p.add_argument("--region-member", metavar="ID",
                   help="het lid van de regio dat dit bedrijf is; standaard op bedrijfsnaam / the company's member "
                        "id in the region; default by company name")
    p.add_argument("--time-limit", type=float, help="seconden per berekening / seconds per solve")
    p.add_argument("--no-waterfall", action="store_true", help="zonder waarde per hefboom / skip the lever values")
    p.add_argument("--no-sensitivity", action="store_true", help="zonder gevoeligheidsanalyse / skip the stress test")
    p.add_argument("--workers", type=int,
                   help="berekeningen naast elkaar (processen); standaard het aantal kernen / solves side by side")
    p.add_argument("--overwrite", action="store_true", help="bestaand bestand overschrijven / overwrite --out")
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
    if out.exists() and not args.overwrite:
        raise FileExistsError(t("file.exists", lang, path=str(out)))
    if not args.model and not args.scenario:
        print(t("report.cli_no_model", lang), file=sys.stderr)
        return 2
    if args.region_member and not args.region:
        print(t("report.cli_member_without_region", lang), file=sys.stderr)
        return 2
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
    from .compute import default_workers

    print(t("report.cli_computing", lang, company=model.company.name, scenario=scenario.name), flush=True)

    def progress(done: int, total: int, what: str) -> None:
        print(t("report.cli_progress", lang, done=done, total=total, what=what,
                seconds=f"{time.perf_counter() - started:.0f}"), flush=True)

    data = report_data(model, scenario, lang, peers=peers, model_warnings=[p.text(lang) for p in problems],
                       source=model_path.name, waterfall=not args.no_waterfall, sensitivity=not args.no_sensitivity,
                       region=_split(region, lang) if region else None, region_member=member,
                       workers=args.workers or default_workers(), progress=progress)
    computed = time.perf_counter()
    content = render(data, fmt)
    out.write_bytes(content)
    done = time.perf_counter()
    print(t("cli.written", lang, path=str(out)))
    print(t("report.cli_time", lang, compute=f"{computed - started:.1f}", render=f"{done - computed:.1f}"))
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
