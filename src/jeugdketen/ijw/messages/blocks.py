"""The model pieces the messages share, as :mod:`jeugdketen.ijw.schema.blocks` shares declarations.

Every message's ``Header`` starts with the same seven fields; a retour header adds its own
five. Each message module subclasses these with its ``_schema`` and its BerichtCode.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import basis as b
from .model import Model


@dataclass(kw_only=True)
class Header(Model):
    """The fields every message header starts with; a subclass sets ``bericht_code``."""

    bericht_code: str
    bericht_versie: int = 3
    bericht_subversie: int = 2
    afzender: str
    ontvanger: str
    bericht_identificatie: b.BerichtIdentificatie
    xsd_versie: b.XsdVersie


@dataclass(kw_only=True)
class RetourHeader(Header):
    """The header of JW302, JW306, JW308, JW316, JW318 and JW320: the heen header, then the retour's."""

    identificatie_retour: str
    dagtekening_retour: dt.date
    xslt_versie: str | None = None
    xsd_versie_retour: b.XsdVersie
    retour_codes: list[str] = field(default_factory=list)
