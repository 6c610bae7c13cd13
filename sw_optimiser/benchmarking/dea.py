"""Data envelopment analysis (DEA), envelopment form, solved with HiGHS through `highspy`.

Models: CCR (`model="crs"`, constant returns) and BCC (`model="vrs"`, variable returns: sum of
lambdas = 1), input- or output-oriented. For DMU o, with inputs x (m x n) and outputs y (s x n):

    input-oriented:   min theta   s.t.  X lambda + s- = theta x_o,   Y lambda - s+ = y_o
    output-oriented:  max eta     s.t.  X lambda + s- = x_o,         Y lambda - s+ = eta y_o
                      lambda, s-, s+ >= 0   (BCC: sum lambda = 1)

Non-discretionary ("fixed") inputs (Banker & Morey 1986) are inputs the unit cannot change, such
as the Wsw employees of a sheltered-work company. Their rows read X_f lambda + s-_f = x_fo in both
orientations: not scaled by theta, and their slacks are left out of phase 2's objective, so their
target is their current value. theta then measures the reduction of the other inputs only.

Two phases: phase 1 gives the radial score; phase 2 fixes it and maximises the sum of slacks.
Each input and output is divided by its mean over the DMUs before the LP is built: scores and
lambdas do not change, the LP is better conditioned, and the phase-2 slack sum no longer depends
on the units (euros against FTE). Slacks and targets are reported in the original units.

ONE `highspy.Highs` LP is built per run; for each DMU only the score column's coefficients and
the right-hand sides change (and, for super-efficiency, the DMU's own lambda is fixed at 0), and
the LP is re-solved from the previous basis.

Scores: `score` is theta (<= 1) or eta (>= 1); `efficiency` is theta or 1/eta, so 1 is efficient
in both orientations. `super_efficiency` (Andersen-Petersen, the DMU left out of its own
reference set) is on the same scale: > 1 for efficient units; infinite where no combination
of the other DMUs can envelop the unit (possible under BCC).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..i18n import t
from .envelopment import EnvelopmentLP, Solution

MODELS = {"crs": "crs", "ccr": "crs", "vrs": "vrs", "bcc": "vrs"}
ORIENTATIONS = ("input", "output")
LAMBDA_EPS = 1e-9  # a DMU with lambda above this is a peer
TOL = 1e-6  # efficiency within 1 +- TOL and all (scaled) slacks below TOL: efficient


# ----- messages and errors ----------------------------------------------------------------------
@dataclass(frozen=True)
class DEAMessage:
    """An error or warning; `code` names it (e.g. "dea.err.missing"), `detail` fills its placeholders."""

    code: str
    detail: Mapping[str, object] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The catalogue key: "dea.err.missing" -> "bench.dea_err_missing"."""
        return "bench." + self.code.replace(".", "_")

    def text(self, lang: str = "nl") -> str:
        # a tuple holds column keys: shown by their headings in `lang`
        return t(self.key, lang, **{k: _headings(v, lang) if isinstance(v, tuple) else v
                                    for k, v in self.detail.items()})

    def __str__(self) -> str:
        return self.text("en")


def _headings(keys: tuple, lang: str) -> str:
    from .peers import COLUMN_BY_KEY  # peers needs nothing from here; imported late all the same

    return ", ".join(COLUMN_BY_KEY[k].heading(lang) if k in COLUMN_BY_KEY else str(k) for k in keys)


class DEAInputError(ValueError):
    """The data cannot be used for DEA; `.problems` lists every reason."""

    def __init__(self, problems: Sequence[DEAMessage]):
        self.problems = list(problems)
        super().__init__(self.describe("en"))

    def describe(self, lang: str = "nl") -> str:
        return "\n".join(p.text(lang) for p in self.problems)


# ----- results ----------------------------------------------------------------------------------
@dataclass
class Benchlearning:
    """A company's efficient reference companies (lambda weights) and its targets."""

    company_id: str
    efficiency: float
    status: str
    peers: pd.DataFrame  # index peer id; columns: lambda, efficient, then the peer's inputs and outputs
    targets: pd.DataFrame  # index variable key; columns: kind (input, fixed_input, output), actual, target,
    #                        change, change_pct, slack


@dataclass
class DEAResult:
    table: pd.DataFrame  # one row per DMU, see `run_dea`
    peers: dict[str, dict[str, float]]  # DMU id -> {peer id: lambda} (lambda > LAMBDA_EPS)
    data: pd.DataFrame  # the inputs and outputs used, index = DMU id
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    model: str
    orientation: str
    messages: list[DEAMessage] = field(default_factory=list)
    fixed_inputs: tuple[str, ...] = ()  # non-discretionary: held at their current values

    def lambdas(self) -> pd.DataFrame:
        """Dense lambda matrix: row = DMU, column = reference DMU."""
        ids = list(self.table.index)
        matrix = pd.DataFrame(0.0, index=pd.Index(ids, name="id"), columns=ids)
        for dmu, weights in self.peers.items():
            for peer, weight in weights.items():
                matrix.loc[dmu, peer] = weight
        return matrix

    def benchlearning(self, company_id: str) -> Benchlearning:
        company_id = str(company_id)
        if company_id not in self.table.index:
            raise KeyError(t("bench.dea_err_unknown_company", "en", id=company_id))
        row = self.table.loc[company_id]
        weights = {p: w for p, w in self.peers.get(company_id, {}).items() if p != company_id}
        peers = pd.DataFrame({"lambda": pd.Series(weights, dtype=float)})
        peers.index.name = "id"
        peers["efficient"] = [bool(self.table.loc[p, "efficient"]) for p in peers.index]
        peers = peers.join(self.data).sort_values("lambda", ascending=False)
        rows = []
        for key in (*self.inputs, *self.outputs):
            actual, target = float(self.data.loc[company_id, key]), float(row[f"target_{key}"])
            if abs(target - actual) <= 1e-9 * max(1.0, abs(actual)):
                target = actual  # solver noise
            kind = "fixed_input" if key in self.fixed_inputs else "input" if key in self.inputs else "output"
            rows.append({"key": key, "kind": kind,
                         "actual": actual, "target": target, "change": target - actual,
                         "change_pct": (target - actual) / actual if actual else math.nan,
                         "slack": float(row[f"slack_{key}"])})
        targets = pd.DataFrame(rows).set_index("key")
        return Benchlearning(company_id, float(row["efficiency"]), str(row["status"]), peers, targets)


# ----- data checks ------------------------------------------------------------------------------
def _short_list(ids: Sequence[str], limit: int = 8) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" (+{len(ids) - limit})" if len(ids) > limit else "")


def prepare_data(data: pd.DataFrame, inputs: Sequence[str], outputs: Sequence[str],
                 id_column: str | None = "id") -> tuple[pd.DataFrame, list[DEAMessage]]:
    """The chosen columns as floats (index = DMU id as text) and warnings; raises DEAInputError."""
    inputs, outputs = list(inputs), list(outputs)
    problems: list[DEAMessage] = []
    if not inputs:
        problems.append(DEAMessage("dea.err.no_inputs"))
    if not outputs:
        problems.append(DEAMessage("dea.err.no_outputs"))
    available = ", ".join(str(c) for c in data.columns
                          if c != id_column and pd.api.types.is_numeric_dtype(data[c]))
    for key in dict.fromkeys(inputs + outputs):
        if key not in data.columns or key == id_column:
            problems.append(DEAMessage("dea.err.unknown_column", {"column": key, "available": available}))
    problems += [DEAMessage("dea.err.both", {"column": k}) for k in inputs if k in outputs]
    ids = (data[id_column] if id_column and id_column in data.columns else pd.Series(data.index)).astype(str)
    problems += [DEAMessage("dea.err.duplicate_id", {"id": i}) for i in ids[ids.duplicated()].unique()]
    if len(data) < 2:
        problems.append(DEAMessage("dea.err.too_few", {"n": len(data)}))
    if problems:
        raise DEAInputError(problems)

    keys = inputs + outputs
    table = pd.DataFrame(index=pd.Index(ids.to_list(), name="id"))
    for key in keys:
        column = data[key]
        if not (pd.api.types.is_numeric_dtype(column) or column.isna().all()):
            converted = pd.to_numeric(column, errors="coerce")
            if converted.notna().sum() < column.notna().sum():
                problems.append(DEAMessage("dea.err.not_numeric", {"column": key}))
                continue
            column = converted
        values = column.to_numpy(dtype=float)
        table[key] = values
        missing = [i for i, v in zip(table.index, values) if not math.isfinite(v)]
        negative = [i for i, v in zip(table.index, values) if v < 0]
        if missing:
            problems.append(DEAMessage("dea.err.missing", {"column": key, "ids": _short_list(missing)}))
        if negative:
            problems.append(DEAMessage("dea.err.negative", {"column": key, "ids": _short_list(negative)}))
        if not missing and not negative and not np.any(values > 0):
            problems.append(DEAMessage("dea.err.all_zero", {"column": key}))
    if not problems:
        no_inputs = table.index[(table[inputs] <= 0).all(axis=1)].to_list()
        if no_inputs:
            problems.append(DEAMessage("dea.err.inputs_zero", {"ids": _short_list(no_inputs)}))
    if problems:
        raise DEAInputError(problems)

    warnings: list[DEAMessage] = []
    no_outputs = table.index[(table[outputs] <= 0).all(axis=1)].to_list()
    if no_outputs:
        warnings.append(DEAMessage("dea.warn.outputs_zero", {"ids": _short_list(no_outputs)}))
    n, m, s = len(table), len(inputs), len(outputs)
    need = max(m * s, 3 * (m + s))
    if n < need:
        warnings.append(DEAMessage("dea.warn.few_dmus", {"n": n, "m": m, "s": s, "need": need}))
    return table, warnings


# ----- the run ----------------------------------------------------------------------------------
def run_dea(data: pd.DataFrame, inputs: Sequence[str], outputs: Sequence[str], model: str = "crs",
            orientation: str = "input", super_efficiency: bool = False,
            id_column: str | None = "id", fixed_inputs: Sequence[str] = ()) -> DEAResult:
    """DEA for every row of `data` (a DMU per row; ids from `id_column`, else the index).

    `fixed_inputs` (some of `inputs`) are non-discretionary: held at their current values, with
    no radial reduction and no slack target; the score measures the other inputs (or the outputs).

    The result's `table` has, per DMU: score (theta or eta), efficiency (theta or 1/eta),
    status ("efficient", "weakly_efficient", "inefficient", "not_solved"), efficient (bool),
    n_peers, slack_<key> and target_<key> per input and output (original units) and, with
    `super_efficiency=True`, super_efficiency (inf where it cannot be determined) and super_feasible.
    Raises DEAInputError for unusable data; warnings are in `result.messages`.
    """
    problems = []
    if str(model).lower() not in MODELS:
        problems.append(DEAMessage("dea.err.model", {"value": model}))
    if orientation not in ORIENTATIONS:
        problems.append(DEAMessage("dea.err.orientation", {"value": orientation}))
    fixed_inputs = (fixed_inputs,) if isinstance(fixed_inputs, str) else tuple(fixed_inputs)
    problems += _fixed_problems(inputs, fixed_inputs, orientation)
    if problems:
        raise DEAInputError(problems)
    model = MODELS[str(model).lower()]
    table, messages = prepare_data(data, inputs, outputs, id_column)
    inputs, outputs = tuple(inputs), tuple(outputs)
    fixed = np.array([key in fixed_inputs for key in inputs])
    x = table[list(inputs)].to_numpy(dtype=float).T
    y = table[list(outputs)].to_numpy(dtype=float).T
    if orientation == "input" and fixed.any():
        # theta scales only the free inputs: where they are all zero it could fall to 0 for nothing
        stuck = table.index[(x[~fixed] <= 0).all(axis=0)].to_list()
        if stuck:
            raise DEAInputError([DEAMessage("dea.err.free_inputs_zero", {"ids": _short_list(stuck)})])
    lp = EnvelopmentLP(x, y, model, orientation, fixed)
    ids = list(table.index)
    names = _names(data, id_column)
    input_oriented = orientation == "input"
    nothing_produced = (y <= 0).all(axis=0)

    rows, peers = [], {}
    for o, dmu in enumerate(ids):
        if not input_oriented and nothing_produced[o]:
            # eta is unbounded: any multiple of zero output is reachable; efficiency 0
            rows.append(_row(inputs, outputs, math.inf, 0.0, "inefficient", x[:, o], y[:, o], None, lp))
            peers[dmu] = {}
            if super_efficiency:
                rows[-1].update(super_efficiency=0.0, super_feasible=True)
            continue
        solution = lp.solve(o)
        if not solution.ok:
            messages.append(DEAMessage("dea.warn.solver", {"id": dmu, "status": solution.status}))
            rows.append(_row(inputs, outputs, math.nan, math.nan, "not_solved", x[:, o], y[:, o], None, lp))
            peers[dmu] = {}
        else:
            efficiency = solution.score if input_oriented else (1 / solution.score if solution.score > 0 else math.inf)
            rows.append(_row(inputs, outputs, solution.score, efficiency, None, x[:, o], y[:, o], solution, lp))
            peers[dmu] = {ids[j]: float(solution.lambdas[j]) for j in np.flatnonzero(solution.lambdas > LAMBDA_EPS)}
        if super_efficiency:
            status, score = lp.super_score(o)
            if status == "optimal":
                value = score if input_oriented else (1 / score if score > 0 else math.inf)
                rows[-1].update(super_efficiency=value, super_feasible=True)
            elif status == "infeasible":  # no other DMUs envelop this one
                messages.append(_super_infeasible(names.get(dmu, dmu), orientation,
                                                  tuple(k for k in inputs if k in fixed_inputs)))
                rows[-1].update(super_efficiency=math.inf, super_feasible=False)
            else:
                messages.append(DEAMessage("dea.warn.solver", {"id": dmu, "status": status}))
                rows[-1].update(super_efficiency=math.nan, super_feasible=False)
    result_table = pd.DataFrame(rows, index=pd.Index(ids, name="id"))
    result_table["n_peers"] = [len(peers[i]) for i in ids]
    return DEAResult(result_table, peers, table, inputs, outputs, model, orientation, messages,
                     tuple(k for k in inputs if k in fixed_inputs))


def _names(data: pd.DataFrame, id_column: str | None) -> dict[str, str]:
    """DMU id -> its name where the data has a name column (messages name companies, not codes)."""
    if "name" not in data.columns:
        return {}
    ids = data[id_column] if id_column and id_column in data.columns else data.index
    return {str(i): str(n) for i, n in zip(ids, data["name"]) if isinstance(n, str) and n.strip()}


def _super_infeasible(dmu: str, orientation: str, fixed: tuple[str, ...]) -> DEAMessage:
    if orientation == "input" and fixed:  # then the fixed inputs, not only returns to scale, can be why
        return DEAMessage("dea.warn.super_infeasible.input_fixed", {"id": dmu, "fixed": fixed})
    return DEAMessage(f"dea.warn.super_infeasible.{orientation}", {"id": dmu})


def _fixed_problems(inputs: Sequence[str], fixed_inputs: Sequence[str], orientation: str) -> list[DEAMessage]:
    problems = [DEAMessage("dea.err.fixed_not_input", {"column": k}) for k in fixed_inputs if k not in inputs]
    if orientation == "input" and inputs and all(k in fixed_inputs for k in inputs):
        problems.append(DEAMessage("dea.err.all_fixed"))  # nothing left for theta to reduce
    return problems


def _row(inputs: tuple[str, ...], outputs: tuple[str, ...], score: float, efficiency: float,
         status: str | None, x_o: np.ndarray, y_o: np.ndarray, solution: Solution | None,
         lp: EnvelopmentLP) -> dict[str, object]:
    """One result row; slacks and targets in original units."""
    row: dict[str, object] = {"score": score, "efficiency": efficiency}
    if solution is None:
        slack_in, slack_out = np.full(len(inputs), math.nan), np.full(len(outputs), math.nan)
        target_in, target_out = slack_in, slack_out
        row.update(status=status, efficient=False)
    else:
        slack_in = np.where(solution.slack_in > TOL, solution.slack_in, 0.0) * lp.x_scale
        slack_out = np.where(solution.slack_out > TOL, solution.slack_out, 0.0) * lp.y_scale
        radial_in = np.where(lp.fixed, x_o, score * x_o) if lp.input_oriented else x_o
        radial_out = y_o if lp.input_oriented else score * y_o
        target_in, target_out = radial_in - slack_in, radial_out + slack_out
        on_frontier = abs(efficiency - 1) <= TOL
        no_slack = not (np.any(solution.slack_in > TOL) or np.any(solution.slack_out > TOL))
        status = "efficient" if on_frontier and no_slack else "weakly_efficient" if on_frontier else "inefficient"
        row.update(status=status, efficient=status == "efficient")
    for key, value in zip(inputs, slack_in):
        row[f"slack_{key}"] = value
    for key, value in zip(outputs, slack_out):
        row[f"slack_{key}"] = value
    for key, value in zip(inputs, target_in):
        row[f"target_{key}"] = value
    for key, value in zip(outputs, target_out):
        row[f"target_{key}"] = value
    return row
