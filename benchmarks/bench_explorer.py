"""How long the explorer takes from pressing Doorrekenen to updated charts, on the example company.

Drives the app with Streamlit's AppTest (the same script a browser session runs, without the
network): on the results page, press solve and rerun the way the page's polling fragment does until
the run that draws the new KPIs and charts has finished. Measures
  - the first solve of a session (reallocation on),
  - a re-solve after one lever change (phase-out switched on as well; same optimiser),
  - returning to a scenario solved before (taken from the session),
each the median of 5 fresh sessions (pressing solve once the scenario page's background build of the
optimiser is done, as a person would a moment after the change), and splits off the solver's own time (Results.solve_seconds)
so what the explorer adds is visible.

    python benchmarks/bench_explorer.py [--repeat 5] [--model models/example.xlsx] [--poll 0.2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
RESULTS = "sw_optimiser/explorer/results.py"
SCENARIO = "sw_optimiser/explorer/scenario.py"


def _timed_solve(at, poll: float) -> tuple[float, float]:
    """Press solve on the results page; seconds until the charts show the new results, and the
    solver's own seconds. Like a person, it presses a moment after the last change: by then the
    scenario page has built the optimiser in the background (about 0.4 s on the example)."""
    state = at.session_state["explorer"]
    while state.engine.warming():
        time.sleep(0.02)
    key = state.scenario_key()
    started = time.perf_counter()
    at.button(key="solve").click().run()
    while state.job is not None:  # the page's fragment looks every `poll` seconds, then reruns the app
        time.sleep(poll)
        if state.collect():
            at.run()
    elapsed = time.perf_counter() - started
    assert not at.exception, [e.value for e in at.exception]
    assert state.current == key and state.solved[key].ok, "no results"
    assert at.get("vega_lite_chart"), "no charts drawn"
    solved = state.solved[key]
    return elapsed, solved.results.solve_seconds or 0.0


def _wait_idle(at) -> None:
    state = at.session_state["explorer"]
    while state.busy():  # marginal values still running: not part of the measured time
        time.sleep(0.05)
    state.collect()


def session(model: str, poll: float) -> dict[str, tuple[float, float]]:
    from streamlit.testing.v1 import AppTest

    os.environ["SW_EXPLORER_MODEL"] = model
    at = AppTest.from_file(APP, default_timeout=300).run()
    out = {}
    at.switch_page(SCENARIO).run()
    at.toggle(key="sc.lever.placement").set_value(True).run()
    at.switch_page(RESULTS).run()
    out["first"] = _timed_solve(at, poll)
    _wait_idle(at)
    at.switch_page(SCENARIO).run()
    at.toggle(key="sc.lever.phase_out").set_value(True).run()
    at.switch_page(RESULTS).run()
    out["change"] = _timed_solve(at, poll)
    _wait_idle(at)
    at.switch_page(SCENARIO).run()
    at.toggle(key="sc.lever.phase_out").set_value(False).run()
    at.switch_page(RESULTS).run()
    out["again"] = _timed_solve(at, poll)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--model", default=str(ROOT / "models" / "example.xlsx"))
    parser.add_argument("--poll", type=float, default=0.2, help="seconds between looks (as the page's fragment does)")
    args = parser.parse_args(argv)
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    runs = [session(args.model, args.poll) for _ in range(args.repeat)]
    names = {"first": "first solve of the session", "change": "re-solve after one lever change",
             "again": "back to a scenario solved before"}
    print(f"explorer on {Path(args.model).name}: median of {args.repeat}, seconds from pressing solve to charts")
    print(f"{'':38s} {'total':>7s} {'solver':>7s} {'explorer':>9s}   all totals")
    for key, name in names.items():
        totals = [r[key][0] for r in runs]
        solver = [r[key][1] for r in runs] if key != "again" else [0.0] * len(runs)
        overhead = [a - b for a, b in zip(totals, solver)]
        print(f"{name:38s} {statistics.median(totals):7.2f} {statistics.median(solver):7.2f} "
              f"{statistics.median(overhead):9.2f}   " + " ".join(f"{x:.2f}" for x in totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
