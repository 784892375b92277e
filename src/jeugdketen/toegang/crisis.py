"""The report a provider owes the municipality after it started crisis care.

Groningen (stappenplan spoed/crisishulp, step 3): when Spoed voor Jeugd has put a provider to
work, the provider tells the basisteam within five working days what it started: client,
product code, unit, volume, frequency, begin and end. In the iJw chain that is the request for
a toewijzing (JW315) with the crisis care's begin date, so the deadline counts five working
days from that begin date to the day the request arrived (``TERMIJN-CRISIS-MELDING``). The
request is answered as any other: a late report is marked, not refused, because the care was
started on the municipality's own crisis service's word.

Noordoost-Brabant asks for contact with the toegangsteam on the first day of crisis care, and
Alkmaar for the continuation within 6 weeks; the first is a telephone call outside the chain,
the second is the crisis duration (``CRISIS-DUUR``).
"""

from __future__ import annotations

import datetime as dt

from jeugdketen.core.werkdagen import add_working_days
from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

from .proposal import find_product

REPORT_WORKING_DAYS = 5


def report_due(request) -> dt.date:
    """The last day the request for the crisis care's toewijzing is on time."""
    return add_working_days(request.begin, REPORT_WORKING_DAYS)


@regel("TERMIJN-CRISIS-MELDING")
def report_late(request) -> bool:
    """Whether a request for crisis care arrived after the fifth working day of that care."""
    product = find_product(request.municipality, request.product_category, request.product_code)
    if product is None or not (product.limits or {}).get("crisis_duration"):
        return False
    if not applies("TERMIJN-CRISIS-MELDING", product.region.slug):
        return False
    return request.received_on > report_due(request)
