"""The command line as installed (issue 20): Dutch help by default and English with --lang en, quick
start-up (only the command asked for is imported), --version, the bundled examples and the explorer's
start command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sw_optimiser import bundled
from sw_optimiser.cli import ADD_ONS, main
from sw_optimiser.explorer import serve

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ["template", "validate", "baseline", "example", "explorer", *ADD_ONS]
ENGLISH = ("usage:", "show this help", "positional arguments", "options:", "default:", " / ")


def _help(capsys, *argv) -> str:
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_wholly_dutch_by_default_and_english_on_request(capsys, command):
    argv = [command] if command else []
    dutch = _help(capsys, *argv)
    assert dutch.startswith("gebruik: sw-optimiser") and "toon deze hulp en stop" in dutch
    assert not [w for w in ENGLISH if w in dutch], dutch
    english = _help(capsys, "--lang", "en", *argv)
    assert english.startswith("usage: sw-optimiser") and "show this help message and exit" in english
    assert "gebruik" not in english and "standaard" not in english


def test_argparse_errors_are_dutch(capsys):
    with pytest.raises(SystemExit):
        main(["baseline"])
    assert capsys.readouterr().err.splitlines()[-1] == "sw-optimiser baseline: fout: deze argumenten ontbreken: file"
    with pytest.raises(SystemExit):
        main(["--lang", "en", "baseline"])
    assert capsys.readouterr().err.splitlines()[-1] == ("sw-optimiser baseline: error: the following arguments are "
                                                        "required: file")


def test_version(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("sw-optimiser ")


@pytest.mark.parametrize("argv", [["--help"], ["validate", str(ROOT / "models" / "tiny.xlsx")]])
def test_help_and_validate_do_not_import_the_solver_stack(argv):
    """In a fresh interpreter: which heavy packages `sw-optimiser ARGV` has imported when it is done."""
    script = ("import sys\nfrom sw_optimiser.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n"
              "    pass\nprint(sorted({m.split('.')[0] for m in sys.modules} & {'pyomo', 'highspy', 'pandas', "
              "'streamlit', 'matplotlib', 'jinja2', 'fpdf'}))")
    done = subprocess.run([sys.executable, "-c", script, *argv], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"


# ----- bundled examples ----------------------------------------------------------------------------
def test_bundled_examples_are_found_through_the_package():
    assert (bundled.folder("models") / "example.xlsx").is_file()
    assert (bundled.folder("scenarios") / "all-levers.yaml").is_file()
    assert {"example", "tiny", "peers", "region", "all-levers"} <= set(bundled.names())


def test_example_copies_a_scenario_with_its_model_beside_it(tmp_path, capsys):
    assert main(["example", "all-levers", str(tmp_path / "mijn")]) == 0
    folder = tmp_path / "mijn"
    assert sorted(p.name for p in folder.iterdir()) == ["all-levers.yaml", "example.xlsx"]
    text = (folder / "all-levers.yaml").read_text(encoding="utf-8")
    assert "\nmodel: example.xlsx\n" in text  # was ../models/example.xlsx
    assert (folder / "example.xlsx").read_bytes() == (ROOT / "models" / "example.xlsx").read_bytes()
    # the region next to it: example.xlsx is there already with the same bytes, the rest is copied
    capsys.readouterr()
    assert main(["example", "region", str(folder)]) == 0
    written = capsys.readouterr().out.splitlines()
    assert [Path(line.split(": ", 1)[1]).name for line in written] == [
        "region.yaml", "region_noordoever.xlsx", "region_zuiderlicht.xlsx", "region_oosthoek.xlsx"]


def test_example_refuses_to_overwrite_a_changed_file_and_names_unknown_examples(tmp_path, capsys):
    (tmp_path / "tiny.xlsx").write_bytes(b"mine")
    assert main(["example", "tiny", str(tmp_path)]) == 2
    assert "bestaat al" in capsys.readouterr().err
    assert (tmp_path / "tiny.xlsx").read_bytes() == b"mine"
    assert main(["example", "onbekend", str(tmp_path)]) == 2
    assert "Onbekend voorbeeld 'onbekend'; kies uit: example" in capsys.readouterr().err


def test_the_explorer_command_passes_streamlit_toml_and_the_model(tmp_path):
    model = tmp_path / "m.xlsx"
    model.write_bytes((ROOT / "models" / "tiny.xlsx").read_bytes())
    args, env = serve.command(str(model), 8600, headless=True)
    assert args[1:4] == ["-m", "streamlit", "run"] and Path(args[4]) == serve.APP
    assert "--server.port=8600" in args and "--server.headless=true" in args
    assert "--server.maxUploadSize=10" in args and "--runner.magicEnabled=false" in args
    assert env["SW_EXPLORER_MODEL"] == str(model.resolve())
    assert main(["explorer", str(tmp_path / "absent.xlsx")]) == 2


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig"])
def test_model_amounts_csv_is_read_in_each_encoding_excel_saves(tmp_path, encoding):
    """import-ledger --model x.csv: Dutch Excel saves Windows-1252 (the euro sign is byte 0x80, not UTF-8)."""
    import io

    from sw_optimiser.ledger.cli import _read_model

    path = tmp_path / "model.csv"
    path.write_text("revenue;€ 2.000,50\nwages_wsw;25000\n", encoding=encoding)
    assert _read_model(path, "nl", io.StringIO()) == {"revenue": 2000.5, "wages_wsw": 25000.0}


def test_the_explorer_server_does_not_import_the_solver_stack():
    """Issue 15: the explorer's server process hands solves to worker processes (explorer/pool.py), so the
    modules of the company and scenario pages load neither Pyomo nor HiGHS; the workers' fork server does."""
    modules = ["jobs", "work", "workspace", "results", "compare", "scenario", "edit", "company", "library"]
    script = ("import sys\n" + "".join(f"import sw_optimiser.explorer.{m}\n" for m in modules)
              + "print(sorted({m.split('.')[0] for m in sys.modules} & {'pyomo', 'highspy'}))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
    from sw_optimiser.explorer.pool import PRELOAD

    assert "sw_optimiser.optimiser.solve" in PRELOAD
