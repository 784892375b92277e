"""The demo's billing in bulk stores exactly what playing every bill through the exchange stores.

`jeugdketen demo` bills a year of care in bulk (:class:`jeugdketen.declaraties.demo_send.Bulk`).
Here a small region is built and billed twice from one seed: once in bulk, once with every
back-office registration through the back office's checks, every monthly JW323 written by
``bill_month`` or uploaded from a provider's own software, and every JW323 and JW325 delivered
through the message exchange (:class:`~jeugdketen.declaraties.demo_send.Played`). Every field of
every row of toegang, levering, berichten and declaraties must be equal.
"""

from collections import Counter

import pytest

from jeugdketen.declaraties.demo import bill

from .snapshot import built_twice, differences, fields


@pytest.mark.django_db
def test_bulk_billing_stores_what_playing_every_bill_stores():
    written, played = built_twice([bill])

    assert differences(written, played) == []
    # The comparison proves something only where the bills reach every branch of the billing.
    messages = Counter((dict(r)["code"], dict(r)["direction"]) for r in played["Message"].elements())
    assert messages[("JW323", "out")] == messages[("JW323", "in")] == messages[("JW325", "in")] > 10
    care = fields(played["GeleverdeZorg"], "status")
    assert care["toegekend"] > 0 and care["gecrediteerd"] > 0, care  # the back office billed and corrected
    codes = Counter(c for r in played["Prestatie"].elements() for c in dict(r)["retourcodes"].split(",") if c)
    assert codes["0611"] and codes["9321"] and codes["8017"], codes  # own software's faults, credited
    assert fields(played["Betaling"], "reference")["demo"] > 0
    assert written == played
