"""Coalition solves on Dask (optional extra `dask`): a local cluster of worker processes gives the same
coalition values and Shapley split as the local process pool (the three-company hand case)."""

from __future__ import annotations

import sys

import pytest

from sw_optimiser.region import split
from sw_optimiser.region.dask_run import available, dask_executor
from test_region_values import CENT, _three

pytestmark = pytest.mark.slow

needs_dask = pytest.mark.skipif(not available(), reason="dask.distributed is not installed "
                                                        "(optional extra: pip install 'sw-optimiser[dask]')")


@needs_dask
def test_three_companies_on_a_local_dask_cluster_match_the_process_pool():
    pool = split(_three(workers=2))
    with dask_executor(workers=2) as executor:
        on_dask = split(_three(), executor=executor)
    assert on_dask.gain == pytest.approx(145_000, abs=CENT)
    assert on_dask.shapley == pytest.approx(pool.shapley, abs=CENT)
    assert on_dask.shapley_gain() == pytest.approx([78_750, 40_000, 26_250], abs=CENT)
    assert {S: v.value for S, v in on_dask.values.items()} == pytest.approx(
        {S: v.value for S, v in pool.values.items()}, abs=CENT)


@needs_dask
def test_the_cli_runs_on_dask(tmp_path, capsys):
    from sw_optimiser.cli import main
    from test_region_values import write_two

    assert main(["region", str(write_two(tmp_path)), "--dask", "--workers", "2", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Coalitions on Dask: local cluster of 2 processes" in out
    assert "Gain of cooperation: €100,000" in out


def test_without_dask_the_flags_say_how_to_install_it(tmp_path, capsys, monkeypatch):
    from sw_optimiser.cli import main
    from test_region_values import write_two

    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    assert main(["region", str(write_two(tmp_path)), "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "pip install 'sw-optimiser[dask]'" in capsys.readouterr().err
