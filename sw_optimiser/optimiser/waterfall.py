"""What each lever is worth: the waterfall (levers added one at a time in a fixed order) and each
lever alone (reallocation plus that lever, against reallocation alone)."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from ..baseline import run_baseline
from ..company import CompanyModel
from ..i18n import DEFAULT_LANG, t
from ..results import Results
from ..scenario import LEVERS, Scenario

if TYPE_CHECKING:  # the solver stack is loaded when a waterfall is solved, not when this is imported
    from .solve import Optimiser


@dataclass
class Waterfall:
    steps: pd.DataFrame  # step, lever, npv, gain (cumulative order)
    alone: pd.DataFrame  # lever, npv, gain (against reallocation alone; reallocation against the baseline)
    results: dict[tuple[str, ...], Results]
    seconds: float

    def table(self, lang: str = DEFAULT_LANG) -> pd.DataFrame:
        """Steps with their gain, and each lever's gain alone, labelled in `lang`."""
        alone = dict(zip(self.alone["lever"], self.alone["gain"]))
        return pd.DataFrame({
            t("col.lever", lang): [t(f"lever.{k}", lang) for k in self.steps["lever"]],
            t("kpi.npv", lang): self.steps["npv"],
            t("col.gain", lang): self.steps["gain"],
            t("col.alone", lang): [alone.get(k, float("nan")) for k in self.steps["lever"]],
        })


def waterfall_sets(active: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The lever sets a waterfall over `active` solves: each cumulative step, and each lever alone
    (with reallocation when it is among them)."""
    reference = ("placement",) if "placement" in active else ()
    sets = {tuple(active[:i]) for i in range(1, len(active) + 1)} | ({reference} if reference else set())
    sets |= {tuple(k for k in LEVERS if k in reference + (lever,)) for lever in active if lever != "placement"}
    return {tuple(k for k in LEVERS if k in s) for s in sets}


def lever_waterfall(m: CompanyModel, scenario: Scenario | None = None, optimiser: Optimiser | None = None,
                    step_time_limit: float | None = None,
                    baseline: Results | None = None, solve=None, progress=None) -> Waterfall:
    """Solve the cumulative steps and each lever alone, over the scenario's switches (all of them when
    the scenario has none on). Each lever alone is measured against reallocation alone where
    reallocation is among the switches, else against the baseline. `step_time_limit` caps each solve
    (by default the scenario's time limit); a step stopped by it keeps its best plan and gap.
    `solve(scenario)` solves one step instead of the optimiser (the explorer's worker processes);
    `progress(done, total)` is called after each step."""
    scenario = scenario or Scenario()
    if step_time_limit is not None:
        scenario = dataclasses.replace(scenario, time_limit=step_time_limit)
    active = scenario.active_levers or LEVERS
    started = time.perf_counter()
    if solve is None:
        from .solve import Optimiser

        solve = (optimiser or Optimiser(m, scenario.social)).solve
    base = baseline or run_baseline(m)
    solved: dict[tuple[str, ...], Results] = {(): base}
    total = len(waterfall_sets(active))

    def npv(levers: tuple[str, ...]) -> float:
        levers = tuple(k for k in LEVERS if k in levers)
        if levers not in solved:
            solved[levers] = solve(scenario.with_levers(levers, name="+".join(levers)))
            if progress is not None:
                progress(len(solved) - 1, total)
        return solved[levers].npv

    steps = [{"step": 0, "lever": "baseline", "npv": base.npv, "gain": 0.0}]
    on: tuple[str, ...] = ()
    previous = base.npv
    for i, lever in enumerate(active, start=1):
        on = on + (lever,)
        value = npv(on)
        steps.append({"step": i, "lever": lever, "npv": value, "gain": value - previous})
        previous = value
    steps.append({"step": len(active) + 1, "lever": "all", "npv": previous, "gain": previous - base.npv})
    reference = ("placement",) if "placement" in active else ()
    ref_npv = npv(reference)
    alone = [{"lever": "placement", "npv": ref_npv, "gain": ref_npv - base.npv}] if reference else []
    for lever in active:
        if lever != "placement":
            value = npv(reference + (lever,))
            alone.append({"lever": lever, "npv": value, "gain": value - ref_npv})
    return Waterfall(pd.DataFrame(steps), pd.DataFrame(alone, columns=["lever", "npv", "gain"]), solved,
                     time.perf_counter() - started)
