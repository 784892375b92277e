"""The Dutch screens and the API show totals, reasons, each line's rule and what is open, scoped per party."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from jeugdketen.accounts.models import Role, User
from jeugdketen.declaraties.intake import process_jw323
from jeugdketen.declaraties.models import Prestatie

from .conftest import YEAR


def _setup(world):
    tw = world.toewijzing()
    good, bad = world.line(tw, month=1), world.line(tw, month=2, amount_cents=1)
    result = process_jw323(world.jw323([good, bad]), received_on=dt.date(YEAR, 12, 6))
    controller = User.objects.create_user("controller", password="x", role=Role.CONTRACT)
    controller.municipalities.add(world.municipality)
    outsider = User.objects.create_user(
        "ander", password="x", role=Role.AANBIEDER, provider=world.other_provider
    )
    return result, bad, controller, outsider


def test_pages_show_totals_reasons_rules_and_open_amounts(world, client):
    result, bad, controller, outsider = _setup(world)
    client.force_login(controller)
    page = client.get(reverse("declaraties:list")).content.decode()
    assert result.declaratie.number in page and "9346" in page
    detail = client.get(reverse("declaraties:detail", args=[result.declaratie.pk])).content.decode()
    assert "TR346" in detail
    line = Prestatie.objects.get(reference=bad.reference)
    text = client.get(reverse("declaraties:line", args=[line.pk])).content.decode()
    assert "TR346" in text and "9346" in text
    assert client.get(reverse("declaraties:open")).status_code == 200
    api = client.get("/api/v1/prestaties", {"afgewezen": "1"}).json()
    rows = api["results"] if isinstance(api, dict) else api
    assert [row["reference"] for row in rows] == [bad.reference]
    client.force_login(outsider)
    assert client.get(reverse("declaraties:detail", args=[result.declaratie.pk])).status_code == 404
    api = client.get("/api/v1/declaraties").json()
    rows = api["results"] if isinstance(api, dict) else api
    assert rows == []
