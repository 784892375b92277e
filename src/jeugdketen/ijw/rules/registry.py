# ruff: noqa: E501  (the Dutch rule texts are transcribed literally, one string each)
"""Every iJw 3.2 rule code the report can name, with its Dutch text and WJ001 retourcode.

Transcribed from the iJw 3.2 rules (``regels/technische-regels``, ``regels/condities-
constraints``) and the retourcode list WJ001. The technical rules there name their
messages by the iWmo code they were copied from (``WMO323``); iJw uses the same numbers
(``JW323``), which is what is kept here.

``level`` says where a rule can be decided:

* ``"bericht"``: inside one message (the official XSLT checks these); all of them are
  implemented in :mod:`jeugdketen.ijw.rules`.
* ``"berichtoverstijgend"``: needs earlier messages (toewijzingen, declaraties, ...).
  The apps check those; a few have a part that one message already decides, which is
  implemented here under the same code (see ``in_message_part``).
* ``"externe bron"``: needs an outside source (CBS gemeentecodes, product code lists,
  contract tariffs, the system date).

The condities (CD) and constraints (CS) carry retourcode 0001, like the XSLT rules: a
message that breaks one is rejected as a whole. CS015, CS025 and CS319 have no retourcode
in the source; 0001 is used for them too. TR337, TR371 and TR376 concern JW325, which
has no retour message, so they have no retourcode.
"""

from __future__ import annotations

from dataclasses import dataclass

BERICHT = "bericht"
BERICHTOVERSTIJGEND = "berichtoverstijgend"
EXTERNE_BRON = "externe bron"


@dataclass(frozen=True, slots=True)
class RuleInfo:
    code: str
    description: str  # Dutch, as the standard words it
    return_code: str | None  # WJ001; None where the standard has none (n.v.t.)
    messages: tuple[str, ...]
    level: str  # BERICHT, BERICHTOVERSTIJGEND or EXTERNE_BRON
    in_message_part: str | None = None  # English note on the part one message decides, if any

    @property
    def berichtoverstijgend(self) -> bool:
        """True when the rule needs more than the message itself (earlier messages or outside data)."""
        return self.level != BERICHT


def _own(code: str, return_code: str, messages: tuple[str, ...], description: str) -> RuleInfo:
    return RuleInfo(code, description, return_code, messages, BERICHT)


def _cross(
    code: str,
    return_code: str | None,
    level: str,
    messages: tuple[str, ...],
    description: str,
    in_message_part: str | None = None,
) -> RuleInfo:
    return RuleInfo(code, description, return_code, messages, level, in_message_part)


_ALL_SENT = ("JW301", "JW305", "JW307", "JW315", "JW317", "JW319", "JW323", "JW325")

_RULES: tuple[RuleInfo, ...] = (
    # -- technical rules checked inside the message (XSLT) -------------------------
    _own(
        "TR002",
        "0001",
        ("JW301", "JW305", "JW307", "JW315"),
        "Geboortedatum mag niet meer dan 120 jaar voor de Dagtekening liggen, tenzij Geboortedatum onbekend is.",
    ),
    _own(
        "TR006",
        "0001",
        ("JW301",),
        "De berichtklasse Contact moet een berichtelement Telefoon, en/of de combinatie Huis en Postcode bevatten.",
    ),
    _own("TR018", "0001", ("JW307",), "Einddatum moet groter dan of gelijk zijn aan Begindatum."),
    _own(
        "TR061",
        "0001",
        ("JW301",),
        "Bij een Client moet minimaal één Adres voorkomen waarvan Soort de waarde '01' (BRP-adres), '02' (Correspondentie-adres) of '03' (Verblijfadres) heeft.",
    ),
    _own(
        "TR101",
        "0001",
        ("JW301", "JW305", "JW307", "JW315", "JW317", "JW323", "JW325"),
        "Binnen een bericht zijn dubbele regels niet toegestaan.",
    ),
    _own(
        "TR134",
        "0001",
        ("JW301", "JW305", "JW307", "JW315", "JW323", "JW325"),
        "Vullen met een bestaande datum die niet groter is dan de Dagtekening van het bericht.",
    ),
    _own(
        "TR137",
        "0001",
        ("JW323", "JW325"),
        "Vullen met een waarde die groter is dan, of gelijk is aan de Begindatum van de aangeduide periode én die niet groter is dan de Dagtekening van het bericht.",
    ),
    _own(
        "TR302",
        "0001",
        ("JW301",),
        "Een Product mag alleen vaker in een toewijzingsbericht voorkomen indien de zorgperiodes elkaar niet overlappen.",
    ),
    _own(
        "TR315", "0001", ("JW323",), "VorigReferentieNummer van de Prestatie moet uniek zijn in het bericht."
    ),
    _own("TR316", "0001", ("JW323",), "Debetregels mogen niet in hetzelfde bericht gecrediteerd worden."),
    _own(
        "TR335", "0001", ("JW323",), "Einddatum mag niet meer dan 5 jaar voor DeclaratieDagtekening liggen."
    ),
    _own(
        "TR342",
        "0001",
        ("JW325",),
        "Alleen afgewezen Prestaties dienen meegestuurd te worden in het declaratie-antwoordbericht op een declaratie.",
    ),
    _own(
        "TR352",
        "0001",
        ("JW317",),
        "Bij een verzoek om wijziging komt minstens 1 OngewijzigdProduct of TeWijzigenProduct voor.",
    ),
    _own(
        "TR353",
        "0001",
        ("JW317",),
        "Bij een verzoek om wijziging komt minstens 1 TeWijzigenProduct of NieuwProduct voor.",
    ),
    _own(
        "TR358",
        "0001",
        ("JW323",),
        "De waarde van TotaalBedrag in TotaalIngediendBedrag moet gelijk zijn aan de SOM van de waarden van Bedrag in Ingediendbedrag in alle onderliggende Prestaties, rekening houdend met indicatie debet/credit.",
    ),
    _own(
        "TR377",
        "0001",
        ("JW319",),
        "Indien RedenAfwijzingVerzoek de waarde 8 (Woonplaatsbeginsel) heeft, dan berichtklasse Woonplaatsbeginsel opnemen.",
    ),
    _own(
        "TR380", "0001", ("JW317",), "Vullen met een datum die groter is dan de dagtekening van het bericht."
    ),
    _own(
        "TR383",
        "0001",
        ("JW315",),
        "ReferentieAanbieder is uniek voor elk AangevraagdProduct binnen het bericht.",
    ),
    _own(
        "TR386",
        "0001",
        ("JW315",),
        "Een Product mag alleen vaker in een verzoek om toewijzing voorkomen indien de zorgperiodes elkaar niet overlappen.",
    ),
    _own(
        "TR409",
        "0001",
        ("JW319",),
        "Als RedenAfwijzingVerzoek ongelijk is aan 8 (Woonplaatsbeginsel), dan berichtklasse Woonplaatsbeginsel weglaten",
    ),
    _own(
        "TR410",
        "0001",
        ("JW317",),
        "Een Product mag alleen vaker in de berichtklassen NieuwProduct voorkomen als de zorgperiodes elkaar niet overlappen.",
    ),
    _own(
        "TR416",
        "0001",
        ("JW323",),
        "Prestatie met DebetCredit in IngediendBedrag waarde Debet mag alleen ingezonden worden voor dezelfde ProductPeriode, ProductCategorie en ProductCode met gelijk ToewijzingNummer als er niet al een Prestatie met waarde Debet is.",
    ),
    # -- condities (CD) and constraints (CS), per data element ------------------------
    _own(
        "CD005",
        "0001",
        ("JW301",),
        "LandCode: Als Postcode gevuld is, dan verplicht vullen, anders leeg laten.",
    ),
    _own(
        "CD007",
        "0001",
        ("JW301",),
        "Taal: Als Communicatie / Vorm de waarde 1 (tolk taal) heeft, dan verplicht vullen, anders leeglaten.",
    ),
    _own(
        "CD009",
        "0001",
        ("JW301",),
        "Periode (Contact): Alleen als Soort adres de waarde 04 (tijdelijk adres) heeft, is vullen toegestaan.",
    ),
    _own(
        "CD025",
        "0001",
        ("JW301",),
        "Huis: Als Adres / LandCode de waarde NL (Nederland) heeft, dan verplicht vullen.",
    ),
    _own(
        "CD034",
        "0001",
        ("JW301",),
        "Postcode: Als Soort adres de waarde 1 (BRP-adres) of 3 (verblijfadres) heeft, dan verplicht vullen.",
    ),
    _own(
        "CD041",
        "0001",
        ("JW301", "JW315", "JW317"),
        "Omvang: Indien Code in Product gevuld is, verplicht vullen.",
    ),
    _own(
        "CD043",
        "0001",
        ("JW315",),
        "BeschikkingIngangsdatum: Indien Beschikkingnummer gevuld is, verplicht vullen, anders leeg laten.",
    ),
    _own(
        "CD060",
        "0001",
        ("JW323", "JW325"),
        "VorigReferentieNummer: Verplicht vullen indien DebetCredit bij het ingediende bedrag de waarde C (credit) heeft, anders leeg laten.",
    ),
    _own(
        "CD066",
        "0001",
        ("JW315",),
        "Naam (Verwijzer): Als type verwijzer gelijk is aan 02, 03, 04 of 05 en ZorgverlenerCode is gevuld, dan is Naamverwijzer leeg.",
    ),
    _own(
        "CD067",
        "0001",
        ("JW315",),
        "Naam (Verwijzer): Als type verwijzer gelijk is aan 02, 03, 04 of 05 en ZorgverlenerCode is leeg, dan is Naamverwijzer gevuld.",
    ),
    _own(
        "CD068",
        "0001",
        ("JW315",),
        "ZorgverlenerCode: Als type verwijzer ongelijk is aan 02, 03, 04 of 05, dan is ZorgverlenerCode leeg.",
    ),
    _own("CD075", "0001", ("JW301", "JW315", "JW317"), "Einddatum: Verplicht vullen indien Budget gevuld is"),
    _own(
        "CD076",
        "0001",
        ("JW301", "JW315", "JW317"),
        "Einddatum: Verplicht vullen indien Frequentie waarde 2 (per week)",
    ),
    _own("CD077", "0001", ("JW301", "JW315", "JW317"), "Omvang: Indien Budget gevuld is, dan leeg laten"),
    _own("CD078", "0001", ("JW301", "JW315", "JW317"), "Budget: Indien Omvang gevuld is, dan leeg laten"),
    _own(
        "CD079", "0001", ("JW301", "JW315", "JW317"), "Product: Indien Budget leeg is, dan verplicht vullen"
    ),
    _own(
        "CD080",
        "0001",
        ("JW301",),
        "Omvang: Indien Code in Product leeg is en Einddatum van het ToegewezenProduct groter dan 31-12-2020 of leeg is, dan leeg laten",
    ),
    _own(
        "CD085",
        "0001",
        ("JW319",),
        "RedenAfwijzingVerzoek: Als VerzoekAntwoord de waarde 1 (Verzoek afgewezen) heeft, dan vullen",
    ),
    _own(
        "CD086",
        "0001",
        ("JW319",),
        "RedenAfwijzingVerzoek: Als VerzoekAntwoord de waarde 2 (Aanvraag in onderzoek) heeft, dan leeg laten",
    ),
    _own(
        "CD087",
        "0001",
        ("JW323",),
        "ProductTarief: Als eenheid ongelijk is aan 83 (euro’s) dan verplicht vullen, anders leeg laten.",
    ),
    _own(
        "CD095",
        "0001",
        ("JW315",),
        "Omvang: Indien Code in AangevraagdProduct leeg is en ToewijzingEinddatum van het AangevraagdProduct groter dan 31-12-2020 of leeg is, dan leeg laten",
    ),
    _own(
        "CD096",
        "0001",
        ("JW317",),
        "Omvang: Indien Code in NieuwProduct leeg is en Einddatum groter dan 31-12-2020 of leeg is, dan leeg laten",
    ),
    _own(
        "CS002",
        "0001",
        ("JW301", "JW305", "JW307", "JW315", "JW317", "JW323", "JW325"),
        "Bsn: De waarde moet voldoen aan de 11-proef.",
    ),
    _own(
        "CS003",
        "0001",
        ("JW301", "JW315", "JW317"),
        "Einddatum: Indien van toepassing vullen met een waarde die groter is dan, of gelijk is aan de Begindatum (of Ingangsdatum) van de aangeduide periode.",
    ),
    _own(
        "CS015",
        "0001",
        _ALL_SENT,
        "BerichtSubversie: BerichtSubversie vullen met 2.",
    ),
    _own(
        "CS025",
        "0001",
        _ALL_SENT,
        "BerichtVersie: BerichtVersie vullen met 3.",
    ),
    _own(
        "CS050",
        "0001",
        ("JW301",),
        "NaamGebruik: Als Partnernaam gevuld is, dan NaamGebruik vullen met waarde 1, 2, 3 of 4. Anders waarde 1 of 6 vullen.",
    ),
    _own(
        "CS058",
        "0001",
        ("JW305", "JW307"),
        "StatusAanlevering: 1 (eerste aanlevering) of 3 (verwijderen aanlevering) vullen.",
    ),
    _own(
        "CS089",
        "0001",
        ("JW301",),
        "Postcode: Als LandCode de waarde NL (Nederland) heeft, dan moet het formaat overeenkomen met dat van een Nederlandse postcode.",
    ),
    _own(
        "CS100",
        "0001",
        ("JW323",),
        "DeclaratiePeriode en ProductPeriode: Vullen met een datum die groter dan of gelijk is aan 01-01-2021",
    ),
    _own(
        "CS139",
        "0001",
        ("JW301", "JW305", "JW307", "JW315"),
        "Geboortedatum: Voor Geboortedatum geldt dat DatumGebruik en Datum met elkaar in overeenstemming moeten zijn.",
    ),
    _own(
        "CS318",
        "0001",
        ("JW301",),
        "NaamGebruik (Client): NaamGebruik 6 (Niet-natuurlijk persoon) niet vullen.",
    ),
    _own("CS319", "0001", ("JW323",), "DeclaratieNummer: Aaneengesloten vullen met cijfers en/of letters"),
    _own(
        "CS325",
        "0001",
        ("JW323", "JW325"),
        "DebetCredit: Indien (Totaal)Bedrag de waarde 0 heeft, dan DebetCredit vullen met D (Debet).",
    ),
    _own(
        "CS335",
        "0001",
        ("JW301",),
        "RedenWijziging: RedenWijziging 13 (verwijderd) mag alleen gebruikt worden indien de ingangsdatum gelijk is aan de einddatum",
    ),
    _own(
        "CS336",
        "0001",
        ("JW301",),
        "RedenWijziging: 01 (Administratieve correctie (vervallen)) niet gebruiken",
    ),
    _own(
        "CS337",
        "0001",
        ("JW323",),
        "ProductPeriode: Einddatum in de ProductPeriode vullen met een datum die valt in dezelfde kalendermaand en jaar als de Begindatum van de ProductPeriode",
    ),
    _own(
        "CS338",
        "0001",
        ("JW301", "JW317"),
        "Frequentie: Indien eenheid de waarde 14, 16, 83 of 84 heeft en Einddatum groter dan 31-12-2020 of leeg is, dan Frequentie vullen met de waarde 2 , 4 of 6",
    ),
    _own(
        "CS339",
        "0001",
        ("JW323",),
        "IngediendBedrag: Indien Eenheid de waarde 83 (euro’s) heeft, moet IngediendBedrag gelijk zijn aan GeleverdVolume.",
    ),
    _own(
        "CS340", "0001", ("JW323",), "DeclaratiePeriode: De periode is exact gelijk aan 1 hele kalendermaand"
    ),
    _own(
        "CS343",
        "0001",
        ("JW315",),
        "Frequentie: Indien eenheid de waarde 14, 16, 83 of 84 heeft en ToewijzingEinddatum is groter dan 31-12-2020 of leeg, dan Frequentie vullen met waarde 2, 4 of 6",
    ),
    # -- rules that need more than one message --------------------------------------
    _cross(
        "TR019",
        "9019",
        BERICHTOVERSTIJGEND,
        ("JW305", "JW307"),
        "Bij een output- of inspanningsgerichte werkwijze moet de melding van de start of de stop van de ondersteuning gerelateerd zijn aan een toewijzing op basis van het ToewijzingNummer",
    ),
    _cross(
        "TR056",
        "9056",
        BERICHTOVERSTIJGEND,
        _ALL_SENT,
        "Identificatie moet per berichtsoort uniek zijn voor de verzendende partij.",
    ),
    _cross(
        "TR063",
        "9063",
        BERICHTOVERSTIJGEND,
        ("JW305", "JW307"),
        "Indien StatusAanlevering de waarde 3 (aanlevering verwijderen) bevat, dan moet voor de betreffende Client een eerdere aanlevering met dezelfde logische sleutel verstuurd zijn.",
    ),
    _cross(
        "TR071",
        "9071",
        BERICHTOVERSTIJGEND,
        ("JW305",),
        "StatusAanlevering mag niet de waarde '3' bevatten als er voor de betreffende melding start zorg al een stop zorg is verstuurd.",
    ),
    _cross(
        "TR074",
        "9074",
        BERICHTOVERSTIJGEND,
        ("JW305", "JW307"),
        "Indien StatusAanlevering de waarde '1' bevat, dan moet de sleutel van de betreffende aanlevering niet alleen uniek zijn binnen het bericht zelf, maar ook in combinatie met alle reeds ontvangen berichten.",
    ),
    _cross(
        "TR304",
        "8187",
        BERICHTOVERSTIJGEND,
        ("JW317", "JW323", "JW325"),
        "Bsn moet overeenkomen met Bsn van een Client.",
    ),
    _cross(
        "TR307",
        "9307",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "Begindatum in ProductPeriode in Prestatie moet groter dan of gelijk zijn aan Ingangsdatum in ToegewezenProduct.",
    ),
    _cross(
        "TR308",
        "9308",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "Einddatum in ProductPeriode in Prestatie moet kleiner dan of gelijk zijn aan Einddatum in ToegewezenProduct, indien die gevuld is.",
    ),
    _cross(
        "TR314",
        "8021",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "ReferentieNummer van de Prestatie moet uniek zijn voor de aanbieder binnen het wettelijk domein waarop de Prestatie betrekking heeft, zowel binnen één bericht als berichtoverstijgend.",
    ),
    _cross(
        "TR318",
        "8214",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "Indien iedere DeclaratiePeriode zorg is geleverd, moet DeclaratiePeriode de kalendermaand volgend op voorgaande DeclaratiePeriode zijn.",
    ),
    _cross(
        "TR319",
        "9319",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "Een declaratiebericht bevat alleen prestaties waarvan de ProductPeriode valt binnen de huidige, of een voorgaande declaratieperiode.",
        in_message_part="Neither date of a ProductPeriode may lie after the end of the DeclaratiePeriode of the same message.",
    ),
    _cross(
        "TR321",
        "9321",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "Indien in het ToegewezenProduct een Omvang is meegegeven, moet GeleverdVolume in de Prestatie passen binnen Volume in het ToegewezenProduct.",
    ),
    _cross(
        "TR322",
        "9322",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "Indien in het ToegewezenProduct een Omvang is meegegeven, moet de som van GeleverdVolume in alle ingediende Prestaties die betrekking hebben op dat ToegewezenProduct passen binnen de toegewezen Omvang.",
    ),
    _cross(
        "TR323",
        "8017",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "Een credit Prestatie moet gerelateerd zijn aan een eerder verzonden (goedgekeurde) debet Prestatie op basis van sleutelvelden.",
    ),
    _cross(
        "TR326",
        "9326",
        BERICHTOVERSTIJGEND,
        ("JW305",),
        "Een Startbericht mag pas verstuurd worden als er géén actueel Startbericht bij een ToegewezenProduct is.",
    ),
    _cross(
        "TR332",
        "9332",
        BERICHTOVERSTIJGEND,
        ("JW301",),
        "Ieder ToegewezenProduct binnen één gemeente heeft een uniek nummer per wettelijk domein.",
    ),
    _cross(
        "TR333",
        "9333",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "DeclaratieNummer van de Declaratie moet uniek zijn voor de aanbieder binnen het wettelijk domein waarop de Declaratie betrekking heeft.",
    ),
    _cross(
        "TR337",
        None,
        BERICHTOVERSTIJGEND,
        ("JW325",),
        "De DeclaratieIdentificatie dient overeen te komen met de BerichtIdentificatie van een eerder ontvangen Declaratiebericht.",
    ),
    _cross(
        "TR338",
        "9338",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "De Prestatie is gerelateerd aan een ToegewezenProduct op basis van het Toewijzingnummer.",
    ),
    _cross(
        "TR339",
        "9339",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "ProductCategorie in Prestatie moet gelijk zijn aan ProductCategorie in het ToegewezenProduct indien deze opgenomen is.",
    ),
    _cross(
        "TR340",
        "9340",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "ProductCode in Prestatie moet gelijk zijn aan ProductCode in het ToegewezenProduct, indien deze opgenomen is.",
    ),
    _cross(
        "TR341",
        "9341",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "Eenheid in Prestatie moet passen bij Eenheid in het ToegewezenProduct.",
    ),
    _cross(
        "TR347",
        "9347",
        BERICHTOVERSTIJGEND,
        ("JW315", "JW317"),
        "ReferentieAanbieder is uniek voor de aanbieder binnen het wettelijk domein.",
    ),
    _cross(
        "TR349",
        "9349",
        BERICHTOVERSTIJGEND,
        ("JW317",),
        "Het verzoek om wijziging bericht bevat alle actuele ToegewezenProducten van de client.",
    ),
    _cross(
        "TR350",
        "9350",
        BERICHTOVERSTIJGEND,
        ("JW317",),
        "Ieder OngewijzigdProduct in een verzoek om wijziging bericht is gerelateerd aan een actueel toegewezen product op basis van het ToewijzingNummer.",
    ),
    _cross(
        "TR351",
        "9351",
        BERICHTOVERSTIJGEND,
        ("JW317",),
        "Ieder TeWijzigenProduct in een verzoek om wijziging is gerelateerd aan een actueel ToegewezenProduct op basis van ToewijzingNummer.",
    ),
    _cross(
        "TR355",
        "9355",
        BERICHTOVERSTIJGEND,
        ("JW319",),
        "ReferentieAanbieder in het antwoordbericht komt voor in een eerder verzoek om toewijzing of verzoek om wijziging.",
    ),
    _cross(
        "TR357",
        "9357",
        BERICHTOVERSTIJGEND,
        ("JW317",),
        "Als GewensteIngangsdatum kleiner dan of gelijk is aan de dagtekening, dan is GewensteIngangsdatum gelijk aan ingangsdatum van het originele ToegewezenProduct.",
    ),
    _cross(
        "TR359",
        "9359",
        BERICHTOVERSTIJGEND,
        ("JW319",),
        "Als een antwoordbericht wordt verstuurd, mag er niet al eerder een toewijzingsbericht gestuurd zijn met dezelfde ReferentieAanbieder.",
    ),
    _cross(
        "TR360",
        "9360",
        BERICHTOVERSTIJGEND,
        ("JW319",),
        "Een antwoordbericht met in VerzoekAntwoord de waarde 2 (Aanvraag in onderzoek), mag alleen gestuurd worden indien er nog geen antwoordbericht is met deze ReferentieAanbieder.",
    ),
    _cross(
        "TR361",
        "9361",
        BERICHTOVERSTIJGEND,
        ("JW317",),
        "Een Product mag alleen vaker in verzoek om wijziging voorkomen als de zorgperiodes elkaar niet overlappen.",
    ),
    _cross(
        "TR365",
        "9365",
        BERICHTOVERSTIJGEND,
        ("JW319",),
        "Als er al een antwoordbericht is met dezelfde ReferentieAanbieder dan moet VerzoekAntwoord daar de waarde 2 (Aanvraag in onderzoek) hebben.",
    ),
    _cross(
        "TR366",
        "9366",
        BERICHTOVERSTIJGEND,
        ("JW325",),
        "Iedere Prestatie in een declaratieantwoord is gerelateerd aan een declaratiebericht op basis van ProductReferentie.",
    ),
    _cross(
        "TR367",
        "9367",
        BERICHTOVERSTIJGEND,
        ("JW325",),
        "Waarde moet overeenkomen met waarde uit het declaratiebericht dat gerelateerd is op basis van ProductReferentie.",
    ),
    _cross(
        "TR369",
        "9369",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "Indien in het ToegewezenProduct een Budget is meegegeven, moet de som van GeleverdVolume in alle ingediende Prestaties die betrekking hebben op dat ToegewezenProduct passen binnen het toegewezen Budget.",
    ),
    _cross(
        "TR371",
        None,
        BERICHTOVERSTIJGEND,
        ("JW325",),
        "Waarde moet overeenkomen met waarde van XsdVersie uit het declaratiebericht dat gerelateerd is op basis van DeclaratieIdentificatie.",
    ),
    _cross(
        "TR373",
        "9373",
        BERICHTOVERSTIJGEND,
        ("JW317",),
        "Indien in een TeWijzigenProduct het Budget of het totaal over toewijzingsperiode wordt gewijzigd, dient GewensteIngangsdatum gelijk te zijn aan de actuele toewijzing.",
    ),
    _cross(
        "TR374",
        "9374",
        BERICHTOVERSTIJGEND,
        ("JW315", "JW317"),
        "Een verzoek mag alleen worden verstuurd als er geen onderhanden verzoek is voor de betreffende client van dezelfde aanbieder.",
    ),
    _cross(
        "TR375",
        "9375",
        BERICHTOVERSTIJGEND,
        ("JW317",),
        "Indien Product in de toewijzing met ToewijzingNummer leeg is en Einddatum groter dan 31-12-2020 of leeg is, dan leeg laten.",
    ),
    _cross(
        "TR376",
        None,
        BERICHTOVERSTIJGEND,
        ("JW325",),
        "Het DeclaratieNummer dient overeen te komen met het DeclaratieNummer van een eerder ontvangen Declaratie.",
    ),
    _cross(
        "TR379",
        "9379",
        BERICHTOVERSTIJGEND,
        ("JW301",),
        "Indien ToegewezenProduct wordt verstuurd ter honorering van een VOT of VOW, dient ReferentieAanbieder te worden gevuld met ReferentieAanbieder uit die VOT of VOW, anders leeglaten.",
    ),
    _cross(
        "TR382",
        "9069",
        BERICHTOVERSTIJGEND,
        ("JW307",),
        "De sleutelelementen uit het startbericht moeten in het stopbericht, waarin wordt aangegeven dat de betreffende levering (tijdelijk) beeindigd wordt, ongewijzigd worden overgenomen.",
    ),
    _cross(
        "TR384",
        "9384",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        'Het is niet toegestaan te declareren op een toewijzing met RedenWijziging waarde "13" (Verwijderd).',
    ),
    _cross(
        "TR385",
        "9385",
        BERICHTOVERSTIJGEND,
        ("JW301",),
        "Indien de toewijzing goedgekeurde (niet gecrediteerde) prestatiesregels met gelijk ToewijzingNummer heeft, is het niet toegestaan deze toewijzing te verwijderen met RedenWijziging waarde 13 (verwijderd).",
    ),
    _cross(
        "TR387",
        "9387",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "De Begindatum van een ProductPeriode is altijd de eerste dag van de kalendermaand waarop de ProductPeriode betrekking heeft tenzij de Ingangsdatum van de toewijzing later in de betreffende maand ligt.",
    ),
    _cross(
        "TR388",
        "9388",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "De Einddatum van een ProductPeriode is altijd de laatste dag van de kalendermaand waarop de ProductPeriode betrekking heeft tenzij de Einddatum van de toewijzing eerder in de betreffende maand ligt.",
    ),
    _cross(
        "TR389",
        "9389",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "Prestatie met DebetCredit in IngediendBedrag waarde Debet mag alleen ingezonden worden voor dezelfde ProductPeriode, ProductCategorie en ProductCode met gelijk ToewijzingNummer als er niet al eerder een debetprestatie is verzonden.",
    ),
    _cross(
        "TR390",
        "9390",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "DebetCredit mag alleen waarde Credit hebben indien voor Prestatie met gelijk ProductReferentie niet een Prestatie met Credit bestaat",
    ),
    _cross(
        "TR411",
        "9411",
        BERICHTOVERSTIJGEND,
        ("JW317",),
        "Indien Code in Product bij de toewijzing met ToewijzingNummer gevuld is, dan Omvang verplicht vullen",
    ),
    _cross(
        "TR412",
        "9412",
        BERICHTOVERSTIJGEND,
        ("JW317",),
        "Indien Code in Product bij de toewijzing met ToewijzingNummer leeg is en einddatum groter dan 31-12-2020 of leeg is, dan leeg laten",
    ),
    _cross(
        "TR413",
        "9413",
        BERICHTOVERSTIJGEND,
        ("JW307",),
        "Als er al een StopProduct voor hetzelfde Bsn, ToewijzingNummer, Begindatum en met RedenBeeindiging waarde 20 is, dan moet RedenBeeindiging <> aan waarde 20 zijn, indien StatusAanlevering waarde 1 of 2 heeft.",
    ),
    _cross(
        "TR414",
        "9414",
        BERICHTOVERSTIJGEND,
        ("JW307",),
        "Als er al een StopProduct voor hetzelfde Bsn, ToewijzingNummer en Begindatum is, dan moet Einddatum >= zijn aan Einddatum uit actuele StopProduct.",
    ),
    _cross(
        "TR415",
        "9415",
        BERICHTOVERSTIJGEND,
        ("JW307",),
        "Er mag geen StopProduct zijn met gelijk Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging <> waarde 20, indien StatusAanlevering waarde 1 of 2 heeft",
    ),
    _cross(
        "TR418",
        "0611",
        BERICHTOVERSTIJGEND,
        ("JW323",),
        "ProductTarief in Prestatie dient overeen te komen met het contractuele tarief van ProductCode.",
    ),
    _cross(
        "TR135",
        "8848",
        EXTERNE_BRON,
        _ALL_SENT,
        "Vullen met een bestaande datum die niet in de toekomst ligt.",
    ),
    _cross(
        "TR346",
        "9346",
        EXTERNE_BRON,
        ("JW323",),
        "Indien Eenheid ongelijk is aan waarde 83 (Euro’s), moet IngediendBedrag gelijk zijn aan GeleverdVolume vermenigvuldigd met ProductTarief.",
    ),
    _cross(
        "TR378",
        "S300",
        EXTERNE_BRON,
        _ALL_SENT,
        "Vullen met een bestaande gemeentecode uit het overzicht van CBS dat actueel is op Ingangsdatum of ToewijzingIngangsdatum.",
    ),
    _cross(
        "TR381",
        "S329",
        EXTERNE_BRON,
        ("JW301", "JW305", "JW307", "JW315", "JW317", "JW323"),
        "ProductCode vullen met een code die, volgens de gehanteerde productcodelijst, past bij de ProductCategorie.",
    ),
)

RULES: dict[str, RuleInfo] = {info.code: info for info in _RULES}
