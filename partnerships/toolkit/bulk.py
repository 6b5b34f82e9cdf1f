"""Insert many new rows with one prepared statement (`executemany`), without a model instance per row.

Django's `bulk_create` builds a model instance per row and compiles every value of every row into
its SQL: for 5,000 new partnerships (40-odd columns) and their 10,000 partners that was two thirds of
the import. Here each row is a dict of the values the import read; the columns it does not give get
the field's default (`auto_now` fields the time of the import), and only values that are not plain
text, numbers or booleans go through the field's own conversion for the database. The database
driver then runs one prepared INSERT for all the rows (SQLite steps them); PostgreSQL takes them in
one COPY.

For models whose fields save as they are given (no `pre_save` beyond `auto_now`, such as a file
field's): the toolkit's Partnership and PartnershipMember. No signals are sent, as with bulk_create.
"""

import itertools

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

PLAIN = frozenset({str, int, bool, type(None)})
CHUNK = 2000  # rows per executemany


class Inserter:
    """`Inserter(Partnership).insert([{"reference": ..., "name": ...}, ...])`."""

    def __init__(self, model, using=DEFAULT_DB_ALIAS):
        self.model = model
        self.connection = connection = connections[using]
        self.fields = [field for field in model._meta.concrete_fields if not field.primary_key]
        now = timezone.now()
        self.defaults = {}  # attname: the database value, or a callable giving the Python value per row
        for field in self.fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.defaults[field.attname] = field.get_db_prep_save(now, connection)
            elif field.has_default() and callable(field.default):
                self.defaults[field.attname] = field.default  # a date, a UUID: called per row, as a model would
            else:
                self.defaults[field.attname] = field.get_db_prep_save(field.get_default(), connection)
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in self.fields)
        placeholders = ", ".join(["%s"] * len(self.fields))
        # Names come from the model's metadata; every value is a parameter.
        self.sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
        self.copy_sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"

    def row(self, values):
        """The database values of one row, in column order."""
        result = []
        defaults, connection = self.defaults, self.connection
        for field in self.fields:
            name = field.attname
            if name in values:
                value = values[name]
            else:
                value = defaults[name]
                if not callable(value):
                    result.append(value)
                    continue
                value = value()
            if type(value) not in PLAIN:
                value = field.get_db_prep_save(value, connection)
            result.append(value)
        return result

    def insert(self, rows):
        """Insert every row (dicts of attname: value), CHUNK rows per statement so that only a chunk of
        database values is held at once. Returns how many."""
        count = 0
        for chunk in chunks(rows):
            params = [self.row(values) for values in chunk]
            with self.connection.cursor() as cursor:
                self.write(cursor, params)
            count += len(params)
        return count

    def write(self, cursor, params):
        """Send rows of database values (`row`'s) to the database: on PostgreSQL in one COPY, several
        times quicker than a prepared INSERT per row (psycopg converts each value as it would for a
        parameter); elsewhere with one prepared INSERT."""
        if self.connection.vendor != "postgresql":
            cursor.executemany(self.sql, params)
            return
        with cursor.cursor.copy(self.copy_sql) as copy:
            for row in params:
                copy.write_row(row)


def chunks(rows):
    """Lists of CHUNK rows (itertools.batched, from Python 3.12)."""
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, CHUNK)):
        yield chunk
