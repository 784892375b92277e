"""What a line's reference numbers decide: a reference once (TR314), and the debit line a
credit line takes back (TR323, TR390).

Credit lines are judged before debit lines (:func:`.engine.judge`): a provider that credits an
old line and bills it again in the same declaration (the usual correction) must not trip TR389.
"""

from __future__ import annotations

from . import caps
from .context import Context
from .verdict import Verdict


def reference_once(context: Context, verdict: Verdict, seen: set[str]) -> None:
    reference = verdict.line.reference
    if reference in context.known_references or reference in seen:
        verdict.reject("TR314", f"ReferentieNummer {reference} is al eerder aangeleverd.")
        verdict.counts_as_billed = False
    seen.add(reference)


def judge_credit(context: Context, verdict: Verdict, seen: set[str], credited_now: set[str]) -> None:
    line = verdict.line
    reference_once(context, verdict, seen)
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
    caps.add_usage(context, -volume, unit, client_id, product_id, tw_id, begin.year)
