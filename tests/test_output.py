"""Nothing the user had is lost (issue 22 item 6): outputs are written whole or not at all, an --out that
is an input is refused, an existing output is refused unless --overwrite, which keeps a backup."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sw_optimiser.cli import main
from sw_optimiser.output import OutputRefused, backup_name, check, replacing, write_bytes

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "models" / "tiny.xlsx"
PEERS = ROOT / "models" / "peers.xlsx"
LEDGER = ROOT / "tests" / "data" / "ledger"


def test_a_new_file_is_written_and_no_temporary_file_stays(tmp_path):
    out = write_bytes(tmp_path / "a.txt", b"new")
    assert out.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_an_existing_file_is_refused_unless_overwrite_which_keeps_backups(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"first")
    with pytest.raises(OutputRefused, match="bestaat al"):
        write_bytes(path, b"second")
    assert path.read_bytes() == b"first"
    write_bytes(path, b"second", overwrite=True)
    write_bytes(path, b"third", overwrite=True)
    # every earlier version is kept: plan.bak.xlsx (first), plan.bak2.xlsx (second)
    assert path.read_bytes() == b"third"
    assert (tmp_path / "plan.bak.xlsx").read_bytes() == b"first"
    assert (tmp_path / "plan.bak2.xlsx").read_bytes() == b"second"
    assert backup_name(path).name == "plan.bak3.xlsx"


def test_an_input_is_refused_even_with_overwrite(tmp_path):
    model = tmp_path / "model.xlsx"
    model.write_bytes(b"model")
    with pytest.raises(OutputRefused, match="--out mag niet hetzelfde bestand zijn als een invoerbestand"):
        check(tmp_path / "." / "model.xlsx", [model], overwrite=True)
    with pytest.raises(OutputRefused, match="must not be the same file as an input"):
        check(model, [None, str(model)], overwrite=True, lang="en")


def test_a_failing_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with replacing(path, overwrite=True) as temporary:
            temporary.write_bytes(b"half")
            raise RuntimeError("disk full")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]


def test_a_write_killed_midway_leaves_the_old_file_intact(tmp_path):
    """A process writing a 1 MB output is killed halfway (SIGKILL: no clean-up runs): the file under the
    final name is still the old one, byte for byte; only a hidden .part file is left beside it."""
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"the old plan")
    script = textwrap.dedent(f"""
        import sys, time
        from sw_optimiser.output import replacing
        with replacing({str(path)!r}, overwrite=True) as temporary:
            with open(temporary, "wb") as fh:
                fh.write(b"x" * 500_000)
                fh.flush()
                print("halfway", flush=True)
                time.sleep(60)
                fh.write(b"x" * 500_000)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "halfway"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert path.read_bytes() == b"the old plan"
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left[-1] == "plan.xlsx" and len(left) == 2 and left[0].startswith(".plan.") and ".part" in left[0]


def test_a_missing_folder_is_said_not_made(tmp_path, capsys):
    assert main(["baseline", str(TINY), "--out", str(tmp_path / "nope" / "x.xlsx")]) == 2
    assert "Kan niet lezen of schrijven" in capsys.readouterr().err
    assert not (tmp_path / "nope").exists()


# ----- every command: an --out that is an input is refused, with exit 2 and the input unchanged ------
def _copy(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes())
    return dst


@pytest.mark.parametrize("option", ["ledger", "model", "mapping"])
def test_import_ledger_refuses_an_out_that_is_an_input(tmp_path, capsys, option):
    files = {"ledger": _copy(LEDGER / "exact_nl_cp1252.csv", tmp_path / "grootboek.csv"),
             "model": _copy(TINY, tmp_path / "model.xlsx"),
             "mapping": _copy(LEDGER / "mapping.csv", tmp_path / "mapping.csv")}
    before = {k: p.read_bytes() for k, p in files.items()}
    for out_option in ("--out", "--company-out"):
        argv = ["import-ledger", str(files["ledger"]), "--mapping", str(files["mapping"]), "--model",
                str(files["model"]), out_option, str(files[option]), "--overwrite"]
        assert main(argv) == 2
        assert f"{out_option} mag niet hetzelfde bestand zijn als een invoerbestand" in capsys.readouterr().out
    assert {k: p.read_bytes() for k, p in files.items()} == before


def test_benchmark_refuses_its_company_model_as_out(tmp_path, capsys):
    model = _copy(TINY, tmp_path / "m.xlsx")
    before = model.read_bytes()
    assert main(["benchmark", str(PEERS), "--company", str(model), "--out", str(model), "--overwrite"]) == 2
    assert "--out mag niet hetzelfde bestand zijn als een invoerbestand" in capsys.readouterr().err
    assert model.read_bytes() == before


def test_report_refuses_its_model_as_out_even_with_overwrite(tmp_path, capsys):
    model = _copy(TINY, tmp_path / "m.xlsx")
    before = model.read_bytes()
    assert main(["report", str(model), "--overwrite", "--out", str(model)]) == 2
    assert "--out mag niet hetzelfde bestand zijn als een invoerbestand" in capsys.readouterr().err
    assert model.read_bytes() == before


@pytest.mark.parametrize("argv", [
    ["template", "{out}"],
    ["baseline", "{tiny}", "--out", "{out}"],
    ["optimise", "{tiny}", "--out", "{out}"],
    ["benchmark", "{peers}", "--out", "{out}"],
    ["report", "{tiny}", "--out", "{out}"],
    ["region", "{region}", "--out", "{out}"],
    ["import-ledger", "{ledger}", "--out", "{out}"],
    ["import-ledger", "{ledger}", "--company-out", "{out}"],
    ["example", "tiny", "{dir}"],
])
def test_every_command_refuses_an_existing_output(tmp_path, capsys, argv):
    """Refused before anything is computed (the region and the report would take minutes)."""
    out = tmp_path / "tiny.xlsx"
    out.write_bytes(b"the user's own file")
    paths = {"out": out, "tiny": TINY, "peers": PEERS, "region": ROOT / "models" / "region.yaml",
             "ledger": LEDGER / "exact_nl_cp1252.csv", "dir": tmp_path}
    assert main([a.format(**paths) for a in argv]) == 2
    captured = capsys.readouterr()
    assert f"{out} bestaat al" in captured.out + captured.err
    assert out.read_bytes() == b"the user's own file"


def test_json_goes_through_the_safe_writer_too(tmp_path, capsys):
    out = tmp_path / "basis.json"
    out.write_text("mine", encoding="utf-8")
    assert main(["baseline", str(TINY), "--json", str(out)]) == 2
    assert f"{out} bestaat al" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "mine"
    assert main(["baseline", str(TINY), "--json", str(TINY)]) == 2
    assert "--json mag niet hetzelfde bestand zijn als een invoerbestand" in capsys.readouterr().err
