"""Products that may only follow another product: dyslexia treatment after its diagnostics.

Alkmaar's page "Hulp bij Ernstige Enkelvoudige Dyslexie (Behandeling)" says the treatment "mag
alleen worden uitgevoerd, nadat uit de Diagnose Dyslexie is gebleken dat een Dyslexie Behandeling
noodzakelijk is" and "dient door dezelfde organisatie geleverd te worden als waar de diagnose is
gebeurd". The catalogue writes that as ``limits.after`` on the later product: the earlier
product's name and whether the same provider must deliver both.

What the chain can decide:

- the client's diagnostics toewijzing in the same product book is known and lies with another
  provider (nor its contract holder): the treatment is refused (``DYSLEXIE-AANBIEDER``);
- no diagnostics toewijzing that began before the treatment is known: the diagnosis may have been
  made before the chain held the client, so this is signalled, not refused (``DYSLEXIE-DIAGNOSE``),
  and the worker records where the diagnosis comes from.

A withdrawn toewijzing (ingetrokken) never happened and does not count; an ended one does.
"""

from __future__ import annotations

from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

from .proposal import Finding, Proposal

WITHDRAWN = "ingetrokken"


def _earlier(p: Proposal, name: str) -> list:
    """The client's toewijzingen of product `name` (same book) that began before the proposal."""
    if p.known is not None:
        rows = p.known
    else:
        rows = p.client.toewijzingen.filter(
            product__region=p.product.region, product__name=name
        ).select_related("product", "provider")
    return [
        t
        for t in rows
        if t.status != WITHDRAWN
        and t.product is not None
        and t.product.region_id == p.product.region_id
        and t.product.name.lower() == name.lower()
        and t.begin < p.begin
        and (p.replaces is None or t.pk != p.replaces.pk)
    ]


def _same_provider(p: Proposal, toewijzing) -> bool:
    ours = {p.provider.pk, p.provider.contract_holder_id} - {None}
    theirs = {toewijzing.provider_id, getattr(toewijzing.provider, "contract_holder_id", None)} - {None}
    return bool(ours & theirs)


@regel("DYSLEXIE-AANBIEDER", "DYSLEXIE-DIAGNOSE")
def check_after_diagnosis(p: Proposal) -> list[Finding]:
    """Dyslexia treatment follows its diagnostics, at the organisation that made the diagnosis."""
    if p.product is None:
        return []
    after = (p.product.limits or {}).get("after")
    if not after:
        return []
    earlier = _earlier(p, after["product"])
    if not earlier:
        if not applies("DYSLEXIE-DIAGNOSE", p.region):
            return []
        return [
            Finding(
                "DYSLEXIE-DIAGNOSE",
                f"{p.product.name} volgt op {after['product']}, maar die toewijzing is niet bekend: "
                "leg vast waar en wanneer de diagnose is gesteld.",
                "4",
            )
        ]
    latest = max(earlier, key=lambda t: (t.begin, t.pk or 0))
    if (
        after.get("same_provider")
        and applies("DYSLEXIE-AANBIEDER", p.region)
        and not _same_provider(p, latest)
    ):
        return [
            Finding(
                "DYSLEXIE-AANBIEDER",
                f"{p.product.name} levert de organisatie die de diagnose stelde ({latest.provider.name}, "
                f"toewijzing {latest.number}), niet {p.provider.name}.",
                "4",
            )
        ]
    return []
