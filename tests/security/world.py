"""Two organisations of each kind, with rows of every client-data model, and one user per role.

Organisation "a" is the one the test users belong to, "b" the foreign one. Every row of
"b" carries a sentinel string (:data:`FOREIGN_SENTINELS`) that must never appear in an
answer to a user of "a"; the client of "a" carries personal data that may only appear in
the client file.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import models, transaction

from jeugdketen.accounts.models import Role, User
from jeugdketen.accounts.tokens import issue

PASSWORD = "Een-lang-wachtwoord-42"

PERSONAL = {
    "a": {"bsn": "123456708", "last_name": "Zonnebloemsma", "birth_date": dt.date(2012, 3, 14)},
    "b": {"bsn": "876543207", "last_name": "Vreemdelingenhof", "birth_date": dt.date(2013, 7, 9)},
}
# ToewijzingNummer is LDT_Nummer: an integer of at most nine digits.
TOEWIJZING_NUMBERS = {"a": "81234567", "b": "87654321"}
MESSAGE_IDS = {"a": "AAA-eigen-0001", "b": "BBB-vreemd-0001"}
# The set-up of region "b" (contract, client stop, exemption, user, token), which a
# functional administrator of region "a" must never see.
SETUP_SENTINELS = {
    "contract": "CONTRACT-VREEMD-B",
    "stop": "stop-vreemd-B",
    "exemption": "vrijstelling-vreemd-B",
    "user": "gebruiker-vreemd-b",
    "token": "token-vreemd-B",
}
FOREIGN_SENTINELS = [
    PERSONAL["b"]["bsn"],
    PERSONAL["b"]["last_name"],
    TOEWIJZING_NUMBERS["b"],
    MESSAGE_IDS["b"],
    *SETUP_SENTINELS.values(),
]
OWN_PERSONAL_DATA = [
    PERSONAL["a"]["bsn"],
    PERSONAL["a"]["last_name"],
    "2012-03-14",
    "14-03-2012",
    "14 maart 2012",
    "Bloemenlaan",
]

#: user key -> (role, organisation letter or None)
USERS = {
    "toegang": (Role.TOEGANG, "a"),
    "contract": (Role.CONTRACT, "a"),
    "aanbieder": (Role.AANBIEDER, "a"),
    "beheer": (Role.BEHEER, "a"),  # manages the set-up of region "a"
    "auditor": (Role.AUDITOR, None),
}


@dataclass
class Org:
    municipality: object
    provider: object
    client: object
    toewijzing: object
    rows: dict[str, object] = field(default_factory=dict)


@dataclass
class World:
    a: Org
    b: Org
    users: dict[str, User]
    tokens: dict[str, str]
    region: object

    def org(self, letter: str) -> Org:
        return self.a if letter == "a" else self.b


def _org(letter: str, region) -> Org:
    """Organisation `letter`: its municipality belongs to `region` (each letter its own)."""
    from jeugdketen.catalogus.models import Municipality, Provider
    from jeugdketen.toegang.models import Client, Toewijzing

    number = 1 if letter == "a" else 2
    municipality = Municipality.objects.create(cbs_code=f"990{number}", name=f"Testgemeente {letter.upper()}")
    municipality.regions.add(region)
    provider = Provider.objects.create(name=f"Testaanbieder {letter.upper()}", agb_code=f"9900000{number}")
    person = PERSONAL[letter]
    client = Client.objects.create(
        bsn=person["bsn"],
        birth_date=person["birth_date"],
        initials="T",
        given_name="Testkind",
        last_name=person["last_name"],
        street="Bloemenlaan" if letter == "a" else "Verre Weg",
        house_number=str(number),
        postcode=f"123{number}AB",
        city="Teststad",
        municipality=municipality,
    )
    toewijzing = Toewijzing.objects.create(
        municipality=municipality,
        number=TOEWIJZING_NUMBERS[letter],
        client=client,
        provider=provider,
        product_category="45",
        product_code="45A01",
        begin=dt.date(2026, 1, 1),
        toewijzing_date=dt.date(2025, 12, 15),
    )
    org = Org(municipality, provider, client, toewijzing)
    _setup_rows(org, letter, region)
    _rows(org, letter)
    return org


def _setup_rows(org: Org, letter: str, region) -> None:
    """The set-up of the organisation's region: what the functional administrator manages."""
    from jeugdketen.catalogus.models import Lot, Product
    from jeugdketen.contracten.models import AcceptanceExemption, ClientStop, Contract, ContractProduct
    from jeugdketen.monitoring.models import Budget

    product = Product.objects.get(region=region, position=1)
    lot = Lot.objects.create(region=region, code=f"perceel-{letter}", name=f"Perceel {letter.upper()}")
    contract = Contract.objects.create(
        provider=org.provider,
        region=region,
        reference="CONTRACT-EIGEN-A" if letter == "a" else SETUP_SENTINELS["contract"],
        start=dt.date(2026, 1, 1),
    )
    org.rows["catalogus.Municipality"] = org.municipality
    org.rows["catalogus.Provider"] = org.provider
    org.rows["contracten.Contract"] = contract
    org.rows["contracten.ContractProduct"] = ContractProduct.objects.create(
        contract=contract, product=product, year=2026, tariff=decimal.Decimal("62.80")
    )
    foreign = letter == "b"
    org.rows["contracten.ClientStop"] = ClientStop.objects.create(
        provider=org.provider,
        product=product,
        start=dt.date(2026, 1, 1),
        reason=SETUP_SENTINELS["stop"] if foreign else "stop-eigen-a",
    )
    org.rows["contracten.AcceptanceExemption"] = AcceptanceExemption.objects.create(
        provider=org.provider,
        product=product,
        start=dt.date(2026, 1, 1),
        reason=SETUP_SENTINELS["exemption"] if foreign else "vrijstelling-eigen-a",
    )
    org.rows["monitoring.Budget"] = Budget.objects.create(
        municipality=org.municipality, year=2026, lot=lot, amount=decimal.Decimal("100000.00")
    )


def _rows(org: Org, letter: str) -> None:
    """One row of every other tenancy model, filled generically so new models are covered too."""
    from jeugdketen.berichten.models import Message

    org.rows["toegang.Client"] = org.client
    org.rows["toegang.Toewijzing"] = org.toewijzing
    org.rows["berichten.Message"] = Message.objects.create(
        direction=Message.Direction.IN,
        code="JW315",
        sender=org.provider.agb_code,
        receiver=org.municipality.cbs_code,
        identification=MESSAGE_IDS[letter],
        dagtekening=dt.date(2026, 1, 2),
        xml="<niet-getoond/>",
        accepted=True,
        municipality=org.municipality,
        provider=org.provider,
    )
    for model in apps.get_models():
        label = model._meta.label
        if getattr(model, "tenancy", None) is None or label in org.rows:
            continue
        try:
            with transaction.atomic():
                org.rows[label] = make_row(model, org, letter)
        except Exception as error:  # noqa: BLE001 - a model we cannot build is reported, not fatal
            org.rows[label] = error


def make_row(model, org: Org, letter: str, depth: int = 0):
    """An instance of `model` bound to `org`, with every required field given a plain value."""
    values = {}
    for f in model._meta.concrete_fields:
        if (
            f.primary_key
            or f.auto_created
            or getattr(f, "auto_now", False)
            or getattr(f, "auto_now_add", False)
        ):
            continue
        if isinstance(f, models.ForeignKey):
            target = f.related_model._meta.label
            known = {
                "catalogus.Municipality": org.municipality,
                "catalogus.Provider": org.provider,
                **{k: v for k, v in org.rows.items() if not isinstance(v, Exception)},
            }
            if target in known:
                values[f.name] = known[target]
            elif f.null:
                continue
            elif depth < 3:
                values[f.name] = make_row(f.related_model, org, letter, depth + 1)
            continue
        if f.has_default() or f.null:
            continue
        values[f.name] = _plain_value(f, letter)
    return model._default_manager.create(**values)


def _plain_value(f, letter: str):
    if f.choices:
        return f.choices[0][0]
    if isinstance(f, models.BooleanField):
        return False
    if isinstance(f, models.DateTimeField):
        return dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC)
    if isinstance(f, models.DateField):
        return dt.date(2026, 1, 5)
    if isinstance(f, models.DecimalField):
        return decimal.Decimal("1.00")
    if isinstance(f, models.IntegerField | models.FloatField):
        return 1
    if isinstance(f, models.JSONField):
        return {}
    if isinstance(f, models.CharField | models.TextField):
        text = f"{letter}-tekst"
        return text[: f.max_length] if f.max_length else text
    raise TypeError(f"no plain value for {f!r}")


@functools.cache
def _password_hash() -> str:
    # Hashing with Django's default (PBKDF2, ~1M rounds) takes a good part of a second;
    # hash once per test run and reuse it, so the matrix stays fast and the hasher stays real.
    return make_password(PASSWORD)


def build_world() -> World:
    from jeugdketen.catalogus.models import Product, Region

    region = Region.objects.create(slug="testregio", name="Testregio", year=2026, document="test.pdf")
    foreign_region = Region.objects.create(
        slug="testregio-b", name="Vreemde regio", year=2026, document="test-b.pdf"
    )
    for book in (region, foreign_region):
        Product.objects.create(region=book, position=1, code="45A01", category="45", name="Testproduct")
    a, b = _org("a", region), _org("b", foreign_region)
    users = {}
    for key, (role, letter) in USERS.items():
        user = User.objects.create(username=key, password=_password_hash(), role=role, first_name=key.title())
        if letter:
            org = a if letter == "a" else b
            if role == Role.BEHEER:
                user.regions.add(region)
            elif role == Role.AANBIEDER:
                user.provider = org.provider
                user.save()
            else:
                user.municipalities.add(org.municipality)
        users[key] = user
    tokens = {
        "systeem-gemeente": issue(label="gemeente-a", municipality=a.municipality)[1],
        "systeem-aanbieder": issue(label="aanbieder-a", provider=a.provider)[1],
    }
    # A user and a token of organisation "b", for the set-up screens' isolation.
    a.rows["accounts.User"] = users["toegang"]
    b.rows["accounts.User"] = User.objects.create(
        username=SETUP_SENTINELS["user"], password=_password_hash(), role=Role.TOEGANG
    )
    b.rows["accounts.User"].municipalities.add(b.municipality)
    a.rows["accounts.OrganisationToken"] = issue(label="token-eigen-a", municipality=a.municipality)[0]
    b.rows["accounts.OrganisationToken"] = issue(label=SETUP_SENTINELS["token"], municipality=b.municipality)[
        0
    ]
    return World(a=a, b=b, users=users, tokens=tokens, region=region)
