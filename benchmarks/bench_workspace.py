"""How long the workspace takes to keep a solved scenario and to read a workspace back on a reload,
on the example company (reallocation plan with marginal values, and its baseline).

    python benchmarks/bench_workspace.py [--repeat 5] [--scenarios 5] [--url postgresql+psycopg://...]

Without --url: a SQLite file in a temporary folder (the default of the explorer).
"""

from __future__ import annotations

import argparse
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sw_optimiser.baseline import run_baseline  # noqa: E402
from sw_optimiser.explorer import workspace  # noqa: E402
from sw_optimiser.explorer.jobs import Solved  # noqa: E402
from sw_optimiser.explorer.store import Store  # noqa: E402
from sw_optimiser.optimiser import Optimiser  # noqa: E402
from sw_optimiser.scenario import LEVERS, Scenario  # noqa: E402
from sw_optimiser.workbook import load_model  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--scenarios", type=int, default=5, help="scenarios in the workspace read back")
    ap.add_argument("--url", default=None)
    args = ap.parse_args()
    m = load_model(ROOT / "models" / "example.xlsx")
    scenario = Scenario(name="", levers={k: k == "placement" for k in LEVERS})
    plan = Optimiser(m).solve(scenario, marginal_values=True)
    solved = Solved("k", "", scenario, "m", results=plan, baseline=run_baseline(m), seconds=1.0)
    store = Store(args.url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'workspace.sqlite'}")
    saves, reads = [], []
    for _ in range(args.repeat):
        key = secrets.token_urlsafe(18)
        for _ in range(args.scenarios):
            started = time.perf_counter()
            workspace.save(store, key, solved, workspace.Provenance.now("example.xlsx"))
            saves.append(time.perf_counter() - started)
        started = time.perf_counter()
        kept = workspace.restore(store, key)
        reads.append(time.perf_counter() - started)
        assert len(kept) == 1  # one content hash: the same scenario kept five times reads back once
    print(f"{store.engine.dialect.name}: keep one scenario (plan + baseline) {statistics.median(saves):.3f} s, "
          f"read a workspace of {args.scenarios} back {statistics.median(reads):.3f} s "
          f"(medians of {len(saves)} and {len(reads)})")


if __name__ == "__main__":
    main()
