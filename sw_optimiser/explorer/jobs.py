"""Solving off the script thread, so the page stays responsive while HiGHS works.

A job runs on one worker thread shared by the whole server process (HiGHS releases the GIL while it
solves, so the pages stay responsive). One, because Pyomo's HiGHS interface redirects the process's
stdout/stderr file descriptors while it solves, which breaks when two threads solve at once; jobs
of several sessions therefore queue, and the page says so. The page polls the job's future from a fragment and shows the results when it is done.
Each session has its own `Engine`: its optimisers (one per company model, scenario changes and
social limits, so switching a lever re-solves without rebuilding) and a lock that lets one job at a
time use them. Nothing in here calls Streamlit.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd
import yaml

from ..baseline import run_baseline
from ..company import CompanyModel
from ..i18n import Message
from ..problems import InputError, Problem
from ..results import Results
from ..scenario import Scenario, apply_changes

if TYPE_CHECKING:  # the solver stack is imported when the first solve starts, not with the first page
    from ..optimiser import Optimiser, Waterfall

LOG = logging.getLogger(__name__)
WORKERS = 1  # solves at once in the whole server: see above (Pyomo's output capture is process-wide)
KEEP_OPTIMISERS = 3  # optimisers kept per session (each holds a Pyomo model)
_POOL = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="sw-explorer-solve")
_waiting = 0  # jobs submitted and not yet started, over all sessions
_waiting_lock = threading.Lock()


def _submit(fn, *args) -> None:
    global _waiting
    with _waiting_lock:
        _waiting += 1

    def run() -> None:
        global _waiting
        with _waiting_lock:
            _waiting -= 1
        fn(*args)

    _POOL.submit(run)


def others_waiting() -> bool:
    """Whether another job waits for the worker (then optional work such as marginal values is skipped)."""
    return _waiting > 0


def digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def model_key(m: CompanyModel) -> str:
    """A fingerprint of a company model's content."""
    return digest(repr(m))


def scenario_key(model: str, scenario: Scenario) -> str:
    """The content hash of a scenario on a model: what it changes and pulls, not what it is called."""
    data = scenario.to_dict()
    for name in ("name", "description", "model"):
        data.pop(name, None)
    return digest(model, yaml.safe_dump(data, sort_keys=True))


def changes_key(model: str, scenario: Scenario) -> str:
    return digest(model, repr(dataclasses.asdict(scenario.changes)))


@dataclass
class Solved:
    """One solved scenario of this session: its results, or why there are none."""

    key: str
    label: str
    scenario: Scenario
    model_key: str
    results: Results | None = None
    baseline: Results | None = None  # the baseline under the same assumptions (changes)
    explanations: list[Message] = field(default_factory=list)  # infeasible: why (put into words when shown)
    problems: list[Problem] = field(default_factory=list)  # the changes do not fit the company model
    error: str | None = None  # something unexpected went wrong
    seconds: float = 0.0  # from pressing solve to results
    marginal_values_done: bool = False  # computed (or skipped) after the results are shown
    marginal_values_skipped: bool = False  # others were waiting: computed on request instead
    marginal_values_shown: bool = False
    waterfall: Waterfall | None = None
    waterfall_error: list = field(default_factory=list)  # why not: Messages, Problems or an error's name
    reports: dict[tuple[str, str], bytes | list[str]] = field(default_factory=dict)  # (format, lang) -> file or error

    @property
    def ok(self) -> bool:
        return self.results is not None


@dataclass
class Job:
    kind: str  # "solve" or "waterfall"
    key: str  # the scenario's content hash
    label: str
    time_limit: float
    future: Future
    started: float | None = None  # when the worker took it up (None: waiting for another job)
    detail: object = None  # what else the job is about (a report: its format and language)

    def done(self) -> bool:
        return self.future.done()

    def elapsed(self) -> float:
        return 0.0 if self.started is None else time.perf_counter() - self.started

    def begin(self) -> None:
        self.started = time.perf_counter()


class Engine:
    """One session's optimisers and baselines, and the lock that lets one job at a time use them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._optimisers: OrderedDict[str, Optimiser] = OrderedDict()
        self._baselines: dict[str, Results] = {}
        self._warming: set[str] = set()

    def baseline(self, key: str, m: CompanyModel) -> Results:
        if key not in self._baselines:
            self._baselines[key] = run_baseline(m)
        return self._baselines[key]

    def optimiser(self, key: str, m: CompanyModel, scenario: Scenario) -> Optimiser:
        from ..optimiser import Optimiser

        if key in self._optimisers:
            self._optimisers.move_to_end(key)
        else:
            self._optimisers[key] = Optimiser(m, scenario.social)
            while len(self._optimisers) > KEEP_OPTIMISERS:
                self._optimisers.popitem(last=False)
        return self._optimisers[key]

    def warming(self) -> bool:
        return bool(self._warming)

    def count(self) -> int:
        """How many optimisers this session has built and kept."""
        return len(self._optimisers)

    def prepare(self, m: CompanyModel, model: str, scenario: Scenario) -> tuple[CompanyModel, str, str]:
        """The model as the scenario sees it, its baseline key and its optimiser key."""
        changed = apply_changes(m, scenario.changes, scenario.name or "scenario")
        changes = changes_key(model, scenario)
        return changed, changes, digest(changes, repr(scenario.social))


def warm(engine: Engine, m: CompanyModel, model: str, scenario: Scenario) -> None:
    """Build the optimiser (and baseline) a scenario will need, in the background, so that pressing
    solve only solves. Does nothing when it is there already or its changes do not fit the model."""
    try:
        changed, changes, key = engine.prepare(m, model, scenario)
    except InputError:
        return
    if key in engine._optimisers or key in engine._warming:
        return
    engine._warming.add(key)

    def build() -> None:
        try:
            with engine.lock:
                engine.baseline(changes, changed)
                engine.optimiser(key, changed, scenario)
        except Exception:  # noqa: BLE001 - the solve will build it again and say what is wrong
            LOG.exception("building the optimiser in advance failed")
        finally:
            engine._warming.discard(key)

    _submit(build)


def start_solve(engine: Engine, m: CompanyModel, model: str, scenario: Scenario, label: str) -> Job:
    key = scenario_key(model, scenario)
    job = Job("solve", key, label, scenario.time_limit, Future())
    _submit(_solve, engine, m, model, scenario, Solved(key, label, scenario, model), job)
    return job


def _solve(engine: Engine, m: CompanyModel, model: str, scenario: Scenario,
           solved: Solved, job: Job) -> None:
    from ..optimiser import Infeasible

    job.begin()
    started, future, opt = time.perf_counter(), job.future, None
    try:
        with engine.lock:
            try:
                changed, changes, opt_key = engine.prepare(m, model, scenario)
            except InputError as exc:
                solved.problems = exc.problems
            else:
                solved.baseline = engine.baseline(changes, changed)
                opt = engine.optimiser(opt_key, changed, scenario)
                try:
                    solved.results = opt.solve(scenario, marginal_values=False)
                except Infeasible as exc:
                    solved.explanations = exc.explanations
            solved.seconds = time.perf_counter() - started
            future.set_result(solved)  # the page shows the results now ...
            if solved.results is not None and others_waiting():
                solved.marginal_values_skipped = True  # ... and asks for them on request
            elif solved.results is not None:  # ... while the marginal values follow
                try:
                    solved.results.marginal_values = opt.marginal_values()
                except Exception:  # noqa: BLE001 - a missing table must not lose the plan
                    LOG.exception("marginal values failed for scenario %s", scenario.name)
    except Exception as exc:  # noqa: BLE001 - shown to the user in words, logged in full
        LOG.exception("solve failed for scenario %s", scenario.name)
        solved.error = type(exc).__name__
        if not future.done():
            future.set_result(solved)
    finally:
        solved.marginal_values_done = True


def call(fn, *args, **kwargs) -> Future:
    """Run `fn` on the solve worker (after the jobs waiting for it) and return its future; for short
    calculations that solve (the benchmark's DEA) and that the page waits for."""
    future: Future = Future()

    def run() -> None:
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # noqa: BLE001 - raised again where the page asks for the result
            future.set_exception(exc)

    _submit(run)
    return future


def _start(kind: str, solved: Solved, work, detail: object = None) -> Job:
    """A job on a solved scenario whose outcome (or exception) lands in the job's future."""
    job = Job(kind, solved.key, solved.label, solved.scenario.time_limit, Future(), detail=detail)

    def run() -> None:
        job.begin()
        try:
            job.future.set_result(work())
        except Exception as exc:  # noqa: BLE001 - shown in words, logged in full
            LOG.exception("%s failed", kind)
            job.future.set_exception(exc)

    _submit(run)
    return job


def start_waterfall(engine: Engine, m: CompanyModel, solved: Solved) -> Job:
    return _start("waterfall", solved, lambda: _waterfall(engine, m, solved))


def start_report(m: CompanyModel, solved: Solved, fmt: str, lang: str, options: dict) -> Job:
    """The review report of a solved scenario from the results the session has (no new solves
    unless `options` ask for them)."""
    from ..report import build_report

    def work() -> bytes:
        return build_report(m, solved.scenario, fmt=fmt, lang=lang, plan=solved.results, baseline=solved.baseline,
                            waterfall_result=solved.waterfall, waterfall=False, sensitivity=False, **options)

    return _start("report", solved, work, detail=(fmt, lang))


def start_marginal_values(engine: Engine, m: CompanyModel, solved: Solved) -> Job:
    """Solve the scenario again and compute its marginal values (when they were skipped)."""
    def work() -> pd.DataFrame | None:
        with engine.lock:
            changed, _, opt_key = engine.prepare(m, solved.model_key, solved.scenario)
            opt = engine.optimiser(opt_key, changed, solved.scenario)
            return opt.solve(solved.scenario, marginal_values=True).marginal_values

    return _start("marginal_values", solved, work)


def _waterfall(engine: Engine, m: CompanyModel, solved: Solved) -> Waterfall | list:
    """The lever waterfall of a solved scenario, or the messages saying why it cannot be made (put into
    words when shown, in the language of that moment)."""
    from ..optimiser import Infeasible, lever_waterfall

    try:
        with engine.lock:
            changed, _, opt_key = engine.prepare(m, solved.model_key, solved.scenario)
            opt = engine.optimiser(opt_key, changed, solved.scenario)
            return lever_waterfall(changed, solved.scenario, optimiser=opt)
    except Infeasible as exc:
        return exc.explanations
    except InputError as exc:
        return exc.problems


@dataclass
class RegionProgress:
    """How far a region job is: the coalitions a split needs, and those solved so far (in order)."""

    total: int
    done: list = field(default_factory=list)  # region.CoalitionValue, as they come


def start_region(region, label: str) -> Job:
    """Solve every coalition of a region and split the gain (region.split) on the solve worker. With
    the region's `workers` > 1 the coalitions run in processes of their own (the worker waits)."""
    from ..region.run import coalitions_needed, split

    progress = RegionProgress(len(coalitions_needed(region)[0]))
    job = Job("region", digest("region", repr(region)), label, region.time_limit, Future(), detail=progress)

    def run() -> None:
        job.begin()
        try:
            job.future.set_result(split(region, progress=progress.done.append))
        except Exception as exc:  # noqa: BLE001 - shown in words, logged in full
            LOG.exception("region split failed")
            job.future.set_exception(exc)

    _submit(run)
    return job
