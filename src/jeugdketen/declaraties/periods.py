"""Dates and volumes against a period: days and months, volume per frequency, whole months.

TR387 and TR388 (:func:`whole_month`): a ProductPeriode is a whole calendar month, cut only by
the toewijzing. :func:`within` is how TR321 and the caps per week or month read a frequency.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jeugdketen.core.months import month_end

ONE_DAY = dt.timedelta(days=1)


def days(begin: dt.date, end: dt.date) -> int:
    return (end - begin).days + 1


def months(begin: dt.date, end: dt.date) -> int:
    return (end.year - begin.year) * 12 + end.month - begin.month + 1


def within(
    volume: Decimal | int, allowed: Decimal | int, frequency: str, begin: dt.date, end: dt.date
) -> bool:
    """Whether `volume` over begin..end fits `allowed` per day (1), week (2) or month (4)."""
    if frequency == "1":
        return volume <= allowed * days(begin, end)
    if frequency == "2":
        return volume * 7 <= allowed * days(begin, end)
    if frequency == "4":
        return volume <= allowed * months(begin, end)
    return True


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def whole_month(verdict, tw, *, begin_outside: bool, end_outside: bool) -> None:
    """TR387/TR388: a ProductPeriode is a whole calendar month, cut only by the toewijzing.

    The begin is the first of its month unless the toewijzing starts later in that month
    (then it is the toewijzing's begin); the end is the last day of its month unless the
    toewijzing ends earlier in that month. A date outside the toewijzing is TR307/TR308
    already, the more precise finding, so it is not reported twice.
    """
    line = verdict.line
    begin, end = line.begin, line.end
    # Fast paths first: almost every line is a whole month.
    if not begin_outside and begin.day != 1:
        # Inside the toewijzing, so tw.begin <= begin: the toewijzing's begin counts only in this month.
        same_month = (tw.begin.year, tw.begin.month) == (begin.year, begin.month)
        expected = tw.begin if same_month else begin.replace(day=1)
        if begin != expected:
            verdict.reject(
                "TR387",
                f"Begindatum {begin:%d-%m-%Y} moet {expected:%d-%m-%Y} zijn: "
                "de eerste dag van de maand, of de begindatum van de toewijzing als die later in de maand "
                "ligt.",
            )
    if not end_outside and (end + ONE_DAY).day != 1:
        # Inside the toewijzing, so end <= tw.end: the toewijzing's end counts only in this month.
        same_month = tw.end is not None and (tw.end.year, tw.end.month) == (end.year, end.month)
        expected = tw.end if same_month else month_end(end)
        if end != expected:
            verdict.reject(
                "TR388",
                f"Einddatum {end:%d-%m-%Y} moet {expected:%d-%m-%Y} zijn: "
                "de laatste dag van de maand, of de einddatum van de toewijzing als die eerder in de maand "
                "ligt.",
            )


def month_period(tw, day: dt.date) -> tuple[dt.date, dt.date]:
    """The ProductPeriode the municipality accepts for the month of ``day`` (TR387/TR388): the
    whole calendar month, cut only by the toewijzing (its first and last month are partial)."""
    first, last = day.replace(day=1), month_end(day)
    return max(first, tw.begin), min(last, tw.end or last)


def per_label(frequency: str) -> str:
    return {"1": "dag", "2": "week", "4": "maand", "6": "geldigheidsduur"}.get(frequency, "periode")


def span(tw) -> str:
    end_text = f"{tw.end:%d-%m-%Y}" if tw.end else "open einde"
    return f"de toewijzing loopt van {tw.begin:%d-%m-%Y} tot {end_text}"
