"""Reviews due: the windows at their boundaries, grouping by directorate and officer, downloads."""

import csv
import datetime
import io

import pytest
from django.http import HttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from register.choices import Status
from tests.factories import ActivePartnershipFactory, UserFactory

TODAY = datetime.date.today()


def due_in(days, **kwargs):
    return ActivePartnershipFactory(next_review_due=TODAY + datetime.timedelta(days=days), **kwargs)


def section(html, key):
    """The HTML of one window's section on the page."""
    start = html.index(f'<section class="app-review-group" aria-labelledby="{key}">')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize(
    ("days", "window"),
    [(-1, "overdue"), (0, "due_30"), (30, "due_30"), (31, "due_90"), (90, "due_90"), (91, None)],
)
def test_windows_at_their_boundaries(client_for, scrutiny, days, window):
    partnership = due_in(days)
    html = client_for(scrutiny).get(reverse("dashboard:review_due")).content.decode()
    for key in ("overdue", "due_30", "due_90"):
        assert (partnership.reference in section(html, key)) == (key == window), key


def test_only_live_partnerships_are_listed(client_for, scrutiny):
    proposed = due_in(-5, status=Status.PROPOSED)
    closed = due_in(-5, status=Status.CLOSED)
    exiting = due_in(-5, status=Status.EXITING)
    html = client_for(scrutiny).get(reverse("dashboard:review_due")).content.decode()
    assert exiting.reference in html
    assert proposed.reference not in html and closed.reference not in html


def test_grouped_by_directorate_then_lead_officer(client_for, scrutiny, directorate, other_directorate):
    amy = UserFactory(first_name="Amy", last_name="Able")
    zed = UserFactory(first_name="Zed", last_name="Zane")
    late = due_in(-3, directorate=other_directorate, lead_officer=amy)
    first = due_in(-10, directorate=directorate, lead_officer=zed)
    second = due_in(-1, directorate=directorate, lead_officer=amy)
    overdue = section(client_for(scrutiny).get(reverse("dashboard:review_due")).content.decode(), "overdue")
    # Adult Social Care (Amy, then Zed) comes before Growth, Environment and Transport.
    order = [overdue.index(p.reference) for p in (second, first, late)]
    assert order == sorted(order)
    assert overdue.index(directorate.name) < overdue.index("Amy Able") < overdue.index("Zed Zane")
    assert "Overdue (3)" in overdue


def test_dashboard_counts_link_to_the_windows(client_for, scrutiny):
    due_in(-1)
    due_in(-40)
    due_in(10)
    html = client_for(scrutiny).get(reverse("dashboard:index")).content.decode()
    assert 'href="/dashboard/reviews-due/#overdue">2<' in html
    assert 'href="/dashboard/reviews-due/#due_30">1<' in html


def download(client, kind, **filters):
    """The file, written in the background: the download link queues it and sends you to its progress page."""
    job = client.get(reverse("dashboard:review_due_download", args=[kind]), filters)
    assert job.status_code == 302 and job["Location"].startswith("/jobs/")
    file = client.get(job["Location"] + "download/")
    response = HttpResponse(b"".join(file.streaming_content), content_type=file["Content-Type"])
    response["Content-Disposition"] = file["Content-Disposition"]
    return response


def test_csv_download_matches_the_page(client_for, scrutiny, directorate):
    overdue = due_in(-2, directorate=directorate)
    soon = due_in(5)
    due_in(200)
    response = download(client_for(scrutiny), "csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Window", "Directorate", "Lead officer", "Reference"]
    assert [(row[0], row[3]) for row in rows[1:]] == [
        ("Overdue", overdue.reference),
        ("Due within 30 days", soon.reference),
    ]
    assert rows[1][1] == directorate.name
    assert rows[1][-1] == "2"  # days overdue


def test_xlsx_download_respects_the_filters(client_for, scrutiny, directorate, other_directorate):
    mine = due_in(-2, directorate=directorate)
    due_in(-2, directorate=other_directorate)
    response = download(client_for(scrutiny), "xlsx", directorate=directorate.pk)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 2
    assert values[1][3] == mine.reference
    assert values[1][8].date() == mine.next_review_due


def test_unknown_download_format_is_not_found(client_for, scrutiny):
    assert client_for(scrutiny).get("/dashboard/reviews-due/download.pdf").status_code == 404


def test_the_pages_read_in_the_database_are_the_whole_list_in_order(directorate, other_directorate):
    """The page reads only the rows it shows (review_due.listed): page after page, they must be the
    whole grouped list, whatever mix of directorates and officers (with and without a login)."""
    from register.models import Partnership
    from reviews.dashboard import review_due

    people = [UserFactory(first_name=first, last_name="Zane") for first in ("Amy", "Bob")]
    people.append(UserFactory(first_name="", last_name="", username="zz-login-only"))
    for number in range(18):
        due_in(
            -number % 7 - 1 if number % 2 else number % 60,
            directorate=(directorate, other_directorate, None)[number % 3],
            lead_officer=people[number % 4] if number % 4 < 3 else None,
            lead_officer_name="" if number % 4 < 3 else ("Cleo Contractor", "")[number % 8 // 4],
        )

    def flat(group):
        return [
            (group.window.key, group.count, d.name, o.name, p.reference)
            for d in group.directorates
            for o in d.officers
            for p in o.partnerships
        ]

    whole = review_due.grouped(review_due.partnerships_due(Partnership.objects.all(), TODAY))
    for per_page in (1, 2, 5, 100):
        for place, window in enumerate(review_due.REVIEW_WINDOWS):
            paged, number = [], 1
            while True:
                _, groups = review_due.listed(Partnership.objects.all(), TODAY, {window.key: number}, per_page)
                paged += flat(groups[place])
                if not groups[place].page.has_next():
                    break
                number += 1
            assert paged == flat(whole[place]), (per_page, window.key)
            assert number == max(1, -(-len(paged) // per_page))


def test_counted_by_directorate_with_links_to_each_window(client_for, scrutiny, directorate, other_directorate):
    due_in(-1, directorate=directorate)
    due_in(-2, directorate=directorate)
    due_in(10, directorate=directorate)
    due_in(60, directorate=None)
    response = client_for(scrutiny).get(reverse("dashboard:review_due"))
    rows = [(row.name, [n for _window, n, _url in row.links]) for row in response.context["by_directorate"]]
    assert rows == [(directorate.name, [2, 1, 0]), ("No directorate", [0, 0, 1])]  # none due in the other
    html = response.content.decode()
    assert f'href="/dashboard/reviews-due/?directorate={directorate.pk}#overdue">2<' in html
    assert 'href="/dashboard/reviews-due/?directorate=null#due_90">1<' in html


def test_each_window_is_paged_on_its_own(client_for, scrutiny, monkeypatch):
    from reviews.dashboard import views

    monkeypatch.setattr(views, "REVIEWS_DUE_PAGE", 2)
    overdue = [due_in(-days) for days in (5, 4, 3)]
    soon = due_in(10)
    client = client_for(scrutiny)
    first = client.get(reverse("dashboard:review_due")).content.decode()
    assert "Showing 1 to 2 of 3" in section(first, "overdue")
    assert 'href="?overdue_page=2#overdue"' in section(first, "overdue")
    assert "Showing" not in section(first, "due_30")
    second = client.get(reverse("dashboard:review_due"), {"overdue_page": 2}).content.decode()
    assert overdue[2].reference in section(second, "overdue") and overdue[0].reference not in section(second, "overdue")
    assert soon.reference in section(second, "due_30")


def test_listed_under_the_officers_name_as_it_now_reads(client_for, scrutiny):
    officer = UserFactory(first_name="Amy", last_name="Able")
    due_in(-1, lead_officer=officer)
    officer.last_name = "Baker"
    officer.save()
    html = client_for(scrutiny).get(reverse("dashboard:review_due")).content.decode()
    assert "Amy Baker" in html and "Amy Able" not in html


def test_the_page_costs_the_same_queries_with_more_partnerships_due(client_for, scrutiny):
    client = client_for(scrutiny)
    url = reverse("dashboard:review_due")

    def queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for days in (-5, 10, 60):
        due_in(days)
    few = queries()
    for number in range(30):
        due_in(number * 3 - 10)
    assert queries() == few
