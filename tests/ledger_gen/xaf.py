"""The generator's XAF writer: an XML Auditfile Financieel 3.2 / 3.1 of a generated ledger."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from . import _JOURNALS, CHART, _format_dates

if TYPE_CHECKING:
    from . import GeneratedLedger


class XafWriter:
    """Streams an XAF file with plain string writes (fast enough for a million lines)."""

    def __init__(self, ledger: GeneratedLedger, version: str) -> None:
        if version not in ("3.2", "3.1"):
            raise ValueError("XAF version must be 3.2 or 3.1")
        self.ledger, self.version = ledger, version

    def write(self, path: Path, encoding: str) -> None:
        lg, spec, v = self.ledger, self.ledger.spec, self.version
        f = lg.lines
        cents = f["amount_cents"].to_numpy()
        with path.open("w", encoding=encoding, newline="\n") as out:
            w = out.write
            w(f'<?xml version="1.0" encoding="{encoding}"?>\n')
            w(f'<auditfile xmlns="http://www.auditfiles.nl/XAF/{v}">\n')
            w(f"<header><fiscalYear>{spec.year}</fiscalYear><startDate>{spec.year}-01-01</startDate>"
              f"<endDate>{spec.year}-12-31</endDate><curCode>EUR</curCode><dateCreated>{spec.year + 1}-02-01"
              f"</dateCreated><softwareDesc>sw-optimiser generator</softwareDesc><softwareVersion>1</softwareVersion>"
              f"</header>\n<company><companyIdent>1</companyIdent><companyName>{escape(spec.name)}</companyName>"
              f"<taxRegistrationCountry>NL</taxRegistrationCountry><taxRegIdent>NL000000000B01</taxRegIdent>\n")
            w("<generalLedger>\n")
            for a in CHART:
                lead = f"<leadReference>{a.rgs}</leadReference>" if v == "3.2" else f"<leadCode>{a.rgs}</leadCode>"
                w(f"<ledgerAccount><accID>{a.code}</accID><accDesc>{escape(a.name)}</accDesc><accTp>{a.kind}</accTp>"
                  f"{lead}</ledgerAccount>\n")
            if v == "3.2":
                w("<basics>\n")
                for code, site in spec.cost_centres.items():
                    w(f"<basic><basicType>02</basicType><basicID>{code}</basicID><basicDesc>{escape(site)}"
                      f"</basicDesc></basic>\n")
                for code, pmc in spec.cost_units.items():
                    w(f"<basic><basicType>03</basicType><basicID>{code}</basicID><basicDesc>{escape(pmc)}"
                      f"</basicDesc></basic>\n")
                w("</basics>\n")
            w("</generalLedger>\n")
            w(f"<openingBalance><opBalDate>{spec.year}-01-01</opBalDate><linesCount>2</linesCount>"
              "<totalDebit>1000000.00</totalDebit><totalCredit>1000000.00</totalCredit>"
              "<obLine><nr>1</nr><accID>0200</accID><amnt>1000000.00</amnt><amntTp>D</amntTp></obLine>"
              "<obLine><nr>2</nr><accID>1600</accID><amnt>1000000.00</amnt><amntTp>C</amntTp></obLine>"
              "</openingBalance>\n")
            w(f"<transactions><linesCount>{len(f)}</linesCount>"
              f"<totalDebit>{_dec(int(cents[cents > 0].sum()))}</totalDebit>"
              f"<totalCredit>{_dec(int(-cents[cents < 0].sum()))}</totalCredit>\n")
            self._journals(w, f, cents)
            w("</transactions>\n</company>\n</auditfile>\n")

    def _journals(self, w, f: pd.DataFrame, cents: np.ndarray) -> None:  # type: ignore[no-untyped-def]
        amnt = [_dec(abs(c)) for c in cents.tolist()]
        tp = np.where(cents < 0, "C", "D").tolist()
        dates = _format_dates(f["date"], "%Y-%m-%d").tolist()
        cols = {c: [escape(x) for x in f[c].tolist()] if c == "description" else f[c].tolist()
                for c in ("journal", "entry", "account", "description", "cost_centre", "cost_unit")}
        months = f["date"].dt.month.tolist()
        order = np.argsort(np.asarray(cols["journal"], dtype=object), kind="stable").tolist()
        journal = entry = None
        nr = 0
        for i in order:
            j, e = cols["journal"][i], cols["entry"][i]
            if j != journal:
                if entry is not None:
                    w("</transaction>\n")
                if journal is not None:
                    w("</journal>\n")
                name, jtp = _JOURNALS[j]
                w(f"<journal><jrnID>{j}</jrnID><desc>{name}</desc><jrnTp>{jtp}</jrnTp>\n")
                journal, entry = j, None
            if e != entry:
                if entry is not None:
                    w("</transaction>\n")
                w(f"<transaction><nr>{e}</nr><desc>{cols['description'][i]}</desc><periodNumber>{months[i]}"
                  f"</periodNumber><trDt>{dates[i]}</trDt>\n")
                entry, nr = e, 0
            nr += 1
            cc, cu = cols["cost_centre"][i], cols["cost_unit"][i]
            w(f"<trLine><nr>{nr}</nr><accID>{cols['account'][i]}</accID><docRef>{e}</docRef>"
              f"<effDate>{dates[i]}</effDate><desc>{cols['description'][i]}</desc><amnt>{amnt[i]}</amnt>"
              f"<amntTp>{tp[i]}</amntTp>{f'<costID>{cc}</costID>' if cc else ''}"
              f"{f'<prodID>{cu}</prodID>' if cu else ''}</trLine>\n")
        if entry is not None:
            w("</transaction>\n")
        if journal is not None:
            w("</journal>\n")


def _dec(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}" if cents >= 0 else "-" + _dec(-cents)
