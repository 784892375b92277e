"""Residential (verblijf) billing: which days of a stay a bill line of etmalen may count.

A JW323 line bills a month of etmalen as one number. Noordoost-Brabant's book says which
days are billable (Bijlage 1, paragraph 3.2): a day on which the child was taken in before
20:00, the day of departure at the end of care, and absence days only for the residential
products it names and within its limits; no absence days for part-time stay, for the
clinical stays A to HIC, or for respite; and part-time stay is a pattern of 7, 8 or 9 etmalen in
14, so an etmaal beyond the 9th of a period of 14 is full stay, which a part-time toewijzing
does not cover (:func:`pattern_start`). It also lets a provider bill a lighter clinical stay
within the toewijzing of a heavier one (paragraph 3.3).

The provider's register of stay days (:class:`~.models.Verblijfsdag`) is the account behind
the number. :func:`load` reads the register for all toewijzingen of a declaration in one
query; :func:`judge_stay` then decides each line in memory. A line whose toewijzing has no
register for its period cannot be judged day by day: the register is where a provider shows
its days. Every line of etmalen, with a register or without, is bounded by what an etmaal is
(:func:`judge_days_of_care`, every region): no more etmalen than the days of its period from
the start of care; TR321 and the caps bound it further (docs/rules.md).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

from . import facts, respijt
from .models import Verblijfsdag

ETMAAL = "14"
EIGHT_PM = dt.time(20, 0)

# Noordoost-Brabant product codes, by what the book says of their absence days (3.2).
# Verblijf basis, specialistisch and intensief: absence is paid within the limits. 44A30
# "Fasehuis / deeltijdverblijf" is verblijf basis (Tabel 10) with 24-hour supervision: a full
# stay unless its toewijzing makes it part-time (at most 4 etmalen a week, see is_part_time).
ABSENCE_PAID = {"44A27", "44A28", "44A30", "43A36", "43A38", "43B38", "43B37", "54013", "54014"}
# The eight clinical stays (A to HIC) and clinical addiction care: only days delivered.
CLINICAL = ["54Z01", "54Z02", "54Z03", "54Z04", "54Z05", "54Z06", "54Z07", "54Z08"]  # light to heavy
ACTUAL_ONLY = set(CLINICAL) | {"43B50", "43B51"}
# Respite (logeren): no absence pay.
RESPITE = {"43A11"}
# Full-time foster care: leave days are paid when the provider pays the foster parents for them.
FOSTER = {"43A09"}

HOLIDAY_SPELL = 14  # days in a row per spell of holiday or detention
HOLIDAY_STAY_BEFORE = 14  # days the child stayed before the spell
HOLIDAY_YEAR = 42  # absence days for holiday or detention per child per calendar year
ADMISSION_SPELL = 91  # days of admission elsewhere (ggz, medical) before consent is needed
WEEKEND_LEAVE = 2  # days of weekend leave per week (Monday to Sunday), and at most this many in a row
# Above 4½ etmalen a week a stay is full stay (3.2): a toewijzing of at most this many etmalen a
# week is part-time stay, whatever its product (verblijf specialistisch "ook in deeltijd").
PART_TIME_PER_WEEK = 4
PER_WEEK = "2"  # WJ757 frequency code
# Part-time stay is an average pattern over 14 etmalen with 7, 8 or 9 at the provider (3.2): the
# etmalen of each fixed period of 14 from the toewijzing's begin beyond the 9th are full stay.
PATTERN_DAYS = 14
PATTERN_MOST = 9
# Weekend foster care is part-time by its name, whatever its toewijzing says: days not delivered
# are not paid and its etmalen follow the pattern. Every other stay, 44A30 ("Fasehuis /
# deeltijdverblijf", a phase house with 24-hour supervision) included, is part-time only by its
# toewijzing (is_part_time).
PART_TIME_BY_NAME = {"43A62"}


@dataclass(frozen=True, slots=True)
class Day:
    date: dt.date
    kind: str
    arrived_at: dt.time | None = None
    reason: str = ""
    agreed: bool = False
    left_at: dt.time | None = None


def load(
    toewijzingen, lines, product_facts
) -> tuple[dict[int, list[Day]], dict[int, str], dict[tuple[str, str], int], dict]:
    """The register of stay days of the declaration's residential toewijzingen, the region of each
    product, the clinical stays per region a lighter line may bill, and the respite products
    counted per stay (:mod:`.respijt`). ``product_facts``: :func:`.facts.products` of the
    toewijzingen's products.
    """
    regions, by_stay = {}, {}
    for pk, fact in product_facts.items():
        regions[pk] = fact.region
        if (fact.region, fact.code or fact.name) in respijt.BY_STAY:
            by_stay[pk] = respijt.BY_STAY[(fact.region, fact.code or fact.name)]
    ladder: dict[tuple[str, str], int] = {}
    if any(tw.code in CLINICAL for tw in toewijzingen.values()):
        for pk, fact in facts.products_with_codes(CLINICAL).items():
            if applies("VERBLIJF-AFSCHALEN", fact.region):
                ladder[(fact.region, fact.code)] = pk
    stays: dict[int, list[Day]] = defaultdict(list)
    residential = {tw.id: tw for tw in toewijzingen.values() if tw.unit == ETMAAL}
    if residential and lines:
        first = min(line.begin for line in lines)
        # From the start of the year (the yearly absence limit), a month earlier for the stay before a spell.
        since = dt.date(first.year, 1, 1) - dt.timedelta(days=31)
        until = max(line.end for line in lines)
        from .context import among  # one parameter for any number of toewijzingen

        rows = (
            Verblijfsdag.objects.filter(
                toewijzing_id__in=among(residential, "bigint"), date__gte=since, date__lte=until
            )
            .order_by()
            .values_list("toewijzing_id", "date", "kind", "arrived_at", "reason", "agreed", "left_at")
        )
        for tw_id, *values in rows:
            stays[tw_id].append(Day(*values))
        for days in stays.values():
            days.sort(key=lambda day: day.date)
    return dict(stays), regions, ladder, by_stay


@regel("VERBLIJF-AFSCHALEN")
def lighter(context, tw, code: str) -> int | None:
    """The product a line of a lighter clinical stay bills under the toewijzing of a heavier one."""
    if tw.code not in CLINICAL or code not in CLINICAL or CLINICAL.index(code) >= CLINICAL.index(tw.code):
        return None
    region = context.product_regions.get(tw.product_id, "")
    if not applies("VERBLIJF-AFSCHALEN", region):
        return None
    return context.lower_products.get((region, code))


def _absence(
    code: str, day: Day, spell: int, stayed: int, week_leave: int, year_used: int, part_time: bool = False
) -> str | None:
    """The rule that keeps an absence day from being billed, or None when it is billable."""
    if code in RESPITE:
        return "VERBLIJF-RESPIJT"
    if code in ACTUAL_ONLY:
        return "VERBLIJF-KLINISCH"
    if code in PART_TIME_BY_NAME or part_time:
        return "VERBLIJF-DEELTIJD"
    if day.agreed:
        return None
    if code in FOSTER:
        return None if day.reason == Verblijfsdag.Reason.PLEEGOUDERS else "VERBLIJF-AFWEZIG"
    if code not in ABSENCE_PAID:
        return "VERBLIJF-AFWEZIG"
    if day.reason == Verblijfsdag.Reason.VAKANTIE:
        ok = spell <= HOLIDAY_SPELL and stayed >= HOLIDAY_STAY_BEFORE and year_used < HOLIDAY_YEAR
        return None if ok else "VERBLIJF-AFWEZIG"
    if day.reason == Verblijfsdag.Reason.ONDERWIJS:
        return None
    if day.reason == Verblijfsdag.Reason.OPNAME:
        return None if spell <= ADMISSION_SPELL else "VERBLIJF-AFWEZIG"
    if day.reason == Verblijfsdag.Reason.WEEKENDVERLOF:
        # "maximaal twee aaneengesloten dagen" (a spell across Sunday is one spell) and two a week
        return None if spell <= WEEKEND_LEAVE and week_leave < WEEKEND_LEAVE else "VERBLIJF-AFWEZIG"
    return "VERBLIJF-AFWEZIG"


def is_part_time(tw) -> bool:
    """Whether a toewijzing of etmalen is part-time stay by its volume: at most 4 etmalen a week."""
    return (
        tw.unit == ETMAAL
        and tw.frequency == PER_WEEK
        and tw.volume is not None
        and tw.volume <= PART_TIME_PER_WEEK
    )


def pattern_start(tw, code: str) -> dt.date | None:
    """The first day of the first period of 14 etmalen of a part-time stay, or None when the
    stay is not part-time by its toewijzing (at most 4 etmalen a week) or its name (43A62).

    The periods are fixed from the toewijzing's begin: the pattern "herhaalt zich tweewekelijks",
    so every period of 14 holds one whole turn of it, and each day belongs to one period only.
    """
    if tw.unit != ETMAAL or not (is_part_time(tw) or code in PART_TIME_BY_NAME):
        return None
    return tw.begin


def _beyond_pattern(days: list[Day], result: dict, pattern_from: dt.date) -> None:
    """Mark the billable etmalen of each period of 14 beyond the 9th, in the order of the days.

    Counting in date order makes a month's verdict independent of the days after it, so a
    period that runs into the next month refuses the same days whichever line comes first.
    """
    present: Counter = Counter()
    for day in days:
        if (
            day.kind == Verblijfsdag.Kind.AFWEZIG
            or result.get(day.date) is not None
            or day.date < pattern_from
        ):
            continue
        period = (day.date - pattern_from).days // PATTERN_DAYS
        present[period] += 1
        if present[period] > PATTERN_MOST:
            result[day.date] = "VERBLIJF-DEELTIJD-PATROON"


def periods(
    days: list[Day], result: dict, pattern_from: dt.date, first: dt.date, last: dt.date, until: dt.date | None
) -> list[tuple[dt.date, dt.date, int, int]]:
    """The periods of 14 etmalen that touch ``first``..``last``, for the screen: (begin, end,
    etmalen at the provider that count towards the pattern, days in the period). ``until``, the
    toewijzing's end, cuts the last period short (its limit stays 9)."""
    if until is not None:
        last = min(last, until)
    counted: Counter = Counter()
    for day in days:
        at_provider = day.kind != Verblijfsdag.Kind.AFWEZIG and day.date >= pattern_from
        if at_provider and result.get(day.date) in (None, "VERBLIJF-DEELTIJD-PATROON"):
            counted[(day.date - pattern_from).days // PATTERN_DAYS] += 1
    shown = []
    first_period = max((first - pattern_from).days // PATTERN_DAYS, 0)
    for period in range(first_period, (last - pattern_from).days // PATTERN_DAYS + 1):
        begin = pattern_from + dt.timedelta(days=period * PATTERN_DAYS)
        end = begin + dt.timedelta(days=PATTERN_DAYS - 1)
        if until is not None:
            end = min(end, until)
        shown.append((begin, end, counted[period], (end - begin).days + 1))
    return shown


def verdicts(
    code: str,
    days: list[Day],
    *,
    stay_start: dt.date | None,
    holiday_used: Counter,
    part_time: bool = False,
    pattern_from: dt.date | None = None,
) -> dict:
    """Per registered day: None when billable, else the id of the rule that keeps it from being billed.

    ``holiday_used`` counts the child's paid holiday days per year and is updated, so the yearly
    limit holds over all the child's residential toewijzingen. ``pattern_from``: the begin of the
    periods of 14 etmalen of a part-time stay (:func:`pattern_start`), None for any other stay.
    """
    result: dict[dt.date, str | None] = {}
    spell_reason, spell, previous = "", 0, None
    week_leave: Counter = Counter()
    start = stay_start
    for day in days:
        if day.kind != Verblijfsdag.Kind.AFWEZIG:
            spell_reason, spell = "", 0
            if start is None or day.date < start:
                start = day.date
            if (
                day.kind == Verblijfsdag.Kind.AANWEZIG
                and day.arrived_at is not None
                and day.arrived_at >= EIGHT_PM
            ):
                result[day.date] = "VERBLIJF-DAG"
            elif day.kind == Verblijfsdag.Kind.VERTREK and code in RESPITE:
                result[day.date] = "RESPIJT-VERTREK"
            else:
                result[day.date] = None
            previous = day.date
            continue
        continuing = previous is not None and day.date == previous + dt.timedelta(days=1)
        spell = spell + 1 if continuing and day.reason == spell_reason else 1
        spell_reason, previous = day.reason, day.date
        if spell == 1:
            stayed = (day.date - start).days if start is not None else 0
        week = day.date.isocalendar()[:2]
        rule = _absence(code, day, spell, stayed, week_leave[week], holiday_used[day.date.year], part_time)
        if rule is None and code in ABSENCE_PAID and not day.agreed:
            if day.reason == Verblijfsdag.Reason.VAKANTIE:
                holiday_used[day.date.year] += 1
            if day.reason == Verblijfsdag.Reason.WEEKENDVERLOF:
                week_leave[week] += 1
        result[day.date] = rule
    if pattern_from is not None:
        _beyond_pattern(days, result, pattern_from)
    return result


def _client_verdicts(context, client_id: int) -> dict[int, dict]:
    cached = context.stay_verdicts.get(client_id)
    if cached is not None:
        return cached
    holiday_used: Counter = Counter()
    result = {}
    tws = sorted(
        (
            tw
            for tw in context.toewijzingen.values()
            if tw.client_id == client_id and tw.id in context.stay_days
        ),
        key=lambda tw: tw.begin,
    )
    for tw in tws:
        result[tw.id] = verdicts(
            tw.code,
            context.stay_days[tw.id],
            stay_start=context.first_start.get(tw.id),
            holiday_used=holiday_used,
            part_time=is_part_time(tw),
            pattern_from=pattern_start(tw, tw.code),
        )
    context.stay_verdicts[client_id] = result
    return result


TEXTS = {
    "VERBLIJF-DAG": "dagen zonder opname vóór 20:00 of zonder verblijf in het register",
    "VERBLIJF-AFWEZIG": "afwezigheidsdagen boven de grenzen van het productenboek",
    "VERBLIJF-DEELTIJD": "niet geleverde dagen bij deeltijdverblijf",
    "VERBLIJF-DEELTIJD-PATROON": "etmalen boven 9 per 14 etmalen bij deeltijdverblijf (volledig verblijf)",
    "VERBLIJF-KLINISCH": "niet geleverde dagen bij een klinische verblijfsprestatie",
    "VERBLIJF-RESPIJT": "afwezigheidsdagen bij respijtzorg",
    "RESPIJT-VERTREK": "dagen van vertrek bij logeren (nooit een etmaal)",
}


@regel("VERBLIJF-ETMALEN")
def judge_days_of_care(context, verdict, tw) -> bool:
    """Refuse a line of etmalen that counts more days than care can have run; True when it did.

    An etmaal is 24 hours, so a period holds at most as many etmalen as it has calendar days,
    and no day before the start of care (JW305) is a day of stay. This holds with or without a
    register. Which of those days count (the 20:00 rule, absence and its limits) only the
    register can tell: without it the day of arrival gets the benefit of the doubt
    (docs/rules.md). Reads only what the context already holds (the first start per
    toewijzing), so it adds no query.
    """
    line = verdict.line
    region = context.product_regions.get(tw.product_id, "")
    if not applies("VERBLIJF-ETMALEN", region):
        return False
    start = context.first_start.get(tw.id)
    if start is not None and start > line.end:
        return False  # no start of care in the period: JW305 says so already
    first = max(line.begin, start) if start is not None else line.begin
    allowed = (line.end - first).days + 1
    if line.volume <= allowed:
        return False
    since = f" vanaf de start van de zorg op {start:%d-%m-%Y}" if first != line.begin else ""
    unjudged = (
        ""
        if tw.id in context.stay_days
        else (" Zonder verblijfsregister worden de dagen zelf (20:00-regel, afwezigheid) niet beoordeeld.")
    )
    verdict.reject(
        "VERBLIJF-ETMALEN",
        f"{line.volume} etmalen gedeclareerd over {line.begin:%d-%m-%Y} t/m {line.end:%d-%m-%Y}; "
        f"die periode heeft{since} {allowed} dagen en een etmaal is 24 uur.{unjudged}",
    )
    return True


@regel("VERBLIJF-DAG", "VERBLIJF-AFWEZIG", "VERBLIJF-DEELTIJD", "VERBLIJF-KLINISCH", "VERBLIJF-RESPIJT")
@regel("RESPIJT-VERTREK", "VERBLIJF-DEELTIJD-PATROON")
def judge_stay(context, verdict, tw) -> None:
    """Refuse a line of etmalen that counts more days than the register of stay days allows.

    First the bound every line of etmalen has (:func:`judge_days_of_care`); the register then
    decides day by day where the provider keeps one for the line's period.
    """
    line = verdict.line
    if line.unit != ETMAAL or judge_days_of_care(context, verdict, tw) or tw.id not in context.stay_days:
        return
    if tw.product_id in context.respite_by_stay:
        respijt.judge_by_stay(context, verdict, tw, *context.respite_by_stay[tw.product_id])
        return
    region = context.product_regions.get(tw.product_id, "")
    days = _client_verdicts(context, tw.client_id)[tw.id]
    period = {date: rule for date, rule in days.items() if line.begin <= date <= line.end}
    if not period:
        return
    refused = Counter(rule for rule in period.values() if rule is not None and applies(rule, region))
    billable = len(period) - sum(refused.values())
    missing = (line.end - line.begin).days + 1 - len(period)
    if line.volume <= billable:
        return
    # Respite and a part-time stay held to its pattern are not continuous: a day at home is no
    # finding, unless nothing else explains.
    continuous = tw.code not in RESPITE and pattern_start(tw, tw.code) is None
    if missing and applies("VERBLIJF-DAG", region) and (continuous or not refused):
        refused["VERBLIJF-DAG"] += missing
    for rule, count in sorted(refused.items()):
        verdict.reject(
            rule,
            f"{line.volume} etmalen gedeclareerd, {billable} declarabel volgens het verblijfsregister: "
            f"{count} {TEXTS[rule]}.",
        )
