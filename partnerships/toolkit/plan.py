"""What an import would do: per sheet and row, new / update / unchanged / error, and why.

A plan is built without writing anything (see importer.plan_import); applying it writes the rows.
"""

import collections
import datetime
import functools
from dataclasses import dataclass, field
from decimal import Decimal

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"
ACTION_LABELS = {NEW: "New", UPDATE: "Update", UNCHANGED: "Unchanged", ERROR: "Error"}
ACTION_TAGS = {
    NEW: "govuk-tag--green",
    UPDATE: "govuk-tag--blue",
    UNCHANGED: "govuk-tag--grey",
    ERROR: "govuk-tag--red",
}
ERROR_LEVEL, WARNING_LEVEL = "error", "warning"


@dataclass
class Problem:
    """An error or warning, located as the user will find it in Excel."""

    sheet: str
    row: int | None
    column: str | None
    message: str
    level: str = ERROR_LEVEL
    letter: str = ""

    @property
    def is_error(self):
        return self.level == ERROR_LEVEL

    def as_dict(self):
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}

    @property
    def anchor(self):
        if self.sheet and self.row:
            return f"{self.sheet.lower().replace(' ', '-')}-row-{self.row}"
        return "summary"

    def __str__(self):
        where = ", ".join(
            part
            for part in (self.sheet, f"row {self.row}" if self.row else "", self.column and f"“{self.column}”")
            if part
        )
        return f"{where}: {self.message}"


@dataclass
class Change:
    field: str
    label: str
    old: object
    new: object

    @property
    def old_display(self):
        return display(self.old)

    @property
    def new_display(self):
        return display(self.new)


def display(value):
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return f"£{value:,.2f}"
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value) or "(none)"
    return str(value)


@dataclass
class RowPlan:
    sheet: str
    row: int
    key: str = ""
    title: str = ""  # a few words to recognise the record by, such as the partnership's name
    action: str = UNCHANGED
    changes: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    values: dict = field(default_factory=dict)
    raw: list = field(default_factory=list)
    instance: object = None
    extra: dict = field(default_factory=dict)

    @property
    def errors(self):
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self):
        return [problem for problem in self.problems if not problem.is_error]

    @property
    def has_errors(self):
        return any(problem.is_error for problem in self.problems)

    @property
    def action_label(self):
        return ACTION_LABELS[self.action]

    @property
    def tag_class(self):
        return ACTION_TAGS[self.action]

    @property
    def anchor(self):
        return f"{self.sheet.lower().replace(' ', '-')}-row-{self.row}"

    @property
    def writes(self):
        return self.action in (NEW, UPDATE)


@dataclass(frozen=True, slots=True)
class PlannedRow:
    """What other sheets need of a Register row once it is written and let go of."""

    row: int
    has_errors: bool


@dataclass
class SheetPlan:
    key: str
    name: str  # the name the export uses ("Register")
    title: str = ""  # the worksheet's title in this file
    header_row: int | None = None
    headers: list = field(default_factory=list)
    fields: dict = field(default_factory=dict)  # column index -> field
    unknown_columns: list = field(default_factory=list)  # [(index, header text)]
    mapped_columns: list = field(default_factory=list)  # [(index, header text)] placed by the user's choice
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # sheet-level: missing columns, no header row
    skipped: list = field(default_factory=list)  # [(row number, reason)]: blank and totals rows
    hidden: bool = False  # the sheet is hidden in the workbook
    hidden_rows: list = field(default_factory=list)  # row numbers of hidden rows imported (or in error)
    calculated: dict = field(default_factory=dict)  # field -> CalculatedColumn
    # Of the rows let go of once written (see let_go): how many of each action, and their warnings.
    let_go_counts: collections.Counter = field(default_factory=collections.Counter)
    let_go_warnings: list = field(default_factory=list)

    def let_go(self, rows, context):
        """Keep only the counts and warnings of these rows (the last ones planned), and the rows in error:
        what the import's outcome and its rejected-rows workbook need."""
        kept = []
        for row in rows:
            if row.has_errors:
                row.values, row.extra, row.instance, row.changes = {}, {}, None, []
                kept.append(row)
                continue
            self.let_go_counts[row.action] += 1
            self.let_go_warnings.extend(row.problems)
            key = row.key.lower()
            if context.register_rows.get(key) is row:  # other sheets only ask whether it had errors
                context.register_rows[key] = PlannedRow(row=row.row, has_errors=False)
        del self.rows[len(self.rows) - len(rows) :]
        self.rows.extend(kept)

    @property
    def totals_rows(self):
        return [(number, reason) for number, reason in self.skipped if reason != "blank row"]

    def rows_with(self, action):
        return [row for row in self.rows if row.action == action]

    @functools.cached_property
    def field_index(self):
        """{field: column index} (the header is read before any row)."""
        return {name: index for index, name in self.fields.items()}

    def column_index(self, field_name):
        """The index of the column holding `field_name`, or None when the sheet has no such column."""
        return next((index for index, name in self.fields.items() if name == field_name), None)

    @property
    def rows_to_check(self):
        """New, updated and error rows: the ones worth reading before confirming."""
        return [row for row in self.rows if row.action != UNCHANGED]

    @property
    def unchanged_rows(self):
        return self.rows_with(UNCHANGED)

    @property
    def columns_to_map(self):
        return sorted([*self.unknown_columns, *self.mapped_columns])

    @property
    def counts(self):
        totals = {"created": 0, "updated": 0, "unchanged": 0, "errors": 0}
        names = {NEW: "created", UPDATE: "updated", UNCHANGED: "unchanged", ERROR: "errors"}
        for row in self.rows:
            totals[names[row.action]] += 1
        for action, count in self.let_go_counts.items():
            totals[names[action]] += count
        return totals

    @property
    def writes(self):
        return self.let_go_counts[NEW] + self.let_go_counts[UPDATE] > 0 or any(row.writes for row in self.rows)

    @property
    def has_errors(self):
        return any(problem.is_error for problem in self.problems) or any(row.has_errors for row in self.rows)

    @property
    def all_problems(self):
        return [*self.problems, *self.let_go_warnings, *(problem for row in self.rows for problem in row.problems)]


@dataclass
class CalculatedColumn:
    """A column whose cells are formulas: their calculated results are imported, and this says so once."""

    column: str
    letter: str
    formula: str  # the first row's formula, "=EDATE(X5,12)" ("" where the file keeps no text)
    noun: str  # "dates", "amounts", "values"
    rows: list = field(default_factory=list)
    volatile: bool = False

    def as_dict(self, sheet):
        return {"sheet": sheet, "column": self.column, "formula": self.formula, "rows": len(self.rows)}


@dataclass
class ImportPlan:
    file_name: str
    sha256: str
    sheets: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # workbook-level
    context: object = field(default=None, repr=False)  # sheets.base.Context, used when applying
    handlers: dict = field(default_factory=dict, repr=False)  # sheet key -> SheetImporter

    def sheet(self, key):
        return next((sheet for sheet in self.sheets if sheet.key == key), None)

    @property
    def all_problems(self):
        return [*self.problems, *(problem for sheet in self.sheets for problem in sheet.all_problems)]

    @property
    def errors(self):
        return [problem for problem in self.all_problems if problem.is_error]

    @property
    def warnings(self):
        return [problem for problem in self.all_problems if not problem.is_error]

    @property
    def has_errors(self):
        return any(problem.is_error for problem in self.all_problems)

    @property
    def blocking(self):
        """Errors that stop even a valid-rows-only import: the file or a whole sheet is unusable."""
        sheet_level = [problem for sheet in self.sheets for problem in sheet.problems if problem.is_error]
        return [*[p for p in self.problems if p.is_error], *sheet_level]

    @property
    def counts(self):
        return {sheet.name: sheet.counts for sheet in self.sheets}

    @property
    def totals(self):
        totals = {"created": 0, "updated": 0, "unchanged": 0, "errors": 0}
        for sheet in self.sheets:
            for name, count in sheet.counts.items():
                totals[name] += count
        return totals

    @property
    def writes(self):
        return any(sheet.writes for sheet in self.sheets)

    @property
    def calculated_columns(self):
        """What the import record keeps: per sheet and column, the formula and how many results were imported."""
        return [column.as_dict(sheet.name) for sheet in self.sheets for column in sheet.calculated.values()]

    @property
    def notes(self):
        """What the workbook hid or held under its data: imported, or skipped, all the same."""
        for sheet in self.sheets:
            if sheet.hidden:
                yield f"{sheet.name}: the sheet is hidden in the workbook; its rows were read all the same."
            if sheet.hidden_rows:
                rows = ", ".join(map(str, sheet.hidden_rows))
                yield f"{sheet.name}: hidden in the workbook but read all the same: row(s) {rows}."
            for number, reason in sheet.totals_rows:
                yield f"{sheet.name}: row {number} was skipped: it is a {reason} under the data, not a partnership."

    def as_dict(self):
        return {
            "sheets": self.counts,
            "errors": [problem.as_dict() for problem in self.errors],
            "warnings": [problem.as_dict() for problem in self.warnings],
            "calculated_columns": self.calculated_columns,
            "notes": list(self.notes),
        }
