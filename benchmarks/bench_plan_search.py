"""How good a plan the optimiser finds in a given time, beside HiGHS's default on the same model.

For each workload (a bundled scenario on its company), in the same run and alternating:
  - ours: `Optimiser.solve` (start plan one lever at a time, fix-and-optimise rounds, the full MILP
    with its node limit) with the time limit as a deadline;
  - reference: the same model, every lever of the scenario on, written to an LP file and solved by
    HiGHS with its default settings (cold, no start) under the same time limit.
Prints per workload the median over the runs of: seconds, NPV of the plan found, the bound, the gap
as sw-optimiser measures it ((bound - NPV) / max(|NPV|, |baseline NPV|)), what stopped it, whether the
plans of all runs were identical; and the ratio of the two NPV gaps to the baseline (how much of what
the reference leaves on the table ours still leaves).

    python benchmarks/bench_plan_search.py [--runs 3] [--time-limit 90] [--scenario all-levers social]

The machine is shared: quote the load average beside the figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import statistics
import tempfile
import time
from pathlib import Path

import highspy

from sw_optimiser.baseline import run_baseline
from sw_optimiser.optimiser.solve import Optimiser
from sw_optimiser.scenario import apply_changes, read_scenario
from sw_optimiser.workbook import load_model

SCENARIOS = Path(__file__).parents[1] / "scenarios"


def case(name: str):
    sc = read_scenario(SCENARIOS / f"{name}.yaml")
    m = apply_changes(load_model(SCENARIOS / sc.model), sc.changes, sc.name)
    return m, sc


def ours(m, sc, limit: float) -> dict:
    started = time.perf_counter()
    r = Optimiser(m, sc.social).solve(dataclasses.replace(sc, time_limit=limit))
    plan = hashlib.sha1(r.events[["year", "kind", "subject"]].to_csv().encode()).hexdigest()[:8]
    return {"seconds": time.perf_counter() - started, "npv": r.npv,
            "bound": r.bound if r.bound is not None else float("nan"),
            "stopped": r.stopped or "gap", "plan": plan}


def reference(m, sc, limit: float) -> dict:
    opt = Optimiser(m, sc.social)
    opt.set_levers(sc.active_levers)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.lp")
        opt.b.pm.write(path, io_options={"symbolic_solver_labels": False})
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("time_limit", float(limit))
        h.setOptionValue("mip_rel_gap", sc.gap)
        h.readModel(path)
        started = time.perf_counter()
        h.run()
        seconds = time.perf_counter() - started
    info = h.getInfo()
    npv = info.objective_function_value if info.primal_solution_status else float("nan")
    is_mip = any(k != highspy.HighsVarType.kContinuous for k in h.getLp().integrality_)
    return {"seconds": seconds, "npv": npv, "bound": info.mip_dual_bound if is_mip else npv,
            "stopped": "gap" if h.getModelStatus() == highspy.HighsModelStatus.kOptimal else "time",
            "plan": f"{npv:.0f}"}


def gap(run: dict, base: float) -> float:
    return (run["bound"] - run["npv"]) / max(abs(run["npv"]), abs(base))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--time-limit", type=float, default=90.0)
    ap.add_argument("--scenario", nargs="+", default=["all-levers", "social"])
    args = ap.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    for name in args.scenario:
        m, sc = case(name)
        base = run_baseline(m).npv
        runs = {"ours": [], "HiGHS default": []}
        for _ in range(args.runs):
            runs["ours"].append(ours(m, sc, args.time_limit))
            runs["HiGHS default"].append(reference(m, sc, args.time_limit))
        print(f"\n{name}: baseline NPV {base / 1e6:,.2f}M, time limit {args.time_limit:.0f} s, {args.runs} runs")
        print(f"{'':14} {'seconds':>8} {'NPV':>9} {'bound':>9} {'gap':>7} {'to baseline':>11}  stopped  same plan")
        left = {}
        for who, rs in runs.items():
            med = {k: statistics.median(r[k] for r in rs) for k in ("seconds", "npv", "bound")}
            left[who] = med["bound"] - med["npv"]
            print(f"{who:14} {med['seconds']:8.1f} {med['npv'] / 1e6:8.2f}M {med['bound'] / 1e6:8.2f}M "
                  f"{statistics.median(gap(r, base) for r in rs):7.1%} {(med['npv'] - base) / 1e6:10.2f}M  "
                  f"{','.join(sorted({r['stopped'] for r in rs})):7}  {len({r['plan'] for r in rs}) == 1}")
        ours_npv = statistics.median(r["npv"] for r in runs["ours"])
        ref_npv = statistics.median(r["npv"] for r in runs["HiGHS default"])
        if ref_npv > base:
            print(f"ratio of NPV gained on the baseline, ours / reference: {(ours_npv - base) / (ref_npv - base):.2f}")
        else:
            print("the reference's plan is no better than the baseline: no ratio")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
