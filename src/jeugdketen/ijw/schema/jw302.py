"""JW302: Bericht voor de toewijzing van Jeugdhulp aan een aanbieder.

``JW302.xsd`` is ``JW301.xsd`` again with a retour header and ``RetourCodes`` in every
class, so the declarations are derived from :mod:`.jw301` (see :mod:`.blocks`).
"""

from __future__ import annotations

from . import jw301
from .blocks import retour_message

NS = "http://www.istandaarden.nl/ijw/3_2/jw302/schema"

MESSAGE, _types = retour_message(jw301.MESSAGE, "JW302", NS, "437")
RetourCodes = _types["RetourCodes"]
Header = _types["Header"]
Contact = _types["Contact"]
Relatie = _types["Relatie"]
Relaties = _types["Relaties"]
Contactgegevens = _types["Contactgegevens"]
ToegewezenProduct = _types["ToegewezenProduct"]
ToegewezenProducten = _types["ToegewezenProducten"]
Client = _types["Client"]
Root = MESSAGE.root
