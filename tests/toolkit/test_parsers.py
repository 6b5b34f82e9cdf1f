import datetime
from decimal import Decimal

import pytest

from partnerships.toolkit import parsers
from register.choices import PartnershipType, ReviewFrequency, Status


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("31/03/2026", datetime.date(2026, 3, 31)),
        ("5 Mar 2019", datetime.date(2019, 3, 5)),
        ("5 March 2019", datetime.date(2019, 3, 5)),
        ("05-03-2019", datetime.date(2019, 3, 5)),
        ("2026-03-31", datetime.date(2026, 3, 31)),
        (" 1/4/26 ", datetime.date(2026, 4, 1)),
        (datetime.datetime(2026, 2, 22, 0, 0), datetime.date(2026, 2, 22)),
        (46112, datetime.date(2026, 3, 31)),  # an Excel serial number
        ("46112", datetime.date(2026, 3, 31)),
        (None, None),
        ("  ", None),
    ],
)
def test_uk_dates_as_people_type_them(typed, expected):
    assert parsers.parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["TBC", "n/a", "tbc", "Unknown"])
def test_a_placeholder_date_is_reported_as_a_placeholder(typed):
    with pytest.raises(parsers.Placeholder):
        parsers.parse_date(typed)


@pytest.mark.parametrize("typed", ["31/02/2026", "next spring", "13/13/2026", 12])
def test_a_date_that_is_not_a_date_is_an_error_in_plain_english(typed):
    with pytest.raises(parsers.ParseError, match="date"):
        parsers.parse_date(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("£12,500", Decimal("12500.00")),
        ("95000.00", Decimal("95000.00")),
        (2500, Decimal("2500.00")),
        (1250000.5, Decimal("1250000.50")),
        ("0", Decimal("0.00")),
        ("nil", Decimal("0.00")),
        ("Nil", Decimal("0.00")),
        ("-", Decimal("0.00")),
        ("£ 3,500", Decimal("3500.00")),
        (None, None),
    ],
)
def test_money_as_numbers_and_as_text(typed, expected):
    assert parsers.parse_money(typed) == expected


@pytest.mark.parametrize("typed", ["about ten grand", "-500", "£12,500 a year"])
def test_money_that_cannot_be_read_is_an_error(typed):
    with pytest.raises(parsers.ParseError):
        parsers.parse_money(typed)


@pytest.mark.parametrize("typed", ["Yes", "Y", "yes", "y", "TRUE", True, 1])
def test_yes_spellings(typed):
    assert parsers.parse_yes_no(typed) is True


@pytest.mark.parametrize("typed", ["No", "N", "no", "n", "false", False, 0])
def test_no_spellings(typed):
    assert parsers.parse_yes_no(typed) is False


def test_yes_no_placeholder_and_nonsense():
    with pytest.raises(parsers.Placeholder):
        parsers.parse_yes_no("TBC")
    with pytest.raises(parsers.ParseError, match="Yes or No"):
        parsers.parse_yes_no("Maybe")


@pytest.mark.parametrize(
    ("typed", "choices", "expected"),
    [
        ("Contractual (out of scope)", PartnershipType, PartnershipType.CONTRACTUAL),
        ("contractual", PartnershipType, PartnershipType.CONTRACTUAL),
        ("COMMUNITY / VCSE", PartnershipType, PartnershipType.COMMUNITY_VCSE),
        ("Six monthly", ReviewFrequency, ReviewFrequency.SIX_MONTHLY),
        ("six-monthly", ReviewFrequency, ReviewFrequency.SIX_MONTHLY),
        ("under  review", Status, Status.UNDER_REVIEW),
        ("under_review", Status, Status.UNDER_REVIEW),
    ],
)
def test_choice_labels_match_ignoring_case_and_punctuation(typed, choices, expected):
    assert parsers.parse_choice(typed, choices, "thing") == expected


def test_an_unknown_choice_lists_the_options():
    with pytest.raises(parsers.ParseError) as error:
        parsers.parse_choice("Dormant", Status, "status")
    assert "Dormant" in str(error.value)
    assert "Under review" in str(error.value)


def test_partners_split_on_semicolons_and_new_lines_without_repeats():
    assert parsers.split_names("A Trust; B Council\nC Board\r\n; a trust ;") == ["A Trust", "B Council", "C Board"]


def test_whole_numbers_in_range():
    assert parsers.parse_whole_number(3, 1, 5) == 3
    assert parsers.parse_whole_number("4", 1, 5) == 4
    assert parsers.parse_whole_number(2.0, 1, 5) == 2
    for bad in (0, 6, 2.5, "high"):
        with pytest.raises(parsers.ParseError, match="from 1 to 5"):
            parsers.parse_whole_number(bad, 1, 5)
