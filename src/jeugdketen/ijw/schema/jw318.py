"""JW318: Bericht voor Verzoek om wijziging Jeugdhulp.

``JW318.xsd`` is ``JW317.xsd`` again with a retour header and ``RetourCodes`` in every
class, so the declarations are derived from :mod:`.jw317` (see :mod:`.blocks`).
"""

from __future__ import annotations

from . import jw317
from .blocks import retour_message

NS = "http://www.istandaarden.nl/ijw/3_2/jw318/schema"

MESSAGE, _types = retour_message(jw317.MESSAGE, "JW318", NS, "487")
RetourCodes = _types["RetourCodes"]
Header = _types["Header"]
OngewijzigdProduct = _types["OngewijzigdProduct"]
OngewijzigdeProducten = _types["OngewijzigdeProducten"]
TeWijzigenProduct = _types["TeWijzigenProduct"]
TeWijzigenProducten = _types["TeWijzigenProducten"]
NieuwProduct = _types["NieuwProduct"]
NieuweProducten = _types["NieuweProducten"]
Verzoek = _types["Verzoek"]
Client = _types["Client"]
Root = MESSAGE.root
