"""Storing a validated set-up workbook: per sheet what is created, changed and left alone.

Runs inside the caller's transaction. Tariffs go through :func:`contracten.tariffs.set_tariff`
(with their history); everything else is compared field by field, so importing the same
workbook twice changes nothing.
"""

from __future__ import annotations

from jeugdketen.accounts.models import User
from jeugdketen.catalogus.models import Municipality, Provider
from jeugdketen.contracten import tariffs, variants
from jeugdketen.contracten.models import AcceptanceExemption, ClientStop, Contract
from jeugdketen.monitoring.models import Budget

from .validating import Records


class Tally:
    def __init__(self, sheet: str) -> None:
        self.sheet, self.created, self.changed, self.unchanged = sheet, [], [], 0

    def add(self, label: str, created: bool, changed: bool) -> None:
        if created:
            self.created.append(label)
        elif changed:
            self.changed.append(label)
        else:
            self.unchanged += 1


def _update(obj, **values) -> bool:
    """Sets the differing fields and saves; returns whether anything changed."""
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    for key in changed:
        setattr(obj, key, values[key])
    if changed:
        obj.save(update_fields=changed)
    return bool(changed)


def apply(records: Records, *, actor, source: str) -> tuple[list[Tally], list[User]]:
    tallies, new_users = [], []

    tally = Tally("gemeenten")
    for r in records.gemeenten:
        m, created = Municipality.objects.get_or_create(cbs_code=r["cbs"], defaults={"name": r["name"]})
        changed = _update(m, name=r["name"])
        missing = [g for g in r["regions"] if g not in m.regions.all()]
        m.regions.add(*missing)
        tally.add(f"{r['cbs']} {r['name']}", created, changed or bool(missing))
    tallies.append(tally)

    providers = {}
    tally = Tally("aanbieders")
    for r in records.aanbieders:
        # a name a product book uses becomes the organisation of the same name (it gets the AGB code)
        if not Provider.objects.filter(agb_code=r["agb"]).exists():
            Provider.objects.filter(name=r["name"], agb_code=None, organisation=None).update(
                agb_code=r["agb"]
            )
        providers[r["agb"]] = Provider.objects.get_or_create(agb_code=r["agb"], defaults={"name": r["name"]})
    for r in records.aanbieders:  # second pass: a contract holder may come later in the sheet
        p, created = providers[r["agb"]]
        holder = Provider.objects.get(agb_code=r["holder"]) if r["holder"] else None
        changed = _update(
            p, name=r["name"], kvk_number=r["kvk"], micro_enterprise=r["micro"], contract_holder=holder
        )
        if holder is not None and not holder.is_contract_holder:
            _update(holder, is_contract_holder=True)
        for book_name in Provider.objects.filter(name__in=r["book_names"], agb_code=None):
            changed = _update(book_name, organisation=p) or changed
        tally.add(f"{r['agb']} {r['name']}", created, changed)
    tallies.append(tally)

    tally = Tally("contracten")
    for r in records.contracten:
        values = {
            "provider": Provider.objects.get(agb_code=r["agb"]),
            "region": r["region"],
            "lot": r["lot"],
            "start": r["start"],
            "end": r["end"],
            "acceptance_duty": r["acceptance"],
            "indirect_time_allowed": r["indirect"],
        }
        contract = Contract.objects.filter(reference=r["ref"]).first()
        if contract is None:
            Contract.objects.create(reference=r["ref"], **values)
            tally.add(r["ref"], True, False)
        else:
            tally.add(r["ref"], False, _update(contract, **values))
    tallies.append(tally)

    tally = Tally("contractproducten")
    contracts = {
        c.reference: c
        for c in Contract.objects.filter(reference__in={r["ref"] for r in records.contractproducten})
    }
    rows = [
        tariffs.TariffRow(contracts[r["ref"]], r["product"], r["year"], r["variant"], r["tariff"])
        for r in records.contractproducten
    ]
    for r, outcome in zip(
        records.contractproducten, tariffs.set_tariffs(rows, actor=actor, source=source), strict=True
    ):
        label = f"{r['ref']} {r['product'].code} {r['year']} {r['variant']}"
        if outcome == "nieuw":
            tally.add(label, True, False)
        else:
            tally.add(f"{label}: {outcome}", False, outcome != "ongewijzigd")
    tallies.append(tally)
    # SGGZ-VARIANT also when only a contract's period changed (new lines were checked above)
    touched = {r["agb"] for r in records.contracten}
    if touched:
        variants.ensure_one_variant(
            Provider.objects.filter(agb_code__in=touched).values_list("pk", flat=True)
        )

    for sheet, model in (("clientenstops", ClientStop), ("vrijstellingen", AcceptanceExemption)):
        tally = Tally(sheet)
        for r in getattr(records, sheet):
            provider = Provider.objects.get(agb_code=r["agb"])
            created = changed = False
            for product in r["products"]:
                row = model.objects.filter(provider=provider, product=product, start=r["start"]).first()
                if row is None:
                    model.objects.create(
                        provider=provider, product=product, start=r["start"], end=r["end"], reason=r["reason"]
                    )
                    created = True
                else:
                    changed = _update(row, end=r["end"], reason=r["reason"]) or changed
            tally.add(
                f"{r['agb']} {r['code'] or 'alle producten'} vanaf {r['start']:%d-%m-%Y}", created, changed
            )
        tallies.append(tally)

    tally = Tally("budgetten")
    for r in records.budgetten:
        municipality = Municipality.objects.get(cbs_code=r["cbs"])
        budget, created = Budget.objects.get_or_create(
            municipality=municipality, year=r["year"], lot=r["lot"], defaults={"amount": r["amount"]}
        )
        tally.add(
            f"{r['cbs']} {r['year']} {r['lot'].code}",
            created,
            not created and _update(budget, amount=r["amount"]),
        )
    tallies.append(tally)

    tally = Tally("gebruikers")
    for r in records.gebruikers:
        first, _, last = r["name"].partition(" ")
        provider = Provider.objects.get(agb_code=r["provider"]) if r["provider"] else None
        user = User.objects.filter(username__iexact=r["username"]).first()
        created = user is None
        if created:
            user = User(username=r["username"])
            user.set_unusable_password()
        changed = (
            _update(
                user, first_name=first, last_name=last, email=r["email"], role=r["role"], provider=provider
            )
            if not created
            else False
        )
        if created:
            user.first_name, user.last_name, user.email, user.role, user.provider = (
                first,
                last,
                r["email"],
                r["role"],
                provider,
            )
            user.save()
            new_users.append(user)
        municipalities = list(Municipality.objects.filter(cbs_code__in=r["municipalities"]))
        if {m.pk for m in user.municipalities.all()} != {m.pk for m in municipalities}:
            user.municipalities.set(municipalities)
            changed = True
        if set(r["regions"]) - {g.pk for g in user.regions.all()}:
            user.regions.add(*r["regions"])
            changed = True
        tally.add(r["username"], created, changed and not created)
    tallies.append(tally)
    return tallies, new_users
