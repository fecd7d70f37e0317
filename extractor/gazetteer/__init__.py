"""The project's facts — regions, ministries, § 5 measure types, offices — loaded from the CSV
files beside this module, the one source of truth for them."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

# German spelt without umlauts and ß, as typewriters, ASCII systems and some OCR do:
# "Gießen" → "Giessen", "Jugend und Soziales" unchanged.
UMLAUT_SPELLING = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files(__package__).joinpath(name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@dataclass(frozen=True, slots=True)
class RegionEntry:
    ags: str
    canonical_name: str
    kind: str  # "Landkreis" | "kreisfreie Stadt"
    official_style: str
    seat: str
    regierungsbezirk: str
    aliases: tuple[str, ...]  # names other than canonical_name and official_style

    def surface_forms(self) -> list[str]:
        """Every way the region is written, nominative/dative and genitive."""
        forms: list[str] = []
        for alias in (self.canonical_name, self.official_style, *self.aliases):
            for form in (alias, genitive(alias)):
                if form not in forms:
                    forms.append(form)
        return forms


def genitive(name: str) -> str:
    """'Landkreis Gießen' → 'Landkreises Gießen'; 'Main-Kinzig-Kreis' → 'Main-Kinzig-Kreises'.

    Feminine forms (Stadt …) do not change in the genitive.
    """
    head, _, rest = name.partition(" ")
    if head.lower().endswith("kreis"):
        return f"{head}es {rest}".strip()
    return name


@dataclass(frozen=True, slots=True)
class MinistryEntry:
    from_year: int
    to_year: int | None
    name: str
    abbreviation: str
    minister: str
    minister_title: str
    seat: str  # where the ministry signs
    abbreviation_variants: tuple[str, ...] = ()  # other abbreviations its texts use ("HMAIJS")

    @property
    def abbreviations(self) -> tuple[str, ...]:
        return (self.abbreviation, *self.abbreviation_variants)

    def covers(self, year: int) -> bool:
        return self.from_year <= year and (self.to_year is None or year <= self.to_year)


@dataclass(frozen=True, slots=True)
class CategoryEntry:
    slug: str
    heading: str
    variants: tuple[str, ...]  # the heading and other wordings seen in agreements
    keywords: tuple[str, ...]  # distinctive words: a heading of other wording starts with one


@dataclass(frozen=True, slots=True)
class OfficeEntry:
    title: str
    party: str  # "ministry" | "region"
    kind: str  # "minister" | "deputy" | "head"


@cache
def regions() -> tuple[RegionEntry, ...]:
    return tuple(
        RegionEntry(
            ags=row["ags"],
            canonical_name=row["canonical_name"],
            kind=row["kind"],
            official_style=row["official_style"],
            seat=row["seat"],
            regierungsbezirk=row["regierungsbezirk"],
            aliases=tuple(a for a in row["aliases"].split("|") if a),
        )
        for row in _rows("regions.csv")
    )


@cache
def region_by_ags(ags: str) -> RegionEntry:
    return next(r for r in regions() if r.ags == ags)


@cache
def ministries() -> tuple[MinistryEntry, ...]:
    return tuple(
        MinistryEntry(
            from_year=int(row["from_year"]),
            to_year=int(row["to_year"]) if row["to_year"] else None,
            name=row["ministry_name"],
            abbreviation=row["abbreviation"],
            minister=row["minister"],
            minister_title=row["minister_title"],
            seat=row["seat"],
            abbreviation_variants=tuple(filter(None, row["abbreviation_variants"].split("|"))),
        )
        for row in _rows("ministries.csv")
    )


def ministry_for_year(year: int) -> MinistryEntry | None:
    return next((m for m in ministries() if m.covers(year)), None)


# The category of a project under a heading that is none of the measure types above.
OTHER_CATEGORY = "sonstige"
# First words of a heading of that kind: "Sonstige Maßnahmen (Sprachförderung)".
OTHER_HEADING_WORDS = frozenset({"sonstige", "sonstiges", "weitere"})


@cache
def categories() -> tuple[CategoryEntry, ...]:
    return tuple(
        CategoryEntry(
            slug=row["slug"],
            heading=row["heading"],
            variants=tuple(
                dict.fromkeys([row["heading"], *filter(None, row["variants"].split("|"))])
            ),
            keywords=tuple(k for k in row["keywords"].split("|") if k),
        )
        for row in _rows("categories.csv")
    )


@cache
def first_names() -> tuple[str, ...]:
    """Common first names in Germany: a typed name's first name a letter from one of them,
    and none itself, is likely misread."""
    return tuple(row["name"] for row in _rows("first_names.csv"))


@cache
def offices() -> tuple[OfficeEntry, ...]:
    return tuple(
        OfficeEntry(title=row["title"], party=row["party"], kind=row["kind"])
        for row in _rows("offices.csv")
    )


@dataclass(frozen=True, slots=True)
class SectionTitleEntry:
    number: int  # the § this title has in the form used since 2019
    role: str  # what the parser wants from it: "budget" (§ 4), "projects" (§ 5), …
    title: str
    variants: tuple[str, ...]  # the title and other wordings seen in agreements


@cache
def section_titles() -> tuple[SectionTitleEntry, ...]:
    return tuple(
        SectionTitleEntry(
            number=int(row["number"]),
            role=row["role"],
            title=row["title"],
            variants=tuple(
                dict.fromkeys([row["title"], *filter(None, row["variants"].split("|"))])
            ),
        )
        for row in _rows("sections.csv")
    )
