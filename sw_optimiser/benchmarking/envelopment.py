"""The DEA envelopment LP: one HiGHS model for all DMUs, its columns and bounds updated per DMU
(see dea.py for the method and its references)."""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass

import highspy
import numpy as np


_banner_shown = False


def _new_highs() -> highspy.Highs:
    """A Highs object; the first one of the process is made with stdout silenced, because HiGHS
    prints its banner on construction, before any option can switch logging off."""
    global _banner_shown
    if _banner_shown:
        return highspy.Highs()
    _banner_shown = True
    try:
        sys.stdout.flush()
        saved = os.dup(1)  # HiGHS writes to the process's stdout (fd 1), whatever sys.stdout is
    except (AttributeError, OSError, ValueError):
        return highspy.Highs()
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            return highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


# ----- one LP for all DMUs ---------------------------------------------------------------------
@dataclass
class Solution:
    ok: bool
    status: str
    score: float = math.nan
    lambdas: np.ndarray | None = None
    slack_in: np.ndarray | None = None  # scaled units
    slack_out: np.ndarray | None = None


class EnvelopmentLP:
    """One highspy LP for all DMUs; `solve(o)` re-targets it to DMU o and runs both phases.

    Columns: lambda_0..lambda_{n-1}, score, s-_0..s-_{m-1}, s+_0..s+_{s-1}.
    Rows: one per input, one per output, and (BCC) the convexity row.
    `fixed` (one bool per input) marks the non-discretionary inputs.
    """

    def __init__(self, x: np.ndarray, y: np.ndarray, model: str = "crs", orientation: str = "input",
                 fixed: np.ndarray | None = None):
        self.x_scale = x.mean(axis=1)
        self.y_scale = y.mean(axis=1)
        self.x = x / self.x_scale[:, None]  # m x n, mean 1 per row
        self.y = y / self.y_scale[:, None]  # s x n
        self.m, self.n = self.x.shape
        self.s = self.y.shape[0]
        self.vrs = model == "vrs"
        self.input_oriented = orientation == "input"
        self.fixed = np.zeros(self.m, dtype=bool) if fixed is None else np.asarray(fixed, dtype=bool)
        self.free_inputs = np.flatnonzero(~self.fixed).astype(np.int32)
        self.fixed_inputs = np.flatnonzero(self.fixed).astype(np.int32)
        output_rows = np.arange(self.m, self.m + self.s, dtype=np.int32)
        self.score_col = self.n
        self.slack_cols = np.arange(self.n + 1, self.n + 1 + self.m + self.s, dtype=np.int32)
        # rows whose score coefficient depends on the DMU, and rows whose right-hand side does
        # (a fixed input's row keeps x_o on the right, unscaled, in both orientations)
        if self.input_oriented:
            self.score_rows = self.free_inputs
            self.rhs_rows = np.concatenate([self.fixed_inputs, output_rows])
        else:
            self.score_rows = output_rows
            self.rhs_rows = np.arange(self.m, dtype=np.int32)
        self.phase1_cols = np.concatenate([[self.score_col], self.slack_cols]).astype(np.int32)
        self.phase1_cost = np.zeros(len(self.phase1_cols))
        self.phase1_cost[0] = 1.0 if self.input_oriented else -1.0  # always minimise
        # phase 2 maximises the slacks that are targets; a fixed input's slack is none
        self.phase2_cost = np.concatenate([[0.0], np.where(self.fixed, 0.0, -1.0), -np.ones(self.s)])
        self.highs = self._build()
        self.current: int | None = None  # the DMU the LP is pointed at

    def _build(self) -> highspy.Highs:
        n, m, s = self.n, self.m, self.s
        num_row = m + s + (1 if self.vrs else 0)
        starts, index, value = [], [], []
        for j in range(n):  # lambda_j
            starts.append(len(index))
            column = np.concatenate([self.x[:, j], self.y[:, j], [1.0] if self.vrs else []])
            nz = np.flatnonzero(column)
            index += nz.tolist()
            value += column[nz].tolist()
        starts.append(len(index))  # score: placeholder -1 on the rows it scales
        index += [int(row) for row in self.score_rows]
        value += [-1.0] * len(self.score_rows)
        for i in range(m):  # input slacks
            starts.append(len(index))
            index.append(i)
            value.append(1.0)
        for r in range(s):  # output slacks
            starts.append(len(index))
            index.append(m + r)
            value.append(-1.0)
        starts.append(len(index))
        lp = highspy.HighsLp()
        lp.num_col_ = n + 1 + m + s
        lp.num_row_ = num_row
        lp.col_cost_ = np.zeros(lp.num_col_)
        lp.col_lower_ = np.zeros(lp.num_col_)
        lp.col_upper_ = np.full(lp.num_col_, highspy.kHighsInf)
        lp.row_lower_ = np.array([0.0] * (m + s) + ([1.0] if self.vrs else []))
        lp.row_upper_ = lp.row_lower_.copy()
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(value, dtype=float)
        lp.a_matrix_.num_col_ = lp.num_col_
        lp.a_matrix_.num_row_ = num_row
        highs = _new_highs()
        highs.setOptionValue("output_flag", False)
        highs.setOptionValue("presolve", "off")  # re-solves start from the previous basis
        # primal simplex: after phase 1 only the costs change, so the basis stays primal feasible
        highs.setOptionValue("simplex_strategy", 4)
        if highs.passModel(lp) != highspy.HighsStatus.kOk:
            raise RuntimeError("HiGHS rejected the DEA model")
        return highs

    def target(self, o: int) -> None:
        """Point the LP at DMU o: the score column's coefficients and the right-hand sides."""
        if self.current == o:
            return
        self.current = o
        h = self.highs
        own = self.x[self.free_inputs, o] if self.input_oriented else self.y[:, o]
        for row, coefficient in zip(self.score_rows, own):
            h.changeCoeff(int(row), self.score_col, -float(coefficient))
        rhs = (np.concatenate([self.x[self.fixed_inputs, o], self.y[:, o]]) if self.input_oriented
               else self.x[:, o])
        h.changeRowsBounds(len(self.rhs_rows), self.rhs_rows, rhs, rhs)

    def _run(self) -> str:
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            return "optimal"
        if status in (highspy.HighsModelStatus.kInfeasible, highspy.HighsModelStatus.kUnboundedOrInfeasible):
            return "infeasible"
        return self.highs.modelStatusToString(status)

    def _phase1(self) -> tuple[str, float]:
        h = self.highs
        h.changeColBounds(self.score_col, 0.0, highspy.kHighsInf)
        h.changeColsCost(len(self.phase1_cols), self.phase1_cols, self.phase1_cost)
        status = self._run()
        score = h.getSolution().col_value[self.score_col] if status == "optimal" else math.nan
        return status, score

    def solve(self, o: int) -> Solution:
        """Both phases for DMU o."""
        self.target(o)
        status, score = self._phase1()
        if status != "optimal":
            return Solution(False, status)
        h = self.highs
        h.changeColBounds(self.score_col, score, score)
        h.changeColsCost(len(self.phase1_cols), self.phase1_cols, self.phase2_cost)
        status = self._run()
        if status != "optimal":  # cannot happen in theory: phase 1's solution is feasible
            return Solution(False, status, score)
        values = np.asarray(h.getSolution().col_value)
        n, m = self.n, self.m
        if abs(score - 1) < 1e-9:
            score = 1.0  # solver noise around the frontier
        slack_in = values[n + 1:n + 1 + m].copy()
        slack_in[self.fixed] = 0.0  # whatever is left of a fixed input is no target
        return Solution(True, status, score, values[:n], slack_in, values[n + 1 + m:])

    def super_score(self, o: int) -> tuple[str, float]:
        """Phase-1 score of DMU o with o left out of its own reference set."""
        self.target(o)
        h = self.highs
        h.changeColBounds(o, 0.0, 0.0)
        try:
            return self._phase1()
        finally:
            h.changeColBounds(o, 0.0, highspy.kHighsInf)
