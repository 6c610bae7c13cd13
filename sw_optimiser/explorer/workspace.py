"""A user's workspace: the key the browser holds (in the page address, ?ws=...) and the scenarios
kept for it in the workspace database (store.py), turned back into the explorer's solved scenarios.

Without a login the key is the workspace: a new browser (or a link without the key) gets a new,
empty one; reloading the page or opening the same link later gets the same one back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import secrets
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

import streamlit as st

from ..optimiser import Waterfall
from ..scenario import parse_scenario
from . import jobs
from .store import Store

LOG = logging.getLogger(__name__)
# Writes go to the database off the page's thread, one at a time and in order (a solve's results
# before their rename), so keeping a plan never delays showing it.
_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sw-workspace")
_pending: set[Future] = set()
_pending_lock = threading.Lock()


def later(write) -> Future:
    """Run `write()` on the workspace writer, after the writes before it."""
    future = _WRITER.submit(write)
    with _pending_lock:
        _pending.add(future)
    future.add_done_callback(lambda f: _forget(f))
    return future


def _forget(future: Future) -> None:
    with _pending_lock:
        _pending.discard(future)


def flush(timeout: float = 60.0) -> None:
    """Wait until every write asked for so far is in the database (a new session reads after them)."""
    with _pending_lock:
        waiting = list(_pending)
    wait(waiting, timeout=timeout)
PARAM = "ws"
KEY_FORM = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@st.cache_resource(show_spinner=False)
def _store(url: str | None) -> Store:
    return Store(url)


def store() -> Store:
    """The workspace database of this server (opened, and migrated, once)."""
    from .store import default_url

    return _store(default_url())


def key() -> str:
    """The workspace key in the page address; a new one (put into the address) when there is none."""
    given = st.query_params.get(PARAM, "")
    if KEY_FORM.match(given or ""):
        return given
    made = secrets.token_urlsafe(18)
    st.query_params[PARAM] = made
    return made


@dataclass(frozen=True)
class Provenance:
    """Where a solved scenario comes from: the workbook of the company version and when it was solved
    (the version itself is the solved scenario's model_key, its settings its scenario)."""

    model_name: str
    solved_at: dt.datetime

    @staticmethod
    def now(model_name: str) -> "Provenance":
        return Provenance(model_name, dt.datetime.now(dt.timezone.utc))


def status(solved: jobs.Solved) -> str:
    if solved.results is not None:
        return solved.results.status
    return "error" if solved.error else "problems" if solved.problems else "infeasible"


def save(db: Store, workspace: str, solved: jobs.Solved, about: Provenance) -> int:
    """Keep a solved scenario (plan or why there is none); its id."""
    res = solved.results
    return db.add(workspace, key=solved.key, name=solved.scenario.name, model_key=solved.model_key,
                  model_name=about.model_name, solved_at=about.solved_at, scenario=solved.scenario.to_yaml(), seconds=solved.seconds,
                  status=status(solved), gap=None if res is None else res.gap,
                  said=solved.explanations or solved.problems or ([solved.error] if solved.error else []),
                  plan=res, baseline=solved.baseline)


def save_waterfall(db: Store, workspace: str, sid: int, w: Waterfall) -> None:
    db.set_waterfall(workspace, sid, w.steps, w.alone, w.seconds, w.results)


def restore(db: Store, workspace: str) -> dict[str, tuple[int, jobs.Solved, Provenance]]:
    """The workspace's scenarios as the explorer holds them: content hash -> (store id, solved, provenance)."""
    out: dict[str, tuple[int, jobs.Solved, Provenance]] = {}
    for row in db.rows(workspace):
        try:
            kept = db.load(workspace, row.id)
            # the name is the library's (renamed there), not the file's (which always has one)
            scenario = dataclasses.replace(parse_scenario(row.scenario, "workspace"), name=row.name)
        except Exception:  # noqa: BLE001 - one unreadable scenario must not close the workspace
            LOG.exception("stored scenario %s could not be read", row.id)
            continue
        said = row.said
        solved = jobs.Solved(row.key, row.name, scenario, row.model_key, results=kept.plan, baseline=kept.baseline,
                             seconds=row.seconds, marginal_values_done=True, marginal_values_shown=True,
                             reports=dict(kept.reports))
        if row.status == "error":
            solved.error = str(said[0]) if said else "error"
        elif row.status == "problems":
            solved.problems = said
        elif row.status == "infeasible":
            solved.explanations = said
        if kept.waterfall is not None:
            steps, alone, seconds, results = kept.waterfall
            solved.waterfall = Waterfall(steps, alone, results, seconds)
        out[row.key] = (row.id, solved, Provenance(row.model_name, row.solved_at))
    return out
