"""Time DEA over 1,000 generated companies: CCR and BCC, input-oriented, both phases; with SE held
fixed (non-discretionary, as the CLI, explorer and report run it) and with every input discretionary.

One highspy LP per run, re-targeted to each company (its score column and right-hand sides
change) and re-solved twice (phase 1: score, phase 2: max slacks).
Usage:  python benchmarks/bench_dea.py [--n 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from sw_optimiser.benchmarking.cli import DEFAULT_INPUTS, DEFAULT_OUTPUTS, fixed_inputs  # noqa: E402
from sw_optimiser.benchmarking.dea import run_dea  # noqa: E402
from models.make_peers import generate_peers  # noqa: E402  (the bundled peer set's generator)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of companies (DMUs)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per model; the median is reported")
    args = parser.parse_args(argv)
    peers = generate_peers(args.n, seed=7)
    fixed = fixed_inputs(DEFAULT_INPUTS)
    print(f"DEA on {args.n} companies; inputs {', '.join(DEFAULT_INPUTS)}; outputs {', '.join(DEFAULT_OUTPUTS)}; "
          f"input-oriented, two phases; median of {args.runs} runs")
    # as the CLI, explorer and report run it (SE held fixed), and with every input discretionary
    for held in (fixed, ()):
        for model in ("crs", "vrs"):
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                result = run_dea(peers, DEFAULT_INPUTS, DEFAULT_OUTPUTS, model=model, orientation="input",
                                 fixed_inputs=held)
                times.append(time.perf_counter() - start)
            median = statistics.median(times)
            efficient = int(result.table["efficient"].sum())
            print(f"  {model.upper()}, fixed: {', '.join(held) or 'none'}: median {median:.3f} s, "
                  f"{1000 * median / args.n:.3f} ms per DMU (min {min(times):.3f} s, max {max(times):.3f} s; "
                  f"{efficient} efficient)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
