"""Extract casualty and force-size claims from article text, each attributed to its claimant.

The rules follow how a conflict-data coder reads a report: find every count of people,
decide what happened to them (kind) and whose people they are (subject side) from the
words around the number, then find who says so (the speaker of the quote or clause that
holds the number, pronouns resolved to the last named speaker). Pure functions only.
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from dataclasses import dataclass

from pipelines.extract.actors import Actors
from pipelines.extract.attribution import (
    Attribution,
    Quotes,
    Speakers,
    attributions_in,
    pick_attribution,
    quote_speakers,
    resolve_speaker,
)
from pipelines.extract.document import Document, dateline_end
from pipelines.extract.events import background_key
from pipelines.extract.matching import folded, search_at_hints, word_starts
from pipelines.extract.numbers import Quantity, find_quantities

_WORD = re.compile(r"[\w’'.-]+")
_SPACES = re.compile(r"\s+")
EXTRACTOR_VERSION = "claims-0.3.0"

_PASSIVE = folded(
    r"\b(?:(?:is|are|was|were|been)\s+(?:also\s+)?(?:reported(?:ly)?|said|believed|thought|feared|understood|estimated)\b|reportedly|according\s+to\s+reports)",
)


_KIND_BEFORE = [  # on folded text; each alternative starts at a word boundary
    (
        "killed_or_wounded",
        r"(?:killed|killing|kill|kills|left)\s+(?:or|and)\s+(?:wounded|injured|wounding|injuring)",
    ),
    ("bodies", r"(?:bodies|corpses|remains)\s+of"),
    (
        "killed",
        r"(?:killed|killing|kill|kills|slew|slaying|executed|executing|massacred|lost|losing|beheaded|shot\s+dead)(?:\s+(?:himself|herself|themselves)\s+and)?",
    ),
    (
        "killed",
        r"(?:death\s+)?toll(?:\s+(?:from|in|of)\s+[^,.;:]{1,90}?)?\s+(?:(?:has|had|have)\s+)?"
        r"(?:at|of|to|(?:rose|risen|climbed|jumped|increased|grew|grown)\s+to|stood\s+at|stands\s+at|reached|was|is)",
    ),
    (
        "killed",
        r"number\s+of\s+(?:dead|deaths|fatalities|people\s+killed)\s+(?:(?:has|had)\s+)?(?:rose|risen|climbed|jumped|increased|reached|grew|grown|stood|stands|was|is)(?:\s+(?:to|at))?",
    ),
    (
        "wounded",
        r"number\s+of\s+(?:wounded|injured)\s+(?:(?:has|had)\s+)?(?:rose|risen|climbed|jumped|increased|reached|grew|grown|stood|stands|was|is)(?:\s+(?:to|at))?",
    ),
    ("wounded", r"(?:wounded|wounding|wounds|injured|injuring|injures|injure)"),
    (
        "captured",
        r"(?:captured|capturing|capture|abducted|abducting|kidnapped|kidnapping|arrested|arresting|detained|detaining|seized|took|taken)(?:\s+(?:captive|prisoner|hostage))?",
    ),
    ("attackers", r"(?:group|force|band|unit|wave)\s+of"),
]
# one regex: the verb right before the number (the alternatives all end at the number, so one at
# most fits)
_KIND_BEFORE_RE = folded(
    r"\b(?:"
    + "|".join(f"(?P<b{i}>{pattern})" for i, (_, pattern) in enumerate(_KIND_BEFORE))
    + r")\s+(?:(?:the|another|a\s+further|an\s+additional|some)\s+)?$"
)
# the first words of _KIND_BEFORE's alternatives: its matches start only where one does
_KIND_BEFORE_STARTS = word_starts(
    [
        "kill",
        "left",
        "bodies",
        "corpses",
        "remains",
        "slew",
        "slay",
        "execut",
        "massacr",
        "lost",
        "losing",
        "behead",
        "shot",
        "death",
        "toll",
        "number",
        "wound",
        "injur",
        "captur",
        "abduct",
        "kidnap",
        "arrest",
        "detain",
        "seiz",
        "took",
        "taken",
        "group",
        "force",
        "band",
        "unit",
        "wave",
    ]
)

_FILLER = r"(?:\s*,?\s*(?:were|was|are|is|have|has|had|been|being|be|also|reportedly|reported|believed|said|feared|to|all|later|who|that|were\s+later|in\s+all|managed|tried)\b){0,5}\s*"
_KIND_AFTER = [
    ("killed_or_wounded", r"(?:killed|dead)\s+or\s+(?:wounded|injured)|casualties"),
    (
        "killed",
        r"killed|died|dead|die|perished|martyred|lost\s+their\s+lives|slain|executed|shot\s+dead|beheaded|among\s+the\s+(?:dead|killed|fatalities)",
    ),
    ("wounded", r"wounded|injured|hurt|among\s+the\s+(?:wounded|injured)"),
    (
        "captured",
        r"captured|abducted|kidnapped|taken\s+(?:captive|prisoner|hostage)|arrested|detained|held\s+(?:captive|hostage)|hostages?|captives?",
    ),
    ("missing", r"missing|unaccounted"),
    ("escaped", r"escaped|escape|managed\s+to\s+flee"),
    ("garrison", r"manning|stationed|guarding|defending|posted|based"),
    (
        "attackers",
        r"attacking|attacked|attack|stormed|storming|assaulted|raided|overran|overrunning|launched|besieged|besieging|surrounded|encircled|ambushed",
    ),
]
_KIND_AFTER_RE = folded(
    rf"^{_FILLER}(?:"
    + "|".join(f"(?P<a{i}>{pattern})" for i, (_, pattern) in enumerate(_KIND_AFTER))
    + r")\b"
)
_ASIDE = folded(
    r"^\s*(?:,\s*(?:including|among\s+them|most\s+of\s+them|many\s+of\s+them|mostly)\b[^,]{0,60},|\([^)]{0,60}\))"
    # "7 people including four soldiers died"
    r"|^\s+(?:including|among\s+them)\s+(?:[\w-]+\s+){1,4}?(?=(?:were|was|are|have|had|died|perished|killed)\b)",
)
# "stationed at the base" is a garrison; "stationed in Afghanistan" is a troop level, not a claim
_STATIONED_AT_A_POST = folded(
    rf"^{_FILLER}stationed\s+(?:at|in|inside)\s+(?:the|a|an|that|this)\s+"
)
_GARRISON_BEFORE = folded(r"\b(?:of|out\s+of)\s+$")

_NOUNLESS = folded(
    r"^\s*(?:[,.;:)]|$|(?:were|was|are|is|have|has|had|in|on|at|and|or|during|from|to|with|more|of\s+them|who|after|as|but)\b)",
)
_CONFIRMATION_DENIED = folded(
    r"no\s+independent\s+(?:confirmation|verification)|(?:could|can)\s*(?:not|n't)\s+(?:be\s+)?(?:immediately\s+|independently\s+)*(?:be\s+)?(?:confirmed|verified|reconciled|confirm|verify)"
    r"|not\s+(?:be\s+)?independently\s+(?:confirmed|verified)|impossible\s+to\s+(?:confirm|verify)|unverified|unconfirmed",
)


@dataclass
class Claim:
    kind: str
    subject_side: str
    value: int
    value_low: int | None
    value_high: int | None
    qualifier: str
    claimant: str | None
    claimant_side: str
    evidence: str
    span_start: int
    span_end: int
    incident_key: str
    confirmed: bool | None = None
    extractor_version: str = EXTRACTOR_VERSION
    mentions: int = 1


# the furthest a reporting verb can stand from where _LEADING, or _TRAILING and _CLAUSE_LEADING at a
# comma,


_STOP_WORD = folded(
    r"(?:were|was|are|is|have|has|had|in|on|at|and|or|during|from|to|with|who|after|as|the|a|an|of|by|for|while|when|near|since)",
)
# words of what happened right after a number ("five killed"), or as adjectives before the counted
# noun ("seven wounded soldiers")
_KIND_ADJECTIVE = {
    "dead": "killed",
    "killed": "killed",
    "wounded": "wounded",
    "injured": "wounded",
    "hurt": "wounded",
    "captured": "captured",
    "abducted": "captured",
    "kidnapped": "captured",
    "arrested": "captured",
    "detained": "captured",
    "missing": "missing",
}
_KIND_WORD = folded(rf"\s+(?P<word>{'|'.join(_KIND_ADJECTIVE)})\b")
_PARTITIVE = folded(r"\s+of\s+(?:the|their|its|his|her|our|those)\s+")
_GROUP_OF = folded(r"\s+of\s+(?:the\s+|one\s+|a\s+|an\s+|his\s+|her\s+|their\s+|its\s+|same\s+)*")
# nouns that count people by what happened to them: "10 bodies", "50 casualties", "20 hostages"
_KIND_NOUN = {
    "bodies": "bodies",
    "corpses": "bodies",
    "casualties": "killed_or_wounded",
    "deaths": "killed",
    "fatalities": "killed",
    "hostages": "captured",
    "captives": "captured",
    "prisoners": "captured",
}
_THING_NOUN = folded(rf"\s+(?:[\w-]+\s+)?(?P<noun>{'|'.join(_KIND_NOUN)})\b")


@dataclass(frozen=True)
class NounPhrase:
    """What follows a number: whose people it counts (None: no noun), where the phrase ends, a kind
    the noun implies.
    """

    side: str | None
    end: int
    people: bool
    kind: str | None = None


def _noun_phrase(text: str, pos: int, actors: Actors) -> NounPhrase:
    """The counted noun after a number in folded text: people ("afghan soldiers", "us service
    members"), nothing, or a thing.
    """
    window = text[pos : pos + 90]
    if adjective := _KIND_WORD.match(window):
        noun = _noun_phrase(text, pos + adjective.end(), actors)
        if noun.side is not None:
            return NounPhrase(noun.side, noun.end, True, _KIND_ADJECTIVE[adjective.group("word")])
        return NounPhrase(None, pos, True)
    if _NOUNLESS.match(window):
        return NounPhrase(None, pos, True)
    if (partitive := _PARTITIVE.match(window)) and (
        owner := actors.subject_re.match(window, partitive.end())
    ):
        return NounPhrase(
            actors.subject_side(owner.group(0)), pos + owner.end(), True
        )  # "20 of the attackers"
    if m := _THING_NOUN.match(window):
        return NounPhrase(None, pos + m.end(), True, _KIND_NOUN[m.group("noun")])
    words = list(itertools.islice(_WORD.finditer(window), 5))
    for i, w in enumerate(words):
        if i and _STOP_WORD.fullmatch(w.group(0)):
            break
        if actors.subject_side(w.group(0)) is None and not actors.subject_re.match(
            window, w.start()
        ):
            continue
        # extend over contiguous people names: "US service members", "Taliban fighters", "security
        # forces"
        end = w.start()
        while (m := actors.subject_re.match(window, end)) is not None:
            end = m.end()
            nxt = _SPACES.match(window[end:])
            if nxt is None or not actors.subject_re.match(window, end + nxt.end()):
                break
            end += nxt.end()
        side = actors.subject_side(window[:end])
        if side == "any" and (group := _GROUP_OF.match(window, end)):
            # "members of the security forces", "nine members of one family"
            owner = actors.subject_re.match(window, group.end())
            if owner is not None or window[group.end() :].startswith(("family", "families")):
                owner_end = (
                    owner.end() if owner else group.end() + window[group.end() :].index("famil") + 6
                )
                owner_side = actors.subject_side(window[group.end() : owner_end]) or "civilian"
                return NounPhrase(owner_side, pos + owner_end, True)
        return NounPhrase(side, pos + end, True)
    return NounPhrase(None, pos, False)


def _matched(m: re.Match[str], kinds: list[tuple[str, str]]) -> str:
    return (
        kinds[int(m.lastgroup[1:])][0]
        if m.lastgroup
        else next(
            kinds[int(name[1:])][0] for name, value in m.groupdict().items() if value is not None
        )
    )


def _kind(text: str, quantity: Quantity, q_start: int, noun_end: int) -> str | None:
    """What happened to the people counted at q_start, from the words before the number or after its
    noun (folded text).
    """
    before = text[max(0, q_start - 60) : q_start]
    if m := search_at_hints(_KIND_BEFORE_RE, _KIND_BEFORE_STARTS, before):
        return _matched(m, _KIND_BEFORE)
    if "toll" in text[max(0, q_start - 160) : q_start] and (
        m := search_at_hints(
            _KIND_BEFORE_RE, _KIND_BEFORE_STARTS, text, max(0, q_start - 160), q_start
        )
    ):
        return _matched(
            m, _KIND_BEFORE
        )  # "the death toll from <a long description of the attack> has risen to 30"
    # skip an aside between the noun and its verb: "four civilians, including two children, were
    # killed"
    after = _ASIDE.sub("", text[noun_end : noun_end + 120], count=1)
    if m := _KIND_AFTER_RE.match(after):
        kind = _matched(m, _KIND_AFTER)
        if (
            kind != "garrison"
            or _GARRISON_BEFORE.search(before)
            or _STATIONED_AT_A_POST.match(after)
        ):
            return kind
    return None


def _merge_duplicates(claims: list[Claim]) -> list[Claim]:
    """One row per claim: the same number of the same kind restated (reported, then quoted) is one
    claim.
    """
    merged: list[Claim] = []
    alike: dict[
        tuple, list[Claim]
    ] = {}  # merged claims by what they count: a twin is looked for among these only
    for claim in claims:
        same_count = alike.setdefault(
            (claim.kind, claim.subject_side, claim.value, claim.incident_key), []
        )
        twin = next(
            (
                c
                for c in same_count
                if c.claimant_side == claim.claimant_side
                or "unattributed" in (c.claimant_side, claim.claimant_side)
                or "media" in (c.claimant_side, claim.claimant_side)
            ),
            None,
        )
        if twin is None:
            merged.append(claim)
            same_count.append(claim)
            continue
        twin.mentions += 1
        if twin.claimant_side in ("unattributed", "media") and claim.claimant_side not in (
            "unattributed",
            "media",
        ):
            twin.claimant, twin.claimant_side = claim.claimant, claim.claimant_side
    return merged


_OTHERS = folded(r"\s+(?:other|others|more)\b")


_FIRST_PERSON = folded(r"\b(?:our|ours)\b")
_SUBSET_BEFORE = folded(r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them)\s+$")
_AND_ANOTHER_BEFORE = folded(
    r"\b(?:and|with|while)\s+(?:another|a\s+further|an\s+additional|other)\s+$"
)
_CONJUNCTION_GAP = folded(r"^\s*,?\s*(?:and|or|as\s+well\s+as|plus)\s+$")
_RESTATED_FIGURE_BEFORE = folded(
    r"\b(?:claimed|claims|put\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?:figure|number|toll|death\s+toll|casualties)\s+at|gave\s+(?:a|the)\s+(?:figure|toll|number)\s+(?:of|as))\s+$",
)


@dataclass
class _Candidate:
    quantity: Quantity
    start: int  # absolute offset of the quantity
    noun: NounPhrase
    kind: str | None


def _sentence_candidates(
    text: str, s_start: int, sentence: str, actors: Actors, previous: Claim | None
) -> list[_Candidate]:
    """Counts of people in a sentence of folded text with their kind, filling in what coordination
    and ellipsis leave out.
    """
    candidates = []
    for quantity in find_quantities(sentence):
        q_start = s_start + quantity.start
        before = text[max(0, q_start - 40) : q_start]
        if _SUBSET_BEFORE.search(before) or (candidates and q_start < candidates[-1].noun.end):
            # a part ("including two children") or a number inside the last noun phrase ("of one
            # family")
            continue
        noun = _noun_phrase(text, s_start + quantity.end, actors)
        if noun.people:
            candidates.append(
                _Candidate(
                    quantity, q_start, noun, noun.kind or _kind(text, quantity, q_start, noun.end)
                )
            )
    for i, c in enumerate(candidates):
        if c.kind is not None:
            continue
        before = text[max(0, c.start - 40) : c.start]
        nxt = candidates[i + 1] if i + 1 < len(candidates) else None
        prev = candidates[i - 1] if i else None
        if nxt is not None and nxt.kind and _CONJUNCTION_GAP.match(text[c.noun.end : nxt.start]):
            c.kind = nxt.kind  # "seven policemen and three civilians were killed"
        elif prev is not None and prev.kind and _AND_ANOTHER_BEFORE.search(before):
            c.kind = prev.kind  # "twelve were killed on Monday and another five on Tuesday"
        elif c.noun.side is None and _RESTATED_FIGURE_BEFORE.search(before):
            # "the army said five soldiers died. The Taliban claimed 20." / "..., but the Taliban
            # put the number at 20"
            if prev is not None and prev.kind:
                c.kind, c.noun = prev.kind, NounPhrase(prev.noun.side, c.noun.end, True)
            elif previous is not None:
                c.kind, c.noun = previous.kind, NounPhrase(previous.subject_side, c.noun.end, True)
    return [c for c in candidates if c.kind is not None or c.noun.side is not None]


def _subject(
    candidate: _Candidate,
    quote: Attribution | None,
    last_subject: str | None,
    claims: list[Claim],
    folded_text: str,
    s_start: int,
) -> str:
    """Whose people a candidate counts: its noun's side, or what the quote, the sentence or earlier
    claims imply.
    """
    subject, kind = candidate.noun.side, candidate.kind
    if (
        quote is not None
        and quote.side in ("government", "insurgent", "foreign")
        and _FIRST_PERSON.search(folded_text[candidate.start : candidate.noun.end])
    ):
        subject = quote.side  # "we have lost 12 of our men," a commander said
    if (
        subject == "any"
        and last_subject
        and _OTHERS.match(folded_text, s_start + candidate.quantity.end)
    ):
        subject = last_subject  # "three policemen were wounded and two others are missing"
    if subject is None:
        earlier = next((c.subject_side for c in reversed(claims) if c.kind == kind), None)
        subject = "insurgent" if kind == "attackers" else (last_subject or earlier or "any")
    return subject


def _claimant(
    attribution: Attribution | None, passive: bool, outlet: str | None
) -> tuple[str | None, str]:
    """(claimant, side): the attributed speaker; else unattributed in a passive sentence, else the
    outlet's own.
    """
    if attribution is not None and attribution.side is not None:
        return attribution.speaker, attribution.side
    if passive:
        return None, "unattributed"
    return outlet, "media"


def extract_claims(document: Document, actors: Actors, outlet: str | None = None) -> list[Claim]:
    """All claims in one article, with offsets into its stored text."""
    text, folded_text = document.text, document.folded
    speakers = Speakers(actors)
    claims: list[Claim] = []
    unconfirmed = any(w in folded_text for w in ("confirm", "verif", "reconcil")) and bool(
        _CONFIRMATION_DENIED.search(folded_text)
    )
    incident_key = "main"
    for paragraph in document.paragraphs:
        unread_quotes = deque(quote_speakers(text, paragraph.start, paragraph.end))
        quotes = Quotes()
        last_subject: str | None = None
        for s_start, s_end in paragraph.sentences:
            sentence = text[s_start:s_end]
            while unread_quotes and unread_quotes[0][0] < s_end:
                q_start, q_end, phrase = unread_quotes.popleft()
                quotes.add(
                    Attribution(
                        q_start, q_end, *resolve_speaker(phrase, actors, speakers), leading=True
                    )
                )
            folded_sentence = folded_text[s_start:s_end]
            candidates = _sentence_candidates(
                folded_text, s_start, folded_sentence, actors, claims[-1] if claims else None
            )
            if not candidates:
                speakers.pending.append((sentence, None))
                speakers.pending.append((None, quotes.unremembered()))
                continue
            sentence_incident = (
                background_key(folded_sentence[dateline_end(sentence) :]) or "main"
            )  # keyed as describe_incidents keys it
            attributions = attributions_in(sentence, actors, speakers)
            passive = _PASSIVE.search(folded_sentence) is not None
            for candidate in candidates:
                quantity, kind, subject = candidate.quantity, candidate.kind, candidate.noun.side
                if kind is None:
                    last_subject = subject
                    continue
                quote = quotes.around(candidate.start)
                subject = last_subject = _subject(
                    candidate, quote, last_subject, claims, folded_text, s_start
                )
                claimant, claimant_side = _claimant(
                    quote or pick_attribution(attributions, quantity.start), passive, outlet
                )
                claims.append(
                    Claim(
                        kind=kind,
                        subject_side=subject,
                        value=quantity.value,
                        value_low=quantity.value_low,
                        value_high=quantity.value_high,
                        qualifier=quantity.qualifier,
                        claimant=claimant,
                        claimant_side=claimant_side,
                        evidence=sentence,
                        span_start=s_start,
                        span_end=s_end,
                        incident_key=sentence_incident,
                        confirmed=False
                        if unconfirmed and sentence_incident == incident_key
                        else None,
                    )
                )
            speakers.pending.append((None, attributions + quotes.unremembered()))
    return _merge_duplicates(claims)
