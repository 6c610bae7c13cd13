"""Benchmarking texts live in locale/<lang>/benchmarking.yaml: every bench.* key the code names or
builds exists in both languages, and every bench.* key of the catalogue is used."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from sw_optimiser.benchmarking.dea import DEAMessage
from sw_optimiser.benchmarking.kpis import KPIS
from sw_optimiser.i18n import LANGS, catalogue

PACKAGE = Path(__file__).resolve().parents[1] / "sw_optimiser"
FILES = [*(PACKAGE / "benchmarking").glob("*.py"), PACKAGE / "explorer" / "benchmark.py"]


def _calls(name: str, arg: int):
    """String constants given as argument `arg` of calls to `name` in the benchmarking files."""
    for path in FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == name:
                value = node.args[arg] if len(node.args) > arg else None
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    yield value.value


def _peer_codes() -> set[str]:
    """Problem codes of the peer set: given to _problem(...) or returned by _parse_cell."""
    codes = set(_calls("_problem", 3))
    source = ast.parse((PACKAGE / "benchmarking" / "peers.py").read_text(encoding="utf-8"))
    parse_cell = next(n for n in ast.walk(source) if isinstance(n, ast.FunctionDef) and n.name == "_parse_cell")
    for node in ast.walk(parse_cell):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
            code = node.value.elts[1]
            if isinstance(code, ast.Constant) and isinstance(code.value, str):
                codes.add(code.value)
    return codes


def _used() -> set[str]:
    named = {value for path in FILES for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Constant) and isinstance(value := node.value, str)
             and value.startswith("bench.") and not value.endswith(("_", "."))}
    messages = {DEAMessage(code).key for code in _calls("DEAMessage", 0)}
    messages |= {DEAMessage(f"dea.warn.super_infeasible.{o}").key for o in ("input", "output")}
    built = {f"bench.kpi_{k.key}" for k in KPIS}  # the peer-set headings are declared in schema.Peer
    built |= {f"bench.peer_err_{code}" for code in _peer_codes()}
    built |= {f"bench.dea_model_{m}" for m in ("crs", "vrs")}
    built |= {f"bench.dea_orientation_{o}" for o in ("input", "output")}
    built |= {f"bench.dea_status_{s}" for s in ("efficient", "weakly_efficient", "inefficient", "not_solved")}
    built |= {f"bench.dea_kind_{k}" for k in ("input", "fixed_input", "output")}
    built |= {f"bench.cli_moment_{k}" for k in ("today", "baseline", "plan")}
    built |= {"bench.cli_col_year", "bench.cli_col_efficiency"}
    return named | messages | built


def test_the_scan_finds_what_it_should():
    used = _used()
    assert {"bench.dea_err_no_inputs", "bench.dea_warn_few_dmus", "bench.dea_err_fixed_not_input"} <= used
    assert {"bench.peer_err_not_a_number", "bench.peer_err_missing_value", "bench.peer_err_file_missing"} <= used
    assert {"bench.kk_median", "bench.dea_fixed", "bench.app_se_discretionary"} <= used


@pytest.mark.parametrize("lang", LANGS)
def test_every_bench_key_used_exists(lang):
    assert sorted(_used() - set(catalogue(lang))) == []


def test_every_bench_key_of_the_catalogue_is_used():
    assert sorted({k for k in catalogue("nl") if k.startswith("bench.")} - _used()) == []
