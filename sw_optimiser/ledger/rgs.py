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
    ("WOvb", "revenue"),  # other operating income
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

#: Words at the start of a word in the account name -> category, checked in this order (the more
#: specific first: "kostprijs verkopen" is material, "te betalen lonen" a balance-sheet account).
NAME_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("rijkssubsidie", "subsidy"), ("subsidie", "subsidy"),
    ("dagbesteding", "chain_revenue"), ("ketensamenwerking", "chain_revenue"), ("zorgtarief", "chain_revenue"),
    ("begeleid", "supervision"), ("werkleid", "supervision"), ("groepsleid", "supervision"),
    ("jobcoach", "supervision"), ("job coach", "supervision"),
    ("eenmalig", "one_off"), ("reorganisatie", "one_off"), ("afvloeiing", "one_off"),
    ("boekwinst", "one_off"), ("boekverlies", "one_off"), ("verkoopresultaat", "one_off"),
    ("te betalen", "ignore"), ("te ontvangen", "ignore"), ("nog te", "ignore"),
    ("kostprijs", "material"),
    ("wsw", "wages_wsw"), ("loon", "wages_wsw"), ("lonen", "wages_wsw"), ("salaris", "wages_wsw"),
    ("sociale lasten", "wages_wsw"), ("pensioen", "wages_wsw"), ("vakantiegeld", "wages_wsw"),
    ("vakantietoeslag", "wages_wsw"), ("personeel", "wages_wsw"),
    ("huur", "site_costs"), ("huisvesting", "site_costs"), ("gebouw", "site_costs"), ("energie", "site_costs"),
    ("gas", "site_costs"), ("water", "site_costs"), ("elektr", "site_costs"), ("schoonmaak", "site_costs"),
    ("acquisitie", "acquisition"), ("verkoopkosten", "acquisition"), ("reclame", "acquisition"),
    ("marketing", "acquisition"),
    ("materiaal", "material"), ("inkoop", "material"), ("grondstof", "material"), ("uitbesteed", "material"),
    ("machine", "pmc_fixed_costs"),
    ("rente", "overhead"), ("oninbaar", "overhead"), ("oninbare", "overhead"), ("bankkosten", "overhead"),
    ("kasverschil", "overhead"), ("betalingsverschil", "overhead"),
    ("omzet", "revenue"), ("opbrengst", "revenue"), ("inleenvergoeding", "revenue"), ("detachering", "revenue"),
    ("kleineondernemersregeling", "revenue"),
    ("kantoor", "overhead"), ("automatisering", "overhead"), ("accountant", "overhead"), ("advies", "overhead"),
    ("verzekering", "overhead"), ("afschrijving", "overhead"), ("management", "overhead"),
    ("bank", "ignore"), ("kas", "ignore"), ("debiteur", "ignore"), ("crediteur", "ignore"), ("btw", "ignore"),
    ("voorziening", "ignore"), ("reserve", "ignore"),
    ("eigen vermogen", "ignore"), ("vaste activa", "ignore"), ("voorraad", "ignore"), ("tussenrekening", "ignore"),
)
_KEYWORD_RE = [(re.compile(r"\b" + re.escape(word)), word, cat) for word, cat in NAME_KEYWORDS]

#: First digit of a numeric account in the Dutch decimal chart (decimaal rekeningschema: 0 fixed assets,
#: 1 financial accounts, 2 suspense accounts, 3 stock: the balance sheet; 4 costs by kind, 5/6 cost
#: centres, 7 cost of sales, 8 revenue, 9 other results) -> category when the name says nothing.
DECIMAL_CHART: dict[str, str] = {"0": "ignore", "1": "ignore", "2": "ignore", "3": "ignore", "4": "overhead",
                                 "5": "overhead", "6": "overhead", "7": "material", "8": "revenue",
                                 "9": "overhead"}


@dataclass(frozen=True)
class Proposal:
    category: str
    basis: str  # "rgs", "rgs_wages", "rgs_name", "name", "type_name", "number" or "type"
    detail: str  # the RGS code, the keyword, or the account type


def from_rgs(code: str) -> str | None:
    code = (code or "").strip()
    for prefix, category in RGS_PREFIXES:
        if code.startswith(prefix):
            return category
    return None


def propose(account: str, name: str = "", rgs: str = "", account_type: str = "") -> Proposal | None:
    """The best guess for one account, from (in this order) its RGS code, its account type (XAF accTp),
    the number range of the Dutch decimal chart, and its name. The type or the number decides the side
    (balance sheet or P&L); an account of type P, or numbered 4-9, is never proposed as 'ignore'."""
    if rgs and (cat := from_rgs(rgs)):
        if cat == "wages_wsw":  # RGS has no Wsw/supervision split: let the name decide, else Wsw
            lowered = (name or "").lower()
            for pattern, word, kw_cat in _KEYWORD_RE:
                if kw_cat == "supervision" and pattern.search(lowered):
                    return Proposal("supervision", "rgs_name", f"{rgs}|{word}")
            return Proposal(cat, "rgs_wages", rgs)
        return Proposal(cat, "rgs", rgs)
    kind = (account_type or "").strip().upper()
    if kind == "B":
        return Proposal("ignore", "type", "B")
    account = (account or "").strip()
    by_number = DECIMAL_CHART.get(account[0]) if account.isdigit() and len(account) >= 3 else None
    if kind != "P" and by_number == "ignore":
        return Proposal("ignore", "number", account[0])
    profit_and_loss = kind == "P" or by_number not in (None, "ignore")
    lowered = (name or "").lower()
    for pattern, word, cat in _KEYWORD_RE:
        if cat == "ignore" and profit_and_loss:
            continue  # 'bankkosten', 'kasverschillen', 'btw' on a P&L account: not balance sheet
        if pattern.search(lowered):
            return Proposal(cat, "type_name" if kind == "P" else "name", word)
    if by_number not in (None, "ignore"):
        return Proposal(by_number, "number", account[0])
    if kind == "P":
        return Proposal("overhead", "type", "P")
    return None
