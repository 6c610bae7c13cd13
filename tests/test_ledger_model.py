"""A ledger that books exactly the tiny company's base year reconciles with its company model to the cent."""

from pathlib import Path

from sw_optimiser.ledger.baseline_amounts import baseline_amounts
from ledger_gen import CompanySpec, generate_ledger
from sw_optimiser.ledger.importer import import_ledger
from sw_optimiser.ledger.reconcile import reconcile

TINY = Path(__file__).parents[1] / "models" / "tiny.xlsx"

# The tiny company's 2025 baseline by hand (tests/test_baseline.py):
TINY_2025 = {"revenue": 754_400, "material": 74_400, "pmc_fixed_costs": 200_000, "wages_wsw": 2_590_000,
             "subsidy": 1_920_000, "supervision": 415_000, "site_costs": 300_000, "overhead": 270_000,
             "acquisition": 0, "chain_revenue": 0, "one_off": 0}


def test_baseline_amounts_are_the_base_year_pnl():
    assert baseline_amounts(TINY) == {k: float(v) for k, v in TINY_2025.items()}


def test_a_ledger_of_the_base_year_reconciles_to_zero(tmp_path):
    spec = CompanySpec(pmcs=("P1", "P2", "P3", "P4"), sites=("S1", "S2"), totals=TINY_2025, year=2025)
    ledger = generate_ledger(2_000, spec, seed=7)
    path = ledger.write_csv(tmp_path / "grootboek.csv")
    result = import_ledger(path, ledger.mapping(), year=2025)
    table = reconcile(result.summary, baseline_amounts(TINY)).set_index("category")
    assert (table["difference_cents"] == 0).all()
    # The ledger's result is the model's: 680,000 value added − 200,000 − 2,590,000 + 1,920,000
    # − 415,000 − 300,000 − 270,000 = −1,175,000.
    assert table.loc["result", "ledger_cents"] == table.loc["result", "model_cents"] == -1_175_000_00
    assert table.loc["revenue", "ledger_cents"] == 754_400_00
