"""Which event a sentence tells of: the article's main event, an earlier or another event, or a
tally over a period.
"""

from __future__ import annotations

from pipelines.extract.matching import STARTS_A_WORD, Guarded, fold, folded

_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)


_BACKGROUND = folded(
    rf"^(?:(?:in|on|during|since|by|back\s+in|earlier\s+in|late|early)\s+(?:(?:late|early|mid)[\s-]+)?(?:{_MONTH_NAMES}|(?:19|20)\d\d)\b|last\s+(?:year|month)\b|(?:in|during)\s+(?:the\s+)?(?:previous|past)\s+(?:year|month)"
    r"|(?:meanwhile|separately|elsewhere),?\s+in\s+[\w\s'-]{2,40}?(?=,|\s+(?:province|district|region))|(?:separately|elsewhere)\b|in\s+(?:another|a\s+separate)\s+(?:attack|incident|clash|raid|strike))",
)


# each alternative starts a word, checked after its first letter (STARTS_A_WORD) so that `re` scans
# for first letters
_PERIOD = Guarded(
    folded(
        rf"i{STARTS_A_WORD}n\s+the\s+(?:first|last|past)\s+(?:\w+\s+)?(?:months?|weeks?|years?|quarter|half)(?:\s+of\s+(?:the\s+year|\d{{4}}))?"
        rf"|s{STARTS_A_WORD}(?:o\s+far\s+(?:this|in)\s+\w+|ince\s+the\s+(?:start|beginning)\s+of|ince\s+(?:january|the\s+start|(?:19|20)\d\d\b))"
        rf"|o{STARTS_A_WORD}ver\s+the\s+past\s+year",
    ),
    any_of=("month", "week", "year", "quarter", "half", "far", "since"),
)


# "The attack comes a week after militants killed 7 people", "in a similar attack last month", "the
# 2017 attack"
_EARLIER_EVENT = Guarded(
    folded(
        rf"c{STARTS_A_WORD}(?:omes?|ame)\s+(?:just\s+|only\s+|barely\s+)?(?:a|an|one|two|three|four|five|six|several|a\s+few|\d+)\s+(?:days?|weeks?|months?)\s+after\b"
        rf"|i{STARTS_A_WORD}n\s+a\s+similar\s+(?:attack|incident|raid|assault|bombing)\b"
    ),
    any_of=("came", "come", "similar"),
)


_EARLIER_EVENT_OF_YEAR = Guarded(
    folded(r"the(?<!\wthe)\s+(?:19|20)\d\d\s+(?:attack|bombing|assault|raid|massacre|siege)\b"),
    any_of=("attack", "bombing", "assault", "raid", "massacre", "siege"),
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
