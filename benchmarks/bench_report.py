"""Time the review report: the solves it needs, then assembling and rendering PDF, HTML and Excel.

The solves dominate (plan, 13 for the waterfall, 1 for the stress test); rendering is seconds.
Usage:  python benchmarks/bench_report.py [--model models/example.xlsx] [--time-limit 60]
                                          [--no-waterfall] [--no-sensitivity] [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from sw_optimiser.benchmarking import read_peers  # noqa: E402
from sw_optimiser.report import assemble, compute, render  # noqa: E402
from sw_optimiser.scenario import ALL_LEVERS  # noqa: E402
from sw_optimiser.workbook import read_workbook  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(ROOT / "models" / "example.xlsx"))
    parser.add_argument("--peers", default=str(ROOT / "models" / "peers.xlsx"))
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per solve")
    parser.add_argument("--no-waterfall", action="store_true")
    parser.add_argument("--no-sensitivity", action="store_true")
    parser.add_argument("--lang", default="nl", choices=("nl", "en"))
    parser.add_argument("--out-dir", help="also write report.pdf, report.html and report.xlsx here")
    args = parser.parse_args(argv)

    model, problems = read_workbook(args.model)
    scenario = dataclasses.replace(ALL_LEVERS, time_limit=args.time_limit)
    print(f"{model.company.name}: {len(model.pmcs)} PMCs, {len(model.plan_years)} plan years; "
          f"time limit {args.time_limit:g} s per solve")
    started = time.perf_counter()
    computed = compute(model, scenario, args.lang, waterfall=not args.no_waterfall,
                       sensitivity=not args.no_sensitivity)
    solved = time.perf_counter()
    for step, seconds in computed.seconds.items():
        print(f"  {step:<12} {seconds:8.1f} s")
    status = computed.plan.status if computed.plan is not None else "no plan"
    print(f"  compute      {solved - started:8.1f} s  (plan: {status})")
    data = assemble(computed, args.lang, peers=read_peers(args.peers), source=Path(args.model).name,
                    model_warnings=[p.text(args.lang) for p in problems])
    print(f"  assemble     {time.perf_counter() - solved:8.1f} s")
    for fmt in ("html", "pdf", "xlsx"):
        start = time.perf_counter()
        content = render(data, fmt)
        print(f"  render {fmt:<5} {time.perf_counter() - start:8.1f} s  ({len(content) / 1024:,.0f} KiB)")
        if args.out_dir:
            Path(args.out_dir).mkdir(parents=True, exist_ok=True)
            (Path(args.out_dir) / f"report.{fmt}").write_bytes(content)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
