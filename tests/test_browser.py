"""End to end in a real browser: the explorer as a manager uses it.

Starts `streamlit run app.py` on a free port, drives headless Chromium (Debian's, never Playwright's
own download) with Playwright: switch a lever, solve, read the new municipal contribution, solve a
second scenario, compare them. Saves a screenshot of every page under docs/screenshots/.
Skipped with a reason where Chromium or Playwright is missing.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Screenshots go to a temporary folder; SW_REFRESH_SCREENSHOTS=1 writes them to docs/screenshots instead.
SHOTS = (ROOT / "docs" / "screenshots" if os.environ.get("SW_REFRESH_SCREENSHOTS")
         else Path(tempfile.gettempdir()) / "sw-optimiser-screenshots")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTH = 1400

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright's Python client is not installed "
                                                             "(pip install playwright; no browser download needed)")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (Debian: apt-get install -y chromium)")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_explorer(**env: str):
    """`streamlit run app.py` on a free port with `env` added to the environment; yields its URL."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "SW_EXPLORER_MODEL"} | env  # the bundled example
    log = tempfile.TemporaryFile(mode="w+")  # not a pipe: a server that logs much must not block on it
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true",
         "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail("streamlit did not start:\n" + log.read())
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("streamlit did not open its port within 30 s")
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.seek(0)
        if os.environ.get("SW_TEST_SERVER_LOG"):  # where to keep what the server said, to look into a failure
            Path(os.environ["SW_TEST_SERVER_LOG"]).write_text(log.read())
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_explorer(SW_WORKSPACE_DIR=str(tmp_path_factory.mktemp("workspace"))) as url:
        yield url


@pytest.fixture(scope="module")
def page(server):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": WIDTH, "height": 1000}, locale="nl-NL")
        pg.set_default_timeout(30_000)
        pg.goto(server)
        yield pg
        browser.close()


IDLE = ("() => { const app = document.querySelector('[data-testid=stApp]'); return app &&"
        " !['running', 'rerunRequested', 'initial'].includes(app.getAttribute('data-test-script-state')); }")


def _idle(pg) -> None:
    """Wait until Streamlit has finished the current run (and stays finished for a moment)."""
    for _ in range(2):
        time.sleep(0.3)
        pg.wait_for_function(IDLE, timeout=60_000)


def _shot(pg, name: str) -> None:
    """A screenshot of the whole page (Streamlit scrolls inside its main block, so grow the window)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = pg.evaluate("() => Math.max(...[...document.querySelectorAll("
                         "'[data-testid=stMain], [data-testid=stAppViewContainer], body')].map(e => e.scrollHeight))")
    pg.set_viewport_size({"width": WIDTH, "height": min(int(height) + 40, 8000)})
    time.sleep(1.0)  # charts re-fit to the new size
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    pg.set_viewport_size({"width": WIDTH, "height": 1000})


def _go(pg, title: str) -> None:
    pg.locator("[data-testid=stSidebarNav] a", has_text=title).first.click()
    pg.get_by_role("heading", name=title, level=1).wait_for()
    _idle(pg)


def _metric(pg, label: str) -> str:
    card = pg.locator("[data-testid=stMetric]", has_text=label).first
    return card.locator("[data-testid=stMetricValue]").inner_text().strip()


def _euros(text: str) -> int:
    """'€ 3.324.701' or '−€ 12.345' as a number."""
    sign = -1 if text.strip().startswith(("−", "-")) else 1
    return sign * int(re.sub(r"[^0-9]", "", text))


def _solve(pg) -> None:
    pg.get_by_role("button", name="Doorrekenen").click()
    pg.get_by_text(re.compile(r"^Doorgerekend:")).wait_for(timeout=90_000)
    _idle(pg)


def test_manager_flow(page):
    pg = page
    # Bedrijf: the example company at a glance
    pg.get_by_role("heading", name="Bedrijf", level=1).wait_for()
    pg.locator("[data-testid=stVegaLiteChart]").first.wait_for()
    _idle(pg)
    today = _euros(_metric(pg, "Gemeentelijke bijdrage"))
    assert today > 0
    _shot(pg, "company")

    # Scenario: switch on reallocation, solve
    _go(pg, "Scenario")
    pg.get_by_text("Herplaatsing medewerkers", exact=True).click()
    _idle(pg)
    _solve(pg)
    _shot(pg, "scenario")

    # Resultaten: the municipal contribution in the last year, against the baseline
    _go(pg, "Resultaten")
    pg.locator("[data-testid=stVegaLiteChart]").first.wait_for()
    card = pg.locator("[data-testid=stMetric]", has_text="Gemeentelijke bijdrage").first
    first = _euros(card.locator("[data-testid=stMetricValue]").inner_text())
    delta = card.locator("[data-testid=stMetricDelta]").inner_text()
    assert re.search(r"€ [\d.]+", delta), delta  # Dutch euros in the delta too
    assert _euros(delta) != 0, "reallocation should change the municipal contribution"
    _shot(pg, "results")

    # a second scenario: also phase out loss-making PMCs
    _go(pg, "Scenario")
    pg.get_by_text("1. Afbouw verliesgevende PMC's", exact=True).click()
    _idle(pg)
    _solve(pg)
    _go(pg, "Resultaten")
    second = _euros(_metric(pg, "Gemeentelijke bijdrage"))
    assert second != first

    # Vergelijken: both side by side
    _go(pg, "Vergelijken")
    pg.get_by_text("Kerncijfers").wait_for()
    pg.locator("[data-testid=stVegaLiteChart]").first.wait_for()
    _idle(pg)
    body = pg.locator("[data-testid=stMain]").inner_text()
    assert "Herplaatsing + hefboom 1" in body and "Herplaatsing medewerkers" in body
    _shot(pg, "compare")

    # Bibliotheek: both kept in the workspace, with where and when they were solved
    _go(pg, "Bibliotheek")
    pg.locator("[data-testid=stDataFrame]").first.wait_for()
    _idle(pg)
    _shot(pg, "library")


def _example_ledger(folder: Path) -> tuple[Path, Path]:
    """A ledger (and its mapping table) that books exactly the example company's base year."""
    from sw_optimiser.ledger.baseline_amounts import baseline_amounts
    from ledger_gen import CompanySpec, generate_ledger
    from sw_optimiser.workbook import load_model

    model = load_model(ROOT / "models" / "example.xlsx")
    amounts = baseline_amounts(ROOT / "models" / "example.xlsx")
    spec = CompanySpec(pmcs=[p.id for p in model.pmcs], sites=[s.id for s in model.sites],
                       totals={k: int(v) for k, v in amounts.items()}, year=model.base_year, name=model.company.name)
    ledger = generate_ledger(3_000, spec, seed=3)
    lines = ledger.lines
    for category, account in (("revenue", "8000"), ("material", "7000")):  # the cents int() dropped
        cents = round(amounts[category] * 100) - int(amounts[category]) * 100
        row = lines.index[lines.account == account][0]
        counter = lines.index[(lines.entry == lines.entry[row]) & (lines.account != account)][0]
        sign = -1 if category == "revenue" else 1
        lines.loc[row, "amount_cents"] += sign * cents
        lines.loc[counter, "amount_cents"] -= sign * cents
    return ledger.write_csv(folder / "grootboek.csv"), ledger.write_mapping_csv(folder / "koppeltabel.csv")


def test_consultant_flow(page, tmp_path):
    """Grootboek importeren on the example company (reconciles to the cent), then Benchmark."""
    pg = page
    ledger, mapping = _example_ledger(tmp_path)
    _go(pg, "Grootboek importeren")
    pg.locator("[data-testid=stFileUploader] input[type=file]").nth(0).set_input_files(str(ledger))
    pg.get_by_text(re.compile(r"^Ingelezen: grootboek.csv")).wait_for()
    _idle(pg)
    pg.locator("[data-testid=stFileUploader] input[type=file]").nth(1).set_input_files(str(mapping))
    pg.get_by_text("Het grootboek sluit tot op de cent aan op het bedrijfsmodel.").wait_for()
    _idle(pg)
    _shot(pg, "import")

    _go(pg, "Benchmark")
    pg.locator("[data-testid=stVegaLiteChart]").first.wait_for()
    pg.get_by_text("Alle bedrijven").wait_for()
    _idle(pg)
    assert "Toegevoegde waarde per SE" in pg.locator("[data-testid=stMain]").inner_text()
    _shot(pg, "benchmark")

    _go(pg, "Regio")  # the bundled region, before its coalitions are solved
    _shot(pg, "region")
