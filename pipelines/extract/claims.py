"""Extract casualty and force-size claims from article text, each attributed to its claimant.

The rules follow how a conflict-data coder reads a report: find every count of people,
decide what happened to them (kind) and whose people they are (subject side) from the
words around the number, then find who says so (the speaker of the quote or clause that
holds the number, pronouns resolved to the last named speaker). Pure functions only.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace

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
from pipelines.extract.counted import NounPhrase, harm_kind, noun_phrase
from pipelines.extract.document import Document, Paragraph
from pipelines.extract.events import EventSegmenter
from pipelines.extract.matching import folded
from pipelines.extract.numbers import Quantity, find_quantities

EXTRACTOR_VERSION = "claims-0.6.0"

_PASSIVE = folded(
    r"\b(?:(?:is|are|was|were|been)\s+(?:also\s+)?(?:reported(?:ly)?|said|believed|thought|feared|understood|estimated)\b|reportedly|according\s+to\s+reports)",
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
    # the actors named, by their canonical names ("Taliban", "Turkey"): whose claim, whose people
    claimant_actor: str | None = None
    subject_actor: str | None = None
    extractor_version: str = EXTRACTOR_VERSION
    mentions: int = 1


# the furthest a reporting verb can stand from where _LEADING, or _TRAILING and _CLAUSE_LEADING at a
# comma,


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


# one person and the others with them: "a senior officer and seven others" are eight
_PERSON_AND_BEFORE = folded(r"\b(?:a|an|one)\s+(?P<person>(?:[\w’'-]+\s+){1,4}?)and\s+$")
_FIRST_PERSON = folded(r"\b(?:our|ours)\b")
# a speaker right after the counted noun, its comma missing: "15 soldiers local officials said"
_SPEAKER_AFTER_NOUN = folded(
    r"\s+(?!(?:who|whom|whose|which|that|and|but)\b)"
    r"(?P<speaker>(?:[\w’'.-]+\s+){0,2}[\w’'.-]+)\s+(?:said|says|say|told|reported)\b"
)
# what others claim, inside a quotation: "reports are circulating claiming that 9 died"
_RELAYED = folded(r"\b(?:claiming|alleging|rumou?rs?|reports?)\s+(?:that\s+)?$")
# a count that adds to the last sentence's report: "Four soldiers were also wounded"
_ALSO = folded(r"\b(?:were|was|are|have|had)\s+also\b|\balso\s+(?:killed|wounded|injured)\b")
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
        noun = noun_phrase(text, s_start + quantity.end, actors)
        if noun.side == "any" and _OTHERS.match(text, s_start + quantity.end):
            quantity, noun, person = _with_the_person(text, q_start, quantity, noun, actors)
            while candidates and person is not None and candidates[-1].start >= person:
                candidates.pop()  # "one man and two others": the man is counted with them
        if noun.people:
            candidates.append(
                _Candidate(
                    quantity,
                    q_start,
                    noun,
                    harm_kind(text, q_start, noun),
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
        elif prev and prev.kind and _CONJUNCTION_GAP.match(text[prev.noun.end : c.start]):
            c.kind = prev.kind  # "the blast killed seven policemen and three civilians"
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


def _with_the_person(
    text: str, q_start: int, quantity: Quantity, noun: NounPhrase, actors: Actors
) -> tuple[Quantity, NounPhrase, int | None]:
    """ "A senior officer and seven others": the count with the person before it (eight), whose
    noun says whose people they are, and where the person's phrase starts; else the count as it
    stands."""
    before = _PERSON_AND_BEFORE.search(text, max(0, q_start - 60), q_start)
    person = actors.subject_re.search(before.group("person")) if before else None
    if person is None:
        return quantity, noun, None
    side = actors.subject_side(person.group(0)) or noun.side
    one_more = {
        name: getattr(quantity, name) + 1
        for name in ("value", "value_low", "value_high")
        if getattr(quantity, name) is not None
    }
    return (
        replace(quantity, **one_more),
        NounPhrase(side, noun.end, True, noun.kind),
        before.start(),
    )


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


def extract_claims(
    document: Document,
    actors: Actors,
    outlet: str | None = None,
    events: dict[int, str] | None = None,
) -> list[Claim]:
    """All claims in one article, with offsets into its stored text; `events` says which event
    each sentence tells of (by default, as EventSegmenter reads it without a gazetteer)."""
    events = EventSegmenter().keys(document) if events is None else events
    return _ArticleReader(document, actors, outlet, events).read()


class _ArticleReader:
    """One article read paragraph by paragraph, sentence by sentence: its claims, and the speakers a
    later pronoun or quote refers back to."""

    def __init__(
        self, document: Document, actors: Actors, outlet: str | None, events: dict[int, str]
    ):
        self.document, self.actors, self.outlet, self.events = document, actors, outlet, events
        self.speakers = Speakers(actors)
        self.claims: list[Claim] = []
        # the claimant of the last sentence's claims, in this paragraph, if it named one
        self.carried: tuple[str | None, str] | None = None
        folded_text = document.folded
        self.unconfirmed = any(w in folded_text for w in ("confirm", "verif", "reconcil")) and bool(
            _CONFIRMATION_DENIED.search(folded_text)
        )

    def read(self) -> list[Claim]:
        for paragraph in self.document.paragraphs:
            self._paragraph(paragraph)
        return _merge_duplicates(self.claims)

    def _paragraph(self, paragraph: Paragraph) -> None:
        unread_quotes = deque(quote_speakers(self.document.text, paragraph.start, paragraph.end))
        quotes = Quotes()
        last_subject: str | None = None
        self.carried = None
        for s_start, s_end in paragraph.sentences:
            while unread_quotes and unread_quotes[0][0] < s_end:
                q_start, q_end, phrase = unread_quotes.popleft()
                speaker = resolve_speaker(phrase, self.actors, self.speakers)
                quotes.add(Attribution(q_start, q_end, *speaker, leading=True))
            last_subject = self._sentence(s_start, s_end, quotes, last_subject)

    def _claim(
        self,
        candidate: _Candidate,
        subject: str,
        claimant: tuple[str | None, str],
        s_start: int,
        s_end: int,
    ) -> Claim:
        """The claim a candidate count makes, with the actors its claimant and its noun name."""
        quantity, incident = candidate.quantity, self.events.get(s_start, "main")
        return Claim(
            kind=candidate.kind,
            subject_side=subject,
            value=quantity.value,
            value_low=quantity.value_low,
            value_high=quantity.value_high,
            qualifier=quantity.qualifier,
            claimant=claimant[0],
            claimant_side=claimant[1],
            evidence=self.document.text[s_start:s_end],
            span_start=s_start,
            span_end=s_end,
            incident_key=incident,
            confirmed=False if self.unconfirmed and incident == "main" else None,
            claimant_actor=self.actors.actor(claimant[0]) if claimant[1] != "media" else None,
            subject_actor=self.actors.actor(
                self.document.text[candidate.start : candidate.noun.end]
            ),
        )

    def _frame_of(
        self,
        candidate: _Candidate,
        quote: Attribution | None,
        attributions: list[Attribution],
        s_start: int,
    ) -> tuple[Attribution | None, bool]:
        """The frame whose words hold a count, and whether it is relayed: a quote's speaker who
        tells what others claim ("fake news claiming that 9 died") is not its claimant; a frame
        inside the quote is, else no one (unattributed)."""
        inner = pick_attribution(attributions, candidate.quantity.start)
        if quote is None:
            return inner or self._speaker_right_after(candidate), False
        before = (max(s_start, candidate.start - 40), candidate.start)
        if _RELAYED.search(self.document.folded, *before) is None:
            return quote, False
        return (inner if inner is not None and inner.start > quote.start else None), True

    def _speaker_right_after(self, candidate: _Candidate) -> Attribution | None:
        """A speaker whose comma is missing: "killed 15 soldiers local officials said" (only an
        actor or a role, within three words of the counted noun)."""
        m = _SPEAKER_AFTER_NOUN.match(self.document.folded, candidate.noun.end)
        if m is None:
            return None
        phrase = self.document.text[m.start("speaker") : m.end("speaker")]
        if self.actors.speaker_side(phrase) is None:
            return None
        claimant, side = resolve_speaker(phrase, self.actors, self.speakers)
        return Attribution(m.start(), m.end(), claimant, side, False)

    def _sentence(
        self, s_start: int, s_end: int, quotes: Quotes, last_subject: str | None
    ) -> str | None:
        """The sentence's claims appended; returns whose people the paragraph counted last."""
        sentence, folded_sentence = (
            self.document.text[s_start:s_end],
            self.document.folded[s_start:s_end],
        )
        previous = self.claims[-1] if self.claims else None
        candidates = _sentence_candidates(
            self.document.folded, s_start, folded_sentence, self.actors, previous
        )
        if not candidates:
            self.carried = None  # a report carries over to the very next sentence only
            self.speakers.pending.append((sentence, None))
            self.speakers.pending.append((None, quotes.unremembered()))
            return last_subject
        attributions = attributions_in(sentence, self.actors, self.speakers)
        passive = _PASSIVE.search(folded_sentence) is not None
        carried, self.carried = self.carried, None
        for candidate in candidates:
            if candidate.kind is None:
                last_subject = candidate.noun.side
                continue
            quote = quotes.around(candidate.start)
            subject = last_subject = _subject(
                candidate, quote, last_subject, self.claims, self.document.folded, s_start
            )
            attribution, relayed = self._frame_of(candidate, quote, attributions, s_start)
            claimant = _claimant(attribution, passive or relayed, self.outlet)
            if attribution is None and carried and _ALSO.search(folded_sentence):
                claimant = carried  # "X said seven were killed. Four were also wounded."
            self.claims.append(self._claim(candidate, subject, claimant, s_start, s_end))
            if claimant[1] not in ("media", "unattributed"):
                self.carried = claimant
        self.speakers.pending.append((None, attributions + quotes.unremembered()))
        return last_subject
