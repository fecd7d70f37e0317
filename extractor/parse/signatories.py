"""Signature blocks: place and date of signing, typed name, office, and which party signed.

A block starts at its "Ort, den Datum" line and runs down its own column (layout block)
to the next such line. The party is decided by what the block says — the office and the
body it names — never by where the block sits on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from extractor import gazetteer
from extractor.document import BBox
from extractor.parse.context import ParseContext
from extractor.parse.dates import FoundDate, find_dates, signing_window
from extractor.parse.fuzzy import fold, levenshtein
from extractor.parse.parties import region_of
from extractor.parse.sections import Section
from extractor.parse.textindex import IndexedLine
from extractor.record import Evidence, Signatory

# "Gießen, den 10.7.'24", "Frankfurt a. M., 3. Mai 2022", "Friedberg/Hessen, am 1.7.2024".
# A comma (OCR: also ";" or ".") ends the place; a dot ends it only before "den", "am" or
# the date itself, since abbreviated place names are full of dots ("Bad Homburg v. d. Höhe").
PLACE_LINE = re.compile(
    r"^\s*(?P<place>[A-ZÄÖÜ][A-Za-zÄÖÜäöüß.()/\- ]{1,40}?)\s*"
    r"(?:[,;]|\.(?=\s*(?:den\b|am\b|d\.\s*\d|\d)))\s*"
    r"(?P<den>den\b\.?|am\b|d\.)?\s*(?P<rest>.*)$"
)
MAX_PLACE_WORDS = 6  # "Bad Homburg vor der Höhe"
MAX_DATE_WORDS = 6  # "10. Juli 2024" and what OCR makes of a handwritten one
ON_BEHALF = re.compile(r"(?:^|\s)(?:i\.\s?V\.?|In\s+Vertretung)(?=\s|$)", re.IGNORECASE)
# Name particles: "von der Leyen", "van der Horst", "zu Guttenberg", "de Maizière".
_PARTICLE = r"(?:(?:von|van|de|zu|ten|ter)(?:\s(?:der|den|dem))?|vom|zum|zur)"
_ACADEMIC = r"(?:(?:Dr|Prof)\.\s?(?:(?:rer|phil|med|jur|h\.\s?c)\.\s?)*)*"
# A capitalised name part, Latin-1 letters included ("Maizière", "Çelik").
_PART = r"[A-Z\u00c0-\u00d6\u00d8-\u00de][a-z\u00df-\u00f6\u00f8-\u00ff]+"
NAME = re.compile(
    rf"^\s*(?P<name>{_ACADEMIC}{_PART}(?:-{_PART})?"
    rf"(?:\s+(?:{_PARTICLE}\s)?{_PART}(?:-{_PART})?){{1,3}})\s*$"
)


@dataclass(slots=True)
class Block:
    place_line: IndexedLine | None
    lines: list[IndexedLine]


def _place_match(line: IndexedLine) -> re.Match[str] | None:
    match = PLACE_LINE.match(line.text)
    if not match:
        return None
    if len(match["place"].split()) > MAX_PLACE_WORDS or len(match["rest"].split()) > MAX_DATE_WORDS:
        return None
    if match["den"] or find_dates(match["rest"]):
        return match
    return None


BLOCK_ALIGN = 30.0  # points: lines of one block start (or are centred) this close together
BLOCK_GAP = 90.0  # points: a larger vertical gap ends a block (room for the signature itself)
BLOCK_LINES = 10


def _aligned(line: IndexedLine, anchor: IndexedLine) -> bool:
    a, b = line.line.bbox, anchor.line.bbox
    centre = abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2)
    return abs(a.x0 - b.x0) < BLOCK_ALIGN or centre < BLOCK_ALIGN


def find_blocks(ctx: ParseContext, sections: dict[int, Section]) -> list[Block]:
    """Each block runs from its place line down the lines aligned with it, in its column,
    across a page break if need be, to the next place line or a wide gap."""
    start = max((s.heading.start for s in sections.values()), default=0)
    lines = [line for line in ctx.text.lines if line.start >= start]
    anchors = [i for i, line in enumerate(lines) if _place_match(line)]
    blocks: list[Block] = []
    for index in anchors:
        anchor = lines[index]
        block = Block(place_line=anchor, lines=[anchor])
        for line in lines[index + 1 : index + 1 + 3 * BLOCK_LINES]:
            if not _aligned(line, anchor):
                continue
            if _place_match(line) or len(block.lines) > BLOCK_LINES:
                break
            previous = block.lines[-1]
            same_page = line.page is previous.page
            if same_page and line.line.bbox.top - previous.line.bbox.bottom > BLOCK_GAP:
                break
            if not same_page and line.line.bbox.top > line.page.height * 0.25:
                break
            block.lines.append(line)
        blocks.append(block)
    return blocks


# Two OCR slips from an office, but a body: the fuzzy office patterns match "Ministerium"
# (excluded here, not in the patterns: a NOT_IN there costs the matcher a call per token).
NOT_AN_OFFICE = frozenset({"ministerium", "ministeriums"})


def _office(ctx: ParseContext, block: Block) -> tuple[str | None, IndexedLine | None, object]:
    for line in block.lines:
        spans = [
            span
            for span in ctx.entities("OFFICE", line.start, line.end)
            if fold(span.text) not in NOT_AN_OFFICE
        ]
        if spans:
            # Fuzzy patterns let "Erste Kreisbeigeordnete" match "Erster …" too: take the closest.
            title = min(
                (o.title for o in gazetteer.offices()),
                key=lambda t: levenshtein(fold(spans[0].text), fold(t)),
            )
            return title, line, spans[0]
    return None, None, None


# A line naming a body, not a person: "Der Kreisausschuss", "Hessisches Ministerium".
_BODY_WORDS = frozenset(
    {"ministerium", "kreisausschuss", "magistrat", "landkreis", "landkreises", "kreis",
     "kreises", "stadt", "landeshauptstadt", "hessisches"}
)  # fmt: skip
_ARTICLES = frozenset({"der", "die", "das", "des", "dem", "den"})


def _is_name(ctx: ParseContext, line: IndexedLine) -> bool:
    text = ON_BEHALF.sub(" ", line.text).strip()
    if any(ctx.entities(label, line.start, line.end) for label in ("REGION", "MINISTRY", "OFFICE")):
        return False
    words = fold(text).split()
    if not words or words[0] in _ARTICLES or any(word in _BODY_WORDS for word in words):
        return False
    if NAME.match(text):
        return True
    # With a pretrained model added (--spacy-model), its PER entities also count.
    return any(span.text.strip() == text for span in ctx.entities("PER", line.start, line.end + 1))


def _name_line(
    ctx: ParseContext, block: Block, office_line: IndexedLine | None
) -> IndexedLine | None:
    """The typed name: usually right above the office, sometimes right below it."""
    lines = block.lines[1:]
    if office_line is None:
        return next((line for line in reversed(lines) if _is_name(ctx, line)), None)
    above = [line for line in lines if line.number < office_line.number][-3:]
    below = [line for line in lines if line.number > office_line.number][:2]
    for line in [*reversed(above), *below]:
        if _is_name(ctx, line):
            return line
    return None


def _entities_in(ctx: ParseContext, label: str, block: Block) -> list[Span]:
    """Entities on the block's own lines (a block beside it may sit between them in the text)."""
    return [span for line in block.lines for span in ctx.entities(label, line.start, line.end)]


def _party(ctx: ParseContext, block: Block, office: str | None) -> tuple[str | None, str]:
    votes: list[tuple[str, str]] = []
    if office:
        entry = next(o for o in gazetteer.offices() if o.title == office)
        votes.append((entry.party, f"office {office}"))
    if _entities_in(ctx, "MINISTRY", block) or any(
        "ministerium" in line.text.lower() for line in block.lines
    ):
        votes.append(("ministry", "names the ministry"))
    if _entities_in(ctx, "REGION", block):
        votes.append(("region", "names the region"))
    parties = {party for party, _why in votes}
    if len(parties) == 1:
        return parties.pop(), "; ".join(why for _p, why in votes)
    if len(parties) > 1:
        return votes[0][0], "conflicting: " + "; ".join(why for _p, why in votes)
    return None, "nothing in the block names a party"


def parse_signatories(ctx: ParseContext, sections: dict[int, Section]) -> None:
    blocks = find_blocks(ctx, sections)
    if not blocks:
        ctx.trace.note("signatories", "'Ort, den Datum' lines", "missed")
    offices = [_office(ctx, block) for block in blocks]
    parties = [_party(ctx, block, office[0]) for block, office in zip(blocks, offices, strict=True)]
    claimed = {party for party, _why in parties if party}
    for block, office, party in zip(blocks, offices, parties, strict=True):
        _add_signatory(ctx, block, office, party, claimed)


def _unclear_party(ctx: ParseContext, block: Block, claimed: set[str]) -> tuple[str, str]:
    """The party of a block that names neither an office nor a party: the one no other
    block is, else the one whose seat is the place of signing."""
    free = {"ministry", "region"} - claimed
    if len(free) == 1:
        party = free.pop()
        return (
            party,
            f"the other block(s) are the {'region' if party == 'ministry' else 'ministry'}",
        )
    place = _place_match(block.place_line).group("place").strip() if block.place_line else ""
    region = ctx.record.parties.region
    at_ministry = place in {m.seat for m in gazetteer.ministries()}
    at_region = bool(region and region.ags) and place == gazetteer.region_by_ags(region.ags).seat
    if at_ministry != at_region:
        party = "ministry" if at_ministry else "region"
        return party, f"signed at the {party}'s seat {place!r}"
    return "region", f"nothing decides it (signed at {place!r})"


def _add_signatory(
    ctx: ParseContext,
    block: Block,
    office_found: tuple[str | None, IndexedLine | None, object],
    decided: tuple[str | None, str],
    claimed: set[str],
) -> None:
    record = ctx.record
    index = len(record.signatories)
    path = f"signatories/{index}"
    office, office_line, office_span = office_found
    name_line = _name_line(ctx, block, office_line)
    party, why = decided
    ctx.trace.note(path, "signature block", "found", f"party={party} ({why})")
    if party is None:
        party, how = _unclear_party(ctx, block, claimed)
        record.warn(
            "signatory_party_unclear",
            f"Signature block {index + 1} names neither an office nor a party; "
            f"taken as {party}: {how}.",
            f"{path}/party",
        )
    elif why.startswith("conflicting"):
        record.warn(
            "signatory_party_unclear",
            f"Signature block {index + 1} is {why}.",
            f"{path}/party",
        )

    signatory = Signatory(party=party)
    signatory.on_behalf = any(ON_BEHALF.search(line.text) for line in block.lines)
    if office_span is not None:
        signatory.title = office
        ctx.cite(f"{path}/title", office_span.start_char, office_span.end_char)
    else:
        record.warn(
            "signatory_title_missing",
            f"No office was recognised in signature block {index + 1}.",
            f"{path}/title",
        )
    if name_line is not None:
        name = ON_BEHALF.sub(" ", name_line.text).strip()
        signatory.name = re.sub(r"\s+", " ", name)
        ctx.cite_line(f"{path}/name", name_line, signatory.name)
    else:
        record.warn(
            "signatory_name_missing",
            f"No typed name was found in signature block {index + 1}.",
            f"{path}/name",
        )
    _place_and_date(ctx, block, signatory, path)
    if party == "region" and record.parties.region is not None:
        for span in _entities_in(ctx, "REGION", block):
            if region_of(span).ags != record.parties.region.ags:
                record.warn(
                    "region_mismatch",
                    f"Signature block {index + 1} names {span.text!r}, but the title names "
                    f"{record.parties.region.name}.",
                    "parties.region",
                )
    record.signatories.append(signatory)


def _plausible(ctx: ParseContext, found: FoundDate) -> bool:
    if ctx.record.year is None:
        return True
    earliest, latest = signing_window(ctx.record.year)
    return earliest <= found.value <= latest


REREAD_WIDTH = 170.0  # points right of "den" where a handwritten date sits
REREAD_ABOVE, REREAD_BELOW = 22.0, 8.0  # handwriting rises above the printed line


def _reread(
    ctx: ParseContext, block: Block, match: re.Match[str], signatory: Signatory, path: str
) -> bool:
    """A second, targeted OCR pass over the date's spot; kept only if it is a plausible date."""
    line = block.place_line
    if ctx.reread is None or line is None or line.page.method != "ocr":
        return False
    words = ctx.text.words_in(
        line.start, line.start + match.end("den" if match["den"] else "place")
    )
    if not words:
        return False
    left = max(w.bbox.x1 for w, _page in words) + 2
    box = line.line.bbox
    spot = BBox(
        left,
        box.top - REREAD_ABOVE,
        min(line.page.width, left + REREAD_WIDTH),
        box.bottom + REREAD_BELOW,
    )
    reading = ctx.reread.date(line.page.number, spot)
    text = reading.text if reading else None
    found = [d for d in find_dates(text or "") if _plausible(ctx, d)]
    ctx.trace.note(
        f"{path}/date", "targeted re-OCR of the date", "found" if found else "missed", repr(text)
    )
    if not found:
        return False
    signatory.date = found[0].value.isoformat()
    ctx.record.evidence[f"{path}/date"] = Evidence(
        page=line.page.number,
        bbox=spot.as_list(),
        text=found[0].text,
        confidence=None,
        method="ocr",
    )
    ctx.record.warn(
        "signing_date_reread",
        f"The signing date {found[0].text!r} was read only in a second, targeted OCR pass over "
        "the handwriting; check it on the scan.",
        f"{path}/date",
    )
    return True


def _place_and_date(ctx: ParseContext, block: Block, signatory: Signatory, path: str) -> None:
    line = block.place_line
    if line is None:
        return
    match = _place_match(line)
    assert match is not None
    signatory.place = match["place"].strip()
    ctx.cite(f"{path}/place", line.start + match.start("place"), line.start + match.end("place"))
    rest_start = line.start + match.start("rest")
    read = find_dates(match["rest"])
    dates = [d for d in read if _plausible(ctx, d)]
    if not dates and _reread(ctx, block, match, signatory, path):
        return
    if not dates:
        signatory.date = None  # a date that does not fit the year is not read with confidence
        problem = "is missing" if not match["rest"].strip() else "could not be read"
        if read:
            problem = f"does not fit the budget year {ctx.record.year}"
        ctx.record.warn(
            "signing_date_implausible" if read else "signing_date_unreadable",
            f"The signing date in block {signatory.place!r} {problem} "
            f"(read: {match['rest'].strip()!r}); check the scan.",
            f"{path}/date",
        )
        ctx.trace.note(f"{path}/date", "date after the place", "missed", line.text)
        return
    found = dates[0]
    signatory.date = found.value.isoformat()
    start = rest_start + found.start
    ctx.cite(f"{path}/date", start, start + len(found.text))
    if found.corrected:
        ctx.record.warn(
            "ocr_correction",
            f"Letters in the signing date {found.text!r} were read as digits; check the scan.",
            f"{path}/date",
        )
