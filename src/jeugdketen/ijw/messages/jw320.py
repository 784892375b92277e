"""JW320: Bericht voor antwoordinformatie over het Verzoek om toewijzing of Verzoek om wijziging Jeugdhulp.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw320`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw320 as s
from . import basis as b
from .model import Model, Root


@dataclass(kw_only=True)
class Header(Model):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "489"
    bericht_versie: int = 3
    bericht_subversie: int = 2
    afzender: str
    ontvanger: str
    bericht_identificatie: b.BerichtIdentificatie
    xsd_versie: b.XsdVersie
    identificatie_retour: str
    dagtekening_retour: dt.date
    xslt_versie: str | None = None
    xsd_versie_retour: b.XsdVersie
    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Woonplaatsbeginsel(Model):
    """``Woonplaatsbeginsel``."""

    _schema: ClassVar = s.Woonplaatsbeginsel

    gemeente: str
    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Antwoord(Model):
    """Gegevens over het antwoord dat de gemeente geeft op een verzoek van de aanbieder."""

    _schema: ClassVar = s.Antwoord

    referentie_aanbieder: str
    verzoek_antwoord: str
    reden_afwijzing_verzoek: str | None = None
    woonplaatsbeginsel: Woonplaatsbeginsel | None = None
    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class JW320(Root):
    """Bericht voor antwoordinformatie over het Verzoek om toewijzing of Verzoek om wijziging Jeugdhulp."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    antwoord: Antwoord | None = None
