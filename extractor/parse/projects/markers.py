"""List markers and list numbers, as OCR reads them: dashes, bullets and the glyphs OCR
makes of "•" ("«", "e", "®"), numbers and letters with a stop or a bracket, roman numerals,
the symbols of a text layer; and the specks and ticks before them.
"""

from __future__ import annotations

import re

from extractor.parse.projects.cells import Item

# A roman list number as OCR reads it: its I as "l", "|" or "]", a second I as "1", and "II"
# or "V" after an I as "N" or "H" ("IN.", "IH." for "III.", "]I." for "II.": generated scans).
_ROMAN = r"[IVX|l\]][IVXl1|NH\]]{1,3}"
# Bullets a text layer (or a sharp scan) gives as symbols: arrows, squares, check marks,
# and the private-use code points of Symbol and Wingdings fonts (Word's U+F0B7).
_SYMBOL_BULLET = "[\u2023\u2043\u2190-\u21ff\u25a0-\u25ff\u2600-\u27bf\u2b00-\u2bff\uf000-\uf0ff]"
# "•" comes out of Tesseract as "e", "«", "®", "°" …; "«", "»", "®", "©" are bullets before any
# word, the others only before a capital (elsewhere they are specks).
# A text layer gives an unmapped bullet glyph as "(cid:127)".
MARKER = re.compile(
    # a speck before "f)", "- ", "= ", "« ", "e " (a bullet as OCR reads it)
    r"^\s*(?:[.,'‚‘’`´|¦\[\]“”„\"_«](?=\s?(?:\d{1,2}\s?[.)]|[a-z][)}\]]|[a-z]\.\s|[-–—•=]|[«»®©]\s"
    r"|" + _ROMAN + r"\.{1,2}(?=\s?[A-ZÄÖÜ])"  # … and before a roman number ("_IV.BAE", "« III..")
    r"|e{1,2}\s+[A-ZÄÖÜ]))"  # … and before a bullet read "e" (". e Teilzeitausbildung")
    r"\s?)?"
    # "l." "3," "3;" "1:" "(1)" "( 2)"
    r"(?:[-–—•·▪◦●*°>=_]+|\(cid:\d+\)|(?:\(\s?)?[0-9lI|]\d?\s?(?:[.)]|[,;](?=\s+[A-ZÄÖÜ])|:(?=\s+\w))"
    r"|L\s?:(?=\s+[A-ZÄÖÜ])"  # "I." read "L:" (generated scan)
    # "(a)", "b.", "b..", "II.", "It." (for "II."), "iv)", "→", "✓"; a bracket read as a
    # brace ("b}", "d)}")
    r"|\(?[a-z][)}\]]{1,2}|[a-z]\s?\.{1,2}(?=\s)|(?:" + _ROMAN + r"|It|[ivx]{1,4})(?:\.{1,2}|[):])|"
    r"[a-z]{2}\)(?=\s)|"  # a letter with a speck beside it: "ce)" (no word ends in a bracket)
     + _SYMBOL_BULLET + "+"
    r"|[A-Z]\s?[.)](?=\s+[A-ZÄÖÜ0-9„\"“])"  # "A.", and a number OCR read as a capital: "N ."
    r"|[«»®©]e?[.,]?(?=\s+\S)"  # bullets only OCR makes of "•": before any word ("«e.")
    r"|[«®©](?=[a-zäöüß]{2})"  # … or glued to one starting lower-case (no quote opens so)
    r"|«(?=[A-ZÄÖÜ][a-zäöüß][^»]*$)"  # … or to a capitalised one no "»" closes as a quote
    r"|ee(?=\s+[a-zäöüß])"  # "•" read "ee", before any word (no word is "ee")
    # … and a speck with the "e" after it ('"e Ausbildungsverbund')
    r"|(?:e{1,2}|o|i|[+\\“”\"'‚‘’`´.,:;|¦~^]{1,3}e?)(?=\s+[\\'‚`´|_]?[A-ZÄÖÜ0-9„\"“]))\s*(?=\S)"
)
# The markers no speck makes: dashes, bullets, numbers, letters with a bracket.
REAL_MARKER = re.compile(
    r"^\s*(?:[-–—•·▪◦●*>=]+|\(cid:\d+\)|(?:\(\s?)?[0-9lI|]\d?\s?[.)]|\(?[a-z][)}\]]{1,2}"
    r"|[a-z]\.{1,2}(?=\s)|(?:" + _ROMAN + r"|It|[ivx]{1,4})[.)]|" + _SYMBOL_BULLET + r"+)"
    r"\s*(?=\S)"
)


# A token before a project that is a bullet read as dust, or dust: "«", "+", "'", "°", "\\",
# "|", ".", or one lower-case letter standing alone ("j", "x").
GLYPH_TOKEN = re.compile(r"^(?:[«»+°\\“”\"'‚`´.,:;|¦~^_®©]{1,3}e?|[jxileo])$")
BULLET_BEFORE_ANY_WORD = re.compile(r"^[«»®©]")  # as in MARKER: a bullet, whatever follows
GLUED_GLYPH = re.compile(r"^[\'‚`´|_\\]+(?=[A-ZÄÖÜ0-9])")  # "'Startklar", "_BOM", "\\Plan"


_DOUBLED_DASH = re.compile(r"^\s*[-–—_]+\s*(?=\S)")
_LETTER_MARKER = re.compile(r"^[a-z](?:\.{1,2}|[)}\]]{1,2})\s+(?=[A-ZÄÖÜ])")


def strip_marker(text: str) -> str:
    """Without its list marker: OCR often doubles a dash ("-- Aufbruch", "- _Kompetenz…"),
    but a number after a dash is the name's own ("- 2. Chance"); a letter with a stop after
    a speck read as a bullet is the marker ("« b. Qualifizierung": no name starts so)."""
    text = MARKER.sub("", text, count=1)
    text = _LETTER_MARKER.sub("", text, count=1)
    text = _DOUBLED_DASH.sub("", text, count=1)
    text = _LEAD_GLYPHS.sub("", text.strip(), count=1)
    return _GLUED_LEAD.sub("", text, count=1)


# Specks left before a name once its marker is gone: "« _BOM", "c) 'Startklar", "jJob-Kompass",
# ".Startklar", ":Supervision".
_LEAD_GLYPHS = re.compile(
    r"^(?:(?:[«»+°\\“”\"'‚`´.,:;|¦~^®©\[\]]{1,3}e?|e(?=\s+[A-ZÄÖÜ]))\s+)+(?=\S)"  # "« e", "]."
)
# (Not "i" or "e": "iPad-Kurs", "eLearning" are written so.)
_GLUED_LEAD = re.compile(
    r"^(?:[_'‚`´|\\]+|[jl.,:;](?=[A-ZÄÖÜ][a-zäöüß])|[a-df-hkm-z](?=[A-ZÄÖÜ][a-zäöüß]{2})"
    r"|«(?=[A-ZÄÖÜ][a-zäöüß][^»]*$))"  # "« «Übergänge …": a second "«" no "»" closes
)


def arabic_number(item: Item) -> int | None:
    match = _ARABIC_NUMBER.match(item.cells[0].text)
    return int(re.sub("[lI|]", "1", match.group(1))) if match else None


# A glyph before a list number: "« 2.", "- 2.", ". 3.", a speck read as a bullet, "«e 3.",
# and a reader's tick left of the number, "* 2.", "✓ 3.".
# Dust before a list number: one or two glyphs ("«=" for a bullet), or a bullet read "e".
_DUST_BEFORE_NUMBER = f"(?:[-–—.,'‚|«»+°•®©*=]{{1,2}}e?|e{{1,2}}|{_SYMBOL_BULLET})"
# A list number's stop, or a comma read for it before a capital ("3, Berufsstart").
_STOP = r"(?:[.)]|,(?=\s[A-ZÄÖÜ]))"
# A list number as a serif type reads it ("l." for "1."), a glyph before it allowed.
_ARABIC_NUMBER = re.compile(rf"^\s*(?:{_DUST_BEFORE_NUMBER}\s?)?([0-9lI|]\d?)\s?{_STOP}\s")


# The value of a number or letter marker ("4.", "(d)"); one with its stop lost: "5 Praxisjahr".
_COUNTED = re.compile(rf"^\s*(?:{_DUST_BEFORE_NUMBER}\s?)?\(?(\d{{1,2}}|[a-z])\s?{_STOP}\s")
BARE_COUNTER = re.compile(r"^(\d{1,2}|[a-z]) (?=[A-ZÄÖÜ„\"“])")


def counter_value(counter: str) -> int:
    return int(counter) if counter.isdigit() else ord(counter) - ord("a") + 1


def counted_number(text: str) -> int | None:
    match = _COUNTED.match(text)
    return counter_value(match.group(1)) if match else None


# A list number OCR made one or two other signs of ("ie" for "1."), before a name.
# A glyph may stand before it, and a capital for it ("® D Fachtagungen …" for "2.").
MISREAD_COUNTER = re.compile(
    r"^(?:[®©«»°•*] )?(?:[a-zıI|!]{1,2}|[A-Z]|[.,:;'|!]{1,2})[.,]? (?=[A-ZÄÖÜ„\"“])"
)


def marker_length(item: Item) -> int:
    first = item.cells[0].text
    return len(first) - len(strip_marker(first))


# A number marker, with a glyph before it that is dust ("« 2. …", "- 2. …", ". 3. …").
_COUNTER = (
    rf"(?:\(\s?)?(?:\d{{1,2}}|[IVX|l]|{_ROMAN}|[ivx]{{1,4}}|[a-z])"  # "2.", "(3)", "III.", "b)"
)
NUMBERED = re.compile(rf"^\s*(?:{_DUST_BEFORE_NUMBER}\s?)?{_COUNTER}\s?{_STOP}\s")
LIST_COUNTER = re.compile(rf"{_COUNTER}\)?")  # a list number alone: "I", "2", "(3)", "b)"
SPECK_THEN_NUMBER = re.compile(rf"^\s*{_DUST_BEFORE_NUMBER}\s?(?={_COUNTER}{_STOP}\s)")
