"""The explorer's jobs (explorer/jobs.py) on the worker pool: a solve gives the plan of a direct
solve, shadow prices follow, progress reports the best plan and bound, cancel and a dead worker are
said in words, and the waterfall counts its steps."""

from __future__ import annotations

import dataclasses

import os
import signal
import time
from concurrent.futures import CancelledError

import pytest

from sw_optimiser.explorer import jobs, pool
from sw_optimiser.i18n import Message
from sw_optimiser.optimiser import Optimiser, lever_waterfall
from sw_optimiser.optimiser.waterfall import waterfall_sets
from sw_optimiser.scenario import LEVERS, Scenario
from sw_optimiser.workbook import read_workbook

from conftest import EXAMPLE_XLSX

WAIT = 120  # seconds a test waits before it fails (never reached when all is well)


def _until(condition, seconds: float = WAIT) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def test_waterfall_sets_are_the_steps_and_each_lever_alone():
    # all seven: the cumulative steps {p}, {p,1}, ..., {p,1..6} (7), and reallocation plus each lever
    # alone {p,1} ... {p,6}, of which {p,1} is a step already (5 more): 12
    assert len(waterfall_sets(LEVERS)) == 12
    # reallocation, tariffs, sites: {p}, {p,t}, {p,t,s} and alone {p,t} (a step), {p,s}: 4
    assert waterfall_sets(("placement", "tariffs", "sites")) == {
        ("placement",), ("placement", "tariffs"), ("placement", "tariffs", "sites"), ("placement", "sites")}
    # without reallocation each lever alone is against the baseline: {t}, {t,s} and {s}: 3
    assert waterfall_sets(("tariffs", "sites")) == {("tariffs",), ("tariffs", "sites"), ("sites",)}


def test_the_waterfall_says_step_n_of_n(tiny_model):
    seen = []
    scenario = Scenario(name="w").with_levers(("placement", "tariffs", "sites"))
    w = lever_waterfall(tiny_model, scenario, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert len(w.results) == 5  # the four solves and the baseline


def test_progress_gap_and_remaining_time():
    p = jobs.Progress()
    p.solver(-100_000.0, -90_000.0, 1.5)
    assert p.gap() == pytest.approx(0.1)  # (−90.000 − −100.000) / 100.000
    p.step_seconds, p.done, p.total = [10.0, 20.0], 2, 5
    assert p.remaining() == pytest.approx(45.0)  # 15 s a step on average × 3 steps to go
    assert jobs.Progress().gap() is None and jobs.Progress().remaining() is None


def test_a_solve_job_gives_the_plan_of_a_direct_solve_and_its_shadow_prices_follow(tiny_model):
    scenario = Scenario(name="h").with_levers(("placement", "phase_out"))
    direct = Optimiser(tiny_model)
    expected = direct.solve(scenario, marginal_values=True)
    engine = jobs.Engine()
    job = jobs.start_solve(engine, tiny_model, jobs.model_key(tiny_model), scenario, "h")
    solved = job.future.result(WAIT)
    assert solved.ok and solved.results.npv == pytest.approx(expected.npv, rel=1e-6)
    _until(lambda: solved.marginal_values_done)
    # the NPV rows have no year (NaN, which never equals itself as a key): compared as year 0
    got = solved.results.marginal_values.fillna({"year": 0}).set_index(["kind", "subject", "year"])["value"]
    want = expected.marginal_values.fillna({"year": 0}).set_index(["kind", "subject", "year"])["value"]
    assert got.to_dict() == pytest.approx(want.to_dict(), rel=1e-6, abs=1e-6)
    assert engine.count() == 1


@pytest.fixture(scope="module")
def example():
    return read_workbook(EXAMPLE_XLSX)[0]


def _long_solve(example, engine=None):
    """Four levers on the example, to a gap of 0 with no limit on nodes and a time limit far beyond the
    test: it runs until stopped. (Every lever would spend minutes in the start plan's steps, which
    report no bound, before the full solve reports its first.)"""
    engine = engine or jobs.Engine()
    scenario = dataclasses.replace(Scenario(name="lang", time_limit=3000.0), gap=0.0, nodes=10_000_000).with_levers(
        ("placement", "tariffs", "supervision", "phase_out"))
    return engine, jobs.start_solve(engine, example, jobs.model_key(example), scenario, "lang")


@pytest.mark.slow
def test_progress_shows_the_best_plan_and_bound_and_cancel_stops_the_solve(example):
    placement = Optimiser(example).solve(Scenario(name="p").with_levers(("placement",))).npv
    engine, job = _long_solve(example)
    _until(lambda: job.progress.best is not None and job.progress.bound is not None)
    # the solver starts from the reallocation plan, so its best plan is at least that good; it
    # maximises, so the bound lies above the best plan
    assert placement - 1.0 <= job.progress.best <= job.progress.bound + 1.0
    assert job.progress.gap() >= 0
    worker = pool.pool()._worker_of(job.tasks[0]).process
    job.cancel()  # returns once the solve's worker is killed: the solve has stopped
    assert job.future.cancelled() and not worker.is_alive() and worker.exitcode == -signal.SIGKILL
    with pytest.raises(CancelledError):
        job.future.result(0)
    quick = jobs.start_solve(engine, example, jobs.model_key(example), Scenario(name="p").with_levers(("placement",)), "p")
    assert quick.future.result(WAIT).results.npv == pytest.approx(placement, rel=1e-6)


@pytest.mark.slow
def test_a_worker_that_dies_during_a_solve_is_replaced_and_the_user_told(example):
    engine, job = _long_solve(example)
    _until(lambda: job.tasks[0].started is not None)
    worker = pool.pool()._worker_of(job.tasks[0])
    os.kill(worker.process.pid, signal.SIGKILL)
    solved = job.future.result(WAIT)
    assert not solved.ok and solved.stopped == Message("app.job.worker_lost", {})
    assert "vervangen door een nieuw" in solved.stopped.text("nl")
    assert len(pool.pool().pids()) == pool.pool().size and worker.process.pid not in pool.pool().pids()
