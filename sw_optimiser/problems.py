"""Problems found in user input, each pointing at a sheet, row and column, in Dutch or English."""

from __future__ import annotations

from dataclasses import dataclass, field

from .i18n import DEFAULT_LANG, fill, t
from .schema import TABLE_BY_KEY


# catalogue keys naming (the file or sheet, the row or line, the column or key) of a problem, by its `place`
WHERE = {
    "sheet": ("where.sheet", "where.row", "where.column"),  # a workbook table of the schema
    "file": ("where.file", "where.line", "where.key"),  # a text file (scenario, region)
    # a ledger or mapping file, named bare; `row` is a CSV line, an Excel row or an XML line
    "ledger": ("ledger.where_file", "", "ledger.where_field"),  # no line (e.g. the --columns option)
    "ledger_line": ("ledger.where_file", "ledger.where_line", "ledger.where_field"),
    "ledger_row": ("ledger.where_file", "ledger.where_row", "ledger.where_field"),
    "ledger_xml": ("ledger.where_file", "ledger.where_xml", "ledger.where_field"),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the input. `table` is a table key of the schema (or None for the file)."""

    table: str | None
    row: int | None  # Excel row number
    column: str | None  # field name
    code: str  # message key in the catalogue
    params: dict = field(default_factory=dict)
    severity: str = "error"  # or "warning"
    place: str = ""  # how the location is worded, a key of WHERE; "" = by `table`: a workbook sheet or a text file

    def _in_schema(self) -> bool:
        return not self.place and self.table in TABLE_BY_KEY

    def _where(self) -> tuple[str, str, str]:
        return WHERE[self.place or ("sheet" if self._in_schema() else "file")]

    def sheet(self, lang: str = DEFAULT_LANG) -> str:
        return TABLE_BY_KEY[self.table].sheet(lang) if self._in_schema() else (self.table or "")

    def heading(self, lang: str = DEFAULT_LANG) -> str:
        if self._in_schema() and self.column:
            names = [n for n, _, _ in TABLE_BY_KEY[self.table].columns()]
            if self.column in names:
                return TABLE_BY_KEY[self.table].column(self.column).heading(lang)
        return self.column or ""

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return fill(self.code, self.params, lang)

    def text(self, lang: str = DEFAULT_LANG) -> str:
        where = []
        file_key, row_key, column_key = self._where()
        if self.table:
            where.append(t(file_key, lang, sheet=self.sheet(lang)))
        if self.row and row_key:
            where.append(t(row_key, lang, row=self.row))
        if self.column:
            where.append(t(column_key, lang, column=self.heading(lang)))
        prefix = ", ".join(where)
        return f"{prefix}: {self.message(lang)}" if prefix else self.message(lang)

    def describe(self, lang: str = DEFAULT_LANG) -> str:
        """The text with its severity in front: 'fout: ...' or 'waarschuwing: ...'."""
        return f"{t(f'severity.{self.severity}', lang)}: {self.text(lang)}"

    def as_dict(self, lang: str = DEFAULT_LANG) -> dict:
        return {
            t("col.severity", lang): t(f"severity.{self.severity}", lang),
            t("col.sheet", lang): self.sheet(lang),
            t("col.row", lang): self.row,
            t("col.column", lang): self.heading(lang),
            t("col.problem", lang): self.message(lang),
        }


MAX_LISTED = 200  # problems listed one by one; the rest are counted (a broken workbook can have 100,000)


def listed(problems: list[Problem]) -> tuple[list[Problem], int]:
    """The problems to list, errors first, and how many more there are."""
    ordered = sorted(problems, key=lambda p: p.severity != "error")
    return ordered[:MAX_LISTED], max(0, len(ordered) - MAX_LISTED)


class InputError(Exception):
    """Raised with every problem found at once; never shown to users as a traceback."""

    def __init__(self, problems: list[Problem], source: str = ""):
        self.problems = problems
        self.source = source
        super().__init__(self.text())

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def text(self, lang: str = DEFAULT_LANG) -> str:
        # errors first; warnings are marked, so the count in the heading matches the unmarked lines
        shown, rest = listed(self.problems)
        lines = [p.text(lang) if p.severity == "error" else f"{t('severity.warning', lang)}: {p.text(lang)}"
                 for p in shown]
        if rest:
            lines.append(t("problems.more", lang, n=rest))
        head = t("problems.heading", lang, n=len(self.errors), source=self.source)
        return "\n".join([head, *("  - " + line for line in lines)])
