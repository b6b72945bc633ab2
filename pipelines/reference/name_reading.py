"""How a text's names are read: which runs of capitalised words may be places, and what English
says about each one around it (a preposition of place, a kind of place, a longer name, a dateline).
"""

from __future__ import annotations

import re
from itertools import chain
from typing import NamedTuple

from pipelines.extract.numbers import NUMBER_WORDS
from pipelines.reference.place_names import ARTICLES, fold_word

# a word of a name: letters, with apostrophes inside ("Ma'rib", "N'Djamena") but not a possessive's
_NAME_WORD = r"[^\W\d_]+(?:['’](?!s\b)[^\W\d_]+)*"
# a word that does not start with a lower-case ASCII letter (its capital is checked in Python)
_CAPITAL_WORD = rf"(?=[^\W\d_a-z]){_NAME_WORD}"
# what stands between two words of one name: a space, two, or a hyphen
_JOINER = r"(?:[ \t]{1,2}|-|[ \t]-[ \t])"
# the word after a name
_NEXT_WORD = re.compile(rf"{_JOINER}({_NAME_WORD})")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
ANY_WORD = re.compile(_NAME_WORD)
_PUNCTUATION = ".,;:!?()[]\"'“”‘’-–—"
# lower-case words inside names ("Deir al-Balah", "Bahr el Ghazal", "Democratic Republic of the
# Congo", "Rio de Janeiro")
_INSIDE_NAMES = ARTICLES | {"of", "the", "de", "du", "des", "del", "la", "le", "da", "do"}
# a run of capitalised words and the lower-case words inside names that join them
_RUN = re.compile(
    rf"(?<![\w'’]){_CAPITAL_WORD}(?:{_JOINER}(?:{_CAPITAL_WORD}"
    rf"|(?:{'|'.join(sorted(_INSIDE_NAMES, key=len, reverse=True))})(?![\w'’])))*"
)
# words after a name that say it is a subdivision ("Kharkiv region", "Ordu province")
ADMIN_WORDS = frozenset({"province", "region", "oblast", "governorate", "state", "prefecture"})
MAX_NAME_WORDS = 6
# words before a name that place an event there
LOCATIVES = frozenset(
    {"in", "near", "at", "outside", "around", "from", "of", "to", "towards", "toward", "into", "on",
     "across", "inside", "within", "and", "between", "over", "through"}
)  # fmt: skip
# words that may stand between a preposition and a name ("in the northern")
_MODIFIERS = frozenset(
    {"the", "a", "an", "northern", "southern", "eastern", "western", "central", "north", "south",
     "east", "west", "northeastern", "northwestern", "southeastern", "southwestern", "restive",
     "neighbouring", "neighboring", "nearby", "occupied", "besieged"}
)  # fmt: skip
# capitalised words that may stand next to a place's name without making it another name
PLACE_WORDS = ADMIN_WORDS | {
    "north", "south", "east", "west", "central", "city", "town", "village", "district", "county",
    "camp", "valley", "area", "strip", "upper", "lower", "greater", "northeast", "northwest",
    "southeast", "southwest",
}  # fmt: skip
CALENDAR_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
     "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"}
)  # fmt: skip
# words that are never a place on their own: dates, articles, numbers and quantities that open a
# sentence ("Ten soldiers...")
_NEVER_ALONE = (
    CALENDAR_WORDS
    | ARTICLES
    | frozenset(NUMBER_WORDS)
    | frozenset(
        [
            "hundreds",
            "thousands",
            "dozen",
            "dozens",
            "several",
            "many",
            "some",
            "most",
            "more",
            "all",
            "both",
            "each",
        ]
    )
)
# names that say where something is not: neighbours listed after "bordering" ("the desert
# bordering Syria and Jordan"), reference points ("200 km northwest of Baghdad", "30 miles from
# Kabul"; but "in the north of Syria" is in Syria), where those who speak of it sit ("authorities
# in Kinshasa said"), and where people fled to ("fled to safety in the towns of Mora and Maroua")
_NOT_THERE = re.compile(
    r"\bborder(?:ing|s)\b[^.;:]{0,50}$"
    r"|\bfle(?:d|e|es|eing)\s+(?:to|towards|into|across)\b"
    r"(?:(?!\b(?:after|when|following|because|before)\b)[^.;:]){0,80}$"
    r"|\b(?:authorities|officials|sources|spokes(?:man|men|woman|person)|government|ministry"
    r"|embassy|diplomats|correspondents?)\s+in\s+$"
    r"|(?<!the\s)\b(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+$"
    r"|\b(?:km|kilometres|kilometers|miles)\)?\s+(?:\([^)]{0,20}\)\s+)?"
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?\s+of|from|outside)\s+$",
    re.IGNORECASE,
)
# what joins the names of a list: "Mora, Meme and Maroua"
_LIST_JOINER = re.compile(r",?\s+(?:and|or)\s+|,\s+")
# a reference point this close ("4 km southeast of Sabha") is near the place: in its subdivision
NEAR_KM = 30
_DISTANCE_BEFORE = re.compile(
    r"(?P<distance>\d+(?:\.\d+)?)\s*(?P<unit>km|kilomet(?:re|er)s?|miles?)\b(?:\s*\([^)]{0,20}\))?"
    r"\s+(?:(?:north|south|east|west)(?:-?(?:east|west))?\s+of|from|outside)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# a name that completes a place's address after a comma: "in Ghoubio, Borno state", "in the
# village of Kishishe, North Kivu", "in Suluh near Hawzien, eastern Tigray"
_ADDRESS_BEFORE = re.compile(
    rf"\b(?:in|near|at|outside|around)\s+(?:the\s+(?:[a-z]+\s+)?(?:village|town|city|area"
    rf"|district|camp)\s+of\s+)?{_CAPITAL_WORD}(?:\s+{_CAPITAL_WORD})?(?:\s+(?:near|in)\s+"
    rf"{_CAPITAL_WORD}(?:\s+{_CAPITAL_WORD})?)?,\s+(?:the\s+)?(?:(?:north|south|east|west)"
    rf"(?:ern)?\s+)?$"
)
# what follows a dateline's place: "KABUL (Reuters) -", "Mogadishu, Somalia —", "GAO:",
# "Beirut/Jerusalem:"
_DATELINE_END = re.compile(r"(?:[,/]\s*[A-Z][\w .]{0,30})?\s*(?:\(|[-–—:])")


class Hit(NamedTuple):
    """A name of the gazetteer found in a text."""

    start: int
    end: int
    ids: tuple[int, ...]
    admin_word: bool  # followed by "province", "region"...
    locative: bool  # after "in", "near", "outside"...
    dateline: bool  # the place an article is filed from ("MOGADISHU (Reuters) -")
    elsewhere: bool = False  # a neighbour or a reference point (see _NOT_THERE): not the place


class NameReading:
    """One text, and which of the gazetteer's names in it are read as places.

    A name is not a place where English says it is something else: a word the text also writes
    in lower case ("Police", "Said"); a weekday or month; an acronym of four letters or fewer,
    unless a country's ("DRC"); part of a longer run of capitalised words, such as a person's name
    ("Juan Manuel Santos") or an organisation's, unless the other words say what kind of place it
    is ("Shan State", "Gaza City") or are words the text writes in lower case too ("In Kabul"); the
    end of a name joined by "of" ("Gulf of Aden").
    """

    def __init__(self, text: str, spans: list[tuple[int, int]] | None = None):
        self.text = text
        # runs of capitalised words and the words that join them ("Deir al-Balah", "Juan Manuel
        # Santos"): every name lies in one
        self.runs = chain.from_iterable(
            _RUN.finditer(text, start, end) for start, end in spans or [(0, len(text))]
        )
        self.opening = len(text) - len(text.lstrip())  # where the first word starts
        self.lower = set(_LOWER_WORD.findall(text))  # the words it writes in lower case
        self.last: Hit | None = None  # the name read before

    def hit(
        self, words: list[tuple[int, int, str]], ids: tuple[int, ...], levels: list[int]
    ) -> Hit | None:
        """The name spelled by `words` ((start, end, word) each), unless English says it is
        something else here."""
        (start, _, first), end, n = words[0], words[-1][1], len(words)
        if first.isupper() and n == 1 and len(first) <= 4:
            ids = tuple(j for j in ids if levels[j] == 0)
        if not ids or (n == 1 and self._word_not_name(first)):
            return None
        window = self.text[max(0, start - 60) : start]
        previous = [t.strip(_PUNCTUATION) for t in window.split()[-4:]]
        after = _NEXT_WORD.match(self.text, end)
        if self._inside_longer_name(window, previous, after):
            return None
        near, elsewhere = _reference_point(window)
        # a list goes on where its first name is not the place ("bordering Syria, Iraq and Iran")
        elsewhere = elsewhere or bool(
            self.last
            and self.last.elsewhere
            and _LIST_JOINER.fullmatch(self.text, self.last.end, start)
        )
        self.last = Hit(
            start,
            end,
            ids,
            bool(after) and after.group(1).lower() in ADMIN_WORDS,
            near
            or (
                not elsewhere
                and (
                    _word_before(previous) in LOCATIVES
                    or ("," in window[-20:] and bool(_ADDRESS_BEFORE.search(window)))
                )
            ),
            start == self.opening
            and (first.isupper() or bool(_DATELINE_END.match(self.text, end))),
            elsewhere,
        )
        return self.last

    def _word_not_name(self, word: str) -> bool:
        """A word alone that is no name: a date, a number, or a word written in lower case too."""
        return fold_word(word) in _NEVER_ALONE or (
            word[1:].islower() and word.lower() in self.lower
        )

    def _inside_longer_name(self, window: str, previous: list[str], after: re.Match | None) -> bool:
        """Whether the words around a name make it part of a longer one ("Juan Manuel Santos",
        "Gulf of Aden")."""
        # what joins the word before to the name: " " or "-" when nothing else stands between
        joined = len(window) >= 2 and window[-1] in " -" and window[-2].isalpha()
        if self._joins(previous[-1:], window[-1] if joined else ""):
            return True
        if after and self._joins([after.group(1)], after.group(0)[: -len(after.group(1))]):
            return True
        if len(previous) >= 2 and previous[-1] == "of" and self._joins(previous[-2:-1], " "):
            return True  # "Gulf of Aden": Aden
        if after and after.group(1) == "of":
            head = _NEXT_WORD.match(self.text, after.end())
            return bool(head) and head.group(1)[0].isupper()  # "Gulf of Aden": Gulf
        return False

    def _joins(self, neighbour: list[str], separator: str) -> bool:
        """Whether a capitalised neighbour word, joined by a space or a hyphen, makes a name part
        of a longer one."""
        if not neighbour or separator not in (" ", "-") or not neighbour[0][0].isupper():
            return False
        return neighbour[0].lower() not in self.lower and fold_word(neighbour[0]) not in PLACE_WORDS


# one of these occurs before every name _NOT_THERE matches
_NOT_THERE_HINTS = ("order", " in ", " of ", "from", "outside", "fle")


def _reference_point(window: str) -> tuple[bool, bool]:
    """(near, elsewhere): whether the words before a name give it as a reference point within
    NEAR_KM, or as a place where what is told is not (see _NOT_THERE)."""
    if not any(hint in window for hint in _NOT_THERE_HINTS):
        return False, False
    units = "km" in window or "kilomet" in window or "mile" in window
    if units and (found := _DISTANCE_BEFORE.search(window)):
        miles = found.group("unit").lower().startswith("mile")
        if float(found.group("distance")) * (1.609 if miles else 1.0) <= NEAR_KM:
            return True, False
    return False, bool(_NOT_THERE.search(window))


def _word_before(previous: list[str]) -> str:
    """The word before a name, past an article or a direction ("in the", "in northern")."""
    for word in reversed(previous):
        if word.lower() not in _MODIFIERS:
            return word.lower()
    return ""
