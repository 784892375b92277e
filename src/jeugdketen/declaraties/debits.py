"""Judging a debit line: against its toewijzing, the contract and the product book, and
against what was accepted before (the toewijzing's total and budget, the caps).

Each function decides in memory from the :class:`~.context.Context` of the whole declaration.
"""

from __future__ import annotations

import datetime as dt

from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

from . import caps, looptijd, periods, verblijf
from .context import Context, Tw
from .indirect import indirect_allowed
from .references import reference_once
from .verdict import Verdict


def euro(cents: int) -> str:
    return f"€ {cents / 100:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


@regel("VERVAL")
def judge_debit(context: Context, verdict: Verdict, seen: set[str], received_on: dt.date) -> None:
    line = verdict.line
    reference_once(context, verdict, seen)
    tw = context.toewijzingen.get(line.toewijzing_number)
    if tw is None or tw.provider_id != context.provider_id:
        verdict.reject(
            "TR338",
            f"Toewijzing {line.toewijzing_number} bestaat niet bij deze gemeente voor deze aanbieder.",
        )
    else:
        verdict.toewijzing_id, verdict.client_id, verdict.product_id = tw.id, tw.client_id, tw.product_id
        judge_against_toewijzing(context, verdict, tw)
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
    judge_cumulative(context, verdict, tw)


@regel("PB-PLAFOND-PERIODE", "PB-LEEFTIJD")
def judge_against_toewijzing(context: Context, verdict: Verdict, tw: Tw) -> None:
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
        verdict.reject(
            "TR307", f"Begindatum {line.begin:%d-%m-%Y} ligt buiten de toewijzing; {periods.span(tw)}."
        )
    if end_outside:
        verdict.reject(
            "TR308", f"Einddatum {line.end:%d-%m-%Y} ligt buiten de toewijzing; {periods.span(tw)}."
        )
    periods.whole_month(verdict, tw, begin_outside=begin_outside, end_outside=end_outside)
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
                f"Het tarief {euro(line.tariff_cents)} is niet het contracttarief {euro(contract_cents)}.",
            )
        tariff = line.tariff_cents if line.tariff_cents is not None else contract_cents
        if tariff is not None and line.volume * tariff != abs(line.amount_cents):
            verdict.reject(
                "TR346",
                f"{line.volume} × {euro(tariff)} is {euro(line.volume * tariff)}, "
                f"niet {euro(abs(line.amount_cents))}.",
            )
    if tw.volume is not None and not periods.within(
        line.volume, tw.volume, tw.frequency, line.begin, line.end
    ):
        verdict.reject(
            "TR321",
            f"{line.volume} is meer dan de toegewezen {tw.volume} per {periods.per_label(tw.frequency)} "
            "in deze periode.",
        )
    verblijf.judge_stay(context, verdict, tw)
    product = context.products.get(tw.product_id)
    if product is None:
        return
    _code, limits, start_before_age = product
    for amount, cap_unit, per, label in context.caps.get(tw.product_id, ()):
        if per in ("week", "month"):
            volume = caps.in_unit(line.volume, line.unit, cap_unit)
            if volume is not None and not periods.within(
                volume, amount, "2" if per == "week" else "4", line.begin, line.end
            ):
                verdict.reject(
                    "PB-PLAFOND-PERIODE", f"Meer dan {amount:g} per {caps.per_label(per)}: {label}."
                )
    if start_before_age is not None:
        started = context.first_start.get(tw.id) or tw.begin
        age = periods.age_on(tw.birth_date, started)
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


def total_allowed(tw: Tw) -> int | None:
    if tw.volume is None:
        return None
    if tw.frequency in ("6", ""):
        return tw.volume
    if tw.end is None:
        return None
    if tw.frequency == "1":
        return tw.volume * periods.days(tw.begin, tw.end)
    if tw.frequency == "2":
        return tw.volume * periods.days(tw.begin, tw.end) // 7
    if tw.frequency == "4":
        return tw.volume * periods.months(tw.begin, tw.end)
    return None


@regel("PB-PLAFOND")
def judge_cumulative(context: Context, verdict: Verdict, tw: Tw) -> None:
    """The checks that depend on what was accepted before, including earlier lines of this declaration."""
    line = verdict.line
    total = total_allowed(tw)
    if total is not None and context.used_volume[tw.id] + line.volume > total:
        verdict.reject(
            "TR322",
            f"Met deze prestatie komt het totaal op {context.used_volume[tw.id] + line.volume}, "
            f"meer dan de toegewezen {total}.",
        )
    if tw.budget_cents is not None and context.used_amount[tw.id] + line.amount_cents > tw.budget_cents:
        verdict.reject(
            "TR369", f"Met deze prestatie wordt het budget van {euro(tw.budget_cents)} overschreden."
        )
    pending = []
    for amount, cap_unit, per, label in context.caps.get(tw.product_id, ()):
        volume = caps.in_unit(line.volume, line.unit, cap_unit)
        key = caps.key(per, tw.client_id, tw.product_id, tw.id, line.begin.year)
        if volume is None or key is None:
            continue
        if context.cap_used[key] + volume > amount:
            verdict.reject(
                "PB-PLAFOND",
                f"Met deze prestatie komt het gebruik op {context.cap_used[key] + volume:g}, "
                f"meer dan {amount:g} {caps.per_label(per)}: {label}.",
            )
        pending.append((key, volume))
    if verdict.findings:
        return
    context.used_volume[tw.id] += line.volume
    context.used_amount[tw.id] += line.amount_cents
    for key, volume in pending:
        context.cap_used[key] += volume
