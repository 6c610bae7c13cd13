"""A user's time limit as one deadline for the whole solve (issue 22 item 7): the start plan's steps, the
final MILP and the marginal values together end within it, rather than each taking a limit of its own."""

from __future__ import annotations

import time
from collections.abc import Callable

MARGINAL_SHARE = 0.05  # of the time limit, kept back from the final MILP for the marginal values' LP
MARGINAL_FLOOR = 1.0  # seconds the marginal values' LP gets even when the MILP used its time (the example's: 0.6-0.9 s)
EXPLAIN_FLOOR, EXPLAIN_CAP = 10.0, 60.0  # seconds the diagnosis of an infeasible scenario gets at least / at most


class Deadline:
    """`seconds` from now, on `clock`."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.perf_counter):
        self.seconds, self.clock = seconds, clock
        self.at = clock() + seconds

    def left(self, reserve: float = 0.0, floor: float = 0.1, cap: float | None = None) -> float:
        """Seconds a part may take: what is left, less `reserve` (kept for the parts after it), at least
        `floor` (HiGHS needs a positive limit) and at most `cap`."""
        left = max(floor, self.at - reserve - self.clock())
        return left if cap is None else min(cap, left)

    def marginal_reserve(self, marginal_values: bool) -> float:
        """What the final MILP leaves for the marginal values' LP after it."""
        return MARGINAL_SHARE * self.seconds if marginal_values else 0.0
