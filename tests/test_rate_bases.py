"""What a rate is per, in every spelling an analyst types (ATTACK-4 finding 4)."""

import pytest

from swlib.rate_bases import age_band, population_column, rate_base, rate_head, unchecked_rate

# title, per, kind, age band: "population" is the whole population or an age group of it, "part" a part of it
# whose ages the title does not say, "other" a base that is no population, "unstated" no base named
SPELLINGS = [
    ("Children in secure care per 100,000 population", 100_000, "population", None),
    ("Children in secure care per 100k population", 100_000, "population", None),  # ATTACK-4: 1.3 printed, 2 people
    ("Children in secure care per 100K population", 100_000, "population", None),
    ("Children in secure care per 100 000 population", 100_000, "population", None),
    ("Children in secure care per 100\u00a0000 population", 100_000, "population", None),  # a no-break space
    ("Children in secure care per 100000 population", 100_000, "population", None),
    ("Children in secure care per 100 thousand population", 100_000, "population", None),
    ("Children in secure care per one hundred thousand population", 100_000, "population", None),
    ("Children in secure care per 100,000 people", 100_000, "population", None),
    ("Children in secure care per 100,000 residents", 100_000, "population", None),
    ("Children in secure care per 100,000 inhabitants", 100_000, "population", None),
    ("Children in secure care per 100,000 of the population", 100_000, "population", None),
    ("Children in secure care per 100,000 of population", 100_000, "population", None),
    ("Children in secure care per 100,000 head of population", 100_000, "population", None),
    ("Children in secure care per 100,000 total population", 100_000, "population", None),
    ("Children in secure care (rate per 100,000 population, 2023)", 100_000, "population", None),
    ("Children in secure care /100k population", 100_000, "population", None),
    ("Adults referred per 10,000 population", 10_000, "population", None),
    ("Adults referred per 10k people", 10_000, "population", None),
    ("Adults referred per 1000 population", 1_000, "population", None),
    ("Adults referred per 1,000 population", 1_000, "population", None),
    ("Adults referred per 1.000 population", 1_000, "population", None),
    ("Adults referred per 1k pop", 1_000, "population", None),
    ("Adults referred per thousand population", 1_000, "population", None),
    ("Adults referred per a thousand residents", 1_000, "population", None),
    ("Adults referred for every 1,000 people", 1_000, "population", None),
    ("Adults referred per 1,000 population 2023/24", 1_000, "population", None),  # a year is no age band
    ("Referrals per head of population", 1, "population", None),
    ("Referrals per capita", 1, "population", None),
    # an age group of the population: checked against councils.csv's population_<ages>
    ("Children on the child protection register per 1,000 population aged 0-15", 1_000, "population", "0-15"),
    ("Children on the child protection register per 1,000 population aged 0 to 15", 1_000, "population", "0-15"),
    ("Children on the child protection register per 1,000 population aged 0\u201315", 1_000, "population", "0-15"),
    ("Children on the child protection register per 1,000 population aged under 16", 1_000, "population", "0-15"),
    ("Children on the child protection register per 1,000 children aged 0-15", 1_000, "population", "0-15"),
    ("Children on the child protection register per 1,000 population (0-15)", 1_000, "population", "0-15"),
    ("Children aged 0-15 on the child protection register per 1,000 population", 1_000, "population", "0-15"),
    ("Looked after children per 1,000 population aged 0-17", 1_000, "population", "0-17"),
    ("Looked after children per 1,000 population in the 0 to 17 age group", 1_000, "population", "0-17"),
    ("Looked after children per 1,000 under 18s", 1_000, "population", "0-17"),
    ("Emergency admission rate (per 100,000 people aged 18+)", 100_000, "population", "18+"),
    ("Falls per 1,000 people 65+", 1_000, "population", "65+"),
    ("Falls per 1,000 population aged 65 and over", 1_000, "population", "65+"),
    ("Falls per 1,000 over 65s", 1_000, "population", "65+"),
    ("Older persons (over 65) receiving care per 1,000 population", 1_000, "population", "65+"),
    (
        "Days people spend in hospital when ready to be discharged, per 1,000 population (75+)",
        1_000,
        "population",
        "75+",
    ),
    ("Adults supported per 1,000 working age population", 1_000, "population", "16-64"),
    # a part of the population whose ages the title does not say: nothing in councils.csv checks it
    ("Children on the register per 1,000 children", 1_000, "part", None),
    ("Children on the register per 1,000 population of children", 1_000, "part", None),
    ("Adults supported per 1,000 adults", 1_000, "part", None),
    ("People supported per 1,000 older people", 1_000, "part", None),
    # a base that is no population
    ("Rate of readmission to hospital within 28 days per 1,000 discharges", 1_000, "other", None),
    ("Delayed discharges per 1,000 bed days", 1_000, "other", None),
    ("Re-referrals per 100 referrals", 100, "other", None),
    # no base named
    ("Children in secure care (rate per 100k)", 100_000, "unstated", None),
    ("Secure care rate", None, "unstated", None),
]


@pytest.mark.parametrize(("title", "per", "kind", "band"), SPELLINGS)
def test_every_spelling_of_a_rate_of_the_population_is_read_as_one(title, per, kind, band):
    base = rate_base(title)
    assert (base.per, base.kind, base.band) == (per, kind, band)


def test_a_rates_head_is_its_title_less_what_it_is_per():
    # the cases a rate counts, set beside a count's title (population_rates.counted_by)
    assert rate_head("Children on the register per 1,000 population aged 0-15") == "Children on the register "
    assert rate_head("Secure care 2023/24 per 10,000 children") == "Secure care 2023/24 "  # "per" before a "/"
    assert rate_head("Referrals for every 100 people") == "Referrals "
    assert rate_head("Referrals") == "Referrals"  # no "per": the whole title


def test_a_rate_of_the_whole_population_and_its_n():
    # the N of a rate "per N population" of the whole population (column population), which
    # population_rates.protect_population_rates works a count out of
    for title, per in (("Children in secure accommodation per 100,000 population", 100_000),
                       ("Rate per 1,000 residents", 1000), ("Rate per 100,000 population, 2023", 100_000)):  # fmt: skip
        assert (rate_base(title).per, rate_base(title).column) == (per, "population"), title
    assert rate_base("Rate of readmission to hospital within 28 days per 1,000 discharges").column != "population"


def test_a_rate_of_a_part_of_the_population_is_not_taken_for_one_of_the_whole():
    # the whole population gives no count of those aged 0-17: 0.9 per 1,000 of 25,000 children is 22, of 148,790
    # people 134; neither is taken for the other
    for title in ("per 1,000 population aged 0-17", "per 1,000 people 65+", "per 10,000 population (0-17)",
                  "per 1,000 population in the 0 to 17 age group", "per 1,000 population of children"):  # fmt: skip
        assert rate_base(title).column != "population", title


def test_the_councils_csv_column_a_rate_is_checked_against():
    assert rate_base("per 100k population").column == "population"
    assert rate_base("per 1,000 population aged 0-15").column == "population_0-15"
    assert rate_base("per 1,000 population (75+)").column == "population_75+"
    assert rate_base("per 1,000 children").column is None and rate_base("per 1,000 discharges").column is None
    assert rate_base("per 1,000 population aged 0-15").label == "rate per 1,000 population aged 0-15"
    assert rate_base("per 100K residents").label == "rate per 100,000 population"
    # the column of an age group is named as its ages are written: population_0-15, not population_0_15
    assert [population_column(c) for c in ("population_0-15", "population_65+", "population_18+")] == [True] * 3
    assert [population_column(c) for c in ("population_kids", "population_0_15", "population", "pop_0-15")] == [
        False
    ] * 4
    assert age_band("aged 65 years and over") == "65+" and age_band("within 28 days") is None
    assert age_band("2023-24") is None and age_band("aged 16 to 64") == "16-64"


def test_check_public_says_per_rate_why_it_is_not_checked_and_what_would_check_it():
    text, reason = unchecked_rate("Children on the CP register per 1,000 population aged 0-15", "dg", 4)
    assert text == (
        "rate per 1,000 population aged 0-15, value only, and no population_0-15 in councils.csv: add a column "
        "population_0-15 to councils.csv with dg's population aged 0-15 in row 4"
    )
    assert "add a column population_0-15 to councils.csv" in reason
    text, reason = unchecked_rate("Children in secure care per 100k population", "dg")
    assert text == "rate of the population, value only, and no population in councils.csv"
    assert "give the council's population in councils.csv" in reason
    text, reason = unchecked_rate("Rate of readmission to hospital within 28 days per 1,000 discharges", "dg")
    assert text == (
        "rate per 1,000 discharges, value only: discharges are not a population, so no figure in the data gives its "
        "count"
    )
    assert "give the numerator and denominator" in reason
    text, reason = unchecked_rate("Children on the register per 1,000 children", "dg")
    assert (
        text == "rate per 1,000 children, value only: its title does not say the ages of the children, so no "
        "population checks it"
    )
    assert "name the ages in its title" in reason
    text, _ = unchecked_rate("Children in secure care (rate per 100k)", "dg")
    assert text == "rate per 100,000, value only: its title does not say what it is per"


def test_an_unchecked_rate_says_the_councils_own_small_numbers():
    # the brief's #8: a council hiding 1 to 9 read "whether the count is 1 to 4 cannot be checked"
    for title in ("Children in secure care per 100k population", "Children on the register per 1,000 children",
                  "Children on the CP register per 1,000 population aged 0-15"):  # fmt: skip
        _, reason = unchecked_rate(title, "dg", None, 1, 9)
        assert "is 1 to 9" in reason and "1 to 4" not in reason
        assert "is 1 to 4" in unchecked_rate(title, "dg")[1]  # the default
