"""Alkmaar's casusregie: where helpers of several organisations work for one youth, a
casusregisseur is a condition for the toewijzing (000, 116-129).

The book makes the casusregisseur a condition ("randvoorwaardelijk voor het ontvangen van een
toewijzing"), named "in onderlinge afstemming" by the parties involved. Nothing in a message
or a toewijzing names one, so the chain cannot see whether it was done: a refusal would stop
care the book allows once the parties agreed. The access worker is signalled when the new
toewijzing brings a second organisation beside a running one of the same book, and goes on
by recording who the casusregisseur is as the reason (kept with the signal, shown in
monitoring). One organisation delivering alone provides the casusregisseur itself: no signal.
"""

from __future__ import annotations

from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

from .awarded import family
from .proposal import Finding, Proposal, current_beside


@regel("CASUSREGIE")
def check_case_director(p: Proposal) -> list[Finding]:
    """Alkmaar: a second organisation beside a running toewijzing needs one named casusregisseur."""
    if p.product is None or p.provider is None or not applies("CASUSREGIE", p.region):
        return []
    own = family(p.provider)
    others = [t for t in current_beside(p) if t.provider_id not in own]
    if not others:
        return []
    numbers = ", ".join(sorted(t.number for t in others))
    return [
        Finding(
            "CASUSREGIE",
            f"Naast deze toewijzing helpt een andere organisatie (toewijzing {numbers}): benoem in "
            "onderlinge afstemming één casusregisseur, een voorwaarde voor de toewijzing, en leg in de "
            "reden vast wie dat is.",
            "6",
        )
    ]
