"""Separate article prose from page furniture (credits, captions, ads, bylines, link lists).

Works line by line and returns character spans into the stored text, so evidence offsets
computed on the kept paragraphs stay valid offsets into `raw.articles.text`.
"""

from __future__ import annotations

import re

_FURNITURE_LINE = re.compile(
    r"""^(?:
        image\s+(?:source|copyright)\b.*            # photo credits
      | (?:image\s+)?caption\b.*
      | advertisement|story\s+continues\s+below.*|continue\s+reading.*
      | (?:most\s+read|related|read\s+more|recommended|trending|more\s+from|top\s+stories)\b.*
      | (?:share|comments?|leave\s+a\s+comment|sign\s+up|subscribe|follow\s+us|click\s+here)\b.*
      | by\s*\|.*|by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*$
      | published:.*|updated:.*|last\s+updated.*
      | file\s*(?:-|–|photo).*                      # wire-photo captions
      | \(?(?:writing|reporting|editing|additional\s+reporting)\s+by\b.*
      | (?:associated\s+press|ap|reuters|afp)
        \s+(?:writer|writers|reporter|correspondent|journalist)s?\s.*contributed.*
      | .{0,80}\bcontributed\s+(?:to\s+)?(?:this\s+)?(?:report|reporting)\b.*
      | source:.*|_{3,}|-{3,}|\*{3,}
      | copyright\b.*|©.*|all\s+rights\s+reserved.*
      | photo(?:graph)?:.*|photo\s+credit.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_CREDIT_TAIL = re.compile(r"(?:\(?AP Photo\b[^)]*\)?|Getty Images|AFP Photo|Reuters/[\w ]+)\s*$")
# one must occur for _CREDIT_TAIL to match
_CREDIT_MARKS = (
    "AP Photo",
    "Getty Images",
    "AFP Photo",
    "Reuters/",
)
# a wire story's credits at the end of its last paragraph: "said. (Reporting by A; Editing by B)"
_TRAILING_CREDIT = re.compile(
    r"\s*\((?:additional\s+)?(?:reporting|writing|editing)\s+by\b[^()]*\)\s*$", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*$""")
_CAPTION_MARKER = re.compile(r"^(?:image\s+)?caption\b", re.IGNORECASE)


def is_furniture(line: str, title: str | None = None) -> bool:
    """True for a line of page furniture rather than article prose."""
    stripped = line.strip()
    if not stripped:
        return True
    if title and stripped.rstrip(" .") == title.strip().rstrip(" ."):
        return True  # headline repeated at the top of the body
    if _FURNITURE_LINE.match(stripped) or (
        any(mark in stripped for mark in _CREDIT_MARKS) and _CREDIT_TAIL.search(stripped)
    ):
        return True
    # headlines of link lists, scores, section labels: short and without a sentence end
    return not _SENTENCE_END.search(stripped) and len(stripped.split()) <= 14


def body_spans(text: str, title: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of every prose line of `text`; captions after a caption marker are
    dropped too.
    """
    spans: list[tuple[int, int]] = []
    drop_next = False
    pos = 0
    for line in text.splitlines(keepends=True):
        start, content = pos, line.rstrip("\r\n")
        pos += len(line)
        if not content.strip():
            continue
        if drop_next:
            drop_next = False
            continue
        if _CAPTION_MARKER.match(content.strip()):
            # a bare "Image caption," marker puts the caption text on the next line
            drop_next = content.strip().rstrip(",: ").lower() in ("caption", "image caption")
            continue
        if "by" in content and (credit := _TRAILING_CREDIT.search(content)):
            content = content[: credit.start()]
        if is_furniture(content, title):
            continue
        lead = len(content) - len(content.lstrip())
        spans.append((start + lead, start + len(content.rstrip())))
    return spans
