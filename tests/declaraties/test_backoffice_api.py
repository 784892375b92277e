"""The back office over the API: a provider's own system registers care, bills the month, and
credits and rebills a rejected line; another organisation sees none of it."""

from __future__ import annotations

import datetime as dt
import json

from jeugdketen.accounts.models import Role, User
from jeugdketen.declaraties.models import GeleverdeZorg, Prestatie

from .conftest import YEAR


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_register_bill_and_rebill_over_the_api(world, client, monkeypatch):
    monkeypatch.setattr("jeugdketen.declaraties.views.today", lambda: dt.date(YEAR, 4, 3))
    user = User.objects.create(username="ab", role=Role.AANBIEDER, provider=world.provider)
    client.force_login(user)
    tw = world.toewijzing(volume=100, frequency="4")
    url = "/api/v1/geleverde-zorg"
    refused = post(
        client, url, {"toewijzing": tw.pk, "begin": f"{YEAR}-02-01", "end": f"{YEAR}-02-28", "volume": 101}
    )
    assert refused.status_code == 422, refused.content
    assert "boven wat is toegewezen" in refused.json()["findings"][0]
    made = post(
        client, url, {"toewijzing": tw.pk, "begin": f"{YEAR}-02-01", "end": f"{YEAR}-02-28", "volume": 90}
    )
    assert made.status_code == 201, made.content
    assert made.json()["status"] == "open" and made.json()["tariff"]
    # A line at a wrong tariff, registered before the checks: the municipality will reject it.
    wrong = GeleverdeZorg.objects.create(
        provider=world.provider, toewijzing=tw, begin=dt.date(YEAR, 3, 1), end=dt.date(YEAR, 3, 31),
        volume=10, tariff=GeleverdeZorg.objects.get().tariff + 1,
    )  # fmt: skip
    billed = post(
        client, f"{url}/declareren", {"gemeente": world.municipality.cbs_code, "maand": f"{YEAR}-03-01"}
    )
    assert billed.status_code == 201, billed.content
    assert (billed.json()["lines_total"], billed.json()["lines_rejected"]) == (2, 1)
    assert (
        post(
            client, f"{url}/declareren", {"gemeente": world.municipality.cbs_code, "maand": f"{YEAR}-03-01"}
        ).status_code
        == 204
    )
    wrong.refresh_from_db()
    assert wrong.status == "afgewezen"
    again = post(client, f"{url}/{wrong.pk}/crediteren", {"tariff": str(wrong.tariff - 1)})
    assert again.status_code == 201, again.content
    assert again.json()["lines_total"] == 2 and again.json()["lines_rejected"] == 1  # the credit: 8017
    assert Prestatie.objects.get(debit_credit="C").previous_reference == wrong.reference
    assert post(client, f"{url}/{wrong.pk}/crediteren", {}).status_code == 409
    listed = client.get(url).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert {row["status"] for row in rows} == {"toegekend", "gecrediteerd"}

    other = User.objects.create(username="gm", role=Role.CONTRACT)
    other.municipalities.add(world.municipality)
    client.force_login(other)
    assert client.get(url).status_code == 403
    assert post(client, f"{url}/{wrong.pk}/crediteren", {}).status_code == 403
