"""jeugdketen allocation create --spec FILE.json --out DIR: the municipality allocates; writes the JW301.

The spec format is documented in docs/allocation-spec.md.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from jeugdketen.berichten.management.commands.messages import write
from jeugdketen.catalogus.models import Municipality, Provider
from jeugdketen.toegang.checks import AllocationRefused, Finding, find_product
from jeugdketen.toegang.models import Client
from jeugdketen.toegang.services import allocate, register_referral, send_jw301


class SpecError(ValueError):
    pass


def _date(value, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise SpecError(f"{field}: geen geldige datum (JJJJ-MM-DD): {value!r}") from exc


def create_from_spec(spec: dict, *, today: dt.date | None = None):
    """Allocates every product of the spec in one transaction; returns (toewijzingen, JW301 message)."""
    try:
        municipality = Municipality.objects.get(cbs_code=spec["municipality"])
        provider = Provider.objects.get(agb_code=spec["provider"])
        data = spec["client"]
        items = spec["products"]
    except KeyError as exc:
        raise SpecError(f"ontbrekend veld: {exc}") from exc
    except (Municipality.DoesNotExist, Provider.DoesNotExist) as exc:
        raise SpecError(f"onbekende gemeente of aanbieder: {exc}") from exc
    today = _date(spec["date"], "date") if spec.get("date") else (today or dt.date.today())
    with transaction.atomic():
        client = Client.objects.filter(bsn=data.get("bsn")).first()
        if client is None:
            client = Client(
                bsn=data.get("bsn", ""),
                birth_date=_date(data.get("birth_date"), "client.birth_date"),
                municipality=municipality,
                **{
                    k: data.get(k, "")
                    for k in (
                        "initials",
                        "given_name",
                        "prefix",
                        "last_name",
                        "gender",
                        "street",
                        "house_number",
                        "postcode",
                        "city",
                    )
                },
            )
            client.full_clean(validate_unique=False)
            client.save()
        elif client.municipality_id != municipality.pk:
            raise AllocationRefused(
                [
                    Finding(
                        "WOONPLAATSBEGINSEL",
                        f"{client.municipality.name} is verantwoordelijk voor deze cliënt.",
                        "8",
                    )
                ]
            )
        referral = None
        if spec.get("referral"):
            r = spec["referral"]
            referral = register_referral(
                client=client,
                municipality=municipality,
                route=r.get("route", "toegang"),
                date=_date(r.get("date", today.isoformat()), "referral.date"),
                provider=provider,
                referrer_agb=r.get("referrer_agb", ""),
                referrer_name=r.get("referrer_name", ""),
            )
        made = []
        for index, item in enumerate(items):
            begin = _date(item.get("begin"), f"products[{index}].begin")
            # a code that has ended is allocated as its successor (protocol productcodelijstwijzigingen)
            product = find_product(municipality, item.get("category", ""), item.get("code"), on=begin)
            if product is None:
                raise AllocationRefused(
                    [
                        Finding(
                            "PRODUCT",
                            f"products[{index}]: product {item.get('code')} onbekend in deze regio.",
                        )
                    ]
                )
            made.append(
                allocate(
                    municipality=municipality,
                    client=client,
                    provider=provider,
                    product=product,
                    begin=begin,
                    end=_date(item["end"], f"products[{index}].end") if item.get("end") else None,
                    volume=item.get("volume"),
                    unit=item.get("unit"),
                    frequency=item.get("frequency"),
                    budget_cents=item.get("budget_cents"),
                    referral=referral,
                    referrer_code=item.get("referrer_code", ""),
                    bridging=bool(item.get("bridging")),
                    guardianship=bool(item.get("guardianship")),
                    expert_advice=str(item.get("expert_advice") or ""),
                    comment=item.get("comment", ""),
                    reasons={str(k): str(v) for k, v in (item.get("reasons") or {}).items()},
                    today=today,
                    send=False,
                )
            )
        message = send_jw301(made[0], today=today, extra=made)
    return made, message


class Command(BaseCommand):
    help = "Allocate care from a JSON spec (docs/allocation-spec.md) and write the JW301."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="allocate and write the JW301 to --out")
        create.add_argument("--spec", required=True, type=Path)
        create.add_argument("--out", required=True, type=Path)

    def handle(self, *args, action, spec, out, **options):
        try:
            data = json.loads(spec.read_text(encoding="utf-8"))
            made, message = create_from_spec(data)
        except (OSError, json.JSONDecodeError, SpecError) as error:
            self.stderr.write(f"spec niet te lezen: {error}")
            sys.exit(2)
        except AllocationRefused as refused:
            for finding in refused.findings:
                self.stderr.write(f"geweigerd {finding.rule}: {finding.text}")
            sys.exit(1)
        name = write(message, out)
        numbers = ", ".join(t.number for t in made)
        self.stdout.write(f"toewijzing {numbers}: {name}")
