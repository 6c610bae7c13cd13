"""Which column holds which field: heading synonyms of Dutch accounting packages, and the user's map.

Exact, AFAS, Twinfield, Unit4, Visma, Snelstart… each name their export columns differently. A
heading is normalised (lower case, accents and everything but letters and digits removed) and
looked up in ``SYNONYMS``. The user can name any field's heading (``field=heading``); what the
user names wins, the rest is still detected.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .lines import ProblemLog

#: Fields a ledger export can have. ``amount`` is signed; ``debit``/``credit`` are unsigned
#: columns; ``dc`` is a D/C indicator column that gives ``amount`` its sign.
FIELDS = ("date", "account", "account_name", "description", "amount", "debit", "credit", "dc",
          "cost_centre", "cost_unit", "journal", "entry")

SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("datum", "boekdatum", "boekingsdatum", "transactiedatum", "journaaldatum", "date",
             "bookingdate", "entrydate", "postingdate", "transactiondate", "trdt", "effdate"),
    "account": ("rekening", "grootboekrekening", "rekeningnummer", "rekeningnr", "grootboek",
                "grootboeknummer", "grootboeknr", "grootboekrekeningnummer", "grootboekcode",
                "rekeningcode", "gbrekening", "account", "accountnumber", "accountno", "accountcode",
                "glaccount", "ledgeraccount", "accid", "generalledgeraccount"),
    "account_name": ("rekeningnaam", "rekeningomschrijving", "omschrijvingrekening", "grootboeknaam",
                     "grootboekomschrijving", "omschrijvinggrootboek", "grootboekrekeningnaam",
                     "grootboekrekeningomschrijving", "omschrijvinggrootboekrekening", "naamrekening",
                     "accountname", "accountdescription", "accdesc", "glaccountname"),
    "description": ("omschrijving", "boekingsomschrijving", "regelomschrijving", "omschrijvingboeking",
                    "tekst", "toelichting", "description", "desc", "text", "memo", "narrative"),
    "amount": ("bedrag", "bedrageur", "bedragineur", "bedragvv", "mutatie", "amount", "amounteur",
               "value", "waarde", "saldo", "amnt"),
    "debit": ("debet", "debit", "bedragdebet", "debetbedrag", "debitamount", "debeteur"),
    "credit": ("credit", "bedragcredit", "creditbedrag", "creditamount", "crediteur"),
    "dc": ("dc", "debetcredit", "debitcredit", "amnttp", "dcindicatie"),
    "cost_centre": ("kostenplaats", "kostenplaatscode", "kostenpl", "kpl", "costcentre", "costcenter",
                    "costcentrecode", "costcentercode", "costid"),
    "cost_unit": ("kostendrager", "kostendragercode", "kdr", "costunit", "costunitcode", "costobject",
                  "costcarrier", "prodid", "productid"),
    "journal": ("dagboek", "dagboekcode", "dagb", "journal", "journalcode", "daybook", "jrnid"),
    "entry": ("boekstuk", "boekstuknummer", "boekstuknr", "bkst", "boekingsnummer", "boekingsnr",
              "boeknummer", "entry", "entrynumber", "entryno", "voucher", "vouchernumber",
              "transactionnumber", "transactienummer", "documentnumber", "docnr"),
}

#: Dutch names a user may write on the left of ``--columns``.
FIELD_ALIASES: dict[str, str] = {
    "datum": "date", "rekening": "account", "rekeningnaam": "account_name",
    "omschrijving": "description", "bedrag": "amount", "debet": "debit", "debit": "debit",
    "credit": "credit", "dc": "dc", "kostenplaats": "cost_centre", "costcentre": "cost_centre",
    "costcenter": "cost_centre", "kostendrager": "cost_unit", "costunit": "cost_unit",
    "dagboek": "journal", "boekstuk": "entry", "accountname": "account_name",
}

REQUIRED = ("date", "account")

_LOOKUP: dict[str, str] = {syn: fld for fld, syns in SYNONYMS.items() for syn in syns}


def normalise_heading(heading: object) -> str:
    """'Grootboek-rekening (nr.)' -> 'grootboekrekeningnr'."""
    s = unicodedata.normalize("NFKD", str(heading if heading is not None else ""))
    return "".join(ch for ch in s.lower() if ch.isalnum() and ch.isascii())


def field_key(name: str) -> str | None:
    """A field name as the user wrote it ('Kostenplaats', 'cost_centre') -> field key, or None."""
    n = name.strip().lower()
    if n in FIELDS:
        return n
    return FIELD_ALIASES.get(normalise_heading(n))


def parse_columns_spec(spec: str | None, log: ProblemLog) -> dict[str, str]:
    """'account=Grootboek,amount=Bedrag EUR' -> {'account': 'Grootboek', 'amount': 'Bedrag EUR'}."""
    out: dict[str, str] = {}
    if not spec:
        return out
    for part in spec.split(","):
        if not part.strip():
            continue
        if "=" not in part:
            log.add("ledger.bad_columns_spec", field="--columns", spec=part.strip())
            continue
        key, heading = part.split("=", 1)
        out[key.strip()] = heading.strip()
    return out


@dataclass
class ColumnMap:
    """Field -> column index in the heading row, and the headings as found."""

    index: dict[str, int] = field(default_factory=dict)
    headings: list[str] = field(default_factory=list)

    def heading(self, fld: str) -> str:
        return self.headings[self.index[fld]]

    @property
    def uses_debit_credit(self) -> bool:
        return "debit" in self.index or "credit" in self.index

    def as_text(self) -> str:
        return ", ".join(f"{f}={self.heading(f)}" for f in FIELDS if f in self.index)


def detect_columns(headings: Sequence[object], user: Mapping[str, str] | None = None) -> ColumnMap:
    """Map fields to column indices from synonyms, after the user's explicit headings."""
    heads = ["" if h is None else str(h).strip() for h in headings]
    norm = [normalise_heading(h) for h in heads]
    cmap = ColumnMap(headings=heads)
    used: set[int] = set()
    for fld, heading in (user or {}).items():
        key = field_key(fld)
        if key is None:
            continue
        target = normalise_heading(heading)
        for i, (h, nh) in enumerate(zip(heads, norm)):
            if i not in used and (h == heading or nh == target):
                cmap.index[key] = i
                used.add(i)
                break
    for i, nh in enumerate(norm):
        fld = _LOOKUP.get(nh)
        if fld and fld not in cmap.index and i not in used:
            cmap.index[fld] = i
            used.add(i)
    return cmap


def is_header_row(cells: Sequence[object], user: Mapping[str, str] | None = None) -> bool:
    """A heading row names an account and an amount (or debit/credit), or all user headings."""
    if user:
        wanted = {normalise_heading(h) for h in user.values()}
        present = {normalise_heading(c) for c in cells if c is not None}
        if wanted and wanted <= present:
            return True
    cmap = detect_columns(cells, user)
    has_amount = any(f in cmap.index for f in ("amount", "debit", "credit"))
    return "account" in cmap.index and has_amount


def check_columns(cmap: ColumnMap, user: Mapping[str, str] | None, log: ProblemLog,
                  header_line: int | None) -> bool:
    """Report unknown user fields, user headings not found, and missing required columns.

    Returns True when the file can be read (account, date and some amount column present).
    """
    found = ", ".join(h for h in cmap.headings if h) or "-"
    for fld, heading in (user or {}).items():
        key = field_key(fld)
        if key is None:
            log.add("ledger.unknown_field", line=header_line, field=fld, fieldname=fld,
                    fields=", ".join(FIELDS))
        elif key not in cmap.index or normalise_heading(cmap.heading(key)) != normalise_heading(heading):
            log.add("ledger.heading_not_found", line=header_line, field=heading, heading=heading,
                    found=found, fieldname=key)
    ok = True
    for fld in REQUIRED:
        if fld not in cmap.index:
            log.add("ledger.missing_column", line=header_line, field=fld, found=found,
                    synonyms=", ".join(SYNONYMS[fld][:4]), fieldname=fld)
            ok = False
    if "amount" not in cmap.index and not cmap.uses_debit_credit:
        log.add("ledger.missing_amount_column", line=header_line, field="amount", found=found)
        ok = False
    if "amount" in cmap.index and cmap.uses_debit_credit:
        log.add("ledger.amount_and_debit_credit", line=header_line, field=cmap.heading("amount"),
                severity="warning", amount=cmap.heading("amount"))
        del cmap.index["amount"]
    return ok
