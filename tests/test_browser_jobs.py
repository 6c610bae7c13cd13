"""Long work under control, in a real browser (see test_browser.py for the set-up): a running solve
of every lever on the example company stops when Stoppen is pressed, the page says so and stays
usable (a quick solve right after gives its plan)."""

from __future__ import annotations

import re
import time

import pytest

from test_browser import _go, _idle, page, server  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow

LEVER_LABELS = ["Herplaatsing medewerkers", "1. Afbouw verliesgevende PMC's", "2. Marktconforme inleenvergoeding",
                "3. Professionele acquisitie", "4. Begeleidingsstructuur", "5. Afstoten infrastructuur",
                "6. Ketensamenwerking zorg"]


def test_cancel_stops_a_running_solve_within_2_s_and_the_page_stays_usable(page):  # noqa: F811
    pg = page
    pg.get_by_role("heading", name="Bedrijf", level=1).wait_for()
    _idle(pg)
    _go(pg, "Scenario")
    for label in LEVER_LABELS:  # every lever on the example company: a solve that runs to its time limit
        pg.get_by_text(label, exact=True).click()
        _idle(pg)
    pg.get_by_role("button", name="Doorrekenen").click()
    stop = pg.get_by_role("button", name="Stoppen")
    stop.wait_for(timeout=30_000)
    pg.get_by_text(re.compile(r"^Bezig met doorrekenen")).wait_for()
    time.sleep(1.0)  # well into the solve
    pressed = time.monotonic()
    stop.click()
    pg.get_by_text("De berekening is gestopt.", exact=False).wait_for(timeout=10_000)
    stopped = time.monotonic() - pressed
    # The solve itself ends when Stoppen's click reaches the server: cancel() returns once the worker
    # is killed (tests/test_jobs.py checks it is gone). What is timed here is the page's own rerun,
    # 1.7 s at a load average of 8 and 4.6 s at 15 on the shared 2 cores: asserted loosely.
    assert stopped <= 10.0, f"the page said the solve was stopped {stopped:.1f} s after Stoppen was pressed"
    # the stopped job's button goes with the page's rerun (while the solve's steps report their plan, the
    # rerun that shows the notice can still hold the old, faded button for a moment)
    pg.get_by_role("button", name="Stoppen").wait_for(state="detached", timeout=10_000)
    assert pg.get_by_text("Dit scenario is nog niet doorgerekend.").count() == 1

    # usable at once: only reallocation on, solve, a plan
    _idle(pg)
    for label in LEVER_LABELS[1:]:
        pg.get_by_text(label, exact=True).click()
        _idle(pg)
    pg.get_by_role("button", name="Doorrekenen").click()
    pg.get_by_text(re.compile(r"^Doorgerekend: Herplaatsing medewerkers")).wait_for(timeout=60_000)
