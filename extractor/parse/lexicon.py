"""German words as a dictionary knows them: the cue for an OCR slip inside a word that the
document writes nowhere else ("Weobereiter" for "Wegbereiter", "Coäching").

The list is the dictionary inside Tesseract's German model (``gazetteer/words_de.txt.gz``,
built by ``python -m tools.lexicon``), with the few words of labour-market programmes it
lacks (``gazetteer/words_programmes.txt``: "Assistierte Ausbildung"). It holds base forms
and few compounds, so a word also counts as known when an inflection ending comes off a
known stem ("Geflüchtete") or when it splits into known words, a linking "s" or "n"
allowed ("Fachkräftegewinnung", "Ausbildungscoaching"), and the words of the regions' names
and seats from the gazetteer ("Kinzigtal"). Other names of places, and of people, are unknown
to it: a caller weighs that (an unknown word is a doubt, never a correction).
"""

from __future__ import annotations

import functools
import gzip
import re
from importlib import resources

MIN_LETTERS = 6  # shorter words are too often names, acronyms or fragments ("Benufe" counts)
MIN_PART = 3  # letters of each part of a compound
MIN_STEM = 4  # letters of a stem an ending comes off: "een" + "ter" made "eenter" a word
_ENDINGS = ("nden", "ndem", "nder", "ndes", "nde", "ten", "tem", "ter", "tes", "te", "en",
            "em", "er", "es", "e", "n", "s")  # fmt: skip
_ACCENTS = str.maketrans("éèêáàâóòôíìîúùû", "eeeaaaoooiiiuuu")


@functools.cache
def _words() -> frozenset[str]:
    folder = resources.files("extractor.gazetteer")
    words = gzip.decompress(folder.joinpath("words_de.txt.gz").read_bytes()).decode("utf-8")
    programmes = folder.joinpath("words_programmes.txt").read_text(encoding="utf-8")
    extra = [line.strip() for line in programmes.splitlines() if not line.startswith("#")]
    return frozenset(words.split()) | {word for word in extra if word} | _place_words()


def _place_words() -> set[str]:
    """The words of the regions' names and seats ("Main-Kinzig-Kreis": "kinzig", so that
    "Kinzigtal" is a compound of known words)."""
    from extractor import gazetteer

    names = [n for r in gazetteer.regions() for n in (*r.surface_forms(), r.seat)]
    return {w.lower() for n in names for w in re.split(r"[\s-]+", n) if w.isalpha()}


def _inflected(word: str) -> bool:
    words = _words()
    if word in words:
        return True
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            stem = word[: -len(ending)]
            if stem in words or stem + "en" in words or stem + "n" in words or stem + "e" in words:
                return True
    return False


# Words of three letters a compound holds after its first part ("Jugendamt", "Fachtag",
# "Kreisjobcenter"). The dictionary's other short words are acronyms, English and Dutch
# ("een", "ter"): fragments of an OCR slip passed as parts ("Kreisjobeenter" read as "kreis"
# + "job" + "een" + "ter").
SHORT_PARTS = frozenset({
    "amt", "arm", "art", "aus", "bad", "bau", "box", "eis", "fit", "hof", "job", "not", "ort",
    "rad", "rat", "ruf", "see", "tag", "tal", "typ", "tür", "weg", "zug",
})  # fmt: skip


@functools.lru_cache(maxsize=4096)
def known(word: str) -> bool:
    """Whether the dictionary knows ``word`` (lower case), inflected or compounded."""
    word = word.translate(_ACCENTS)
    return _inflected(word) or _compounded(word, first=True)


def _part(word: str) -> bool:
    """Whether ``word`` may stand in a compound after its first part."""
    return len(word) > MIN_PART or word in SHORT_PARTS


@functools.lru_cache(maxsize=8192)
def _known_part(word: str) -> bool:
    if len(word) <= MIN_PART:
        return word in SHORT_PARTS
    return _inflected(word) or _compounded(word, first=False)


def _compounded(word: str, first: bool) -> bool:
    words = _words()
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        # A linking "s" or "n" after a word of its own ("Ausbildungs-"), not after a
        # fragment: "uf" + "s" made "Jugendbenufshilfe" a compound of "ben", "ufs", "hilfe".
        if head in words and (first or _part(head)):
            pass
        elif not (
            head[-1] in "sn"
            and len(head) > MIN_PART
            and head[:-1] in words
            and (first or _part(head[:-1]))
        ):
            continue
        if _known_part(tail):
            return True
    return False


def known_as_written(word: str) -> bool:
    """Whether the dictionary knows ``word`` (lower case) itself or inflected, not as a
    compound of other words ("ländlichen", but not "fächkräfte" from "fäch" + "kräfte")."""
    return _inflected(word.translate(_ACCENTS))


def is_word(word: str) -> bool:
    """Whether ``word`` (lower case) is in the dictionary as it stands."""
    return word in _words()


# What is stripped from a word's ends before it is looked up.
WORD_PUNCTUATION = ".,;:!?()[]„“\"'‚‘’"


def unknown_words(text: str) -> list[str]:
    """The words of ``text`` of ``MIN_LETTERS`` letters and more that the dictionary does
    not know, as written (a hyphenated word's parts each on its own)."""
    found = []
    for raw in text.replace("-", " ").replace("/", " ").split():
        word = raw.strip(WORD_PUNCTUATION)
        if len(word) >= MIN_LETTERS and word.isalpha() and not known(word.lower()):
            found.append(word)
    return found
