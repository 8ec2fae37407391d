"""ISO 8601 dates truncated to their precision ('1935', '1935-06', '1935-06-10'), as data/ records them."""
from __future__ import annotations

import calendar
import datetime as dt
import re

import pandas as pd

ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")


def parse_date(value: str) -> tuple[dt.date, str]:
    """An ISO date truncated to its precision ('1935', '1935-06', '1935-06-10') and that precision.
    Raises ValueError for anything else, including impossible dates (month 00, 30 February)."""
    m = ISO.match(str(value))
    if not m:
        raise ValueError(f"not an ISO date truncated to its precision: {value!r}")
    parts = [int(p) for p in m.groups() if p is not None]
    precision = {1: "year", 2: "month", 3: "day"}[len(parts)]
    return dt.date(*(parts + [1] * (3 - len(parts)))), precision


def spell(day: dt.date, precision: str) -> str:
    """A date as the edition prints it at its precision: '1935', 'June 1935', '10 June 1935'."""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{calendar.month_name[day.month]} {day.year}"
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def date_span(value: str, precision: str | None = None, end_date: str | None = None) -> tuple[dt.date, dt.date]:
    """First and last day covered by a date of the given precision (and an optional end date)."""
    first, implied = parse_date(value)
    precision = precision or implied
    if precision == "year":
        last = dt.date(first.year, 12, 31)
    elif precision == "month":
        last = dt.date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    else:
        last = first
    if end_date is not None and not pd.isna(end_date) and str(end_date):
        last = max(last, date_span(str(end_date))[1])
    return first, last
