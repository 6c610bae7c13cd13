"""A bounded pool of worker processes for the explorer's solves, so users do not wait on each other.

Each worker process runs one task at a time; Pyomo's output capture (process-wide) is then never
shared. What the pool adds to a plain process pool:

- **Priority**: interactive tasks (a solve the user clicked) start before background tasks (shadow
  prices, waterfall steps, region coalitions, building an optimiser in advance). When every worker is
  busy and one of them runs a background task, a newer interactive task takes that worker: the
  background task is stopped and queued again (it starts afresh when a worker is free).
- **Stickiness**: a task may name a `sticky` key (a session and its company); the pool sends it to the
  worker that ran that key last when it is free, so that worker's cache (its `LOCAL`, e.g. a built
  optimiser) is used again. Anything cached in a worker is only a speed-up: a task finds what it needs
  or builds it.
- **Cancel, crash and watchdog**: cancelling a running task kills its worker (at once, wherever the
  solver is); a worker that dies (crash, out of memory, killed from outside) fails its task with
  `WorkerLost`; a task running longer than its `limit` is killed and fails with `Overdue`. The dead
  worker is replaced by a fresh one, so the pool keeps its size.
- **Progress**: a task calls `report(...)` in the worker; the values reach the task's `progress`
  callable in the server.

Workers are started by a fork server that has imported the optimiser once, so a replacement is ready
in well under a second. Nothing in here knows about Streamlit or the optimiser.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import CancelledError, Executor, Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

LOG = logging.getLogger(__name__)
INTERACTIVE, BACKGROUND = 0, 1
PRELOAD = ["sw_optimiser.explorer.work", "sw_optimiser.optimiser.solve"]  # imported once by the fork server, inherited
# by every worker (the server process itself never imports the solver stack)
POLL = 0.2  # seconds between the supervisor's looks at the watchdog when nothing happens

LOCAL: dict = {}  # in a worker: what its tasks keep between tasks (the caller's own keys)
_reporter: Callable | None = None  # in a worker: sends progress of the running task


class WorkerLost(RuntimeError):
    """The worker running the task stopped (crashed, out of memory or killed from outside)."""


class Overdue(RuntimeError):
    """The task ran past its limit and was stopped (a hung solve must not hold a worker)."""


def report(*values) -> None:
    """From a task in a worker: pass `values` to the task's progress callable in the server."""
    if _reporter is not None:
        _reporter(values)


def default_size() -> int:
    """Workers of the explorer: SW_EXPLORER_WORKERS, else one per core plus one (at least 2), so a
    long solve never holds the only worker."""
    env = os.environ.get("SW_EXPLORER_WORKERS", "")
    if env.strip().isdigit() and int(env) > 0:
        return int(env)
    return max(2, (os.cpu_count() or 1) + 1)


# ----- the worker side -------------------------------------------------------------------------------
def _serve(conn: Connection) -> None:
    """A worker's loop: take a task, run it, send back its outcome (or its exception)."""
    global _reporter
    lock = threading.Lock()

    def send(message) -> None:
        with lock:
            conn.send(message)

    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        task_id, fn, args, kwargs = message
        _reporter = lambda values, i=task_id: send(("progress", i, values))  # noqa: E731
        try:
            outcome = ("done", task_id, fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, who raises it again
            outcome = ("error", task_id, Raised(exc))
        finally:
            _reporter = None
        try:
            send(outcome)
        except Exception as exc:  # noqa: BLE001 - the outcome or exception would not pickle
            send(("error", task_id, RuntimeError(f"{type(exc).__name__}: {exc}")))


class Raised:
    """An exception on its way from a worker: its class, args and attributes. Pickling the exception
    itself calls its class with `args` only, which loses what an exception such as InputError keeps
    (its problems)."""

    def __init__(self, exc: BaseException):
        self.cls, self.args, self.state = type(exc), exc.args, dict(vars(exc))

    def rebuild(self) -> BaseException:
        exc = self.cls.__new__(self.cls)
        exc.args = self.args
        vars(exc).update(self.state)
        return exc


# ----- the server side -------------------------------------------------------------------------------
@dataclass(eq=False)
class Task:
    fn: Callable
    args: tuple
    kwargs: dict
    priority: int
    sticky: str | None
    limit: float | None  # seconds it may run before the watchdog stops it
    progress: Callable | None
    future: Future = field(default_factory=Future)
    id: int = 0
    started: float | None = None  # when a worker took it up (None: queued)
    yielded: int = 0  # times it was stopped for an interactive task and queued again

    def elapsed(self) -> float:
        return 0.0 if self.started is None else time.monotonic() - self.started


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    task: Task | None = None


class Pool:
    def __init__(self, size: int | None = None, preload: list[str] | None = None):
        self.size = size or default_size()
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(PRELOAD if preload is None else preload)
        self._lock = threading.RLock()
        self._ids = itertools.count(1)
        self._queue: list[Task] = []
        self._workers: list[_Worker] = []
        self._sticky: dict[str, _Worker] = {}
        self._closed = False
        self.replaced = 0  # workers replaced after a crash, a cancel or the watchdog
        self._wake_r, self._wake_w = multiprocessing.Pipe(duplex=False)
        with self._lock:
            for _ in range(self.size):
                self._workers.append(self._spawn())
        self._thread = threading.Thread(target=self._supervise, name="sw-explorer-pool", daemon=True)
        self._thread.start()

    # ----- asking ----------------------------------------------------------------------------------
    def submit(self, fn: Callable, *args, priority: int = INTERACTIVE, sticky: str | None = None,
               limit: float | None = None, progress: Callable | None = None, **kwargs) -> Task:
        """Queue `fn(*args, **kwargs)` (a module-level function: it is pickled to the worker)."""
        task = Task(fn, args, kwargs, priority, sticky, limit, progress, id=next(self._ids))
        with self._lock:
            if self._closed:
                raise RuntimeError("the pool is shut down")
            self._queue.append(task)
            self._dispatch()
        return task

    def cancel(self, task: Task) -> None:
        """Stop a task: out of the queue, or its worker killed (and replaced). Its future is cancelled."""
        with self._lock:
            if task in self._queue:
                self._queue.remove(task)
            else:
                worker = self._worker_of(task)
                if worker is not None:
                    self._replace(worker)
            task.future.cancel()
            self._dispatch()

    def waiting(self, task: Task) -> int:
        """How many tasks start before this queued one (0 when it runs or is next)."""
        with self._lock:
            if task not in self._queue:
                return 0
            return sum(1 for t in self._queue if (t.priority, t.id) < (task.priority, task.id))

    def busy(self) -> int:
        with self._lock:
            return sum(1 for w in self._workers if w.task is not None)

    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._workers]

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
            for task in self._queue:
                task.future.cancel()
            self._queue.clear()
            for w in self._workers:
                if w.task is not None:
                    w.task.future.cancel()
                self._kill(w)
            self._workers.clear()
        self._wake()

    # ----- inside --------------------------------------------------------------------------------
    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_serve, args=(child,), name="sw-explorer-worker", daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def _kill(self, worker: _Worker) -> None:
        try:
            worker.process.kill()
            worker.process.join(timeout=1)
        except Exception:  # noqa: BLE001 - gone already
            pass
        worker.conn.close()

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker (its task is the caller's to settle) and start a fresh one in its place."""
        self._kill(worker)
        self._sticky = {k: w for k, w in self._sticky.items() if w is not worker}
        i = self._workers.index(worker)
        self._workers[i] = self._spawn()
        self.replaced += 1
        self._wake()

    def _worker_of(self, task: Task) -> _Worker | None:
        return next((w for w in self._workers if w.task is task), None)

    def _start(self, worker: _Worker, task: Task) -> None:
        self._queue.remove(task)
        worker.task, task.started = task, time.monotonic()
        if task.sticky is not None:
            self._sticky[task.sticky] = worker
        try:
            worker.conn.send((task.id, task.fn, task.args, task.kwargs))
        except Exception as exc:  # noqa: BLE001 - the task would not pickle, or the worker is gone
            worker.task = None
            if isinstance(exc, OSError):  # the worker died before it took the task
                self._replace(worker)
                exc = WorkerLost(str(exc))
            if not task.future.done():
                task.future.set_exception(exc)

    def _dispatch(self) -> None:
        """Start what can start: the queue in order of priority and age; an interactive task that finds
        no free worker takes one that runs a background task."""
        for task in sorted(self._queue, key=lambda t: (t.priority, t.id)):
            if task not in self._queue:
                continue  # started meanwhile (a callback of a task that settled submitted and dispatched)
            free = [w for w in self._workers if w.task is None]
            if not free and task.priority == INTERACTIVE:
                background = [w for w in self._workers if w.task is not None and w.task.priority == BACKGROUND]
                if background:
                    victim = max(background, key=lambda w: w.task.started or 0.0)  # the one started last
                    stopped = victim.task
                    victim.task, stopped.started = None, None
                    stopped.yielded += 1
                    self._queue.append(stopped)
                    self._replace(victim)
                    free = [w for w in self._workers if w.task is None]
            if not free:
                if task.priority == INTERACTIVE:
                    continue  # a later background task must not take a worker before it
                break
            own = self._sticky.get(task.sticky) if task.sticky is not None else None
            self._start(own if own in free else free[0], task)

    def _wake(self) -> None:
        try:
            self._wake_w.send_bytes(b".")
        except OSError:
            pass

    def _settle(self, worker: _Worker, kind: str, task_id: int, value) -> None:
        task = worker.task
        if task is None or task.id != task_id:
            return  # a late word from a task already settled
        if kind == "progress":
            if task.progress is not None:
                try:
                    task.progress(*value)
                except Exception:  # noqa: BLE001 - a display hook must not stop the pool
                    LOG.exception("progress hook failed")
            return
        worker.task = None
        if task.future.done():
            return
        if kind == "done":
            task.future.set_result(value)
        else:
            task.future.set_exception(value.rebuild() if isinstance(value, Raised) else value)

    def _supervise(self) -> None:
        while True:
            with self._lock:
                if self._closed:
                    return
                ready = {w.conn: w for w in self._workers}
                sentinels = {w.process.sentinel: w for w in self._workers}
            try:
                events = wait([*ready, *sentinels, self._wake_r], timeout=POLL)
            except OSError:
                events = []
            with self._lock:
                if self._closed:
                    return
                if self._wake_r in events:
                    while self._wake_r.poll():
                        self._wake_r.recv_bytes()
                for conn in [e for e in events if e in ready]:
                    worker = ready[conn]
                    if worker not in self._workers:
                        continue
                    try:
                        while worker.conn.poll():
                            self._settle(worker, *worker.conn.recv())
                    except (EOFError, OSError):
                        pass  # the sentinel says it died
                for sentinel in [e for e in events if e in sentinels]:
                    worker = sentinels[sentinel]
                    if worker in self._workers and not worker.process.is_alive():
                        task = worker.task
                        LOG.warning("worker %s stopped (exit code %s)", worker.process.pid, worker.process.exitcode)
                        self._replace(worker)
                        if task is not None and not task.future.done():
                            task.future.set_exception(WorkerLost(f"exit code {worker.process.exitcode}"))
                for worker in list(self._workers):
                    task = worker.task
                    if task is not None and task.limit is not None and task.elapsed() > task.limit:
                        LOG.warning("task %s ran %.0f s, past its limit of %.0f s: stopped", task.id,
                                    task.elapsed(), task.limit)
                        self._replace(worker)
                        if not task.future.done():
                            task.future.set_exception(Overdue(f"{task.elapsed():.0f} s"))
                self._dispatch()


class PoolExecutor(Executor):
    """The pool as a `concurrent.futures.Executor` (for code that takes one, such as region.split),
    with one priority; `cancel_all` stops what it submitted."""

    def __init__(self, pool: Pool, priority: int = BACKGROUND, limit: float | None = None):
        self.pool, self.priority, self.limit = pool, priority, limit
        self.tasks: list[Task] = []
        self.cancelled = False

    def submit(self, fn, /, *args, **kwargs) -> Future:
        if self.cancelled:
            raise CancelledError()
        task = self.pool.submit(fn, *args, priority=self.priority, limit=self.limit, **kwargs)
        self.tasks.append(task)
        return task.future

    def cancel_all(self) -> None:
        self.cancelled = True
        for task in self.tasks:
            if not task.future.done():
                self.pool.cancel(task)


_POOL: Pool | None = None
_POOL_LOCK = threading.Lock()


def pool() -> Pool:
    """The explorer's pool (one per server process), started on first use."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = Pool()
            atexit.register(_POOL.shutdown)
        return _POOL
