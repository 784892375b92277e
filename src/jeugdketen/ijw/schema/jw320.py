"""JW320: Bericht voor antwoordinformatie over het Verzoek om toewijzing of Verzoek om wijziging Jeugdhulp.

``JW320.xsd`` is ``JW319.xsd`` again with a retour header and ``RetourCodes`` in every
class, so the declarations are derived from :mod:`.jw319` (see :mod:`.blocks`).
"""

from __future__ import annotations

from . import jw319
from .blocks import retour_message

NS = "http://www.istandaarden.nl/ijw/3_2/jw320/schema"

MESSAGE, _types = retour_message(jw319.MESSAGE, "JW320", NS, "489")
RetourCodes = _types["RetourCodes"]
Header = _types["Header"]
Woonplaatsbeginsel = _types["Woonplaatsbeginsel"]
Antwoord = _types["Antwoord"]
Root = MESSAGE.root
