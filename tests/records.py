"""Synthetic records built through the record dataclasses, for fast tests of the combined
outputs: all 26 regions over three budget years, consistent from year to year (no check
fires on them), and helpers to plant the slips that the cross-document checks must catch."""

from __future__ import annotations

from dataclasses import replace

from extractor import gazetteer
from extractor.export import document_key
from extractor.record import (
    Budget,
    Ministry,
    Parties,
    Project,
    Record,
    Region,
    Signatory,
    Source,
    Status,
)

YEARS = (2022, 2023, 2024)
SURNAMES = (
    "Albrecht", "Bauer", "Conrad", "Dietrich", "Engel", "Fischer", "Graf", "Hartmann", "Imhof",
    "Jung", "Keller", "Lorenz", "Möller", "Neumann", "Ott", "Pohl", "Quast", "Richter", "Seidel",
    "Thiel", "Ulrich", "Vogt", "Wagner", "Xander", "Yilmaz", "Zimmer",
)  # fmt: skip
PROJECTS = (
    ("ausbildungsvorbereitung", "Berufsorientierung im Übergang"),
    ("ausbildung", "Ausbildungscoaching"),
    ("qualifizierung", "Qualifizierung für Geflüchtete"),
    ("weiterbildung", "Fortbildung für Fachkräfte"),
)


def region_record(index: int, year: int) -> tuple[str, Record]:
    """The agreement of the index-th region of the gazetteer for `year`."""
    entry = gazetteer.regions()[index]
    ministry = gazetteer.ministry_for_year(year)
    assert ministry is not None
    head = "Oberbürgermeister" if entry.kind == "kreisfreie Stadt" else "Landrat"
    amount = round((500_000 + 30_000 * index) * (1 + 0.04 * (year - YEARS[0])), 2) + 0.5
    file = f"{year}/{entry.ags}.pdf"
    record = Record(
        source=Source(file=file, sha256=f"{index:02d}{year}".ljust(64, "0"), pages=3),
        status=Status.OK,
        document_type="zielvereinbarung",
        year=year,
        programme="Ausbildungs- und Qualifizierungsbudget",
        parties=Parties(
            ministry=Ministry(ministry.name, ministry.abbreviation),
            region=Region(entry.canonical_name, entry.kind, entry.ags),
        ),
        received_date=f"{year}-04-{10 + index % 15:02d}",
        budget=Budget(amount=amount, text=f"{amount} Euro"),
        projects=[Project(category=c, name=f"{n} {entry.seat}") for c, n in PROJECTS],
        signatories=[
            Signatory(
                "ministry",
                ministry.minister,
                ministry.minister_title,
                "Wiesbaden",
                f"{year}-05-02",
                False,
            ),
            Signatory(
                "region", f"Dr. Maria {SURNAMES[index]}", head, entry.seat, f"{year}-04-08", False
            ),
        ],
    )
    return document_key(file), record


def synthetic_records() -> dict[str, Record]:
    return dict(
        region_record(index, year) for index in range(len(gazetteer.regions())) for year in YEARS
    )


def with_amount(record: Record, amount: float) -> Record:
    assert record.budget is not None
    return replace(record, budget=replace(record.budget, amount=amount))


def with_region_signatory_name(record: Record, name: str) -> Record:
    signatories = [replace(s, name=name) if s.party == "region" else s for s in record.signatories]
    return replace(record, signatories=signatories)
