"""Streaming reader for XML Auditfile Financieel (XAF) 4.0, 3.2 and 3.1.

Safety first: the prolog is scanned before parsing and any DOCTYPE/ENTITY declaration is refused
(billion laughs, external entities); lxml parses with entities unresolved, no network and
huge_tree off. Streaming: only the elements the importer needs raise events; each transaction is
handled when it ends and then cleared and removed, so memory stays flat for any file size.

Read: header (fiscal year, currency), ledger accounts (accID, accDesc, accTp, RGS code from
leadReference/leadCode/leadCrossRef/taxonomy), basics (cost centres 02, products 03), opening
balance (obLine), journals, transactions and their lines (trLine: nr, accID, docRef, effDate,
desc, amnt, amntTp, costID, prodID). The line date is the transaction's booking date (trDt);
effDate when trDt is missing.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
from lxml import etree

from .lines import Control, LedgerRead, ProblemLog, normalise_frame
from .messages import euros_each_lang
from .values import decimal_text, parse_amounts, parse_dates

#: The official XSD's targetNamespace of XAF 4.0 (Belastingdienst ODB, package XAF 4.0.3; the only version
#: accepted for new exports from 1 January 2027).
XAF_4_0_NAMESPACE = "http://www.odb.belastingdienst.nl/Belastingdienst/BCPP/1.1/structures/XmlauditfileXAF_4.0"
#: XAF 3.2.1 (2024): the structure of 3.2 under a namespace of its own.
XAF_3_2_1_NAMESPACE = "http://www.odb.belastingdienst.nl/Belastingdienst/BCPP/1.0/structures/XmlAuditfileFinancieel3.2.1"
NAMESPACES = {XAF_4_0_NAMESPACE: "4.0", XAF_3_2_1_NAMESPACE: "3.2",
              "http://www.auditfiles.nl/XAF/3.2": "3.2", "http://www.auditfiles.nl/XAF/3.1": "3.1",
              # not the XSD's, but written by exporters: the 4.0 explanation (Toelichting, section 3.7)
              # gives the first, several packages the second
              "http://www.odb.belastingdienst.nl/XAF/4.0": "4.0", "http://www.auditfiles.nl/XAF/4.0": "4.0"}
#: Other spellings of a version in a namespace (another case, a trailing slash, ...)
_VERSION_IN_NS = re.compile(r"(?i)(?:xaf|auditfile[a-z]*)[^0-9]*?([34])[._]([0-9])\b")
_PROLOG_LIMIT = 1 << 20
_RGS = re.compile(r"^(?:[a-zA-Z]+:)?([BW](?:[A-Z][a-z0-9]{2})+)(?:[.:].*)?$")

# trLine child -> position in a line row; several names for one field across 3.1/3.2/4.0 and packages.
_LINE_ROW = ("account", "description", "amount", "amount_type", "cost_centre", "cost_unit", "eff_date", "project")
_LINE_FIELDS = {"accID": 0, "desc": 1, "amnt": 2, "amntTp": 3, "costID": 4, "cost": 4, "prodID": 5,
                "productID": 5, "product": 5, "effDate": 6, "projID": 7, "project": 7}
# transaction child -> position in a transaction row (entry, description, date)
_TRANSACTION_FIELDS = {"nr": 0, "desc": 1, "trDt": 2, "periodNumber": 3}
#: line field -> XML element, to name fields in problems
FIELD_NAMES = {"date": "transaction/trDt", "account": "trLine/accID", "amount": "trLine/amnt",
               "cost_centre": "trLine/costID", "cost_unit": "trLine/prodID", "project": "trLine/projID",
               "journal": "journal/jrnID",
               "entry": "transaction/nr", "description": "trLine/desc"}

_CHUNK = 1 << 20  # bytes fed to the XML parser at a time


class XafRefused(Exception):
    """The file declares a DTD or entities, or has no root element: not parsed at all."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def read_xaf_ledger(path: Path, log: ProblemLog) -> LedgerRead:
    """Read an XAF 4.0/3.2/3.1 audit file. Problems go to ``log``; the file is only read."""
    result = LedgerRead(path=path, format="xaf", field_names=dict(FIELD_NAMES))
    try:
        root_tag = scan_prolog(path)
    except XafRefused as refused:
        log.add(refused.key, line=1)
        return result
    prefix, local, ns = _root_name(root_tag)
    if local != "auditfile":
        log.add("ledger.xaf_not_auditfile", line=1, field=local, tag=local)
        return result
    version = xaf_version(ns)
    if version is None:
        log.add("ledger.xaf_unknown_version", line=1, severity="warning", ns=ns)
    result.meta.update(xaf_version=version or "?", namespace=ns)
    reader = _XafStream(path, ns, log)
    reader.run()
    reader.fill(result)
    return result


def xaf_version(ns: str) -> str | None:
    """'3.2', '3.1' or '4.0' from the root's namespace; None when it names no known version."""
    known = {k.lower().rstrip("/"): v for k, v in NAMESPACES.items()}
    if (key := ns.strip().lower().rstrip("/")) in known:
        return known[key]
    m = _VERSION_IN_NS.search(ns)
    version = f"{m.group(1)}.{m.group(2)}" if m else None
    return version if version in NAMESPACES.values() else None


def scan_prolog(path: Path) -> str:
    """The root element's start tag; raises ``XafRefused`` on DOCTYPE/ENTITY or no root."""
    with path.open("rb") as fh:
        head = fh.read(_PROLOG_LIMIT)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[:len(head) // 2 * 2].decode("utf-16", errors="replace")
    else:
        text = head.decode("latin-1")
    pos = 0
    while True:
        i = text.find("<", pos)
        if i < 0:
            raise XafRefused("ledger.xml_no_root")
        if text.startswith("<?", i):
            end = text.find("?>", i)
            pos = end + 2
        elif text.startswith("<!--", i):
            end = text.find("-->", i)
            pos = end + 3
        elif text.startswith("<!", i):
            raise XafRefused("ledger.xml_doctype_refused")
        else:
            end = text.find(">", i)
            if end < 0:
                raise XafRefused("ledger.xml_no_root")
            if "<!ENTITY" in text[:i].upper():
                raise XafRefused("ledger.xml_doctype_refused")
            return text[i:end + 1]
        if end < 0:
            raise XafRefused("ledger.xml_no_root")


def _root_name(start_tag: str) -> tuple[str, str, str]:
    """(prefix, local name, namespace URI) of the root start tag."""
    m = re.match(r"<\s*(?:([\w.-]+):)?([\w.-]+)", start_tag)
    prefix, local = (m.group(1) or "", m.group(2)) if m else ("", "")
    attr = f"xmlns:{prefix}" if prefix else "xmlns"
    ns = re.search(rf'{re.escape(attr)}\s*=\s*["\']([^"\']*)["\']', start_tag)
    return prefix, local, ns.group(1) if ns else ""


class _XafStream:
    """One pass over the file with iterparse; collects lines column-wise in plain lists."""

    def __init__(self, path: Path, ns: str, log: ProblemLog) -> None:
        self.path, self.log = path, log
        self.q = f"{{{ns}}}" if ns else ""
        self.local: dict[str, str] = {}  # qualified tag -> local name, filled lazily
        q = self.q
        self.q_line = q + "trLine"
        self.line_pos = {q + k: v for k, v in _LINE_FIELDS.items()}
        self.tr_pos = {q + k: v for k, v in _TRANSACTION_FIELDS.items()}
        self.line_flat: list[str | None] = []  # raw texts, 8 per line in _LINE_ROW order
        self.line_src: list[int] = []  # XML line of each trLine
        self.tr_flat: list[str | None] = []  # 5 per transaction: entry, description, date, period, journal
        self.tr_counts: list[int] = []  # trLines per transaction
        self.accounts: list[tuple[str, str, str, str]] = []
        self.basics: dict[str, dict[str, str]] = {"02": {}, "03": {}, "04": {}}
        self.opening: list[tuple[str, str, str, int]] = []
        self.header: dict[str, str] = {}
        self.stated: dict[str, str] = {}  # linesCount, totalDebit, totalCredit of <transactions>
        self.stated_opening: dict[str, str] = {}  # the same of <openingBalance>
        self.company = ""
        self.rgs_version = ""
        self.journal = ""
        self.broken = False
        self.debit = self.credit = 0

    def _name(self, tag: object) -> str:
        if not isinstance(tag, str):
            return ""
        name = self.local.get(tag)
        if name is None:
            name = tag.rsplit("}", 1)[-1]
            self.local[tag] = name
        return name

    def run(self) -> None:
        q = self.q
        dropped = {q + t for t in ("journal", "customerSupplier", "vatCode", "period")}
        wanted = [q + t for t in ("header", "ledgerAccount", "basic", "obLine", "jrnID", "transaction",
                                  "linesCount", "totalDebit", "totalCredit", "companyName")] + sorted(dropped)
        parser_args = dict(events=("end",), tag=wanted, resolve_entities=False, no_network=True,
                           huge_tree=False, load_dtd=False, dtd_validation=False, remove_comments=True,
                           collect_ids=False)
        handlers = {q + "transaction": self._transaction, q + "ledgerAccount": self._account,
                    q + "basic": self._basic, q + "obLine": self._ob_line, q + "header": self._header}
        # A pull parser fed in chunks, not iterparse: from lxml 6.2 iterparse drops the events of the
        # chunk that holds a syntax error, so the lines before a broken element would be lost.
        parser = etree.XMLPullParser(**parser_args)
        try:
            with open(self.path, "rb") as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        # at the end, a truncated file's open elements are closed for it: their
                        # events are not the file's, so close() raising leaves them unread
                        parser.close()
                        self._events(parser.read_events(), handlers, dropped)
                        break
                    try:
                        parser.feed(chunk)
                    finally:  # the elements completed before a syntax error in this chunk
                        self._events(parser.read_events(), handlers, dropped)
        except etree.XMLSyntaxError as err:
            self._broken(err)

    def _events(self, events, handlers: dict, dropped: set[str]) -> None:
        q = self.q
        for _, elem in events:
            tag = elem.tag
            handler = handlers.get(tag)
            if handler is not None:
                handler(elem)
                _drop(elem)
            elif tag == q + "jrnID":
                self.journal = (elem.text or "").strip()
            elif tag in dropped:
                _drop(elem)
            elif tag == q + "companyName":
                self.company = self.company or (elem.text or "").strip()
            else:
                parent = elem.getparent()
                if parent is not None and parent.tag == q + "transactions":
                    self.stated[self._name(tag)] = (elem.text or "").strip()
                elif parent is not None and parent.tag == q + "openingBalance":
                    self.stated_opening[self._name(tag)] = (elem.text or "").strip()

    def _broken(self, err: etree.XMLSyntaxError) -> None:
        self.broken = True
        msg = str(err.msg or err).strip()
        if "DOCTYPE" in msg:  # defence in depth: the prolog scan refuses these before parsing
            self.log.add("ledger.xml_doctype_refused", line=err.lineno)
            return
        path = open_elements_at(self.path, err.lineno or 0, (err.position or (0, 0))[1])
        if not path:
            m = re.search(r"(?:in tag|tag mismatch:)\s*([\w:.-]+)", msg)
            path = [m.group(1)] if m else ["auditfile"]
        element = "/".join(path[-2:])
        self.log.add("ledger.xml_broken", line=err.lineno, field=element, element=element, reason=msg,
                     count=len(self.line_src))

    # --- element handlers -------------------------------------------------------------------
    def _header(self, elem: etree._Element) -> None:
        for child in elem:
            self.header[self._name(child.tag)] = (child.text or "").strip()

    def _account(self, elem: etree._Element) -> None:
        f = {self._name(c.tag): (c.text or "").strip() for c in elem}
        rgs = ""
        for key in ("leadReference", "leadCode", "leadCrossRef", "RGScode"):
            m = _RGS.match(f.get(key, ""))
            if m:
                rgs = m.group(1)
                break
        if not rgs:
            for node in elem.iter():
                m = _RGS.match((node.text or "").strip()) if isinstance(node.tag, str) else None
                if m and self._name(node.tag) not in ("accID", "accDesc", "accTp"):
                    rgs = m.group(1)
                    break
        self.rgs_version = self.rgs_version or f.get("RGSVersion", "") or f.get("rgsVersion", "")
        if not f.get("accID"):
            self.log.add("ledger.xaf_missing", line=elem.sourceline, field="ledgerAccount/accID",
                         element="ledgerAccount")
            return
        self.accounts.append((f["accID"], f.get("accDesc", ""), f.get("accTp", ""), rgs))

    def _basic(self, elem: etree._Element) -> None:
        f = {self._name(c.tag): (c.text or "").strip() for c in elem}
        kind = f.get("basicType", "").zfill(2)
        if kind in self.basics and f.get("basicID"):
            self.basics[kind][f["basicID"]] = f.get("basicDesc", "")

    def _ob_line(self, elem: etree._Element) -> None:
        f = {self._name(c.tag): (c.text or "").strip() for c in elem}
        self.opening.append((f.get("accID", ""), f.get("amnt", ""), f.get("amntTp", ""), elem.sourceline or 0))

    def _transaction(self, elem: etree._Element) -> None:
        # Hot path (once per transaction, inner loop once per line field): plain lists, no helpers.
        q_line, line_pos, tr_pos = self.q_line, self.line_pos, self.tr_pos
        rows_extend, src_append = self.line_flat.extend, self.line_src.append
        tr: list[str | None] = [None, None, None, None]
        count = 0
        for child in elem:
            if child.tag == q_line:
                row: list[str | None] = [None] * 8
                for c in child:
                    i = line_pos.get(c.tag)
                    if i is not None:
                        row[i] = c.text
                rows_extend(row)
                src_append(child.sourceline or 0)
                count += 1
            else:
                i = tr_pos.get(child.tag)
                if i is not None:
                    tr[i] = child.text
        if count:
            self.tr_flat.extend((tr[0], tr[1], tr[2], tr[3], self.journal))
            self.tr_counts.append(count)

    # --- results ----------------------------------------------------------------------------
    def fill(self, result: LedgerRead) -> None:
        cur = self.header.get("curCode", "EUR")
        if cur and cur.upper() != "EUR":
            self.log.add("ledger.xaf_currency", severity="warning", field="header/curCode", cur=cur, line=None)
        wanted = ("fiscalYear", "startDate", "endDate", "curCode", "softwareDesc", "softwareVersion")
        result.meta.update({k: v for k, v in self.header.items() if k in wanted})
        if self.company:
            result.meta["companyName"] = self.company
        if rgs_version := self.header.get("RGSVersion") or self.rgs_version:  # 4.0: in the header
            result.meta["rgsVersion"] = rgs_version
        result.accounts = pd.DataFrame(self.accounts, columns=["account", "account_name", "account_type", "rgs"],
                                       dtype="str").drop_duplicates("account")
        result.cost_centres = dict(self.basics["02"])
        result.cost_units = dict(self.basics["03"])
        result.projects = dict(self.basics["04"])
        result.opening_balance = self._opening_frame()
        result.lines = self._lines_frame(result.accounts)
        result.controls = self._controls(result)

    def _opening_frame(self) -> pd.DataFrame:
        if not self.opening:
            return LedgerRead(Path(""), "").opening_balance
        acc, amnt, tp, src = zip(*self.opening)
        parsed = parse_amounts(pd.Series(amnt, dtype="str"), style="en")
        tp_arr, lines = np.asarray(tp, dtype=object), np.asarray(src, dtype=np.int64)
        bad_tp = ~((tp_arr == "C") | (tp_arr == "D"))
        if bad_tp.any():  # not silently debit: the opening balance would be off by twice the amount
            self.log.add_per_line("ledger.bad_dc", lines[bad_tp], tp_arr[bad_tp].tolist(), field="obLine/amntTp")
        for mask, key in ((parsed.bad, "ledger.bad_amount"), (parsed.empty, "ledger.empty_amount")):
            if mask.any():
                self.log.add_per_line(key, lines[mask], list(np.asarray(amnt, dtype=object)[mask]),
                                      field="obLine/amnt")
        sign = np.where(tp_arr == "C", -1, np.where(tp_arr == "D", 1, 0))
        return pd.DataFrame({"account": pd.Series(acc, dtype="str"), "amount_cents": parsed.cents * sign})

    def _columns(self) -> dict[str, pd.Series]:
        """The collected rows as stripped text columns, transaction fields repeated per line."""
        width = len(_LINE_ROW)
        flat, self.line_flat = self.line_flat, []
        cols = {name: _text_list(flat[i::width]) for i, name in enumerate(_LINE_ROW)}
        del flat
        counts = np.asarray(self.tr_counts, dtype=np.int64)
        per_line = np.repeat(np.arange(len(counts)), counts)
        trs, self.tr_flat = self.tr_flat, []
        for i, name in enumerate(("entry", "tr_description", "date", "period", "journal")):
            cols[name] = _text_list(trs[i::5]).take(per_line).reset_index(drop=True)
        return cols

    def _lines_frame(self, accounts: pd.DataFrame) -> pd.DataFrame:
        c = self._columns()
        lines = np.asarray(self.line_src, dtype=np.int64)
        amount = c["amount"]
        parsed = parse_amounts(amount, style="en")
        good = parsed.ok.copy()
        for mask, key in ((parsed.bad, "ledger.bad_amount"), (parsed.sub_cent, "ledger.amount_sub_cent"),
                          (parsed.empty, "ledger.empty_amount")):
            if mask.any():
                self.log.add_per_line(key, lines[mask], amount[mask].tolist(), field="trLine/amnt")
        tp = c["amount_type"].to_numpy(dtype=object)
        is_c = tp == "C"
        bad_tp = ~(is_c | (tp == "D"))
        if bad_tp.any():
            self.log.add_per_line("ledger.bad_dc", lines[bad_tp], tp[bad_tp].tolist(), field="trLine/amntTp")
        good &= ~bad_tp
        cents = np.where(is_c, -parsed.cents, parsed.cents)

        date_text = c["date"].where(c["date"] != "", c["eff_date"])
        dates, bad_date = parse_dates(date_text)
        if bad_date.any():
            self.log.add_per_line("ledger.bad_date", lines[bad_date], date_text[bad_date].tolist(),
                                  field="transaction/trDt")
        good &= ~bad_date
        account = c["account"]
        if (account == "").any():
            miss = (account == "").to_numpy()
            self.log.add_per_line("ledger.empty_account", lines[miss], [""] * int(miss.sum()), field="trLine/accID")
        desc = c["description"].where(c["description"] != "", c["tr_description"])
        names = dict(zip(accounts["account"], accounts["account_name"]))
        codes, uniques = pd.factorize(account)  # few distinct accounts: look each up once
        account_name = pd.Series(np.array([names.get(u, "") for u in uniques] + [""], dtype=object)[codes],
                                 dtype="str")
        frame = pd.DataFrame({
            "date": dates, "account": account, "account_name": account_name,
            "description": desc, "amount_cents": cents, "cost_centre": c["cost_centre"],
            "cost_unit": c["cost_unit"], "journal": c["journal"], "entry": c["entry"], "source_line": lines,
        })
        if (c["project"] != "").any():  # projects (basics type 04): a PMC or site the user may choose
            frame["project"] = c["project"].to_numpy()
        period = pd.to_numeric(c["period"], errors="coerce")
        if period.notna().any():  # the fiscal period of each line (0: none given)
            frame["period"] = period.fillna(0).astype("int64").to_numpy()
        self.debit, self.credit = int(cents[cents > 0].sum()), int(-cents[cents < 0].sum())
        return normalise_frame(frame[good] if not good.all() else frame)

    def _controls(self, result: LedgerRead) -> list[Control]:
        """The control totals computed against those the file states; a difference is also a warning."""
        ob = result.opening_balance["amount_cents"].to_numpy()
        rows = [Control("transactions", None, str(len(self.tr_counts))),
                Control("accounts", None, str(len(result.accounts)))]
        for scope, stated, n, debit, credit in (
                ("transactions", self.stated, len(self.line_src), self.debit, self.credit),
                ("openingBalance", self.stated_opening, len(self.opening), int(ob[ob > 0].sum()),
                 int(-ob[ob < 0].sum()))):
            if scope == "openingBalance" and not self.opening and not stated:
                continue
            for key, computed in (("linesCount", n), ("totalDebit", debit), ("totalCredit", credit)):
                shown = str(computed) if key == "linesCount" else decimal_text(computed)
                control = Control(f"{scope}/{key}", None, shown)
                if key in stated:
                    control = _compare(control, stated[key], computed, key == "linesCount")
                    if not control.ok and not self.broken:  # a truncated file's totals say nothing new
                        said = (stated[key] if key == "linesCount" or control.stated is None
                                else euros_each_lang(_cents(control.stated)))
                        self.log.add("ledger.xaf_totals", severity="warning", field=f"{scope}/{key}", line=None,
                                     what=key, where=scope, stated=said,
                                     computed=str(computed) if key == "linesCount" else euros_each_lang(computed))
                rows.append(control)
        return rows


def _compare(control: Control, stated: str, computed: int, is_count: bool) -> Control:
    if is_count:
        return Control(control.what, stated, control.computed, stated.isdigit() and int(stated) == computed)
    p = parse_amounts(pd.Series([stated], dtype="str"), style="en")
    if not p.ok[0]:
        return Control(control.what, stated, control.computed, False)
    return Control(control.what, decimal_text(int(p.cents[0])), control.computed, int(p.cents[0]) == computed)


def _cents(dec: str) -> int:
    return int(parse_amounts(pd.Series([dec], dtype="str"), style="en").cents[0])


_TAG = re.compile(r"<(/?)([A-Za-z_][\w:.-]*)[^<>]*?(/?)>|<([A-Za-z_][\w:.-]*)")


def open_elements_at(path: Path, lineno: int, column: int) -> list[str]:
    """Elements still open on line ``lineno`` up to ``column`` (innermost last), for error messages.

    Only that line is looked at, which is enough for the usual one-element-per-line or
    one-transaction-per-line layouts; returns [] when nothing is open there.
    """
    if lineno <= 0:
        return []
    import itertools

    try:
        with path.open("r", encoding="utf-8", errors="replace") as fh:
            found = next(itertools.islice(fh, lineno - 1, lineno), None)
    except OSError:
        return []
    if found is None:
        return []
    text = found[:column] if column > 0 else found
    stack: list[str] = []
    for m in _TAG.finditer(text):
        closing, name, self_closing, cut = m.group(1), m.group(2), m.group(3), m.group(4)
        name = (name or cut).rsplit(":", 1)[-1]
        if closing:
            if stack and stack[-1] == name:
                stack.pop()
        elif not self_closing:
            stack.append(name)
    return stack


def _text(values: np.ndarray) -> pd.Series:
    """Raw element texts -> stripped str Series ('' for missing elements)."""
    return pd.Series(values, dtype=object).fillna("").astype("str").str.strip()


def _text_list(values: list[str | None]) -> pd.Series:
    """Element texts (str or None) -> stripped str Series ('' for missing), via Arrow when pandas uses it."""
    if _ARROW_STR:
        import pyarrow as pa
        import pyarrow.compute as pc

        arr = pc.utf8_trim_whitespace(pc.fill_null(pa.array(values, type=pa.string()), ""))
        return pd.Series(arr, dtype="str")
    return _text(np.array(values, dtype=object))


def _uses_arrow_strings() -> bool:
    import importlib.util

    if importlib.util.find_spec("pyarrow") is None:
        return False
    return getattr(pd.Series([""], dtype="str").dtype, "storage", None) == "pyarrow"


_ARROW_STR = _uses_arrow_strings()


def _drop(elem: etree._Element) -> None:
    """Free a handled element and the siblings before it (streaming, constant memory)."""
    elem.clear(keep_tail=False)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]
