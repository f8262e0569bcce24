import datetime as dt

import pytest

from tinkuy.dates import ResolvedDate, find_dates, parse_date, resolve, shift

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
        ("on Thursday of last week", dt.date(2019, 7, 11), "day"),
        ("on Monday of last week", dt.date(2019, 7, 8), "day"),
        ("on Sunday of this week", dt.date(2019, 7, 21), "day"),
        ("on Friday (July 5)", dt.date(2019, 7, 5), "day"),
        ("killed overnight", dt.date(2019, 7, 20), "day"),
        ("this morning", dt.date(2019, 7, 21), "day"),
        ("late last month", dt.date(2019, 6, 1), "month"),
        ("earlier last year", dt.date(2018, 1, 1), "year"),
        ("Friday night", dt.date(2019, 7, 19), "day"),
        ("late on Friday", dt.date(2019, 7, 19), "day"),
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


def test_a_weekday_before_a_word_that_begins_like_a_month_is_a_date():
    # "Dec" begins "declared", "Mar" begins "marched": only a month with its day makes "Monday, June 3".
    assert [e.text for e in find_dates("the government on Monday declared a state of siege")] == ["Monday"]
    assert [e.text for e in find_dates("protesters on Sunday marched on the palace")] == ["Sunday"]
    assert [(e.kind, e.text) for e in find_dates("on Monday, June 3")] == [("month_day", "June 3")]


@pytest.mark.parametrize(
    ("text", "backwards", "date", "precision"),
    [
        ("Two days later, the council met", False, dt.date(2019, 7, 23), "day"),
        ("three weeks later", False, dt.date(2019, 8, 11), "day"),
        ("Hours earlier, the ministry had said", False, dt.date(2019, 7, 21), "day"),
        ("hours later", False, dt.date(2019, 7, 21), "day"),
        ("that same evening", False, dt.date(2019, 7, 21), "day"),
        ("later that day", False, dt.date(2019, 7, 21), "day"),
        ("the next day", False, dt.date(2019, 7, 22), "day"),
        ("the following morning", False, dt.date(2019, 7, 22), "day"),
        ("the day before", False, dt.date(2019, 7, 20), "day"),
        ("the previous day", False, dt.date(2019, 7, 20), "day"),
        # the clause that says "a day after X" is a day after X; X is a day before it
        ("a day after police fired", False, dt.date(2019, 7, 22), "day"),
        ("a day after police fired", True, dt.date(2019, 7, 20), "day"),
        ("two days before the vote", True, dt.date(2019, 7, 23), "day"),
        ("within hours of the raid", True, dt.date(2019, 7, 21), "day"),
        ("nearly two years after the government appealed", True, dt.date(2017, 1, 1), "year"),
        ("six months later", False, dt.date(2020, 1, 1), "month"),
    ],
)
def test_offsets_count_from_the_event_they_count_from(text, backwards, date, precision):
    (expression,) = find_dates(text)
    assert expression.counts_from_an_event
    assert resolve(expression, SUNDAY).precision == "unknown"  # not from the publication date
    result = shift(expression, ResolvedDate(SUNDAY, "day"), backwards)
    assert (result.date, result.precision) == (date, precision)


def test_an_offset_from_a_month_is_known_to_the_month():
    (expression,) = find_dates("two days later")
    assert shift(expression, ResolvedDate(dt.date(2019, 7, 1), "month")).precision == "month"


def test_only_an_offset_with_after_before_or_of_introduces_an_event():
    introducing = {
        e.text: e.introduces_an_event for t in ("a day after", "two days later", "within hours of") for e in find_dates(t)
    }
    assert introducing == {"a day after": True, "two days later": False, "within hours of": True}
