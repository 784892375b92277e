"""The iJw 3.2 code lists as Python data, each with the Dutch meaning of every code.

The lists are transcribed from ``../shared/ijw/codelijsten`` and hold exactly the codes
that the basisschema enumerates for the matching ``LDT_*`` type (a test keeps the two in
step). The structural checks use the codes for membership; people read the meanings in
reports and screens, so a rejection can say *what* code 14 means, not just that it is 14.

Retourcode 9355 has no row in the WJ001 document although the basisschema enumerates it;
its meaning here is the negation of technical rule TR355, which gives it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CodeList(Mapping[str, str]):
    """One code list: its iJw identifier, its name, the LDT type it types, and its codes."""

    ident: str
    name: str
    element: str
    codes: Mapping[str, str] = field(repr=False)

    def __getitem__(self, code: str) -> str:
        return self.codes[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def meaning(self, code: str) -> str:
        """The Dutch meaning, or a Dutch note that the code is unknown in this list."""
        return self.codes.get(code, f"onbekende code {code!r} in codelijst {self.ident}")


WJ001 = CodeList(
    "WJ001",
    "Retourcode",
    "LDT_RetourCode",
    {
        "0001": "Bericht is afgekeurd om technische redenen.",
        "0200": "Geen opmerking over deze berichtklasse.",
        "0233": "Berichtklasse is niet beoordeeld.",
        "0611": "Het ingediende tarief komt niet overeen met het contractuele tarief.",
        "8001": "Declaratie is volledig toegewezen.",
        "8017": "Van deze credit prestatie is geen debet prestatie bekend.",
        "8021": "Referentienummer prestatie is reeds aangeleverd.",
        "8187": "De prestatie hoort niet bij deze cliënt.",
        "8214": (
            "DeclaratiePeriode is niet de kalendermaand die volgt op voorgaande DeclaratiePeriode "
            "terwijl iedere declaratieperiode zorg geleverd is."
        ),
        "8848": "Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen.",
        "9019": "Het regiebericht kan niet gekoppeld worden aan een toewijzing.",
        "9056": "Identificatie moet uniek zijn.",
        "9063": "Het bericht kan niet verwerkt worden omdat geen eerder bericht ontvangen is",
        "9069": "Er is geen actueel startbericht met dezelfde sleutel.",
        "9071": "Het eerdere startbericht kan niet verwijderd worden omdat de zorg al beeindigd is.",
        "9074": "Er is al een eerder bericht ontvangen met dezelfde sleutel.",
        "9307": "Begindatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing.",
        "9308": "Einddatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing.",
        "9319": "De ProductPeriode valt niet geheel binnen een DeclaratiePeriode.",
        "9321": "Het ingediende volume overschrijdt het toegewezen volume.",
        "9322": "De som van de ingediende volumes overschrijdt het toegewezen volume.",
        "9326": "De actuele levering is nog niet gestopt met een Stopbericht.",
        "9332": "Toewijzing heeft geen uniek nummer binnen wettelijk domein.",
        "9333": "Declaratienummer is niet uniek.",
        "9338": (
            "Niet iedere prestatie in een declaratiebericht is gerelateerd aan een toegewezen product "
            "op basis van het toewijzingnummer."
        ),
        "9339": (
            "ProductCategorie in de prestatie is niet gelijk aan ProductCategorie in het ToegewezenProduct."
        ),
        "9340": "ProductCode in de Prestatie is niet gelijk aan ProductCode in het ToegewezenProduct.",
        "9341": "Eenheid in de Prestatie past niet bij Eenheid in het ToegewezenProduct.",
        "9346": (
            "Eenheid is ongelijk is aan waarde 83 (Euro’s), maar IngediendBedrag is niet gelijk aan "
            "GeleverdVolume vermenigvuldigd met (het onafgeronde) ProductTarief."
        ),
        "9347": "ReferentieAanbieder is niet uniek voor de aanbieder binnen het wettelijk domein.",
        "9349": (
            "Het VOW bericht bevat niet alle actuele toegewezen producten van de cliënt, hetzij in "
            "OngewijzigdProduct, hetzij in TeWijzigenProduct."
        ),
        "9350": (
            "OngewijzigdProduct is niet gerelateerd aan een actueel toegewezen product op basis van het"
            " toewijzingnummer."
        ),
        "9351": (
            "TeWijzigenProduct is niet gerelateerd aan een actuele toewijzing op basis van ToewijzingNummer."
        ),
        "9355": (
            "ReferentieAanbieder in het antwoordbericht komt niet voor in een eerder verzoek om "
            "toewijzing of verzoek om wijziging."
        ),
        "9357": (
            "GewensteIngangsdatum is kleiner dan of gelijk aan de dagtekening, maar niet gelijk aan de "
            "ingangsdatum van het originele ToegewezenProduct."
        ),
        "9359": "Er is al een toewijzing gestuurd met deze ReferentieAanbieder.",
        "9360": (
            "Er is al een antwoordbericht met deze ReferentieAanbieder, terwijl antwoordbericht in "
            "VerzoekAntwoord waarde 2 (aanvraag in onderzoek) heeft."
        ),
        "9361": "Het product komt vaker voor met overlappende zorgperiodes.",
        "9365": (
            "Er is al een antwoordbericht met dezelfde ReferentieAanbieder waar VerzoekAntwoord niet de"
            " waarde ‘Aanvraag in onderzoek’ heeft."
        ),
        "9366": "ProductReferentie komt niet voor in een Declaratiebericht.",
        "9367": "De waarde komt niet overeen met de waarde uit heenbericht met gelijke ProductReferentie.",
        "9369": (
            "Budget is meegegeven, maar de som van GeleverdVolume in alle ingediende Prestaties passen "
            "niet binnen het toegewezen Budget."
        ),
        "9373": (
            "Budget is gewijzigd, maar GewensteIngangsdatum is niet gelijk aan die in de actuele toewijzing."
        ),
        "9374": "Er is al een verzoek onderhanden.",
        "9375": (
            "Omvang is gevuld, terwijl Product in toewijzing met ToewijzingNummer leeg is en Einddatum "
            "groter dan 31-12-2020 of leeg is."
        ),
        "9379": (
            "ReferentieAanbieder refereert niet naar een verzoek om toewijzing of verzoek om wijziging,"
            " is onterecht gevuld."
        ),
        "9384": "Declaratie op toewijzing met RedenWijziging “13” (Verwijderd).",
        "9385": "Toewijzing heeft goedgekeurde declaratieregels.",
        "9387": (
            "Begindatum van de ProductPeriode is niet eerste dag van de kalendermaand waarop "
            "ProductPeriode betrekking heeft en Ingangsdatum van de toewijzing ligt niet later in deze "
            "betreffende maand."
        ),
        "9388": (
            "Einddatum van de ProductPeriode is niet laatste dag van de kalendermaand waarop "
            "ProductPeriode betrekking heeft en Einddatum van de toewijzing ligt niet eerder in deze "
            "betreffende maand."
        ),
        "9389": "Deze prestatie heeft een debetprestatie zonder bijbehorende creditprestatie.",
        "9390": "Er is al een Prestatie met gelijk ProductReferentie met waarde Credit.",
        "9411": "Omvang is leeg, terwijl Code in Product bij de toewijzing met ToewijzingNummer gevuld is.",
        "9412": (
            "Omvang is niet leeg, terwijl Code in Product bij de toewijzing met ToewijzingNummer leeg "
            "is en einddatum groter dan 31-12-2020 of leeg is."
        ),
        "9413": (
            "StatusAanlevering is waarde 1 of 2 en RedenBeeindiging heeft waarde 20, terwijl er al een "
            "ander StopProduct met hetzelfde Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging "
            "waarde 20 is."
        ),
        "9414": (
            "Einddatum is niet >= aan Einddatum uit actuele StopProduct met gelijk Bsn, "
            "ToewijzingNummer en Begindatum."
        ),
        "9415": (
            "Er is al een StopProduct met gelijk Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging "
            "<> waarde 20 en StatusAanlevering heeft waarde 1 of 2."
        ),
        "S300": "Gemeentecode ongeldig.",
        "S329": "ProductCode ongeldig.",
    },
)


WJ756 = CodeList(
    "WJ756",
    "Eenheid",
    "LDT_Eenheid",
    {
        "01": "Minuut",
        "04": "Uur",
        "14": "Etmaal",
        "16": "Dagdeel (4 uur)",
        "82": "Stuks (output)",
        "83": "Euro's",
        "84": "Stuks (inspanning)",
    },
)


JZ020 = CodeList(
    "JZ020",
    "Productcategorie",
    "LDT_ProductCategorie",
    {
        "31": "(2015) Zonder verblijf: uitgevoerd door wijk- of buurtteam",
        "32": "(2015) Zonder verblijf: ambulante jeugdhulp op locatie van de aanbieder",
        "33": "(2015) Zonder verblijf: daghulp op locatie van de aanbieder",
        "34": "(2015) Zonder verblijf: jeugdhulp in het netwerk van de jeugdige",
        "35": "(2015) Met verblijf: pleegzorg",
        "36": "(2015) Met verblijf: gezinsgericht",
        "37": "(2015) Met verblijf: gesloten plaatsing",
        "38": "(2015) Met verblijf: overig residentieel",
        "40": "Persoonlijke verzorging",
        "41": "Dagbehandeling",
        "42": "Vervoerdiensten",
        "43": "Jeugdhulp verblijf (incl. behandeling)",
        "44": "Jeugdhulp verblijf (excl. behandeling)",
        "45": "Jeugdhulp ambulant",
        "46": "Jeugdhulp crisis",
        "47": "Jeugdreclassering",
        "48": "Jeugdbescherming",
        "49": "Activiteiten in het preventief justitieel kader",
        "50": "Maatwerkarrangementen jeugd",
        "51": "Generalistische basis-ggz",
        "52": "Specialistische ggz",
        "53": "Kindergeneeskunde",
        "54": "Jeugd-ggz",
        "55": "Landelijk ingekochte zorg",
    },
)


JZ002 = CodeList(
    "JZ002",
    "Reden wijziging toewijzing",
    "LDT_RedenWijziging",
    {
        "01": "Administratieve correctie (vervallen)",
        "02": "Cliënt overleden",
        "03": "Contractwijziging",
        "04": "Herbeoordeling verlenging toewijzing",
        "05": "Herbeoordeling verkorting toewijzing",
        "06": "Uitstroom naar ander domein",
        "07": "Verhuizing naar een andere gemeente",
        "08": "Wijziging leveringsvorm",
        "09": "Overstap naar andere aanbieder",
        "10": "Overgang naar nieuwe bekostigingssystematiek",
        "11": "Gemeentelijke herindeling",
        "12": "Geïnitieerd door de aanbieder",
        "13": "Verwijderd",
        "14": "Administratieve correctie",
    },
)


JZ588 = CodeList(
    "JZ588",
    "Reden beëindiging",
    "LDT_RedenBeeindiging",
    {
        "02": "Overlijden",
        "20": "Levering is tijdelijk beëindigd",
        "31": "Levering is volgens plan beëindigd",
        "32": "Voortijdig afgesloten, door cliënt",
        "33": "Voortijdig afgesloten, door aanbieder",
        "34": "Voortijdig afgesloten, in overleg",
        "35": "Voortijdig afgesloten, externe oorzaak",
        "36": "Geïnitieerd door de gemeente",
        "37": "In verband met wijzigingsverzoek",
        "38": "Overstap naar andere aanbieder",
        "39": "Uitstroom naar ander domein",
    },
)


WJ232 = CodeList(
    "WJ232",
    "Juridische status",
    "LDT_JuridischeStatus",
    {
        "01": "Rechterlijke machtiging (rm) voorlopig / voortgezette machtiging",
        "02": "RM op eigen verzoek",
        "03": "RM met voorwaardelijk ontslag",
        "04": "Onder toezichtstelling (ots)",
        "05": "In bewaring stelling (ibs)",
        "11": "Strafrechterlijke justitiële contacten (tbs)",
        "12": "Strafrechterlijke justitiële contacten (overig)",
    },
)


WJ003 = CodeList(
    "WJ003",
    "Wettelijke vertegenwoordiging",
    "LDT_WettelijkeVertegenwoordiging",
    {
        "06": "Voogdij",
        "07": "Bewindvoering",
        "08": "Mentorschap",
        "09": "Onder curatele stelling",
        "10": "Zaakwaarneming",
    },
)


WJ758 = CodeList(
    "WJ758",
    "Reden verzoek",
    "LDT_RedenVerzoek",
    {
        "1": "Verandering clientsituatie",
        "2": "Wijziging zorgplan",
    },
)


WJ759 = CodeList(
    "WJ759",
    "Reden afwijzing verzoek",
    "LDT_RedenAfwijzingVerzoek",
    {
        "1": "Geen wijziging, maar nieuwe aanvraag",
        "2": "Past niet binnen budget",
        "3": "Geen contract",
        "4": "Past niet binnen contract",
        "5": "Andere gemeente",
        "6": "Stapeling",
        "7": "Zorginhoudelijke afkeur",
        "8": "Woonplaatsbeginsel",
        "9": "Leeftijdsgrens is bereikt",
    },
)


WJ760 = CodeList(
    "WJ760",
    "Verzoek antwoord",
    "LDT_VerzoekAntwoord",
    {
        "1": "Verzoek afgewezen",
        "2": "Aanvraag in onderzoek",
    },
)


WMO757 = CodeList(
    "WMO757",
    "Frequentie",
    "LDT_Frequentie",
    {
        "1": "Per dag",
        "2": "Per week",
        "4": "Per maand",
        "6": "Totaal binnen geldigheidsduur toewijzing",
    },
)


COD043 = CodeList(
    "COD043",
    "Indicatie debet/credit",
    "LDT_DebetCredit",
    {
        "C": "Creditbedrag en aantal",
        "D": "Debetbedrag en aantal",
    },
)


COD046 = CodeList(
    "COD046",
    "Geslacht",
    "LDT_Geslacht",
    {
        "0": "Onbekend",
        "1": "Mannelijk",
        "2": "Vrouwelijk",
    },
)


COD170 = CodeList(
    "COD170",
    "Datumgebruik",
    "LDT_DatumGebruik",
    {
        "1": "Dag onbekend (alleen maand en jaar gebruiken)",
        "2": "Dag en maand onbekend (alleen jaar gebruiken)",
        "3": "Dag, maand en jaar onbekend (onbekende datum)",
    },
)


COD260 = CodeList(
    "COD260",
    "Ja of nee",
    "LDT_JaNee",
    {
        "1": "Ja",
        "2": "Nee",
    },
)


COD327 = CodeList(
    "COD327",
    "Code verwijzer",
    "LDT_TypeVerwijzer",
    {
        "01": "Gemeente",
        "02": "Huisarts",
        "03": "Jeugdarts",
        "04": "Gecertificeerde instelling",
        "05": "Medisch specialist",
        "06": "Zelfverwijzer / geen verwijzer",
        "08": "Rechter, Officier van Justitie, functionaris Justitiële jeugdinrichting",
    },
)


COD467 = CodeList(
    "COD467",
    "Status aanlevering",
    "LDT_StatusAanlevering",
    {
        "1": "Eerste aanlevering",
        "2": "Gewijzigde aanlevering",
        "3": "Verwijderen aanlevering",
        "9": "Niet van toepassing (ongewijzigd)",
    },
)


COD472 = CodeList(
    "COD472",
    "Soort relatie",
    "LDT_SoortRelatie",
    {
        "03": "Curator (juridisch)",
        "04": "Financieel (gemachtigd)",
        "05": "Financieel (toetsing)",
        "06": "Leefeenheid",
        "07": "Hulpverlener",
        "08": "Specialist",
        "09": "Anders",
        "10": "Ouder",
        "11": "Voogd",
        "12": "Partner/echtgeno(o)t(e)",
        "13": "Pleegouder",
        "14": "Bewindvoerder",
        "15": "Mentor",
        "16": "Zoon/dochter",
        "17": "Familielid",
        "18": "Gezinslid",
        "19": "Buur",
        "20": "Vriend(in)/kennis",
        "21": "Cliëntondersteuner",
        "22": "Huisarts",
        "23": "Erven van",
        "24": "Werkgever",
        "25": "Wijkcoach",
    },
)


COD700 = CodeList(
    "COD700",
    "Naamgebruik",
    "LDT_NaamGebruik",
    {
        "1": "Eigen naam",
        "2": "Naam echtgenoot of geregistreerd partner of alternatieve naam",
        "3": "Naam echtgenoot of geregistreerd partner gevolgd door eigen naam",
        "4": "Eigen naam gevolgd door naam echtgenoot of geregistreerd partner",
        "5": "Pseudoniem",
        "6": "Niet-natuurlijk persoon",
    },
)


COD747 = CodeList(
    "COD747",
    "Communicatievorm",
    "LDT_Communicatievorm",
    {
        "1": "Tolk taal",
        "2": "Doventolk",
        "3": "Doofblindentolk",
    },
)


COD757 = CodeList(
    "COD757",
    "Soort adres",
    "LDT_AdresSoort",
    {
        "01": "BRP-adres",
        "02": "Correspondentie-adres",
        "03": "Verblijfadres",
        "04": "Tijdelijk verblijfadres",
    },
)


NUM061 = CodeList(
    "NUM061",
    "Aanduiding woonadres",
    "LDT_AanduidingWoonadres",
    {
        "AB": "Aan boord",
        "BY": "Bij",
        "TO": "Tegenover",
        "WW": "Woonwagen",
    },
)


COD032 = CodeList(
    "COD032",
    "Land",
    "LDT_LandCode",
    {
        "AD": "ANDORRA",
        "AE": "VERENIGDE ARABISCHE EMIRATEN",
        "AF": "AFGHANISTAN",
        "AG": "ANTIGUA EN BARBUDA",
        "AI": "ANGUILA",
        "AL": "ALBANIE",
        "AM": "ARMENIE",
        "AO": "ANGOLA",
        "AQ": "ANTARCTICA",
        "AR": "ARGENTINIE",
        "AS": "AMERIKAANS-SAMOA",
        "AT": "OOSTENRIJK",
        "AU": "AUSTRALIE",
        "AW": "ARUBA",
        "AX": "ÅLANDSEILANDEN",
        "AZ": "AZERBEIDZJAN",
        "BA": "BOSNIE EN HERZEGOVINA",
        "BB": "BARBADOS",
        "BD": "BANGLADESH",
        "BE": "BELGIE",
        "BF": "BURKINA FASO",
        "BG": "BULGARIJE",
        "BH": "BAHREIN",
        "BI": "BURUNDI",
        "BJ": "BENIN",
        "BL": "SAINT BARTHÉLEMY",
        "BM": "BERMUDA",
        "BN": "BRUNEI",
        "BO": "BOLIVIA",
        "BQ": "BONAIRE, SINT EUSTATIUS EN SABA",
        "BR": "BRAZILIE",
        "BS": "BAHAMA'S",
        "BT": "BHUTAN",
        "BV": "BOUVET",
        "BW": "BOTSWANA",
        "BY": "WIT-RUSLAND",
        "BZ": "BELIZE",
        "CA": "CANADA",
        "CC": "COCOSEILANDEN",
        "CD": "CONGO-KINSHASA",
        "CF": "CENTRAAL-AFRIKAANSE REPUBLIEK",
        "CG": "CONGO-BRAZZAVILLE",
        "CH": "ZWITSERLAND",
        "CI": "IVOORKUST",
        "CK": "COOKEILANDEN",
        "CL": "CHILI",
        "CM": "KAMEROEN",
        "CN": "CHINA",
        "CO": "COLOMBIA",
        "CR": "COSTA RICA",
        "CU": "CUBA",
        "CV": "KAAPVERDIE",
        "CW": "CURAÇAO",
        "CX": "CHRISTMASEILAND",
        "CY": "CYPRUS",
        "CZ": "TSJECHIE",
        "DE": "DUITSLAND",
        "DJ": "DJIBOUTI",
        "DK": "DENEMARKEN",
        "DM": "DOMINICA",
        "DO": "DOMINICAANSE REPUBLIEK",
        "DZ": "ALGERIJE",
        "EC": "ECUADOR",
        "EE": "ESTLAND",
        "EG": "EGYPTE",
        "EH": "WESTELIJKE SAHARA",
        "ER": "ERITREA",
        "ES": "SPANJE",
        "ET": "ETHIOPIE",
        "FI": "FINLAND",
        "FJ": "FIJI",
        "FK": "FALKLANDEILANDEN",
        "FM": "MICRONESIE",
        "FO": "FAERÖER",
        "FR": "FRANKRIJK",
        "GA": "GABON",
        "GB": "VERENIGD KONINKRIJK",
        "GD": "GRENADA",
        "GE": "GEORGIE",
        "GF": "FRANS-GUYANA",
        "GG": "GUERNSEY",
        "GH": "GHANA",
        "GI": "GIBRALTAR",
        "GL": "GROENLAND",
        "GM": "GAMBIA",
        "GN": "GUINEA",
        "GP": "GUADELOUPE",
        "GQ": "EQUATORIAAL-GUINEA",
        "GR": "GRIEKENLAND",
        "GS": "ZUID-GEORGIE EN DE ZUIDELIJKE SANDWICHEILANDEN",
        "GT": "GUATEMALA",
        "GU": "GUAM",
        "GW": "GUINEE-BISSAU",
        "GY": "GUYANA",
        "HK": "HONGKONG",
        "HM": "HEARD EN MCDONALDEILANDEN",
        "HN": "HONDURAS",
        "HR": "KROATIE",
        "HT": "HAÏTI",
        "HU": "HONGARIJE",
        "ID": "INDONESIE",
        "IE": "IERLAND",
        "IL": "ISRAEL",
        "IM": "ISLE OF MAN",
        "IN": "INDIA",
        "IO": "BRITS TERRITORIUM IN DE INDISCHE OCEAAN",
        "IQ": "IRAK",
        "IR": "IRAN",
        "IS": "IJSLAND",
        "IT": "ITALIE",
        "JE": "JERSEY",
        "JM": "JAMAICA",
        "JO": "JORDANIE",
        "JP": "JAPAN",
        "KE": "KENIA",
        "KG": "KIRGIZIE",
        "KH": "CAMBODJA",
        "KI": "KIRIBATI",
        "KM": "COMOREN",
        "KN": "SAINT KITTS EN NEVIS",
        "KP": "NOORD-KOREA",
        "KR": "ZUID-KOREA",
        "KW": "KOEWEIT",
        "KY": "CAYMANEILANDEN",
        "KZ": "KAZACHSTAN",
        "LA": "LAOS",
        "LB": "LIBANON",
        "LC": "SAINT LUCIA",
        "LI": "LIECHTENSTEIN",
        "LK": "SRI LANKA",
        "LR": "LIBERIA",
        "LS": "LESOTHO",
        "LT": "LITOUWEN",
        "LU": "LUXEMBURG",
        "LV": "LETLAND",
        "LY": "LIBIE",
        "MA": "MAROKKO",
        "MC": "MONACO",
        "MD": "MOLDAVIE",
        "ME": "MONTENEGRO",
        "MF": "SAINT MARTIN",
        "MG": "MADAGASKAR",
        "MH": "MARSHALLEILANDEN",
        "MK": "MACEDONIE",
        "ML": "MALI",
        "MM": "MYANMAR",
        "MN": "MONGOLIE",
        "MO": "MACAU",
        "MP": "NOORDELIJKE MARIANEN",
        "MQ": "MARTINIQUE",
        "MR": "MAURITANIE",
        "MS": "MONTSERRAT",
        "MT": "MALTA",
        "MU": "MAURITIUS",
        "MV": "MALDIVEN",
        "MW": "MALAWI",
        "MX": "MEXICO",
        "MY": "MALEISIE",
        "MZ": "MOZAMBIQUE",
        "NA": "NAMIBIE",
        "NC": "NIEUW-CALEDONIE",
        "NE": "NIGER",
        "NF": "NORFOLK",
        "NG": "NIGERIA",
        "NI": "NICARAGUA",
        "NL": "NEDERLAND",
        "NO": "NOORWEGEN",
        "NP": "NEPAL",
        "NR": "NAURU",
        "NU": "NIUE",
        "NZ": "NIEUW-ZEELAND",
        "OM": "OMAN",
        "PA": "PANAMA",
        "PE": "PERU",
        "PF": "FRANS-POLYNESIE",
        "PG": "PAPOEA-NIEUW-GUINEA",
        "PH": "FILIPIJNEN",
        "PK": "PAKISTAN",
        "PL": "POLEN",
        "PM": "SAINT-PIERRE EN MIQUELON",
        "PN": "PITCAIRNEILANDEN",
        "PR": "PUERTO RICO",
        "PS": "PALESTIJNSE AUTORITEIT",
        "PT": "PORTUGAL",
        "PW": "PALAU",
        "PY": "PARAGUAY",
        "QA": "QATAR",
        "RE": "RÉUNION",
        "RO": "ROEMENIE",
        "RS": "SERVIE",
        "RU": "RUSLAND",
        "RW": "RWANDA",
        "SA": "SAOEDI-ARABIE",
        "SB": "SALOMONSEILANDEN",
        "SC": "SEYCHELLEN",
        "SD": "SOEDAN",
        "SE": "ZWEDEN",
        "SG": "SINGAPORE",
        "SH": "SINT-HELENA",
        "SI": "SLOVENIE",
        "SJ": "SPITSBERGEN EN JAN MAYEN",
        "SK": "SLOWAKIJE",
        "SL": "SIERRA LEONE",
        "SM": "SAN MARINO",
        "SN": "SENEGAL",
        "SO": "SOMALIE",
        "SR": "SURINAME",
        "SS": "ZUID SOEDAN",
        "ST": "SAO TOME EN PRINCIPE",
        "SV": "EL SALVADOR",
        "SX": "SINT MAARTEN (Nederlands deel)",
        "SY": "SYRIE",
        "SZ": "SWAZILAND",
        "TC": "TURKS- EN CAICOSEILANDEN",
        "TD": "TSJAAD",
        "TF": "FRANSE ZUIDELIJKE EN ANTARCTISCHE GEBIEDEN",
        "TG": "TOGO",
        "TH": "THAILAND",
        "TJ": "TADZJIKISTAN",
        "TK": "TOKELAU",
        "TL": "OOST-TIMOR",
        "TM": "TURKMENISTAN",
        "TN": "TUNESIE",
        "TO": "TONGA",
        "TR": "TURKIJE",
        "TT": "TRINIDAD EN TOBAGO",
        "TV": "TUVALU",
        "TW": "TAIWAN",
        "TZ": "TANZANIA",
        "UA": "OEKRAINE",
        "UG": "OEGANDA",
        "UM": "KLEINE PACIFISCHE EILANDEN VAN DE VERENIGDE STATEN",
        "US": "VERENIGDE STATEN",
        "UY": "URUGUAY",
        "UZ": "OEZBEKISTAN",
        "VA": "VATICAANSTAD",
        "VC": "SAINT VINCENT EN DE GRENADINES",
        "VE": "VENEZUELA",
        "VG": "BRITSE MAAGDENEILANDEN",
        "VI": "AMERIKAANSE MAAGDENEILANDEN",
        "VN": "VIETNAM",
        "VU": "VANUATU",
        "WF": "WALLIS EN FUTUNA",
        "WS": "SAMOA",
        "YE": "JEMEN",
        "YT": "MAYOTTE",
        "ZA": "ZUID-AFRIKA",
        "ZM": "ZAMBIA",
        "ZW": "ZIMBABWE",
    },
)


#: COD002-VEKTIS: the BerichtCode that each message carries in its header.
BERICHTCODE: Mapping[str, str] = {
    "JW301": "436",
    "JW302": "437",
    "JW305": "438",
    "JW306": "439",
    "JW307": "440",
    "JW308": "441",
    "JW315": "446",
    "JW316": "447",
    "JW317": "486",
    "JW318": "487",
    "JW319": "488",
    "JW320": "489",
    "JW323": "490",
    "JW325": "491",
}

#: Every code list by its identifier, and by the LDT type it restricts.
CODE_LISTS: Mapping[str, CodeList] = {
    code_list.ident: code_list
    for code_list in (
        WJ001,
        WJ756,
        JZ020,
        JZ002,
        JZ588,
        WJ232,
        WJ003,
        WJ758,
        WJ759,
        WJ760,
        WMO757,
        COD043,
        COD046,
        COD170,
        COD260,
        COD327,
        COD467,
        COD472,
        COD700,
        COD747,
        COD757,
        NUM061,
        COD032,
    )
}
BY_ELEMENT: Mapping[str, CodeList] = {code_list.element: code_list for code_list in CODE_LISTS.values()}
