"""Propose a category for an account: from its RGS code, its name, or its number.

RGS (Referentie GrootboekSchema) codes start with B (balans, balance sheet) or W (winst- en
verliesrekening, P&L), followed by groups of three letters: WOmz netto-omzet, WKpr kostprijs van
de omzet, WPer personeelskosten, WAfs afschrijvingen, WBed overige bedrijfskosten (WBedHui
huisvesting, WBedVkk verkoopkosten, WBedEem exploitatie- en machinekosten), WOvb overige
bedrijfsopbrengsten (WOvbOrs subsidiebaten, WOvbEsu exploitatiesubsidies), WFbe financiële baten
en lasten, WWvi/WBwv waardeveranderingen. Everything proposed here is only a proposal: the user
confirms it in the mapping table. Wages (WPer) are proposed as Wsw wages; the user splits off
supervision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: RGS prefix -> category, most specific first.
RGS_PREFIXES: tuple[tuple[str, str], ...] = (
    ("WBedHui", "site_costs"),
    ("WBedVkk", "acquisition"),
    ("WBedEem", "pmc_fixed_costs"),
    ("WOvbOrs", "subsidy"),
    ("WOvbEsu", "subsidy"),
    ("WOmz", "revenue"),
    ("WKpr", "material"),
    ("WPer", "wages_wsw"),
    ("WBed", "overhead"),
    ("WAfs", "overhead"),
    ("WFbe", "overhead"),
    ("WWvi", "one_off"),
    ("WBwv", "one_off"),
    ("B", "ignore"),
)

#: Words at the start of a word in the account name -> category, checked in this order.
NAME_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("rijkssubsidie", "subsidy"), ("subsidie", "subsidy"),
    ("dagbesteding", "chain_revenue"), ("ketensamenwerking", "chain_revenue"), ("zorgtarief", "chain_revenue"),
    ("begeleid", "supervision"), ("werkleid", "supervision"), ("groepsleid", "supervision"),
    ("jobcoach", "supervision"), ("job coach", "supervision"),
    ("eenmalig", "one_off"), ("reorganisatie", "one_off"), ("afvloeiing", "one_off"),
    ("wsw", "wages_wsw"), ("loon", "wages_wsw"), ("lonen", "wages_wsw"),
    ("huur", "site_costs"), ("huisvesting", "site_costs"), ("gebouw", "site_costs"), ("energie", "site_costs"),
    ("acquisitie", "acquisition"), ("verkoopkosten", "acquisition"), ("reclame", "acquisition"),
    ("marketing", "acquisition"),
    ("materiaal", "material"), ("inkoop", "material"), ("grondstof", "material"), ("uitbesteed", "material"),
    ("machine", "pmc_fixed_costs"),
    ("omzet", "revenue"), ("opbrengst", "revenue"), ("inleenvergoeding", "revenue"), ("detachering", "revenue"),
    ("kantoor", "overhead"), ("automatisering", "overhead"), ("accountant", "overhead"), ("advies", "overhead"),
    ("verzekering", "overhead"), ("afschrijving", "overhead"), ("management", "overhead"),
    ("bank", "ignore"), ("kas", "ignore"), ("debiteur", "ignore"), ("crediteur", "ignore"), ("btw", "ignore"),
    ("te betalen", "ignore"), ("te ontvangen", "ignore"), ("voorziening", "ignore"), ("reserve", "ignore"),
    ("eigen vermogen", "ignore"), ("vaste activa", "ignore"), ("voorraad", "ignore"), ("tussenrekening", "ignore"),
)
_KEYWORD_RE = [(re.compile(r"\b" + re.escape(word)), word, cat) for word, cat in NAME_KEYWORDS]

#: First digit of a numeric account in the Dutch decimal chart -> category.
DECIMAL_CHART: dict[str, str] = {"0": "ignore", "1": "ignore", "2": "ignore", "3": "ignore",
                                 "4": "overhead", "7": "material", "8": "revenue"}


@dataclass(frozen=True)
class Proposal:
    category: str
    basis: str  # "rgs", "rgs_wages", "rgs_name", "name", "number" or "type"
    detail: str  # the RGS code, the keyword, or the account type


def from_rgs(code: str) -> str | None:
    code = (code or "").strip()
    for prefix, category in RGS_PREFIXES:
        if code.startswith(prefix):
            return category
    return None


def propose(account: str, name: str = "", rgs: str = "", account_type: str = "") -> Proposal | None:
    """The best guess for one account: RGS code, then balance-sheet type, then name, then number."""
    if rgs and (cat := from_rgs(rgs)):
        if cat == "wages_wsw":  # RGS has no Wsw/supervision split: let the name decide, else Wsw
            lowered = (name or "").lower()
            for pattern, word, kw_cat in _KEYWORD_RE:
                if kw_cat == "supervision" and pattern.search(lowered):
                    return Proposal("supervision", "rgs_name", f"{rgs}|{word}")
            return Proposal(cat, "rgs_wages", rgs)
        return Proposal(cat, "rgs", rgs)
    if account_type.upper() == "B":
        return Proposal("ignore", "type", "B")
    lowered = (name or "").lower()
    for pattern, word, cat in _KEYWORD_RE:
        if pattern.search(lowered):
            return Proposal(cat, "name", word)
    account = (account or "").strip()
    if account.isdigit() and len(account) >= 3 and account[0] in DECIMAL_CHART:
        return Proposal(DECIMAL_CHART[account[0]], "number", account[0])
    return None
