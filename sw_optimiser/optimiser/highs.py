"""The one solver adapter: HiGHS through Pyomo's persistent interface (`pyomo.contrib.solver`).

Used by the optimiser, the infeasibility diagnosis and the region alike: solve with a time limit and a
gap, started from the values the variables hold, report progress, and map HiGHS's status to ours
(`optimal`, `time_limit`, `infeasible`, `no_solution`).

HiGHS and Pyomo quirks handled here, and only here (versions pinned in pyproject.toml;
tests/test_highs_adapter.py fails loudly when one of the private attributes below disappears):

- **Fixed variables as bounds** (`treat_fixed_vars_as_params=False`): a lever switched off fixes its
  decisions; with Pyomo's default every constraint holding a fixed or released variable is rebuilt
  (seconds on the example company), with bounds it is a column-bound change (milliseconds).
- **Start values** go to HiGHS's `setSolution` through the interface's private maps
  `_solver_model` (the highspy.Highs object), `_pyomo_var_to_solver_var_map` (id(var) -> column) and
  `_vars` (id(var) -> (var, ...)). When every column has a value the start is dense; otherwise sparse,
  and then only over free columns (HiGHS 1.16 rejects a sparse start that repeats fixed columns).
- **A start's values handed back**: HiGHS 1.16, given a start and with presolve on, can report the optimum
  it found but return the start's column values. After loading, the objective is evaluated from the
  values; if it disagrees with HiGHS's incumbent, the solve runs once more without a start (the start
  is cleared, HiGHS keeps it between runs otherwise).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable

import highspy
import numpy as np
import pyomo.environ as pyo
from pyomo.contrib.solver.common.results import SolutionStatus, TerminationCondition
from pyomo.contrib.solver.solvers.highs import Highs

INFEASIBLE = (TerminationCondition.provenInfeasible, TerminationCondition.locallyInfeasible,
              TerminationCondition.infeasibleOrUnbounded)
STOPPED = {TerminationCondition.maxTimeLimit: "time", TerminationCondition.iterationLimit: "work"}
PRIVATE = ("_solver_model", "_pyomo_var_to_solver_var_map", "_vars")  # what the adapter relies on
PROGRESS_EVERY = 0.5  # seconds between progress reports
MAX_NODES = 2**31 - 1  # HiGHS's own default for mip_max_nodes: no limit

# progress(best objective or None, bound or None, seconds): called while HiGHS searches.
Progress = Callable[[float | None, float | None, float], None]


@dataclass
class Outcome:
    status: str  # optimal | time_limit | infeasible | no_solution
    objective: float | None  # of the plan loaded into the variables
    bound: float | None  # the solver's bound on the best objective
    gap: float | None  # |bound - objective| / max(1, |objective|)
    seconds: float
    # what ended a search before its gap: "work" (the node limit: the same on every run and machine),
    # "time" (the time limit: where it falls depends on the machine) or "user" (should_stop); None: the gap
    stopped: str | None = None


class Solver:
    """A persistent HiGHS solver on one Pyomo model (built on the first solve, updated after)."""

    def __init__(self, options: dict | None = None):
        self.highs = _Highs(treat_fixed_vars_as_params=False)
        self.highs.adapter = self
        self.options = dict(options or {})

    def solve(self, model: pyo.ConcreteModel, time_limit: float | None = None, gap: float | None = None,
              abs_gap: float | None = None, start: bool = True, progress: Progress | None = None,
              should_stop: Callable[[], bool] | None = None, nodes: int | None = None) -> Outcome:
        """Solve `model` (its active objective) and load the best plan found into its variables. `start`:
        begin from the values the variables hold. `should_stop()`, polled while HiGHS searches, ends the
        search early with the best plan so far (status time_limit). `nodes`: stop after this many
        branch-and-bound nodes (a limit on work, the same on every machine), status time_limit too."""
        started = time.perf_counter()
        outcome = self._run(model, time_limit, gap, abs_gap, start, progress, should_stop, nodes)
        if outcome is None:  # the start's values came back instead of the plan: once more, cold
            self.clear_start()
            left = None if time_limit is None else max(0.1, time_limit - (time.perf_counter() - started))
            outcome = self._run(model, left, gap, abs_gap, False, progress, should_stop, nodes)
        outcome.seconds = time.perf_counter() - started
        return outcome

    def _run(self, model, time_limit, gap, abs_gap, start, progress, should_stop, nodes=None) -> Outcome | None:
        limits = {"time_limit": time_limit, "rel_gap": gap, "abs_gap": abs_gap}
        self.highs.start, self.highs.progress, self.highs.should_stop = start, progress, should_stop
        # every option is given on every run: HiGHS keeps the options of the last one otherwise
        options = {**self.options, "mip_max_nodes": nodes if nodes is not None else MAX_NODES}
        res = self.highs.solve(model, load_solutions=False, raise_exception_on_nonoptimal_result=False,
                               solver_options=options, **{k: v for k, v in limits.items() if v is not None})
        if res.solution_status not in (SolutionStatus.optimal, SolutionStatus.feasible):
            interrupted = None if res.termination_condition in INFEASIBLE else self._interrupted()
            if interrupted is not None:
                return interrupted
            status = "infeasible" if res.termination_condition in INFEASIBLE else "no_solution"
            return Outcome(status, None, None, None, 0.0)
        res.solution_loader.load_vars()
        objective = res.incumbent_objective
        if start and not _close(pyo.value(_objective(model)), objective):
            return None
        bound = res.objective_bound
        if bound is not None and not math.isfinite(bound):
            bound = None  # stopped before the root: nothing proven
        gap_found = abs(bound - objective) / max(1.0, abs(objective)) if bound is not None else None
        if res.termination_condition == TerminationCondition.convergenceCriteriaSatisfied:
            return Outcome("optimal", objective, bound, gap_found, 0.0)
        stopped = STOPPED.get(res.termination_condition, "user")
        return Outcome("time_limit", objective, bound, gap_found, 0.0, stopped)

    def _interrupted(self) -> Outcome | None:
        """Pyomo reports no solution when should_stop interrupted HiGHS (status kInterrupt, 'unhandled'),
        though HiGHS holds the best plan it found: load that one into the variables and say so (None:
        not interrupted, or no plan yet)."""
        h = self.model
        if h is None or h.getModelStatus() != highspy.HighsModelStatus.kInterrupt:
            return None
        info = h.getInfo()
        if info.primal_solution_status != highspy.SolutionStatus.kSolutionStatusFeasible:
            return None
        values = h.getSolution().col_value
        for var_id, column in self.highs._pyomo_var_to_solver_var_map.items():
            var = self.highs._vars[var_id][0]
            if not var.fixed:
                var.set_value(values[column], skip_validation=True)
        objective, bound = info.objective_function_value, _finite(info.mip_dual_bound)
        gap_found = abs(bound - objective) / max(1.0, abs(objective)) if bound is not None else None
        return Outcome("time_limit", objective, bound, gap_found, 0.0, "user")

    # ----- HiGHS's own model ------------------------------------------------------------------------
    @property
    def model(self) -> highspy.Highs:
        return self.highs._solver_model

    def clear_start(self) -> None:
        if self.highs._solver_model is not None:
            self.highs._solver_model.clearSolver()

    def set_start(self) -> None:
        """Give HiGHS the values the variables hold as a start (see the module docstring)."""
        h = self.highs
        columns = h._pyomo_var_to_solver_var_map
        n = h._solver_model.getNumCol()
        dense = np.zeros(n)
        index, values = [], []
        known = 0
        for var_id, column in columns.items():
            var = h._vars[var_id][0]
            if var.value is None:
                continue
            known += 1
            dense[column] = var.value
            if not var.fixed:
                index.append(column)
                values.append(var.value)
        if not index:
            return
        if known == n:
            start = highspy.HighsSolution()
            start.col_value = dense.tolist()
            h._solver_model.setSolution(start)
        else:
            h._solver_model.setSolution(len(index), np.array(index, dtype=np.int32), np.array(values))

    def duals(self, model: pyo.ConcreteModel, time_limit: float | None = None) -> dict | None:
        """Solve `model` as an LP (the caller fixed every integer variable) and return its duals by
        constraint, or None when it has no optimum (or none within `time_limit` seconds)."""
        # HiGHS keeps the options of the last solve: without resetting it, the LP of a time-limited plan
        # inherited the MIP's spent time limit and came back without a solution (no marginal values).
        self.highs.start, self.highs.progress, self.highs.should_stop = False, None, None
        res = self.highs.solve(model, load_solutions=False, raise_exception_on_nonoptimal_result=False,
                               solver_options=dict(self.options),
                               time_limit=DUALS_TIME_LIMIT if time_limit is None else time_limit)
        if res.solution_status != SolutionStatus.optimal:
            return None
        res.solution_loader.load_vars()
        return res.solution_loader.get_duals()


DUALS_TIME_LIMIT = 3600.0  # seconds: the LP of a plan solves in seconds; this only replaces the MIP's limit


class _Highs(Highs):
    """Pyomo's HiGHS interface, with the start and the progress/stop callbacks installed on HiGHS's own
    model once Pyomo has brought it up to date (just before HiGHS runs)."""

    # Set by the adapter before each solve (no __init__ of its own: Pyomo re-runs __init__ on a new model).
    adapter: Solver
    start = False
    progress: Progress | None = None
    should_stop: Callable[[], bool] | None = None

    def _solve(self):
        if self.start:
            self.adapter.set_start()
        h = self._solver_model
        handler = None
        if self.progress is not None or self.should_stop is not None:
            handler = _handler(self.progress, self.should_stop)
            h.cbMipInterrupt += handler
        try:
            return super()._solve()
        finally:
            if handler is not None:
                h.cbMipInterrupt -= handler


def _handler(progress: Progress | None, should_stop: Callable[[], bool] | None):
    last = [-PROGRESS_EVERY]

    def handler(event):
        out = event.data_out
        if should_stop is not None and should_stop():
            event.interrupt()
        if progress is not None and out.running_time - last[0] >= PROGRESS_EVERY:
            last[0] = out.running_time
            progress(_finite(out.mip_primal_bound), _finite(out.mip_dual_bound), out.running_time)

    return handler


def _finite(value: float) -> float | None:
    return value if abs(value) < highspy.kHighsInf else None


def _objective(model: pyo.ConcreteModel):
    return next(model.component_data_objects(pyo.Objective, active=True))


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))
