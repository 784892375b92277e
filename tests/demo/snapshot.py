"""What the chain stored, as rows to compare: every field of every row of the domain's tables,
with what the moment decides (keys, BerichtIdentificatie, timestamps) replaced by what it
points at or by whether it is set."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter

from django.apps import apps
from django.db import models

APPS = ("toegang", "levering", "berichten", "declaraties")
#: The message's own identifications: drawn from a sequence in bulk, from uuid4 when played.
IDENTIFICATION = re.compile(r"<(\w+:)?(Identificatie|IdentificatieRetour)>[^<]*</")


def masked(xml: str) -> str:
    return IDENTIFICATION.sub(r"<\1\2>*</", xml)


def natural(obj) -> object:
    """A row as what it is, not by its key: a message by its content, a toewijzing by its number."""
    if obj is None:
        return None
    name = type(obj).__name__
    if name == "Message":
        digest = hashlib.sha256(masked(obj.xml).encode()).hexdigest()[:16]
        return (name, obj.code, obj.direction, obj.sender, obj.receiver, obj.dagtekening.isoformat(), digest)
    if name == "Toewijzing":
        return (name, obj.municipality.cbs_code, obj.number)
    if name == "AllocationRequest":
        return (name, obj.provider.agb_code, obj.reference)
    if name == "Referral":
        return (name, obj.client.bsn, obj.date.isoformat(), obj.route)
    for key in ("bsn", "cbs_code", "agb_code", "slug"):
        if getattr(obj, key, None):
            return (name, getattr(obj, key))
    if name == "Betaalverplichting":
        return (name, obj.declaratie.number, obj.product_code, obj.month.isoformat())
    if name == "Betaling":
        return (
            name,
            obj.municipality.cbs_code,
            obj.provider.agb_code,
            obj.date.isoformat(),
            obj.amount_cents,
        )
    if name == "Product":
        return (name, obj.region.slug, obj.category, obj.code, obj.position)
    return (name, str(obj))


def row(obj) -> tuple:
    values = []
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name == "identification":
            continue
        value = getattr(obj, field.name)
        if isinstance(field, models.ForeignKey):
            value = natural(value)
        elif isinstance(value, dt.datetime):
            value = "set"  # when, not whether, is the moment's
        elif field.name == "transaction":  # a booking's uuid: which rows belong together, not its value
            value = "set"
        elif field.name == "xml":
            value = masked(value)
        elif isinstance(value, list | dict):
            value = json.dumps(value, sort_keys=True)
        values.append((field.name, value))
    return tuple(values)


def snapshot() -> dict[str, Counter]:
    """Per model, the multiset of its rows."""
    return {
        model.__name__: Counter(row(obj) for obj in model.objects.all())
        for app in APPS
        for model in apps.get_app_config(app).get_models()
    }


#: The small region both equality tests build: 160 youths over a year, every story plain.
SMALL = {"youths": 160, "months": 12, "seed": 7, "today": dt.date(2026, 12, 1), "real_stories": 0}


def built_twice(stages: list) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """The small region built in bulk and, after rolling that back, played: (written, played).
    ``stages``: the later stages to run (the billing, or none)."""
    from unittest import mock

    from django.db import transaction

    from jeugdketen.catalogus.loader import load_all
    from jeugdketen.demo import build as demo

    load_all()
    with mock.patch.object(demo, "_stages", lambda: stages):
        before = transaction.savepoint()
        demo.build(**SMALL, bulk=True)
        written = snapshot()
        transaction.savepoint_rollback(before)
        demo.build(**SMALL, bulk=False)
        return written, snapshot()


def fields(rows: Counter, name: str) -> Counter:
    """How often each value of one field occurs among the rows."""
    return Counter(dict(r)[name] for r in rows.elements())


def differences(left: dict[str, Counter], right: dict[str, Counter], limit: int = 3) -> list[str]:
    """Readable differences: per model, rows only on one side (at most `limit` each)."""
    found = []
    for name in sorted(set(left) | set(right)):
        a, b = left.get(name, Counter()), right.get(name, Counter())
        if a == b:
            continue
        only_a, only_b = list((a - b).elements()), list((b - a).elements())
        found.append(f"{name}: {len(only_a)} rows only left, {len(only_b)} only right")
        for side, rows in (("left", only_a), ("right", only_b)):
            for r in rows[:limit]:
                other = only_b if side == "left" else only_a
                if other:  # name the fields that differ from the nearest row on the other side
                    near = min(other, key=lambda o, r=r: sum(x != y for x, y in zip(r, o, strict=True)))
                    r = [f for f, g in zip(r, near, strict=True) if f != g]
                found.append(f"  {side}: {r}")
    return found
