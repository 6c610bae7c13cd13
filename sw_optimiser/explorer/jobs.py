"""The explorer's long work as jobs: a solve, shadow prices, a waterfall, a report, a region split.

Every solve runs in a worker process of the server's pool (pool.py; the tasks are in work.py), so
users do not wait on each other beyond the pool's size. A session's solves go to the worker that has
its optimiser (sticky per session and company model), so switching a lever re-solves without
rebuilding. A job here is the page's handle: its future (a `Solved`, a waterfall, a report...), how
far it is (the best plan and bound while solving, "step n of N"), and `cancel()`. Shadow prices,
waterfall steps and region coalitions are background work: a newer interactive solve of anyone takes
their worker, and they start again afterwards. Nothing in here calls Streamlit.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass, field

import yaml

from ..baseline import run_baseline
from ..company import CompanyModel
from ..i18n import Message
from ..optimiser.infeasible import Infeasible  # no solver code here: the workers solve
from ..optimiser.waterfall import Waterfall, lever_waterfall, waterfall_sets
from ..problems import InputError, Problem
from ..results import Results
from ..scenario import LEVERS, Scenario, apply_changes, check_site_plans
from . import pool as pools
from . import work
from .pool import BACKGROUND, Overdue, PoolExecutor, WorkerLost

LOG = logging.getLogger(__name__)
KEEP_OPTIMISERS = 3  # optimisers a session counts as kept (the workers keep them: work.KEEP)
WATCHDOG = (2.0, 30.0)  # a solve may run 2 × its time limit + 30 s before it is stopped as hung


def watchdog(time_limit: float) -> float:
    return WATCHDOG[0] * time_limit + WATCHDOG[1]


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


def stopped_message(exc: BaseException) -> Message:
    """Why a job has no outcome, in words: its worker stopped, or it ran past its limit."""
    if isinstance(exc, Overdue):
        return Message("app.job.overdue", {})
    if isinstance(exc, WorkerLost):
        return Message("app.job.worker_lost", {})
    return Message("app.job.failed", {"error": type(exc).__name__})


def reason(exc: BaseException, lang: str) -> str:
    """Why a job failed, in words: the pool's own reasons as sentences, else the exception's text."""
    if isinstance(exc, (Overdue, WorkerLost)):
        return stopped_message(exc).text(lang)
    return str(exc) or type(exc).__name__


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
    stopped: Message | None = None  # the worker stopped (crash, watchdog): why, in words when shown
    seconds: float = 0.0  # from pressing solve to results
    marginal_values_done: bool = False  # computed (or skipped) after the results are shown
    marginal_values_skipped: bool = False  # could not be made in the background: computed on request instead
    marginal_values_shown: bool = False
    waterfall: Waterfall | None = None
    waterfall_error: list = field(default_factory=list)  # why not: Messages, Problems or an error's name
    reports: dict[tuple[str, str], bytes | list[str]] = field(default_factory=dict)  # (format, lang) -> file or error

    @property
    def ok(self) -> bool:
        return self.results is not None


@dataclass
class Progress:
    """How far a running job is: the solver's best plan and bound (objective, today's euros of NPV) and
    for jobs of several solves, step `done` of `total`."""

    best: float | None = None
    bound: float | None = None
    solver_seconds: float | None = None
    done: int = 0
    total: int = 0
    step_started: float | None = None  # when the current step began (for the remaining estimate)
    step_seconds: list[float] = field(default_factory=list)

    def solver(self, best, bound, seconds) -> None:
        self.best, self.bound, self.solver_seconds = best, bound, seconds

    def step(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if self.step_started is not None:
            self.step_seconds.append(now - self.step_started)
        self.done, self.total, self.step_started = done, total, now
        self.best = self.bound = self.solver_seconds = None

    def gap(self) -> float | None:
        """How much better a plan could still be, relative to the best found (None: not known yet)."""
        if self.best is None or self.bound is None:
            return None
        return abs(self.bound - self.best) / max(1.0, abs(self.best))

    def remaining(self) -> float | None:
        """Seconds still to go, estimated from the steps done so far (None before the first)."""
        if not self.step_seconds or not self.total:
            return None
        per_step = sum(self.step_seconds) / len(self.step_seconds)
        return per_step * max(0, self.total - self.done)


@dataclass(eq=False)
class Job:
    kind: str  # "solve", "waterfall", "report", "marginal_values" or "region"
    key: str  # the scenario's content hash
    label: str
    time_limit: float
    future: Future
    started: float | None = None  # when a worker took it up (None: waiting for another job)
    detail: object = None  # what else the job is about (a report: its format and language)
    progress: Progress = field(default_factory=Progress)
    tasks: list = field(default_factory=list)  # the pool tasks it runs (to cancel, and to see if started)
    executor: PoolExecutor | None = None
    cancelled: bool = False

    def done(self) -> bool:
        return self.future.done()

    def elapsed(self) -> float:
        self._look()
        return 0.0 if self.started is None else time.perf_counter() - self.started

    def waiting(self) -> int:
        """Jobs that start before this one while it waits for a worker."""
        self._look()
        return 0 if self.started is not None or not self.tasks else pools.pool().waiting(self.tasks[-1])

    def _look(self) -> None:
        if self.started is None and any(t.started is not None for t in self.tasks):
            self.begin()

    def begin(self) -> None:
        self.started = time.perf_counter()

    def cancel(self) -> None:
        """Stop the job: its running solve ends at once (its worker is replaced), the page goes on."""
        self.cancelled = True
        if self.executor is not None:
            self.executor.cancel_all()
        for task in list(self.tasks):
            pools.pool().cancel(task)
        if not self.future.done():
            self.future.cancel()


class Engine:
    """One session's view of its solves: the key that keeps them on one worker, the baselines, and
    the optimisers its workers hold for it."""

    def __init__(self) -> None:
        self.session = uuid.uuid4().hex
        self.lock = threading.Lock()
        self._optimisers: OrderedDict[str, None] = OrderedDict()  # optimiser keys, most recent last
        self._baselines: dict[str, Results] = {}
        self._warming: dict[str, object] = {}

    def sticky(self, model: str) -> str:
        return f"{self.session}:{model}"

    def baseline(self, key: str, m: CompanyModel) -> Results:
        with self.lock:
            if key not in self._baselines:
                self._baselines[key] = run_baseline(m)
            return self._baselines[key]

    def use(self, key: str) -> tuple[str, str]:
        """The worker-side key of optimiser `key` of this session (and count it as kept)."""
        self._optimisers[key] = None
        self._optimisers.move_to_end(key)
        while len(self._optimisers) > KEEP_OPTIMISERS:
            self._optimisers.popitem(last=False)
        return (self.session, key)

    def count(self) -> int:
        """How many optimisers this session has had built and kept."""
        return len(self._optimisers)

    def prepare(self, m: CompanyModel, model: str, scenario: Scenario) -> tuple[CompanyModel, str, str]:
        """The model as the scenario sees it, its baseline key and its optimiser key."""
        changed = apply_changes(m, scenario.changes, scenario.name or "scenario")
        check_site_plans(changed, scenario, scenario.name or "scenario")
        changes = changes_key(model, scenario)
        return changed, changes, digest(changes, repr(scenario.social))


def warm(engine: Engine, m: CompanyModel, model: str, scenario: Scenario) -> None:
    """Build the optimiser a scenario will need, in the background on the session's worker, so that
    pressing solve only solves. Does nothing when it is there already or its changes do not fit."""
    try:
        changed, _, key = engine.prepare(m, model, scenario)
    except InputError:
        return
    if key in engine._optimisers or key in engine._warming:
        return
    engine._warming[key] = pools.pool().submit(work.warm, engine.use(key), changed, scenario.social,
                                               priority=BACKGROUND, sticky=engine.sticky(model), limit=120.0)


def start_solve(engine: Engine, m: CompanyModel, model: str, scenario: Scenario, label: str) -> Job:
    key = scenario_key(model, scenario)
    job = Job("solve", key, label, scenario.time_limit, Future())
    solved = Solved(key, label, scenario, model)
    clicked = time.perf_counter()
    try:
        changed, changes, opt_key = engine.prepare(m, model, scenario)
    except InputError as exc:
        solved.problems, solved.marginal_values_done = exc.problems, True
        job.future.set_result(solved)
        return job
    solved.baseline = engine.baseline(changes, changed)
    worker_key = engine.use(opt_key)
    task = pools.pool().submit(work.solve, worker_key, changed, scenario, key, sticky=engine.sticky(model),
                               limit=watchdog(scenario.time_limit), progress=job.progress.solver)
    job.tasks.append(task)

    def finished(future: Future) -> None:
        solved.seconds = time.perf_counter() - clicked
        if future.cancelled():
            solved.marginal_values_done = True
            job.future.cancel()
            return
        exc = future.exception()
        if exc is not None:
            LOG.error("solve failed for scenario %s: %r", scenario.name, exc)
            solved.stopped = stopped_message(exc)
            solved.error = type(exc).__name__
            solved.marginal_values_done = True
        else:
            solved.results, solved.explanations = future.result().results, future.result().explanations
            if solved.results is None:
                solved.marginal_values_done = True
            else:
                _follow_with_marginal_values(engine, worker_key, changed, solved, model)
        if not job.future.done():
            job.future.set_result(solved)

    task.future.add_done_callback(finished)
    return job


def _follow_with_marginal_values(engine: Engine, worker_key, changed: CompanyModel, solved: Solved,
                                 model: str) -> None:
    """The shadow prices of a plan just shown, in the background on the worker that holds the plan."""
    task = pools.pool().submit(work.marginal_values, worker_key, changed, solved.scenario, solved.key,
                               priority=BACKGROUND, sticky=engine.sticky(model),
                               limit=watchdog(solved.scenario.time_limit))

    def finished(future: Future) -> None:
        if future.cancelled() or future.exception() is not None:
            solved.marginal_values_skipped = True  # on request, then
        elif solved.results is not None:
            solved.results.marginal_values = future.result()
        solved.marginal_values_done = True

    task.future.add_done_callback(finished)


def start_marginal_values(engine: Engine, m: CompanyModel, solved: Solved) -> Job:
    """Solve the scenario again and compute its marginal values (when they were skipped)."""
    job = Job("marginal_values", solved.key, solved.label, solved.scenario.time_limit, Future())
    changed, _, opt_key = engine.prepare(m, solved.model_key, solved.scenario)
    task = pools.pool().submit(work.marginal_values, engine.use(opt_key), changed, solved.scenario, solved.key,
                               sticky=engine.sticky(solved.model_key), limit=watchdog(solved.scenario.time_limit),
                               progress=job.progress.solver)
    job.tasks.append(task)
    _chain(task.future, job.future)
    return job


def _chain(source: Future, target: Future, convert=lambda value: value) -> None:
    """`target` settles as `source` does (cancelled, failed, or with `convert(result)`)."""
    def copy(future: Future) -> None:
        if target.done():
            return
        if future.cancelled():
            target.cancel()
        elif future.exception() is not None:
            target.set_exception(future.exception())
        else:
            try:
                target.set_result(convert(future.result()))
            except Exception as exc:  # noqa: BLE001 - raised again where the page asks for the result
                target.set_exception(exc)

    source.add_done_callback(copy)


def call(fn, *args, **kwargs) -> Future:
    """Run `fn` (module level) in a worker and return its future; for short calculations that solve
    (the benchmark's DEA) and that the page waits for."""
    return pools.pool().submit(fn, *args, limit=300.0, **kwargs).future


def _in_thread(job: Job, work_fn) -> Job:
    """Run a job's coordination (which hands its solves to the pool) on a thread of its own; the
    outcome, or exception, lands in the job's future."""
    def run() -> None:
        job.begin()
        try:
            outcome = work_fn()
        except CancelledError:
            job.future.cancel()
            return
        except Exception as exc:  # noqa: BLE001 - shown in words, logged in full
            LOG.exception("%s failed", job.kind)
            if not job.future.done():
                job.future.set_exception(exc)
            return
        if not job.future.done():
            job.future.set_result(outcome)

    threading.Thread(target=run, name=f"sw-explorer-{job.kind}", daemon=True).start()
    return job


def start_waterfall(engine: Engine, m: CompanyModel, solved: Solved) -> Job:
    """The lever waterfall of a solved scenario, each step a background task on the session's worker
    (so a step starts from the previous step's plan); progress counts the steps."""
    job = Job("waterfall", solved.key, solved.label, solved.scenario.time_limit, Future())
    scenario = solved.scenario
    job.progress.step(0, len(waterfall_sets(scenario.active_levers or LEVERS)))

    def one_step(step_scenario: Scenario) -> Results:
        if job.cancelled:
            raise CancelledError()
        task = pools.pool().submit(work.step, engine.use(opt_key), changed, step_scenario, priority=BACKGROUND,
                                   sticky=engine.sticky(solved.model_key), limit=watchdog(scenario.time_limit),
                                   progress=job.progress.solver)
        job.tasks[:] = [task]
        outcome = task.future.result()
        if outcome.results is None:
            raise Infeasible(outcome.explanations)
        return outcome.results

    def waterfall() -> Waterfall | list:
        try:
            return lever_waterfall(changed, scenario, baseline=solved.baseline, solve=one_step,
                                   progress=job.progress.step)
        except Infeasible as exc:
            return exc.explanations

    try:
        changed, _, opt_key = engine.prepare(m, solved.model_key, scenario)
    except InputError as exc:
        job.future.set_result(exc.problems)
        return job
    return _in_thread(job, waterfall)


def start_report(m: CompanyModel, solved: Solved, fmt: str, lang: str, options: dict) -> Job:
    """The review report of a solved scenario from the results the session has (no new solves
    unless `options` ask for them), made in a worker."""
    job = Job("report", solved.key, solved.label, solved.scenario.time_limit, Future(), detail=(fmt, lang))
    options = dict(plan=solved.results, baseline=solved.baseline, waterfall_result=solved.waterfall,
                   waterfall=False, sensitivity=False, **options)
    task = pools.pool().submit(work.report, m, solved.scenario, fmt, lang, options, limit=600.0)
    job.tasks.append(task)
    _chain(task.future, job.future)
    return job


@dataclass
class RegionProgress:
    """How far a region job is: the coalitions a split needs, and those solved so far (in order)."""

    total: int
    done: list = field(default_factory=list)  # region.CoalitionValue, as they come


def start_region(region, label: str) -> Job:
    """Solve every coalition of a region and split the gain (region.split): the coalitions are
    background tasks of the pool, those of one size side by side."""
    from ..region.run import coalitions_needed, split

    progress = RegionProgress(len(coalitions_needed(region)[0]))
    job = Job("region", digest("region", repr(region)), label, region.time_limit, Future(), detail=progress)
    job.executor = PoolExecutor(pools.pool(), BACKGROUND, limit=watchdog(region.time_limit))
    return _in_thread(job, lambda: split(region, executor=job.executor, progress=progress.done.append))

