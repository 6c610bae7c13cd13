"""Long work under control in the explorer's pages (AppTest): the waterfall's progress, step n of N
with the time still to go, drawn in the waterfall's own section; a queued solve says how many go
first; Stoppen ends a job and the page says so."""

from __future__ import annotations

import time
from concurrent.futures import Future

from sw_optimiser.explorer import jobs

from test_app import _ok, go, solve, start, state


def _texts(at) -> str:
    parts = [e.value for e in (*at.caption, *at.markdown, *at.info)]
    parts += [p.proto.text for p in at.get("progress")]
    return "\n".join(str(p) for p in parts)


def _running_waterfall(at) -> jobs.Job:
    """A waterfall job half way (step 4 of 12 being solved, three steps of 10 s done), as the page
    sees one; its future never settles unless it is stopped."""
    s = state(at)
    solved = s.solved[s.current]
    job = jobs.Job("waterfall", solved.key, solved.label, 60.0, Future())
    job.begin()
    job.progress.done, job.progress.total, job.progress.step_seconds = 3, 12, [10.0, 10.0, 10.0]
    job.progress.solver(-2_000_000.0, -1_900_000.0, 4.0)
    s.job = job
    return job


def test_the_waterfall_says_step_n_of_n_in_its_own_section_and_stoppen_ends_it(monkeypatch):
    at = start(monkeypatch)
    go(at, "scenario")
    at.toggle(key="sc.lever.placement").set_value(True).run()  # a solved scenario to hang the job on
    solve(at)
    job = _running_waterfall(at)
    go(at, "results")
    text = _texts(at)
    # 3 of 12 done at 10 s each: step 4 of 12, 9 steps × 10 s = 90 s to go
    assert "Stap 4 van 12, nog ongeveer 90 s" in text
    # best −€ 2.000.000, bound −€ 1.900.000: at most 100.000 / 2.000.000 = 5,0 % better
    assert "Beste plan tot nu toe: contante waarde −€ 2.000.000" in text and "hoogstens 5,0 % beter" in text
    assert at.button(key="job.cancel").label == "Stoppen"
    at.button(key="job.cancel").click().run()
    assert job.future.cancelled() and state(at).job is None
    _ok(at)
    assert "De berekening is gestopt." in _texts(at)
    assert not [b for b in at.button if b.key == "job.cancel"]
    assert "Waarde per hefboom berekenen" in [b.label for b in at.button]  # and it can be started again


def test_a_queued_solve_says_how_many_calculations_go_first(monkeypatch):
    at = start(monkeypatch)
    go(at, "scenario")
    s = state(at)
    job = jobs.Job("solve", "k", "Herplaatsing medewerkers", 60.0, Future())
    monkeypatch.setattr(jobs.Job, "waiting", lambda self: 3)
    s.job = job
    at.run()
    assert "Herplaatsing medewerkers wacht op een vrij rekenproces; er gaan nog 3 berekeningen voor." in _texts(at)
    job.future.cancel()
    deadline = time.time() + 10
    while state(at).job is not None and time.time() < deadline:
        at.run()
    assert "De berekening is gestopt." in _texts(at)
