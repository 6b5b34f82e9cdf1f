"""The partner directory (issue 18): each partner's page, search, and merging duplicates with their history."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from agreements.models import Signatory
from assessments.models import HealthCheckResponse
from register import merging
from register.choices import PartnerRole, Sector
from register.models import Organisation, PartnershipMember
from reviews.assurance.models import PartnerInvitation
from tests.factories import (
    ActivePartnershipFactory,
    AgreementFactory,
    OrganisationFactory,
    PartnershipMemberFactory,
    ProposedPartnershipFactory,
)
from tests.trust.conftest import assurance_world

pytestmark = pytest.mark.django_db


def merge_url(keep, duplicate):
    return reverse("register:organisation_merge_confirm", args=[keep.pk, duplicate.pk])


# -- the directory ---------------------------------------------------------------------------------


def test_search_finds_partners_by_any_word_of_their_name_or_number(client_for, scrutiny):
    OrganisationFactory(name="Northmoor Citizens Advice", registration_number="1234567")
    OrganisationFactory(name="Northmoor Fire and Rescue Service")
    OrganisationFactory(name="Kent Community Trust")
    client = client_for(scrutiny)

    page = client.get(reverse("register:organisation_list"), {"q": "northmoor advice"}).content.decode()
    assert "Northmoor Citizens Advice" in page and "Fire and Rescue" not in page and "Kent" not in page
    assert "1 organisation matches your search" in page

    page = client.get(reverse("register:organisation_list"), {"q": "1234567"}).content.decode()
    assert "Northmoor Citizens Advice" in page and "Kent" not in page


def test_filter_by_sector_and_sort_by_number_of_partnerships(client_for, officer):
    busy = OrganisationFactory(name="Busy Charity", sector=Sector.VCSE)
    OrganisationFactory(name="Quiet Charity", sector=Sector.VCSE)
    OrganisationFactory(name="A Hospital Trust", sector=Sector.NHS)
    for _ in range(3):
        PartnershipMemberFactory(organisation=busy)
    client = client_for(officer)

    response = client.get(reverse("register:organisation_list"), {"sector": "vcse", "sort": "-partnerships"})
    names = [o.name for o in response.context["organisations"]]
    assert names == ["Busy Charity", "Quiet Charity"]
    assert response.context["organisations"][0].partnership_count == 3


def directory_names(client, params):
    return [o.name for o in client.get(reverse("register:organisation_list"), params).context["organisations"]]


def test_every_sort_pages_through_the_whole_sorted_directory(client_for, officer, monkeypatch):
    """Ties (same sector, same number of partnerships, no contributions) keep one order, so the pages
    of each sort, one after another, are the whole sorted list."""
    from register.views.partners import OrganisationListView

    named = [
        ("Delta Trust", Sector.VCSE),
        ("Alpha NHS", Sector.NHS),
        ("Echo Trust", Sector.VCSE),
        ("Bravo Police", Sector.POLICE_FIRE),
        ("Charlie Trust", Sector.VCSE),
        ("Foxtrot Council", Sector.NHS),
    ]
    partners = [OrganisationFactory(name=name, sector=sector) for name, sector in named]
    for partner, count, money in zip(partners, [2, 0, 2, 1, 2, 0], [500, None, 500, 100, None, None], strict=True):
        for _ in range(count):
            PartnershipMemberFactory(organisation=partner, annual_contribution=money)
    client = client_for(officer)

    assert directory_names(client, {"sort": "-partnerships"}) == [
        "Charlie Trust",
        "Delta Trust",
        "Echo Trust",
        "Bravo Police",
        "Alpha NHS",
        "Foxtrot Council",
    ]
    for key in ["name", "sector", "partnerships", "annual"]:
        for sort in [key, f"-{key}"]:
            whole = directory_names(client, {"sort": sort})
            monkeypatch.setattr(OrganisationListView, "paginate_by", 4)
            pages = directory_names(client, {"sort": sort}) + directory_names(client, {"sort": sort, "page": 2})
            monkeypatch.undo()
            assert pages == whole, sort


def test_totals_count_every_partnership_and_add_up_annual_contributions(client_for, officer):
    busy, idle = OrganisationFactory(name="Busy Trust"), OrganisationFactory(name="Idle Trust")
    for money in [Decimal("1000.50"), Decimal("250"), None]:
        PartnershipMemberFactory(organisation=busy, annual_contribution=money)
    organisations = client_for(officer).get(reverse("register:organisation_list")).context["organisations"]
    totals = {o.name: (o.partnership_count, o.annual_total) for o in organisations}
    assert totals == {busy.name: (3, Decimal("1250.50")), idle.name: (0, None)}


def test_an_unknown_sector_finds_nothing_rather_than_failing(client_for, officer):
    OrganisationFactory(name="Anyone")
    response = client_for(officer).get(reverse("register:organisation_list"), {"sector": "pirates"})
    assert response.status_code == 200
    assert "No organisations found" in response.content.decode()


def test_partner_page_lists_its_partnerships_roles_contributions_contacts_and_history(client_for, scrutiny, officer):
    partner = OrganisationFactory(name="Northmoor Healthwatch", sector=Sector.OTHER_PUBLIC)
    live = ActivePartnershipFactory(name="Carers Hub")
    proposed = ProposedPartnershipFactory(name="Warm Spaces")
    PartnershipMemberFactory(
        partnership=live,
        organisation=partner,
        role=PartnerRole.FUNDER,
        annual_contribution=Decimal("12000"),
        contact_name="Priya Patel",
        contact_email="priya@healthwatch.example",
        signatory_name="Dr Ann Lee",
    )
    PartnershipMemberFactory(
        partnership=proposed, organisation=partner, annual_contribution=Decimal("500.50"), responsibilities="Surveys"
    )
    partner._history_user = officer
    partner.sector = Sector.VCSE
    partner.save()

    page = client_for(scrutiny).get(partner.get_absolute_url()).content.decode()

    for text in ("Carers Hub", "Warm Spaces", "Funder", "Surveys", "Priya Patel", "priya@healthwatch.example"):
        assert text in page
    assert "Dr Ann Lee" in page
    assert "£12,500.50" in page  # the total of both partnerships' annual contributions
    assert "Active" in page and "Proposed" in page
    # its history: old → new, who changed it
    assert "Other public body" in page and "Voluntary, community or charity (VCSE)" in page
    assert "Olivia Officer" in page


def test_partnership_page_links_each_partner_to_its_directory_page(client_for, officer, partnership):
    member = PartnershipMemberFactory(partnership=partnership)
    page = client_for(officer).get(partnership.get_absolute_url()).content.decode()
    assert f'href="{member.organisation.get_absolute_url()}"' in page


def test_navigation_has_partners(client_for, officer):
    page = client_for(officer).get(reverse("register:organisation_list")).content.decode()
    assert f'href="{reverse("register:organisation_list")}" aria-current="page">Partners</a>' in page


# -- merging ---------------------------------------------------------------------------------------


@pytest.fixture
def duplicates(admin_user):
    """Two spellings of one partner, both in the same partnership and each in another of its own."""
    keep = OrganisationFactory(name="Kent Community Health NHS Trust", sector=Sector.NHS)
    duplicate = OrganisationFactory(name="Kent Community Health Trust", registration_number="RYY")
    shared = ActivePartnershipFactory(name="Shared Care")
    PartnershipMemberFactory(
        partnership=shared,
        organisation=keep,
        role=PartnerRole.MEMBER,
        annual_contribution=Decimal("1000"),
        contact_name="",
        responsibilities="",
    )
    PartnershipMemberFactory(
        partnership=shared,
        organisation=duplicate,
        role=PartnerRole.FUNDER,
        annual_contribution=Decimal("250"),
        one_off_contribution=Decimal("40"),
        contact_name="Dee Duplicate",
        responsibilities="Community nursing",
    )
    own = PartnershipMemberFactory(organisation=duplicate, partnership=ActivePartnershipFactory(name="Falls Service"))
    return keep, duplicate, shared, own


def every_reference_to(organisation):
    """{(model label, field name): count} of rows pointing at the organisation, over every reference."""
    return {
        (model._meta.label, f.name): model._base_manager.filter(**{f.name: organisation}).count()
        for model, f in merging.references()
    }


def test_every_foreign_key_to_an_organisation_is_known_from_the_models():
    found = {(model._meta.label, f.name) for model, f in merging.references()}
    assert {
        ("register.PartnershipMember", "organisation"),
        ("agreements.Signatory", "organisation"),
        ("assessments.HealthCheckResponse", "organisation"),
        ("reviews.PartnerInvitation", "organisation"),
        ("register.Organisation", "merged_into"),
    } <= found
    assert not any(label.split(".")[1].startswith("Historical") for label, _ in found)


def test_merge_moves_every_record_that_points_at_the_duplicate(duplicates, admin_user, officer):
    keep, duplicate, _shared, own = duplicates
    # one row of every kind that can point at an organisation
    AgreementFactory(partnership=own.partnership).signatories.create(organisation=duplicate, name="Sam Signer")
    HealthCheckResponse.objects.create(
        partnership=own.partnership, respondent_name="R", organisation=duplicate, completed_on=datetime.date.today()
    )
    PartnerInvitation.issue(assurance_world(own.partnership, admin_user), duplicate, "Ivy", "ivy@example.org")
    older = OrganisationFactory(name="Kent Comm Health")
    older.merged_into = duplicate
    older.save()
    before = every_reference_to(duplicate)
    missing = [reference for reference, count in before.items() if not count]
    assert not missing, f"add a row for each of these to this test, so the merge is shown to move them: {missing}"

    merging.merge(keep, duplicate, by=admin_user)

    assert not any(every_reference_to(duplicate).values())
    assert Signatory.objects.get(name="Sam Signer").organisation == keep
    older.refresh_from_db()
    assert older.merged_into == keep  # duplicates merged into the duplicate now lead to the kept one


def test_both_in_one_partnership_become_one_place_with_contributions_added(duplicates, admin_user):
    keep, duplicate, shared, own = duplicates

    done = merging.merge(keep, duplicate, by=admin_user)

    assert [pair.partnership for pair in done.combined] == [shared]
    place = PartnershipMember.objects.get(partnership=shared)
    assert place.organisation == keep
    assert place.annual_contribution == Decimal("1250")
    assert place.one_off_contribution == Decimal("40")
    assert place.role == PartnerRole.FUNDER  # the more responsible of member and funder
    assert place.contact_name == "Dee Duplicate"
    assert place.responsibilities == "Community nursing"
    assert PartnershipMember.objects.get(pk=own.pk).organisation == keep


def test_merge_keeps_the_duplicate_marked_with_its_history(duplicates, admin_user, client_for):
    keep, duplicate, _shared, own = duplicates

    merging.merge(keep, duplicate, by=admin_user)

    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep
    assert list(Organisation.objects.current().filter(pk=duplicate.pk)) == []
    latest = duplicate.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        admin_user,
        "Merged Kent Community Health Trust into Kent Community Health NHS Trust",
    )
    assert keep.history.first().history_change_reason == "Merged in Kent Community Health Trust"
    # an import that still spells it the old way finds the kept organisation
    assert Organisation.objects.get_or_create_by_name(" kent community health trust ") == (keep, False)

    client = client_for(admin_user)
    page = client.get(duplicate.get_absolute_url()).content.decode()
    assert "has been merged into" in page and keep.get_absolute_url() in page
    assert "Added organisation Kent Community Health Trust" in page  # its history stays on its page
    page = client.get(keep.get_absolute_url()).content.decode()
    assert "Merged in Kent Community Health Trust" in page
    assert "Added organisation Kent Community Health Trust" in page  # and on the kept one's
    # each partnership's timeline says the partner changed, by name
    history = client.get(reverse("register:partnership_history", args=[own.partnership.reference]))
    assert "Kent Community Health Trust" in history.content.decode()
    assert "Kent Community Health NHS Trust" in history.content.decode()
    directory = client.get(reverse("register:organisation_list")).content.decode()
    assert "Kent Community Health NHS Trust" in directory and "Kent Community Health Trust<" not in directory


def test_choose_the_duplicate_then_check_then_merge(duplicates, admin_user, client_for):
    keep, duplicate, _shared, _own = duplicates
    client = client_for(admin_user)

    choose = client.get(reverse("register:organisation_merge", args=[keep.pk]), {"q": "kent health"})
    assert [o.name for o in choose.context["found"]] == ["Kent Community Health Trust"]  # never itself
    missing = client.get(reverse("register:organisation_merge", args=[keep.pk]), {"q": "kent", "choose": "1"})
    assert "Select the duplicate organisation to merge into this one" in missing.content.decode()
    chosen = client.get(reverse("register:organisation_merge", args=[keep.pk]), {"duplicate": duplicate.pk})
    assert chosen.url == merge_url(keep, duplicate)

    check = client.get(merge_url(keep, duplicate)).content.decode()
    assert "Shared Care" in check and "Falls Service" in check
    assert "is already a partner here" in check  # says the shared partnership's places are combined
    assert duplicate.memberships.count() == 2  # nothing has moved yet

    fingerprint = client.get(merge_url(keep, duplicate)).context["plan"].fingerprint
    response = client.post(merge_url(keep, duplicate), {"fingerprint": fingerprint}, follow=True)
    assert response.redirect_chain[-1][0] == keep.get_absolute_url()
    assert "has been merged into Kent Community Health NHS Trust: 2 partnerships" in response.content.decode()
    assert keep.memberships.count() == 2


def test_a_second_click_does_not_fail_or_merge_twice(duplicates, admin_user, client_for):
    keep, duplicate, _shared, _own = duplicates
    client = client_for(admin_user)
    fingerprint = client.get(merge_url(keep, duplicate)).context["plan"].fingerprint

    first = client.post(merge_url(keep, duplicate), {"fingerprint": fingerprint})
    second = client.post(merge_url(keep, duplicate), {"fingerprint": fingerprint}, follow=True)

    assert first.status_code == second.redirect_chain[0][1] == 302
    assert "has been merged into" in second.content.decode()
    assert duplicate.history.filter(history_change_reason__startswith="Merged").count() == 1


def test_a_change_since_the_check_page_is_refused_and_nothing_moves(duplicates, admin_user, client_for):
    keep, duplicate, _shared, _own = duplicates
    client = client_for(admin_user)
    fingerprint = client.get(merge_url(keep, duplicate)).context["plan"].fingerprint
    PartnershipMemberFactory(organisation=duplicate)  # someone adds it to another partnership meanwhile

    response = client.post(merge_url(keep, duplicate), {"fingerprint": fingerprint})

    assert response.status_code == 409
    assert duplicate.memberships.count() == 3
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


def test_an_empty_post_asks_again_and_merges_nothing(duplicates, admin_user, client_for):
    keep, duplicate, _shared, _own = duplicates
    response = client_for(admin_user).post(merge_url(keep, duplicate))
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert duplicate.memberships.count() == 2


def test_an_organisation_cannot_be_merged_into_itself_or_a_merged_one(duplicates, admin_user, client_for):
    keep, duplicate, _shared, _own = duplicates
    client = client_for(admin_user)
    assert client.get(merge_url(keep, keep)).status_code == 404
    merging.merge(keep, duplicate, by=admin_user)
    third = OrganisationFactory()
    assert client.get(merge_url(duplicate, third)).status_code == 404
    assert client.post(merge_url(duplicate, third), {"fingerprint": "x"}).status_code == 404


def test_officers_see_no_merge_button(duplicates, officer, admin_user, client_for):
    keep = duplicates[0]
    assert "Merge a duplicate" not in client_for(officer).get(keep.get_absolute_url()).content.decode()
    assert "Merge a duplicate" in client_for(admin_user).get(keep.get_absolute_url()).content.decode()


def test_a_toolkit_import_naming_the_duplicate_finds_the_kept_organisation(duplicates, admin_user):
    from partnerships.toolkit.sheets.register import Organisations

    keep, duplicate, *_ = duplicates
    merging.merge(keep, duplicate, by=admin_user)
    assert Organisations().named("KENT COMMUNITY HEALTH TRUST") == keep
    assert Organisation.objects.count() == 2  # and made no new one
