"""Import and export in the Django admin, through django-import-export resources."""

import pytest

from register.models import Partnership, RiskEntry
from register.resources import PartnershipResource, RiskEntryResource

pytestmark = pytest.mark.django_db


def test_admin_changelists_offer_import_and_export(client_for, admin_user, imported_sample):
    client = client_for(admin_user)
    for model in ("partnership", "organisation", "riskentry"):
        page = client.get(f"/admin/register/{model}/").content.decode()
        assert f"/admin/register/{model}/import/" in page
        assert f"/admin/register/{model}/export/" in page
    assert client.get("/admin/register/partnership/import/").status_code == 200


def test_admin_export_imports_back_with_nothing_to_change(imported_sample):
    for resource, model in ((PartnershipResource(), Partnership), (RiskEntryResource(), RiskEntry)):
        dataset = resource.export()
        assert len(dataset) == model.objects.count()
        result = resource.import_data(dataset, dry_run=True)
        assert not result.has_errors()
        assert not result.has_validation_errors()
        assert {row.import_type for row in result.rows} == {"skip"}


def test_admin_import_matches_on_natural_keys(imported_sample):
    dataset = PartnershipResource().export(Partnership.objects.filter(reference="NCC-0001"))
    dataset[0] = tuple(
        "Renamed" if header == "name" else value for header, value in zip(dataset.headers, dataset[0], strict=True)
    )
    result = PartnershipResource().import_data(dataset, dry_run=False)
    assert not result.has_errors()
    assert Partnership.objects.count() == 40
    assert Partnership.objects.get(reference="NCC-0001").name == "Renamed"
