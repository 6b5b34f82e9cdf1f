"""The register search, answered from full-text indexes (register/text_search.py), on SQLite and PostgreSQL.

Run on both: `pytest tests/register/test_text_search.py` and again with DATABASE_URL=postgres://...
"""

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from register import text_search
from register.filtersets import PartnershipFilterSet
from register.models import Organisation, Partnership, PartnershipMember
from tests.factories import OrganisationFactory, PartnershipFactory, PartnershipMemberFactory

pytestmark = pytest.mark.django_db

LIST = reverse("register:partnership_list")


def search(value):
    return set(PartnershipFilterSet({"q": value}).qs.values_list("name", flat=True))


def search_before(value):
    """The search as it was before the full-text indexes: each word anywhere in a field (`icontains`)."""
    queryset = Partnership.objects.all()
    for term in value.split():
        organisations = Organisation.objects.filter(name__icontains=term).values("pk")
        partners = PartnershipMember.objects.filter(partnership=OuterRef("pk"), organisation__in=organisations)
        own = Q(reference__icontains=term) | Q(name__icontains=term) | Q(purpose__icontains=term)
        queryset = queryset.filter(own | Exists(partners))
    return set(queryset.values_list("name", flat=True))


def partnership(name, purpose="", partners=(), **fields):
    created = PartnershipFactory(name=name, purpose=purpose, **fields)
    for partner in partners:
        PartnershipMemberFactory(partnership=created, organisation=OrganisationFactory(name=partner))
    return created


@pytest.fixture
def register():
    partnership(
        "Northmoor Flood Resilience Partnership",
        "Partners in Northmoor working together on flood resilience for residents.",
        ["Environment Agency", "Northmoor County Council"],
        reference="NCC-0042",
    )
    partnership(
        "Safer Streets",
        "Reducing anti-social behaviour in the town centre.",
        ["Northmoor Constabulary", "Constabulary Trust"],
        reference="NCC-0420",
    )
    partnership("Safer Roads Partnership", "Road safety campaigns; speed awareness.", ["Northmoor Fire & Rescue"])
    partnership(
        "Moorside Night-Time Economy Forum",
        "Licensing, taxi marshals and St. Mary's street pastors.",
        ["St. Mary's Church", "Moorside Business Improvement District"],
    )
    partnership("Libraries Consortium", "Shared catalogue (www.northmoor.gov.uk/libraries) for 2024/25.")
    partnership("Healthy Ageing Alliance", "Falls prevention with the NHS.", ["NHS Northmoor ICB"])


@pytest.mark.parametrize(
    "value",
    [
        "flood",  # a whole word of the name
        "Flood Resilience",  # two words, any case
        "FLOOD resilience",
        "resil",  # the start of a word
        "northmoor",  # the council's name: in names, purposes and partners
        "northmoor partnership",  # the bench's broad search
        "constabulary",  # only in a partner's name
        "SAFER constabulary",  # one word in the name, the other in a partner's
        "safer partnership",
        "NCC-0042",  # a reference
        "ncc-0420",
        "0042",  # the number of a reference
        "anti-social",  # a hyphenated word
        "Night-Time",
        "st. mary's",
        "fire & rescue",
        "taxi marshals",  # words of the purpose
        "falls NHS",
        "www.northmoor.gov.uk",
        "2024/25",
        "alliance ageing",  # words in any order
        "nothing-like-this",
        "health care",  # one word matches, the other does not
    ],
)
def test_finds_what_the_search_found_before(register, value):
    assert search(value) == search_before(value)


@pytest.mark.parametrize(
    "query",
    [
        {"q": "northmoor"},
        {"q": "northmoor partnership", "status": "active"},
        {"q": "northmoor", "significance": "high", "sort": "-name"},
        {"q": "safer", "sort": "name"},
    ],
)
def test_a_broad_search_lists_what_a_narrow_one_would(register, monkeypatch, client_for, scrutiny, query):
    """On SQLite a search matching `text_search.BROAD` documents or more is answered from the other
    end (the register read first, each row checked against the matches): the same rows, in order."""
    Partnership.objects.filter(name__startswith="Safer").update(significance="high")
    Partnership.objects.filter(name__endswith="Partnership").update(status="active")
    client = client_for(scrutiny)

    def listed():
        response = client.get(LIST, query)
        return [row.reference for row in response.context["partnerships"]], response.context["result_count"]

    monkeypatch.setattr(text_search, "BROAD", 10**9)  # every search narrow
    narrow = listed()
    monkeypatch.setattr(text_search, "BROAD", 1)  # every search broad
    assert listed() == narrow
    assert narrow[1] >= 2


def test_words_match_from_their_start_not_inside(register):
    """The one change: a word is matched from its start, so "moor" no longer finds "Northmoor"."""
    assert search("moor") == {"Moorside Night-Time Economy Forum"}
    assert search("moor") < search_before("moor")
    assert search("side") == set()


def test_a_reference_finds_that_partnership_only(register):
    assert search("NCC-0042") == {"Northmoor Flood Resilience Partnership"}
    assert search("ncc 0420") == {"Safer Streets"}


def test_punctuation_and_search_syntax_are_words_or_nothing(register):
    for value in ('"flood', "flood*", "flood AND", "NEAR(flood)", "flood:*", "flood & !x", "flood | safer", "'flood'"):
        assert search(value) <= search("flood"), value
    assert search("-") == search("") == set(Partnership.objects.values_list("name", flat=True))


def test_accents_count_as_in_the_text(db):
    partnership("Ynys Môn Coastal Partnership")
    assert search("môn") == {"Ynys Môn Coastal Partnership"}
    assert search("MÔN coastal") == {"Ynys Môn Coastal Partnership"}
    assert search("mon") == set()


class TestTheIndexIsKeptInStep:
    def test_a_saved_partnership_is_found_by_its_new_words(self, db):
        created = partnership("Waste Reduction Compact")
        created.name = "Clean Air Compact"
        created.save()
        assert search("clean air") == {"Clean Air Compact"}
        assert search("waste") == set()
        created.delete()
        assert search("clean") == set()

    def test_bulk_create_and_bulk_update_as_the_import_writes(self, db):
        first, second = PartnershipFactory.build_batch(2, directorate=None)
        first.name, second.name = "Digital Inclusion Network", "Town Centre Board"
        Partnership.objects.bulk_create([first, second])
        assert search("digital") == {"Digital Inclusion Network"}
        created = Partnership.objects.get(name="Town Centre Board")
        created.name, created.purpose = "Town Centre Partnership", "Markets and high street events."
        Partnership.objects.bulk_update([created], ["name", "purpose"])
        assert search("markets") == {"Town Centre Partnership"}
        assert search("board") == set()

    def test_partners_added_renamed_and_removed(self, db):
        created = partnership("Community Safety Partnership")
        probation = OrganisationFactory(name="Probation Service")
        member = PartnershipMemberFactory(partnership=created, organisation=probation)
        assert search("probation") == {"Community Safety Partnership"}
        Organisation.objects.filter(pk=member.organisation_id).update(name="Probation Service North")
        assert search("probation north") == {"Community Safety Partnership"}
        member.delete()
        assert search("probation") == set()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite rebuilds a table to alter it")
def test_triggers_taken_off_for_migrate_are_restored_after_it(db):
    partnership("Early Years Alliance")
    text_search.drop_triggers(using="default", plan=["a migration"])  # as before migrate
    Partnership.objects.filter(name="Early Years Alliance").update(name="Family Support Alliance")

    text_search.restore_triggers(using="default")  # after migrate

    assert search("family support") == {"Family Support Alliance"}
    assert search("early") == set()
    partnership("Care Leavers Forum")
    assert search("leavers") == {"Care Leavers Forum"}


def test_the_search_is_answered_from_the_index(register):
    matching = Partnership.objects.filter(text_search.partnerships_matching("flood northmoor")).values("pk")
    sql, params = matching.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # so a table of a few rows uses it as a large one would
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = "\n".join(str(row) for row in cursor.fetchall())
    assert "partnership_search" in plan


class TestRegisterList:
    def test_pages_of_a_search_are_the_whole_result_in_order(self, client_for, scrutiny):
        for number in range(30):
            partnership(f"Flood Group {number:02d}", reference=f"FLD-{number:02d}")
            partnership(f"Other Group {number:02d}", reference=f"OTH-{number:02d}")
        client = client_for(scrutiny)
        shown = []
        for page in (1, 2):
            response = client.get(LIST, {"q": "flood group", "page": page})
            shown += [row.reference for row in response.context["partnerships"]]
        assert shown == [f"FLD-{number:02d}" for number in range(30)]
        assert "30 partnerships match your filters" in response.content.decode()

    def test_pages_sorted_by_a_shared_column_hold_each_partnership_once(self, client_for, scrutiny, officer):
        for number in range(30):
            partnership(f"Group {number:02d}", reference=f"GRP-{(number * 7) % 30:02d}", lead_officer=officer)
        client = client_for(scrutiny)
        shown = []
        for page in (1, 2):
            response = client.get(LIST, {"sort": "lead_officer", "page": page})
            shown += [row.reference for row in response.context["partnerships"]]
        assert shown == [f"GRP-{number:02d}" for number in range(30)]  # ties in reference order

    def test_query_count_does_not_grow_with_matches(self, client_for, scrutiny, django_assert_max_num_queries):
        client = client_for(scrutiny)
        query = {"q": "northmoor partnership", "status": "proposed"}
        for number in range(3):
            partnership(f"Northmoor Partnership {number}", partners=[f"Northmoor Partner {number}"])
        counts_matches_first = connection.vendor == "sqlite"  # text_search.BROAD
        with django_assert_max_num_queries(12 + counts_matches_first) as few:
            client.get(LIST, query)
        for number in range(3, 30):
            partnership(f"Northmoor Partnership {number}", partners=[f"Northmoor Partner {number}"])
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(LIST, query)


def test_a_bulk_write_refreshes_each_document_once_at_its_end(db):
    """The toolkit import writes thousands of partnerships and partners in one transaction; the search
    documents are written at its end, and find the partners named in it."""
    from django.db import transaction

    with transaction.atomic(), text_search.refreshed_at_the_end():
        created = partnership("Coastal Erosion Board", partners=["Harbour Trust"])
        PartnershipMemberFactory(partnership=created, organisation=OrganisationFactory(name="Lighthouse Guild"))
        if connection.vendor == "sqlite":
            assert search("harbour") == set()  # put off until the end of the write
    assert search("harbour lighthouse") == {"Coastal Erosion Board"}
    partnership("Saltmarsh Wardens", partners=["Harbour Trust"])  # after the block, at once again
    assert search("harbour") == {"Coastal Erosion Board", "Saltmarsh Wardens"}


def test_a_failed_bulk_write_leaves_the_refreshes_running(db):
    from django.db import transaction

    with pytest.raises(ZeroDivisionError), transaction.atomic(), text_search.refreshed_at_the_end():
        partnership("Rolled Back Board")
        1 / 0  # noqa: B018
    assert search("rolled") == set()
    partnership("Kept Board")
    assert search("kept") == {"Kept Board"}
