"""Many managers at once: 20 browser sessions on one explorer server, while another user's long solve runs.

Starts `streamlit run app.py` on the loopback address and drives headless Chromium (Debian's) with
Playwright's async client: N sessions, started a second apart, each upload a company of their own (the
example under another name) and switch on reallocation; then one more session starts a solve of every
lever on the example with a 60 s time limit, and while it runs the N sessions, a second apart, solve
(about a second of solver time), switch on phase-out as well and solve again (about 3 s), and open
Vergelijken. It reports
  - the median and 95th percentile from clicking Doorrekenen to the result on the page, per kind of
    solve and over the solves that began and ended while the long solve ran,
  - the long solve's own click-to-result time,
  - the server's peak memory (resident, the server process and every process it started),
  - whether any session saw another session's company anywhere on its pages.
Bounded: it stops by itself after --timeout seconds (sessions not done by then count as failed).

    python benchmarks/bench_load.py [--sessions 20] [--workers N] [--root CHECKOUT] [--timeout 900]

--root serves another checkout (e.g. a worktree of an older commit, to measure how it was), with this
checkout's benchmark and Python environment. The machine is shared: quote figures with its load.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LEVERS = ["Herplaatsing medewerkers", "1. Afbouw verliesgevende PMC's", "2. Marktconforme inleenvergoeding",
          "3. Professionele acquisitie", "4. Begeleidingsstructuur", "5. Afstoten infrastructuur",
          "6. Ketensamenwerking zorg"]
IDLE = ("() => { const app = document.querySelector('[data-testid=stApp]'); return app &&"
        " !['running', 'rerunRequested', 'initial'].includes(app.getAttribute('data-test-script-state')); }")


# ----- the server and its memory ------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(root: Path, port: int, workers: int | None) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "SW_EXPLORER_MODEL"}
    env["PYTHONPATH"] = str(root) + os.pathsep + env.get("PYTHONPATH", "")  # that checkout's package
    if workers:
        env["SW_EXPLORER_WORKERS"] = str(workers)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address",
         "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("streamlit did not start")
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("streamlit did not open its port within 60 s")


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {pid}, [pid]
    while frontier:
        p = frontier.pop()
        children = [c for c, pp in parents.items() if pp == p and c not in tree]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for p in tree:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


class Peak(threading.Thread):
    """The server's peak memory, and the machine's load average (1 minute) as it goes."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.stop = pid, 0, threading.Event()
        self.loads: list[float] = []

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self.loads.append(os.getloadavg()[0])
            self.stop.wait(0.5)


# ----- the companies ------------------------------------------------------------------------------------
def companies(folder: Path, n: int, model: Path) -> list[tuple[str, Path]]:
    """`n` workbooks of the example company, each under a name of its own."""
    from sw_optimiser.workbook import read_workbook, write_workbook

    m, _ = read_workbook(model)
    out = []
    for i in range(1, n + 1):
        name = f"Werkbedrijf Proef {i:02d}"
        path = folder / f"werkbedrijf-proef-{i:02d}.xlsx"
        write_workbook(dataclasses.replace(m, company=dataclasses.replace(m.company, name=name)), path)
        out.append((name, path))
    return out


# ----- one browser session ------------------------------------------------------------------------------
VERBOSE = False
T0 = time.perf_counter()


def _log(who: str, what: str) -> None:
    if VERBOSE:
        print(f"{time.perf_counter() - T0:7.1f} s  {who}: {what}", file=sys.stderr, flush=True)


async def _idle(pg) -> None:
    for _ in range(2):
        await asyncio.sleep(0.3)
        await pg.wait_for_function(IDLE, timeout=600_000)


async def _go(pg, title: str) -> None:
    await pg.locator("[data-testid=stSidebarNav] a", has_text=title).first.click()
    await pg.get_by_role("heading", name=title, level=1).wait_for(timeout=600_000)
    await _idle(pg)


async def _solve(pg, label: str) -> float:
    """Click Doorrekenen; seconds until the page says the scenario is solved."""
    await _idle(pg)
    clicked = time.perf_counter()
    await pg.get_by_role("button", name="Doorrekenen").click()
    await pg.get_by_text(re.compile(r"^Doorgerekend: " + re.escape(label) + r" \(")).wait_for(timeout=900_000)
    return time.perf_counter() - clicked


async def _page(browser, url: str):
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    pg = await context.new_page()
    pg.set_default_timeout(600_000)
    await pg.goto(url)
    await pg.get_by_role("heading", name="Bedrijf", level=1).wait_for()
    await _idle(pg)
    return context, pg


class Clock:
    """When the sessions are ready, and when the long solve runs (perf_counter seconds)."""

    def __init__(self, sessions: int):
        self.ready = 0
        self.all_ready = asyncio.Event()
        self.long_running = asyncio.Event()
        self.sessions = sessions
        self.long_from: float | None = None
        self.long_to: float | None = None

    def one_ready(self) -> None:
        self.ready += 1
        if self.ready >= self.sessions:
            self.all_ready.set()

    def during(self, start: float, end: float) -> bool:
        """Whether [start, end] lies within the long solve."""
        return self.long_from is not None and self.long_from <= start and (self.long_to is None or end <= self.long_to)


async def long_user(browser, url: str, limit: float, clock: Clock, out: dict, wait_ready: float) -> None:
    """Every lever on the bundled example with a time limit of `limit` seconds, solved once every
    other session is ready to solve."""
    context, pg = await _page(browser, url)
    await _go(pg, "Scenario")
    for label in LEVERS:
        await pg.get_by_text(label, exact=True).click()
        await _idle(pg)
    box = pg.get_by_role("spinbutton", name=re.compile("rekentijd", re.I))
    await box.fill(str(int(limit)))
    await box.press("Enter")
    await _idle(pg)
    try:
        await asyncio.wait_for(clock.all_ready.wait(), timeout=wait_ready)
    except asyncio.TimeoutError:
        _log("long", f"only {clock.ready} sessions ready after {wait_ready:.0f} s: starting anyway")
    _log("long", "solving")
    clock.long_from = time.perf_counter()
    solving = asyncio.create_task(_solve(pg, "Alle hefbomen"))
    await asyncio.sleep(2.0)  # well into the solve before the others click
    clock.long_running.set()
    out["seconds"] = await solving
    clock.long_to = time.perf_counter()
    _log("long", f"solved in {out['seconds']:.1f} s")
    await context.close()


async def user(browser, url: str, i: int, name: str, path: Path, everyone: list[str], delay: float,
               stagger: float, clock: Clock, out: dict) -> None:
    """Open, upload its own company, switch on reallocation; once the long solve runs, solve, add
    phase-out and solve again, compare."""
    await asyncio.sleep(delay)
    try:
        context, pg = await _page(browser, url)
        _log(name, "open")
        await pg.locator("input[type=file]").first.set_input_files(str(path))
        await pg.locator("[data-testid=stMain]").get_by_text(name).first.wait_for()
        _log(name, "uploaded")
        await _go(pg, "Scenario")
        await pg.get_by_text(LEVERS[0], exact=True).click()
        await _idle(pg)
    finally:
        clock.one_ready()
    await clock.long_running.wait()
    await asyncio.sleep(i * stagger)
    for key, label, lever in (("first", LEVERS[0], None), ("second", "Herplaatsing + hefboom 1", LEVERS[1])):
        if lever is not None:
            await pg.get_by_text(lever, exact=True).click()
        clicked = time.perf_counter()
        out[key] = await _solve(pg, label)
        out[key + "_during"] = clock.during(clicked, clicked + out[key])
        _log(name, f"{key} solved in {out[key]:.1f} s" + (" (during the long solve)" if out[key + "_during"] else ""))
    seen = await pg.locator("[data-testid=stApp]").inner_text()
    await _go(pg, "Vergelijken")
    await pg.get_by_text("Kerncijfers").wait_for()
    await _idle(pg)
    seen += await pg.locator("[data-testid=stApp]").inner_text()
    out["own_company_shown"] = name in seen
    out["others_seen"] = [other for other in everyone if other != name and other in seen]
    await context.close()


async def run(url: str, sessions: int, stagger: float, limit: float, folder: Path, timeout: float) -> dict:
    from playwright.async_api import async_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("no chromium on PATH (Debian: apt-get install -y chromium)")
    made = companies(folder, sessions, ROOT / "models" / "example.xlsx")
    names = [n for n, _ in made]
    clock = Clock(sessions)
    long_out: dict = {}
    outs: list[dict] = [{} for _ in made]
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        tasks = [asyncio.create_task(long_user(browser, url, limit, clock, long_out, timeout / 2))]
        tasks += [asyncio.create_task(user(browser, url, i, n, path, names, i * stagger, stagger, clock, outs[i]))
                  for i, (n, path) in enumerate(made)]
        done, pending = await asyncio.wait(tasks, timeout=timeout)
        for t in pending:
            t.cancel()
        errors = [repr(t.exception())[:200] for t in done if not t.cancelled() and t.exception() is not None]
        await browser.close()
    return {"long": long_out, "users": outs, "errors": errors, "unfinished": len(pending)}


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(q * len(ordered) + 0.5)) - 1))  # nearest rank
    return ordered[k]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--stagger", type=float, default=1.0, help="seconds between the sessions' starts")
    ap.add_argument("--long-limit", type=float, default=60.0, help="time limit of the long solve")
    ap.add_argument("--workers", type=int, default=None, help="the explorer's SW_EXPLORER_WORKERS")
    ap.add_argument("--root", type=Path, default=ROOT, help="the checkout to serve")
    ap.add_argument("--timeout", type=float, default=900.0, help="stop after this many seconds")
    ap.add_argument("--verbose", action="store_true", help="say what each session does, as it goes")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()
    global VERBOSE
    VERBOSE = args.verbose

    port = _free_port()
    load_before = os.getloadavg()[0]
    server = start_server(args.root.resolve(), port, args.workers)
    peak = Peak(server.pid)
    peak.start()
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory() as folder:
            out = asyncio.run(run(f"http://127.0.0.1:{port}", args.sessions, args.stagger, args.long_limit,
                                  Path(folder), args.timeout))
    finally:
        peak.stop.set()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    wall = time.perf_counter() - started
    users = out["users"]
    first = [u["first"] for u in users if "first" in u]
    second = [u["second"] for u in users if "second" in u]
    both = first + second
    during = [u[k] for u in users for k in ("first", "second") if u.get(k + "_during")]
    leaks = sorted({o for u in users for o in u.get("others_seen", [])})
    figures = {
        "root": str(args.root), "sessions": args.sessions, "workers": args.workers or "default",
        "cores": os.cpu_count(), "load_before": round(load_before, 1), "load_after": round(os.getloadavg()[0], 1),
        "load_during_median": round(statistics.median(peak.loads), 1) if peak.loads else None,
        "load_during_max": round(max(peak.loads), 1) if peak.loads else None,
        "long_solve_s": round(out["long"].get("seconds", float("nan")), 1),
        "solves": len(both), "median_s": round(statistics.median(both), 2) if both else None,
        "p95_s": round(_pct(both, 0.95), 2) if both else None, "max_s": round(max(both), 2) if both else None,
        "first_median_s": round(statistics.median(first), 2) if first else None,  # reallocation: ~1 s solver
        "first_p95_s": round(_pct(first, 0.95), 2) if first else None,
        "second_median_s": round(statistics.median(second), 2) if second else None,  # + lever 1: ~3 s solver
        "second_p95_s": round(_pct(second, 0.95), 2) if second else None,
        "during_long_solve": len(during), "during_median_s": round(statistics.median(during), 2) if during else None,
        "during_p95_s": round(_pct(during, 0.95), 2) if during else None,
        "peak_memory_mb": round(peak.peak / 2**20), "wall_s": round(wall),
        "own_company_shown": sum(bool(u.get("own_company_shown")) for u in users),
        "sessions_that_saw_another": sum(bool(u.get("others_seen")) for u in users), "leaked_names": leaks,
        "unfinished": out["unfinished"], "errors": out["errors"],
    }
    print(json.dumps(figures, indent=1))
    if args.json:
        args.json.write_text(json.dumps({**figures, "raw": out}, indent=1))


if __name__ == "__main__":
    main()
