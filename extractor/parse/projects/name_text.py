"""A project's name mended from the text OCR read: specks inside and around it, words
broken at a hyphen, braces and brackets, a language level's "1" read as "I", a capital O
after a digit, a capital split from its word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.parse import lexicon
from extractor.parse.projects.markers import strip_marker

# What OCR leaves after a name: a stray letter, a stroke, a colon or a full stop; and the
# Roman numerals of the social code books read with an l ("SGB Il").
_TRAILING_NOISE = re.compile(r"(?:\s+[a-z|°^~*·•]|\s+[-–—_]+|[\s.:;|]+|(?<=[a-zäöüß])-)$")
# A language level in a course's name ("Deutsch B1") with its 1 read as a letter ("BI",
# "Bi"), or a stroke glued after its digit ("B1l/B2", "B1]": generated scans).
_LANGUAGE_LEVEL = re.compile(r"\b([ABC])(?:[Il|i]\]?|([12])[Il|\]])(?![\w-])")


def _level(match: re.Match[str]) -> str:
    return match.group(1) + (match.group(2) or "1")


_LANGUAGE_WORDS = re.compile(r"deutsch|sprach|niveau", re.IGNORECASE)
# A capital O right after a digit ("Job-Navi 5Oplus", "4.O", "2O24"): the digit 0.
_O_AFTER_DIGIT = re.compile(r"(?<=\d)O(?=\d|[a-zäöüß]|\b)|(?<=\d[.,])O\b")
# A space OCR put after a name's first capital ("F rauen in Arbeit"): no name starts with a
# lone capital before a lower-case word.
_SPLIT_INITIAL = re.compile(r"^([A-ZÄÖÜ]) (?=[a-zäöüß]{2,})")
# "im J obcenter-Umfeld": a capital set apart from the rest of its word.
_SPLIT_WORD = re.compile(r"(?<![\w-])([A-ZÄÖÜ]) ([a-zäöüß]{3,})")


# "Teil zeitausbildung": a space OCR put inside a compound, before a lower-case part.
_SPLIT_COMPOUND = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]{2,}) ([a-zäöüß]{6,})(?![\w-])")


def _compound_joined(match: re.Match[str]) -> str:
    """The two words as one where the lower-case one is no word as written, only a part of a
    compound ("zeitausbildung"), and the whole is a word ("Jugend stärken" stays)."""
    head, tail = match[1], match[2]
    if not lexicon.known_as_written(tail) and lexicon.known((head + tail).lower()):
        return head + tail
    return match.group()


def _joined_if_a_word(match: re.Match[str]) -> str:
    """The capital and the letters after it as one word where that is a word a dictionary
    knows and the letters alone are none ("Plan B und C" stays)."""
    joined, rest = match[1] + match[2], match[2]
    if lexicon.known(joined.lower()) and not lexicon.known(rest):
        return joined
    return match.group()


_QUOTES = "“”„\"‚‘’'"


def _without_unpaired_quote(name: str) -> str:
    """Without a quote glyph before or after the name that no other quote answers: a speck
    ("“Ausbildungscoaching Main-Kinzig", "Grüne Berufe im Ried‘"); „Sprungbrett“ keeps its
    quotes."""
    if name[:1] in _QUOTES and not any(c in _QUOTES for c in name[1:]):
        return name[1:].lstrip()
    if name[-1:] in _QUOTES and not any(c in _QUOTES for c in name[:-1]):
        return name[:-1].rstrip()
    return name


_SGB_NUMERAL = re.compile(r"\b(SGB\s+)([IVXlI|]{1,4})\b")


# A speck read as a full stop inside a name: glued between two words ("Einstieg.Pflegehilfe")
# or after a long word before another ("Senioreneinrichtungen. mit", "Teilzeitberufsausbildung.
# TZA"). A name holds no sentence end; an abbreviation's full stop is followed by a space,
# and its word is short ("versch. Jahren", "bzw. mit").
# A colon after a function word, or before a preposition, is a speck ("Frauen in: Arbeit",
# "Ausbildungsbegleitung: im ländlichen Raum"); after a noun and before a capital or an
# article it is the name's own ("Frauen und Beruf: Digitalisierung", "Sprache: die Brücke").
_PREPOSITION = r"(?:in|im|an|am|auf|bei|für|zur|zum|mit|von|und)"
_COLON_AFTER_FUNCTION_WORD = re.compile(
    rf"\b({_PREPOSITION}|der|die|das|des|dem|den):(?=\s)"
    rf"|(?<=[a-zäöüß])()(?::(?=\s{_PREPOSITION}\s))"
)
_LONE_SPECK_AT_END = re.compile(r"\s+[_|¦~`´·'‚.,]+$")
# "Werkstatt Holz und - Metall": a speck read as a dash after a word no dash follows.
_DASH_AFTER_FUNCTION_WORD = re.compile(
    rf"\b({_PREPOSITION}|oder|sowie|der|die|das|des|dem|den)\s[-–—]\s"
)
# "versch.-Jahren": a speck read as a hyphen after a lower-case abbreviation ("St.-Josef"
# is written so; "versch." and "bzw." are followed by a space).
_DASH_AFTER_ABBREVIATION = re.compile(r"(?<![\w.-])([a-zäöüß]+\.)-(?=[A-ZÄÖÜ][a-zäöüß]{2})")
# "[Perspektive Beruf": a table's rule left of its cell read as a bracket no bracket closes.
# "d) ) Dreisprung …" (a generated scan): the marker's bracket read twice; no name starts by
# closing a bracket.
_CLOSER_AT_START = re.compile(r"^[)\]}]+\s*(?=\S)")
_RULE_BEFORE_NAME = re.compile(r"^[\[{](?=[A-ZÄÖÜa-zäöüß0-9])(?!.*[\]}])")
# "Erziehungshelfer:-innen": the slash of "/-innen" read as a colon (the gender colon,
# "Helfer:innen", never has a hyphen after it).
_COLON_FOR_SLASH = re.compile(r"(?<=\w):(?=-(?:innen|in|e|n|r)\b)")
# "Lager-und Logistik": German sets a space after a hyphen that stands for a word's end.
DASH_GLUED_TO_CONJUNCTION = re.compile(r"[a-zäöüß]-(?:und|oder|sowie|bzw)\b")
_INNER_SPECK = re.compile(
    r"(?<=[a-zäöüß]{4})\.(?=[A-ZÄÖÜ][a-zäöüß])|(?<=[a-zäöüß]{8})\.(?=\s?[a-zäöüßA-ZÄÖÜ]{2})"
    r"|(?<=[a-zäöüß]{4}):(?=[a-zäöüßA-ZÄÖÜ]{2})"  # "Schulung:der": a colon has a space after it
    r"|(?<=\s)[.,·'‚`´](?=[A-ZÄÖÜ][a-zäöüß]{2})"  # "für .Zugewanderte": a speck before a word
    r"|(?<=\s)[.,·'‚`´](?=\s)"  # "mit . Fluchterfahrung": a speck between two words
    r"|(?<=\s)[.,·'‚`´](?=[&+/]\s)"  # "Arbeit .& Bildung": … or glued to a sign between them
    # "Schulung der. Fachkräfte": no article, preposition or conjunction is abbreviated
    r"|(?:(?<=\b(?:im|in|am|an))|(?<=\b(?:der|die|das|des|dem|den|und|für|mit|von|zur|zum|auf"
    r"|bei))|(?<=\boder))[.,](?=\s[a-zäöüßA-ZÄÖÜ])"
    r"|(?<=[a-zäöüß]{2})[’'‚`´](?=[A-ZÄÖÜ](?:[a-zäöüß]|\b))"  # "Plan’B": a speck for a space
)


_OPENER = {")": "(", "]": "[", "}": "{"}


def _brackets_mended(name: str) -> tuple[str, bool]:
    """The name with braces read as the brackets they stand for (no name writes a brace:
    "Deutsch für den Beruf {B1/B2"), and a bracket opened near its end and never closed
    closed there (True: the closing one was added)."""
    name = name.replace("{", "(")
    if "(" in name:
        name = re.sub(r"\((?P<inside>[^()]*)\}", r"(\g<inside>)", name)
    opened = name.rfind("(")
    if opened > 0 and ")" not in name[opened:] and len(name) - opened <= MAX_UNCLOSED:
        return name.rstrip() + ")", True
    return name, False


MAX_UNCLOSED = 12  # characters from an unclosed bracket to the name's end: "(B1/B2", "(JUMA"


def _unmatched_closer(name: str) -> bool:
    """ "Jobwerkstatt Mädchen (JUMA)}": a bracket closed that no bracket opened."""
    closer = name[-1:]
    return closer in _OPENER and name.count(closer) > name.count(_OPENER[closer])


def _without_trailing_noise(name: str) -> str:
    while True:
        stripped = name[:-1] if _unmatched_closer(name) else _TRAILING_NOISE.sub("", name)
        if stripped == name or not stripped.split():
            break
        name = stripped
    return _SGB_NUMERAL.sub(lambda m: m.group(1) + re.sub(r"[l|]", "I", m.group(2)), name)


# "BAE- Berufsausbildung", "JuBiS-- Jugend": an acronym and what it stands for on one line,
# the space before their dash lost (a hyphen has no space after it but before "und").
_ACRONYM_DASH = re.compile(
    r"(?<![A-Za-zÄÖÜäöüß])([A-ZÄÖÜ][a-zäöü]*[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*)([-–—]{1,2})(?=\s[A-ZÄÖÜ])"
)


def _join_hyphen(match: re.Match[str]) -> str:
    """'außerbetrieb- lichen' → 'außerbetrieblichen', but keep 'Ausbildungs- und'."""
    left, right = match.group(1), match.group(2)
    return f"{left}- {right}" if right.isupper() or right in "uo" else f"{left}{right}"


@dataclass(frozen=True, slots=True)
class MendedName:
    text: str  # the name as taken
    as_read: str  # before letters were taken for digits and split words joined
    closed: bool  # a bracket opened and never closed was closed at the name's end


def mended_name(line_texts: list[str]) -> MendedName | None:
    """A project's name from the texts of its lines (the first with its marker): the marker,
    specks, broken hyphens and stray signs gone, a brace read as a bracket, a language
    level's "I" read as "1"; None when nothing is left."""
    # Within a line only: "MINT-" at a line's end and "Berufe" below it is "MINT-Berufe".
    texts = [_ACRONYM_DASH.sub(lambda m: f"{m[1]} {m[2][0]}", text) for text in line_texts]
    # A speck standing alone at the end of a line the name goes on after ("… Kommunalen _").
    texts = [_LONE_SPECK_AT_END.sub("", text) for text in texts[:-1]] + texts[-1:]
    name = strip_marker(" ".join(texts))
    name = re.sub(r"\s+", " ", name).strip(" ;,")
    name = re.sub(r"(\w)- (\w)", _join_hyphen, name)
    name = _without_trailing_noise(_INNER_SPECK.sub(" ", name))
    name = _COLON_AFTER_FUNCTION_WORD.sub(r"\1", name)
    name = _DASH_AFTER_FUNCTION_WORD.sub(r"\1 ", name)
    name = _DASH_AFTER_ABBREVIATION.sub(r"\1 ", name)
    name = _RULE_BEFORE_NAME.sub("", name)
    name = _CLOSER_AT_START.sub("", name)
    name = _COLON_FOR_SLASH.sub("/", name)
    name = re.sub(r"\s+", " ", name)
    if not name:
        return None
    name = _without_unpaired_quote(name)
    name, closed = _brackets_mended(name)
    as_read = name
    if _LANGUAGE_WORDS.search(name):
        name = _LANGUAGE_LEVEL.sub(_level, name)
    name = _O_AFTER_DIGIT.sub("0", name)
    split_initial = _SPLIT_INITIAL.match(name)
    if split_initial:
        name = split_initial.group(1) + name[split_initial.end(1) + 1 :]
    name = _SPLIT_WORD.sub(_joined_if_a_word, name)
    name = _SPLIT_COMPOUND.sub(_compound_joined, name)
    return MendedName(name, as_read, closed)
