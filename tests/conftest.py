"""Shared fixtures: the tiny company, and workbooks written from a model and then damaged on purpose.

Typical use in a test:

    path = workbooks.bad("PMCs", 5, "Max. volume", "twintig")   # tiny model, one cell changed
    [p] = workbooks.errors(path)                                 # the InputError's problems
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from typing import Any, Callable

import openpyxl
import pytest

from sw_optimiser.problems import InputError, Problem
from sw_optimiser.workbook import load_model, read_workbook, write_workbook

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "models"
TINY_XLSX = MODELS / "tiny.xlsx"
EXAMPLE_XLSX = MODELS / "example.xlsx"


def model_script(name: str):
    """A script of models/ (build_tiny, make_peers, ...) as a module: the bundled models are built by them."""
    spec = importlib.util.spec_from_file_location(name, MODELS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _build_tiny_module():
    return model_script("build_tiny")


@pytest.fixture(scope="session")
def tiny_built():
    """The tiny company as models/build_tiny.py builds it (in memory, no workbook involved)."""
    return _build_tiny_module().tiny()


@pytest.fixture(scope="session")
def tiny_model():
    """The tiny company as read from models/tiny.xlsx."""
    return load_model(TINY_XLSX)


@pytest.fixture(scope="session")
def tiny_written(tmp_path_factory, tiny_model) -> dict[str, Path]:
    """The tiny company written once per language by write_workbook (copied, never changed)."""
    folder = tmp_path_factory.mktemp("tiny_written")
    return {lang: write_workbook(tiny_model, folder / f"tiny_{lang}.xlsx", lang) for lang in ("nl", "en")}


class Workbooks:
    """Writes models to workbooks under a test's tmp_path and damages them cell by cell."""

    def __init__(self, tmp_path: Path, model, written: dict[str, Path]):
        self.dir = tmp_path
        self.model = model
        self._written = written
        self._n = 0

    def write(self, model=None, lang: str = "nl", name: str | None = None) -> Path:
        """Write `model` (default: the tiny company) to a new workbook and return its path."""
        self._n += 1
        path = self.dir / (name or f"model_{self._n}.xlsx")
        if model is None:  # the tiny company: a copy of what write_workbook wrote once (saves time)
            assert not path.exists()
            shutil.copyfile(self._written[lang], path)
            return path
        return write_workbook(model, path, lang)

    def edit(self, path: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
        """Open `path` with openpyxl, apply `change(wb)`, save it in place."""
        wb = openpyxl.load_workbook(path)
        change(wb)
        wb.save(path)
        return path

    @staticmethod
    def column_of(ws, heading: str) -> int:
        """The column number whose heading (row 1 or 2, Dutch or English) is `heading`."""
        for cell in list(ws[1]) + list(ws[2]):
            if cell.value == heading:
                return cell.column
        raise KeyError(f"no column {heading!r} on sheet {ws.title!r}")

    def set_cells(self, path: Path, *changes: tuple[str, int, str, Any]) -> Path:
        """Set cells given as (sheet, Excel row, column heading, value), in one open-and-save."""
        def change(wb):
            for sheet, row, heading, value in changes:
                ws = wb[sheet]
                assert row <= ws.max_row + 1, f"row {row} is beyond the data of {sheet!r}"
                ws.cell(row, self.column_of(ws, heading)).value = value  # ws.cell(r, c, None) would not clear it
        return self.edit(path, change)

    def set_cell(self, path: Path, sheet: str, row: int, heading: str, value: Any) -> Path:
        return self.set_cells(path, (sheet, row, heading, value))

    def bad(self, sheet: str, row: int, heading: str, value: Any, model=None, lang: str = "nl") -> Path:
        """A fresh workbook of `model` (default tiny) with one cell set to `value`."""
        return self.set_cell(self.write(model, lang), sheet, row, heading, value)

    def delete_column(self, path: Path, sheet: str, heading: str) -> Path:
        return self.edit(path, lambda wb: wb[sheet].delete_cols(self.column_of(wb[sheet], heading)))

    def delete_sheet(self, path: Path, sheet: str) -> Path:
        return self.edit(path, lambda wb: wb.remove(wb[sheet]))

    def copy_row(self, path: Path, sheet: str, source: int, target: int) -> Path:
        def change(wb):
            ws = wb[sheet]
            for cell in ws[source]:
                ws.cell(target, cell.column).value = cell.value
        return self.edit(path, change)

    @staticmethod
    def errors(path: Path) -> list[Problem]:
        """The errors that reading `path` raises (fails the test if it reads without error)."""
        with pytest.raises(InputError) as info:
            read_workbook(path)
        errors = info.value.errors
        assert errors, "InputError without errors"
        return errors

    @staticmethod
    def read(path: Path):
        return read_workbook(path)


@pytest.fixture
def workbooks(tmp_path, tiny_model, tiny_written) -> Workbooks:
    return Workbooks(tmp_path, tiny_model, tiny_written)


@pytest.fixture(autouse=True)
def _workspace_folder(tmp_path_factory, monkeypatch):
    """The explorer keeps its workspace database in a folder of the test run, never in the user's home
    (SW_WORKSPACE_URL, set by the PostgreSQL tests, wins over it)."""
    monkeypatch.setenv("SW_WORKSPACE_DIR", str(tmp_path_factory.getbasetemp() / "workspace"))


# ----- a real PostgreSQL server for the workspace tests ---------------------------------------------
def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))  # Debian keeps them off PATH
    return str(versions[-1]) if versions else None


@pytest.fixture(scope="session")
def postgresql_url(tmp_path_factory):
    """A PostgreSQL server of its own for this test run (initdb + pg_ctl in a temporary folder, on a
    Unix socket only), as a SQLAlchemy URL. Skipped with a reason where PostgreSQL or psycopg is missing."""
    import os
    import socket
    import subprocess
    import tempfile

    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL is not installed (Debian: apt-get install -y postgresql)")
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'psycopg[binary]')")
    # not under pytest's own temporary folder: that is private to the user running the tests, and the
    # server may run as another (postgres, when the tests run as root)
    folder = Path(tempfile.mkdtemp(prefix="sw-pg-"))
    data, sockets = folder / "data", folder / "run"
    sockets.mkdir()
    run_as: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: run it as the postgres user
        runuser = shutil.which("runuser")
        if not runuser:
            pytest.skip("running as root without runuser: PostgreSQL cannot be started")
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
        run_as = [runuser, "-u", "postgres", "--"]
    started = False
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    try:
        for step in ([initdb, "-D", str(data), "-U", "sw", "--auth=trust", "-E", "UTF8"],
                     [pg_ctl, "-D", str(data), "-l", str(folder / "log"), "-w", "-t", "30", "-o",
                      f"-p {port} -k {sockets} -c listen_addresses='' -c fsync=off", "start"]):
            done = subprocess.run([*run_as, *step], capture_output=True, text=True)
            if done.returncode:
                pytest.fail(f"{Path(step[0]).name} failed:\n{done.stdout}{done.stderr}")
        started = True
        yield f"postgresql+psycopg://sw@/postgres?host={sockets}&port={port}"
    finally:
        if started:
            subprocess.run([*run_as, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
