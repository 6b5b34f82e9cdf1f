"""Full-text search of the register: a partnership's reference, name, purpose and partners' names.

A search is split into words, runs of letters and digits; anything else separates words, in the
search as in the text searched, so "NCC-0042" is the words "ncc" and "0042". Every word must match
the start of a word of the text, in any case: "flood" finds "Flood Resilience" and "floods", but not
"Bloodflood". Accents count: "cafe" does not find "café".

Each partnership has one search document, its own text and its partners' names, in a table of its
own (`partnership_search`), so a whole search is one lookup in one index:

- PostgreSQL: a table of (partnership id, `to_tsvector('simple', ...)`) with a GIN index, asked
  with `to_tsquery('simple', 'word:* & ...')`. The 'simple' configuration lowercases and keeps
  every word (no stemming, no stop words). Punctuation is made a space first, because
  PostgreSQL's parser keeps "www.northmoor.gov.uk", "2024/25" or "-0042" (of "NCC-0042") whole.
- SQLite: an FTS5 table, whose unicode61 tokenizer splits text as above.

Triggers on the partnership, membership and organisation tables keep the documents in step, so
bulk_create and bulk_update (the toolkit import), queryset updates and deletes are covered as well
as save(). On PostgreSQL they run once per statement (a bulk insert of 1,000 members refreshes
each partnership once); on SQLite once per row, so a bulk write puts the refreshes off to its end
(`refreshed_at_the_end`). SQLite alters a table by building a new one and renaming it, and refuses
the rename while a trigger elsewhere names the table: `drop_triggers` runs before migrate and
`restore_triggers` after, rebuilding the documents.
"""

import re
import string
from contextlib import contextmanager

from django.db import connections
from django.db.models import BigIntegerField, ExpressionWrapper, F, Q
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In

TABLE = "partnership_search"
# Characters made a space before PostgreSQL's parser reads the text (it splits on the rest itself).
# "%" is left out: the parser separates on it anyway, and in SQL with parameters it must be "%%".
PUNCTUATION = string.punctuation.replace("%", "") + "‘’“”–—…"
WORD = re.compile(r"[^\W_]+")

# The names of partnership `p`'s partners, joined by `{names}`: string_agg or group_concat.
PARTNERS = (
    "COALESCE((SELECT {names} FROM register_partnershipmember m "
    "JOIN register_organisation o ON o.id = m.organisation_id WHERE m.partnership_id = p.id), '')"
)


def words(text):
    """The words of a search, lowercased: runs of letters and digits."""
    return [word.lower() for word in WORD.findall(text)]


def partnerships_matching(value, using="default"):
    """A filter: partnerships whose search document has a word starting with each word of `value`."""
    found = words(value)
    if not found:
        return Q()
    vendor = connections[using].vendor
    if vendor == "postgresql":
        sql = f"SELECT partnership_id FROM {TABLE} WHERE document @@ to_tsquery('simple'::regconfig, %s)"
        return Q(pk__in=RawSQL(sql, [" & ".join(f"{word}:*" for word in found)]))
    if vendor == "sqlite":
        return _sqlite_matching(connections[using], " ".join(f'"{word}"*' for word in found))
    raise NotImplementedError(f"No full-text search for {vendor}")


# SQLite's planner cannot tell how many documents a MATCH finds (FTS5 gives it a fixed cost), so it
# always starts from the matches and looks each one up in the register's indexes. For a search
# matching thousands of documents it is two or three times faster to read the register by its other
# filters' index, or in the list's order, and check each row against the matches: at 100,000
# partnerships "northmoor partnership" matches 32,760, and with the status and significance filters
# the count and the page took 21 + 28 ms the first way and 11 + 17 ms the second. For a narrow search
# the first way is the fast one (0.7 + 1.5 ms against 1.8 + 3.1 for 120 matches). So the matches are
# counted first, up to BROAD (about 4 ms for that broad search, as FTS5 merges each prefix's documents
# before it yields one; 0.1 ms for a narrow one), and a broad search's id is made an expression no
# index holds (`id + 0`), which leaves SQLite to start from the other filters' indexes.
BROAD = 5_000


def _sqlite_matching(connection, query):
    sql = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql} LIMIT {BROAD})", [query])
        (found,) = cursor.fetchone()
    matches = RawSQL(sql, [query])
    if found < BROAD:
        return Q(pk__in=matches)
    return Q(In(ExpressionWrapper(F("pk") + 0, output_field=BigIntegerField()), matches))


# -- PostgreSQL ----------------------------------------------------------------------------------


def _pg_document():
    punctuation = "'" + PUNCTUATION.replace("'", "''") + "'"
    spaces = "'" + " " * len(PUNCTUATION) + "'"
    partners = PARTNERS.format(names="string_agg(o.name, ' ')")
    text = f"p.reference || ' ' || p.name || ' ' || p.purpose || ' ' || {partners}"
    return f"to_tsvector('simple'::regconfig, translate({text}, {punctuation}, {spaces}))"


MEMBERS = "register_partnershipmember"
# (trigger, table, event, transition tables, the partnerships whose documents it changes)
PG_TRIGGERS = (
    ("insert", "register_partnership", "INSERT", "NEW TABLE AS new_rows", "SELECT id FROM new_rows"),
    ("update", "register_partnership", "UPDATE", "NEW TABLE AS new_rows", "SELECT id FROM new_rows"),
    ("delete", "register_partnership", "DELETE", "OLD TABLE AS old_rows", "SELECT id FROM old_rows"),
    ("member_insert", MEMBERS, "INSERT", "NEW TABLE AS new_rows", "SELECT partnership_id FROM new_rows"),
    (
        "member_update",
        MEMBERS,
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "SELECT partnership_id FROM old_rows UNION SELECT partnership_id FROM new_rows",
    ),
    ("member_delete", MEMBERS, "DELETE", "OLD TABLE AS old_rows", "SELECT partnership_id FROM old_rows"),
    (
        "organisation_update",
        "register_organisation",
        "UPDATE",
        "NEW TABLE AS new_rows",
        "SELECT m.partnership_id FROM register_partnershipmember m JOIN new_rows o ON o.id = m.organisation_id",
    ),
)


def _create_postgresql(schema_editor):
    execute = schema_editor.execute
    execute(f"CREATE TABLE {TABLE} (partnership_id bigint PRIMARY KEY, document tsvector NOT NULL)")
    execute(f"CREATE INDEX {TABLE}_document ON {TABLE} USING gin (document)")
    execute(
        f"CREATE FUNCTION {TABLE}_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$ "
        f"DELETE FROM {TABLE} WHERE partnership_id = ANY(ids); "
        f"INSERT INTO {TABLE} (partnership_id, document) SELECT p.id, {_pg_document()} "
        f"FROM register_partnership p WHERE p.id = ANY(ids); $$"
    )
    for name, table, event, transition, ids in PG_TRIGGERS:
        execute(
            f"CREATE FUNCTION {TABLE}_{name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN PERFORM {TABLE}_refresh(ARRAY({ids})); RETURN NULL; END $$"
        )
        execute(
            f"CREATE TRIGGER {TABLE}_{name} AFTER {event} ON {table} REFERENCING {transition} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_{name}()"
        )
    # Django's flush (between tests) truncates the register without firing row or statement triggers.
    execute(
        f"CREATE FUNCTION {TABLE}_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN TRUNCATE {TABLE}; RETURN NULL; END $$"
    )
    execute(
        f"CREATE TRIGGER {TABLE}_truncate AFTER TRUNCATE ON register_partnership "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_truncate()"
    )
    execute(f"SELECT {TABLE}_refresh(ARRAY(SELECT id FROM register_partnership))")


def _drop_postgresql(schema_editor):
    for name, table, *_ in (*PG_TRIGGERS, ("truncate", "register_partnership")):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{name} ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {TABLE}_{name}()")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {TABLE}_refresh(bigint[])")
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


# -- SQLite --------------------------------------------------------------------------------------


def _sqlite_write(ids):
    """The statement that writes the documents of the partnerships `ids` (SQL giving ids)."""
    partners = PARTNERS.format(names="group_concat(o.name, ' ')")
    return (
        f"INSERT INTO {TABLE} (rowid, reference, name, purpose, partners) "
        f"SELECT p.id, p.reference, p.name, p.purpose, {partners} FROM register_partnership p WHERE p.id IN ({ids})"
    )


def _sqlite_refresh_statements(ids):
    """The statements that write the documents of the partnerships `ids` afresh."""
    return [f"DELETE FROM {TABLE} WHERE rowid IN ({ids})", _sqlite_write(ids)]


def _sqlite_refresh(ids):
    """The same, as a trigger's body."""
    return "".join(f"{statement}; " for statement in _sqlite_refresh_statements(ids))


PAUSED, PENDING = f"{TABLE}_paused", f"{TABLE}_pending"
# (trigger, when and on what, the partnerships whose documents it changes)
SQLITE_REFRESHES = (
    ("insert", "AFTER INSERT ON register_partnership", "new.id"),
    ("update", "AFTER UPDATE OF reference, name, purpose ON register_partnership", "new.id"),
    ("member_insert", "AFTER INSERT ON register_partnershipmember", "new.partnership_id"),
    (
        "member_update",
        "AFTER UPDATE OF partnership_id, organisation_id ON register_partnershipmember",
        "old.partnership_id, new.partnership_id",
    ),
    ("member_delete", "AFTER DELETE ON register_partnershipmember", "old.partnership_id"),
    (
        "organisation_update",
        "AFTER UPDATE OF name ON register_organisation",
        "SELECT partnership_id FROM register_partnershipmember WHERE organisation_id = new.id",
    ),
)
SQLITE_TRIGGERS = {
    f"{TABLE}_delete": f"AFTER DELETE ON register_partnership BEGIN DELETE FROM {TABLE} WHERE rowid = old.id; END",
    # Each change refreshes its partnerships' documents at once, unless the refresh is put off to the
    # end of a bulk write (`refreshed_at_the_end`): then it only notes which partnerships to refresh.
    **{
        f"{TABLE}_{name}": f"{event} WHEN NOT EXISTS (SELECT 1 FROM {PAUSED}) BEGIN {_sqlite_refresh(ids)} END"
        for name, event, ids in SQLITE_REFRESHES
    },
    **{
        f"{TABLE}_{name}_noted": (
            f"{event} WHEN EXISTS (SELECT 1 FROM {PAUSED}) BEGIN INSERT OR IGNORE INTO {PENDING} (partnership_id) "
            f"SELECT p.id FROM register_partnership p WHERE p.id IN ({ids}); END"
        )
        for name, event, ids in SQLITE_REFRESHES
    },
}


@contextmanager
def refreshed_at_the_end(using="default"):
    """Within a transaction: put off refreshing the search documents of the partnerships written
    until the end of the block, then refresh each once (for a bulk write such as the toolkit import).

    SQLite's triggers run once per row, so an import of 5,000 partnerships and 10,000 partners would
    rewrite documents 15,000 times; within this block they only note which partnerships changed.
    PostgreSQL's triggers already run once per statement, so there this changes nothing. The note
    that refreshes are put off is a row written in the block's transaction: no other connection sees
    it, and if the block fails it is rolled back with everything else.
    """
    connection = connections[using]
    if connection.vendor != "sqlite" or not _sqlite_has_table(connection):
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("refreshed_at_the_end() needs a transaction (transaction.atomic)")
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {PAUSED} DEFAULT VALUES")
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {PAUSED}")
        for statement in _sqlite_refresh_statements(f"SELECT partnership_id FROM {PENDING}"):
            cursor.execute(statement)
        cursor.execute(f"DELETE FROM {PENDING}")


def _sqlite_rebuild(connection):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(_sqlite_write("SELECT id FROM register_partnership"))


def _sqlite_create_triggers(connection):
    with connection.cursor() as cursor:
        for name, body in SQLITE_TRIGGERS.items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def _sqlite_drop_triggers(connection):
    with connection.cursor() as cursor:
        for name in SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def _sqlite_has_table(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [TABLE])
        return cursor.fetchone() is not None


# -- migration register 0022, and around every migrate -------------------------------------------


def create(schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        _create_postgresql(schema_editor)
    elif connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5(reference, name, purpose, partners, "
            "tokenize='unicode61 remove_diacritics 0')"
        )
        schema_editor.execute(f"CREATE TABLE {PAUSED} (id INTEGER PRIMARY KEY)")
        schema_editor.execute(f"CREATE TABLE {PENDING} (partnership_id INTEGER PRIMARY KEY)")
        _sqlite_create_triggers(connection)
        _sqlite_rebuild(connection)


def drop(schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        _drop_postgresql(schema_editor)
    elif connection.vendor == "sqlite":
        _sqlite_drop_triggers(connection)
        for table in (TABLE, PAUSED, PENDING):
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


def drop_triggers(using="default", plan=None, **kwargs):
    """Before migrate (SQLite): take the triggers off, so that SQLite lets migrations rebuild tables."""
    connection = connections[using]
    if connection.vendor == "sqlite" and plan and _sqlite_has_table(connection):
        _sqlite_drop_triggers(connection)


def restore_triggers(using="default", **kwargs):
    """After migrate (SQLite): put the triggers back and write every document afresh.

    Does nothing before migration register 0022 has made the table (or after it is undone), nor
    when every trigger is still there.
    """
    connection = connections[using]
    if connection.vendor != "sqlite" or not _sqlite_has_table(connection):
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        existing = {name for (name,) in cursor.fetchall()}
    if not set(SQLITE_TRIGGERS) <= existing:
        _sqlite_create_triggers(connection)
        _sqlite_rebuild(connection)
