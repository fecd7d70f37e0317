"""The columns of the combined tables: name, type, unit and meaning, the one source of truth.

The CSV writer, the Parquet schema, the Frictionless data package and the README's column
tables are all derived from the specs below.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from extractor import gazetteer
from extractor.record import Status


class Kind(StrEnum):
    STRING = "string"
    INTEGER = "integer"
    MONEY = "money"  # decimal(14,2): cents exact, never a binary float
    DATE = "date"  # ISO 8601 calendar date
    BOOLEAN = "boolean"
    CATEGORY = "category"  # one of a fixed list of values


# What pandas gives for each kind, both for the frames written here and for
# `pd.read_parquet` on the Parquet files (their pandas metadata restores these).
PANDAS_DTYPES = {
    Kind.STRING: "string",
    Kind.INTEGER: "Int64",
    Kind.MONEY: "object",  # decimal.Decimal values
    Kind.DATE: "object",  # datetime.date values
    Kind.BOOLEAN: "boolean",
    Kind.CATEGORY: "category",
}

MONEY_PRECISION, MONEY_SCALE = 14, 2
_CENT = Decimal(1).scaleb(-MONEY_SCALE)


def money(amount: float | None) -> Decimal | None:
    """The exact amount in euros and cents: 498730.5 → Decimal('498730.50').

    The record keeps amounts as floats; their shortest repr is the amount as read, so going
    through it (not through the binary value) loses nothing.
    """
    return None if amount is None else Decimal(repr(amount)).quantize(_CENT)


def kind_label(kind: Kind) -> str:
    return f"decimal({MONEY_PRECISION},{MONEY_SCALE})" if kind is Kind.MONEY else str(kind)


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: Kind
    description: str
    unit: str | None = None
    values: tuple[str, ...] = ()  # the allowed values of a CATEGORY column
    pattern: str | None = None  # a regular expression every non-empty value matches
    required: bool = False

    @property
    def type_label(self) -> str:
        """The type as the README shows it."""
        return f"{kind_label(self.kind)}, {self.unit}" if self.unit else kind_label(self.kind)


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str  # "agreements": agreements.csv, dataset/agreements.parquet
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    # Every table but agreements refers to its document's row there.
    references_agreements: bool = True

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    def names(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _region_names() -> tuple[str, ...]:
    return tuple(entry.canonical_name for entry in gazetteer.regions())


def _category_slugs() -> tuple[str, ...]:
    return (*(entry.slug for entry in gazetteer.categories()), gazetteer.OTHER_CATEGORY)


_DOCUMENT = Column(
    "document", Kind.STRING, "the document key (see above); joins the other tables", required=True
)
_FILE = Column("file", Kind.STRING, "input path relative to the scanned folder", required=True)
_SHA256 = Column(
    "sha256", Kind.STRING, "SHA-256 of the input file", pattern="[0-9a-f]{64}", required=True
)
_REGION_NAME = Column(
    "region_name",
    Kind.CATEGORY,
    "the county or county-free city, canonical name",
    values=_region_names(),
)
_REGION_AGS = Column(
    "region_ags", Kind.STRING, "the region's 5-digit official key (AGS)", pattern="[0-9]{5}"
)
_YEAR = Column("year", Kind.INTEGER, "budget year")
# The agreement's key, region and year, repeated in the rows of its projects and signatories.
_OF_AGREEMENT = (_DOCUMENT, _FILE, _REGION_NAME, _REGION_AGS, _YEAR)


def _position(meaning: str) -> Column:
    return Column("position", Kind.INTEGER, meaning, required=True)


AGREEMENTS = TableSpec(
    name="agreements",
    description="One row per input document.",
    primary_key=("document",),
    references_agreements=False,
    columns=(
        _DOCUMENT,
        _FILE,
        _SHA256,
        Column("pages", Kind.INTEGER, "number of pages", required=True),
        Column("ocr_pages", Kind.STRING, "pages whose text came from OCR, space-separated"),
        Column(
            "status",
            Kind.CATEGORY,
            "ok, needs_review or failed",
            values=tuple(str(s) for s in Status),
            required=True,
        ),
        Column("error", Kind.STRING, "why the file failed (failed only)"),
        Column(
            "document_type",
            Kind.CATEGORY,
            "`zielvereinbarung`, empty when not an agreement",
            values=("zielvereinbarung",),
        ),
        _YEAR,
        Column("programme", Kind.STRING, "e.g. Ausbildungs- und Qualifizierungsbudget"),
        Column("ministry_name", Kind.STRING, "the ministry party's name"),
        Column("ministry_abbreviation", Kind.STRING, "the ministry's abbreviation (HMSI)"),
        _REGION_NAME,
        Column(
            "region_kind",
            Kind.CATEGORY,
            "`Landkreis` or `kreisfreie Stadt`",
            values=("Landkreis", "kreisfreie Stadt"),
        ),
        _REGION_AGS,
        Column("received_date", Kind.DATE, "date of the ministry's receipt stamp"),
        Column("budget_amount", Kind.MONEY, "the § 4 sum", unit="EUR"),
        Column("budget_currency", Kind.CATEGORY, "`EUR`", values=("EUR",)),
        Column("budget_text", Kind.STRING, "the amount as written"),
        Column("project_count", Kind.INTEGER, "how many projects were read", required=True),
        Column(
            "signatory_count", Kind.INTEGER, "how many signature blocks were read", required=True
        ),
        Column("warning_count", Kind.INTEGER, "how many warnings", required=True),
        Column("warning_codes", Kind.STRING, "the warnings' codes, space-separated"),
        Column(
            "current",
            Kind.BOOLEAN,
            "false when a later-received agreement for the same region and year supersedes "
            "this one (both are kept)",
            required=True,
        ),
    ),
)

PROJECTS = TableSpec(
    name="projects",
    description="One row per § 5 project.",
    primary_key=("document", "position"),
    columns=(
        *_OF_AGREEMENT,
        _position("1-based position in the § 5 list"),
        Column(
            "category",
            Kind.CATEGORY,
            "measure type: " + ", ".join(f"`{slug}`" for slug in _category_slugs()),
            values=_category_slugs(),
            required=True,
        ),
        Column("category_text", Kind.STRING, "the heading as written"),
        Column(
            "name",
            Kind.STRING,
            "the project as written (whitespace normalised, list marker removed)",
            required=True,
        ),
        Column("amount", Kind.MONEY, "a sum written beside the project, if any", unit="EUR"),
        Column("page", Kind.INTEGER, "page the project was read on"),
    ),
)

SIGNATORIES = TableSpec(
    name="signatories",
    description="One row per signature block.",
    primary_key=("document", "position"),
    columns=(
        *_OF_AGREEMENT,
        _position("1-based order of the signature block in the document"),
        Column(
            "party",
            Kind.CATEGORY,
            "`ministry` or `region`, decided by what the block says (office, body named)",
            values=("ministry", "region"),
            required=True,
        ),
        Column("name", Kind.STRING, "typed name under the signature, academic title included"),
        Column(
            "title",
            Kind.STRING,
            "office (Staatsministerin, Landrat, Oberbürgermeister, Erste Kreisbeigeordnete, …)",
        ),
        Column("on_behalf", Kind.BOOLEAN, "true when the block says i.V. / In Vertretung"),
        Column("place", Kind.STRING, "place of signing"),
        Column("date", Kind.DATE, "date of signing; empty when it cannot be read with confidence"),
        Column("page", Kind.INTEGER, "page the block was read on"),
    ),
)

ERRORS = TableSpec(
    name="errors",
    description="One row per file that failed, with the reason.",
    primary_key=("document",),
    columns=(
        _DOCUMENT,
        _FILE,
        _SHA256,
        Column(
            "error",
            Kind.STRING,
            "a sentence naming the file and the problem (encrypted, damaged, not a PDF or "
            "image, not an agreement, timed out, …)",
            required=True,
        ),
    ),
)

TABLES = (AGREEMENTS, PROJECTS, SIGNATORIES, ERRORS)


def markdown_table(table: TableSpec) -> str:
    """The README's table of `table`'s columns."""
    lines = ["| column | type | meaning |", "|---|---|---|"]
    lines += [f"| {c.name} | {c.type_label} | {c.description} |" for c in table.columns]
    return "\n".join(lines)
