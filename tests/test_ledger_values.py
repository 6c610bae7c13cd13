"""Amounts to integer cents and dates, as Dutch ledger exports write them."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from sw_optimiser.ledger.messages import euros
from sw_optimiser.ledger.tabular import parse_cells
from sw_optimiser.ledger.values import cents_from_decimal, cents_from_numbers, parse_amounts, parse_dates


def cents(*values: str) -> list[int]:
    parsed = parse_amounts(pd.Series(values, dtype="str"))
    assert parsed.ok.all(), [v for v, ok in zip(values, parsed.ok) if not ok]
    return parsed.cents.tolist()


def test_dutch_amounts_to_cents():
    # "1.234,56" = 1234 euro 56 cent = 123456 cents
    assert cents("1.234,56", "-0,01", "0,10", "12,5", "1.000.000,00", "-765,44") == [
        123456, -1, 10, 1250, 100_000_000, -76544]


def test_plain_and_english_amounts_to_cents():
    assert cents("1234.56", "-0.01", "7", "1,234.56", "12.5") == [123456, -1, 700, 123456, 1250]


def test_dutch_column_with_an_unambiguous_english_value():
    # '1.234' in a Dutch column is 1234 euro; '99.95' can only be English (two decimals after a dot)
    assert cents("1.234", "10,00", "99.95") == [123400, 1000, 9995]


def test_currency_signs_brackets_and_trailing_minus():
    assert cents("€ 1.234,56", "(12,50)", "12,50-", "+5", " 3,00 ", "EUR 1,00") == [123456, -1250, -1250, 500, 300, 100]


def test_trailing_zero_decimals_are_fine_but_sub_cents_are_flagged():
    parsed = parse_amounts(pd.Series(["12,3400", "12,345", "abc", ""], dtype="str"))
    assert parsed.cents[0] == 1234
    assert parsed.sub_cent.tolist() == [False, True, False, False]
    assert parsed.bad.tolist() == [False, False, True, False]
    assert parsed.empty.tolist() == [False, False, False, True]


def test_too_long_numbers_are_bad_not_overflowing():
    parsed = parse_amounts(pd.Series(["99999999999999999999,00"], dtype="str"))
    assert parsed.bad.tolist() == [True]


def test_exact_sums_over_many_small_amounts():
    # 100,000 x 0,10 = 10.000,00 exactly (a float sum would drift)
    parsed = parse_amounts(pd.Series(["0,10"] * 100_000, dtype="str"))
    assert int(parsed.cents.sum()) == 1_000_000


def test_spreadsheet_numbers_to_cents():
    values, sub = cents_from_numbers(np.array([1234.56, -0.01, 0.1 + 0.2, 12.345]))
    assert values.tolist()[:3] == [123456, -1, 30]
    assert sub.tolist() == [False, False, False, True]


def test_mixed_spreadsheet_cells():
    parsed = parse_cells(pd.Series([1234.56, "1.234,56", 7, None, "x"], dtype=object))
    assert parsed.cents.tolist()[:3] == [123456, 123456, 700]
    assert parsed.empty.tolist() == [False, False, False, True, False]
    assert parsed.bad.tolist() == [False, False, False, False, True]


def test_model_euros_to_cents_rounds_half_up():
    assert [cents_from_decimal(v) for v in (9_000_000, 1234.565, "0.005", -0.01)] == [900_000_000, 123457, 1, -1]


def test_dates_in_dutch_and_iso_formats():
    values = pd.Series(["31-12-2024", "1-2-2024", "01/02/2024", "2024-03-05", "20240401", "15-01-2024 00:00:00",
                        "05.06.2024", dt.datetime(2024, 7, 8, 12, 0), 45292], dtype=object)
    dates, bad = parse_dates(values)
    assert not bad.any()
    assert [str(d)[:10] for d in dates] == ["2024-12-31", "2024-02-01", "2024-02-01", "2024-03-05", "2024-04-01",
                                            "2024-01-15", "2024-06-05", "2024-07-08", "2024-01-01"]


@pytest.mark.parametrize("value", ["31-02-2024", "2024-13-01", "morgen", "", None])
def test_bad_dates(value):
    _, bad = parse_dates(pd.Series([value], dtype=object))
    assert bad.tolist() == [True]


def test_euro_formatting():
    assert euros(123456) == "€ 1.234,56"
    assert euros(-1) == "−€ 0,01"  # issue 20: the tool's one euro format (fmt.euro)
    assert euros(-123456, "en") == "−€1,234.56"
    assert euros(123456, "en") == "€1,234.56"
