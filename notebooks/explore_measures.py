# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Explore a measure
#
# Pick a council, a theme, a measure and a period: the view shows the measure's definition, its figures by period, the trend and SPC chart, its benchmark position and the officers' comments. *Export view* saves the data behind it to CSV or Excel.

# %% tags=["parameters"]
council = "south-lanarkshire"
period = "2021-22-Q2"
theme = None
measure = None
audience = "internal"  # "public": only what a public report prints, and downloads to match
data = None

# %%
import swlib
from swlib.explorer import Explorer

explorer = Explorer(swlib.load(data), council, period, theme, measure, audience=audience)
explorer.widget()  # where widgets do not run (a saved or exported copy), the same output shows the view as HTML
