"""All user-facing texts of the ledger importer, Dutch and English, in one table.

``MESSAGES[key] = (nl, en)``; texts use ``str.format`` placeholders. Kept in one dict so the
lead can merge it into the project glossary later.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["nl", "en"]

MESSAGES: dict[str, tuple[str, str]] = {
    # --- locations -------------------------------------------------------------------------
    "loc_line": ("regel {line}", "line {line}"),
    "loc_row": ("rij {line}", "row {line}"),
    "loc_xml": ("XML-regel {line}", "XML line {line}"),
    "loc_field": ("veld '{field}'", "field '{field}'"),
    "severity_error": ("fout", "error"),
    "severity_warning": ("waarschuwing", "warning"),
    # --- files -----------------------------------------------------------------------------
    "file_not_found": ("Bestand niet gevonden.", "File not found."),
    "file_unreadable": ("Bestand kan niet gelezen worden: {reason}.", "File cannot be read: {reason}."),
    "file_empty": ("Het bestand is leeg.", "The file is empty."),
    "ext_mismatch": (
        "Het bestand heet .{ext} maar bevat {actual}; verwacht bij deze extensie: {expected}. "
        "Het is als {actual} gelezen; hernoem het bestand of exporteer het opnieuw.",
        "The file is named .{ext} but contains {actual}; expected for this extension: {expected}. "
        "It was read as {actual}; rename the file or export it again.",
    ),
    "kind_csv": ("CSV-tekst", "CSV text"),
    "kind_xlsx": ("een Excel-werkmap (.xlsx)", "an Excel workbook (.xlsx)"),
    "kind_xaf": ("XML (XAF-auditfile)", "XML (XAF audit file)"),
    "zip_not_workbook": (
        "Dit is een zip-bestand maar geen Excel-werkmap (xl/workbook.xml ontbreekt). "
        "Verwacht: een .xlsx zoals Excel die opslaat, een .csv of een XAF-auditfile.",
        "This is a zip file but not an Excel workbook (xl/workbook.xml is missing). "
        "Expected: an .xlsx as Excel saves it, a .csv or an XAF audit file.",
    ),
    "zip_broken": (
        "Het bestand lijkt een Excel-werkmap maar is beschadigd of onvolledig: {reason}.",
        "The file looks like an Excel workbook but is damaged or incomplete: {reason}.",
    ),
    "xls_old": (
        "Oud Excel-formaat (.xls) wordt niet gelezen; sla het op als .xlsx of .csv.",
        "Old Excel format (.xls) is not read; save it as .xlsx or .csv.",
    ),
    "ods_file": (
        "OpenDocument-rekenblad (.ods) wordt niet gelezen; sla het op als .xlsx of .csv.",
        "OpenDocument spreadsheet (.ods) is not read; save it as .xlsx or .csv.",
    ),
    "binary_not_csv": (
        "Het bestand is geen tekst; verwacht een CSV-export (tekst, ; of , als scheidingsteken), "
        "een .xlsx of een XAF-auditfile.",
        "The file is not text; expected a CSV export (text, ; or , as separator), "
        "an .xlsx or an XAF audit file.",
    ),
    "encoding_latin1": (
        "Het bestand is geen UTF-8 en geen geldig Windows-1252; gelezen als Latin-1. "
        "Controleer bijzondere tekens in omschrijvingen.",
        "The file is neither UTF-8 nor valid Windows-1252; read as Latin-1. "
        "Check special characters in descriptions.",
    ),
    "no_sheet": (
        "Geen werkblad met een kopregel (rekening en bedrag) gevonden. Werkbladen: {sheets}.",
        "No worksheet with a heading row (account and amount) found. Worksheets: {sheets}.",
    ),
    "sheet_not_found": (
        "Werkblad '{sheet}' bestaat niet. Werkbladen: {sheets}.",
        "Worksheet '{sheet}' does not exist. Worksheets: {sheets}.",
    ),
    # --- columns ---------------------------------------------------------------------------
    "no_header": (
        "Geen kopregel gevonden met een rekening- en een bedragkolom in de eerste {rows} regels. "
        "Gevonden in regel {first_line}: {found}. Geef de kolommen op, bijv. "
        "--columns account=Rekening,amount=Bedrag.",
        "No heading row with an account and an amount column in the first {rows} lines. "
        "Found in line {first_line}: {found}. Give the columns, e.g. "
        "--columns account=Rekening,amount=Bedrag.",
    ),
    "missing_column": (
        "Kolom voor '{fieldname}' ontbreekt. Verwacht een kop als: {synonyms}. Gevonden kolommen: {found}.",
        "Column for '{fieldname}' is missing. Expected a heading such as: {synonyms}. Found columns: {found}.",
    ),
    "missing_amount_column": (
        "Geen bedragkolom: verwacht 'Bedrag' (met teken) of 'Debet' en 'Credit'. "
        "Gevonden kolommen: {found}.",
        "No amount column: expected 'Bedrag'/'Amount' (signed) or 'Debet' and 'Credit'. "
        "Found columns: {found}.",
    ),
    "unknown_field": (
        "Onbekend veld '{fieldname}' in de kolomtoewijzing. Bekende velden: {fields}.",
        "Unknown field '{fieldname}' in the column mapping. Known fields: {fields}.",
    ),
    "bad_columns_spec": (
        "Kolomtoewijzing '{spec}' niet begrepen; verwacht veld=kop, gescheiden door komma's.",
        "Column mapping '{spec}' not understood; expected field=heading, separated by commas.",
    ),
    "heading_not_found": (
        "Kolom '{heading}' (opgegeven voor '{fieldname}') staat niet in de kopregel. "
        "Gevonden kolommen: {found}.",
        "Column '{heading}' (given for '{fieldname}') is not in the heading row. Found columns: {found}.",
    ),
    "amount_and_debit_credit": (
        "Zowel een bedragkolom ('{amount}') als Debet/Credit-kolommen gevonden; Debet − Credit is gebruikt.",
        "Both an amount column ('{amount}') and debit/credit columns found; debit − credit was used.",
    ),
    "bad_row_fields": (
        "Regel heeft {saw} velden, verwacht {expected}; de regel is overgeslagen.",
        "Line has {saw} fields, expected {expected}; the line was skipped.",
    ),
    # --- values ----------------------------------------------------------------------------
    "bad_amount": (
        "'{value}' is geen bedrag. Verwacht een bedrag als 1.234,56 of -0,01 (of 1234.56).",
        "'{value}' is not an amount. Expected an amount such as 1.234,56 or -0,01 (or 1234.56).",
    ),
    "amount_sub_cent": (
        "'{value}' heeft meer dan 2 decimalen; verwacht een bedrag in hele centen.",
        "'{value}' has more than 2 decimals; expected an amount in whole cents.",
    ),
    "empty_amount": ("Bedrag ontbreekt; verwacht een bedrag.", "Amount is empty; expected an amount."),
    "bad_dc": (
        "'{value}' is geen debet/credit-aanduiding; verwacht D of C (Debet/Credit).",
        "'{value}' is not a debit/credit indicator; expected D or C.",
    ),
    "bad_date": (
        "'{value}' is geen datum. Verwacht dd-mm-jjjj (bijv. 31-12-2024) of jjjj-mm-dd.",
        "'{value}' is not a date. Expected dd-mm-yyyy (e.g. 31-12-2024) or yyyy-mm-dd.",
    ),
    "empty_account": ("Rekeningnummer ontbreekt.", "Account number is missing."),
    "skipped_rows": (
        "{count} regel(s) zonder rekening en datum maar met een bedrag overgeslagen (bijv. "
        "totaalregels); de eerste staat hier.",
        "{count} line(s) without account and date but with an amount skipped (e.g. total lines); "
        "the first is here.",
    ),
    "more_problems": (
        "… en nog {count} keer hetzelfde probleem in dit veld.",
        "… and {count} more times the same problem in this field.",
    ),
    # --- ledger checks ---------------------------------------------------------------------
    "no_lines": ("Geen journaalregels gelezen.", "No journal lines read."),
    "no_entry_column": (
        "Geen boekstukkolom: niet gecontroleerd of boekingen in evenwicht zijn.",
        "No entry column: not checked whether entries balance.",
    ),
    "unbalanced_entry": (
        "Boekstuk '{entry}'{journal} is niet in evenwicht: debet − credit = {diff}; verwacht 0,00.",
        "Entry '{entry}'{journal} does not balance: debit − credit = {diff}; expected 0.00.",
    ),
    "in_journal": (" (dagboek '{journal}')", " (journal '{journal}')"),
    "out_of_year": (
        "{count} regel(s) met een datum buiten {year} (saldo {amount}) zijn niet meegeteld; "
        "eerste: {first} ({date}).",
        "{count} line(s) dated outside {year} (balance {amount}) are not counted; "
        "first: {first} ({date}).",
    ),
    "year_guessed": (
        "Geen jaar opgegeven; {year} gekozen (de meeste regels). Geef --year om een ander jaar te kiezen.",
        "No year given; {year} chosen (most lines). Give --year to choose another year.",
    ),
    "unmapped_account": (
        "Rekening {account} ({name}) is niet gekoppeld aan een categorie: {count} regels, "
        "saldo {amount}. Voeg de rekening toe aan de koppeltabel{proposal}.",
        "Account {account} ({name}) is not mapped to a category: {count} lines, "
        "balance {amount}. Add the account to the mapping table{proposal}.",
    ),
    "unmapped_proposal": (" (voorstel: {category}, op basis van {basis})", " (proposal: {category}, based on {basis})"),
    "unknown_cost_centre": (
        "Kostenplaats '{code}' staat niet in de koppeltabel (kostenplaats → locatie): {count} regels, "
        "{amount} in {category}. Voeg de kostenplaats toe.",
        "Cost centre '{code}' is not in the mapping table (cost centre → site): {count} lines, "
        "{amount} in {category}. Add the cost centre.",
    ),
    "missing_cost_centre": (
        "{count} regels in {category} zonder kostenplaats ({amount}); die kunnen aan geen locatie "
        "worden toegerekend.",
        "{count} lines in {category} without a cost centre ({amount}); they cannot be assigned to a site.",
    ),
    "unknown_cost_unit": (
        "Kostendrager '{code}' staat niet in de koppeltabel (kostendrager → PMC): {count} regels, "
        "{amount} in {category}. Voeg de kostendrager toe.",
        "Cost unit '{code}' is not in the mapping table (cost unit → PMC): {count} lines, "
        "{amount} in {category}. Add the cost unit.",
    ),
    "missing_cost_unit": (
        "{count} regels in {category} zonder kostendrager ({amount}); die kunnen aan geen PMC "
        "worden toegerekend.",
        "{count} lines in {category} without a cost unit ({amount}); they cannot be assigned to a PMC.",
    ),
    "no_mapping": (
        "Geen koppeltabel opgegeven: niets is gekoppeld. Een voorstel staat in de uitvoer "
        "(--out); vul het aan en geef het mee met --mapping.",
        "No mapping table given: nothing is mapped. A proposal is in the output (--out); "
        "complete it and pass it with --mapping.",
    ),
    # --- XML / XAF -------------------------------------------------------------------------
    "xml_doctype_refused": (
        "Het XML-bestand bevat een DOCTYPE- of ENTITY-declaratie. Die wordt om veiligheidsredenen "
        "geweigerd (XML-bom of externe entiteit); een XAF-auditfile heeft die niet nodig.",
        "The XML file contains a DOCTYPE or ENTITY declaration. It is refused for safety "
        "(XML bomb or external entity); an XAF audit file does not need one.",
    ),
    "xml_no_root": (
        "Geen XML-hoofdelement gevonden in het begin van het bestand.",
        "No XML root element found at the start of the file.",
    ),
    "xml_broken": (
        "XML afgebroken of beschadigd bij <{element}>: {reason}. Wat ervoor stond is gelezen "
        "({count} journaalregels).",
        "XML truncated or malformed at <{element}>: {reason}. What came before was read "
        "({count} journal lines).",
    ),
    "xaf_not_auditfile": (
        "Hoofdelement <{tag}> is geen <auditfile>; verwacht een XAF-auditfile (XML Auditfile Financieel).",
        "Root element <{tag}> is not <auditfile>; expected an XAF audit file (XML Auditfile Financieel).",
    ),
    "xaf_unknown_version": (
        "Onbekende XAF-versie (namespace '{ns}'); verwacht XAF 3.2 (http://www.auditfiles.nl/XAF/3.2) "
        "of 3.1. Gelezen alsof het 3.2 is.",
        "Unknown XAF version (namespace '{ns}'); expected XAF 3.2 (http://www.auditfiles.nl/XAF/3.2) "
        "or 3.1. Read as if it were 3.2.",
    ),
    "xaf_missing": ("Verplicht veld ontbreekt in <{element}>.", "Required field missing in <{element}>."),
    "xaf_totals": (
        "{what} volgens <transactions> is {stated}, de regels tellen op tot {computed}.",
        "{what} stated in <transactions> is {stated}, the lines add up to {computed}.",
    ),
    "xaf_currency": (
        "Valuta van de auditfile is {cur}; bedragen zijn gelezen alsof het euro's zijn.",
        "Audit file currency is {cur}; amounts were read as if they were euros.",
    ),
    # --- mapping ---------------------------------------------------------------------------
    "mapping_no_tables": (
        "Geen koppeltabel herkend. Verwacht kolommen rekening+categorie, kostenplaats+locatie en/of "
        "kostendrager+pmc (of type;code;doel). Gevonden kolommen: {found}.",
        "No mapping table recognised. Expected columns account+category, cost_centre+site and/or "
        "cost_unit+pmc (or type;code;target). Found columns: {found}.",
    ),
    "mapping_unknown_category": (
        "Onbekende categorie '{value}'. Verwacht een van: {categories}.",
        "Unknown category '{value}'. Expected one of: {categories}.",
    ),
    "mapping_unknown_type": (
        "Onbekend type '{value}'; verwacht rekening, kostenplaats of kostendrager.",
        "Unknown type '{value}'; expected account, cost_centre or cost_unit.",
    ),
    "mapping_missing_target": ("Doel ontbreekt voor '{code}'.", "Target missing for '{code}'."),
    "mapping_duplicate": (
        "'{code}' staat twee keer in de koppeltabel, met '{first}' en '{second}'; de eerste is gebruikt.",
        "'{code}' is in the mapping table twice, with '{first}' and '{second}'; the first was used.",
    ),
    "mapping_unconfirmed": (
        "{count} rekening(en) gekoppeld via een onbevestigd voorstel ({accounts}); controleer ze en "
        "zet de status op 'bevestigd'.",
        "{count} account(s) mapped by an unconfirmed proposal ({accounts}); check them and set the "
        "status to 'confirmed'.",
    ),
    "proposal_basis_rgs": ("RGS-code {code}", "RGS code {code}"),
    "proposal_basis_name": ("de naam ('{word}')", "the name ('{word}')"),
    "proposal_basis_number": ("het rekeningnummer (decimaal schema)", "the account number (decimal chart)"),
    "proposal_wages_split": (
        "voorstel; splits loonkosten Wsw en begeleiding",
        "proposal; split Wsw wages and supervision",
    ),
    "status_proposal": ("voorstel", "proposal"),
    "status_confirmed": ("bevestigd", "confirmed"),
    # --- categories ------------------------------------------------------------------------
    "cat_revenue": ("Omzet", "Revenue"),
    "cat_material": ("Materiaal en directe kosten", "Material and direct costs"),
    "cat_pmc_fixed_costs": ("Vaste kosten PMC", "PMC fixed costs"),
    "cat_wages_wsw": ("Loonkosten Wsw", "Wage costs Wsw"),
    "cat_subsidy": ("Rijkssubsidie", "State subsidy"),
    "cat_supervision": ("Begeleiding", "Supervision"),
    "cat_site_costs": ("Huisvesting", "Site costs"),
    "cat_overhead": ("Overhead", "Overhead"),
    "cat_acquisition": ("Acquisitie en verkoop", "Acquisition and sales"),
    "cat_chain_revenue": ("Ketensamenwerking / dagbesteding", "Chain cooperation / day care"),
    "cat_one_off": ("Eenmalig", "One-off"),
    "cat_ignore": ("Balans (niet meegeteld)", "Balance sheet (excluded)"),
    "cat_unmapped": ("Niet gekoppeld", "Not mapped"),
    "cat_result": ("Resultaat (opbrengsten − kosten)", "Result (income − costs)"),
    "cat_income_total": ("Totaal opbrengsten", "Total income"),
    "cat_costs_total": ("Totaal kosten", "Total costs"),
    "none_assigned": ("(geen)", "(none)"),
    # --- tables / output -------------------------------------------------------------------
    "col_category": ("Categorie", "Category"),
    "col_code": ("Code", "Code"),
    "col_ledger": ("Grootboek (€)", "Ledger (€)"),
    "col_model": ("Model (€)", "Model (€)"),
    "col_difference": ("Verschil (€)", "Difference (€)"),
    "col_amount": ("Bedrag (€)", "Amount (€)"),
    "col_lines": ("Regels", "Lines"),
    "col_pmc": ("PMC", "PMC"),
    "col_site": ("Locatie", "Site"),
    "col_account": ("Rekening", "Account"),
    "col_account_name": ("Naam", "Name"),
    "col_rgs": ("RGS-code", "RGS code"),
    "col_proposal": ("Voorstel", "Proposal"),
    "col_basis": ("Grond", "Basis"),
    "col_status": ("Status", "Status"),
    "col_first_line": ("Eerste regel", "First line"),
    "col_file": ("Bestand", "File"),
    "col_line": ("Regel", "Line"),
    "col_field": ("Veld", "Field"),
    "col_severity": ("Ernst", "Severity"),
    "col_message": ("Melding", "Message"),
    "sheet_summary": ("Samenvatting", "Summary"),
    "sheet_pmc": ("Per PMC", "Per PMC"),
    "sheet_site": ("Per locatie", "Per site"),
    "sheet_reconciliation": ("Aansluiting", "Reconciliation"),
    "sheet_unmapped": ("Niet gekoppeld", "Not mapped"),
    "sheet_problems": ("Meldingen", "Problems"),
    "sheet_mapping": ("Koppeling voorstel", "Mapping proposal"),
    # --- company model from the ledger -----------------------------------------------------
    "fill_sheet": ("Uit grootboek", "From ledger"),
    "fill_sheet_title": ("Grootboek {year}: totalen per categorie", "Ledger {year}: totals by category"),
    "fill_legend": (
        "Groen: uit het grootboek overgenomen. Geel: in te vullen (niet uit het grootboek af te leiden). "
        "Opmerkingen bij gele cellen geven het grootboektotaal om te verdelen.",
        "Green: taken from the ledger. Yellow: to fill in (the ledger does not tell). Comments on yellow "
        "cells give the ledger total to divide.",
    ),
    "fill_per_se": (
        "In te vullen. Grootboek: {what} {amount} per jaar; deel door het aantal SE.",
        "To fill in. Ledger: {what} {amount} per year; divide by the number of SE.",
    ),
    "fill_per_fte": (
        "In te vullen. Grootboek: {what} {amount} per jaar; deel door het aantal fte.",
        "To fill in. Ledger: {what} {amount} per year; divide by the number of FTE.",
    ),
    "fill_pmc_per_se": (
        "In te vullen. Grootboek: omzet {revenue}, materiaal {material} per jaar; toegevoegde waarde per "
        "productieve SE = (omzet − materiaal) / productieve SE, materiaal per SE = materiaal / productieve SE.",
        "To fill in. Ledger: revenue {revenue}, material {material} per year; value added per productive "
        "SE = (revenue − material) / productive SE, material per SE = material / productive SE.",
    ),
    "fill_overhead_per_se": (
        "Alle overhead ({amount}) staat als vast; verschuif een deel naar 'per SE' als dat zo is.",
        "All overhead ({amount}) is entered as fixed; move a part to 'per SE' where it is.",
    ),
    "fill_written": (
        "Bedrijfsmodel geschreven naar {path}: {filled} cellen uit het grootboek, {todo} in te vullen (geel).",
        "Company model written to {path}: {filled} cells from the ledger, {todo} to fill in (yellow).",
    ),
    "fill_one_off": (
        "Eenmalige posten ({amount}) horen niet in het bedrijfsmodel van vandaag; ze zijn niet overgenomen.",
        "One-off items ({amount}) do not belong in today's company model; they were not taken over.",
    ),
    "fill_unmapped": (
        "Let op: er zijn niet-gekoppelde rekeningen (saldo {amount}); die ontbreken in het bedrijfsmodel.",
        "Note: some accounts are not mapped (balance {amount}); they are missing from the company model.",
    ),
    # --- CLI -------------------------------------------------------------------------------
    "cli_help": ("Lees een grootboek (CSV, XLSX of XAF) en vat het samen per categorie.",
                 "Read a general ledger (CSV, XLSX or XAF) and summarise it by category."),
    "cli_title": ("Grootboek {file}: {lines} regels gelezen ({fmt}), jaar {year}.",
                  "Ledger {file}: {lines} lines read ({fmt}), year {year}."),
    "cli_summary": ("Samenvatting per categorie", "Summary by category"),
    "cli_per_pmc": ("Per PMC (kostendrager)", "Per PMC (cost unit)"),
    "cli_per_site": ("Per locatie (kostenplaats)", "Per site (cost centre)"),
    "cli_reconciliation": ("Aansluiting grootboek ↔ model", "Reconciliation ledger ↔ model"),
    "cli_no_model": ("(geen modelbedragen opgegeven: alleen grootboekkant)",
                     "(no model amounts given: ledger side only)"),
    "cli_problems": ("Meldingen ({errors} fouten, {warnings} waarschuwingen)",
                     "Problems ({errors} errors, {warnings} warnings)"),
    "cli_written": ("Uitvoer geschreven naar {path}.", "Output written to {path}."),
    "cli_write_failed": ("Uitvoer niet geschreven naar {path}: {reason}.",
                         "Output not written to {path}: {reason}."),
    "cli_unexpected": ("Onverwachte fout bij het inlezen: {reason}. Meld dit met het bestand erbij.",
                       "Unexpected error while importing: {reason}. Please report it with the file."),
    "cli_model_bad": ("Modelbedragen in {path} niet gelezen: {reason}.",
                      "Model amounts in {path} not read: {reason}."),
    "cli_shown_first": ("(eerste {shown} van {total} meldingen getoond; alle staan in --out)",
                        "(first {shown} of {total} problems shown; all are in --out)"),
}


def text(key: str, lang: Lang = "nl", **params: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``params``."""
    nl, en = MESSAGES[key]
    template = en if lang == "en" else nl
    return template.format(**params) if params else template


def euros(cents: int, lang: Lang = "nl") -> str:
    """Format integer cents as euros: '€ 1.234,56' / '€ -0,01' (nl) or '€1,234.56' / '-€0.01' (en)."""
    cents = int(cents)
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    grouped = f"{whole:,}"
    if lang == "en":
        return f"{sign}€{grouped}.{frac:02d}"
    return f"€ {sign}{grouped.replace(',', '.')},{frac:02d}"


def plain_euros(cents: int, lang: Lang = "nl") -> str:
    """Format integer cents without the euro sign: '1.234,56' (nl) or '1,234.56' (en)."""
    return euros(cents, lang).replace("€ ", "").replace("€", "")
