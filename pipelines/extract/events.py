"""Which event a sentence tells of: the article's main event, an earlier or another event, or a
tally over a period.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipelines.extract.document import Document, dateline_end
from pipelines.extract.matching import STARTS_A_WORD, Guarded, fold, folded

_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)


_BACKGROUND = folded(
    rf"^(?:(?:in|on|during|since|by|back\s+in|earlier\s+in|late|early)\s+(?:(?:late|early|mid)[\s-]+)?(?:{_MONTH_NAMES}|(?:19|20)\d\d)\b|(?:last|the\s+previous)\s+(?:year|month|week)\b|(?:a|one)\s+(?:day|week|month|year)\s+(?:earlier|before)\b|earlier\s+(?:this|last)\s+(?:week|month|year)\b|(?:in|during)\s+(?:the\s+)?(?:previous|past)\s+(?:year|month)"
    r"|(?:meanwhile|separately|elsewhere),?\s+in\s+[\w\s'-]{2,40}?(?=,|\s+(?:province|district|region))|(?:separately|elsewhere)\b|in\s+(?:another|a\s+separate)\s+(?:attack|incident|clash|raid|strike))",
)


_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DAY = Guarded(
    folded(
        rf"\b(?P<day>(?:{_WEEKDAYS})(?=\W)"
        rf"|\d{{1,2}}(?:-\d{{1,2}})?\s+(?:{_MONTH_NAMES})\b|(?:{_MONTH_NAMES})\s+\d{{1,2}}\b(?!,?\s*\d{{4}}\s+(?:and|to)))"
    ),
    any_of=("day", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
            "dec"),
)  # fmt: skip
# a reporting verb before a day: the day it was said
_SAID_BEFORE = folded(
    r"\b(?:said|says|told|reported|announced|confirmed|added|statement|claimed|claims|denied"
    r"|according)\b[^.]*$"
)
_WARS = r"(?:war|conflict|insurgency|uprising|invasion|occupation|offensive|fighting|crisis)"
# A tally over a period: "in the first six months", "so far this year", "since the war began", "to
# date", "since a truce collapsed in July 2015", "over the past decade", "from July 2016 to January
# 2017", "have been killed in the conflict" (a perfect: the war's toll).
# Each alternative starts a word, checked after its first letter (STARTS_A_WORD) so that `re` scans
# for first letters.
_PERIOD = Guarded(
    folded(
        rf"i{STARTS_A_WORD}n\s+the\s+(?:first|last|past)\s+(?:\w+\s+)?(?:months?|weeks?|years?|quarter|half)(?:\s+of\s+(?:the\s+year|\d{{4}}))?"
        rf"|(?:h{STARTS_A_WORD}ave|h{STARTS_A_WORD}as)\s+(?:been\s+)?(?:killed|died|wounded|injured)\s+in\s+the\s+(?:[\w-]+\s+){{0,2}}(?:war|conflict|insurgency|uprising)\b"
        rf"|s{STARTS_A_WORD}o\s+far\b"
        rf"|t{STARTS_A_WORD}o\s+date\b"
        rf"|s{STARTS_A_WORD}ince\s+(?:the\s+)?(?:start|beginning|outbreak|onset)\b"
        rf"|s{STARTS_A_WORD}ince\s+(?:the\s+)?(?:[\w-]+\s+)?{_WARS}\s+(?:began|started|erupted|broke\s+out)\b"
        rf"|s{STARTS_A_WORD}ince\s+(?:[\w-]+\s+){{0,5}}?(?:{_MONTH_NAMES}|(?:19|20)\d\d\b)"
        rf"|o{STARTS_A_WORD}ver\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|months?|decades?)\b"
        rf"|f{STARTS_A_WORD}rom\s+(?:(?:early|late|mid)[\s-]+)?(?:{_MONTH_NAMES}|(?:19|20)\d\d)\b(?:,?\s+(?:19|20)\d\d)?\s+(?:to|until|through|till)\s",
    ),
    any_of=("month", "week", "year", "quarter", "half", "far", "since", "date", "war", "conflict",
            "insurgency", "uprising", "decade", "from"),
)  # fmt: skip


# "The attack comes a week after militants killed 7 people", "This came after another clash in
# Yei", "in a similar attack last month", "in similar attacks", "the 2017 attack"
_EARLIER_EVENT = Guarded(
    folded(
        rf"c{STARTS_A_WORD}(?:omes?|ame)\s+(?:just\s+|only\s+|barely\s+|less\s+than\s+|more\s+than\s+|nearly\s+|almost\s+)?(?:a|an|one|two|three|four|five|six|several|a\s+few|\d+)\s+(?:days?|weeks?|months?)\s+after\b"
        rf"|c{STARTS_A_WORD}(?:omes?|ame)\s+(?:just\s+|only\s+)?after\s+(?:an?|another|the)\s+(?:[\w-]+\s+){{0,3}}?(?:attacks?|clash(?:es)?|raids?|assaults?|bombings?|ambush(?:es)?|strikes?|offensive|massacre)\b"
        rf"|i{STARTS_A_WORD}n\s+(?:a\s+)?similar\s+(?:attack|incident|raid|assault|bombing)s?\b"
    ),
    any_of=("came", "come", "similar"),
)


_EARLIER_EVENT_OF_YEAR = Guarded(
    folded(r"the(?<!\wthe)\s+(?:19|20)\d\d\s+(?:attack|bombing|assault|raid|massacre|siege)\b"),
    any_of=("attack", "bombing", "assault", "raid", "massacre", "siege"),
)


# a sentence about "the attack" ("The attack, which ..., targeted a convoy on Sunday") tells of the
# event the text told of last, whatever days it gives
_SAME_EVENT = folded(
    r"(?:the|this|that)\s+(?:attack|assault|raid|ambush|bombing|blast|explosion|clash|incident"
    r"|massacre)\b"
)


def background_key(sentence: str) -> str | None:
    """'background:in april' for a sentence about an earlier or another event; 'period:...' for a
    tally over a period.
    """
    sentence = fold(sentence)
    if not (found := _BACKGROUND.match(sentence)):
        earlier = [
            m
            for m in (_EARLIER_EVENT.search(sentence), _EARLIER_EVENT_OF_YEAR.search(sentence))
            if m
        ]
        found = min(earlier, key=lambda m: m.start(), default=None)
    if found:
        return "background:" + " ".join(found.group(0).split())
    if found := _PERIOD.search(sentence):
        return "period:" + " ".join(found.group(0).split())
    return None


@dataclass(frozen=True)
class Located:
    """Where a sentence places what it tells of."""

    area: str  # country and first-level subdivision: "TR:Van" ("TR:" for a country alone)
    spot: str  # with the town or district, where named: "TR:Van:Caldiran"
    fronted: bool  # the sentence opens with it: "In the town of Hit, ..."


class EventSegmenter:
    """Which event each sentence of an article tells of, read in order.

    A sentence that says when or where another event happened opens it: `background_key` ("In
    April, ...", "In another attack, ..."), or a place (`Located`) in another subdivision or
    country than the main event's, or a town the sentence opens with ("In the town of Hit, ...")
    other than the main event's. A place inside the main event's country or subdivision, named
    after them, tells the main event more precisely. A tally over a period ("since the war began")
    is its own and opens nothing. A day other than the days the current event was given ("on
    Sunday") opens another event, unless the sentence is about "the attack" the text told of. Any
    other sentence tells of the event the sentence before it told of. The main event's place is
    the first place the article names.
    """

    def __init__(self, locate: Callable[[int, int], Located | None] | None = None):
        self.locate = locate  # (start, end) of a sentence -> the place it names

    def keys(self, document: Document) -> dict[int, str]:
        """Sentence start -> event key ('main', 'background:...', 'place:...', 'period:...')."""
        keys: dict[int, str] = {}
        main: Located | None = None
        current = "main"
        days: dict[str, set[str]] = {}  # event key -> the days the text gives it
        for number, (s_start, s_end) in enumerate(document.sentences()):
            # only the first sentence can open with a dateline
            opening = dateline_end(document.text[s_start:s_end]) if number == 0 else 0
            key = background_key(sentence := document.folded[s_start + opening : s_end])
            if key is None and self.locate and (where := self.locate(s_start, s_end)):
                if main is None or _within(where.area, main.area):
                    main = where
                key = _place_key(where, main)
            found = event_days(sentence)
            if key is None and found and not _SAME_EVENT.match(sentence):
                key = _day_key(found, current, days)
            elif found and key is not None and not key.startswith("period:"):
                days.setdefault(key, set()).update(found)  # the day of an event a place opened
            if key is not None and not key.startswith("period:"):
                current = key
            keys[s_start] = key or current
        return keys


def _day_key(found: set[str], current: str, days: dict[str, set[str]]) -> str:
    """The event a sentence that gives days tells of: the current one, unless that was given other
    days; then the event of those days (the main one's, or a new one)."""
    held = days.setdefault(current, set())
    if not held or held & found:
        held |= found
        return current
    known = next((key for key, other in days.items() if other & found), None)
    if known is None:
        known = f"day:{min(found)}"
        days[known] = set(found)
    return known


def event_days(folded_sentence: str) -> set[str]:
    """The days a sentence says something happened on ("on Saturday", "on 29 April"), not the days
    something was said on ("officials said on Sunday")."""
    if not _DAY.possible(folded_sentence):
        return set()
    return {
        " ".join(m.group("day").split())
        for m in _DAY.pattern.finditer(folded_sentence)
        if not _SAID_BEFORE.search(folded_sentence, max(0, m.start() - 25), m.start())
    }


def _place_key(where: Located, main: Located) -> str:
    if where.area != main.area:
        return f"place:{where.area}"
    if where.fronted and not where.spot.endswith(":") and where.spot != main.spot:
        return f"place:{where.spot}"
    return "main"


def _within(place: str, wider: str) -> bool:
    """Whether area `place` lies in the wider area `wider` ("TR:" holds "TR:Van")."""
    return wider.endswith(":") and place != wider and place.startswith(wider)
