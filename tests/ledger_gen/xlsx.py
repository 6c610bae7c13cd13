"""The generator's XLSX writer: a ledger export as Excel writes it (see __init__.py)."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd


# --- XLSX ----------------------------------------------------------------------------------------
# openpyxl's write-only mode writes every text as an inline string and takes minutes for a million
# rows; Excel (and the packages' exports) put each distinct text once in xl/sharedStrings.xml and
# refer to it by index, which a ledger's repeated accounts, journals and descriptions suit. These
# are the few parts such a file needs; the sheet XML is built column-wise with numpy, per chunk.
_XLSX_HEADINGS = ("Datum", "Dagboek", "Boekstuk", "Rekening", "Omschrijving rekening", "Omschrijving",
                  "Kostenplaats", "Kostendrager")
_XLSX_TEXTS = ("journal", "entry", "account", "account_name", "description", "cost_centre", "cost_unit")
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XLSX_PARTS = {
    "[Content_Types].xml":
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/></Types>',
    "_rels/.rels":
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml":
        f'<workbook {_NS} xmlns:r="{_REL}"><sheets>'
        '<sheet name="Grootboekmutaties" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels":
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    # Cell styles: 0 general, 1 the date column (dd-mm-yyyy: readers turn the serial into a date),
    # 2 amounts (built-in #,##0.00).
    "xl/styles.xml":
        f'<styleSheet {_NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\-mm\\-yyyy"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
}
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_XLSX_CHUNK = 50_000  # rows per piece of sheet XML
_QUOTES = {'"': "&quot;"}


def write_xlsx(f: pd.DataFrame, path: Path, debit_credit: bool) -> None:
    n = len(f)
    heads = [*_XLSX_HEADINGS, *(("Debet", "Credit") if debit_credit else ("Bedrag",))]
    # Shared strings: every text cell (headings first) by first appearance, row by row; "" is no cell.
    texts = np.column_stack([f[c].to_numpy(dtype=object) for c in _XLSX_TEXTS]).ravel()
    codes, strings = pd.factorize(np.concatenate([np.asarray(heads, dtype=object), texts]))
    strings = strings.tolist()
    if "" in strings:
        k = strings.index("")
        del strings[k]
        codes = np.where(codes == k, -1, codes - (codes > k))
    head_codes, codes = codes[:len(heads)], codes[len(heads):].reshape(n, len(_XLSX_TEXTS))
    index_text = np.array([str(i) for i in range(len(strings))], dtype=object)

    days, day_uniques = pd.factorize(f["date"].to_numpy().astype("datetime64[D]"))
    serials = (day_uniques - np.datetime64("1899-12-30", "D")).astype(np.int64)
    date_text = np.array([str(s) for s in serials], dtype=object)[days]
    cents = f["amount_cents"].to_numpy()
    amounts = [cents] if not debit_credit else [np.where(cents > 0, cents, 0), np.where(cents < 0, -cents, 0)]
    letters = [chr(ord("A") + i) for i in range(len(heads))]

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in _XLSX_PARTS.items():
            zf.writestr(name, _XML_DECL + xml)
        # Leading/trailing blanks ("Factuur " of a counter line) survive only with xml:space.
        sst = "".join(f"<si><t>{escape(s, _QUOTES)}</t></si>" if s == s.strip() else
                      f'<si><t xml:space="preserve">{escape(s, _QUOTES)}</t></si>' for s in strings)
        zf.writestr("xl/sharedStrings.xml", f'{_XML_DECL}<sst {_NS} count="{int((codes >= 0).sum()) + len(heads)}" '
                                            f'uniqueCount="{len(strings)}">{sst}</sst>')
        sheet = zipfile.ZipInfo("xl/worksheets/sheet1.xml", time.localtime()[:6])  # a bare name gets 1980
        sheet.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(sheet, "w", force_zip64=n > 5_000_000) as out:  # the XML passes 2 GiB near 7M rows
            head = "".join(f'<c r="{c}1" t="s"><v>{i}</v></c>' for c, i in zip(letters, head_codes))
            out.write(f'{_XML_DECL}<worksheet {_NS}><dimension ref="A1:{letters[-1]}{n + 1}"/>'
                      f'<sheetData><row r="1">{head}</row>'.encode())
            for lo in range(0, n, _XLSX_CHUNK):
                hi = min(lo + _XLSX_CHUNK, n)
                r = np.array([str(i) for i in range(lo + 2, hi + 2)], dtype=object)  # Excel row numbers
                xml = '<row r="' + r + '"><c r="A' + r + '" s="1"><v>' + date_text[lo:hi] + "</v></c>"
                for j, letter in enumerate(letters[1:len(_XLSX_TEXTS) + 1]):
                    code = codes[lo:hi, j]
                    cell = '<c r="' + letter + r + '" t="s"><v>' + index_text[code] + "</v></c>"
                    xml = xml + np.where(code >= 0, cell, "")
                for letter, amount in zip(letters[len(_XLSX_TEXTS) + 1:], amounts):
                    a = amount[lo:hi]
                    cell = '<c r="' + letter + r + '" s="2"><v>' + _shortest_euros(a) + "</v></c>"
                    xml = xml + (np.where(a != 0, cell, "") if debit_credit else cell)
                out.write("".join((xml + "</row>").tolist()).encode())
            out.write(b"</sheetData></worksheet>")


def _shortest_euros(cents: np.ndarray) -> np.ndarray:
    """Euros as the shortest text that reads back as cents / 100 (68.04, not 68.04000000000001; 5, not 5.0)."""
    text = np.array([repr(e) for e in (cents / 100).tolist()], dtype=object)
    whole = cents % 100 == 0
    text[whole] = (cents[whole] // 100).astype(str).astype(object)
    return text
