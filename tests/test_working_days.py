"""Complaint timescales in working days, checked against real calendars for 2026 and 2027.

Every expected date was worked out by hand from a printed calendar and the GOV.UK list of bank
holidays in England and Wales.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from feedback_app.services import working_days
from feedback_app.services.complaint_timescales import (
    StageDueDates,
    Timescales,
    due_within,
    is_overdue,
    stage_due_dates,
)
from feedback_app.services.working_days import WorkingCalendar


@pytest.fixture
def calendar() -> WorkingCalendar:
    return WorkingCalendar()


# --- Ordinary weeks (March 2026 has no bank holidays) ---


def test_complaint_received_on_a_friday_is_acknowledged_by_the_next_friday(calendar):
    assert calendar.add_working_days(date(2026, 3, 6), 5) == date(2026, 3, 13)


def test_counting_skips_the_weekend(calendar):
    # Wed 11 Mar: Thu 12, Fri 13, then Mon 16.
    assert calendar.add_working_days(date(2026, 3, 11), 3) == date(2026, 3, 16)


def test_complaint_received_at_the_weekend_starts_counting_on_monday(calendar):
    # Sat 7 Mar: Mon 9 is day 1, Fri 13 is day 5.
    assert calendar.add_working_days(date(2026, 3, 7), 5) == date(2026, 3, 13)


def test_weekend_days_are_named(calendar):
    assert calendar.non_working_reason(date(2026, 3, 7)) == "Saturday"
    assert calendar.non_working_reason(date(2026, 3, 8)) == "Sunday"
    assert calendar.non_working_reason(date(2026, 3, 9)) is None
    assert calendar.is_working_day(date(2026, 3, 9))


# --- Bank holidays ---


def test_christmas_2026_bank_holidays(calendar):
    # Christmas Day is a Friday; Boxing Day is a Saturday, so its substitute is Monday 28 Dec.
    assert calendar.non_working_reason(date(2026, 12, 25)) == "Christmas Day"
    assert not calendar.is_working_day(date(2026, 12, 26))
    assert "Boxing Day" in calendar.non_working_reason(date(2026, 12, 28))
    assert calendar.is_working_day(date(2026, 12, 24))
    assert calendar.is_working_day(date(2026, 12, 29))


def test_friday_before_christmas_2026_is_pushed_back_by_both_bank_holidays(calendar):
    # Fri 18 Dec: Mon 21, Tue 22, Wed 23, Thu 24, [Fri 25, Mon 28 off], Tue 29.
    assert calendar.add_working_days(date(2026, 12, 18), 5) == date(2026, 12, 29)


def test_across_christmas_and_new_year_into_2027(calendar):
    # Wed 23 Dec: Thu 24, [25, 28 off], Tue 29, Wed 30, Thu 31, [Fri 1 Jan off], Mon 4 Jan.
    assert calendar.add_working_days(date(2026, 12, 23), 5) == date(2027, 1, 4)


def test_due_date_spanning_the_year_boundary(calendar):
    # Wed 30 Dec 2026: Thu 31, [Fri 1 Jan off], Mon 4, Tue 5 Jan 2027.
    assert calendar.add_working_days(date(2026, 12, 30), 3) == date(2027, 1, 5)
    assert calendar.non_working_reason(date(2027, 1, 1)) == "New Year's Day"


def test_easter_2027(calendar):
    assert calendar.non_working_reason(date(2027, 3, 26)) == "Good Friday"
    assert calendar.non_working_reason(date(2027, 3, 29)) == "Easter Monday"
    # Thu 25 Mar 2027: [Good Friday, weekend, Easter Monday], Tue 30 Mar.
    assert calendar.add_working_days(date(2027, 3, 25), 1) == date(2027, 3, 30)


def test_early_may_bank_holiday_2027(calendar):
    assert not calendar.is_working_day(date(2027, 5, 3))
    # Fri 30 Apr 2027: [weekend, Mon 3 May off], Tue 4 May.
    assert calendar.add_working_days(date(2027, 4, 30), 1) == date(2027, 5, 4)


@pytest.mark.parametrize(
    "day",
    [date(2022, 9, 19), date(2023, 5, 8)],
    ids=["state-funeral-2022", "coronation-2023"],
)
def test_one_off_bank_holidays_are_known(calendar, day):
    assert day.weekday() == 0  # both were Mondays: a plain weekday, were it not a bank holiday
    assert not calendar.is_working_day(day)


# --- The service's own closure days ---


def test_service_closure_between_christmas_and_new_year():
    closed = WorkingCalendar(closures=[date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)])
    assert closed.non_working_reason(date(2026, 12, 30)) == "Service closure"
    # Wed 23 Dec: Thu 24, then nothing open until Mon 4 Jan (2), Tue 5, Wed 6, Thu 7 Jan.
    assert closed.add_working_days(date(2026, 12, 23), 5) == date(2027, 1, 7)


def test_a_single_closure_day_pushes_the_due_date_back_one_day():
    training_day = WorkingCalendar(closures=[date(2026, 3, 11)])
    # Fri 6 Mar: Mon 9, Tue 10, [Wed 11 closed], Thu 12, Fri 13, Mon 16.
    assert training_day.add_working_days(date(2026, 3, 6), 5) == date(2026, 3, 16)
    assert WorkingCalendar().add_working_days(date(2026, 3, 6), 5) == date(2026, 3, 13)


def test_a_bank_holiday_also_marked_closed_keeps_its_name():
    calendar = WorkingCalendar(closures=[date(2026, 12, 25)])
    assert calendar.non_working_reason(date(2026, 12, 25)) == "Christmas Day"


# --- Edge cases ---


def test_zero_days_is_the_day_itself_when_it_is_a_working_day(calendar):
    assert calendar.add_working_days(date(2026, 3, 6), 0) == date(2026, 3, 6)


def test_zero_days_moves_off_a_weekend_or_bank_holiday(calendar):
    assert calendar.add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 9)
    # Christmas Day 2026: [Sat, Sun, Mon 28 substitute], Tue 29.
    assert calendar.add_working_days(date(2026, 12, 25), 0) == date(2026, 12, 29)


def test_negative_days_are_refused(calendar):
    with pytest.raises(ValueError, match="zero or more"):
        calendar.add_working_days(date(2026, 3, 6), -1)


def test_next_working_day(calendar):
    assert calendar.next_working_day(date(2026, 12, 24)) == date(2026, 12, 24)
    assert calendar.next_working_day(date(2026, 12, 25)) == date(2026, 12, 29)


def test_a_datetime_is_taken_as_its_date(calendar):
    logged = datetime(2026, 3, 6, 16, 45)
    due = calendar.add_working_days(logged, 5)
    assert due == date(2026, 3, 13)
    assert type(due) is date
    closed = WorkingCalendar(closures=[datetime(2026, 3, 11, 9, 0)])
    assert closed.non_working_reason(date(2026, 3, 11)) == "Service closure"


def test_bank_holidays_are_looked_up_once_per_year(monkeypatch):
    years_built: list[object] = []
    real = working_days.holidays.UK

    def counting(**kwargs):
        years_built.append(kwargs["years"])
        return real(**kwargs)

    monkeypatch.setattr(working_days.holidays, "UK", counting)
    calendar = WorkingCalendar()
    calendar.add_working_days(date(2026, 12, 1), 30)
    calendar.working_days_between(date(2026, 12, 1), date(2027, 1, 29))
    assert sorted(years_built) == [2026, 2027]


# --- Counting working days between two dates ---


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 3, 6), date(2026, 3, 13), 5),  # Friday to Friday
        (date(2026, 3, 7), date(2026, 3, 8), 0),  # a weekend
        (date(2026, 12, 23), date(2027, 1, 4), 5),  # 24, 29, 30, 31 Dec and 4 Jan
        (date(2027, 3, 25), date(2027, 3, 30), 1),  # over Easter 2027
        (date(2026, 3, 13), date(2026, 3, 13), 0),  # same day
        (date(2026, 3, 13), date(2026, 3, 6), 0),  # end before start
    ],
)
def test_working_days_between(calendar, start, end, expected):
    assert calendar.working_days_between(start, end) == expected


def test_adding_and_counting_agree_through_december_2026(calendar):
    for offset in range(31):
        start = date(2026, 12, 1) + timedelta(days=offset)
        for days in range(1, 25):
            due = calendar.add_working_days(start, days)
            assert calendar.working_days_between(start, due) == days
            assert calendar.is_working_day(due)


# --- Stage due dates ---


def test_stage1_before_acknowledgement_counts_from_the_latest_acknowledgement_date(calendar):
    # Received Fri 6 Mar 2026; acknowledge by Fri 13; respond 10 working days later:
    # Mon 16 to Fri 20 (5), Mon 23 to Fri 27 (10).
    assert stage_due_dates(1, date(2026, 3, 6), calendar) == StageDueDates(
        stage=1, acknowledge_by=date(2026, 3, 13), respond_by=date(2026, 3, 27)
    )


def test_stage1_counts_from_the_actual_acknowledgement(calendar):
    # Acknowledged Mon 9 Mar: Tue 10 to Fri 13 (4), Mon 16 to Fri 20 (9), Mon 23 (10).
    due = stage_due_dates(1, date(2026, 3, 6), calendar, acknowledged=date(2026, 3, 9))
    assert due.acknowledge_by == date(2026, 3, 13)
    assert due.respond_by == date(2026, 3, 23)


def test_stage1_extension_runs_over_easter_2026(calendar):
    # 20 working days from Mon 9 Mar: Mon 23 (10), Tue 24 to Fri 27 (14), Mon 30, Tue 31,
    # Wed 1 Apr, Thu 2 Apr (18), [Good Friday 3 Apr, Easter Monday 6 Apr], Tue 7, Wed 8 Apr (20).
    due = stage_due_dates(
        1, date(2026, 3, 6), calendar, acknowledged=date(2026, 3, 9), extension_days=10
    )
    assert due.respond_by == date(2026, 4, 8)


def test_stage1_at_easter_2027(calendar):
    # Received Mon 22 Mar 2027: Tue 23, Wed 24, Thu 25, [Easter], Tue 30, Wed 31 Mar.
    # Then 10 from Wed 31 Mar: Thu 1, Fri 2, Mon 5 to Fri 9 (7), Mon 12, Tue 13, Wed 14 Apr.
    due = stage_due_dates(1, date(2027, 3, 22), calendar)
    assert (due.acknowledge_by, due.respond_by) == (date(2027, 3, 31), date(2027, 4, 14))


def test_stage1_extension_longer_than_allowed_is_refused(calendar):
    with pytest.raises(ValueError, match="longer than the 10 allowed"):
        stage_due_dates(1, date(2026, 3, 6), calendar, extension_days=11)


def test_negative_extension_is_refused(calendar):
    with pytest.raises(ValueError, match="zero or more"):
        stage_due_dates(1, date(2026, 3, 6), calendar, extension_days=-1)


def test_stage2_around_the_may_2027_bank_holidays(calendar):
    # Escalation received Fri 30 Apr 2027: [Mon 3 May off], Tue 4 to Fri 7 (4), Mon 10 May (5).
    # Then 20 from Mon 10 May: Tue 11 to Fri 14 (4), 17-21 (9), 24-28 (14),
    # [Mon 31 May spring bank holiday], Tue 1 to Fri 4 Jun (18), Mon 7 (19), Tue 8 Jun (20).
    assert stage_due_dates(2, date(2027, 4, 30), calendar) == StageDueDates(
        stage=2, acknowledge_by=date(2027, 5, 10), respond_by=date(2027, 6, 8)
    )


def test_stage2_counts_from_the_actual_acknowledgement(calendar):
    # Acknowledged Wed 5 May 2027: Thu 6, Fri 7 (2), 10-14 (7), 17-21 (12), 24-28 (17),
    # [Mon 31 May off], Tue 1, Wed 2, Thu 3 Jun (20).
    due = stage_due_dates(2, date(2027, 4, 30), calendar, acknowledged=date(2027, 5, 5))
    assert due.respond_by == date(2027, 6, 3)


def test_stage2_cannot_be_extended(calendar):
    with pytest.raises(ValueError, match="stage 2 response cannot be extended"):
        stage_due_dates(2, date(2027, 4, 30), calendar, extension_days=1)


@pytest.mark.parametrize("stage", [0, 3])
def test_only_stages_1_and_2_exist(calendar, stage):
    with pytest.raises(ValueError, match="stage must be 1 or 2"):
        stage_due_dates(stage, date(2026, 3, 6), calendar)


def test_acknowledgement_before_receipt_is_refused(calendar):
    with pytest.raises(ValueError, match="before it was received"):
        stage_due_dates(1, date(2026, 3, 6), calendar, acknowledged=date(2026, 3, 5))


def test_timescales_are_settings(calendar):
    quicker = Timescales(stage1_acknowledge=3, stage1_max_extension=5)
    # Fri 6 Mar 2026: Mon 9, Tue 10, Wed 11.
    due = stage_due_dates(1, date(2026, 3, 6), calendar, quicker)
    assert due.acknowledge_by == date(2026, 3, 11)
    with pytest.raises(ValueError, match="longer than the 5 allowed"):
        stage_due_dates(1, date(2026, 3, 6), calendar, quicker, extension_days=6)


def test_negative_timescale_setting_is_refused():
    with pytest.raises(ValueError, match="stage2_respond"):
        Timescales(stage2_respond=-1)


# --- Overdue and due soon ---


def test_is_overdue():
    due = date(2026, 3, 13)
    assert is_overdue(due, None, today=date(2026, 3, 16))
    assert not is_overdue(due, None, today=date(2026, 3, 13))  # the due date is still in time
    assert not is_overdue(due, date(2026, 3, 12), today=date(2026, 3, 16))
    assert not is_overdue(due, date(2026, 3, 16), today=date(2026, 3, 17))  # late, but done


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2026, 3, 9), True),  # today
        (date(2026, 3, 16), True),  # fifth working day after Mon 9 Mar
        (date(2026, 3, 17), False),  # sixth
        (date(2026, 3, 6), False),  # already overdue
    ],
)
def test_due_within_five_working_days(calendar, due, expected):
    assert due_within(due, date(2026, 3, 9), calendar, 5) is expected


def test_due_within_skips_christmas_2026(calendar):
    # From Thu 24 Dec, 3 working days: Tue 29, Wed 30, Thu 31 Dec.
    assert due_within(date(2026, 12, 31), date(2026, 12, 24), calendar, 3)
    assert not due_within(date(2027, 1, 4), date(2026, 12, 24), calendar, 3)
