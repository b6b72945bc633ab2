"""Incidents: what events an article's claims describe, and one reconciled record per real event.

`describe_incidents` reads one article: its main event and the earlier events it mentions,
each with a date (never a day the text does not give), a place resolved through the
gazetteer, a target and a perpetrator. `recluster` merges the same event reported by
several articles; sql/load/incoming_incidents.sql computes each event's low/best/high casualty
estimates from the competing claims.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass

from pipelines.extract.actors import Actors
from pipelines.extract.document import Document, dateline_end
from pipelines.extract.events import EventSegmenter, Located
from pipelines.extract.matching import Guarded, fold, folded, matches_at_hints, whole_words
from pipelines.extract.trie import trie_pattern
from pipelines.reference.gazetteer import Areas, Gazetteer, Hit, Place

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

_TARGET = folded(
    r"\b(?P<target>(?:(?:army|military|police|security|border|government|district|checkpoint)\s+)?"
    r"(?:base|outpost|checkpoint|check\s+post|security\s+post|post|compound|convoy|headquarters|barracks|garrison|camp|airport|prison|hotel|mosque|market))(?:s|es)?\b",
)
# lookbehind: "claimed" starts a word
_RESPONSIBILITY = Guarded(
    folded(r"claimed(?<!\wclaimed)\s+responsibility"), any_of=("responsibility",)
)
_ATTACK_VERB = (
    r"(?:stormed|attacked|attack|attacks|killed|overran|overrun|targeted|launched|ambushed"
    r"|assaulted|raided|seized|captured|bombed)"
)
_RELATIVE_DAY = folded(
    rf"\b(?:(?P<overnight>overnight|last\s+night|this\s+morning|today|tonight|earlier\s+today)"
    rf"|(?P<yesterday>yesterday)"
    rf"|(?P<last_week>last\s+week)|(?P<this_week>(?:earlier\s+)?this\s+week)"
    rf"|(?:on|late|early|last)\s+(?P<weekday>{'|'.join(WEEKDAYS)})|(?P<weekday_pos>{'|'.join(WEEKDAYS)})['’]s"
    rf"|(?P<month>{'|'.join(MONTHS)})\s+(?P<day>\d{{1,2}})\b)",
)
# the words a _RELATIVE_DAY match starts with: it is tried only where one stands
_RELATIVE_DAY_STARTS = [
    "overnight",
    "last",
    "this",
    "today",
    "tonight",
    "earlier",
    "yesterday",
    "on",
    "late",
]
_RELATIVE_DAY_HINT = folded(
    rf"\b(?:{trie_pattern([*_RELATIVE_DAY_STARTS, 'early', *WEEKDAYS, *MONTHS])})\b"
)


# the opening of a sentence that starts with a place: "In the town of ", "Near "
_FRONTED = folded(r"\s*(?:in|near|outside|around|inside|at)\s+(?:the\s+)?(?:[\w'-]+\s+){0,4}")
_REPORTING_BEFORE = folded(r"\b(?:said|says|told\s+[\w\s]{0,20}?|reported|announced|confirmed)\s+$")
_ATTACK_WORD = folded(rf"\b{_ATTACK_VERB}\b")


# a date with its year: "29 April 2021", "April 18, 2019"
_FULL_DATE = folded(
    rf"\b(?:(?P<day>\d{{1,2}})\s+(?P<month>{'|'.join(MONTHS)})|(?P<month2>{'|'.join(MONTHS)})"
    rf"\s+(?P<day2>\d{{1,2}}),?)\s+(?P<year>(?:19|20)\d\d)\b"
)


def _dated_in_text(text: str) -> tuple[dt.date | None, str]:
    """The first date the text gives with its year: an article without a publication date still
    dates its events."""
    for m in _FULL_DATE.finditer(fold(text)):
        month = MONTHS.index(m.group("month") or m.group("month2")) + 1
        try:
            return dt.date(
                int(m.group("year")), month, int(m.group("day") or m.group("day2"))
            ), "day"
        except ValueError:
            continue
    return None, "unknown"


def _event_date(text: str, published: dt.date | None) -> tuple[dt.date | None, str]:
    """Day of the main event from relative words and the publication date, else from a full date
    in the text; never invented."""
    if published is None:
        return _dated_in_text(text)
    # the day of the report ("officials said on Saturday") is not the day of the event; a named day
    # ("on Monday night") is more precise than "overnight"
    text = fold(text)
    mentions = [
        m
        for m in matches_at_hints(_RELATIVE_DAY, _RELATIVE_DAY_HINT, text)
        if not _REPORTING_BEFORE.search(text, max(0, m.start() - 25), m.start())
    ]
    m = next((m for m in mentions if not m.group("overnight")), mentions[0] if mentions else None)
    if m is None:
        return None, "unknown"
    if m.group("overnight"):
        return published, "day"
    if m.group("yesterday"):
        return published - dt.timedelta(days=1), "day"
    if m.group("last_week") or m.group("this_week"):
        monday = published - dt.timedelta(days=published.weekday())
        return (monday - dt.timedelta(days=7) if m.group("last_week") else monday), "week"
    weekday = m.group("weekday") or m.group("weekday_pos")
    if weekday:
        back = (published.weekday() - WEEKDAYS.index(weekday.lower())) % 7
        return published - dt.timedelta(days=back), "day"
    month, day = MONTHS.index(m.group("month").lower()) + 1, int(m.group("day"))
    try:
        candidate = dt.date(published.year, month, day)
    except ValueError:
        return None, "unknown"
    return (
        candidate if candidate <= published else candidate.replace(year=published.year - 1)
    ), "day"


def _background_date(key: str, published: dt.date | None) -> tuple[dt.date | None, str]:
    """'in april' / 'in 2016' / 'last year' relative to the publication date."""
    if year := re.search(r"(19|20)\d\d", key):
        return dt.date(int(year.group(0)), 1, 1), "year"
    if published is None:
        return None, "unknown"
    if "last year" in key:
        return dt.date(published.year - 1, 1, 1), "year"
    if "last month" in key:
        first = published.replace(day=1) - dt.timedelta(days=1)
        return first.replace(day=1), "month"
    month = next((i + 1 for i, name in enumerate(MONTHS) if name in key), None)
    if month is None:
        return None, "unknown"
    year = published.year if month <= published.month else published.year - 1
    return dt.date(year, month, 1), "month"


def _perpetrator(text: str, actors: Actors) -> str | None:
    """The armed group that claimed the attack, was blamed for it, or is said to have attacked;
    named as the text names it.
    """
    low = fold(text)
    for m in _RESPONSIBILITY.finditer(low):
        clause = max(max(0, m.start() - 80), *(low.rfind(mark, 0, m.start()) + 1 for mark in ".,;"))
        found = [
            a
            for a in actors.speaker_re.finditer(low[clause : m.start()])
            if actors.speaker_side(a.group(0)) == "insurgent"
            and not a.group(0).endswith(("-linked", "-affiliated"))
        ]
        if found:
            return _actor_name(text[clause + found[-1].start() : clause + found[-1].end()])
    for m in _BLAMED.finditer(low):
        found = [
            a
            for a in actors.speaker_re.finditer(low, m.end(), m.end() + 40)
            if actors.speaker_side(a.group(0)) == "insurgent"
        ]
        if found:
            return _actor_name(text[found[0].start() : found[0].end()])
    for m in actors.speaker_re.finditer(low):
        if actors.speaker_side(m.group(0)) != "insurgent" or _GENERIC_INSURGENTS.fullmatch(
            m.group(0)
        ):
            continue
        if _ATTACKS_AFTER.match(low, m.end()):
            return _actor_name(text[m.start() : m.end()])
    return None


def _actor_name(alias: str) -> str:
    name = re.sub(r"(?:'s|’s)$", "", alias.strip())
    name = re.sub(r"\s+(?:fighters|militants|insurgents|forces)$", "", name, flags=re.IGNORECASE)
    return name[0].upper() + name[1:] if name.islower() else name


_GENERIC_INSURGENTS = folded(
    r"(?:militants?|insurgents?|fighters|gunmen|attackers|assailants|extremists|jihadists|rebels"
    r"|terrorists|bombers|militant group|insurgent group|armed group)",
)
_BLAMED = Guarded(folded(whole_words(["blamed", "accused"])), any_of=("blamed", "accused"))
_ATTACKS_AFTER = folded(rf"\s+(?:[\w-]+\s+)?(?:have\s+|had\s+)?{_ATTACK_VERB}\b")


@dataclass
class IncidentMention:
    article_id: str
    incident_key: str
    event_date: dt.date | None
    date_precision: str
    place: Place
    target: str | None
    perpetrator: str | None


@dataclass(frozen=True)
class ArticleEvents:
    """Where an article is, and which event each of its sentences tells of."""

    countries: list[str]  # the article's country, when the gazetteer finds one
    keys: dict[int, str]  # sentence start -> event key (see EventSegmenter)
    hits: list[Hit]  # the gazetteer's names in the article, in order
    areas: Areas  # the subdivisions it places things in (named_areas)

    def hits_in(self, spans: list[tuple[int, int]]) -> list[Hit]:
        """The names within these spans of the text."""
        starts = [h.start for h in self.hits]
        return [hit for start, end in spans for hit in _between(self.hits, starts, start, end)]

    def place_in(self, gazetteer: Gazetteer, told: list[tuple[int, int, str]]) -> Place | None:
        """The place that the names in these (start, end, sentence) give."""
        return gazetteer.place_of(self.hits_in([(s, e) for s, e, _ in told]), self.countries,
                                  self.areas)  # fmt: skip

    @classmethod
    def read(
        cls, document: Document, gazetteer: Gazetteer, not_places: frozenset[str] = frozenset()
    ) -> ArticleEvents:
        """`not_places`: keys of names that are not places here (see `name_keys`)."""
        # the prose only: a caption's or a link's places are not the article's
        hits = gazetteer.find(
            document.text, not_places, [(p.start, p.end) for p in document.paragraphs]
        )
        countries = gazetteer.article_countries(hits)[:1]
        areas = gazetteer.named_areas(hits, countries)
        starts = [h.start for h in hits]
        first_sentence = document.paragraphs[0].sentences[0][0] if document.paragraphs else -1

        def locate(start: int, end: int) -> Located | None:
            inside = _between(hits, starts, start, end)
            found = gazetteer.event_place(inside, countries, areas) if inside else None
            if found is None:
                return None
            place, first = found
            area = f"{place.country_code}:{place.admin1 or ''}"
            # only the first sentence can open with a dateline
            skip = dateline_end(document.text[start:end]) if start == first_sentence else 0
            opening = document.folded[start + skip : first.start]
            return Located(
                area,
                f"{area}:{place.admin2 or place.place or ''}",
                bool(_FRONTED.fullmatch(opening)),
            )

        return cls(countries, EventSegmenter(locate).keys(document), hits, areas)


def _between(hits: list[Hit], starts: list[int], start: int, end: int) -> list[Hit]:
    """The names (in text order, with their `starts`) that begin within start..end."""
    return hits[bisect_left(starts, start) : bisect_left(starts, end)]


def describe_incidents(
    article_id: str,
    document: Document,
    published: dt.date | None,
    claims: list[tuple[str, int]],
    actors: Actors,
    gazetteer: Gazetteer,
    events: ArticleEvents,
) -> list[IncidentMention]:
    """The main event and each other event the article mentions (with or without claims).

    `claims` holds (incident_key, span_end) of the article's claims. An event told apart from the
    main one only by its day ("On Saturday, ...") lies where the main event does unless its
    sentences say otherwise.
    """
    main, background = _sentences_by_event(document, {k for k, _ in claims}, events.keys)
    main_mention = _main_mention(article_id, main, published, claims, actors, gazetteer, events)
    mentions = []
    if "main" in {k for k, _ in claims} or not background:
        mentions.append(main_mention)
    for key, told in background.items():
        joined = " ".join(sentence for _, _, sentence in told)
        date, precision = _background_date(key, published)
        # "Meanwhile, in Baghlan ...": another event, dated like the main one
        if precision == "unknown":
            date, precision = _event_date(joined, published)
        perpetrator = _perpetrator(joined, actors)
        place = _other_place(key, told, main_mention.place, gazetteer, events)
        mentions.append(_mention(article_id, key, joined, date, precision, perpetrator, place))
    return mentions


def _other_place(
    key: str,
    told: list[tuple[int, int, str]],
    main: Place,
    gazetteer: Gazetteer,
    events: ArticleEvents,
) -> Place:
    """Where another event lies: where its sentences say; an event told apart from the main one
    only by its day, where the main one does unless they name another country."""
    place = events.place_in(gazetteer, told)
    if key.startswith("day:") and (
        place is None or (place.precision == "country" and place.country_code == main.country_code)
    ):
        return main
    return place or gazetteer.country_place(events.countries)


def _main_mention(
    article_id: str,
    main: list[tuple[int, int, str]],
    published: dt.date | None,
    claims: list[tuple[str, int]],
    actors: Actors,
    gazetteer: Gazetteer,
    events: ArticleEvents,
) -> IncidentMention:
    # the place of the main event is named near the top, before the background paragraphs
    last_claim = max((end for k, end in claims if k == "main"), default=None)
    lead_told = [t for t in main if last_claim is None or t[0] < last_claim] or main
    lead = " ".join(sentence for _, _, sentence in lead_told)
    whole = " ".join(sentence for _, _, sentence in main)
    date, precision = _event_date(lead, published)
    # told after the claims ("The attack on Monday night lasted hours")
    if precision == "unknown":
        date, precision = _event_date(whole, published)
    perpetrator = _perpetrator(whole, actors)  # the lead opens `whole`: its names come first
    place = _main_place(lead_told, main, gazetteer, events)
    return _mention(article_id, "main", lead, date, precision, perpetrator, place)


def _main_place(
    lead: list[tuple[int, int, str]],
    main: list[tuple[int, int, str]],
    gazetteer: Gazetteer,
    events: ArticleEvents,
) -> Place:
    """Where the main event lies: the place its lead names, unless that is no more than a country
    and its later sentences say more ("The attack happened at a base in Borno state")."""
    place = events.place_in(gazetteer, lead)
    if place is None or place.precision == "country":
        whole = events.place_in(gazetteer, main)
        if whole is not None and (place is None or whole.country_code == place.country_code):
            place = whole
    return place or gazetteer.country_place(events.countries)


def _sentences_by_event(
    document: Document, keys: set[str], events: dict[int, str]
) -> tuple[list[tuple[int, int, str]], dict[str, list[tuple[int, int, str]]]]:
    """(start, end, sentence) of the main event's sentences, and of each other event's: one told
    with claims, or an earlier attack told without (a period, "since 2001", only with a tally)."""
    main: list[tuple[int, int, str]] = []
    background: dict[str, list[tuple[int, int, str]]] = {}
    for s_start, s_end in document.sentences():
        sentence = document.text[s_start:s_end]
        skipped = dateline_end(sentence)
        told = (s_start + skipped, s_end, sentence[skipped:])
        key = events.get(s_start, "main")
        if key == "main":
            main.append(told)
        elif key in keys or (key.startswith("background:") and _ATTACK_WORD.search(fold(told[2]))):
            background.setdefault(key, []).append(told)
    return main, background


def _mention(
    article_id: str,
    key: str,
    text: str,
    date: dt.date | None,
    precision: str,
    perpetrator: str | None,
    place: Place,
) -> IncidentMention:
    """An event's mention, its target read off the text that tells of it."""
    target = _TARGET.search(fold(text))
    return IncidentMention(
        article_id,
        key,
        date,
        precision,
        place,
        target.group("target") if target else None,
        perpetrator,
    )
