"""Properties of extraction on generated and mutated text: it never raises, and every span slices
the text.
"""

import datetime as dt
import functools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.staging.mentions import ArticleExtractor

# pieces of conflict reporting, joined at random: numbers, hedges, speakers, quotes, dates and
# places collide
PIECES = [
    "At least",
    "more than",
    "some",
    "between",
    "and",
    "twenty-five",
    "12",
    "1,200",
    "a dozen",
    "dozens of",
    "-5",
    "1e309",
    "soldiers",
    "fighters",
    "civilians",
    "police officers",
    "were killed",
    "wounded",
    "captured",
    "died",
    "said",
    "the army said",
    "officials told Reuters",
    "according to the ministry",
    "\u201cWe lost 7 of our men,\u201d he said",
    '"',
    "\u201d",
    ",",
    ".",
    ";",
    ":",
    "\n",
    "\n\n",
    "Taliban",
    "al-Shabaab",
    "Kandahar province",
    "on Monday",
    "last month",
    "in another attack",
    "the government controls 60% of districts",
    "the rest is contested",
    "(",
    ")",
]
TEXT = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join),
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map(" ".join),
)


@functools.cache
def _extractor() -> ArticleExtractor:
    return ArticleExtractor.load()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=TEXT,
    title=st.one_of(st.none(), st.text(max_size=30)),
    published=st.one_of(st.none(), st.dates()),
)
def test_extraction_never_raises_and_its_spans_slice_the_text(text, title, published):
    article = {
        "article_id": "art_x",
        "text": text,
        "title": title,
        "outlet": "Outlet",
        "published": published,
        "language": "en",
    }
    claims, incidents, statements, _ = _extractor()(article)
    for claim in claims:
        assert text[claim["span_start"] : claim["span_end"]] == claim["evidence"]
        assert claim["value"] >= 0
        assert claim["value_low"] is None or claim["value_low"] <= claim["value"]
    for statement in statements:
        assert text[statement["span_start"] : statement["span_end"]] == statement["evidence"]
    assert len({c["claim_id"] for c in claims}) == len(claims)
    assert {c["incident_key"] for c in claims} <= {i["incident_key"] for i in incidents}


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_mutated_real_sentence_never_breaks_extraction(data):
    base = (
        "KABUL (Reuters) - Taliban fighters killed at least 14 soldiers in Kandahar on Monday, "
        "the defence "
        "ministry said. \u201cWe lost 3 of our men,\u201d a commander told the agency."
    )
    cut = data.draw(st.integers(0, len(base)))
    insert = data.draw(st.text(max_size=20))
    text = base[:cut] + insert + base[cut + data.draw(st.integers(0, 10)) :]
    claims, _, _, _ = _extractor()(
        {
            "article_id": "a",
            "text": text,
            "title": None,
            "outlet": None,
            "published": dt.date(2020, 1, 1),
            "language": "en",
        }
    )
    assert all(text[c["span_start"] : c["span_end"]] == c["evidence"] for c in claims)
