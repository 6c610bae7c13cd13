"""The explorer's pool of worker processes (explorer/pool.py): solves side by side, stickiness,
priority (background work yields to a newer interactive task), cancel, crash and watchdog.

Concurrency is proven by tasks that meet (each leaves a file and waits for the other's), order by a
log the tasks write; no result depends on how fast the machine is.
"""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import CancelledError, wait

import pytest

import pool_tasks as tasks
from sw_optimiser.explorer import work
from sw_optimiser.explorer.pool import BACKGROUND, INTERACTIVE, Overdue, Pool, WorkerLost
from sw_optimiser.optimiser import Optimiser
from sw_optimiser.scenario import LEVERS, Scenario

WAIT = 60  # seconds a test waits for a task before it fails (never reached when all is well)


@pytest.fixture
def pool2():
    p = Pool(2)
    yield p
    p.shutdown()


@pytest.fixture
def pool1():
    p = Pool(1)
    yield p
    p.shutdown()


def _lines(path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def test_two_tasks_run_at_the_same_time_in_two_processes(pool2, tmp_path):
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    first = pool2.submit(tasks.meet, a, b)
    second = pool2.submit(tasks.meet, b, a)
    assert first.future.result(WAIT) and second.future.result(WAIT)  # each saw the other running
    pids = {pool2.submit(tasks.pid, sticky=s).future.result(WAIT) for s in ("x", "y")}
    assert pids <= set(pool2.pids()) and os.getpid() not in pids


def test_two_solves_at_once_give_the_plans_of_two_solves_one_after_the_other(pool2, tiny_model):
    # Pyomo's output capture is process-wide: two solves in one process at once failed ("TeeStream:
    # deadlock observed"); in two workers they do not meet.
    placement = Scenario(name="a").with_levers(("placement",))
    everything = Scenario(name="b").with_levers(LEVERS)
    expected = [Optimiser(tiny_model).solve(s).npv for s in (placement, everything)]
    running = [pool2.submit(work.solve, ("s", k), tiny_model, s, k) for k, s in (("1", placement), ("2", everything))]
    got = [t.future.result(WAIT).results.npv for t in running]
    assert got == pytest.approx(expected, rel=1e-6)


def test_a_sticky_task_goes_back_to_the_worker_that_has_its_cache(pool2):
    runs = [pool2.submit(tasks.count, sticky="session-1:company").future.result(WAIT) for _ in range(3)]
    assert len({pid for pid, _ in runs}) == 1  # one worker ...
    assert [n for _, n in runs] == [1, 2, 3]  # ... whose LOCAL kept the count


def test_progress_reaches_the_server(pool1):
    seen = []
    task = pool1.submit(tasks.progress_then, 7, progress=lambda *v: seen.append(v))
    assert task.future.result(WAIT) == 7
    deadline = time.monotonic() + WAIT
    while len(seen) < 2 and time.monotonic() < deadline:  # the last report may arrive just after the outcome
        time.sleep(0.01)
    assert seen == [(1.0, 2.0, 0.5), (3.0, 4.0, 1.5)]


def test_an_exception_in_a_task_is_raised_where_the_result_is_asked(pool1):
    with pytest.raises(ValueError, match="twintig"):
        pool1.submit(tasks.fail).future.result(WAIT)
    assert pool1.submit(tasks.pid).future.result(WAIT) > 0 and pool1.replaced == 0  # the worker lives on


def test_an_exception_keeps_what_it_carries_on_its_way_from_the_worker(pool1):
    from sw_optimiser.problems import InputError

    with pytest.raises(InputError) as raised:  # its problems, not only its message
        pool1.submit(tasks.refuse).future.result(WAIT)
    [problem] = raised.value.problems
    assert (problem.table, problem.row, problem.column, problem.params) == ("PMCs", 5, "Max. volume",
                                                                           {"value": "twintig"})
    assert raised.value.source == "m.xlsx"


def test_a_crashed_worker_is_replaced_and_its_task_says_so(pool1):
    before = pool1.pids()
    with pytest.raises(WorkerLost, match="exit code 3"):
        pool1.submit(tasks.crash).future.result(WAIT)
    assert pool1.submit(tasks.pid).future.result(WAIT) not in before
    assert pool1.replaced == 1 and len(pool1.pids()) == 1


def test_a_worker_killed_from_outside_is_replaced(pool1, tmp_path):
    log = tmp_path / "log"
    task = pool1.submit(tasks.hold, str(log), "held")
    _until(lambda: _lines(log) == ["held"])
    os.kill(pool1.pids()[0], signal.SIGKILL)
    with pytest.raises(WorkerLost):
        task.future.result(WAIT)
    assert pool1.submit(tasks.count).future.result(WAIT)[1] == 1  # a fresh worker: an empty cache


def test_the_watchdog_stops_a_hung_task_and_the_other_worker_goes_on(pool2, tmp_path):
    hung = pool2.submit(tasks.hold, str(tmp_path / "log"), "hung", None, 600.0, limit=0.5)
    with pytest.raises(Overdue):
        hung.future.result(WAIT)
    assert pool2.submit(tasks.pid).future.result(WAIT) > 0
    assert pool2.replaced == 1


def test_cancel_stops_a_running_task_and_the_pool_goes_on(pool1, tmp_path):
    log = tmp_path / "log"
    task = pool1.submit(tasks.hold, str(log), "long")
    _until(lambda: _lines(log) == ["long"])
    pool1.cancel(task)
    with pytest.raises(CancelledError):
        task.future.result(WAIT)
    assert pool1.submit(tasks.hold, str(log), "next", None, 0.0).future.result(WAIT) == "next"
    assert _lines(log) == ["long", "next"]


def test_cancel_takes_a_task_out_of_the_queue(pool1, tmp_path):
    log, release = tmp_path / "log", tmp_path / "go"
    running = pool1.submit(tasks.hold, str(log), "first", str(release))
    queued = pool1.submit(tasks.hold, str(log), "never", None, 0.0)
    _until(lambda: _lines(log) == ["first"])
    pool1.cancel(queued)
    release.touch()
    assert running.future.result(WAIT) == "first" and queued.future.cancelled()
    assert pool1.submit(tasks.hold, str(log), "last", None, 0.0).future.result(WAIT) == "last"
    assert _lines(log) == ["first", "last"] and pool1.replaced == 0


def test_an_interactive_task_starts_before_background_tasks_queued_earlier(pool1, tmp_path):
    log, release = tmp_path / "log", tmp_path / "go"
    first = pool1.submit(tasks.hold, str(log), "first", str(release))  # interactive: not stopped for others
    _until(lambda: _lines(log) == ["first"])
    background = pool1.submit(tasks.hold, str(log), "background", None, 0.0, priority=BACKGROUND)
    interactive = pool1.submit(tasks.hold, str(log), "interactive", None, 0.0, priority=INTERACTIVE)
    release.touch()
    wait([first.future, background.future, interactive.future], timeout=WAIT)
    assert _lines(log) == ["first", "interactive", "background"]


def test_background_work_yields_to_a_newer_interactive_task_and_starts_again_after(pool1, tmp_path):
    log, release = tmp_path / "log", tmp_path / "go"
    shadow_prices = pool1.submit(tasks.hold, str(log), "background", str(release), priority=BACKGROUND)
    _until(lambda: _lines(log) == ["background"])
    solve = pool1.submit(tasks.hold, str(log), "solve", None, 0.0)  # takes the only worker at once ...
    assert solve.future.result(WAIT) == "solve"
    release.touch()
    assert shadow_prices.future.result(WAIT) == "background"  # ... and the background task runs again
    assert _lines(log) == ["background", "solve", "background"] and shadow_prices.yielded == 1


def _until(condition, seconds: float = WAIT) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the task did not start"
        time.sleep(0.01)
