"""Indirect client time: billable only for the products whose region allows it.

- Midden-Limburg Oost's contract (art. 19.2-19.3): direct time only, except the individual
  treatment products of Jeugd GGZ, which the catalogue marks ``indirect_time_allowed: true``.
- Alkmaar's book (direct and indirect client time are billable) and Noordoost-Brabant's
  (billable time is contact time, indirect client time and group contact time): allowed,
  unless the catalogue says no for the product.
- Groningen's book says nothing: the provider's contract decides (``Contract.indirect_time_allowed``).
"""

from __future__ import annotations

from jeugdketen.regels import regel
from jeugdketen.regels.register import applies


@regel("CT-INDIRECT", "PB-INDIRECT")
def indirect_allowed(region: str, limits: dict, contract_allows: bool) -> bool:
    """Whether a line of this product may hold indirect time (:class:`GeleverdeZorg.indirect_volume`)."""
    flag = limits.get("indirect_time_allowed")
    if flag is False:
        return False
    if applies("CT-INDIRECT", region):
        return flag is True
    if applies("PB-INDIRECT", region):
        return True
    return contract_allows
