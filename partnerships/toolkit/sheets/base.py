"""What every sheet importer shares: reading cells with located errors, and the plan/apply loop."""

import datetime
import functools
import itertools

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import timezone
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900

from register.models import CorporatePriority, Partnership

from .. import headers, parsers
from ..plan import ERROR, NEW, UNCHANGED, UPDATE, WARNING_LEVEL, CalculatedColumn, Change, Problem, RowPlan

BATCH = 1000  # rows planned (and, by importer.import_workbook, written) at a time
LOOKUP_BATCH = 900  # Refs per query: under SQLite's oldest limit on query parameters
MISSING = object()  # the sheet has no such column: leave the field as it is
TOTALS = {"total", "totals", "grand total", "sum", "subtotal"}
# Long-text fields keep a =HYPERLINK's URL beside its text: "Minutes (https://...)".
LINK_FIELDS = {"notes", "purpose", "exit_strategy", "comments", "summary", "actions", "lesson", "controls"}
NOUNS = {parsers.parse_date: "dates", parsers.parse_money: "amounts", parsers.parse_whole_number: "numbers"}
SPREADSHEET_ERRORS = frozenset(ERROR_CODES)
# Parsers that give None (or, for text, "") for an empty cell, so an empty cell need not be parsed.
BLANK_IS_NONE = {
    parsers.parse_text,
    parsers.parse_date,
    parsers.parse_money,
    parsers.parse_yes_no,
    parsers.parse_choice,
    parsers.parse_whole_number,
}


class Context:
    """State shared by the sheets of one import: lookups loaded once, partnerships as planned/applied."""

    def __init__(self, epoch=CALENDAR_WINDOWS_1900, file_name="", user=None, calculated_on=(None, "")):
        self.epoch = epoch
        self.calculated_on = calculated_on  # (when, where that time comes from) for volatile formulas
        self.file_name = file_name
        self.user = user
        self.register_rows = {}  # reference (lower case) -> RowPlan from the Register sheet
        self.applied = {}  # reference (lower case) -> Partnership saved by this import
        self.created = {}  # reference (lower case) -> primary key of a partnership inserted in bulk
        self.partnerships = {}  # reference (lower case) -> Partnership in the register, for the Refs read so far
        self.rescore = set()  # primary keys of partnerships whose money, partners or type this import changed
        self._looked_up = set()
        self._users = None
        self._users_by_name = None
        self._priorities = None

    def load_partnerships(self, references):
        """Fetch the register's partnerships for these Refs (any case) into `partnerships`, in a few queries.

        Only the partnerships a workbook names are loaded, so planning costs the same whether the
        register holds a hundred partnerships or twenty thousand.
        """
        wanted = {parsers.clean_text(ref).lower() for ref in references if not parsers.is_blank(ref)}
        wanted -= self._looked_up
        self._looked_up |= wanted
        queryset = (
            Partnership.objects.annotate(key=Lower("reference"))
            .select_related("directorate", "lead_officer")
            .prefetch_related("memberships__organisation", "priorities")
        )
        wanted = sorted(wanted)
        for start in range(0, len(wanted), LOOKUP_BATCH):
            for partnership in queryset.filter(key__in=wanted[start : start + LOOKUP_BATCH]):
                self.partnerships[partnership.key] = partnership

    def user_by_email(self, email):
        if self._users is None:
            users = get_user_model().objects.filter(is_active=True).exclude(email="").order_by("pk")
            self._users = {}
            for user in users:
                self._users.setdefault(user.email.lower(), user)
        return self._users.get(email.lower()) if email else None

    def user_named(self, text):
        """A user by email, else by full name or username (any case); None when no one matches."""
        if "@" in text:
            return self.user_by_email(text)
        if self._users_by_name is None:
            self._users_by_name = {}
            for user in get_user_model().objects.filter(is_active=True).order_by("-pk"):  # the first one wins
                self._users_by_name[user.get_username().lower()] = user
                if full_name := user.get_full_name().strip():
                    self._users_by_name[full_name.lower()] = user
        return self._users_by_name.get(" ".join(text.split()).lower())

    def priority_named(self, name):
        """A corporate priority by name (any case), or None."""
        if self._priorities is None:
            self._priorities = {priority.name.lower(): priority for priority in CorporatePriority.objects.all()}
        return self._priorities.get(name.lower())

    @property
    def priority_names(self):
        self.priority_named("")
        return [priority.name for priority in self._priorities.values() if priority.active]

    @property
    def change_reason(self):
        return f"Imported from the Excel toolkit ({self.file_name})"[:100]

    def partnership_for(self, reference):
        """The partnership a Risks/Reviews/Health check row belongs to, once the Register is applied."""
        key = reference.lower()
        if key in self.created and key not in self.applied:
            self.load_created()
        return self.applied.get(key) or self.partnerships.get(key)

    def load_created(self):
        """The partnerships inserted in bulk, read back in a few queries when another sheet first needs one."""
        pks = sorted(pk for key, pk in self.created.items() if key not in self.applied)
        for start in range(0, len(pks), LOOKUP_BATCH):
            for partnership in Partnership.objects.filter(pk__in=pks[start : start + LOOKUP_BATCH]):
                self.applied[partnership.reference.lower()] = partnership

    def stamp(self, instance):
        """Let the history say who changed it and why."""
        instance._change_reason = self.change_reason
        if self.user is not None:
            instance._history_user = self.user


class Cells:
    """One data row, read field by field; problems are recorded with the column as the user typed it."""

    def __init__(self, sheet_plan, raw, epoch):
        self.sheet_plan = sheet_plan
        self.raw = raw
        self.epoch = epoch
        self.index = sheet_plan.field_index
        self.problems = []

    def has(self, field):
        return field in self.index

    def column(self, field):
        index = self.index.get(field)
        if index is None:
            return headers.export_header(self.sheet_plan.key, field)
        return self.sheet_plan.headers[index] or get_column_letter(index + 1)

    def problem(self, field, message, level="error"):
        index = self.index.get(field)
        self.problems.append(
            Problem(
                sheet=self.sheet_plan.name,
                row=self.raw.number,
                column=self.column(field),
                message=message,
                level=level,
                letter=get_column_letter(index + 1) if index is not None else "",
            )
        )

    def error(self, field, message):
        self.problem(field, message)

    def warn(self, field, message):
        self.problem(field, message, WARNING_LEVEL)

    def read(self, field, parser, *, required=False, max_length=None, **kwargs):
        """The parsed value; None when blank; MISSING when the column is absent or the cell is wrong."""
        index = self.index.get(field)
        if index is None:
            if required:
                self.error(field, f"The sheet has no “{self.column(field)}” column, and it is needed.")
            return MISSING
        raw = self.raw
        formula = raw.formulas.get(index) if raw.formulas else None
        value = raw.values[index] if index < len(raw.values) else None
        if value is None and formula is None and parser in BLANK_IS_NONE:  # most cells: no parsing needed
            if required:
                self.error(field, "This is empty, and it is needed.")
                return MISSING
            return None
        if type(value) is str and value in SPREADSHEET_ERRORS:
            source = f" from its formula {formula.text}" if formula is not None and formula.text else ""
            self.error(
                field,
                f"This cell shows the spreadsheet error {value}{source}. Correct it in the workbook, "
                "or type the value itself.",
            )
            return MISSING
        if formula is not None:
            if not formula.calculated:
                self.error(
                    field,
                    f"This cell holds a formula ({formula.text}) with no calculated result: the program that saved "
                    "the workbook did not calculate it. Open the workbook in Excel or LibreOffice and save it, "
                    "or type the value itself instead.",
                )
                return MISSING
            link = parsers.hyperlink(formula.text)
            if link and field in LINK_FIELDS:
                value = f"{link[1]} ({link[0]})" if link[1] and link[1] != link[0] else link[0]
        try:
            result = parser(value, **kwargs)
        except parsers.Placeholder as placeholder:
            if required:
                self.error(field, f"“{placeholder.text}” is a placeholder, but this is needed. Enter the real value.")
                return MISSING
            self.warn(field, str(placeholder))
            return None
        except parsers.ParseError as error:
            self.error(field, str(error))
            return MISSING
        if required and (result is None or result == ""):
            self.error(field, "This is empty, and it is needed.")
            return MISSING
        if max_length and isinstance(result, str) and len(result) > max_length:
            self.error(field, f"This is {len(result)} characters long; the most allowed is {max_length}.")
            return MISSING
        if formula is not None:
            self.calculated(field, index, formula, NOUNS.get(parser, "values"))
        return result

    def calculated(self, field, index, formula, noun):
        """Note a calculated value imported: the sheet warns once per column (see SheetImporter.plan)."""
        column = self.sheet_plan.calculated.get(field)
        if column is None:
            column = CalculatedColumn(
                column=self.column(field), letter=get_column_letter(index + 1), formula=formula.text, noun=noun
            )
            self.sheet_plan.calculated[field] = column
        column.rows.append(self.raw.number)
        column.volatile = column.volatile or formula.volatile

    def text(self, field, model=None, **kwargs):
        if model is not None and "max_length" not in kwargs:
            kwargs["max_length"] = model._meta.get_field(field).max_length
        value = self.read(field, parsers.parse_text, **kwargs)
        return value if value is MISSING or value is not None else ""

    def date(self, field, **kwargs):
        return self.read(field, parsers.parse_date, epoch=self.epoch, **kwargs)

    def money(self, field, **kwargs):
        return self.read(field, parsers.parse_money, **kwargs)

    def yes_no(self, field, **kwargs):
        return self.read(field, parsers.parse_yes_no, **kwargs)

    def choice(self, field, choices, noun, **kwargs):
        value = self.read(field, parsers.parse_choice, choices=choices, noun=noun, **kwargs)
        return "" if value is None else value

    def number(self, field, low, high, **kwargs):
        return self.read(field, parsers.parse_whole_number, low=low, high=high, **kwargs)

    def email(self, field):
        value = self.text(field, max_length=254)
        if value not in (MISSING, "") and not is_email(value):
            self.error(field, f"“{value}” is not an email address. Enter one like name@council.gov.uk.")
            return MISSING
        return value


class SheetImporter:
    """Plan rows of one sheet, then apply them. Subclasses define `key`, `plan_row` and `apply_row`."""

    key = ""
    key_fields = ("reference",)

    def __init__(self, context):
        self.context = context

    # -- planning ------------------------------------------------------------------------------
    def plan(self, sheet_plan, rows, after_batch=None):
        """Plan the rows, BATCH at a time: each batch's partnerships are looked up in a few queries,
        then `after_batch(sheet_plan, self, planned rows)` is called (to write them, see importer)."""
        seen = {}
        rows = iter(rows)
        while batch := list(itertools.islice(rows, BATCH)):
            first = len(sheet_plan.rows)
            self.plan_batch(sheet_plan, batch, seen)
            if after_batch is not None:
                after_batch(sheet_plan, self, sheet_plan.rows[first:])
        sheet_plan.problems.extend(self.calculated_warnings(sheet_plan))
        return sheet_plan

    def plan_batch(self, sheet_plan, rows, seen):
        key_index = sheet_plan.column_index("reference")
        if key_index is not None:
            self.context.load_partnerships(raw.value(key_index) for raw in rows)
        for raw in rows:
            if raw.is_blank:
                sheet_plan.skipped.append((raw.number, "blank row"))
                continue
            if self.is_totals(sheet_plan, raw):
                formula = next((formula.text for formula in raw.formulas.values() if formula.text), "")
                sheet_plan.skipped.append((raw.number, f"totals row ({formula})" if formula else "totals row"))
                continue
            if raw.hidden:
                sheet_plan.hidden_rows.append(raw.number)
            cells = Cells(sheet_plan, raw, self.context.epoch)
            row = RowPlan(sheet=sheet_plan.name, row=raw.number)
            identity = self.plan_row(cells, row)
            if identity is not None:
                if identity in seen:
                    cells.error(
                        self.key_fields[-1],
                        f"{row.key} appears twice in this sheet (first on row {seen[identity]}). Keep one row.",
                    )
                else:
                    seen[identity] = raw.number
            row.problems = [*cells.problems, *row.problems]
            if row.has_errors:
                row.action = ERROR
                row.raw = raw.as_typed  # as typed, for the rejected-rows workbook (only rows in error need it)
            elif row.instance is None:
                row.action = NEW
            else:
                row.action = UPDATE if row.changes else UNCHANGED
            sheet_plan.rows.append(row)

    def calculated_warnings(self, sheet_plan):
        """One warning per calculated column: its results were imported, as the spreadsheet shows them."""
        when, source = self.context.calculated_on
        for column in sheet_plan.calculated.values():
            formula = f" ({column.formula})" if column.formula else ""
            count = len(column.rows)
            values = f"{column.noun} were" if count != 1 else f"{column.noun.removesuffix('s')} was"
            message = (
                f"{column.column} is calculated in the workbook{formula}; the {count} calculated {values} imported."
            )
            if column.volatile:
                at = f" on {timezone.localtime(when):%d/%m/%Y at %H:%M} ({source})" if when else ""
                message += (
                    " Its formula gives a different result each time it is calculated (such as TODAY() or NOW()):"
                    f" these results are as the workbook was last calculated{at}."
                )
            yield Problem(
                sheet=sheet_plan.name,
                row=None,
                column=column.column,
                message=message,
                level=WARNING_LEVEL,
                letter=column.letter,
            )

    def plan_row(self, cells, row):
        """Fill in row.key, row.values, row.instance, row.changes; return the row's identity (or None)."""
        raise NotImplementedError

    def is_totals(self, sheet_plan, raw):
        """A totals row: a cell says "Total" and there is no Ref; or it has no Ref and only formulas."""
        key_index = sheet_plan.column_index("reference")
        key = raw.value(key_index) if key_index is not None else None
        if isinstance(key, str) and parsers.normalise_label(key) in TOTALS:
            return True
        if not parsers.is_blank(key):
            return False
        says_total = any(isinstance(v, str) and parsers.normalise_label(v) in TOTALS for v in raw.values)
        filled = {index for index, value in enumerate(raw.values) if not parsers.is_blank(value)}
        return says_total or (bool(filled) and filled <= set(raw.formulas))

    def partnership_reference(self, cells, row):
        """Check the Ref of a Risks/Reviews/Health check row: it must be on the Register sheet or in the register."""
        reference = cells.text("reference", required=True, max_length=20)
        if reference is MISSING:
            return MISSING
        planned = self.context.register_rows.get(reference.lower())
        if planned is not None and planned.has_errors:
            cells.error(
                "reference",
                f"{reference} has errors on the Register sheet (row {planned.row}), so this row cannot be imported.",
            )
            return MISSING
        if planned is None and reference.lower() not in self.context.partnerships:
            cells.error("reference", f"There is no partnership {reference} on the Register sheet or in the register.")
            return MISSING
        return reference

    # -- comparing -----------------------------------------------------------------------------
    def compare(self, instance, values, fields, row):
        """Record a Change for each field whose new value differs from the saved one."""
        for field in fields:
            if field not in values or values[field] is MISSING:
                continue
            old, new = getattr(instance, field), values[field]
            if normalised(old) != normalised(new):
                row.changes.append(Change(field, headers.export_header(self.key, field), old, new))

    # -- applying ------------------------------------------------------------------------------
    def apply_row(self, row):
        raise NotImplementedError

    @staticmethod
    def set_values(instance, row, fields):
        changed = {change.field for change in row.changes}
        for field in fields:
            value = row.values.get(field, MISSING)
            if value is not MISSING and (row.instance is None or field in changed):
                setattr(instance, field, value)


@functools.lru_cache(maxsize=4096)
def is_email(value):
    """Django's email validation, worked out once per address (a few officers lead many partnerships)."""
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def normalised(value):
    """A value as compared: spacing differences in text are not changes."""
    if value is None:
        return ""
    if isinstance(value, str):
        return parsers.clean_text(value)
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def given(values):
    """Only the values whose column is present and readable."""
    return {field: value for field, value in values.items() if value is not MISSING}


__all__ = ["MISSING", "UNCHANGED", "Cells", "Context", "SheetImporter", "given"]
