import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_page_is_accessible_and_signs_in(live_server, page, officer, login_as, assert_accessible):
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url  # anonymous users go to the sign-in page
    assert_accessible(page)
    login_as(officer)
    assert page.get_by_role("button", name="Sign out").is_visible()
    assert_accessible(page)
