"""How a place name is compared: folded so that news spellings meet gazetteer spellings.

"Deir al-Balah", "Deir El Balah" and "Dayr al Balaḩ" all become "deir bala" (case, diacritics,
apostrophes, hyphens and the Arabic article dropped, and a final "ah" after a consonant written
"a", as "Hadithah" and "Haditha" are one name; "dayr" is a transliteration GeoNames also lists);
"Northern Darfur" and "North Darfur State" become "north darfur", and French compass words are
English ones ("Nord-Kivu" is "north kivu"); "Kharkiv Oblast" becomes "kharkiv". The words that
say what kind of place it is are dropped only from longer names: "Unity" stays "unity", "Unity
State" becomes "unity".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import polars as pl

# the Arabic article in its transliterations ("al-", "el-", and assimilated "ash-", "ad-"...)
ARTICLES = frozenset({"al", "el", "ad", "adh", "an", "ar", "as", "ash", "at", "az", "ath"})
# words that say what kind of place a name is
KIND_WORDS = frozenset(
    {
        "province",
        "provinces",
        "region",
        "state",
        "oblast",
        "governorate",
        "district",
        "department",
        "prefecture",
        "county",
        "municipality",
        "territory",
        "wilayah",
        "wilaya",
        "muhafazat",
        "of",
        "the",
    }
)
# the compass in English and in the French names of subdivisions ("Nord-Kivu" is North Kivu,
# "Sud-Ouest" South-West)
_COMPASS = {
    "northern": "north",
    "southern": "south",
    "eastern": "east",
    "western": "west",
    "nord": "north",
    "sud": "south",
    "est": "east",
    "ouest": "west",
}
_LETTERS_FROM = ["ı", "ø", "ł", "đ", "æ", "ß", "ħ"]
_LETTERS_TO = ["i", "o", "l", "d", "ae", "ss", "h"]
_LETTERS = str.maketrans(dict(zip(_LETTERS_FROM, _LETTERS_TO, strict=True)))
_MARKS = re.compile(r"[’‘'`ʻʼʿʾ]")
_SEPARATORS = re.compile(r"[\W_]+")


# a word-final "ah" after a consonant is "a": the Arabic ending written both ways ("Hadithah" and
# "Haditha", "Fallujah" and "Falluja")
_FINAL_AH = r"^(.{2,}[^aeiouy])ah$"
_FINAL_AH_RE = re.compile(_FINAL_AH)


def _spelling(word: str) -> str:
    return _FINAL_AH_RE.sub(r"\1a", _COMPASS.get(word, word))


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """One word in lower case, without diacritics or apostrophes."""
    return _spelling(_folded(word))


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS))
    return _MARKS.sub("", "".join(ch for ch in text if not unicodedata.combining(ch)))


def key_of_words(words: list[str]) -> str:
    """The key of a name given as its folded words."""
    core = [w for w in words if w not in ARTICLES and w not in KIND_WORDS]
    return " ".join(core or words)


def place_key(name: str) -> str:
    """The key a name is compared by (see the module docstring)."""
    return key_of_words([_spelling(w) for w in _SEPARATORS.sub(" ", _folded(name)).split()])


def index_key(name: str) -> str:
    """The key a gazetteer indexes a name by: its `place_key` without spaces ("Mu Se" is "Muse")."""
    return place_key(name).replace(" ", "")


def place_keys(names: pl.Expr) -> pl.Expr:
    """`place_key` of each name, computed in polars (for a gazetteer's hundreds of thousands)."""
    words = (
        names.str.to_lowercase()
        .str.replace_many(_LETTERS_FROM, _LETTERS_TO)
        .str.normalize("NFKD")
        .str.replace_all(r"\p{M}|[’‘'`ʻʼʿʾ]", "")
        .str.replace_all(r"[\W_]+", " ")
        .str.strip_chars()
        .str.split(" ")
        .list.eval(
            pl.element()
            .replace(_COMPASS)
            .str.replace(_FINAL_AH, "${1}a")
            .filter(pl.element() != "")
        )
    )
    core = words.list.eval(pl.element().filter(~pl.element().is_in(list(ARTICLES | KIND_WORDS))))
    return pl.when(core.list.len() > 0).then(core).otherwise(words).list.join(" ")
