"""Turn what people type into spreadsheets into Python values.

Each parser takes a raw cell value (whatever openpyxl gives: str, int, float, datetime, None) and
returns a Python value, or raises `ParseError` with a plain-English message. Blank cells give None.

A *placeholder* (`TBC`, `n/a`, `unknown`...) means "not known yet". Where a value is optional it
becomes empty and the importer shows a warning; where it is required it is an error. Parsers raise
`Placeholder` so the caller can decide which.
"""

import datetime
import functools
import re
from decimal import Decimal, InvalidOperation

from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900, from_excel

PLACEHOLDERS = {
    "tbc",
    "tbd",
    "tba",
    "to be confirmed",
    "to be decided",
    "n/a",
    "na",
    "n.a.",
    "n.a",
    "not applicable",
    "not known",
    "unknown",
    "?",
    "??",
    "pending",
    "-",
    "–",
    "—",
}
NIL = {"nil", "none", "zero", "£0", "-", "–", "—", "£-", "£ -"}
YES = {"yes", "y", "true", "t", "1", "x", "✓", "✔", "done", "in place"}
NO = {"no", "n", "false", "f", "0", "not in place"}

EARLIEST_YEAR, LATEST_YEAR = 1950, 2100
UK_DATE_FORMATS = (
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d-%m-%Y",
    "%d-%m-%y",
    "%d.%m.%Y",
    "%d %b %Y",
    "%d %B %Y",
    "%d-%b-%Y",
    "%d-%B-%Y",
    "%d %b %y",
    "%d-%b-%y",
    "%Y-%m-%d",
)


class ParseError(ValueError):
    """The cell holds something we cannot read; the message is shown to the user."""


class Placeholder(ParseError):
    """The cell says the value is not known yet (TBC, n/a...)."""

    def __init__(self, text):
        self.text = text
        super().__init__(f"“{text}” is a placeholder, so this was left empty.")


def clean_text(value):
    """A cell as trimmed text: numbers without a trailing .0, runs of spaces collapsed per line."""
    if value is None:
        return ""
    if type(value) is str and "\n" not in value and "\r" not in value:
        return " ".join(value.split())  # one line, as most cells are
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    lines = [" ".join(line.split()) for line in str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line).strip()


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def check_placeholder(text):
    if text.strip().lower() in PLACEHOLDERS:
        raise Placeholder(text.strip())


def parse_text(value):
    return clean_text(value)


def parse_date(value, epoch=CALENDAR_WINDOWS_1900):
    """UK dates as typed ("31/03/2026", "5 Mar 2019"), real Excel dates and Excel serial numbers."""
    if is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        day = _from_serial(value, epoch)
    else:
        text = " ".join(str(value).split())
        check_placeholder(text)
        serial = re.fullmatch(r"\d{4,5}(\.\d+)?", text)
        day = _from_serial(float(text), epoch) if serial else _from_text(text)
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise ParseError(f"{day:%d/%m/%Y} does not look like a real date. Enter a date like 31/03/2026.")
    return day


def _from_serial(number, epoch):
    try:
        value = from_excel(number, epoch=epoch)
    except (ValueError, OverflowError, TypeError) as error:
        raise ParseError(f"{number} is not a date. Enter a date like 31/03/2026.") from error
    if not isinstance(value, datetime.datetime):  # serials below 1 are a time of day, not a date
        raise ParseError(f"{number} is not a date. Enter a date like 31/03/2026.")
    return value.date()


def _from_text(text):
    candidate = text.replace(",", "").replace("Sept ", "Sep ")
    for pattern in UK_DATE_FORMATS:
        try:
            return datetime.datetime.strptime(candidate, pattern).date()
        except ValueError:
            continue
    raise ParseError(f"“{text}” is not a date. Enter a date like 31/03/2026 or 5 Mar 2019.")


def parse_money(value):
    """Pounds as a Decimal: 12500, "£12,500", "95000.00", "nil" and "-" (zero)."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ParseError("Enter an amount in pounds, like £12,500.")
    if isinstance(value, int | float | Decimal):
        amount = Decimal(str(value))
    else:
        text = " ".join(str(value).split())
        lowered = text.lower()
        if lowered in NIL:
            return Decimal("0.00")
        check_placeholder(text)
        digits = re.sub(r"[£,\s]|gbp", "", lowered)
        try:
            amount = Decimal(digits)
        except InvalidOperation as error:
            raise ParseError(f"“{text}” is not an amount of money. Enter pounds, like £12,500.") from error
    if not amount.is_finite():
        raise ParseError("Enter an amount in pounds, like £12,500.")
    if amount < 0:
        raise ParseError("Enter an amount of £0 or more.")
    if amount >= Decimal("1e12"):
        raise ParseError("That amount is too large. Enter pounds, like £12,500.")
    return amount.quantize(Decimal("0.01"))


def parse_yes_no(value):
    """Yes/Y/yes/TRUE/1 and No/N/no/FALSE/0; blank gives None (not recorded)."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = clean_text(value)
    lowered = text.lower()
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    check_placeholder(text)
    raise ParseError(f"“{text}” is not Yes or No. Enter Yes or No.")


def parse_whole_number(value, low, high):
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ParseError(f"Enter a whole number from {low} to {high}.")
    text = clean_text(value)
    check_placeholder(text)
    try:
        number = Decimal(text)
    except InvalidOperation as error:
        raise ParseError(f"“{text}” is not a number. Enter a whole number from {low} to {high}.") from error
    if not number.is_finite() or number != number.to_integral_value() or not low <= number <= high:
        raise ParseError(f"{text} is not allowed. Enter a whole number from {low} to {high}.")
    return int(number)


def normalise_label(text):
    """Lower case, '&' as 'and', punctuation and extra spaces removed: "Six-monthly" == "six monthly"."""
    text = str(text).lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=4096)
def normalised_choice(text):
    """normalise_label for the few texts a choice column holds, each worked out once."""
    return normalise_label(text)


@functools.cache
def choice_lookup(choices):
    """{normalised label or value: value} for a TextChoices class. Labels in brackets may be left off."""
    lookup = {}
    for value, label in choices.choices:
        lookup[normalise_label(value)] = value
        lookup[normalise_label(label)] = value
        lookup.setdefault(normalise_label(re.sub(r"\(.*?\)", "", label)), value)
    return lookup


def parse_choice(value, choices, noun):
    """Match a choice by its label (or stored value), ignoring case, spacing and punctuation."""
    if is_blank(value):
        return None
    text = clean_text(value)
    found = choice_lookup(choices).get(normalised_choice(text))
    if found is not None:
        return found
    check_placeholder(text)
    options = ", ".join(str(label) for label in choices.labels)
    raise ParseError(f"“{text}” is not a {noun} we know. Use one of: {options}.")


def split_names(value):
    """Partner organisations separated by ";" or new lines, without repeats."""
    names, seen = [], set()
    for part in re.split(r"[;\n\r]+", clean_text(value)):
        name = " ".join(part.split())
        if name and name.lower() not in seen and name.lower() not in PLACEHOLDERS:
            seen.add(name.lower())
            names.append(name)
    return names


HYPERLINK = re.compile(r'^=\s*HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)\s*$', re.IGNORECASE)


def hyperlink(formula):
    """(url, text) of a formula that is just =HYPERLINK("url", "text") (text may be absent); else None."""
    match = HYPERLINK.match(formula or "")
    if not match:
        return None
    url, text = (part.replace('""', '"') if part is not None else "" for part in match.groups())
    return url, text
