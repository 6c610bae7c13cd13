"""What the workspace stores, as plain data: a Results as its tables (one per frame) and its figures,
a Plan as one table per decision, messages and problems as their catalogue key and parameters.
No pickles and no solver objects, so a stored scenario reads back in any later version that has the
same columns, and in any database. Nothing here knows about the database (store.py does)."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd

from ..i18n import Amount, Message
from ..plan import Plan
from ..problems import Problem
from ..results import Results
from ..siteplan import SitePlan

FRAMES = ("pnl", "pmcs", "sites", "supervision", "sales", "chain", "groups", "events")
FIGURES = ("company", "npv", "scenario", "status", "gap", "solve_seconds", "build_seconds", "objective")


def frame_text(df: pd.DataFrame) -> str:
    """A table as JSON: columns, index, rows and each column's type. Python's own JSON writes every
    float so that it reads back to the same bits (pandas' to_json rounds to 15 digits)."""
    split = df.to_dict(orient="split")
    return json.dumps({"columns": [str(c) for c in split["columns"]], "index": split["index"],
                       "index_name": df.index.name, "data": split["data"],
                       "dtypes": {str(c): str(t) for c, t in df.dtypes.items()}}, ensure_ascii=False)


def frame_of(text: str) -> pd.DataFrame:
    d = json.loads(text)
    df = pd.DataFrame(d["data"], columns=d["columns"], index=d["index"])
    for c, kind in d["dtypes"].items():
        if kind != "object" and str(df[c].dtype) != kind:
            df[c] = df[c].astype(kind)
    if d["index"] == list(range(len(df))):
        df.index = pd.RangeIndex(len(df))
    df.index.name = d["index_name"]
    return df


# ----- messages and problems --------------------------------------------------------------------
def _param(value: object) -> object:
    if isinstance(value, Amount):
        return {"amount": dataclasses.asdict(value)}
    return value


def _param_of(value: object) -> object:
    if isinstance(value, dict) and set(value) == {"amount"}:
        return Amount(**value["amount"])
    return value


def message_data(m: Message) -> dict:
    return {"key": m.key, "params": {k: _param(v) for k, v in m.params.items()}}


def message_of(data: dict) -> Message:
    return Message(data["key"], {k: _param_of(v) for k, v in data["params"].items()})


def problem_data(p: Problem) -> dict:
    return {**dataclasses.asdict(p), "params": {k: _param(v) for k, v in p.params.items()}}


def problem_of(data: dict) -> Problem:
    return Problem(**{**data, "params": {k: _param_of(v) for k, v in data["params"].items()}})


def said(items: list) -> list:
    """Messages, problems or an error's name (what the explorer shows when there is no plan) as data."""
    out = []
    for item in items:
        if isinstance(item, Message):
            out.append({"message": message_data(item)})
        elif isinstance(item, Problem):
            out.append({"problem": problem_data(item)})
        else:
            out.append({"text": str(item)})
    return out


def said_of(data: list) -> list:
    return [message_of(d["message"]) if "message" in d else problem_of(d["problem"]) if "problem" in d
            else d["text"] for d in data]


# ----- plans --------------------------------------------------------------------------------------
def plan_frames(plan: Plan | None) -> dict[str, pd.DataFrame]:
    """Each decision of a plan as a table: its key's parts (k0, k1, ...) and the value."""
    if not isinstance(plan, Plan):
        return {}
    out = {}
    for f in dataclasses.fields(plan):
        decisions = getattr(plan, f.name)
        width = len(next(iter(decisions))) if decisions else 0
        rows = [(*key, value) for key, value in decisions.items()]
        out[f"plan.{f.name}"] = pd.DataFrame(rows, columns=[f"k{i}" for i in range(width)] + ["value"])
    return out


def plan_of(frames: dict[str, pd.DataFrame]) -> Plan | None:
    names = {f.name for f in dataclasses.fields(Plan)}
    found = {k.removeprefix("plan."): df for k, df in frames.items() if k.startswith("plan.")}
    if not found:
        return None
    plan = Plan()
    for name, df in found.items():
        if name not in names:
            continue
        keys = [c for c in df.columns if c != "value"]
        setattr(plan, name, {tuple(_plain(v) for v in row[:-1]): _plain(row[-1])
                             for row in df[keys + ["value"]].itertuples(index=False)})
    return plan


def _plain(v: object) -> object:
    """numpy scalars back to Python's (a key's year an int, a decision's value a float or bool)."""
    if hasattr(v, "item"):
        v = v.item()
    return None if isinstance(v, float) and v != v else v


# ----- results ------------------------------------------------------------------------------------
def results_data(res: Results) -> tuple[dict, dict[str, str]]:
    """A Results as (its figures and warnings, its tables as text by name)."""
    figures = {k: getattr(res, k) for k in FIGURES}
    figures["warnings"] = [message_data(w) for w in res.warnings]
    if res.site_plan is not None:
        figures["site_plan"] = {**res.site_plan.to_dict(), "given": res.site_plan_given}
    frames = {name: getattr(res, name) for name in FRAMES}
    for name in ("marginal_values", "site_plans"):
        if getattr(res, name) is not None:
            frames[name] = getattr(res, name)
    frames |= plan_frames(res.plan)
    return figures, {name: frame_text(df) for name, df in frames.items()}


def results_of(figures: dict, texts: dict[str, str]) -> Results:
    frames = {name: frame_of(text) for name, text in texts.items()}
    site_plan = figures.get("site_plan")
    return Results(plan=plan_of(frames), **{k: frames[k] for k in FRAMES},
                   marginal_values=frames.get("marginal_values"), site_plans=frames.get("site_plans"),
                   site_plan=None if site_plan is None else SitePlan(site_plan["name"], site_plan["close"],
                                                                     site_plan["move"]),
                   site_plan_given=bool(site_plan and site_plan["given"]),
                   warnings=[message_of(w) for w in figures.get("warnings", [])],
                   **{k: figures[k] for k in FIGURES})


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False)
