"""Hostile input: whatever people (or attackers) type or upload, the register never answers with a
server error, never half-writes an import, and never lets text become markup or a formula.

Property-based (hypothesis). Profiles in tests/trust/conftest.py: HYPOTHESIS_PROFILE=thorough runs
1000 examples per property instead of 60.
"""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import transaction
from hypothesis import example, given, settings
from hypothesis import strategies as st

from partnerships.toolkit import headers, importer, parsers
from partnerships.toolkit.workbook import Upload, WorkbookError
from register.choices import Status
from register.models import Partnership, RiskEntry

from ..toolkit.conftest import SAMPLE
from .browser_forms import form_data

pytestmark = pytest.mark.slow

# What openpyxl can hand a parser: text of every kind, numbers (with NaN and infinities), dates.
cells = st.one_of(
    st.none(),
    st.text(),
    st.text(alphabet="0123456789/-. £,:TBCnayesNOY"),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)
SCRIPT = "<script>alert('x')</script>"
PROBE = '"><x-probe onerror=alert(1)>'


def only_parse_errors(parse, value):
    try:
        return parse(value)
    except parsers.ParseError:
        return None


# -- parsers -----------------------------------------------------------------------------------------
@given(cells)
def test_dates_parse_to_a_real_date_or_a_plain_error(value):
    day = only_parse_errors(parsers.parse_date, value)
    assert day is None or (isinstance(day, datetime.date) and parsers.EARLIEST_YEAR <= day.year <= parsers.LATEST_YEAR)


@given(st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_a_date_typed_the_uk_way_reads_back_as_itself(day):
    assert parsers.parse_date(day.strftime("%d/%m/%Y")) == day
    assert parsers.parse_date(day.strftime("%d %b %Y")) == day


@given(cells)
def test_money_parses_to_pounds_and_pence_or_a_plain_error(value):
    amount = only_parse_errors(parsers.parse_money, value)
    assert amount is None or (
        isinstance(amount, Decimal) and Decimal(0) <= amount < Decimal("1e12") and amount.as_tuple().exponent == -2
    )


@given(st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2))
def test_money_typed_with_a_pound_sign_and_commas_reads_back_exactly(amount):
    assert parsers.parse_money(f"£{amount:,.2f}") == amount


@given(cells)
def test_yes_no_is_true_false_none_or_a_plain_error(value):
    assert only_parse_errors(parsers.parse_yes_no, value) in (True, False, None)


@given(cells)
def test_choices_and_whole_numbers_stay_in_range(value):
    assert only_parse_errors(lambda v: parsers.parse_choice(v, Status, "status"), value) in (None, *Status.values)
    number = only_parse_errors(lambda v: parsers.parse_whole_number(v, 1, 5), value)
    assert number is None or (isinstance(number, int) and 1 <= number <= 5)


@given(st.text(), st.sampled_from(sorted(headers.COLUMNS)))
def test_any_header_matches_a_known_field_or_nothing(text, sheet):
    field = headers.match_header(sheet, text)
    assert field is None or field == "" or field in headers.COLUMNS[sheet] or field.startswith("principle_")


@given(
    st.sampled_from([(s, f, n) for s, cols in headers.COLUMNS.items() for f, ns in cols.items() for n in ns]),
    st.sampled_from([str.upper, str.lower, str.title, lambda t: f"  {t} :", lambda t: t.replace(" ", "  ")]),
)
def test_every_documented_header_spelling_matches_however_it_is_typed(entry, typed):
    sheet, field, name = entry
    assert headers.match_header(sheet, typed(name)) == field


# -- the import: never a half-written import ----------------------------------------------------------
def small_register():
    """The sample's Register sheet cut down to its title rows, header and three partnerships."""
    sheet = openpyxl.load_workbook(SAMPLE, read_only=True)["Register"]
    return [list(row) for row in sheet.iter_rows(min_row=1, max_row=7, values_only=True)]


SMALL_REGISTER = None


def workbook_with(register_cells):
    """A small toolkit workbook with hostile values written into its partnership rows (column, value)."""
    global SMALL_REGISTER
    SMALL_REGISTER = SMALL_REGISTER or small_register()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Register"
    for row in SMALL_REGISTER:
        sheet.append(row)
    for offset, (column, value) in enumerate(register_cells):
        cell = sheet.cell(row=5 + offset % 3, column=column)
        try:
            cell.value = value
        except Exception:  # openpyxl refuses some text outright (control characters): Excel could not hold it
            cell.value = repr(value)
    buffer = io.BytesIO()
    book.save(buffer)
    return Upload(name="hostile.xlsx", content=buffer.getvalue())


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date:UserWarning")
@settings(max_examples=20)
@given(
    st.lists(
        st.tuples(st.integers(1, 26), st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.dates())),
        min_size=1,
        max_size=5,
    )
)
@example([(17, datetime.date(2020, 1, 1)), (1, "a"), (2, "b"), (17, -(10**12))])  # a date cell before the calendar
def test_an_import_writes_every_row_or_none(register_cells):
    upload = workbook_with(register_cells)
    with transaction.atomic():
        before = (Partnership.objects.count(), RiskEntry.objects.count())
        plan = importer.plan_import(upload)
        try:
            importer.apply_plan(plan)
        except Exception:  # refused: then nothing at all was written
            assert plan.blocking or plan.errors
            assert (Partnership.objects.count(), RiskEntry.objects.count()) == before
        else:
            assert not plan.errors
            assert Partnership.objects.count() == before[0] + plan.counts["Register"]["created"]
        transaction.set_rollback(True)


@settings(max_examples=40)
@given(st.binary(max_size=3000), st.sampled_from(["book.xlsx", "book.xlsm", "book.csv", "book", "book.xlsx.exe"]))
def test_any_uploaded_bytes_are_refused_plainly_or_read(content, name):
    try:
        importer.plan_import(Upload(name=name, content=content))
    except WorkbookError as error:
        assert str(error)  # a message for the person, not a traceback


# -- forms: never a 500 --------------------------------------------------------------------------------
hostile_text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            SCRIPT,
            PROBE,
            "=1+1",
            "@SUM(A1)",
            "\x00",
            "a\x00b",
            "'; DROP TABLE x; --",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
            "9" * 40,
            "-1",
            "31/02/2026",
            "1e400",
            "NaN",
            " " * 10,
        ]
    ),
)


def post_hostile(client, url, data, values, fields):
    for field, value in zip(fields, values, strict=False):
        data[field] = value
    with transaction.atomic():
        response = client.post(url, data)
        transaction.set_rollback(True)
    return response


@pytest.mark.django_db
@settings(max_examples=30)
@given(values=st.lists(hostile_text, min_size=8, max_size=8))
def test_the_partnership_form_never_fails_with_a_server_error(client_for, officer, partnership, values):
    client = client_for(officer)
    url = f"/partnerships/{partnership.reference}/edit/"
    data = form_data(client.get(url))
    fields = [
        "name",
        "purpose",
        "reference",
        "annual_contribution",
        "start_date_0",
        "partnership_type",
        "partners-0-organisation_name",
        "lead_officer_email",
    ]
    fields = [f for f in fields if f in data] + [k for k in data if k.startswith("start_date")]
    response = post_hostile(client, url, data, values, fields)
    assert response.status_code in (200, 302, 409)
    if response.status_code == 200:
        assert "<x-probe" not in response.content.decode()


@pytest.mark.django_db
@settings(max_examples=25)
@given(values=st.lists(hostile_text, min_size=6, max_size=6))
def test_the_risk_and_objective_forms_never_fail_with_a_server_error(client_for, officer, partnership, values):
    client = client_for(officer)
    for url, fields in [
        (
            f"/partnerships/{partnership.reference}/risks/new/",
            ["risk_id", "description", "likelihood", "impact", "owner", "review_date_0"],
        ),
        (
            f"/partnerships/{partnership.reference}/objectives/new/",
            ["title", "measure", "target", "owner", "deadline_0", "status"],
        ),
    ]:
        data = form_data(client.get(url))
        response = post_hostile(client, url, data, values, fields)
        assert response.status_code in (200, 302), url
        assert "<x-probe" not in response.content.decode()


@pytest.mark.django_db
@given(
    query=st.dictionaries(
        st.sampled_from(
            ["q", "status", "directorate", "significance", "sort", "page", "o", "type", "lead_officer", "window", "gap"]
        ),
        hostile_text,
        max_size=4,
    )
)
@example(query={"directorate": str(2**63)})  # beyond SQLite's integers: once a server error
def test_list_filters_never_fail_with_a_server_error(client_for, scrutiny, partnership, query):
    client = client_for(scrutiny)
    for url in [
        "/partnerships/",
        "/dashboard/",
        "/dashboard/partnerships/",
        "/dashboard/reviews-due/",
        "/dashboard/compliance/",
        "/dashboard/risks/",
        "/lessons/",
        "/toolkit/export.csv",
    ]:
        response = client.get(url, query)
        assert response.status_code in (200, 302, 400, 404), url
        assert b"<x-probe" not in response.getvalue()


# -- markup stays text: pages, exports, PDFs ---------------------------------------------------------
@pytest.fixture
def hostile_partnership(partnership):
    partnership.name = f"Care {SCRIPT} {PROBE}"
    partnership.purpose = f'=HYPERLINK("http://evil.example","Click") {PROBE}'
    partnership.next_review_due = datetime.date.today() - datetime.timedelta(days=3)
    partnership.save()
    return partnership


@pytest.mark.django_db
def test_markup_in_records_is_escaped_on_every_page(client_for, scrutiny, officer, hostile_partnership):
    ref = hostile_partnership.reference
    pages = [
        "/partnerships/",
        f"/partnerships/{ref}/",
        "/dashboard/",
        "/dashboard/partnerships/",
        "/dashboard/reviews-due/",
        "/dashboard/compliance/",
        "/agreements/",
        "/dashboard/report/",
    ]
    for user in (scrutiny, officer):
        client = client_for(user)
        for url in [*pages, "/", f"/partnerships/{ref}/edit/"] if user == officer else pages:
            response = client.get(url, follow=True)
            html = response.content.decode()
            assert response.status_code == 200, url
            assert SCRIPT not in html and "<x-probe" not in html, url


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_formula_like_text_is_neutralised_in_the_review_due_downloads(client_for, scrutiny, hostile_partnership, kind):
    hostile_partnership.name = "=cmd|' /C calc'!A0"
    hostile_partnership.save()
    client = client_for(scrutiny)
    job = client.get(f"/dashboard/reviews-due/download.{kind}")  # written in the background
    response = client.get(job["Location"] + "download/")
    assert response.status_code == 200
    content = b"".join(response) if response.streaming else response.content
    if kind == "csv":
        assert "'=cmd|' /C calc'!A0" in content.decode("utf-8-sig")
    else:
        book = openpyxl.load_workbook(io.BytesIO(content))
        values = [cell for row in book.active.iter_rows() for cell in row if cell.value and "cmd|" in str(cell.value)]
        assert values and all(cell.data_type == "s" for cell in values)
        import zipfile

        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


@pytest.mark.django_db
def test_markup_in_an_agreement_is_printed_as_text_in_its_pdf(client_for, officer, hostile_partnership):
    from tests.agreements.pdfs import flat, pdf_text
    from tests.factories import AgreementFactory

    agreement = AgreementFactory(partnership=hostile_partnership, governance=f"Board {SCRIPT} <b>bold</b> & co")
    response = client_for(officer).get(f"/partnerships/{hostile_partnership.reference}/agreement/v1/pdf/")
    assert response.status_code == 200
    text = flat(pdf_text(response.content))
    assert "<script>alert('x')</script>" in text  # printed, not parsed as markup
    assert "<b>bold</b> & co" in text
    assert agreement.pk
