"""Facts (regions, ministries) and the definitions of the committed sample set."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Region facts as in extractor/gazetteer/regions.csv plus the grammar the text needs.
REGIONS: dict[str, dict] = {
    "giessen": dict(
        ags="06531",
        name="Landkreis Gießen",
        kind="Landkreis",
        nom="der Landkreis Gießen",
        dat="dem Landkreis Gießen",
        gen="des Landkreises Gießen",
    ),
    "kassel_stadt": dict(
        ags="06611",
        name="Stadt Kassel",
        kind="kreisfreie Stadt",
        nom="die Stadt Kassel",
        dat="der Stadt Kassel",
        gen="der Stadt Kassel",
    ),
    "kassel_landkreis": dict(
        ags="06633",
        name="Landkreis Kassel",
        kind="Landkreis",
        nom="der Landkreis Kassel",
        dat="dem Landkreis Kassel",
        gen="des Landkreises Kassel",
    ),
    "offenbach_stadt": dict(
        ags="06413",
        name="Stadt Offenbach am Main",
        kind="kreisfreie Stadt",
        nom="die Stadt Offenbach am Main",
        dat="der Stadt Offenbach am Main",
        gen="der Stadt Offenbach am Main",
    ),
    "offenbach_kreis": dict(
        ags="06438",
        name="Kreis Offenbach",
        kind="Landkreis",
        nom="der Kreis Offenbach",
        dat="dem Kreis Offenbach",
        gen="des Kreises Offenbach",
    ),
    "wiesbaden": dict(
        ags="06414",
        name="Stadt Wiesbaden",
        kind="kreisfreie Stadt",
        nom="die Landeshauptstadt Wiesbaden",
        dat="der Landeshauptstadt Wiesbaden",
        gen="der Landeshauptstadt Wiesbaden",
    ),
    "darmstadt_stadt": dict(
        ags="06411",
        name="Stadt Darmstadt",
        kind="kreisfreie Stadt",
        nom="die Wissenschaftsstadt Darmstadt",
        dat="der Wissenschaftsstadt Darmstadt",
        gen="der Wissenschaftsstadt Darmstadt",
    ),
    "darmstadt_dieburg": dict(
        ags="06432",
        name="Landkreis Darmstadt-Dieburg",
        kind="Landkreis",
        nom="der Landkreis Darmstadt-Dieburg",
        dat="dem Landkreis Darmstadt-Dieburg",
        gen="des Landkreises Darmstadt-Dieburg",
    ),
    "main_kinzig": dict(
        ags="06435",
        name="Main-Kinzig-Kreis",
        kind="Landkreis",
        nom="der Main-Kinzig-Kreis",
        dat="dem Main-Kinzig-Kreis",
        gen="des Main-Kinzig-Kreises",
    ),
    "wetterau": dict(
        ags="06440",
        name="Wetteraukreis",
        kind="Landkreis",
        nom="der Wetteraukreis",
        dat="dem Wetteraukreis",
        gen="des Wetteraukreises",
    ),
    "bergstrasse": dict(
        ags="06431",
        name="Kreis Bergstraße",
        kind="Landkreis",
        nom="der Kreis Bergstraße",
        dat="dem Kreis Bergstraße",
        gen="des Kreises Bergstraße",
    ),
    "werra_meissner": dict(
        ags="06636",
        name="Werra-Meißner-Kreis",
        kind="Landkreis",
        nom="der Werra-Meißner-Kreis",
        dat="dem Werra-Meißner-Kreis",
        gen="des Werra-Meißner-Kreises",
    ),
}


# The other fourteen regions of regions.csv (the random specs draw from all 26):
# key -> (ags, name, article + name as the text names it in the genitive).
_MORE_REGIONS = {
    "frankfurt": ("06412", "Stadt Frankfurt am Main", "der Stadt Frankfurt am Main"),
    "gross_gerau": ("06433", "Kreis Groß-Gerau", "des Kreises Groß-Gerau"),
    "hochtaunus": ("06434", "Hochtaunuskreis", "des Hochtaunuskreises"),
    "main_taunus": ("06436", "Main-Taunus-Kreis", "des Main-Taunus-Kreises"),
    "odenwald": ("06437", "Odenwaldkreis", "des Odenwaldkreises"),
    "rheingau_taunus": ("06439", "Rheingau-Taunus-Kreis", "des Rheingau-Taunus-Kreises"),
    "lahn_dill": ("06532", "Lahn-Dill-Kreis", "des Lahn-Dill-Kreises"),
    "limburg_weilburg": ("06533", "Landkreis Limburg-Weilburg", "des Landkreises Limburg-Weilburg"),
    "marburg_biedenkopf": (
        "06534",
        "Landkreis Marburg-Biedenkopf",
        "des Landkreises Marburg-Biedenkopf",
    ),
    "vogelsberg": ("06535", "Vogelsbergkreis", "des Vogelsbergkreises"),
    "fulda": ("06631", "Landkreis Fulda", "des Landkreises Fulda"),
    "hersfeld_rotenburg": (
        "06632",
        "Landkreis Hersfeld-Rotenburg",
        "des Landkreises Hersfeld-Rotenburg",
    ),
    "schwalm_eder": ("06634", "Schwalm-Eder-Kreis", "des Schwalm-Eder-Kreises"),
    "waldeck_frankenberg": (
        "06635",
        "Landkreis Waldeck-Frankenberg",
        "des Landkreises Waldeck-Frankenberg",
    ),
}
for _key, (_ags, _name, _gen) in _MORE_REGIONS.items():
    _city = _name.startswith("Stadt ")
    REGIONS[_key] = dict(
        ags=_ags,
        name=_name,
        kind="kreisfreie Stadt" if _city else "Landkreis",
        nom=f"die {_name}" if _city else f"der {_name}",
        dat=f"der {_name}" if _city else f"dem {_name}",
        gen=_gen,
    )


def ministry(year: int) -> dict:
    """Ministry facts by budget year (extractor/gazetteer/ministries.csv)."""
    if year >= 2024:
        fuer = "für Arbeit, Integration, Jugend und Soziales"
        return dict(
            name=f"Hessisches Ministerium {fuer}",
            abbreviation="HMSI",
            fuer=fuer,
            minister="Heike Hofmann",
            minister_title="Staatsministerin",
            stamp_head="Hessische Ministerin für Arbeit, Integration, Jugend und Soziales",
            block_lines=[
                "Hessisches Ministerium",
                "für Arbeit, Integration,",
                "Jugend und Soziales",
            ],
        )
    fuer = "für Soziales und Integration"
    return dict(
        name=f"Hessisches Ministerium {fuer}",
        abbreviation="HMSI",
        fuer=fuer,
        minister="Kai Klose" if year >= 2019 else "Stefan Grüttner",
        minister_title="Staatsminister",
        stamp_head="Hessischer Minister für Soziales und Integration",
        block_lines=["Hessisches Ministerium", "für Soziales und Integration"],
    )


MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]


def stamp_date(d: dt.date, upper: bool = False) -> str:
    month = MONTHS[d.month - 1]
    return f"{d.day}. {month.upper() if upper else month} {d.year}"


@dataclass
class Signer:
    party: str  # "ministry" | "region"
    name: str
    title: str  # office as it belongs in the truth (no i.V.)
    title_lines: list[str]  # as typeset under the name
    place: str
    date: dt.date | None  # truth date (None = unreadable/missing)
    date_text: str  # as written
    date_mode: str = "hand"  # hand | hand_unreadable | print | hand_place (place too)
    hand: str = "neue"  # neue: Comic Neue (Tesseract reads it) | rough: dkg hand, steep slant
    scribble_over_date: bool = False  # the signature stroke crosses the "Ort, den" line
    name_prefix: str = ""  # e.g. "i.V. "
    iv_line: str | None = None  # e.g. "In Vertretung"
    signature: str = "scribble"  # scribble | image | none

    @property
    def on_behalf(self) -> bool:
        return bool(self.name_prefix or self.iv_line)


@dataclass
class Spec:
    name: str
    kind: str  # scan_pdf | tif | born | mixed | press | notice (a grant notice)
    year: int
    region: str
    amount: float
    amount_text: str
    amount_style: str  # line | sentence
    list_style: str  # "-" | "•" | "1." | "a)" | "(1)" | "I." | "a." | "table" | "running"
    categories: list[tuple[str, list[str]]]  # (heading key in texts.HEADINGS, projects)
    signers: list[Signer]
    stamp: dt.date | None
    seed: int
    side_by_side: bool = True
    short: bool = True
    font: str = "Helvetica"
    header: str | None = None
    footer: str | None = None
    break_list_after: int | None = None
    rotations: dict[int, int] = field(default_factory=dict)  # 0-based page -> degrees (CCW)
    dpi: int = 200
    quality: int = 50
    skew: float = 0.8
    description: str = ""
    # Variations of real scans (issue 11); the defaults leave the older samples unchanged.
    blur: float = 0.6  # scan blur (Gaussian radius, px)
    abbreviation: str = "HMSI"  # the ministry abbreviation the text uses (truth too)
    heading_specks: tuple[int, ...] = ()  # § numbers with a dust speck before the heading
    project_sums: list[int] = field(default_factory=list)  # euros beside each § 5 item, in order
    stamp_style: str = "box"  # box | double (small faint coloured type, double frame, 3-5°)
    stamp_label: str = "Eing.:"  # label of the stamp date ("Eingegangen" on its own line)
    stamp_colour: tuple[float, float, float] | None = None
    stamp_upper: bool = False  # month in capitals: "27. MAI 2024"
    amount_parts: list[tuple[str, str]] = field(default_factory=list)  # "davon …" rows
    previous_year: str | None = None  # "Gegenüber dem Vorjahr (915.400 Euro) …"
    list_specks: tuple[int, ...] = ()  # 0-based project indices with a speck before them
    speck_lines: tuple[int, ...] = ()  # 0-based project indices followed by a lone speck line
    outro: str | None = None  # closing sentence of § 5, set right after the list
    punch_holes: bool = False  # two filing holes at the left edge of each scanned page
    blank_backs: bool = False  # a duplex scan: each page followed by its blank back
    # A reader's marks: "ticks" (a pencil check left of every § 5 item), "amount_underline",
    # "amount_highlight" (the § 4 amount line), "project_highlight" (the first § 5 item).
    reader_marks: tuple[str, ...] = ()


def _ministry_signer(year: int, date: dt.date | None, text: str, **kw) -> Signer:
    m = ministry(year)
    name = kw.pop("name", m["minister"])
    title = kw.pop("title", m["minister_title"])
    return Signer(
        party="ministry",
        name=name,
        title=title,
        title_lines=[title, *m["block_lines"]],
        place="Wiesbaden",
        date=date,
        date_text=text,
        **kw,
    )


D = dt.date

SPECS: list[Spec] = [
    Spec(
        name="giessen_2024",
        kind="scan_pdf",
        year=2024,
        region="giessen",
        amount=1266800,
        amount_text="1.266.800 Euro",
        amount_style="line",
        list_style="-",
        categories=[
            (
                "ausbildungsvorbereitung",
                [
                    "BOM Hungen",
                    "FIT Fachkräftegewinnung im Teilzeitmodell",
                    "Dreisprung in Ausbildung",
                ],
            ),
            ("ausbildung", ["BAE - Berufsausbildung in außerbetrieblichen Einrichtungen"]),
            (
                "qualifizierung",
                [
                    "Plan B",
                    "Aufbruch im Alltag",
                    "Wegbereiter in den Alltag",
                    "Power-UP",
                    "Frauen und Beruf: Digitalisierung",
                ],
            ),
            (
                "weiterbildung",
                ["verschiedene Weiterbildungsmaßnahmen oder Workshops in versch. Jahren"],
            ),
        ],
        signers=[
            _ministry_signer(2024, D(2024, 7, 1), "1.7. 2024"),
            Signer(
                "region",
                "Anita Schneider",
                "Landrätin",
                ["Landrätin des", "Landkreises Gießen"],
                "Gießen",
                D(2024, 7, 10),
                "10.7.'24",
            ),
        ],
        stamp=D(2024, 7, 15),
        seed=101,
        short=False,
        dpi=250,
        quality=50,
        skew=0.6,
        description="Faithful recreation of the real Gießen 2024 agreement (seed 001): full text, "
        "receipt stamp, logo, '-' list under the four headings, side-by-side signature blocks "
        "with handwritten dates.",
    ),
    Spec(
        name="kassel_stadt_2023",
        kind="scan_pdf",
        year=2023,
        region="kassel_stadt",
        amount=985400,
        amount_text="985.400,00 €",
        amount_style="line",
        list_style="•",
        categories=[
            (
                "ausbildungsvorbereitung_lang",
                [
                    "Jugendwerkstatt Kassel-Nord",
                    "Berufsorientierung Plus",
                ],
            ),
            (
                "ausbildung",
                ["Teilzeitausbildung für Alleinerziehende", "Ausbildungscoaching KAUSA"],
            ),
            (
                "qualifizierung",
                [
                    "Qualifizierung in der Pflegehilfe",
                    "Sprach- und Berufsstart für Geflüchtete",
                    "Digitale Grundbildung im Stadtteil",
                ],
            ),
            ("weiterbildung", ["Fortbildungsreihe Fallmanagement"]),
        ],
        signers=[
            _ministry_signer(2023, D(2023, 4, 3), "03.04.2023"),
            Signer(
                "region",
                "Dr. Matthias Rühl",
                "Oberbürgermeister",
                ["Oberbürgermeister der", "Stadt Kassel"],
                "Kassel",
                D(2023, 3, 28),
                "28.03.2023",
            ),
        ],
        stamp=D(2023, 4, 12),
        seed=202,
        footer="Seite {n} von {total}",
        skew=-1.2,
        description="Stadt Kassel (vs. Landkreis Kassel), 2023 ministry name, '•' bullets, "
        "amount '985.400,00 €', page footers 'Seite n von N'.",
    ),
    Spec(
        name="kassel_landkreis_2022",
        kind="tif",
        year=2022,
        region="kassel_landkreis",
        amount=742150,
        amount_text="EUR 742.150,--",
        amount_style="line",
        list_style="1.",
        categories=[
            (
                "ausbildungsvorbereitung",
                ["Produktionsschule Hofgeismar", "Praxisjahr Schule-Beruf"],
            ),
            ("ausbildung", ["Ausbildungsbegleitung im ländlichen Raum"]),
            (
                "qualifizierung",
                [
                    "Qualifizierung Lager und Logistik",
                    "Frauen in Handwerksberufe",
                    "Arbeitsmarktintegration Zugewanderter (AZUR)",
                ],
            ),
        ],
        signers=[
            _ministry_signer(2022, D(2022, 5, 2), "2. Mai 2022"),
            Signer(
                "region",
                "Silke Engler-Brandt",
                "Erste Kreisbeigeordnete",
                ["Erste Kreisbeigeordnete", "des Landkreises Kassel"],
                "Kassel",
                D(2022, 4, 27),
                "27.4.2022",
                name_prefix="i.V. ",
            ),
        ],
        stamp=D(2022, 5, 9),
        seed=303,
        side_by_side=False,
        dpi=300,
        skew=1.8,
        description="Multi-page bilevel G4 TIFF; Landkreis Kassel (vs. Stadt Kassel); numbered "
        "list; amount 'EUR 742.150,--'; stacked signature blocks; 'i.V.' before the region "
        "signatory's name; date '2. Mai 2022'; only three categories.",
    ),
    Spec(
        name="offenbach_stadt_2021",
        kind="scan_pdf",
        year=2021,
        region="offenbach_stadt",
        amount=1050000,
        amount_text="1.050.000 €",
        amount_style="line",
        list_style="table",
        categories=[
            ("ausbildungsvorbereitung", ["Startklar Offenbach", "Werkstattjahr Plus"]),
            ("ausbildung", ["Verbundausbildung Offenbacher Betriebe"]),
            (
                "qualifizierung",
                [
                    "Qualifizierung Gastronomie und Hotellerie",
                    "MAMBA - Migrantinnen im Beruf",
                ],
            ),
            ("weiterbildung", ["Schulung der Fachkräfte im Jobcenter-Umfeld"]),
        ],
        signers=[
            Signer(
                "region",
                "Marc Aurel Kühnle",
                "Oberbürgermeister",
                ["Oberbürgermeister der", "Stadt Offenbach am Main"],
                "Offenbach am Main",
                D(2021, 3, 10),
                "10. März 2021",
            ),
            _ministry_signer(
                2021, D(2021, 3, 19), "19.3.21", name="Dr. Sabine Weiß", title="Staatssekretärin"
            ),
        ],
        stamp=D(2021, 3, 24),
        seed=404,
        header="Zielvereinbarung AQB 2021 – Stadt Offenbach am Main",
        skew=1.4,
        description="Stadt Offenbach am Main (vs. Kreis Offenbach); § 5 as a ruled table "
        "(Maßnahmenart | Projekt); region block FIRST (left), ministry signed by a "
        "Staatssekretärin with academic title; running page header.",
    ),
    Spec(
        name="offenbach_kreis_2020",
        kind="scan_pdf",
        year=2020,
        region="offenbach_kreis",
        amount=612300,
        amount_text="612.300,00 Euro",
        amount_style="sentence",
        list_style="-",
        categories=[
            ("ausbildungsvorbereitung", ["Kompetenzagentur Kreis Offenbach"]),
            ("ausbildung", ["Ausbildung in Teilzeit - TEP", "Assistierte Ausbildung flex"]),
            ("qualifizierung", ["Job-Navi 50plus", "Qualifizierung Bus- und Bahnfahrdienst"]),
            ("weiterbildung", ["Supervision und Fachtage für Integrationsfachkräfte"]),
        ],
        signers=[
            _ministry_signer(2020, D(2020, 6, 24), "24.6.2020"),
            Signer(
                "region",
                "Claudia Jäger-Hoffmann",
                "Erste Kreisbeigeordnete",
                ["Erste Kreisbeigeordnete", "des Kreises Offenbach"],
                "Dietzenbach",
                D(2020, 6, 17),
                "17.6.20",
                date_mode="hand_place",
                iv_line="In Vertretung",
            ),
        ],
        stamp=D(2020, 7, 2),
        seed=505,
        side_by_side=False,
        rotations={1: 180},
        skew=-0.5,
        description="Kreis Offenbach; amount inside a sentence ('Haushaltsmittel in Höhe von "
        "insgesamt 612.300,00 Euro zur Verfügung'); page 2 scanned upside down; 'In Vertretung' "
        "line for the region; stacked blocks, the region's place and date both handwritten "
        "('Dietzenbach, 17.6.20', no printed 'den').",
    ),
    Spec(
        name="wiesbaden_2025",
        kind="born",
        year=2025,
        region="wiesbaden",
        amount=2315900,
        amount_text="2.315.900,00 Euro",
        amount_style="line",
        list_style="•",
        categories=[
            ("ausbildungsvorbereitung", ["Übergangsmanagement Schule-Beruf", "JUMP Wiesbaden"]),
            ("ausbildung", ["Ausbildungsverbund Rhein-Main (AVR)", "Teilzeitausbildung Wiesbaden"]),
            (
                "qualifizierung",
                [
                    "Qualifizierung Erziehungshelfer/-innen",
                    "Berufssprachkurs Pflege (B2)",
                    "Sozialkaufhaus - Qualifizierung im Einzelhandel",
                ],
            ),
            ("weiterbildung", ["Inhouse-Schulungen Fallmanagement"]),
        ],
        signers=[
            _ministry_signer(
                2025,
                D(2025, 4, 14),
                "14.04.2025",
                date_mode="print",
                signature="image",
                name="Dr. Jörg Meißner",
                title="Staatssekretär",
            ),
            Signer(
                "region",
                "Thomas Albrecht-Kögel",
                "Oberbürgermeister",
                ["Oberbürgermeister der", "Landeshauptstadt Wiesbaden"],
                "Wiesbaden",
                D(2025, 4, 7),
                "07.04.2025",
                date_mode="print",
                signature="image",
            ),
        ],
        stamp=None,
        seed=606,
        footer="Seite {n} von {total}",
        description="Born-digital PDF (text layer) with embedded signature images; "
        "Landeshauptstadt Wiesbaden (canonical 'Stadt Wiesbaden'); 2025; ministry signed by a "
        "Staatssekretär; typed dates; no receipt stamp.",
    ),
    Spec(
        name="darmstadt_stadt_2019",
        kind="born",
        year=2019,
        region="darmstadt_stadt",
        amount=498730.5,
        amount_text="498.730,50 €",
        amount_style="line",
        list_style="1.",
        categories=[
            ("ausbildungsvorbereitung", ["Berufswegeplanung Darmstadt"]),
            ("ausbildung", ["Ausbildungsplatzakquise und -begleitung"]),
            ("qualifizierung", ["Qualifizierung zur Alltagsbegleitung", "Werkstatt für Frauen"]),
        ],
        signers=[
            _ministry_signer(
                2019, D(2019, 4, 3), "03.04.2019", date_mode="print", signature="none"
            ),
            Signer(
                "region",
                "Dr. Konrad Wälde",
                "Oberbürgermeister",
                ["Oberbürgermeister der", "Wissenschaftsstadt Darmstadt"],
                "Darmstadt",
                D(2019, 4, 11),
                "11.04.2019",
                date_mode="print",
                signature="none",
            ),
        ],
        stamp=None,
        seed=707,
        side_by_side=False,
        font="Times-Roman",
        description="Born-digital PDF in Times; Wissenschaftsstadt Darmstadt (canonical 'Stadt "
        "Darmstadt', vs. Landkreis Darmstadt-Dieburg); 2019; amount with cents '498.730,50 €'; "
        "numbered list; unsigned, typed dates; no stamp.",
    ),
    Spec(
        name="darmstadt_dieburg_2024",
        kind="mixed",
        year=2024,
        region="darmstadt_dieburg",
        amount=1874600,
        amount_text="1.874.600 Euro",
        amount_style="line",
        list_style="-",
        categories=[
            (
                "ausbildungsvorbereitung_lang",
                [
                    "Perspektive Beruf Dieburg",
                    "Ausbildungsreife durch Praxis",
                ],
            ),
            ("ausbildung", ["Begleitete Ausbildung im Landkreis"]),
            (
                "qualifizierung",
                [
                    "Qualifizierung Garten- und Landschaftsbau",
                    "Frauen-Power in MINT-Berufe",
                    "Deutsch am Arbeitsplatz",
                ],
            ),
            ("weiterbildung", ["Weiterbildung Teilhabemanagement"]),
        ],
        signers=[
            _ministry_signer(2024, D(2024, 6, 5), "5.6.2024"),
            Signer(
                "region",
                "Lothar Grünewald-Sieg",
                "Landrat",
                ["Landrat des Landkreises", "Darmstadt-Dieburg"],
                "Darmstadt",
                D(2024, 5, 22),
                "22.5.24",
            ),
        ],
        stamp=None,
        seed=808,
        skew=-0.9,
        description="Mixed PDF: page 1 born-digital (text layer), later pages scanned images; "
        "Landkreis Darmstadt-Dieburg; 'Ausbildungs- und Qualifizierungsvorbereitung' heading; "
        "no receipt stamp (received_date null).",
    ),
    Spec(
        name="main_kinzig_2022",
        kind="scan_pdf",
        year=2022,
        region="main_kinzig",
        amount=1104250,
        amount_text="1.104.250 Euro",
        amount_style="line",
        list_style="-",
        categories=[
            ("ausbildungsvorbereitung", ["Berufsstart Gelnhausen", "Jugend stärken im Quartier"]),
            (
                "ausbildung",
                [
                    "BAE - Berufsausbildung in außerbetrieblichen Einrichtungen",
                    "Ausbildungscoaching Main-Kinzig",
                ],
            ),
            (
                "qualifizierung",
                [
                    "Kinzigtal qualifiziert",
                    "Pflege-Einstieg für Quereinsteigende",
                    "Werkstatt Holz und Metall",
                ],
            ),
            ("weiterbildung", ["Fachtagungen für Beschäftigte der Kommunalen Arbeitsvermittlung"]),
        ],
        signers=[
            _ministry_signer(2022, D(2022, 3, 16), "16.3.2022"),
            Signer(
                "region",
                "Bernd Kiefer-Lang",
                "Landrat",
                ["Landrat des", "Main-Kinzig-Kreises"],
                "Gelnhausen",
                None,
                "8.3.22",
                date_mode="hand_unreadable",
            ),
        ],
        stamp=D(2022, 3, 21),
        seed=909,
        footer="Seite {n} von {total}",
        break_list_after=5,
        skew=2.2,
        description="Main-Kinzig-Kreis ('-kreis' grammar: 'dem Main-Kinzig-Kreis', 'des "
        "Main-Kinzig-Kreises'); § 5 list continues on the next page; the region's handwritten "
        "date is scribbled over (truth date null); strongest skew (2.2°).",
    ),
    Spec(
        name="wetterau_2023",
        kind="scan_pdf",
        year=2023,
        region="wetterau",
        amount=838600,
        amount_text="838.600 EUR",
        amount_style="line",
        list_style="•",
        categories=[
            ("ausbildungsvorbereitung", ["Startbahn Wetterau"]),
            ("ausbildung", ["Teilzeitberufsausbildung TZA Friedberg"]),
            (
                "qualifizierung",
                [
                    "Qualifizierung Kindertagespflege",
                    "Übergänge gestalten - Arbeit für Alle",
                ],
            ),
            ("weiterbildung", ["Coaching-Qualifizierung für Mitarbeitende"]),
        ],
        signers=[
            _ministry_signer(2023, D(2023, 6, 5), "05.06.2023"),
            Signer(
                "region",
                "Dr. Henrik Voß",
                "Landrat",
                ["Landrat des Wetteraukreises"],
                "Friedberg",
                D(2023, 6, 12),
                "12.6.'23",
            ),
        ],
        stamp=D(2023, 6, 19),
        seed=1010,
        rotations={1: 90},
        skew=0.4,
        description="Wetteraukreis ('Landrat des Wetteraukreises'); amount '838.600 EUR'; page 2 "
        "scanned rotated by 90° (landscape page).",
    ),
    Spec(
        name="bergstrasse_2023",
        kind="scan_pdf",
        year=2023,
        region="bergstrasse",
        amount=754700,
        amount_text="754.700,00 €",
        amount_style="table",
        amount_parts=[("davon Teilzeitausbildung", "89.000,00 €")],
        list_style="1.",
        categories=[
            ("ausbildungsvorbereitung", ["Berufsstart Bergstraße", "Werkstattschule Lampertheim"]),
            (
                "ausbildung",
                [
                    "Ausbildungscoaching an der Bergstraße",
                    "Qualifizierung und Coaching für\nAlleinerziehende in Teilzeit",
                ],
            ),
            ("qualifizierung", ["Perspektive Pflege Bensheim", "Grüne Berufe im Ried"]),
            ("sonstige", ["Deutsch für den Beruf (B1/B2)", "Sprachtreff Viernheim"]),
        ],
        signers=[
            Signer(
                "region",
                "Dr. Gerd Rosenthal-Beck",
                "Landrat",
                ["Landrat des", "Kreises Bergstraße"],
                "Heppenheim",
                None,  # the signature stroke crosses the date: not read with certainty
                "17.4.2023",
                scribble_over_date=True,
            ),
            _ministry_signer(2023, D(2023, 4, 24), "24.4.'23", hand="rough"),
        ],
        stamp=D(2023, 5, 2),
        stamp_style="double",
        stamp_colour=(0.86, 0.42, 0.42),
        stamp_upper=True,
        heading_specks=(3,),
        list_specks=(1, 4),
        outro=(
            "Die Projekte werden nach Maßgabe des Bewilligungsbescheides des "
            "Regierungspräsidiums Kassel gefördert; Änderungen innerhalb der Maßnahmenarten "
            "stimmt {reg_nom} mit dem HMSI ab."
        ),
        seed=1212,
        dpi=200,
        quality=45,
        blur=1.0,
        skew=1.0,
        description="Kreis Bergstraße (seat Heppenheim); scanned at 200 dpi, JPEG 45, blurred "
        "(the '§' reads as '8'/'&'/'$'), a dust speck before the § 3 heading; faint red "
        "receipt stamp with a double frame, rotated 3-5°, 'Eing.: 2. MAI 2023'; § 4 as a table "
        "'Budget gesamt | 754.700,00 €' with 'davon Teilzeitausbildung 89.000,00 €'; § 5 "
        "numbered, specks before two items, one item wrapped after 'für', a 'Sonstige "
        "Maßnahmen (Sprachförderung)' heading, the closing sentence right after the list; "
        "region block first, its signature crossing the 'Heppenheim, den 17.4.2023' line (truth "
        "date null); the "
        "ministry's date '24.4.'23' in a rough hand Tesseract cannot read.",
    ),
    Spec(
        name="werra_meissner_2024",
        kind="scan_pdf",
        year=2024,
        region="werra_meissner",
        amount=1093800,
        amount_text="1.093.800 Euro",
        amount_style="line",
        previous_year="915.400 Euro",
        list_style="•",
        categories=[
            (
                "ausbildungsvorbereitung",
                ["Jugendberufshilfe Eschwege", "Praxisklasse Witzenhausen"],
            ),
            ("ausbildung", ["Verbundausbildung Werra-Meißner"]),
            (
                "qualifizierung",
                [
                    "Qualifizierung Holz und Bau",
                    "Frauen in Arbeit - Teilzeitqualifizierung",
                    "Alltagshilfen für Seniorinnen und Senioren",
                ],
            ),
            ("weiterbildung", ["Fachtag Fallmanagement im Kreisjobcenter"]),
        ],
        signers=[
            _ministry_signer(2024, D(2024, 5, 21), "21.5.2024"),
            Signer(
                "region",
                "Katrin Sälzer-Horn",
                "Landrätin",
                ["Landrätin des", "Werra-Meißner-Kreises"],
                "Eschwege",
                D(2024, 5, 14),
                "14.5.24",
                hand="rough",
            ),
        ],
        stamp=D(2024, 5, 27),
        stamp_style="double",
        stamp_label="Eingegangen",
        stamp_colour=(0.58, 0.42, 0.78),
        stamp_upper=True,
        abbreviation="HMAIJS",
        heading_specks=(2, 5),
        list_specks=(5,),
        speck_lines=(1, 3),
        seed=1313,
        dpi=200,
        quality=45,
        blur=0.9,
        skew=-1.3,
        description="Werra-Meißner-Kreis (seat Eschwege), 2024: the text uses the ministry "
        "abbreviation 'HMAIJS'; faint violet double-framed receipt stamp, rotated 3-5°, "
        "'Eingegangen' above '27. MAI 2024'; 200 dpi, JPEG 45, blurred, specks before the "
        "§ 2 and § 5 headings; § 4 names last year's sum ('Gegenüber dem Vorjahr (915.400 "
        "Euro) …') after '1.093.800 Euro'; '•' list with lone speck lines and a speck before "
        "an item; the region's date '14.5.24' in a rough hand Tesseract cannot read.",
    ),
    Spec(
        name="press_release_2023",
        kind="press",
        year=2023,
        region="",
        amount=0,
        amount_text="",
        amount_style="",
        list_style="",
        categories=[],
        signers=[],
        stamp=None,
        seed=1111,
        skew=0.7,
        description="Scanned press release (seed 000), NOT an agreement: expected status "
        "'failed', document_type null.",
    ),
]
