"""JW323: Bericht voor declaratie Jeugdhulp.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw323`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw323 as s
from . import basis as b
from . import blocks
from .model import Model, Root


@dataclass(kw_only=True)
class Header(blocks.Header):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "490"


@dataclass(kw_only=True)
class Prestatie(Model):
    """``Prestatie``."""

    _schema: ClassVar = s.Prestatie

    product_referentie: b.Referentie
    toewijzing_nummer: int
    product_categorie: str
    product_code: str
    product_periode: b.GeslotenPeriode
    geleverd_volume: int
    eenheid: str
    product_tarief: int | None = None
    ingediend_bedrag: b.BedragMetDC


@dataclass(kw_only=True)
class Client(Model):
    """``Client``."""

    _schema: ClassVar = s.Client

    bsn: str
    prestaties: list[Prestatie] = field(default_factory=list)


@dataclass(kw_only=True)
class Declaratie(Model):
    """Gegevens over de ingediende declaratie."""

    _schema: ClassVar = s.Declaratie

    declaratie_nummer: str
    declaratie_periode: b.GeslotenPeriode
    declaratie_dagtekening: dt.date
    totaal_ingediend_bedrag: b.TotaalBedragMetDC
    clienten: list[Client] = field(default_factory=list)


@dataclass(kw_only=True)
class JW323(Root):
    """Bericht voor declaratie Jeugdhulp."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    declaratie: Declaratie
