"""The public table's records (swlib.records): shared by every frame pandas derives from the
table, not deep-copied into each, and the same records whichever frame they are read from."""

import copy
import pickle

import swlib
from swlib.records import Records
from tests.conftest import make_data

TEXT = "One child was placed in secure accommodation"


def _public(data_dir):
    obs = [{"measure": "m0", "period": p, "numerator": n, "denominator": "40", "comment": TEXT if p.endswith("Q1") else ""}
           for p, n in (("2019-20-Q4", "31"), ("2020-21-Q1", "30"))]  # fmt: skip
    return swlib.performance(swlib.load(make_data(data_dir, [{"target": "50"}], obs)), "alpha", "2020-21-Q1",
                             audience="public")  # fmt: skip


def test_columns_rows_and_copies_of_the_public_table_share_its_records(data_dir):
    public = _public(data_dir)
    printed, withheld = public.attrs["printed"], public.attrs["withheld"]
    assert [(p["measure"], p["year"], p["months"], p["value"]) for p in printed] == [("m0", "2020-21", 3, 75.0)]
    assert [(w["file"], w["row"], w["column"]) for w in withheld] == [("observations.csv", 3, "comment")]
    # what a view reads: a column, a row, a mask, a copy, records; each frame is pandas' deep copy
    derived = [public["to_date"], public.iloc[0], public[public["to_date"] > 0], public.copy(), copy.deepcopy(public)]
    for d in derived:
        assert d.attrs["printed"] is printed and d.attrs["withheld"] is withheld
        assert d.attrs is not public.attrs  # the small values are copied as before
    assert isinstance(printed, tuple) and isinstance(withheld, tuple)  # nothing can add to or drop from them


def test_records_are_copied_as_themselves_and_survive_a_worker_process():
    r = Records([{"measure": "m0", "value": 75.0}])
    assert copy.deepcopy(r) is r and copy.copy(r) is r
    back = pickle.loads(pickle.dumps(r))  # a report's figures come back from a batch worker pickled
    assert type(back) is Records and back == r
    # records added to records or a list (rendering: the table's figures, then the workforce's) are a new list
    seen = r
    seen += [{"measure": "workforce:Total"}]
    assert seen == [{"measure": "m0", "value": 75.0}, {"measure": "workforce:Total"}] and len(r) == 1
    assert r + Records([{"measure": "m1"}]) == [{"measure": "m0", "value": 75.0}, {"measure": "m1"}]
    assert [{"measure": "m1"}] + r == [{"measure": "m1"}, {"measure": "m0", "value": 75.0}]  # noqa: RUF005 (the sum is what is tested)
