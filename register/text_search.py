"""Full-text search of the register: partnerships by reference, name and purpose, partners by name.

A search is split into words, runs of letters and digits; anything else separates words, in the
search as in the text searched, so "NCC-0042" is the words "ncc" and "0042". A word matches the
start of any word of the text, in any case: "flood" finds "Flood Resilience" and "floods", but not
"Bloodflood". Accents count: "cafe" does not find "café".

Both databases answer from an index of the words instead of reading every row:

- PostgreSQL: a column `search_document`, `to_tsvector('simple', ...)` of the searched columns,
  generated and stored by the database, with a GIN index, asked with `to_tsquery('simple',
  'word:*')`. The 'simple' configuration lowercases and keeps every word (no stemming, no stop
  words). Punctuation is made a space first, because PostgreSQL's parser keeps
  "www.northmoor.gov.uk", "2024/25" or "-0042" (of "NCC-0042") as single words. The column is
  stored rather than worked out in the index's expression because a search for a word in most
  rows (the council's name) may read every row, and parsing every purpose again is slow. The
  models do not declare it, so Django never reads it. PostgreSQL refuses to change the type of a
  column a generated column is made from: a migration that alters the type of a searched column
  must drop the index first (`drop`) and make it again after (`create`).
- SQLite: an FTS5 table per searched table that holds only the index and reads the text from the
  table itself (external content), kept in step by triggers, so bulk_create and bulk_update (the
  toolkit import) are covered as well as save(). Its unicode61 tokenizer splits text as above.

SQLite's schema editor alters a table by building a new one and dropping the old, which drops the
old one's triggers: `restore_triggers` runs after every migrate to put them back (and rebuild the
index, which may have missed changes meanwhile).
"""

import re
import string
from dataclasses import dataclass

from django.db import connections
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL

from .models import PartnershipMember

# Characters made a space before PostgreSQL's parser reads the text (it splits on the rest itself).
# "%" is left out: PostgreSQL's parser separates on it anyway, and in SQL with parameters it would
# have to be written "%%".
PUNCTUATION = string.punctuation.replace("%", "") + "‘’“”–—…"
WORD = re.compile(r"[^\W_]+")
COLUMN = "search_document"  # PostgreSQL


@dataclass(frozen=True)
class TextIndex:
    name: str  # the FTS5 table on SQLite, the GIN index on PostgreSQL
    table: str
    columns: tuple

    def document_sql(self):
        """PostgreSQL: the expression of the generated `search_document` column."""
        text = " || ' ' || ".join(f'"{column}"' for column in self.columns)
        punctuation = "'" + PUNCTUATION.replace("'", "''") + "'"
        spaces = "'" + " " * len(PUNCTUATION) + "'"
        return f"to_tsvector('simple'::regconfig, translate({text}, {punctuation}, {spaces}))"

    def ids_matching(self, vendor, word):
        """SQL and parameters for the ids of the rows with a word starting with `word`."""
        if vendor == "postgresql":
            query = "to_tsquery('simple'::regconfig, %s)"
            return f'SELECT "id" FROM "{self.table}" WHERE "{COLUMN}" @@ {query}', [f"{word}:*"]
        if vendor == "sqlite":
            return f'SELECT rowid FROM "{self.name}" WHERE "{self.name}" MATCH %s', [f'"{word}"*']
        raise NotImplementedError(f"No full-text search for {vendor}")


PARTNERSHIPS = TextIndex("partnership_search", "register_partnership", ("reference", "name", "purpose"))
PARTNERS = TextIndex("organisation_search", "register_organisation", ("name",))
INDEXES = (PARTNERSHIPS, PARTNERS)


def words(text):
    """The words of a search, lowercased: runs of letters and digits."""
    return [word.lower() for word in WORD.findall(text)]


def partnerships_matching(word, using="default"):
    """A filter: partnerships with a word starting with `word` in their own text or a partner's name."""
    vendor = connections[using].vendor
    own_sql, own_params = PARTNERSHIPS.ids_matching(vendor, word)
    partners_sql, partners_params = PARTNERS.ids_matching(vendor, word)
    if vendor == "postgresql":
        # One list of ids, which PostgreSQL joins to the rows (a semi-join). An OR of two subqueries
        # is costed as if run per row, and that estimate alone switches on JIT compilation (50 ms+).
        members = (
            f'SELECT "partnership_id" FROM "register_partnershipmember" WHERE "organisation_id" IN ({partners_sql})'
        )
        return Q(pk__in=RawSQL(f"{own_sql} UNION ALL {members}", [*own_params, *partners_params]))
    # SQLite: the partners are checked per candidate row (through the membership's indexes), as a
    # list of the partnerships of every matching partner is long when the word is the council's name.
    partners = PartnershipMember.objects.filter(
        partnership=OuterRef("pk"), organisation__in=RawSQL(partners_sql, partners_params)
    )
    return Q(pk__in=RawSQL(own_sql, own_params)) | Exists(partners)


# -- creating the indexes (migration register 0022) ---------------------------------------------


def create(schema_editor):
    vendor = schema_editor.connection.vendor
    for index in INDEXES:
        if vendor == "postgresql":
            schema_editor.execute(
                f'ALTER TABLE "{index.table}" ADD COLUMN "{COLUMN}" tsvector '
                f"GENERATED ALWAYS AS ({index.document_sql()}) STORED"
            )
            schema_editor.execute(f'CREATE INDEX "{index.name}" ON "{index.table}" USING gin ("{COLUMN}")')
        elif vendor == "sqlite":
            columns = ", ".join(index.columns)
            schema_editor.execute(
                f'CREATE VIRTUAL TABLE "{index.name}" USING fts5({columns}, '
                f"content='{index.table}', content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
            )
            create_triggers(schema_editor.connection, index)
            rebuild(schema_editor.connection, index)


def drop(schema_editor):
    vendor = schema_editor.connection.vendor
    for index in INDEXES:
        if vendor == "postgresql":
            schema_editor.execute(f'ALTER TABLE "{index.table}" DROP COLUMN IF EXISTS "{COLUMN}"')  # and its index
        elif vendor == "sqlite":
            for trigger in triggers(index):
                schema_editor.execute(f'DROP TRIGGER IF EXISTS "{trigger}"')
            schema_editor.execute(f'DROP TABLE IF EXISTS "{index.name}"')


# -- SQLite: triggers keep each FTS5 table in step with its table --------------------------------


def triggers(index):
    """{trigger name: body} for an FTS5 table with external content, as SQLite's manual gives them."""
    columns = ", ".join(index.columns)
    new = ", ".join(f"new.{column}" for column in index.columns)
    old = ", ".join(f"old.{column}" for column in index.columns)
    add = f'INSERT INTO "{index.name}" (rowid, {columns}) VALUES (new.id, {new});'
    remove = f'INSERT INTO "{index.name}" ("{index.name}", rowid, {columns}) VALUES (\'delete\', old.id, {old});'
    return {
        f"{index.name}_insert": f'AFTER INSERT ON "{index.table}" BEGIN {add} END',
        f"{index.name}_delete": f'AFTER DELETE ON "{index.table}" BEGIN {remove} END',
        f"{index.name}_update": f'AFTER UPDATE OF {columns} ON "{index.table}" BEGIN {remove} {add} END',
    }


def create_triggers(connection, index):
    with connection.cursor() as cursor:
        for name, body in triggers(index).items():
            cursor.execute(f'CREATE TRIGGER IF NOT EXISTS "{name}" {body}')


def rebuild(connection, index):
    """Index every row afresh from the table."""
    with connection.cursor() as cursor:
        cursor.execute(f'INSERT INTO "{index.name}" ("{index.name}") VALUES (\'rebuild\')')


def restore_triggers(using="default", **kwargs):
    """After migrate: put back triggers a rebuilt table lost, and index its rows afresh.

    Does nothing before migration register 0022 has made the FTS5 tables (or after it is undone).
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        existing = set(cursor.fetchall())
    for index in INDEXES:
        if ("table", index.name) in existing and any(("trigger", name) not in existing for name in triggers(index)):
            create_triggers(connection, index)
            rebuild(connection, index)
