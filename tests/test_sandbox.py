"""Uploads are read in a process of their own with a memory and CPU limit (issue 22 item 7): a file whose
reader runs out of memory or time, or dies, is refused with a clear message naming it, and the server
(here: the test process) goes on, ready for the next upload."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import sandbox_tasks as tasks
from sw_optimiser.explorer import sandbox
from sw_optimiser.explorer import state as state_module
from sw_optimiser.problems import InputError
from sw_optimiser.workbook import read_workbook

ROOT = Path(__file__).resolve().parents[1]
TOO_COMPLEX_NL = "grootboek.xlsx is te groot of te complex om te lezen"


@pytest.mark.parametrize("reader", [tasks.hog, tasks.grow, tasks.abort], ids=["4 GB at once", "growing", "abort"])
def test_a_reader_that_runs_out_of_memory_or_dies_gives_the_message(reader):
    with pytest.raises(sandbox.TooComplex) as exc:
        sandbox.read(reader, "grootboek.xlsx", name="grootboek.xlsx")
    (problem,) = exc.value.problems
    assert problem.text("nl").startswith(TOO_COMPLEX_NL)
    assert problem.text("en").startswith("grootboek.xlsx is too large or too complex to read")
    assert sandbox.read(tasks.pid, name="x") != os.getpid()  # and the next read goes on, elsewhere


def test_a_reader_that_computes_forever_is_stopped_by_the_cpu_limit(monkeypatch):
    monkeypatch.setattr(sandbox, "CPU_SECONDS", 1)  # CPU seconds, not the clock: the same on a busy machine
    with pytest.raises(sandbox.TooComplex):
        sandbox.read(tasks.spin, name="grootboek.xlsx")


def test_what_a_reader_returns_or_raises_comes_back_as_it_was():
    model, _ = sandbox.read(read_workbook, ROOT / "models" / "tiny.xlsx", name="tiny.xlsx")
    assert model == read_workbook(ROOT / "models" / "tiny.xlsx")[0]
    with pytest.raises(InputError) as exc:  # not TooComplex: the reader's own located problem
        sandbox.read(tasks.refuse, "bedrijf.xlsx", name="bedrijf.xlsx")
    assert not isinstance(exc.value, sandbox.TooComplex)
    assert exc.value.problems[0].text("nl") == "Blad 'Locaties', rij 4, kolom 'Capaciteit': 'veel' is geen getal"


def test_an_upload_that_takes_all_memory_is_refused_and_the_explorer_goes_on(monkeypatch, workbooks, tiny_model):
    monkeypatch.setenv("SW_EXPLORER_MODEL", str(ROOT / "models" / "tiny.xlsx"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    explorer = at.session_state["explorer"]
    monkeypatch.setattr(state_module, "read_workbook", tasks.hog)  # the upload's reader wants 4 GB
    explorer.pending_upload = ("bedrijf.xlsx", b"PK whatever")
    at.run()
    assert not at.exception
    assert "bedrijf.xlsx is te groot of te complex om te lezen" in explorer.problems[0].text("nl")
    assert explorer.model_name == "tiny.xlsx"  # the last valid model stays in use
    monkeypatch.setattr(state_module, "read_workbook", read_workbook)
    explorer.pending_upload = ("eigen.xlsx", workbooks.write(tiny_model).read_bytes())
    at.run()
    assert not at.exception and explorer.model_name == "eigen.xlsx"  # the same server reads the next upload


@pytest.mark.parametrize("page, module, reader, attr, name", [
    ("ledger_import", "sw_optimiser.ledger", "read_ledger", "ledger_upload", "grootboek.xlsx"),
    ("ledger_import", "sw_optimiser.ledger", "read_mapping", "ledger_mapping_upload", "koppeling.xlsx"),
    ("benchmark", "sw_optimiser.benchmarking", "read_peers", "peers_upload", "peers.xlsx"),
], ids=["ledger", "mapping", "peer set"])
def test_a_ledger_mapping_or_peer_set_that_takes_all_memory_is_refused_on_its_page(monkeypatch, page, module,
                                                                                    reader, attr, name):
    import importlib

    monkeypatch.setenv("SW_EXPLORER_MODEL", str(ROOT / "models" / "tiny.xlsx"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(f"sw_optimiser/explorer/{page}.py").run()
    if attr == "ledger_mapping_upload":  # a mapping's problems are shown with a ledger's
        at.session_state["explorer"].ledger_upload = ("gb.csv", b"Datum;Rekening;Omschrijving;Bedrag\r\n"
                                                                b"01-02-2025;8000;Factuur;-100,00\r\n")
        at.run()
    monkeypatch.setattr(importlib.import_module(module), reader, tasks.hog)  # a page is run as a script: it
    # imports its reader again on every run
    setattr(at.session_state["explorer"], attr, (name, b"PK whatever"))
    at.run()
    assert not at.exception
    shown = [e.value for e in at.error] + [str(df.value.to_dict()) for df in at.dataframe] + [m.value for m in at.markdown]
    assert any(f"{name} is te groot of te complex om te lezen" in text for text in shown), shown
