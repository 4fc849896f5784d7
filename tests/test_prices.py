"""Pounds in a performance row on one price basis, and a target at the figure's prices (swlib.prices)."""

import math

from swlib.periods import Period
from swlib.prices import price_basis, target_at_prices

Y = [Period.parse(y) for y in ("2020-21", "2021-22", "2022-23")]


def row(value, price_year=None, cash=math.nan):
    return {"value_c": value, "price_year": price_year, "cash_value": cash}


def test_a_measure_not_in_pounds_is_left_as_it_is():
    mo = {"2022-23": row(5.0)}
    assert price_basis(mo, "count", Y) == (mo, None, None)


def test_pounds_in_cash_are_said_to_be_cash_and_not_compared_across_years():
    mo = {"2021-22": row(100.0), "2022-23": row(110.0)}
    got, note, why_not = price_basis(mo, "currency", Y)
    assert got == mo
    assert note == "£ cash, not adjusted for inflation: not compared across years"
    assert why_not == "cash, not adjusted for inflation"


def test_the_lgbfs_real_terms_figures_are_named_at_their_price_year_and_compared():
    mo = {y: row(v, "2022-23", c) for y, v, c in (("2021-22", 104.0, 100.0), ("2022-23", 110.0, 110.0))}
    _, note, why_not = price_basis(mo, "currency", Y)
    assert note == "£ at 2022/23 prices (real terms, LGBF) for 2021/22 and 2022/23" and why_not is None


def test_real_terms_beside_the_councils_own_cash_are_all_printed_in_cash_each_at_its_own_years_prices():
    mo = {"2021-22": row(104.0, "2022-23", 100.0), "2022-23": row(112.0)}  # the council's own, later, in cash
    got, note, why_not = price_basis(mo, "currency", Y)
    assert got["2021-22"]["value_c"] == 100.0 and got["2021-22"]["price_year"] is None
    assert mo["2021-22"]["value_c"] == 104.0  # the observations given are not changed
    assert note == "£ cash, not adjusted for inflation: not compared across years"
    assert why_not == "cash, not adjusted for inflation"


def test_a_target_is_set_at_the_prices_its_figure_is_shown_at():
    mo = {"2021-22": row(104.0, "2022-23", 100.0)}
    assert target_at_prices(mo, Y[1], "currency") == (1.04, "2022-23")
    assert target_at_prices(mo, Y[1], "count") == (None, None)
    assert target_at_prices({"2022-23": row(110.0, "2022-23", 110.0)}, Y[2], "currency") == (None, None)  # its own year
