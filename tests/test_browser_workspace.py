"""In a real browser: the workspace keeps work across a reload, and another browser does not see it.

Solve two scenarios and the waterfall of the second, reload the page (F5): both are still there with
their names, results and the waterfall; a second browser context (another user) sees none of them.
Runs on SQLite, and on a PostgreSQL server the suite starts where one is installed (skipped with a
reason elsewhere). The tiny company keeps the solves short.
"""

from __future__ import annotations

import re

import pytest

from tests.test_browser import (CHROMIUM, CHROMIUM_ARGS, ROOT, WIDTH, _euros, _go, _idle, _metric, _solve,
                                running_explorer, sync_api)

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (Debian: apt-get install -y chromium)")]


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request, tmp_path):
    env = {"SW_EXPLORER_MODEL": str(ROOT / "models" / "tiny.xlsx"), "SW_WORKSPACE_DIR": str(tmp_path)}
    if request.param == "postgresql":
        env["SW_WORKSPACE_URL"] = request.getfixturevalue("postgresql_url")
    with running_explorer(**env) as url:
        yield url


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": WIDTH, "height": 1000}, locale="nl-NL")
    pg = context.new_page()
    pg.set_default_timeout(90_000)  # a loaded machine: pages take their time, results do not depend on it
    pg.goto(url)
    pg.get_by_role("heading", name="Bedrijf", level=1).wait_for()
    _idle(pg)
    return pg


def _library_names(pg) -> list[str]:
    """The scenarios the library offers (its table is drawn on a canvas: read the picker's options)."""
    _go(pg, "Bibliotheek")
    pg.locator("[data-testid=stDataFrame]").first.wait_for()
    pg.locator("[data-testid=stSelectbox]", has_text="Scenario").first.click()
    options = pg.get_by_role("option")
    options.first.wait_for()
    names = [o.strip() for o in options.all_inner_texts()]
    pg.keyboard.press("Escape")
    return names


def test_solved_scenarios_survive_a_reload_and_stay_in_their_workspace(server):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg = _open(browser, server)
        assert re.search(r"[?&]ws=[A-Za-z0-9_-]{16,}", pg.url), pg.url  # the workspace key is in the address

        _go(pg, "Scenario")
        pg.get_by_text("Herplaatsing medewerkers", exact=True).click()
        _idle(pg)
        _solve(pg)
        pg.get_by_text("1. Afbouw verliesgevende PMC's", exact=True).click()
        _idle(pg)
        _solve(pg)
        _go(pg, "Resultaten")
        pg.get_by_role("button", name="Waarde per hefboom berekenen").click()
        pg.get_by_text(re.compile(r"^Berekend in ")).wait_for(timeout=120_000)
        _idle(pg)
        before = _euros(_metric(pg, "Gemeentelijke bijdrage"))
        waterfall_before = pg.locator("[data-testid=stDataFrame]").count()

        pg.reload()  # F5
        pg.get_by_role("heading", level=1).first.wait_for()
        _idle(pg)
        assert "ws=" in pg.url
        assert _library_names(pg) == ["Herplaatsing medewerkers", "Herplaatsing + hefboom 1"]
        _go(pg, "Resultaten")
        assert _euros(_metric(pg, "Gemeentelijke bijdrage")) == before  # the same plan, read back
        pg.get_by_text(re.compile(r"^Berekend in ")).wait_for()  # its waterfall too
        pg.get_by_text("Wat elke hefboom oplevert").wait_for()
        assert pg.locator("[data-testid=stDataFrame]").count() == waterfall_before

        other = _open(browser, server)  # another browser: another workspace
        assert other.url != pg.url
        _go(other, "Bibliotheek")
        other.get_by_text("Nog niets doorgerekend").wait_for()
        body = other.locator("[data-testid=stMain]").inner_text()
        assert "Herplaatsing medewerkers" not in body and "hefboom 1" not in body
        _go(other, "Resultaten")
        other.get_by_text("Nog niets doorgerekend").wait_for()
        browser.close()
