"""JW316: Bericht voor het aanvragen van een toewijzing voor Jeugdhulp.

``JW316.xsd`` is ``JW315.xsd`` again with a retour header and ``RetourCodes`` in every
class, so the declarations are derived from :mod:`.jw315` (see :mod:`.blocks`).
"""

from __future__ import annotations

from . import jw315
from .blocks import retour_message

NS = "http://www.istandaarden.nl/ijw/3_2/jw316/schema"

MESSAGE, _types = retour_message(jw315.MESSAGE, "JW316", NS, "447")
RetourCodes = _types["RetourCodes"]
Header = _types["Header"]
AangevraagdProduct = _types["AangevraagdProduct"]
AangevraagdeProducten = _types["AangevraagdeProducten"]
Client = _types["Client"]
Root = MESSAGE.root
