"""The provider keeps its register of stay days on screen; the screen says per day whether it is
billable and which rule says no."""

from __future__ import annotations

from decimal import Decimal

from jeugdketen.accounts.models import Role, User
from jeugdketen.catalogus.models import Product
from jeugdketen.contracten.models import ContractProduct
from jeugdketen.declaraties.models import Verblijfsdag

from .conftest import YEAR


def test_the_provider_registers_stay_days_and_sees_which_count(world, client):
    product = Product.objects.get(region__slug="noordoost-brabant-2021", code="44A28")
    ContractProduct.objects.create(
        contract=world.contract, product=product, year=YEAR, tariff=Decimal("131.63")
    )
    world.products["44A28"] = product
    tw = world.toewijzing("44A28", volume=None, frequency="")
    user = User.objects.create(username="zorg", role=Role.AANBIEDER, provider=world.provider)
    client.force_login(user)
    url = f"/declaraties/verblijf/{tw.pk}/"
    day = {"date": f"03-03-{YEAR}", "kind": "aanwezig", "arrived_at": "21:15"}
    assert client.post(url, day).status_code == 302
    assert client.post(url, {"date": f"04-03-{YEAR}", "kind": "afwezig"}).status_code == 422  # no reason
    assert (
        client.post(url, {"date": f"04-03-{YEAR}", "kind": "afwezig", "reason": "overig"}).status_code == 302
    )
    assert client.post(url, {"date": f"05-03-{YEAR - 1}", "kind": "aanwezig"}).status_code == 422  # outside
    assert Verblijfsdag.objects.filter(toewijzing=tw).count() == 2
    page = client.get(f"{url}?maand={YEAR}-03").content.decode()
    assert "(VERBLIJF-DAG)" in page and "(VERBLIJF-AFWEZIG)" in page and "0 declarabele dagen" in page
    assert str(tw.client.bsn) not in page

    other = User.objects.create(username="ander", role=Role.AANBIEDER, provider=world.other_provider)
    client.force_login(other)
    assert client.get(url).status_code == 404


def test_the_screen_shows_absence_in_a_part_time_stay_as_not_billable(world, client):
    product = Product.objects.get(region__slug="noordoost-brabant-2021", code="43A36")
    ContractProduct.objects.create(
        contract=world.contract, product=product, year=YEAR, tariff=Decimal("177.94")
    )
    world.products["43A36"] = product
    tw = world.toewijzing("43A36", volume=4, frequency="2")  # at most 4 etmalen a week: part-time
    Verblijfsdag.objects.create(
        provider=world.provider, toewijzing=tw, date=tw.begin.replace(month=3, day=6), kind="afwezig",
        reason="overig", agreed=True,
    )  # fmt: skip
    client.force_login(User.objects.create(username="zorg", role=Role.AANBIEDER, provider=world.provider))
    page = client.get(f"/declaraties/verblijf/{tw.pk}/?maand={YEAR}-03").content.decode()
    assert "(VERBLIJF-DEELTIJD)" in page and "0 declarabele dagen" in page
    tw.volume = 5  # full stay: the absence the municipality agreed is paid
    tw.save(update_fields=["volume"])
    page = client.get(f"/declaraties/verblijf/{tw.pk}/?maand={YEAR}-03").content.decode()
    assert "(VERBLIJF-DEELTIJD)" not in page and "1 declarabele dagen" in page
