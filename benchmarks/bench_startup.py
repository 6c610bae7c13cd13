"""How long the tool takes to start: `sw-optimiser --help`, `validate`, `baseline` on the example company,
and the explorer's first page (server start to the company page drawn in headless Chromium).

Each command runs in a fresh process; CPU is the child's user + system time (getrusage), wall the
elapsed time; the figures are medians of --repeat runs. For the explorer, CPU is the server process's
own CPU (/proc) from its start until the first page has finished drawing.

    python benchmarks/bench_startup.py [--repeat 5] [--no-explorer] [--root DIR ...]

With several --root checkouts (e.g. a `git worktree` of the commit before), the runs alternate between
them, so a machine shared with others loads every checkout alike: before and after side by side.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "models" / "example.xlsx"
COMMANDS = {
    "--help": ["--help"],
    "validate": ["validate", str(EXAMPLE)],
    "baseline": ["baseline", str(EXAMPLE)],
}
ENV = {k: v for k, v in os.environ.items() if k not in ("SW_EXPLORER_MODEL", "PYTHONPATH")}
IDLE = ("() => { const app = document.querySelector('[data-testid=stApp]'); return app &&"
        " !['running', 'rerunRequested', 'initial'].includes(app.getAttribute('data-test-script-state'))"
        " && document.querySelector('[data-testid=stMain] h1') !== null; }")


def _cli(root: Path, args: list[str]) -> tuple[float, float]:
    """(CPU, wall) seconds of one `python -m sw_optimiser.cli ARGS` in a fresh process, importing the
    package of checkout `root` (python -m puts the working folder first on the path)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sw_optimiser.cli", *args], cwd=root, check=True, env=ENV,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _process_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _explorer(root: Path, browser) -> tuple[float, float]:
    """(server CPU, wall) from starting Streamlit on `root`'s app.py to the first page drawn."""
    port = _free_port()
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(root / "app.py"), "--server.port", str(port),
                             "--server.headless", "true", "--server.fileWatcherType", "none",
                             "--browser.gatherUsageStats", "false"],
                            cwd=root, env={**ENV, "PYTHONPATH": str(root)}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}")
        page.wait_for_function(IDLE, timeout=120_000)
        wall = time.perf_counter() - started
        cpu = _process_cpu(proc.pid)
        page.close()
        return cpu, wall
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-explorer", action="store_true")
    parser.add_argument("--root", action="append", type=Path, help="a checkout to measure (default: this one)")
    args = parser.parse_args(argv)
    roots = [r.resolve() for r in args.root or [ROOT]]
    runs: dict[tuple[str, Path], list[tuple[float, float]]] = {}
    for _ in range(args.repeat):  # alternate the checkouts, so they share the machine's load alike
        for name, cli_args in COMMANDS.items():
            for root in roots:
                runs.setdefault((name, root), []).append(_cli(root, cli_args))
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not args.no_explorer and chromium:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox"])
            for _ in range(args.repeat):
                for root in roots:
                    runs.setdefault(("explorer first page", root), []).append(_explorer(root, browser))
            browser.close()
    print(f"{'':22} {'CPU s':>7} {'wall s':>7}   (medians of {args.repeat}; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    for (name, root), measured in runs.items():
        label = name if len(roots) == 1 else f"{name} [{root.name}]"
        print(f"{label:34} {statistics.median(c for c, _ in measured):7.2f} "
              f"{statistics.median(w for _, w in measured):7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
