import datetime as dt

import pytest

from tinkuy.dates import find_dates, parse_date, resolve

SUNDAY = dt.date(2019, 7, 21)


def resolved(text: str, reference: dt.date | None = SUNDAY, forward: bool = False):
    (expression,) = find_dates(text)
    return resolve(expression, reference, forward)


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("met Saturday with", dt.date(2019, 7, 20), "day"),
        ("on Sunday", dt.date(2019, 7, 21), "day"),
        ("last Sunday", dt.date(2019, 7, 14), "day"),
        ("yesterday", dt.date(2019, 7, 20), "day"),
        ("three days ago", dt.date(2019, 7, 18), "day"),
        ("last October", dt.date(2018, 10, 1), "month"),
        ("last June", dt.date(2019, 6, 1), "month"),
        ("next March", dt.date(2020, 3, 1), "month"),
        ("in April", dt.date(2019, 4, 1), "month"),
        ("earlier this year", dt.date(2019, 1, 1), "year"),
        ("last year", dt.date(2018, 1, 1), "year"),
        ("last month", dt.date(2019, 6, 1), "month"),
        ("on April 13", dt.date(2019, 4, 13), "day"),
        ("on 19 February", dt.date(2019, 2, 19), "day"),
        ("in 2012", dt.date(2012, 1, 1), "year"),
        ("in October 2016", dt.date(2016, 10, 1), "month"),
        ("May 7, 2024", dt.date(2024, 5, 7), "day"),
        ("21 July 2019", dt.date(2019, 7, 21), "day"),
        ("2024-04-05", dt.date(2024, 4, 5), "day"),
    ],
)
def test_resolves_news_expressions_against_the_publication_date(text, date, precision):
    result = resolved(text)
    assert (result.date, result.precision) == (date, precision)


def test_month_and_day_without_year_is_the_nearest_past_one():
    # Published in January: "December 20" is last December, not next.
    assert resolved("on December 20", dt.date(2023, 1, 5)).date == dt.date(2022, 12, 20)


def test_future_clauses_look_ahead():
    assert resolved("on Monday", SUNDAY, forward=True).date == dt.date(2019, 7, 22)
    assert resolved("on December 20", dt.date(2023, 1, 5), forward=True).date == dt.date(2023, 12, 20)


def test_relative_dates_need_a_reference():
    assert resolved("on Saturday", None).precision == "unknown"
    assert resolved("May 7, 2024", None).date == dt.date(2024, 5, 7)


def test_lowercase_month_and_day_names_are_not_dates():
    assert find_dates("this may be the last march of the season") == []


def test_parse_date_reads_only_full_dates():
    assert parse_date("Published 21 July 2019").date == dt.date(2019, 7, 21)
    assert parse_date("on Saturday").precision == "unknown"
