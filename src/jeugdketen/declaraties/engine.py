"""Judging every Prestatie of one declaration, set-based.

:func:`load_context` reads everything the rules need for the whole declaration in a
handful of queries (toewijzingen, starts, contract tariffs, products and caps, earlier
prestaties and the volumes already accepted), chunked only to stay under the database's
parameter limit. :func:`judge` then decides each line in memory, in document order, so the
time grows linearly with the number of lines and never with a query per line.

Credit lines are judged before debit lines: a provider that credits an old line and bills
it again in the same declaration (the usual correction) must not trip TR389.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Min, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear

from jeugdketen.catalogus.models import Product, ProductCap
from jeugdketen.contracten.models import ContractProduct
from jeugdketen.contracten.tariffs import applicable as applicable_tariffs
from jeugdketen.levering.models import Start
from jeugdketen.regels import regel
from jeugdketen.regels.register import applies
from jeugdketen.toegang.models import Toewijzing

from . import looptijd, verblijf
from .indirect import indirect_allowed
from .jw323 import Line
from .models import GeleverdeZorg, Prestatie
from .rules import RULES

CHUNK = 5000
#: How often (in lines) judging reports its progress to a background intake.
PROGRESS_EVERY = 1000
MINUTES = {"01": 1, "04": 60, "16": 240, "14": 1440}
UNNEST = {"text": "SELECT unnest(%s::text[])", "bigint": "SELECT unnest(%s::bigint[])"}
WITHDRAWN = "13"
ONE_DAY = dt.timedelta(days=1)  # JZ002 RedenWijziging "Verwijderd"


@dataclass(slots=True)
class Finding:
    rule: str
    retourcode: str
    text: str

    def as_dict(self) -> dict:
        return {"rule": self.rule, "retourcode": self.retourcode, "text": self.text}


@dataclass(slots=True)
class Verdict:
    line: Line
    findings: list[Finding] = field(default_factory=list)
    toewijzing_id: int | None = None
    client_id: int | None = None
    product_id: int | None = None
    counts_as_billed: bool = True
    closes_debit: int | None = None  # id of the debit Prestatie a credit line closes

    @property
    def accepted(self) -> bool:
        return not self.findings

    @property
    def retourcodes(self) -> list[str]:
        return list(dict.fromkeys(finding.retourcode for finding in self.findings))

    def reject(self, rule: str, text: str) -> None:
        self.findings.append(Finding(rule, RULES[rule].retourcode, text))


@dataclass(slots=True)
class Tw:
    id: int
    number: str
    client_id: int
    bsn: str
    birth_date: dt.date
    provider_id: int
    product_id: int | None
    category: str
    code: str
    begin: dt.date
    end: dt.date | None
    volume: int | None
    unit: str
    frequency: str
    budget_cents: int | None
    withdrawn: bool


@dataclass(slots=True)
class Context:
    provider_id: int
    toewijzingen: dict[str, Tw]
    first_start: dict[int, dt.date]
    tariffs: dict[tuple[int, int], tuple[Decimal, bool]]  # (product, year) -> (euros, indirect allowed)
    products: dict[int, tuple[str, dict, int | None]]  # id -> (code, limits, start_before_age)
    caps: dict[int, list[tuple[Decimal, str, str, str]]]  # product -> [(amount, unit, per, label)]
    known_references: set[str]
    debits_by_reference: dict[str, tuple]
    open_debit_keys: Counter
    used_volume: dict[int, int]
    used_amount: dict[int, int]
    cap_used: dict[tuple, Decimal]
    indirect: dict[str, int]
    # The regions whose contract binds this municipality: contract rules (the vervaltermijn) hold
    # only where one of them has them, so no region's contract leaks into another.
    contract_regions: frozenset[str] = frozenset()
    # Residential billing (:mod:`.verblijf`): the register of stay days per toewijzing, the
    # product book region of each product, the lighter clinical stays per (region, code).
    stay_days: dict[int, list] = field(default_factory=dict)
    product_regions: dict[int, str] = field(default_factory=dict)
    lower_products: dict[tuple[str, str], int] = field(default_factory=dict)
    stay_verdicts: dict[int, dict] = field(default_factory=dict)
    respite_by_stay: dict[int, tuple] = field(default_factory=dict)  # product -> (rule, most per stay)
    foster_products: frozenset[int] = frozenset()  # exempt from the two years of an open end


def chunks(values: Iterable, size: int = CHUNK) -> Iterator[list]:
    values = list(values)
    for index in range(0, len(values), size):
        yield values[index : index + size]


def among(values: Iterable, kind: str = "text") -> RawSQL:
    """A subquery over ``values`` passed as ONE parameter, for ``field__in=among(...)``.

    A list of 100,000 values as ``IN (%s, %s, ...)`` costs more in Django (a lookup per
    value) and in psycopg (splitting the query at every placeholder) than the database
    needs to answer it. PostgreSQL takes the list as one array (``unnest``), SQLite as one
    JSON text (``json_each``). ``kind`` is the PostgreSQL element type: text or bigint.
    """
    values = list(values)
    # Constant SQL; the values travel as a bound parameter.
    if connection.vendor == "postgresql":
        return RawSQL(UNNEST[kind], [values])  # noqa: S611
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(values)])  # noqa: S611


def _as_date(value) -> dt.date:
    """SQLite answers an aggregate over a date column as text."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def load_context(provider, municipality, lines: list[Line]) -> Context:
    provider_ids = [provider.pk] + ([provider.contract_holder_id] if provider.contract_holder_id else [])
    numbers = {line.toewijzing_number for line in lines}
    references = {line.reference for line in lines}
    toewijzingen: dict[str, Tw] = {}
    rows = Toewijzing.objects.filter(municipality=municipality, number__in=among(numbers)).values_list(
        "id", "number", "client_id", "client__bsn", "client__birth_date", "provider_id", "product_id",
        "product_category", "product_code", "begin", "end", "volume", "unit", "frequency",
        "budget_cents", "status", "reden_wijziging",
    )  # fmt: skip
    for row in rows:
        withdrawn = row[15] == Toewijzing.Status.INGETROKKEN or row[16] == WITHDRAWN
        toewijzingen[row[1]] = Tw(*row[:15], withdrawn=withdrawn)
    tw_ids = among((tw.id for tw in toewijzingen.values()), "bigint")
    first_start: dict[int, dt.date] = {
        tw_id: _as_date(first)
        for tw_id, first in Start.objects.filter(toewijzing_id__in=tw_ids)
        .values("toewijzing_id")
        .annotate(first=Min("date"))
        .values_list("toewijzing_id", "first")
    }
    stay_days, product_regions, lower_products, respite_by_stay = verblijf.load(toewijzingen, lines)
    product_ids = {tw.product_id for tw in toewijzingen.values() if tw.product_id}
    product_ids |= set(lower_products.values())
    tariffs: dict[tuple[int, int], tuple[Decimal, bool]] = {}
    rows = ContractProduct.objects.filter(
        applicable_tariffs(), contract__provider_id__in=provider_ids, product_id__in=product_ids
    ).values_list(
        "product_id", "year", "tariff", "contract__indirect_time_allowed", "contract__provider_id", "variant"
    )
    # The provider's own contract wins over its contract holder's, a micro tariff over a regular one.
    for product_id, year, tariff, indirect, _owner, _variant in sorted(
        rows, key=lambda r: (r[4] == provider.pk, r[5] == "micro")
    ):
        tariffs[(product_id, year)] = (tariff, indirect)
    products = {
        pk: (code or "", limits or {}, start_before_age)
        for pk, code, limits, start_before_age in Product.objects.filter(id__in=product_ids).values_list(
            "id", "code", "limits", "start_before_age"
        )
    }
    caps: dict[int, list] = defaultdict(list)
    for product_id, amount, unit, per, label in ProductCap.objects.filter(
        product_id__in=product_ids
    ).values_list("product_id", "amount", "unit_code", "per", "label"):
        caps[product_id].append((amount, unit, per, label))

    known_references = set(
        Prestatie.objects.filter(provider=provider, reference__in=among(references)).values_list(
            "reference", flat=True
        )
    )
    debits_by_reference: dict[str, tuple] = {}
    previous = {
        line.previous_reference for line in lines if line.debit_credit == "C" and line.previous_reference
    }
    if previous:
        for row in Prestatie.objects.filter(
            provider=provider, reference__in=among(previous), debit_credit="D", counts_as_billed=True
        ).values_list(
            "reference", "id", "accepted", "credited", "toewijzing_number", "begin", "end", "amount_cents",
            "product_code", "toewijzing_id", "volume", "client_id", "product_id", "unit",
        ):  # fmt: skip
            debits_by_reference[row[0]] = row
    open_debit_keys: Counter = Counter(
        Prestatie.objects.filter(
            toewijzing_id__in=tw_ids, debit_credit="D", credited=False, counts_as_billed=True
        ).values_list("toewijzing_id", "product_code", "begin", "end")
    )
    used_volume: dict[int, int] = defaultdict(int)
    used_amount: dict[int, int] = defaultdict(int)
    for tw_id, dc, volume, amount in (
        Prestatie.objects.filter(toewijzing_id__in=tw_ids, accepted=True)
        .values("toewijzing_id", "debit_credit")
        .annotate(volume=Sum("volume"), amount=Sum("amount_cents"))
        .values_list("toewijzing_id", "debit_credit", "volume", "amount")
    ):
        used_volume[tw_id] += volume if dc == "D" else -volume
        used_amount[tw_id] += amount
    cap_used: dict[tuple, Decimal] = defaultdict(Decimal)
    capped = [product_id for product_id in caps if product_id in product_ids]
    if capped:
        client_ids = {tw.client_id for tw in toewijzingen.values() if tw.product_id in caps}
        rows = (
            Prestatie.objects.filter(
                client_id__in=among(client_ids, "bigint"), product_id__in=capped, accepted=True
            )
            .annotate(year=ExtractYear("begin"))
            .values("client_id", "product_id", "toewijzing_id", "year", "unit", "debit_credit")
            .annotate(volume=Sum("volume"))
            .values_list("client_id", "product_id", "toewijzing_id", "year", "unit", "debit_credit", "volume")
        )
        for client_id, product_id, tw_id, year, unit, dc, volume in rows:
            for _amount, cap_unit, per, _label in caps[product_id]:
                used = _in_cap_unit(volume if dc == "D" else -volume, unit, cap_unit)
                if used is not None:
                    key = _cap_key(per, client_id, product_id, tw_id, year)
                    if key is not None:
                        cap_used[key] += used
    indirect: dict[str, int] = dict(
        GeleverdeZorg.objects.filter(
            provider=provider, reference__in=among(references), indirect_volume__gt=0
        ).values_list("reference", "indirect_volume")
    )
    contract_regions = frozenset(municipality.regions.values_list("slug", flat=True))
    return Context(
        provider_id=provider.pk,
        toewijzingen=toewijzingen,
        first_start=first_start,
        tariffs=tariffs,
        products=products,
        caps=caps,
        known_references=known_references,
        debits_by_reference=debits_by_reference,
        open_debit_keys=open_debit_keys,
        used_volume=used_volume,
        used_amount=used_amount,
        cap_used=cap_used,
        indirect=indirect,
        contract_regions=contract_regions,
        foster_products=looptijd.foster_products(toewijzingen, contract_regions),
        stay_days=stay_days,
        product_regions=product_regions,
        lower_products=lower_products,
        respite_by_stay=respite_by_stay,
    )


def _in_cap_unit(volume: int, unit: str, cap_unit: str) -> Decimal | None:
    """A volume in the cap's unit; a cap without a WJ756 unit (weekends) counts the line's own units."""
    if not cap_unit or cap_unit == unit:
        return Decimal(volume)
    if unit in MINUTES and cap_unit in MINUTES:
        return Decimal(volume * MINUTES[unit]) / Decimal(MINUTES[cap_unit])
    return None


def _cap_key(per: str, client_id: int, product_id: int, tw_id: int, year: int) -> tuple | None:
    if per == "calendar_year":
        return ("year", client_id, product_id, year)
    if per == "traject":
        return ("traject", client_id, product_id)
    if per == "beschikking":
        return ("beschikking", tw_id)
    return None


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


def _euro(cents: int) -> str:
    return f"€ {cents / 100:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def judge(
    context: Context,
    lines: list[Line],
    *,
    received_on: dt.date,
    progress: Callable[[int], None] | None = None,
) -> list[Verdict]:
    """One verdict per line, in the order of ``lines``; ``progress`` hears the lines judged so far."""
    verdicts = [Verdict(line) for line in lines]
    seen_references: set[str] = set()
    credited_now: set[str] = set()
    judged = 0
    for verdict in verdicts:
        if verdict.line.debit_credit == "C":
            _judge_credit(context, verdict, seen_references, credited_now)
            judged += 1
    for verdict in verdicts:
        if verdict.line.debit_credit != "C":
            _judge_debit(context, verdict, seen_references, received_on)
            judged += 1
            if progress is not None and judged % PROGRESS_EVERY == 0:
                progress(judged)
    if progress is not None:
        progress(judged)
    return verdicts


def _reference_once(context: Context, verdict: Verdict, seen: set[str]) -> None:
    reference = verdict.line.reference
    if reference in context.known_references or reference in seen:
        verdict.reject("TR314", f"ReferentieNummer {reference} is al eerder aangeleverd.")
        verdict.counts_as_billed = False
    seen.add(reference)


def _judge_credit(context: Context, verdict: Verdict, seen: set[str], credited_now: set[str]) -> None:
    line = verdict.line
    _reference_once(context, verdict, seen)
    debit = context.debits_by_reference.get(line.previous_reference)
    if debit is None:
        verdict.reject(
            "TR323", f"Er is geen debetprestatie met ReferentieNummer {line.previous_reference or '(leeg)'}."
        )
        return
    (_ref, debit_id, accepted, credited, tw_number, begin, end, amount, code, tw_id, volume, client_id,
     product_id, unit) = debit  # fmt: skip
    verdict.toewijzing_id, verdict.client_id, verdict.product_id = tw_id, client_id, product_id
    if credited or line.previous_reference in credited_now:
        verdict.reject("TR390", f"Debetprestatie {line.previous_reference} is al gecrediteerd.")
        return
    if (tw_number, begin, end, code, amount) != (
        line.toewijzing_number,
        line.begin,
        line.end,
        line.product_code,
        -line.amount_cents,
    ):
        verdict.reject(
            "TR323",
            f"De creditprestatie komt niet overeen met debetprestatie {line.previous_reference} "
            "(toewijzing, periode, product of bedrag).",
        )
        return
    if verdict.findings:
        return
    credited_now.add(line.previous_reference)
    verdict.closes_debit = debit_id
    context.open_debit_keys[(tw_id, code, begin, end)] -= 1
    if not accepted:
        # The contract asks for an explicit credit of a rejected line before it is billed again.
        # The credit closes the line, but nothing was granted, so nothing is taken back.
        verdict.reject(
            "TR323",
            f"Debetprestatie {line.previous_reference} was afgewezen: de creditering is geregistreerd "
            "en de prestatie mag opnieuw worden gedeclareerd, maar er wordt geen bedrag verrekend.",
        )
        return
    if tw_id is not None:
        context.used_volume[tw_id] -= volume
        context.used_amount[tw_id] += line.amount_cents
    _add_cap_usage(context, verdict, -volume, unit, client_id, product_id, tw_id, begin.year)


def _add_cap_usage(context, verdict, volume, unit, client_id, product_id, tw_id, year) -> None:
    for _amount, cap_unit, per, _label in context.caps.get(product_id, ()):
        used = _in_cap_unit(volume, unit, cap_unit)
        key = _cap_key(per, client_id, product_id, tw_id, year)
        if used is not None and key is not None:
            context.cap_used[key] += used


@regel("VERVAL")
def _judge_debit(context: Context, verdict: Verdict, seen: set[str], received_on: dt.date) -> None:
    line = verdict.line
    _reference_once(context, verdict, seen)
    tw = context.toewijzingen.get(line.toewijzing_number)
    if tw is None or tw.provider_id != context.provider_id:
        verdict.reject(
            "TR338",
            f"Toewijzing {line.toewijzing_number} bestaat niet bij deze gemeente voor deze aanbieder.",
        )
    else:
        verdict.toewijzing_id, verdict.client_id, verdict.product_id = tw.id, tw.client_id, tw.product_id
        _judge_against_toewijzing(context, verdict, tw)
        key = (tw.id, line.product_code, line.begin, line.end)
        if verdict.counts_as_billed and context.open_debit_keys[key] > 0:
            verdict.reject(
                "TR389",
                "Voor deze toewijzing, dit product en deze periode is al een debetprestatie ingediend die "
                "niet is gecrediteerd.",
            )
            verdict.counts_as_billed = False
        if verdict.counts_as_billed:
            context.open_debit_keys[key] += 1
    deadline = dt.date(line.end.year + 1, 4, 1)
    # The vervaltermijn is Midden-Limburg Oost's (art. 20.4); it does not leak into other regions.
    if received_on > deadline and any(applies("VERVAL", region) for region in context.contract_regions):
        verdict.reject(
            "VERVAL",
            f"Zorg uit {line.end.year} moest uiterlijk {deadline:%d-%m-%Y} gedeclareerd zijn; "
            f"ontvangen op {received_on:%d-%m-%Y}.",
        )
    if verdict.findings or tw is None:
        return
    _judge_cumulative(context, verdict, tw)


@regel("PB-PLAFOND-PERIODE", "PB-LEEFTIJD")
def _judge_against_toewijzing(context: Context, verdict: Verdict, tw: Tw) -> None:
    line = verdict.line
    if tw.bsn != line.bsn:
        verdict.reject("TR304", f"Toewijzing {tw.number} hoort niet bij de cliënt met dit Bsn.")
    if tw.withdrawn:
        verdict.reject("TR384", f"Toewijzing {tw.number} is ingetrokken.")
    if tw.category != line.product_category:
        verdict.reject(
            "TR339", f"De toewijzing heeft productcategorie {tw.category}, niet {line.product_category}."
        )
    product_id = tw.product_id
    if tw.code and tw.code != line.product_code:
        lighter = verblijf.lighter(context, tw, line.product_code)  # VERBLIJF-AFSCHALEN
        if lighter is None:
            verdict.reject("TR340", f"De toewijzing heeft productcode {tw.code}, niet {line.product_code}.")
        else:
            product_id = verdict.product_id = lighter
    if tw.unit and tw.unit != line.unit:
        verdict.reject("TR341", f"De toewijzing heeft eenheid {tw.unit}, niet {line.unit}.")
    begin_outside = line.begin < tw.begin or (tw.end and line.begin > tw.end)
    end_outside = line.end < tw.begin or (tw.end and line.end > tw.end)
    if begin_outside:
        verdict.reject("TR307", f"Begindatum {line.begin:%d-%m-%Y} ligt buiten de toewijzing; {_span(tw)}.")
    if end_outside:
        verdict.reject("TR308", f"Einddatum {line.end:%d-%m-%Y} ligt buiten de toewijzing; {_span(tw)}.")
    _whole_month(verdict, tw, begin_outside=begin_outside, end_outside=end_outside)
    looptijd.judge_open_end(context, verdict, tw)
    start = context.first_start.get(tw.id)
    if start is None or start > line.end:
        verdict.reject("JW305", f"Voor toewijzing {tw.number} is geen start van de zorg (JW305) ontvangen.")
    contract = context.tariffs.get((product_id, line.begin.year)) if product_id else None
    contract_cents = int(contract[0] * 100) if contract else None
    if line.unit != "83":
        if contract_cents is None:
            verdict.reject("TR418", f"Er is geen contracttarief voor dit product in {line.begin.year}.")
        elif line.tariff_cents is not None and line.tariff_cents != contract_cents:
            verdict.reject(
                "TR418",
                f"Het tarief {_euro(line.tariff_cents)} is niet het contracttarief {_euro(contract_cents)}.",
            )
        tariff = line.tariff_cents if line.tariff_cents is not None else contract_cents
        if tariff is not None and line.volume * tariff != abs(line.amount_cents):
            verdict.reject(
                "TR346",
                f"{line.volume} × {_euro(tariff)} is {_euro(line.volume * tariff)}, "
                f"niet {_euro(abs(line.amount_cents))}.",
            )
    if tw.volume is not None and not within(line.volume, tw.volume, tw.frequency, line.begin, line.end):
        verdict.reject(
            "TR321",
            f"{line.volume} is meer dan de toegewezen {tw.volume} per {_per(tw.frequency)} in deze periode.",
        )
    verblijf.judge_stay(context, verdict, tw)
    product = context.products.get(tw.product_id)
    if product is None:
        return
    _code, limits, start_before_age = product
    for amount, cap_unit, per, label in context.caps.get(tw.product_id, ()):
        if per in ("week", "month"):
            volume = _in_cap_unit(line.volume, line.unit, cap_unit)
            if volume is not None and not within(
                volume, amount, "2" if per == "week" else "4", line.begin, line.end
            ):
                verdict.reject("PB-PLAFOND-PERIODE", f"Meer dan {amount:g} per {_per_cap(per)}: {label}.")
    if start_before_age is not None:
        started = context.first_start.get(tw.id) or tw.begin
        age = age_on(tw.birth_date, started)
        if age >= start_before_age:
            verdict.reject(
                "PB-LEEFTIJD",
                f"De zorg begon toen de cliënt {age} was; "
                f"dit product alleen bij start vóór {start_before_age} jaar.",
            )
    indirect = context.indirect.get(line.reference, 0)
    if indirect:
        region = context.product_regions.get(tw.product_id, "")
        if not indirect_allowed(region, limits, bool(contract and contract[1])):
            verdict.reject(
                "CT-INDIRECT",
                f"{indirect} {line.unit == '01' and 'minuten' or 'eenheden'} indirecte tijd gedeclareerd; "
                "het contract of productenboek staat indirecte tijd voor dit product niet toe.",
            )


def _span(tw: Tw) -> str:
    end_text = f"{tw.end:%d-%m-%Y}" if tw.end else "open einde"
    return f"de toewijzing loopt van {tw.begin:%d-%m-%Y} tot {end_text}"


def month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def _whole_month(verdict: Verdict, tw: Tw, *, begin_outside: bool, end_outside: bool) -> None:
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


def _per(frequency: str) -> str:
    return {"1": "dag", "2": "week", "4": "maand", "6": "geldigheidsduur"}.get(frequency, "periode")


def _per_cap(per: str) -> str:
    return {"week": "week", "month": "maand", "calendar_year": "kalenderjaar"}.get(per, per)


def _total_allowed(tw: Tw) -> int | None:
    if tw.volume is None:
        return None
    if tw.frequency in ("6", ""):
        return tw.volume
    if tw.end is None:
        return None
    if tw.frequency == "1":
        return tw.volume * days(tw.begin, tw.end)
    if tw.frequency == "2":
        return tw.volume * days(tw.begin, tw.end) // 7
    if tw.frequency == "4":
        return tw.volume * months(tw.begin, tw.end)
    return None


@regel("PB-PLAFOND")
def _judge_cumulative(context: Context, verdict: Verdict, tw: Tw) -> None:
    """The checks that depend on what was accepted before, including earlier lines of this declaration."""
    line = verdict.line
    total = _total_allowed(tw)
    if total is not None and context.used_volume[tw.id] + line.volume > total:
        verdict.reject(
            "TR322",
            f"Met deze prestatie komt het totaal op {context.used_volume[tw.id] + line.volume}, "
            f"meer dan de toegewezen {total}.",
        )
    if tw.budget_cents is not None and context.used_amount[tw.id] + line.amount_cents > tw.budget_cents:
        verdict.reject(
            "TR369", f"Met deze prestatie wordt het budget van {_euro(tw.budget_cents)} overschreden."
        )
    pending = []
    for amount, cap_unit, per, label in context.caps.get(tw.product_id, ()):
        volume = _in_cap_unit(line.volume, line.unit, cap_unit)
        key = _cap_key(per, tw.client_id, tw.product_id, tw.id, line.begin.year)
        if volume is None or key is None:
            continue
        if context.cap_used[key] + volume > amount:
            verdict.reject(
                "PB-PLAFOND",
                f"Met deze prestatie komt het gebruik op {context.cap_used[key] + volume:g}, "
                f"meer dan {amount:g} {_per_cap(per)}: {label}.",
            )
        pending.append((key, volume))
    if verdict.findings:
        return
    context.used_volume[tw.id] += line.volume
    context.used_amount[tw.id] += line.amount_cents
    for key, volume in pending:
        context.cap_used[key] += volume
