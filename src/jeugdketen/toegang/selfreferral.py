"""Midden-Limburg Oost art. 4.4: a provider is never provider and referrer in the same service
(organisation, holding or partnership).

What the chain can see of it: the referrer's AGB code (a JW315's ZorgverlenerCode, or the
referral's) and the provider's own organisation AGB code, and its contract holder's. Art. 2.6
asks for the code of the referring professional, never the practice's; a referrer code equal to
the provider's own organisation code (or that of its contract holder) therefore names the
organisation itself as referrer, which is decided for certain (``VERWIJZER-EIGEN``). A
professional employed by the provider refers under a personal code, and which organisation,
holding or partnership a professional works for is not in the chain: that part of art. 4.4 stays
with the municipality's contract management (docs/rules.md).
"""

from __future__ import annotations

from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

from .proposal import Finding, Proposal


def _is_own(code: str, provider) -> bool:
    """Whether `code` is the provider's organisation AGB code or its contract holder's (read only
    when the provider's own code does not match, so most checks cost no query)."""
    if code == provider.agb_code:
        return True
    return bool(provider.contract_holder_id) and code == provider.contract_holder.agb_code


@regel("VERWIJZER-EIGEN")
def check_own_referral(p: Proposal) -> list[Finding]:
    """The referrer's AGB code is not the provider's own organisation code (nor its contract holder's)."""
    code = (p.referrer_agb or "").strip()
    if not code or p.product is None or not applies("VERWIJZER-EIGEN", p.region):
        return []
    if not _is_own(code, p.provider):
        return []
    return [
        Finding(
            "VERWIJZER-EIGEN",
            f"De verwijzer (AGB {code}) is de aanbieder zelf of zijn hoofdaannemer: een aanbieder is nooit "
            "aanbieder en verwijzer binnen dezelfde dienstverlening.",
            "4",
        )
    ]
