"""JW315: Bericht voor het aanvragen van een toewijzing voor Jeugdhulp.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw315`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw315 as s
from . import basis as b
from . import blocks
from .model import Model, Root


@dataclass(kw_only=True)
class Header(blocks.Header):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "446"


@dataclass(kw_only=True)
class AangevraagdProduct(Model):
    """Gegevens over het product waarvoor een toewijzing wordt aangevraagd."""

    _schema: ClassVar = s.AangevraagdProduct

    referentie_aanbieder: str
    beschikking_nummer: int | None = None
    product: b.Product | None = None
    beschikking_ingangsdatum: dt.date | None = None
    toewijzing_ingangsdatum: dt.date
    toewijzing_einddatum: dt.date | None = None
    omvang: b.Omvang | None = None
    budget: int | None = None
    verwijzer: b.Verwijzer
    raamcontract: str | None = None
    commentaar: str | None = None


@dataclass(kw_only=True)
class Client(Model):
    """Persoonsgegevens van de client."""

    _schema: ClassVar = s.Client

    bsn: str
    geboortedatum: b.Geboortedatum
    geslacht: str
    naam: b.VerkorteNaam
    gezagsdrager_bekend: str | None = None
    commentaar: str | None = None
    aangevraagde_producten: list[AangevraagdProduct] = field(default_factory=list)


@dataclass(kw_only=True)
class JW315(Root):
    """Bericht voor het aanvragen van een toewijzing voor Jeugdhulp."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    client: Client
