"""Issue 18: the optional sheet Gemeenten (owner municipalities and their distribution key) is declared in
schema.py like the other sheets, read and written with them, and checked with located messages: the
shares add up to 100 %, none is negative, names are unique, and a municipality is the client only of PMCs
that have an owner municipality as their client.

The tiny company (models/build_tiny.py) with three municipalities: Aadorp 50 %, Beekum 30 %, Cestrum 20 %
(Excel rows 4, 5, 6), Aadorp the client of P4 (made an owner-municipality PMC)."""

from __future__ import annotations

import dataclasses

import pytest

from sw_optimiser.schema import Municipality
from sw_optimiser.workbook import read_workbook


def _owners(model, shares=(50.0, 30.0, 20.0)):
    pmcs = tuple(dataclasses.replace(p, client="owner_municipality") if p.id == "P4" else p for p in model.pmcs)
    names = ("Aadorp", "Beekum", "Cestrum")
    return model.replace(pmcs=pmcs, municipalities=tuple(
        Municipality(n, float(s), ("P4",) if n == "Aadorp" else ()) for n, s in zip(names, shares)))


def _found(workbooks, path):
    model, problems = read_workbook(path)
    return model, [(p.table, p.row, p.column, p.code, p.text("nl")) for p in problems]


def test_the_sheet_is_read_back_as_written(workbooks, tiny_model):
    model, problems = _found(workbooks, workbooks.write(_owners(tiny_model)))
    assert problems == []
    assert model.municipalities == (Municipality("Aadorp", 50.0, ("P4",)), Municipality("Beekum", 30.0, ()),
                                    Municipality("Cestrum", 20.0, ()))


def test_without_the_sheet_there_are_no_municipalities(tiny_model):
    assert tiny_model.municipalities == ()  # models/tiny.xlsx has no sheet Gemeenten: no problem either


def test_english_headings(workbooks, tiny_model):
    model, problems = _found(workbooks, workbooks.write(_owners(tiny_model), lang="en"))
    assert problems == [] and [m.share for m in model.municipalities] == [50.0, 30.0, 20.0]


BAD = {
    "shares_not_100": (("Gemeenten", 6, "Aandeel in het tekort", 25), [  # 50 + 30 + 25 = 105
        ("municipalities", None, "share", "check.shares_sum",
         "Blad 'Gemeenten', kolom 'Aandeel in het tekort': de aandelen van de gemeenten tellen op tot 105 %; "
         "samen moeten ze 100 % zijn (vul procenten in: 25 voor 25 %)")]),
    "fractions_not_percent": (None, [
        ("municipalities", None, "share", "check.shares_sum",
         "Blad 'Gemeenten', kolom 'Aandeel in het tekort': de aandelen van de gemeenten tellen op tot 1 %; "
         "samen moeten ze 100 % zijn (vul procenten in: 25 voor 25 %)")]),
    "negative_share": (("Gemeenten", 5, "Aandeel in het tekort", -30), [
        ("municipalities", 5, "share", "cell.below_min",
         "Blad 'Gemeenten', rij 5, kolom 'Aandeel in het tekort': −30 is kleiner dan het minimum 0")]),
    "name_twice": (("Gemeenten", 6, "Gemeente", "Aadorp"), [
        ("municipalities", 6, "name", "check.duplicate",
         "Blad 'Gemeenten', rij 6, kolom 'Gemeente': 'Aadorp' komt twee keer voor (eerder in rij 4)")]),
    "unknown_pmc": (("Gemeenten", 5, "Opdrachtgever van PMC's", "P9"), [
        ("municipalities", 5, "clients", "check.unknown_pmc",
         "Blad 'Gemeenten', rij 5, kolom 'Opdrachtgever van PMC's': onbekende PMC 'P9'; staat niet op het blad PMCs")]),
    "client_of_a_private_pmc": (("Gemeenten", 5, "Opdrachtgever van PMC's", "P3"), [
        ("municipalities", 5, "clients", "check.client_not_owner",
         "Blad 'Gemeenten', rij 5, kolom 'Opdrachtgever van PMC's': PMC P3 heeft geen eigenaar-gemeente als "
         "opdrachtgever (kolom Opdrachtgever op het blad PMCs), dus geen gemeente is er de klant van")]),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_distribution_key(workbooks, tiny_model, case):
    cell, expected = BAD[case]
    if cell is None:  # 0,5 + 0,3 + 0,2: fractions where percentages are asked
        path = workbooks.write(_owners(tiny_model, (0.5, 0.3, 0.2)))
    else:
        path = workbooks.set_cell(workbooks.write(_owners(tiny_model)), *cell)
    problems = [(p.table, p.row, p.column, p.code, p.text("nl")) for p in workbooks.errors(path)]
    assert problems == expected
