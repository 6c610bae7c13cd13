"""Amounts are parsed by Arrow's kernels (issue 19) with exactly the outcome of pandas' string methods,
also for cells that are not ASCII."""

import pandas as pd

from sw_optimiser.ledger.values import parse_amounts


def test_ascii_and_other_digits_in_one_column_parse_as_before():
    # "١٢,00" is 12,00 in Arabic-Indic digits, which Python's \d matches: 1200 cents, as pandas gave;
    # "€ 1.234,56" is cleaned first; "12,345" has a third decimal; "abc" is no amount
    parsed = parse_amounts(pd.Series(["\u0661\u0662,00", "1.234,56", "\u20ac 1.234,56", "12,345", "abc", "-0,01"],
                                     dtype="str"))
    assert parsed.cents.tolist() == [1200, 123456, 123456, 0, 0, -1]
    assert parsed.bad.tolist() == [False, False, False, False, True, False]
    assert parsed.sub_cent.tolist() == [False, False, False, True, False, False]


def test_a_column_in_two_styles_parses_each_in_its_own():
    # two Dutch, one English only ("1,234.50"): the column is Dutch, the English one still read
    parsed = parse_amounts(pd.Series(["1.234,50", "10,00", "1,234.50"], dtype="str"))
    assert parsed.cents.tolist() == [123450, 1000, 123450]
    assert not parsed.bad.any()
