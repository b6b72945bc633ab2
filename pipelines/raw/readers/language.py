"""The language of an article: as its source states it (front matter, JSON, the page's `lang`),
else detected from its text with py3langid, whose model ships inside the package.

Codes are ISO 639-1 ("en", "de"), ISO 639-3 where a language has no two-letter code, and "und"
(undetermined) when neither the source nor the detector can tell.
"""

from __future__ import annotations

import functools

import pycountry

# the detector reads the opening of a text: enough to decide, and a long article costs no more
DETECTION_CHARS = 2000
# below this confidence (py3langid's normalized probability), the language is "und"
MIN_CONFIDENCE = 0.5
UNDETERMINED = "und"


def iso_code(given: str | None) -> str | None:
    """A stated language as an ISO 639 code ("en-US", "eng", "English" -> "en"); None when it
    names no language.
    """
    key = (given or "").strip().replace("_", "-").split("-")[0].lower()
    if not key.isalpha():
        return None
    languages = pycountry.languages
    found = (
        languages.get(alpha_2=key)
        if len(key) == 2
        else (languages.get(alpha_3=key) or languages.get(bibliographic=key))
        if len(key) == 3
        else languages.get(name=key.capitalize())
    )
    if found is None:
        return None
    return getattr(found, "alpha_2", None) or found.alpha_3


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(
        MODEL_FILE, norm_probs=True, min_confidence=MIN_CONFIDENCE
    )


def detect_language(text: str) -> str:
    """The language of a text's opening, or "und" when the detector is not confident."""
    language, _ = _identifier().classify(text[:DETECTION_CHARS])
    return iso_code(language) or language


def article_language(given: str | None, text: str) -> tuple[str, str]:
    """(code, where it came from: "given" or "detected")."""
    stated = iso_code(given)
    if stated is not None and stated != UNDETERMINED:
        return stated, "given"
    return detect_language(text), "detected"
