"""Text templates, copied from the seed documents (data only, no run-time file access).

Placeholders (str.format):
  {min_nom}  "Hessische Ministerium für ..."   (after "das"/"Das")
  {min_dat}  "Hessischen Ministerium für ..."  (after "dem")
  {min_gen}  "Hessischen Ministeriums für ..." (after "des")
  {reg_nom} / {reg_nom_cap} / {reg_dat} / {reg_gen}: region with article, e.g.
             "der Landkreis Gießen" / "Der Landkreis Gießen" / "dem Landkreis Gießen" /
             "des Landkreises Gießen"
  {year}
"""

from __future__ import annotations

# Each entry: (text, keep_in_short_version)
PRAEAMBEL = [
    (
        "Erfolgreiche Arbeitsmarktpolitik bindet die regionalen Akteure des Arbeitsmarktes "
        "in eine gemeinsame, auf die Zukunftsanforderungen fokussierte Strategie ein. Dafür "
        "will das {min_nom} (HMSI) regionale Handlungs- und Entscheidungsspielräume eröffnen "
        "und vereinbart dazu Ziele mit den Kreisen und kreisfreien Städten. Bei allen "
        "Maßnahmen und Angeboten, die über das Ausbildungs- und Qualifizierungsbudget "
        "umgesetzt werden, orientiert sich das HMSI an den landespolitischen Zielsetzungen "
        "der Arbeitsmarktpolitik, dem „Bündnis für Ausbildung für die Jahre 2020 bis 2024“, "
        "dem Fachkonzept „Arbeitswelt Hessen“ des HMSI sowie an der regionalen Arbeitsmarkt- "
        "und Ausbildungsstrategie {reg_gen}. Die Maßnahmen sind grundsätzlich "
        "genderadäquat, ohne Altersbegrenzungen und inklusiv angelegt und überdies den "
        "Leitlinien der UN-Behindertenrechtskonvention verpflichtet.",
        False,
    ),
]

PRAEAMBEL_SHORT = (
    "Erfolgreiche Arbeitsmarktpolitik bindet die regionalen Akteure des Arbeitsmarktes in eine "
    "gemeinsame, auf die Zukunftsanforderungen fokussierte Strategie ein. Dafür will das "
    "{min_nom} (HMSI) regionale Handlungs- und Entscheidungsspielräume eröffnen und "
    "vereinbart dazu Ziele mit den Kreisen und kreisfreien Städten."
)

PARA_1 = [
    (
        "Das HMSI verfolgt mit dem Ausbildungs- und Qualifizierungsbudget {year} das Ziel, die "
        "Ausbildungsfähigkeit von benachteiligten Menschen zu steigern, ihre "
        "Beschäftigungsfähigkeit zu sichern, ihnen Ausbildungsabschlüsse zu ermöglichen und "
        "sie durch längerfristige, flexible und arbeitsmarktnahe Qualifizierung zu einer "
        "eigenständigen Existenzsicherung zu befähigen. Querschnittsorientierte "
        "Handlungsansätze des Budgets bieten den regional interagierenden Akteuren des "
        "Arbeitsmarktes die Vielfalt, berufliche und qualifikatorische Angebote für möglichst "
        "individuelle Bedarfslagen von verschiedensten Zielgruppen anzubieten. Menschen mit "
        "ihren jeweiligen Bedürfnissen und Herausforderungen ernst zu nehmen und bei ihrem Weg "
        "in Ausbildung und Beschäftigung zu unterstützen, betrachtet das HMSI als zentralen "
        "Baustein für eine erfolgversprechende und nachhaltige Integration in unsere "
        "Gesellschaft.",
        False,
    ),
    (
        "Bei der Erreichung dieses Ziels setzt das HMSI auf einen rechtskreisübergreifenden "
        "Förderansatz in den hessischen Kreisen und kreisfreien Städten. Nur wenn die einzelnen "
        "Rechtskreise SGB II, III, VIII, XII und AsylbLG sinnvoll zusammenwirken, alle "
        "Zielgruppen – inklusive der sog. Stillen Reserve – und weitere regionale Akteure aus "
        "Arbeitsmarkt und Wirtschaft potenziell einbezogen sind, können "
        "Unterstützungsstrukturen geschaffen werden, die ein selbstbestimmtes Leben auch in "
        "herausfordernden Lebenslagen ermöglichen.",
        False,
    ),
    (
        "Dem Land Hessen ist es wichtig, Menschen mit familiensorgenden Tätigkeiten einen "
        "vollqualifizierenden Berufsabschluss zu ermöglichen. Daher werden spezifisch Mittel "
        "für Maßnahmen zur Ermöglichung von Teilzeitausbildungen bereitgestellt. Über die im "
        "Rahmen des ESF Hessen geförderte „Servicestelle Teilzeit-Ausbildung“ unterstützt das "
        "HMSI die Zusammenarbeit aller regionalen Akteure am Übergang Schule-Beruf.",
        False,
    ),
    (
        "Schwerpunkte im Ausbildungs- und Qualifizierungsbudget sind Maßnahmen zur "
        "Ausbildungs- und Qualifizierungsvorbereitung, zu Ausbildung und Ausbildungscoaching "
        "in anerkannten Ausbildungsberufen, Qualifizierungsprojekte zur "
        "Arbeitsmarktintegration und Fachkräftesicherung sowie Weiterbildungen des "
        "Fachpersonals der Gebietskörperschaften mit Teilnehmendenbezug.",
        True,
    ),
]

PARA_2 = [
    (
        "{min_nom_cap} und {reg_nom} setzen die ihnen zur Verfügung stehenden Kompetenzen "
        "dafür ein, dass die in § 5 vereinbarten Ziele erreicht werden. Die Entscheidung über "
        "den Mitteleinsatz erfolgt im Kontext der von {reg_dat} bereits erarbeiteten und "
        "regelmäßig zu aktualisierenden regionalen Ausbildungs- und Arbeitsmarktstrategie, die "
        "mit den regionalen Akteuren der Rechtskreise SGB II, III, VIII, XII und AsylbLG, der "
        "Wirtschaft und – für den Bereich des Übergangs von der Schule in den Beruf – mit den "
        "regionalen OloV-Steuerungsgruppen abgestimmt ist.",
        True,
    ),
    (
        "Im Jahr {year} werden erneut Landesmittel für spezifische Sprachförderangebote und "
        "Qualifizierungen im Rahmen des AQB zur Verfügung gestellt. Die geförderten Angebote "
        "sind durch eine hohe Individualität und Vielfalt gekennzeichnet.",
        False,
    ),
]

PARA_3 = [
    (
        "Die Integration in das Erwerbsleben stellt aus der Sicht des {min_gen} eine der "
        "vordringlichsten Maßnahmen zur Förderung der Teilhabe von Menschen mit Behinderungen "
        "dar. Auch angesichts der demografischen Entwicklung und eines damit verbundenen "
        "aktuellen und zukünftigen Fachkräftemangels kommt der nachhaltigen Förderung von "
        "Maßnahmen zur Integration von Menschen mit Behinderungen in den Arbeitsprozess eine "
        "große Bedeutung zu.",
        True,
    ),
]

PARA_3_SHORT = (
    "Die Integration in das Erwerbsleben stellt aus der Sicht des {min_gen} eine der "
    "vordringlichsten Maßnahmen zur Förderung der Teilhabe von Menschen mit Behinderungen dar."
)

PARA_4_PRE = "Das HMSI stellt {reg_dat} im Jahr {year} Haushaltsmittel in Höhe von insgesamt"
PARA_4_POST = "aus dem Ausbildungs- und Qualifizierungsbudget {year} zur Verfügung."
PARA_4_SENTENCE = (
    "Das HMSI stellt {reg_dat} im Jahr {year} Haushaltsmittel in Höhe von insgesamt {amount} "
    "zur Verfügung."
)

PARA_5_INTRO = (
    "{reg_nom_cap} finanziert mit den Mitteln des **Ausbildungs- und Qualifizierungsbudgets "
    "{year}** in den jeweiligen Maßnahmenarten folgende Projekte:"
)
PARA_5_OUTRO = (
    "Die Förderung der aufgeführten Maßnahmen erfolgt auf Basis und nach Maßgabe des – nach "
    "Antragstellung durch {reg_dat} vom Regierungspräsidium Kassel erlassenen – Bescheides."
)

PARA_6 = [
    (
        "{reg_nom_cap} und das HMSI bleiben über die Entwicklung des Budgets {year} im engen "
        "Austausch. Dazu wird unter anderem eine Umsetzungsbesprechung im Herbst angesetzt.",
        True,
    ),
    (
        "Unterjährige Abweichungen von den in § 4 genannten Haushaltsmitteln und Eckdaten "
        "werden bei der Beurteilung der Zielerreichung berücksichtigt.",
        True,
    ),
]

PARA_7 = [
    (
        "{reg_nom_cap} beteiligt sich an Umfragen und Tagungen des HMSI mit dem Ziel, "
        "Erfahrungen auszutauschen, gute Praxis zu identifizieren und neue Impulse für die "
        "regionale Arbeitsmarkt- und Ausbildungspolitik zu setzen.",
        True,
    ),
    (
        "Die Zielvereinbarungen werden auf dem Internetportal des HMSI „Arbeitswelt Hessen“ "
        "veröffentlicht.",
        True,
    ),
]

# § 4 as a small table of the total and its parts (amount_parts), and last year's sum.
PARA_4_TABLE_PRE = (
    "Das HMSI stellt {reg_dat} im Jahr {year} aus dem Ausbildungs- und "
    "Qualifizierungsbudget {year} folgende Haushaltsmittel zur Verfügung:"
)
PARA_4_PREVIOUS = (
    "Gegenüber dem Vorjahr ({previous}) ergibt sich damit eine Veränderung, die bei der "
    "Planung der Maßnahmen berücksichtigt ist."
)

# The four measure-type headings of § 5 (category slug -> heading as usually written).
HEADINGS = {
    "ausbildungsvorbereitung": "Ausbildungsvorbereitung",
    "ausbildungsvorbereitung_lang": "Ausbildungs- und Qualifizierungsvorbereitung",
    "ausbildung": "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
    "qualifizierung": "Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung",
    "weiterbildung": (
        "Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der "
        "fachlichen Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung"
    ),
    "sonstige": "Sonstige Maßnahmen (Sprachförderung)",
}

# Press release (seed 000): NOT an agreement.
# The Regierungspräsidium's grant notice, filed beside the agreement it cites: NOT one.
NOTICE_SENDER = "Regierungspräsidium Kassel · Am Alten Stadtschloss 1 · 34117 Kassel"
NOTICE_TITLE = "Zuwendungsbescheid"
NOTICE_BODY = (
    "Auf der Grundlage der Zielvereinbarung {year} zwischen dem {min_dat} und {reg_dat} "
    "bewillige ich Ihnen für das Haushaltsjahr {year} eine Zuwendung aus dem Ausbildungs- und "
    "Qualifizierungsbudget in Höhe von {amount} für die in der Zielvereinbarung genannten "
    "Projekte."
)
NOTICE_ITEMS = [
    ("1. Zuwendungszweck", "Die Zuwendung wird für die Umsetzung der Projekte gewährt."),
    ("2. Bewilligungszeitraum", "01.01.{year} bis 31.12.{year}"),
    ("3. Nebenbestimmungen", "Die ANBest-GK sind Bestandteil dieses Bescheides."),
    ("Rechtsbehelfsbelehrung", "Gegen diesen Bescheid kann innerhalb eines Monats nach "
     "Bekanntgabe Klage beim Verwaltungsgericht Kassel erhoben werden."),
]  # fmt: skip
NOTICE_CLOSING = ["Im Auftrag", "Sabine Keller"]

PRESS_HEADER = "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales"
PRESS_TITLE = "27,7 Millionen Euro Landesmittel für regionale Arbeitsmarktförderung"
PRESS_LEAD = (
    "27,7 Millionen Euro aus dem Ausbildungs- und Qualifizierungsbudget (AQB) stellt Hessen "
    "2023 den Gebietskörperschaften für die regionale Ausbildungs- und Arbeitsmarktplanung zur "
    "Verfügung."
)
PRESS_BODY_1 = (
    "27,7 Millionen Euro aus dem Ausbildungs- und Qualifizierungsbudget (AQB) stellt Hessen "
    "2023 den Gebietskörperschaften für die regionale Ausbildungs- und Arbeitsmarktplanung zur "
    "Verfügung. „Ausbildung und effektive Qualifizierungen sind die Basis, um einen Einstieg "
    "die Arbeitswelt zu finden. Die regionalisierte Arbeitsmarktförderung integriert "
    "benachteiligte Menschen in den Ausbildungs- und Arbeitsmarkt und mobilisiert "
    "Talentreserven für die Fachkräftesicherung in Hessen“, erklärt Sozial- und "
    "Integrationsminister Kai Klose."
)
PRESS_SUB = "Mittel für Arbeitsmarktintegration, Digitalisierung und Teilzeitausbildung"
PRESS_BODY_2 = (
    "Neben den Bereichen Ausbildung und Qualifizierung für Benachteiligte sind auch wieder "
    "Mittel zur Förderung der Arbeitsmarktintegration von Menschen mit Migrationshintergrund "
    "vorgesehen. Zudem werden Mittel für Digitalisierungs-Projekte, insbesondere zum "
    "„digitalen Lernen“ zur Verfügung gestellt. Zusätzlich können die hessischen "
    "Gebietskörperschaften Mittel für den Bereich Teilzeitausbildung in Höhe von einer "
    "Million Euro erhalten. Das Ausbildungs- und Qualifizierungsbudget (AQB) ermöglicht auch "
    "unter fordernden und sich verändernden Umständen langfristig aber flexibel auf regionale "
    "Bedarfe zu reagieren und vorausschauend Konzepte zu entwickeln."
)
PRESS_BODY_3 = (
    "Der Einsatz der Mittel wird in Zielvereinbarungsgesprächen zwischen den 26 Landkreisen "
    "und kreisfreien Städten bis Ende März 2023 erörtert und im Anschluss festgelegt."
)
PRESS_CONTACT = [
    "Soziales",
    "Hessisches Ministerium für Soziales und Integration",
    "Alice Engel",
    "Pressesprecherin",
    "HMSI",
    "Fax",
    "+49 611 32719 4666",
]
