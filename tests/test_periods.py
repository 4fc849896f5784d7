import pytest

from swlib import Period, PeriodError


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("2020-21", "2020-21"), ("2020/21", "2020-21"), ("2020/2021", "2020-21"), ("2020-2021", "2020-21"),
        ("FY 2020/21", "2020-21"), (" 2020/21 ", "2020-21"),
        ("2020-21-Q2", "2020-21-Q2"), ("2020/21 Q2", "2020-21-Q2"), ("Q2 2020/21", "2020-21-Q2"),
        ("q2 2020-21", "2020-21-Q2"), ("2020-21 Q2", "2020-21-Q2"), ("2020/21-Q2", "2020-21-Q2"),
        ("2020-21-H1", "2020-21-H1"), ("H2 2020/21", "2020-21-H2"),
        ("2020-09", "2020-09"), ("Sep 2020", "2020-09"), ("September 2020", "2020-09"), ("Jan 2021", "2021-01"),
        ("1999/00", "1999-00"),
    ],
)  # fmt: skip
def test_spellings_people_type_are_normalised(text, canonical):
    assert str(Period.parse(text)) == canonical
    assert str(Period.parse(canonical)) == canonical  # canonical ids round-trip


@pytest.mark.parametrize(
    "text", ["2020", "2020-22", "2020-21-Q5", "2020-21-H3", "2020-13", "Q2", "quarter two", "", None, 2020]
)
def test_ambiguous_or_impossible_periods_say_what_was_expected(text):
    with pytest.raises(PeriodError) as e:
        Period.parse(text)
    assert "expected" in str(e.value)


def test_labels_for_printing():
    assert Period.parse("2020-21").label == "2020/21"
    q2 = Period.parse("2020-21-Q2")
    assert q2.label == "2020/21 Quarter 2"
    assert q2.months_label == "July to September"
    assert q2.end_label == "September 2020"
    assert Period.parse("2020-21-Q4").end_label == "March 2021"
    assert Period.parse("2020-12").label == "December 2020"
    assert Period.parse("2020-21-H2").label == "2020/21 second half"


def test_january_to_march_belong_to_the_previous_financial_year():
    jan = Period.parse("2021-01")
    assert jan.fy == 2020 and Period.parse("2020-21-Q4").contains(jan)
    assert not Period.parse("2021-22").contains(jan)


def test_year_to_date_window_and_its_named_period():
    assert str(Period.parse("2020-21-Q1").window_period()) == "2020-21-Q1"
    assert str(Period.parse("2020-21-Q2").window_period()) == "2020-21-H1"
    assert Period.parse("2020-21-Q3").window_period() is None  # April to December has no name
    assert str(Period.parse("2020-21-Q4").window_period()) == "2020-21"
    assert [str(p) for p in Period.parse("2020-21-Q3").window_parts("quarter")] == [
        "2020-21-Q1",
        "2020-21-Q2",
        "2020-21-Q3",
    ]
    assert len(Period.parse("2020-21-Q3").window_parts("month")) == 9


def test_latest_complete_period_of_a_coarser_frequency():
    q2 = Period.parse("2020-21-Q2")
    assert str(q2.latest_of_kind("year")) == "2019-20"
    assert str(q2.latest_of_kind("half")) == "2020-21-H1"
    assert str(Period.parse("2020-21-Q3").latest_of_kind("half")) == "2020-21-H1"
    assert str(Period.parse("2020-21-Q1").latest_of_kind("half")) == "2019-20-H2"


def test_ordering_and_shifting():
    ps = [Period.parse(p) for p in ["2020-21", "2020-21-Q1", "2019-20-Q4", "2020-04"]]
    assert next(str(p) for p in sorted(ps)) == "2019-20-Q4"
    assert str(Period.parse("2020-21-Q2").shift_years(-1)) == "2019-20-Q2"


def test_a_period_read_again_is_the_same_and_a_bad_one_is_refused_every_time():
    # Period.parse keeps what it read (a report reads the same ids thousands of times)
    assert Period.parse("2023/24 Q2") == Period.parse("2023/24 Q2") == Period.quarter(2023, 2)
    for _ in range(2):
        with pytest.raises(PeriodError, match="consecutive years"):
            Period.parse("2023-25")


@pytest.mark.parametrize(
    "text, month",
    [("Apr-25", "2025-04"), ("Apr-2025", "2025-04"), ("sep-26", "2026-09"), ("Sept-26", "2026-09"),
     ("Jan-27", "2027-01"), ("March-2026", "2026-03"), ("Dec-99", "1999-12")],
)  # fmt: skip
def test_a_month_as_excel_writes_it_back_is_read_as_that_month(text, month):
    """Excel reads 2025-04 in a CSV file as a date and saves it back as 'Apr-25' (mmm-yy; a day
    and month it shows as '25-Apr'): the month, not an error on every monthly row."""
    assert str(Period.parse(text)) == month


def test_a_quarter_of_a_calendar_year_says_both_quarters_it_could_be():
    with pytest.raises(PeriodError) as e:
        Period.parse("Q3 2025")
    assert e.value.expected.endswith(
        ": a quarter names a financial year, so 'Q3 2025' could be 2025-26-Q3 (October to December 2025, Quarter 3 "
        "of 2025/26) or, for July to September 2025, 2025-26-Q2"
    )
    with pytest.raises(PeriodError):
        Period.parse("Apr 25")  # 25 April? only Excel's own 'Apr-25' is read as a month


@pytest.mark.parametrize(
    "text, meant",
    [
        ("Q2 26/27", "2026-27-Q2, 2026/27 Quarter 2"), ("2026/27 Qtr 2", "2026-27-Q2, 2026/27 Quarter 2"),
        ("Quarter 2 2026/27", "2026-27-Q2, 2026/27 Quarter 2"), ("2nd quarter 2026-27", "2026-27-Q2, 2026/27 Quarter 2"),
        ("Jul-Sep 2026", "2026-27-Q2, 2026/27 Quarter 2"), ("Jan-Mar 26", "2025-26-Q4, 2025/26 Quarter 4"),
        ("July to September 2026", "2026-27-Q2, 2026/27 Quarter 2"), ("Oct-Mar 2026", "2025-26-H2, 2025/26 second half"),
        ("26/27", "2026-27, 2026/27"),
    ],
)  # fmt: skip
def test_common_spellings_it_does_not_read_get_a_did_you_mean(text, meant):
    """ANALYST-4 #13: these got only the generic list of spellings; 'Q3 2025' got its two quarters."""
    with pytest.raises(PeriodError) as e:
        Period.parse(text)
    assert e.value.expected.endswith(f"(did you mean {meant}?)")


@pytest.mark.parametrize("text", ["Feb-Apr 2026", "Q2 26/28", "Q5 26/27", "hello"])
def test_a_spelling_that_names_no_period_gets_no_suggestion(text):
    with pytest.raises(PeriodError) as e:
        Period.parse(text)
    assert "did you mean" not in e.value.expected


def test_validate_names_the_cell_and_the_period_meant(data_dir):
    import swlib
    from swlib.errors import DataError
    from tests.conftest import make_data

    with pytest.raises(DataError) as e:
        swlib.load(make_data(data_dir, [{}], [{"measure": "m0", "period": "Jul-Sep 2026", "numerator": "1",
                                                "denominator": "2"}]))  # fmt: skip
    assert str(e.value.problems[0]).startswith(
        "observations.csv, row 2, column 'period': found 'Jul-Sep 2026'; expected"
    )
    assert str(e.value.problems[0]).endswith("(did you mean 2026-27-Q2, 2026/27 Quarter 2?)")


def test_every_period_id_of_two_centuries_reads_back_as_its_period():
    """str(Period) is worked out once per period (periods._period_id): each kind's id, for every
    year a period can be, parses back to the same period (a month's where it cannot be read as a
    year: 1901-02 is the year 1901/02), and a month's names its calendar month."""
    for fy in range(1900, 2200):
        periods = [
            Period.year(fy),
            *(Period.quarter(fy, q) for q in (1, 2, 3, 4)),
            Period.half(fy, 1),
            Period.half(fy, 2),
        ]
        periods += [Period.month(fy + (m < 4), m) for m in range(1, 13) if (fy + (m < 4) + 1) % 100 != m]
        for p in periods:
            assert Period.parse(str(p)) == p, p
    assert [str(Period.month(2020, m)) for m in (4, 12)] + [str(Period.month(2021, 3))] == [
        "2020-04",
        "2020-12",
        "2021-03",
    ]
    assert [str(Period.quarter(2020, 4)), str(Period.half(2020, 2)), str(Period.year(2099))] == [
        "2020-21-Q4",
        "2020-21-H2",
        "2099-00",
    ]
