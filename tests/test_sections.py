"""Report pieces as a reader sees them."""

import swlib
from swlib.sections import performance_table
from tests.conftest import make_data


def test_percentages_show_the_counts_behind_them_except_where_suppressed(data_dir):
    ms = [{"target": "50"}, {"target": "50"}]
    obs = [{"measure": "m0", "period": "2020-21-Q1", "numerator": "40", "denominator": "56"},
           {"measure": "m1", "period": "2020-21-Q1", "numerator": "3", "denominator": "56"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs))
    internal = swlib.performance(ds, "alpha", "2020-21-Q1")
    html = performance_table(internal, internal.attrs["years"], "t")
    assert "71.4% (40 of 56)" in html and "5.4% (3 of 56)" in html
    public = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public")
    html = performance_table(public, public.attrs["years"], "t")
    assert "71.4% (40 of 56)" in html and "(3 of 56)" not in html and "5.4%" not in html
