"""JW306: Bericht voor het melden van de start van levering van Jeugdhulp.

``JW306.xsd`` is ``JW305.xsd`` again with a retour header and ``RetourCodes`` in every
class, so the declarations are derived from :mod:`.jw305` (see :mod:`.blocks`).
"""

from __future__ import annotations

from . import jw305
from .blocks import retour_message

NS = "http://www.istandaarden.nl/ijw/3_2/jw306/schema"

MESSAGE, _types = retour_message(jw305.MESSAGE, "JW306", NS, "439")
RetourCodes = _types["RetourCodes"]
Header = _types["Header"]
StartProduct = _types["StartProduct"]
StartProducten = _types["StartProducten"]
Client = _types["Client"]
Root = MESSAGE.root
