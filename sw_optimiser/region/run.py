"""Solve every coalition a split needs (in parallel), and split the gain of cooperation."""

from __future__ import annotations

import itertools
import multiprocessing
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from . import game
from .joint import CoalitionValue, solve_coalition
from .spec import Region, cores


@dataclass
class RegionResult:
    region: Region
    values: dict[tuple[int, ...], CoalitionValue]
    alone: list[float]  # v({i})
    joint: float  # v(N)
    gain: float  # v(N) - sum v({i})
    gain_low: float | None  # v(N) - sum of the alone bounds: the gain is at least this
    gain_high: float | None  # bound(N) - sum v({i}): the gain is at most this
    shapley: list[float]  # allocation of v(N) (alone value + share of the gain)
    shapley_se: list[float] | None  # standard error per member when sampled
    proportional: list[float]  # allocation of v(N), gain pro rata SE
    method: str  # exact | sampled
    samples: int
    rational: list[bool]  # Shapley allocation >= alone value (within tolerance)
    core: game.CoreCheck
    tolerance: float  # € within which IR and core are judged (solver gaps)
    seconds: float
    own: dict[int, float] = field(default_factory=dict)  # own NPV of each member in the joint plan
    uncertainty: float = 0.0  # largest bound - value over the coalitions solved (€)

    @property
    def n(self) -> int:
        return len(self.region.members)

    def shapley_gain(self) -> list[float]:
        return [s - a for s, a in zip(self.shapley, self.alone)]

    def proportional_gain(self) -> list[float]:
        return [s - a for s, a in zip(self.proportional, self.alone)]


_SOLVE_LOCK = threading.Lock()  # one solve at a time per process: Pyomo's output capture is process-wide


def _solve(args):
    region, coalition, start = args
    with _SOLVE_LOCK:
        return solve_coalition(region, coalition, start)


def solve_all(region: Region, needed: set[tuple[int, ...]], workers: int | None = None,
              executor=None, progress=None) -> dict[tuple[int, ...], CoalitionValue]:
    """Solve the coalitions in `needed` (and every singleton), smallest first. A coalition starts from
    the best split into two solved coalitions (their plans together are feasible for it), so no
    coalition is worth less than any split into coalitions solved before it.

    Runs in a local ProcessPoolExecutor of `workers` processes, or in any `concurrent.futures.Executor`
    given (e.g. a dask.distributed client's `get_executor()`: see dask_run.py)."""
    n = len(region.members)
    needed = set(needed) | {(i,) for i in range(n)}
    by_size: dict[int, list] = {}
    for S in needed:
        by_size.setdefault(len(S), []).append(S)
    done: dict[tuple[int, ...], CoalitionValue] = {}
    workers = min(workers or region.workers, cores())  # more processes than cores only wait and take memory

    def start_of(S):
        best, best_value = None, None
        for k in range(1, len(S) // 2 + 1):
            for part in itertools.combinations(S, k):
                rest = tuple(x for x in S if x not in part)
                if part in done and rest in done and done[part].value is not None and done[rest].value is not None:
                    value = done[part].value + done[rest].value
                    if best_value is None or value > best_value:
                        best, best_value = (rest, part), value
        if best is None:
            return None
        start = dict(done[best[0]].solution or {})
        start.update(done[best[1]].solution or {})
        return start

    def run(batch, pool):
        jobs = [(region, S, start_of(S)) for S in sorted(batch)]
        results = map(_solve, jobs) if pool is None else pool.map(_solve, jobs)
        for S, res in zip(sorted(batch), results):
            done[S] = res
            if progress:
                progress(res)

    # "spawn", not fork: a forked child of a process that has run HiGHS inherits its thread pool in a
    # broken state and spins forever (seen in the benchmark, which solves before it splits).
    own_pool = (ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
                if workers > 1 and executor is None else None)
    try:
        for size in sorted(by_size):
            run(by_size[size], executor or own_pool)
    finally:
        if own_pool is not None:
            own_pool.shutdown()
    # plans are only needed as starting points
    for res in done.values():
        res.solution = None
    return done


def coalitions_needed(region: Region) -> tuple[set[tuple[int, ...]], list[list[int]] | None]:
    """The coalitions a split solves (every singleton besides), and the sampled orders when sampled."""
    n = len(region.members)
    if n <= region.exact_limit:
        return set(game.coalitions(n)), None
    orders = game.permutations_sample(n, region.samples, region.seed)
    return game.prefixes(orders) | {(i,) for i in range(n)}, orders


def split(region: Region, workers: int | None = None, executor=None, progress=None) -> RegionResult:
    started = time.perf_counter()
    n = len(region.members)
    exact = n <= region.exact_limit
    needed, orders = coalitions_needed(region)
    values = solve_all(region, needed, workers, executor, progress)
    failed = [S for S, r in values.items() if r.value is None]
    if failed:
        raise RuntimeError(f"no plan found for coalitions {failed}")

    def v(S):
        return values[tuple(sorted(S))].value

    alone = [v((i,)) for i in range(n)]
    grand = tuple(range(n))
    joint = v(grand)
    gain = joint - sum(alone)
    bounds_alone = [values[(i,)].bound for i in range(n)]
    gain_low = joint - sum(bounds_alone) if None not in bounds_alone else None
    gain_high = values[grand].bound - sum(alone) if values[grand].bound is not None else None
    if exact:
        shapley, shapley_se = game.shapley_exact(n, v), None
    else:
        shapley, shapley_se = game.shapley_sampled(n, v, orders)
        # the sampled values need not add up to v(N) exactly; they do in expectation
    weights = [m.se for m in region.members]
    prop = [a + g for a, g in zip(alone, game.proportional(gain, weights))]
    # IR and the core are judged on the values found, to the euro (and a relative 1e-9 for rounding);
    # `uncertainty` says how far the solver gaps leave any v(S) from its optimum.
    tol = max(1.0, 1e-9 * max(abs(r.value) for r in values.values()))
    uncertainty = max(((r.bound - r.value) for r in values.values() if r.bound is not None), default=0.0)
    rational = [s >= a - tol for s, a in zip(shapley, alone)]
    core = game.core_check({S: r.value for S, r in values.items()}, shapley, tol)
    return RegionResult(region, values, alone, joint, gain, gain_low, gain_high, shapley, shapley_se, prop,
                        "exact" if exact else "sampled", 0 if exact else len(orders), rational, core, tol,
                        time.perf_counter() - started, own=dict(values[grand].member_values), uncertainty=uncertainty)
