"""JW325: Bericht met retourinformatie voor declaratie Jeugdhulp.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw325`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw325 as s
from . import basis as b
from .model import Model, Root


@dataclass(kw_only=True)
class Header(Model):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "491"
    bericht_versie: int = 3
    bericht_subversie: int = 2
    afzender: str
    ontvanger: str
    bericht_identificatie: b.BerichtIdentificatie
    xsd_versie: b.XsdVersie
    declaratie_identificatie: b.BerichtIdentificatie
    xslt_versie: str | None = None
    xsd_versie_declaratie: b.XsdVersie
    retour_codes: list[str] = field(default_factory=list)


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
    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Client(Model):
    """``Client``."""

    _schema: ClassVar = s.Client

    bsn: str
    prestaties: list[Prestatie] = field(default_factory=list)
    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class DeclaratieAntwoord(Model):
    """Gegevens over het antwoord op een ingediende declaratie."""

    _schema: ClassVar = s.DeclaratieAntwoord

    declaratie_nummer: str
    totaal_ingediend_bedrag: b.TotaalBedragMetDC
    totaal_toegekend_bedrag: b.TotaalBedragMetDC
    clienten: list[Client] = field(default_factory=list)
    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class JW325(Root):
    """Bericht met retourinformatie voor declaratie Jeugdhulp."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    declaratie_antwoord: DeclaratieAntwoord | None = None
