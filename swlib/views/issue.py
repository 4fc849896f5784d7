"""Page 1's issue line, what a clerk needs to table a paper: the date it was issued and who
owns it ("Issued 14 November 2023 · Report owner: Chief Social Work Officer"). The date is the
day the report is made (``SOURCE_DATE_EPOCH``'s when set, as the "Generated" stamp at its foot);
the owner is ``owner`` in params/councils.yaml. The national overview, by no council, names the
publisher of its figures instead ("Figures published by: Improvement Service")."""

from __future__ import annotations

from .. import reports
from ..config import council_settings
from ..periods import made_at


def issue_date() -> str:
    """The day the report is made, as people write it ('14 November 2023'), in UTC as the foot's stamp."""
    when = made_at()
    return f"{when.day} {when:%B %Y}"


def issue_view(council: str) -> dict:
    """``{"date", "owner"}`` for the line under a council report's title."""
    return {"date": issue_date(), "owner": council_settings(council).owner}


def national_issue_view() -> dict:
    """``{"date", "publisher"}`` for the line under the national overview's title."""
    return {"date": issue_date(), "publisher": reports.get("national").publisher}
