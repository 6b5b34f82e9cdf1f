"""Making text safe to put in a spreadsheet or CSV that people will open in Excel.

Text that starts with = + - @ (or a tab or carriage return) could run as a formula ("CSV
injection"); control characters cannot be stored in an .xlsx at all. Every export uses these rules.
"""

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean(value):
    """Text without the control characters an .xlsx cannot hold; other values unchanged."""
    return ILLEGAL.sub("", value) if isinstance(value, str) else value


def looks_like_formula(value):
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_text(value):
    """Text for a CSV field: an apostrophe in front of anything Excel would run as a formula."""
    value = clean(value)
    return "'" + value if looks_like_formula(value) else value
