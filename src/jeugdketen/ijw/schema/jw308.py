"""JW308: Bericht voor het melden van de stop van levering van Jeugdhulp.

``JW308.xsd`` is ``JW307.xsd`` again with a retour header and ``RetourCodes`` in every
class, so the declarations are derived from :mod:`.jw307` (see :mod:`.blocks`).
"""

from __future__ import annotations

from . import jw307
from .blocks import retour_message

NS = "http://www.istandaarden.nl/ijw/3_2/jw308/schema"

MESSAGE, _types = retour_message(jw307.MESSAGE, "JW308", NS, "441")
RetourCodes = _types["RetourCodes"]
Header = _types["Header"]
StopProduct = _types["StopProduct"]
StopProducten = _types["StopProducten"]
Client = _types["Client"]
Root = MESSAGE.root
