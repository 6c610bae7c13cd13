"""How long the optimiser takes on the example company, and how that grows with its size.

Prints, for the example company (median of N runs):
  read (workbook), build (Pyomo model), solve (HiGHS inside Pyomo), results (plan -> P&L),
  the ratio of the whole to HiGHS' own solve time, and the gap reached;
then the lever waterfall's total time, and the example scaled x2, x4, x8 (PMCs x years).

Run: python benchmarks/bench_optimiser.py [--runs 5] [--time-limit 30]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time
from pathlib import Path

from sw_optimiser.evaluate import evaluate
from sw_optimiser.optimiser.extract import extract_plan
from sw_optimiser.optimiser.solve import Optimiser
from sw_optimiser.optimiser.waterfall import lever_waterfall
from sw_optimiser.scenario import LEVERS, Scenario
from sw_optimiser.schema import SubsidyYear
from sw_optimiser.workbook import load_model

EXAMPLE = Path(__file__).parents[1] / "models" / "example.xlsx"
# Lever sets timed: the baseline model, the levers that solve to optimality quickly, and all levers.
CASES = {
    "all off (baseline)": (),
    "placement+phase_out+tariffs+acquisition": ("placement", "phase_out", "tariffs", "acquisition"),
    "all but sites": tuple(k for k in LEVERS if k != "sites"),
    "all levers": LEVERS,
}


def scale(m, k_pmcs: int, k_years: int):
    """The company k_pmcs times over (PMCs, groups, sites, supervision copied with a suffix) and a
    horizon k_years times as long (the subsidy path continued at its last yearly step)."""
    def copies(rows, fields):
        out = []
        for i in range(k_pmcs):
            suffix = "" if i == 0 else f"~{i}"
            out += [dataclasses.replace(r, **{f: (getattr(r, f) + suffix) if getattr(r, f) else None
                                              for f in fields}) for r in rows]
        return tuple(out)

    path = sorted(m.subsidy, key=lambda s: s.year)
    step = path[-1].per_se - path[-2].per_se
    horizon = m.company.horizon * k_years
    subsidy = {s.year: s.per_se for s in path}
    for y in range(path[-1].year + 1, m.base_year + horizon + 1):
        subsidy[y] = subsidy[y - 1] + step
    return m.replace(
        company=dataclasses.replace(m.company, horizon=horizon),
        subsidy=tuple(SubsidyYear(y, v) for y, v in sorted(subsidy.items())),
        groups=copies(m.groups, ["id"]), sites=copies(m.sites, ["id"]),
        pmcs=copies(m.pmcs, ["id", "site", "supervision_type"]),
        eligibility=copies(m.eligibility, ["group", "pmc"]), tariffs=copies(m.tariffs, ["pmc"]),
        supervision_types=copies(m.supervision_types, ["id"]),
        supervision_options=copies(m.supervision_options, ["type"]),
        chain_partners=tuple(dataclasses.replace(c, id=f"{c.id}~{i}" if i else c.id,
                                                 groups=tuple(g + (f"~{i}" if i else "") for g in c.groups))
                             for i in range(k_pmcs) for c in m.chain_partners),
    )


def time_case(m, levers, time_limit: float, runs: int) -> dict:
    rows = []
    for _ in range(runs):
        t0 = time.perf_counter()
        opt = Optimiser(m)
        t1 = time.perf_counter()
        opt.set_levers(levers)
        info = opt._solve(time_limit, Scenario.gap)
        t2 = time.perf_counter()
        evaluate(m, extract_plan(opt.b))
        t3 = time.perf_counter()
        rows.append({"build": t1 - t0, "solve": t2 - t1, "highs": info.seconds, "results": t3 - t2,
                     "gap": info.gap or 0.0, "status": info.status})
    med = {k: statistics.median(r[k] for r in rows) for k in ("build", "solve", "highs", "results", "gap")}
    med["status"] = ",".join(sorted({r["status"] for r in rows}))
    return med


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--time-limit", type=float, default=30.0)
    ap.add_argument("--skip-scaling", action="store_true")
    args = ap.parse_args()

    reads = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        m = load_model(EXAMPLE)
        reads.append(time.perf_counter() - t0)
    read = statistics.median(reads)
    print(f"example company: {len(m.pmcs)} PMCs, {len(m.groups)} groups, {len(m.sites)} sites, "
          f"{m.company.horizon} plan years; read {read:.2f} s (median of {args.runs})")
    print(f"{'levers':42s} {'build':>6s} {'solve':>7s} {'HiGHS':>7s} {'results':>7s} {'whole':>7s} "
          f"{'whole/HiGHS':>11s} {'gap':>7s}  status")
    for name, levers in CASES.items():
        r = time_case(m, levers, args.time_limit, args.runs if len(levers) < len(LEVERS) - 1 else 1)
        whole = read + r["build"] + r["solve"] + r["results"]
        print(f"{name:42s} {r['build']:6.2f} {r['solve']:7.2f} {r['highs']:7.2f} {r['results']:7.2f} "
              f"{whole:7.2f} {whole / r['highs']:11.2f} {100 * r['gap']:6.2f}%  {r['status']}")

    t0 = time.perf_counter()
    w = lever_waterfall(m, Scenario(), step_time_limit=args.time_limit / 3)
    print(f"waterfall (13 solves, {args.time_limit / 3:.0f} s limit per step): {time.perf_counter() - t0:.1f} s; "
          f"steps at time limit: {sum(r.status == 'time_limit' for r in w.results.values())}")

    if args.skip_scaling:
        return
    print("\nscaled example (PMCs x years), levers placement+phase_out+tariffs+acquisition:")
    levers = CASES["placement+phase_out+tariffs+acquisition"]
    for label, kp, ky in (("x1", 1, 1), ("x2", 2, 1), ("x4", 2, 2), ("x8", 4, 2)):
        big = scale(m, kp, ky)
        r = time_case(big, levers, args.time_limit, 1)
        print(f"{label}: {len(big.pmcs):3d} PMCs x {big.company.horizon:2d} years: build {r['build']:.2f} s, "
              f"solve {r['solve']:.2f} s (HiGHS {r['highs']:.2f} s), results {r['results']:.2f} s, "
              f"gap {100 * r['gap']:.2f}%, {r['status']}")


if __name__ == "__main__":
    main()
