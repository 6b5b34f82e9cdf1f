"""The governance model in the toolkit: partners' contributions, significance answers and override,
corporate priorities, scope screening and due diligence go out in the export and come back in the import."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from partnerships.toolkit import importer
from partnerships.toolkit.exporter import export_workbook
from partnerships.toolkit.workbook import Upload
from register.choices import PartnerRole, Significance
from register.models import (
    CheckStatus,
    CorporatePriority,
    DueDiligenceCheck,
    DueDiligenceItem,
    Organisation,
    Partnership,
    PartnershipMember,
    ScopeAnswer,
    ScopeQuestion,
)
from tests.factories import (
    OrganisationFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
    UserFactory,
    answer_scope_screening,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def governed(admin_user):
    """A partnership with everything the governance model records."""
    housing = CorporatePriority.objects.create(name="Good homes for everyone")
    climate = CorporatePriority.objects.create(name="Net zero by 2035")
    CorporatePriority.objects.create(name="Thriving town centres")
    partnership = PartnershipFactory(
        reference="GOV-0001",
        serious_if_failed=True,
        significance=Significance.HIGH,
        significance_scored=Significance.MEDIUM,
        significance_override_reason="The Secretary of State watches it closely.",
    )
    partnership.priorities.set([housing, climate])
    PartnershipMemberFactory(
        partnership=partnership,
        organisation=OrganisationFactory(name="Northmoor Housing Trust"),
        role=PartnerRole.LEAD,
        annual_contribution=Decimal("25000.00"),
        one_off_contribution=Decimal("0.00"),
        in_kind_description="Two caseworkers",
        in_kind_value=Decimal("60000.50"),
        responsibilities="Runs the hub; reports quarterly.",
        signatory_name="Sam Patel",
        signatory_title="Chief Executive",
    )
    PartnershipMemberFactory(partnership=partnership, organisation=OrganisationFactory(name="Northmoor CVS"))
    answer_scope_screening(partnership)
    checker = UserFactory(username="dee.diligence", email="dee@northmoor.gov.uk", first_name="Dee", last_name="Dill")
    items = list(DueDiligenceItem.objects.filter(active=True)[:3])
    DueDiligenceCheck.objects.create(
        partnership=partnership,
        item=items[0],
        status=CheckStatus.DONE,
        checked_on=datetime.date(2026, 5, 1),
        checked_by=checker,
        note="Procurement signed it off.",
    )
    DueDiligenceCheck.objects.create(partnership=partnership, item=items[1], status=CheckStatus.NOT_NEEDED)
    DueDiligenceCheck.objects.create(partnership=partnership, item=items[2], status=CheckStatus.OUTSTANDING)
    return partnership


def export():
    return export_workbook(Partnership.objects.all(), today=datetime.date(2026, 6, 1))


def plan_of(content, name="export.xlsx"):
    return importer.plan_import(Upload(name, content))


def records(sheet, header_row):
    """The sheet's data rows as {header: value}."""
    rows = list(sheet.iter_rows(min_row=header_row, values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:] if row[0]]


def edited(content, change):
    book = openpyxl.load_workbook(io.BytesIO(content))
    change(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def cell(sheet, header_row, reference, header, match=None):
    """The cell under `header` in the first row for `reference` (and whose values include `match`)."""
    headers = [c.value for c in sheet[header_row]]
    for row in sheet.iter_rows(min_row=header_row + 1):
        values = [c.value for c in row]
        if values[0] == reference and (match is None or match in values):
            return row[headers.index(header)]
    raise LookupError(header)


def test_the_export_shows_what_the_governance_model_records(governed):
    book = openpyxl.load_workbook(io.BytesIO(export()))
    [register] = records(book["Register"], 4)
    assert register["Corporate priorities"] == "Good homes for everyone; Net zero by 2035"
    assert register["Serious harm if it failed?"] == "Yes"
    assert register["Significance"] == "High"
    assert register["Scored significance"] == "Medium"
    assert register["Significance override reason"] == "The Secretary of State watches it closely."

    partners = records(book["Partners"], 2)
    assert [row["Partner organisation"] for row in partners] == ["Northmoor Housing Trust", "Northmoor CVS"]
    lead = partners[0]
    assert lead["Role"] == "Lead partner"
    assert lead["Annual contribution (£)"] == 25000
    assert lead["One-off contribution (£)"] == 0  # nothing, said so: not left blank
    assert lead["In-kind contribution"] == "Two caseworkers"
    assert lead["In-kind contribution value (£)"] == 60000.5
    assert lead["Signatory"] == "Sam Patel" and lead["Signatory's job title"] == "Chief Executive"
    assert book["Partners"]["D3"].number_format == "#,##0.00"

    screening = records(book["Scope screening"], 2)
    questions = ScopeQuestion.objects.filter(active=True)
    assert [(row["Question"], row["Answer"]) for row in screening] == [
        (question.text, "Yes" if question.partnership_answer else "No") for question in questions
    ]

    checks = records(book["Due diligence"], 2)
    assert [row["Status"] for row in checks] == ["Done", "Not needed", "Outstanding"]
    assert checks[0]["Checked by"] == "dee@northmoor.gov.uk"
    assert checks[0]["Date"] == datetime.datetime(2026, 5, 1)
    assert checks[0]["Note"] == "Procurement signed it off."


def test_an_export_imports_back_unchanged_new_sheets_included(governed):
    plan = plan_of(export())
    assert plan.errors == []
    assert {sheet.name: sheet.counts["unchanged"] for sheet in plan.sheets if sheet.rows} == {
        "Register": 1,
        "Partners": 2,
        "Scope screening": ScopeQuestion.objects.filter(active=True).count(),
        "Due diligence": 3,
    }
    assert plan.totals["created"] == plan.totals["updated"] == 0
    assert all(sheet.unknown_columns == [] for sheet in plan.sheets)


def snapshot():
    """What a register administrator sees of the governance records, without database keys."""
    partnership = Partnership.objects.get(reference="GOV-0001")
    members = [
        (m.organisation.name, *(getattr(m, f) for f in ("role", *PartnershipMember.CONTRIBUTION_FIELDS)))
        for m in partnership.memberships.select_related("organisation").order_by("organisation__name")
    ]
    return {
        "priorities": sorted(p.name for p in partnership.priorities.all()),
        "serious_if_failed": partnership.serious_if_failed,
        "significance": partnership.significance,
        "override_reason": partnership.significance_override_reason,
        "members": members,
        "screening": sorted(partnership.scope_answers.values_list("question__text", "answer")),
        "due_diligence": sorted(
            partnership.due_diligence.values_list("item__name", "status", "checked_on", "checked_by__email", "note")
        ),
    }


def test_an_export_rebuilds_the_records_in_an_empty_register(governed, admin_user):
    """Export, lose the partnership, import the workbook: every governance record is back as it was."""
    before, content = snapshot(), export()
    Partnership.objects.all().delete()
    Organisation.objects.all().delete()

    plan = plan_of(content)
    assert plan.errors == []
    assert {sheet.name: sheet.counts["created"] for sheet in plan.sheets}["Partners"] == 2
    importer.apply_plan(plan, user=admin_user)

    assert snapshot() == before
    answer = ScopeAnswer.objects.filter(partnership__reference="GOV-0001").first()
    assert answer.answered_by == admin_user
    assert plan_of(export()).totals == {"created": 0, "updated": 0, "unchanged": plan.totals["created"], "errors": 0}


def test_changes_in_the_new_columns_are_shown_then_saved(governed, admin_user):
    def change(book):
        cell(book["Partners"], 2, "GOV-0001", "Annual contribution (£)", "Northmoor CVS").value = 5000
        cell(book["Partners"], 2, "GOV-0001", "Role", "Northmoor CVS").value = "Funder"
        cell(book["Due diligence"], 2, "GOV-0001", "Status", "Outstanding").value = "done"
        cell(book["Register"], 4, "GOV-0001", "Corporate priorities").value = "thriving town centres"
        cell(book["Register"], 4, "GOV-0001", "Serious harm if it failed?").value = "No"
        sheet = book["Partners"]
        sheet.append(["GOV-0001", "Northmoor Library Trust", "Delivery partner", None, 1500])

    plan = plan_of(edited(export(), change))
    assert plan.errors == []
    changes = {
        (sheet.name, row.key): sorted(change.label for change in row.changes)
        for sheet in plan.sheets
        for row in sheet.rows
        if row.changes
    }
    item = DueDiligenceItem.objects.filter(active=True)[2]
    assert changes == {
        ("Register", "GOV-0001"): ["Corporate priorities", "Serious harm if it failed?"],
        ("Partners", "GOV-0001 Northmoor CVS"): ["Annual contribution (£)", "Role"],
        ("Due diligence", "GOV-0001 due diligence check"): ["Status"],
    }
    assert plan.sheet("partners").counts["created"] == 1

    importer.apply_plan(plan, user=admin_user)
    partnership = Partnership.objects.get(reference="GOV-0001")
    assert [p.name for p in partnership.priorities.all()] == ["Thriving town centres"]
    assert partnership.serious_if_failed is False
    cvs = partnership.memberships.get(organisation__name="Northmoor CVS")
    assert (cvs.role, cvs.annual_contribution) == (PartnerRole.FUNDER, Decimal("5000"))
    library = partnership.memberships.get(organisation__name="Northmoor Library Trust")
    assert (library.role, library.one_off_contribution) == (PartnerRole.DELIVERY, Decimal("1500"))
    assert partnership.due_diligence.get(item=item).status == CheckStatus.DONE
    assert cvs.history.first().history_change_reason == "Imported from the Excel toolkit (export.xlsx)"


BAD_VALUES = [
    ("Register", 4, "Corporate priorities", None, "Levelling up", "Not a corporate priority in the register"),
    ("Partners", 2, "Role", "Northmoor CVS", "Sleeping partner", "“Sleeping partner” is not a partner role we know"),
    ("Partners", 2, "Annual contribution (£)", "Northmoor CVS", "lots", "“lots”"),
    ("Scope screening", 2, "Question", None, "Is it fun?", "“Is it fun?” is not one of the register's scope screening"),
    ("Scope screening", 2, "Answer", None, "Perhaps", "“Perhaps” is not Yes or No"),
    ("Due diligence", 2, "Check", "Outstanding", "Astrology", "“Astrology” is not one of the register's due diligence"),
    ("Due diligence", 2, "Status", "Outstanding", "Half done", "“Half done” is not a due diligence status we know"),
    ("Due diligence", 2, "Checked by", "Outstanding", "nobody@example.com", "No one with the email or name"),
]


@pytest.mark.parametrize(("title", "header_row", "header", "match", "value", "message"), BAD_VALUES)
def test_a_bad_value_in_a_new_column_is_a_row_error_and_nothing_is_written(
    governed, admin_user, title, header_row, header, match, value, message
):
    def change(book):
        cell(book[title], header_row, "GOV-0001", header, match).value = value
        cell(book["Register"], 4, "GOV-0001", "Partnership name").value = "Renamed in the same workbook"

    before = snapshot()
    plan = plan_of(edited(export(), change))

    [error] = [error for error in plan.errors if error.sheet == title]
    assert error.column == header
    assert message in error.message
    # A Register row in error takes the partnership's rows on the other sheets with it.
    assert all("has errors on the Register sheet" in other.message for other in plan.errors if other is not error)
    with pytest.raises(importer.ImportRefused):
        importer.apply_plan(plan, user=admin_user)
    assert snapshot() == before
    assert Partnership.objects.get(reference="GOV-0001").name != "Renamed in the same workbook"
    rejected = openpyxl.load_workbook(io.BytesIO(importer.rejects_workbook(plan)))
    assert title in rejected.sheetnames
    assert any(message in str(row[-1]) for row in rejected[title].iter_rows(values_only=True))


def test_valid_rows_only_leaves_the_bad_row_out_and_writes_the_rest(governed, admin_user):
    def change(book):
        cell(book["Due diligence"], 2, "GOV-0001", "Status", "Outstanding").value = "Half done"
        cell(book["Due diligence"], 2, "GOV-0001", "Status", "Not needed").value = "Done"

    plan = plan_of(edited(export(), change))
    importer.apply_plan(plan, user=admin_user, valid_only=True)
    statuses = sorted(DueDiligenceCheck.objects.values_list("status", flat=True))
    assert statuses == [CheckStatus.DONE, CheckStatus.DONE, CheckStatus.OUTSTANDING]


def test_the_new_sheets_and_columns_are_optional(governed):
    """A workbook with only the Register's old columns changes nothing of the governance records."""

    def change(book):
        for title in ("Partners", "Scope screening", "Due diligence"):
            del book[title]
        register = book["Register"]
        headers = [c.value for c in register[4]]
        for header in ("Significance override reason", "Scored significance", "Serious harm if it failed?"):
            register.delete_cols(headers.index(header) + 1)
            headers = [c.value for c in register[4]]
        register.delete_cols(headers.index("Corporate priorities") + 1)

    before = snapshot()
    plan = plan_of(edited(export(), change))
    assert plan.errors == []
    assert plan.totals == {"created": 0, "updated": 0, "unchanged": 1, "errors": 0}
    importer.apply_plan(plan)
    assert snapshot() == before
